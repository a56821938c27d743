// Plan: what a deploy would do, from what is deployed (helm list, helm get values) against what
// would be deployed (pinned chart version, rendered values). No change is made.
import type { Helm, HelmRelease } from '../kube/helm'
import { diffValues, normalize, type ValueChange } from './diff'
import type { Component, ComponentName, Values } from './types'

export type PlanAction = 'install' | 'upgrade' | 'unchanged'

export interface ComponentPlan {
  name: ComponentName
  release: string
  namespace: string
  action: PlanAction
  fromVersion?: string
  toVersion: string
  /** A release that exists but is not in a `deployed` state (failed, pending-*). */
  releaseStatus?: string
  changes: ValueChange[]
}

export interface Desired {
  component: Component
  version: string
  values: Values
}

export function chartVersionOf(release: HelmRelease, chartName: string): string {
  return release.chart.startsWith(`${chartName}-`)
    ? release.chart.slice(chartName.length + 1)
    : release.chart
}

export function planComponent(
  d: Desired,
  deployed: HelmRelease | undefined,
  deployedValues: Values | undefined
): ComponentPlan {
  const base = {
    name: d.component.name,
    release: d.component.release,
    namespace: d.component.namespace,
    toVersion: d.version
  }
  const want = normalize(d.values)
  if (!deployed) return { ...base, action: 'install', changes: diffValues({}, want) }
  const fromVersion = chartVersionOf(deployed, d.component.chart.name)
  const changes = diffValues(deployedValues ?? {}, want)
  const same = fromVersion === d.version && changes.length === 0 && deployed.status === 'deployed'
  return {
    ...base,
    action: same ? 'unchanged' : 'upgrade',
    fromVersion,
    ...(deployed.status === 'deployed' ? {} : { releaseStatus: deployed.status }),
    changes
  }
}

export async function computePlan(helm: Helm, desired: Desired[]): Promise<ComponentPlan[]> {
  const releases = await helm.list()
  return Promise.all(
    desired.map(async (d) => {
      const rel = releases.find(
        (r) => r.name === d.component.release && r.namespace === d.component.namespace
      )
      const values = rel ? await helm.getValues(rel.name, rel.namespace) : undefined
      return planComponent(d, rel, values)
    })
  )
}

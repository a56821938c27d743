// Deploys one component: namespace with its labels, prepare step, `helm upgrade --install` only
// when the plan says something changes, rollout waits, extra manifests once the API admits
// them, then the smoke checks.
import { errorText, Rk1Error } from '../common/errors'
import { KubeCommandError, lastLines } from '../kube/errors'
import { helmDriver, type Helm } from '../kube/helm'
import { kubectlDriver, type Kubectl } from '../kube/kubectl'
import type { KubeSession } from '../kube/session'
import { applyWhenAdmitted } from './manifests'
import { describeFailure } from './diagnostics'
import type { ComponentPlan } from './plan'
import type { ResolvedChart } from './chart-source'
import type { Component, ComponentResult, PrepareContext, Values } from './types'

export interface ComponentJob {
  component: Component
  chart: ResolvedChart
  values: Values
  plan: ComponentPlan
}

export interface DeployDeps {
  session: KubeSession
  kubectl: Kubectl
  helm: Helm
  prepare: Omit<PrepareContext, 'namespace'>
}

/** A failed step of one component; the message names the resource and carries its events. */
export class ComponentDeployError extends Rk1Error {}

async function ensureNamespace(kubectl: Kubectl, c: Component): Promise<void> {
  if (c.namespace === 'kube-system') return
  const ns = {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: c.namespace, labels: c.namespaceLabels }
  }
  await kubectl.apply(JSON.stringify(ns))
}

export async function deployComponent(
  job: ComponentJob,
  deps: DeployDeps
): Promise<ComponentResult> {
  const started = Date.now()
  const { component: c, plan } = job
  // Every retry of this component's calls ends with its timeout.
  const deadline = started + deps.prepare.settings.timeoutS * 1000
  const kubectl = kubectlDriver(deps.session, { deadline })
  const helm = helmDriver(deps.session, { deadline })
  const ctx = { ...deps.prepare, kubectl, namespace: c.namespace }
  const fail = async (step: string, error: unknown): Promise<never> => {
    const detail = await describeFailure(kubectl, c.namespace, c.workloads(ctx))
    throw new ComponentDeployError(`${c.name}: ${step} failed${detail ? `\n${detail}` : ''}`, {
      step: `deploy ${c.name}`,
      evidence: error instanceof KubeCommandError ? lastLines(error.stderr, 15) : errorText(error),
      advice: `Inspect with: kubectl -n ${c.namespace} get events; helm -n ${c.namespace} history ${c.release}`
    })
  }
  await ensureNamespace(kubectl, c)
  const prepared = c.prepare ? await c.prepare(ctx) : undefined
  if (plan.action !== 'unchanged') {
    const valuesFile = deps.session.writeFile(`values-${c.name}.json`, JSON.stringify(job.values))
    try {
      await helm.upgradeInstall({
        release: c.release,
        namespace: c.namespace,
        chart: job.chart.chart,
        repo: job.chart.repo,
        version: job.chart.repo ? job.chart.version : undefined,
        valuesFile,
        timeoutS: ctx.settings.timeoutS
      })
    } catch (e) {
      await fail('helm upgrade --install', e)
    }
  }
  for (const w of c.workloads(ctx)) {
    try {
      await kubectl.rolloutStatus(w.kind, w.name, c.namespace, ctx.settings.timeoutS)
    } catch (e) {
      await fail(`rollout of ${w.kind}/${w.name}`, e)
    }
  }
  const checks: ComponentResult['checks'] = []
  if (prepared) {
    for (const w of prepared.restart) {
      try {
        await kubectl.run(['rollout', 'restart', `${w.kind}/${w.name}`, '-n', c.namespace])
        await kubectl.rolloutStatus(w.kind, w.name, c.namespace, ctx.settings.timeoutS)
      } catch (e) {
        await fail(`restart of ${w.kind}/${w.name}`, e)
      }
    }
    checks.push({ ...prepared.check, ok: true })
  }
  const manifests = c.manifests?.(ctx) ?? []
  if (manifests.length > 0) {
    try {
      await applyWhenAdmitted(kubectl, manifests, ctx.settings.timeoutS)
    } catch (e) {
      await fail('applying its resources', e)
    }
  }
  if (c.configure) {
    try {
      const detail = await c.configure.run({ ...ctx, values: job.values })
      checks.push({ name: c.configure.name, ok: true, detail })
    } catch (e) {
      await fail(c.configure.name, e)
    }
  }
  for (const check of c.checks) {
    try {
      checks.push({ name: check.name, ok: true, detail: await check.run(ctx) })
    } catch (e) {
      checks.push({ name: check.name, ok: false, detail: errorText(e) })
    }
  }
  const failed = checks.filter((k) => !k.ok)
  return {
    name: c.name,
    status:
      failed.length > 0
        ? 'failed'
        : plan.action === 'install'
          ? 'installed'
          : plan.action === 'upgrade' || prepared
            ? 'upgraded'
            : 'unchanged',
    chartVersion: job.chart.version,
    durationMs: Date.now() - started,
    checks,
    ...(failed.length > 0
      ? {
          message: `${c.name}: checks failed: ${failed.map((f) => `${f.name}: ${f.detail}`).join('; ')}`
        }
      : {})
  }
}

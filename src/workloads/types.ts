// The component model: what a workload component is (chart, namespace, values, dependencies,
// extra manifests, checks) and what a deploy reports.
import type { DistroName, Inventory } from '../inventory/types'
import type { Kubectl } from '../kube/kubectl'

export type ComponentName =
  'metallb' | 'traefik' | 'ingress-nginx' | 'longhorn' | 'kube-prometheus-stack' | 'metrics-server'

export type IngressController = 'traefik' | 'ingress-nginx'

/** Workload settings; today taken from defaults and action inputs (the inventory has no section). */
export interface WorkloadSettings {
  distro: DistroName
  ingressController: IngressController
  /** Longhorn replica count (volume replicas and the default class). */
  replicas: number
  /** Host names served through the ingress: `<app>.<domain>`. */
  domain: string
  metricsServer: boolean
  /** Helm wait timeout per component, seconds. */
  timeoutS: number
}

/** The data every values function receives. */
export interface ValuesContext {
  inventory: Inventory
  settings: WorkloadSettings
}

export type Values = Record<string, unknown>

/** A workload the product waits on after the chart is installed. */
export interface WorkloadRef {
  kind: 'deployment' | 'daemonset' | 'statefulset'
  name: string
}

export interface CheckContext extends ValuesContext {
  kubectl: Kubectl
  namespace: string
}

export interface PrepareContext extends CheckContext {
  /** Grafana admin password from the input; generated (and masked) when absent. */
  grafanaAdminPassword?: string
  mask(secret: string): void
  /** Records a value to hand back as a (masked) output. */
  output(name: string, value: string): void
}

/** What a post-install configuration step sees: the rendered values included. */
export interface ConfigureContext extends CheckContext {
  values: Values
}

/** A prepare step that changed what running pods read at start: restart them, say why. */
export interface PrepareOutcome {
  restart: WorkloadRef[]
  /** Reported among the result's checks: what changed and that it was applied. */
  check: { name: string; detail: string }
}

export interface Check {
  name: string
  run(ctx: CheckContext): Promise<string>
}

export interface Component {
  name: ComponentName
  /** The pinned chart version (from `inventory.versions.charts` where the inventory has one). */
  chartVersion(inventory: Inventory): string
  release: string
  namespace: string
  chart: { name: string; repo: string }
  /** Namespace labels; pod security `privileged` where host access is needed (Talos: baseline). */
  namespaceLabels: Record<string, string>
  dependsOn: ComponentName[]
  /** Values derived from the inventory, merged over base + distro files. */
  values(ctx: ValuesContext): Values
  /** Every Deployment/DaemonSet/StatefulSet whose rollout must complete. */
  workloads(ctx: ValuesContext): WorkloadRef[]
  /** Manifests applied after the release is ready (custom resources, extra classes). */
  manifests?(ctx: ValuesContext): Record<string, unknown>[]
  /** Runs after the manifests (e.g. Longhorn node disks); reported as a named check. */
  configure?: { name: string; run(ctx: ConfigureContext): Promise<string> }
  /** Runs before the chart (e.g. a Secret the values refer to). */
  prepare?(ctx: PrepareContext): Promise<PrepareOutcome | void>
  checks: Check[]
}

export type ComponentStatus =
  'installed' | 'upgraded' | 'unchanged' | 'failed' | 'skipped' | 'removed'

export interface ComponentResult {
  name: ComponentName
  status: ComponentStatus
  chartVersion: string
  durationMs: number
  checks: { name: string; ok: boolean; detail: string }[]
  /** Failure or skip reason, with resource and events when a rollout failed. */
  message?: string
}

// deploy-workloads as a story: open a private kube session, render what each selected component
// would be, plan against what is deployed, then (unless planning) deploy along the dependency
// graph and report every component on its own.
import { errorText } from '../common/errors'
import type { Logger } from '../common/host'
import type { Inventory } from '../inventory/types'
import { helmDriver } from '../kube/helm'
import { kubectlDriver } from '../kube/kubectl'
import { openKubeSession } from '../kube/session'
import { resolveKubeTools } from '../kube/install'
import type { KubeToolPaths } from '../kube/tools'
import { selectComponents } from './catalog'
import { parseChartSource, resolveChart, type ChartSource } from './chart-source'
import { INGRESS_NGINX_WARNING } from './components/ingress'
import { deployComponent, type ComponentJob } from './deploy-component'
import { runGraph } from './graph'
import { computePlan, type ComponentPlan } from './plan'
import { renderPlanMarkdown } from './plan-markdown'
import { prunable, pruneReleases } from './prune'
import { verifyIngressHosts } from './verify'
import type { ComponentResult, WorkloadSettings } from './types'
import { defaultValuesDir, renderValues } from './values'
import { inputRef } from '../common/input-style'

export interface DeployWorkloadsOptions {
  inventory: Inventory
  settings: WorkloadSettings
  /** `all` or a comma list (the `components` input). */
  components: string
  kubeconfig: string
  plan: boolean
  log: Logger
  mask(secret: string): void
  env: NodeJS.ProcessEnv
  tempDir?: string
  signal?: AbortSignal
  tools?: KubeToolPaths
  /**
   * The Host cacheDir: helm/kubectl missing from RK1_HELM/RK1_KUBECTL and PATH are installed
   * there (pinned by the inventory's versions, checksum-verified). Without it they must exist.
   */
  cacheDir?: string
  chartSource?: ChartSource
  valuesDir?: string
  grafanaAdminPassword?: string
  /** Uninstall releases of components this run no longer enables. */
  prune?: boolean
}

export interface DeployWorkloadsReport {
  plans: ComponentPlan[]
  planMarkdown: string
  /** Empty in plan mode. */
  results: ComponentResult[]
  /** Values to publish as masked outputs (a generated Grafana password). */
  outputs: Record<string, string>
  /** The cluster is the rk1 virtual lab (annotation on kube-system): results are SIMULATED. */
  simulated: boolean
}

/** Annotation the lab Kubernetes API puts on its kube-system Namespace. */
export const SIMULATED_ANNOTATION = 'lab.rk1/simulated'

export async function deployWorkloads(o: DeployWorkloadsOptions): Promise<DeployWorkloadsReport> {
  const components = selectComponents(o.settings, o.components)
  if (components.some((c) => c.name === 'ingress-nginx')) o.log.warn(INGRESS_NGINX_WARNING)
  const source = o.chartSource ?? parseChartSource(o.env.RK1_CHART_SOURCE)
  // RK1_VALUES_DIR: a copy of workloads/values (a fork's own, or a test's edited copy).
  const valuesDir = o.valuesDir ?? o.env.RK1_VALUES_DIR ?? defaultValuesDir()
  const vctx = { inventory: o.inventory, settings: o.settings }
  const jobs = components.map((component) => ({
    component,
    chart: resolveChart(component, vctx, source),
    values: renderValues(component, vctx, valuesDir)
  }))
  const tools = await resolveKubeTools({ ...o, versions: o.inventory.versions })
  const session = openKubeSession({
    kubeconfig: o.kubeconfig,
    tools,
    parentDir: o.tempDir,
    signal: o.signal,
    // Calls outside a component (plan, prune) wait for the API as long as a component would.
    retry: { log: (m) => o.log.info(m), budgetMs: o.settings.timeoutS * 1000 }
  })
  try {
    const kubectl = kubectlDriver(session)
    const helm = helmDriver(session)
    const plans = await computePlan(
      helm,
      jobs.map((j) => ({ component: j.component, version: j.chart.version, values: j.values }))
    )
    const ns = await kubectl.find<{ metadata: { annotations?: Record<string, string> } }>(
      'namespace',
      'kube-system'
    )
    const simulated = ns?.metadata.annotations?.[SIMULATED_ANNOTATION] === 'true'
    if (simulated) o.log.warn('This cluster is the rk1 virtual lab: every result is SIMULATED.')
    const leftovers = prunable(o.settings, await helm.list())
    let planMarkdown = renderPlanMarkdown(plans)
    if (leftovers.length > 0) {
      const names = leftovers.map((c) => `${c.name} (${c.namespace}/${c.release})`).join(', ')
      const line = o.prune
        ? `Removed (prune): ${names}.`
        : `Deployed but no longer enabled, left in place (set ${inputRef('prune', 'true')} to remove): ${names}.`
      planMarkdown += `\n${o.plan && o.prune ? line.replace('Removed', 'Would remove') : line}\n`
      o.log.info(line)
    }
    if (simulated) planMarkdown += '\n_SIMULATED: planned against the rk1 virtual lab._\n'
    const outputs: Record<string, string> = {}
    if (o.plan) return { plans, planMarkdown, results: [], outputs, simulated }
    const removed: ComponentResult[] = []
    if (o.prune && leftovers.length > 0) {
      const started = Date.now()
      await pruneReleases(helm, leftovers, o.settings.timeoutS)
      for (const c of leftovers)
        removed.push({
          name: c.name,
          status: 'removed',
          chartVersion: '',
          durationMs: Date.now() - started,
          checks: []
        })
    }
    const prepare = {
      ...vctx,
      kubectl,
      grafanaAdminPassword: o.grafanaAdminPassword,
      mask: o.mask,
      output: (name: string, value: string) => (outputs[name] = value)
    }
    const tasks = jobs.map((j, i) => {
      const job: ComponentJob = { ...j, plan: plans[i]! }
      return {
        name: j.component.name,
        dependsOn: j.component.dependsOn,
        run: () => deployComponent(job, { session, kubectl, helm, prepare })
      }
    })
    const outcomes = await runGraph(tasks)
    const results = outcomes.map((out): ComponentResult => {
      if (out.state === 'done') return out.value
      const job = jobs.find((j) => j.component.name === out.name)
      const base = {
        name: out.name,
        chartVersion: job?.chart.version ?? '',
        durationMs: 0,
        checks: []
      }
      return out.state === 'failed'
        ? { ...base, status: 'failed', message: errorText(out.error) }
        : { ...base, status: 'skipped', message: out.reason }
    })
    if (o.inventory.network.ingressIp)
      await verifyIngressHosts(results, {
        ingressIp: o.inventory.network.ingressIp,
        settings: o.settings,
        signal: o.signal
      })
    for (const r of results)
      if (r.message) {
        if (r.status === 'failed') o.log.error(r.message)
        else o.log.info(r.message)
      }
    return { plans, planMarkdown, results: [...results, ...removed], outputs, simulated }
  } finally {
    session.close()
  }
}

// deploy-workloads as a story: open a private kube session, render what each selected component
// would be, plan against what is deployed, then (unless planning) deploy along the dependency
// graph and report every component on its own.
import { errorText } from '../common/errors'
import type { Logger } from '../common/host'
import type { Inventory } from '../inventory/types'
import { helmDriver } from '../kube/helm'
import { kubectlDriver } from '../kube/kubectl'
import { openKubeSession } from '../kube/session'
import { discoverKubeTools, type KubeToolPaths } from '../kube/tools'
import { selectComponents } from './catalog'
import { parseChartSource, resolveChart, type ChartSource } from './chart-source'
import { INGRESS_NGINX_WARNING } from './components/ingress'
import { deployComponent, type ComponentJob } from './deploy-component'
import { runGraph } from './graph'
import { computePlan, type ComponentPlan } from './plan'
import { renderPlanMarkdown } from './plan-markdown'
import type { ComponentResult, WorkloadSettings } from './types'
import { defaultValuesDir, renderValues } from './values'

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
  chartSource?: ChartSource
  valuesDir?: string
  grafanaAdminPassword?: string
}

export interface DeployWorkloadsReport {
  plans: ComponentPlan[]
  planMarkdown: string
  /** Empty in plan mode. */
  results: ComponentResult[]
  /** Values to publish as masked outputs (a generated Grafana password). */
  outputs: Record<string, string>
}

export async function deployWorkloads(o: DeployWorkloadsOptions): Promise<DeployWorkloadsReport> {
  const components = selectComponents(o.settings, o.components)
  if (components.some((c) => c.name === 'ingress-nginx')) o.log.warn(INGRESS_NGINX_WARNING)
  const source = o.chartSource ?? parseChartSource(o.env.RK1_CHART_SOURCE)
  const valuesDir = o.valuesDir ?? defaultValuesDir()
  const vctx = { inventory: o.inventory, settings: o.settings }
  const jobs = components.map((component) => ({
    component,
    chart: resolveChart(component, vctx, source),
    values: renderValues(component, vctx, valuesDir)
  }))
  const session = openKubeSession({
    kubeconfig: o.kubeconfig,
    tools: o.tools ?? discoverKubeTools(o.env),
    parentDir: o.tempDir,
    signal: o.signal
  })
  try {
    const kubectl = kubectlDriver(session)
    const helm = helmDriver(session)
    const plans = await computePlan(
      helm,
      jobs.map((j) => ({ component: j.component, version: j.chart.version, values: j.values }))
    )
    const planMarkdown = renderPlanMarkdown(plans)
    const outputs: Record<string, string> = {}
    if (o.plan) return { plans, planMarkdown, results: [], outputs }
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
    for (const r of results)
      if (r.message) (r.status === 'failed' ? o.log.error : o.log.info)(r.message)
    return { plans, planMarkdown, results, outputs }
  } finally {
    session.close()
  }
}

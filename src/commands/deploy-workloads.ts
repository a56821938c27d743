// deploy-workloads: read the inventory and the kubeconfig, then plan or deploy the workload stack
// and report each component on its own (outputs, step summary, one failure naming them all).
import { errorText, Rk1Error } from '../common/errors'
import { GitHubPermissionError } from '../common/github-api'
import type { Host } from '../common/host'
import { maskConfigSecrets } from '../common/mask-config'
import { upsertMarkedComment } from '../common/pr-comment'
import { GRAFANA_PASSWORD_FILE, outputDirOf, writeSecretFile } from '../common/secret-files'
import {
  deployWorkloads,
  resultRows,
  workloadSettings,
  type DeployWorkloadsReport,
  type IngressController
} from '../workloads'
import { planCommentBody, planCommentMarker } from '../workloads/plan-comment'
import { RESULT_HEADER } from '../workloads/summary'
import { commandInventory } from './command-inventory'
import type { CommandContext } from './command-context'
import { readKubeconfig } from './kubeconfig-input'

/** One or more components failed; the message names each with what was seen. */
export class WorkloadsFailedError extends Rk1Error {}

async function readSettings(context: CommandContext) {
  const { host, inputs } = context
  const { inventory, distro } = await commandInventory({ host, inputs })
  const ingressController =
    inputs.choice<IngressController>('ingress-controller', ['traefik', 'ingress-nginx']) ??
    'traefik'
  const timeoutS = inputs.integer('timeout', { min: 10, max: 24 * 3600 })
  const plan = inputs.boolean('plan') || inputs.boolean('dry-run')
  const prune = inputs.boolean('prune')
  const kubeconfig = await readKubeconfig(context)
  const grafanaAdminPassword = inputs.optional('grafana-admin-password')
  const outputDir = outputDirOf(host, inventory.name, inputs.optional('output-dir'), 'workloads')
  const comment = inputs.choice('comment', ['auto', 'false'], 'auto') === 'auto'
  const token = inputs.string('github-token')
  try {
    inputs.assertValid()
  } catch (error) {
    // A plan that cannot start (no kubeconfig yet, a bad input) still replaces the previous
    // push's plan on the pull request; an inventory that does not parse names no cluster to mark.
    await commentPlanFailure(host, { plan, comment, token, inventory })
    throw error
  }
  // A file's kubeconfig was not an input, so it is masked here (by value, never whole).
  if (kubeconfig) maskConfigSecrets((s) => host.mask(s), kubeconfig)
  return {
    inventory,
    settings: workloadSettings(inventory, { distro, ingressController, timeoutS }),
    components: inputs.string('components'),
    plan,
    prune,
    kubeconfig: kubeconfig ?? '',
    grafanaAdminPassword,
    outputDir,
    comment,
    token
  }
}

type Settings = Awaited<ReturnType<typeof readSettings>>
/** What the plan comment needs: known before the inputs are checked as a whole. */
type CommentSettings = Pick<Settings, 'plan' | 'comment' | 'token' | 'inventory'>

/**
 * In plan mode on a pull request: a function that posts or updates this cluster's plan comment
 * (the plan's Markdown, or undefined when planning failed). A token that may not comment (a
 * fork's, or a job without `pull-requests: write`) only warns: the plan is in the summary.
 */
async function planCommenter(host: Host, s: CommentSettings) {
  const run = host.run
  if (!s.plan || !s.comment || !run?.pullRequest || !host.github || !s.token) return undefined
  const api = await host.github(s.token)
  const pr = run.pullRequest
  const cluster = s.inventory.name
  return async (planMarkdown: string | undefined, simulated: boolean): Promise<void> => {
    const body = planCommentBody({ cluster, run, simulated, planMarkdown })
    try {
      const done = await upsertMarkedComment(api, pr, planCommentMarker(cluster), body)
      host.log.info(`${done.updated ? 'Updated' : 'Posted'} the plan comment: ${done.url}`)
    } catch (error) {
      if (!(error instanceof GitHubPermissionError)) throw error
      host.log.warn(`${error.message} The plan is in the job summary only. ${error.advice ?? ''}`)
    }
  }
}

/** Says on the pull request that this commit's plan failed (a failure to say so only warns). */
async function commentPlanFailure(host: Host, s: CommentSettings): Promise<void> {
  try {
    const comment = await planCommenter(host, s)
    await comment?.(undefined, false)
  } catch (e) {
    host.log.warn(`The plan comment was not updated: ${errorText(e).split('\n')[0]}`)
  }
}

function summarise(host: Host, report: DeployWorkloadsReport, plan: boolean): void {
  const label = report.simulated ? ' (SIMULATED: rk1 virtual lab)' : ''
  if (plan) {
    host.summary.heading(`deploy-workloads plan${label}`, 2)
    host.summary.code(report.planMarkdown, 'markdown')
    return
  }
  host.summary.heading(`deploy-workloads${label}`, 2)
  const changed = report.results.filter((r) =>
    ['installed', 'upgraded', 'removed'].includes(r.status)
  )
  host.summary.paragraph(
    changed.length === 0 && report.results.every((r) => r.status === 'unchanged')
      ? 'Nothing changed: every release already matched its pinned chart and values; all checks ran again.'
      : `${changed.length} of ${report.results.length} components changed.`
  )
  host.summary.table(RESULT_HEADER, resultRows(report.results))
  const failed = report.results.filter((r) => r.status === 'failed' || r.status === 'skipped')
  if (failed.length > 0) host.summary.list(failed.map((r) => r.message ?? `${r.name}: ${r.status}`))
}

export async function runDeployWorkloads(context: CommandContext): Promise<void> {
  const { host } = context
  const s = await readSettings(context)
  const comment = await planCommenter(host, s)
  let report: DeployWorkloadsReport
  try {
    report = await deployWorkloads({
      inventory: s.inventory,
      settings: s.settings,
      components: s.components,
      kubeconfig: s.kubeconfig,
      plan: s.plan,
      prune: s.prune,
      grafanaAdminPassword: s.grafanaAdminPassword,
      log: host.log,
      mask: (secret) => host.mask(secret),
      env: host.env,
      tempDir: host.tempDir,
      cacheDir: host.cacheDir,
      signal: host.signal
    })
  } catch (error) {
    // The comment must not keep showing the previous push's plan as if it were this one's.
    await commentPlanFailure(host, s)
    throw error
  }
  for (const [name, value] of Object.entries(report.outputs)) {
    host.mask(value)
    host.setOutput(name, value)
  }
  // A generated password reaches a CLI user only through this file (outputs are for Actions).
  const password = report.outputs['grafana-admin-password']
  if (password)
    await writeSecretFile(
      host,
      s.outputDir,
      GRAFANA_PASSWORD_FILE,
      password,
      'Generated Grafana admin password (user admin)'
    )
  host.setOutput('plan', report.planMarkdown)
  host.setOutput(
    'result',
    JSON.stringify({
      simulated: report.simulated,
      plan: s.plan,
      distro: s.settings.distro,
      components: s.plan
        ? report.plans.map((p) => ({ name: p.name, action: p.action, version: p.toVersion }))
        : report.results
    })
  )
  // The plan itself is in the summary and the plan output (the CLI prints the summary): once.
  if (s.plan)
    for (const p of report.plans) host.log.info(`${p.name}: ${p.action} (${p.toVersion || '-'})`)
  else
    for (const r of report.results)
      host.log.info(`${r.name}: ${r.status} (${r.chartVersion || '-'})`)
  summarise(host, report, s.plan)
  await host.summary.write()
  await comment?.(report.planMarkdown, report.simulated)
  const failed = report.results.filter((r) => r.status === 'failed' || r.status === 'skipped')
  if (failed.length > 0)
    throw new WorkloadsFailedError(
      `${failed.length} component(s) did not deploy: ` +
        failed.map((r) => r.message ?? `${r.name}: ${r.status}`).join('\n'),
      {
        step: 'deploy-workloads',
        advice:
          'The summary lists each component; fix the first failure and run again (it is idempotent).'
      }
    )
}

import { mkdir, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import type { GitHubApi } from '../common/github-api'
import type { Host } from '../common/host'
import { errorText } from '../common/errors'
import { buildReport } from '../report/build'
import {
  appendHistoryBranch,
  historyFromArtifacts,
  readHistoryBranch,
  type History
} from '../report/history'
import { renderHtml } from '../report/html'
import { loadRecords, type LoadedRecords } from '../report/load'
import { renderComment, renderMarkdown } from '../report/markdown'
import type { ReportModel } from '../report/model'
import { syncAlertIssues, upsertComment } from '../report/publish'
import { writeSummary } from '../report/summary'
import type { CommandContext } from './command-context'

interface ReportOptions {
  results: string[]
  prefix: string
  historyNights: number
  historyDirs: string[]
  historyBranch?: string
  historyMaxRuns: number
  workflow?: string
  clusterId?: string
  reportDir: string
  artifactName?: string
  comment: boolean
  alertIssues: 'auto' | 'true' | 'false'
  token: string
}

const list = (v: string) =>
  v
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean)

function readOptions({ host, inputs }: CommandContext): ReportOptions {
  const options: ReportOptions = {
    results: list(inputs.string('results')).map((d) => resolve(d)),
    prefix: inputs.string('artifact-prefix'),
    historyNights: inputs.integer('history-nights', { min: 0, max: 400 }),
    historyDirs: list(inputs.string('history-dirs')).map((d) => resolve(d)),
    historyBranch: inputs.optional('history-branch'),
    historyMaxRuns: inputs.integer('history-max-runs', { min: 1, max: 100_000 }),
    workflow: inputs.optional('workflow'),
    clusterId: inputs.optional('cluster-id'),
    reportDir: resolve(inputs.optional('report-dir') ?? join(host.tempDir, 'report')),
    artifactName: inputs.optional('report-artifact'),
    comment: inputs.choice('comment', ['auto', 'false'], 'auto') === 'auto',
    alertIssues: inputs.choice('alert-issues', ['auto', 'true', 'false'], 'auto') ?? 'auto',
    token: inputs.string('github-token')
  }
  if (options.results.length === 0 && !host.run)
    inputs.problem(
      'results',
      'give the folders with the benchmark records (outside GitHub Actions there are no run artifacts)'
    )
  inputs.assertValid()
  return options
}

/** This run's records: the given folders, or this run's benchmark artifacts. */
async function currentRecords(host: Host, o: ReportOptions): Promise<LoadedRecords> {
  if (o.results.length) return loadRecords(o.results)
  const dirs: string[] = []
  for (const a of (await host.artifacts.list()).filter((x) => x.name.startsWith(o.prefix))) {
    dirs.push(await host.artifacts.download(a, join(host.tempDir, 'current', a.name)))
  }
  if (dirs.length === 0)
    host.log.warn(`No artifact of this run starts with "${o.prefix}": nothing to compare.`)
  return loadRecords(dirs)
}

async function gatherHistory(
  host: Host,
  o: ReportOptions,
  api: GitHubApi | undefined
): Promise<History> {
  const all: History = { records: [], bad: [], notes: [] }
  const add = (h: History) => {
    all.records.push(...h.records)
    all.bad.push(...h.bad)
    all.notes.push(...h.notes)
  }
  if (o.historyDirs.length) {
    const loaded = await loadRecords(o.historyDirs, { label: 'history/' })
    add({ ...loaded, notes: [] })
  }
  const workflowFile = o.workflow ?? host.run?.workflowFile
  if (api && host.run && o.historyNights > 0) {
    if (!workflowFile)
      all.notes.push(
        'History from artifacts skipped: the workflow file of this run is unknown (set the workflow input).'
      )
    else
      add(
        await historyFromArtifacts({
          api,
          store: host.artifacts,
          run: host.run,
          token: o.token,
          workflowFile,
          nights: o.historyNights,
          prefix: o.prefix,
          tempDir: host.tempDir
        })
      )
  }
  if (api && o.historyBranch) add(await readHistoryBranch(api, o.historyBranch))
  return all
}

async function writeFiles(dir: string, model: ReportModel): Promise<string[]> {
  await mkdir(dir, { recursive: true })
  const files: [string, string][] = [
    ['report.md', renderMarkdown(model)],
    ['report.json', `${JSON.stringify(model, null, 2)}\n`],
    ['report.html', renderHtml(model)],
    ['alerts.json', `${JSON.stringify(model.alerts, null, 2)}\n`]
  ]
  for (const [name, text] of files) await writeFile(join(dir, name), text)
  return files.map(([name]) => join(dir, name))
}

/**
 * report.html once more as a single-file artifact: GitHub opens such an artifact in the browser,
 * so the HTML report is one click from the comment. A failure here only loses the shortcut.
 */
async function uploadHtmlPreview(host: Host, dir: string): Promise<string | undefined> {
  try {
    const html = await host.artifacts.upload('report.html', dir, [join(dir, 'report.html')], {
      retentionDays: 90,
      single: true
    })
    return host.artifacts.link(html)
  } catch (error) {
    host.log.warn(`The HTML report was not uploaded on its own: ${errorText(error).split('\n')[0]}`)
    return undefined
  }
}

async function publishOnGitHub(
  host: Host,
  o: ReportOptions,
  api: GitHubApi,
  model: ReportModel,
  link?: string,
  htmlLink?: string
): Promise<void> {
  const run = host.run!
  if (o.comment && run.pullRequest) {
    const done = await upsertComment(
      api,
      run.pullRequest,
      renderComment(model, link, htmlLink),
      host.log
    )
    if (done)
      host.log.info(`${done.updated ? 'Updated' : 'Posted'} the report comment: ${done.url}`)
  }
  const issues =
    o.alertIssues === 'true' || (o.alertIssues === 'auto' && run.eventName === 'schedule')
  if (issues && !model.simulated) {
    try {
      const c = await syncAlertIssues(api, model.alerts, link, host.log)
      host.log.info(
        `Regression issues: ${c.opened} opened, ${c.updated} updated, ${c.closed} closed.`
      )
    } catch (error) {
      host.log.warn(`Regression issues not updated: ${errorText(error)}`)
    }
  }
}

/** report: this run's records + history → matrix, claims, nodes, trends, alerts, renderings. */
export async function runReport(context: CommandContext): Promise<void> {
  const { host } = context
  const o = readOptions(context)
  const api = host.github && o.token ? await host.github(o.token) : undefined

  const current = await host.log.group("Read this run's records", () => currentRecords(host, o))
  const history = await host.log.group('Read the history', () => gatherHistory(host, o, api))
  for (const b of [...current.bad, ...history.bad])
    host.log.warn(`${b.file}: ${b.problem} (left out)`)

  const model = buildReport({
    current: current.records,
    history: history.records,
    bad: [...current.bad, ...history.bad],
    historyNotes: history.notes,
    clusterId: o.clusterId
  })
  const files = await writeFiles(o.reportDir, model)
  host.log.info(
    `Report written to ${o.reportDir} (${model.matrix.length} matrix rows, ${model.alerts.length} alert(s)).`
  )

  let artifactId = ''
  let link: string | undefined
  let htmlLink: string | undefined
  if (o.artifactName) {
    const uploaded = await host.artifacts.upload(o.artifactName, o.reportDir, files, {
      retentionDays: 90
    })
    artifactId = String(uploaded.id)
    link = host.artifacts.link(uploaded)
    model.artifactLink = link
    if (host.artifacts.kind === 'github') htmlLink = await uploadHtmlPreview(host, o.reportDir)
  }
  if (api && host.run) await publishOnGitHub(host, o, api, model, link, htmlLink)
  if (api && o.historyBranch && current.records.length && host.run) {
    try {
      const name = `${model.generatedAt.slice(0, 10)}-${host.run.runId}-${host.run.runAttempt}${model.simulated ? '-simulated' : ''}.json`
      const r = await appendHistoryBranch(
        api,
        o.historyBranch,
        name,
        current.records,
        o.historyMaxRuns
      )
      host.log.info(
        `History branch ${o.historyBranch}: added ${name}${r.pruned ? `, dropped ${r.pruned} oldest` : ''}.`
      )
    } catch (error) {
      host.log.warn(`History branch ${o.historyBranch} not updated: ${errorText(error)}`)
    }
  }
  writeSummary(host.summary, model, link)
  await host.summary.write()
  host.setOutput('report-path', o.reportDir)
  host.setOutput('artifact-id', artifactId)
  host.setOutput('alerts', JSON.stringify(model.alerts))
}

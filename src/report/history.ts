import { join } from 'node:path'
import type { GitHubApi, RunContext } from '../common/github-api'
import type { ArtifactStore } from '../common/host'
import { errorText } from '../common/errors'
import { loadRecords, type BadRecord } from './load'
import { checkRecord, type RunRecord } from './records'
import { headlinesOf } from './metrics'

/** Earlier nights' records: from the artifacts of earlier runs, and from a history branch. */

export interface History {
  records: RunRecord[]
  bad: BadRecord[]
  notes: string[]
}

/**
 * The records of the last `nights` completed runs of `workflowFile` on the default branch,
 * downloaded with findBy. A run whose artifacts expired or failed to download is noted, not fatal.
 */
export async function historyFromArtifacts(options: {
  api: GitHubApi
  store: ArtifactStore
  run: RunContext
  token: string
  workflowFile: string
  nights: number
  prefix: string
  tempDir: string
}): Promise<History> {
  const { api, store, run, token } = options
  const branch = await api.defaultBranch()
  const runs = (await api.workflowRuns(options.workflowFile, { branch, limit: options.nights + 1 }))
    .filter((r) => r.id !== run.runId)
    .slice(0, options.nights)
  const history: History = { records: [], bad: [], notes: [] }
  let missing = 0
  for (const r of runs) {
    try {
      const from = { runId: r.id, token }
      const artifacts = (await store.list(from)).filter((a) => a.name.startsWith(options.prefix))
      if (artifacts.length === 0) missing++
      for (const a of artifacts) {
        const dir = join(options.tempDir, 'history', String(r.id), a.name)
        await store.download(a, dir, from)
        const loaded = await loadRecords([dir], { label: `run ${r.id}/${a.name}/` })
        history.records.push(...loaded.records)
        history.bad.push(...loaded.bad)
      }
    } catch (error) {
      history.notes.push(
        `Run ${r.id}: its records could not be read (${errorText(error).split('\n')[0]}).`
      )
    }
  }
  if (missing)
    history.notes.push(
      `${missing} earlier run(s) had no ${options.prefix}* artifact (expired after the retention period, or no benchmark ran).`
    )
  return history
}

/** What the history branch keeps of a record: enough for trends, a fraction of the size. */
export function compactRecord(r: RunRecord): RunRecord {
  const metrics: RunRecord['metrics'] = {}
  const heads = new Set(headlinesOf(r).map((h) => h.metric))
  for (const [name, m] of Object.entries(r.metrics)) {
    if (!heads.has(name)) continue
    metrics[name] = Object.fromEntries(
      Object.entries(m).filter(([k]) =>
        ['unit', 'direction', 'n', 'p50', 'p90', 'value', 'mean'].includes(k)
      )
    )
  }
  return {
    schema: r.schema,
    schema_version: r.schema_version,
    run_id: r.run_id,
    suite_id: r.suite_id,
    started_at: r.started_at,
    simulated: r.simulated || r.cluster.simulated || undefined,
    cluster: {
      distro: r.cluster.distro,
      distro_version: r.cluster.distro_version,
      cluster_id: r.cluster.cluster_id
    },
    node: {
      name: r.node.name,
      kernel: r.node.kernel,
      npu: r.node.npu
        ? { driver: r.node.npu.driver, driver_version: r.node.npu.driver_version }
        : undefined,
      storage: r.node.storage
        ? { firmware: r.node.storage.firmware, fs_type: r.node.storage.fs_type }
        : undefined
    },
    workload: r.workload,
    method: r.method?.clock_mode ? { clock_mode: r.method.clock_mode } : undefined,
    status: r.status,
    reason: r.reason,
    metrics
  }
}

const RUNS_DIR = 'runs/'

/** Reads every run file of the branch (none when the branch does not exist yet). */
export async function readHistoryBranch(api: GitHubApi, branch: string): Promise<History> {
  const history: History = { records: [], bad: [], notes: [] }
  const head = await api.branchHead(branch)
  if (!head) {
    history.notes.push(`History branch ${branch} does not exist yet; this run creates it.`)
    return history
  }
  for (const f of (await api.commitFiles(head)).filter((x) => x.path.startsWith(RUNS_DIR))) {
    const file = `${branch}:${f.path}`
    try {
      const docs = JSON.parse(await api.blob(f.sha)) as unknown[]
      for (const [i, doc] of docs.entries()) {
        const problems = checkRecord(doc)
        if (problems.length)
          history.bad.push({ file: `${file}[${i}]`, problem: problems.join('; ') })
        else history.records.push(doc as RunRecord)
      }
    } catch (error) {
      history.bad.push({ file, problem: `truncated or not JSON (${(error as Error).message})` })
    }
  }
  return history
}

/**
 * Adds this run's compact records as one new file in one commit, and drops the oldest files
 * beyond `maxRuns` in the same commit, so the branch stays bounded. Safe with concurrent writers:
 * the ref only moves as a fast-forward; when another run moved it first, the commit is rebuilt
 * on the new head (each run writes its own file, so there is nothing to merge) and retried.
 */
export async function appendHistoryBranch(
  api: GitHubApi,
  branch: string,
  fileName: string,
  records: readonly RunRecord[],
  maxRuns: number,
  attempts = 5
): Promise<{ commit: string; pruned: number; attempts: number }> {
  const content = `${JSON.stringify(records.map(compactRecord))}\n`
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const head = await api.branchHead(branch)
    const existing = head
      ? (await api.commitFiles(head)).map((f) => f.path).filter((p) => p.startsWith(RUNS_DIR))
      : []
    const path = `${RUNS_DIR}${fileName}`
    const kept = [...new Set([...existing, path])].sort()
    const drop = kept.slice(0, Math.max(0, kept.length - maxRuns)).filter((p) => p !== path)
    const changes = [{ path, content }, ...drop.map((p) => ({ path: p, content: null }))]
    const commit = await api.commit(
      head,
      changes,
      `rk1 history: ${fileName}${drop.length ? ` (drop ${drop.length} oldest)` : ''}`
    )
    if (await api.advanceBranch(branch, commit, !head))
      return { commit, pruned: drop.length, attempts: attempt }
  }
  throw new Error(`history branch ${branch} kept moving: gave up after ${attempts} attempts`)
}

/**
 * One node's benchmark: its suites one after the other (NPU and LLM must never overlap on a node,
 * and a cooldown between suites keeps one suite's heat out of the next), each as its own Job, so a
 * suite that crashes costs only itself. Every suite leaves records, measured or `failed`.
 */
import { sleep } from '../common/abort'
import { errorText } from '../common/errors'
import type { Logger } from '../common/host'
import type { DistroName, InventoryNode } from '../inventory/types'
import type { Kubectl } from '../kube/kubectl'
import { logTail, parseHarnessLog, type BenchMode, type Suite } from './contract'
import { deleteJob, forceDeletePods, runJob, type JobOutcome } from './job'
import { jobManifest, jobName, readsModels } from './manifest'
import { fetchModelsOnNode, type NodeModels } from './model-fetch'
import type { ModelPlan } from './models'
import {
  failedRecord,
  recordFromResult,
  type BenchRecord,
  type NodeContext,
  type NodeInfo,
  type RunContextInfo
} from './records'
import type { ResultsWriter } from './results-dir'
import { recordProblems } from './validate'

export interface NodeRunOptions {
  run: RunContextInfo
  node: InventoryNode
  /** Kubernetes' view of the node; undefined when it is not a node of the cluster. */
  kube?: { ready: boolean; info?: NodeInfo; reason?: string }
  suites: readonly Suite[]
  distro: DistroName
  mode: BenchMode
  image: string
  cooldownS: number
  timeoutS: number
  runLabel: string
  kubectl: Kubectl
  writer: ResultsWriter
  log: Logger
  signal?: AbortSignal
  /** The run's models (src/bench/models.ts); absent: no fetch step (the harness's own /models). */
  models?: ModelPlan
}

export interface NodeOutcome {
  name: string
  records: BenchRecord[]
  /** One line per suite that failed (crash, timeout, node away, invalid output). */
  failures: string[]
  /** The node went NotReady during this suite: the suites after it were not tried. */
  lostDuring?: Suite
  /** The run was cancelled while this node ran: what finished is kept, the rest is skipped. */
  cancelled?: boolean
  /** The benchmark image could not be pulled on this node: nothing ran, the rest was not tried. */
  imagePull?: NonNullable<JobOutcome['imagePull']> & { suite: Suite | 'models' }
}

/** Records of one suite's Job from its log and how it ended. */
async function suiteRecords(
  o: NodeRunOptions,
  suite: Suite,
  startedAt: string,
  outcome: Awaited<ReturnType<typeof runJob>>,
  failures: string[],
  models?: NodeModels
): Promise<BenchRecord[]> {
  const name = o.node.hostname
  const parsed = parseHarnessLog(outcome.log)
  const logFile = await o.writer.log(name, suite, outcome.log, outcome)
  const ctx: NodeContext = {
    name,
    slot: o.node.slot,
    info: o.kube?.info,
    environment: parsed.environment,
    harnessVersion: parsed.start?.harness_version,
    harnessSimulated: parsed.start?.simulated === true,
    log: logFile
  }
  const records: BenchRecord[] = []
  for (const r of parsed.results) {
    // What was checked on the node: the record says which file, from where, ran.
    const model = r.workload.model as Record<string, unknown> | undefined
    const checked = typeof model?.file === 'string' ? models?.verified.get(model.file) : undefined
    if (model && checked)
      Object.assign(model, { sha256: checked.sha256, source_url: checked.source })
    const evidence = await o.writer.evidence(name, r)
    const rec = recordFromResult(o.run, ctx, r, evidence)
    const problems = recordProblems(rec)
    if (problems.length === 0) {
      records.push(rec)
      continue
    }
    const what = `${r.workload.id}/${r.workload.variant}`
    failures.push(`${name}: ${what}: the harness result is not a valid record`)
    records.push(
      failedRecord(o.run, ctx, {
        suite,
        workload: { id: r.workload.id, variant: r.workload.variant },
        reason: `the harness result is not a valid run record: ${problems.slice(0, 5).join('; ')}`,
        evidence: JSON.stringify(r).slice(0, 2000),
        startedAt: r.started_at || startedAt
      })
    )
  }
  for (const p of parsed.problems) o.log.warn(`${name} ${suite}: ${p}`)
  const finished = outcome.state === 'completed' && parsed.done !== undefined
  if (outcome.imagePull) {
    const p = outcome.imagePull
    failures.push(`${name}: the benchmark image ${p.image} could not be pulled (${p.reason})`)
    records.push(
      failedRecord(o.run, ctx, {
        suite,
        reason: `the benchmark image ${p.image} could not be pulled on ${name}: ${p.reason}: ${p.message}`,
        evidence: outcome.evidence,
        startedAt
      })
    )
  } else if (!finished) {
    const why =
      outcome.state === 'completed'
        ? `the harness exited (${outcome.detail}) without its done line`
        : `the benchmark Job failed: ${outcome.detail}`
    const interrupted = parsed.inProgress
      ? `; interrupted during ${parsed.inProgress.workload}/${parsed.inProgress.variant}`
      : ''
    const after = ` after ${parsed.results.length} result(s)`
    failures.push(`${name}: ${suite}: ${why}`)
    records.push(
      failedRecord(o.run, ctx, {
        suite,
        workload: parsed.inProgress
          ? { id: parsed.inProgress.workload, variant: parsed.inProgress.variant }
          : undefined,
        reason: `${why}${after}${interrupted}`,
        evidence: [logTail(outcome.log), outcome.evidence].filter(Boolean).join('\n') || undefined,
        startedAt
      })
    )
  }
  return records
}

/** Records for suites that never ran on this node, all with the same reason. */
function notRun(
  o: NodeRunOptions,
  suites: readonly Suite[],
  reason: string,
  status: 'failed' | 'skipped'
): BenchRecord[] {
  const ctx: NodeContext = { name: o.node.hostname, slot: o.node.slot, info: o.kube?.info }
  const at = new Date().toISOString()
  return suites.map((suite) =>
    failedRecord(o.run, ctx, { suite, status, reason, startedAt: at, finishedAt: at })
  )
}

/** The node's outcome so far, and the suite whose Job runs (what a cancel interrupted). */
type NodeProgress = NodeOutcome & { started?: Suite }

export async function benchmarkNode(o: NodeRunOptions): Promise<NodeOutcome> {
  const name = o.node.hostname
  const out: NodeProgress = { name, records: [], failures: [] }
  if (!o.kube?.ready) {
    const reason = o.kube
      ? `node ${name} is not Ready${o.kube.reason ? ` (${o.kube.reason})` : ''}: nothing ran on it`
      : `node ${name} is not a node of this cluster (kubectl get nodes): nothing ran on it`
    out.failures.push(reason)
    out.records.push(...notRun(o, o.suites, reason, 'failed'))
    return out
  }
  const runnable = o.suites.filter((s) => s !== 'storage' || o.node.disks.data)
  if (runnable.length < o.suites.length)
    out.records.push(
      ...notRun(
        o,
        ['storage'],
        `no NVMe data disk in the inventory for ${name}: storage is measured only on the NVMe filesystem`,
        'skipped'
      )
    )
  // Cancelled: the Job goes with the clean-up, and what it printed so far with it.
  const cancel = (from: number): NodeOutcome => {
    out.cancelled = true
    const suite = runnable[from]
    if (suite && out.started === suite)
      out.records.push(
        ...notRun(o, [suite], `cancelled while it ran (${suite} suite on ${name})`, 'skipped')
      )
    const rest = runnable.slice(out.started === suite ? from + 1 : from)
    out.records.push(...notRun(o, rest, `not run: the run was cancelled (${name})`, 'skipped'))
    delete out.started
    return out
  }
  let models: NodeModels | undefined
  try {
    models =
      o.models && runnable.some(readsModels)
        ? await fetchModelsOnNode({
            kubectl: o.kubectl,
            node: name,
            image: o.image,
            plan: o.models,
            // A first fetch of every model can be a few GB; a stalled one ends by the script's read timeout.
            timeoutS: Math.max(o.timeoutS, 1800),
            runLabel: o.runLabel,
            writer: o.writer,
            log: o.log,
            signal: o.signal
          })
        : undefined
  } catch (e) {
    if (!o.signal?.aborted) throw e
    return cancel(0)
  }
  if (models?.imagePull) {
    // The fetch Job runs the same image as every suite: none of them could start either.
    const p = models.imagePull
    out.imagePull = { ...p, suite: 'models' }
    out.failures.push(`${name}: the benchmark image ${p.image} could not be pulled (${p.reason})`)
    out.records.push(
      ...notRun(
        o,
        runnable,
        `not run: the benchmark image ${p.image} could not be pulled on ${name} (model fetch): ${p.reason}: ${p.message}`,
        'failed'
      )
    )
    return out
  }
  // A model that cannot be run is the node's failure too: the step must not pass green over it.
  for (const suite of runnable)
    for (const why of suiteProblems(o, models, suite).values()) out.failures.push(`${name}: ${why}`)
  for (const [i, suite] of runnable.entries()) {
    try {
      await runSuite(o, out, suite, i > 0, models)
    } catch (e) {
      if (!o.signal?.aborted) throw e
      return cancel(i)
    }
    if (out.lostDuring) {
      const rest = runnable.slice(i + 1)
      out.records.push(
        ...notRun(
          o,
          rest,
          `not run: node ${name} went NotReady during the ${suite} suite`,
          'failed'
        )
      )
      break
    }
    if (out.imagePull) {
      // The same image runs every suite: trying the others would only fail the same way.
      const rest = runnable.slice(i + 1)
      out.records.push(
        ...notRun(
          o,
          rest,
          `not run: the benchmark image ${out.imagePull.image} could not be pulled on ${name} (${suite} suite)`,
          'failed'
        )
      )
      break
    }
  }
  return out
}

const suiteProblems = (
  o: NodeRunOptions,
  models: NodeModels | undefined,
  suite: Suite
): Map<string, string> =>
  new Map(
    [...(models?.problems ?? [])].filter(([file]) => o.models?.entries.get(file)?.suite === suite)
  )

/** One suite's Job on the node, after the cooldown; its records go into `out`. */
async function runSuite(
  o: NodeRunOptions,
  out: NodeProgress,
  suite: Suite,
  coolFirst: boolean,
  models: NodeModels | undefined
): Promise<void> {
  const name = o.node.hostname
  o.signal?.throwIfAborted()
  if (coolFirst && o.cooldownS > 0) await sleep(o.cooldownS * 1000, o.signal)
  out.started = suite
  const job = jobName(suite, name)
  const startedAt = new Date().toISOString()
  o.log.info(`${name}: ${suite} suite (Job ${job})`)
  const manifest = jobManifest({
    suite,
    node: name,
    distro: o.distro,
    image: o.image,
    mode: o.mode,
    cooldownS: o.cooldownS,
    timeoutS: o.timeoutS,
    runLabel: o.runLabel,
    hasNvme: o.node.disks.data !== null,
    modelProblems: suiteProblems(o, models, suite)
  })
  let outcome: Awaited<ReturnType<typeof runJob>>
  try {
    outcome = await runJob(o.kubectl, job, manifest, {
      // The Job's own activeDeadlineSeconds ends it first; this only covers a lost controller.
      deadline: Date.now() + (o.timeoutS + 60) * 1000,
      node: name,
      signal: o.signal
    })
  } catch (e) {
    if (o.signal?.aborted) throw e
    outcome = { state: 'failed', detail: errorText(e).split('\n')[0] ?? 'error', log: '' }
    outcome.evidence = errorText(e)
  }
  const records = await suiteRecords(o, suite, startedAt, outcome, out.failures, models)
  out.records.push(...records)
  delete out.started
  if (outcome.imagePull) out.imagePull = { ...outcome.imagePull, suite }
  if (outcome.nodeLost) {
    out.lostDuring = suite
    o.log.warn(`${name}: ${outcome.detail}; its other suites are not tried`)
    await forceDeletePods(o.kubectl, job).catch((e: unknown) =>
      o.log.warn(`${name}: pods of Job ${job} not deleted: ${errorText(e).split('\n')[0]}`)
    )
  }
  const counts = records.reduce<Record<string, number>>(
    (c, r) => ({ ...c, [r.status]: (c[r.status] ?? 0) + 1 }),
    {}
  )
  o.log.info(
    `${name}: ${suite}: ${Object.entries(counts)
      .map(([k, v]) => `${v} ${k}`)
      .join(', ')}`
  )
  await deleteJob(o.kubectl, job).catch((e: unknown) =>
    o.log.warn(`${name}: Job ${job} not deleted: ${errorText(e).split('\n')[0]}`)
  )
}

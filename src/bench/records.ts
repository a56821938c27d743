/**
 * Run records (bench.md §8, schema `rk1-bench/run` v1) from what the harness said: one per
 * (node, workload, variant), each carrying the cluster and node fingerprint that makes two records
 * comparable, the method, telemetry and the published reference figures. A node or Job that gave
 * nothing usable still leaves a record: `failed` with the reason and the log tail as evidence.
 */
import { randomUUID } from 'node:crypto'
import { headlinesOf } from '../report/metrics'
import { RECORD_SCHEMA, type Reference, type RunRecord } from '../report/records'
import { knownReference } from '../report/references'
import type { DistroName } from '../inventory/types'
import type { HarnessEnvironment, HarnessResult, Suite } from './contract'

/** What every record of one run shares. */
export interface RunContextInfo {
  suiteId: string
  distro: DistroName
  clusterId: string
  /** The cluster is the rk1 virtual lab: every record is SIMULATED, whatever the harness says. */
  labSimulated: boolean
  source?: RunRecord['source']
}

/** What Kubernetes says about the node (status.nodeInfo), the fingerprint the harness cannot see. */
export interface NodeInfo {
  kubeletVersion?: string
  containerRuntimeVersion?: string
  osImage?: string
  kernelVersion?: string
}

export interface NodeContext {
  name: string
  slot?: number
  info?: NodeInfo
  environment?: HarnessEnvironment
  harnessVersion?: string
  /** The harness said its results are stand-ins (RK1_BENCH_SIMULATED). */
  harnessSimulated?: boolean
  /** Files beside the records, relative to the results folder. */
  log?: string
}

/**
 * An accelerated row over its CPU row for the same model (RKLLM vs llama.cpp, Teflon vs LiteRT's
 * CPU kernels): the ratios of the p50s, each above 1 when the accelerator is faster, and what the
 * two rows are.
 */
export interface Speedup {
  baseline: { id: string; variant: string; engine?: string; engine_version?: string }
  stat: 'p50'
  basis: string
  decode_tok_s?: number
  prefill_tok_s?: number
  ttft_ms?: number
  latency_ms?: number
}

/** A run record as this command writes it: the report's fields plus evidence and provenance. */
export interface BenchRecord extends RunRecord {
  harness_version?: string
  evidence?: string
  /** What the harness noted about how the numbers were made (stand-in, buffered I/O, …). */
  note?: string
  speedup?: Speedup
  artifacts?: { log?: string; samples?: string; fio_json?: string }
  [key: string]: unknown
}

/** `k3s-armbian` is the distro name of bench.md §8; the report reads both. */
const distroLabel = (d: DistroName) => (d === 'talos' ? 'talos' : 'k3s-armbian')

function cluster(
  run: RunContextInfo,
  node: NodeContext,
  simulated: boolean
): BenchRecord['cluster'] {
  return dropEmpty({
    distro: distroLabel(run.distro),
    distro_version: node.info?.osImage,
    kubernetes_version: node.info?.kubeletVersion,
    container_runtime: node.info?.containerRuntimeVersion,
    cluster_id: run.clusterId,
    simulated
  }) as BenchRecord['cluster']
}

function nodePart(node: NodeContext): BenchRecord['node'] {
  const env = { ...(node.environment ?? {}) }
  // The harness repeats these; the record has them at the top level.
  delete env.simulated
  delete env.distro
  return dropEmpty({
    ...env,
    name: node.name,
    slot: node.slot,
    kernel: (env.kernel as string | undefined) ?? node.info?.kernelVersion
  }) as BenchRecord['node']
}

/** Undefined and null fields say nothing; the schema would have to allow them everywhere. */
function dropEmpty<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null)) as T
}

function isSimulated(run: RunContextInfo, node: NodeContext, r?: HarnessResult): boolean {
  return run.labSimulated || node.harnessSimulated === true || r?.simulated === true
}

/** Published figures for the record's headlines (the report falls back to the same table). */
export function referencesFor(record: Pick<RunRecord, 'workload' | 'metrics'>): Reference[] {
  const refs: Reference[] = []
  for (const h of headlinesOf(record as RunRecord)) {
    const ref = knownReference(record.workload.id, record.workload.variant, h)
    if (ref && !refs.some((x) => x.metric === ref.metric)) refs.push(ref)
  }
  return refs
}

function isSpeedup(v: unknown): v is Speedup {
  if (typeof v !== 'object' || v === null) return false
  const o = v as Record<string, unknown>
  const b = o.baseline as Record<string, unknown> | undefined
  return typeof o.basis === 'string' && typeof b?.id === 'string' && typeof b.variant === 'string'
}

export function recordFromResult(
  run: RunContextInfo,
  node: NodeContext,
  r: HarnessResult,
  files: { samples?: string; fio_json?: string } = {}
): BenchRecord {
  const simulated = isSimulated(run, node, r)
  const workload = dropEmpty({ ...r.workload }) as BenchRecord['workload']
  const record: BenchRecord = {
    schema: RECORD_SCHEMA,
    schema_version: 1,
    run_id: randomUUID(),
    suite_id: run.suiteId,
    started_at: r.started_at,
    finished_at: r.finished_at,
    simulated,
    source: run.source,
    cluster: cluster(run, node, simulated),
    node: nodePart(node),
    workload,
    method: r.method as BenchRecord['method'],
    status: r.status,
    reason: r.reason,
    metrics: r.metrics,
    telemetry: r.telemetry as BenchRecord['telemetry'],
    references: undefined,
    note: typeof r.note === 'string' ? r.note : undefined,
    speedup: isSpeedup(r.speedup) ? r.speedup : undefined,
    harness_version: node.harnessVersion,
    artifacts: dropEmpty({ log: node.log, ...files })
  }
  const refs = referencesFor(record)
  if (refs.length) record.references = refs
  return dropEmpty(record)
}

/**
 * A record for work that gave no result: the Job crashed, timed out, or the node was not there.
 * The workload is the one in progress when it is known, else the suite as a whole.
 */
export function failedRecord(
  run: RunContextInfo,
  node: NodeContext,
  o: {
    suite: Suite
    workload?: { id: string; variant: string }
    status?: 'failed' | 'skipped'
    reason: string
    evidence?: string
    startedAt: string
    finishedAt?: string
  }
): BenchRecord {
  const simulated = isSimulated(run, node)
  return dropEmpty({
    schema: RECORD_SCHEMA,
    schema_version: 1,
    run_id: randomUUID(),
    suite_id: run.suiteId,
    started_at: o.startedAt,
    finished_at: o.finishedAt ?? new Date().toISOString(),
    simulated,
    source: run.source,
    cluster: cluster(run, node, simulated),
    node: nodePart(node),
    workload: o.workload ?? { id: o.suite, variant: `${o.suite}-suite` },
    status: o.status ?? 'failed',
    reason: o.reason,
    metrics: {},
    evidence: o.evidence,
    harness_version: node.harnessVersion,
    artifacts: node.log ? { log: node.log } : undefined
  }) as BenchRecord
}

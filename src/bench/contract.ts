/**
 * The harness's side of the contract (bench-image/harness/rk1_bench.py, /work notes
 * bench-contract): on stdout only `RK1-BENCH {json}` lines; anything else in the pod log is log
 * text. This module turns one pod log into what the command needs: the start line, the node's
 * environment, every result, the last workload in progress and the `done` tally.
 */
import type { MetricStats } from '../report/records'

export const LINE_PREFIX = 'RK1-BENCH '

export const SUITES = ['npu', 'cpu', 'storage', 'llm'] as const
export type Suite = (typeof SUITES)[number]
export type BenchMode = 'quick' | 'full'
export type ResultStatus = 'ok' | 'skipped' | 'failed' | 'degraded'

export interface HarnessStart {
  type: 'start'
  node?: string
  harness_version?: string
  simulated?: boolean
  [key: string]: unknown
}

/** The node fingerprint (kernel, npu, storage, cpu policies, …) as the harness saw it. */
export type HarnessEnvironment = Record<string, unknown>

export interface HarnessWorkload {
  id: string
  variant: string
  engine?: string | null
  engine_version?: string | null
  runtime_lib_version?: string | null
  [key: string]: unknown
}

export interface HarnessResult {
  type: 'result'
  workload: HarnessWorkload
  status: ResultStatus
  reason?: string
  started_at: string
  finished_at?: string
  method?: Record<string, unknown>
  metrics: Record<string, MetricStats>
  telemetry?: Record<string, unknown>
  simulated?: boolean
  /** Raw evidence some results carry (latency samples, the fio JSON): kept beside the record. */
  samples_ms?: number[]
  fio_json?: unknown
  [key: string]: unknown
}

export interface HarnessDone {
  type: 'done'
  ok?: number
  failed?: number
  skipped?: number
  degraded?: number
}

export interface ParsedLog {
  start?: HarnessStart
  environment?: HarnessEnvironment
  results: HarnessResult[]
  /** The workload of the last progress line that has no result yet (what a crash interrupted). */
  inProgress?: { workload: string; variant: string; done?: number; total?: number }
  done?: HarnessDone
  /** Contract lines that could not be used, each with why (kept as evidence, never fatal). */
  problems: string[]
  /** Every line that is not a contract line: the harness's own log text. */
  logText: string[]
}

const STATUSES: readonly string[] = ['ok', 'skipped', 'failed', 'degraded']

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** Why a result line cannot become a record (undefined when it can). */
function resultProblem(o: Record<string, unknown>): string | undefined {
  const w = o.workload
  if (!isObject(w) || typeof w.id !== 'string' || !w.id || typeof w.variant !== 'string')
    return 'result without workload id/variant'
  if (!STATUSES.includes(o.status as string))
    return `result with status ${JSON.stringify(o.status)}`
  if (o.metrics !== undefined && !isObject(o.metrics))
    return 'result whose metrics is not an object'
  return undefined
}

/** Parses a pod log (stdout and stderr as `kubectl logs` returns them). */
export function parseHarnessLog(text: string): ParsedLog {
  const out: ParsedLog = { results: [], problems: [], logText: [] }
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '')
    if (!line.startsWith(LINE_PREFIX)) {
      if (line.trim()) out.logText.push(line)
      continue
    }
    let doc: unknown
    try {
      doc = JSON.parse(line.slice(LINE_PREFIX.length))
    } catch {
      // A line cut by a crash or the log limit: say so, go on with the rest.
      out.problems.push(`unreadable contract line: ${line.slice(0, 120)}`)
      continue
    }
    if (!isObject(doc)) {
      out.problems.push(`contract line is not a JSON object: ${line.slice(0, 120)}`)
      continue
    }
    switch (doc.type) {
      case 'start':
        out.start = doc as HarnessStart
        break
      case 'environment':
        if (isObject(doc.node)) out.environment = doc.node
        break
      case 'progress':
        if (typeof doc.workload === 'string' && typeof doc.variant === 'string')
          out.inProgress = {
            workload: doc.workload,
            variant: doc.variant,
            done: typeof doc.done === 'number' ? doc.done : undefined,
            total: typeof doc.total === 'number' ? doc.total : undefined
          }
        break
      case 'result': {
        const problem = resultProblem(doc)
        if (problem) {
          out.problems.push(problem)
          break
        }
        const r = { ...doc, metrics: isObject(doc.metrics) ? doc.metrics : {} } as HarnessResult
        out.results.push(r)
        const p = out.inProgress
        if (p && p.workload === r.workload.id && p.variant === r.workload.variant)
          out.inProgress = undefined
        break
      }
      case 'done':
        out.done = doc as unknown as HarnessDone
        break
      default:
        out.problems.push(`unknown contract line type ${JSON.stringify(doc.type)}`)
    }
  }
  return out
}

/** The last `n` lines of log text, for a failure's evidence. */
export function logTail(text: string, n = 20): string {
  const lines = text.split('\n').filter((l) => l.trim())
  // A result line can carry a whole fio JSON: the tail is for reading, so long lines are cut.
  return lines
    .slice(-n)
    .map((l) => (l.length > 300 ? `${l.slice(0, 300)}…` : l))
    .join('\n')
}

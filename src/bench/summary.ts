/**
 * What a person reads first: a node × workload table (p50, p90, throughput, throttled, reference
 * and ratio) and, grouped by reason, what was skipped or failed. The full data is in the records;
 * the step summary stays small (GitHub caps it at 1 MiB).
 */
import { formatNumber } from '../report/stats'
import type { MetricStats } from '../report/records'
import type { BenchRecord } from './records'

export const SUMMARY_HEADER = [
  'node',
  'workload',
  'variant',
  'status',
  'p50',
  'p90',
  'throughput',
  'throttled',
  'reference (ratio)'
]

const DISTRIBUTIONS = ['latency_ms', 'ttft_ms', 'clat_p50_us']
const THROUGHPUTS = ['throughput_fps', 'decode_tok_s', 'bw_mb_s', 'iops']

/** The record's headline: the distribution metric and the throughput metric it has, if any. */
export function headline(r: BenchRecord): {
  metric?: string
  unit?: string
  p50?: number
  p90?: number
  throughput?: { metric: string; unit?: string; value: number }
} {
  const dist = DISTRIBUTIONS.find((m) => r.metrics[m]?.p50 !== undefined)
  const tp = THROUGHPUTS.find((m) => typeof value(r.metrics[m]) === 'number')
  const d = dist ? r.metrics[dist] : undefined
  return {
    metric: dist,
    unit: d?.unit,
    p50: d?.p50,
    p90: d?.p90,
    throughput: tp
      ? { metric: tp, unit: r.metrics[tp]?.unit, value: value(r.metrics[tp]) as number }
      : undefined
  }
}

function value(m: MetricStats | undefined): number | undefined {
  const v = m?.value ?? m?.p50 ?? m?.mean
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined
}

const withUnit = (v: number | undefined, unit?: string) =>
  v === undefined ? '' : `${formatNumber(v)}${unit ? ` ${unit}` : ''}`

/** "×1.88 decode_tok_s vs cpu-llamacpp-q8_0-4t": an accelerated row over its CPU row. */
function speedupText(r: BenchRecord): string {
  const s = r.speedup
  if (!s) return ''
  const metric = (['decode_tok_s', 'latency_ms', 'ttft_ms'] as const).find(
    (m) => typeof s[m] === 'number'
  )
  return metric ? `×${formatNumber(s[metric])} ${metric} vs ${s.baseline.variant}` : ''
}

function reference(r: BenchRecord): string {
  const ref = r.references?.[0]
  const speedup = speedupText(r)
  if (!ref) return speedup
  const m = r.metrics[ref.metric]
  const measured = m?.p50 ?? value(m)
  const ratio =
    measured !== undefined && ref.value ? ` (×${formatNumber(measured / ref.value)})` : ''
  const text = `${formatNumber(ref.value)}${ref.unit ? ` ${ref.unit}` : ''}${ratio}`
  return speedup ? `${text}; ${speedup}` : text
}

export function summaryRows(records: readonly BenchRecord[]): string[][] {
  return records
    .filter((r) => r.status === 'ok' || r.status === 'degraded')
    .map((r) => {
      const h = headline(r)
      return [
        r.node.name,
        r.workload.id,
        r.workload.variant,
        r.status,
        withUnit(h.p50, h.unit),
        withUnit(h.p90, h.unit),
        h.throughput ? withUnit(h.throughput.value, h.throughput.unit) : '',
        r.telemetry?.throttled ? '⚠ yes' : 'no',
        reference(r)
      ]
    })
}

/** "reason: node a (x/y, …); node b (…)" lines for the records that were not measured. */
export function notMeasured(
  records: readonly BenchRecord[],
  status: 'skipped' | 'failed'
): string[] {
  const byReason = new Map<string, Map<string, string[]>>()
  for (const r of records.filter((x) => x.status === status)) {
    const reason = r.reason ?? '(no reason given)'
    const nodes = byReason.get(reason) ?? new Map<string, string[]>()
    nodes.set(r.node.name, [
      ...(nodes.get(r.node.name) ?? []),
      `${r.workload.id}/${r.workload.variant}`
    ])
    byReason.set(reason, nodes)
  }
  return [...byReason].map(
    ([reason, nodes]) =>
      `${reason}: ${[...nodes].map(([n, w]) => `${n} (${w.join(', ')})`).join('; ')}`
  )
}

/**
 * One line per throttled node: which records, and the evidence of the hottest one (zone past its
 * trip, cpufreq cap), so a reader sees why those figures are not comparable without opening them.
 */
export function throttledLines(records: readonly BenchRecord[]): string[] {
  const byNode = new Map<string, BenchRecord[]>()
  for (const r of records.filter((x) => x.telemetry?.throttled === true))
    byNode.set(r.node.name, [...(byNode.get(r.node.name) ?? []), r])
  return [...byNode].map(([node, list]) => {
    const hottest = [...list].sort((a, b) => maxTemp(b) - maxTemp(a))[0]
    const evidence =
      (hottest?.telemetry as { throttle_evidence?: string[] } | undefined)?.throttle_evidence ?? []
    const what = list.map((r) => `${r.workload.id}/${r.workload.variant}`).join(', ')
    return `${node}: ${list.length} record(s) throttled (${what})${evidence.length ? `: ${evidence.join('; ')}` : ''}`
  })
}

function maxTemp(r: BenchRecord): number {
  const t = r.telemetry?.max_temp_c
  if (typeof t === 'number') return t
  return Math.max(-Infinity, ...Object.values(t ?? {}))
}

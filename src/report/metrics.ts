import type { MetricStats, RunRecord } from './records'

/**
 * Which numbers of a record are headlines, which way is better, what kind of measurement they are,
 * and the smallest change worth an alert for each kind. The floors are code, versioned with the
 * action (a threshold kept on a server outlives the metric it was for: Bencher's orphaned
 * thresholds, ops-and-reporting.md §3.2).
 */

export type MetricKind = 'npu' | 'cpu' | 'llm' | 'storage'

/** Minimum relative change (of the baseline) that can alert, per kind. */
export const ALERT_FLOORS: Record<MetricKind, number> = {
  npu: 0.05,
  llm: 0.05,
  cpu: 0.05,
  storage: 0.05
}

/** A headline: one statistic of one metric (`latency_ms` p50, `bw_mb_s` value). */
export interface Headline {
  metric: string
  stat: 'p50' | 'p90' | 'value'
  /** `latency_ms p50`: what the tables show. */
  label: string
}

const DISTRIBUTION_HEADLINES: Record<string, ('p50' | 'p90')[]> = {
  latency_ms: ['p50', 'p90'],
  ttft_ms: ['p50'],
  clat_p99_us: ['p50']
}
const VALUE_HEADLINES = [
  'throughput_fps',
  'decode_tok_s',
  'prefill_tok_s',
  'bw_mb_s',
  'iops',
  'clat_p99_us'
]
const LOWER_IS_BETTER = /(_ms|_us|_mb)$/

/** The statistic's value, falling back along p50 → value → mean for single-valued metrics. */
export function statValue(m: MetricStats | undefined, stat: Headline['stat']): number | undefined {
  if (!m) return undefined
  const v =
    stat === 'value'
      ? (m.value ?? m.p50 ?? m.mean)
      : (m[stat] ?? (stat === 'p50' ? (m.value ?? m.mean) : undefined))
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined
}

export function headlinesOf(record: RunRecord): Headline[] {
  const out: Headline[] = []
  for (const [metric, m] of Object.entries(record.metrics)) {
    const dist = DISTRIBUTION_HEADLINES[metric]
    if (dist && (m.p50 !== undefined || m.p90 !== undefined)) {
      for (const stat of dist)
        if (m[stat] !== undefined) out.push({ metric, stat, label: `${metric} ${stat}` })
    } else if (VALUE_HEADLINES.includes(metric) || dist) {
      out.push({ metric, stat: 'value', label: metric })
    }
  }
  return out
}

export function lowerIsBetter(record: RunRecord, metric: string): boolean {
  const declared = record.metrics[metric]?.direction
  if (declared) return declared === 'lower'
  return LOWER_IS_BETTER.test(metric)
}

export function kindOf(record: RunRecord): MetricKind {
  const { variant, engine = '', id } = record.workload
  if (/^(fio|storage)/.test(id) || engine === 'fio' || variant.startsWith('fio')) return 'storage'
  if (/rkllm|llama/.test(engine) || /llm|llama|qwen/i.test(id)) return 'llm'
  if (variant.startsWith('npu') || /rknn|teflon|tflite-npu/.test(engine)) return 'npu'
  return 'cpu'
}

/**
 * What must match for two records of a series to be compared: software stack, driver and
 * firmware, clock mode. A change shows as "environment changed" rather than as a delta (the
 * warning CodSpeed gives for mixed environments).
 */
export function fingerprint(record: RunRecord): string {
  const n = record.node
  const parts = [
    record.cluster.distro_version,
    n.kernel,
    n.npu?.driver && `${n.npu.driver}@${n.npu.driver_version ?? ''}`,
    record.workload.engine && `${record.workload.engine}@${record.workload.engine_version ?? ''}`,
    record.workload.runtime_lib_version,
    record.method?.clock_mode,
    n.storage?.firmware,
    n.storage?.fs_type
  ]
  return parts.map((p) => p ?? '-').join('|')
}

/** Human-readable difference between two fingerprints ("kernel 6.1.75 → 6.1.99"). */
export function fingerprintChange(before: string, after: string): string {
  const names = [
    'distro',
    'kernel',
    'npu driver',
    'engine',
    'runtime lib',
    'clock mode',
    'SSD firmware',
    'filesystem'
  ]
  const a = before.split('|')
  const b = after.split('|')
  return names
    .map((name, i) => (a[i] !== b[i] ? `${name} ${a[i]} → ${b[i]}` : ''))
    .filter(Boolean)
    .join(', ')
}

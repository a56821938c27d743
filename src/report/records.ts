/**
 * Benchmark run records (specs/bench.md §8): one per (distro, node, workload, variant) execution.
 * Only the fields the report reads are typed; the rest is kept as is. `checkRecord` says why a
 * document cannot be used, so bad files are reported one by one and left out.
 */

export const RECORD_SCHEMA = 'rk1-bench/run'
export const KNOWN_SCHEMA_VERSIONS = [1]

export type Distro = 'talos' | 'k3s'

export interface MetricStats {
  unit?: string
  direction?: 'lower' | 'higher'
  n?: number
  mean?: number
  stddev?: number
  cv?: number
  min?: number
  p50?: number
  p90?: number
  p95?: number
  p99?: number
  max?: number
  value?: number
}

export interface Reference {
  metric: string
  value: number
  unit?: string
  source: string
  conditions?: string
}

export interface RunRecord {
  schema: string
  schema_version: number
  run_id: string
  suite_id?: string
  started_at: string
  finished_at?: string
  /** Produced against the virtual lab: never mixed with real results. */
  simulated?: boolean
  source?: { repo?: string; commit?: string; ref?: string; workflow?: string; trigger?: string }
  cluster: {
    distro: string
    distro_version?: string
    kubernetes_version?: string
    container_runtime?: string
    cluster_id: string
    simulated?: boolean
  }
  node: {
    name: string
    kernel?: string
    npu?: {
      driver?: string
      driver_version?: string
      mesa_version?: string
      teflon_version?: string
    }
    storage?: {
      model?: string
      firmware?: string
      fs_type?: string
      pcie_speed?: string
      pcie_width?: number
    }
    cpu?: { policies?: { governor?: string; max_khz?: number }[] }
  }
  workload: {
    id: string
    variant: string
    engine?: string
    engine_version?: string
    runtime_lib_version?: string
  }
  method?: { clock_mode?: string; timing_scope?: string }
  status: 'ok' | 'skipped' | 'failed' | 'degraded'
  reason?: string
  metrics: Record<string, MetricStats>
  telemetry?: { throttled?: boolean; max_temp_c?: Record<string, number> | number }
  references?: Reference[]
}

/** `k3s-armbian` and `k3s` are the same distro for the report. */
export function distroOf(record: RunRecord): Distro | undefined {
  const d = record.cluster.distro
  if (d === 'talos') return 'talos'
  if (d === 'k3s' || d.startsWith('k3s')) return 'k3s'
  return undefined
}

export function isSimulated(record: RunRecord): boolean {
  return record.simulated === true || record.cluster.simulated === true
}

const STATUSES = ['ok', 'skipped', 'failed', 'degraded']

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function str(o: Record<string, unknown>, key: string, where: string, problems: string[]): void {
  if (typeof o[key] !== 'string' || o[key] === '')
    problems.push(`${where}${key} is missing or not a string`)
}

/** Every reason `doc` is not a usable run record (empty when it is one). */
export function checkRecord(doc: unknown): string[] {
  if (!isObject(doc)) return ['not a JSON object']
  if (doc.schema !== RECORD_SCHEMA)
    return [`schema is ${JSON.stringify(doc.schema)}, not "${RECORD_SCHEMA}"`]
  if (!KNOWN_SCHEMA_VERSIONS.includes(doc.schema_version as number))
    return [
      `unknown schema_version ${JSON.stringify(doc.schema_version)} (this report reads ${KNOWN_SCHEMA_VERSIONS.join(', ')})`
    ]
  const problems: string[] = []
  str(doc, 'run_id', '', problems)
  str(doc, 'started_at', '', problems)
  if (typeof doc.started_at === 'string' && Number.isNaN(Date.parse(doc.started_at)))
    problems.push('started_at is not an ISO-8601 time')
  for (const [key, fields] of [
    ['cluster', ['distro', 'cluster_id']],
    ['node', ['name']],
    ['workload', ['id', 'variant']]
  ] as const) {
    const part = doc[key]
    if (!isObject(part)) problems.push(`${key} is missing`)
    else for (const f of fields) str(part, f, `${key}.`, problems)
  }
  if (isObject(doc.cluster) && typeof doc.cluster.distro === 'string') {
    const d = doc.cluster.distro
    if (d !== 'talos' && !d.startsWith('k3s'))
      problems.push(`cluster.distro "${d}" is neither talos nor k3s`)
  }
  if (!STATUSES.includes(doc.status as string))
    problems.push(`status must be one of ${STATUSES.join(', ')}`)
  if (!isObject(doc.metrics)) problems.push('metrics is missing')
  else
    for (const [name, m] of Object.entries(doc.metrics)) {
      if (!isObject(m)) {
        problems.push(`metrics.${name} is not an object`)
        continue
      }
      for (const [k, v] of Object.entries(m))
        if (!['unit', 'direction'].includes(k) && typeof v !== 'number' && v !== null)
          problems.push(`metrics.${name}.${k} is not a number`)
    }
  return problems
}

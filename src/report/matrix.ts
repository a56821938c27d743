import { distroOf, type Distro, type Reference, type RunRecord } from './records'
import {
  fingerprint,
  fingerprintChange,
  headlinesOf,
  kindOf,
  lowerIsBetter,
  statValue,
  type Headline,
  type MetricKind
} from './metrics'
import { knownReference } from './references'
import { median, percentChange } from './stats'

/**
 * The distro comparison: one row per workload × variant × headline, each side the median across
 * nodes with its range, from the latest record per (distro, node, workload, variant).
 */

export interface Side {
  median?: number
  min?: number
  max?: number
  nodes: number
  /** When the newest record of this side started. */
  measuredAt?: string
  flags: string[]
  /** Set when this side has no number: why (skipped with reason, failed, no rknpu). */
  missing?: string
  /** Talos NPU rows: the stack that ran (Teflon/Rocket) instead of RKNN. */
  stack?: string
}

export interface MatrixRow {
  key: string
  workload: string
  variant: string
  headline: Headline
  unit: string
  kind: MetricKind
  lowerIsBetter: boolean
  talos: Side
  k3s: Side
  /** K3s relative to Talos, in percent. */
  delta?: number
  reference?: Reference
  /** K3s median / reference (or Talos when only Talos measured it). */
  referenceRatio?: number
  /** Days between the two sides' measurements, when they differ by at least one day. */
  ageGapDays?: number
  notes: string[]
}

/** The newest record per (distro, node, workload, variant). */
export function latestRecords(records: readonly RunRecord[]): RunRecord[] {
  const latest = new Map<string, RunRecord>()
  for (const r of records) {
    const key = `${r.cluster.distro}/${r.node.name}/${r.workload.id}/${r.workload.variant}`
    const seen = latest.get(key)
    if (!seen || Date.parse(r.started_at) > Date.parse(seen.started_at)) latest.set(key, r)
  }
  return [...latest.values()]
}

function flagsOf(r: RunRecord): string[] {
  const flags: string[] = []
  if (r.telemetry?.throttled) flags.push(`⚠ throttled (${r.node.name})`)
  if (r.status === 'failed')
    flags.push(`✖ failed (${r.node.name})${r.reason ? `: ${r.reason}` : ''}`)
  if (r.status === 'degraded')
    flags.push(`⚠ degraded (${r.node.name})${r.reason ? `: ${r.reason}` : ''}`)
  return flags
}

function npuStack(r: RunRecord): string | undefined {
  const npu = r.node.npu
  // No NPU driver is no stack: a Talos node without the rockchip-rknn extension beside one with it.
  if (!npu?.driver || npu.driver === 'rknpu' || npu.driver === 'none') return undefined
  if (npu.driver === 'rocket')
    return `Teflon/Rocket${npu.mesa_version ? ` (Mesa ${npu.mesa_version})` : ''}`
  return npu.driver
}

function side(records: RunRecord[], headline: Headline, distro: Distro, kind: MetricKind): Side {
  const ok = records.filter((r) => r.status === 'ok' || r.status === 'degraded')
  const values = ok
    .map((r) => statValue(r.metrics[headline.metric], headline.stat))
    .filter((v): v is number => v !== undefined)
  const flags = [...new Set(records.flatMap(flagsOf))]
  const times = records.map((r) => r.started_at).sort()
  const s: Side = { nodes: values.length, flags, measuredAt: times[times.length - 1] }
  if (distro === 'talos' && kind === 'npu') s.stack = records.map(npuStack).find(Boolean)
  if (values.length) {
    s.median = median(values)
    s.min = Math.min(...values)
    s.max = Math.max(...values)
  } else {
    const skipped = records.find((r) => r.status === 'skipped')
    if (records.length === 0)
      s.missing =
        distro === 'talos' && (kind === 'npu' || kind === 'llm') ? '— (no rknpu)' : 'not measured'
    else if (skipped) s.missing = `— skipped: ${skipped.reason ?? 'no reason given'}`
    else s.missing = '✖ failed'
  }
  return s
}

function referenceFor(records: readonly RunRecord[], headline: Headline): Reference | undefined {
  for (const r of records) {
    const ref = r.references?.find(
      (x) => x.metric === headline.metric || x.metric === headline.label
    )
    if (ref) return ref
  }
  return undefined
}

/** Builds the matrix from the latest records of both distros (real or simulated, never both). */
export function buildMatrix(allRecords: readonly RunRecord[]): MatrixRow[] {
  const records = latestRecords(allRecords)
  const groups = new Map<string, { headline: Headline; records: RunRecord[] }>()
  for (const r of records) {
    // A skipped or failed record has no metrics: it still gets rows through its siblings.
    for (const h of headlinesOf(r)) {
      const key = `${r.workload.id}/${r.workload.variant}/${h.label}`
      const g = groups.get(key) ?? { headline: h, records: [] }
      groups.set(key, g)
    }
  }
  const byWorkload = new Map<string, RunRecord[]>()
  for (const r of records) {
    const w = `${r.workload.id}/${r.workload.variant}/`
    byWorkload.set(w, [...(byWorkload.get(w) ?? []), r])
  }
  for (const [key, g] of groups) {
    const w = key.slice(0, key.length - g.headline.label.length)
    g.records.push(...(byWorkload.get(w) ?? []))
  }

  const rows: MatrixRow[] = []
  for (const [key, { headline, records: rs }] of groups) {
    const first = rs[0]!
    const kind = kindOf(first)
    const byDistro = (d: Distro) => rs.filter((r) => distroOf(r) === d)
    const talos = side(byDistro('talos'), headline, 'talos', kind)
    const k3s = side(byDistro('k3s'), headline, 'k3s', kind)
    const reference =
      referenceFor(rs, headline) ??
      knownReference(first.workload.id, first.workload.variant, headline)
    const notes: string[] = []
    const modes = new Set(
      rs.filter((r) => r.status === 'ok').map((r) => r.method?.clock_mode ?? '-')
    )
    if (modes.size > 1)
      notes.push(`clock modes differ (${[...modes].join(', ')}): not a like-for-like comparison`)
    for (const d of ['talos', 'k3s'] as const) {
      const prints = [...new Set(byDistro(d).map(fingerprint))]
      if (prints.length > 1)
        notes.push(
          `${d} nodes run different environments (${fingerprintChange(prints[0]!, prints[1]!)})`
        )
    }
    const row: MatrixRow = {
      key,
      workload: first.workload.id,
      variant: first.workload.variant,
      headline,
      unit: first.metrics[headline.metric]?.unit ?? '',
      kind,
      lowerIsBetter: lowerIsBetter(first, headline.metric),
      talos,
      k3s,
      reference,
      notes
    }
    if (talos.median !== undefined && k3s.median !== undefined)
      row.delta = percentChange(k3s.median, talos.median)
    const measured = k3s.median ?? talos.median
    if (reference && measured !== undefined && reference.value)
      row.referenceRatio = measured / reference.value
    if (talos.measuredAt && k3s.measuredAt) {
      const days = Math.abs(Date.parse(k3s.measuredAt) - Date.parse(talos.measuredAt)) / 86_400_000
      if (days >= 1) row.ageGapDays = Math.round(days)
    }
    rows.push(row)
  }
  return rows.sort((a, b) => a.key.localeCompare(b.key))
}

import { evaluateSeries, type SeriesPoint, type StepEvent } from './alert-rule'
import {
  ALERT_FLOORS,
  fingerprint,
  fingerprintChange,
  headlinesOf,
  kindOf,
  lowerIsBetter,
  statValue
} from './metrics'
import { distroOf, type RunRecord } from './records'
import { median, percentChange } from './stats'

/** Trends per series over the nights of the history plus this run, and the alerts they raise. */

export interface Trend {
  key: string
  distro: string
  node: string
  workload: string
  variant: string
  headline: string
  unit: string
  points: SeriesPoint[]
  /** Δ % of the last night against the median of the previous (up to 7) comparable nights. */
  delta?: number
  status:
    'ok' | 'building baseline' | 'regression' | 'improvement' | 'recovered' | 'environment changed'
  note?: string
}

export interface Alert {
  key: string
  state: 'new' | 'ongoing' | 'recovered'
  distro: string
  node: string
  workload: string
  variant: string
  metric: string
  unit: string
  /** Level before the step and after it. */
  before: number
  after: number
  changePercent: number
  /** When the step began (ISO time of that night's run). */
  since: string
}

/** One value per night: the run a record belongs to is its suite (GitHub run), else its own id. */
function nightOf(r: RunRecord): string {
  return r.suite_id ?? r.run_id
}

export function buildTrends(
  records: readonly RunRecord[],
  currentNight?: string
): { trends: Trend[]; alerts: Alert[] } {
  const series = new Map<string, { r: RunRecord; value: number; label: string }[]>()
  for (const r of records) {
    if (r.status !== 'ok') continue
    for (const h of headlinesOf(r)) {
      const value = statValue(r.metrics[h.metric], h.stat)
      if (value === undefined) continue
      const key = `${distroOf(r)}/${r.node.name}/${r.workload.id}/${r.workload.variant}/${h.label}`
      series.set(key, [...(series.get(key) ?? []), { r, value, label: h.label }])
    }
  }
  const trends: Trend[] = []
  const alerts: Alert[] = []
  for (const [key, members] of series) {
    // Latest record per night, nights in time order.
    const byNight = new Map<string, (typeof members)[number]>()
    for (const m of members) {
      const seen = byNight.get(nightOf(m.r))
      if (!seen || m.r.started_at > seen.r.started_at) byNight.set(nightOf(m.r), m)
    }
    const ordered = [...byNight.values()].sort((a, b) =>
      a.r.started_at.localeCompare(b.r.started_at)
    )
    const points = ordered.map((m) => ({
      value: m.value,
      fingerprint: fingerprint(m.r),
      at: m.r.started_at,
      runId: nightOf(m.r)
    }))
    const first = ordered[0]!.r
    const metric = ordered[0]!.label.split(' ')[0]!
    const lower = lowerIsBetter(first, metric)
    const evaluation = evaluateSeries(points, ALERT_FLOORS[kindOf(first)], lower)
    const last = points.length - 1
    const verdict = evaluation.points[last]!
    const lastEvent = evaluation.events.filter((e) => e.index === last).pop()
    const trend: Trend = {
      key,
      distro: distroOf(first) ?? first.cluster.distro,
      node: first.node.name,
      workload: first.workload.id,
      variant: first.workload.variant,
      headline: ordered[0]!.label,
      unit: first.metrics[metric]?.unit ?? '',
      points,
      status: 'ok'
    }
    const previous = points
      .slice(Math.max(0, last - 7), last)
      .filter((p) => p.fingerprint === points[last]!.fingerprint)
    if (previous.length)
      trend.delta = percentChange(points[last]!.value, median(previous.map((p) => p.value)))
    if (lastEvent?.type === 'environment-changed') {
      trend.status = 'environment changed'
      trend.note = fingerprintChange(points[last - 1]!.fingerprint, points[last]!.fingerprint)
      trend.delta = undefined
    } else if (lastEvent) trend.status = lastEvent.type
    else if (evaluation.open) trend.status = 'regression'
    else if (verdict.baseline === undefined) trend.status = 'building baseline'
    trends.push(trend)

    const isCurrent = currentNight === undefined || points[last]!.runId === currentNight
    if (!isCurrent) continue
    const alertOf = (
      state: Alert['state'],
      e: { since: number; before: number; after: number }
    ): Alert => ({
      key,
      state,
      distro: trend.distro,
      node: trend.node,
      workload: trend.workload,
      variant: trend.variant,
      metric: trend.headline,
      unit: trend.unit,
      before: e.before,
      after: e.after,
      changePercent: percentChange(e.after, e.before),
      since: points[e.since]!.at
    })
    const step = lastEvent as Extract<StepEvent, { since: number }> | undefined
    if (step?.type === 'regression') alerts.push(alertOf('new', step))
    else if (step?.type === 'recovered') alerts.push(alertOf('recovered', step))
    else if (evaluation.open) alerts.push(alertOf('ongoing', evaluation.open))
  }
  return { trends: trends.sort((a, b) => a.key.localeCompare(b.key)), alerts }
}

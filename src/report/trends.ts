import {
  evaluateSeries,
  type SeriesEvaluation,
  type SeriesPoint,
  type StepEvent
} from './alert-rule'
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
  /** That median. */
  baseline?: number
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

type Member = { r: RunRecord; value: number; label: string }

/** Every headline value of every ok record, grouped by series. */
function collectSeries(records: readonly RunRecord[]): Map<string, Member[]> {
  const series = new Map<string, Member[]>()
  for (const r of records) {
    if (r.status !== 'ok') continue
    for (const h of headlinesOf(r)) {
      const value = statValue(r.metrics[h.metric], h.stat)
      if (value === undefined) continue
      const key = `${distroOf(r)}/${r.node.name}/${r.workload.id}/${r.workload.variant}/${h.label}`
      series.set(key, [...(series.get(key) ?? []), { r, value, label: h.label }])
    }
  }
  return series
}

/** The latest record per night, nights in time order. */
function perNight(members: readonly Member[]): Member[] {
  const byNight = new Map<string, Member>()
  for (const m of members) {
    const seen = byNight.get(nightOf(m.r))
    if (!seen || m.r.started_at > seen.r.started_at) byNight.set(nightOf(m.r), m)
  }
  return [...byNight.values()].sort((a, b) => a.r.started_at.localeCompare(b.r.started_at))
}

function trendOf(key: string, ordered: Member[]): { trend: Trend; evaluation: SeriesEvaluation } {
  const points = ordered.map((m) => ({
    value: m.value,
    fingerprint: fingerprint(m.r),
    at: m.r.started_at,
    runId: nightOf(m.r)
  }))
  const first = ordered[0]!.r
  const metric = ordered[0]!.label.split(' ')[0]!
  const evaluation = evaluateSeries(
    points,
    ALERT_FLOORS[kindOf(first)],
    lowerIsBetter(first, metric)
  )
  const last = points.length - 1
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
  if (previous.length) {
    trend.baseline = median(previous.map((p) => p.value))
    trend.delta = percentChange(points[last]!.value, trend.baseline)
  }
  if (lastEvent?.type === 'environment-changed') {
    trend.status = 'environment changed'
    trend.note = fingerprintChange(points[last - 1]!.fingerprint, points[last]!.fingerprint)
    trend.delta = undefined
    trend.baseline = undefined
  } else if (lastEvent) trend.status = lastEvent.type
  else if (evaluation.open) trend.status = 'regression'
  else if (evaluation.points[last]!.baseline === undefined) trend.status = 'building baseline'
  return { trend, evaluation }
}

/** The alert of the series' last night: a new regression, one still open, or a recovery. */
function alertOf(trend: Trend, evaluation: SeriesEvaluation): Alert | undefined {
  const last = trend.points.length - 1
  const step = evaluation.events.filter((e) => e.index === last).pop() as
    Extract<StepEvent, { since: number }> | undefined
  const make = (
    state: Alert['state'],
    e: { since: number; before: number; after: number }
  ): Alert => ({
    key: trend.key,
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
    since: trend.points[e.since]!.at
  })
  if (step?.type === 'regression') return make('new', step)
  if (step?.type === 'recovered') return make('recovered', step)
  if (evaluation.open) return make('ongoing', evaluation.open)
  return undefined
}

/** Trends of every series; alerts only for series measured on `currentNight` (all when unset). */
export function buildTrends(
  records: readonly RunRecord[],
  currentNight?: string
): { trends: Trend[]; alerts: Alert[] } {
  const trends: Trend[] = []
  const alerts: Alert[] = []
  for (const [key, members] of collectSeries(records)) {
    const { trend, evaluation } = trendOf(key, perNight(members))
    trends.push(trend)
    const lastNight = trend.points[trend.points.length - 1]!.runId
    if (currentNight !== undefined && lastNight !== currentNight) continue
    const alert = alertOf(trend, evaluation)
    if (alert) alerts.push(alert)
  }
  return { trends: trends.sort((a, b) => a.key.localeCompare(b.key)), alerts }
}

import { distroOf, type RunRecord } from './records'
import { headlinesOf, lowerIsBetter, statValue } from './metrics'
import { latestRecords } from './matrix'
import { median, percentChange } from './stats'

/**
 * Each node's deviation from its cluster's median for each headline: a bad SSD, a fan or a slow
 * module bin shows up as one node far from the others.
 */

export interface NodeDeviation {
  distro: string
  node: string
  workload: string
  variant: string
  headline: string
  value: number
  clusterMedian: number
  /** Percent from the median; positive means worse, whichever way the metric points. */
  worseBy: number
  kernel?: string
  driver?: string
}

/** Deviations worse than this are marked in the tables. */
export const NODE_OUTLIER_PERCENT = 10

export function nodeDeviations(records: readonly RunRecord[]): NodeDeviation[] {
  const groups = new Map<string, { r: RunRecord; value: number; label: string }[]>()
  for (const r of latestRecords(records)) {
    if (r.status !== 'ok') continue
    for (const h of headlinesOf(r)) {
      const value = statValue(r.metrics[h.metric], h.stat)
      if (value === undefined) continue
      const key = `${distroOf(r)}/${r.workload.id}/${r.workload.variant}/${h.label}`
      groups.set(key, [...(groups.get(key) ?? []), { r, value, label: h.label }])
    }
  }
  const out: NodeDeviation[] = []
  for (const [key, members] of groups) {
    if (members.length < 2) continue
    const m = median(members.map((x) => x.value))
    for (const { r, value, label } of members) {
      const change = percentChange(value, m)
      const metric = label.split(' ')[0]!
      out.push({
        distro: key.split('/')[0]!,
        node: r.node.name,
        workload: r.workload.id,
        variant: r.workload.variant,
        headline: label,
        value,
        clusterMedian: m,
        worseBy: lowerIsBetter(r, metric) ? change : -change,
        kernel: r.node.kernel,
        driver: r.node.npu?.driver
          ? `${r.node.npu.driver} ${r.node.npu.driver_version ?? ''}`.trim()
          : undefined
      })
    }
  }
  return out.sort((a, b) => b.worseBy - a.worseBy)
}

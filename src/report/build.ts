import { checkClaims } from './claims'
import type { BadRecord } from './load'
import { buildMatrix } from './matrix'
import type { ReportModel } from './model'
import { environments } from './environment'
import { nodeDeviations } from './nodes'
import { distroOf, isSimulated, type RunRecord } from './records'
import { buildTrends } from './trends'

/**
 * Puts this run's records and the history together into the report model: one side only (real,
 * or SIMULATED when this run is the lab's), one cluster only, everything left out said so.
 */
export function buildReport(input: {
  current: RunRecord[]
  history: RunRecord[]
  bad: BadRecord[]
  historyNotes: string[]
  clusterId?: string
  now?: Date
}): ReportModel {
  const leftOut: string[] = []
  const bad = [...input.bad]
  const simulated = input.current.length > 0 && input.current.every(isSimulated)
  const sameSide = (r: RunRecord) => isSimulated(r) === simulated
  const otherSide = simulated ? 'real' : 'SIMULATED'

  const clusterId =
    input.clusterId ?? mostCommon(input.current.filter(sameSide).map((r) => r.cluster.cluster_id))
  const inCluster = (r: RunRecord, where: string) => {
    if (!clusterId || r.cluster.cluster_id === clusterId) return true
    bad.push({
      file: `${where} ${r.node.name}/${r.workload.id}/${r.workload.variant}`,
      problem: `from cluster "${r.cluster.cluster_id}", not "${clusterId}"`
    })
    return false
  }
  const current = input.current.filter(sameSide)
  if (current.length < input.current.length)
    leftOut.push(
      `${input.current.length - current.length} ${otherSide} record(s) of this run left out: simulated and real results are never mixed.`
    )
  const history = input.history.filter(sameSide)
  if (history.length < input.history.length)
    leftOut.push(
      `${input.history.length - history.length} ${otherSide} record(s) of the history left out.`
    )
  const currentOk = current.filter((r) => inCluster(r, 'this run:'))
  const historyOk = history.filter((r) => inCluster(r, 'history:'))

  const currentNights = new Set(currentOk.map((r) => r.suite_id ?? r.run_id))
  const currentNight = currentNights.size === 1 ? [...currentNights][0] : undefined
  // The current night's records replace any copy of them in the history (re-runs, the branch).
  const ids = new Set(currentOk.map((r) => r.run_id))
  const all = [...historyOk.filter((r) => !ids.has(r.run_id)), ...currentOk]
  const historyNights = new Set(
    historyOk.map((r) => r.suite_id ?? r.run_id).filter((n) => !currentNights.has(n))
  )

  const matrix = buildMatrix(currentOk)
  const { trends, alerts } = buildTrends(all, currentNight)
  return {
    generatedAt: (input.now ?? new Date()).toISOString(),
    simulated,
    clusterId,
    recordCount: currentOk.length,
    distros: [
      ...new Set(currentOk.map((r) => distroOf(r)).filter((d): d is 'talos' | 'k3s' => !!d))
    ].sort(),
    bad,
    leftOut,
    history: { nights: historyNights.size, notes: input.historyNotes },
    matrix,
    claims: checkClaims(matrix),
    nodes: nodeDeviations(currentOk),
    environment: environments(currentOk),
    trends,
    alerts
  }
}

function mostCommon(values: string[]): string | undefined {
  const counts = new Map<string, number>()
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1)
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0]
}

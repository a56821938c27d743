import { formatDuration } from '../common/format'
import type { Summary } from '../common/host'

/** One node's row in the provision summary, the same for both distros. */
export interface NodeRow {
  slot: number
  hostname: string
  role: string
  found: string
  action: string
  flashMs?: number
  bootMs?: number
  configureMs?: number
  ready: boolean
  error?: string
}

const ms = (v: number | undefined): string => (v !== undefined ? formatDuration(v) : '')

/**
 * The provision summary of a cluster run: heading (SIMULATED against the lab), the "up to date"
 * line, the node table, the distro's own facts, then every problem with what was seen.
 */
export function summariseCluster(
  summary: Summary,
  run: {
    distro: string
    clusterName: string
    simulated: boolean
    upToDate?: boolean
    /** e.g. "flashed or bootstrapped". */
    nothingDone: string
    nodes: NodeRow[]
    facts: string[]
    clusterErrors: string[]
  }
): void {
  const simulated = run.simulated ? ' (SIMULATED: virtual lab, not real hardware)' : ''
  summary.heading(`Provision: ${run.distro}${simulated}`, 2)
  if (run.upToDate)
    summary.paragraph(
      `Cluster "${run.clusterName}" is already up to date: nothing was ${run.nothingDone}.`
    )
  summary.table(
    ['Slot', 'Host', 'Role', 'State found', 'Action taken', 'Flash', 'Boot', 'Configure', 'Result'],
    run.nodes.map((n) => [
      String(n.slot),
      n.hostname,
      n.role,
      n.found,
      n.action,
      ms(n.flashMs),
      ms(n.bootMs),
      ms(n.configureMs),
      n.ready ? 'ready' : 'FAILED'
    ])
  )
  summary.list(run.facts)
  const failures = run.nodes.filter((n) => n.error)
  if (failures.length > 0 || run.clusterErrors.length > 0) {
    summary.heading('Problems', 3)
    for (const f of failures)
      summary.paragraph(`Slot ${f.slot} (${f.hostname}):`).code(f.error ?? '')
    for (const e of run.clusterErrors) summary.paragraph('Cluster:').code(e)
  }
}

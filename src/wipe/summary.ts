/** The wipe summary (node, state found, action, result, time) and the per-node result JSON. */
import { formatDuration } from '../common/format'
import type { Summary } from '../common/host'
import { foundText, type FoundKind } from './detect'
import type { WipeNodeResult } from './execute'

export interface WipeRun {
  clusterName: string
  simulated: boolean
  dryRun: boolean
  nodes: WipeNodeResult[]
  /** Nothing needed doing: every node was already off or clean. */
  nothingToDo: boolean
  runner?: { hostKeys: number; files: string[] }
  totalMs: number
}

const resultText: Record<WipeNodeResult['result'], string> = {
  wiped: 'wiped',
  'already-clean': 'already clean',
  'powered-off': 'powered off',
  'already-off': 'already off',
  nothing: 'nothing to do',
  refused: 'REFUSED',
  failed: 'FAILED',
  planned: 'planned'
}

export function resultLine(n: WipeNodeResult): string {
  const extras = [
    n.power === 'off' ? 'off (verified)' : n.power === 'on' ? 'still on' : undefined,
    n.emmc === 'blanked' ? 'eMMC blanked' : undefined,
    n.dataWiped ? 'data disk wiped' : undefined
  ].filter(Boolean)
  return `${resultText[n.result]}${extras.length ? `, ${extras.join(', ')}` : ''}`
}

export function wipeFailed(run: WipeRun): boolean {
  return run.nodes.some((n) => n.result === 'failed' || n.result === 'refused')
}

export function summariseWipe(summary: Summary, run: WipeRun): void {
  const simulated = run.simulated ? ' (SIMULATED: virtual lab, not real hardware)' : ''
  const title = run.dryRun ? 'Wipe plan (dry run: nothing was changed)' : 'Wipe'
  summary.heading(`${title}: ${run.clusterName}${simulated}`, 2)
  if (run.nothingToDo)
    summary.paragraph(
      `Cluster "${run.clusterName}" is already wiped: every node was off or clean; nothing was done.`
    )
  summary.table(
    ['Node', 'State found', 'Action', 'Result', 'Time'],
    run.nodes.map((n) => [
      `${n.slot} ${n.hostname}`,
      foundText[n.found as FoundKind] ?? n.found,
      run.dryRun ? n.done.join('; ') : n.action,
      resultLine(n),
      run.dryRun ? '' : formatDuration(n.ms)
    ])
  )
  if (run.runner && (run.runner.hostKeys > 0 || run.runner.files.length > 0))
    summary.list([
      `Runner: ${run.runner.hostKeys} pinned host key(s) forgotten` +
        (run.runner.files.length ? `; removed ${run.runner.files.join(', ')}` : '')
    ])
  const problems = run.nodes.filter((n) => n.error)
  if (problems.length === 0) return
  summary.heading('Problems', 3)
  for (const n of problems) {
    const e = n.error as NonNullable<WipeNodeResult['error']>
    summary
      .paragraph(`Slot ${n.slot} (${n.hostname}), step ${e.step}:`)
      .code(
        [
          e.message,
          e.evidence ? `Seen: ${e.evidence}` : '',
          e.advice ? `What to do: ${e.advice}` : ''
        ]
          .filter(Boolean)
          .join('\n')
      )
  }
}

export function wipeResultJson(run: WipeRun): string {
  return JSON.stringify({
    cluster: run.clusterName,
    simulated: run.simulated,
    dryRun: run.dryRun,
    nothingToDo: run.nothingToDo,
    totalMs: Math.round(run.totalMs),
    runner: run.runner,
    nodes: run.nodes.map(({ ms, ...n }) => ({ ...n, ms: Math.round(ms) }))
  })
}

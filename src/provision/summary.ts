import { formatBytes, formatDuration, formatRate } from '../common/format'
import type { Summary } from '../common/host'
import type { NodeOutcome } from './flash-nodes'

const statusText: Record<NodeOutcome['status'], string> = {
  booted: 'flashed, booted',
  'flash-failed': 'flash failed',
  'boot-failed': 'flashed, did not boot',
  skipped: 'skipped'
}

export function summariseOutcomes(
  summary: Summary,
  outcomes: NodeOutcome[],
  context: { imageName: string; distro: string; simulated: boolean; totalMs: number }
): void {
  const title = `Provision: ${context.distro}${context.simulated ? ' (SIMULATED: virtual lab, not real hardware)' : ''}`
  summary.heading(title, 2).table(
    ['Slot', 'Host', 'Image', 'Bytes', 'Flash time', 'Throughput', 'Boot', 'Result'],
    outcomes.map((o) => [
      String(o.slot),
      o.hostname,
      context.imageName,
      o.flash ? formatBytes(o.flash.bytes) : '',
      o.flash ? formatDuration(o.flash.durationMs) : '',
      o.flash ? formatRate(o.flash.throughputBytesPerSec) : '',
      o.bootMs !== undefined ? `${formatDuration(o.bootMs)} (${(o.bootVia ?? []).join('+')})` : '',
      statusText[o.status]
    ])
  )
  summary.paragraph(`Total wall time: ${formatDuration(context.totalMs)}.`)
  const failures = outcomes.filter((o) => o.error)
  if (failures.length > 0) {
    summary.heading('Problems', 3)
    for (const f of failures)
      summary.paragraph(`Slot ${f.slot} (${f.hostname}):`).code(f.error ?? '')
  }
}

/** The `result` output: JSON without anything secret (no UART snapshot, no credentials). */
export function outcomesJson(outcomes: NodeOutcome[], simulated: boolean): string {
  return JSON.stringify({
    simulated,
    nodes: outcomes.map((o) => ({
      slot: o.slot,
      hostname: o.hostname,
      status: o.status,
      bytes: o.flash?.bytes,
      writtenBytes: o.flash?.writtenBytes,
      flashMs: o.flash ? Math.round(o.flash.durationMs) : undefined,
      throughputBytesPerSec: o.flash ? Math.round(o.flash.throughputBytesPerSec) : undefined,
      bootMs: o.bootMs !== undefined ? Math.round(o.bootMs) : undefined,
      bootVia: o.bootVia,
      error: o.error
    }))
  })
}

import { formatBytes, formatDuration } from '../common/format'
import type { Logger, Summary } from '../common/host'

/** What a provision run would do to one node, shown in dry runs and before real runs. */
export interface FlashPlanEntry {
  slot: number
  hostname: string
  ip: string
  role: string
  imageName: string
  /** Bytes sent to the BMC (compressed size for .xz). */
  uploadBytes?: number
  /** Bytes written to the eMMC (after the BMC decompresses .xz), when known. */
  writeBytes?: number
  estimatedMs?: number
}

/**
 * Timing model of a real RK1 flash (bmc-api.md §5.11): node preparation ≈ 7 s, eMMC writes at
 * ≈ 3 MB/s through the BMC, the CRC read-back adds ≈ 40 %, and a boot takes about a minute.
 */
export const flashTimingModel = {
  prepMs: 7_000,
  writeBytesPerSec: 3e6,
  verifyFactor: 0.4,
  bootMs: 60_000
}

export function estimateFlashMs(
  writeBytes: number | undefined,
  skipCrc: boolean
): number | undefined {
  if (writeBytes === undefined) return undefined
  const { prepMs, writeBytesPerSec, verifyFactor, bootMs } = flashTimingModel
  const writeMs = (writeBytes / writeBytesPerSec) * 1000
  return prepMs + writeMs * (skipCrc ? 1 : 1 + verifyFactor) + bootMs
}

export function logPlan(
  log: Logger,
  entries: FlashPlanEntry[],
  clusterName: string,
  distro: string
): void {
  log.info(
    `Plan for cluster "${clusterName}": flash ${entries.length} node(s) with ${distro}, one after another.`
  )
  for (const e of entries) {
    const size = e.uploadBytes !== undefined ? formatBytes(e.uploadBytes) : 'size unknown'
    const written =
      e.writeBytes !== undefined && e.writeBytes !== e.uploadBytes
        ? `, ${formatBytes(e.writeBytes)} written`
        : ''
    const eta = e.estimatedMs !== undefined ? `, about ${formatDuration(e.estimatedMs)}` : ''
    log.info(
      `  slot ${e.slot} ${e.hostname} (${e.ip}, ${e.role}): ${e.imageName} (${size}${written})${eta}`
    )
  }
  const total = totalEstimate(entries)
  if (total !== undefined) log.info(`Estimated total on real hardware: ${formatDuration(total)}.`)
}

/** Flashes are serial (one transfer per board) but each boot overlaps the next flash. */
export function totalEstimate(entries: FlashPlanEntry[]): number | undefined {
  if (entries.some((e) => e.estimatedMs === undefined)) return undefined
  const bootOverlap = (entries.length - 1) * flashTimingModel.bootMs
  return entries.reduce((sum, e) => sum + (e.estimatedMs ?? 0), 0) - bootOverlap
}

export function summarisePlan(summary: Summary, entries: FlashPlanEntry[]): void {
  summary.heading('Provision plan (dry run: nothing was changed)', 2).table(
    ['Slot', 'Host', 'Role', 'Image', 'Upload', 'Estimated time'],
    entries.map((e) => [
      String(e.slot),
      e.hostname,
      e.role,
      e.imageName,
      e.uploadBytes !== undefined ? formatBytes(e.uploadBytes) : '?',
      e.estimatedMs !== undefined ? formatDuration(e.estimatedMs) : '?'
    ])
  )
}

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
  /** The flash path this node would take (flash-path) and why; absent = not worked out. */
  path?: 'node' | 'bmc'
  pathReason?: string
  /** flash-path is node but this node cannot take it: the run would leave it untouched. */
  pathRefused?: boolean
  /** What the node runs now (read-only detection of the dry run). */
  found?: string
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

/**
 * The node path (bench/node-flash.ts has the sources): the image crosses the runner's uplink,
 * shared by every node writing itself at once, then the node writes its eMMC from RAM at
 * ≈ 80 MB/s and reads it back at ≈ 150 MB/s; the boot is the same as after a BMC flash.
 */
export const nodePathTimingModel = {
  emmcWriteBytesPerSec: 80e6,
  readBackBytesPerSec: 150e6
}

export function estimateNodePathMs(
  entry: Pick<FlashPlanEntry, 'uploadBytes' | 'writeBytes'>,
  uplinkBytesPerSec: number,
  sharing: number
): number | undefined {
  const sent = entry.uploadBytes ?? entry.writeBytes
  const written = entry.writeBytes ?? entry.uploadBytes
  if (sent === undefined || written === undefined) return undefined
  const transferS = sent / (uplinkBytesPerSec / Math.max(1, sharing))
  const { emmcWriteBytesPerSec, readBackBytesPerSec } = nodePathTimingModel
  const writeS = written / emmcWriteBytesPerSec + written / readBackBytesPerSec
  return (transferS + writeS) * 1000 + flashTimingModel.bootMs
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
  distro: string,
  /** Against the lab the image is a stand-in of a few hundred KiB: no real-hardware estimate. */
  o: { simulated?: boolean } = {}
): void {
  const own = entries.filter((e) => e.path === 'node').length
  log.info(
    own > 0
      ? `Plan for cluster "${clusterName}": flash ${entries.length} node(s) with ${distro}: ${own} write their own eMMC at once, the BMC flashes ${entries.length - own} one after another.`
      : `Plan for cluster "${clusterName}": flash ${entries.length} node(s) with ${distro}, one after another.`
  )
  for (const e of entries) {
    const size = e.uploadBytes !== undefined ? formatBytes(e.uploadBytes) : 'size unknown'
    const written =
      e.writeBytes !== undefined && e.writeBytes !== e.uploadBytes
        ? `, ${formatBytes(e.writeBytes)} written`
        : ''
    const eta =
      e.estimatedMs !== undefined && !o.simulated ? `, about ${formatDuration(e.estimatedMs)}` : ''
    log.info(
      `  slot ${e.slot} ${e.hostname} (${e.ip}, ${e.role}): ${e.imageName} (${size}${written})${eta}${pathLine(e)}`
    )
  }
  const total = totalEstimate(entries)
  if (o.simulated)
    log.info(
      'No time estimate: the lab flashes a small stand-in image, not a real one (SIMULATED).'
    )
  else if (total !== undefined)
    log.info(`Estimated total on real hardware: ${formatDuration(total)}.`)
}

/** " — via its own OS (why)" / " — via BMC (why)", as the run's summary says it. */
export function pathLine(e: FlashPlanEntry): string {
  if (!e.path) return ''
  if (e.pathRefused) return ` — not flashed: flash-path is node, but ${e.pathReason ?? '?'}`
  return ` — via ${e.path === 'node' ? 'its own OS' : 'BMC'} (${e.pathReason ?? '?'})`
}

/**
 * BMC flashes are serial (one transfer per board) but each boot overlaps the next flash; nodes
 * that write themselves do so all at once, alongside the BMC's queue.
 */
export function totalEstimate(entries: FlashPlanEntry[]): number | undefined {
  const flashed = entries.filter((e) => !e.pathRefused)
  if (flashed.some((e) => e.estimatedMs === undefined)) return undefined
  const bmc = flashed.filter((e) => e.path !== 'node')
  const bootOverlap = Math.max(0, bmc.length - 1) * flashTimingModel.bootMs
  const serial = bmc.reduce((sum, e) => sum + (e.estimatedMs ?? 0), 0) - bootOverlap
  const own = flashed.filter((e) => e.path === 'node').map((e) => e.estimatedMs ?? 0)
  return Math.max(serial, ...own)
}

export function summarisePlan(summary: Summary, entries: FlashPlanEntry[]): void {
  const paths = entries.some((e) => e.path)
  summary.heading('Provision plan (dry run: nothing was changed)', 2).table(
    [
      'Slot',
      'Host',
      'Role',
      ...(paths ? ['Found', 'Path', 'Why'] : []),
      'Image',
      'Upload',
      'Estimated time'
    ],
    entries.map((e) => [
      String(e.slot),
      e.hostname,
      e.role,
      ...(paths
        ? [
            e.found ?? '',
            e.pathRefused ? 'none (not flashed)' : e.path === 'node' ? 'its own OS' : 'BMC',
            e.pathReason ?? ''
          ]
        : []),
      e.imageName,
      e.uploadBytes !== undefined ? formatBytes(e.uploadBytes) : '?',
      e.estimatedMs !== undefined ? formatDuration(e.estimatedMs) : '?'
    ])
  )
}

/**
 * Flash progress: which phase the BMC is in (spec §5.5 heuristic) and throttled, human progress
 * lines plus structured events.
 */
import type { Logger } from '../common/host'
import { formatBytes, formatDuration, formatRate } from '../common/format'

export type FlashPhase = 'upload' | 'write' | 'verify'

export interface FlashProgress {
  slot: number
  phase: FlashPhase
  /** Bytes done in this phase (uploaded bytes; bytes written to / read back from the eMMC). */
  bytes: number
  /** Phase total when known; undefined for the xz write (decompressed size unknown). */
  total?: number
  percent?: number
  bytesPerSec?: number
  etaMs?: number
  /** Since the flash started. */
  elapsedMs: number
}

/** What the BMC may still hold in its buffers when the upload request returns. */
const VERIFY_SHORTCUT_MARGIN = 64 * 1024 * 1024

/**
 * Reads the phase from `bytes_written` after the upload returned: "write" until the counter drops
 * below its maximum (the CRC read-back restarts it at 0), then "verify". The first observation
 * decides alone when the counter is already far below where the write must have ended.
 */
export class PhaseDetector {
  private phaseNow: 'write' | 'verify' = 'write'
  private max = 0
  private seen = false
  private verifyTotal: number | undefined
  private verifyMax = 0

  constructor(
    private readonly format: 'raw' | 'xz',
    /** Uploaded byte count (= image size for raw, compressed size for xz). */
    private readonly size: number
  ) {}

  get phase(): 'write' | 'verify' {
    return this.phaseNow
  }

  /**
   * Bytes on the eMMC as far as observed: the largest counter value in either phase. Exact for raw
   * images; for xz a lower bound when polls missed the end of both phases.
   */
  get written(): number {
    return Math.max(this.max, this.verifyMax)
  }

  observe(bytesWritten: number): { phase: 'write' | 'verify'; total?: number } {
    if (this.phaseNow === 'write') {
      const first = !this.seen
      this.seen = true
      if (first && this.startsInVerify(bytesWritten)) {
        this.phaseNow = 'verify'
        // For raw the read-back covers the image; for xz the decompressed size is unknown.
        this.verifyTotal = this.format === 'raw' ? this.size : undefined
      } else if (bytesWritten < this.max) {
        this.phaseNow = 'verify'
        this.verifyTotal = this.max
      } else {
        this.max = bytesWritten
      }
    }
    if (this.phaseNow === 'write') {
      return this.format === 'raw' ? { phase: 'write', total: this.size } : { phase: 'write' }
    }
    this.verifyMax = Math.max(this.verifyMax, bytesWritten)
    // The read-back covers exactly what was written; polls may have missed the write's end.
    if (this.verifyTotal !== undefined && bytesWritten > this.verifyTotal) {
      this.verifyTotal = bytesWritten
    }
    return this.verifyTotal !== undefined
      ? { phase: 'verify', total: this.verifyTotal }
      : { phase: 'verify' }
  }

  private startsInVerify(value: number): boolean {
    // When a large upload returns, the BMC has written all but what sits in its buffers (a few
    // MiB), and xz output is at least as large as its input; a counter far below that is the
    // read-back. Small images may still be in the buffers (or the node still in preparation with
    // the counter at 0), so they never take this shortcut.
    return this.size > VERIFY_SHORTCUT_MARGIN && value < this.size - VERIFY_SHORTCUT_MARGIN
  }
}

export interface ReporterOptions {
  slot: number
  log: Logger
  onProgress?: (progress: FlashProgress) => void
  now?: () => number
  /** A line needs at least this much time since the previous one... */
  minIntervalMs?: number
  /** ...and at least this much progress, when a percentage exists (the rarer rule wins). */
  minPercentStep?: number
  /** Without a percentage, lines come this often. */
  unknownIntervalMs?: number
  /** A line at least this often, so a slow phase still shows life. */
  maxSilenceMs?: number
  /** Structured events at most this often (phase changes and the end always). */
  eventIntervalMs?: number
}

interface Sample {
  t: number
  bytes: number
}

/** Rate over this window; short enough to follow changes, long enough to smooth polling. */
const RATE_WINDOW_MS = 20_000

export class ProgressReporter {
  private readonly now: () => number
  private readonly startedAt: number
  private phase: FlashPhase | undefined
  private samples: Sample[] = []
  private lastLineAt = -Infinity
  private lastLinePercent = -Infinity
  private lastLinePhase: FlashPhase | undefined
  private lastLineBytes = -1
  private lastEventAt = -Infinity
  private last: FlashProgress | undefined
  private lastEventPhase: FlashPhase | undefined

  constructor(private readonly options: ReporterOptions) {
    this.now = options.now ?? Date.now
    this.startedAt = this.now()
  }

  /** Reports the state of a phase; logs a line when the throttling rules allow. */
  update(phase: FlashPhase, bytes: number, total?: number): FlashProgress {
    const t = this.now()
    if (phase !== this.phase) {
      this.phase = phase
      this.samples = []
    }
    const lastSample = this.samples[this.samples.length - 1]
    // Thin the samples: the upload reports every chunk, the rate needs far fewer points.
    if (!lastSample || t - lastSample.t >= 100) this.samples.push({ t, bytes })
    while (this.samples.length > 2 && t - this.samples[0]!.t > RATE_WINDOW_MS) this.samples.shift()
    const progress = this.compute(phase, bytes, total, t)
    this.last = progress
    if (this.shouldLog(progress, t)) this.line(progress, t)
    const eventGap = this.options.eventIntervalMs ?? 250
    if (t - this.lastEventAt >= eventGap || progress.phase !== this.lastEventPhase) {
      this.emit(progress, t)
    }
    return progress
  }

  /**
   * Reports the final state of the current phase: the event always, the line only when the last
   * line did not show this state already (or never, with `log: false`).
   */
  flush(options: { log?: boolean } = {}): void {
    if (!this.last) return
    const t = this.now()
    const shown = this.lastLinePhase === this.last.phase && this.lastLineBytes === this.last.bytes
    if (options.log !== false && !shown) this.line(this.last, t)
    this.emit(this.last, t)
  }

  private emit(progress: FlashProgress, t: number): void {
    this.lastEventAt = t
    this.lastEventPhase = progress.phase
    this.options.onProgress?.(progress)
  }

  private compute(
    phase: FlashPhase,
    bytes: number,
    total: number | undefined,
    t: number
  ): FlashProgress {
    const first = this.samples[0]!
    const dt = t - first.t
    const rate = dt > 0 && bytes >= first.bytes ? ((bytes - first.bytes) * 1000) / dt : undefined
    const percent = total && total > 0 ? Math.min(100, (bytes / total) * 100) : undefined
    const etaMs =
      total !== undefined && rate && rate > 0
        ? (Math.max(0, total - bytes) / rate) * 1000
        : undefined
    return {
      slot: this.options.slot,
      phase,
      bytes,
      ...(total !== undefined ? { total } : {}),
      ...(percent !== undefined ? { percent } : {}),
      ...(rate !== undefined ? { bytesPerSec: rate } : {}),
      ...(etaMs !== undefined ? { etaMs } : {}),
      elapsedMs: t - this.startedAt
    }
  }

  private shouldLog(p: FlashProgress, t: number): boolean {
    if (p.phase !== this.lastLinePhase) return true
    const since = t - this.lastLineAt
    if (since >= (this.options.maxSilenceMs ?? 60_000)) return true
    if (p.percent === undefined) return since >= (this.options.unknownIntervalMs ?? 15_000)
    // Reaching the total of write/verify is worth a line; the upload gets a summary line instead.
    const reached = p.total !== undefined && p.bytes >= p.total && this.lastLineBytes < p.total
    if (reached && p.phase !== 'upload') return true
    return (
      since >= (this.options.minIntervalMs ?? 5_000) &&
      p.percent - this.lastLinePercent >= (this.options.minPercentStep ?? 10)
    )
  }

  private line(p: FlashProgress, t: number): void {
    this.lastLineAt = t
    this.lastLinePhase = p.phase
    this.lastLinePercent = p.percent ?? -Infinity
    this.lastLineBytes = p.bytes
    this.options.log.info(formatProgress(p))
  }
}

const PHASE_LABEL: Record<FlashPhase, string> = {
  upload: 'uploading',
  write: 'writing',
  verify: 'verifying'
}

export function formatProgress(p: FlashProgress): string {
  const head = `node ${p.slot}: ${PHASE_LABEL[p.phase]}${p.percent !== undefined ? ` ${p.percent.toFixed(0)}%` : ''}`
  const parts = [
    p.total !== undefined
      ? `${formatBytes(p.bytes)} / ${formatBytes(p.total)}`
      : formatBytes(p.bytes)
  ]
  if (p.bytesPerSec !== undefined) parts.push(formatRate(p.bytesPerSec))
  if (p.etaMs !== undefined) parts.push(`ETA ${formatDuration(p.etaMs)}`)
  return `${head}: ${parts.join(', ')}`
}

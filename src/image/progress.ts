import type { Logger } from '../common/host'
import { formatBytes, formatDuration, formatRate } from '../common/format'

/**
 * Throttled progress lines ("45% (1.2 GiB of 2.6 GiB), 31.4 MB/s, ETA 48 s"). A line at most every
 * `intervalMs`, so a multi-GiB transfer stays readable in an Actions log.
 */
export class ProgressReporter {
  private readonly started: number
  private lastLogged: number

  constructor(
    private readonly log: Logger,
    private readonly label: string,
    private total?: number,
    /** Bytes already present when this run started (a resumed partial): excluded from the rate. */
    private readonly startBytes = 0,
    private readonly intervalMs = 5000,
    private readonly now: () => number = Date.now
  ) {
    this.started = now()
    this.lastLogged = this.started
  }

  setTotal(total: number | undefined): void {
    this.total = total
  }

  update(bytes: number): void {
    const t = this.now()
    if (t - this.lastLogged < this.intervalMs) return
    this.lastLogged = t
    this.log.info(this.line(bytes, t))
  }

  line(bytes: number, t = this.now()): string {
    const elapsed = Math.max(t - this.started, 1)
    const rate = ((bytes - this.startBytes) * 1000) / elapsed
    const parts: string[] = []
    if (this.total && this.total > 0) {
      const pct = Math.min(100, Math.floor((bytes * 100) / this.total))
      parts.push(`${pct}% (${formatBytes(bytes)} of ${formatBytes(this.total)})`)
    } else {
      parts.push(formatBytes(bytes))
    }
    parts.push(formatRate(rate))
    if (this.total && rate > 0)
      parts.push(`ETA ${formatDuration(((this.total - bytes) / rate) * 1000)}`)
    return `${this.label}: ${parts.join(', ')}`
  }

  /** Elapsed time and average rate of the bytes moved by this run, for the closing log line. */
  summary(bytes: number): string {
    const elapsed = Math.max(this.now() - this.started, 1)
    const rate = ((bytes - this.startBytes) * 1000) / elapsed
    return `${formatBytes(bytes)} in ${formatDuration(elapsed)} (${formatRate(rate)})`
  }
}

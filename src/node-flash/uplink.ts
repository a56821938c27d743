/**
 * The runner's uplink, shared by every node being written at once. Each stream asks for its chunk's
 * share of the link before passing it on; slots are handed out in request order, so concurrent
 * streams interleave chunk by chunk and together never exceed the configured rate (the BMC upload
 * and the Kubernetes API keep their room on the same link).
 */
import { Transform, type TransformCallback } from 'node:stream'
import { sleep } from '../common/abort'

/** Lag the pacer tolerates before it waits: timer granularity must not cost throughput. */
const BURST_MS = 40

export class SharedUplink {
  private nextFree = 0

  constructor(
    /** Bytes per second for all streams together; Infinity = unpaced. */
    readonly bytesPerSecond: number,
    private readonly now: () => number = () => performance.now()
  ) {}

  /** Resolves when `bytes` may go out. */
  async take(bytes: number, signal?: AbortSignal): Promise<void> {
    if (!Number.isFinite(this.bytesPerSecond) || this.bytesPerSecond <= 0) return
    const t = this.now()
    const start = Math.max(this.nextFree, t - BURST_MS)
    this.nextFree = start + (bytes / this.bytesPerSecond) * 1000
    const wait = start - t
    if (wait > 1) await sleep(wait, signal)
  }

  /** A pass-through stream paced on this uplink that reports the bytes it let through. */
  stream(onBytes?: (total: number) => void, signal?: AbortSignal): Transform {
    let total = 0
    const take = (n: number): Promise<void> => this.take(n, signal)
    return new Transform({
      transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
        take(chunk.length).then(
          () => {
            total += chunk.length
            onBytes?.(total)
            done(null, chunk)
          },
          (error: unknown) => done(error instanceof Error ? error : new Error(String(error)))
        )
      }
    })
  }
}

/** 1 Gbit/s Ethernet carries about 117 MB/s of TCP payload; leave a tenth for everything else. */
export const DEFAULT_UPLINK_BYTES_PER_SEC = 105_000_000

/**
 * When our own client keeps the BMC busy. bmcd serves one request at a time (a board-wide FIFO
 * lock, spec §2.6) and an upload holds that lock for the whole eMMC write: 10-15 minutes on
 * hardware. A boot check of the node flashed just before cannot read its console meanwhile, so
 * that time must not count against its boot deadline, and its next read should wait for the
 * upload to end instead of queueing (and timing out) behind it.
 */
import { sleep } from '../common/abort'

export class BusyClock {
  /** Finished busy spans [from, to] in Date.now() ms (a few per run: one per upload). */
  private readonly spans: Array<[number, number]> = []
  /** Start times of the spans still open (several uploads may overlap in theory). */
  private readonly open = new Map<symbol, number>()
  private readonly waiters = new Set<() => void>()

  /** Marks the start of a busy span; call the returned function when it ends (idempotent). */
  start(): () => void {
    const id = Symbol('busy')
    this.open.set(id, Date.now())
    return () => {
      const from = this.open.get(id)
      if (from === undefined) return
      this.open.delete(id)
      this.spans.push([from, Date.now()])
      if (this.open.size === 0) for (const wake of [...this.waiters]) wake()
    }
  }

  /** Runs `fn` as one busy span. */
  async during<T>(fn: () => Promise<T>): Promise<T> {
    const end = this.start()
    try {
      return await fn()
    } finally {
      end()
    }
  }

  get busy(): boolean {
    return this.open.size > 0
  }

  /** Milliseconds within [from, to] during which the BMC was busy with our own requests. */
  busyMsBetween(from: number, to = Date.now()): number {
    const cover: Array<[number, number]> = [
      ...this.spans,
      ...[...this.open.values()].map((start): [number, number] => [start, to])
    ]
      .map(([a, b]): [number, number] => [Math.max(a, from), Math.min(b, to)])
      .filter(([a, b]) => b > a)
      .sort((x, y) => x[0] - y[0])
    let total = 0
    let end = -Infinity
    for (const [a, b] of cover) {
      if (b <= end) continue
      total += b - Math.max(a, end)
      end = b
    }
    return total
  }

  /** Resolves once no busy span is open (at once when none is); rejects when `signal` aborts. */
  async idle(signal?: AbortSignal): Promise<void> {
    if (!this.busy) return
    signal?.throwIfAborted()
    await new Promise<void>((resolve, reject) => {
      const done = (): void => {
        this.waiters.delete(done)
        signal?.removeEventListener('abort', onAbort)
        resolve()
      }
      const onAbort = (): void => {
        this.waiters.delete(done)
        reject(signal?.reason ?? new Error('aborted'))
      }
      this.waiters.add(done)
      signal?.addEventListener('abort', onAbort, { once: true })
    })
    // Let the request that ended release the BMC before the waiter sends its own.
    await sleep(0, signal)
  }
}

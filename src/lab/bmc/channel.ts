/**
 * A bounded queue of chunks between the upload handler and the flash worker, like bmcd's 16-slot
 * channel: the producer waits while it is full, which is what throttles the HTTP upload to the
 * eMMC write speed.
 */

export class ChunkChannel implements AsyncIterable<Buffer> {
  private readonly items: Buffer[] = []
  private closed = false
  private failure: Error | undefined
  private wakeConsumer: (() => void) | undefined
  private readonly producers: Array<{ resolve: () => void; reject: (e: Error) => void }> = []

  constructor(readonly capacity = 16) {}

  get failed(): Error | undefined {
    return this.failure
  }

  /** Queues a chunk; resolves once it fits, rejects when the channel failed. */
  push(chunk: Buffer): Promise<void> {
    if (this.failure) return Promise.reject(this.failure)
    if (this.closed) return Promise.reject(new Error('channel closed'))
    this.items.push(chunk)
    this.wake()
    if (this.items.length <= this.capacity) return Promise.resolve()
    return new Promise((resolve, reject) => this.producers.push({ resolve, reject }))
  }

  /** No more chunks; the consumer ends after the queued ones. */
  close(): void {
    this.closed = true
    this.wake()
  }

  /** Aborts both sides: pending and later pushes and the consumer reject with `error`. */
  fail(error: Error): void {
    if (this.failure) return
    this.failure = error
    this.items.length = 0
    for (const p of this.producers.splice(0)) p.reject(error)
    this.wake()
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Buffer> {
    for (;;) {
      if (this.failure) throw this.failure
      const item = this.items.shift()
      if (item) {
        // Room again: producers whose chunk now sits within the capacity go on.
        while (this.producers.length && this.items.length - this.producers.length < this.capacity) {
          this.producers.shift()?.resolve()
        }
        yield item
        continue
      }
      if (this.closed) return
      await new Promise<void>((resolve) => (this.wakeConsumer = resolve))
    }
  }

  private wake(): void {
    const wake = this.wakeConsumer
    this.wakeConsumer = undefined
    wake?.()
  }
}

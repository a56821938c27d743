/**
 * The global FIFO lock of bmcd's auth middleware (§2.6): a request takes it before being authorised
 * and keeps it until its handler has finished, so one long upload delays every other request.
 */

export class RequestLock {
  private held = false
  private readonly queue: Array<() => void> = []

  /** Number of requests waiting (not counting the holder). */
  get waiting(): number {
    return this.queue.length
  }

  get locked(): boolean {
    return this.held
  }

  /** Resolves with a release function once the caller is first in line. */
  acquire(): Promise<() => void> {
    return new Promise((resolve) => {
      const grant = (): void => {
        this.held = true
        let released = false
        resolve(() => {
          if (released) return
          released = true
          this.release()
        })
      }
      if (!this.held) grant()
      else this.queue.push(grant)
    })
  }

  /** Runs `fn` holding the lock; the lock is released even when `fn` throws. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    const release = await this.acquire()
    try {
      return await fn()
    } finally {
      release()
    }
  }

  private release(): void {
    const next = this.queue.shift()
    if (next) next()
    else this.held = false
  }
}

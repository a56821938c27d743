/** Small helpers for waiting that respect cancellation. */

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason ?? new Error('aborted'))
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    const onAbort = (): void => {
      clearTimeout(timer)
      reject(signal?.reason ?? new Error('aborted'))
    }
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

/**
 * Poll delays that start short and double up to a ceiling: a state that changes quickly (a small
 * flash, a lab node) is seen at once, a long wait on hardware still costs few requests.
 */
export class Backoff {
  private current: number

  constructor(
    private readonly first: number,
    private readonly max: number
  ) {
    this.current = Math.min(first, max)
  }

  next(): number {
    const delay = this.current
    this.current = Math.min(this.current * 2, this.max)
    return delay
  }

  reset(): void {
    this.current = Math.min(this.first, this.max)
  }
}

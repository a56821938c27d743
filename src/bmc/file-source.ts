/**
 * Reads an image in large chunks through two reused buffers, prefetching the next chunk while the
 * current one is sent. `fs.createReadStream` allocates a fresh buffer per chunk; at upload speed
 * that garbage piles up (tens of MB) before the GC runs, which breaks the RSS budget for big images.
 *
 * Contract: a yielded chunk is only valid until the consumer asks for the next one, so the
 * consumer must be done with it (written out, not just queued) before calling `next()`.
 */
import { open, type FileHandle } from 'node:fs/promises'

export interface FileChunks {
  chunks: AsyncGenerator<Buffer>
  /** Closes the file; safe to call more than once and after iteration. */
  close(): Promise<void>
}

/** Opens `path` now (so errors surface before any BMC call) and yields up to `length` bytes. */
export async function openFileChunks(
  path: string,
  options: { chunkBytes?: number; length?: number } = {}
): Promise<FileChunks> {
  const chunkBytes = options.chunkBytes ?? 1024 * 1024
  const limit = options.length ?? Infinity
  const handle = await open(path, 'r')
  // The read in flight, if any: closing waits for it, because a read racing a close fails with
  // EBADF, and a prefetch nobody awaits any more would surface as an unhandled rejection.
  let pending: Promise<number> | undefined
  let closed: Promise<void> | undefined
  const close = (): Promise<void> =>
    (closed ??= (async () => {
      await pending?.catch(() => 0)
      await handle.close().catch(() => undefined)
    })())

  async function* generate(): AsyncGenerator<Buffer> {
    const buffers = [Buffer.allocUnsafeSlow(chunkBytes), Buffer.allocUnsafeSlow(chunkBytes)]
    try {
      let next: Promise<number> = fill(handle, buffers[0]!, 0, limit)
      for (let k = 0; ; k++) {
        pending = next
        const n = await next
        pending = undefined
        if (n === 0) return
        const chunk = buffers[k % 2]!.subarray(0, n)
        // A short read means end of file (or of `length`): nothing to prefetch.
        if (n < chunkBytes) {
          yield chunk
          return
        }
        next = fill(handle, buffers[(k + 1) % 2]!, (k + 1) * chunkBytes, limit)
        // Observed here so a prefetch that fails after the consumer stopped is not "unhandled";
        // a consumer that goes on still gets the error from `await next`.
        next.catch(() => 0)
        pending = next
        yield chunk
      }
    } finally {
      await close()
    }
  }

  return { chunks: generate(), close }
}

/** Fills `buffer` from `position` until full, end of file, or `limit`; returns the byte count. */
async function fill(
  handle: FileHandle,
  buffer: Buffer,
  position: number,
  limit: number
): Promise<number> {
  const want = Math.max(0, Math.min(buffer.length, limit - position))
  let filled = 0
  while (filled < want) {
    const { bytesRead } = await handle.read(buffer, filled, want - filled, position + filled)
    if (bytesRead === 0) break
    filled += bytesRead
  }
  return filled
}

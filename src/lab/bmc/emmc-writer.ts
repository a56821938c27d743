/**
 * The emulated eMMC device of one node: a file written at the simulated write speed, with the CRC
 * bmcd computes on the way and the sha256 of the content for the node's EmmcState. Also the paced
 * read-back of the CRC phase.
 */
import { createHash, type Hash } from 'node:crypto'
import { open, type FileHandle } from 'node:fs/promises'
import { sleep } from '../../common/abort'
import { Crc64 } from './crc64'

export const ENOSPC_TEXT = 'No space left on device (os error 28)'

/** Keeps a byte stream at `bytesPerSecond` of real time (Infinity = no waiting). */
export class Pacer {
  private readonly start = performance.now()
  private bytes = 0

  constructor(private readonly bytesPerSecond: number) {}

  async account(n: number, signal?: AbortSignal): Promise<void> {
    this.bytes += n
    if (!Number.isFinite(this.bytesPerSecond) || this.bytesPerSecond <= 0) return
    const due = this.start + (this.bytes / this.bytesPerSecond) * 1000
    const wait = due - performance.now()
    // Small lags are caught up by the next chunk; sleeping for them only adds timer overhead.
    if (wait > 2) await sleep(wait, signal)
  }
}

export interface EmmcWriterOptions {
  /** Real bytes per second. */
  bytesPerSecond: number
  /** Writing beyond this many bytes fails with ENOSPC. */
  capacity: number
  signal: AbortSignal
}

export class EmmcWriter {
  written = 0
  private readonly crc = new Crc64()
  private readonly hash: Hash = createHash('sha256')
  private readonly pacer: Pacer
  private closed = false

  private constructor(
    private readonly file: FileHandle,
    private readonly options: EmmcWriterOptions
  ) {
    this.pacer = new Pacer(options.bytesPerSecond)
  }

  /** Opens (and empties) the eMMC image file. */
  static async open(path: string, options: EmmcWriterOptions): Promise<EmmcWriter> {
    return new EmmcWriter(await open(path, 'w'), options)
  }

  async write(chunk: Buffer): Promise<void> {
    const room = this.options.capacity - this.written
    const part = chunk.length > room ? chunk.subarray(0, Math.max(0, room)) : chunk
    if (part.length > 0) {
      await this.file.write(part, 0, part.length, this.written)
      this.crc.update(part)
      this.hash.update(part)
      this.written += part.length
    }
    if (part.length < chunk.length) throw new Error(ENOSPC_TEXT)
    await this.pacer.account(part.length, this.options.signal)
  }

  get crcValue(): bigint {
    return this.crc.digest()
  }

  /** sha256 of everything written (call once, after the last write). */
  contentSha256(): string {
    return this.hash.copy().digest('hex')
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    await this.file.close()
  }
}

/** Reads `length` bytes of the image back at `bytesPerSecond`, reporting progress; returns the CRC. */
export async function readBackCrc(
  path: string,
  length: number,
  bytesPerSecond: number,
  signal: AbortSignal,
  onProgress: (bytes: number) => void
): Promise<bigint> {
  const crc = new Crc64()
  const pacer = new Pacer(bytesPerSecond)
  const file = await open(path, 'r')
  try {
    const buf = Buffer.alloc(512 * 1024)
    let done = 0
    while (done < length) {
      signal.throwIfAborted()
      const { bytesRead } = await file.read(buf, 0, Math.min(buf.length, length - done), done)
      if (bytesRead === 0) break
      crc.update(buf.subarray(0, bytesRead))
      done += bytesRead
      onProgress(done)
      await pacer.account(bytesRead, signal)
    }
  } finally {
    await file.close()
  }
  return crc.digest()
}

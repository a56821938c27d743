/** Per-node UART ring buffers of bmcd (§4.6): 16 KiB each, oldest bytes dropped, memory only. */

export const UART_RING_BYTES = 16 * 1024

export class RingBuffer {
  private readonly buf: Buffer
  private start = 0
  private length = 0

  constructor(readonly capacity: number = UART_RING_BYTES) {
    this.buf = Buffer.alloc(capacity)
  }

  get size(): number {
    return this.length
  }

  append(data: Buffer | string): void {
    let bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data
    if (bytes.length >= this.capacity) {
      bytes = bytes.subarray(bytes.length - this.capacity)
      bytes.copy(this.buf, 0)
      this.start = 0
      this.length = this.capacity
      return
    }
    const overflow = Math.max(0, this.length + bytes.length - this.capacity)
    this.start = (this.start + overflow) % this.capacity
    this.length -= overflow
    const end = (this.start + this.length) % this.capacity
    const first = Math.min(bytes.length, this.capacity - end)
    bytes.copy(this.buf, end, 0, first)
    if (first < bytes.length) bytes.copy(this.buf, 0, first)
    this.length += bytes.length
  }

  /** The whole content, oldest byte first; the ring is unchanged (bmcd 2.3.x). */
  snapshot(): Buffer {
    const out = Buffer.alloc(this.length)
    const first = Math.min(this.length, this.capacity - this.start)
    this.buf.copy(out, 0, this.start, this.start + first)
    if (first < this.length) this.buf.copy(out, first, 0, this.length - first)
    return out
  }

  /** The whole content, then empty (bmcd 2.0.x reads drain). */
  drain(): Buffer {
    const out = this.snapshot()
    this.clear()
    return out
  }

  clear(): void {
    this.start = 0
    this.length = 0
  }
}

export const UART_ENCODINGS = ['utf8', 'utf16', 'utf16le', 'utf16be', 'utf32', 'utf32le', 'utf32be']

/** Decodes ring bytes as the `encoding` parameter asks; undefined for an unknown encoding. */
export function decodeUart(bytes: Buffer, encoding: string): string | undefined {
  switch (encoding) {
    case 'utf8':
      return new TextDecoder('utf-8').decode(bytes)
    case 'utf16':
    case 'utf16le':
      return new TextDecoder('utf-16le').decode(bytes)
    case 'utf16be':
      return new TextDecoder('utf-16be').decode(bytes)
    case 'utf32':
    case 'utf32le':
      return decodeUtf32(bytes, true)
    case 'utf32be':
      return decodeUtf32(bytes, false)
    default:
      return undefined
  }
}

function decodeUtf32(bytes: Buffer, littleEndian: boolean): string {
  let out = ''
  for (let i = 0; i + 4 <= bytes.length; i += 4) {
    const cp = littleEndian ? bytes.readUInt32LE(i) : bytes.readUInt32BE(i)
    out += cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff) ? String.fromCodePoint(cp) : '\ufffd'
  }
  if (bytes.length % 4 !== 0) out += '\ufffd'
  return out
}

/**
 * A streaming multipart/form-data parser: feed it chunks of any size, get part headers and body
 * slices back. It never holds more than one chunk plus a boundary's length, so multi-GB images pass
 * through in constant memory; a boundary split across chunks is found all the same.
 */

export type MultipartEvent =
  | { type: 'partStart'; headers: Record<string, string> }
  | { type: 'data'; data: Buffer }
  | { type: 'partEnd' }
  | { type: 'end' }

const MAX_HEADER_BYTES = 16 * 1024
const CRLF = Buffer.from('\r\n')
const HEADER_END = Buffer.from('\r\n\r\n')

export class MultipartError extends Error {}

/** The boundary of a `multipart/form-data` content type, or undefined. */
export function boundaryOf(contentType: string | undefined): string | undefined {
  if (!contentType) return undefined
  const [type, ...params] = contentType.split(';')
  if (type?.trim().toLowerCase() !== 'multipart/form-data') return undefined
  for (const param of params) {
    const eq = param.indexOf('=')
    if (eq < 0) continue
    if (param.slice(0, eq).trim().toLowerCase() !== 'boundary') continue
    let value = param.slice(eq + 1).trim()
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2)
      value = value.slice(1, -1)
    return value.length > 0 && value.length <= 70 ? value : undefined
  }
  return undefined
}

type State = 'preamble' | 'afterBoundary' | 'headers' | 'body' | 'epilogue'

export class MultipartParser {
  /** `\r\n--boundary`: the stream is treated as if it began with CRLF, so the first one matches too. */
  private readonly delimiter: Buffer
  private carry: Buffer = CRLF
  private state: State = 'preamble'
  private parts = 0

  constructor(boundary: string) {
    this.delimiter = Buffer.from(`\r\n--${boundary}`)
  }

  get done(): boolean {
    return this.state === 'epilogue'
  }

  get partCount(): number {
    return this.parts
  }

  /** Parses one more chunk; body slices reference the chunk (copy them if kept after the next push). */
  push(chunk: Buffer): MultipartEvent[] {
    const events: MultipartEvent[] = []
    let buf = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk
    this.carry = Buffer.alloc(0)
    for (;;) {
      if (this.state === 'epilogue') return events
      if (this.state === 'preamble') {
        const at = buf.indexOf(this.delimiter)
        if (at < 0) {
          this.carry = keepTail(buf, this.delimiter.length - 1)
          return events
        }
        buf = buf.subarray(at + this.delimiter.length)
        this.state = 'afterBoundary'
      }
      if (this.state === 'afterBoundary') {
        // Transport padding (spaces, tabs) may follow a boundary before its CRLF.
        let i = 0
        while (i < buf.length && (buf[i] === 0x20 || buf[i] === 0x09)) i++
        if (buf.length - i < 2) {
          this.carry = buf
          return events
        }
        if (buf[i] === 0x2d && buf[i + 1] === 0x2d) {
          this.state = 'epilogue'
          events.push({ type: 'end' })
          return events
        }
        if (buf[i] !== 0x0d || buf[i + 1] !== 0x0a) throw new MultipartError('bad boundary line')
        buf = buf.subarray(i + 2)
        this.state = 'headers'
      }
      if (this.state === 'headers') {
        let headerBlock: Buffer
        if (buf.length >= 2 && buf[0] === 0x0d && buf[1] === 0x0a) {
          headerBlock = Buffer.alloc(0)
          buf = buf.subarray(2)
        } else {
          const at = buf.indexOf(HEADER_END)
          if (at < 0) {
            if (buf.length > MAX_HEADER_BYTES) throw new MultipartError('part headers too large')
            this.carry = buf
            return events
          }
          headerBlock = buf.subarray(0, at)
          buf = buf.subarray(at + HEADER_END.length)
        }
        events.push({ type: 'partStart', headers: parseHeaders(headerBlock) })
        this.parts++
        this.state = 'body'
      }
      if (this.state === 'body') {
        const at = buf.indexOf(this.delimiter)
        if (at < 0) {
          const keep = Math.min(buf.length, this.delimiter.length - 1)
          if (buf.length > keep)
            events.push({ type: 'data', data: buf.subarray(0, buf.length - keep) })
          this.carry = keepTail(buf, keep)
          return events
        }
        if (at > 0) events.push({ type: 'data', data: buf.subarray(0, at) })
        events.push({ type: 'partEnd' })
        buf = buf.subarray(at + this.delimiter.length)
        this.state = 'afterBoundary'
      }
    }
  }
}

/** A copy of the last `n` bytes, so the big chunk they came from can be freed. */
function keepTail(buf: Buffer, n: number): Buffer {
  return Buffer.from(buf.subarray(Math.max(0, buf.length - n)))
}

function parseHeaders(block: Buffer): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const line of block.toString('latin1').split('\r\n')) {
    const colon = line.indexOf(':')
    if (colon <= 0) continue
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim()
  }
  return headers
}

import { describe, expect, it } from '@jest/globals'
import { randomBytes } from 'node:crypto'
import { ChunkChannel } from '../../src/lab/bmc/channel'
import { boundaryOf, MultipartParser, type MultipartEvent } from '../../src/lab/bmc/multipart'

const BOUNDARY = '------------------------a1b2c3d4e5f6'

function body(parts: Array<{ headers: string; data: Buffer }>, preamble = ''): Buffer {
  const pieces: Buffer[] = [Buffer.from(preamble)]
  for (const p of parts) {
    pieces.push(Buffer.from(`--${BOUNDARY}\r\n${p.headers}\r\n\r\n`), p.data, Buffer.from('\r\n'))
  }
  pieces.push(Buffer.from(`--${BOUNDARY}--\r\n`))
  return Buffer.concat(pieces)
}

/** Feeds `input` in chunks cut at `cuts` and returns the first part's bytes and all events. */
function parse(input: Buffer, cuts: number[]): { first: Buffer; parts: number; ended: boolean } {
  const parser = new MultipartParser(BOUNDARY)
  const events: MultipartEvent[] = []
  let last = 0
  for (const cut of [...cuts, input.length]) {
    // Copy, so a parser that kept references into an old chunk would be caught.
    events.push(...parser.push(Buffer.from(input.subarray(last, cut))))
    last = cut
  }
  const data: Buffer[] = []
  let part = 0
  let parts = 0
  for (const ev of events) {
    if (ev.type === 'partStart') parts = ++part
    if (ev.type === 'data' && part === 1) data.push(Buffer.from(ev.data))
  }
  return { first: Buffer.concat(data), parts, ended: events.some((e) => e.type === 'end') }
}

describe('streaming multipart parser', () => {
  const payload = Buffer.concat([
    randomBytes(300),
    // Things that look like a boundary but are not one.
    Buffer.from(`\r\n--${BOUNDARY.slice(0, -1)}X\r\n--${BOUNDARY.slice(0, 10)}`),
    randomBytes(300)
  ])
  const input = body(
    [
      {
        headers:
          'Content-Disposition: form-data; name="file"; filename="img.raw"\r\nContent-Type: application/octet-stream',
        data: payload
      },
      { headers: 'Content-Disposition: form-data; name="other"', data: Buffer.from('second') }
    ],
    'ignored preamble\r\n'
  )

  it('finds the boundary wherever the chunks are cut (every single split position)', () => {
    for (let cut = 1; cut < input.length; cut++) {
      const result = parse(input, [cut])
      if (!result.first.equals(payload) || result.parts !== 2 || !result.ended) {
        throw new Error(`split at ${cut} broke the parse`)
      }
    }
  })

  it('survives byte-by-byte delivery and random chunking', () => {
    const bytes = Array.from({ length: input.length - 1 }, (_, i) => i + 1)
    expect(parse(input, bytes).first.equals(payload)).toBe(true)
    for (let round = 0; round < 50; round++) {
      const cuts = [
        ...new Set(
          Array.from({ length: 8 }, () => 1 + Math.floor(Math.random() * (input.length - 1)))
        )
      ]
      expect(
        parse(
          input,
          cuts.sort((a, b) => a - b)
        ).first.equals(payload)
      ).toBe(true)
    }
  })

  it('parses an empty part and a part without headers', () => {
    const raw = Buffer.from(`--${BOUNDARY}\r\n\r\n\r\n--${BOUNDARY}--`)
    const events = new MultipartParser(BOUNDARY).push(raw)
    expect(events).toEqual([
      { type: 'partStart', headers: {} },
      { type: 'partEnd' },
      { type: 'end' }
    ])
  })

  it('emits data before the stream ends, keeping back at most a boundary', () => {
    const parser = new MultipartParser(BOUNDARY)
    parser.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"\r\n\r\n`))
    const events = parser.push(Buffer.alloc(64 * 1024, 1))
    const emitted = events
      .filter((e) => e.type === 'data')
      .reduce((n, e) => n + (e.type === 'data' ? e.data.length : 0), 0)
    expect(emitted).toBeGreaterThanOrEqual(64 * 1024 - BOUNDARY.length - 4)
  })

  it('reads the boundary from the content type', () => {
    expect(boundaryOf(`multipart/form-data; boundary=${BOUNDARY}`)).toBe(BOUNDARY)
    expect(boundaryOf('multipart/form-data; boundary="a b"')).toBe('a b')
    expect(boundaryOf('Multipart/Form-Data;charset=x;BOUNDARY=q')).toBe('q')
    expect(boundaryOf('application/octet-stream')).toBeUndefined()
    expect(boundaryOf('multipart/form-data')).toBeUndefined()
    expect(boundaryOf(undefined)).toBeUndefined()
  })
})

describe('chunk channel', () => {
  it('makes the producer wait while 16 chunks are queued', async () => {
    const channel = new ChunkChannel(16)
    const settled: number[] = []
    for (let i = 0; i < 18; i++) void channel.push(Buffer.from([i])).then(() => settled.push(i))
    await new Promise((r) => setImmediate(r))
    expect(settled).toEqual([...Array(16).keys()])
    const it = channel[Symbol.asyncIterator]()
    await it.next()
    await it.next()
    await new Promise((r) => setImmediate(r))
    expect(settled).toHaveLength(18)
  })

  it('ends after close and fails both sides on fail', async () => {
    const channel = new ChunkChannel(2)
    await channel.push(Buffer.from('a'))
    channel.close()
    const got: string[] = []
    for await (const c of channel) got.push(c.toString())
    expect(got).toEqual(['a'])

    const broken = new ChunkChannel(1)
    await broken.push(Buffer.from('x'))
    const waiting = broken.push(Buffer.from('y'))
    broken.fail(new Error('transfer canceled'))
    await expect(waiting).rejects.toThrow('transfer canceled')
    await expect(broken.push(Buffer.from('z'))).rejects.toThrow('transfer canceled')
    await expect(broken[Symbol.asyncIterator]().next()).rejects.toThrow('transfer canceled')
  })
})

import { describe, expect, it } from '@jest/globals'
import { decodeUart, RingBuffer, UART_RING_BYTES } from '../../src/lab/bmc/uart'

describe('UART ring buffer', () => {
  it('is 16 KiB and keeps bytes in order until full', () => {
    const ring = new RingBuffer()
    expect(ring.capacity).toBe(UART_RING_BYTES)
    expect(UART_RING_BYTES).toBe(16 * 1024)
    ring.append('hello ')
    ring.append(Buffer.from('world'))
    expect(ring.snapshot().toString()).toBe('hello world')
    expect(ring.snapshot().toString()).toBe('hello world')
  })

  it('drops the oldest bytes when it wraps, at every split position', () => {
    const cap = 10
    for (let first = 0; first <= 12; first++) {
      const ring = new RingBuffer(cap)
      const all = 'abcdefghijklmnopqrstuvwxyz'
      ring.append(all.slice(0, first))
      ring.append(all.slice(first, 17))
      ring.append(all.slice(17, 19))
      expect(ring.snapshot().toString()).toBe(all.slice(0, 19).slice(-cap))
      expect(ring.size).toBe(cap)
    }
  })

  it('keeps only the tail of one huge write', () => {
    const ring = new RingBuffer(8)
    ring.append('xx')
    ring.append('0123456789ABCDEF')
    expect(ring.snapshot().toString()).toBe('89ABCDEF')
  })

  it('drains for the 2.0.x behaviour', () => {
    const ring = new RingBuffer(8)
    ring.append('abc')
    expect(ring.drain().toString()).toBe('abc')
    expect(ring.size).toBe(0)
    ring.append('de')
    expect(ring.snapshot().toString()).toBe('de')
  })
})

describe('UART encodings', () => {
  it('decodes utf8 lossily and the utf16/utf32 variants', () => {
    expect(decodeUart(Buffer.from([0x61, 0xff, 0x62]), 'utf8')).toBe('a\ufffdb')
    expect(decodeUart(Buffer.from('hi', 'utf16le'), 'utf16')).toBe('hi')
    expect(decodeUart(Buffer.from([0, 0x68, 0, 0x69]), 'utf16be')).toBe('hi')
    expect(decodeUart(Buffer.from([0x68, 0, 0, 0]), 'utf32le')).toBe('h')
    expect(decodeUart(Buffer.from([0, 0, 0, 0x68]), 'utf32be')).toBe('h')
    expect(decodeUart(Buffer.alloc(0), 'latin1')).toBeUndefined()
  })
})

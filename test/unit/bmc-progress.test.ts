/** The write/verify heuristic of spec §5.5 and the progress line throttling. */
import { describe, expect, it } from '@jest/globals'
import {
  PhaseDetector,
  ProgressReporter,
  formatProgress,
  type FlashProgress
} from '../../src/bmc/progress'
import type { Logger } from '../../src/common/host'

const MB = 1_000_000

describe('PhaseDetector', () => {
  it('raw: write until the counter drops, then verify against the written size', () => {
    const d = new PhaseDetector('raw', 100 * MB)
    expect(d.observe(95 * MB)).toEqual({ phase: 'write', total: 100 * MB })
    expect(d.observe(100 * MB)).toEqual({ phase: 'write', total: 100 * MB })
    expect(d.observe(3 * MB)).toEqual({ phase: 'verify', total: 100 * MB })
    expect(d.observe(60 * MB)).toEqual({ phase: 'verify', total: 100 * MB })
    expect(d.observe(100 * MB)).toEqual({ phase: 'verify', total: 100 * MB })
    expect(d.written).toBe(100 * MB)
  })

  it('raw: a first value far below a large size is already the read-back', () => {
    const d = new PhaseDetector('raw', 1000 * MB)
    expect(d.observe(10 * MB)).toEqual({ phase: 'verify', total: 1000 * MB })
  })

  it('small images: a first value of 0 is the node still preparing, not the read-back', () => {
    const raw = new PhaseDetector('raw', 5 * MB)
    expect(raw.observe(0)).toEqual({ phase: 'write', total: 5 * MB })
    expect(raw.observe(5 * MB).phase).toBe('write')
    expect(raw.observe(1 * MB).phase).toBe('verify')
    const xz = new PhaseDetector('xz', 90_000)
    expect(xz.observe(0)).toEqual({ phase: 'write' })
    expect(xz.observe(600 * MB)).toEqual({ phase: 'write' })
    expect(xz.observe(100 * MB)).toEqual({ phase: 'verify', total: 600 * MB })
  })

  it('xz: a first value below a large compressed size is the read-back', () => {
    const d = new PhaseDetector('xz', 500 * MB)
    expect(d.observe(2 * MB)).toEqual({ phase: 'verify' })
  })

  it('xz: no percentage while writing (counter exceeds the compressed size), verify against the max', () => {
    const d = new PhaseDetector('xz', 30 * MB)
    expect(d.observe(80 * MB)).toEqual({ phase: 'write' })
    expect(d.observe(120 * MB)).toEqual({ phase: 'write' })
    expect(d.observe(0)).toEqual({ phase: 'verify', total: 120 * MB })
    expect(d.observe(119 * MB)).toEqual({ phase: 'verify', total: 120 * MB })
    expect(d.written).toBe(120 * MB)
  })

  it('xz: equal values do not switch phase; only a drop does', () => {
    const d = new PhaseDetector('xz', 30 * MB)
    d.observe(120 * MB)
    expect(d.observe(120 * MB).phase).toBe('write')
    expect(d.observe(119 * MB).phase).toBe('verify')
  })
})

function clock(): { now: () => number; advance(ms: number): void } {
  let t = 1_000_000
  return { now: () => t, advance: (ms) => void (t += ms) }
}

function collect(): Logger & { lines: string[] } {
  const lines: string[] = []
  const push = (m: string): void => void lines.push(m)
  return { lines, info: push, warn: push, error: push, debug: () => {}, group: (_t, fn) => fn() }
}

describe('ProgressReporter', () => {
  it('fast progress: lines at most every 5 s; first and last always', () => {
    const c = clock()
    const log = collect()
    const r = new ProgressReporter({ slot: 1, log, now: c.now })
    const total = 1000 * MB
    for (let s = 0; s <= 20; s++) {
      r.update('upload', s * 50 * MB, total) // 5 % per second
      c.advance(1000)
    }
    r.flush()
    expect(log.lines[0]).toMatch(/^node 1: uploading 0%/)
    expect(log.lines[log.lines.length - 1]).toMatch(/uploading 100%/)
    // 20 s of upload: first, every 5 s (4), last -> at most 6 lines
    expect(log.lines.length).toBeLessThanOrEqual(6)
  })

  it('slow progress: lines only every 10 %, plus a heartbeat', () => {
    const c = clock()
    const log = collect()
    const r = new ProgressReporter({ slot: 2, log, now: c.now })
    const total = 100 * MB
    for (let s = 0; s <= 200; s++) {
      r.update('upload', s * 0.5 * MB, total) // 0.5 % per second
      c.advance(1000)
    }
    // 100 % over 200 s at 10 % steps -> ~11 lines, never one per 5 s
    expect(log.lines.length).toBeGreaterThanOrEqual(10)
    expect(log.lines.length).toBeLessThanOrEqual(13)
  })

  it('phase changes always log; unknown totals log without a percentage', () => {
    const c = clock()
    const log = collect()
    const events: FlashProgress[] = []
    const r = new ProgressReporter({ slot: 3, log, now: c.now, onProgress: (p) => events.push(p) })
    r.update('upload', 10 * MB, 10 * MB)
    c.advance(1000)
    r.update('write', 40 * MB)
    c.advance(2000)
    r.update('write', 50 * MB)
    c.advance(1000)
    r.update('verify', 0, 50 * MB)
    expect(log.lines.map((l) => l.split(':')[1]!.trim().split(' ')[0])).toEqual([
      'uploading',
      'writing',
      'verifying'
    ])
    expect(log.lines[1]).not.toMatch(/%/)
    expect(events.map((e) => e.phase)).toEqual(['upload', 'write', 'write', 'verify'])
    expect(events[2]!.bytesPerSec).toBeCloseTo(5 * MB)
    expect(events[2]!.percent).toBeUndefined()
  })

  it('formats rate and ETA', () => {
    const line = formatProgress({
      slot: 4,
      phase: 'verify',
      bytes: 50 * MB,
      total: 100 * MB,
      percent: 50,
      bytesPerSec: 10 * MB,
      etaMs: 5000,
      elapsedMs: 1
    })
    expect(line).toBe('node 4: verifying 50%: 47.7 MiB / 95.4 MiB, 10.0 MB/s, ETA 5.0 s')
  })
})

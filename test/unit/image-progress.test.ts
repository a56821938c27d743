import { describe, expect, it } from '@jest/globals'
import type { Logger } from '../../src/common/host'
import { ProgressReporter } from '../../src/image/progress'

function capture(): { log: Logger; lines: string[] } {
  const lines: string[] = []
  const log: Logger = {
    info: (m) => lines.push(m),
    warn: (m) => lines.push(m),
    error: (m) => lines.push(m),
    debug: () => undefined,
    group: (_t, fn) => fn()
  }
  return { log, lines }
}

describe('ProgressReporter', () => {
  it('throttles lines and reports percent, rate and ETA', () => {
    let now = 0
    const { log, lines } = capture()
    const p = new ProgressReporter(log, 'Downloading a.img', 100e6, 0, 5000, () => now)
    now = 1000
    p.update(10e6)
    expect(lines).toEqual([])
    now = 5000
    p.update(50e6)
    expect(lines).toEqual(['Downloading a.img: 50% (47.7 MiB of 95.4 MiB), 10.0 MB/s, ETA 5.0 s'])
    now = 6000
    p.update(60e6)
    expect(lines).toHaveLength(1)
  })

  it('excludes resumed bytes from the rate', () => {
    const { log } = capture()
    let now = 0
    const p = new ProgressReporter(log, 'x', 100e6, 40e6, 5000, () => now)
    now = 2000
    expect(p.line(60e6)).toContain('10.0 MB/s')
    expect(p.summary(60e6)).toMatch(/in 2\.0 s \(10\.0 MB\/s\)/)
  })

  it('works without a known total', () => {
    const { log } = capture()
    const p = new ProgressReporter(log, 'x', undefined, 0, 5000, () => 1000)
    expect(p.line(2048)).toMatch(/^x: 2\.0 KiB, /)
  })
})

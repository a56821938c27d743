// Which benchmark image a run uses (the input, else the inventory's versions.benchmarkImage) and
// the pin rule: a reference without a digest is refused on hardware, only warned about in the lab.
import { describe, expect, it } from '@jest/globals'
import {
  checkImagePin,
  chooseBenchImage,
  isPinnedByDigest,
  UnpinnedImageError
} from '../../src/bench/image-pin'
import type { Logger } from '../../src/common/host'

const PINNED = `ghcr.io/owner/repo/rk1-bench@sha256:${'e'.repeat(64)}`

function logger(): Logger & { warnings: string[] } {
  const warnings: string[] = []
  return {
    warnings,
    info: () => undefined,
    debug: () => undefined,
    error: () => undefined,
    warn: (m: string) => void warnings.push(m),
    group: (_t, fn) => fn()
  }
}

describe('chooseBenchImage', () => {
  it('takes the input over the inventory, the inventory when the input is empty, else nothing', () => {
    expect(chooseBenchImage('x/rk1-bench:1', PINNED)).toEqual({
      image: 'x/rk1-bench:1',
      from: 'input'
    })
    expect(chooseBenchImage('  ', PINNED)).toEqual({ image: PINNED, from: 'inventory' })
    expect(chooseBenchImage(undefined, PINNED)).toEqual({ image: PINNED, from: 'inventory' })
    expect(chooseBenchImage(undefined, undefined)).toBeUndefined()
  })
})

describe('checkImagePin', () => {
  it('accepts a digest on hardware and in the lab, silently', () => {
    const log = logger()
    expect(isPinnedByDigest(PINNED)).toBe(true)
    checkImagePin(PINNED, false, log)
    checkImagePin(PINNED, true, log)
    expect(log.warnings).toEqual([])
  })

  it('refuses a tag on hardware with the digest form to use, and warns in the lab', () => {
    const log = logger()
    const tag = 'ghcr.io/owner/repo/rk1-bench:latest'
    let error: unknown
    try {
      checkImagePin(tag, false, log)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(UnpinnedImageError)
    const e = error as UnpinnedImageError
    expect(e.message).toMatch(/not pinned by digest.*Nothing was run/s)
    expect(e.advice).toContain('ghcr.io/owner/repo/rk1-bench@sha256:<digest>')
    expect(e.advice).toContain('versions.benchmarkImage')
    checkImagePin('rk1-bench:lab', true, log)
    expect(log.warnings).toEqual([expect.stringMatching(/rk1-bench:lab is not pinned by digest/)])
  })

  it('does not take a short or upper-case digest for a pin', () => {
    expect(isPinnedByDigest(`r/rk1-bench@sha256:${'e'.repeat(63)}`)).toBe(false)
    expect(isPinnedByDigest(`r/rk1-bench@sha256:${'E'.repeat(64)}`)).toBe(false)
    expect(isPinnedByDigest(`r/rk1-bench:v1@sha256:${'e'.repeat(64)}`)).toBe(true)
  })
})

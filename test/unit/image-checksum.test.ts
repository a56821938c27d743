import { describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { normalizeSha256, sha256File, verifySha256 } from '../../src/image/checksum'
import { ImageError } from '../../src/image/errors'

const A = 'a'.repeat(64)
const B = 'b'.repeat(64)

describe('verifySha256', () => {
  it('names expected, actual and the file on a mismatch', () => {
    let error: unknown
    try {
      verifySha256(A, B, { file: '/images/x.img', size: 42 })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ImageError)
    const e = error as ImageError
    expect(e.step).toBe('image')
    expect(e.message).toContain('/images/x.img')
    expect(e.evidence).toContain(`expected sha256 ${A}`)
    expect(e.evidence).toContain(`actual sha256 ${B}`)
    expect(e.advice).toBeTruthy()
    expect(e.describe()).toContain('What to do:')
  })

  it('accepts equal digests in any case', () => {
    expect(() => verifySha256(A.toUpperCase(), A, { file: 'x' })).not.toThrow()
  })
})

describe('normalizeSha256', () => {
  it('accepts prefixes and upper case, rejects malformed digests', () => {
    expect(normalizeSha256(`sha256:${A.toUpperCase()}`)).toBe(A)
    expect(normalizeSha256(undefined)).toBeUndefined()
    expect(() => normalizeSha256('abc')).toThrow(ImageError)
    expect(() => normalizeSha256('z'.repeat(64))).toThrow(/not a SHA-256/)
  })
})

describe('sha256File', () => {
  it('hashes a file by streaming', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rk1-sha-'))
    try {
      const data = Buffer.alloc(3 * 1024 * 1024 + 17, 7)
      writeFileSync(join(dir, 'f'), data)
      expect(await sha256File(join(dir, 'f'))).toBe(createHash('sha256').update(data).digest('hex'))
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

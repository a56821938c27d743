import { describe, expect, it } from '@jest/globals'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ImageError } from '../../src/image/errors'
import {
  bmcFileName,
  detectFileFormat,
  detectMagic,
  formatFromName,
  resolveFormat
} from '../../src/image/format'

const XZ = Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 0x00, 0x04])
const GZIP = Buffer.from([0x1f, 0x8b, 0x08, 0x00])
const ZSTD = Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00])
const BZIP2 = Buffer.from('BZh91AY', 'latin1')
const MBR = Buffer.alloc(512)

function failure(fn: () => unknown): ImageError {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(ImageError)
    return error as ImageError
  }
  throw new Error('expected an ImageError')
}

describe('detectMagic', () => {
  it('recognises xz and the compressions the BMC cannot take', () => {
    expect(detectMagic(XZ)).toBe('xz')
    expect(detectMagic(GZIP)).toBe('gzip')
    expect(detectMagic(ZSTD)).toBe('zstd')
    expect(detectMagic(BZIP2)).toBe('bzip2')
    expect(detectMagic(Buffer.from([0x50, 0x4b, 0x03, 0x04]))).toBe('zip')
    expect(detectMagic(MBR)).toBe('unknown')
    expect(detectMagic(XZ.subarray(0, 5))).toBe('unknown')
  })

  it('spots HTML pages', () => {
    expect(detectMagic(Buffer.from('\n  <!DOCTYPE html><html>'))).toBe('html')
    expect(detectMagic(Buffer.from('<HTML><body>login'))).toBe('html')
  })
})

describe('resolveFormat', () => {
  it('trusts matching names and bytes', () => {
    expect(resolveFormat('a.img.xz', XZ, 'a')).toBe('xz')
    expect(resolveFormat('a.img', MBR, 'a')).toBe('raw')
    expect(resolveFormat('download', XZ, 'a')).toBe('xz')
    expect(resolveFormat('download', MBR, 'a')).toBe('raw')
  })

  it('rejects gzip/zstd/bzip2 content whatever the name says', () => {
    for (const head of [GZIP, ZSTD, BZIP2]) {
      const error = failure(() => resolveFormat('image.img', head, 'Image x'))
      expect(error.message).toMatch(/only decompresses xz/)
      expect(error.evidence).toMatch(/first bytes/)
    }
  })

  it('rejects a name that contradicts the bytes', () => {
    expect(failure(() => resolveFormat('a.img.xz', MBR, 'Image a')).message).toMatch(
      /not contain xz/
    )
    expect(failure(() => resolveFormat('a.img', XZ, 'Image a')).message).toMatch(/contains xz data/)
  })

  it('rejects HTML and empty files', () => {
    expect(
      failure(() => resolveFormat('a.img.xz', Buffer.from('<!doctype html>'), 'x')).message
    ).toMatch(/HTML page/)
    expect(failure(() => resolveFormat('a.img', Buffer.alloc(0), 'x')).message).toMatch(/empty/)
  })
})

describe('names', () => {
  it('maps suffixes to formats', () => {
    expect(formatFromName('X.IMG.XZ')).toBe('xz')
    expect(formatFromName('x.raw')).toBe('raw')
    expect(formatFromName('x')).toBeUndefined()
    failure(() => formatFromName('x.tar.gz'))
  })

  it('gives the BMC a name whose suffix matches the format', () => {
    expect(bmcFileName('download', 'xz')).toBe('download.xz')
    expect(bmcFileName('a.img.xz', 'xz')).toBe('a.img.xz')
    expect(bmcFileName('a.img', 'raw')).toBe('a.img')
  })

  it('reads the magic bytes from a file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rk1-format-'))
    try {
      writeFileSync(join(dir, 'blob'), Buffer.concat([XZ, Buffer.alloc(100)]))
      expect(await detectFileFormat(join(dir, 'blob'), 'blob', 'blob')).toBe('xz')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

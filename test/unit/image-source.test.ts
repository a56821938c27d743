import { describe, expect, it } from '@jest/globals'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { ImageError } from '../../src/image/errors'
import { checkUrlAllowed, isLoopbackHost, parseSource } from '../../src/image/source'

const base = '/srv/cluster'

function failure(fn: () => unknown): ImageError {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(ImageError)
    return error as ImageError
  }
  throw new Error('expected an ImageError')
}

describe('parseSource', () => {
  it('resolves relative paths against the base dir', () => {
    const src = parseSource('images/armbian.img.xz', base)
    expect(src).toMatchObject({
      kind: 'local',
      path: join(base, 'images/armbian.img.xz'),
      name: 'armbian.img.xz',
      nameFormat: 'xz'
    })
  })

  it('keeps absolute paths and expands ~', () => {
    expect(parseSource('/data/talos.raw', base)).toMatchObject({
      path: '/data/talos.raw',
      nameFormat: 'raw'
    })
    expect(parseSource('~/x.img', base)).toMatchObject({ path: join(homedir(), 'x.img') })
  })

  it('accepts https URLs and names the file after the last path segment', () => {
    const src = parseSource(
      'https://factory.talos.dev/image/abc/v1.9.0/metal-arm64.raw.xz?token=secret',
      base
    )
    expect(src.kind).toBe('url')
    if (src.kind !== 'url') return
    expect(src.name).toBe('metal-arm64.raw.xz')
    expect(src.nameFormat).toBe('xz')
    expect(src.display).not.toContain('secret')
  })

  it('allows plain http only to 127.0.0.0/8', () => {
    expect(parseSource('http://127.0.0.1:8080/a.img', base).kind).toBe('url')
    expect(parseSource('http://127.1.2.3/a.img', base).kind).toBe('url')
    const error = failure(() => parseSource('http://example.com/a.img', base))
    expect(error.message).toMatch(/plain http/)
    expect(error.step).toBe('image')
    failure(() => parseSource('http://localhost/a.img', base))
  })

  it('rejects other schemes and URLs with credentials', () => {
    expect(failure(() => parseSource('ftp://127.0.0.1/a.img', base)).message).toMatch(
      /scheme "ftp:"/
    )
    failure(() => parseSource('file:///tmp/a.img', base))
    failure(() => parseSource('s3://bucket/a.img', base))
    const creds = failure(() => parseSource('https://user:pw@127.0.0.1/a.img', base))
    expect(creds.message).not.toContain('pw')
  })

  it('rejects an empty source', () => {
    failure(() => parseSource('  ', base))
  })

  it('rejects compressions the BMC cannot decompress, by name', () => {
    for (const name of ['a.img.gz', 'b.raw.zst', 'c.img.bz2', 'd.zip', 'e.img.zstd']) {
      const error = failure(() => parseSource(name, base))
      expect(error.message).toMatch(/only decompresses xz/)
      expect(error.advice).toMatch(/xz/)
    }
    failure(() => parseSource('https://127.0.0.1/x.img.gz', base))
  })

  it('leaves unknown suffixes to the magic bytes', () => {
    expect(parseSource('https://127.0.0.1/download', base)).toMatchObject({
      name: 'download',
      nameFormat: undefined
    })
  })
})

describe('checkUrlAllowed', () => {
  it('refuses a redirect from https to http even on loopback', () => {
    const error = failure(() =>
      checkUrlAllowed(new URL('http://127.0.0.1/a.img'), new URL('https://127.0.0.1/a.img'))
    )
    expect(error.message).toMatch(/https to http/)
  })

  it('recognises loopback literals only', () => {
    expect(isLoopbackHost('127.0.0.1')).toBe(true)
    expect(isLoopbackHost('127.255.255.254')).toBe(true)
    expect(isLoopbackHost('128.0.0.1')).toBe(false)
    expect(isLoopbackHost('127.0.0.1.example.com')).toBe(false)
    expect(isLoopbackHost('127.0.0.256')).toBe(false)
  })
})

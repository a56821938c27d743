import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { xzUncompressedSize } from '../../src/image/xz-index'

const dir = mkdtempSync(join(tmpdir(), 'rk1-xz-'))

function xz(name: string, data: Buffer, args: string[] = []): string {
  const raw = join(dir, name)
  writeFileSync(raw, data)
  execFileSync('xz', ['-k', '-f', '-T1', ...args, raw])
  return `${raw}.xz`
}

describe('xzUncompressedSize', () => {
  it('reads the size of a single-block stream', async () => {
    const data = Buffer.concat([randomBytes(300_000), Buffer.alloc(700_000)])
    expect(await xzUncompressedSize(xz('single.img', data))).toBe(1_000_000)
  })

  it('adds the blocks of a multi-block stream', async () => {
    const data = Buffer.concat([randomBytes(200_000), Buffer.alloc(2_000_000, 7)])
    expect(await xzUncompressedSize(xz('multi.img', data, ['--block-size=100000']))).toBe(2_200_000)
  })

  it('adds concatenated streams and skips stream padding', async () => {
    const a = readFileSync(xz('a.img', Buffer.alloc(123_456, 1)))
    const b = readFileSync(xz('b.img', Buffer.alloc(654_321, 2)))
    const joined = join(dir, 'joined.img.xz')
    writeFileSync(joined, Buffer.concat([a, Buffer.alloc(8), b]))
    expect(await xzUncompressedSize(joined)).toBe(777_777)
  })

  it('returns undefined for something that is not xz', async () => {
    const path = join(dir, 'plain.img')
    writeFileSync(path, randomBytes(4096))
    expect(await xzUncompressedSize(path)).toBeUndefined()
  })
})

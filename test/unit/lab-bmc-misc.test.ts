import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { createHash, X509Certificate } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Board } from '../../src/lab/bmc/board'
import { defaultBootScript, parseImageMarker } from '../../src/lab/bmc/boot-logs'
import { crc64, Crc64 } from '../../src/lab/bmc/crc64'
import { humanSizeDecimal, sortedJson } from '../../src/lab/bmc/format'
import { ParamError, parseNode, sha256HexError } from '../../src/lab/bmc/params'
import { labCertificate } from '../../src/lab/bmc/tls'
import type { EmmcInfo } from '../../src/lab/bmc/types'

describe('CRC-64/REDIS', () => {
  it('matches the catalogue check value and is the same in pieces', () => {
    expect(crc64(Buffer.from('123456789'))).toBe(0xe9c6d914c4b8d9can)
    const data = Buffer.from(Array.from({ length: 1000 }, (_, i) => (i * 7) & 0xff))
    const pieces = new Crc64()
    for (let i = 0; i < data.length; i += 13) pieces.update(data.subarray(i, i + 13))
    expect(pieces.digest()).toBe(crc64(data))
    expect(crc64(Buffer.alloc(0))).toBe(0n)
  })
})

describe('formats', () => {
  it('sizes with decimal units like humansize', () => {
    expect(humanSizeDecimal(512)).toBe('512 B')
    expect(humanSizeDecimal(1000)).toBe('1 kB')
    expect(humanSizeDecimal(1_050_000)).toBe('1.05 MB')
    expect(humanSizeDecimal(2n ** 64n - 1n)).toBe('18.45 EB')
  })

  it('sorts keys of ad-hoc objects', () => {
    expect(sortedJson([{ route: 'a', bus_type: 'b', mode: 'c' }])).toBe(
      '[{"bus_type":"b","mode":"c","route":"a"}]'
    )
  })

  it('parses node like bmcd: truncated to a byte before the range check', () => {
    const q = (node: string): URLSearchParams => new URLSearchParams({ node })
    expect(parseNode(q('3'))).toBe(3)
    expect(parseNode(q('256'))).toBe(0)
    expect(() => parseNode(q('-1'))).toThrow('Parameter `node` is out of range 0..3 of node IDs')
    expect(() => parseNode(q('1.5'))).toThrow(ParamError)
    expect(sha256HexError('abc')).toBe('Odd number of digits')
    expect(sha256HexError('ab')).toBe('Invalid string length')
    expect(sha256HexError('a'.repeat(64))).toBeUndefined()
  })
})

describe('boot logs', () => {
  const emmc = (head: Buffer): EmmcInfo => ({
    path: '/x',
    bytesWritten: head.length,
    sha256: 'abc',
    flashedFileName: 'x',
    flashedAt: null,
    head
  })

  it('reads the lab image marker', () => {
    const head = Buffer.concat([
      Buffer.alloc(4096),
      Buffer.from('RK1LAB-IMAGE distro=talos version=v1.10.0 ip=127.0.1.9\n')
    ])
    expect(parseImageMarker(head)).toEqual({ distro: 'talos', version: 'v1.10.0', ip: '127.0.1.9' })
    expect(parseImageMarker(Buffer.alloc(100))).toBeUndefined()
  })

  it('prints Talos maintenance lines, an Armbian login, a generic login, or nothing', () => {
    const text = (head: string): string =>
      (defaultBootScript(1, emmc(Buffer.from(head)))?.lines ?? []).map((l) => l.text).join('')
    const talos = text('RK1LAB-IMAGE distro=talos\n')
    expect(talos).toContain('[talos] this machine is reachable at:')
    expect(talos).toContain('127.0.1.1')
    expect(talos).toContain('server certificate issued')
    expect(talos).toContain('"fingerprint": "')
    expect(talos).toContain('upload configuration using talosctl:')
    expect(text('RK1LAB-IMAGE distro=armbian\n').endsWith('turing-rk1 login: ')).toBe(true)
    expect(text('some other image').endsWith('login: ')).toBe(true)
    expect(defaultBootScript(1, emmc(Buffer.alloc(512)))).toBeUndefined()
    expect(defaultBootScript(1, emmc(Buffer.alloc(0)))).toBeUndefined()
  })
})

describe('board', () => {
  let dir: string
  let board: Board
  const out: string[] = []
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rk1-bmc-board-'))
    await writeFile(join(dir, 'node1.img'), 'RK1LAB-IMAGE distro=armbian\n')
    await writeFile(
      join(dir, 'node1.json'),
      JSON.stringify({ bytesWritten: 28, sha256: 'x', flashedFileName: 'a', flashedAt: null })
    )
    out.length = 0
    board = new Board({ storageDir: dir, revision: 'v2.5', scale: (ms) => ms / 10_000 })
    board.serialSink = (slot, data) => out.push(`${slot}:${data.toString()}`)
  })
  afterEach(async () => {
    board.close()
    await rm(dir, { recursive: true, force: true })
  })

  it('reset powers a node on without touching its stored bit, and it boots', async () => {
    await board.reset(1)
    expect(board.node(1)).toMatchObject({
      powerBit: false,
      powered: true,
      mode: 'os',
      powerOnCount: 1
    })
    for (let i = 0; i < 200 && !out.join('').endsWith('login: '); i++)
      await new Promise((r) => setTimeout(r, 2))
    expect(out.join('')).toContain('turing-rk1 login: ')
  })

  it('stops printing when powered off, and boots into maskrom with the usbboot pin raised', async () => {
    await board.setPower(1, true)
    await board.setPower(1, false)
    await new Promise((r) => setTimeout(r, 10))
    expect(out).toEqual([])
    board.setUsbBootPin(1, true)
    await board.setPower(1, true)
    expect(board.node(1).mode).toBe('maskrom')
    expect(board.node(1).powerOnAt).not.toBeNull()
  })
})

describe('TLS material', () => {
  it('is a self-signed P-256 certificate with a matching fingerprint, made once per process', async () => {
    const a = await labCertificate()
    const b = await labCertificate()
    expect(b).toBe(a)
    const cert = new X509Certificate(a.certPem)
    expect(cert.subject).toBe('CN=Turing-Pi self signed')
    expect(cert.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1')
    expect(createHash('sha256').update(cert.raw).digest('hex')).toBe(a.fingerprintSha256)
    expect(cert.checkIP('127.0.0.1')).toBe('127.0.0.1')
  })
})

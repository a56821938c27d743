/** The transfer state machine of §5.12, driven directly (no HTTP): the engine, worker and board. */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { randomBytes } from 'node:crypto'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Board } from '../../src/lab/bmc/board'
import { Faults } from '../../src/lab/bmc/faults'
import { makeProfile } from '../../src/lab/bmc/profiles'
import { TransferEngine } from '../../src/lab/bmc/transfer'
import type { Transfer, TransferRequest, TransferSettings } from '../../src/lab/bmc/transfer-model'

let dir: string
let board: Board
let faults: Faults

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rk1-bmc-engine-'))
  board = new Board({ storageDir: dir, revision: 'v2.5', scale: (ms) => ms / 1000 })
  faults = new Faults(() => undefined)
})
afterEach(async () => {
  board.close()
  await rm(dir, { recursive: true, force: true })
})

function engine(overrides: Partial<TransferSettings> = {}): TransferEngine {
  const e: TransferEngine = new TransferEngine({
    board,
    faults,
    profile: makeProfile('2.3.4', 'v2.5', '127.0.0.1'),
    storageDir: dir,
    timeScale: 1000,
    writeRateBytesPerSec: 4e6,
    verifyRateBytesPerSec: 12e6,
    prepDelayMs: 7000,
    uploadDeadlineMs: 10_000,
    emmcCapacityBytes: 1e9,
    crashDaemon: () => e.stop(),
    ...overrides
  })
  return e
}

function request(size: number, extra: Partial<TransferRequest> = {}): TransferRequest {
  return {
    kind: 'flash',
    slot: 2,
    fileName: 'img.raw',
    size,
    skipCrc: false,
    xz: false,
    source: { kind: 'upload' },
    ...extra
  }
}

async function feed(e: TransferEngine, t: Transfer, data: Buffer): Promise<void> {
  e.claimUpload(t)
  for (let i = 0; i < data.length; i += 64 * 1024)
    await t.channel.push(data.subarray(i, i + 64 * 1024))
  t.channel.close()
}

/** Samples the status body until the transfer leaves Transferring. */
async function watch(e: TransferEngine): Promise<string[]> {
  const seen: string[] = []
  for (let i = 0; i < 5000; i++) {
    const body = e.statusBody()
    if (seen[seen.length - 1] !== body) seen.push(body)
    if (!body.startsWith('{"Transferring"')) return seen
    await new Promise((r) => setTimeout(r, 1))
  }
  throw new Error('no end')
}

const written = (body: string): number =>
  (JSON.parse(body) as { Transferring: { bytes_written: number } }).Transferring.bytes_written

describe('transfer state machine', () => {
  it('goes Ready → Transferring (write, then read-back from 0) → Done and powers the node off', async () => {
    const e = engine({ verifyRateBytesPerSec: 2e4 })
    expect(e.statusBody()).toBe('"Ready"')
    const data = randomBytes(1024 * 1024)
    const t = e.start(request(data.length))
    expect(e.statusBody()).toBe(
      `{"Transferring":{"id":${t.id},"process_name":"Node 2 os install service","size":${data.length},"cancelled":false,"bytes_written":0}}`
    )
    expect(t.id).toBeGreaterThanOrEqual(0)
    expect(t.id).toBeLessThan(2 ** 32)
    const watching = watch(e)
    // While flashing the node is powered (bit 1) but held in maskrom; USB is routed for flashing.
    await new Promise((r) => setTimeout(r, 3))
    expect(board.node(2)).toMatchObject({ powerBit: true, mode: 'maskrom' })
    expect(board.activeUsb).toEqual({ mode: 'Flash', node: 1, route: 'Bmc' })
    await feed(e, t, data)
    const seen = await watching
    const counts = seen.filter((s) => s.startsWith('{"Transferring"')).map(written)
    const drop = counts.findIndex((n, i) => i > 0 && n < counts[i - 1]!)
    expect(drop).toBeGreaterThan(0)
    expect(Math.max(...counts)).toBeLessThanOrEqual(data.length)
    expect(seen[seen.length - 1]).toMatch(
      new RegExp(`^\\{"Done":\\[\\{"secs":\\d+,"nanos":\\d+\\},${data.length}\\]\\}$`)
    )
    expect(board.node(2)).toMatchObject({ powerBit: false, powered: false, usbBoot: false })
    expect(board.activeUsb).toEqual({ mode: 'Device', node: 0, route: 'AlternativePort' })
    expect((await readFile(board.node(2).emmc.path)).equals(data)).toBe(true)
  })

  it('skips the read-back with skip_crc', async () => {
    const e = engine({ verifyRateBytesPerSec: 1 })
    const data = randomBytes(300_000)
    const t = e.start(request(data.length, { skipCrc: true }))
    const watching = watch(e)
    await feed(e, t, data)
    const seen = await watching
    const counts = seen.filter((s) => s.startsWith('{"Transferring"')).map(written)
    expect(counts).toEqual([...counts].sort((a, b) => a - b))
    expect(seen[seen.length - 1]).toMatch(/^\{"Done"/)
  })

  it('times out without an upload: Error "Send timeout", node cleaned up', async () => {
    const e = engine({ uploadDeadlineMs: 20 })
    e.start(request(10))
    const seen = await watch(e)
    expect(seen.pop()).toBe('{"Error":"Send timeout"}')
    await e.settle()
    expect(board.node(2)).toMatchObject({ powerBit: false, usbBoot: false })
  })

  it('lets the last start request win: the old upload is canceled', async () => {
    const e = engine({ prepDelayMs: 200_000 })
    const first = e.start(request(4 * 1024 * 1024))
    e.claimUpload(first)
    const pushing = (async () => {
      for (let i = 0; i < 64; i++) await first.channel.push(Buffer.alloc(64 * 1024))
    })()
    const second = e.start(request(10, { slot: 3 }))
    expect(second.id).not.toBe(first.id)
    await expect(pushing).rejects.toThrow('transfer canceled')
    expect(await e.workerErrorText(first)).toBe('transfer canceled')
    expect(e.current).toBe(second)
    e.cancelCurrent()
    expect(e.statusBody()).toBe('{"Error":"cancelled by user"}')
    await e.settle()
    expect(board.node(2).powerBit).toBe(false)
    expect(board.node(3).powerBit).toBe(false)
  })

  it('reports worker errors to a running upload (ENOSPC)', async () => {
    faults.inject({ kind: 'noSpace', afterBytes: 100_000 })
    const e = engine()
    const t = e.start(request(2 * 1024 * 1024))
    await expect(feed(e, t, Buffer.alloc(2 * 1024 * 1024))).rejects.toThrow(
      'No space left on device (os error 28)'
    )
    expect(await e.workerErrorText(t)).toBe('No space left on device (os error 28)')
    await e.settle()
    expect(e.statusBody()).toBe('{"Error":"No space left on device (os error 28)"}')
    expect(board.node(2).emmc.bytesWritten).toBe(100_000)
  })

  it('dies with the daemon: no clean-up, no state change', async () => {
    const e = engine({ prepDelayMs: 0 })
    const t = e.start(request(1024 * 1024))
    await new Promise((r) => setTimeout(r, 5))
    e.stop()
    await e.settle()
    expect(t.killed).toBe(true)
    expect(board.node(2)).toMatchObject({ powerBit: true, mode: 'maskrom' })
  })

  it('decompresses xz and counts the decompressed bytes', async () => {
    const { execFileSync } = await import('node:child_process')
    const raw = Buffer.concat([randomBytes(100_000), Buffer.alloc(400_000)])
    const xz = execFileSync('xz', ['-c', '-0', '-T1'], { input: raw })
    const e = engine()
    const t = e.start(request(xz.length, { xz: true, fileName: 'img.raw.xz' }))
    const watching = watch(e)
    await feed(e, t, xz)
    const seen = await watching
    expect(seen.pop()).toMatch(new RegExp(`,${xz.length}\\]\\}$`))
    expect(
      Math.max(...seen.filter((s) => s.startsWith('{"Transf')).map(written))
    ).toBeLessThanOrEqual(raw.length)
    expect((await readFile(board.node(2).emmc.path)).equals(raw)).toBe(true)
  })

  it('turns corrupt xz into an Error state', async () => {
    const e = engine()
    const t = e.start(request(1000, { xz: true, fileName: 'bad.xz' }))
    const watching = watch(e)
    await feed(e, t, randomBytes(1000)).catch(() => undefined)
    expect((await watching).pop()).toMatch(/^\{"Error":"xz decompression failed: /)
  })
})

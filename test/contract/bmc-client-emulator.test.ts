/**
 * BmcClient, flashNode and waitForBoot against the lab BMC emulator (src/lab/bmc): exact bytes on
 * the emulated eMMC for raw and xz images, boot detection on its UART, auth rules and faults.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { waitForBoot } from '../../src/bmc/boot'
import { BmcClient } from '../../src/bmc/client'
import {
  BmcAuthError,
  BmcBannedError,
  BmcUnreachableError,
  BootTimeoutError,
  FlashError,
  FlashPreemptedError
} from '../../src/bmc/errors'
import { flashNode, type FlashImage } from '../../src/bmc/flash'
import type { FlashProgress } from '../../src/bmc/progress'
import type { Logger } from '../../src/common/host'
import { startBmcEmulator, type BmcEmulator, type Slot } from '../../src/lab/bmc/emulator'

const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex')

let dir: string
let raw: FlashImage
let rawBytes: Buffer
let xz: FlashImage

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bmc-emulator-test-'))
  // A lab image: the marker makes the emulated node boot Armbian; the rest is random (not
  // compressible) plus zeros (compressible), so xz shrinks it and the counter exceeds the size.
  const marker = Buffer.from('RK1LAB-IMAGE distro=armbian hostname=rk1-test\n')
  rawBytes = Buffer.concat([
    marker,
    randomBytes(2 * 1024 * 1024),
    Buffer.alloc(3 * 1024 * 1024 + 777)
  ])
  writeFileSync(join(dir, 'armbian.img'), rawBytes)
  raw = { path: join(dir, 'armbian.img'), size: rawBytes.length, fileName: 'armbian.img' }
  execFileSync('xz', ['-1', '-k', '-T1', join(dir, 'armbian.img')])
  const xzPath = join(dir, 'armbian.img.xz')
  xz = {
    path: xzPath,
    size: statSync(xzPath).size,
    fileName: 'armbian.img.xz',
    sha256: sha256(readFileSync(xzPath))
  }
})

afterAll(() => rmSync(dir, { recursive: true, force: true }))

function quietLog(): Logger & { lines: string[] } {
  const lines: string[] = []
  const push = (m: string): void => void lines.push(m)
  return { lines, info: push, warn: push, error: push, debug: () => {}, group: (_t, fn) => fn() }
}

function clientFor(bmc: BmcEmulator, password = 'turing'): BmcClient {
  return new BmcClient({
    host: '127.0.0.1',
    port: bmc.port,
    tls: { mode: 'fingerprint', fingerprint: bmc.fingerprintSha256 },
    username: 'root',
    password
  })
}

const emmcSha = (bmc: BmcEmulator, slot: Slot): string | null => bmc.node(slot).emmc.sha256
/** Whether we asked for power-on of `slot` (the BMC's own end-of-flash power-off is async). */
const poweredOnByUs = (bmc: BmcEmulator, slot: Slot): boolean =>
  bmc.requestLog.some((r) => r.query.includes(`type=power&node${slot}=1`))
const logins = (bmc: BmcEmulator): number =>
  bmc.requestLog.filter((r) => r.path.endsWith('/authenticate')).length

describe('against the lab BMC emulator', () => {
  let bmc: BmcEmulator
  let client: BmcClient

  beforeAll(async () => {
    bmc = await startBmcEmulator({ timeScale: 1000 })
    client = clientFor(bmc)
  })

  afterAll(async () => {
    client.close()
    await bmc.close()
  })

  it('detects the firmware profile and board', async () => {
    const version = await client.detectVersion()
    expect(version).toMatchObject({ generation: '2.x', profile: '2.3.0-2.3.4', board: 'v2.5' })
    expect(version.daemonVersion).toBe('2.3.4')
    expect(await client.getPower()).toEqual({ 1: false, 2: false, 3: false, 4: false })
    expect((await client.getNodeInfo()).map((n) => n.slot)).toEqual([1, 2, 3, 4])
  })

  it('flashes a raw image byte-exact, powers on, and sees the node boot', async () => {
    const log = quietLog()
    const phases = new Set<string>()
    const result = await flashNode(client, 2, raw, {
      log,
      pollIntervalMs: 5,
      onProgress: (p: FlashProgress) => void phases.add(p.phase)
    })
    expect(emmcSha(bmc, 2)).toBe(sha256(rawBytes))
    expect(bmc.node(2).emmc.bytesWritten).toBe(rawBytes.length)
    expect(bmc.node(2).power).toBe(true)
    expect(result).toMatchObject({ slot: 2, bytes: raw.size, poweredOn: true })
    expect(phases.has('upload')).toBe(true)
    const boot = await waitForBoot(client, 2, {
      pattern: /login:\s*$/,
      snapshot: result.uartSnapshot,
      timeoutMs: 20_000,
      pollIntervalMs: 20
    })
    expect(boot.via).toEqual(['uart'])
    expect(boot.uartText).toContain('Armbian')
  })

  it('an old login prompt in the ring does not count as a new boot', async () => {
    const snapshot = await client.readUart(2)
    expect(snapshot).toMatch(/login: $/)
    await expect(
      waitForBoot(client, 2, {
        pattern: /login:\s*$/,
        snapshot,
        timeoutMs: 300,
        pollIntervalMs: 20
      })
    ).rejects.toBeInstanceOf(BootTimeoutError)
  })

  it('flashes an xz image with sha256: the eMMC holds the decompressed bytes', async () => {
    const result = await flashNode(client, 3, xz, { log: quietLog(), pollIntervalMs: 5 })
    expect(emmcSha(bmc, 3)).toBe(sha256(rawBytes))
    expect(bmc.node(3).emmc.flashedFileName).toBe('armbian.img.xz')
    expect(result.bytes).toBe(xz.size)
    // Polls may miss the end of the write and of the read-back: a lower bound.
    expect(result.writtenBytes ?? 0).toBeLessThanOrEqual(rawBytes.length)
  })

  it('reflashing a booted node waits for a new login prompt (TCP-free)', async () => {
    const result = await flashNode(client, 2, raw, {
      log: quietLog(),
      pollIntervalMs: 5,
      skipCrc: true
    })
    const boot = await waitForBoot(client, 2, {
      pattern: /login:\s*$/,
      snapshot: result.uartSnapshot,
      timeoutMs: 20_000,
      pollIntervalMs: 20
    })
    expect(boot.match).toBe('login: ')
  })

  const faults: [string, Parameters<BmcEmulator['faults']['inject']>[0], string][] = [
    ['device not found', { kind: 'deviceNotFound' }, 'usb-not-found'],
    [
      'several devices',
      { kind: 'usbLoadError', detail: 'Several supported devices found' },
      'usb-several-devices'
    ],
    ['CRC mismatch', { kind: 'crcMismatch' }, 'crc-mismatch'],
    ['corrupt upload with sha256', { kind: 'corruptUpload', atByte: 1000 }, 'sha256-mismatch'],
    ['eMMC full', { kind: 'noSpace', afterBytes: 1024 * 1024 }, 'no-space']
  ]
  it.each(faults)('fault: %s', async (_name, fault, kind) => {
    bmc.faults.inject(fault)
    const image = kind === 'sha256-mismatch' ? { ...raw, sha256: sha256(rawBytes) } : raw
    const error = (await flashNode(client, 1, image, { log: quietLog(), pollIntervalMs: 5 }).catch(
      (e: unknown) => e
    )) as FlashError
    expect(error).toBeInstanceOf(FlashError)
    expect(error.kind).toBe(kind)
    expect(error.node).toBe(1)
    expect(error.advice).toBeTruthy()
    expect(poweredOnByUs(bmc, 1)).toBe(false)
  })

  it('fault: another client replaces our transfer', async () => {
    bmc.faults.inject({ kind: 'foreignTransfer', afterBytes: 1024 * 1024, slot: 4 })
    const error = await flashNode(client, 1, raw, { log: quietLog(), pollIntervalMs: 5 }).catch(
      (e: unknown) => e
    )
    expect(error).toBeInstanceOf(FlashPreemptedError)
    expect(poweredOnByUs(bmc, 1)).toBe(false)
    // The foreign transfer still runs: a new flash must refuse to replace it.
    let status = await client.flashStatus()
    if (status.state === 'Transferring') {
      const busy = (await flashNode(client, 1, raw, { log: quietLog() }).catch(
        (e: unknown) => e
      )) as FlashError
      expect(busy.kind).toBe('busy')
    }
    while (status.state === 'Transferring') {
      await new Promise((r) => setTimeout(r, 10))
      status = await client.flashStatus()
    }
  })

  it('fault: bmcd crashes mid-flash, then the client recovers with one re-login', async () => {
    bmc.faults.inject({ kind: 'daemonCrash', afterBytes: 1024 * 1024 })
    const error = (await flashNode(client, 1, raw, { log: quietLog(), pollIntervalMs: 5 }).catch(
      (e: unknown) => e
    )) as BmcUnreachableError
    expect(error).toBeInstanceOf(BmcUnreachableError)
    expect(error.advice).toMatch(/Reboot the BMC|reboot the BMC/)
    await bmc.restartDaemon(10)
    const before = logins(bmc)
    expect(await client.flashStatus()).toEqual({ state: 'Ready' })
    expect(logins(bmc)).toBe(before + 1)
  })
})

describe('authentication against the emulator', () => {
  it('a wrong password is tried once; a ban is reported without retries', async () => {
    const bmc = await startBmcEmulator({ timeScale: 1000, banThreshold: 3 })
    const clients: BmcClient[] = []
    try {
      const first = clientFor(bmc, 'wrong')
      clients.push(first)
      await expect(first.getPower()).rejects.toBeInstanceOf(BmcAuthError)
      await expect(first.getPower()).rejects.toBeInstanceOf(BmcAuthError)
      expect(logins(bmc)).toBe(1)
      for (let i = 0; i < 2; i++) {
        const c = clientFor(bmc, 'wrong')
        clients.push(c)
        await c.getPower().catch(() => undefined)
      }
      const banned = clientFor(bmc)
      clients.push(banned)
      const error = (await banned.getPower().catch((e: unknown) => e)) as BmcBannedError
      expect(error).toBeInstanceOf(BmcBannedError)
      expect(error.retryAfterMs).toBeGreaterThan(0)
      const count = bmc.requestLog.length
      await expect(banned.getPower()).rejects.toBeInstanceOf(BmcBannedError)
      expect(bmc.requestLog.length).toBe(count)
    } finally {
      for (const c of clients) c.close()
      await bmc.close()
    }
  })

  it('tokens lost in a bmcd restart cost exactly one re-login', async () => {
    const bmc = await startBmcEmulator({ timeScale: 1000 })
    const client = clientFor(bmc)
    try {
      await client.getPower()
      await bmc.restartDaemon(10)
      await client.setPower(4, true)
      expect(bmc.node(4).power).toBe(true)
      expect(logins(bmc)).toBe(2)
      const rejected = bmc.requestLog.filter((r) => r.status === 401)
      expect(rejected).toHaveLength(1)
    } finally {
      client.close()
      await bmc.close()
    }
  })
})

/**
 * The lab BMC emulator: an HTTPS server on loopback that behaves like bmcd 2.x
 * (`../shared/specs/bmc-api.md`), so our client, `curl` and tpi's protocol all work against it.
 *
 *   const bmc = await startBmcEmulator({ timeScale: 1000 })
 *   // bmc.url, bmc.fingerprintSha256, bmc.node(1), bmc.faults.inject({ kind: 'crcMismatch' })
 *   await bmc.close()
 */
import { createHash } from 'node:crypto'
import { createReadStream, existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises'
import { createServer, type Server } from 'node:https'
import type { Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Board, SLOTS } from './board'
import { Daemon, type DaemonSettings } from './daemon'
import { Faults } from './faults'
import { makeProfile } from './profiles'
import { labCertificate } from './tls'
import type {
  BmcEmulator,
  BmcEmulatorOptions,
  EmulatedNodeState,
  FaultInjector,
  RequestLogEntry,
  Slot
} from './types'

export type * from './types'
export { defaultBootScript, MARKER, parseImageMarker } from './boot-logs'
export { kernelLine } from '../console'

const DEFAULTS = {
  host: '127.0.0.1',
  tokenTtlMs: 3 * 3600_000,
  banThreshold: 5,
  banBaseMs: 60_000,
  timeScale: 1,
  writeRateBytesPerSec: 4e6,
  verifyRateBytesPerSec: 12e6,
  prepDelayMs: 7000,
  uploadDeadlineMs: 10_000,
  reloadDowntimeMs: 3000,
  rebootDowntimeMs: 60_000,
  emmcCapacityBytes: 31_268_536_320
}

export async function startBmcEmulator(opts: BmcEmulatorOptions = {}): Promise<BmcEmulator> {
  const host = opts.host ?? DEFAULTS.host
  if (!host.startsWith('127.') && host !== '::1' && host !== 'localhost') {
    throw new Error(`The lab BMC emulator only listens on loopback addresses, not ${host}`)
  }
  const ownsStorage = opts.storageDir === undefined
  const storageDir = opts.storageDir ?? (await mkdtemp(join(tmpdir(), 'rk1-lab-bmc-')))
  await mkdir(storageDir, { recursive: true })
  const tls = await labCertificate()
  const emulator = new LabBmc(opts, host, storageDir, ownsStorage, tls)
  await emulator.adoptImages()
  await emulator.startDaemon(opts.port ?? 0)
  return emulator
}

class LabBmc implements BmcEmulator {
  readonly requestLog: RequestLogEntry[] = []
  readonly certificatePem: string
  readonly fingerprintSha256: string
  private readonly server: Server
  private readonly sockets = new Set<Socket>()
  private readonly board: Board
  private readonly faultInjector: Faults
  private readonly settings: DaemonSettings
  private daemon: Daemon | undefined
  private boundPort = 0
  private closed = false
  private seq = 0
  private readonly timers = new Set<NodeJS.Timeout>()

  constructor(
    private readonly opts: BmcEmulatorOptions,
    private readonly host: string,
    private readonly storageDir: string,
    private readonly ownsStorage: boolean,
    tls: { certPem: string; keyPem: string; fingerprintSha256: string }
  ) {
    this.certificatePem = tls.certPem
    this.fingerprintSha256 = tls.fingerprintSha256
    const timeScale = opts.timeScale ?? DEFAULTS.timeScale
    if (!(timeScale > 0)) throw new Error('timeScale must be a positive number')
    const scale = (ms: number): number => ms / timeScale
    this.board = new Board({
      storageDir,
      revision: opts.board ?? 'v2.5',
      scale,
      bootLog: opts.bootLog,
      beforeBoot: (slot) => this.noticeNodeWrites(slot),
      onNodePower: opts.onNodePower,
      onUartWrite: opts.onUartWrite
    })
    this.faultInjector = new Faults(() => this.crash())
    this.settings = {
      board: this.board,
      faults: this.faultInjector,
      profile: makeProfile(opts.firmware ?? '2.3.4', opts.board ?? 'v2.5', host),
      storageDir,
      timeScale,
      writeRateBytesPerSec: opts.writeRateBytesPerSec ?? DEFAULTS.writeRateBytesPerSec,
      verifyRateBytesPerSec: opts.verifyRateBytesPerSec ?? DEFAULTS.verifyRateBytesPerSec,
      prepDelayMs: opts.prepDelayMs ?? DEFAULTS.prepDelayMs,
      uploadDeadlineMs: opts.uploadDeadlineMs ?? DEFAULTS.uploadDeadlineMs,
      emmcCapacityBytes: opts.emmcCapacityBytes ?? DEFAULTS.emmcCapacityBytes,
      crashDaemon: () => this.crash(),
      users: opts.users ?? { root: 'turing' },
      tokenTtlMs: opts.tokenTtlMs ?? DEFAULTS.tokenTtlMs,
      banThreshold: opts.banThreshold ?? DEFAULTS.banThreshold,
      banBaseMs: opts.banBaseMs ?? DEFAULTS.banBaseMs,
      globalLock: opts.globalLock ?? true,
      loopbackBypass: opts.loopbackBypass ?? false,
      scheduleRestart: (kind) => this.scheduleRestart(kind)
    }
    this.server = createServer({ key: tls.keyPem, cert: tls.certPem, requestTimeout: 0 })
    this.server.timeout = 0
    this.server.on('connection', (socket: Socket) => {
      this.sockets.add(socket)
      socket.on('close', () => this.sockets.delete(socket))
    })
    this.server.on('request', (req, res) => {
      const daemon = this.daemon
      const log = this.logEntry(req.method ?? 'GET', req.url ?? '/', req.socket.remoteAddress)
      const started = performance.now()
      log.handledAtMs = started
      const done = (): void => {
        if (log.doneAtMs) return
        log.status = res.headersSent ? res.statusCode : 0
        log.doneAtMs = performance.now()
        log.durationMs = log.doneAtMs - started
      }
      res.once('finish', done)
      res.once('close', done)
      if (!daemon) {
        log.note = 'daemon down'
        res.destroy()
        return
      }
      daemon.handle(req, res, log).catch((error: unknown) => {
        log.note = `internal error: ${error instanceof Error ? error.message : String(error)}`
        if (!res.headersSent) res.destroy()
      })
    })
  }

  get url(): string {
    const host = this.host.includes(':') ? `[${this.host}]` : this.host
    return `https://${host}:${this.boundPort}`
  }

  get port(): number {
    return this.boundPort
  }

  get faults(): FaultInjector {
    return this.faultInjector
  }

  get daemonUp(): boolean {
    return this.daemon !== undefined
  }

  node(slot: Slot): EmulatedNodeState {
    const n = this.board.node(slot)
    const ring = this.daemon?.rings[slot - 1]
    return {
      slot,
      power: n.powerBit,
      powered: n.powered,
      mode: n.mode,
      usbBoot: n.usbBoot,
      powerOnCount: n.powerOnCount,
      bootCount: n.bootCount,
      emmc: { ...n.emmc },
      uart: ring ? new TextDecoder().decode(ring.snapshot()) : ''
    }
  }

  writeConsole(slot: Slot, text: string): void {
    this.board.consoleOutput(slot, text)
  }

  /** mtime of each eMMC file when its content was last known. */
  private readonly knownEmmcMtime = new Map<Slot, number>()

  /**
   * A node's own OS may have rewritten its eMMC (node-path flashing writes the image file
   * directly): a changed file is hashed again before the node boots, so the boot sees a new flash.
   */
  private async noticeNodeWrites(slot: Slot): Promise<void> {
    const emmc = this.board.node(slot).emmc
    if (!existsSync(emmc.path)) return
    const { mtimeMs, size } = await stat(emmc.path)
    if (this.knownEmmcMtime.get(slot) === mtimeMs) return
    const hash = createHash('sha256')
    for await (const chunk of createReadStream(emmc.path)) hash.update(chunk as Buffer)
    const digest = hash.digest('hex')
    this.knownEmmcMtime.set(slot, mtimeMs)
    if (digest === emmc.sha256) return
    Object.assign(emmc, {
      bytesWritten: size,
      sha256: digest,
      flashedFileName: 'written by the node itself',
      flashedAt: new Date().toISOString()
    })
    this.board.saveEmmcState(slot)
  }

  /** The node's own OS rebooted it at once (`reboot -f` after a node-path write). */
  async rebootAfterNodeWrite(slot: Slot): Promise<void> {
    await this.board.reset(slot)
  }

  /** eMMC images found in storageDir without metadata are hashed once, so their state is known. */
  async adoptImages(): Promise<void> {
    for (const slot of SLOTS) {
      const emmc = this.board.node(slot).emmc
      if (emmc.sha256 !== null || !existsSync(emmc.path)) continue
      const size = (await stat(emmc.path)).size
      const hash = createHash('sha256')
      for await (const chunk of createReadStream(emmc.path)) hash.update(chunk as Buffer)
      Object.assign(emmc, { bytesWritten: size, sha256: hash.digest('hex') })
      this.board.saveEmmcState(slot)
    }
  }

  async startDaemon(port = this.boundPort): Promise<void> {
    if (this.closed || this.daemon) return
    await new Promise<void>((resolve, reject) => {
      const onError = (error: Error): void => reject(error)
      this.server.once('error', onError)
      this.server.listen(port, this.host, () => {
        this.server.off('error', onError)
        resolve()
      })
    })
    const address = this.server.address()
    if (address && typeof address === 'object') this.boundPort = address.port
    this.daemon = new Daemon(this.settings)
    this.board.reapplyPowerBits()
  }

  /** bmcd is gone: listener closed, connections dropped, in-memory state lost. */
  private stopDaemon(): void {
    const daemon = this.daemon
    this.daemon = undefined
    daemon?.stop()
    if (this.server.listening) this.server.close()
    for (const socket of this.sockets) socket.destroy()
  }

  private crash(): void {
    this.stopDaemon()
  }

  async restartDaemon(downMs?: number): Promise<void> {
    this.stopDaemon()
    const wait = downMs ?? DEFAULTS.reloadDowntimeMs / this.settings.timeScale
    await new Promise<void>((resolve) => this.after(wait, resolve))
    await this.startDaemon()
  }

  private scheduleRestart(kind: 'reload' | 'reboot' | 'fel'): void {
    const scale = (ms: number): number => ms / this.settings.timeScale
    // The "ok" answer goes out first; the init script stops bmcd a moment later.
    this.after(scale(300), () => {
      if (this.closed) return
      this.stopDaemon()
      if (kind === 'fel') return
      if (kind === 'reboot' && this.settings.profile.board === 'v2.4') {
        for (const slot of SLOTS) this.board.physicalOff(slot)
      }
      const down =
        kind === 'reload'
          ? (this.opts.reloadDowntimeMs ?? DEFAULTS.reloadDowntimeMs)
          : (this.opts.rebootDowntimeMs ?? DEFAULTS.rebootDowntimeMs)
      this.after(scale(down), () => void this.startDaemon().catch(() => undefined))
    })
  }

  private after(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer)
      fn()
    }, ms)
    this.timers.add(timer)
  }

  private logEntry(method: string, url: string, remote: string | undefined): RequestLogEntry {
    const q = url.indexOf('?')
    const entry: RequestLogEntry = {
      seq: ++this.seq,
      at: new Date().toISOString(),
      method,
      path: q < 0 ? url : url.slice(0, q),
      query: q < 0 ? '' : redactQuery(url.slice(q + 1)),
      status: 0,
      peer: (remote ?? '').replace(/^::ffff:/, ''),
      lockWaitMs: 0,
      durationMs: 0,
      handledAtMs: 0,
      doneAtMs: 0,
      authKind: 'public'
    }
    this.requestLog.push(entry)
    return entry
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    for (const timer of this.timers) clearTimeout(timer)
    this.timers.clear()
    const daemon = this.daemon
    this.stopDaemon()
    await daemon?.engine.settle()
    this.board.close()
    await new Promise<void>((resolve) => {
      if (!this.server.listening) return resolve()
      this.server.close(() => resolve())
    })
    if (this.ownsStorage) await rm(this.storageDir, { recursive: true, force: true })
  }
}

const SECRET_PARAMS = new Set(['password', 'token', 'cmd'])

function redactQuery(raw: string): string {
  return raw
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=')
      const key = eq < 0 ? pair : pair.slice(0, eq)
      return eq >= 0 && SECRET_PARAMS.has(key) ? `${key}=[redacted]` : pair
    })
    .join('&')
}

/**
 * One run of bmcd: everything that lives in its memory (tokens, bans, the request lock, UART rings,
 * the transfer state) and the request routing of §1.2. A reload, reboot or crash throws the whole
 * object away; the Board outlives it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { AuthService } from './auth'
import type { Board } from './board'
import { backupArchive } from './backup'
import { resolveHandler, runHandler, type DispatchEnv, type Reply } from './dispatcher'
import type { Faults } from './faults'
import {
  dropConnection,
  readBody,
  responseDone,
  sendEmpty,
  sendEnvelope,
  sendIndex,
  sendText,
  sendUart,
  TEXT_PLAIN
} from './http-util'
import { setNodeInfo } from './node-info'
import type { Profile } from './profiles'
import { RequestLock } from './request-lock'
import { TransferEngine } from './transfer'
import { TransferError, type TransferSettings } from './transfer-model'
import { parseTransferStart } from './transfer-source'
import { RingBuffer } from './uart'
import { handleUpload } from './upload'
import type { RequestLogEntry, Slot } from './types'

export interface DaemonSettings extends TransferSettings {
  users: Record<string, string>
  tokenTtlMs: number
  banThreshold: number
  banBaseMs: number
  globalLock: boolean
  loopbackBypass: boolean
  profile: Profile
  board: Board
  faults: Faults
  scheduleRestart(kind: 'reload' | 'reboot' | 'fel'): void
}

interface Ctx {
  req: IncomingMessage
  res: ServerResponse
  path: string
  rawQuery: string
  query: URLSearchParams
  peer: string
  log: RequestLogEntry
}

export class Daemon {
  readonly auth: AuthService
  readonly lock = new RequestLock()
  readonly rings = [new RingBuffer(), new RingBuffer(), new RingBuffer(), new RingBuffer()]
  readonly engine: TransferEngine
  private readonly env: DispatchEnv
  stopped = false
  private readonly sink = (slot: Slot, data: Buffer): void => this.rings[slot - 1]!.append(data)

  constructor(private readonly s: DaemonSettings) {
    this.auth = new AuthService(s)
    this.engine = new TransferEngine(s)
    this.env = {
      board: s.board,
      profile: s.profile,
      rings: this.rings,
      timeScale: s.timeScale,
      scale: (ms) => ms / s.timeScale,
      scheduleRestart: (kind) => s.scheduleRestart(kind)
    }
    s.board.serialSink = this.sink
  }

  /** The process ends: workers die, console output goes nowhere. */
  stop(): void {
    this.stopped = true
    this.engine.stop()
    if (this.s.board.serialSink === this.sink) this.s.board.serialSink = undefined
  }

  async handle(req: IncomingMessage, res: ServerResponse, log: RequestLogEntry): Promise<void> {
    const url = req.url ?? '/'
    const q = url.indexOf('?')
    const path = q < 0 ? url : url.slice(0, q)
    const rawQuery = q < 0 ? '' : url.slice(q + 1)
    const peer = log.peer
    const ctx: Ctx = { req, res, path, rawQuery, query: new URLSearchParams(rawQuery), peer, log }
    if (path !== '/api/bmc' && !path.startsWith('/api/bmc/')) {
      log.authKind = 'public'
      return sendIndex(res)
    }
    if (this.s.loopbackBypass && isLoopback(peer)) {
      log.authKind = 'bypass'
      if (path === '/api/bmc/authenticate') return sendIndex(res)
      return this.api(ctx)
    }
    if (!this.s.globalLock) return this.authenticated(ctx)
    const waitStart = performance.now()
    const release = await this.lock.acquire()
    log.handledAtMs = performance.now()
    log.lockWaitMs = log.handledAtMs - waitStart
    try {
      if (this.stopped || req.socket.destroyed) return
      await this.authenticated(ctx)
      await responseDone(res)
    } finally {
      release()
    }
  }

  private async authenticated(ctx: Ctx): Promise<void> {
    const { req, res, log } = ctx
    if (ctx.path === '/api/bmc/authenticate') {
      log.authKind = 'login'
      if (this.requestFault(ctx, 'authenticate', undefined, false)) return
      const body = (await readBody(req, 64 * 1024)) ?? Buffer.alloc(0)
      const result = this.auth.login(ctx.peer, body.toString('utf8'))
      if (!result.ok) return sendText(res, result.status, result.body)
      log.user = result.user
      res.writeHead(200, {
        'X-Auth-Token': result.token,
        'Content-Length': Buffer.byteLength(result.body)
      })
      res.end(result.body)
      return
    }
    const auth = this.auth.authorize(ctx.peer, req.headers.authorization)
    log.tokenRef = auth.tokenRef
    if (!auth.ok) {
      log.authKind = 'rejected'
      req.resume()
      return sendText(res, auth.status, auth.body, { 'WWW-Authenticate': auth.wwwAuthenticate })
    }
    log.authKind = auth.kind
    log.user = auth.user
    await this.api(ctx)
  }

  private async api(ctx: Ctx): Promise<void> {
    const { req, res, path, rawQuery, query } = ctx
    const method = req.method ?? 'GET'
    if (path === '/api/bmc') {
      // bmcd picks these routes by substring tests on the raw query string (§1.2).
      const isSet = rawQuery.includes('opt=set')
      const transferType = rawQuery.includes('type=flash')
        ? 'flash'
        : rawQuery.includes('type=firmware')
          ? 'firmware'
          : undefined
      if (method === 'GET' && transferType && rawQuery.includes('opt=get')) {
        if (this.requestFault(ctx, transferType, 'get', false)) return
        return sendText(res, 200, this.engine.statusBody())
      }
      if (method === 'GET' && transferType && isSet) return this.startTransfer(ctx, transferType)
      if (
        method === 'POST' &&
        isSet &&
        rawQuery.includes('type=node_info') &&
        this.s.profile.modern
      ) {
        if (this.requestFault(ctx, 'node_info', 'set', false)) return
        return setNodeInfo(this.s.board, req, res)
      }
      if (method !== 'GET') return sendEmpty(res, 405)
      return this.dispatch(ctx, query)
    }
    const upload = /^\/api\/bmc\/upload\/([^/]+)(\/cancel)?$/.exec(path)
    if (upload) {
      if (upload[2]) {
        if (method !== 'GET') return sendEmpty(res, 405)
        if (this.requestFault(ctx, 'cancel', undefined, false)) return
        this.engine.cancelCurrent()
        return sendEmpty(res, 200)
      }
      if (method !== 'POST') return sendEmpty(res, 405)
      const handle = /^\d+$/.test(upload[1]!) ? Number(upload[1]) : NaN
      if (!(handle <= 0xffff_ffff)) {
        req.resume()
        return sendText(res, 404, `can not parse "${upload[1]}" to a u32`)
      }
      if (this.requestFault(ctx, 'upload', undefined, false)) return
      return handleUpload(this.engine, handle, req, res)
    }
    if (path === '/api/bmc/backup' && method === 'GET') {
      const { name, data } = backupArchive(this.s.board)
      res.writeHead(200, {
        'Content-Type': 'application/gzip',
        'Content-Disposition': `attachment; filename="${name}"`
      })
      res.end(data)
      return
    }
    if (path === '/api/bmc/serial/status' && method === 'POST') {
      return sendText(res, 200, '["Running","Running","Running","Running"]')
    }
    // Everything else under the scope (including a trailing slash) falls through to the SPA.
    sendIndex(res)
  }

  private async startTransfer(ctx: Ctx, kind: 'flash' | 'firmware'): Promise<void> {
    if (this.requestFault(ctx, kind, 'set', false)) return
    try {
      const request = await parseTransferStart(ctx.query, kind, this.s.profile, this.s.storageDir)
      const t = this.engine.start(request)
      sendText(ctx.res, 200, JSON.stringify({ handle: t.id }))
    } catch (error) {
      const message = error instanceof TransferError ? error.message : String(error)
      sendText(ctx.res, 500, message)
    }
  }

  private async dispatch(ctx: Ctx, q: URLSearchParams): Promise<void> {
    const resolved = resolveHandler(this.s.profile, q)
    if (!('handler' in resolved)) return this.reply(ctx, resolved)
    if (this.requestFault(ctx, resolved.type, resolved.opt, true)) return
    const reply = await runHandler(resolved.handler, this.env, q)
    this.reply(ctx, reply)
  }

  private reply(ctx: Ctx, reply: Reply): void {
    if ('panic' in reply) {
      ctx.log.note = 'panic'
      return dropConnection(ctx.req, ctx.res)
    }
    if ('uart' in reply) return sendUart(ctx.res, reply.uart)
    sendEnvelope(ctx.res, reply.status, reply.json)
  }

  /** Injected `http500` / `dropConnection` faults; true when one answered the request. */
  private requestFault(
    ctx: Ctx,
    type: string,
    opt: string | undefined,
    envelope: boolean
  ): boolean {
    const faults = this.s.faults
    if (faults.takeRequestFault('dropConnection', type, opt)) {
      ctx.log.note = 'fault:dropConnection'
      dropConnection(ctx.req, ctx.res)
      return true
    }
    const f = faults.takeRequestFault('http500', type, opt)
    if (f?.kind !== 'http500') return false
    ctx.log.note = 'fault:http500'
    const message = f.message ?? `Failed to ${opt ?? 'handle'} ${type}: injected fault`
    ctx.req.resume()
    if (envelope) sendEnvelope(ctx.res, 500, JSON.stringify(message))
    else {
      ctx.res.writeHead(500, { 'Content-Type': TEXT_PLAIN, Connection: 'close' })
      ctx.res.end(message)
    }
    return true
  }
}

export function isLoopback(peer: string): boolean {
  return peer.startsWith('127.') || peer === '::1' || peer.startsWith('::ffff:127.')
}

/**
 * BMC client for bmcd 2.x (shared/specs/bmc-api.md): typed operations over a `BmcSession`, which
 * logs in once, re-logs in exactly once on a 401 and never loops (the BMC bans IPs, spec §2.4).
 * Slots are 1-based here; the 0-based `node=` parameter stays inside.
 */
import { BusyClock } from './busy-clock'
import { FlashError } from './errors'
import { createAgent, type HttpResponse } from './http'
import { uploadError } from './flash-errors'
import { multipartBody } from './multipart'
import {
  envelopeEntry,
  envelopeResult,
  errorText,
  parseAbout,
  parseFlashStatus,
  parseHandle,
  parseInfo,
  parseNodeInfo,
  parseOther,
  parsePower,
  parseUart,
  parseUsb
} from './parse'
import { assertSlot, bmcQuery, nodeParam } from './query'
import { authHeader, BmcSession, ok } from './session'
import { detectBmcVersion } from './version'
import { assertUsbMode } from './usb'
import type {
  BmcAbout,
  BmcClientOptions,
  BmcInfo,
  BmcOther,
  BmcVersion,
  FlashHandle,
  FlashStatus,
  NodeInfo,
  NodeInfoUpdate,
  NodeSlot,
  PowerState,
  StartFlashOptions,
  UploadOptions,
  UsbState
} from './types'

/** An upload connection silent this long is dead (the BMC writes at MB/s while receiving). */
const UPLOAD_IDLE_MS = 10 * 60_000

export class BmcClient {
  private readonly session: BmcSession
  /** Our own uploads, which hold the BMC's board-wide lock: boot checks excuse that time. */
  readonly ownUploads = new BusyClock()

  constructor(options: BmcClientOptions) {
    this.session = new BmcSession(options)
  }

  get host(): string {
    return this.session.host
  }

  get port(): number {
    return this.session.port
  }

  /** Closes idle keep-alive connections. */
  close(): void {
    this.session.close()
  }

  /** Forgets a latched auth failure or ban (e.g. after the password was fixed). */
  resetAuth(): void {
    this.session.resetAuth()
  }

  // ---- catalogue operations ----

  async about(): Promise<BmcAbout> {
    return parseAbout(await this.result('about', bmcQuery('get', 'about')))
  }

  async info(): Promise<BmcInfo> {
    return parseInfo(await this.result('info', bmcQuery('get', 'info')))
  }

  async other(): Promise<BmcOther> {
    return parseOther(await this.result('other', bmcQuery('get', 'other')))
  }

  detectVersion(): Promise<BmcVersion> {
    return detectBmcVersion(this)
  }

  async getPower(): Promise<PowerState> {
    return parsePower(await this.result('getPower', bmcQuery('get', 'power')))
  }

  async setPower(slot: number, on: boolean): Promise<void> {
    assertSlot(slot)
    await this.result('setPower', bmcQuery('set', 'power', { [`node${slot}`]: on ? 1 : 0 }), slot)
  }

  /** Several nodes in one request (bmcd applies them one after another, ≈0.1 s each). */
  async setPowers(states: Partial<Record<NodeSlot, boolean>>): Promise<void> {
    const params: Record<string, number> = {}
    for (const [slot, on] of Object.entries(states)) {
      assertSlot(Number(slot))
      if (on !== undefined) params[`node${slot}`] = on ? 1 : 0
    }
    if (Object.keys(params).length === 0) return
    await this.result('setPower', bmcQuery('set', 'power', params))
  }

  /** Power-cycles a node (off, 1 s, on); also powers on a node that was off. */
  async reset(slot: number): Promise<void> {
    await this.result('reset', bmcQuery('set', 'reset', { node: nodeParam(slot) }), slot)
  }

  async getUsb(): Promise<UsbState> {
    return parseUsb(await this.result('getUsb', bmcQuery('get', 'usb')))
  }

  /** `mode` as bmcd >= 2.0.4 encodes it (0/1/2 host/device/flash, +4 for the BMC route). */
  async setUsbMode(slot: number, mode: number): Promise<void> {
    assertUsbMode(mode)
    await this.result('setUsbMode', bmcQuery('set', 'usb', { node: nodeParam(slot), mode }), slot)
  }

  /** The whole UART ring (16 KiB) of a node; reading does not clear it on bmcd 2.3.x. */
  async readUart(
    slot: number,
    options: { signal?: AbortSignal; timeoutMs?: number } = {}
  ): Promise<string> {
    const query = bmcQuery('get', 'uart', { node: nodeParam(slot) })
    const res = await this.session.authorized(
      'readUart',
      { method: 'GET', path: `/api/bmc?${query}`, ...options },
      slot
    )
    if (!ok(res)) throw this.session.apiError('readUart', res, slot)
    try {
      return parseUart(res.body)
    } catch (error) {
      throw this.session.protocolError('readUart', res, slot, error)
    }
  }

  /** Writes `text` + CRLF to the node console. The text is never logged. */
  async writeUart(slot: number, text: string): Promise<void> {
    await this.result(
      'writeUart',
      bmcQuery('set', 'uart', { node: nodeParam(slot), cmd: text }),
      slot
    )
  }

  async getNodeInfo(): Promise<NodeInfo[]> {
    return parseNodeInfo(await this.result('getNodeInfo', bmcQuery('get', 'node_info')))
  }

  async setNodeInfo(update: Partial<Record<NodeSlot, NodeInfoUpdate>>): Promise<void> {
    const body: Record<string, Record<string, unknown>> = {}
    for (const [slot, info] of Object.entries(update)) {
      assertSlot(Number(slot))
      if (!info) continue
      const entry: Record<string, unknown> = {}
      if (info.name !== undefined) entry.name = info.name
      if (info.moduleName !== undefined) entry.module_name = info.moduleName
      if (info.uartBaud !== undefined) entry.uart_baud = info.uartBaud
      body[`Node${slot}`] = entry
    }
    const res = await this.session.authorized('setNodeInfo', {
      method: 'POST',
      path: `/api/bmc?${bmcQuery('set', 'node_info')}`,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body)
    })
    if (!ok(res)) throw this.session.apiError('setNodeInfo', res)
  }

  /** Reboots the BMC. Its tokens die with bmcd, so the next call logs in afresh. */
  async reboot(): Promise<void> {
    await this.result('reboot', bmcQuery('set', 'reboot'))
    this.session.forgetToken()
  }

  /** Restarts bmcd (a few seconds without API; tokens and UART buffers are lost). */
  async reload(): Promise<void> {
    await this.result('reload', bmcQuery('set', 'reload'))
    this.session.forgetToken()
  }

  // ---- flashing ----

  /** Starts a transfer. The upload must follow within 10 s (spec §5.3). */
  async startFlash(slot: number, options: StartFlashOptions): Promise<FlashHandle> {
    const query = bmcQuery('set', 'flash', {
      node: nodeParam(slot),
      file: options.fileName,
      length: options.length,
      sha256: options.sha256,
      skip_crc: options.skipCrc === true
    })
    const res = await this.session.authorized(
      'startFlash',
      { method: 'GET', path: `/api/bmc?${query}`, idempotent: false },
      slot
    )
    if (!ok(res)) {
      const text = errorText(res.body)
      throw new FlashError(`The BMC refused to start flashing node ${slot}: ${text}`, {
        operation: 'startFlash',
        node: slot,
        status: res.status,
        body: this.session.redact(res.body),
        kind: 'start',
        bmcMessage: text,
        advice:
          'Check the image name (.img/.raw/.xz) and size, and that the BMC runs firmware 2.1.0 or later.'
      })
    }
    try {
      return {
        id: parseHandle(res.body),
        slot: slot as NodeSlot,
        fileName: options.fileName,
        length: options.length,
        issuedAt: Date.now()
      }
    } catch (error) {
      throw this.session.protocolError('startFlash', res, slot, error)
    }
  }

  /**
   * Streams `length` bytes as the one multipart part. The request has no overall timeout: it lasts
   * the whole eMMC write. It cannot be replayed, so a 401 here means: restart from `startFlash`.
   */
  async upload(
    handle: FlashHandle,
    source: AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
    length: number,
    onBytes?: (sent: number) => void,
    options: UploadOptions = {}
  ): Promise<void> {
    const slot = handle.slot
    const body = multipartBody(source, length, {
      fileName: options.fileName ?? handle.fileName,
      onBytes
    })
    // A connection of its own: the upload holds it for minutes.
    const agent = createAgent(this.session.tls, { keepAlive: true })
    let res: HttpResponse
    const endBusy = this.ownUploads.start()
    try {
      const token = await this.session.ensureToken('upload', slot)
      res = await this.session.send(
        'upload',
        {
          method: 'POST',
          path: `/api/bmc/upload/${handle.id}`,
          headers: {
            ...authHeader(token),
            'content-type': body.contentType,
            'content-length': String(body.contentLength)
          },
          stream: body.body,
          idleTimeoutMs: UPLOAD_IDLE_MS,
          signal: options.signal
        },
        slot,
        agent
      )
    } finally {
      endBusy()
      agent.destroy()
    }
    if (ok(res)) return
    if (res.status === 401 || res.status === 403) {
      this.session.throwIfBanned('upload', res, slot)
      this.session.forgetToken()
      throw new FlashError(
        `The BMC refused the upload for node ${slot} as unauthorised (HTTP ${res.status}).`,
        {
          operation: 'upload',
          node: slot,
          status: res.status,
          body: this.session.redact(res.body),
          kind: 'upload-auth',
          advice:
            'The session token died (bmcd restarted?). An upload cannot be replayed: restart the ' +
            'flash from the start request.'
        }
      )
    }
    throw uploadError(slot, res.status, this.session.redact(res.body))
  }

  async flashStatus(options: { signal?: AbortSignal } = {}): Promise<FlashStatus> {
    const path = `/api/bmc?${bmcQuery('get', 'flash')}`
    const res = await this.session.authorized('flashStatus', { method: 'GET', path, ...options })
    if (!ok(res)) throw this.session.apiError('flashStatus', res)
    try {
      return parseFlashStatus(res.body)
    } catch (error) {
      throw this.session.protocolError('flashStatus', res, undefined, error)
    }
  }

  /** Cancels whatever transfer is current (the BMC ignores the handle). */
  async cancelFlash(handle?: FlashHandle): Promise<void> {
    const path = `/api/bmc/upload/${handle?.id ?? 0}/cancel`
    const res = await this.session.authorized('cancelFlash', { method: 'GET', path }, handle?.slot)
    if (!ok(res)) throw this.session.apiError('cancelFlash', res, handle?.slot)
  }

  // ---- plumbing ----

  /** GET on the dispatcher; returns the envelope's `result`. */
  private async result(operation: string, query: string, slot?: number): Promise<unknown> {
    const s = this.session
    const res = await s.authorized(operation, { method: 'GET', path: `/api/bmc?${query}` }, slot)
    if (!ok(res)) throw s.apiError(operation, res, slot)
    if (!envelopeEntry(res.body)) throw s.protocolError(operation, res, slot)
    return envelopeResult(res.body)
  }
}

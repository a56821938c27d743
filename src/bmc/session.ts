/**
 * The authenticated session with one BMC: token, the once-only re-login, ban and failure latches,
 * transport errors and redaction. Never loops on authentication: the BMC bans an IP after 5
 * failures (spec §2.4).
 */
import type https from 'node:https'
import type { Logger } from '../common/host'
import { BmcAuthError, BmcBannedError, BmcError, BmcProtocolError } from './errors'
import { createAgent, HttpTransport, type HttpRequest, type HttpResponse } from './http'
import { BAN_TEXT, errorText, parseBanDurationMs } from './parse'
import { redactPath } from './query'
import { transportFailure } from './transport-errors'
import type { BmcClientOptions, BmcTlsOptions } from './types'

export type SessionRequest = Omit<HttpRequest, 'agent'>
type Req = SessionRequest

const NO_LOG: Logger = {
  info: () => {},
  warn: () => {},
  error: () => {},
  debug: () => {},
  group: (_t, fn) => fn()
}

export class BmcSession {
  readonly host: string
  readonly port: number
  readonly tls: BmcTlsOptions
  readonly log: Logger
  private readonly username: string
  private readonly password: string
  private readonly timeoutMs: number
  private readonly transport: HttpTransport
  private readonly agent: https.Agent
  /** undefined = not logged in; '' = the BMC needs no token (loopback bypass, spec §2.5). */
  private token: string | undefined
  private loginInFlight: Promise<string> | undefined
  /** Every token we ever held, to redact them from bodies kept on errors. */
  private readonly seenTokens = new Set<string>()
  /** Set after a definitive auth failure: later calls fail fast instead of hammering the BMC. */
  private authFailure: BmcAuthError | undefined
  private bannedUntil = 0

  constructor(options: BmcClientOptions) {
    this.host = options.host
    this.port = options.port ?? 443
    this.tls = options.tls
    this.username = options.username
    this.password = options.password
    this.log = options.log ?? NO_LOG
    this.timeoutMs = options.requestTimeoutMs ?? 60_000
    this.transport = new HttpTransport(this.host, this.port)
    this.agent = createAgent(this.tls, { keepAlive: true })
  }

  close(): void {
    this.agent.destroy()
  }

  resetAuth(): void {
    this.authFailure = undefined
    this.bannedUntil = 0
    this.token = undefined
  }

  /** The token died (bmcd restarted, upload refused): the next call logs in afresh. */
  forgetToken(): void {
    this.token = undefined
  }

  /** One request with the token; one re-login and one replay on 401; never more. */
  async authorized(operation: string, request: Req, slot?: number): Promise<HttpResponse> {
    const token = await this.ensureToken(operation, slot)
    const first = await this.send(operation, withAuth(request, token), slot)
    if (first.status !== 401 && first.status !== 403) return first
    this.throwIfBanned(operation, first, slot)
    this.log.debug(`BMC ${operation}: HTTP ${first.status}, logging in again once`)
    const fresh = await this.relogin(operation, token, slot)
    const second = await this.send(operation, withAuth(request, fresh), slot)
    if (second.status !== 401 && second.status !== 403) return second
    this.throwIfBanned(operation, second, slot)
    this.token = undefined
    throw this.latch(
      new BmcAuthError(
        `The BMC at ${this.host} rejected ${operation} even right after a fresh login.`,
        {
          operation,
          node: slot,
          status: second.status,
          body: this.redact(second.body),
          advice:
            'Check the BMC user has API rights and that nothing else (tpi, a script) keeps ' +
            'restarting bmcd. Not retried, to avoid an IP ban.'
        }
      )
    )
  }

  async ensureToken(operation: string, slot?: number): Promise<string> {
    this.failFast(operation, slot)
    if (this.token !== undefined) return this.token
    this.loginInFlight ??= this.login().finally(() => {
      this.loginInFlight = undefined
    })
    return this.loginInFlight
  }

  /** Logs in again unless another call already replaced the stale token. */
  private relogin(operation: string, stale: string, slot?: number): Promise<string> {
    if (this.token === stale) this.token = undefined
    return this.ensureToken(operation, slot)
  }

  private async login(): Promise<string> {
    const operation = 'login'
    const res = await this.send(operation, {
      method: 'POST',
      path: '/api/bmc/authenticate',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: this.username, password: this.password })
    })
    if (ok(res)) {
      let id: unknown
      try {
        id = (JSON.parse(res.body) as { id?: unknown }).id
      } catch {
        id = undefined
      }
      if (typeof id === 'string' && id.length > 0) {
        this.seenTokens.add(id)
        this.token = id
        return id
      }
      if (/<html/i.test(res.body)) {
        // Loopback peers skip authentication and get the web UI here (spec §2.5).
        this.log.debug('BMC login answered with the web UI: authentication is bypassed')
        this.token = ''
        return ''
      }
      throw this.protocolError(operation, res)
    }
    this.throwIfBanned(operation, res)
    if (res.status === 401 || res.status === 403) {
      throw this.latch(
        new BmcAuthError(`The BMC at ${this.host} refused the login for user "${this.username}".`, {
          operation,
          status: res.status,
          body: this.redact(res.body),
          advice:
            'Check the BMC user name and password (they are the BMC Linux accounts, default ' +
            'root/turing). Not retried: 5 failures ban this IP.'
        })
      )
    }
    throw new BmcProtocolError(
      `The BMC at ${this.host} answered the login with HTTP ${res.status}; is it a Turing Pi BMC on firmware 2.x?`,
      { operation, status: res.status, body: this.redact(res.body), advice: 'Check host and port.' }
    )
  }

  private failFast(operation: string, slot?: number): void {
    if (this.authFailure) throw this.authFailure
    const wait = this.bannedUntil - Date.now()
    if (wait > 0) {
      throw new BmcBannedError(
        `The BMC at ${this.host} still bans this address for ${Math.ceil(wait / 1000)} s (${operation} not sent).`,
        { operation, node: slot, retryAfterMs: wait, advice: BAN_ADVICE }
      )
    }
  }

  throwIfBanned(operation: string, res: HttpResponse, slot?: number): void {
    if (!BAN_TEXT.test(res.body)) return
    const retryAfterMs = parseBanDurationMs(res.body)
    this.bannedUntil = Date.now() + (retryAfterMs ?? 60_000)
    this.token = undefined
    throw new BmcBannedError(
      `The BMC at ${this.host} blocks this address after too many failed authentications.`,
      {
        operation,
        node: slot,
        status: res.status,
        body: this.redact(res.body),
        retryAfterMs,
        advice: BAN_ADVICE
      }
    )
  }

  private latch(error: BmcAuthError): BmcAuthError {
    this.authFailure = error
    return error
  }

  async send(
    operation: string,
    request: Req,
    slot?: number,
    agent = this.agent
  ): Promise<HttpResponse> {
    const started = Date.now()
    const path = redactPath(request.path)
    try {
      const res = await this.transport.send({
        ...request,
        timeoutMs: request.stream ? undefined : (request.timeoutMs ?? this.timeoutMs),
        agent
      })
      this.log.debug(`BMC ${request.method} ${path} -> ${res.status} (${Date.now() - started} ms)`)
      return res
    } catch (error) {
      this.log.debug(`BMC ${request.method} ${path} failed after ${Date.now() - started} ms`)
      throw transportFailure(error, {
        operation,
        slot,
        host: this.host,
        port: this.port,
        tls: this.tls
      })
    }
  }

  apiError(operation: string, res: HttpResponse, slot?: number): BmcError {
    const text = errorText(res.body)
    const unsupported = /Invalid `type` parameter/.test(text)
    return new BmcError(
      `BMC ${operation}${slot ? ` (node ${slot})` : ''} failed: ${text || `HTTP ${res.status}`}`,
      {
        operation,
        node: slot,
        status: res.status,
        body: this.redact(res.body),
        advice: unsupported
          ? 'This BMC firmware does not support the operation; upgrade the BMC to firmware 2.1.0 or later.'
          : 'Read the BMC message; reboot the BMC if it persists.'
      }
    )
  }

  protocolError(
    operation: string,
    res: HttpResponse,
    slot?: number,
    cause?: unknown
  ): BmcProtocolError {
    return new BmcProtocolError(
      `Unexpected answer from the BMC to ${operation}${cause instanceof Error ? ` (${cause.message})` : ''}.`,
      {
        operation,
        node: slot,
        status: res.status,
        body: this.redact(res.body),
        advice: 'Check host/port point at a Turing Pi 2 BMC running firmware 2.x.'
      }
    )
  }

  /** Tokens appear in 401 bodies (`token X is not registered`); never keep them. */
  redact(text: string): string {
    let out = text
    for (const token of this.seenTokens) if (token) out = out.split(token).join('***')
    return out.replace(/(Bearer|Basic)\s+[A-Za-z0-9+/=._-]{8,}/g, '$1 ***')
  }
}

const BAN_ADVICE =
  'Wait until the ban ends (it doubles with every further failure) and check the BMC password; ' +
  'do not retry in a loop. Rebooting the BMC also clears the ban.'

export function ok(res: HttpResponse): boolean {
  return res.status >= 200 && res.status < 300
}

export function authHeader(token: string): Record<string, string> {
  return token ? { authorization: `Bearer ${token}` } : {}
}

function withAuth(request: Req, token: string): Req {
  return { ...request, headers: { ...request.headers, ...authHeader(token) } }
}

/**
 * HTTPS transport to the BMC: keep-alive agent, the three TLS modes, timeouts, abort, and streaming
 * request bodies with back-pressure. Knows nothing about the BMC API itself.
 */
import https from 'node:https'
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http'
import type { Duplex } from 'node:stream'
import type tls from 'node:tls'
import { createHash } from 'node:crypto'
import type { BmcTlsOptions } from './types'

/** Normalises a SHA-256 fingerprint to 64 lowercase hex digits, or returns undefined if invalid. */
export function normalizeFingerprint(value: string): string | undefined {
  const hex = value
    .trim()
    .replace(/^sha-?256\s*[:=/]?\s*/i, '')
    .replace(/[\s:-]/g, '')
    .toLowerCase()
  return /^[0-9a-f]{64}$/.test(hex) ? hex : undefined
}

/** SHA-256 of a DER certificate, lowercase hex. */
export function certificateFingerprint(der: Buffer): string {
  return createHash('sha256').update(der).digest('hex')
}

/** A transport failure (no HTTP answer). `code` is the socket/TLS code or one of ours. */
export class HttpTransportError extends Error {
  readonly code: string
  /** `source`: reading the streamed body failed (a local file problem, not the network). */
  readonly kind: 'network' | 'tls' | 'timeout' | 'aborted' | 'source'

  constructor(
    message: string,
    code: string,
    kind: HttpTransportError['kind'],
    options?: { cause?: unknown }
  ) {
    super(message, options)
    this.name = 'HttpTransportError'
    this.code = code
    this.kind = kind
  }
}

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'EPROTO',
  'ERR_BMC_FINGERPRINT_MISMATCH'
])

/** Classifies any error raised by a request into an HttpTransportError. */
export function toTransportError(error: unknown): HttpTransportError {
  if (error instanceof HttpTransportError) return error
  const err = error as NodeJS.ErrnoException
  const code = err?.code ?? 'UNKNOWN'
  const message = err?.message ?? String(error)
  if (err?.name === 'AbortError' || code === 'ABORT_ERR') {
    return new HttpTransportError('request aborted', 'ABORT_ERR', 'aborted', { cause: error })
  }
  const kind = TLS_CODES.has(code) || /certificate|ssl|tls/i.test(message) ? 'tls' : 'network'
  return new HttpTransportError(message, code, kind, { cause: error })
}

/**
 * Pins the server certificate by fingerprint. The check runs before the socket is handed to the
 * HTTP client, so not a single byte (Authorization header, password) goes to an impostor.
 */
class PinnedAgent extends https.Agent {
  constructor(
    options: https.AgentOptions,
    private readonly pin: string
  ) {
    super(options)
  }

  override createConnection(
    options: https.RequestOptions,
    callback?: (err: Error | null, stream: Duplex) => void
  ): Duplex | null | undefined {
    // Node's agent always passes the callback; without it the check could not run before use.
    if (!callback) throw new Error('PinnedAgent needs the asynchronous createConnection callback')
    const socket = super.createConnection(options) as tls.TLSSocket
    const fail = (err: Error): void => {
      socket.destroy()
      callback(err, socket)
    }
    socket.once('error', fail)
    socket.once('secureConnect', () => {
      socket.removeListener('error', fail)
      const cert = socket.getPeerCertificate(false)
      const actual = cert?.raw ? certificateFingerprint(cert.raw) : 'none'
      if (actual !== this.pin) {
        const err = Object.assign(
          new Error(
            `BMC certificate fingerprint mismatch: expected sha256 ${this.pin}, got ${actual}`
          ),
          { code: 'ERR_BMC_FINGERPRINT_MISMATCH' }
        )
        return fail(err)
      }
      callback(null, socket)
    })
    return undefined
  }
}

export interface AgentSettings {
  keepAlive: boolean
}

export function createAgent(tlsOptions: BmcTlsOptions, settings: AgentSettings): https.Agent {
  const base: https.AgentOptions = {
    keepAlive: settings.keepAlive,
    keepAliveMsecs: 15_000,
    maxSockets: 4,
    // TLS 1.2/1.3 like the BMC's Mozilla-intermediate profile.
    minVersion: 'TLSv1.2'
  }
  switch (tlsOptions.mode) {
    case 'verify':
      return new https.Agent({
        ...base,
        rejectUnauthorized: true,
        ...(tlsOptions.caPem ? { ca: tlsOptions.caPem } : {})
      })
    case 'insecure':
      return new https.Agent({ ...base, rejectUnauthorized: false })
    case 'fingerprint': {
      const pin = normalizeFingerprint(tlsOptions.fingerprint ?? '')
      if (!pin) throw new Error('tls.fingerprint must be a SHA-256 fingerprint (64 hex digits)')
      // No session resumption: every new connection shows its certificate and is checked.
      return new PinnedAgent({ ...base, rejectUnauthorized: false, maxCachedSessions: 0 }, pin)
    }
  }
}

export interface HttpRequest {
  method: 'GET' | 'POST'
  /** Path with query, already encoded. */
  path: string
  headers?: OutgoingHttpHeaders
  body?: string | Buffer
  /** Streamed body; `headers` must carry its Content-Length. */
  stream?: AsyncIterable<Buffer>
  /** False for requests that must not be replayed after a stale-socket reset. */
  idempotent?: boolean
  /** Total time limit; undefined = none (uploads). */
  timeoutMs?: number
  /** Socket inactivity limit (no byte sent or received); catches a silently vanished peer. */
  idleTimeoutMs?: number
  signal?: AbortSignal
  agent: https.Agent
}

export interface HttpResponse {
  status: number
  headers: IncomingHttpHeaders
  body: string
}

/** Bodies larger than this are cut: nothing the API answers legitimately comes close. */
const MAX_RESPONSE_BYTES = 4 * 1024 * 1024

export class HttpTransport {
  constructor(
    readonly host: string,
    readonly port: number
  ) {}

  /**
   * Sends one request. A stale keep-alive socket reset before any answer is retried once on a
   * fresh socket (Node's documented pattern), but never for streamed bodies.
   */
  async send(request: HttpRequest): Promise<HttpResponse> {
    try {
      return await this.sendOnce(request)
    } catch (error) {
      const stale = (error as { reusedSocket?: boolean }).reusedSocket === true
      const retry = stale && !request.stream && request.idempotent !== false
      if (!retry) throw error
      return this.sendOnce(request)
    }
  }

  private sendOnce(request: HttpRequest): Promise<HttpResponse> {
    return new Promise<HttpResponse>((resolve, reject) => {
      const { signal } = request
      if (signal?.aborted) {
        reject(new HttpTransportError('request aborted', 'ABORT_ERR', 'aborted'))
        return
      }
      let settled = false
      let response: HttpResponse | undefined
      let timer: NodeJS.Timeout | undefined

      const req = https.request({
        host: this.host,
        port: this.port,
        method: request.method,
        path: request.path,
        headers: request.headers,
        agent: request.agent
      })

      const cleanup = (): void => {
        if (timer) clearTimeout(timer)
        signal?.removeEventListener('abort', onAbort)
      }
      const succeed = (value: HttpResponse): void => {
        if (settled) return
        settled = true
        cleanup()
        resolve(value)
      }
      const fail = (error: unknown): void => {
        if (settled) return
        // The BMC may answer (e.g. a 500 text) and close while we still stream; the answer wins.
        if (response) return succeed(response)
        settled = true
        cleanup()
        const transport = toTransportError(error)
        const stale = transport.code === 'ECONNRESET' || transport.code === 'EPIPE'
        Object.assign(transport, { reusedSocket: req.reusedSocket && stale })
        reject(transport)
      }
      const onAbort = (): void => {
        req.destroy(new HttpTransportError('request aborted', 'ABORT_ERR', 'aborted'))
      }
      signal?.addEventListener('abort', onAbort, { once: true })
      if (request.timeoutMs !== undefined) {
        timer = setTimeout(() => {
          req.destroy(
            new HttpTransportError(
              `no answer within ${Math.round(request.timeoutMs! / 1000)} s`,
              'ETIMEDOUT',
              'timeout'
            )
          )
        }, request.timeoutMs)
      }

      if (request.idleTimeoutMs !== undefined) {
        const idle = request.idleTimeoutMs
        req.setTimeout(idle, () => {
          req.destroy(
            new HttpTransportError(
              `connection idle for ${Math.round(idle / 1000)} s`,
              'ETIMEDOUT',
              'timeout'
            )
          )
        })
      }
      req.on('error', fail)
      req.on('response', (res) => {
        const chunks: Buffer[] = []
        let size = 0
        res.on('data', (chunk: Buffer) => {
          if (size < MAX_RESPONSE_BYTES) chunks.push(chunk)
          size += chunk.length
        })
        res.on('error', fail)
        res.on('aborted', () =>
          fail(new HttpTransportError('answer cut off', 'ECONNRESET', 'network'))
        )
        res.on('end', () => {
          response = {
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8')
          }
          // An early error answer during a streamed upload: stop sending the rest of the image.
          if (request.stream && !req.writableFinished) req.destroy()
          succeed(response)
        })
      })

      if (request.stream) {
        pump(request.stream, req).catch((error: unknown) => {
          req.destroy(error instanceof Error ? error : new Error(String(error)))
        })
      } else {
        req.end(request.body)
      }
    })
  }
}

/**
 * Writes every chunk and waits until it has been handed to the socket before asking the source
 * for the next one. That is the back-pressure, and it lets the source reuse its buffers.
 */
async function pump(
  source: AsyncIterable<Buffer>,
  req: ReturnType<typeof https.request>
): Promise<void> {
  const iterator = source[Symbol.asyncIterator]()
  try {
    for (;;) {
      let next: IteratorResult<Buffer>
      try {
        next = await iterator.next()
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error)
        throw new HttpTransportError(message, 'ESOURCE', 'source', { cause: error })
      }
      if (next.done || req.destroyed) break
      await written(req, next.value)
    }
    if (!req.destroyed) req.end()
  } finally {
    // Closes the file when the request ended early (error answer, abort).
    await iterator.return?.()
  }
}

/** Resolves once `chunk` was flushed to the socket; rejects if the request dies first. */
function written(req: ReturnType<typeof https.request>, chunk: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const finish = (error?: Error | null): void => {
      req.off('close', closed)
      if (error) reject(error)
      else resolve()
    }
    const closed = (): void =>
      finish(new HttpTransportError('connection closed during upload', 'ECONNRESET', 'network'))
    req.on('close', closed)
    req.write(chunk, finish)
  })
}

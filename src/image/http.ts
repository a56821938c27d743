import { readFileSync } from 'node:fs'
import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http'
import https from 'node:https'
import { rootCertificates } from 'node:tls'
import { ImageError, TransientError } from './errors'
import { checkUrlAllowed, displayUrl, isLoopbackHost } from './source'

/** TLS settings for image downloads (a private CA, or the lab's self-signed certificate). */
export interface FetchOptions {
  ca?: string | Buffer
  rejectUnauthorized?: boolean
}

export interface HttpOptions {
  method: 'GET' | 'HEAD' | 'POST'
  headers?: Record<string, string>
  /** Request body (POST); sent with its length. Redirects are not followed for a POST. */
  body?: string | Buffer
  fetchOptions?: FetchOptions
  signal?: AbortSignal
  /** Socket idle time after which the request fails (and may be retried). */
  idleTimeoutMs?: number
  maxRedirects?: number
}

export interface HttpResponse {
  status: number
  headers: IncomingHttpHeaders
  /** The URL that answered, after redirects. */
  url: URL
  body: IncomingMessage
}

export const DEFAULT_IDLE_TIMEOUT_MS = 60_000
const REDIRECTS = new Set([301, 302, 303, 307, 308])
const TRANSIENT_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENETUNREACH',
  'ENETDOWN',
  'EHOSTUNREACH',
  'ERR_STREAM_PREMATURE_CLOSE',
  'UND_ERR_SOCKET'
])

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : undefined
}

/** Turns a network-level failure into an ImageError, transient when another attempt may help. */
export function classifyNetworkError(error: unknown, url: URL): ImageError {
  if (error instanceof ImageError) return error
  const code = errorCode(error)
  const message = error instanceof Error ? error.message : String(error)
  const evidence = `${displayUrl(url)}: ${code ? `${code} ` : ''}${message}`
  if (code && (/^ERR_TLS|CERT|SELF_SIGNED|UNABLE_TO_/.test(code) || /certificate/i.test(message))) {
    return new ImageError(
      `TLS verification failed for ${displayUrl(url)}.`,
      {
        evidence,
        advice:
          'If the server uses a private CA or a self-signed certificate, set RK1_EXTRA_CA_FILE (or NODE_EXTRA_CA_CERTS) to its PEM file; otherwise check the URL.'
      },
      { cause: error }
    )
  }
  if ((code && TRANSIENT_CODES.has(code)) || /socket hang up|aborted|timed? ?out/i.test(message)) {
    return new TransientError(
      `Network error while fetching ${displayUrl(url)}.`,
      {
        evidence,
        advice: 'Check the network connection and that the server is reachable, then run again.'
      },
      { cause: error }
    )
  }
  return new ImageError(
    `Could not fetch ${displayUrl(url)}.`,
    {
      evidence,
      advice: 'Check the URL and the network connection.'
    },
    { cause: error }
  )
}

let extraCa: { file: string; ca: string[] } | undefined

/**
 * `RK1_EXTRA_CA_FILE`: a PEM file (a private CA, or a self-signed server certificate such as a
 * self-hosted Image Factory's) trusted for downloads in addition to the public CAs. Read only
 * when set; an explicit `fetchOptions.ca` wins.
 */
export function extraCaFromEnv(env: NodeJS.ProcessEnv = process.env): string[] | undefined {
  const file = env.RK1_EXTRA_CA_FILE
  if (!file) return undefined
  if (extraCa?.file !== file) {
    let pem: string
    try {
      pem = readFileSync(file, 'utf8')
    } catch (error) {
      throw new ImageError(`RK1_EXTRA_CA_FILE ${file} cannot be read.`, {
        evidence: error instanceof Error ? error.message : String(error),
        advice: 'Point RK1_EXTRA_CA_FILE at a readable PEM file, or unset it.'
      })
    }
    extraCa = { file, ca: [...rootCertificates, pem] }
  }
  return extraCa.ca
}

function once(url: URL, opts: HttpOptions): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http
    const timeout = opts.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS
    const req = client.request(
      url,
      {
        method: opts.method,
        headers: {
          'user-agent': 'rk1-actions',
          'accept-encoding': 'identity',
          ...(opts.body !== undefined
            ? { 'content-length': String(Buffer.byteLength(opts.body)) }
            : {}),
          ...opts.headers
        },
        ca: opts.fetchOptions?.ca ?? (url.protocol === 'https:' ? extraCaFromEnv() : undefined),
        rejectUnauthorized: opts.fetchOptions?.rejectUnauthorized ?? true,
        signal: opts.signal,
        // No pooled keep-alive sockets: an image download is a handful of long requests, and a
        // pooled socket would keep the process (and test servers) alive afterwards.
        agent: false
      },
      resolve
    )
    req.setTimeout(timeout, () => {
      const error = new Error(`no data for ${Math.round(timeout / 1000)} s`) as Error & {
        code: string
      }
      error.code = 'ETIMEDOUT'
      req.destroy(error)
    })
    req.on('error', (error) => reject(opts.signal?.aborted ? (opts.signal.reason ?? error) : error))
    req.end(opts.body)
  })
}

/**
 * RK1_OFFLINE=1 (set by the test suite, useful on air-gapped runners) allows loopback hosts only:
 * a test that forgot to provide a tool fails with this message instead of reaching the internet.
 */
function refuseWhenOffline(url: URL): void {
  if (process.env.RK1_OFFLINE !== '1' || isLoopbackHost(url.hostname)) return
  throw new ImageError(
    `Not downloading ${displayUrl(url)}: RK1_OFFLINE=1 allows loopback addresses only.`,
    {
      evidence: `host ${url.hostname}`,
      advice: 'Provide the file or tool locally (PATH, a local image path), or unset RK1_OFFLINE.'
    }
  )
}

/**
 * One HTTP(S) request, following up to `maxRedirects` redirects; every hop must pass the same
 * rules as the source URL. The caller owns the returned body and must consume or destroy it.
 */
export async function httpRequest(url: URL, opts: HttpOptions): Promise<HttpResponse> {
  // A POST is not repeated at another address: the answer to it is what counts.
  const maxRedirects = opts.method === 'POST' ? 0 : (opts.maxRedirects ?? 5)
  let current = url
  for (let hop = 0; ; hop++) {
    refuseWhenOffline(current)
    let res: IncomingMessage
    try {
      res = await once(current, opts)
    } catch (error) {
      if (opts.signal?.aborted) throw opts.signal.reason ?? error
      throw classifyNetworkError(error, current)
    }
    const status = res.statusCode ?? 0
    const location = res.headers.location
    if (!REDIRECTS.has(status) || !location || opts.method === 'POST')
      return { status, headers: res.headers, url: current, body: res }
    res.resume()
    if (hop >= maxRedirects) {
      throw new ImageError(`Too many redirects for ${displayUrl(url)}.`, {
        evidence: `more than ${maxRedirects} redirects; last ${status} from ${displayUrl(current)}`,
        advice: 'Use the final download URL directly.'
      })
    }
    let next: URL
    try {
      next = new URL(location, current)
    } catch {
      throw new ImageError(`Invalid redirect from ${displayUrl(current)}.`, {
        evidence: `HTTP ${status} Location: ${location.slice(0, 200)}`,
        advice: 'Use the final download URL directly.'
      })
    }
    checkUrlAllowed(next, current)
    current = next
  }
}

/** Throws for a non-success status: transient for 408/429/5xx, final otherwise. */
export function statusError(res: HttpResponse, original: URL): ImageError {
  res.body.resume()
  const status = res.status
  const evidence =
    `HTTP ${status} ${res.body.statusMessage ?? ''} from ${displayUrl(res.url)}`.trim()
  const transient = status === 408 || status === 429 || status >= 500
  const advice =
    status === 404 || status === 410
      ? 'Check the image URL (release name, version, architecture); the server does not have this file.'
      : status === 401 || status === 403
        ? 'The server refused access; use a publicly downloadable URL.'
        : transient
          ? 'The server had a temporary problem; run again later.'
          : 'Check the image URL.'
  const ErrorClass = transient ? TransientError : ImageError
  return new ErrorClass(`Download of ${displayUrl(original)} failed with HTTP ${status}.`, {
    evidence,
    advice
  })
}

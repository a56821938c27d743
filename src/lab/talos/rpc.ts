/**
 * The lab-internal Talos API transport: JSON over HTTPS (`POST /rpc/<method>`). Errors come back as
 * gRPC-like `{ error: { code, message } }`; transport failures are turned into the texts real
 * talosctl prints (`rpc error: code = Unavailable desc = connection error: ...`).
 */
import { request } from 'node:https'
import { X509Certificate } from 'node:crypto'
import type { TLSSocket } from 'node:tls'
import { spkiFingerprint } from './pki'

export type RpcCode =
  | 'Unavailable'
  | 'FailedPrecondition'
  | 'AlreadyExists'
  | 'NotFound'
  | 'PermissionDenied'
  | 'Unimplemented'
  | 'InvalidArgument'
  | 'Unknown'
  | 'DeadlineExceeded'
  | 'Unauthenticated'

export class RpcError extends Error {
  constructor(
    readonly code: RpcCode,
    readonly desc: string
  ) {
    super(`rpc error: code = ${code} desc = ${desc}`)
  }
}

export interface Dial {
  host: string
  port: number
  /** Maintenance client: no server verification, no client certificate. */
  insecure: boolean
  /** PEMs for the secure client. */
  ca?: string
  cert?: string
  key?: string
  /** `--cert-fingerprint` pin for the insecure client (SPKI, base64). */
  fingerprint?: string
  timeoutMs?: number
}

const VERIFY_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_SIGNATURE_FAILURE'
])

const conn = (detail: string): RpcError =>
  new RpcError('Unavailable', `connection error: desc = "${detail}"`)

export function transportError(error: NodeJS.ErrnoException, dial: Dial): RpcError {
  const code = error.code ?? ''
  const addr = `${dial.host}:${dial.port}`
  if (code === 'ECONNREFUSED')
    return conn(`transport: Error while dialing: dial tcp ${addr}: connect: connection refused`)
  if (code === 'ETIMEDOUT' || code === 'ECONNABORTED')
    return conn(`transport: Error while dialing: dial tcp ${addr}: i/o timeout`)
  if (VERIFY_CODES.has(code))
    return conn(
      'transport: authentication handshake failed: tls: failed to verify certificate: x509: certificate signed by unknown authority'
    )
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID')
    return conn(
      `transport: authentication handshake failed: tls: failed to verify certificate: x509: certificate is not valid for ${dial.host}`
    )
  if (code === 'ERR_SSL_TLSV1_ALERT_UNKNOWN_CA')
    return conn(
      'transport: authentication handshake failed: remote error: tls: unknown certificate authority'
    )
  if (
    code === 'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED' ||
    code === 'ECONNRESET' ||
    /socket hang up|certificate required/i.test(error.message)
  )
    return conn('error reading server preface: remote error: tls: certificate required')
  if (code === 'FINGERPRINT_MISMATCH')
    return conn('transport: authentication handshake failed: certificate fingerprint mismatch')
  return conn(`transport: ${error.message}`)
}

export function call<T = unknown>(dial: Dial, method: string, body: object = {}): Promise<T> {
  const payload = Buffer.from(JSON.stringify(body))
  return new Promise<T>((resolve, reject) => {
    let settled = false
    const fail = (e: Error): void => {
      if (settled) return
      settled = true
      reject(e instanceof RpcError ? e : transportError(e as NodeJS.ErrnoException, dial))
    }
    const req = request(
      {
        host: dial.host,
        port: dial.port,
        method: 'POST',
        path: `/rpc/${method}`,
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': payload.length },
        rejectUnauthorized: !dial.insecure,
        ...(dial.insecure ? {} : { ca: dial.ca, cert: dial.cert, key: dial.key }),
        timeout: dial.timeoutMs ?? 10_000
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('error', fail)
        res.on('end', () => {
          if (settled) return
          let parsed: { result?: T; error?: { code: RpcCode; message: string } }
          try {
            parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof parsed
          } catch {
            return fail(new RpcError('Unknown', `unexpected response (HTTP ${res.statusCode})`))
          }
          settled = true
          if (parsed.error) reject(new RpcError(parsed.error.code, parsed.error.message))
          else resolve(parsed.result as T)
        })
      }
    )
    req.on('socket', (socket) => {
      if (!dial.fingerprint) return
      socket.once('secureConnect', () => {
        const raw = (socket as TLSSocket).getPeerCertificate()?.raw
        const pem = raw ? new X509Certificate(raw).toString() : ''
        if (!pem || spkiFingerprint(pem) !== dial.fingerprint) {
          const e = new Error('fingerprint mismatch') as NodeJS.ErrnoException
          e.code = 'FINGERPRINT_MISMATCH'
          fail(e)
          req.destroy()
        }
      })
    })
    req.on('timeout', () => {
      const e = new Error('timeout') as NodeJS.ErrnoException
      e.code = 'ETIMEDOUT'
      fail(e)
      req.destroy()
    })
    req.on('error', fail)
    req.end(payload)
  })
}

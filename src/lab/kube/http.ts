// Request and response plumbing: bodies (JSON or YAML), content negotiation for Tables, partial
// object metadata and aggregated discovery, and Status error replies.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { parse as parseYaml } from 'yaml'
import { decodeProtobuf, PROTOBUF } from './proto'
import { ApiError, badRequest } from './status'

const MAX_BODY = 16 * 1024 * 1024

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > MAX_BODY) {
        reject(new ApiError(413, 'RequestEntityTooLarge', 'request is too large'))
        req.destroy()
        return
      }
      chunks.push(c)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

export function parseBody(body: Buffer | string, contentType: string | undefined): unknown {
  const type = (contentType ?? 'application/json').split(';')[0]?.trim()
  if (type === PROTOBUF && typeof body !== 'string')
    return body.length === 0 ? undefined : decodeProtobuf(body)
  const raw = body.toString()
  if (raw.trim() === '') return undefined
  if (type === PROTOBUF || type === 'application/cbor') {
    throw new ApiError(
      415,
      'UnsupportedMediaType',
      `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml`
    )
  }
  try {
    return type === 'application/yaml' ? parseYaml(raw) : JSON.parse(raw)
  } catch {
    try {
      return parseYaml(raw)
    } catch (e) {
      throw badRequest(`the body of the request could not be decoded: ${(e as Error).message}`)
    }
  }
}

export interface MediaRange {
  type: string
  params: Record<string, string>
}

export function parseAccept(header: string | undefined): MediaRange[] {
  if (!header) return [{ type: '*/*', params: {} }]
  return header.split(',').map((part) => {
    const [type, ...params] = part.split(';').map((s) => s.trim())
    const p: Record<string, string> = {}
    for (const kv of params) {
      const i = kv.indexOf('=')
      if (i > 0) p[kv.slice(0, i).trim()] = kv.slice(i + 1).trim()
    }
    return { type: type ?? '*/*', params: p }
  })
}

export type Representation = 'json' | 'table' | 'partial' | 'aggregated'

/** Picks the first representation we can produce, in the client's order of preference. */
export function negotiate(accept: MediaRange[], discovery = false): Representation | undefined {
  for (const m of accept) {
    if (m.type !== 'application/json' && m.type !== '*/*' && m.type !== 'application/*') continue
    const as = m.params.as
    if (!as) return 'json'
    if (as === 'Table' && m.params.g === 'meta.k8s.io') return 'table'
    if (
      (as === 'PartialObjectMetadata' || as === 'PartialObjectMetadataList') &&
      m.params.g === 'meta.k8s.io'
    )
      return 'partial'
    if (
      discovery &&
      as === 'APIGroupDiscoveryList' &&
      m.params.g === 'apidiscovery.k8s.io' &&
      m.params.v === 'v2'
    )
      return 'aggregated'
  }
  return undefined
}

export function tableVersion(accept: MediaRange[]): string {
  const m = accept.find((a) => a.params.as === 'Table')
  return `meta.k8s.io/${m?.params.v ?? 'v1'}`
}

export function sendJson(
  res: ServerResponse,
  code: number,
  body: unknown,
  contentType = 'application/json'
): void {
  const text = JSON.stringify(body)
  res.writeHead(code, {
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-cache, private',
    'Audit-Id': 'lab'
  })
  res.end(text)
}

export function sendText(res: ServerResponse, code: number, text: string): void {
  res.writeHead(code, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(text)
  })
  res.end(text)
}

export function sendError(res: ServerResponse, err: unknown): void {
  if (res.headersSent) {
    res.end()
    return
  }
  const e =
    err instanceof ApiError
      ? err
      : new ApiError(
          500,
          'InternalError',
          `Internal error occurred: ${(err as Error)?.message ?? String(err)}`
        )
  sendJson(res, e.code, e.toStatus())
}

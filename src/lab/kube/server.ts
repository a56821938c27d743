// The HTTPS front of the lab Kubernetes API: TLS from the lab CA, bearer-token authentication,
// fault injection, and routing to discovery, OpenAPI, health and resource handlers.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { createServer, type Server } from 'node:https'
import type { KubeApi } from './api'
import type { PodLogs } from './controllers/logs'
import {
  aggregatedDiscovery,
  AGGREGATED_CONTENT_TYPE,
  apiGroup,
  apiGroupList,
  apiResourceList,
  apiVersions,
  openApiV3Doc,
  openApiV3Index,
  versionInfo
} from './discovery'
import { handleResource } from './handlers'
import { negotiate, parseAccept, sendError, sendJson, sendText } from './http'
import { ApiError } from './status'
import type { TlsMaterial } from './tls'
import type { KubeFaults } from './types'

export interface ServerDeps {
  api: KubeApi
  logs: PodLogs
  tls: TlsMaterial
  faults: KubeFaults
  tokens: Map<string, string>
  gitVersion: string
  /** host:port advertised in /api. */
  address: () => string
}

const HEALTH_CHECKS = [
  'ping',
  'log',
  'etcd',
  'informer-sync',
  'poststarthook/start-apiextensions-controllers',
  'poststarthook/crd-informer-synced'
]

function health(path: string, verbose: boolean): string {
  const kind = path.split('/')[1] ?? 'healthz'
  if (!verbose) return 'ok'
  return `${HEALTH_CHECKS.map((c) => `[+]${c} ok`).join('\n')}\n${kind} check passed\n`
}

function notFoundStatus(): ApiError {
  return new ApiError(404, 'NotFound', 'the server could not find the requested resource')
}

export class KubeHttpServer {
  readonly server: Server
  private readonly streams = new Set<() => void>()

  constructor(private readonly deps: ServerDeps) {
    this.server = createServer(
      { key: deps.tls.keyPem, cert: deps.tls.certPem, noDelay: true },
      (req, res) => {
        this.dispatch(req, res).catch((e: unknown) => sendError(res, e))
      }
    )
    // Watches are long-lived; the server must not time them out.
    this.server.requestTimeout = 0
    this.server.headersTimeout = 60_000
    this.server.keepAliveTimeout = 30_000
  }

  closeStreams(): void {
    for (const fn of [...this.streams]) fn()
    this.streams.clear()
  }

  private checkFault(method: string, path: string): void {
    for (const rule of this.deps.faults.apiErrors ?? []) {
      if (rule.method && rule.method.toUpperCase() !== method) continue
      if (typeof rule.path === 'string' ? rule.path !== path : !rule.path.test(path)) continue
      const now = Date.now()
      if (
        (rule.from !== undefined && now < rule.from) ||
        (rule.until !== undefined && now >= rule.until)
      )
        continue
      if (rule.times !== undefined) {
        if (rule.times <= 0) continue
        rule.times--
      }
      const reason =
        rule.status === 500
          ? 'InternalError'
          : rule.status === 503
            ? 'ServiceUnavailable'
            : rule.status === 429
              ? 'TooManyRequests'
              : rule.status === 403
                ? 'Forbidden'
                : rule.status === 504
                  ? 'Timeout'
                  : rule.status >= 500
                    ? 'InternalError'
                    : 'BadRequest'
      throw new ApiError(
        rule.status,
        reason,
        rule.message ?? `lab fault injection: ${method} ${path} fails with ${rule.status}`
      )
    }
  }

  private authenticate(req: IncomingMessage): string | undefined {
    const h = req.headers.authorization ?? ''
    const m = /^Bearer\s+(.+)$/i.exec(h)
    return m ? this.deps.tokens.get(m[1]?.trim() ?? '') : undefined
  }

  private async dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'https://lab.invalid')
    const path = url.pathname.replace(/\/+$/, '') || '/'
    const method = (req.method ?? 'GET').toUpperCase()
    if (process.env.RK1_KUBE_DEBUG)
      console.error(
        `[kube] ${method} ${req.url} ct=${req.headers['content-type'] ?? ''} accept=${req.headers.accept ?? ''} ua=${req.headers['user-agent'] ?? ''}`
      )
    this.checkFault(method, path)
    const { api } = this.deps
    if (path === '/version') return sendJson(res, 200, versionInfo(this.deps.gitVersion))
    if (/^\/(healthz|livez|readyz)(\/.*)?$/.test(path))
      return sendText(res, 200, health(path, url.searchParams.has('verbose')))
    const user = this.authenticate(req)
    if (!user) {
      return sendJson(res, 401, {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'Unauthorized',
        reason: 'Unauthorized',
        code: 401
      })
    }
    const accept = parseAccept(req.headers.accept)
    const segs = path
      .split('/')
      .filter((s) => s !== '')
      .map(decodeURIComponent)

    if (path === '/api' || path === '/apis') {
      if (method !== 'GET') throw notFoundStatus()
      const rep = negotiate(accept, true)
      if (rep === 'aggregated')
        return sendJson(
          res,
          200,
          aggregatedDiscovery(api.registry, path === '/api'),
          AGGREGATED_CONTENT_TYPE
        )
      if (rep === undefined)
        throw new ApiError(
          406,
          'NotAcceptable',
          'only the following media types are accepted: application/json'
        )
      return sendJson(
        res,
        200,
        path === '/api' ? apiVersions(this.deps.address()) : apiGroupList(api.registry)
      )
    }
    if (segs[0] === 'openapi') {
      if (segs[1] === 'v3') {
        if (segs.length === 2) return sendJson(res, 200, openApiV3Index(api.registry))
        const doc = openApiV3Doc(api.registry, segs.slice(2).join('/'))
        if (doc) return sendJson(res, 200, doc)
      }
      throw notFoundStatus()
    }

    let group: string
    let version: string
    let rest: string[]
    if (segs[0] === 'api' && segs.length >= 2) {
      group = ''
      version = segs[1] ?? ''
      rest = segs.slice(2)
    } else if (segs[0] === 'apis' && segs.length >= 2) {
      group = segs[1] ?? ''
      if (segs.length === 2) {
        const doc = apiGroup(api.registry, group)
        if (!doc) throw notFoundStatus()
        return sendJson(res, 200, doc)
      }
      version = segs[2] ?? ''
      rest = segs.slice(3)
    } else throw notFoundStatus()

    if (rest.length === 0) {
      const doc = apiResourceList(api.registry, group, version)
      if (!doc) throw notFoundStatus()
      return sendJson(res, 200, doc)
    }
    let ns: string | undefined
    let resource: string
    let name: string | undefined
    let sub: string | undefined
    let extra: string[]
    if (
      rest[0] === 'namespaces' &&
      rest.length >= 3 &&
      rest[2] !== 'status' &&
      rest[2] !== 'finalize'
    ) {
      ns = rest[1]
      ;[resource = '', name, sub, ...extra] = rest.slice(2)
    } else {
      ;[resource = '', name, sub, ...extra] = rest
    }
    const rt = api.registry.find(group, version, resource)
    if (!rt || extra.length > 0) throw notFoundStatus()
    if (ns !== undefined && !rt.namespaced) throw notFoundStatus()
    if (rt.namespaced && ns === undefined && name !== undefined) throw notFoundStatus()
    await handleResource(
      {
        api,
        logs: this.deps.logs,
        username: user,
        onClose: (fn) => {
          this.streams.add(fn)
          res.on('close', () => this.streams.delete(fn))
        }
      },
      req,
      res,
      { rt, ns, name, sub, query: url.searchParams }
    )
  }
}

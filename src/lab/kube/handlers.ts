// REST verbs on resource paths (/api/v1/..., /apis/<group>/<version>/...): get, list, watch,
// create, update, patch, delete, deletecollection, and the status, scale and log subresources.
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { KubeApi, WriteOptions } from './api'
import type { PodLogs } from './controllers/logs'
import {
  negotiate,
  parseAccept,
  parseBody,
  readBody,
  sendJson,
  sendText,
  tableVersion
} from './http'
import { isObject, jsonMergePatch, jsonPatch, strategicMerge } from './patch'
import { apiVersionOf } from './resources'
import { parseFieldSelector, parseLabelSelector, selectorToString } from './selectors'
import { ApiError, badRequest, methodNotAllowed, notFound } from './status'
import { partialMetadata, toTable, type IncludeObject } from './tables'
import type { Dict, KubeObject, LabelSelector, PodSpec, ResourceType } from './types'
import { serveWatch } from './watch'

export interface ResourceRequest {
  rt: ResourceType
  ns: string | undefined
  name: string | undefined
  sub: string | undefined
  query: URLSearchParams
}

export interface HandlerContext {
  api: KubeApi
  logs: PodLogs
  username: string
  onClose: (fn: () => void) => void
}

function writeOpts(q: URLSearchParams): WriteOptions {
  return {
    dryRun: q.getAll('dryRun').includes('All'),
    fieldManager: q.get('fieldManager') ?? undefined,
    force: q.get('force') === 'true'
  }
}

function respondObject(
  req: IncomingMessage,
  res: ServerResponse,
  rt: ResourceType,
  o: KubeObject,
  code = 200
): void {
  const accept = parseAccept(req.headers.accept)
  const rep = negotiate(accept)
  if (rep === 'table') {
    const t = toTable(
      rt,
      [o],
      o.metadata.resourceVersion ?? '',
      (new URL(req.url ?? '/', 'https://x').searchParams.get(
        'includeObject'
      ) as IncludeObject | null) ?? 'Metadata'
    )
    t.apiVersion = tableVersion(accept)
    sendJson(res, code, t)
  } else if (rep === 'partial') sendJson(res, code, partialMetadata(o))
  else sendJson(res, code, o)
}

export async function handleResource(
  ctx: HandlerContext,
  req: IncomingMessage,
  res: ServerResponse,
  r: ResourceRequest
): Promise<void> {
  const { api } = ctx
  const { rt, ns, name, sub, query } = r
  const method = req.method ?? 'GET'
  if (sub && sub !== 'status' && sub !== 'scale' && sub !== 'log')
    throw notFound(rt, `${name ?? ''}/${sub}`)
  if (sub && !rt.subresources.includes(sub))
    throw new ApiError(404, 'NotFound', 'the server could not find the requested resource')

  if (!name) {
    if (method === 'GET') return list(ctx, req, res, r)
    if (method === 'POST') {
      const body = parseBody(await readBody(req), req.headers['content-type'])
      if (rt.verbs.length === 1 && rt.verbs[0] === 'create') return review(ctx, res, rt, body)
      const created = api.create(rt, ns, body, writeOpts(query))
      return respondObject(req, res, rt, created, 201)
    }
    if (method === 'DELETE') {
      const items = api.list(
        rt,
        ns,
        parseLabelSelector(query.get('labelSelector')),
        parseFieldSelector(query.get('fieldSelector'))
      ).items
      const deleted = items.map((o) =>
        api.delete(rt, o.metadata.namespace, o.metadata.name ?? '', {
          dryRun: writeOpts(query).dryRun
        })
      )
      return sendJson(res, 200, {
        apiVersion: apiVersionOf(rt),
        kind: rt.listKind,
        metadata: { resourceVersion: String(api.store.resourceVersion) },
        items: deleted
      })
    }
    throw methodNotAllowed()
  }

  if (sub === 'log') {
    if (method !== 'GET') throw methodNotAllowed()
    return podLog(ctx, res, rt, ns ?? '', name, query)
  }
  if (sub === 'scale') return scale(ctx, req, res, rt, ns, name)

  switch (method) {
    case 'GET':
      return respondObject(req, res, rt, api.get(rt, ns, name))
    case 'PUT': {
      const body = parseBody(await readBody(req), req.headers['content-type'])
      const updated = api.update(rt, ns, name, body, { ...writeOpts(query), subresource: sub })
      return respondObject(req, res, rt, updated)
    }
    case 'PATCH': {
      const raw = (await readBody(req)).toString('utf8')
      const { object, created } = api.patch(
        rt,
        ns,
        name,
        String(req.headers['content-type'] ?? ''),
        raw,
        { ...writeOpts(query), subresource: sub }
      )
      return respondObject(req, res, rt, object, created ? 201 : 200)
    }
    case 'DELETE': {
      const body = (parseBody(await readBody(req), req.headers['content-type']) ?? {}) as Dict
      const deleted = api.delete(rt, ns, name, {
        dryRun:
          writeOpts(query).dryRun || (Array.isArray(body.dryRun) && body.dryRun.includes('All')),
        propagationPolicy:
          query.get('propagationPolicy') ?? (body.propagationPolicy as string | undefined),
        preconditions: body.preconditions as { uid?: string; resourceVersion?: string } | undefined
      })
      return sendJson(res, 200, deleted)
    }
    default:
      throw methodNotAllowed()
  }
}

function list(
  ctx: HandlerContext,
  req: IncomingMessage,
  res: ServerResponse,
  r: ResourceRequest
): void {
  const { api } = ctx
  const { rt, ns, query } = r
  if (!rt.verbs.includes('list')) throw methodNotAllowed()
  const accept = parseAccept(req.headers.accept)
  const rep = negotiate(accept) ?? 'json'
  const label = parseLabelSelector(query.get('labelSelector'))
  const field = parseFieldSelector(query.get('fieldSelector'))
  const include = (query.get('includeObject') as IncludeObject | null) ?? 'Metadata'
  const watch = query.get('watch')
  if (watch === 'true' || watch === '1') {
    serveWatch(
      api,
      res,
      {
        rt,
        ns,
        label,
        field,
        resourceVersion: query.get('resourceVersion') ?? undefined,
        sendInitialEvents: query.get('sendInitialEvents') === 'true',
        allowBookmarks: query.get('allowWatchBookmarks') === 'true',
        timeoutSeconds: query.has('timeoutSeconds')
          ? Number(query.get('timeoutSeconds'))
          : undefined,
        representation: rep === 'aggregated' ? 'json' : rep,
        include,
        tableApiVersion: tableVersion(accept)
      },
      ctx.onClose
    )
    return
  }
  const { items, resourceVersion } = api.list(rt, ns, label, field)
  if (rep === 'table') {
    const t = toTable(rt, items, resourceVersion, include)
    t.apiVersion = tableVersion(accept)
    return sendJson(res, 200, t)
  }
  if (rep === 'partial') {
    return sendJson(res, 200, {
      kind: 'PartialObjectMetadataList',
      apiVersion: 'meta.k8s.io/v1',
      metadata: { resourceVersion },
      items: items.map(partialMetadata)
    })
  }
  sendJson(res, 200, {
    apiVersion: apiVersionOf(rt),
    kind: rt.listKind,
    metadata: { resourceVersion },
    items
  })
}

/** Access reviews: the lab grants everything to every authenticated user. */
function review(ctx: HandlerContext, res: ServerResponse, rt: ResourceType, body: unknown): void {
  const o = (isObject(body) ? structuredClone(body) : {}) as Dict
  o.apiVersion = apiVersionOf(rt)
  o.kind = rt.kind
  o.metadata = { creationTimestamp: null }
  if (rt.kind === 'SelfSubjectAccessReview')
    o.status = { allowed: true, reason: 'rk1 lab: every authenticated user is cluster-admin' }
  else if (rt.kind === 'SelfSubjectRulesReview') {
    o.status = {
      resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }],
      nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }],
      incomplete: false
    }
  } else
    o.status = {
      userInfo: { username: ctx.username, groups: ['system:masters', 'system:authenticated'] }
    }
  sendJson(res, 201, o)
}

function scale(
  ctx: HandlerContext,
  req: IncomingMessage,
  res: ServerResponse,
  rt: ResourceType,
  ns: string | undefined,
  name: string
): Promise<void> {
  const { api } = ctx
  const toScale = (o: KubeObject): Dict => {
    const spec = (o.spec ?? {}) as Dict
    const status = (o.status ?? {}) as Dict
    return {
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      metadata: {
        name: o.metadata.name,
        namespace: o.metadata.namespace,
        uid: o.metadata.uid,
        resourceVersion: o.metadata.resourceVersion,
        creationTimestamp: o.metadata.creationTimestamp
      },
      spec: { replicas: spec.replicas ?? 1 },
      status: {
        replicas: status.replicas ?? 0,
        selector: selectorToString(spec.selector as LabelSelector | undefined)
      }
    }
  }
  const method = req.method ?? 'GET'
  const obj = api.get(rt, ns, name)
  if (method === 'GET') {
    sendJson(res, 200, toScale(obj))
    return Promise.resolve()
  }
  return readBody(req).then((buf) => {
    const raw = buf.toString('utf8')
    const current = toScale(obj)
    let next: unknown
    const type = String(req.headers['content-type'] ?? '').split(';')[0]
    if (method === 'PUT') next = parseBody(raw, req.headers['content-type'])
    else if (method === 'PATCH' && type === 'application/json-patch+json')
      next = jsonPatch(current, JSON.parse(raw))
    else if (method === 'PATCH' && type === 'application/strategic-merge-patch+json')
      next = strategicMerge(current, JSON.parse(raw))
    else if (method === 'PATCH') next = jsonMergePatch(current, parseBody(raw, 'application/yaml'))
    else throw methodNotAllowed()
    const replicas = Number(((next as Dict).spec as Dict | undefined)?.replicas)
    if (!Number.isInteger(replicas) || replicas < 0)
      throw badRequest('spec.replicas must be a non-negative integer')
    const updated = api.update(rt, ns, name, { ...obj, spec: { ...(obj.spec as Dict), replicas } })
    sendJson(res, 200, toScale(updated))
  })
}

function podLog(
  ctx: HandlerContext,
  res: ServerResponse,
  rt: ResourceType,
  ns: string,
  name: string,
  q: URLSearchParams
): void {
  const pod = ctx.api.get(rt, ns, name)
  const spec = pod.spec as PodSpec
  const names = spec.containers.map((c) => c.name)
  let container = q.get('container') ?? undefined
  if (!container) {
    const dflt = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container']
    if (names.length === 1 || (dflt && names.includes(dflt)))
      container = names.length === 1 ? names[0] : dflt
    else
      throw badRequest(
        `a container name must be specified for pod ${name}, choose one of: [${names.join(' ')}]`
      )
  }
  if (!container || !names.includes(container))
    throw badRequest(`container ${container ?? ''} is not valid for pod ${name}`)
  const log = ctx.logs.get(ns, name, container)
  const phase = String((pod.status as Dict | undefined)?.phase ?? 'Pending')
  if (!log) {
    if (phase === 'Pending')
      throw badRequest(
        `container "${container}" in pod "${name}" is waiting to start: ContainerCreating`
      )
    return sendText(res, 200, '')
  }
  let text = log.text
  const tail = q.get('tailLines')
  if (tail !== null) {
    const lines = text.split('\n')
    const trailing = text.endsWith('\n') ? lines.pop() : undefined
    text =
      lines.slice(-Number(tail)).join('\n') +
      (trailing !== undefined && lines.length > 0 ? '\n' : '')
    if (Number(tail) === 0) text = ''
  }
  const limit = q.get('limitBytes')
  if (limit !== null) text = text.slice(0, Number(limit))
  if (q.get('follow') !== 'true' || log.done) return sendText(res, 200, text)
  res.writeHead(200, { 'Content-Type': 'text/plain', 'Transfer-Encoding': 'chunked' })
  res.write(text)
  const stop = ctx.logs.follow(ns, name, container, (chunk) => {
    if (chunk === null) {
      stop()
      res.end()
    } else res.write(chunk)
  })
  res.on('close', stop)
  ctx.onClose(() => {
    stop()
    res.end()
  })
}

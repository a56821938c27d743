// Write semantics of the API server, shared by the HTTP layer and the lab controllers: defaulting,
// generation, the status subresource split, resourceVersion preconditions, server-side apply,
// garbage collection of dependents and namespace termination.
import { randomUUID } from 'node:crypto'
import { parse as parseYaml } from 'yaml'
import { ApplyTracker } from './apply'
import { deleteObject, type DeleteOptions } from './deletion'
import { now } from './clock'
import { applyDefaults } from './defaults'
import { isObject, jsonMergePatch, jsonPatch, strategicMerge } from './patch'
import { apiVersionOf, groupResource, type Registry } from './resources'
import type { Matcher } from './selectors'
import {
  ApiError,
  alreadyExists,
  badRequest,
  conflict,
  invalid,
  namespaceNotFound,
  notFound,
  unsupportedMediaType
} from './status'
import type { Store } from './store'
import type { KubeObject, ResourceType } from './types'

export interface WriteOptions {
  dryRun?: boolean
  fieldManager?: string
  subresource?: string
  force?: boolean
}

export type { DeleteOptions } from './deletion'
export { now } from './clock'

/** Runs on every create/update before the object is stored; may mutate it or throw ApiError. */
export type Admission = (rt: ResourceType, obj: KubeObject, old: KubeObject | undefined) => void

const GENERATION_KINDS = new Set([
  'Deployment',
  'ReplicaSet',
  'DaemonSet',
  'StatefulSet',
  'Job',
  'CronJob',
  'CustomResourceDefinition',
  'PodDisruptionBudget',
  'HorizontalPodAutoscaler',
  'Ingress'
])

function randomSuffix(n = 5): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789'
  let s = ''
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(Math.random() * alphabet.length)]
  return s
}

/** JSON with sorted keys, so objects equal in content compare equal whatever their key order. */
export function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    isObject(x)
      ? Object.fromEntries(
          Object.keys(x)
            .sort()
            .map((k) => [k, x[k]])
        )
      : x
  )
}

function withoutMetaAndStatus(o: KubeObject): string {
  const { metadata: _m, status: _s, ...rest } = o
  return canonical(rest)
}

export class KubeApi {
  readonly applies = new ApplyTracker()
  private readonly admissions: Admission[] = []
  private readonly pending = new Set<NodeJS.Immediate>()
  private closed = false

  constructor(
    readonly store: Store,
    readonly registry: Registry
  ) {}

  addAdmission(fn: Admission): void {
    this.admissions.push(fn)
  }

  /** Work the real server does asynchronously (GC, namespace cleanup). */
  later(fn: () => void): void {
    if (this.closed) return
    const h = setImmediate(() => {
      this.pending.delete(h)
      if (!this.closed) fn()
    })
    this.pending.add(h)
  }

  close(): void {
    this.closed = true
    for (const h of this.pending) clearImmediate(h)
    this.pending.clear()
  }

  rt(apiVersion: string, kind: string): ResourceType {
    const rt = this.registry.byKind(apiVersion, kind)
    if (!rt)
      throw new ApiError(
        404,
        'NotFound',
        `the server could not find the requested resource (${kind} ${apiVersion})`
      )
    return rt
  }

  view(rt: ResourceType, o: KubeObject): KubeObject {
    const c = structuredClone(o)
    c.apiVersion = apiVersionOf(rt)
    c.kind = rt.kind
    return c
  }

  nsFor(rt: ResourceType, ns: string | undefined): string | undefined {
    return rt.namespaced ? ns : undefined
  }

  find(rt: ResourceType, ns: string | undefined, name: string): KubeObject | undefined {
    const o = this.store.peek(groupResource(rt), this.nsFor(rt, ns), name)
    return o ? this.view(rt, o) : undefined
  }

  get(rt: ResourceType, ns: string | undefined, name: string): KubeObject {
    const o = this.find(rt, ns, name)
    if (!o) throw notFound(rt, name)
    return o
  }

  list(
    rt: ResourceType,
    ns: string | undefined,
    label?: Matcher,
    field?: Matcher
  ): { items: KubeObject[]; resourceVersion: string } {
    const items = this.store
      .scan(groupResource(rt), this.nsFor(rt, ns))
      .filter((o) => (!label || label(o)) && (!field || field(o)))
      .map((o) => this.view(rt, o))
    return { items, resourceVersion: String(this.store.resourceVersion) }
  }

  private checkNamespace(rt: ResourceType, ns: string | undefined, creating: boolean): void {
    if (!rt.namespaced) return
    if (!ns)
      throw badRequest('the server could not find the requested resource: a namespace is required')
    const nso = this.store.peek('namespaces', undefined, ns)
    if (!nso) throw namespaceNotFound(ns)
    if (creating && nso.metadata.deletionTimestamp) {
      throw new ApiError(
        403,
        'Forbidden',
        `${rt.resource} "" is forbidden: unable to create new content in namespace ${ns} because it is being terminated`
      )
    }
  }

  private prepare(rt: ResourceType, ns: string | undefined, body: unknown): KubeObject {
    if (!isObject(body)) throw badRequest('the request body must be a JSON or YAML object')
    const o = structuredClone(body) as KubeObject
    if (o.kind !== undefined && o.kind !== rt.kind) {
      throw badRequest(
        `the kind of the object (${String(o.kind)}) does not match the kind of the resource (${rt.kind})`
      )
    }
    o.apiVersion = apiVersionOf(rt)
    o.kind = rt.kind
    if (!isObject(o.metadata)) o.metadata = {}
    delete o.metadata.managedFields
    if (rt.namespaced) {
      if (o.metadata.namespace && ns && o.metadata.namespace !== ns) {
        throw badRequest(
          'the namespace of the provided object does not match the namespace sent on the request'
        )
      }
      o.metadata.namespace = ns ?? o.metadata.namespace
    } else delete o.metadata.namespace
    return o
  }

  create(
    rt: ResourceType,
    ns: string | undefined,
    body: unknown,
    opts: WriteOptions = {}
  ): KubeObject {
    const o = this.prepare(rt, ns, body)
    const nsName = this.nsFor(rt, o.metadata.namespace)
    this.checkNamespace(rt, nsName, true)
    if (!o.metadata.name && o.metadata.generateName)
      o.metadata.name = o.metadata.generateName + randomSuffix()
    const name = o.metadata.name
    if (!name)
      throw invalid(rt, '', 'metadata.name: Required value: name or generateName is required')
    if (this.store.peek(groupResource(rt), nsName, name)) throw alreadyExists(rt, name)
    o.metadata.uid = randomUUID()
    o.metadata.creationTimestamp = now()
    delete o.metadata.deletionTimestamp
    delete o.metadata.resourceVersion
    if (GENERATION_KINDS.has(rt.kind) || rt.crd) o.metadata.generation = 1
    else delete o.metadata.generation
    if (rt.subresources.includes('status')) delete o.status
    applyDefaults(o)
    for (const a of this.admissions) a(rt, o, undefined)
    if (opts.dryRun) return this.view(rt, o)
    return this.view(rt, this.store.put(groupResource(rt), o))
  }

  update(
    rt: ResourceType,
    ns: string | undefined,
    name: string,
    body: unknown,
    opts: WriteOptions = {}
  ): KubeObject {
    const old = this.store.get(groupResource(rt), this.nsFor(rt, ns), name)
    if (!old) throw notFound(rt, name)
    const incoming = this.prepare(rt, ns, body)
    if (incoming.metadata.name && incoming.metadata.name !== name) {
      throw badRequest(
        `the name of the object (${incoming.metadata.name}) does not match the name on the URL (${name})`
      )
    }
    const rv = incoming.metadata.resourceVersion
    if (rv && rv !== old.metadata.resourceVersion) throw conflict(rt, name)
    let next: KubeObject
    if (opts.subresource === 'status') {
      next = structuredClone(old)
      next.status = incoming.status
    } else {
      next = incoming
      if (rt.subresources.includes('status')) {
        if (old.status === undefined) delete next.status
        else next.status = old.status
      }
    }
    return this.commit(rt, old, next, opts)
  }

  private commit(
    rt: ResourceType,
    old: KubeObject,
    next: KubeObject,
    opts: WriteOptions
  ): KubeObject {
    const m = next.metadata
    m.name = old.metadata.name
    m.namespace = old.metadata.namespace
    m.uid = old.metadata.uid
    m.creationTimestamp = old.metadata.creationTimestamp
    if (old.metadata.deletionTimestamp) m.deletionTimestamp = old.metadata.deletionTimestamp
    else delete m.deletionTimestamp
    delete m.managedFields
    m.resourceVersion = old.metadata.resourceVersion
    applyDefaults(next)
    for (const a of this.admissions) a(rt, next, old)
    if (old.metadata.generation !== undefined) {
      m.generation = old.metadata.generation
      if (
        opts.subresource !== 'status' &&
        withoutMetaAndStatus(old) !== withoutMetaAndStatus(next)
      ) {
        m.generation = old.metadata.generation + 1
      }
    }
    if (canonical(old) === canonical(next)) return this.view(rt, old)
    if (opts.dryRun) return this.view(rt, next)
    return this.view(rt, this.store.put(groupResource(rt), next))
  }

  patch(
    rt: ResourceType,
    ns: string | undefined,
    name: string,
    contentType: string,
    raw: string,
    opts: WriteOptions = {}
  ): { object: KubeObject; created: boolean } {
    const type = contentType.split(';')[0]?.trim() ?? ''
    const old = this.store.get(groupResource(rt), this.nsFor(rt, ns), name)
    if (type === 'application/apply-patch+yaml' || type === 'application/apply-patch+json') {
      return this.serverSideApply(rt, ns, name, raw, old, opts)
    }
    if (!old) throw notFound(rt, name)
    let body: unknown
    try {
      body = JSON.parse(raw)
    } catch {
      throw badRequest('the body of the request was not valid JSON')
    }
    let patched: unknown
    const base = this.view(rt, old)
    if (type === 'application/merge-patch+json') patched = jsonMergePatch(base, body)
    else if (type === 'application/json-patch+json') patched = jsonPatch(base, body)
    else if (type === 'application/strategic-merge-patch+json') {
      if (rt.crd) {
        throw new ApiError(
          415,
          'UnsupportedMediaType',
          'strategic merge patch is not supported for custom resources; use --type=merge or --type=json'
        )
      }
      patched = strategicMerge(base, body)
    } else throw unsupportedMediaType(contentType)
    if (!isObject(patched)) throw badRequest('the patch produced something that is not an object')
    const pm = isObject(patched.metadata) ? patched.metadata : {}
    // A patch only carries a precondition when it sets resourceVersion itself.
    const bodyMeta = isObject(body) && isObject(body.metadata) ? body.metadata : {}
    if (!bodyMeta.resourceVersion) pm.resourceVersion = undefined
    return { object: this.update(rt, ns, name, patched, opts), created: false }
  }

  private serverSideApply(
    rt: ResourceType,
    ns: string | undefined,
    name: string,
    raw: string,
    old: KubeObject | undefined,
    opts: WriteOptions
  ): { object: KubeObject; created: boolean } {
    let cfg: unknown
    try {
      cfg = parseYaml(raw)
    } catch (e) {
      throw badRequest(`error decoding YAML: ${(e as Error).message}`)
    }
    if (!isObject(cfg)) throw badRequest('apply configuration must be an object')
    const manager = opts.fieldManager
    if (!manager)
      throw badRequest('PATCH request with apply content type requires a non-empty fieldManager')
    const meta = isObject(cfg.metadata) ? cfg.metadata : {}
    if (meta.name && meta.name !== name)
      throw badRequest(
        `the name of the object (${String(meta.name)}) does not match the name on the URL (${name})`
      )
    if (!cfg.apiVersion || !cfg.kind)
      throw badRequest('apiVersion and kind must be set in an apply configuration')
    const builtin = !rt.crd
    if (opts.subresource === 'status') {
      if (!old) throw notFound(rt, name)
      const merged = this.applies.apply(old.metadata.uid, old, cfg, `${manager}/status`, builtin)
      const obj = this.update(rt, ns, name, { ...old, status: merged.status }, opts)
      return { object: obj, created: false }
    }
    const next = this.applies.apply(old?.metadata.uid, old, cfg, manager, builtin) as KubeObject
    if (isObject(next.metadata)) next.metadata.name = name
    let obj: KubeObject
    let created = false
    if (!old) {
      obj = this.create(rt, ns, next, opts)
      created = true
    } else {
      if (rt.subresources.includes('status')) next.status = old.status
      if (isObject(next.metadata)) delete next.metadata.resourceVersion
      obj = this.commit(rt, old, next as KubeObject, opts)
    }
    if (!opts.dryRun && obj.metadata.uid) this.applies.record(obj.metadata.uid, manager, cfg)
    return { object: obj, created }
  }

  delete(
    rt: ResourceType,
    ns: string | undefined,
    name: string,
    opts: DeleteOptions = {}
  ): KubeObject {
    return deleteObject(this, rt, this.nsFor(rt, ns), name, opts)
  }
}

// What every lab controller shares: a clock whose modelled durations are multiplied by the time
// scale, deduplicating work queues that run on the next turn of the event loop (so controllers
// never re-enter the store while it is fanning out an event), and small object helpers.
import { canonical, now, type KubeApi } from '../api'
import { groupResource } from '../resources'
import { ApiError } from '../status'
import type {
  Condition,
  Dict,
  KubeFaults,
  KubeObject,
  OwnerReference,
  ResourceType
} from '../types'
import type { EventRecorder } from './events'
import type { PodLogs } from './logs'

export class Clock {
  private readonly timers = new Set<NodeJS.Timeout>()
  private stopped = false

  constructor(readonly timeScale: number) {}

  /** Runs fn after a modelled duration (scaled). */
  after(modelMs: number, fn: () => void): NodeJS.Timeout | undefined {
    return this.afterReal(Math.max(0, modelMs / this.timeScale), fn)
  }

  afterReal(ms: number, fn: () => void): NodeJS.Timeout | undefined {
    if (this.stopped) return undefined
    const t = setTimeout(() => {
      this.timers.delete(t)
      if (!this.stopped) fn()
    }, ms)
    t.unref()
    this.timers.add(t)
    return t
  }

  cancel(t: NodeJS.Timeout | undefined): void {
    if (!t) return
    clearTimeout(t)
    this.timers.delete(t)
  }

  stop(): void {
    this.stopped = true
    for (const t of this.timers) clearTimeout(t)
    this.timers.clear()
  }
}

export class WorkQueue {
  private readonly keys = new Set<string>()
  private scheduled: NodeJS.Immediate | undefined
  private stopped = false

  constructor(
    private readonly name: string,
    private readonly handle: (key: string) => void
  ) {}

  add(key: string): void {
    if (this.stopped) return
    this.keys.add(key)
    this.scheduled ??= setImmediate(() => this.drain())
  }

  private drain(): void {
    this.scheduled = undefined
    const batch = [...this.keys]
    this.keys.clear()
    for (const k of batch) {
      try {
        this.handle(k)
      } catch (e) {
        // Conflicts and vanished objects resolve on the next event; anything else is a lab bug
        // worth seeing in test output, but it must not stop the other keys.
        if (!(e instanceof ApiError))
          console.error(`lab kube controller ${this.name} failed on ${k}:`, e)
      }
    }
  }

  stop(): void {
    this.stopped = true
    if (this.scheduled) clearImmediate(this.scheduled)
    this.scheduled = undefined
  }
}

export interface ControllerContext {
  api: KubeApi
  clock: Clock
  events: EventRecorder
  logs: PodLogs
  faults: KubeFaults
  readyDelayMs: number
  nodeReadyDelayMs: number
  caPem: string
  /** Queues a pod for the scheduler/kubelet. */
  enqueuePod(ns: string, name: string): void
}

export function key(o: KubeObject): string {
  return `${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`
}

export function splitKey(k: string): [string | undefined, string] {
  const i = k.indexOf('/')
  const ns = k.slice(0, i)
  return [ns === '' ? undefined : ns, k.slice(i + 1)]
}

export function controllerOf(o: KubeObject): OwnerReference | undefined {
  return (o.metadata.ownerReferences ?? []).find((r) => r.controller === true)
}

export function ownerRef(owner: KubeObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name ?? '',
    uid: owner.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true
  }
}

/** Stored objects of a resource controlled by the given owner. */
export function owned(api: KubeApi, rt: ResourceType, owner: KubeObject): KubeObject[] {
  return api.store
    .scan(groupResource(rt), owner.metadata.namespace)
    .filter((o) => controllerOf(o)?.uid === owner.metadata.uid)
}

export function conditions(o: KubeObject): Condition[] {
  const st = o.status as Dict | undefined
  return (st?.conditions as Condition[] | undefined) ?? []
}

export function isTrue(o: KubeObject, type: string): boolean {
  return conditions(o).some((c) => c.type === type && c.status === 'True')
}

/** Sets a condition, keeping lastTransitionTime when the status does not change. */
export function setCondition(
  list: Condition[],
  c: Condition,
  opts: { updateTime?: boolean } = {}
): Condition[] {
  const t = now()
  const prev = list.find((x) => x.type === c.type)
  const same =
    prev && prev.status === c.status && prev.reason === c.reason && prev.message === c.message
  const next: Condition = { ...c }
  next.lastTransitionTime = prev && prev.status === c.status ? (prev.lastTransitionTime ?? t) : t
  if (opts.updateTime) next.lastUpdateTime = same ? (prev.lastUpdateTime ?? t) : t
  if (same && !opts.updateTime && prev.lastProbeTime !== undefined)
    next.lastProbeTime = prev.lastProbeTime
  const out = list.filter((x) => x.type !== c.type)
  out.push(next)
  const order = list.map((x) => x.type)
  return out.sort((a, b) => {
    const ia = order.indexOf(a.type)
    const ib = order.indexOf(b.type)
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib)
  })
}

/** Writes status through the status subresource, only when it changed. */
export function writeStatus(
  api: KubeApi,
  rt: ResourceType,
  o: KubeObject,
  status: Dict
): KubeObject | undefined {
  if (canonical(o.status ?? {}) === canonical(status)) return undefined
  const current = api.store.peek(groupResource(rt), o.metadata.namespace, o.metadata.name ?? '')
  if (!current || current.metadata.uid !== o.metadata.uid) return undefined
  try {
    return api.update(
      rt,
      o.metadata.namespace,
      o.metadata.name ?? '',
      { ...current, status },
      { subresource: 'status' }
    )
  } catch (e) {
    if (e instanceof ApiError) return undefined
    throw e
  }
}

export function podReady(p: KubeObject): boolean {
  return isTrue(p, 'Ready')
}

export function podPhase(p: KubeObject): string {
  return String((p.status as Dict | undefined)?.phase ?? 'Pending')
}

export function randomSuffix(n = 5): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789'
  let s = ''
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(Math.random() * alphabet.length)]
  return s
}

/** Stable short hash of a pod template (pod-template-hash / controller-revision-hash). */
export function templateHash(template: unknown): string {
  const text = canonical(template)
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789'
  let s = ''
  let x = h
  for (let i = 0; i < 10; i++) {
    s += alphabet[x % alphabet.length]
    x = Math.floor(x / alphabet.length) + (i + 1) * 7919
  }
  return s
}

/** Resolves an int-or-percent (maxUnavailable) against a replica count. */
export function intOrPercent(v: unknown, total: number, roundUp: boolean): number {
  if (typeof v === 'number') return v
  const m = /^(\d+)%$/.exec(String(v ?? ''))
  if (!m) return Number(v ?? 0) || 0
  const x = (Number(m[1]) * total) / 100
  return roundUp ? Math.ceil(x) : Math.floor(x)
}

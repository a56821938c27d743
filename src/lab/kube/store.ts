// Object storage with one global resourceVersion counter (like etcd's revision), a bounded event
// history so a watch can resume from the resourceVersion of an earlier list, and synchronous
// fan-out to watchers and controllers.
import type { KubeObject } from './types'

export type EventType = 'ADDED' | 'MODIFIED' | 'DELETED'

export interface StoreEvent {
  type: EventType
  /** Storage key of the resource, e.g. `deployments.apps`. */
  gr: string
  rv: number
  object: KubeObject
}

const HISTORY = 20_000

function key(ns: string | undefined, name: string): string {
  return `${ns ?? ''}/${name}`
}

export class Store {
  private rv = 1000
  private readonly data = new Map<string, Map<string, KubeObject>>()
  private history: StoreEvent[] = []
  private readonly listeners = new Set<(e: StoreEvent) => void>()

  get resourceVersion(): number {
    return this.rv
  }

  /** Returns the stored object itself; callers must not mutate it. */
  peek(gr: string, ns: string | undefined, name: string): KubeObject | undefined {
    return this.data.get(gr)?.get(key(ns, name))
  }

  get(gr: string, ns: string | undefined, name: string): KubeObject | undefined {
    const o = this.peek(gr, ns, name)
    return o ? structuredClone(o) : undefined
  }

  /** Stored objects (not copies) of one resource, optionally one namespace, sorted by ns/name. */
  scan(gr: string, ns?: string): KubeObject[] {
    const m = this.data.get(gr)
    if (!m) return []
    const out: KubeObject[] = []
    for (const o of m.values()) if (ns === undefined || o.metadata.namespace === ns) out.push(o)
    return out.sort((a, b) =>
      key(a.metadata.namespace, a.metadata.name ?? '').localeCompare(
        key(b.metadata.namespace, b.metadata.name ?? '')
      )
    )
  }

  resources(): string[] {
    return [...this.data.keys()]
  }

  /** Stores a new version of an object (assigning its resourceVersion) and emits the event. */
  put(gr: string, obj: KubeObject): KubeObject {
    let m = this.data.get(gr)
    if (!m) {
      m = new Map()
      this.data.set(gr, m)
    }
    const k = key(obj.metadata.namespace, obj.metadata.name ?? '')
    const type: EventType = m.has(k) ? 'MODIFIED' : 'ADDED'
    const rv = ++this.rv
    obj.metadata.resourceVersion = String(rv)
    m.set(k, obj)
    this.emit({ type, gr, rv, object: obj })
    return structuredClone(obj)
  }

  remove(gr: string, ns: string | undefined, name: string): KubeObject | undefined {
    const m = this.data.get(gr)
    const k = key(ns, name)
    const old = m?.get(k)
    if (!m || !old) return undefined
    m.delete(k)
    const rv = ++this.rv
    const gone = { ...old, metadata: { ...old.metadata, resourceVersion: String(rv) } }
    this.emit({ type: 'DELETED', gr, rv, object: gone })
    return structuredClone(gone)
  }

  /** Events of one resource after `rv`, or undefined when the history no longer reaches back. */
  eventsSince(gr: string, rv: number): StoreEvent[] | undefined {
    const first = this.history[0]
    if (first && rv < first.rv - 1 && this.history.length >= HISTORY) return undefined
    return this.history.filter((e) => e.gr === gr && e.rv > rv)
  }

  subscribe(fn: (e: StoreEvent) => void): () => void {
    this.listeners.add(fn)
    return () => this.listeners.delete(fn)
  }

  private emit(e: StoreEvent): void {
    this.history.push(e)
    if (this.history.length > HISTORY * 1.25) this.history = this.history.slice(-HISTORY)
    for (const fn of [...this.listeners]) {
      try {
        fn(e)
      } catch {
        // A broken watcher must not stop the others.
      }
    }
  }
}

// Watch streams: newline-delimited JSON events. Supports resuming from a list's resourceVersion
// (replaying the history), the watch-list protocol client-go 1.35 uses by default
// (sendInitialEvents + the initial-events-end bookmark), selectors that make objects enter and leave
// the watched set, and Table or metadata-only event objects.
import type { ServerResponse } from 'node:http'
import type { KubeApi } from './api'
import { apiVersionOf, groupResource } from './resources'
import type { Matcher } from './selectors'
import type { EventType, StoreEvent } from './store'
import { partialMetadata, toTable, type IncludeObject } from './tables'
import type { Dict, KubeObject, ResourceType } from './types'

export interface WatchParams {
  rt: ResourceType
  ns: string | undefined
  label: Matcher
  field: Matcher
  resourceVersion: string | undefined
  sendInitialEvents: boolean
  allowBookmarks: boolean
  timeoutSeconds: number | undefined
  representation: 'json' | 'table' | 'partial'
  include: IncludeObject
  tableApiVersion: string
}

export function serveWatch(
  api: KubeApi,
  res: ServerResponse,
  p: WatchParams,
  onClose: (fn: () => void) => void
): void {
  const gr = groupResource(p.rt)
  const apiVersion = apiVersionOf(p.rt)
  const visible = new Set<string>()
  let lastRv = 0
  let ended = false

  res.writeHead(200, {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-cache, private',
    'Transfer-Encoding': 'chunked'
  })
  res.socket?.setNoDelay(true)

  const encode = (o: KubeObject): unknown => {
    const c = { ...o, apiVersion, kind: p.rt.kind }
    if (p.representation === 'partial') return partialMetadata(c)
    if (p.representation === 'table') {
      const t = toTable(p.rt, [c], c.metadata.resourceVersion ?? '', p.include) as Dict
      t.apiVersion = p.tableApiVersion
      return t
    }
    return c
  }
  const send = (type: EventType | 'BOOKMARK' | 'ERROR', object: unknown): void => {
    if (!ended) res.write(JSON.stringify({ type, object }) + '\n')
  }
  const inScope = (o: KubeObject): boolean => p.ns === undefined || o.metadata.namespace === p.ns
  const matches = (o: KubeObject): boolean => inScope(o) && p.label(o) && p.field(o)
  const id = (o: KubeObject): string => `${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`

  const deliver = (e: StoreEvent): void => {
    if (e.gr !== gr || e.rv <= lastRv) return
    lastRv = e.rv
    const o = e.object
    if (!inScope(o)) return
    const k = id(o)
    if (e.type === 'DELETED') {
      if (visible.delete(k) || matches(o)) send('DELETED', encode(o))
      return
    }
    const now = matches(o)
    if (now && visible.has(k)) send('MODIFIED', encode(o))
    else if (now) {
      visible.add(k)
      send('ADDED', encode(o))
    } else if (visible.delete(k)) send('DELETED', encode(o))
  }

  // Buffer live events while the initial state is written so nothing is lost or duplicated.
  const buffered: StoreEvent[] = []
  let replaying = true
  const unsubscribe = api.store.subscribe((e) => {
    if (replaying) buffered.push(e)
    else deliver(e)
  })

  const rv = p.resourceVersion
  const initialSnapshot = p.sendInitialEvents || rv === undefined || rv === '' || rv === '0'
  lastRv = api.store.resourceVersion
  if (initialSnapshot) {
    for (const o of api.store.scan(gr, p.rt.namespaced ? p.ns : undefined)) {
      if (!matches(o)) continue
      visible.add(id(o))
      send('ADDED', encode(o))
    }
    if (p.sendInitialEvents && p.allowBookmarks) {
      send('BOOKMARK', {
        kind: p.rt.kind,
        apiVersion,
        metadata: {
          resourceVersion: String(lastRv),
          annotations: { 'k8s.io/initial-events-end': 'true' }
        }
      })
    }
  } else {
    const history = api.store.eventsSince(gr, Number(rv))
    if (!history) {
      send('ERROR', {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: `too old resource version: ${rv} (${api.store.resourceVersion})`,
        reason: 'Expired',
        code: 410
      })
      finish()
      return
    }
    // Objects changed since rv were (most likely) visible to the client if they match now.
    lastRv = Number(rv)
    for (const e of history) {
      if (e.type !== 'ADDED' && matches(e.object)) visible.add(id(e.object))
      deliver(e)
    }
  }
  replaying = false
  for (const e of buffered) deliver(e)

  const timer =
    p.timeoutSeconds && p.timeoutSeconds > 0
      ? setTimeout(finish, p.timeoutSeconds * 1000)
      : undefined
  timer?.unref()
  res.on('close', finish)
  onClose(finish)

  function finish(): void {
    if (ended) return
    ended = true
    unsubscribe()
    if (timer) clearTimeout(timer)
    res.end()
  }
}

// Deletion semantics: preconditions, the garbage collector (dependents deleted in the background,
// at once for Foreground, or orphaned), CRD removal taking its objects along, and namespace
// termination (Terminating first, content and namespace removed on the next turn).
// Finalizers are not honoured: objects go at once.
import type { ApplyTracker } from './apply'
import { now } from './clock'
import { groupResource, type Registry } from './resources'
import type { Store } from './store'
import { conflict, notFound } from './status'
import type { Dict, KubeObject, ResourceType } from './types'

export interface DeleteOptions {
  dryRun?: boolean
  propagationPolicy?: string
  preconditions?: { uid?: string; resourceVersion?: string }
}

/** What deletion needs of the API server (KubeApi provides it). */
export interface DeletionHost {
  readonly store: Store
  readonly registry: Registry
  readonly applies: ApplyTracker
  view(rt: ResourceType, o: KubeObject): KubeObject
  later(fn: () => void): void
}

export function deleteObject(
  api: DeletionHost,
  rt: ResourceType,
  ns: string | undefined,
  name: string,
  opts: DeleteOptions
): KubeObject {
  const gr = groupResource(rt)
  const old = api.store.get(gr, ns, name)
  if (!old) throw notFound(rt, name)
  const pre = opts.preconditions
  if (pre?.uid && pre.uid !== old.metadata.uid) throw conflict(rt, name)
  if (pre?.resourceVersion && pre.resourceVersion !== old.metadata.resourceVersion)
    throw conflict(rt, name)
  if (opts.dryRun) return api.view(rt, old)
  if (rt.kind === 'Namespace' && rt.group === '') return terminateNamespace(api, rt, old)
  const gone = api.store.remove(gr, ns, name) ?? old
  afterDelete(api, gone, opts.propagationPolicy)
  return api.view(rt, gone)
}

function afterDelete(api: DeletionHost, gone: KubeObject, policy: string | undefined): void {
  const uid = gone.metadata.uid
  if (uid) api.applies.forget(uid)
  if (gone.kind === 'CustomResourceDefinition') {
    const spec = (gone.spec ?? {}) as Dict
    const names = (spec.names ?? {}) as Dict
    const gr = `${String(names.plural)}.${String(spec.group)}`
    api.registry.unregisterCrd(String(gone.metadata.name))
    for (const o of api.store.scan(gr))
      api.store.remove(gr, o.metadata.namespace, o.metadata.name ?? '')
  }
  if (!uid) return
  const collect = (): void => collectDependents(api, uid, policy === 'Orphan')
  if (policy === 'Foreground') collect()
  else api.later(collect)
}

/** Garbage collector: dependents of a deleted owner are deleted (or orphaned). */
function collectDependents(api: DeletionHost, ownerUid: string, orphan: boolean): void {
  for (const gr of api.store.resources()) {
    for (const o of api.store.scan(gr)) {
      const refs = o.metadata.ownerReferences ?? []
      if (!refs.some((r) => r.uid === ownerUid)) continue
      const rest = refs.filter((r) => r.uid !== ownerUid)
      if (orphan || rest.length > 0) {
        const c = structuredClone(o)
        if (rest.length > 0) c.metadata.ownerReferences = rest
        else delete c.metadata.ownerReferences
        api.store.put(gr, c)
        continue
      }
      const gone = api.store.remove(gr, o.metadata.namespace, o.metadata.name ?? '')
      if (gone) afterDelete(api, gone, 'Background')
    }
  }
}

function terminateNamespace(api: DeletionHost, rt: ResourceType, ns: KubeObject): KubeObject {
  const name = ns.metadata.name ?? ''
  if (!ns.metadata.deletionTimestamp) {
    ns.metadata.deletionTimestamp = now()
    ns.status = { ...((ns.status ?? {}) as Dict), phase: 'Terminating' }
    api.store.put('namespaces', ns)
  }
  api.later(() => {
    for (const t of api.registry.all()) {
      if (!t.namespaced) continue
      const gr = groupResource(t)
      for (const o of api.store.scan(gr, name)) {
        const gone = api.store.remove(gr, name, o.metadata.name ?? '')
        if (gone?.metadata.uid) api.applies.forget(gone.metadata.uid)
      }
    }
    api.store.remove('namespaces', undefined, name)
  })
  return api.view(rt, api.store.get('namespaces', undefined, name) ?? ns)
}

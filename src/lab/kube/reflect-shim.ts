// @peculiar/x509 pulls in tsyringe, which refuses to load without the Reflect metadata API. This
// is the small subset it uses (the reflect-metadata package is not a dependency here). Import this
// module before @peculiar/x509.
type Key = unknown
const store = new WeakMap<object, Map<string | symbol | undefined, Map<Key, unknown>>>()

function table(
  target: object,
  prop: string | symbol | undefined,
  create: boolean
): Map<Key, unknown> | undefined {
  let byProp = store.get(target)
  if (!byProp) {
    if (!create) return undefined
    byProp = new Map()
    store.set(target, byProp)
  }
  let t = byProp.get(prop)
  if (!t && create) {
    t = new Map()
    byProp.set(prop, t)
  }
  return t
}

const api = {
  defineMetadata(key: Key, value: unknown, target: object, prop?: string | symbol): void {
    table(target, prop, true)?.set(key, value)
  },
  getOwnMetadata(key: Key, target: object, prop?: string | symbol): unknown {
    return table(target, prop, false)?.get(key)
  },
  getMetadata(key: Key, target: object, prop?: string | symbol): unknown {
    for (let t: object | null = target; t; t = Object.getPrototypeOf(t) as object | null) {
      const m = table(t, prop, false)
      if (m?.has(key)) return m.get(key)
    }
    return undefined
  },
  hasMetadata(key: Key, target: object, prop?: string | symbol): boolean {
    return api.getMetadata(key, target, prop) !== undefined
  },
  metadata(key: Key, value: unknown) {
    return (target: object, prop?: string | symbol): void =>
      api.defineMetadata(key, value, target, prop)
  }
}

const R = Reflect as unknown as Record<string, unknown>
if (typeof R.getMetadata !== 'function') {
  for (const [k, v] of Object.entries(api)) R[k] = v
}

export {}

// @peculiar/x509 pulls in tsyringe, which refuses to load without the Reflect metadata API
// (reflect-metadata is not a dependency). This installs the small subset it uses; src/lab/x509.ts
// imports it before loading @peculiar/x509.
type Meta = Map<unknown, unknown>
const store = new WeakMap<object, Map<string | symbol | undefined, Meta>>()

function table(
  target: object,
  prop: string | symbol | undefined,
  create: boolean
): Meta | undefined {
  let byProp = store.get(target)
  if (!byProp && create) store.set(target, (byProp = new Map()))
  let meta = byProp?.get(prop)
  if (!meta && create && byProp) byProp.set(prop, (meta = new Map()))
  return meta
}

const api = {
  defineMetadata(key: unknown, value: unknown, target: object, prop?: string | symbol): void {
    table(target, prop, true)?.set(key, value)
  },
  getOwnMetadata(key: unknown, target: object, prop?: string | symbol): unknown {
    return table(target, prop, false)?.get(key)
  },
  getMetadata(key: unknown, target: object, prop?: string | symbol): unknown {
    for (let t: object | null = target; t; t = Object.getPrototypeOf(t) as object | null) {
      const meta = table(t, prop, false)
      if (meta?.has(key)) return meta.get(key)
    }
    return undefined
  },
  hasMetadata(key: unknown, target: object, prop?: string | symbol): boolean {
    return api.getMetadata(key, target, prop) !== undefined
  },
  metadata(key: unknown, value: unknown) {
    return (target: object, prop?: string | symbol): void =>
      api.defineMetadata(key, value, target, prop)
  }
}

const R = Reflect as unknown as Record<string, unknown>
if (typeof R.getMetadata !== 'function') {
  for (const [name, fn] of Object.entries(api)) R[name] = fn
}

export {}

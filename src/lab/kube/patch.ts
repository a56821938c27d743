// The three classic patch formats: JSON merge patch (RFC 7386), JSON patch (RFC 6902) and
// Kubernetes strategic merge patch, with the merge keys of the built-in types kubectl's
// client-side apply and `kubectl patch --type strategic` rely on.
import { badRequest } from './status'
import type { Dict } from './types'

export function isObject(v: unknown): v is Dict {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
}

export function jsonMergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return structuredClone(patch)
  const out: Dict = isObject(target) ? { ...target } : {}
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k]
    else out[k] = jsonMergePatch(out[k], v)
  }
  return out
}

function unescapePointer(seg: string): string {
  return seg.replace(/~1/g, '/').replace(/~0/g, '~')
}

function parsePointer(p: string): string[] {
  if (p === '') return []
  if (!p.startsWith('/')) throw badRequest(`invalid JSON pointer "${p}"`)
  return p.slice(1).split('/').map(unescapePointer)
}

function walk(doc: unknown, path: string[]): { parent: unknown; key: string } {
  let cur = doc
  for (const seg of path.slice(0, -1)) {
    if (Array.isArray(cur)) cur = cur[Number(seg)]
    else if (isObject(cur)) cur = cur[seg]
    else cur = undefined
    if (cur === undefined)
      throw badRequest(
        `the server rejected our request due to an error in our request: path ${path.join('/')} does not exist`
      )
  }
  return { parent: cur, key: path[path.length - 1] ?? '' }
}

function getAt(doc: unknown, path: string[]): unknown {
  let cur = doc
  for (const seg of path) {
    if (Array.isArray(cur)) cur = cur[Number(seg)]
    else if (isObject(cur)) cur = cur[seg]
    else return undefined
  }
  return cur
}

function removeAt(doc: unknown, path: string[]): unknown {
  const { parent, key } = walk(doc, path)
  if (Array.isArray(parent)) {
    const i = Number(key)
    if (!(i >= 0 && i < parent.length))
      throw badRequest(`unable to remove nonexistent index ${key}`)
    return parent.splice(i, 1)[0]
  }
  if (isObject(parent) && key in parent) {
    const v = parent[key]
    delete parent[key]
    return v
  }
  throw badRequest(`unable to remove nonexistent key: ${key}: missing value`)
}

function addAt(doc: unknown, path: string[], value: unknown, replace: boolean): unknown {
  if (path.length === 0) return value
  const { parent, key } = walk(doc, path)
  if (Array.isArray(parent)) {
    const i = key === '-' ? parent.length : Number(key)
    if (!(i >= 0 && i <= parent.length)) throw badRequest(`index ${key} out of bounds`)
    if (replace) parent[i] = value
    else parent.splice(i, 0, value)
  } else if (isObject(parent)) {
    if (replace && !(key in parent))
      throw badRequest(
        `replace operation does not apply: doc is missing key: /${path.join('/')}: missing value`
      )
    parent[key] = value
  } else throw badRequest(`doc is missing path: /${path.join('/')}: missing value`)
  return doc
}

export function jsonPatch(target: unknown, ops: unknown): unknown {
  if (!Array.isArray(ops)) throw badRequest('json patch must be an array of operations')
  let doc = structuredClone(target)
  for (const raw of ops) {
    if (!isObject(raw)) throw badRequest('invalid json patch operation')
    const op = String(raw.op)
    const path = parsePointer(String(raw.path ?? ''))
    switch (op) {
      case 'add':
        doc = addAt(doc, path, structuredClone(raw.value), false)
        break
      case 'replace':
        doc = addAt(doc, path, structuredClone(raw.value), true)
        break
      case 'remove':
        removeAt(doc, path)
        break
      case 'move': {
        const v = removeAt(doc, parsePointer(String(raw.from)))
        doc = addAt(doc, path, v, false)
        break
      }
      case 'copy':
        doc = addAt(doc, path, structuredClone(getAt(doc, parsePointer(String(raw.from)))), false)
        break
      case 'test':
        if (JSON.stringify(getAt(doc, path)) !== JSON.stringify(raw.value)) {
          throw badRequest(`testing value /${path.join('/')} failed: test failed`)
        }
        break
      default:
        throw badRequest(`Unexpected kind: ${op}`)
    }
  }
  return doc
}

/** Merge keys of built-in list fields (patchMergeKey in the Go types), by field name. */
export function mergeKeyFor(field: string, items: unknown[]): string | undefined {
  switch (field) {
    case 'containers':
    case 'initContainers':
    case 'ephemeralContainers':
    case 'env':
    case 'volumes':
    case 'imagePullSecrets':
    case 'resourceClaims':
    case 'schedulingGates':
      return 'name'
    case 'volumeMounts':
      return 'mountPath'
    case 'volumeDevices':
      return 'devicePath'
    case 'conditions':
      return 'type'
    case 'ownerReferences':
      return 'uid'
    case 'hostAliases':
      return 'ip'
    case 'topologySpreadConstraints':
      return 'topologyKey'
    case 'ports':
      // Container ports merge on containerPort, Service ports on port.
      return items.some((i) => isObject(i) && 'containerPort' in i) ? 'containerPort' : 'port'
    default:
      return undefined
  }
}

const PRIMITIVE_MERGE = new Set(['finalizers'])

function sameKey(a: unknown, b: unknown, key: string): boolean {
  return (
    isObject(a) &&
    isObject(b) &&
    a[key] !== undefined &&
    JSON.stringify(a[key]) === JSON.stringify(b[key])
  )
}

function strategicList(
  field: string,
  target: unknown,
  patch: unknown[],
  order?: unknown[]
): unknown[] {
  const current = Array.isArray(target) ? target : []
  if (patch.some((p) => isObject(p) && p.$patch === 'replace')) {
    return patch.filter((p) => !(isObject(p) && p.$patch === 'replace')).map(stripDirectives)
  }
  if (PRIMITIVE_MERGE.has(field)) {
    const out = [...current]
    for (const v of patch) if (!out.includes(v)) out.push(v)
    return out
  }
  const key = mergeKeyFor(field, [...current, ...patch])
  if (!key || patch.some((p) => !isObject(p))) return patch.map(stripDirectives)
  const out = current.map((c) => structuredClone(c))
  for (const p of patch) {
    const idx = out.findIndex((c) => sameKey(c, p, key))
    if (isObject(p) && p.$patch === 'delete') {
      if (idx >= 0) out.splice(idx, 1)
      continue
    }
    if (idx >= 0) out[idx] = strategicMerge(out[idx], p)
    else out.push(stripDirectives(p))
  }
  if (order && order.length > 0) {
    const rank = (v: unknown): number => {
      const i = order.findIndex((o) => sameKey(o, v, key))
      return i < 0 ? order.length : i
    }
    out.sort((a, b) => rank(a) - rank(b))
  }
  return out
}

function stripDirectives(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(stripDirectives)
  if (!isObject(v)) return v
  const out: Dict = {}
  for (const [k, x] of Object.entries(v)) if (!k.startsWith('$')) out[k] = stripDirectives(x)
  return out
}

export function strategicMerge(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return structuredClone(patch)
  if (patch.$patch === 'replace') return stripDirectives(patch)
  if (patch.$patch === 'delete') return undefined
  const out: Dict = isObject(target) ? { ...target } : {}
  const retain = patch.$retainKeys
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith('$')) {
      const dm = /^\$deleteFromPrimitiveList\/(.+)$/.exec(k)
      if (dm && Array.isArray(v)) {
        const f = dm[1] ?? ''
        if (Array.isArray(out[f])) out[f] = (out[f] as unknown[]).filter((x) => !v.includes(x))
      }
      continue
    }
    if (v === null) {
      delete out[k]
      continue
    }
    if (Array.isArray(v)) {
      out[k] = strategicList(k, out[k], v, patch[`$setElementOrder/${k}`] as unknown[] | undefined)
    } else if (isObject(v)) {
      const merged = strategicMerge(out[k], v)
      if (merged === undefined) delete out[k]
      else out[k] = merged
    } else out[k] = v
  }
  if (Array.isArray(retain)) {
    for (const k of Object.keys(out)) if (!retain.includes(k)) delete out[k]
  }
  return out
}

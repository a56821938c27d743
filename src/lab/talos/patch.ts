/**
 * Talos config patches (configpatcher): strategic merge of YAML documents, possibly multi-document
 * (`HostnameConfig`, `UserVolumeConfig` … are matched by kind and name, else appended), or a JSON6902
 * list applied to the v1alpha1 document.
 */
import { parseAllDocuments } from 'yaml'
import { parseDocs, yamlOut, type Doc } from './machine-config'

const isMap = (v: unknown): v is Doc => !!v && typeof v === 'object' && !Array.isArray(v)

function mergeValue(base: unknown, patch: unknown): unknown {
  if (isMap(patch) && patch.$patch === 'delete') return undefined
  if (isMap(base) && isMap(patch)) {
    const out: Doc = { ...base }
    for (const [k, v] of Object.entries(patch)) {
      if (k === '$patch') continue
      const merged = mergeValue(out[k], v)
      if (merged === undefined) delete out[k]
      else out[k] = merged
    }
    return out
  }
  // configpatcher appends lists (ports, SANs, mounts), it does not replace them.
  if (Array.isArray(base) && Array.isArray(patch)) return [...base, ...patch]
  return patch
}

const docKey = (d: Doc): string =>
  d.kind ? `${String(d.kind)}/${String(d.name ?? '')}` : 'v1alpha1'

function pointer(path: string): string[] {
  if (!path.startsWith('/')) throw new Error(`invalid JSON pointer "${path}"`)
  return path
    .slice(1)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
}

interface JsonOp {
  op: string
  path: string
  value?: unknown
}

function applyJson6902(doc: Doc, ops: JsonOp[]): Doc {
  const root = structuredClone(doc)
  for (const op of ops) {
    const parts = pointer(op.path)
    const last = parts.pop() as string
    let parent: unknown = root
    for (const p of parts) {
      const next: unknown = Array.isArray(parent) ? parent[Number(p)] : (parent as Doc)[p]
      if (next === undefined) {
        if (op.op !== 'add') throw new Error(`error applying patch: missing path "${op.path}"`)
        ;(parent as Doc)[p] = {}
      }
      parent = Array.isArray(parent) ? parent[Number(p)] : (parent as Doc)[p]
    }
    if (op.op !== 'remove' && op.op !== 'add' && op.op !== 'replace')
      throw new Error(`error applying patch: unsupported operation "${op.op}"`)
    if (Array.isArray(parent)) {
      const list = parent as unknown[]
      if (op.op === 'remove') list.splice(Number(last), 1)
      else if (last === '-') list.push(op.value)
      else if (op.op === 'add') list.splice(Number(last), 0, op.value)
      else list[Number(last)] = op.value
    } else {
      const map = parent as Doc
      if (op.op === 'remove') {
        if (!(last in map)) throw new Error(`error applying patch: missing path "${op.path}"`)
        delete map[last]
      } else map[last] = op.value
    }
  }
  return root
}

/** Applies patch texts (the contents of `@file` arguments, or inline YAML/JSON) to a config. */
export function applyPatches(configText: string, patches: string[]): string {
  let docs = parseDocs(configText)
  for (const patchText of patches) {
    const all = parseAllDocuments(patchText)
    const asList = Array.isArray(all) && all.length === 1 ? (all[0]?.toJS() as unknown) : undefined
    if (Array.isArray(asList)) {
      const i = docs.findIndex((d) => docKey(d) === 'v1alpha1')
      if (i < 0)
        throw new Error(
          'JSON6902 patches are not supported for multi-document machine configuration'
        )
      docs[i] = applyJson6902(docs[i] as Doc, asList as JsonOp[])
      continue
    }
    for (const patch of parseDocs(patchText)) {
      // A patch without version/kind is a v1alpha1 fragment.
      const key = docKey(patch)
      const i = docs.findIndex((d) => docKey(d) === key)
      if (patch.$patch === 'delete') {
        if (i >= 0) docs = docs.filter((_, j) => j !== i)
        continue
      }
      if (i >= 0) docs[i] = mergeValue(docs[i], patch) as Doc
      else docs.push(patch)
    }
  }
  return docs.map((d) => yamlOut(d)).join('---\n')
}

// Server-side apply, simplified: each field manager's last applied configuration is remembered per
// object; a new apply merges the new configuration into the live object and removes the fields that
// manager applied before, no longer applies, and no other applier claims. That is what makes a
// `helm upgrade` that drops a value, or a re-applied manifest without a label, remove it.
// Not modelled: conflicts between managers (applies always win, as with --force-conflicts) and
// the managedFields bookkeeping of non-apply writers.
import { isObject, mergeKeyFor } from './patch'
import type { Dict } from './types'

type Keyed = { key?: string; set?: boolean }

function listKind(field: string, items: unknown[], builtin: boolean): Keyed {
  if (!builtin) return {}
  if (field === 'finalizers') return { set: true }
  const key = mergeKeyFor(field, items)
  return key && items.every(isObject) ? { key } : {}
}

function itemId(item: unknown, key: string): string {
  return isObject(item) ? JSON.stringify(item[key] ?? null) : JSON.stringify(item)
}

/** Deep merge of an applied configuration into a live value. */
function merge(live: unknown, applied: unknown, field: string, builtin: boolean): unknown {
  if (isObject(applied)) {
    const out: Dict = isObject(live) ? { ...live } : {}
    for (const [k, v] of Object.entries(applied)) {
      if (v === null) delete out[k]
      else out[k] = merge(out[k], v, k, builtin)
    }
    return out
  }
  if (Array.isArray(applied) && Array.isArray(live)) {
    const kind = listKind(field, [...live, ...applied], builtin)
    if (kind.set) return [...live, ...applied.filter((v) => !live.includes(v))]
    if (kind.key) {
      const key = kind.key
      const out = live.map((x) => x as unknown)
      const appliedIds = applied.map((a) => itemId(a, key))
      for (const a of applied) {
        const i = out.findIndex((x) => itemId(x, key) === itemId(a, key))
        if (i >= 0) out[i] = merge(out[i], a, '', builtin)
        else out.push(structuredClone(a))
      }
      // Applied items first in applied order, then items owned by others.
      const rank = (x: unknown): number => {
        const i = appliedIds.indexOf(itemId(x, key))
        return i < 0 ? appliedIds.length : i
      }
      return out.sort((a, b) => rank(a) - rank(b))
    }
  }
  return structuredClone(applied)
}

/** Removes from `live` what `prev` applied, `next` no longer applies, and `others` do not claim. */
function prune(
  live: Dict,
  prev: Dict,
  next: Dict | undefined,
  others: Dict[],
  builtin: boolean
): void {
  for (const [k, pv] of Object.entries(prev)) {
    if (k === 'apiVersion' || k === 'kind') continue
    const nv = next?.[k]
    const ov = others.map((o) => o[k]).filter((x) => x !== undefined)
    const lv = live[k]
    if (nv === undefined && ov.length === 0) {
      delete live[k]
      continue
    }
    if (isObject(pv) && isObject(lv)) {
      prune(lv, pv, isObject(nv) ? nv : undefined, ov.filter(isObject), builtin)
      continue
    }
    if (Array.isArray(pv) && Array.isArray(lv)) {
      const kind = listKind(k, [...lv, ...pv], builtin)
      if (!kind.key && !kind.set) continue
      const id = (x: unknown): string => (kind.key ? itemId(x, kind.key) : JSON.stringify(x))
      const keep = new Set<string>()
      for (const src of [nv, ...ov]) if (Array.isArray(src)) for (const x of src) keep.add(id(x))
      live[k] = lv.filter((x) => keep.has(id(x)) || !pv.some((p) => id(p) === id(x)))
    }
  }
}

export class ApplyTracker {
  private readonly byObject = new Map<string, Map<string, Dict>>()

  /** Computes the object after `manager` applies `config` to `live` (undefined = create). */
  apply(
    uid: string | undefined,
    live: Dict | undefined,
    config: Dict,
    manager: string,
    builtin: boolean
  ): Dict {
    const cfg = structuredClone(config)
    const meta = isObject(cfg.metadata) ? cfg.metadata : {}
    delete meta.managedFields
    delete meta.resourceVersion
    if (!live) return cfg
    const managers = uid ? this.byObject.get(uid) : undefined
    const prev = managers?.get(manager)
    const result = structuredClone(live)
    if (prev) {
      const others = [...(managers?.entries() ?? [])]
        .filter(([m]) => m !== manager)
        .map(([, c]) => c)
      prune(result, prev, cfg, others, builtin)
    }
    return merge(result, cfg, '', builtin) as Dict
  }

  record(uid: string, manager: string, config: Dict): void {
    let m = this.byObject.get(uid)
    if (!m) {
      m = new Map()
      this.byObject.set(uid, m)
    }
    const cfg = structuredClone(config)
    if (isObject(cfg.metadata)) {
      delete cfg.metadata.managedFields
      delete cfg.metadata.resourceVersion
    }
    m.set(manager, cfg)
  }

  managers(uid: string): string[] {
    return [...(this.byObject.get(uid)?.keys() ?? [])]
  }

  forget(uid: string): void {
    this.byObject.delete(uid)
  }
}

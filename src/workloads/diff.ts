// Value differences as dotted paths, for plans and for "nothing changed" decisions.
import type { Values } from './types'

export interface ValueChange {
  path: string
  before?: unknown
  after?: unknown
}

const isObject = (v: unknown): v is Values =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** JSON round trip: drops undefined, as Helm stores values. */
export const normalize = (v: Values): Values => JSON.parse(JSON.stringify(v)) as Values

/** JSON with object keys sorted: Helm hands values back with sorted keys. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`
  if (isObject(v))
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
      .join(',')}}`
  return JSON.stringify(v) ?? 'undefined'
}

export function diffValues(before: Values, after: Values, prefix = ''): ValueChange[] {
  const changes: ValueChange[] = []
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()
  for (const key of keys) {
    const path = prefix ? `${prefix}.${key}` : key
    const b = before[key]
    const a = after[key]
    if (isObject(b) && isObject(a)) changes.push(...diffValues(b, a, path))
    else if (canonical(b) !== canonical(a)) {
      const change: ValueChange = { path }
      if (b !== undefined) change.before = b
      if (a !== undefined) change.after = a
      changes.push(change)
    }
  }
  return changes
}

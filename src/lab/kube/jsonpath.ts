// The JSONPath subset CRD printer columns use.
import { isObject } from './patch'

function dig(o: unknown, path: string): unknown {
  let cur = o
  for (const seg of path.split('.').filter((p) => p !== '')) {
    if (!isObject(cur)) return undefined
    cur = cur[seg]
  }
  return cur
}

/** Evaluates the JSONPath subset printer columns use: .a.b, [0], [*], [?(@.k=="v")]. */
export function jsonPath(o: unknown, path: string): unknown[] {
  const tokens = path.replace(/^\{|\}$/g, '').match(/\.[^.[]+|\[[^\]]*\]/g) ?? []
  let cur: unknown[] = [o]
  for (const t of tokens) {
    const next: unknown[] = []
    for (const v of cur) {
      if (t.startsWith('.')) {
        if (isObject(v) && v[t.slice(1)] !== undefined) next.push(v[t.slice(1)])
        continue
      }
      if (!Array.isArray(v)) continue
      const inner = t.slice(1, -1)
      const f = /^\?\(@\.([\w.-]+)\s*==\s*["']([^"']*)["']\)$/.exec(inner)
      if (inner === '*') next.push(...v)
      else if (f) next.push(...v.filter((x) => String(dig(x, f[1] ?? '')) === f[2]))
      else if (/^-?\d+$/.test(inner)) {
        const i = Number(inner)
        const x = v[i < 0 ? v.length + i : i]
        if (x !== undefined) next.push(x)
      }
    }
    cur = next
  }
  return cur
}

// Label and field selectors in the string syntax of the list/watch query parameters.
import { badRequest } from './status'
import type { KubeObject, LabelSelector } from './types'

interface Requirement {
  key: string
  op: 'eq' | 'neq' | 'in' | 'notin' | 'exists' | '!exists' | 'gt' | 'lt'
  values: string[]
}

export type Matcher = (obj: KubeObject) => boolean

/** Splits on commas that are not inside parentheses (`env in (a,b),tier`). */
function splitTop(s: string): string[] {
  const out: string[] = []
  let depth = 0
  let cur = ''
  for (const ch of s) {
    if (ch === '(') depth++
    if (ch === ')') depth--
    if (ch === ',' && depth === 0) {
      out.push(cur)
      cur = ''
    } else cur += ch
  }
  out.push(cur)
  return out.map((p) => p.trim()).filter((p) => p.length > 0)
}

function parseLabelRequirement(part: string): Requirement {
  let m = /^([^\s!=<>()]+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(part)
  if (m) {
    const values = (m[3] ?? '')
      .split(',')
      .map((v) => v.trim())
      .filter((v) => v !== '')
    return { key: m[1] ?? '', op: m[2] === 'in' ? 'in' : 'notin', values }
  }
  m = /^([^\s!=<>]+)\s*(==|=|!=|>|<)\s*(.*)$/.exec(part)
  if (m) {
    const op = m[2] === '!=' ? 'neq' : m[2] === '>' ? 'gt' : m[2] === '<' ? 'lt' : 'eq'
    return { key: m[1] ?? '', op, values: [(m[3] ?? '').trim()] }
  }
  m = /^!\s*([^\s!=<>]+)$/.exec(part)
  if (m) return { key: m[1] ?? '', op: '!exists', values: [] }
  if (/^[^\s!=<>()]+$/.test(part)) return { key: part, op: 'exists', values: [] }
  throw badRequest(`unable to parse requirement: ${part}`)
}

function test(req: Requirement, labels: Record<string, string>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, req.key)
  const v = labels[req.key]
  switch (req.op) {
    case 'eq':
      return has && v === req.values[0]
    case 'neq':
      return !has || v !== req.values[0]
    case 'in':
      return has && req.values.includes(v ?? '')
    case 'notin':
      return !has || !req.values.includes(v ?? '')
    case 'exists':
      return has
    case '!exists':
      return !has
    case 'gt':
      return has && Number(v) > Number(req.values[0])
    case 'lt':
      return has && Number(v) < Number(req.values[0])
  }
}

export function parseLabelSelector(s: string | null | undefined): Matcher {
  if (!s) return () => true
  const reqs = splitTop(s).map(parseLabelRequirement)
  return (obj) => {
    const labels = obj.metadata.labels ?? {}
    return reqs.every((r) => test(r, labels))
  }
}

/** A structured selector (Deployment.spec.selector) as a predicate over a label map. */
export function labelSelectorMatches(
  sel: LabelSelector | undefined,
  labels: Record<string, string>
): boolean {
  if (!sel) return false
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) if (labels[k] !== v) return false
  for (const e of sel.matchExpressions ?? []) {
    const op = e.operator
    const req: Requirement = {
      key: e.key,
      op: op === 'In' ? 'in' : op === 'NotIn' ? 'notin' : op === 'Exists' ? 'exists' : '!exists',
      values: e.values ?? []
    }
    if (!test(req, labels)) return false
  }
  return true
}

export function selectorToString(sel: LabelSelector | undefined): string {
  const parts = Object.entries(sel?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`)
  for (const e of sel?.matchExpressions ?? []) {
    const vals = (e.values ?? []).join(',')
    if (e.operator === 'In') parts.push(`${e.key} in (${vals})`)
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${vals})`)
    else if (e.operator === 'Exists') parts.push(e.key)
    else parts.push(`!${e.key}`)
  }
  return parts.join(',')
}

/** Reads a dotted field path; missing fields read as '' the way the real field selectors do. */
export function fieldValue(obj: KubeObject, path: string): string {
  let cur: unknown = obj
  for (const seg of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return ''
    cur = (cur as Record<string, unknown>)[seg]
  }
  if (cur === undefined || cur === null) return ''
  return typeof cur === 'object' ? JSON.stringify(cur) : String(cur)
}

export function parseFieldSelector(s: string | null | undefined): Matcher {
  if (!s) return () => true
  const reqs = splitTop(s).map((part) => {
    const m = /^([^!=]+?)\s*(==|=|!=)\s*(.*)$/.exec(part)
    if (!m) throw badRequest(`invalid field selector: ${part}`)
    const value = (m[3] ?? '').replace(/\\(.)/g, '$1')
    return { path: (m[1] ?? '').trim(), neg: m[2] === '!=', value }
  })
  return (obj) => reqs.every((r) => (fieldValue(obj, r.path) === r.value) !== r.neg)
}

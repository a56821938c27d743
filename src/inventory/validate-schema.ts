/**
 * Runs the JSON Schema with ajv and turns its errors into messages written for people: the
 * problem, what was found, and a hint (closest known key, quoting a number).
 */
import Ajv from 'ajv'
import type { ErrorObject, ValidateFunction } from 'ajv'
import addFormats from 'ajv-formats'
import type { PathSegment, PendingProblem } from './locate'
import { pointerToPath } from './locate'
import { inventoryJsonSchema } from './schema'

let compiled: ValidateFunction | undefined

/** Compiled on first use only, so commands that never read an inventory pay nothing. */
function validator(): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv({
      allErrors: true,
      verbose: true,
      strict: true,
      strictRequired: false,
      allowUnionTypes: true
    })
    addFormats(ajv, ['ipv4'])
    // Editor hint (VS Code / yaml-language-server); we read it back for our own messages.
    ajv.addKeyword({ keyword: 'patternErrorMessage', schemaType: 'string' })
    compiled = ajv.compile(inventoryJsonSchema)
  }
  return compiled
}

export function validateAgainstSchema(data: unknown): PendingProblem[] {
  const validate = validator()
  if (validate(data)) return []
  const problems: PendingProblem[] = []
  for (const error of validate.errors ?? []) {
    const problem = translate(error)
    if (problem) problems.push(problem)
  }
  return problems
}

const CREDENTIAL_KEY = /^(user|username|login|pass|passwd|password|token|secret|credentials?)$/i

export const CREDENTIALS_MESSAGE =
  'credentials must not be in the inventory: give them with the `bmc-user` / `bmc-password` ' +
  'inputs or the RK1_BMC_USER / RK1_BMC_PASSWORD environment variables, and remove this key ' +
  '(if the file was ever committed, change that password)'

const TYPE_NAMES: Record<string, string> = {
  object: 'a mapping (key: value)',
  array: 'a list',
  string: 'a string',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  null: 'null'
}

function translate(e: ErrorObject): PendingProblem | undefined {
  const path = pointerToPath(e.instancePath)
  const parent = e.parentSchema ?? {}
  const got = describeValue(e.data)
  switch (e.keyword) {
    case 'if':
    case 'const':
      return undefined // reported through the `then` branch's own error
    case 'required': {
      const key = String(e.params.missingProperty)
      const mode = (e.data as { mode?: unknown } | undefined)?.mode
      const message = e.schemaPath.includes('/then/')
        ? `is required when mode is "${String(mode)}"`
        : 'is required'
      return { path: [...path, key], message }
    }
    case 'additionalProperties': {
      const key = String(e.params.additionalProperty)
      if (CREDENTIAL_KEY.test(key))
        return { path: [...path, key], message: CREDENTIALS_MESSAGE, target: 'key' }
      const known = Object.keys((parent.properties as Record<string, unknown> | undefined) ?? {})
      const guess = closest(key, known)
      const hint = guess ? `did you mean "${guess}"? ` : ''
      return {
        path: [...path, key],
        message: `unknown key "${key}"; ${hint}allowed here: ${known.join(', ')}`,
        target: 'key'
      }
    }
    case 'type': {
      const expected = ([] as string[]).concat(e.params.type as string | string[])
      const want = expected.map((t) => TYPE_NAMES[t] ?? t).join(' or ')
      if (e.data === null) return { path, message: `is empty; expected ${want}` }
      const quote =
        expected.includes('string') && (typeof e.data === 'number' || typeof e.data === 'boolean')
          ? '; YAML read it as a number or boolean, so put it in quotes'
          : ''
      return { path, message: `must be ${want} (got ${got})${quote}` }
    }
    case 'enum':
      return {
        path,
        message: `must be one of ${(e.params.allowedValues as unknown[]).join(', ')} (got ${got})`
      }
    case 'minimum':
    case 'maximum':
      return {
        path,
        message: `must be between ${String(parent.minimum)} and ${String(parent.maximum)} (got ${got})`
      }
    case 'minItems':
      return {
        path,
        message: `must have at least ${String(e.params.limit)} entr${e.params.limit === 1 ? 'y' : 'ies'}`
      }
    case 'maxItems': {
      const count = Array.isArray(e.data) ? e.data.length : '?'
      const board = path.length === 1 && path[0] === 'nodes' ? '; the board has four slots' : ''
      return {
        path,
        message: `must have at most ${String(e.params.limit)} entries (got ${count})${board}`
      }
    }
    case 'uniqueItems': {
      const later = Math.max(Number(e.params.i), Number(e.params.j))
      const earlier = Math.min(Number(e.params.i), Number(e.params.j))
      const item: PathSegment[] = [...path, later]
      return {
        path: item,
        message: `repeats entry ${earlier} (${describeValue((e.data as unknown[])[later])})`
      }
    }
    case 'minLength':
      return { path, message: 'must not be empty' }
    case 'pattern': {
      const custom =
        typeof parent.patternErrorMessage === 'string' ? parent.patternErrorMessage : undefined
      return { path, message: `${custom ?? `must match ${String(e.params.pattern)}`} (got ${got})` }
    }
    case 'format':
      return e.params.format === 'ipv4'
        ? { path, message: `must be an IPv4 address like 10.10.88.73 (got ${got})` }
        : { path, message: `must be a valid ${String(e.params.format)} (got ${got})` }
    default:
      return { path, message: e.message ?? `fails the "${e.keyword}" rule` }
  }
}

/** A short, safe rendering of a value for messages (long values are cut). */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing'
  // `user:password@host` written where a host belongs must not end up in a log.
  if (typeof value === 'string' && /^([a-z][a-z0-9+.-]*:\/\/)?[^\s/@]+@/i.test(value))
    return 'a value shaped like user:password@host, not shown'
  if (typeof value === 'string')
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value)
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'a mapping'
  return String(value)
}

/** The known key within edit distance 2 (typos like `hostnmae`, `metalLbPool`), if any. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined
  let bestDistance = 3
  for (const candidate of candidates) {
    const d = distance(word.toLowerCase(), candidate.toLowerCase())
    if (d < bestDistance) {
      best = candidate
      bestDistance = d
    }
  }
  return best
}

function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost
      )
    }
    previous = current
  }
  return previous[b.length] ?? 0
}

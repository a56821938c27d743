/** A small pflag-style parser: `--flag=v`, `--flag v`, `-f v`, repeatable lists, `--bool=false`. */

export type FlagType = 'bool' | 'string' | 'list' | 'repeat'

export interface FlagSpec {
  name: string
  short?: string
  type: FlagType
  default?: string | boolean | string[]
}

export interface Parsed {
  args: string[]
  flags: Record<string, string | boolean | string[] | undefined>
  /** Flags given explicitly. */
  set: Set<string>
}

export class UsageError extends Error {}

export const GLOBAL_FLAGS: FlagSpec[] = [
  { name: 'talosconfig', type: 'string' },
  { name: 'context', type: 'string' },
  { name: 'endpoints', short: 'e', type: 'list' },
  { name: 'nodes', short: 'n', type: 'list' }
]

export function parseArgs(argv: string[], specs: FlagSpec[]): Parsed {
  const all = [...GLOBAL_FLAGS, ...specs]
  const flags: Parsed['flags'] = {}
  const set = new Set<string>()
  for (const s of all) {
    if (s.default !== undefined)
      flags[s.name] = Array.isArray(s.default) ? [...s.default] : s.default
    else if (s.type === 'list' || s.type === 'repeat') flags[s.name] = []
  }
  const args: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i] as string
    if (token === '--') {
      args.push(...argv.slice(i + 1))
      break
    }
    if (!token.startsWith('-') || token === '-') {
      args.push(token)
      continue
    }
    const long = token.startsWith('--')
    const body = token.slice(long ? 2 : 1)
    const eq = body.indexOf('=')
    const key = eq >= 0 ? body.slice(0, eq) : body
    const spec = all.find((s) => (long ? s.name === key : s.short === key))
    if (!spec)
      throw new UsageError(
        `unknown ${long ? 'flag' : 'shorthand flag'}: '${long ? `--${key}` : key}' in ${token}`
      )
    let value: string | undefined = eq >= 0 ? body.slice(eq + 1) : undefined
    if (spec.type === 'bool') {
      if (value !== undefined && !/^(true|false|1|0)$/.test(value))
        throw new UsageError(
          `invalid argument "${value}" for "--${spec.name}" flag: strconv.ParseBool: parsing "${value}": invalid syntax`
        )
      flags[spec.name] = value === undefined ? true : value === 'true' || value === '1'
      set.add(spec.name)
      continue
    }
    if (value === undefined) {
      value = argv[++i]
      if (value === undefined) throw new UsageError(`flag needs an argument: --${spec.name}`)
    }
    if (spec.type === 'string') flags[spec.name] = value
    else {
      const prev = set.has(spec.name) ? (flags[spec.name] as string[]) : []
      flags[spec.name] = [
        ...prev,
        ...(spec.type === 'list' ? value.split(',').filter(Boolean) : [value])
      ]
    }
    set.add(spec.name)
  }
  return { args, flags, set }
}

export const str = (p: Parsed, name: string): string | undefined =>
  p.flags[name] as string | undefined
export const bool = (p: Parsed, name: string): boolean => p.flags[name] === true
export const list = (p: Parsed, name: string): string[] =>
  (p.flags[name] as string[] | undefined) ?? []

/** Go durations as talosctl accepts them (`20m`, `30s`, `1h30m`, `500ms`). */
export function parseDuration(text: string): number {
  const re = /(\d+(?:\.\d+)?)(ms|h|m|s)/g
  let total = 0
  let consumed = ''
  for (const m of text.matchAll(re)) {
    const n = Number(m[1])
    total += m[2] === 'h' ? n * 3600_000 : m[2] === 'm' ? n * 60_000 : m[2] === 's' ? n * 1000 : n
    consumed += m[0]
  }
  if (!consumed || consumed !== text) throw new UsageError(`time: invalid duration "${text}"`)
  return total
}

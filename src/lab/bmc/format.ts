/** Text formats bmcd inherits from Rust crates; clients may show them, so they match closely. */

/** Like Rust humantime's `format_duration`: `59s 998ms 12us`, zero units skipped, `0s` for zero. */
export function humanDuration(ms: number): string {
  let ns = BigInt(Math.max(0, Math.round(ms * 1e6)))
  const units: Array<[bigint, string, boolean]> = [
    [86_400n * 1_000_000_000n, 'day', true],
    [3_600n * 1_000_000_000n, 'h', false],
    [60n * 1_000_000_000n, 'm', false],
    [1_000_000_000n, 's', false],
    [1_000_000n, 'ms', false],
    [1_000n, 'us', false],
    [1n, 'ns', false]
  ]
  const parts: string[] = []
  for (const [size, name, plural] of units) {
    const n = ns / size
    ns %= size
    if (n > 0n) parts.push(plural ? `${n}${name}${n > 1n ? 's' : ''}` : `${n}${name}`)
  }
  return parts.length ? parts.join(' ') : '0s'
}

/** Like Rust humansize with DECIMAL units: `512 B`, `1.05 MB`, `1 kB` (trailing zeros trimmed). */
export function humanSizeDecimal(bytes: number | bigint): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB']
  let value = Number(bytes)
  let unit = 0
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000
    unit++
  }
  if (unit === 0) return `${value} B`
  const text = value.toFixed(2).replace(/\.?0+$/, '')
  return `${text} ${units[unit]}`
}

/** JSON with the keys of plain objects sorted, as serde_json's `json!` macro (BTreeMap) emits them. */
export function sortedJson(value: unknown): string {
  return JSON.stringify(sortKeys(value))
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) {
    const out: Record<string, unknown> = {}
    for (const key of Object.keys(value).sort())
      out[key] = sortKeys((value as Record<string, unknown>)[key])
    return out
  }
  return value
}

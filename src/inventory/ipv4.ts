/**
 * IPv4 arithmetic for the inventory's address checks (node IPs inside the CIDR, MetalLB pool
 * overlaps). Addresses are unsigned 32-bit numbers so ranges compare with `<=`.
 */

/** An inclusive address range, as numbers. */
export interface Ipv4Range {
  first: number
  last: number
}

/** A parsed CIDR: its network address, prefix length and the inclusive range it covers. */
export interface Ipv4Cidr extends Ipv4Range {
  prefix: number
}

const DOTTED = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/

/** `10.10.88.73` → number, or undefined if it is not a dotted-quad IPv4 address. */
export function parseIpv4(text: string): number | undefined {
  const m = DOTTED.exec(text.trim())
  if (!m) return undefined
  let value = 0
  for (const part of m.slice(1)) {
    // Leading zeros are ambiguous (octal in some resolvers), so refuse them.
    if (part.length > 1 && part.startsWith('0')) return undefined
    const octet = Number(part)
    if (octet > 255) return undefined
    value = value * 256 + octet
  }
  return value
}

export function formatIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.')
}

/** `10.10.88.0/24` → range, or a reason why it is not a usable CIDR. */
export function parseCidr(text: string): Ipv4Cidr | { error: string } {
  const [address, prefixText, ...rest] = text.trim().split('/')
  const base = parseIpv4(address ?? '')
  if (
    base === undefined ||
    rest.length > 0 ||
    prefixText === undefined ||
    !/^\d{1,2}$/.test(prefixText)
  )
    return { error: 'must be an IPv4 network in CIDR form, e.g. 10.10.88.0/24' }
  const prefix = Number(prefixText)
  if (prefix > 32) return { error: 'has a prefix length above 32' }
  const size = 2 ** (32 - prefix)
  const first = Math.floor(base / size) * size
  if (first !== base)
    return { error: `has host bits set; did you mean ${formatIpv4(first)}/${prefix}?` }
  return { first, last: first + size - 1, prefix }
}

/**
 * A MetalLB pool: `a-b` (inclusive range) or a CIDR, the two forms MetalLB's IPAddressPool accepts.
 */
export function parsePool(text: string): Ipv4Range | { error: string } {
  if (text.includes('/')) {
    const cidr = parseCidr(text)
    return 'error' in cidr ? cidr : { first: cidr.first, last: cidr.last }
  }
  const parts = text.split('-').map((p) => p.trim())
  const first = parseIpv4(parts[0] ?? '')
  const last = parseIpv4(parts[1] ?? '')
  if (parts.length !== 2 || first === undefined || last === undefined)
    return { error: 'must be a range "10.10.88.80-10.10.88.89" or a CIDR "10.10.88.80/28"' }
  if (first > last) return { error: 'starts after it ends; write the lower address first' }
  return { first, last }
}

export function inRange(value: number, range: Ipv4Range): boolean {
  return value >= range.first && value <= range.last
}

export function rangeToString(range: Ipv4Range): string {
  return `${formatIpv4(range.first)}-${formatIpv4(range.last)}`
}

/** 127.0.0.0/8: the only addresses tests and plain-http image sources may use. */
export function isLoopbackIpv4(value: number): boolean {
  return Math.floor(value / 2 ** 24) === 127
}

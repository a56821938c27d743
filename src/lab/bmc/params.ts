/** Query parameter parsing with bmcd's texts (§3.1). */

/** A 400 of the dispatcher (the transfer routes turn it into a 500 text/plain). */
export class ParamError extends Error {
  constructor(
    message: string,
    readonly status = 400
  ) {
    super(message)
  }
}

const INTEGER = /^[+-]?\d+$/

/** `node` 0..3; the integer is truncated to a byte before the range check, like bmcd. */
export function parseNode(q: URLSearchParams): number {
  const raw = q.get('node')
  if (raw === null) throw new ParamError('Missing `node` parameter')
  if (!INTEGER.test(raw)) throw new ParamError('Parameter `node` is not a number')
  const node = Number(BigInt.asUintN(8, BigInt(raw)))
  if (node > 3) throw new ParamError('Parameter `node` is out of range 0..3 of node IDs')
  return node
}

/** A required integer parameter. */
export function parseInteger(q: URLSearchParams, name: string): number {
  const raw = q.get(name)
  if (raw === null) throw new ParamError(`Missing \`${name}\` parameter`)
  if (!INTEGER.test(raw)) throw new ParamError(`Parameter \`${name}\` is not a number`)
  return Number(raw)
}

/** A required string parameter. */
export function requireParam(q: URLSearchParams, name: string): string {
  const raw = q.get(name)
  if (raw === null) throw new ParamError(`Missing \`${name}\` parameter`)
  return raw
}

/** Like the Rust `hex` crate decoding into 32 bytes; returns the error text or undefined. */
export function sha256HexError(value: string): string | undefined {
  if (value.length % 2 !== 0) return 'Odd number of digits'
  const bad = value.search(/[^0-9a-fA-F]/)
  if (bad >= 0) return `Invalid character '${value[bad]}' at position ${bad}`
  if (value.length !== 64) return 'Invalid string length'
  return undefined
}

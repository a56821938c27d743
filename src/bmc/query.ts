/**
 * Query strings for `/api/bmc`. bmcd routes flash/firmware/node_info by substring tests on the raw
 * query (spec §1.2), so `opt=...&type=...` come first and verbatim; only values are encoded.
 */
import { InputError } from '../common/errors'
import type { NodeSlot } from './types'

export type QueryValue = string | number | boolean | undefined

/**
 * `true` adds a presence-only flag (`&skip_crc`); `false`/undefined omit the key, because bmcd tests
 * flags for presence and `skip_crc=false` would still skip the CRC (spec §3.1).
 */
export function bmcQuery(
  opt: 'get' | 'set',
  type: string,
  params: Record<string, QueryValue> = {}
): string {
  let query = `opt=${opt}&type=${type}`
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === false) continue
    query += value === true ? `&${key}` : `&${key}=${encodeURIComponent(String(value))}`
  }
  return query
}

/** 1-based slot to the 0-based `node=` parameter (spec §0: the numbering trap). */
export function nodeParam(slot: number): number {
  assertSlot(slot)
  return slot - 1
}

export function assertSlot(slot: number, path = 'slot'): asserts slot is NodeSlot {
  if (!Number.isInteger(slot) || slot < 1 || slot > 4) {
    throw new InputError('Invalid node slot.', [
      { path, message: `slot must be 1, 2, 3 or 4 (got ${String(slot)})` }
    ])
  }
}

/** Hides values that may hold secrets (UART commands) before a path is logged. */
export function redactPath(path: string): string {
  return path.replace(/([?&]cmd=)[^&]*/g, (_m, key: string) => `${key}<redacted>`)
}

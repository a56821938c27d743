/**
 * Parsing of BMC answers: the `{"response":[{...}]}` envelope, the raw transfer JSON, and the typed
 * results of the catalogue operations (spec §3-§5). Pure functions, unit-testable.
 */
import type {
  BmcAbout,
  BmcInfo,
  BmcOther,
  FlashStatus,
  NodeInfo,
  NodeSlot,
  PowerState,
  UsbState
} from './types'

export class ParseError extends Error {}

type Json = unknown

export function parseJson(text: string): Json {
  try {
    return JSON.parse(text) as Json
  } catch {
    throw new ParseError('the answer is not JSON')
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The first element of the envelope, or undefined when the body is not an envelope. */
export function envelopeEntry(text: string): Record<string, unknown> | undefined {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return undefined
  }
  if (!isObject(parsed) || !Array.isArray(parsed.response)) return undefined
  const first: unknown = parsed.response[0]
  return isObject(first) ? first : undefined
}

/** The error text of a failed call: the envelope `result` when present, else the bare body. */
export function errorText(body: string): string {
  const entry = envelopeEntry(body)
  if (entry && typeof entry.result === 'string') return entry.result
  return body.trim()
}

/** `result` of an envelope; throws ParseError when missing. */
export function envelopeResult(text: string): unknown {
  const entry = envelopeEntry(text)
  if (!entry || !('result' in entry)) throw new ParseError('the answer is not a BMC envelope')
  return entry.result
}

/** Many results are wrapped in a one-element array (`power`, `usb`, `other`). */
function firstObject(result: unknown): Record<string, unknown> {
  const value = Array.isArray(result) ? result[0] : result
  if (!isObject(value)) throw new ParseError('unexpected result shape')
  return value
}

function str(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined
  // 2.3.7 reads model strings from a fixed EEPROM field padded with NULs.
  return value.replace(/\0+$/g, '')
}

function num(value: unknown): number {
  if (typeof value === 'number') return value
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) {
    return Number(value)
  }
  throw new ParseError(`expected a number, got ${JSON.stringify(value)}`)
}

export function parseAbout(result: unknown): BmcAbout {
  const raw = firstObject(result)
  return {
    api: str(raw.api),
    version: str(raw.version),
    bmcdVersion: str(raw.bmcd_version),
    buildVersion: str(raw.build_version),
    buildroot: str(raw.buildroot),
    buildtime: str(raw.buildtime),
    boardModel: str(raw.board_model),
    boardRevision: str(raw.board_revision),
    hostname: str(raw.hostname),
    raw
  }
}

export function parseOther(result: unknown): BmcOther {
  const raw = firstObject(result)
  return {
    api: str(raw.api),
    version: str(raw.version),
    buildVersion: str(raw.build_version),
    buildroot: str(raw.buildroot),
    buildtime: str(raw.buildtime),
    ip: str(raw.ip),
    mac: str(raw.mac),
    raw
  }
}

export function parseInfo(result: unknown): BmcInfo {
  const raw = firstObject(result)
  const ip = Array.isArray(raw.ip) ? raw.ip.filter(isObject) : []
  const storage = Array.isArray(raw.storage) ? raw.storage.filter(isObject) : []
  return {
    ip: ip.map((e) => ({
      device: str(e.device) ?? '',
      ip: str(e.ip) ?? '',
      mac: str(e.mac) ?? ''
    })),
    storage: storage.map((e) => ({
      name: str(e.name) ?? '',
      totalBytes: num(e.total_bytes),
      bytesFree: num(e.bytes_free)
    }))
  }
}

export function parsePower(result: unknown): PowerState {
  const raw = firstObject(result)
  const state = {} as PowerState
  for (const slot of [1, 2, 3, 4] as const) {
    const value = raw[`node${slot}`]
    if (value === '1' || value === 1 || value === true) state[slot] = true
    else if (value === '0' || value === 0 || value === false) state[slot] = false
    else throw new ParseError(`power state of node${slot} is ${JSON.stringify(value)}`)
  }
  return state
}

export function parseUsb(result: unknown): UsbState {
  const raw = firstObject(result)
  const match = /(\d)/.exec(str(raw.node) ?? '')
  const slot = match ? Number(match[1]) : NaN
  return {
    mode: str(raw.mode) ?? '',
    ...(slot >= 1 && slot <= 4 ? { slot: slot as NodeSlot } : {}),
    route: str(raw.route) ?? '',
    ...(typeof raw.bus_type === 'string' ? { busType: raw.bus_type } : {})
  }
}

export function parseNodeInfo(result: unknown): NodeInfo[] {
  if (!Array.isArray(result)) throw new ParseError('node_info is not an array')
  return result.slice(0, 4).map((entry: unknown, index) => {
    const e = isObject(entry) ? entry : {}
    const nullableNum = (v: unknown): number | null =>
      v === null || v === undefined ? null : num(v)
    return {
      slot: (index + 1) as NodeSlot,
      name: str(e.name) ?? null,
      moduleName: str(e.module_name) ?? null,
      powerOnTime: nullableNum(e.power_on_time),
      uartBaud: nullableNum(e.uart_baud)
    }
  })
}

export function parseUart(text: string): string {
  const entry = envelopeEntry(text)
  if (!entry) throw new ParseError('the UART answer is not a BMC envelope')
  if (typeof entry.uart === 'string') return entry.uart
  // Defensive: some builds/emulators could wrap it as a result.
  if (typeof entry.result === 'string') return entry.result
  throw new ParseError('the UART answer has no `uart` text')
}

export function parseHandle(text: string): number {
  const parsed = parseJson(text)
  if (isObject(parsed) && typeof parsed.handle === 'number' && Number.isInteger(parsed.handle)) {
    return parsed.handle
  }
  throw new ParseError('the flash answer has no numeric `handle`')
}

/** The raw, un-enveloped transfer state of spec §5.5. */
export function parseFlashStatus(text: string): FlashStatus {
  const parsed = parseJson(text)
  if (parsed === 'Ready') return { state: 'Ready' }
  if (isObject(parsed)) {
    const t = parsed.Transferring
    if (isObject(t)) {
      return {
        state: 'Transferring',
        id: num(t.id),
        processName: str(t.process_name) ?? '',
        size: num(t.size),
        cancelled: t.cancelled === true,
        bytesWritten: num(t.bytes_written)
      }
    }
    const d = parsed.Done
    if (Array.isArray(d) && isObject(d[0])) {
      const elapsed = d[0]
      return {
        state: 'Done',
        elapsedMs: num(elapsed.secs) * 1000 + Math.round(num(elapsed.nanos ?? 0) / 1e6),
        size: num(d[1])
      }
    }
    if (typeof parsed.Error === 'string') return { state: 'Error', message: parsed.Error }
  }
  throw new ParseError('unknown transfer state')
}

/**
 * Parses the ban length of `Exceeded allowed authentication attempts. Access blocked for 59s 998ms
 * 12us` (humantime). Undefined when not parseable.
 */
export function parseBanDurationMs(text: string): number | undefined {
  const match = /Access blocked for (.+)$/im.exec(text)
  if (!match?.[1]) return undefined
  const units: Record<string, number> = {
    y: 31_557_600_000,
    year: 31_557_600_000,
    years: 31_557_600_000,
    month: 2_630_016_000,
    months: 2_630_016_000,
    d: 86_400_000,
    day: 86_400_000,
    days: 86_400_000,
    h: 3_600_000,
    m: 60_000,
    min: 60_000,
    s: 1000,
    ms: 1,
    us: 0.001,
    µs: 0.001,
    ns: 0.000001
  }
  let total = 0
  let found = false
  for (const part of match[1].matchAll(/(\d+)\s*([a-zµ]+)/gi)) {
    const factor = units[(part[2] ?? '').toLowerCase()]
    if (factor === undefined) continue
    total += Number(part[1]) * factor
    found = true
  }
  return found ? Math.ceil(total) : undefined
}

export const BAN_TEXT = /Exceeded allowed authentication attempts/i

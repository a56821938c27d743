/**
 * bmcd's authentication (§2): login tokens with a sliding lifetime, Bearer and Basic, and the
 * per-peer-IP ban that doubles after every failure once the threshold was reached.
 */
import { createHash, randomBytes } from 'node:crypto'
import { humanDuration } from './format'

export const REALM = 'Access to Baseboard Management Controller'
const BASIC_CHALLENGE = `Basic realm="${REALM}"`
const TOKEN_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

export interface AuthOptions {
  users: Record<string, string>
  tokenTtlMs: number
  banThreshold: number
  banBaseMs: number
  now?: () => number
}

export type AuthResult =
  | { ok: true; kind: 'bearer' | 'basic'; user?: string; tokenRef?: string }
  | { ok: false; status: 401; wwwAuthenticate: string; body: string; tokenRef?: string }

export type LoginResult =
  { ok: true; token: string; body: string; user: string } | { ok: false; status: 403; body: string }

/** Ban length after `failures` failures: base × 2^(failures − threshold), capped at ×1024 (§2.4). */
export function banDurationMs(failures: number, threshold: number, baseMs: number): number {
  return baseMs * 2 ** Math.min(Math.max(failures - threshold, 0), 10)
}

/** 64 characters of [A-Za-z0-9], as bmcd's session tokens. */
export function newToken(): string {
  let out = ''
  while (out.length < 64) {
    for (const byte of randomBytes(96)) {
      // 248 = 4 × 62: rejecting the rest keeps every character equally likely.
      if (byte < 248 && out.length < 64) out += TOKEN_ALPHABET[byte % 62]
    }
  }
  return out
}

export function tokenRef(token: string): string {
  return createHash('sha256').update(token).digest('hex').slice(0, 12)
}

interface PeerRecord {
  failures: number
  bannedUntil: number
}

export class AuthService {
  private readonly tokens = new Map<string, { user: string; lastUsed: number }>()
  private readonly peers = new Map<string, PeerRecord>()
  private readonly now: () => number

  constructor(private readonly options: AuthOptions) {
    this.now = options.now ?? (() => performance.now())
  }

  get tokenCount(): number {
    return this.tokens.size
  }

  /** Failures counted for a peer so far (for tests and the request log). */
  failures(peer: string): number {
    return this.peers.get(peer)?.failures ?? 0
  }

  /** Remaining ban of a peer in ms, 0 when not banned. */
  banRemainingMs(peer: string): number {
    const record = this.peers.get(peer)
    return record ? Math.max(0, record.bannedUntil - this.now()) : 0
  }

  /** `POST /api/bmc/authenticate` with the raw body. */
  login(peer: string, rawBody: string): LoginResult {
    const banned = this.bannedText(peer)
    if (banned) return { ok: false, status: 403, body: banned }
    const parsed = parseCredentials(rawBody)
    if (typeof parsed === 'string') {
      return { ok: false, status: 403, body: `error trying to parse credentials: ${parsed}` }
    }
    if (!this.checkPassword(parsed.username, parsed.password)) {
      return { ok: false, status: 403, body: this.fail(peer, 'credentials incorrect') }
    }
    this.succeed(peer)
    const now = this.now()
    for (const [token, entry] of this.tokens) {
      if (now - entry.lastUsed >= this.options.tokenTtlMs) this.tokens.delete(token)
    }
    const token = newToken()
    this.tokens.set(token, { user: parsed.username, lastUsed: now })
    const body = JSON.stringify({
      id: token,
      name: 'User Session',
      description: 'User Session',
      username: parsed.username
    })
    return { ok: true, token, body, user: parsed.username }
  }

  /** Checks the `Authorization` header of a request under /api/bmc. */
  authorize(peer: string, header: string | undefined): AuthResult {
    if (header === undefined) return reject(BASIC_CHALLENGE, 'no authorization header provided')
    const space = header.indexOf(' ')
    // eslint-disable-next-line no-control-regex
    if (space < 0 || /[^\x00-\x7f]/.test(header)) {
      const why = space < 0 ? 'missing space separator' : 'header contains non-ASCII characters'
      return reject(BASIC_CHALLENGE, `cannot parse authorization header: ${why}`)
    }
    const scheme = header.slice(0, space)
    const value = header.slice(space + 1)
    if (scheme !== 'Bearer' && scheme !== 'Basic') {
      return reject(`realm="${REALM}"`, `${scheme} authentication not supported`)
    }
    const banned = this.bannedText(peer)
    if (banned) {
      return reject(scheme === 'Basic' ? BASIC_CHALLENGE : bearerChallenge(banned), banned)
    }
    return scheme === 'Bearer' ? this.bearer(peer, value) : this.basic(peer, value)
  }

  private bearer(peer: string, token: string): AuthResult {
    const ref = tokenRef(token)
    const entry = this.tokens.get(token)
    if (!entry) {
      const body = this.fail(peer, `token ${token} is not registered`)
      return { ...reject(bearerChallenge(body), body), tokenRef: ref }
    }
    const idle = this.now() - entry.lastUsed
    if (idle >= this.options.tokenTtlMs) {
      this.tokens.delete(token)
      const body = `token expired ${humanDuration(idle)} ago`
      return { ...reject(bearerChallenge(body), body), tokenRef: ref }
    }
    entry.lastUsed = this.now()
    this.succeed(peer)
    return { ok: true, kind: 'bearer', user: entry.user, tokenRef: ref }
  }

  private basic(peer: string, value: string): AuthResult {
    const decoded = decodeBasic(value)
    if (typeof decoded === 'string') {
      return reject(BASIC_CHALLENGE, `error trying to parse credentials: ${decoded}`)
    }
    if (!this.checkPassword(decoded.username, decoded.password)) {
      return reject(BASIC_CHALLENGE, this.fail(peer, 'credentials incorrect'))
    }
    this.succeed(peer)
    return { ok: true, kind: 'basic', user: decoded.username }
  }

  private checkPassword(user: string, password: string): boolean {
    return Object.hasOwn(this.options.users, user) && this.options.users[user] === password
  }

  /** Counts a failure; returns the ban text when this failure reached the threshold, else `text`. */
  private fail(peer: string, text: string): string {
    const record = this.peers.get(peer) ?? { failures: 0, bannedUntil: 0 }
    this.peers.set(peer, record)
    record.failures++
    if (record.failures >= this.options.banThreshold) {
      const duration = banDurationMs(
        record.failures,
        this.options.banThreshold,
        this.options.banBaseMs
      )
      record.bannedUntil = this.now() + duration
      return blockedText(duration)
    }
    return text
  }

  private succeed(peer: string): void {
    this.peers.delete(peer)
  }

  private bannedText(peer: string): string | undefined {
    const remaining = this.banRemainingMs(peer)
    return remaining > 0 ? blockedText(remaining) : undefined
  }
}

function blockedText(ms: number): string {
  return `Exceeded allowed authentication attempts. Access blocked for ${humanDuration(ms)}`
}

function bearerChallenge(description: string): string {
  return `Bearer realm="${REALM}" error="invalid_token" error_description="${description}"`
}

function reject(wwwAuthenticate: string, body: string): AuthResult {
  return { ok: false, status: 401, wwwAuthenticate, body }
}

/** serde_json-like parse of `{"username","password"}`; a string is the error message. */
export function parseCredentials(raw: string): { username: string; password: string } | string {
  const end = `at line 1 column ${raw.length}`
  if (raw.trim() === '') return `EOF while parsing a value ${end}`
  let value: unknown
  try {
    value = JSON.parse(raw)
  } catch {
    return `expected value at line 1 column 1`
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return `invalid type: ${Array.isArray(value) ? 'sequence' : typeof value}, expected struct Login ${end}`
  }
  const record = value as Record<string, unknown>
  for (const field of ['username', 'password']) {
    if (!(field in record)) return `missing field \`${field}\` ${end}`
    if (typeof record[field] !== 'string') {
      return `invalid type: ${typeof record[field]}, expected a string ${end}`
    }
  }
  return { username: record.username as string, password: record.password as string }
}

function decodeBasic(value: string): { username: string; password: string } | string {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(value) || value.length % 4 === 1) {
    return 'Invalid input: not base64'
  }
  const bytes = Buffer.from(value, 'base64')
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return 'invalid utf-8 sequence'
  }
  const colon = text.indexOf(':')
  if (colon < 0) return 'missing colon'
  return { username: text.slice(0, colon), password: text.slice(colon + 1) }
}

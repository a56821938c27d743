/**
 * Typed SSH failures. Connection errors from ssh2 are classified once here so callers (and
 * waitForSsh) can tell "not up yet" (retry) from "wrong key" or "wrong host key" (stop at once).
 */
import { Rk1Error, type ErrorContext } from '../common/errors'

export class SshError extends Rk1Error {}

/** The server refused every credential we offered; retrying with the same ones cannot help. */
export class SshAuthError extends SshError {}

export interface SshHostKeyContext extends ErrorContext {
  /** Fingerprints that were acceptable (pinned or learned earlier in the run). */
  expected: readonly string[]
  /** The fingerprint the server presented. */
  seen: string
}

/** The server presented a host key we do not trust. Never retried: it may be an interception. */
export class SshHostKeyError extends SshError {
  readonly expected: readonly string[]
  readonly seen: string

  constructor(message: string, context: SshHostKeyContext) {
    super(message, {
      ...context,
      evidence:
        context.evidence ?? `expected ${context.expected.join(' or ')}, server sent ${context.seen}`
    })
    this.expected = context.expected
    this.seen = context.seen
  }
}

/** No SSH conversation was possible: refused, reset, timed out, name not resolved. */
export class SshUnreachableError extends SshError {}

export interface SshCommandContext extends ErrorContext {
  /** First line of the command only: scripts and env values may hold secrets. */
  command: string
  code: number | null
  signal?: string
  /** Last lines of stderr. */
  stderrTail: string
  timedOut?: boolean
}

/** A remote command failed, timed out or lost its channel. */
export class SshCommandError extends SshError {
  readonly command: string
  readonly code: number | null
  readonly signal?: string
  readonly stderrTail: string
  readonly timedOut: boolean

  constructor(message: string, context: SshCommandContext) {
    super(message, { ...context, evidence: context.evidence ?? (context.stderrTail || undefined) })
    this.command = context.command
    this.code = context.code
    this.signal = context.signal
    this.stderrTail = context.stderrTail
    this.timedOut = context.timedOut ?? false
  }
}

/** The first line of a command, shortened, for messages. Never the rest: it may be a script. */
export function commandLabel(command: string): string {
  const first = command.split('\n', 1)[0] ?? ''
  const trimmed = first.length > 120 ? `${first.slice(0, 117)}...` : first
  return command.includes('\n') ? `${trimmed} ...` : trimmed
}

/** The last `lines` lines (and at most `chars` characters) of a command's stderr. */
export function tail(text: string, lines = 20, chars = 2000): string {
  const all = text.replace(/\s+$/, '').split('\n')
  const last = all.slice(-lines).join('\n')
  return last.length > chars ? last.slice(-chars) : last
}

/** What ssh2 hands to its 'error' event: a plain Error with `level` and maybe `code`. */
interface Ssh2Failure {
  message: string
  level?: string
  code?: string
}

export interface ConnectFailureContext {
  host: string
  port: number
  username: string
  node?: number
  step?: string
}

const RETRYABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ECONNABORTED',
  'EAI_AGAIN'
])

/**
 * Maps an ssh2 connection error to our error types. Host-key rejections are produced by the
 * verifier itself (it knows the fingerprints), so they never reach this function.
 */
export function classifyConnectError(error: unknown, ctx: ConnectFailureContext): SshError {
  const e = (error ?? {}) as Ssh2Failure
  const message = String(e.message ?? error)
  const where = `${ctx.username}@${ctx.host}:${ctx.port}`
  const base = { node: ctx.node, step: ctx.step ?? 'ssh' }
  const seen = e.code ? `${e.code}: ${message}` : message

  if (e.level === 'client-authentication') {
    return new SshAuthError(
      `SSH login as ${where} was refused.`,
      {
        ...base,
        evidence: message,
        advice:
          'The node does not accept the configured key/password for this user. Check that the ' +
          "image was prepared with this key in the user's authorized_keys (or the right password), " +
          'and that the key file matches the public key that was injected.'
      },
      { cause: error }
    )
  }
  if (e.level === 'client-timeout') {
    return new SshUnreachableError(
      `SSH to ${where} timed out before the handshake finished.`,
      {
        ...base,
        evidence: seen,
        advice:
          'The node accepted TCP but sshd did not answer in time: it may still be booting (first ' +
          'boot regenerates host keys and grows the filesystem). Wait and retry; check the UART log.'
      },
      { cause: error }
    )
  }
  if (e.level === 'client-dns') {
    return new SshUnreachableError(
      `The host name ${ctx.host} could not be resolved.`,
      { ...base, evidence: seen, advice: 'Use the node IP address from the inventory.' },
      { cause: error }
    )
  }
  if (e.level === 'client-socket' || (e.code && RETRYABLE_CODES.has(e.code)) || isEarlyDrop(e)) {
    return new SshUnreachableError(
      `Cannot reach sshd at ${where}.`,
      {
        ...base,
        evidence: seen,
        advice:
          'Check that the node is powered and booted, its IP address in the inventory, and the ' +
          'network path from this machine. Right after a flash sshd needs a few minutes.'
      },
      { cause: error }
    )
  }
  return new SshError(
    `SSH to ${where} failed: ${message}`,
    { ...base, evidence: seen, advice: 'See the evidence; retry once the node is reachable.' },
    { cause: error }
  )
}

/** sshd closing before or during the handshake (still starting, MaxStartups) counts as "not up". */
function isEarlyDrop(e: Ssh2Failure): boolean {
  return /Connection lost before handshake|Connection closed|before handshake/i.test(e.message)
}

/** True for failures worth retrying while a node boots. Auth and host-key failures are final. */
export function isRetryable(error: unknown): boolean {
  return error instanceof SshUnreachableError
}

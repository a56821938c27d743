/**
 * Errors of the BMC layer. Each carries the operation, the slot, the HTTP status and the (redacted)
 * body, so a failure can be diagnosed from the log alone.
 */
import { Rk1Error, type ErrorContext } from '../common/errors'

export interface BmcErrorContext extends ErrorContext {
  /** The client operation, e.g. `setPower`, `upload`, `flashStatus`. */
  operation: string
  /** HTTP status of the answer, when there was one. */
  status?: number
  /** Response body as received (tokens redacted). */
  body?: string
}

/** Bodies and excerpts kept on errors are capped so a huge HTML page cannot flood a log. */
const MAX_BODY = 2000

function clip(text: string | undefined): string | undefined {
  if (text === undefined) return undefined
  return text.length > MAX_BODY ? `${text.slice(0, MAX_BODY)}... (${text.length} chars)` : text
}

export class BmcError extends Rk1Error {
  readonly operation: string
  readonly status?: number
  readonly body?: string

  constructor(message: string, context: BmcErrorContext, options?: { cause?: unknown }) {
    const body = clip(context.body)
    super(
      message,
      {
        node: context.node,
        step: context.step ?? 'bmc',
        evidence: context.evidence ?? (body ? evidenceOf(context.status, body) : undefined),
        advice: context.advice
      },
      options
    )
    this.operation = context.operation
    this.status = context.status
    this.body = body
  }
}

function evidenceOf(status: number | undefined, body: string): string {
  return status === undefined ? body : `HTTP ${status}: ${body}`
}

/** Wrong credentials, or the token was refused again right after a fresh login. Never retried. */
export class BmcAuthError extends BmcError {}

/** The BMC bans this IP after 5 failed authentications (spec §2.4). */
export class BmcBannedError extends BmcAuthError {
  /** How long the BMC said the ban lasts, when it could be parsed. */
  readonly retryAfterMs?: number

  constructor(message: string, context: BmcErrorContext & { retryAfterMs?: number }) {
    super(message, context)
    this.retryAfterMs = context.retryAfterMs
  }
}

/** Connection refused / reset / timed out: bmcd is down, crashed (OOM) or the board is off. */
export class BmcUnreachableError extends BmcError {
  /** The socket error code (`ECONNREFUSED`, `ETIMEDOUT`, ...). */
  readonly code?: string

  constructor(message: string, context: BmcErrorContext & { code?: string }, cause?: unknown) {
    super(message, context, { cause })
    this.code = context.code
  }
}

/** The TLS handshake failed our checks (fingerprint mismatch, untrusted certificate). */
export class BmcTlsError extends BmcError {}

/** The BMC answered something this client does not understand (wrong device or version?). */
export class BmcProtocolError extends BmcError {}

/** What kind of flash failure it was; lets callers decide (e.g. retry a CRC error once). */
export type FlashErrorKind =
  | 'busy'
  | 'start'
  | 'send-timeout'
  | 'cancelled'
  | 'usb-not-found'
  | 'usb-several-devices'
  | 'usb-load'
  | 'sha256-mismatch'
  | 'crc-mismatch'
  | 'no-space'
  | 'firmware-upgrade'
  | 'upload-incomplete'
  | 'upload-rejected'
  | 'upload-state'
  | 'upload-auth'
  | 'bmc-restarted'
  | 'stalled'
  | 'image'
  | 'preempted'
  | 'aborted'
  | 'unknown'

export class FlashError extends BmcError {
  readonly kind: FlashErrorKind
  /** The BMC's own text (the Error state or the upload answer), when there was one. */
  readonly bmcMessage?: string

  constructor(
    message: string,
    context: BmcErrorContext & { kind: FlashErrorKind; bmcMessage?: string },
    options?: { cause?: unknown }
  ) {
    super(message, { ...context, step: context.step ?? 'flash' }, options)
    this.kind = context.kind
    this.bmcMessage = context.bmcMessage
  }
}

/** Another flash request replaced ours (one transfer per board, last request wins, spec §5.9). */
export class FlashPreemptedError extends FlashError {
  /** The id of the transfer that replaced ours, when seen. */
  readonly foreignId?: number

  constructor(
    message: string,
    context: BmcErrorContext & { foreignId?: number; bmcMessage?: string }
  ) {
    super(message, { ...context, kind: 'preempted' })
    this.foreignId = context.foreignId
  }
}

/** Our own AbortSignal fired; the transfer was abandoned on purpose. */
export class FlashAbortedError extends FlashError {}

/** The node did not show signs of life in time. */
export class BootTimeoutError extends BmcError {
  constructor(message: string, context: Omit<BmcErrorContext, 'operation'>) {
    super(message, { ...context, operation: 'waitForBoot', step: context.step ?? 'boot' })
  }
}

/**
 * Maps a failed request without an HTTP answer (refused, reset, timed out, TLS) to a typed BMC
 * error with advice (spec §7.4 quirks 13/14: bmcd down or OOM-killed; reboot the BMC).
 */
import { BmcError, BmcTlsError, BmcUnreachableError, FlashAbortedError, FlashError } from './errors'
import { HttpTransportError, toTransportError } from './http'
import { SourceLengthError } from './multipart'
import type { BmcTlsOptions } from './types'

export interface TransportContext {
  operation: string
  slot?: number
  host: string
  port: number
  tls: BmcTlsOptions
}

const DOWN_ADVICE =
  'bmcd is not answering: it may have crashed (it can run out of memory after repeated flashes), ' +
  'failed to start after an upgrade, or the board is off. Reboot the BMC (power-cycle the board if ' +
  'its web UI is unreachable too), then retry. Firmware 1.x (plain HTTP) is not supported.'

const DROPPED_ADVICE =
  'The BMC dropped the connection; bmcd may have crashed (out of memory after repeated flashes). ' +
  'Check the BMC web UI; reboot the BMC if it does not answer, then retry.'

const NETWORK_ADVICE =
  'Check the BMC host name/IP and port, that the board is powered, and the network path from ' +
  'this machine to the BMC.'

const TIMEOUT_ADVICE =
  'The BMC handles one request at a time: another client uploading an image keeps it busy for ' +
  'minutes. If nothing else uses it, bmcd is hung: reboot the BMC.'

export function transportFailure(error: unknown, ctx: TransportContext): BmcError {
  const failure = toTransportError(error)
  const where = `${ctx.host}:${ctx.port}`
  const node = ctx.slot
  const operation = ctx.operation
  const seen = `${failure.code}: ${failure.message}`

  if (failure.kind === 'aborted') {
    if (operation !== 'upload')
      return new BmcError(`${operation} was cancelled.`, { operation, node })
    return new FlashAbortedError(`The upload for node ${node ?? '?'} was cancelled.`, {
      operation,
      node,
      kind: 'aborted',
      advice: 'The BMC cancels the transfer and powers the node off; flash it again when ready.'
    })
  }
  if (failure.kind === 'source') {
    const cause = failure.cause
    const short = cause instanceof SourceLengthError
    return new FlashError(
      `Reading the image for node ${node ?? '?'} failed: ${failure.message}.`,
      {
        operation,
        node,
        kind: 'image',
        evidence: seen,
        advice: short
          ? 'The image file changed or is shorter than its recorded size; download it again.'
          : 'Check the image file is readable and the disk is healthy; download it again.'
      },
      { cause }
    )
  }
  if (failure.kind === 'tls') {
    const pinned = failure.code === 'ERR_BMC_FINGERPRINT_MISMATCH'
    return new BmcTlsError(`TLS check of the BMC at ${where} failed (${operation}).`, {
      operation,
      node,
      evidence: seen,
      advice: pinned
        ? 'The BMC shows a different certificate than the pinned fingerprint. If its certificate ' +
          'was regenerated (firmware reinstall), update the fingerprint; otherwise something is ' +
          'intercepting the connection - do not continue.'
        : ctx.tls.mode === 'verify'
          ? 'The BMC uses a self-signed certificate by default. Pin it with tls mode ' +
            '"fingerprint" (sha256 of the certificate) or give its CA in caPem.'
          : 'Check the port is the BMC HTTPS port (443).'
    })
  }
  const code = failure.code
  let message: string
  let advice: string
  if (failure.kind === 'timeout') {
    message = `The BMC at ${where} did not answer ${operation} in time.`
    advice = TIMEOUT_ADVICE
  } else if (code === 'ECONNREFUSED') {
    message = `The BMC at ${where} refused the connection (${operation}).`
    advice = DOWN_ADVICE
  } else if (code === 'ECONNRESET' || code === 'EPIPE' || /socket hang up/i.test(failure.message)) {
    message = `The BMC at ${where} dropped the connection during ${operation}.`
    advice = DROPPED_ADVICE
  } else {
    message = `The BMC at ${where} is unreachable (${operation}).`
    advice = NETWORK_ADVICE
  }
  return new BmcUnreachableError(
    message,
    { operation, node, code, evidence: seen, advice },
    error instanceof HttpTransportError ? (error.cause ?? error) : error
  )
}

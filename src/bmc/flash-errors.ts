/**
 * Turns the BMC's flash failure texts (Error state, spec §5.10; upload answers, §5.3) into a clear
 * message and advice. The BMC only gives bare strings, mostly with HTTP 500, so we match text.
 */
import { FlashError, FlashPreemptedError, type FlashErrorKind } from './errors'

export interface FlashFailure {
  kind: FlashErrorKind
  /** What happened, in words a user understands. */
  summary: string
  advice: string
}

interface Rule extends FlashFailure {
  test: RegExp
}

const RETRY = 'Run the flash again; nothing else needs to change.'

const STATE_RULES: Rule[] = [
  {
    test: /^Send timeout/i,
    kind: 'send-timeout',
    summary: 'the image upload did not reach the BMC within its 10 s deadline',
    advice:
      'The upload must start right after the flash request. Check the network path to the BMC and ' +
      `that nothing else holds the BMC busy (another client uploading), then retry. ${RETRY}`
  },
  {
    test: /cancelled by user|transfer cancell?ed/i,
    kind: 'cancelled',
    summary:
      'the transfer was cancelled (a cancel request, an aborted upload or another flash request)',
    advice:
      'Make sure no one else (BMC web UI, tpi, another workflow) flashes this board at the same ' +
      'time; flashes must run one after another. Then retry.'
  },
  {
    test: /USB interface not found|Compute module not supported/i,
    kind: 'usb-not-found',
    summary: "the BMC could not find the module's USB interface (it did not enter flash mode)",
    advice:
      'Check that a module sits in this slot, reseat it, then power-cycle the whole board ' +
      '(or reboot the BMC) and retry.'
  },
  {
    test: /Several supported devices/i,
    kind: 'usb-several-devices',
    summary: 'the BMC saw more than one flashable USB device',
    advice:
      'Another node is still exposed in USB flash/MSD mode. Set the other nodes back to normal ' +
      '(`usb` mode device, clear usb_boot) or power them off, reboot the BMC, then retry.'
  },
  {
    test: /Error loading USB device/i,
    kind: 'usb-load',
    summary: "the BMC could not open the module's storage over USB",
    advice: 'Reseat the module, power-cycle the board (or reboot the BMC) and retry.'
  },
  {
    test: /sha256 checksum failed/i,
    kind: 'sha256-mismatch',
    summary: 'the uploaded bytes do not match the expected SHA-256 (the image is corrupt)',
    advice:
      'The eMMC now holds a corrupt image. Delete the cached image, download it again, verify ' +
      'its checksum and flash again.'
  },
  {
    test: /crc error/i,
    kind: 'crc-mismatch',
    summary:
      'the read-back CRC check failed (what was read from the eMMC differs from what was written)',
    advice:
      'This points to an eMMC write problem. Retry once; if it fails again the module eMMC is ' +
      'likely failing and the module should be replaced.'
  },
  {
    test: /No space left|os error 28/i,
    kind: 'no-space',
    summary: 'the image is larger than the eMMC',
    advice: 'Use an image that fits the module eMMC (RK1: 32 GB).'
  },
  {
    test: /failed firmware upgrade|failed os_update/i,
    kind: 'firmware-upgrade',
    summary: 'the BMC firmware upgrade script failed',
    advice: 'Check the firmware file matches the board, reboot the BMC and retry.'
  }
]

/** Classifies the text of a final `{"Error": "..."}` state. */
export function classifyFlashState(message: string): FlashFailure {
  const rule = STATE_RULES.find((r) => r.test.test(message))
  if (rule) return { kind: rule.kind, summary: rule.summary, advice: rule.advice }
  return {
    kind: 'unknown',
    summary: 'the BMC reported an error',
    advice: 'Read the BMC message above; reboot the BMC if it persists, then retry.'
  }
}

export function flashStateError(slot: number, message: string, cause?: unknown): FlashError {
  const failure = classifyFlashState(message)
  return new FlashError(
    `Flashing node ${slot} failed: ${failure.summary}.`,
    {
      operation: 'flashStatus',
      node: slot,
      kind: failure.kind,
      bmcMessage: message,
      evidence: `BMC transfer state: Error "${message}"`,
      advice: failure.advice
    },
    { cause }
  )
}

/**
 * Upload answers of spec §5.3. `needsStatus` tells the caller that the real reason is in the
 * transfer state (the upload only saw the consequence).
 */
export function classifyUploadFailure(body: string): FlashFailure & { needsStatus: boolean } {
  const text = body.trim()
  if (/^missing .* bytes/i.test(text)) {
    return {
      kind: 'upload-incomplete',
      summary: 'the upload ended before all bytes arrived, so the BMC cancelled the transfer',
      advice:
        'The connection dropped or the image file is shorter than announced. Check the network ' +
        `and the image file. ${RETRY}`,
      needsStatus: false
    }
  }
  if (/unauthorized request for handle/i.test(text)) {
    return {
      kind: 'preempted',
      summary: 'the BMC is busy with another transfer that replaced ours',
      advice:
        'Someone else started a flash on this board. Flashes must run one at a time; retry after it ends.',
      needsStatus: true
    }
  }
  if (/cannot execute command in current state/i.test(text)) {
    return {
      kind: 'upload-state',
      summary: 'the BMC no longer expected our upload (the transfer had already ended)',
      advice: `The transfer failed or was replaced before the upload began. ${RETRY}`,
      needsStatus: true
    }
  }
  if (/cannot transfer bytes to worker/i.test(text)) {
    return {
      kind: 'upload-rejected',
      summary: 'the BMC refused the upload (another upload for this transfer is already running)',
      advice: 'Make sure only one client flashes this board, then retry.',
      needsStatus: true
    }
  }
  if (/Multipart form invalid/i.test(text)) {
    return {
      kind: 'upload-rejected',
      summary: 'the BMC could not parse the multipart upload',
      advice: 'This is a client bug; please report it with this log.',
      needsStatus: false
    }
  }
  const state = classifyFlashState(text)
  return { ...state, needsStatus: state.kind === 'unknown' || state.kind === 'cancelled' }
}

export function uploadError(
  slot: number,
  status: number | undefined,
  body: string,
  cause?: unknown
): FlashError {
  const failure = classifyUploadFailure(body)
  const context = {
    operation: 'upload',
    node: slot,
    status,
    body,
    bmcMessage: body,
    advice: failure.advice
  }
  if (failure.kind === 'preempted') {
    return new FlashPreemptedError(`Flashing node ${slot} failed: ${failure.summary}.`, context)
  }
  return new FlashError(
    `Uploading the image for node ${slot} failed: ${failure.summary}.`,
    { ...context, kind: failure.kind },
    { cause }
  )
}

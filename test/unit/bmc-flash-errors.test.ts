/** Every Error text of spec §5.10 and every upload answer of §5.3 maps to a clear kind and advice. */
import { describe, expect, it } from '@jest/globals'
import {
  classifyFlashState,
  classifyUploadFailure,
  flashStateError,
  uploadError
} from '../../src/bmc/flash-errors'
import { FlashError, FlashPreemptedError } from '../../src/bmc/errors'

describe('final Error state texts (spec §5.10)', () => {
  const cases: [string, string, RegExp][] = [
    ['Send timeout', 'send-timeout', /did not reach the BMC within its 10 s deadline/],
    ['cancelled by user', 'cancelled', /cancelled/],
    ["Compute module's USB interface not found or supported", 'usb-not-found', /USB interface/],
    ['Compute module not supported', 'usb-not-found', /USB interface/],
    [
      'Error loading USB device: Several supported devices found',
      'usb-several-devices',
      /more than one/
    ],
    ['Error loading USB device: No supported USB devices found', 'usb-load', /storage over USB/],
    ['Error loading USB device: rpiboot failed', 'usb-load', /storage over USB/],
    ['sha256 checksum failed. Expected: ab12, got: cd34', 'sha256-mismatch', /corrupt/],
    ['crc error. expected 1234567890, calculated 987654321', 'crc-mismatch', /CRC/],
    ['No space left on device (os error 28)', 'no-space', /larger than the eMMC/],
    ['failed firmware upgrade (exit status: 1)', 'firmware-upgrade', /firmware/],
    ['failed os_update (exit status: 255)', 'firmware-upgrade', /firmware/],
    ['something nobody expected', 'unknown', /reported an error/]
  ]
  it.each(cases)('%s', (text, kind, summary) => {
    const failure = classifyFlashState(text)
    expect(failure.kind).toBe(kind)
    expect(failure.summary).toMatch(summary)
    expect(failure.advice.length).toBeGreaterThan(20)
  })

  it('advice says what to do for the hardware cases', () => {
    expect(
      classifyFlashState("Compute module's USB interface not found or supported").advice
    ).toMatch(/reseat.*power-cycle/is)
    expect(
      classifyFlashState('Error loading USB device: Several supported devices found').advice
    ).toMatch(/USB flash\/MSD mode/)
    expect(classifyFlashState('crc error. expected 1, calculated 2').advice).toMatch(/replaced/)
    expect(classifyFlashState('sha256 checksum failed. Expected: a, got: b').advice).toMatch(
      /download it again/
    )
  })

  it('builds a FlashError with node, evidence and the BMC text', () => {
    const error = flashStateError(3, 'Send timeout')
    expect(error).toBeInstanceOf(FlashError)
    expect(error).toMatchObject({
      node: 3,
      step: 'flash',
      kind: 'send-timeout',
      bmcMessage: 'Send timeout'
    })
    expect(error.message).toMatch(/node 3/)
    expect(error.describe()).toContain('Seen: BMC transfer state: Error "Send timeout"')
  })
})

describe('upload answers (spec §5.3)', () => {
  const cases: [string, string, boolean][] = [
    ['missing 1.05 MB bytes', 'upload-incomplete', false],
    ['unauthorized request for handle', 'preempted', true],
    [
      'cannot execute command in current state. current=Error, expected=Transferring',
      'upload-state',
      true
    ],
    [
      'cannot execute command in current state. current=Done, expected=Transferring',
      'upload-state',
      true
    ],
    [
      'cannot execute command in current state. current=Ready, expected=Transferring',
      'upload-state',
      true
    ],
    [
      'cannot transfer bytes to worker. This is either because the transfer happens locally, or is already ongoing.',
      'upload-rejected',
      true
    ],
    ['Multipart form invalid', 'upload-rejected', false],
    ['transfer canceled', 'cancelled', true],
    ['crc error. expected 1, calculated 2', 'crc-mismatch', false],
    ['No space left on device (os error 28)', 'no-space', false]
  ]
  it.each(cases)('%s', (text, kind, needsStatus) => {
    const failure = classifyUploadFailure(text)
    expect(failure.kind).toBe(kind)
    expect(failure.needsStatus).toBe(needsStatus)
  })

  it('a foreign handle is a pre-emption error', () => {
    const error = uploadError(2, 500, 'unauthorized request for handle')
    expect(error).toBeInstanceOf(FlashPreemptedError)
    expect(error).toMatchObject({ node: 2, status: 500, operation: 'upload' })
  })

  it('missing bytes says the upload ended early', () => {
    const error = uploadError(1, 500, 'missing 1.05 MB bytes')
    expect(error.kind).toBe('upload-incomplete')
    expect(error.message).toMatch(/ended before all bytes arrived/)
    expect(error.evidence).toBe('HTTP 500: missing 1.05 MB bytes')
  })
})

/** USB mode codes of bmcd >= 2.0.4 (spec §4.3) and their client-side validation. */
import { InputError } from '../common/errors'

export type UsbRole = 'host' | 'device' | 'flash'

/** `tpi usb <role> [--bmc]` encoding: 0/1/2 for the role, +4 when the BMC is the other end. */
export function usbModeCode(role: UsbRole, viaBmc: boolean): number {
  const low = role === 'host' ? 0 : role === 'device' ? 1 : 2
  return low | (viaBmc ? 4 : 0)
}

/**
 * Modes 3 and 7 (two low bits set) hit `unreachable!()` in bmcd: the handler panics and the request
 * dies without an answer (spec §4.3, quirk 8). Reject them before they reach the board.
 */
export function assertUsbMode(mode: number): void {
  if (!Number.isInteger(mode) || mode < 0 || mode > 7 || (mode & 3) === 3) {
    throw new InputError('Invalid USB mode.', [
      {
        path: 'mode',
        message:
          `USB mode must be one of 0, 1, 2 (host/device/flash via USB-A) or 4, 5, 6 (via the BMC); ` +
          `got ${String(mode)}. Modes 3 and 7 crash the BMC request handler.`
      }
    ])
  }
}

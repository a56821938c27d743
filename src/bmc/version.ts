/**
 * BMC daemon version detection (spec §1.4): `about` tells the bmcd generation, `usb` the board.
 * Needs only a logged-in 2.x BMC; 1.x (plain HTTP, no login) shows up as unreachable.
 */
import { BmcError } from './errors'
import type { BmcAbout, BmcProfile, BmcVersion, UsbState } from './types'

export interface VersionProbe {
  about(): Promise<BmcAbout>
  getUsb(): Promise<UsbState>
}

export async function detectBmcVersion(probe: VersionProbe): Promise<BmcVersion> {
  let about: BmcAbout | undefined
  try {
    about = await probe.about()
  } catch (error) {
    // bmcd 2.0.0-2.0.1 have no `about` and answer 400 "Invalid `type` parameter about".
    if (!(error instanceof BmcError) || error.status !== 400) throw error
  }
  let usb: UsbState | undefined
  try {
    usb = await probe.getUsb()
  } catch (error) {
    if (!(error instanceof BmcError) || error.status === undefined) throw error
  }
  const busType = usb?.busType
  const board: BmcVersion['board'] =
    busType === undefined ? undefined : /hub/i.test(busType) ? 'v2.5' : 'v2.4'
  if (!about) {
    return { generation: '2.x', profile: '2.0.0-2.0.1', ...(busType ? { busType } : {}) }
  }
  const profile = profileOf(about)
  const daemonVersion = about.bmcdVersion ?? about.version
  const firmwareVersion = about.bmcdVersion ? about.version : about.buildVersion
  return {
    generation: '2.x',
    profile,
    ...defined({
      daemonVersion,
      api: about.api,
      firmwareVersion,
      boardModel: about.boardModel,
      boardRevision: about.boardRevision,
      hostname: about.hostname,
      busType,
      board
    })
  }
}

function profileOf(about: BmcAbout): BmcProfile {
  if (about.bmcdVersion !== undefined) return '2.3.5+'
  if (about.boardModel !== undefined) return '2.3.0-2.3.4'
  return '2.0.2-2.0.5'
}

function defined<T extends Record<string, unknown>>(record: T): Partial<T> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as Partial<T>
}

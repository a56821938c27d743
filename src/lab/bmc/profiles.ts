/** Payload differences between bmcd versions (§1.3) and board revisions. */
import type { BoardRevision, FirmwareProfile, Slot } from './types'

export interface Profile {
  firmware: FirmwareProfile
  board: BoardRevision
  /** bmcd 2.3.x: node_info, cooling, usb_node1, sha256/skip_crc/xz/URL transfers, non-draining UART. */
  modern: boolean
  host: string
  mac: string
}

const BUILDROOT = { '2.0.5': 'Buildroot 2023.02.4', modern: 'Buildroot 2024.05.1' }
const BUILDTIME = {
  '2.0.5': '2023-12-19 09:40:52-00:00',
  '2.3.4': '2024-08-30 15:34:16-00:00',
  '2.3.7': '2025-02-23 11:53:49-00:00'
}
/** os-release VERSION of the firmware that ships each bmcd. */
const OS_VERSION = { '2.0.5': '2.0.5', '2.3.4': '2.1.0', '2.3.7': '2.1.0' }

export function makeProfile(
  firmware: FirmwareProfile,
  board: BoardRevision,
  host: string
): Profile {
  return { firmware, board, modern: firmware !== '2.0.5', host, mac: '02:42:54:50:49:32' }
}

function buildroot(p: Profile): string {
  return p.modern ? BUILDROOT.modern : BUILDROOT['2.0.5']
}

/** `opt=get&type=about` (an object; keys sorted by the caller). */
export function aboutPayload(p: Profile): Record<string, string> {
  const common = {
    api: '1.1',
    buildroot: buildroot(p),
    buildtime: BUILDTIME[p.firmware]
  }
  if (p.firmware === '2.0.5') {
    return { ...common, build_version: OS_VERSION['2.0.5'], version: '2.0.5' }
  }
  // The model and host name say "rk1 lab" so that everything produced against the emulator is
  // labelled simulated (the product reads them from `about`).
  const board = {
    board_model: `${p.board === 'v2.5' ? 'Turing Pi 2.5' : 'Turing Pi 2'} (rk1 lab emulator)`,
    board_revision: p.board === 'v2.5' ? 'v2.5.2' : 'v2.4.0',
    hostname: 'rk1-lab'
  }
  if (p.firmware === '2.3.4') {
    return { ...common, ...board, build_version: OS_VERSION['2.3.4'], version: '2.3.4' }
  }
  return { ...common, ...board, bmcd_version: '2.3.7', version: OS_VERSION['2.3.7'] }
}

/** `opt=get&type=other` (legacy info): `buildroot` keeps the os-release quotes. */
export function otherPayload(p: Profile): Record<string, string> {
  const base = {
    api: '1.1',
    buildroot: `"${buildroot(p)}"`,
    buildtime: BUILDTIME[p.firmware],
    mac: p.mac
  }
  if (p.firmware === '2.3.7') return { ...base, ip: p.host, version: OS_VERSION['2.3.7'] }
  // bmcd 2.3.4 reads eth0 while the address sits on br0 (quirk 15).
  const ip = p.firmware === '2.3.4' ? 'Unknown' : p.host
  return { ...base, build_version: OS_VERSION[p.firmware], ip, version: p.firmware }
}

/** `opt=get&type=info` (struct order, not sorted). */
export function infoPayload(p: Profile): unknown {
  return {
    ip: [{ device: 'br0', ip: p.host, mac: p.mac }],
    storage: [
      { name: 'BMC', total_bytes: 51_462_144, bytes_free: 23_130_112 },
      { name: 'SD card', total_bytes: 31_254_904_832, bytes_free: 30_981_652_480 }
    ]
  }
}

/** `opt=get&type=sdcard`, bytes. */
export function sdcardPayload(): Record<string, number> {
  const total = 31_254_904_832
  const free = 30_981_652_480
  return { free, total, use: total - free }
}

/** Transfer `process_name`. */
export function processName(p: Profile, slot: Slot | undefined): string {
  if (slot === undefined) return p.modern ? 'firmware upgrade service' : 'os upgrade service'
  return p.modern ? `Node ${slot} os install service` : `Node ${slot} upgrade service`
}

/** USB route names: 2.0.x called the USB-A side `UsbA`. */
export function routeName(p: Profile, route: 'AlternativePort' | 'Bmc'): string {
  return route === 'Bmc' ? 'Bmc' : p.modern ? 'AlternativePort' : 'UsbA'
}

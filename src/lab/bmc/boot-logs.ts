/**
 * What an emulated RK1 prints on its UART after power-on, chosen by what its eMMC holds.
 *
 * Lab images identify themselves with a text marker anywhere in their first 64 KiB:
 *   `RK1LAB-IMAGE distro=<talos|armbian|…> [version=<v>] [ip=<addr>] [hostname=<name>]`
 * (key=value pairs separated by spaces, up to the end of the line or a NUL byte). Without a marker
 * an all-zero (erased) eMMC stays silent like a module in maskrom, and anything else prints a
 * generic Linux boot that ends in `login: `.
 */
import { createHash } from 'node:crypto'
import { bootloader, kernel, kernelLine, rawLine } from '../console'
import { maintenanceLines } from '../talos/node-boot'
import type { BootScript, EmmcInfo, Slot } from './types'

export const MARKER = 'RK1LAB-IMAGE'
export const MARKER_SCAN_BYTES = 64 * 1024

/** The key=value pairs of the lab image marker, or undefined when the head carries none. */
export function parseImageMarker(head: Buffer): Record<string, string> | undefined {
  const scan = head.subarray(0, MARKER_SCAN_BYTES)
  const at = scan.indexOf(MARKER)
  if (at < 0) return undefined
  let end = at + MARKER.length
  while (end < scan.length && scan[end] !== 0x0a && scan[end] !== 0x0d && scan[end] !== 0) end++
  const fields: Record<string, string> = {}
  for (const word of scan
    .subarray(at + MARKER.length, end)
    .toString('latin1')
    .split(/\s+/)) {
    const eq = word.indexOf('=')
    if (eq > 0) fields[word.slice(0, eq)] = word.slice(eq + 1)
  }
  return fields
}

export function isErased(emmc: EmmcInfo): boolean {
  return emmc.bytesWritten === 0 || emmc.head.every((b) => b === 0)
}

/** The default console output of a node (see the file comment); undefined = silence. */
export function defaultBootScript(slot: Slot, emmc: EmmcInfo): BootScript | undefined {
  if (isErased(emmc)) return undefined
  const marker = parseImageMarker(emmc.head)
  const ip = marker?.ip ?? `127.0.1.${slot}`
  switch (marker?.distro) {
    case 'talos':
      return talosMaintenance(ip, marker.version ?? 'v1.9.5', emmc)
    case 'armbian':
      return armbian(marker.hostname ?? 'turing-rk1', marker.version ?? '25.8.1')
    default:
      return genericLinux(marker?.hostname ?? 'localhost')
  }
}

function talosMaintenance(ip: string, version: string, emmc: EmmcInfo): BootScript {
  // The lab Talos node prints a real certificate's fingerprint; without one, a stable stand-in.
  const fingerprint = createHash('sha256')
    .update(`talos-maintenance:${ip}:${emmc.sha256 ?? ''}`)
    .digest('base64')
  return { lines: maintenanceLines(ip, version, fingerprint) }
}

function armbian(hostname: string, version: string): BootScript {
  return {
    lines: [
      ...bootloader(),
      ...kernel(3000, '6.1.115-vendor-rk35xx'),
      kernelLine(5000, 'EXT4-fs (mmcblk0p1): mounted filesystem with writeback data mode'),
      kernelLine(6000, 'systemd[1]: systemd 257 running in system mode'),
      rawLine(9000, '[  OK  ] Started armbian-firstrun.service - Armbian first run tasks.'),
      rawLine(11_000, '[  OK  ] Started ssh.service - OpenBSD Secure Shell server.'),
      rawLine(12_000, '[  OK  ] Reached target multi-user.target - Multi-User System.'),
      rawLine(14_000, ''),
      rawLine(14_001, `Armbian ${version} Trixie ttyS9`),
      rawLine(14_002, ''),
      { atMs: 14_003, text: `${hostname} login: ` }
    ]
  }
}

function genericLinux(hostname: string): BootScript {
  return {
    lines: [
      ...bootloader(),
      ...kernel(3000, '6.1.0-generic'),
      kernelLine(6000, 'systemd[1]: Detected architecture arm64.'),
      rawLine(10_000, '[  OK  ] Reached target multi-user.target - Multi-User System.'),
      rawLine(10_001, ''),
      { atMs: 10_002, text: `${hostname} login: ` }
    ]
  }
}

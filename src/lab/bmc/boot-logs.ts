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
import type { BootLine, BootScript, EmmcInfo, Slot } from './types'

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

/** A kernel-log line: `[   12.345678] text` at `atMs` after power-on. */
export function kernelLine(atMs: number, text: string): BootLine {
  const secs = Math.floor(atMs / 1000)
  const micros = Math.round((atMs % 1000) * 1000)
  return {
    atMs,
    text: `[${String(secs).padStart(5)}.${String(micros).padStart(6, '0')}] ${text}\r\n`
  }
}

function rawLine(atMs: number, text: string): BootLine {
  return { atMs, text: `${text}\r\n` }
}

function bootloader(): BootLine[] {
  return [
    rawLine(600, 'DDR Version V1.08 20220617'),
    rawLine(900, 'U-Boot SPL board init'),
    rawLine(1500, 'U-Boot 2024.07 (turing-rk1)'),
    rawLine(1600, 'Model: Turing Machines RK1'),
    rawLine(2500, 'Starting kernel ...'),
    rawLine(2510, '')
  ]
}

function kernel(startMs: number, version: string): BootLine[] {
  return [
    kernelLine(startMs, 'Booting Linux on physical CPU 0x0000000000 [0x412fd050]'),
    kernelLine(startMs + 1, `Linux version ${version} (builder@lab) #1 SMP PREEMPT`),
    kernelLine(startMs + 2, 'Machine model: Turing Machines RK1'),
    kernelLine(startMs + 400, 'rk_gmac-dwmac fe1c0000.ethernet: eth0: Link is Up - 1Gbps/Full'),
    kernelLine(startMs + 900, 'mmcblk0: mmc0:0001 A3A562 29.1 GiB')
  ]
}

function talosMaintenance(ip: string, version: string, emmc: EmmcInfo): BootScript {
  const fingerprint = createHash('sha256')
    .update(`talos-maintenance:${ip}:${emmc.sha256 ?? ''}`)
    .digest('base64')
  const ctx = (controller: string, extra = ''): string =>
    ` {"component": "controller-runtime", "controller": "${controller}"${extra}}`
  const maint = ctx('runtime.MaintenanceServiceController')
  const at = 14_000
  return {
    lines: [
      ...bootloader(),
      ...kernel(3000, '6.12.18-talos'),
      kernelLine(6000, `[talos] [initramfs] booting Talos ${version}`),
      kernelLine(6100, '[talos] [initramfs] mounting the rootfs'),
      kernelLine(
        7000,
        `[talos] setting resolvers {"component": "controller-runtime", "controller": "network.ResolverSpecController"}`
      ),
      kernelLine(9000, '[talos] task setupLogger (1/1): done'),
      kernelLine(12_000, `[talos] entering maintenance service${ctx('config.AcquireController')}`),
      kernelLine(at, `[talos] this machine is reachable at:${maint}`),
      kernelLine(at + 1, `[talos] \t${ip}${maint}`),
      kernelLine(
        at + 20,
        `[talos] server certificate issued${ctx('runtime.MaintenanceServiceController', `, "fingerprint": "${fingerprint}"`)}`
      ),
      kernelLine(at + 21, `[talos] upload configuration using talosctl:${maint}`),
      kernelLine(
        at + 22,
        `[talos] \ttalosctl apply-config --insecure --nodes ${ip} --file <config.yaml>${maint}`
      ),
      kernelLine(
        at + 23,
        `[talos] or apply configuration using talosctl interactive installer:${maint}`
      ),
      kernelLine(
        at + 24,
        `[talos] \ttalosctl apply-config --insecure --nodes ${ip} --mode=interactive${maint}`
      ),
      kernelLine(at + 25, `[talos] optionally with node fingerprint check:${maint}`),
      kernelLine(
        at + 26,
        `[talos] \ttalosctl apply-config --insecure --nodes ${ip} --cert-fingerprint '${fingerprint}' --file <config.yaml>${maint}`
      )
    ]
  }
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

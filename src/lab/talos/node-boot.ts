/**
 * Console output of the lab Talos node (`../shared/specs/tools.md` §1.3): the maintenance banner
 * with the certificate fingerprint, the configured boot, and the lines of later transitions.
 */
import { kernelLine } from '../bmc/boot-logs'
import type { BootLine } from '../bmc/types'

const ctx = (controller: string, extra = ''): string =>
  ` {"component": "controller-runtime", "controller": "${controller}"${extra}}`

function raw(atMs: number, text: string): BootLine {
  return { atMs, text: `${text}\r\n` }
}

function firmwareAndKernel(version: string): BootLine[] {
  return [
    raw(600, 'DDR Version V1.08 20220617'),
    raw(900, 'U-Boot SPL board init'),
    raw(1500, 'U-Boot 2024.07 (turing-rk1)'),
    raw(1600, 'Model: Turing Machines RK1'),
    raw(2500, 'Starting kernel ...'),
    raw(2510, ''),
    kernelLine(3000, 'Booting Linux on physical CPU 0x0000000000 [0x412fd050]'),
    kernelLine(3001, 'Linux version 6.12.40-talos (@buildkitsandbox) #1 SMP'),
    kernelLine(3002, 'Machine model: Turing Machines RK1'),
    kernelLine(3900, 'mmcblk0: mmc0:0001 A3A562 29.1 GiB'),
    kernelLine(6000, `[talos] [initramfs] booting Talos ${version}`),
    kernelLine(6100, '[talos] [initramfs] mounting the rootfs'),
    kernelLine(9000, '[talos] task setupLogger (1/1): done')
  ]
}

/** Boot to the maintenance API; the last line is printed when the API listens. */
export function maintenanceLines(ip: string, version: string, fingerprint: string): BootLine[] {
  const maint = ctx('runtime.MaintenanceServiceController')
  const at = 14_000
  return [
    ...firmwareAndKernel(version),
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
    kernelLine(at + 23, `[talos] optionally with node fingerprint check:${maint}`),
    kernelLine(
      at + 24,
      `[talos] \ttalosctl apply-config --insecure --nodes ${ip} --cert-fingerprint '${fingerprint}' --file <config.yaml>${maint}`
    )
  ]
}

/** Boot of an installed node with its config in STATE; the API comes up with the last line. */
export function configuredLines(version: string, hostname: string): BootLine[] {
  return [
    ...firmwareAndKernel(version),
    kernelLine(10_000, '[talos] loaded machine configuration from STATE'),
    kernelLine(
      11_000,
      `[talos] setting hostname${ctx('network.HostnameSpecController', `, "hostname": "${hostname}"`)}`
    ),
    kernelLine(14_000, '[talos] service[apid](Running): Health check successful')
  ]
}

/** One console line at the given uptime (used after boot, written directly to the UART). */
export function consoleLine(uptimeMs: number, text: string): string {
  return kernelLine(uptimeMs, `[talos] ${text}`).text
}

export const RUNNING_LINE = `machine is running and ready${ctx('runtime.MachineStatusController')}`

/**
 * Console output of the lab Talos node (`../shared/specs/tools.md` §1.3): the maintenance banner
 * with the certificate fingerprint, the configured boot, and the lines of later transitions.
 */
import { bootloader, kernel, kernelLine } from '../console'
import type { BootLine } from '../bmc/types'

const ctx = (controller: string, extra = ''): string =>
  ` {"component": "controller-runtime", "controller": "${controller}"${extra}}`

function firmwareAndKernel(version: string): BootLine[] {
  return [
    ...bootloader(),
    ...kernel(3000, '6.12.40-talos'),
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

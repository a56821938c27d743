/**
 * Defaults for every non-address field. Addresses (BMC host, node IPs, network) are never
 * defaulted: a wrong guess there flashes or configures the wrong machine.
 */
import type { DistroName, NodeDisks, NodePorts, TlsMode } from './types'

export const DEFAULT_DISTRO: DistroName = 'talos'
export const DEFAULT_BMC_PORT = 443
/** The factory certificate is self-signed, so `verify` would fail out of the box. */
export const DEFAULT_TLS_MODE: TlsMode = 'insecure'
/** RK1: eMMC system disk, NVMe data disk (lifecycle.md §1.1). */
export const DEFAULT_DISKS: Readonly<NodeDisks> = Object.freeze({
  system: '/dev/mmcblk0',
  data: '/dev/nvme0n1'
})
export const DEFAULT_PORTS: Readonly<NodePorts> = Object.freeze({
  ssh: 22,
  talosApi: 50000,
  kubernetes: 6443
})
/** NIC name under the Armbian vendor kernel (lifecycle.md §1.2); `eth0` is wrong there. */
export const DEFAULT_INTERFACE = 'end0'

/**
 * UART lines that show a node finished booting. Talos: maintenance mode (fresh flash) prints the
 * address banner and the apply-config hint; a configured node prints "machine is running and
 * ready" (tools.md §1.3, lifecycle.md §1.6). Armbian: the console login prompt, also in its
 * autologin form (`turing-rk1 login: root (automatic login)`), which Armbian enables by default
 * (tools.md §4.2) and which the bare `login:\s*$` would never match.
 */
export const DEFAULT_BOOT_PATTERNS: Readonly<Record<DistroName, string>> = Object.freeze({
  talos:
    'machine is running and ready|this machine is reachable at:|upload configuration using talosctl',
  k3s: 'login:(\\s*$|\\s+\\S+ \\(automatic login\\))'
})

/** Flags every boot pattern is compiled with: `m` so `$` matches at each UART line end. */
export const BOOT_PATTERN_FLAGS = 'm'

export function compileBootPattern(pattern: string): RegExp {
  return new RegExp(pattern, BOOT_PATTERN_FLAGS)
}

/** The public Talos Image Factory (tools.md §2). */
export const DEFAULT_TALOS_FACTORY = 'https://factory.talos.dev'
/** The extensions Longhorn needs on Talos, in the order that gives the well-known RK1 ID. */
export const DEFAULT_TALOS_EXTENSIONS: readonly string[] = Object.freeze([
  'siderolabs/iscsi-tools',
  'siderolabs/util-linux-tools'
])

/** Recorded state of one emulated Armbian node (persisted as `<dir>/state.json`). */
import type { LabKubeHub } from '../../hub'
import type { K3sDirectory } from './k3s-directory'

export interface Partition {
  /** Kernel name, e.g. `nvme0n1p1`. */
  name: string
  number: number
  sizeBytes: number
  partlabel?: string
  fstype?: string
  uuid?: string
  label?: string
  mountpoint?: string
  /** The filesystem holds user data (a mkfs clears it). */
  hasData?: boolean
}

export interface Disk {
  name: string
  sizeBytes: number
  model: string
  serial: string
  /** Partition table type: 'gpt', 'dos' or undefined (none). */
  pttype?: string
  /** A filesystem written to the whole disk (no partition table). */
  fstype?: string
  uuid?: string
  label?: string
  mountpoint?: string
  hasData?: boolean
  /** The system disk carries the root filesystem and cannot be wiped while running. */
  system?: boolean
  partitions: Partition[]
}

export interface ServiceState {
  enabled: boolean
  active: boolean
}

export interface K3sState {
  role: 'server' | 'agent'
  version: string
  /** Command line after the role: flags from the installer args and INSTALL_K3S_EXEC. */
  flags: string[]
  /** K3S_* variables persisted in the unit's env file. */
  env: Record<string, string>
  /** Server: full token `K10<hash>::server:<password>`. Agent: the token it was given. */
  token?: string
  /** Agent: the server URL it joins. */
  serverUrl?: string
  nodeName: string
  /** Server: the lab cluster id given to the hub. */
  clusterId?: string
}

export interface ArmbianNodeState {
  slot: number
  ip: string
  /** Identifies the flash the node's filesystem came from (a new flash starts from the image). */
  flashId: string | null
  bootCount: number
  hostname: string
  armbianVersion: string
  /** /root/.not_logged_in_yet was consumed by a complete preset on a console first boot. */
  firstLoginDone: boolean
  /** The console wizard waits for input (incomplete preset). */
  consoleBlocked: boolean
  packages: string[]
  services: Record<string, ServiceState>
  modules: string[]
  sysctl: Record<string, string>
  disks: Disk[]
  swap: { name: string; sizeBytes: number }[]
  /** Netplan files applied by the last `netplan apply` (name → YAML text). */
  netplanApplied: Record<string, string> | null
  k3s: K3sState | null
  /** Stand-in calls in order (tool and arguments), for tests and reports. */
  calls: string[]
}

export interface ArmbianNodeFaults {
  /** The node never finishes booting: no login line, no SSH. */
  neverBoots?: boolean
  /** Drop the SSH connection (no exit status) once a command has sent this many output bytes. */
  dropAfterBytes?: number
  /** Drop the SSH connection when a command matches: at its start (process killed) or before its exit status. */
  dropOnCommand?: { match: RegExp; when?: 'start' | 'beforeExit' }
  /** Simulate a host where Linux namespaces are unavailable: the node refuses to start. */
  namespacesUnavailable?: boolean
  /** Drop the SSH connection once a command has received this many stdin bytes (mid-transfer). */
  dropAfterInputBytes?: number
  /** Flip one byte of a command's stdin at this offset (a corrupted transfer). */
  corruptInputAt?: number
  /** MemAvailable the node reports in /proc/meminfo (default 14 GiB of 16). */
  memAvailableBytes?: number
  /** An immediate reboot never comes back: the node stays dark until the BMC power-cycles it. */
  hangOnReboot?: boolean
}

export interface ArmbianNodeOptions {
  slot: 1 | 2 | 3 | 4
  /** Loopback address of the node (127.0.0.0/8). */
  ip: string
  sshPort: number
  /** The node's private directory (filesystem, state, sandbox). */
  dir: string
  hub: LabKubeHub
  /** Divides simulated durations (k3s start); default 1. */
  timeScale?: number
  faults?: ArmbianNodeFaults
  /** NVMe data disk: absent, blank, or holding an old filesystem with data; default 'blank'. */
  nvme?: 'none' | 'blank' | 'data'
  /** Where K3s servers publish their tokens for agents; default the process-wide directory. */
  k3s?: K3sDirectory
  /** The emulated eMMC (the BMC's image file): the node's /dev/mmcblk0, so its own OS can rewrite it. */
  emmcPath?: string
  /** `reboot -f` (the lab's stand-in for an immediate kernel reboot): boot again from the eMMC. */
  onForcedReboot?: () => void
}

import type { AirGap } from '../distro/k3s/operations'
import type { DistroName, Inventory, InventoryNode } from '../inventory'
import type { FlashPathMode } from '../node-flash'

/**
 * Everything a provision run was asked, read and checked once by the command
 * (src/commands/provision.ts) before anything is touched, then handed down as is.
 */
export interface ProvisionSettings {
  inventoryPath: string
  inventory: Inventory
  distro: DistroName
  steps: 'all' | 'flash'
  nodes: InventoryNode[]
  dryRun: boolean
  confirm?: string
  skipCrc: boolean
  flashPath: FlashPathMode
  /** Input `flash-uplink-mbps` in bytes per second: all node-path transfers together. */
  uplinkBytesPerSec: number
  bootTimeoutMs: number
  bmcUser: string
  bmcPassword: string
  reflash: boolean
  talosSecrets?: string
  /** Input `runner-address`: where Talos nodes writing themselves fetch the image. */
  runnerAddress?: string
  /** Input `node-write-image`: the Talos node-write Job's container image. */
  nodeWriteImage?: string
  outputDir?: string
  sshPrivateKey?: string
  allowFormatData: boolean
  staticNetwork: boolean
  airGap?: AirGap
  lockTimeoutMs: number
}

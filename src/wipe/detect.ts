/**
 * What each node runs before anything is touched, per node, never one verdict for the fleet
 * (lifecycle.md §5.2 collapses a mixed fleet into one word). The BMC's power bit first (a node it
 * holds off is not probed), then the provision detection of both distros: the Talos API with our
 * secrets, then SSH with our key. Read only.
 */
import type { Logger } from '../common/host'
import type { Inventory, InventoryNode } from '../inventory'
import { detectNodeState } from '../distro/talos/node-state'
import type { Talosctl } from '../distro/talos/talosctl'
import type { NodeLink } from '../distro/k3s/node-link'
import { dataDiskHoldsRoot } from '../distro/k3s/reset'
import { detectNode } from '../provision/k3s/k3s-detect'
import type { HostKeyStore } from '../distro/k3s/host-keys'

export type FoundKind =
  | 'powered-off'
  | 'unreachable'
  | 'talos-maintenance'
  | 'talos-ours'
  | 'talos-foreign'
  | 'k3s-ours'
  | 'k3s-foreign'
  | 'armbian'
  | 'ssh-locked'
  | 'unknown-os'

export const foundText: Record<FoundKind, string> = {
  'powered-off': 'powered off (BMC)',
  unreachable: 'powered on, nothing answers',
  'talos-maintenance': 'Talos maintenance mode',
  'talos-ours': 'Talos, this cluster',
  'talos-foreign': 'Talos of another cluster',
  'k3s-ours': 'K3s, this cluster',
  'k3s-foreign': 'K3s of another cluster',
  armbian: 'Armbian without K3s',
  'ssh-locked': 'SSH refuses our key',
  'unknown-os': 'another OS'
}

export interface Found {
  node: InventoryNode
  kind: FoundKind
  detail: string
  /** K3s role seen on the node. */
  k3sRole?: 'server' | 'agent'
  /** Talos machine stage (ours). */
  stage?: string
  /** Armbian nodes: the data disk (or a partition of it) holds `/` (asked on the node). */
  dataHoldsRoot?: boolean
  rootSource?: string
  /** Open SSH link when our key works (reused by the reset). */
  link?: NodeLink
}

export interface DetectContext {
  inventory: Inventory
  /** The BMC's stored power bit per slot; undefined when the BMC was not asked. */
  power?: Record<number, boolean>
  talosctl: Talosctl
  talosconfig: string
  haveSecrets: boolean
  privateKey: string
  keys: HostKeyStore
  log: Logger
  signal?: AbortSignal
}

async function detectArmbian(node: InventoryNode, ctx: DetectContext): Promise<Found> {
  const { state, link } = await detectNode(node, ctx)
  const base = { node, detail: state.detail, k3sRole: state.role, link }
  switch (state.kind) {
    case 'ours':
      return withRootCheck({ ...base, kind: 'k3s-ours' })
    case 'other-cluster':
      return withRootCheck({ ...base, kind: 'k3s-foreign' })
    case 'armbian':
      return withRootCheck({ ...base, kind: 'armbian' })
    case 'locked':
      return { ...base, kind: 'ssh-locked' }
    case 'other-os':
      return { ...base, kind: 'unknown-os' }
    case 'unreachable':
      return { ...base, kind: 'unreachable' }
  }
}

async function withRootCheck(found: Found): Promise<Found> {
  if (!found.link || !found.node.disks.data) return found
  const r = await dataDiskHoldsRoot(found.link)
  return { ...found, dataHoldsRoot: r.holdsRoot, rootSource: r.root }
}

export async function detectForWipe(node: InventoryNode, ctx: DetectContext): Promise<Found> {
  if (ctx.power && ctx.power[node.slot] === false)
    return { node, kind: 'powered-off', detail: 'the BMC holds the node powered off' }
  const talos = await detectNodeState(node, ctx)
  switch (talos.kind) {
    case 'ours':
      return { node, kind: 'talos-ours', detail: talos.detail, stage: talos.stage }
    case 'maintenance':
      return { node, kind: 'talos-maintenance', detail: talos.detail }
    case 'other-secrets':
      return { node, kind: 'talos-foreign', detail: talos.detail }
    case 'off':
      return { node, kind: 'unreachable', detail: talos.detail }
    case 'other-os':
      return detectArmbian(node, ctx)
  }
}

export async function detectAllForWipe(
  nodes: InventoryNode[],
  ctx: DetectContext
): Promise<Found[]> {
  return Promise.all(
    nodes.map((n) =>
      detectForWipe(n, ctx).catch((error: unknown): Found => ({
        node: n,
        kind: 'unreachable',
        detail: `detection failed: ${(error as Error).message.split('\n')[0] ?? ''}`
      }))
    )
  )
}

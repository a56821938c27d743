/**
 * What each node runs before anything is touched, per node, never one verdict for the fleet
 * (lifecycle.md §5.2 collapses a mixed fleet into one word). The BMC's power bit first (a node it
 * holds off is not probed), then the detection provision uses (src/distro/detect: Talos API and
 * SSH, ownership), plus a read-only check on Armbian nodes of whether the data disk holds `/`.
 */
import type { Logger } from '../common/host'
import type { Inventory, InventoryNode } from '../inventory'
import { detectNode, verdictText, type NodeVerdict } from '../distro/detect'
import { serverUrl } from '../distro/k3s/config'
import type { HostKeyStore } from '../distro/k3s/host-keys'
import type { NodeLink } from '../distro/k3s/node-link'
import { dataDiskHoldsRoot } from '../distro/k3s/reset'
import type { Talosctl } from '../distro/talos/talosctl'

/** The detection's verdicts, and one of the BMC's own. */
export type FoundKind = NodeVerdict | 'powered-off'

export const foundText: Record<FoundKind, string> = {
  ...verdictText,
  empty: 'powered on, nothing answers',
  'powered-off': 'powered off (BMC)'
}

export interface Found {
  node: InventoryNode
  kind: FoundKind
  detail: string
  /** K3s role seen on the node. */
  k3sRole?: 'server' | 'agent'
  /** Armbian nodes: the data disk (or a partition of it) holds `/` (asked on the node). */
  dataHoldsRoot?: boolean
  rootSource?: string
  /** Open SSH link when our key works (reused by the reset). */
  link?: NodeLink
}

export interface DetectContext {
  inventory: Inventory
  /** The BMC's stored power bit per slot. */
  power: Record<number, boolean>
  talosctl: Talosctl
  talosconfig: string
  haveSecrets: boolean
  /** Absent when the run has no SSH key: SSH nodes are then `ssh-locked`. */
  ssh?: { privateKey: string; keys: HostKeyStore }
  log: Logger
  signal?: AbortSignal
}

const ROOT_CHECKED: readonly FoundKind[] = ['ours-k3s', 'foreign-k3s', 'armbian']

async function withRootCheck(found: Found): Promise<Found> {
  if (!found.link || !found.node.disks.data || !ROOT_CHECKED.includes(found.kind)) return found
  const r = await dataDiskHoldsRoot(found.link)
  return { ...found, dataHoldsRoot: r.holdsRoot, rootSource: r.root }
}

export async function detectForWipe(node: InventoryNode, ctx: DetectContext): Promise<Found> {
  if (ctx.power[node.slot] === false)
    return { node, kind: 'powered-off', detail: 'the BMC holds the node powered off' }
  const seen = await detectNode(node, {
    talos: {
      talosctl: async () => ctx.talosctl,
      talosconfig: ctx.talosconfig,
      haveSecrets: ctx.haveSecrets
    },
    ssh: ctx.ssh,
    cluster: { name: ctx.inventory.name, k3sServer: serverUrl(ctx.inventory) },
    log: ctx.log,
    signal: ctx.signal
  })
  return withRootCheck({
    node,
    kind: seen.verdict,
    detail: seen.detail,
    k3sRole: seen.k3s?.role,
    link: seen.link
  })
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

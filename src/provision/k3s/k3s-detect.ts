/**
 * State of every node before anything is touched (src/distro/detect probes both Talos and SSH),
 * in the K3s path's names, and what to do about it (the K3s column of src/provision/decide.ts).
 */
import type { Host } from '../../common/host'
import type { Inventory, InventoryNode } from '../../inventory'
import { detectNodes, type NodeObservation, type NodeVerdict } from '../../distro/detect'
import { serverUrl } from '../../distro/k3s/config'
import type { HostKeyStore } from '../../distro/k3s/host-keys'
import type { NodeLink } from '../../distro/k3s/node-link'
import {
  stateText as k3sStateText,
  type K3sNodeState,
  type K3sNodeStateKind
} from '../../distro/k3s/node-state'
import { decide } from '../decide'
import type { K3sTalosAccess } from './k3s-talos'

export type K3sAction = 'flash' | 'setup' | 'upgrade' | 'none' | 'refuse'

/** What a K3s run found: the SSH states, and the Talos ones detection tells apart. */
export type K3sFound = K3sNodeStateKind | 'talos-maintenance' | 'ours-talos' | 'foreign-talos'

export const stateText: Record<K3sFound, string> = {
  ...k3sStateText,
  'talos-maintenance': 'Talos maintenance mode (no cluster)',
  'ours-talos': 'Talos of this cluster (a switch to K3s needs reflash)',
  'foreign-talos': 'Talos of a cluster not provably this one'
}

export interface Detected {
  state: Omit<K3sNodeState, 'kind'> & { kind: K3sFound }
  verdict: NodeVerdict
  /** Open link when our key works (reused by the configure step). */
  link?: NodeLink
}

const foundOf: Record<NodeVerdict, K3sFound> = {
  empty: 'unreachable',
  unreachable: 'unreachable',
  maintenance: 'talos-maintenance',
  'ours-talos': 'ours-talos',
  'foreign-talos': 'foreign-talos',
  'ours-k3s': 'ours',
  'foreign-k3s': 'other-cluster',
  armbian: 'armbian',
  'other-os': 'other-os',
  'ssh-locked': 'locked'
}

function detected(seen: NodeObservation): Detected {
  const state = { ...seen.k3s, kind: foundOf[seen.verdict], detail: seen.detail }
  return { state, verdict: seen.verdict, link: seen.link }
}

export async function detectAll(
  nodes: InventoryNode[],
  ctx: {
    host: Host
    inventory: Inventory
    privateKey: string
    keys: HostKeyStore
    /** With this cluster's Talos secrets its Talos nodes are `ours-talos` (k3s-talos.ts). */
    talos: K3sTalosAccess
  }
): Promise<Map<number, Detected>> {
  const { host, inventory } = ctx
  const seen = await detectNodes(nodes, {
    talos: ctx.talos,
    ssh: { privateKey: ctx.privateKey, keys: ctx.keys },
    cluster: { name: inventory.name, k3sServer: serverUrl(inventory) },
    log: host.log,
    signal: host.signal
  })
  return new Map([...seen].map(([slot, o]) => [slot, detected(o)]))
}

export function decideAction(
  found: Detected,
  node: InventoryNode,
  want: { version: string; reflash: boolean; serverSlot: number }
): K3sAction {
  const role = node.slot === want.serverSlot ? 'server' : 'agent'
  const { action } = decide(found.verdict, {
    distro: 'k3s',
    reflash: want.reflash,
    roleMatches: found.state.role === role,
    versionMatches: found.state.k3sVersion === want.version
  })
  return action === 'configure' ? 'setup' : action
}

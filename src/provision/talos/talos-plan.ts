/**
 * What to do with each node, from the state it was found in (tools.md §1.3). Reconcile, never
 * blindly redo: a node that already runs this cluster is left alone, one in maintenance mode is
 * configured without a flash, and one of another cluster is only flashed on explicit request.
 */
import type { InventoryNode } from '../../inventory'
import type { NodeObservation, NodeVerdict } from '../../distro/detect'
import {
  stateText as talosStateText,
  type NodeState as TalosState
} from '../../distro/talos/node-state'
import { decide } from '../decide'

/** What a Talos run found on a node: Talos states, and the K3s/SSH ones detection tells apart. */
export type TalosFound = TalosState['kind'] | 'ours-k3s' | 'foreign-k3s' | 'ssh-locked'
export type NodeState = Omit<TalosState, 'kind'> & { kind: TalosFound }

export const stateText: Record<TalosFound, string> = {
  ...talosStateText,
  'ours-k3s': 'K3s of this cluster (a switch to Talos needs reflash)',
  'foreign-k3s': 'K3s of another cluster',
  'ssh-locked': 'SSH answers but refuses our key (owner unknown)'
}

export type TalosAction = 'flash' | 'configure' | 'none' | 'upgrade' | 'refuse'

export const actionText: Record<TalosAction, string> = {
  flash: 'flash, configure',
  configure: 'configure (no flash)',
  none: 'nothing (up to date)',
  upgrade: 'upgrade',
  refuse: 'refused'
}

/** The Talos column of the rule table (src/provision/decide.ts), in the Talos path's names. */
export function decideAction(
  state: NodeState,
  wanted: { version: string; reflash: boolean }
): TalosAction {
  const verdict = talosVerdict[state.kind]
  const versionMatches = !state.version || state.version === wanted.version
  const { action } = decide(verdict, { distro: 'talos', reflash: wanted.reflash, versionMatches })
  return action === 'configure' ? 'configure' : action
}

const talosVerdict: Record<TalosFound, NodeVerdict> = {
  off: 'empty',
  'other-os': 'other-os',
  maintenance: 'maintenance',
  ours: 'ours-talos',
  'other-secrets': 'foreign-talos',
  'ours-k3s': 'ours-k3s',
  'foreign-k3s': 'foreign-k3s',
  'ssh-locked': 'ssh-locked'
}

/** What the Talos path calls what detection found. */
export function talosStateOf(seen: NodeObservation): NodeState {
  const kinds: Record<NodeVerdict, TalosFound> = {
    empty: 'off',
    unreachable: 'off',
    maintenance: 'maintenance',
    'ours-talos': 'ours',
    'foreign-talos': 'other-secrets',
    'ours-k3s': 'ours-k3s',
    'foreign-k3s': 'foreign-k3s',
    armbian: 'other-os',
    'other-os': 'other-os',
    'ssh-locked': 'ssh-locked'
  }
  return { ...seen.talos, kind: kinds[seen.verdict], detail: seen.detail }
}

/** Control planes first: workers fetch their certificates from the control plane's trustd. */
export function controlPlaneFirst(nodes: InventoryNode[]): InventoryNode[] {
  return [...nodes].sort(
    (a, b) =>
      Number(a.role !== 'control-plane') - Number(b.role !== 'control-plane') || a.slot - b.slot
  )
}

/** Why our key proves a node is this cluster's, for the path reason (nodes with a kept link). */
export function nodePathProof(kind: TalosFound): string {
  return kind === 'ours-k3s'
    ? 'our SSH key is accepted, K3s of this cluster'
    : 'our SSH key is accepted, Armbian without K3s'
}

/**
 * Why a node of a Talos run goes through the BMC whatever flash-path says: only a K3s/Armbian node
 * that our key opens can write the Talos image itself (over SSH).
 */
export function noNodePathReason(kind: TalosFound): string {
  const reasons: Record<TalosFound, string> = {
    off: 'no running OS answers',
    maintenance: 'Talos maintenance mode: no running OS of this cluster to write with',
    ours: 'Talos of this cluster: a Talos run rewrites Talos nodes through the BMC',
    'other-secrets': "not provably this cluster's (Talos configured with other secrets)",
    'other-os': 'another OS: the node path needs Armbian of this cluster',
    'ours-k3s': 'K3s of this cluster, but this run keeps no SSH session to it',
    'foreign-k3s': "not provably this cluster's (K3s of another cluster)",
    'ssh-locked': "not provably this cluster's (SSH refuses our key)"
  }
  return reasons[kind]
}

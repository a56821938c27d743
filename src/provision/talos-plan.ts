/**
 * What to do with each node, from the state it was found in (tools.md §1.3). Reconcile, never
 * blindly redo: a node that already runs this cluster is left alone, one in maintenance mode is
 * configured without a flash, and one of another cluster is only flashed on explicit request.
 */
import type { InventoryNode } from '../inventory'
import type { NodeState } from '../distro/talos/node-state'

export type TalosAction = 'flash' | 'configure' | 'none' | 'upgrade' | 'refuse'

export const actionText: Record<TalosAction, string> = {
  flash: 'flash, configure',
  configure: 'configure (no flash)',
  none: 'nothing (up to date)',
  upgrade: 'upgrade',
  refuse: 'refused'
}

export function decideAction(
  state: NodeState,
  wanted: { version: string; reflash: boolean }
): TalosAction {
  if (wanted.reflash) return 'flash'
  switch (state.kind) {
    case 'off':
    case 'other-os':
      return 'flash'
    case 'maintenance':
      return 'configure'
    case 'ours':
      return state.version && state.version !== wanted.version ? 'upgrade' : 'none'
    case 'other-secrets':
      // Most often: our own cluster, run without its talos-secrets. Flashing would destroy it.
      return 'refuse'
  }
}

/** Control planes first: workers fetch their certificates from the control plane's trustd. */
export function controlPlaneFirst(nodes: InventoryNode[]): InventoryNode[] {
  return [...nodes].sort(
    (a, b) =>
      Number(a.role !== 'control-plane') - Number(b.role !== 'control-plane') || a.slot - b.slot
  )
}

/** State of every node before anything is touched, and what to do about it. */
import type { Logger } from '../../common/host'
import type { Inventory, InventoryNode } from '../../inventory'
import { serverUrl } from '../../distro/k3s/config'
import { detectK3sState, type K3sNodeState } from '../../distro/k3s/node-state'
import { NodeLink } from '../../distro/k3s/node-link'
import { SshAuthError, SshHostKeyError } from '../../node-access/ssh'
import type { HostKeyStore } from '../../distro/k3s/host-keys'
import type { K3sAction } from './k3s-summary'

export interface Detected {
  state: K3sNodeState
  /** Open link when our key works (reused by the configure step). */
  link?: NodeLink
}

export async function detectNode(
  node: InventoryNode,
  ctx: {
    inventory: Inventory
    privateKey: string
    keys: HostKeyStore
    log: Logger
    signal?: AbortSignal
  }
): Promise<Detected> {
  const link = new NodeLink({
    node,
    privateKey: ctx.privateKey,
    hostKey: ctx.keys.policy(node.slot),
    log: ctx.log,
    signal: ctx.signal,
    connectTimeoutMs: 4000
  })
  try {
    const session = await link.connect()
    await ctx.keys.save(node.slot, session.hostKeyFingerprint)
    const state = await detectK3sState(session, {
      cluster: ctx.inventory.name,
      server: serverUrl(ctx.inventory),
      node
    })
    return { state, link }
  } catch (error) {
    await link.close()
    if (error instanceof SshAuthError)
      return { state: { kind: 'locked', detail: 'SSH answers but refuses our key' } }
    if (error instanceof SshHostKeyError)
      return {
        state: {
          kind: 'locked',
          detail: 'SSH host key differs from the one pinned by an earlier run'
        }
      }
    return { state: { kind: 'unreachable', detail: (error as Error).message.split('\n')[0] ?? '' } }
  }
}

export function decideAction(
  state: K3sNodeState,
  node: InventoryNode,
  want: { version: string; reflash: boolean; serverSlot: number }
): K3sAction {
  if (want.reflash) return 'flash'
  switch (state.kind) {
    case 'unreachable':
    case 'other-os':
      return 'flash'
    case 'locked':
    case 'other-cluster':
      return 'refuse'
    case 'armbian':
      return 'setup'
    case 'ours': {
      const role = node.slot === want.serverSlot ? 'server' : 'agent'
      if (state.role !== role) return 'flash'
      return state.k3sVersion === want.version ? 'none' : 'upgrade'
    }
  }
}

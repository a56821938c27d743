/**
 * Which way a node gets its new image. The node path is only for nodes that are provably this
 * cluster's (our Talos secrets or our SSH key are accepted), healthy, and have the RAM to hold the
 * image; everything else goes through the BMC, which always works.
 */
import { formatBytes } from '../common/format'

export const FLASH_PATH_MODES = ['auto', 'bmc', 'node'] as const
export type FlashPathMode = (typeof FLASH_PATH_MODES)[number]

/** What detection found out about a node before anything is touched. */
export interface NodeFacts {
  slot: number
  /** The OS that answers, if any. */
  os: 'armbian' | 'talos' | 'none'
  /** Why we know it is ours (e.g. "our SSH key is accepted"); undefined = not proven. */
  ownedBecause?: string
  /** Why it is not ours or unknown (e.g. "another cluster's Talos CA"). */
  notOwnedBecause?: string
  /** undefined = healthy; otherwise what is wrong. */
  unhealthyBecause?: string
  /** MemAvailable; undefined = not known up front (the node script checks it again anyway). */
  memAvailableBytes?: number
}

export interface PathChoice {
  slot: number
  path: 'node' | 'bmc'
  reason: string
  /** flash-path: node, but this node cannot take it: nothing may be touched. */
  refused?: boolean
}

export function choosePath(
  mode: FlashPathMode,
  facts: NodeFacts,
  need: { bytes: number; marginBytes: number }
): PathChoice {
  const bmc = (reason: string): PathChoice => ({
    slot: facts.slot,
    path: 'bmc',
    reason,
    ...(mode === 'node' ? { refused: true } : {})
  })
  if (mode === 'bmc') return { slot: facts.slot, path: 'bmc', reason: 'flash-path is bmc' }
  if (facts.os === 'none') return bmc('no running OS answers')
  if (!facts.ownedBecause)
    return bmc(
      `not provably this cluster's${facts.notOwnedBecause ? ` (${facts.notOwnedBecause})` : ''}`
    )
  if (facts.unhealthyBecause) return bmc(`unhealthy: ${facts.unhealthyBecause}`)
  const needed = need.bytes + need.marginBytes
  if (facts.memAvailableBytes !== undefined && facts.memAvailableBytes < needed)
    return bmc(
      `not enough free RAM to hold the image: ${formatBytes(facts.memAvailableBytes)} available, ${formatBytes(needed)} needed`
    )
  const via = facts.os === 'armbian' ? 'over SSH' : 'by a privileged Job'
  const ram =
    facts.memAvailableBytes !== undefined
      ? `, ${formatBytes(facts.memAvailableBytes)} free RAM`
      : ''
  return {
    slot: facts.slot,
    path: 'node',
    reason: `${facts.os === 'armbian' ? 'Armbian' : 'Talos'} node of this cluster (${facts.ownedBecause}), healthy${ram}: written ${via}`
  }
}

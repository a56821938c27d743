/**
 * The flash path of one node to flash, chosen right before it enters the flash queue, with the
 * rules of node-flash/choose-path.ts: the node path only for a node of this cluster whose running
 * OS we opened during detection and that is healthy with the RAM for the image; everything else,
 * and every node under `flash-path: bmc`, goes through the BMC.
 */
import type { Logger } from '../common/host'
import type { FlashImage } from '../bmc'
import type { NodeLink } from '../distro/k3s/node-link'
import type { InventoryNode } from '../inventory'
import {
  choosePath,
  DEFAULT_MEMORY_MARGIN_BYTES,
  describeNodeImage,
  writeOverSsh,
  type FlashPathMode,
  type NodeFacts,
  type NodeWriteResult,
  type PathChoice,
  type SharedUplink
} from '../node-flash'
import { describeError } from './flash-queue'

export async function nodePathChoice(o: {
  mode: FlashPathMode
  slot: number
  /** Bytes the node must hold in RAM for its own write. */
  bytes: number
  /** Reads the node's facts through its running OS; absent: no OS of ours answers. */
  facts?: () => Promise<NodeFacts>
  /** Without `facts`: why this node cannot write itself (no OS, not provably ours, ...). */
  noNodePath?: string
  log: Logger
}): Promise<PathChoice> {
  const { mode, slot } = o
  const need = { bytes: o.bytes, marginBytes: DEFAULT_MEMORY_MARGIN_BYTES }
  if (mode === 'bmc') return { slot, path: 'bmc', reason: 'flash-path is bmc' }
  if (!o.facts)
    return {
      slot,
      path: 'bmc',
      reason: o.noNodePath ?? 'no running OS answers',
      ...(mode === 'node' ? { refused: true } : {})
    }
  try {
    return choosePath(mode, await o.facts(), need)
  } catch (error) {
    o.log.warn(`slot ${slot}: reading its facts for the node path failed: ${describeError(error)}`)
    return choosePath(mode, { slot, os: 'none', notOwnedBecause: describeError(error) }, need)
  }
}

/** The node path over SSH: an Armbian node of this cluster writes `image` to its own eMMC. */
export function sshNodeWrite(
  link: NodeLink,
  node: InventoryNode,
  image: FlashImage,
  o: { log: Logger; signal?: AbortSignal }
): (uplink: SharedUplink) => Promise<NodeWriteResult> {
  return async (uplink) =>
    writeOverSsh({
      session: await link.connect(),
      slot: node.slot,
      label: `slot ${node.slot} (${node.hostname})`,
      image: await describeNodeImage(image, o.signal),
      uplink,
      log: o.log,
      signal: o.signal
    })
}

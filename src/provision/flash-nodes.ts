import type { Logger } from '../common/host'
import type { BmcClient, FlashImage, FlashResult } from '../bmc'
import type { InventoryNode } from '../inventory'
import type { PathChoice } from '../node-flash'
import { describeError, FlashQueue, type QueuedNode, type QueueStop } from './flash-queue'

export type NodeStatus = 'booted' | 'flash-failed' | 'boot-failed' | 'skipped'

export interface NodeOutcome {
  slot: number
  hostname: string
  status: NodeStatus
  flash?: FlashResult
  bootMs?: number
  bootVia?: string[]
  /** The failure, in words, with evidence (UART tail) and advice when known. */
  error?: string
}

export interface FlashNodesOptions {
  client: BmcClient
  nodes: InventoryNode[]
  image: FlashImage
  skipCrc: boolean
  bootTimeoutMs: number
  bootPattern: RegExp
  /** The node's management port for this distro; reachability confirms the boot without the BMC. */
  managementPort: (node: InventoryNode) => number
  log: Logger
  signal?: AbortSignal
}

/**
 * `steps: flash`: every node through the BMC, in the one flash queue (./flash-queue.ts: one at a
 * time, each booting while the next flashes, a board-wide BMC error stops the rest). A failing
 * node never hides the others: every node gets an outcome.
 */
export async function flashAndBootNodes(options: FlashNodesOptions): Promise<NodeOutcome[]> {
  const queue = new FlashQueue({
    client: options.client,
    skipCrc: options.skipCrc,
    bootTimeoutMs: options.bootTimeoutMs,
    bootPattern: options.bootPattern,
    managementPort: options.managementPort,
    log: options.log,
    signal: options.signal
  })
  const choice = (node: InventoryNode): PathChoice => ({
    slot: node.slot,
    path: 'bmc',
    reason: 'steps: flash uses the BMC'
  })
  return Promise.all(
    options.nodes.map(async (node) =>
      nodeOutcome(
        node,
        await queue.add(node, () => ({ image: options.image, choice: choice(node) }))
      )
    )
  )
}

const statusOf: Record<QueueStop, NodeStatus> = {
  'not-attempted': 'skipped',
  'not-flashed': 'skipped',
  flash: 'flash-failed',
  boot: 'boot-failed'
}

function nodeOutcome(node: InventoryNode, queued: QueuedNode): NodeOutcome {
  const base = { slot: node.slot, hostname: node.hostname, flash: queued.flash }
  if (!queued.stoppedAt)
    return { ...base, status: 'booted', bootMs: queued.boot?.durationMs, bootVia: queued.boot?.via }
  const error = queued.cause !== undefined ? describeError(queued.cause) : queued.error
  return { ...base, status: statusOf[queued.stoppedAt], error }
}

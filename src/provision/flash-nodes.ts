import { errorText, Rk1Error } from '../common/errors'
import { formatDuration } from '../common/format'
import type { Logger } from '../common/host'
import {
  BmcAuthError,
  BmcTlsError,
  BmcUnreachableError,
  flashNode,
  waitForBoot,
  type BmcClient,
  type FlashImage,
  type FlashResult,
  type TcpTarget
} from '../bmc'
import type { InventoryNode } from '../inventory'

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

/** Errors that would fail every following node the same way: stop instead of repeating them. */
function isBoardWide(error: unknown): boolean {
  return (
    error instanceof BmcAuthError ||
    error instanceof BmcUnreachableError ||
    error instanceof BmcTlsError
  )
}

/**
 * Flashes the nodes one after another (the BMC has a single transfer slot) and lets each node boot
 * while the next one flashes. Boot confirmation runs in the background; its TCP probe needs no
 * BMC, and its UART reads simply queue behind the next upload on the BMC's request lock.
 * A failing node never hides the others: every node gets an outcome.
 */
export async function flashAndBootNodes(options: FlashNodesOptions): Promise<NodeOutcome[]> {
  const { client, nodes, log, signal } = options
  const outcomes = new Map<number, NodeOutcome>()
  const boots: Promise<void>[] = []
  let stopReason: string | undefined

  for (const node of nodes) {
    const label = `slot ${node.slot} (${node.hostname})`
    if (stopReason || signal?.aborted) {
      outcomes.set(node.slot, {
        slot: node.slot,
        hostname: node.hostname,
        status: 'skipped',
        error: stopReason ?? 'the run was cancelled'
      })
      continue
    }
    let flash: FlashResult
    try {
      flash = await log.group(`Flash ${label}`, () =>
        flashNode(client, node.slot, options.image, { log, skipCrc: options.skipCrc, signal })
      )
    } catch (error) {
      log.error(`Flashing ${label} failed: ${errorText(error)}`)
      outcomes.set(node.slot, {
        slot: node.slot,
        hostname: node.hostname,
        status: 'flash-failed',
        error: errorText(error)
      })
      if (isBoardWide(error))
        stopReason = `not attempted: the BMC failed for ${label} (${(error as Error).message})`
      continue
    }
    const tcp: TcpTarget = { host: node.ip, port: options.managementPort(node) }
    boots.push(
      waitForBoot(client, node.slot, {
        timeoutMs: options.bootTimeoutMs,
        pattern: options.bootPattern,
        tcp,
        snapshot: flash.uartSnapshot,
        signal,
        log
      }).then(
        (boot) => {
          log.info(
            `${label} booted after ${formatDuration(boot.durationMs)} (${boot.via.join(' and ')}).`
          )
          outcomes.set(node.slot, {
            slot: node.slot,
            hostname: node.hostname,
            status: 'booted',
            flash,
            bootMs: boot.durationMs,
            bootVia: boot.via
          })
        },
        (error: unknown) => {
          log.error(`${label} did not boot: ${errorText(error)}`)
          outcomes.set(node.slot, {
            slot: node.slot,
            hostname: node.hostname,
            status: 'boot-failed',
            flash,
            error: error instanceof Rk1Error ? error.describe() : errorText(error)
          })
        }
      )
    )
  }
  await Promise.all(boots)
  return nodes.map((n) => outcomes.get(n.slot) as NodeOutcome)
}

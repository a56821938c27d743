/**
 * The one flash queue of provision: `steps: flash`, Talos and K3s put every node to flash in it
 * and get back, per node, which path wrote it and whether it booted. One rule set for all three:
 *
 * 1. BMC flashes run one at a time (one transfer per board, bmc-api.md §5.9), in the order the
 *    nodes were added (control plane / server first), while the nodes flashed before boot.
 *    Node-path writes run at once, paced on one shared uplink; one that fails falls back to the
 *    BMC (node-flash/scheduler.ts).
 * 2. A board-wide BMC error (login refused, BMC unreachable, TLS) on one flash stops every later
 *    BMC flash: those nodes are "not attempted", with the reason, and no request is sent for
 *    them. A cancelled run attempts nothing more either.
 * 3. A node that `flash-path: node` cannot write is not flashed: nothing is touched.
 * 4. A boot is confirmed after a BMC flash by new console text matching the distro's boot pattern
 *    or by the node's management port answering, whichever comes first; time our own upload of
 *    the next node keeps the BMC busy does not count against the deadline (bmc/boot.ts). After a
 *    node-path write only the management port counts: the console snapshot would predate it.
 */
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
  type FlashImage
} from '../bmc'
import {
  compileBootPattern,
  type DistroName,
  type Inventory,
  type InventoryNode
} from '../inventory'
import {
  DEFAULT_UPLINK_BYTES_PER_SEC,
  FlashNotAttemptedError,
  FlashScheduler,
  SharedUplink,
  type FlashOutcome,
  type NodeWriteResult,
  type PathChoice
} from '../node-flash'

export interface FlashQueueSetup {
  client: BmcClient
  skipCrc: boolean
  bootTimeoutMs: number
  /** The distro's console banner (inventory `distros.<distro>.bootPattern`). */
  bootPattern: RegExp
  /** The port whose answer confirms a boot: the Talos API or SSH. */
  managementPort: (node: InventoryNode) => number
  /** All node-path transfers together (input `flash-uplink-mbps`). */
  uplinkBytesPerSec?: number
  log: Logger
  signal?: AbortSignal
  /** The two BMC-side calls; unit tests replace them to check the rules without a BMC. */
  calls?: { flashNode: typeof flashNode; waitForBoot: typeof waitForBoot }
}

/** One node ready for the queue: what to write and which way. */
export interface QueueEntry {
  /** The bytes for this node (K3s: its personalised copy). */
  image: FlashImage
  choice: PathChoice
  /** Writes the node through its own OS; used when `choice.path` is `node`. */
  nodeWrite?: (uplink: SharedUplink) => Promise<NodeWriteResult>
}

/** What a caller found before the queue could flash the node (e.g. its image copy failed). */
export interface NotFlashed {
  notFlashed: string
}

/** Where a node stopped: nothing was sent, nothing was written, its flash, or its boot. */
export type QueueStop = 'not-attempted' | 'not-flashed' | 'flash' | 'boot'

export interface QueuedNode extends FlashOutcome {
  /** Undefined when the node booted. */
  stoppedAt?: QueueStop
  /** The error as thrown by the flash or the boot check, for callers that word it their way. */
  cause?: unknown
}

/** Errors that would fail every following node the same way: stop instead of repeating them. */
export function isBoardWide(error: unknown): boolean {
  return (
    error instanceof BmcAuthError ||
    error instanceof BmcUnreachableError ||
    error instanceof BmcTlsError
  )
}

/**
 * The queue of one run of `distro`: its console banner from the inventory, its management port
 * (the Talos API, or SSH for Armbian/K3s) as the network sign of a boot.
 */
export function flashQueueFor(
  distro: DistroName,
  o: Omit<FlashQueueSetup, 'bootPattern' | 'managementPort'> & { inventory: Inventory }
): FlashQueue {
  const { inventory, ...setup } = o
  return new FlashQueue({
    ...setup,
    bootPattern: compileBootPattern(inventory.distros[distro].bootPattern),
    managementPort: (node) => (distro === 'talos' ? node.ports.talosApi : node.ports.ssh)
  })
}

const CANCELLED = 'not attempted: the run was cancelled'

const label = (node: InventoryNode): string => `slot ${node.slot} (${node.hostname})`

export class FlashQueue {
  /** Shared by every node-path write of the run (a node path built outside may pace on it too). */
  readonly uplink: SharedUplink
  /** The run's BMC client (a node path may need it to power-cycle its node). */
  readonly client: BmcClient
  private readonly scheduler: FlashScheduler
  private readonly calls: NonNullable<FlashQueueSetup['calls']>
  /** Resolves once the previously added node entered the scheduler: keeps the BMC order. */
  private entered: Promise<void> = Promise.resolve()
  private stopReason: string | undefined

  constructor(private readonly setup: FlashQueueSetup) {
    this.client = setup.client
    this.uplink = new SharedUplink(setup.uplinkBytesPerSec ?? DEFAULT_UPLINK_BYTES_PER_SEC)
    this.scheduler = new FlashScheduler(setup.log)
    this.calls = setup.calls ?? { flashNode, waitForBoot }
  }

  /**
   * Adds a node. `prepare` (its path, its image copy) runs at once, in parallel with the other
   * nodes'; the node keeps its place in the BMC order anyway. Rejects only when `prepare` throws.
   */
  async add(
    node: InventoryNode,
    prepare: () => Promise<QueueEntry | NotFlashed> | QueueEntry | NotFlashed
  ): Promise<QueuedNode> {
    const previous = this.entered
    let enter: () => void = () => undefined
    this.entered = new Promise((resolve) => (enter = resolve))
    let entry: QueueEntry | NotFlashed
    try {
      // A cancelled run reads nothing more from its nodes either.
      entry = this.setup.signal?.aborted ? { notFlashed: CANCELLED } : await prepare()
      await previous
    } catch (error) {
      await previous
      enter()
      throw error
    }
    if (this.setup.signal?.aborted) {
      enter()
      return this.stopped(node, 'not-attempted', CANCELLED)
    }
    if ('notFlashed' in entry) {
      enter()
      return this.stopped(node, 'not-flashed', entry.notFlashed)
    }
    this.setup.log.info(`${label(node)}: flash path ${entry.choice.path} (${entry.choice.reason}).`)
    if (entry.choice.refused) {
      enter()
      const why = `not flashed: flash-path is node, but ${entry.choice.reason}; nothing was touched`
      return this.stopped(node, 'not-flashed', why, entry.choice.reason)
    }
    // The scheduler takes its BMC slot synchronously for a BMC-path node: entered in order.
    const running = this.run(node, entry)
    enter()
    return running
  }

  private async run(node: InventoryNode, entry: QueueEntry): Promise<QueuedNode> {
    const seen: { stop?: QueueStop; cause?: unknown; notAttempted?: string } = {}
    const outcome = await this.scheduler.run({
      slot: node.slot,
      label: label(node),
      choice: entry.choice,
      nodeWrite: entry.nodeWrite && (() => entry.nodeWrite!(this.uplink)),
      bmcFlash: () => this.bmcFlash(node, entry.image, seen),
      confirmBoot: (after) =>
        this.confirmBoot(node, after).catch((error: unknown) => {
          // The scheduler falls back to the BMC when a node-path boot fails: only a BMC one stops.
          if (after.path === 'bmc') Object.assign(seen, { stop: 'boot', cause: error })
          throw error
        })
    })
    if (seen.notAttempted)
      return { ...outcome, stoppedAt: 'not-attempted', error: seen.notAttempted }
    if (outcome.boot) {
      const port = this.setup.managementPort(node)
      const via = outcome.boot.via.map((v) => (v === 'uart' ? 'console' : `port ${port}`))
      this.setup.log.info(
        `${label(node)} booted after ${formatDuration(outcome.boot.durationMs)} (${via.join(' and ')}).`
      )
      return outcome
    }
    return { ...outcome, stoppedAt: seen.stop ?? 'flash', cause: seen.cause }
  }

  private async bmcFlash(
    node: InventoryNode,
    image: FlashImage,
    seen: { stop?: QueueStop; cause?: unknown; notAttempted?: string }
  ) {
    const { client, log, signal, skipCrc } = this.setup
    const stop = this.stopReason ?? (signal?.aborted ? CANCELLED : '')
    if (stop) {
      seen.notAttempted = stop
      throw new FlashNotAttemptedError(stop)
    }
    try {
      return await log.group(`Flash ${label(node)}`, () =>
        this.calls.flashNode(client, node.slot, image, { log, skipCrc, signal })
      )
    } catch (error) {
      Object.assign(seen, { stop: 'flash', cause: error })
      if (isBoardWide(error))
        this.stopReason = `not attempted: the BMC failed for ${label(node)} (${(error as Error).message})`
      throw error
    }
  }

  private confirmBoot(
    node: InventoryNode,
    after: { path: 'node' | 'bmc'; flash?: { uartSnapshot?: string } }
  ) {
    const { client, log, signal, bootTimeoutMs } = this.setup
    const tcp = { host: node.ip, port: this.setup.managementPort(node) }
    if (after.path === 'node')
      return this.calls.waitForBoot(undefined, node.slot, {
        timeoutMs: bootTimeoutMs,
        tcp,
        signal,
        log
      })
    return this.calls.waitForBoot(client, node.slot, {
      timeoutMs: bootTimeoutMs,
      pattern: this.setup.bootPattern,
      tcp,
      snapshot: after.flash?.uartSnapshot,
      signal,
      log
    })
  }

  private stopped(node: InventoryNode, stoppedAt: QueueStop, error: string, reason = error) {
    return { slot: node.slot, path: 'bmc' as const, reason, durationMs: 0, stoppedAt, error }
  }
}

/** An error in words for a node's result: the Rk1Error with its evidence and advice. */
export const describeError = (e: unknown): string =>
  e instanceof Rk1Error ? e.describe() : errorText(e)

/**
 * Runs each node's flash on the path chosen for it: node-path writes run in parallel (their
 * transfers share the uplink pacer), BMC flashes one at a time (one transfer per board,
 * bmc-api.md §5.9). A node-path failure of any kind, before or after the write, or a boot that
 * never comes after it, sends that node to the BMC automatically; the outcome says which path
 * the node finally took and why.
 */
import { errorText, Rk1Error } from '../common/errors'
import { formatDuration } from '../common/format'
import type { Logger } from '../common/host'
import type { BootResult, FlashResult } from '../bmc'
import { FlashNotAttemptedError, NodeWriteError } from './errors'
import type { PathChoice } from './choose-path'
import type { NodeWriteResult } from './ssh-writer'

export interface FlashTask {
  slot: number
  label: string
  choice: PathChoice
  /** Writes the eMMC through the running OS and returns once the node went down to reboot. */
  nodeWrite?: () => Promise<NodeWriteResult>
  /** The BMC flash of this node (the scheduler runs one at a time). */
  bmcFlash: () => Promise<FlashResult>
  /** Confirms the boot exactly as the distro does after a BMC flash. */
  confirmBoot: (after: { path: 'node' | 'bmc'; flash?: FlashResult }) => Promise<BootResult>
}

/** What a run reports per node: the path that wrote it and why (and the node path's failure). */
export interface FlashPathTaken {
  path: 'node' | 'bmc'
  reason: string
  fallbackFrom?: { touched: boolean; error: string }
}

export interface FlashOutcome {
  slot: number
  /** The path that finally wrote the node. */
  path: 'node' | 'bmc'
  /** Why this path: the choice, or the node-path failure that made the BMC take over. */
  reason: string
  /** Set when the node path was tried and failed. */
  fallbackFrom?: { touched: boolean; error: string }
  nodeWrite?: NodeWriteResult
  flash?: FlashResult
  boot?: BootResult
  /** Time from the start of this node's flash to its confirmed boot. */
  durationMs: number
  /** The final failure (BMC flash or boot); undefined = booted. */
  error?: string
}

const describe = (e: unknown): string => (e instanceof Rk1Error ? e.describe() : errorText(e))

export class FlashScheduler {
  private bmcTail: Promise<unknown> = Promise.resolve()

  constructor(private readonly log: Logger) {}

  /** Runs `fn` when the BMC's single transfer slot is free. */
  private inBmcSlot<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.bmcTail.then(fn)
    this.bmcTail = run.catch(() => undefined)
    return run
  }

  async run(task: FlashTask): Promise<FlashOutcome> {
    const started = performance.now()
    let fallbackFrom: FlashOutcome['fallbackFrom']
    let nodeWrite: NodeWriteResult | undefined
    if (task.choice.path === 'node' && task.nodeWrite) {
      try {
        nodeWrite = await task.nodeWrite()
        const boot = await task.confirmBoot({ path: 'node' })
        return {
          slot: task.slot,
          path: 'node',
          reason: task.choice.reason,
          nodeWrite,
          boot,
          durationMs: performance.now() - started
        }
      } catch (error) {
        const touched = error instanceof NodeWriteError ? error.touched : true
        const what = nodeWrite ? 'the node did not come back after writing itself' : describe(error)
        fallbackFrom = { touched, error: nodeWrite ? `${what}: ${describe(error)}` : what }
        this.log.warn(
          `${task.label}: the node path failed ${touched ? 'after' : 'before'} the write; the BMC flashes it instead.`
        )
      }
    }
    const reason = fallbackFrom
      ? `fallback after the node path failed ${fallbackFrom.touched ? 'after' : 'before'} the write`
      : task.choice.reason
    let flash: FlashResult
    try {
      flash = await this.inBmcSlot(() => task.bmcFlash())
    } catch (error) {
      return this.failed(
        task,
        started,
        reason,
        fallbackFrom,
        nodeWrite,
        // A flash never started (board-wide stop, cancel) says why, not "flash failed".
        error instanceof FlashNotAttemptedError ? error.message : `flash failed: ${describe(error)}`
      )
    }
    try {
      const boot = await task.confirmBoot({ path: 'bmc', flash })
      const durationMs = performance.now() - started
      this.log.info(
        `${task.label}: flashed by the BMC and booted after ${formatDuration(durationMs)}.`
      )
      return {
        slot: task.slot,
        path: 'bmc',
        reason,
        fallbackFrom,
        nodeWrite,
        flash,
        boot,
        durationMs
      }
    } catch (error) {
      return {
        ...this.failed(
          task,
          started,
          reason,
          fallbackFrom,
          nodeWrite,
          `did not boot: ${describe(error)}`
        ),
        flash
      }
    }
  }

  private failed(
    task: FlashTask,
    started: number,
    reason: string,
    fallbackFrom: FlashOutcome['fallbackFrom'],
    nodeWrite: NodeWriteResult | undefined,
    error: string
  ): FlashOutcome {
    this.log.error(`${task.label}: ${error}`)
    return {
      slot: task.slot,
      path: 'bmc',
      reason,
      fallbackFrom,
      nodeWrite,
      durationMs: performance.now() - started,
      error
    }
  }
}

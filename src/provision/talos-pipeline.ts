/**
 * The pipelined part of a Talos provision (design.md §5): flashes run one after another (one
 * transfer per board), and as soon as a node's flash ends it boots, gets its config and comes up
 * configured while the next node flashes. Boot detection is the TCP probe of the Talos API port
 * only: during the next upload the BMC answers nothing else, so no BMC call is made for it. The
 * control plane is bootstrapped as soon as it runs, still during the other flashes.
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
  type FlashImage,
  type FlashResult
} from '../bmc'
import type { InventoryNode } from '../inventory'
import {
  applyInMaintenance,
  bootstrapOnce,
  waitForConfigured,
  waitForMaintenance,
  type BootstrapOutcome,
  type OpsContext
} from '../distro/talos/operations'
import type { TalosAction } from './talos-plan'

export interface PipelineNode {
  node: InventoryNode
  action: TalosAction
  configFile?: string
}

export interface PipelineResult {
  slot: number
  ok: boolean
  flash?: FlashResult
  bootMs?: number
  /** apply-config until the secure API reports `running`. */
  configureMs?: number
  error?: string
}

export interface PipelineOptions {
  ops: OpsContext
  nodes: PipelineNode[]
  /** The control plane bootstrapped by this run (the endpoint). */
  controlPlane: InventoryNode
  /** True when the control plane needs no config from this run (already ours). */
  controlPlaneReady: boolean
  flash?: { client: BmcClient; image: FlashImage; skipCrc: boolean }
  bootTimeoutMs: number
  log: Logger
  signal?: AbortSignal
}

export interface PipelineOutcome {
  results: Map<number, PipelineResult>
  bootstrap?: { outcome: BootstrapOutcome; ms: number; retries: number } | { error: string }
}

function isBoardWide(error: unknown): boolean {
  return (
    error instanceof BmcAuthError ||
    error instanceof BmcUnreachableError ||
    error instanceof BmcTlsError
  )
}

const describe = (e: unknown): string => (e instanceof Rk1Error ? e.describe() : errorText(e))

/** A promise with its resolver outside (the control plane's apply gates the workers'). */
function gate(): { promise: Promise<boolean>; open: (ok: boolean) => void } {
  let open: (ok: boolean) => void = () => undefined
  const promise = new Promise<boolean>((resolve) => (open = resolve))
  return { promise, open }
}

export async function runPipeline(options: PipelineOptions): Promise<PipelineOutcome> {
  const { ops, log, controlPlane } = options
  const results = new Map<number, PipelineResult>()
  const cpApplied = gate()
  const cpRunning = gate()
  if (options.controlPlaneReady) {
    cpApplied.open(true)
    cpRunning.open(true)
  }
  const cpEntry = options.nodes.find((p) => p.node.slot === controlPlane.slot)
  if (!options.controlPlaneReady && !cpEntry) {
    cpApplied.open(false)
    cpRunning.open(false)
  }

  const configure = async (p: PipelineNode, result: PipelineResult): Promise<void> => {
    const { node } = p
    const label = `slot ${node.slot} (${node.hostname})`
    const isCp = node.slot === controlPlane.slot
    try {
      await waitForMaintenance(ops, node, options.bootTimeoutMs)
      if (!isCp && !(await cpApplied.promise))
        throw new Rk1Error(`${label} was not configured: the control plane failed first.`, {
          node: node.slot,
          step: 'configure',
          advice:
            'Fix the control plane (see its error) and run again; this node stays in maintenance mode.'
        })
      const started = performance.now()
      const said = await applyInMaintenance(ops, node, p.configFile as string)
      log.info(`${label}: config applied (${said}).`)
      if (isCp) cpApplied.open(true)
      await waitForConfigured(ops, node, options.bootTimeoutMs)
      result.configureMs = performance.now() - started
      result.ok = true
      if (isCp) cpRunning.open(true)
      log.info(`${label}: configured and running after ${formatDuration(result.configureMs)}.`)
    } catch (error) {
      result.ok = false
      result.error = describe(error)
      log.error(`${label}: ${result.error}`)
      if (isCp) {
        cpApplied.open(false)
        cpRunning.open(false)
      }
    }
  }

  const bootstrap = (async (): Promise<PipelineOutcome['bootstrap']> => {
    if (!(await cpRunning.promise)) return { error: 'the control plane did not come up' }
    const started = performance.now()
    let retries = 0
    try {
      const outcome = await bootstrapOnce(ops, controlPlane, options.bootTimeoutMs, (reason) => {
        retries++
        log.info(`bootstrap: not yet (${reason}); retrying.`)
      })
      return { outcome, ms: performance.now() - started, retries }
    } catch (error) {
      return { error: describe(error) }
    }
  })()

  const tasks: Promise<void>[] = []
  const toFlash = options.nodes.filter((p) => p.action === 'flash')
  for (const p of options.nodes.filter((q) => q.action === 'configure')) {
    const result: PipelineResult = { slot: p.node.slot, ok: false }
    results.set(p.node.slot, result)
    tasks.push(configure(p, result))
  }
  let stopReason: string | undefined
  for (const p of toFlash) {
    const { node } = p
    const result: PipelineResult = { slot: node.slot, ok: false }
    results.set(node.slot, result)
    const label = `slot ${node.slot} (${node.hostname})`
    if (stopReason || options.signal?.aborted || !options.flash) {
      result.error = stopReason ?? 'not attempted: the run was cancelled'
      if (node.slot === controlPlane.slot) {
        cpApplied.open(false)
        cpRunning.open(false)
      }
      continue
    }
    const { client, image, skipCrc } = options.flash
    try {
      result.flash = await log.group(`Flash ${label}`, () =>
        flashNode(client, node.slot, image, { log, skipCrc, signal: options.signal })
      )
    } catch (error) {
      result.error = `flash failed: ${describe(error)}`
      log.error(`Flashing ${label} failed: ${errorText(error)}`)
      if (isBoardWide(error)) stopReason = `not attempted: the BMC failed for ${label}`
      if (node.slot === controlPlane.slot) {
        cpApplied.open(false)
        cpRunning.open(false)
      }
      continue
    }
    tasks.push(
      waitForBoot(undefined, node.slot, {
        timeoutMs: options.bootTimeoutMs,
        tcp: { host: node.ip, port: node.ports.talosApi },
        signal: options.signal,
        log
      }).then(
        (boot) => {
          result.bootMs = boot.durationMs
          log.info(`${label} booted after ${formatDuration(boot.durationMs)} (Talos API port).`)
          return configure(p, result)
        },
        (error: unknown) => {
          result.error = `did not boot: ${describe(error)}`
          log.error(`${label} did not boot: ${errorText(error)}`)
          if (node.slot === controlPlane.slot) {
            cpApplied.open(false)
            cpRunning.open(false)
          }
        }
      )
    )
  }
  await Promise.all(tasks)
  return { results, bootstrap: await bootstrap }
}

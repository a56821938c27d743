/**
 * The pipelined part of a Talos provision (design.md §5): as soon as a node's flash ends it boots,
 * gets its config and comes up configured while the next node flashes. Each node to flash goes
 * through the run's flash queue (./flash-queue.ts, one rule set for every run) on the path chosen
 * for it (flash-path): a K3s/Armbian node of this cluster that our key opens (a switch K3s →
 * Talos) writes the Talos image to its own eMMC over SSH; the BMC flashes the others one after
 * another and takes over any node whose own write or reboot fails. The control plane is
 * bootstrapped as soon as it runs, still during the other flashes.
 */
import { Rk1Error } from '../../common/errors'
import { formatDuration } from '../../common/format'
import type { Logger } from '../../common/host'
import type { FlashImage, FlashResult } from '../../bmc'
import type { NodeLink } from '../../distro/k3s/node-link'
import type { FlashPathMode, FlashPathTaken } from '../../node-flash'
import { armbianFacts } from '../../node-flash/facts'
import type { InventoryNode } from '../../inventory'
import {
  applyInMaintenance,
  bootstrapOnce,
  waitForConfigured,
  waitForMaintenance,
  type BootstrapOutcome,
  type OpsContext
} from '../../distro/talos/operations'
import { describeError as describe, type FlashQueue, type QueuedNode } from '../flash-queue'
import { nodePathChoice, sshNodeWrite } from '../flash-path'
import type { TalosAction } from './talos-plan'

export interface PipelineNode {
  node: InventoryNode
  action: TalosAction
  configFile?: string
  /** Open SSH link with our key (a K3s/Armbian node of this cluster): the node path may write it. */
  link?: NodeLink
  /** Why the link proves the node is ours (for the plan and summary). */
  oursBecause?: string
  /** Without a link: why this node cannot write itself (no OS, not provably ours, ...). */
  noNodePath?: string
}

export interface PipelineFlash {
  /** The run's flash queue (BMC client, boot rules, shared uplink). */
  queue: FlashQueue
  image: FlashImage
  /** Input flash-path; default bmc. */
  flashPath?: FlashPathMode
}

export interface PipelineResult {
  slot: number
  ok: boolean
  flash?: FlashResult
  /** Which path wrote the node and why. */
  flashPath?: FlashPathTaken
  /** Node path: the write through the running OS until it went down to reboot. */
  writeMs?: number
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
  flash?: PipelineFlash
  bootTimeoutMs: number
  log: Logger
  signal?: AbortSignal
}

export interface PipelineOutcome {
  results: Map<number, PipelineResult>
  bootstrap?: { outcome: BootstrapOutcome; ms: number; retries: number } | { error: string }
}

/** A promise with its resolver outside (the control plane's apply gates the workers'). */
function gate(): { promise: Promise<boolean>; open: (ok: boolean) => void } {
  let open: (ok: boolean) => void = () => undefined
  const promise = new Promise<boolean>((resolve) => (open = resolve))
  return { promise, open }
}

/** One pipeline run: its options, the result per node, and the control plane's two gates. */
interface PipelineRun {
  options: PipelineOptions
  results: Map<number, PipelineResult>
  /** Opens true once the control plane accepted its config: workers apply theirs after it. */
  cpApplied: ReturnType<typeof gate>
  /** Opens true once the control plane runs configured: bootstrap waits for it. */
  cpRunning: ReturnType<typeof gate>
}

function startRun(options: PipelineOptions): PipelineRun {
  const run = { options, results: new Map(), cpApplied: gate(), cpRunning: gate() }
  const cpEntry = options.nodes.find((p) => p.node.slot === options.controlPlane.slot)
  if (options.controlPlaneReady) {
    run.cpApplied.open(true)
    run.cpRunning.open(true)
  } else if (!cpEntry) failControlPlane(run, options.controlPlane.slot)
  return run
}

/** A control plane that will not come up fails its gates: workers and bootstrap stop waiting. */
function failControlPlane(run: PipelineRun, slot: number): void {
  if (slot !== run.options.controlPlane.slot) return
  run.cpApplied.open(false)
  run.cpRunning.open(false)
}

export async function runPipeline(options: PipelineOptions): Promise<PipelineOutcome> {
  const run = startRun(options)
  const bootstrap = bootstrapWhenRunning(run)
  const tasks: Promise<void>[] = []
  for (const p of options.nodes.filter((q) => q.action === 'configure')) {
    const result: PipelineResult = { slot: p.node.slot, ok: false }
    run.results.set(p.node.slot, result)
    tasks.push(configure(run, p, result))
  }
  tasks.push(
    ...(await flashAll(
      run,
      options.nodes.filter((p) => p.action === 'flash')
    ))
  )
  await Promise.all(tasks)
  return { results: run.results, bootstrap: await bootstrap }
}

/** Maintenance mode, the control plane's apply first, apply-config, then running configured. */
async function configure(run: PipelineRun, p: PipelineNode, result: PipelineResult): Promise<void> {
  const { ops, log, controlPlane, bootTimeoutMs } = run.options
  const { node } = p
  const label = `slot ${node.slot} (${node.hostname})`
  const isCp = node.slot === controlPlane.slot
  try {
    const waited = performance.now()
    await waitForMaintenance(ops, node, bootTimeoutMs)
    // A boot the console confirmed ends when the Talos API answers: that wait is boot time too.
    if (result.bootMs !== undefined) result.bootMs += performance.now() - waited
    if (!isCp && !(await run.cpApplied.promise))
      throw new Rk1Error(`${label} was not configured: the control plane failed first.`, {
        node: node.slot,
        step: 'configure',
        advice:
          'Fix the control plane (see its error) and run again; this node stays in maintenance mode.'
      })
    const started = performance.now()
    const said = await applyInMaintenance(ops, node, p.configFile as string)
    log.info(`${label}: config applied (${said}).`)
    if (isCp) run.cpApplied.open(true)
    await waitForConfigured(ops, node, bootTimeoutMs)
    result.configureMs = performance.now() - started
    result.ok = true
    if (isCp) run.cpRunning.open(true)
    log.info(`${label}: configured and running after ${formatDuration(result.configureMs)}.`)
  } catch (error) {
    result.ok = false
    result.error = describe(error)
    log.error(`${label}: ${result.error}`)
    failControlPlane(run, node.slot)
  }
}

/** Bootstrap exactly once, as soon as the control plane runs configured. */
async function bootstrapWhenRunning(run: PipelineRun): Promise<PipelineOutcome['bootstrap']> {
  const { ops, log, controlPlane, bootTimeoutMs } = run.options
  if (!(await run.cpRunning.promise)) return { error: 'the control plane did not come up' }
  const started = performance.now()
  let retries = 0
  try {
    const outcome = await bootstrapOnce(ops, controlPlane, bootTimeoutMs, (reason) => {
      retries++
      log.info(`bootstrap: not yet (${reason}); retrying.`)
    })
    return { outcome, ms: performance.now() - started, retries }
  } catch (error) {
    return { error: describe(error) }
  }
}

/** Puts every node to flash in the flash queue; each configures its node once booted. */
async function flashAll(run: PipelineRun, toFlash: PipelineNode[]): Promise<Promise<void>[]> {
  const { options, results } = run
  const fc = options.flash
  if (!fc) {
    for (const p of toFlash) {
      results.set(p.node.slot, {
        slot: p.node.slot,
        ok: false,
        error: 'not flashed: no BMC for this run'
      })
      failControlPlane(run, p.node.slot)
    }
    return []
  }
  const { log, signal } = options
  return toFlash.map((p) => {
    const result: PipelineResult = { slot: p.node.slot, ok: false }
    results.set(p.node.slot, result)
    // Added control plane first: the queue keeps that order on the BMC.
    const queued = fc.queue.add(p.node, async () => ({
      image: fc.image,
      choice: await nodePathChoice({
        mode: fc.flashPath ?? 'bmc',
        slot: p.node.slot,
        bytes: fc.image.size,
        facts:
          p.link && (async () => armbianFacts(await p.link!.connect(), p.node.slot, p.oursBecause)),
        noNodePath: p.noNodePath ?? 'no running OS of this cluster answers',
        log
      }),
      nodeWrite: p.link && sshNodeWrite(p.link, p.node, fc.image, { log, signal })
    }))
    return queued.then(async (outcome) => {
      // The node path ends the detection session (the node rebooted into Talos).
      if (outcome.path === 'node' || outcome.nodeWrite) await p.link?.close()
      return afterFlash(run, p, result, outcome)
    })
  })
}

/** Records how the node was written; a booted node goes on to its config. */
function afterFlash(
  run: PipelineRun,
  p: PipelineNode,
  result: PipelineResult,
  outcome: QueuedNode
): Promise<void> | undefined {
  result.flash = outcome.flash
  result.flashPath = {
    path: outcome.path,
    reason: outcome.reason,
    fallbackFrom: outcome.fallbackFrom
  }
  if (outcome.path === 'node') result.writeMs = outcome.nodeWrite?.durationMs
  if (outcome.stoppedAt || !outcome.boot) {
    result.error = outcome.error ?? 'did not boot'
    failControlPlane(run, p.node.slot)
    return
  }
  result.bootMs = outcome.boot.durationMs
  return configure(run, p, result)
}

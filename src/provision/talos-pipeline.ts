/**
 * The pipelined part of a Talos provision (design.md §5): as soon as a node's flash ends it boots,
 * gets its config and comes up configured while the next node flashes. Each node to flash goes
 * the path chosen for it (flash-path): a K3s/Armbian node of this cluster that our key opens (a
 * switch K3s → Talos) writes the Talos image to its own eMMC over SSH, all such nodes at once; the
 * BMC flashes the others one after another (one transfer per board) and takes over any node whose
 * own write or reboot fails. Boot detection is the TCP probe of the Talos API port only, on both
 * paths: during the next upload the BMC answers nothing else, so no BMC call is made for it. The
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
  type BootResult,
  type FlashImage,
  type FlashResult
} from '../bmc'
import type { NodeLink } from '../distro/k3s/node-link'
import {
  choosePath,
  DEFAULT_MEMORY_MARGIN_BYTES,
  DEFAULT_UPLINK_BYTES_PER_SEC,
  describeNodeImage,
  FlashScheduler,
  SharedUplink,
  writeOverSsh,
  type FlashOutcome,
  type FlashPathMode,
  type FlashPathTaken,
  type PathChoice
} from '../node-flash'
import { armbianFacts } from '../node-flash/facts'
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
  /** Open SSH link with our key (a K3s/Armbian node of this cluster): the node path may write it. */
  link?: NodeLink
  /** Why the link proves the node is ours (for the plan and summary). */
  oursBecause?: string
  /** Without a link: why this node cannot write itself (no OS, not provably ours, ...). */
  noNodePath?: string
}

export interface PipelineFlash {
  client: BmcClient
  image: FlashImage
  skipCrc: boolean
  /** Input flash-path; default bmc. */
  flashPath?: FlashPathMode
  uplinkBytesPerSec?: number
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
    await waitForMaintenance(ops, node, bootTimeoutMs)
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

/** Starts every flash (each configures its node once booted); returns their tasks. */
async function flashAll(run: PipelineRun, toFlash: PipelineNode[]): Promise<Promise<void>[]> {
  const { options, results } = run
  const fc = options.flash
  if (!fc || options.signal?.aborted) {
    for (const p of toFlash) {
      results.set(p.node.slot, {
        slot: p.node.slot,
        ok: false,
        error: 'not attempted: the run was cancelled'
      })
      failControlPlane(run, p.node.slot)
    }
    return []
  }
  // Every path is chosen before anything is written, so the BMC queue keeps the
  // control-plane-first order of `toFlash`.
  const choices = await Promise.all(toFlash.map((p) => pathFor(p, fc, options.log)))
  const scheduler = new FlashScheduler(options.log)
  const uplink = new SharedUplink(fc.uplinkBytesPerSec ?? DEFAULT_UPLINK_BYTES_PER_SEC)
  const state: { stopReason?: string } = {}
  return toFlash.map((p, i) => {
    const result: PipelineResult = { slot: p.node.slot, ok: false }
    results.set(p.node.slot, result)
    return flashOne(p, choices[i] as PathChoice, { fc, scheduler, uplink, state, options }).then(
      (outcome) => afterFlash(run, p, result, outcome)
    )
  })
}

/** Records how the node was written; a booted node goes on to its config. */
function afterFlash(
  run: PipelineRun,
  p: PipelineNode,
  result: PipelineResult,
  outcome: Flashed
): Promise<void> | undefined {
  const label = `slot ${p.node.slot} (${p.node.hostname})`
  result.flash = outcome.flash
  result.flashPath = {
    path: outcome.path,
    reason: outcome.reason,
    fallbackFrom: outcome.fallbackFrom
  }
  if (outcome.path === 'node') result.writeMs = outcome.nodeWrite?.durationMs
  if (outcome.error || !outcome.boot) {
    result.error = outcome.notAttempted ?? outcome.error ?? 'did not boot'
    failControlPlane(run, p.node.slot)
    return
  }
  result.bootMs = outcome.boot.durationMs
  run.options.log.info(
    `${label} booted after ${formatDuration(outcome.boot.durationMs)} (Talos API port).`
  )
  return configure(run, p, result)
}

/**
 * The path of one node to flash: the node path only for a node of this cluster on K3s/Armbian
 * that our key opened during detection and that is healthy with the RAM for the image (a switch
 * K3s → Talos); everything else, and every node under flash-path bmc, goes through the BMC.
 */
async function pathFor(p: PipelineNode, fc: PipelineFlash, log: Logger): Promise<PathChoice> {
  const mode = fc.flashPath ?? 'bmc'
  const slot = p.node.slot
  const need = { bytes: fc.image.size, marginBytes: DEFAULT_MEMORY_MARGIN_BYTES }
  if (mode === 'bmc') return { slot, path: 'bmc', reason: 'flash-path is bmc' }
  if (!p.link)
    return {
      slot,
      path: 'bmc',
      reason: p.noNodePath ?? 'no running OS of this cluster answers',
      ...(mode === 'node' ? { refused: true } : {})
    }
  try {
    const session = await p.link.connect()
    return choosePath(mode, await armbianFacts(session, slot, p.oursBecause), need)
  } catch (error) {
    log.warn(`slot ${slot}: reading its facts for the node path failed: ${describe(error)}`)
    return choosePath(mode, { slot, os: 'none', notOwnedBecause: describe(error) }, need)
  }
}

type Flashed = FlashOutcome & { notAttempted?: string }

async function flashOne(
  p: PipelineNode,
  choice: PathChoice,
  run: {
    fc: PipelineFlash
    scheduler: FlashScheduler
    uplink: SharedUplink
    state: { stopReason?: string }
    options: PipelineOptions
  }
): Promise<Flashed> {
  const { node } = p
  const { fc, options } = run
  const { log, signal } = options
  const label = `slot ${node.slot} (${node.hostname})`
  log.info(`${label}: flash path ${choice.path} (${choice.reason}).`)
  if (choice.refused)
    return {
      slot: node.slot,
      path: 'bmc',
      reason: choice.reason,
      durationMs: 0,
      error: `not flashed: flash-path is node, but ${choice.reason}; nothing was touched`
    }
  let notAttempted: string | undefined
  const confirm = (): Promise<BootResult> =>
    waitForBoot(undefined, node.slot, {
      timeoutMs: options.bootTimeoutMs,
      tcp: { host: node.ip, port: node.ports.talosApi },
      signal,
      log
    })
  const outcome = await run.scheduler.run({
    slot: node.slot,
    label,
    choice,
    nodeWrite: async () =>
      writeOverSsh({
        session: await (p.link as NodeLink).connect(),
        slot: node.slot,
        label,
        image: await describeNodeImage(fc.image, signal),
        uplink: run.uplink,
        log,
        signal
      }),
    bmcFlash: async () => {
      if (run.state.stopReason || signal?.aborted) {
        notAttempted = run.state.stopReason ?? 'not attempted: the run was cancelled'
        throw new Error(notAttempted)
      }
      try {
        return await log.group(`Flash ${label}`, () =>
          flashNode(fc.client, node.slot, fc.image, { log, skipCrc: fc.skipCrc, signal })
        )
      } catch (error) {
        if (isBoardWide(error)) run.state.stopReason = `not attempted: the BMC failed for ${label}`
        throw error
      }
    },
    // Exactly as after a BMC flash: the Talos API port (the BMC is busy with the next upload).
    confirmBoot: confirm
  })
  // The node path ends the detection session (the node rebooted into Talos).
  if (outcome.path === 'node' || outcome.nodeWrite) await p.link?.close()
  return { ...outcome, notAttempted }
}

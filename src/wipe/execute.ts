/**
 * Carries out the plan per node. One node failing never stops the others: every node ends with a
 * result, and a failure names the node, the step, what was seen and what to do.
 */
import { Rk1Error, errorText } from '../common/errors'
import type { Logger } from '../common/host'
import type { OpsContext } from '../distro/talos/operations'
import { resetTalosNode, wipeDiskInMaintenance } from '../distro/talos/reset'
import { resetK3sNode } from '../distro/k3s/reset'
import { foundText } from './detect'
import { phases, type PlannedNode, type WipeOptions } from './plan'

export type WipeResultKind =
  | 'wiped'
  | 'already-clean'
  | 'powered-off'
  | 'already-off'
  | 'nothing'
  | 'refused'
  | 'failed'
  | 'planned'

export interface WipeNodeResult {
  slot: number
  hostname: string
  role: string
  found: string
  foundDetail: string
  action: string
  result: WipeResultKind
  /** What was done, in order. */
  done: string[]
  power?: 'off' | 'on'
  emmc?: 'blanked'
  /** The data disk was wiped (Talos user disk, or the Armbian NVMe signatures). */
  dataWiped?: boolean
  error?: { step: string; message: string; evidence?: string; advice?: string }
  ms: number
}

export interface ExecuteContext {
  ops: OpsContext
  options: WipeOptions & { timeoutMs: number }
  log: Logger
  /** A control plane of this cluster that is not being wiped stays (then etcd can be left). */
  controlPlaneStays: boolean
  /** The Talos control plane answers with our secrets (workers can be drained through it). */
  controlPlaneAlive: boolean
}

export function errorOf(
  error: unknown,
  fallbackStep: string
): NonNullable<WipeNodeResult['error']> {
  if (error instanceof Rk1Error)
    return {
      step: error.step ?? fallbackStep,
      message: error.message,
      evidence: error.evidence,
      advice: error.advice
    }
  return { step: fallbackStep, message: errorText(error) }
}

export function initialResult(p: PlannedNode, kind: WipeResultKind): WipeNodeResult {
  return {
    slot: p.node.slot,
    hostname: p.node.hostname,
    role: p.node.role,
    found: p.found.kind,
    foundDetail: p.found.detail,
    action: p.action,
    result: kind,
    done: [],
    ms: 0
  }
}

async function talosReset(p: PlannedNode, r: WipeNodeResult, ctx: ExecuteContext) {
  const isCp = p.node.role === 'control-plane'
  // Drain and etcd leave need a control plane that stays; tearing the cluster down skips them.
  const graceful = isCp ? ctx.controlPlaneStays : ctx.controlPlaneAlive
  const wipeData = ctx.options.wipeData && !!p.node.disks.data
  const outcome = await resetTalosNode(ctx.ops, p.node, {
    graceful,
    wipeData,
    reboot: !ctx.options.powerOff,
    timeoutMs: ctx.options.timeoutMs,
    onFallback: (seen) =>
      ctx.log.warn(
        `slot ${p.node.slot} (${p.node.hostname}): graceful reset did not go through (${seen}); resetting without drain.`
      )
  })
  r.done.push(
    `talosctl reset (${outcome.graceful ? 'graceful' : 'non-graceful'}${outcome.fallback ? ' after a failed graceful attempt' : ''}): STATE, EPHEMERAL${wipeData ? `, ${p.node.disks.data}` : ''}`
  )
  r.dataWiped = wipeData
  r.done.push(outcome.end === 'maintenance' ? 'answers in maintenance mode' : 'shut down')
  r.result = 'wiped'
}

async function k3sReset(p: PlannedNode, r: WipeNodeResult, ctx: ExecuteContext) {
  const link = p.found.link
  if (!link) throw new Error('no SSH link to the node')
  const report = await resetK3sNode(link, {
    wipeData: ctx.options.wipeData,
    timeoutMs: ctx.options.timeoutMs
  })
  r.done.push(...report.steps)
  if (report.longhornEntries)
    r.done.push(`Longhorn data path emptied (${report.longhornEntries} entries)`)
  if (report.dataDisk?.startsWith('wiped:')) {
    r.dataWiped = true
    r.done.push(`signatures of ${report.dataDisk.slice(6)} erased`)
  }
  const changed = report.steps.length > 0 || !!report.longhornEntries
  r.result = changed || r.dataWiped ? 'wiped' : 'already-clean'
}

async function runOne(p: PlannedNode, ctx: ExecuteContext): Promise<WipeNodeResult> {
  const started = performance.now()
  const r = initialResult(p, 'nothing')
  const label = `slot ${p.node.slot} (${p.node.hostname})`
  try {
    switch (p.action) {
      case 'talos-reset':
        ctx.log.info(`${label}: resetting Talos on its own endpoint ${p.node.ip}.`)
        await talosReset(p, r, ctx)
        break
      case 'k3s-reset':
        ctx.log.info(`${label}: stopping and uninstalling K3s.`)
        await k3sReset(p, r, ctx)
        break
      case 'wipe-disk':
        await wipeDiskInMaintenance(ctx.ops, p.node)
        r.done.push(`talosctl wipe disk ${p.node.disks.data ?? ''}`)
        r.dataWiped = true
        r.result = 'wiped'
        break
      case 'power-off':
        r.done.push(`nothing to reset: ${foundText[p.found.kind]}`)
        r.result = 'powered-off'
        break
      case 'none':
        r.result = p.found.kind === 'powered-off' ? 'already-off' : 'nothing'
        break
      case 'refuse':
        r.result = 'refused'
    }
  } catch (error) {
    r.result = 'failed'
    r.error = errorOf(error, p.action)
    ctx.log.error(`${label}: ${errorText(error)}`)
  } finally {
    await p.found.link?.close()
  }
  r.ms = performance.now() - started
  return r
}

/** Workers (K3s agents) in parallel, then the control planes (K3s server). */
export async function executePlan(
  plan: PlannedNode[],
  ctx: ExecuteContext
): Promise<Map<number, WipeNodeResult>> {
  const results = new Map<number, WipeNodeResult>()
  for (const group of phases(plan)) {
    const done = await Promise.all(group.map((p) => runOne(p, ctx)))
    for (const r of done) results.set(r.slot, r)
  }
  return results
}

/**
 * `talosctl reset` of one node, the way a whole-cluster wipe needs it
 * (`../shared/specs/ops-and-reporting.md` §5.1-5.2, tools.md §1.2.11):
 *   - always to the node's own endpoint (`-e <node> -n <node>`): proxying through the control plane
 *     fails for every worker once the control plane is gone (lifecycle.md §5.3);
 *   - STATE and EPHEMERAL only (the installed OS stays, the node comes back in maintenance mode),
 *     plus the NVMe user disk when asked;
 *   - graceful (drain, leave etcd) where it can be, bounded, then once non-graceful;
 *   - done when the node answers in maintenance mode (reboot) or stopped answering (power off).
 */
import { Backoff, sleep } from '../../common/abort'
import type { InventoryNode } from '../../inventory'
import { TalosStepError, type OpsContext } from './operations'
import { firstError, type TalosctlResult } from './talosctl'
import { inputRef } from '../../common/input-style'

export interface TalosResetOptions {
  /** Try a graceful reset first (cordon, drain, leave etcd). */
  graceful: boolean
  /** Also wipe the node's data disk (`--user-disks-to-wipe`). */
  wipeData: boolean
  /** Reboot into maintenance mode; otherwise the node shuts down. */
  reboot: boolean
  timeoutMs: number
  /** Bound of the graceful attempt before the non-graceful one. */
  gracefulTimeoutMs?: number
  onFallback?: (evidence: string) => void
}

export interface TalosResetOutcome {
  graceful: boolean
  /** Where the node ended up. */
  end: 'maintenance' | 'stopped'
  /** What the graceful attempt said when it fell back. */
  fallback?: string
}

const seconds = (ms: number): string => `${Math.max(1, Math.round(ms / 1000))}s`

export function resetArgs(
  node: InventoryNode,
  o: { graceful: boolean; wipeData: boolean; reboot: boolean; timeoutMs: number }
): string[] {
  const args = [
    'reset',
    `--graceful=${String(o.graceful)}`,
    `--reboot=${String(o.reboot)}`,
    '--system-labels-to-wipe',
    'STATE',
    '--system-labels-to-wipe',
    'EPHEMERAL'
  ]
  if (o.wipeData && node.disks.data) args.push('--user-disks-to-wipe', node.disks.data)
  args.push('--wait', '--timeout', seconds(o.timeoutMs))
  return args
}

async function attempt(
  ctx: OpsContext,
  node: InventoryNode,
  o: TalosResetOptions & { graceful: boolean },
  timeoutMs: number
): Promise<TalosctlResult> {
  return ctx.talosctl.secure(
    { talosconfig: ctx.talosconfig, endpoint: node.ip, node: node.ip },
    resetArgs(node, { ...o, timeoutMs }),
    timeoutMs + 30_000
  )
}

/** After a reset that reboots: the insecure (maintenance) API answers. */
async function waitMaintenance(
  ctx: OpsContext,
  node: InventoryNode,
  timeoutMs: number
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  const backoff = new Backoff(100, 3000)
  while (Date.now() < deadline) {
    const r = await ctx.talosctl.insecure(ctx.talosconfig, node.ip, ['version'], 20_000)
    if (r.code === 0) return true
    await sleep(backoff.next(), ctx.signal)
  }
  return false
}

export async function resetTalosNode(
  ctx: OpsContext,
  node: InventoryNode,
  o: TalosResetOptions
): Promise<TalosResetOutcome> {
  const started = Date.now()
  let fallback: string | undefined
  if (o.graceful) {
    const bound = Math.min(o.gracefulTimeoutMs ?? o.timeoutMs / 3, o.timeoutMs)
    const r = await attempt(ctx, node, { ...o, graceful: true }, bound)
    if (r.code === 0) return finish(ctx, node, o, started, true)
    fallback = firstError(r)
    o.onFallback?.(fallback)
  }
  const left = Math.max(5_000, o.timeoutMs - (Date.now() - started))
  const r = await attempt(ctx, node, { ...o, graceful: false }, left)
  if (r.code !== 0)
    throw new TalosStepError(`talosctl reset of slot ${node.slot} (${node.hostname}) failed.`, {
      node: node.slot,
      step: 'talos-reset',
      evidence: fallback ? `graceful: ${fallback}; non-graceful: ${firstError(r)}` : firstError(r),
      advice:
        'The node keeps its configuration. Check it answers on its own address (`talosctl -e <ip> -n <ip> version`); wipe again, or power it off and re-flash it (provision with ' +
        `${inputRef('reflash', 'true')}).`
    })
  return { ...(await finish(ctx, node, o, started, false)), fallback }
}

async function finish(
  ctx: OpsContext,
  node: InventoryNode,
  o: TalosResetOptions,
  started: number,
  graceful: boolean
): Promise<TalosResetOutcome> {
  if (!o.reboot) return { graceful, end: 'stopped' }
  const left = Math.max(5_000, o.timeoutMs - (Date.now() - started))
  if (await waitMaintenance(ctx, node, left)) return { graceful, end: 'maintenance' }
  throw new TalosStepError(
    `slot ${node.slot} (${node.hostname}) was reset but does not answer in maintenance mode.`,
    {
      node: node.slot,
      step: 'maintenance',
      evidence: `\`talosctl version --insecure -n ${node.ip}\` did not answer within ${seconds(left)}`,
      advice: 'Read the node console (`tpi uart -n <slot> get`); power it off through the BMC.'
    }
  )
}

/**
 * A node already in maintenance mode holds no cluster state; its NVMe may still hold the data of
 * an earlier cluster. `talosctl wipe disk` works there without a client certificate.
 */
export async function wipeDiskInMaintenance(ctx: OpsContext, node: InventoryNode): Promise<void> {
  if (!node.disks.data) return
  const disk = node.disks.data.replace(/^\/dev\//, '')
  const r = await ctx.talosctl.insecure(ctx.talosconfig, node.ip, ['wipe', 'disk', disk], 120_000)
  if (r.code !== 0)
    throw new TalosStepError(`Wiping ${node.disks.data} on slot ${node.slot} failed.`, {
      node: node.slot,
      step: 'wipe-disk',
      evidence: firstError(r),
      advice: 'The disk may be in use by a volume: reset the node first, then wipe again.'
    })
}

/**
 * The Talos steps after the flash (`../shared/specs/tools.md` §1.2.4-§1.2.12): apply in maintenance
 * mode, wait on the **secure** API after the config took (the insecure one is gone then, lifecycle
 * §2.7), bootstrap exactly once, health with explicit node lists, kubeconfig, upgrade. Every wait
 * is a deadline with polling, never a sleep.
 */
import { Backoff, sleep } from '../../common/abort'
import { Rk1Error } from '../../common/errors'
import type { InventoryNode } from '../../inventory'
import { firstError, serverTag, type SecureTarget, type Talosctl } from './talosctl'
import { machineStatus } from './node-state'
import { inputRef } from '../../common/input-style'

export class TalosStepError extends Rk1Error {}

export interface OpsContext {
  talosctl: Talosctl
  talosconfig: string
  signal?: AbortSignal
}

const target = (ctx: OpsContext, node: InventoryNode, endpoint = node): SecureTarget => ({
  talosconfig: ctx.talosconfig,
  endpoint: endpoint.ip,
  node: node.ip
})

const label = (node: InventoryNode): string => `slot ${node.slot} (${node.hostname})`

/** `apply-config --insecure` to a node in maintenance mode. */
export async function applyInMaintenance(
  ctx: OpsContext,
  node: InventoryNode,
  file: string
): Promise<string> {
  const r = await ctx.talosctl.insecure(ctx.talosconfig, node.ip, ['apply-config', '--file', file])
  if (r.code !== 0)
    throw new TalosStepError(`apply-config to ${label(node)} failed.`, {
      node: node.slot,
      step: 'apply-config',
      evidence: firstError(r),
      advice: 'Check that the node is in maintenance mode (`talosctl version --insecure -n <ip>`).'
    })
  return firstError(r)
}

/** Polls the maintenance API until it answers (the TCP port opens a moment before). */
export async function waitForMaintenance(
  ctx: OpsContext,
  node: InventoryNode,
  timeoutMs: number
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  const backoff = new Backoff(100, 3000)
  let last = ''
  while (Date.now() < deadline) {
    const r = await ctx.talosctl.insecure(ctx.talosconfig, node.ip, ['version'], 30_000)
    if (r.code === 0) return
    last = firstError(r)
    await sleep(backoff.next(), ctx.signal)
  }
  throw new TalosStepError(`${label(node)} booted but its maintenance API does not answer.`, {
    node: node.slot,
    step: 'maintenance',
    evidence: last,
    advice:
      'Read the node console (`tpi uart -n <slot> get`): the image may not be Talos for the RK1.'
  })
}

/**
 * After apply-config the node leaves maintenance mode and comes back with mutual TLS. Waits for
 * the secure API to answer and the machine to reach `running`; a node that keeps answering the
 * maintenance API did not take the config.
 */
export async function waitForConfigured(
  ctx: OpsContext,
  node: InventoryNode,
  timeoutMs: number
): Promise<{ version?: string }> {
  const deadline = Date.now() + timeoutMs
  const backoff = new Backoff(100, 3000)
  let last = ''
  let stillMaintenance = false
  let stage: string | undefined
  while (Date.now() < deadline) {
    const r = await ctx.talosctl.secure(target(ctx, node), ['version'], 30_000)
    if (r.code === 0) {
      const status = await machineStatus(ctx.talosctl, ctx.talosconfig, node.ip)
      stage = status.stage
      if (status.stage === 'running') return { version: serverTag(r.stdout) }
      last = `secure API answers, machine stage ${status.stage ?? 'unknown'}`
      stillMaintenance = false
    } else {
      last = firstError(r)
      const insecure = await ctx.talosctl.insecure(ctx.talosconfig, node.ip, ['version'], 30_000)
      stillMaintenance = insecure.code === 0
    }
    await sleep(backoff.next(), ctx.signal)
  }
  if (stillMaintenance)
    throw new TalosStepError(
      `${label(node)} accepted its config but stayed in maintenance mode for ${Math.round(timeoutMs / 1000)} s.`,
      {
        node: node.slot,
        step: 'configure',
        evidence: `the maintenance API still answers; the secure API says: ${last}`,
        advice:
          'Read the node console (`tpi uart -n <slot> get`) for "failed to apply configuration"; a ' +
          `damaged eMMC STATE partition is the usual cause: re-run with ${inputRef('reflash', 'true')} for this node.`
      }
    )
  throw new TalosStepError(
    `${label(node)} did not come up configured within ${Math.round(timeoutMs / 1000)} s.`,
    {
      node: node.slot,
      step: 'configure',
      evidence: stage ? `stage ${stage}; ${last}` : last,
      advice:
        'Read the node console (`tpi uart -n <slot> get`) and raise boot-timeout if it is still installing.'
    }
  )
}

export type BootstrapOutcome = 'bootstrapped' | 'already-bootstrapped' | 'raced'

const RETRY = /bootstrap is not available yet|time is not in sync yet|code = Unavailable/

/**
 * Bootstrap exactly once (tools.md §1.2.7): skipped when etcd already has members; AlreadyExists is
 * success (someone, maybe a parallel run, got there first); "not available yet" and "time is not
 * in sync yet" are retried until the deadline.
 */
export async function bootstrapOnce(
  ctx: OpsContext,
  cp: InventoryNode,
  timeoutMs: number,
  onRetry: (reason: string) => void
): Promise<BootstrapOutcome> {
  const members = await ctx.talosctl.secure(target(ctx, cp), ['etcd', 'members'], 30_000)
  if (members.code === 0) return 'already-bootstrapped'
  const deadline = Date.now() + timeoutMs
  const backoff = new Backoff(100, 5000)
  let last = ''
  while (Date.now() < deadline) {
    const r = await ctx.talosctl.secure(target(ctx, cp), ['bootstrap'], 60_000)
    if (r.code === 0) return 'bootstrapped'
    last = firstError(r)
    if (/code = AlreadyExists/.test(r.stderr)) return 'raced'
    if (!RETRY.test(r.stderr))
      throw new TalosStepError(`Bootstrap of etcd on ${label(cp)} failed.`, {
        node: cp.slot,
        step: 'bootstrap',
        evidence: last,
        advice: 'Read `talosctl dmesg` / the node console; nothing was bootstrapped twice.'
      })
    onRetry(last)
    await sleep(backoff.next(), ctx.signal)
  }
  throw new TalosStepError(`Bootstrap of etcd on ${label(cp)} did not succeed in time.`, {
    node: cp.slot,
    step: 'bootstrap',
    evidence: last,
    advice: /time is not in sync/.test(last)
      ? 'The node has no NTP time: check that it reaches its time servers (UDP 123).'
      : 'Check the control plane console; raise boot-timeout on slow hardware.'
  })
}

/** `talosctl health` on the control plane, waiting for exactly the given nodes. */
export async function health(
  ctx: OpsContext,
  cp: InventoryNode,
  nodes: InventoryNode[],
  timeoutMs: number
): Promise<void> {
  const ips = (role: InventoryNode['role']): string =>
    nodes
      .filter((n) => n.role === role)
      .map((n) => n.ip)
      .join(',')
  const args = ['health', '--wait-timeout', `${Math.max(1, Math.round(timeoutMs / 1000))}s`]
  if (ips('control-plane')) args.push('--control-plane-nodes', ips('control-plane'))
  if (ips('worker')) args.push('--worker-nodes', ips('worker'))
  const r = await ctx.talosctl.secure(target(ctx, cp), args, timeoutMs + 60_000)
  if (r.code !== 0) {
    const waiting = r.stderr
      .split('\n')
      .filter((l) => l.startsWith('waiting for'))
      .slice(-3)
      .join('\n')
    throw new TalosStepError('The cluster did not become healthy.', {
      step: 'health',
      evidence: `${firstError({ ...r, stderr: r.stderr.split('\n').reverse().join('\n') })}\n${waiting}`,
      advice: 'Look at the failing condition; `talosctl dmesg -n <ip>` shows why a node is behind.'
    })
  }
}

/** `kubeconfig <file> --merge=false --force`: a clean file, never merged into ~/.kube/config. */
export async function fetchKubeconfig(
  ctx: OpsContext,
  cp: InventoryNode,
  path: string
): Promise<void> {
  const r = await ctx.talosctl.secure(target(ctx, cp), [
    'kubeconfig',
    path,
    '--merge=false',
    '--force'
  ])
  if (r.code !== 0)
    throw new TalosStepError(`Fetching the kubeconfig from ${label(cp)} failed.`, {
      node: cp.slot,
      step: 'kubeconfig',
      evidence: firstError(r),
      advice: 'Check that Kubernetes runs on the control plane (`talosctl health`).'
    })
}

/** `talosctl upgrade -i <factory installer>`: one node at a time, waits for the new version. */
export async function upgradeNode(
  ctx: OpsContext,
  node: InventoryNode,
  image: string,
  timeoutMs: number
): Promise<void> {
  const r = await ctx.talosctl.secure(
    target(ctx, node),
    [
      'upgrade',
      '-i',
      image,
      '--wait',
      '--timeout',
      `${Math.max(1, Math.round(timeoutMs / 1000))}s`
    ],
    timeoutMs + 60_000
  )
  if (r.code !== 0)
    throw new TalosStepError(`Upgrade of ${label(node)} to ${image} failed.`, {
      node: node.slot,
      step: 'upgrade',
      evidence: firstError(r),
      advice: 'Read the node console; the node keeps its previous version when an upgrade fails.'
    })
}

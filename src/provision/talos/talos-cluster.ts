/** After the pipeline: the bootstrap's record, upgrades in place, the cluster check, up to date. */
import { chmod } from 'node:fs/promises'
import { join } from 'node:path'
import { Rk1Error } from '../../common/errors'
import type { InventoryNode } from '../../inventory'
import { findKubectl, waitNodesReady } from '../../kube/nodes-ready'
import { TalosStepError, fetchKubeconfig, health, upgradeNode } from '../../distro/talos/operations'
import { controlPlaneFirst, type TalosAction } from './talos-plan'
import { type PipelineOutcome } from './talos-pipeline'
import type { TalosNodeResult, TalosRun } from './talos-summary'
import type { TalosRunContext } from './talos-context'

export function recordBootstrap(
  ctx: TalosRunContext,
  run: TalosRun,
  bootstrap: PipelineOutcome['bootstrap']
): void {
  const { log, cp } = ctx
  if (bootstrap && 'error' in bootstrap) run.bootstrapError = bootstrap.error
  else if (bootstrap) {
    run.bootstrap = bootstrap.outcome
    run.bootstrapMs = bootstrap.ms
    if (bootstrap.outcome === 'raced')
      log.warn(
        'bootstrap: etcd answered AlreadyExists: another client bootstrapped it first; treated as done (never bootstrapped twice).'
      )
    else if (bootstrap.outcome === 'already-bootstrapped')
      log.info('bootstrap: etcd already has members; not bootstrapping again.')
    else log.info(`bootstrap: etcd bootstrapped on slot ${cp.slot} (${cp.hostname}).`)
  }
}

/** Nodes on another Talos version, one at a time, control plane first (no flash). */
export async function upgradeInPlace(
  ctx: TalosRunContext,
  actions: Map<number, TalosAction>,
  results: TalosNodeResult[]
): Promise<void> {
  const { log, inventory } = ctx
  const upgrades = controlPlaneFirst(ctx.selected).filter((n) => actions.get(n.slot) === 'upgrade')
  if (upgrades.length > 0)
    log.info(
      `Upgrading ${upgrades.length} node(s) to Talos ${inventory.versions.talos} in place, one at a time, control plane first (no flash).`
    )
  let blocked: string | undefined
  for (const r of upgrades) {
    const res = results.find((x) => x.slot === r.slot) as TalosNodeResult
    if (blocked) {
      // One at a time means: never take a second node down while the first did not come back.
      res.status = 'failed'
      res.error = `Not upgraded: ${blocked} failed to upgrade first.`
      continue
    }
    try {
      log.info(
        `slot ${r.slot} (${r.hostname}): upgrading ${res.foundVersion ?? ''} to ${ctx.configs.installImage}.`
      )
      await upgradeNode(ctx.ops, r, ctx.configs.installImage, ctx.settings.bootTimeoutMs)
      res.upgradedTo = inventory.versions.talos
      log.info(`slot ${r.slot} (${r.hostname}): upgraded to Talos ${inventory.versions.talos}.`)
    } catch (error) {
      res.status = 'failed'
      res.error = error instanceof Rk1Error ? error.describe() : String(error)
      blocked = `slot ${r.slot} (${r.hostname})`
    }
  }
}

/** `talosctl health` over the ready nodes, a kubeconfig, then Ready Kubernetes nodes. */
export async function checkCluster(ctx: TalosRunContext, run: TalosRun): Promise<void> {
  const { log, cp } = ctx
  const healthy = ctx.selected.filter(
    (n) => run.nodes.find((r) => r.slot === n.slot)?.status === 'ready'
  )
  const checked = healthy.some((n) => n.slot === cp.slot) ? healthy : [cp, ...healthy]
  try {
    await log.group('Cluster health', async () => {
      await health(ctx.ops, cp, checked, ctx.settings.bootTimeoutMs)
      const kubeconfigPath = join(ctx.dir, 'kubeconfig')
      await fetchKubeconfig(ctx.ops, cp, kubeconfigPath)
      await chmod(kubeconfigPath, 0o600)
      run.kubeconfigPath = kubeconfigPath
      await checkReady(ctx, run, kubeconfigPath, checked)
    })
  } catch (error) {
    run.healthError = error instanceof Rk1Error ? error.describe() : String(error)
    log.error(run.healthError)
  }
}

/** Ready Kubernetes nodes with real kubectl, when it is on PATH. */
export async function checkReady(
  ctx: TalosRunContext,
  run: TalosRun,
  kubeconfig: string,
  checked: InventoryNode[]
): Promise<void> {
  const { host, log } = ctx
  const kubectl = await findKubectl(host.env.PATH)
  if (!kubectl) {
    log.info(
      'kubectl is not on PATH: node readiness rests on `talosctl health` (all k8s nodes ready).'
    )
    return
  }
  run.readyNodes = await waitNodesReady({
    kubectl,
    kubeconfig,
    names: checked.map((n) => n.hostname),
    timeoutMs: ctx.settings.bootTimeoutMs,
    env: host.env,
    signal: host.signal,
    fail: (evidence) =>
      new TalosStepError('Not every node became a Ready Kubernetes node.', {
        step: 'nodes-ready',
        evidence,
        advice:
          'Check `kubectl get nodes` and the kubelet of the missing nodes (`talosctl logs kubelet`).'
      })
  })
  log.info(`Kubernetes nodes Ready: ${run.readyNodes.join(', ')}.`)
}

export function markUpToDate(ctx: TalosRunContext, run: TalosRun): void {
  run.upToDate =
    run.nodes.every((r) => r.action === 'none' && r.status === 'ready') &&
    run.bootstrap === 'already-bootstrapped' &&
    !run.healthError
  if (run.upToDate)
    ctx.log.info(
      `Cluster "${ctx.inventory.name}" is already up to date: nothing flashed, nothing bootstrapped.`
    )
}

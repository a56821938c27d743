/** After every node: the cluster check (kubeconfig, Ready nodes), then outputs and summary. */
import { chmod, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Host } from '../../common/host'
import { maskConfigSecrets } from '../../common/mask-config'
import { rewriteKubeconfig, serverUrl } from '../../distro/k3s/config'
import { readKubeconfig } from '../../distro/k3s/operations'
import { findKubectl, waitNodesReady } from '../../kube/nodes-ready'
import { K3sProvisionStepError } from './k3s-errors'
import { provisionRunFailed } from '../run-error'
import { k3sFailed, k3sResultJson, summariseK3s, type K3sRun } from './k3s-summary'
import { describe, K3sProvisionError, type K3sRunContext } from './k3s-context'

/** A fresh kubeconfig from the server, then every ready node Ready in Kubernetes. */
export async function checkCluster(ctx: K3sRunContext, run: K3sRun): Promise<void> {
  const { log } = ctx
  try {
    await log.group('Cluster', async () => {
      const link = ctx.links.get(ctx.server.slot)
      if (!link) throw new K3sProvisionError('The K3s server is not reachable: no kubeconfig.')
      // Fetched every run, so a rebuilt cluster never leaves a stale kubeconfig behind.
      const kubeconfig = rewriteKubeconfig(await readKubeconfig(link), serverUrl(ctx.inventory))
      const path = join(ctx.dir, 'kubeconfig')
      await writeFile(path, kubeconfig, { mode: 0o600 })
      await chmod(path, 0o600)
      run.kubeconfigPath = path
      await checkReady(ctx, run, path)
    })
  } catch (error) {
    run.clusterError = describe(error)
    log.error(run.clusterError)
  }
}

/** Ready Kubernetes nodes with real kubectl, when it is on PATH. */
export async function checkReady(
  ctx: K3sRunContext,
  run: K3sRun,
  kubeconfig: string
): Promise<void> {
  const { host, log } = ctx
  const kubectl = await findKubectl(host.env.PATH)
  const names = run.nodes.filter((n) => n.status === 'ready').map((n) => n.hostname)
  if (!kubectl) {
    log.warn('kubectl is not on PATH: node readiness was not checked.')
    return
  }
  run.readyNodes = await waitNodesReady({
    kubectl,
    kubeconfig,
    names,
    timeoutMs: ctx.settings.bootTimeoutMs,
    env: host.env,
    signal: host.signal,
    fail: (evidence) =>
      new K3sProvisionStepError('Not every node became a Ready Kubernetes node.', {
        step: 'nodes-ready',
        evidence,
        advice: 'Check `kubectl get nodes` and `journalctl -u k3s-agent` on the missing nodes.'
      })
  })
  log.info(`Kubernetes nodes Ready: ${run.readyNodes.join(', ')}.`)
}

/** Up to date or not, outputs and summary, then the one run failure when anything failed. */
export async function finishRun(ctx: K3sRunContext, run: K3sRun, totalMs: number): Promise<void> {
  const { host, log, inventory } = ctx
  run.upToDate =
    run.nodes.every(
      (n) => n.action === 'none' && n.status === 'ready' && n.install === 'unchanged'
    ) && !run.clusterError
  if (run.upToDate)
    log.info(
      `Cluster "${inventory.name}" is already up to date: nothing flashed, nothing reinstalled.`
    )
  run.totalMs = totalMs
  await setK3sOutputs(host, run, ctx.key)
  summariseK3s(host.summary, run)
  await host.summary.write()
  if (k3sFailed(run))
    throw provisionRunFailed({
      what: 'K3s provisioning',
      failed: run.nodes.filter((n) => n.status === 'failed'),
      cluster: [run.clusterError && 'the cluster is not healthy'],
      clusterEvidence: run.clusterError
    })
}

export async function setK3sOutputs(
  host: Host,
  run: K3sRun,
  key: { privateKey: string; origin: 'input' | 'file' | 'generated' }
): Promise<void> {
  if (run.kubeconfigPath) {
    const text = await readFile(run.kubeconfigPath, 'utf8')
    maskConfigSecrets((s) => host.mask(s), text)
    host.setOutput('kubeconfig', text)
    host.setOutput('kubeconfig-path', run.kubeconfigPath)
  }
  if (key.origin === 'generated') host.setOutput('ssh-private-key', key.privateKey)
  host.setOutput('result', k3sResultJson(run))
  host.setOutput(
    'flashed-nodes',
    // Written on either path: by the BMC, or by the node itself (flash-path).
    run.nodes
      .filter((n) => n.flash || n.flashPath?.path === 'node')
      .map((n) => n.slot)
      .join(',')
  )
}

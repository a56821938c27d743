/** Every expected node Ready under its inventory name, seen with real kubectl. */
import { Backoff, sleep } from '../../common/abort'
import { readyNodes } from '../../distro/talos/kube-ready'
import { K3sProvisionStepError } from './k3s-errors'

export async function waitK3sNodesReady(o: {
  kubectl: string
  kubeconfig: string
  names: string[]
  timeoutMs: number
  env: NodeJS.ProcessEnv
  signal?: AbortSignal
}): Promise<string[]> {
  const deadline = Date.now() + o.timeoutMs
  const backoff = new Backoff(200, 3000)
  const env = { ...o.env }
  delete env.KUBECONFIG
  let last: { ready: string[]; all: string[]; error?: string } = { ready: [], all: [] }
  while (Date.now() < deadline) {
    last = await readyNodes(o.kubectl, o.kubeconfig, env)
    if (!last.error && o.names.every((n) => last.ready.includes(n))) return last.ready
    await sleep(backoff.next(), o.signal)
  }
  const missing = o.names.filter((n) => !last.ready.includes(n))
  throw new K3sProvisionStepError('Not every node became a Ready Kubernetes node.', {
    step: 'nodes-ready',
    evidence:
      last.error ?? `not Ready: ${missing.join(', ')}; seen: ${last.all.join(', ') || 'none'}`,
    advice: 'Check `kubectl get nodes` and `journalctl -u k3s-agent` on the missing nodes.'
  })
}

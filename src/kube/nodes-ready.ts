/**
 * The last proof of a provision, for both distros: every inventory node is a Ready Kubernetes node
 * under its inventory name, seen with kubectl and the fetched kubeconfig (argument arrays, no shell).
 */
import { execFile } from 'node:child_process'
import { constants } from 'node:fs'
import { access } from 'node:fs/promises'
import { delimiter, join } from 'node:path'
import { Backoff, sleep } from '../common/abort'

export async function findKubectl(pathVar: string | undefined): Promise<string | undefined> {
  for (const dir of (pathVar ?? '').split(delimiter).filter(Boolean)) {
    try {
      await access(join(dir, 'kubectl'), constants.X_OK)
      return join(dir, 'kubectl')
    } catch {
      // next
    }
  }
  return undefined
}

interface NodeList {
  items?: {
    metadata?: { name?: string }
    status?: { conditions?: { type?: string; status?: string }[] }
  }[]
}

function kubectlJson(
  kubectl: string,
  kubeconfig: string,
  env: NodeJS.ProcessEnv
): Promise<{ ok: boolean; list?: NodeList; error?: string }> {
  return new Promise((resolve) => {
    execFile(
      kubectl,
      ['--kubeconfig', kubeconfig, 'get', 'nodes', '-o', 'json', '--request-timeout=20s'],
      { env, timeout: 60_000, maxBuffer: 16 << 20 },
      (error, stdout, stderr) => {
        if (error) return resolve({ ok: false, error: (stderr || error.message).trim() })
        try {
          resolve({ ok: true, list: JSON.parse(stdout) as NodeList })
        } catch (e) {
          resolve({ ok: false, error: `unreadable kubectl output: ${String(e)}` })
        }
      }
    )
  })
}

/** Ready node names, or an error text. */
export async function readyNodes(
  kubectl: string,
  kubeconfig: string,
  env: NodeJS.ProcessEnv
): Promise<{ ready: string[]; all: string[]; error?: string }> {
  const r = await kubectlJson(kubectl, kubeconfig, env)
  if (!r.ok) return { ready: [], all: [], error: r.error }
  const items = r.list?.items ?? []
  return {
    all: items.map((i) => i.metadata?.name ?? ''),
    ready: items
      .filter((i) => i.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'))
      .map((i) => i.metadata?.name ?? '')
  }
}

/**
 * Waits until every expected name is a Ready node; at the deadline throws what `fail` makes of the
 * evidence (the distro knows which error and advice fit).
 */
export async function waitNodesReady(options: {
  kubectl: string
  kubeconfig: string
  names: string[]
  timeoutMs: number
  env: NodeJS.ProcessEnv
  signal?: AbortSignal
  fail: (evidence: string) => Error
}): Promise<string[]> {
  const deadline = Date.now() + options.timeoutMs
  const backoff = new Backoff(100, 3000)
  // The kubeconfig is passed explicitly; an inherited KUBECONFIG must not add clusters to it.
  const env = { ...options.env }
  delete env.KUBECONFIG
  let last: { ready: string[]; all: string[]; error?: string } = { ready: [], all: [] }
  while (Date.now() < deadline) {
    last = await readyNodes(options.kubectl, options.kubeconfig, env)
    if (!last.error && options.names.every((n) => last.ready.includes(n))) return last.ready
    await sleep(backoff.next(), options.signal)
  }
  const missing = options.names.filter((n) => !last.ready.includes(n))
  throw options.fail(
    last.error ?? `not Ready: ${missing.join(', ')}; nodes seen: ${last.all.join(', ') || 'none'}`
  )
}

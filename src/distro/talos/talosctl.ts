/**
 * The talosctl driver (`../shared/specs/tools.md` §1.1): argument arrays, never a shell; the
 * talosconfig, endpoint and node always passed explicitly, so nothing depends on `~/.talos/config`
 * or `$TALOSCONFIG` of the machine that runs us.
 */
import { spawn } from 'node:child_process'

export interface TalosctlResult {
  code: number
  stdout: string
  stderr: string
}

export interface TalosctlOptions {
  /** Absolute path of the talosctl binary. */
  binary: string
  /** Environment of the child (PATH, HOME); TALOSCONFIG is removed so it can never be used. */
  env: NodeJS.ProcessEnv
  cwd: string
  signal?: AbortSignal
}

/** Where the secure calls authenticate: our talosconfig, one endpoint, one target node. */
export interface SecureTarget {
  talosconfig: string
  endpoint: string
  node: string
}

export class Talosctl {
  constructor(readonly options: TalosctlOptions) {}

  /** Runs `talosctl <args>`; resolves with the exit code and both streams (never rejects on exit 1). */
  run(args: string[], timeoutMs = 120_000): Promise<TalosctlResult> {
    const env = { ...this.options.env }
    delete env.TALOSCONFIG
    return new Promise((resolve, reject) => {
      const child = spawn(this.options.binary, args, {
        cwd: this.options.cwd,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
        signal: this.options.signal
      })
      let stdout = ''
      let stderr = ''
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
      child.once('error', (error) => {
        clearTimeout(timer)
        reject(error)
      })
      child.once('close', (code, signal) => {
        clearTimeout(timer)
        resolve({
          code: code ?? 1,
          stdout,
          stderr: signal ? `${stderr}\ntalosctl was stopped (${signal})` : stderr
        })
      })
    })
  }

  /** A call over mutual TLS with our PKI. */
  secure(target: SecureTarget, args: string[], timeoutMs?: number): Promise<TalosctlResult> {
    return this.run(
      [...args, '--talosconfig', target.talosconfig, '-e', target.endpoint, '-n', target.node],
      timeoutMs
    )
  }

  /**
   * A maintenance-mode call: one node at a time (with several `-n` gRPC picks one at random). The
   * talosconfig is passed anyway so a stray `~/.talos/config` can never be read.
   */
  insecure(
    talosconfig: string,
    node: string,
    args: string[],
    timeoutMs?: number
  ): Promise<TalosctlResult> {
    return this.run([...args, '--insecure', '--talosconfig', talosconfig, '-n', node], timeoutMs)
  }
}

/** The first line of stderr that says something (talosctl prints errors without a prefix). */
export function firstError(result: TalosctlResult): string {
  const line = result.stderr
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l.length > 0)
  return line ?? `exit code ${result.code}`
}

/** The server `Tag:` of `talosctl version` (the second Tag line; the first is the client's). */
export function serverTag(stdout: string): string | undefined {
  const server = stdout.split(/^Server:\s*$/m)[1]
  return server ? /Tag:\s*(\S+)/.exec(server)?.[1] : undefined
}

/** `talosctl get -o json` writes concatenated objects, not an array (tools.md §1.2.6). */
export function parseJsonStream(text: string): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = []
  let depth = 0
  let start = -1
  let inString = false
  let escaped = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (inString) {
      if (escaped) escaped = false
      else if (c === '\\') escaped = true
      else if (c === '"') inString = false
      continue
    }
    if (c === '"') inString = true
    else if (c === '{') {
      if (depth === 0) start = i
      depth++
    } else if (c === '}') {
      depth--
      if (depth === 0 && start >= 0) {
        out.push(JSON.parse(text.slice(start, i + 1)) as Record<string, unknown>)
        start = -1
      }
    }
  }
  return out
}

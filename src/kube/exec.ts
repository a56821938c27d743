// Runs kubectl/helm as child processes: an argument array (never a shell), a private environment,
// optional stdin (manifests and secrets go there, never on the command line), a timeout and the
// run's abort signal.
import { execFile } from 'node:child_process'

export interface ExecResult {
  code: number
  stdout: string
  stderr: string
}

export interface ExecOptions {
  env: Record<string, string>
  input?: string
  timeoutMs?: number
  signal?: AbortSignal
}

export function execTool(file: string, args: string[], opts: ExecOptions): Promise<ExecResult> {
  return new Promise((resolve) => {
    const child = execFile(
      file,
      args,
      {
        env: opts.env,
        timeout: opts.timeoutMs ?? 15 * 60_000,
        maxBuffer: 64 * 1024 * 1024,
        signal: opts.signal
      },
      (err, stdout, stderr) => {
        const raw = err ? (err as { code?: unknown }).code : 0
        const code = typeof raw === 'number' ? raw : err ? 1 : 0
        const extra = err && typeof raw !== 'number' ? `\n${err.message}` : ''
        resolve({ code, stdout: String(stdout), stderr: String(stderr) + extra })
      }
    )
    child.stdin?.end(opts.input ?? '')
  })
}

// Runs a Job pod's container as a real child process: its own process group (so deleting the pod
// or closing the emulator kills everything it started), a per-Job working directory, and only the
// environment the container spec gives plus PATH and HOME, never this process's variables (which
// may hold secrets).
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import type { PodLogs } from './logs'

export interface RunRequest {
  ns: string
  pod: string
  container: string
  command: string[]
  env: Record<string, string>
  cwd: string
}

export interface RunResult {
  exitCode: number
  /** Completed, Error, StartError or OOMKilled-like reasons as the kubelet reports them. */
  reason: string
  message?: string
  signal?: string
}

export class JobRunner {
  private readonly procs = new Map<string, ChildProcess>()
  private readonly exits = new Set<Promise<void>>()

  constructor(private readonly logs: PodLogs) {}

  run(req: RunRequest, onExit: (r: RunResult) => void): void {
    const id = `${req.ns}/${req.pod}`
    this.logs.open(req.ns, req.pod, req.container)
    const [file, ...args] = req.command
    if (!file) {
      this.logs.finish(req.ns, req.pod, req.container)
      onExit({ exitCode: 128, reason: 'StartError', message: 'no command specified' })
      return
    }
    mkdirSync(req.cwd, { recursive: true })
    let child: ChildProcess
    try {
      child = spawn(file, args, {
        cwd: req.cwd,
        env: req.env,
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe']
      })
    } catch (e) {
      this.logs.finish(req.ns, req.pod, req.container)
      onExit({ exitCode: 128, reason: 'StartError', message: String((e as Error).message) })
      return
    }
    this.procs.set(id, child)
    const append = (b: Buffer): void =>
      this.logs.append(req.ns, req.pod, req.container, b.toString('utf8'))
    child.stdout?.on('data', append)
    child.stderr?.on('data', append)
    let settled = false
    let resolveExit: () => void = () => undefined
    const exited = new Promise<void>((r) => (resolveExit = r))
    this.exits.add(exited)
    const finish = (r: RunResult): void => {
      if (settled) return
      settled = true
      this.procs.delete(id)
      this.exits.delete(exited)
      resolveExit()
      this.logs.finish(req.ns, req.pod, req.container)
      onExit(r)
    }
    child.on('error', (e: NodeJS.ErrnoException) => {
      const message =
        e.code === 'ENOENT'
          ? `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "${file}": executable file not found in $PATH: unknown`
          : e.message
      finish({ exitCode: 128, reason: 'StartError', message })
    })
    child.on('close', (code, signal) => {
      if (signal) finish({ exitCode: 128 + signalNumber(signal), reason: 'Error', signal })
      else finish({ exitCode: code ?? 1, reason: code === 0 ? 'Completed' : 'Error' })
    })
  }

  isRunning(ns: string, pod: string): boolean {
    return this.procs.has(`${ns}/${pod}`)
  }

  kill(ns: string, pod: string, signal: NodeJS.Signals = 'SIGKILL'): void {
    const child = this.procs.get(`${ns}/${pod}`)
    if (!child?.pid) return
    try {
      process.kill(-child.pid, signal)
    } catch {
      // Already gone.
    }
  }

  async closeAll(): Promise<void> {
    for (const id of this.procs.keys()) {
      const [ns, pod] = id.split('/') as [string, string]
      this.kill(ns, pod, 'SIGKILL')
    }
    await Promise.race([
      Promise.all([...this.exits]),
      new Promise((r) => setTimeout(r, 2000).unref())
    ])
  }
}

function signalNumber(signal: string): number {
  const table: Record<string, number> = {
    SIGHUP: 1,
    SIGINT: 2,
    SIGQUIT: 3,
    SIGKILL: 9,
    SIGTERM: 15
  }
  return table[signal] ?? 9
}

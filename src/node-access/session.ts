/**
 * One SSH connection to a node, reused for every command. Never allocates a PTY: Armbian's
 * first-login wizard kill -9s root shells that have a terminal (tools spec §4.3), and a PTY would
 * mix stderr into stdout anyway. Uses ssh2's pure-JS crypto (the bundle leaves its addons out).
 */
import type { Readable } from 'node:stream'
import ssh2 from 'ssh2'
import type { AuthenticationType, ConnectConfig } from 'ssh2'
import type { Logger } from '../common/host'
import { runOnChannel, type RawResult, type RunSpec } from './channel-run'
import { HostKeyCheck, type HostKeyPolicy } from './host-key'
import {
  SshCommandError,
  SshError,
  SshUnreachableError,
  classifyConnectError,
  commandLabel,
  tail
} from './ssh-errors'
import {
  checkEnv,
  envCommand,
  envPreamble,
  shellQuote,
  uploadCommand,
  wrapScript
} from './remote-shell'

export interface SshTarget {
  host: string
  port: number
  username: string
  /** OpenSSH or PEM private key (unencrypted). */
  privateKey?: string | Buffer
  password?: string
}

export interface ConnectOptions {
  hostKey: HostKeyPolicy
  log?: Logger
  /** TCP connect plus handshake plus authentication; default 20 s. */
  readyTimeoutMs?: number
  /** Default 15 s; the connection is dropped after 4 unanswered keepalives. */
  keepaliveIntervalMs?: number
  signal?: AbortSignal
  /** Slot 1-4, put on every error this session raises. */
  node?: number
}

export interface ExecOptions {
  stdin?: string | Buffer
  /** Sent on stdin, never on the command line (values may be secrets). */
  env?: Record<string, string>
  /** On expiry the remote process group is killed and SshCommandError (timedOut) is thrown. */
  timeoutMs?: number
  signal?: AbortSignal
  onStdout?(chunk: string): void
  onStderr?(chunk: string): void
  /** Throw SshCommandError when the command does not exit 0. */
  check?: boolean
}

export type ScriptOptions = Omit<ExecOptions, 'stdin'>

export interface ExecResult {
  code: number | null
  signal?: string
  stdout: string
  stderr: string
}

const { Client } = ssh2

export class SshSession {
  private closed = false
  private closing?: Promise<void>
  private lostError?: SshError
  private readonly running = new Set<(error: SshError) => void>()

  private constructor(
    private readonly client: InstanceType<typeof Client>,
    private readonly target: SshTarget,
    readonly hostKeyFingerprint: string,
    private readonly node?: number
  ) {
    client.on('error', (error) => this.lost(classifyConnectError(error, this.where())))
    client.on('close', () =>
      this.lost(
        new SshUnreachableError(`The SSH connection to ${this.describeTarget()} was lost.`, {
          node: this.node,
          step: 'ssh',
          advice: 'The node rebooted, sshd restarted or the network dropped; reconnect and retry.'
        })
      )
    )
  }

  static connect(target: SshTarget, opts: ConnectOptions): Promise<SshSession> {
    const where = { host: target.host, port: target.port, node: opts.node }
    const ctx = { ...where, username: target.username, step: 'ssh' }
    let check: HostKeyCheck
    try {
      check = new HostKeyCheck(opts.hostKey, where)
    } catch (error) {
      return Promise.reject(error)
    }
    if (!target.privateKey && target.password === undefined) {
      return Promise.reject(
        new SshError(`No SSH credentials for ${target.username}@${target.host}.`, {
          node: opts.node,
          step: 'ssh',
          advice: 'Configure the SSH private key (or a password) for the nodes.'
        })
      )
    }
    if (opts.signal?.aborted) return Promise.reject(opts.signal.reason ?? new Error('aborted'))

    return new Promise<SshSession>((resolve, reject) => {
      const client = new Client()
      let settled = false
      const fail = (error: unknown): void => {
        if (settled) return
        settled = true
        opts.signal?.removeEventListener('abort', onAbort)
        client.removeAllListeners('ready')
        client.end()
        // ssh2 may still emit 'error' after end(); keep a listener so it is not thrown.
        client.on('error', () => undefined)
        reject(error)
      }
      const onAbort = (): void => fail(opts.signal?.reason ?? new Error('aborted'))
      opts.signal?.addEventListener('abort', onAbort, { once: true })

      client.on('handshake', () => {
        check.commit()
        const mismatch = check.confirm()
        if (mismatch) fail(mismatch)
      })
      client.on('keyboard-interactive', (_name, _instr, _lang, prompts, finish) => {
        // Password-only servers (KbdInteractiveAuthentication) ask through this method.
        finish(prompts.map(() => target.password ?? ''))
      })
      client.on('error', (error) => fail(check.rejection ?? classifyConnectError(error, ctx)))
      client.on('close', () =>
        fail(
          check.rejection ??
            classifyConnectError(new Error('Connection closed before handshake'), ctx)
        )
      )
      client.once('ready', () => {
        if (settled) return
        settled = true
        opts.signal?.removeEventListener('abort', onAbort)
        client.removeAllListeners('error')
        client.removeAllListeners('close')
        const fingerprint = check.fingerprint ?? 'unknown'
        opts.log?.debug(
          `ssh: connected to ${ctx.username}@${ctx.host}:${ctx.port} (${fingerprint})`
        )
        resolve(new SshSession(client, target, fingerprint, opts.node))
      })

      const methods: AuthenticationType[] = []
      if (target.privateKey) methods.push('publickey')
      if (target.password !== undefined) methods.push('password', 'keyboard-interactive')
      const config: ConnectConfig = {
        host: target.host,
        port: target.port,
        username: target.username,
        privateKey: target.privateKey,
        password: target.password,
        tryKeyboard: target.password !== undefined,
        authHandler: methods,
        readyTimeout: opts.readyTimeoutMs ?? 20_000,
        keepaliveInterval: opts.keepaliveIntervalMs ?? 15_000,
        keepaliveCountMax: 4,
        hostVerifier: (key: Buffer) => check.verify(key)
      }
      try {
        client.connect(config)
        // Many small request/reply packets per command: Nagle plus delayed ACKs would add tens
        // of milliseconds to each.
        client.setNoDelay(true)
      } catch (error) {
        // ssh2 parses the private key synchronously; never echo the key itself.
        fail(
          new SshError(
            `The SSH private key for ${ctx.username}@${ctx.host} cannot be used.`,
            {
              node: opts.node,
              step: 'ssh',
              evidence: error instanceof Error ? error.message : String(error),
              advice:
                'Provide an unencrypted OpenSSH (ssh-keygen) or PEM private key; encrypted keys ' +
                'are not supported.'
            },
            { cause: error }
          )
        )
      }
    })
  }

  /** Runs one command without a PTY. Non-zero exit codes are returned, not thrown (see `check`). */
  async exec(command: string, opts: ExecOptions = {}): Promise<ExecResult> {
    let remote = command
    let prefix: Buffer | undefined
    if (opts.env && Object.keys(opts.env).length > 0) {
      checkEnv(opts.env)
      remote = envCommand(command)
      prefix = envPreamble(opts.env)
    }
    const stdin =
      opts.stdin === undefined
        ? undefined
        : Buffer.isBuffer(opts.stdin)
          ? opts.stdin
          : Buffer.from(opts.stdin)
    const input = prefix ? Buffer.concat([prefix, stdin ?? Buffer.alloc(0)]) : stdin
    const raw = await this.run({ ...opts, command: remote, label: commandLabel(command), input })
    const result: ExecResult = { ...raw, stdout: raw.stdout.toString('utf8') }
    if (opts.check && raw.code !== 0) throw this.failed(commandLabel(command), raw)
    return result
  }

  /**
   * Runs one command with a stream on its stdin (a multi-GiB image), without buffering it.
   * Non-zero exit codes are returned; a lost connection rejects like `exec`.
   */
  async execStreaming(
    command: string,
    input: Readable,
    opts: Omit<ExecOptions, 'stdin' | 'env' | 'check'> = {}
  ): Promise<ExecResult> {
    const raw = await this.run({ ...opts, command, label: commandLabel(command), input })
    return { ...raw, stdout: raw.stdout.toString('utf8') }
  }

  /** Runs a bash script sent on stdin to `bash -s`, so it never shows on a command line. */
  runScript(script: string, opts: ScriptOptions = {}): Promise<ExecResult> {
    if (opts.env) checkEnv(opts.env)
    const input = Buffer.from(wrapScript(script, opts.env))
    const label = `bash -s <<script: ${commandLabel(script.trimStart())}>`
    return this.run({ ...opts, command: 'bash -s', label, input }).then((raw) => {
      if (opts.check && raw.code !== 0) throw this.failed(label, raw)
      return { ...raw, stdout: raw.stdout.toString('utf8') }
    })
  }

  /** Writes a file atomically (temp file in the same directory, chmod, rename). */
  async upload(
    remotePath: string,
    data: Buffer | Readable,
    mode = 0o644,
    opts: { timeoutMs?: number; signal?: AbortSignal } = {}
  ): Promise<void> {
    if (!remotePath || remotePath.endsWith('/'))
      throw new TypeError(`upload needs a file path, got "${remotePath}"`)
    const label = `upload ${remotePath}`
    const raw = await this.run({
      ...opts,
      command: uploadCommand(remotePath, mode),
      label,
      input: data
    })
    if (raw.code !== 0) throw this.failed(label, raw)
  }

  async download(
    remotePath: string,
    opts: { timeoutMs?: number; signal?: AbortSignal } = {}
  ): Promise<Buffer> {
    const label = `download ${remotePath}`
    const raw = await this.run({ ...opts, command: `cat -- ${shellQuote(remotePath)}`, label })
    if (raw.code !== 0) throw this.failed(label, raw)
    return raw.stdout
  }

  close(): Promise<void> {
    if (this.closing) return this.closing
    this.closing = new Promise<void>((resolve) => {
      if (this.closed) return resolve()
      this.client.once('close', () => resolve())
      this.client.end()
    })
    return this.closing
  }

  private run(spec: RunSpec): Promise<RawResult> {
    if (this.closed || this.closing)
      return Promise.reject(
        this.lostError ??
          new SshError(`The SSH session to ${this.describeTarget()} is closed.`, {
            node: this.node,
            step: 'ssh'
          })
      )
    return runOnChannel(this.client, spec, {
      node: this.node,
      where: this.describeTarget(),
      track: (onLost) => {
        this.running.add(onLost)
        return () => this.running.delete(onLost)
      }
    })
  }

  private failed(label: string, raw: RawResult): SshCommandError {
    const how =
      raw.code === null ? `was killed by ${raw.signal ?? 'a signal'}` : `exited ${raw.code}`
    return new SshCommandError(`\`${label}\` on ${this.describeTarget()} ${how}.`, {
      node: this.node,
      step: 'ssh',
      command: label,
      code: raw.code,
      signal: raw.signal,
      stderrTail: tail(raw.stderr)
    })
  }

  private lost(error: SshError): void {
    if (this.closed) return
    this.closed = true
    this.lostError = this.closing ? undefined : error
    for (const notify of [...this.running]) notify(error)
  }

  private where(): { host: string; port: number; username: string; node?: number } {
    const { host, port, username } = this.target
    return { host, port, username, node: this.node }
  }

  private describeTarget(): string {
    const node = this.node !== undefined ? `node ${this.node} ` : ''
    return `${node}(${this.target.username}@${this.target.host}:${this.target.port})`
  }
}

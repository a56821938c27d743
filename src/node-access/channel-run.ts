/**
 * Runs one command on an exec channel (never a PTY), collects its output, and on a timeout or
 * cancellation kills the remote process group: sshd runs each no-PTY session in its own group
 * (setsid), so background children die too. Two ways are used because neither always works: an
 * RFC 4254 `signal` request (sshd answers with killpg, but refuses it for root sessions) and
 * `kill -- -PGID` on a second channel, with the group the command reported on stderr.
 */
import { randomBytes } from 'node:crypto'
import type { Readable } from 'node:stream'
import { StringDecoder } from 'node:string_decoder'
import type { Client, ClientChannel } from 'ssh2'
import { GroupReportFilter, groupReportPrefix } from './remote-shell'
import { SshCommandError, SshError, tail } from './ssh-errors'

export interface RunSpec {
  command: string
  /** What errors show instead of the command (first line of the caller's command). */
  label: string
  input?: Buffer | Readable
  timeoutMs?: number
  signal?: AbortSignal
  onStdout?(chunk: string): void
  onStderr?(chunk: string): void
}

export interface RawResult {
  code: number | null
  signal?: string
  stdout: Buffer
  stderr: string
}

export interface RunContext {
  node?: number
  /** `node 2 (root@10.0.0.2:22)`, for messages. */
  where: string
  /** Registers a callback for a lost connection; returns the unregister function. */
  track(onLost: (error: SshError) => void): () => void
}

/** Time a timed-out command gets between TERM and KILL. */
const KILL_GRACE_MS = 2000
/** After KILL, how long to wait for sshd to confirm before giving up on the channel. */
const ABANDON_MS = 5000

export function runOnChannel(client: Client, spec: RunSpec, ctx: RunContext): Promise<RawResult> {
  if (spec.signal?.aborted) return Promise.reject(spec.signal.reason ?? new Error('aborted'))

  return new Promise<RawResult>((resolve, reject) => {
    const nonce = randomBytes(8).toString('hex')
    const report = new GroupReportFilter(nonce)
    const stdout: Buffer[] = []
    const outText = new StringDecoder('utf8')
    const errText = new StringDecoder('utf8')
    let stderr = ''
    let code: number | null = null
    let exitSignal: string | undefined
    let channel: ClientChannel | undefined
    const timers: NodeJS.Timeout[] = []
    let stopped: 'timeout' | 'abort' | undefined
    let done = false

    const finish = (error?: unknown): void => {
      if (done) return
      done = true
      for (const t of timers) clearTimeout(t)
      spec.signal?.removeEventListener('abort', onAbort)
      untrack()
      if (error) reject(error)
      else resolve({ code, signal: exitSignal, stdout: Buffer.concat(stdout), stderr })
    }
    const untrack = ctx.track((error) => finish(error))

    const timedOut = (abandoned: boolean): SshCommandError =>
      new SshCommandError(
        `\`${spec.label}\` on ${ctx.where} did not finish within ${spec.timeoutMs} ms and was killed.`,
        {
          node: ctx.node,
          step: 'ssh',
          command: spec.label,
          code,
          signal: exitSignal,
          stderrTail: tail(stderr),
          timedOut: true,
          advice: abandoned
            ? 'sshd did not confirm the kill (old OpenSSH without signal support?): the command ' +
              'may still run on the node. Check it before retrying.'
            : 'The node may be overloaded or the command hung; check its logs.'
        }
      )

    const signal = (ch: ClientChannel, name: 'TERM' | 'KILL'): void => {
      sendSignal(ch, name)
      if (report.pgid !== undefined) killGroup(client, report.pgid, name)
    }
    const kill = (ch: ClientChannel, why: 'timeout' | 'abort'): void => {
      if (why === 'abort') {
        // The caller has gone already, so there is no grace period to wait out.
        signal(ch, 'KILL')
        ch.close()
        return
      }
      signal(ch, 'TERM')
      timers.push(
        setTimeout(() => {
          signal(ch, 'KILL')
          ch.close()
          // sshd keeps the channel until the process exits; do not wait for ever.
          timers.push(setTimeout(() => finish(timedOut(true)), ABANDON_MS))
        }, KILL_GRACE_MS)
      )
    }
    const stop = (why: 'timeout' | 'abort'): void => {
      if (stopped || done) return
      stopped = why
      if (channel) kill(channel, why)
    }
    const onAbort = (): void => {
      stop('abort')
      finish(spec.signal?.reason ?? new Error('aborted'))
    }
    spec.signal?.addEventListener('abort', onAbort, { once: true })
    if (spec.timeoutMs !== undefined) timers.push(setTimeout(() => stop('timeout'), spec.timeoutMs))

    client.exec(groupReportPrefix(nonce) + spec.command, { pty: false }, (error, ch) => {
      if (error) {
        return finish(
          new SshCommandError(`Could not start \`${spec.label}\` on ${ctx.where}.`, {
            node: ctx.node,
            step: 'ssh',
            command: spec.label,
            code: null,
            stderrTail: '',
            evidence: error.message,
            advice: 'sshd refused a new session (MaxSessions?) or the connection is closing.'
          })
        )
      }
      channel = ch
      // Writing to a channel the remote already closed errors; 'close' follows and settles.
      ch.on('error', () => undefined)
      if (stopped) {
        kill(ch, stopped)
        if (stopped === 'abort') return
      }
      ch.on('data', (chunk: Buffer) => {
        stdout.push(chunk)
        if (spec.onStdout) spec.onStdout(outText.write(chunk))
      })
      const onStderr = (bytes: Buffer): void => {
        const text = errText.write(bytes)
        stderr += text
        if (text) spec.onStderr?.(text)
      }
      ch.stderr.on('data', (chunk: Buffer) => {
        const hadGroup = report.pgid !== undefined
        onStderr(report.write(chunk))
        // Stopped before the report arrived (very short timeout): kill the group now.
        if (!hadGroup && report.pgid !== undefined && stopped)
          killGroup(client, report.pgid, 'KILL')
      })
      ch.on('exit', (exitCode: number | null, sig?: string) => {
        if (typeof exitCode === 'number') code = exitCode
        if (sig) exitSignal = sig
      })
      ch.on('close', () => {
        onStderr(report.end())
        stderr += errText.end()
        const rest = outText.end()
        if (rest) spec.onStdout?.(rest)
        finish(stopped === 'timeout' ? timedOut(false) : undefined)
      })
      writeInput(ch, spec.input, (streamError) => {
        stop('abort')
        finish(
          new SshError(
            `Reading the data for \`${spec.label}\` failed.`,
            { node: ctx.node, step: 'ssh', evidence: streamError.message },
            { cause: streamError }
          )
        )
      })
    })
  })
}

/** Fire and forget: the command's own channel reports how it ended. */
function killGroup(client: Client, pgid: number, name: 'TERM' | 'KILL'): void {
  if (!Number.isInteger(pgid) || pgid <= 1) return
  try {
    client.exec(`kill -${name} -- -${pgid} 2>/dev/null; true`, { pty: false }, (error, ch) => {
      if (error) return
      ch.on('error', () => undefined)
      ch.resume()
      ch.stderr.resume()
      ch.end()
    })
  } catch {
    // The connection is going away; the lost-connection path reports it.
  }
}

/**
 * ssh2's Channel.signal() does nothing once our side sent EOF (stdin ended), which is always the
 * case here, although requests stay valid on a half-closed channel (RFC 4254 §5.3, §6.9). So the
 * request goes through ssh2's protocol object while the channel is not closing.
 */
function sendSignal(ch: ClientChannel, name: 'TERM' | 'KILL'): void {
  const inner = ch as unknown as {
    outgoing?: { id: number; state: string }
    _client?: { _protocol?: { signal?(id: number, signal: string): void } }
  }
  const protocol = inner._client?._protocol
  const outgoing = inner.outgoing
  try {
    if (outgoing && (outgoing.state === 'open' || outgoing.state === 'eof') && protocol?.signal)
      protocol.signal(outgoing.id, name)
    else ch.signal(name)
  } catch {
    // Connection closing: nothing left to signal.
  }
}

function writeInput(
  ch: ClientChannel,
  input: Buffer | Readable | undefined,
  onError: (error: Error) => void
): void {
  if (input === undefined) return void ch.end()
  if (Buffer.isBuffer(input)) return void ch.end(input)
  input.once('error', onError)
  input.pipe(ch)
}

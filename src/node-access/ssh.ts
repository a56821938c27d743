/**
 * SSH access to the nodes: the public face of this layer. `waitForSsh` is how callers reach a
 * node that is still booting (after a flash sshd appears minutes later, with a new host key).
 */
import { sleep } from '../common/abort'
import type { Logger } from '../common/host'
import type { HostKeyPolicy } from './host-key'
import { SshSession, type SshTarget } from './session'
import { SshUnreachableError, isRetryable } from './ssh-errors'

export {
  SshSession,
  type ConnectOptions,
  type ExecOptions,
  type ExecResult,
  type ScriptOptions,
  type SshTarget
} from './session'
export {
  fingerprintOf,
  learnedFingerprint,
  normalizeFingerprint,
  type HostKeyPolicy
} from './host-key'
export {
  SshAuthError,
  SshCommandError,
  SshError,
  SshHostKeyError,
  SshUnreachableError,
  isRetryable
} from './ssh-errors'

export interface WaitOptions {
  /** Overall deadline for sshd to answer and let us in. */
  timeoutMs: number
  /** Pause between attempts; default 2 s. */
  intervalMs?: number
  hostKey: HostKeyPolicy
  signal?: AbortSignal
  log?: Logger
  /** Per attempt; default 10 s, never past the deadline. */
  readyTimeoutMs?: number
  keepaliveIntervalMs?: number
  node?: number
}

/**
 * Connects as soon as sshd accepts us. Refused, reset and timed-out attempts are retried until the
 * deadline; an authentication failure or a host-key mismatch is final at the first attempt, so a
 * wrong key never turns into a stream of failed logins (which fail2ban/MaxAuthTries would punish).
 */
export async function waitForSsh(target: SshTarget, opts: WaitOptions): Promise<SshSession> {
  const deadline = Date.now() + opts.timeoutMs
  const interval = opts.intervalMs ?? 2000
  const where = `${target.username}@${target.host}:${target.port}`
  let attempts = 0
  let last: unknown
  opts.log?.info(`Waiting up to ${Math.round(opts.timeoutMs / 1000)} s for SSH on ${where}`)
  for (;;) {
    attempts++
    const left = deadline - Date.now()
    try {
      return await SshSession.connect(target, {
        hostKey: opts.hostKey,
        log: opts.log,
        signal: opts.signal,
        node: opts.node,
        keepaliveIntervalMs: opts.keepaliveIntervalMs,
        readyTimeoutMs: Math.max(1000, Math.min(opts.readyTimeoutMs ?? 10_000, left))
      })
    } catch (error) {
      if (opts.signal?.aborted || !isRetryable(error)) throw error
      last = error
      opts.log?.debug(`ssh: attempt ${attempts} to ${where}: ${(error as Error).message}`)
    }
    const wait = Math.min(interval, deadline - Date.now())
    if (wait <= 0) break
    await sleep(wait, opts.signal)
  }
  const lastSeen = last instanceof SshUnreachableError ? last.evidence : undefined
  throw new SshUnreachableError(
    `SSH on ${where} did not come up within ${Math.round(opts.timeoutMs / 1000)} s (${attempts} attempts).`,
    {
      node: opts.node,
      step: 'ssh',
      evidence: lastSeen,
      advice:
        'Check the node booted (UART log through the BMC), that its IP address matches the ' +
        'inventory, and that sshd is enabled in the image. First boot after a flash can take ' +
        'several minutes.'
    },
    { cause: last }
  )
}

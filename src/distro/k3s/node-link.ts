/**
 * One node's SSH connection that survives drops: a step that loses the connection reconnects
 * (same pinned host key) and runs again, which is safe because every step we run is idempotent.
 */
import { sleep } from '../../common/abort'
import { errorText, Rk1Error } from '../../common/errors'
import type { Logger } from '../../common/host'
import type { InventoryNode } from '../../inventory'
import {
  SshCommandError,
  SshUnreachableError,
  waitForSsh,
  type HostKeyPolicy,
  type SshSession
} from '../../node-access/ssh'

export interface LinkOptions {
  node: InventoryNode
  privateKey: string
  hostKey: HostKeyPolicy
  log: Logger
  signal?: AbortSignal
  /** How long to wait for sshd on the first connection (after a flash: the boot). */
  connectTimeoutMs: number
  /** Attempts per step when the connection drops; default 3. */
  attempts?: number
}

/** sshd answered every time, but the connection dropped under the command at every attempt. */
export class SshDroppedError extends Rk1Error {}

/** The connection went away under the step (not a failing command, not a timeout). */
export function connectionLost(error: unknown): boolean {
  if (error instanceof SshUnreachableError) return true
  return error instanceof SshCommandError && error.code === null && !error.signal && !error.timedOut
}

export class NodeLink {
  private session?: SshSession
  constructor(readonly opts: LinkOptions) {}

  get label(): string {
    return `slot ${this.opts.node.slot} (${this.opts.node.hostname})`
  }

  async connect(timeoutMs = this.opts.connectTimeoutMs): Promise<SshSession> {
    if (this.session) return this.session
    const { node } = this.opts
    this.session = await waitForSsh(
      { host: node.ip, port: node.ports.ssh, username: 'root', privateKey: this.opts.privateKey },
      {
        timeoutMs,
        intervalMs: 500,
        hostKey: this.opts.hostKey,
        signal: this.opts.signal,
        node: node.slot,
        readyTimeoutMs: 10_000
      }
    )
    return this.session
  }

  /** Runs `step`; on a lost connection reconnects and runs it again (idempotent steps only). */
  async run<T>(what: string, step: (s: SshSession) => Promise<T>): Promise<T> {
    const attempts = this.opts.attempts ?? 3
    for (let i = 1; ; i++) {
      const session = await this.connect(i === 1 ? undefined : 60_000)
      try {
        return await step(session)
      } catch (error) {
        if (!connectionLost(error) || this.opts.signal?.aborted) throw error
        if (i >= attempts)
          throw new SshDroppedError(
            `${this.label}: the SSH connection dropped in the middle of ${what}, at each of ${attempts} attempts.`,
            {
              node: this.opts.node.slot,
              step: what,
              evidence: errorText(error),
              advice:
                'sshd accepted every connection, so the node is up and its address is right; ' +
                'something ends sessions mid-command: the node rebooting or running out of memory ' +
                '(read the UART or journalctl -b -1), sshd restarting, or a flaky link or switch port.'
            },
            { cause: error }
          )
        this.opts.log.warn(
          `${this.label}: the SSH connection dropped during ${what}; reconnecting and running it again (attempt ${i + 1} of ${attempts}).`
        )
        this.session = undefined
        await session.close().catch(() => undefined)
        await sleep(250 * i, this.opts.signal)
      }
    }
  }

  async close(): Promise<void> {
    const s = this.session
    this.session = undefined
    await s?.close().catch(() => undefined)
  }
}

/**
 * The transfer engine (§5): one global transfer slot shared by node flashes and firmware upgrades,
 * last request wins. States and texts follow bmcd; see §5.12 for the state machine.
 */
import { sleep } from '../../common/abort'
import {
  Transfer,
  type TransferRequest,
  type TransferSettings,
  type TransferState,
  type WorkerHost
} from './transfer-model'
import { runWorker } from './transfer-worker'
import type { Fault, Slot } from './types'

export class TransferEngine implements WorkerHost {
  state: TransferState = { kind: 'Ready' }
  private readonly workers = new Set<Transfer>()
  private stopped = false

  constructor(readonly settings: TransferSettings) {}

  /** Real milliseconds for a simulated duration. */
  scale(ms: number): number {
    return ms / this.settings.timeScale
  }

  get current(): Transfer | undefined {
    return this.state.kind === 'Transferring' ? this.state.transfer : undefined
  }

  /** Body of `opt=get&type=flash|firmware`: the bare serde enum, field order as bmcd. */
  statusBody(): string {
    const s = this.state
    switch (s.kind) {
      case 'Ready':
        return '"Ready"'
      case 'Transferring': {
        const t = s.transfer
        return JSON.stringify({
          Transferring: {
            id: t.id,
            process_name: t.processName,
            size: t.request.size,
            cancelled: false,
            bytes_written: t.bytesWritten
          }
        })
      }
      case 'Done': {
        const secs = Math.floor(s.elapsedMs / 1000)
        const nanos = Math.round((s.elapsedMs - secs * 1000) * 1e6) % 1e9
        return JSON.stringify({ Done: [{ secs, nanos }, s.size] })
      }
      case 'Error':
        return JSON.stringify({ Error: s.message })
    }
  }

  /** Starts a transfer, replacing any current one; returns its handle. */
  start(request: TransferRequest, options: { faults?: boolean } = {}): Transfer {
    const faults =
      options.faults === false
        ? []
        : this.settings.faults.takeTransferFaults(
            request.kind,
            request.slot ? `node ${request.slot}` : 'firmware'
          )
    const previous = [...this.workers].filter((w) => w.request.slot === request.slot)
    const old = this.current
    const t = new Transfer(request, faults, this.settings.profile)
    this.state = { kind: 'Transferring', transfer: t }
    if (old) old.abort.abort(new Error('replaced'))
    this.workers.add(t)
    t.done = (async () => {
      // A replaced worker of the same node finishes its clean-up before this one touches the node.
      await Promise.all(previous.map((w) => w.done))
      if (t.abort.signal.aborted) {
        if (request.source.kind === 'url') request.source.stream.destroy()
        return
      }
      await runWorker(this, t)
    })().finally(() => this.workers.delete(t))
    if (request.source.kind === 'upload') {
      t.deadline = setTimeout(() => {
        if (!t.uploadClaimed && this.current === t) this.fail(t, 'Send timeout')
      }, this.settings.uploadDeadlineMs)
      t.deadline.unref()
    }
    return t
  }

  /** The upload handler took the data slot: the 10 s deadline no longer applies. */
  claimUpload(t: Transfer): void {
    t.uploadClaimed = true
    clearTimeout(t.deadline)
  }

  /** `GET /api/bmc/upload/{any}/cancel`, and a short upload: the current transfer ends cancelled. */
  cancelCurrent(): void {
    const t = this.current
    if (t) this.fail(t, 'cancelled by user')
  }

  /** Ends `t` in Error (if it is still the current transfer) and aborts its worker. */
  fail(t: Transfer, message: string): void {
    if (this.current === t) this.state = { kind: 'Error', message }
    clearTimeout(t.deadline)
    t.abort.abort(new Error(message))
  }

  /** Called by the worker at its end; ignored once `t` was replaced or cancelled. */
  finish(t: Transfer, state: TransferState): void {
    clearTimeout(t.deadline)
    if (this.current === t && !this.stopped) this.state = state
  }

  /** The worker's error text for a failed upload: waits up to 5 s (scaled), else `transfer canceled`. */
  async workerErrorText(t: Transfer): Promise<string> {
    const until = performance.now() + this.scale(5000)
    while (t.workerError === undefined && performance.now() < until) {
      await sleep(Math.min(20, Math.max(1, until - performance.now())))
    }
    return t.workerError ?? 'transfer canceled'
  }

  /** Simulates another client starting a flash (fault `foreignTransfer`). */
  startForeign(f: Extract<Fault, { kind: 'foreignTransfer' }>, from: Slot | undefined): void {
    const slot = f.slot ?? ((((from ?? 1) % 4) + 1) as Slot)
    const size = f.length ?? 1024 * 1024
    const t = this.start(
      {
        kind: 'flash',
        slot,
        fileName: 'foreign-client.img',
        size,
        skipCrc: false,
        xz: false,
        source: { kind: 'upload' }
      },
      { faults: false }
    )
    if (f.upload === false) return
    this.claimUpload(t)
    void (async () => {
      const chunk = Buffer.alloc(64 * 1024)
      try {
        for (let sent = 0; sent < size; sent += chunk.length) {
          await t.channel.push(chunk.subarray(0, Math.min(chunk.length, size - sent)))
        }
        t.channel.close()
      } catch {
        // The foreign transfer was replaced or cancelled in turn.
      }
    })()
  }

  /** The daemon stops (reload, reboot, crash): workers die without clean-up. */
  stop(): void {
    this.stopped = true
    for (const t of this.workers) {
      t.killed = true
      clearTimeout(t.deadline)
      t.abort.abort(new Error('daemon stopped'))
    }
  }

  /** Resolves when every worker has ended (tests, close). */
  async settle(): Promise<void> {
    await Promise.all([...this.workers].map((w) => w.done.catch(() => undefined)))
  }
}

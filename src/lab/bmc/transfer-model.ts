/**
 * The data of a transfer (§5): request, state, and the Transfer object that the engine, the
 * worker and the upload handler share.
 */
import { randomInt } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { Board } from './board'
import { ChunkChannel } from './channel'
import type { Faults } from './faults'
import { processName, type Profile } from './profiles'
import type { Fault, Slot } from './types'

export type TransferSource =
  { kind: 'upload' } | { kind: 'local'; path: string } | { kind: 'url'; stream: IncomingMessage }

/** An error of the flash/upload handlers: always 500 text/plain (§3.2). */
export class TransferError extends Error {}

export interface TransferSettings {
  board: Board
  faults: Faults
  profile: Profile
  storageDir: string
  timeScale: number
  writeRateBytesPerSec: number
  verifyRateBytesPerSec: number
  prepDelayMs: number
  uploadDeadlineMs: number
  emmcCapacityBytes: number
  crashDaemon: () => void
}

export type TransferState =
  | { kind: 'Ready' }
  | { kind: 'Transferring'; transfer: Transfer }
  | { kind: 'Done'; elapsedMs: number; size: number }
  | { kind: 'Error'; message: string }

export interface TransferRequest {
  kind: 'flash' | 'firmware'
  slot?: Slot
  fileName: string
  size: number
  sha256?: string
  skipCrc: boolean
  xz: boolean
  source: TransferSource
}

export class Transfer {
  readonly id: number
  readonly processName: string
  readonly startedAt = performance.now()
  bytesWritten = 0
  readonly channel = new ChunkChannel(16)
  uploadClaimed = false
  readonly abort = new AbortController()
  /** Daemon stopped: no clean-up, no state change (the process is gone). */
  killed = false
  /** The worker's error text, read by a failing upload (§5.3). */
  workerError: string | undefined
  deadline: NodeJS.Timeout | undefined
  done: Promise<void> = Promise.resolve()

  constructor(
    readonly request: TransferRequest,
    readonly faults: readonly Fault[],
    profile: Profile
  ) {
    this.id = randomInt(0, 0x1_0000_0000)
    this.processName = processName(profile, request.slot)
    // A worker blocked on the channel must see a cancellation at once.
    this.abort.signal.addEventListener('abort', () => {
      this.channel.fail(new Error('transfer canceled'))
    })
  }

  fault<K extends Fault['kind']>(kind: K): Extract<Fault, { kind: K }> | undefined {
    return this.faults.find((f) => f.kind === kind) as Extract<Fault, { kind: K }> | undefined
  }
}

/** What the worker needs from the engine. */
export interface WorkerHost {
  readonly settings: TransferSettings
  scale(ms: number): number
  /** Publishes the final state of `t` unless it was replaced or cancelled meanwhile. */
  finish(t: Transfer, state: TransferState): void
  startForeign(f: Extract<Fault, { kind: 'foreignTransfer' }>, from: Slot | undefined): void
}

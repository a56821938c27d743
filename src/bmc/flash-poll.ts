/**
 * Polling the transfer state after the upload (spec §5.5): phase detection, pre-emption by a
 * foreign transfer id (§5.9), Error-state mapping, stall and abort handling.
 */
import type { Logger } from '../common/host'
import { Backoff, sleep } from '../common/abort'
import { formatDuration } from '../common/format'
import type { BmcClient } from './client'
import { BmcUnreachableError, FlashAbortedError, FlashError, FlashPreemptedError } from './errors'
import { flashStateError } from './flash-errors'
import { PhaseDetector, type ProgressReporter } from './progress'
import type { FlashHandle, FlashStatus } from './types'

export interface PollOptions {
  log: Logger
  signal?: AbortSignal
  pollIntervalMs?: number
  maxPollFailures?: number
  stallTimeoutMs?: number
}

export interface DoneInfo {
  elapsedMs: number
  written: number
  verifyAt?: number
}

export async function pollUntilDone(
  client: BmcClient,
  handle: FlashHandle,
  format: 'raw' | 'xz',
  reporter: ProgressReporter,
  tUploaded: number,
  options: PollOptions
): Promise<DoneInfo> {
  const { slot } = handle
  const { signal, log } = options
  const interval = options.pollIntervalMs ?? 2000
  const delays = new Backoff(Math.min(250, interval), interval)
  const maxFailures = options.maxPollFailures ?? 5
  const stallMs = options.stallTimeoutMs ?? 15 * 60_000
  const detector = new PhaseDetector(format, handle.length)
  let failures = 0
  let lastBytes = -1
  let lastChangeAt = Date.now()
  let lastWriteAt = tUploaded
  let verifyAt: number | undefined

  for (;;) {
    let status: FlashStatus
    try {
      status = await client.flashStatus({ signal })
      failures = 0
    } catch (error) {
      if (signal?.aborted) throw await abortDuringPoll(client, handle)
      if (error instanceof BmcUnreachableError && ++failures < maxFailures) {
        log.warn(
          `node ${slot}: status poll failed (${failures}/${maxFailures}), retrying: ${error.message}`
        )
        await pause(client, handle, delays.next(), signal)
        continue
      }
      throw error
    }
    const now = Date.now()
    switch (status.state) {
      case 'Transferring': {
        if (status.id !== handle.id) throw preempted(handle, status)
        const seen = detector.observe(status.bytesWritten)
        if (seen.phase === 'verify' && verifyAt === undefined) verifyAt = lastWriteAt
        if (seen.phase === 'write') lastWriteAt = now
        reporter.update(seen.phase, status.bytesWritten, seen.total)
        if (status.bytesWritten !== lastBytes) {
          lastBytes = status.bytesWritten
          lastChangeAt = now
        } else if (now - lastChangeAt > stallMs) {
          throw new FlashError(
            `Flashing node ${slot} stalled: no progress for ${formatDuration(now - lastChangeAt)}.`,
            {
              operation: 'flashStatus',
              node: slot,
              kind: 'stalled',
              evidence: `bytes_written stuck at ${status.bytesWritten} (${status.processName})`,
              advice: 'The BMC or the module hangs. Reboot the BMC, then flash again.'
            }
          )
        }
        break
      }
      case 'Done':
        if (status.size !== handle.length) throw preempted(handle, status)
        return {
          elapsedMs: status.elapsedMs,
          written: detector.written,
          ...(verifyAt !== undefined ? { verifyAt } : {})
        }
      case 'Error':
        throw flashStateError(slot, status.message)
      case 'Ready':
        throw new FlashError(
          `The BMC lost the transfer for node ${slot}: its state is back to "Ready".`,
          {
            operation: 'flashStatus',
            node: slot,
            kind: 'bmc-restarted',
            evidence: 'transfer state "Ready" after our upload',
            advice:
              'bmcd restarted during the flash (crash or out of memory after repeated flashes). ' +
              'Reboot the BMC, then flash the node again.'
          }
        )
    }
    await pause(client, handle, delays.next(), signal)
  }
}

async function pause(
  client: BmcClient,
  handle: FlashHandle,
  ms: number,
  signal?: AbortSignal
): Promise<void> {
  try {
    await sleep(ms, signal)
  } catch {
    throw await abortDuringPoll(client, handle)
  }
}

/** Our signal fired after the upload: cancel the BMC transfer if it is still ours. */
async function abortDuringPoll(client: BmcClient, handle: FlashHandle): Promise<FlashError> {
  let cancelled = false
  try {
    const status = await client.flashStatus()
    if (status.state === 'Transferring' && status.id === handle.id) {
      await client.cancelFlash(handle)
      cancelled = true
    }
  } catch {
    // Best effort: the caller asked to stop, not to wait for the BMC.
  }
  return new FlashAbortedError(`Flashing node ${handle.slot} was cancelled.`, {
    operation: 'flash',
    node: handle.slot,
    kind: 'aborted',
    advice: cancelled
      ? 'The BMC transfer was cancelled; the BMC powers the node off. Flash it again when ready.'
      : 'Check the BMC transfer state; flash the node again when ready.'
  })
}

export function preempted(handle: FlashHandle, status: FlashStatus): FlashPreemptedError {
  const detail =
    status.state === 'Transferring'
      ? `transfer ${status.id} (${status.processName}) replaced ours (${handle.id})`
      : status.state === 'Done'
        ? `a transfer of ${status.size} bytes finished, ours had ${handle.length}`
        : JSON.stringify(status)
  return new FlashPreemptedError(
    `Flashing node ${handle.slot} was pre-empted by another flash request.`,
    {
      operation: 'flashStatus',
      node: handle.slot,
      evidence: detail,
      ...(status.state === 'Transferring' ? { foreignId: status.id } : {}),
      advice:
        'Someone else (BMC web UI, tpi, another workflow) started a flash on this board; the BMC ' +
        'runs only one and the newest wins. Flash nodes one at a time, then retry this node.'
    }
  )
}

/**
 * The flash pipeline for one node (spec §5): start, stream the image at once (10 s deadline), poll
 * until Done, power the node on. One transfer per board: callers must run flashes one at a time.
 */
import { stat } from 'node:fs/promises'
import type { Logger } from '../common/host'
import { sleep } from '../common/abort'
import { formatBytes, formatDuration, formatRate } from '../common/format'
import type { BmcClient } from './client'
import { BmcError, BmcUnreachableError, FlashAbortedError, FlashError } from './errors'
import { flashStateError } from './flash-errors'
import { openFileChunks, type FileChunks } from './file-source'
import { ProgressReporter, type FlashProgress } from './progress'
import { pollUntilDone, preempted } from './flash-poll'
import { assertSlot } from './query'
import type { FlashHandle, FlashStatus } from './types'

export interface FlashImage {
  /** Local file, already downloaded and verified. */
  path: string
  /** Exact size in bytes (compressed size for `.xz`). */
  size: number
  /** Ends with `.xz` (the BMC decompresses), `.img` or `.raw`. */
  fileName: string
  /** Hex SHA-256 of the file; the BMC re-checks it after the write when given. */
  sha256?: string
}

export interface FlashNodeOptions {
  log: Logger
  skipCrc?: boolean
  /** Status poll interval after the upload; default 2 s. */
  pollIntervalMs?: number
  signal?: AbortSignal
  onProgress?: (progress: FlashProgress) => void
  /** Power the node on after Done (the BMC leaves it off). Default true. */
  powerOn?: boolean
  /** Read the UART ring before power-on, for `waitForBoot`. Default true. */
  uartSnapshot?: boolean
  /** Start even if another transfer is running (it gets cancelled). Default false. */
  allowReplace?: boolean
  /** Consecutive failed status polls tolerated (bmcd busy or restarting). Default 5. */
  maxPollFailures?: number
  /** Fail when `bytes_written` does not move for this long. Default 15 min. */
  stallTimeoutMs?: number
  /** Read size of the image stream. Default 1 MiB. */
  chunkBytes?: number
}

export interface FlashResult {
  slot: number
  handle: number
  /** Bytes uploaded (the file size). */
  bytes: number
  /** Bytes on the eMMC: the image size for raw; for xz the largest counter seen (a lower bound). */
  writtenBytes?: number
  durationMs: number
  uploadMs: number
  /** Upload bytes per second (the upload lasts the whole back-pressured write). */
  throughputBytesPerSec: number
  /** The BMC's own duration from its Done state. */
  bmcElapsedMs: number
  phases: { start: number; upload: number; write: number; verify?: number; powerOn?: number }
  /** UART ring right before power-on; pass it to `waitForBoot`. */
  uartSnapshot?: string
  poweredOn: boolean
}

export function imageFormat(fileName: string): 'raw' | 'xz' | undefined {
  const lower = fileName.toLowerCase()
  if (lower.endsWith('.xz')) return 'xz'
  if (lower.endsWith('.img') || lower.endsWith('.raw')) return 'raw'
  return undefined
}

export async function flashNode(
  client: BmcClient,
  slot: number,
  image: FlashImage,
  options: FlashNodeOptions
): Promise<FlashResult> {
  assertSlot(slot)
  const { log, signal } = options
  const format = await checkImage(slot, image)
  throwIfAborted(slot, signal)
  if (!options.allowReplace) await ensureIdle(client, slot, signal)

  const t0 = Date.now()
  log.info(
    `node ${slot}: flashing ${image.fileName} (${formatBytes(image.size)}${format === 'xz' ? ', xz' : ''}` +
      `${options.skipCrc ? ', CRC check skipped' : ''})`
  )
  // Opened before the start request, so the BMC's 10 s upload window is not spent on the disk.
  const file = await openImage(slot, image, options.chunkBytes)
  let handle: FlashHandle
  try {
    handle = await client.startFlash(slot, {
      fileName: image.fileName,
      length: image.size,
      sha256: image.sha256,
      skipCrc: options.skipCrc
    })
  } catch (error) {
    await file.close()
    throw error
  }
  const tStarted = Date.now()
  const reporter = new ProgressReporter({ slot, log, onProgress: options.onProgress })

  reporter.update('upload', 0, image.size)
  try {
    await client.upload(
      handle,
      file.chunks,
      image.size,
      (n) => reporter.update('upload', n, image.size),
      {
        signal,
        fileName: image.fileName
      }
    )
  } catch (error) {
    await file.close()
    throw await explainUploadFailure(client, handle, error, signal)
  }
  const tUploaded = Date.now()
  reporter.update('upload', image.size, image.size)
  // The summary line below replaces a last progress line.
  reporter.flush({ log: false })
  const uploadMs = tUploaded - tStarted
  log.info(
    `node ${slot}: upload finished in ${formatDuration(uploadMs)} ` +
      `(${formatRate((image.size * 1000) / Math.max(1, uploadMs))}); waiting for the BMC to finish`
  )

  const done = await pollUntilDone(client, handle, format, reporter, tUploaded, options)
  const tDone = Date.now()
  reporter.flush()

  let uartSnapshot: string | undefined
  if (options.uartSnapshot !== false) {
    try {
      uartSnapshot = await client.readUart(slot)
    } catch (error) {
      log.debug(`node ${slot}: could not read the UART before power-on: ${String(error)}`)
    }
  }
  let powerOnMs: number | undefined
  if (options.powerOn !== false) {
    const tPower = Date.now()
    try {
      await client.setPower(slot, true)
    } catch (error) {
      log.error(`node ${slot}: the flash succeeded but powering the node on failed`)
      throw error
    }
    powerOnMs = Date.now() - tPower
  }

  const durationMs = Date.now() - t0
  log.info(
    `node ${slot}: flashed ${formatBytes(image.size)} in ${formatDuration(durationMs)}` +
      `${done.written ? ` (${formatBytes(done.written)} on the eMMC)` : ''}` +
      `${options.powerOn !== false ? '; node powered on' : ''}`
  )
  return {
    slot,
    handle: handle.id,
    bytes: image.size,
    // A raw image lands byte for byte; for xz only what the polls saw is known.
    ...(format === 'raw'
      ? { writtenBytes: image.size }
      : done.written
        ? { writtenBytes: done.written }
        : {}),
    durationMs,
    uploadMs,
    throughputBytesPerSec: (image.size * 1000) / Math.max(1, uploadMs),
    bmcElapsedMs: done.elapsedMs,
    phases: {
      start: tStarted - t0,
      upload: uploadMs,
      write: (done.verifyAt ?? tDone) - tUploaded,
      ...(done.verifyAt !== undefined ? { verify: tDone - done.verifyAt } : {}),
      ...(powerOnMs !== undefined ? { powerOn: powerOnMs } : {})
    },
    ...(uartSnapshot !== undefined ? { uartSnapshot } : {}),
    poweredOn: options.powerOn !== false
  }
}

/** The upload only sees consequences; the transfer state usually holds the reason. */
async function explainUploadFailure(
  client: BmcClient,
  handle: FlashHandle,
  error: unknown,
  signal?: AbortSignal
): Promise<unknown> {
  if (error instanceof FlashAbortedError || signal?.aborted) {
    return error instanceof FlashAbortedError
      ? error
      : new FlashAbortedError(`Flashing node ${handle.slot} was cancelled.`, {
          operation: 'upload',
          node: handle.slot,
          kind: 'aborted'
        })
  }
  // Wait for the BMC to wind the transfer down, so the next flash does not find it busy.
  const status = await settledStatus(client, handle)
  const conclusive =
    (error instanceof FlashError && (error.kind === 'image' || error.kind === 'upload-auth')) ||
    (error instanceof BmcError &&
      !(error instanceof FlashError) &&
      !(error instanceof BmcUnreachableError))
  if (conclusive || !status) return error
  if (status.state === 'Transferring' && status.id !== handle.id) return preempted(handle, status)
  if (status.state === 'Done' && status.size !== handle.length) return preempted(handle, status)
  if (status.state === 'Error' && !/cancelled by user/i.test(status.message)) {
    return flashStateError(handle.slot, status.message, error)
  }
  if (status.state === 'Error' && !(error instanceof FlashError)) {
    return flashStateError(handle.slot, status.message, error)
  }
  return error
}

/**
 * The transfer state once it left our Transferring (the BMC answers the upload before its worker
 * has cleaned up), or the last one seen after `waitMs`; undefined when the BMC is unreachable.
 */
async function settledStatus(
  client: BmcClient,
  handle: FlashHandle,
  waitMs = 10_000
): Promise<FlashStatus | undefined> {
  const deadline = Date.now() + waitMs
  for (;;) {
    let status: FlashStatus
    try {
      status = await client.flashStatus()
    } catch {
      return undefined
    }
    const ours = status.state === 'Transferring' && status.id === handle.id
    if (!ours || Date.now() >= deadline) return status
    await sleep(100)
  }
}

async function checkImage(slot: number, image: FlashImage): Promise<'raw' | 'xz'> {
  const format = imageFormat(image.fileName)
  const fail = (message: string, advice: string): FlashError =>
    new FlashError(message, { operation: 'flash', node: slot, kind: 'image', advice })
  if (!format) {
    throw fail(
      `Cannot flash "${image.fileName}" to node ${slot}: the BMC only takes .img/.raw or .xz images.`,
      'Decompress other formats (.gz, .zst) first; the BMC would write them to the eMMC as they are.'
    )
  }
  let size: number
  try {
    size = (await stat(image.path)).size
  } catch (error) {
    throw fail(
      `Cannot read the image ${image.path} for node ${slot}: ${String(error)}`,
      'Download the image again.'
    )
  }
  if (size !== image.size || size === 0) {
    throw fail(
      `The image ${image.path} has ${size} bytes, expected ${image.size} (node ${slot}).`,
      'The cached image is incomplete or changed; download it again.'
    )
  }
  return format
}

async function ensureIdle(client: BmcClient, slot: number, signal?: AbortSignal): Promise<void> {
  const status = await client.flashStatus({ signal })
  if (status.state !== 'Transferring') return
  throw new FlashError(`The BMC is busy with another transfer; node ${slot} was not flashed.`, {
    operation: 'flash',
    node: slot,
    kind: 'busy',
    evidence: `${status.processName}: id ${status.id}, ${formatBytes(status.bytesWritten)} written`,
    advice:
      'The BMC runs one transfer per board and a new request would cancel the running one. ' +
      'Wait until it ends (or cancel it deliberately), then retry.'
  })
}

async function openImage(
  slot: number,
  image: FlashImage,
  chunkBytes?: number
): Promise<FileChunks> {
  try {
    return await openFileChunks(image.path, { length: image.size, chunkBytes })
  } catch (error) {
    throw new FlashError(`Cannot open the image for node ${slot}: ${String(error)}`, {
      operation: 'flash',
      node: slot,
      kind: 'image',
      advice: 'Check the file exists and is readable.'
    })
  }
}

function throwIfAborted(slot: number, signal?: AbortSignal): void {
  if (!signal?.aborted) return
  throw new FlashAbortedError(`Flashing node ${slot} was cancelled before it started.`, {
    operation: 'flash',
    node: slot,
    kind: 'aborted'
  })
}

/**
 * The flash worker (§5.6): power-cycle the node into maskrom, stream source → (sha256 validator)
 * → (xz) → eMMC at the write rate, read back for the CRC, and always leave the node powered off
 * with its usbboot pin low and the USB config restored — before the final state is published, so
 * a client that powers the node on after `Done` is not undone by the clean-up.
 */
import { createHash, type Hash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { sleep } from '../../common/abort'
import type { Board } from './board'
import { EmmcWriter, readBackCrc } from './emmc-writer'
import type { Transfer, TransferState, WorkerHost } from './transfer-model'
import type { Slot } from './types'
import { xzDecompress } from './xz'

export const DEVICE_NOT_FOUND = "Compute module's USB interface not found or supported"

export async function runWorker(host: WorkerHost, t: Transfer): Promise<void> {
  const s = host.settings
  const signal = t.abort.signal
  const request = t.request
  const slot = request.slot
  let writer: EmmcWriter | undefined
  let outcome: TransferState | undefined
  try {
    if (slot) await prepareNode(host, t, slot)
    const target = slot
      ? s.board.node(slot).emmc.path
      : await firmwarePath(s.storageDir, request.fileName)
    if (slot) {
      const emmc = s.board.node(slot).emmc
      Object.assign(emmc, { bytesWritten: 0, sha256: null, flashedFileName: request.fileName })
    }
    const noSpace = t.fault('noSpace')
    writer = await EmmcWriter.open(target, {
      bytesPerSecond: s.writeRateBytesPerSec * s.timeScale,
      capacity: Math.min(s.emmcCapacityBytes, noSpace ? (noSpace.afterBytes ?? 0) : Infinity),
      signal
    })
    const validator = request.sha256 ? createHash('sha256') : undefined
    const uploaded = sourceBytes(t, validator)
    const data = request.xz ? xzDecompress(uploaded, signal) : uploaded
    const triggers = byteTriggers(host, t)
    for await (const chunk of data) {
      triggers(writer.written)
      signal.throwIfAborted()
      await writer.write(chunk)
      t.bytesWritten = writer.written
      if (slot) s.board.node(slot).emmc.bytesWritten = writer.written
    }
    triggers(writer.written)
    signal.throwIfAborted()
    await writer.close()
    if (validator && request.sha256) {
      const got = validator.digest('hex')
      if (got !== request.sha256.toLowerCase()) {
        throw new Error(`sha256 checksum failed. Expected: ${request.sha256}, got: ${got}`)
      }
    }
    if (slot && !request.skipCrc) {
      t.bytesWritten = 0
      const read = await readBackCrc(
        target,
        writer.written,
        s.verifyRateBytesPerSec * s.timeScale,
        signal,
        (n) => (t.bytesWritten = n)
      )
      const calculated = t.fault('crcMismatch') ? read ^ 0x5a5a_0000_0000_00a5n : read
      if (calculated !== writer.crcValue) {
        throw new Error(`crc error. expected ${writer.crcValue}, calculated ${calculated}`)
      }
    }
    if (!slot) await osUpdate(host, t)
    const elapsedMs = (performance.now() - t.startedAt) * s.timeScale
    outcome = { kind: 'Done', elapsedMs, size: request.size }
  } catch (error) {
    if (!signal.aborted && !t.killed) {
      const message = error instanceof Error ? error.message : String(error)
      t.workerError = message
      outcome = { kind: 'Error', message }
      // A still-running upload learns the worker's error text (§5.3).
      t.channel.fail(new Error(message))
    }
  } finally {
    await writer?.close().catch(() => undefined)
    if (slot && writer) {
      const emmc = s.board.node(slot).emmc
      emmc.bytesWritten = writer.written
      emmc.sha256 = writer.contentSha256()
      emmc.flashedAt = new Date().toISOString()
      s.board.saveEmmcState(slot)
    }
    if (request.source.kind === 'url') request.source.stream.destroy()
    if (slot && !t.killed) await leaveFlashMode(s.board, slot)
    t.channel.fail(new Error(t.workerError ?? 'transfer canceled'))
    if (outcome) host.finish(t, outcome)
  }
}

/** §5.6 step 1-2: power-cycle into maskrom through the power path, find the device, push the loader. */
async function prepareNode(host: WorkerHost, t: Transfer, slot: Slot): Promise<void> {
  const board = host.settings.board
  const signal = t.abort.signal
  await board.setPower(slot, false)
  board.usbOverride = { mode: 'Flash', node: slot - 1, route: 'Bmc' }
  board.setUsbBootPin(slot, true)
  await board.setPower(slot, true)
  await sleep(host.scale(1000), signal)
  board.clearUsbBootPins()
  if (t.fault('deviceNotFound')) throw new Error(DEVICE_NOT_FOUND)
  const loadError = t.fault('usbLoadError')
  if (loadError) {
    throw new Error(
      `Error loading USB device: ${loadError.detail ?? 'No supported USB devices found'}`
    )
  }
  // On a v2.5 hub a node still exported as mass storage is a second supported device.
  const others = board.nodes.filter((n) => n.slot !== slot && n.mode === 'msd')
  if (host.settings.profile.board === 'v2.5' && others.length > 0) {
    throw new Error('Error loading USB device: Several supported devices found')
  }
  await sleep(host.scale(Math.max(0, host.settings.prepDelayMs - 1200)), signal)
}

async function leaveFlashMode(board: Board, slot: Slot): Promise<void> {
  board.setUsbBootPin(slot, false)
  board.usbOverride = undefined
  await board.setPower(slot, false)
  board.save()
}

/** The uploaded/read byte stream, with the `corruptUpload` fault and the sha256 validator. */
async function* sourceBytes(t: Transfer, validator: Hash | undefined): AsyncGenerator<Buffer> {
  const source = t.request.source
  const corrupt = t.fault('corruptUpload')
  const corruptAt = corrupt ? (corrupt.atByte ?? 0) : -1
  const iterable: AsyncIterable<Buffer> =
    source.kind === 'upload'
      ? t.channel
      : source.kind === 'local'
        ? createReadStream(source.path, { highWaterMark: 512 * 1024, signal: t.abort.signal })
        : source.stream
  let offset = 0
  for await (const raw of iterable) {
    let chunk = raw
    if (corruptAt >= offset && corruptAt < offset + chunk.length) {
      chunk = Buffer.from(chunk)
      chunk[corruptAt - offset] = chunk[corruptAt - offset]! ^ 0xff
    }
    offset += chunk.length
    validator?.update(chunk)
    yield chunk
  }
}

/** Faults that fire once a number of bytes was written: daemon crash, a foreign transfer. */
function byteTriggers(host: WorkerHost, t: Transfer): (written: number) => void {
  const crash = t.fault('daemonCrash')
  const foreign = t.fault('foreignTransfer')
  let crashed = false
  let preempted = false
  return (written) => {
    if (crash && !crashed && written >= (crash.afterBytes ?? 0)) {
      crashed = true
      host.settings.crashDaemon()
    }
    if (foreign && !preempted && !t.abort.signal.aborted && written >= (foreign.afterBytes ?? 0)) {
      preempted = true
      host.startForeign(foreign, t.request.slot)
    }
  }
}

async function firmwarePath(storageDir: string, fileName: string): Promise<string> {
  const dir = join(storageDir, 'firmware')
  await mkdir(dir, { recursive: true })
  return join(dir, basename(fileName).replace(/\.xz$/, '') || 'firmware.tpu')
}

/** Firmware: `osupdate` writes the new rootfs volume; no progress meanwhile (§6). */
async function osUpdate(host: WorkerHost, t: Transfer): Promise<void> {
  await sleep(host.scale(5000), t.abort.signal)
  const failure = t.fault('firmwareFailure')
  if (failure) {
    const status = failure.exitStatus ?? 1
    throw new Error(
      host.settings.profile.modern
        ? `failed firmware upgrade (exit status: ${status})`
        : `failed os_update (exit status: ${status})`
    )
  }
}

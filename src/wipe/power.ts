/**
 * What wipe asks of the BMC: power off with the result read back (the stored bit, bmc-api.md §4.1),
 * and a blank eMMC. The BMC has no erase call; flashing a small image of zeros overwrites the
 * partition table and the boot loader area at the start of the eMMC, so the node boots nothing
 * until it is flashed again, and it works whatever the node runs, even when its OS is dead.
 */
import { open } from 'node:fs/promises'
import { join } from 'node:path'
import { Backoff, sleep } from '../common/abort'
import { Rk1Error } from '../common/errors'
import type { Logger } from '../common/host'
import { flashNode, type BmcClient, type FlashImage, type NodeSlot } from '../bmc'

export class WipePowerError extends Rk1Error {}

/** Covers the GPT, the Rockchip idbloader (sector 64) and U-Boot (8 MiB) of an RK1 eMMC. */
export const BLANK_BYTES = 16 * 1024 * 1024

export async function powerOffVerified(
  client: BmcClient,
  slots: number[],
  o: { timeoutMs?: number; signal?: AbortSignal } = {}
): Promise<Map<number, string | undefined>> {
  const errors = new Map<number, string | undefined>()
  if (slots.length === 0) return errors
  const states: Partial<Record<NodeSlot, boolean>> = {}
  for (const s of slots) states[s as NodeSlot] = false
  try {
    await client.setPowers(states)
  } catch (error) {
    for (const s of slots) errors.set(s, `power off request failed: ${(error as Error).message}`)
    return errors
  }
  const deadline = Date.now() + (o.timeoutMs ?? 10_000)
  const backoff = new Backoff(100, 1000)
  let seen: Record<number, boolean> = {}
  for (;;) {
    try {
      seen = await client.getPower()
    } catch (error) {
      seen = {}
      if (Date.now() > deadline)
        for (const s of slots) errors.set(s, `power state unreadable: ${(error as Error).message}`)
    }
    if (slots.every((s) => seen[s] === false) || Date.now() > deadline) break
    await sleep(backoff.next(), o.signal)
  }
  for (const s of slots) {
    if (errors.has(s)) continue
    errors.set(s, seen[s] === false ? undefined : `the BMC still reports node${s} powered on`)
  }
  return errors
}

export async function blankImage(dir: string): Promise<FlashImage> {
  const path = join(dir, 'rk1-blank.img')
  const file = await open(path, 'w', 0o600)
  try {
    await file.truncate(BLANK_BYTES)
  } finally {
    await file.close()
  }
  return { path, size: BLANK_BYTES, fileName: 'rk1-blank.img' }
}

/** Flashes the zero image and leaves the node off. Flashes are serial: one transfer per board. */
export async function blankEmmc(
  client: BmcClient,
  slot: number,
  image: FlashImage,
  o: { log: Logger; signal?: AbortSignal }
): Promise<void> {
  try {
    await flashNode(client, slot, image, { log: o.log, signal: o.signal, powerOn: false })
  } catch (error) {
    throw new WipePowerError(`Blanking the eMMC of slot ${slot} through the BMC failed.`, {
      node: slot,
      step: 'emmc',
      evidence: error instanceof Rk1Error ? error.describe() : String(error),
      advice:
        'The node is off and its eMMC may still boot; run wipe again with emmc: true, or flash it with provision.'
    })
  }
}

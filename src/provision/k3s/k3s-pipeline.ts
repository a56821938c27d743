/**
 * The flash part of a K3s provision (design.md §5): every node to flash gets its personalised
 * image copy and its path (flash-path): a node of this cluster that our key opens writes its own
 * eMMC over SSH, all such nodes at once, paced on the shared uplink; the others, and any node whose
 * own write fails, are flashed by the BMC one at a time (one transfer per board). A flashed node
 * boots, gets its setup and joins while the next ones flash. The server installs first; agents
 * install in parallel as soon as it is up.
 */
import { errorText, Rk1Error } from '../../common/errors'
import { formatDuration } from '../../common/format'
import type { Logger } from '../../common/host'
import { flashNode, waitForBoot, type BmcClient, type FlashResult } from '../../bmc'
import { sha256File } from '../../image/checksum'
import type { Inventory, InventoryNode } from '../../inventory'
import { compileBootPattern } from '../../inventory'
import { NodeLink } from '../../distro/k3s/node-link'
import { personaliseImage, type PersonalisedImage } from '../../distro/k3s/personalise'
import {
  choosePath,
  DEFAULT_MEMORY_MARGIN_BYTES,
  DEFAULT_UPLINK_BYTES_PER_SEC,
  describeNodeImage,
  FlashScheduler,
  restartText,
  SharedUplink,
  writeOverSsh,
  type TalosNodePath,
  type FlashOutcome,
  type FlashPathMode,
  type FlashPathTaken,
  type NodeFacts,
  type PathChoice
} from '../../node-flash'
import { armbianFacts } from '../../node-flash/facts'
import type { HostKeyStore } from '../../distro/k3s/host-keys'
import type { K3sAction } from './k3s-summary'

export interface PipelineNode {
  node: InventoryNode
  action: K3sAction
  /** Open SSH link from detection, for nodes that are not flashed. */
  link?: NodeLink
  /** A Talos node of this cluster (our PKI): it writes itself through a Job (TalosNodePath). */
  talos?: boolean
}

export interface FlashContext {
  client: BmcClient
  /** Input `flash-path`; default bmc. */
  flashPath?: FlashPathMode
  uplinkBytesPerSec?: number
  /** Raw base image the per-node copies are made from. */
  base: string
  tempDir: string
  skipCrc: boolean
  authorizedKeys: string
  staticNetwork: boolean
  /** The node path of this cluster's Talos nodes; undefined = they go through the BMC. */
  talosPath?: (uplink: SharedUplink) => Promise<TalosNodePath | undefined>
}

export interface Reached {
  slot: number
  link?: NodeLink
  flash?: FlashResult
  /** Which path wrote the node and why. */
  flashPath?: FlashPathTaken
  /** Flash start to confirmed boot, whichever path. */
  writeMs?: number
  bootMs?: number
  error?: string
}

const describe = (e: unknown): string => (e instanceof Rk1Error ? e.describe() : errorText(e))

/**
 * Brings every node to "SSH with our key works" and hands it to `configure` at once, so setup
 * and joins overlap with the remaining flashes. Resolves when every configure has finished.
 */
export async function runFlashPipeline(o: {
  inventory: Inventory
  nodes: PipelineNode[]
  flash?: FlashContext
  privateKey: string
  keys: HostKeyStore
  bootTimeoutMs: number
  log: Logger
  signal?: AbortSignal
  configure: (reached: Reached) => Promise<void>
}): Promise<void> {
  const { log } = o
  const tasks: Promise<void>[] = []
  for (const p of o.nodes.filter((x) => x.action !== 'flash'))
    tasks.push(o.configure({ slot: p.node.slot, link: p.link }))
  const toFlash = o.nodes.filter((x) => x.action === 'flash')
  if (toFlash.length > 0 && !o.flash) {
    for (const p of toFlash)
      tasks.push(o.configure({ slot: p.node.slot, error: 'not flashed: no BMC for this run' }))
    await Promise.all(tasks)
    return
  }
  const fc = o.flash
  if (!fc) {
    await Promise.all(tasks)
    return
  }
  const pattern = compileBootPattern(o.inventory.distros.k3s.bootPattern)
  const scheduler = new FlashScheduler(log)
  const uplink = new SharedUplink(fc.uplinkBytesPerSec ?? DEFAULT_UPLINK_BYTES_PER_SEC)
  const talosPath = await fc.talosPath?.(uplink)
  try {
    for (const p of toFlash)
      tasks.push(flashOne(p, fc, o, { pattern, scheduler, uplink, talosPath }))
    await Promise.all(tasks)
  } finally {
    await talosPath?.close()
  }
}

/**
 * The path for one node to flash: the node path only when our key (Armbian) or our Talos PKI
 * opened it and it is healthy with the RAM for the image.
 */
async function pathFor(
  p: PipelineNode,
  fc: FlashContext,
  bytes: number,
  talosPath?: TalosNodePath
): Promise<PathChoice> {
  const mode = fc.flashPath ?? 'bmc'
  const need = { bytes, marginBytes: DEFAULT_MEMORY_MARGIN_BYTES }
  if (mode !== 'bmc' && p.talos && talosPath) {
    const facts = await talosPath.facts(p.node).catch((e: unknown): NodeFacts => ({
      slot: p.node.slot,
      os: 'none',
      notOwnedBecause: describe(e)
    }))
    return choosePath(mode, facts, need)
  }
  if (mode === 'bmc' || !p.link) {
    const facts: NodeFacts = { slot: p.node.slot, os: 'none' }
    return mode === 'bmc'
      ? { slot: p.node.slot, path: 'bmc', reason: 'flash-path is bmc' }
      : choosePath(mode, { ...facts, notOwnedBecause: 'our SSH key does not open it' }, need)
  }
  try {
    const session = await p.link.connect()
    return choosePath(mode, await armbianFacts(session, p.node.slot), need)
  } catch (error) {
    return choosePath(
      mode,
      { slot: p.node.slot, os: 'none', notOwnedBecause: describe(error) },
      need
    )
  }
}

type PipelineRun = Parameters<typeof runFlashPipeline>[0]
interface FlashTools {
  pattern: RegExp
  scheduler: FlashScheduler
  uplink: SharedUplink
  talosPath?: TalosNodePath
}

/** One node: its personalised copy, flashed on its path, booted, then SSH with our key. */
async function flashOne(
  p: PipelineNode,
  fc: FlashContext,
  o: PipelineRun,
  run: FlashTools
): Promise<void> {
  const { node } = p
  const label = `slot ${node.slot} (${node.hostname})`
  let image: PersonalisedImage
  try {
    image = await personaliseImage(fc.base, fc.tempDir, {
      inventory: o.inventory,
      node,
      authorizedKeys: fc.authorizedKeys,
      staticNetwork: fc.staticNetwork
    })
  } catch (error) {
    run.talosPath?.release(node.slot)
    o.log.error(`${label}: personalising the image failed: ${describe(error)}`)
    return o.configure({ slot: node.slot, error: `personalise failed: ${describe(error)}` })
  }
  let outcome: FlashOutcome | { refused: string }
  try {
    outcome = await flashCopy(p, fc, o, run, image)
  } finally {
    // Whatever happened, the control plane's Job no longer waits for this node.
    run.talosPath?.release(node.slot)
    // The copy holds a key and hashes: it lives exactly as long as its flash.
    await image.cleanup()
  }
  if ('refused' in outcome) return o.configure({ slot: node.slot, error: outcome.refused })
  // The node path ends the detection session (the node rebooted); a later step reconnects.
  if (outcome.path === 'node' || outcome.nodeWrite) await p.link?.close()
  return afterBoot(p, o, outcome)
}

/** The personalised copy on the node's path (node path or BMC), then its boot confirmed. */
async function flashCopy(
  p: PipelineNode,
  fc: FlashContext,
  o: PipelineRun,
  run: FlashTools,
  image: PersonalisedImage
): Promise<FlashOutcome | { refused: string }> {
  const { node } = p
  const { log } = o
  const label = `slot ${node.slot} (${node.hostname})`
  const sha256 = await sha256File(image.path, { signal: o.signal })
  const flashImage = { path: image.path, size: image.size, fileName: image.fileName, sha256 }
  const choice = await pathFor(p, fc, image.size, run.talosPath)
  // Nobody waits for a node that does not write itself (the control plane's Job goes last).
  if (choice.path !== 'node') run.talosPath?.release(node.slot)
  log.info(`${label}: flash path ${choice.path} (${choice.reason}).`)
  if (choice.refused)
    return { refused: `not flashed: flash-path is node, but ${choice.reason}; nothing was touched` }
  const tcp = { host: node.ip, port: node.ports.ssh }
  return run.scheduler.run({
    slot: node.slot,
    label,
    choice,
    nodeWrite: async () =>
      p.talos && run.talosPath
        ? run.talosPath.write({
            node,
            label,
            image: await describeNodeImage(flashImage, o.signal),
            powerCycle: async () => {
              await fc.client.setPower(node.slot, false)
              await fc.client.setPower(node.slot, true)
            }
          })
        : writeOverSsh({
            session: await (p.link as NodeLink).connect(),
            slot: node.slot,
            label,
            image: await describeNodeImage(flashImage, o.signal),
            uplink: run.uplink,
            log,
            signal: o.signal
          }),
    bmcFlash: () =>
      log.group(`Flash ${label}`, () =>
        flashNode(fc.client, node.slot, flashImage, { log, skipCrc: fc.skipCrc, signal: o.signal })
      ),
    confirmBoot: ({ path, flash }) =>
      path === 'node'
        ? waitForBoot(undefined, node.slot, {
            timeoutMs: o.bootTimeoutMs,
            tcp,
            signal: o.signal,
            log
          })
        : waitForBoot(fc.client, node.slot, {
            timeoutMs: o.bootTimeoutMs,
            pattern: run.pattern,
            tcp,
            snapshot: flash?.uartSnapshot,
            signal: o.signal,
            log
          })
  })
}

/** A booted node: learn its new host key over SSH with our key, then hand it to configure. */
async function afterBoot(p: PipelineNode, o: PipelineRun, outcome: FlashOutcome): Promise<void> {
  const { node } = p
  const { log } = o
  const label = `slot ${node.slot} (${node.hostname})`
  const flashPath = {
    path: outcome.path,
    reason: `${outcome.reason}${restartText(outcome.nodeWrite)}`,
    fallbackFrom: outcome.fallbackFrom
  }
  const base = { slot: node.slot, flash: outcome.flash, flashPath, writeMs: outcome.durationMs }
  if (outcome.error || !outcome.boot) return o.configure({ ...base, error: outcome.error })
  const bootMs = outcome.boot.durationMs
  log.info(`${label} booted after ${formatDuration(bootMs)} (${outcome.boot.via.join(' and ')}).`)
  // A new flash has a new host key: learn it now, pin it for the rest of the run.
  const link = new NodeLink({
    node,
    privateKey: o.privateKey,
    hostKey: { mode: 'learn-once' },
    log,
    signal: o.signal,
    connectTimeoutMs: o.bootTimeoutMs
  })
  try {
    const session = await link.connect()
    await o.keys.save(node.slot, session.hostKeyFingerprint)
  } catch (error) {
    await link.close()
    return o.configure({
      ...base,
      bootMs,
      error: `no SSH with our key after boot: ${describe(error)}`
    })
  }
  return o.configure({ ...base, link, bootMs })
}

/**
 * The flash part of a K3s provision (design.md §5): every node to flash gets its personalised
 * image copy and its path (flash-path): a node of this cluster that our key opens writes its own
 * eMMC over SSH, all such nodes at once, paced on the shared uplink; the others, and any node whose
 * own write fails, are flashed by the BMC one at a time (one transfer per board). A flashed node
 * boots, gets its setup and joins while the next ones flash. The server installs first; agents
 * install in parallel as soon as it is up.
 */
import type { Logger } from '../../common/host'
import type { FlashImage, FlashResult } from '../../bmc'
import { sha256File } from '../../image/checksum'
import type { Inventory, InventoryNode } from '../../inventory'
import { NodeLink } from '../../distro/k3s/node-link'
import { personaliseImage, type PersonalisedImage } from '../../distro/k3s/personalise'
import {
  describeNodeImage,
  restartText,
  type FlashPathMode,
  type FlashPathTaken,
  type NodeWriteResult,
  type SharedUplink,
  type TalosNodePath
} from '../../node-flash'
import { armbianFacts } from '../../node-flash/facts'
import {
  describeError as describe,
  type FlashQueue,
  type QueuedNode,
  type QueueEntry
} from '../flash-queue'
import { nodePathChoice, sshNodeWrite } from '../flash-path'
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
  /** The run's flash queue (BMC client, boot rules, shared uplink). */
  queue: FlashQueue
  /** Input `flash-path`; default bmc. */
  flashPath?: FlashPathMode
  /** Raw base image the per-node copies are made from. */
  base: string
  tempDir: string
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
  const talosPath = await fc.talosPath?.(fc.queue.uplink)
  try {
    // Added server first: the queue keeps that order on the BMC.
    for (const p of toFlash) tasks.push(flashOne(p, fc, o, talosPath))
    await Promise.all(tasks)
  } finally {
    await talosPath?.close()
  }
}

type PipelineRun = Parameters<typeof runFlashPipeline>[0]

/** One node: its personalised copy through the flash queue, then SSH with our key. */
async function flashOne(
  p: PipelineNode,
  fc: FlashContext,
  o: PipelineRun,
  talosPath?: TalosNodePath
): Promise<void> {
  const { node } = p
  let image: PersonalisedImage | undefined
  let outcome: QueuedNode
  try {
    outcome = await fc.queue.add(node, async () => {
      try {
        image = await personaliseImage(fc.base, fc.tempDir, {
          inventory: o.inventory,
          node,
          authorizedKeys: fc.authorizedKeys,
          staticNetwork: fc.staticNetwork
        })
      } catch (error) {
        o.log.error(`${label(node)}: personalising the image failed: ${describe(error)}`)
        return { notFlashed: `personalise failed: ${describe(error)}` }
      }
      return queueEntry(p, fc, o, image, talosPath)
    })
  } finally {
    // The copy holds a key and hashes: it lives exactly as long as its flash.
    await image?.cleanup()
    // Whatever happened, the control plane's Job no longer waits for this node.
    talosPath?.release(node.slot)
  }
  if (outcome.stoppedAt === 'not-flashed')
    return o.configure({ slot: node.slot, error: outcome.error })
  // The node path ends the detection session (the node rebooted); a later step reconnects.
  if (outcome.path === 'node' || outcome.nodeWrite) await p.link?.close()
  return afterBoot(p, o, outcome)
}

/**
 * The node's copy with its checksum, its path, and its own write when our key (Armbian) or our
 * Talos PKI (a Talos node of this cluster, through its Job) opened it.
 */
async function queueEntry(
  p: PipelineNode,
  fc: FlashContext,
  o: PipelineRun,
  image: PersonalisedImage,
  talosPath?: TalosNodePath
): Promise<QueueEntry> {
  const { node, link } = p
  const sha256 = await sha256File(image.path, { signal: o.signal })
  const flashImage = { path: image.path, size: image.size, fileName: image.fileName, sha256 }
  const viaJob = p.talos && talosPath
  const choice = await nodePathChoice({
    mode: fc.flashPath ?? 'bmc',
    slot: node.slot,
    bytes: image.size,
    facts: viaJob
      ? () => talosPath.facts(node)
      : link && (async () => armbianFacts(await link.connect(), node.slot)),
    log: o.log
  })
  // Nobody waits for a node that does not write itself (the control plane's Job goes last).
  if (choice.path !== 'node') talosPath?.release(node.slot)
  const nodeWrite = viaJob
    ? (): Promise<NodeWriteResult> => jobWrite(talosPath, node, fc, flashImage, o.signal)
    : link && sshNodeWrite(link, node, flashImage, o)
  return { image: flashImage, choice, nodeWrite }
}

/** A Talos node of this cluster writes Armbian through its Job; the BMC power-cycles it if need be. */
async function jobWrite(
  talosPath: TalosNodePath,
  node: InventoryNode,
  fc: FlashContext,
  image: FlashImage,
  signal?: AbortSignal
): Promise<NodeWriteResult> {
  return talosPath.write({
    node,
    label: label(node),
    image: await describeNodeImage(image, signal),
    powerCycle: async () => {
      await fc.queue.client.setPower(node.slot, false)
      await fc.queue.client.setPower(node.slot, true)
    }
  })
}

const label = (node: InventoryNode): string => `slot ${node.slot} (${node.hostname})`

/** A booted node: learn its new host key over SSH with our key, then hand it to configure. */
async function afterBoot(p: PipelineNode, o: PipelineRun, outcome: QueuedNode): Promise<void> {
  const { node } = p
  const { log } = o
  const flashPath = {
    path: outcome.path,
    reason: `${outcome.reason}${restartText(outcome.nodeWrite)}`,
    fallbackFrom: outcome.fallbackFrom
  }
  const base = { slot: node.slot, flash: outcome.flash, flashPath, writeMs: outcome.durationMs }
  if (outcome.error || !outcome.boot) return o.configure({ ...base, error: outcome.error })
  const bootMs = outcome.boot.durationMs
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

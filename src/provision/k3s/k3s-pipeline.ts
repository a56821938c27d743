/**
 * The pipelined part of a K3s provision (design.md §5): node N+1's image copy is personalised
 * while node N flashes; flashes run one after another (one transfer per board); a flashed node
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
import type { HostKeyStore } from '../../distro/k3s/host-keys'
import type { K3sAction } from './k3s-summary'

export interface PipelineNode {
  node: InventoryNode
  action: K3sAction
  /** Open SSH link from detection, for nodes that are not flashed. */
  link?: NodeLink
}

export interface FlashContext {
  client: BmcClient
  /** Raw base image the per-node copies are made from. */
  base: string
  tempDir: string
  skipCrc: boolean
  authorizedKeys: string
  staticNetwork: boolean
}

export interface Reached {
  slot: number
  link?: NodeLink
  flash?: FlashResult
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
  const fc = o.flash as FlashContext
  const personalise = (node: InventoryNode): Promise<PersonalisedImage | Error> =>
    personaliseImage(fc.base, fc.tempDir, {
      inventory: o.inventory,
      node,
      authorizedKeys: fc.authorizedKeys,
      staticNetwork: fc.staticNetwork
    }).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))))
  const pattern = compileBootPattern(o.inventory.distros.k3s.bootPattern)
  let next = toFlash[0] ? personalise(toFlash[0].node) : undefined
  for (let i = 0; i < toFlash.length; i++) {
    const { node } = toFlash[i] as PipelineNode
    const label = `slot ${node.slot} (${node.hostname})`
    const image = await (next as Promise<PersonalisedImage | Error>)
    const following = toFlash[i + 1]
    next = following ? personalise(following.node) : undefined
    if (image instanceof Error) {
      log.error(`${label}: personalising the image failed: ${describe(image)}`)
      tasks.push(o.configure({ slot: node.slot, error: `personalise failed: ${describe(image)}` }))
      continue
    }
    let flash: FlashResult
    try {
      const sha256 = await sha256File(image.path, { signal: o.signal })
      flash = await log.group(`Flash ${label}`, () =>
        flashNode(
          fc.client,
          node.slot,
          { path: image.path, size: image.size, fileName: image.fileName, sha256 },
          { log, skipCrc: fc.skipCrc, signal: o.signal }
        )
      )
    } catch (error) {
      log.error(`Flashing ${label} failed: ${errorText(error)}`)
      tasks.push(o.configure({ slot: node.slot, error: `flash failed: ${describe(error)}` }))
      continue
    } finally {
      // The copy holds a key and hashes: it lives exactly as long as its flash.
      await image.cleanup()
    }
    tasks.push(
      waitForBoot(fc.client, node.slot, {
        timeoutMs: o.bootTimeoutMs,
        pattern,
        tcp: { host: node.ip, port: node.ports.ssh },
        snapshot: flash.uartSnapshot,
        signal: o.signal,
        log
      }).then(
        async (boot) => {
          log.info(
            `${label} booted after ${formatDuration(boot.durationMs)} (${boot.via.join(' and ')}).`
          )
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
              slot: node.slot,
              flash,
              bootMs: boot.durationMs,
              error: `no SSH with our key after boot: ${describe(error)}`
            })
          }
          return o.configure({ slot: node.slot, link, flash, bootMs: boot.durationMs })
        },
        (error: unknown) => {
          log.error(`${label} did not boot: ${errorText(error)}`)
          return o.configure({ slot: node.slot, flash, error: `did not boot: ${describe(error)}` })
        }
      )
    )
  }
  await next?.then((img) => (img instanceof Error ? undefined : img.cleanup()))
  await Promise.all(tasks)
}

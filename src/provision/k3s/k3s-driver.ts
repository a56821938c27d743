/**
 * The K3s driver of the one provision story (../driver.ts): refusals (anything that may belong to
 * another cluster), then the pipeline (personalise + flash only where needed; setup; server first,
 * agents in parallel) over the one flash queue.
 */
import type { Host } from '../../common/host'
import { decideAction, detectAll } from './k3s-detect'
import type { K3sRun } from './k3s-summary'
import { join } from 'node:path'
import { flashQueueFor } from '../flash-queue'
import type { InventoryNode } from '../../inventory'
import { rawBase } from '../../distro/k3s/personalise'
import { stateText, type Detected } from './k3s-detect'
import { runFlashPipeline, type FlashContext, type Reached } from './k3s-pipeline'
import type { SharedUplink } from '../../node-flash'
import { k3sTalosNodePath } from './k3s-talos'
import { type K3sAction, type K3sNodeResult } from './k3s-summary'
import {
  K3sRefusedError,
  planK3s,
  type K3sProvisionSettings,
  type K3sRunContext
} from './k3s-context'
import type { Detection, ProvisionDriver } from '../driver'
import { checkCluster, finishRun } from './k3s-cluster'
import { configureNode, serverTokens } from './k3s-configure'
import { inputRef } from '../../common/input-style'

function refusalAdvice(verdicts: string[]): string {
  const talos = verdicts.some((v) => v.endsWith('-talos'))
  return (
    (talos
      ? `Talos nodes are only flashed with ${inputRef('reflash', 'true')} (switching a cluster from Talos to K3s wipes it). `
      : '') +
    `If these nodes are yours, pass the ${inputRef('ssh-private-key')} of the run that set them up (or its output-dir). To wipe and re-provision them, re-run with ${inputRef('reflash', 'true')}.`
  )
}

function initialResult(
  n: InventoryNode,
  detected: Map<number, Detected>,
  actions: Map<number, K3sAction>
): K3sNodeResult {
  const st = (detected.get(n.slot) as Detected).state
  return {
    slot: n.slot,
    hostname: n.hostname,
    role: n.role,
    found: st.kind,
    foundDetail: st.detail,
    foundVersion: st.k3sVersion,
    action: actions.get(n.slot) as K3sAction,
    status: 'failed'
  }
}

/** Anything that may belong to another cluster, or an unselected server not ours: touch nothing. */
function refuseUnsafe(ctx: K3sRunContext): void {
  const { selected, actions, detected, server } = ctx
  const refused = selected.filter((n) => actions.get(n.slot) === 'refuse')
  const serverState = (detected.get(server.slot) as Detected).state
  if (refused.length > 0)
    throw new K3sRefusedError(
      `Refusing to touch ${refused.length} node(s) that may belong to another cluster: flashing them could destroy it.`,
      {
        step: 'detect',
        evidence: refused
          .map((n) => {
            const st = (detected.get(n.slot) as Detected).state
            return `slot ${n.slot} (${n.hostname}, ${n.ip}): ${stateText[st.kind]}; ${st.detail}`
          })
          .join('\n'),
        advice: refusalAdvice(refused.map((n) => (detected.get(n.slot) as Detected).verdict))
      }
    )
  if (!actions.has(server.slot) && serverState.kind !== 'ours')
    throw new K3sRefusedError(
      `The K3s server slot ${server.slot} (${server.hostname}) is not part of this run and does not run this cluster.`,
      {
        step: 'detect',
        evidence: `${stateText[serverState.kind]}: ${serverState.detail}`,
        advice: `Include the server in ${inputRef('nodes')} (e.g. ${inputRef('nodes', 'all')}).`
      }
    )
}

/** The image base and BMC only when a node needs flashing; then the pipeline. Simulated BMC? */
async function flashAndConfigure(
  ctx: K3sRunContext,
  configure: (reached: Reached) => Promise<void>
): Promise<boolean> {
  const { host, settings, log, actions } = ctx
  let simulated: boolean
  let flash: FlashContext | undefined
  let cleanupBase: (() => Promise<void>) | undefined
  let closeClient: (() => void) | undefined
  try {
    if (ctx.selected.some((n) => actions.get(n.slot) === 'flash')) {
      const opened = await settings.bmc.open()
      simulated = opened.simulated
      closeClient = () => opened.client.close()
      const queue = flashQueueFor('k3s', {
        client: opened.client,
        inventory: ctx.inventory,
        skipCrc: settings.skipCrc,
        bootTimeoutMs: settings.bootTimeoutMs,
        uplinkBytesPerSec: settings.uplinkBytesPerSec,
        log,
        signal: host.signal
      })
      const base = await log.group('Image base', () =>
        rawBase(opened.image.path, join(host.tempDir, 'k3s-images'))
      )
      cleanupBase = base.cleanup
      flash = {
        queue,
        base: base.path,
        tempDir: join(host.tempDir, 'k3s-images'),
        flashPath: settings.flashPath,
        authorizedKeys: ctx.key.publicKey,
        staticNetwork: !!settings.staticNetwork,
        talosPath: (uplink) => talosNodePath(ctx, uplink)
      }
    } else simulated = (await settings.bmc.simulated?.()) ?? false
    await runFlashPipeline({
      inventory: ctx.inventory,
      nodes: ctx.selected.map((node) => ({
        node,
        action: actions.get(node.slot) as K3sAction,
        link: ctx.links.get(node.slot),
        talos: ctx.detected.get(node.slot)?.verdict === 'ours-talos'
      })),
      flash,
      privateKey: ctx.key.privateKey,
      keys: ctx.keys,
      bootTimeoutMs: settings.bootTimeoutMs,
      log,
      signal: host.signal,
      configure
    })
  } finally {
    closeClient?.()
    await cleanupBase?.()
  }
  return simulated
}

/** This cluster's Talos nodes to flash write Armbian through their Jobs (flash-path ≠ bmc). */
function talosNodePath(ctx: K3sRunContext, uplink: SharedUplink) {
  const writers = ctx.selected
    .filter((n) => ctx.actions.get(n.slot) === 'flash')
    .filter((n) => ctx.detected.get(n.slot)?.verdict === 'ours-talos')
    .map((n) => n.slot)
  if ((ctx.settings.flashPath ?? 'bmc') === 'bmc') return Promise.resolve(undefined)
  return k3sTalosNodePath(ctx.host, {
    ...{ access: ctx.talos, inventory: ctx.inventory, dir: ctx.dir, writers, uplink },
    ...{ runnerAddress: ctx.settings.runnerAddress, bootTimeoutMs: ctx.settings.bootTimeoutMs },
    containerImage: ctx.settings.nodeWriteImage
  })
}

/**
 * K3s behind the one provision story (../story.ts): plan = the cluster's SSH key and node order
 * (local), detect = both probes, decide = the K3s column of the rule table, then the flash queue
 * (a personalised image per node, SSH with our key after boot), setup and install (server first),
 * the cluster check and the outputs.
 */
export class K3sDriver implements ProvisionDriver<Detected['state'], K3sAction, K3sRun> {
  readonly distro = 'k3s' as const
  private ctx!: K3sRunContext

  constructor(
    private readonly host: Host,
    private readonly settings: K3sProvisionSettings
  ) {}

  async plan(): Promise<void> {
    this.ctx = await planK3s(this.host, this.settings)
  }

  /** The server is probed even when not selected: agents need its token. */
  async detect(): Promise<Detection<Detected['state']>> {
    const { ctx } = this
    const { selected, server, log } = ctx
    const probed = selected.some((n) => n.slot === server.slot) ? selected : [server, ...selected]
    const found = await detectAll(probed, { ...ctx, privateKey: ctx.key.privateKey })
    for (const [slot, d] of found) {
      ctx.detected.set(slot, d)
      if (d.link) ctx.links.set(slot, d.link)
    }
    for (const n of probed) {
      const st = (found.get(n.slot) as Detected).state
      log.info(`slot ${n.slot} (${n.hostname}): ${stateText[st.kind]}; ${st.detail}`)
    }
    return found
  }

  decide(found: Detection<Detected['state']>): Map<number, K3sAction> {
    const { ctx } = this
    const rules = {
      version: ctx.version,
      reflash: ctx.settings.reflash,
      serverSlot: ctx.server.slot
    }
    for (const n of ctx.selected)
      ctx.actions.set(n.slot, decideAction(found.get(n.slot) as Detected, n, rules))
    for (const n of ctx.selected)
      ctx.results.set(n.slot, initialResult(n, ctx.detected, ctx.actions))
    return ctx.actions
  }

  refuse(): void {
    refuseUnsafe(this.ctx)
  }

  async flashAndConfigure(): Promise<K3sRun> {
    const { ctx } = this
    const tokens = await serverTokens(ctx)
    const simulated = await flashAndConfigure(ctx, (reached) => configureNode(ctx, tokens, reached))
    return {
      clusterName: ctx.inventory.name,
      simulated,
      version: ctx.version,
      nodes: ctx.selected.map((n) => ctx.results.get(n.slot) as K3sNodeResult),
      keyOrigin: ctx.key.origin,
      keyPath: ctx.key.path,
      totalMs: 0,
      dir: ctx.dir
    }
  }

  clusterReady(run: K3sRun): Promise<void> {
    return checkCluster(this.ctx, run)
  }

  outputs(run: K3sRun, totalMs: number): Promise<void> {
    return finishRun(this.ctx, run, totalMs)
  }

  /** A refusal, an unreachable BMC or the end of the run: no SSH link may stay open. */
  async close(): Promise<void> {
    const links = [...(this.ctx?.links.values() ?? [])]
    this.ctx?.links.clear()
    await Promise.all(links.map((l) => l.close()))
  }
}

/**
 * `provision` for Talos (issue 4) as the one provision story (../story.ts) over the Talos driver:
 * secrets and configs (local only), state of every node, refusal of anything that would destroy a
 * cluster we cannot prove is ours, then the pipeline (flash only where needed), bootstrap once,
 * upgrades, health, kubeconfig, Ready nodes.
 */
import { readFile } from 'node:fs/promises'
import type { Host } from '../../common/host'
import type { BmcProvider } from '../bmc-session'
import { flashQueueFor } from '../flash-queue'
import type { InventoryNode } from '../../inventory'
import type { NodeLink } from '../../distro/k3s/node-link'
import { maskConfigSecrets } from '../../common/mask-config'
import { nodePathProof, noNodePathReason, type NodeState, type TalosAction } from './talos-plan'
import {
  runPipeline,
  type PipelineFlash,
  type PipelineNode,
  type PipelineOutcome
} from './talos-pipeline'
import type { TalosNodeResult, TalosRun } from './talos-summary'
import type { Detection, ProvisionDriver } from '../driver'
import { runProvisionStory } from '../story'
import { provisionRunFailed } from '../run-error'
import {
  prepareTalosRun,
  type Decided,
  type TalosProvisionSettings,
  type TalosRunContext
} from './talos-context'
import { decided, decideTalos, detectTalos, refuseUnsafe } from './talos-detect'
import { checkCluster, markUpToDate, recordBootstrap, upgradeInPlace } from './talos-cluster'
import { flashedSlots, summariseTalos, talosFailed, talosResultJson } from './talos-summary'

/**
 * Talos behind the one provision story (../story.ts): plan = secrets and configs (local), detect
 * = both probes, decide = the Talos column of the rule table, then the pipeline (flash queue,
 * apply-config, bootstrap once), upgrades in place, the cluster check and the outputs.
 */
export class TalosDriver implements ProvisionDriver<NodeState, TalosAction, TalosRun> {
  readonly distro = 'talos' as const
  private ctx!: TalosRunContext
  /** SSH links detection kept for the node path; closed once the pipeline ends. */
  private readonly links = new Map<number, NodeLink>()
  private actions = new Map<number, TalosAction>()

  constructor(
    private readonly host: Host,
    private readonly settings: TalosProvisionSettings,
    private readonly bmc: BmcProvider
  ) {}

  async plan(): Promise<void> {
    this.ctx = await prepareTalosRun(this.host, this.settings)
  }

  async detect(): Promise<Detection<NodeState>> {
    const found = await detectTalos(this.ctx)
    for (const [slot, d] of found) if (d.link) this.links.set(slot, d.link)
    return found
  }

  decide(found: Detection<NodeState>): Map<number, TalosAction> {
    return decideTalos(this.ctx, found)
  }

  refuse(found: Detection<NodeState>, actions: Map<number, TalosAction>): void {
    refuseUnsafe(this.ctx, decided(found, actions))
  }

  async flashAndConfigure(
    found: Detection<NodeState>,
    actions: Map<number, TalosAction>
  ): Promise<TalosRun> {
    const { ctx } = this
    const d = decided(found, actions)
    this.actions = actions
    // The links serve only the node path: closed before the cluster check, whatever happened.
    const pipeline = await flashAndConfigure(ctx, d, this.bmc).finally(() => this.close())
    const run: TalosRun = {
      clusterName: ctx.inventory.name,
      simulated: pipeline.simulated,
      nodes: nodeResults(ctx, d, pipeline.outcome),
      secretsOrigin: ctx.secrets.origin,
      totalMs: 0,
      pipelineMs: pipeline.ms,
      dir: ctx.dir,
      // Set before anything can fail: configured nodes are lost without these files.
      talosconfigPath: ctx.configs.talosconfig,
      secretsPath: ctx.secrets.path
    }
    recordBootstrap(ctx, run, pipeline.outcome.bootstrap)
    return run
  }

  /** Without a bootstrapped control plane there is no cluster to upgrade or check. */
  async clusterReady(run: TalosRun): Promise<void> {
    if (run.bootstrapError) return
    const tailStarted = performance.now()
    await upgradeInPlace(this.ctx, this.actions, run.nodes)
    await checkCluster(this.ctx, run)
    run.tailMs = performance.now() - tailStarted
    markUpToDate(this.ctx, run)
  }

  async outputs(run: TalosRun, totalMs: number): Promise<void> {
    const { host } = this
    run.totalMs = totalMs
    await setTalosOutputs(host, run)
    summariseTalos(host.summary, run)
    host.setOutput('result', talosResultJson(run))
    host.setOutput('flashed-nodes', flashedSlots(run).join(','))
    await host.summary.write()
    if (talosFailed(run))
      throw provisionRunFailed({
        what: 'Talos provisioning',
        failed: run.nodes.filter((n) => n.status === 'failed'),
        cluster: [
          run.bootstrapError && 'bootstrap failed',
          run.healthError && 'the cluster is not healthy'
        ],
        clusterEvidence: run.bootstrapError ?? run.healthError
      })
  }

  async close(): Promise<void> {
    const links = [...this.links.values()]
    this.links.clear()
    await Promise.all(links.map((l) => l.close()))
  }

  /** A refusal or a failed plan still leaves the summary written so far. */
  async abandoned(): Promise<void> {
    await this.host.summary.write()
  }
}

/** provision for Talos: the one story over the Talos driver. */
export function provisionTalos(
  host: Host,
  settings: TalosProvisionSettings,
  bmc: BmcProvider
): Promise<void> {
  return runProvisionStory(new TalosDriver(host, settings, bmc), host.log)
}

/** The BMC only when a node needs flashing; then the pipeline (flash, configure, bootstrap). */
async function flashAndConfigure(
  ctx: TalosRunContext,
  { states, actions, links }: Decided,
  bmc: BmcProvider
): Promise<{ outcome: PipelineOutcome; simulated: boolean; ms: number }> {
  const { cp, settings } = ctx
  let simulated: boolean
  let flash: PipelineFlash | undefined
  let closeClient: (() => void) | undefined
  if (ctx.selected.some((n) => actions.get(n.slot) === 'flash')) {
    const opened = await bmc.open()
    simulated = opened.simulated
    closeClient = () => opened.client.close()
    const queue = flashQueueFor('talos', {
      client: opened.client,
      inventory: ctx.inventory,
      skipCrc: settings.skipCrc,
      bootTimeoutMs: settings.bootTimeoutMs,
      uplinkBytesPerSec: settings.uplinkBytesPerSec,
      log: ctx.log,
      signal: ctx.host.signal
    })
    flash = { queue, image: opened.image, flashPath: settings.flashPath }
  } else simulated = (await bmc.simulated?.()) ?? false
  const started = performance.now()
  try {
    const outcome = await runPipeline({
      ops: ctx.ops,
      nodes: ctx.selected.map((node) => pipelineNode(ctx, node, states, actions, links)),
      controlPlane: cp,
      controlPlaneReady:
        !actions.has(cp.slot) || ['none', 'upgrade'].includes(actions.get(cp.slot) as string),
      flash,
      bootTimeoutMs: settings.bootTimeoutMs,
      log: ctx.log,
      signal: ctx.host.signal
    })
    return { outcome, simulated, ms: performance.now() - started }
  } finally {
    closeClient?.()
  }
}

function pipelineNode(
  ctx: TalosRunContext,
  node: InventoryNode,
  states: Map<number, NodeState>,
  actions: Map<number, TalosAction>,
  links: Map<number, NodeLink>
): PipelineNode {
  const st = states.get(node.slot) as NodeState
  const link = links.get(node.slot)
  return {
    node,
    action: actions.get(node.slot) as TalosAction,
    configFile: ctx.configs.files.get(node.slot),
    link,
    oursBecause: link ? nodePathProof(st.kind) : undefined,
    noNodePath: link ? undefined : noNodePathReason(st.kind)
  }
}

function nodeResults(
  ctx: TalosRunContext,
  { states, actions }: Decided,
  outcome: PipelineOutcome
): TalosNodeResult[] {
  return ctx.selected.map((node) => {
    const st = states.get(node.slot) as NodeState
    const r = outcome.results.get(node.slot)
    return {
      slot: node.slot,
      hostname: node.hostname,
      role: node.role,
      found: st.kind,
      foundVersion: st.version,
      action: actions.get(node.slot) as TalosAction,
      status: r ? (r.ok ? 'ready' : 'failed') : 'ready',
      flash: r?.flash,
      flashPath: r?.flashPath,
      writeMs: r?.writeMs,
      bootMs: r?.bootMs,
      configureMs: r?.configureMs,
      error: r?.error
    }
  })
}

/** Masked outputs: contents (registered as secrets first) and the 0600 files they came from. */
export async function setTalosOutputs(host: Host, run: TalosRun): Promise<void> {
  const emit = async (name: string, path: string | undefined): Promise<void> => {
    if (!path) return
    const text = await readFile(path, 'utf8')
    maskConfigSecrets((s) => host.mask(s), text)
    host.setOutput(name, text)
    host.setOutput(`${name}-path`, path)
  }
  await emit('kubeconfig', run.kubeconfigPath)
  await emit('talosconfig', run.talosconfigPath)
  await emit('talos-secrets', run.secretsPath)
}

/**
 * `provision` for Talos: from whatever the nodes run to a healthy cluster with a kubeconfig and a
 * talosconfig (issue 4). Order: secrets and configs (local only), state of every node, refusal of
 * anything that would destroy a cluster we cannot prove is ours, then the pipeline (flash only
 * where needed), bootstrap once, upgrades, health, kubeconfig, Ready nodes.
 */
import { chmod, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { Rk1Error } from '../common/errors'
import type { Host } from '../common/host'
import { outputDirOf, privateDir, readSecretFile, SSH_KEY_FILE } from '../common/secret-files'
import type { BmcProvider } from './bmc-session'
import { flashQueueFor } from './flash-queue'
import type { ProvisionSettings } from './settings'
import type { Inventory, InventoryNode } from '../inventory'
import { endpointNode, generateConfigs } from '../distro/talos/config'
import { locateTalosctl } from '../distro/talos/install-talosctl'
import { findKubectl, waitNodesReady } from '../kube/nodes-ready'
import { closeObservations, detectNodes, type NodeVerdict } from '../distro/detect'
import type { NodeLink } from '../distro/k3s/node-link'
import { serverUrl } from '../distro/k3s/config'
import { HostKeyStore } from '../distro/k3s/host-keys'
import {
  TalosStepError,
  fetchKubeconfig,
  health,
  upgradeNode,
  type OpsContext
} from '../distro/talos/operations'
import { maskConfigSecrets } from '../common/mask-config'
import { resolveSecrets } from '../distro/talos/secrets'
import { Talosctl } from '../distro/talos/talosctl'
import {
  controlPlaneFirst,
  decideAction,
  nodePathProof,
  noNodePathReason,
  stateText,
  talosStateOf,
  type NodeState,
  type TalosAction
} from './talos-plan'
import {
  runPipeline,
  type PipelineFlash,
  type PipelineNode,
  type PipelineOutcome
} from './talos-pipeline'
import type { TalosNodeResult, TalosRun } from './talos-summary'
import { inputRef } from '../common/input-style'

export class TalosRefusedError extends Rk1Error {}

/** What a Talos run reads of the run's settings (src/provision/settings.ts), as given. */
export type TalosProvisionSettings = Pick<
  ProvisionSettings,
  'inventory' | 'nodes' | 'reflash' | 'skipCrc' | 'bootTimeoutMs'
> &
  Partial<
    Pick<
      ProvisionSettings,
      'talosSecrets' | 'outputDir' | 'sshPrivateKey' | 'flashPath' | 'uplinkBytesPerSec'
    >
  >

/** Verdicts under which our key proves the node is this cluster's and it runs Armbian. */
const NODE_PATH_VERDICTS = new Set<NodeVerdict>(['ours-k3s', 'armbian'])

async function detectAll(
  nodes: InventoryNode[],
  host: Host,
  ctx: {
    inventory: Inventory
    talosctl: Talosctl
    talosconfig: string
    haveSecrets: boolean
    sshPrivateKey?: string
    /** Keep the SSH links of nodes our key proves ours: the node path writes through them. */
    keepLinks: boolean
  }
): Promise<{ states: Map<number, NodeState>; links: Map<number, NodeLink> }> {
  const key = ctx.sshPrivateKey
  const seen = await detectNodes(nodes, {
    talos: { ...ctx, talosctl: async () => ctx.talosctl },
    // Without a key an SSH-answering node stays unproven (refused), never taken for empty.
    ssh: key
      ? { privateKey: key, keys: await HostKeyStore.open(host.cacheDir, ctx.inventory.name) }
      : undefined,
    cluster: { name: ctx.inventory.name, k3sServer: serverUrl(ctx.inventory) },
    log: host.log,
    signal: host.signal
  })
  const links = new Map<number, NodeLink>()
  for (const [slot, o] of seen)
    if (ctx.keepLinks && o.link && NODE_PATH_VERDICTS.has(o.verdict)) {
      links.set(slot, o.link)
      seen.set(slot, { ...o, link: undefined })
    }
  await closeObservations(seen)
  return { states: new Map([...seen].map(([slot, o]) => [slot, talosStateOf(o)])), links }
}

function refusal(
  refused: { node: InventoryNode; state: NodeState }[],
  haveSecrets: boolean
): Error {
  const lines = refused.map(
    ({ node, state }) =>
      `slot ${node.slot} (${node.hostname}, ${node.ip}): ${stateText[state.kind]}; ${state.detail}`
  )
  const onlyTalos = refused.every(({ state }) => state.kind === 'other-secrets')
  const switching = refused.some(({ state }) => state.kind === 'ours-k3s')
  const message = onlyTalos
    ? `Refusing to touch ${refused.length} node(s) that run Talos configured with other secrets: flashing them could destroy a running cluster.`
    : `Refusing to touch ${refused.length} node(s) that run a cluster this run cannot prove is this Talos cluster: flashing them could destroy it.`
  const talosAdvice = haveSecrets
    ? `Nodes of another cluster: re-run with ${inputRef('reflash', 'true')} to wipe and re-provision them.`
    : `If this is your cluster, pass its ${inputRef('talos-secrets')} (the output of the run that created it, or its output-dir). ` +
      `To wipe it and start over, re-run with ${inputRef('reflash', 'true')}.`
  const sshAdvice =
    (switching ? 'Switching this cluster from K3s to Talos wipes its nodes: ' : '') +
    `K3s/SSH nodes are only flashed with ${inputRef('reflash', 'true')} (pass ${inputRef('ssh-private-key')} to tell this cluster's own K3s nodes apart).`
  return new TalosRefusedError(message, {
    step: 'detect',
    evidence: lines.join('\n'),
    advice: onlyTalos ? talosAdvice : `${sshAdvice} ${talosAdvice}`
  })
}

/** Everything a Talos run fixed before touching a node: local files and talosctl only. */
interface TalosRunContext {
  host: Host
  settings: TalosProvisionSettings
  inventory: Inventory
  log: Host['log']
  dir: string
  talosctl: Talosctl
  secrets: Awaited<ReturnType<typeof resolveSecrets>>
  haveSecrets: boolean
  /** SSH key of this cluster's K3s nodes, to tell them from another cluster's. */
  sshPrivateKey?: string
  /** The control plane this run bootstraps (the endpoint). */
  cp: InventoryNode
  /** The selected nodes, control plane first. */
  selected: InventoryNode[]
  configs: Awaited<ReturnType<typeof generateConfigs>>
  ops: OpsContext
}

/** What detection found and decided, and the SSH links the node path may write through. */
interface Decided {
  states: Map<number, NodeState>
  actions: Map<number, TalosAction>
  links: Map<number, NodeLink>
}

/**
 * provision for Talos: plan (secrets, configs) → detect every node → decide → refuse what is not
 * provably ours → flash and configure → bootstrap once → upgrades → cluster check.
 */
export async function runTalosProvision(
  host: Host,
  settings: TalosProvisionSettings,
  bmc: BmcProvider
): Promise<TalosRun> {
  const started = performance.now()
  const ctx = await prepareTalosRun(host, settings)
  const decided = await detectAndDecide(ctx)
  const pipeline = await withLinksClosed(decided.links, async () => {
    refuseUnsafe(ctx, decided)
    return flashAndConfigure(ctx, decided, bmc)
  })
  const run: TalosRun = {
    clusterName: ctx.inventory.name,
    simulated: pipeline.simulated,
    nodes: nodeResults(ctx, decided, pipeline.outcome),
    secretsOrigin: ctx.secrets.origin,
    totalMs: 0,
    pipelineMs: pipeline.ms,
    dir: ctx.dir,
    // Set before anything can fail: configured nodes are lost without these files.
    talosconfigPath: ctx.configs.talosconfig,
    secretsPath: ctx.secrets.path
  }
  recordBootstrap(ctx, run, pipeline.outcome.bootstrap)
  if (!run.bootstrapError) {
    const tailStarted = performance.now()
    await upgradeInPlace(ctx, decided.actions, run.nodes)
    await checkCluster(ctx, run)
    run.tailMs = performance.now() - tailStarted
    markUpToDate(ctx, run)
  }
  run.totalMs = performance.now() - started
  return run
}

/** Output folder, talosctl, secrets and configs: all local, nothing touches a node yet. */
async function prepareTalosRun(
  host: Host,
  settings: TalosProvisionSettings
): Promise<TalosRunContext> {
  const { inventory, log } = { inventory: settings.inventory, log: host.log }
  const dir = outputDirOf(host, inventory.name, settings.outputDir, 'talos')
  await privateDir(dir)
  const binary = await locateTalosctl({
    version: inventory.versions.talos,
    env: host.env,
    cacheDir: host.cacheDir,
    log,
    signal: host.signal
  })
  const talosctl = new Talosctl({ binary, env: host.env, cwd: dir, signal: host.signal })
  const secrets = await resolveSecrets({ host, talosctl, dir, input: settings.talosSecrets })
  const selected = controlPlaneFirst(settings.nodes)
  const configs = await generateConfigs({
    talosctl,
    inventory,
    nodes: selected,
    secretsPath: secrets.path,
    dir
  })
  return {
    host,
    settings,
    inventory,
    log,
    dir,
    talosctl,
    secrets,
    haveSecrets: secrets.origin !== 'generated',
    // The K3s key an earlier run kept tells this cluster's own K3s nodes apart (a distro switch).
    sshPrivateKey:
      settings.sshPrivateKey ||
      host.env.RK1_SSH_PRIVATE_KEY ||
      (await readSecretFile(dir, SSH_KEY_FILE))?.value,
    cp: endpointNode(inventory),
    selected,
    configs,
    ops: { talosctl, talosconfig: configs.talosconfig, signal: host.signal }
  }
}

/** The state of every selected node (and the control plane) and what to do with each. */
async function detectAndDecide(ctx: TalosRunContext): Promise<Decided> {
  const { host, log, inventory, selected, cp, settings } = ctx
  const probed = selected.some((n) => n.slot === cp.slot) ? selected : [cp, ...selected]
  const { states, links } = await log.group('Node states', async () => {
    const found = await detectAll(probed, host, {
      inventory,
      talosctl: ctx.talosctl,
      talosconfig: ctx.configs.talosconfig,
      haveSecrets: ctx.haveSecrets,
      sshPrivateKey: ctx.sshPrivateKey,
      keepLinks: (settings.flashPath ?? 'bmc') !== 'bmc'
    })
    for (const n of probed) {
      const st = found.states.get(n.slot) as NodeState
      log.info(
        `slot ${n.slot} (${n.hostname}): ${stateText[st.kind]}${st.version ? ` ${st.version}` : ''}${st.stage ? `, stage ${st.stage}` : ''}`
      )
    }
    return found
  })
  const rules = { version: inventory.versions.talos, reflash: settings.reflash }
  const actions = new Map<number, TalosAction>(
    selected.map((n) => [n.slot, decideAction(states.get(n.slot) as NodeState, rules)])
  )
  return { states, actions, links }
}

/** Runs `fn`, then closes every detection link, whether it succeeded or not. */
async function withLinksClosed<T>(links: Map<number, NodeLink>, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn()
  } finally {
    await Promise.all([...links.values()].map((l) => l.close()))
  }
}

/** Anything not provably ours, or an unselected control plane of another cluster: touch nothing. */
function refuseUnsafe(ctx: TalosRunContext, { states, actions }: Decided): void {
  const { cp } = ctx
  const refused = ctx.selected
    .filter((n) => actions.get(n.slot) === 'refuse')
    .map((node) => ({ node, state: states.get(node.slot) as NodeState }))
  if (refused.length > 0) throw refusal(refused, ctx.haveSecrets)
  const cpState = states.get(cp.slot) as NodeState
  if (!actions.has(cp.slot) && cpState.kind !== 'ours')
    throw new TalosRefusedError(
      `The control plane slot ${cp.slot} (${cp.hostname}) is not part of this run and does not run this cluster.`,
      {
        step: 'detect',
        evidence: `${stateText[cpState.kind]}: ${cpState.detail}`,
        advice: `Include the control plane in ${inputRef('nodes')} (e.g. ${inputRef('nodes', 'all')}) or pass the ${inputRef('talos-secrets')} of its cluster.`
      }
    )
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

function recordBootstrap(
  ctx: TalosRunContext,
  run: TalosRun,
  bootstrap: PipelineOutcome['bootstrap']
): void {
  const { log, cp } = ctx
  if (bootstrap && 'error' in bootstrap) run.bootstrapError = bootstrap.error
  else if (bootstrap) {
    run.bootstrap = bootstrap.outcome
    run.bootstrapMs = bootstrap.ms
    if (bootstrap.outcome === 'raced')
      log.warn(
        'bootstrap: etcd answered AlreadyExists: another client bootstrapped it first; treated as done (never bootstrapped twice).'
      )
    else if (bootstrap.outcome === 'already-bootstrapped')
      log.info('bootstrap: etcd already has members; not bootstrapping again.')
    else log.info(`bootstrap: etcd bootstrapped on slot ${cp.slot} (${cp.hostname}).`)
  }
}

/** Nodes on another Talos version, one at a time, control plane first (no flash). */
async function upgradeInPlace(
  ctx: TalosRunContext,
  actions: Map<number, TalosAction>,
  results: TalosNodeResult[]
): Promise<void> {
  const { log, inventory } = ctx
  const upgrades = controlPlaneFirst(ctx.selected).filter((n) => actions.get(n.slot) === 'upgrade')
  if (upgrades.length > 0)
    log.info(
      `Upgrading ${upgrades.length} node(s) to Talos ${inventory.versions.talos} in place, one at a time, control plane first (no flash).`
    )
  let blocked: string | undefined
  for (const r of upgrades) {
    const res = results.find((x) => x.slot === r.slot) as TalosNodeResult
    if (blocked) {
      // One at a time means: never take a second node down while the first did not come back.
      res.status = 'failed'
      res.error = `Not upgraded: ${blocked} failed to upgrade first.`
      continue
    }
    try {
      log.info(
        `slot ${r.slot} (${r.hostname}): upgrading ${res.foundVersion ?? ''} to ${ctx.configs.installImage}.`
      )
      await upgradeNode(ctx.ops, r, ctx.configs.installImage, ctx.settings.bootTimeoutMs)
      res.upgradedTo = inventory.versions.talos
      log.info(`slot ${r.slot} (${r.hostname}): upgraded to Talos ${inventory.versions.talos}.`)
    } catch (error) {
      res.status = 'failed'
      res.error = error instanceof Rk1Error ? error.describe() : String(error)
      blocked = `slot ${r.slot} (${r.hostname})`
    }
  }
}

/** `talosctl health` over the ready nodes, a kubeconfig, then Ready Kubernetes nodes. */
async function checkCluster(ctx: TalosRunContext, run: TalosRun): Promise<void> {
  const { log, cp } = ctx
  const healthy = ctx.selected.filter(
    (n) => run.nodes.find((r) => r.slot === n.slot)?.status === 'ready'
  )
  const checked = healthy.some((n) => n.slot === cp.slot) ? healthy : [cp, ...healthy]
  try {
    await log.group('Cluster health', async () => {
      await health(ctx.ops, cp, checked, ctx.settings.bootTimeoutMs)
      const kubeconfigPath = join(ctx.dir, 'kubeconfig')
      await fetchKubeconfig(ctx.ops, cp, kubeconfigPath)
      await chmod(kubeconfigPath, 0o600)
      run.kubeconfigPath = kubeconfigPath
      await checkReady(ctx, run, kubeconfigPath, checked)
    })
  } catch (error) {
    run.healthError = error instanceof Rk1Error ? error.describe() : String(error)
    log.error(run.healthError)
  }
}

/** Ready Kubernetes nodes with real kubectl, when it is on PATH. */
async function checkReady(
  ctx: TalosRunContext,
  run: TalosRun,
  kubeconfig: string,
  checked: InventoryNode[]
): Promise<void> {
  const { host, log } = ctx
  const kubectl = await findKubectl(host.env.PATH)
  if (!kubectl) {
    log.info(
      'kubectl is not on PATH: node readiness rests on `talosctl health` (all k8s nodes ready).'
    )
    return
  }
  run.readyNodes = await waitNodesReady({
    kubectl,
    kubeconfig,
    names: checked.map((n) => n.hostname),
    timeoutMs: ctx.settings.bootTimeoutMs,
    env: host.env,
    signal: host.signal,
    fail: (evidence) =>
      new TalosStepError('Not every node became a Ready Kubernetes node.', {
        step: 'nodes-ready',
        evidence,
        advice:
          'Check `kubectl get nodes` and the kubelet of the missing nodes (`talosctl logs kubelet`).'
      })
  })
  log.info(`Kubernetes nodes Ready: ${run.readyNodes.join(', ')}.`)
}

function markUpToDate(ctx: TalosRunContext, run: TalosRun): void {
  run.upToDate =
    run.nodes.every((r) => r.action === 'none' && r.status === 'ready') &&
    run.bootstrap === 'already-bootstrapped' &&
    !run.healthError
  if (run.upToDate)
    ctx.log.info(
      `Cluster "${ctx.inventory.name}" is already up to date: nothing flashed, nothing bootstrapped.`
    )
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

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
import { outputDirOf, privateDir } from '../common/secret-files'
import type { BmcClient, FlashImage } from '../bmc'
import type { Inventory, InventoryNode } from '../inventory'
import { endpointNode, generateConfigs } from '../distro/talos/config'
import { locateTalosctl } from '../distro/talos/install-talosctl'
import { findKubectl, waitNodesReady } from '../kube/nodes-ready'
import { closeObservations, detectNodes, type NodeVerdict } from '../distro/detect'
import type { NodeLink } from '../distro/k3s/node-link'
import type { FlashPathMode } from '../node-flash'
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
import { runPipeline, type PipelineOutcome } from './talos-pipeline'
import type { TalosNodeResult, TalosRun } from './talos-summary'
import { inputRef } from '../common/input-style'

export class TalosRefusedError extends Rk1Error {}

export interface TalosProvisionSettings {
  inventory: Inventory
  nodes: InventoryNode[]
  reflash: boolean
  secretsInput?: string
  outputDir?: string
  skipCrc: boolean
  bootTimeoutMs: number
  /** SSH key of this cluster's K3s nodes, to tell them from another cluster's (input ssh-private-key). */
  sshPrivateKey?: string
  /** Input flash-path; default bmc when absent. */
  flashPath?: FlashPathMode
  uplinkBytesPerSec?: number
}

/** What needs the BMC, resolved lazily: a run that flashes nothing never logs in. */
export interface FlashProvider {
  open(): Promise<{ client: BmcClient; image: FlashImage; simulated: boolean }>
  /** Whether the BMC is the lab, asked when nothing is flashed (see BmcProvider). */
  simulated?(): Promise<boolean>
}

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

export async function runTalosProvision(
  host: Host,
  settings: TalosProvisionSettings,
  flashProvider: FlashProvider
): Promise<TalosRun> {
  const started = performance.now()
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
  const secrets = await resolveSecrets({ host, talosctl, dir, input: settings.secretsInput })
  const haveSecrets = secrets.origin !== 'generated'
  const cp = endpointNode(inventory)
  const selected = controlPlaneFirst(settings.nodes)
  const configs = await generateConfigs({
    talosctl,
    inventory,
    nodes: selected,
    secretsPath: secrets.path,
    dir
  })
  const ops: OpsContext = { talosctl, talosconfig: configs.talosconfig, signal: host.signal }

  const probed = selected.some((n) => n.slot === cp.slot) ? selected : [cp, ...selected]
  const { states, links } = await log.group('Node states', async () => {
    const found = await detectAll(probed, host, {
      inventory,
      talosctl,
      talosconfig: configs.talosconfig,
      haveSecrets,
      sshPrivateKey: settings.sshPrivateKey,
      keepLinks: (settings.flashPath ?? 'bmc') !== 'bmc'
    })
    const s = found.states
    for (const n of probed) {
      const st = s.get(n.slot) as NodeState
      log.info(
        `slot ${n.slot} (${n.hostname}): ${stateText[st.kind]}${st.version ? ` ${st.version}` : ''}${st.stage ? `, stage ${st.stage}` : ''}`
      )
    }
    return found
  })
  const closeLinks = (): Promise<unknown> => Promise.all([...links.values()].map((l) => l.close()))
  /** Nothing is left open when the run stops before its pipeline. */
  const stop = async (error: unknown): Promise<never> => {
    await closeLinks()
    throw error
  }
  const actions = new Map<number, TalosAction>(
    selected.map((n) => [
      n.slot,
      decideAction(states.get(n.slot) as NodeState, {
        version: inventory.versions.talos,
        reflash: settings.reflash
      })
    ])
  )
  const refused = selected
    .filter((n) => actions.get(n.slot) === 'refuse')
    .map((node) => ({ node, state: states.get(node.slot) as NodeState }))
  if (refused.length > 0) return stop(refusal(refused, haveSecrets))
  const cpSelected = actions.has(cp.slot)
  if (!cpSelected && states.get(cp.slot)?.kind !== 'ours')
    return stop(
      new TalosRefusedError(
        `The control plane slot ${cp.slot} (${cp.hostname}) is not part of this run and does not run this cluster.`,
        {
          step: 'detect',
          evidence: `${stateText[(states.get(cp.slot) as NodeState).kind]}: ${(states.get(cp.slot) as NodeState).detail}`,
          advice: `Include the control plane in ${inputRef('nodes')} (e.g. ${inputRef('nodes', 'all')}) or pass the ${inputRef('talos-secrets')} of its cluster.`
        }
      )
    )

  const toFlash = selected.filter((n) => actions.get(n.slot) === 'flash')
  let simulated: boolean
  let flash: Parameters<typeof runPipeline>[0]['flash']
  let closeClient: (() => void) | undefined
  if (toFlash.length > 0) {
    const opened = await flashProvider.open().catch(stop)
    simulated = opened.simulated
    closeClient = () => opened.client.close()
    flash = {
      client: opened.client,
      image: opened.image,
      skipCrc: settings.skipCrc,
      flashPath: settings.flashPath,
      uplinkBytesPerSec: settings.uplinkBytesPerSec
    }
  } else simulated = (await flashProvider.simulated?.()) ?? false
  let outcome: PipelineOutcome
  const pipelineStarted = performance.now()
  try {
    outcome = await runPipeline({
      ops,
      nodes: selected.map((node) => {
        const st = states.get(node.slot) as NodeState
        const link = links.get(node.slot)
        return {
          node,
          action: actions.get(node.slot) as TalosAction,
          configFile: configs.files.get(node.slot),
          link,
          oursBecause: link ? nodePathProof(st.kind) : undefined,
          noNodePath: link ? undefined : noNodePathReason(st.kind)
        }
      }),
      controlPlane: cp,
      controlPlaneReady:
        !cpSelected || ['none', 'upgrade'].includes(actions.get(cp.slot) as string),
      flash,
      bootTimeoutMs: settings.bootTimeoutMs,
      log,
      signal: host.signal
    })
  } finally {
    closeClient?.()
    await closeLinks()
  }
  const pipelineMs = performance.now() - pipelineStarted

  const results: TalosNodeResult[] = selected.map((node) => {
    const st = states.get(node.slot) as NodeState
    const r = outcome.results.get(node.slot)
    const action = actions.get(node.slot) as TalosAction
    return {
      slot: node.slot,
      hostname: node.hostname,
      role: node.role,
      found: st.kind,
      foundVersion: st.version,
      action,
      status: r ? (r.ok ? 'ready' : 'failed') : 'ready',
      flash: r?.flash,
      flashPath: r?.flashPath,
      writeMs: r?.writeMs,
      bootMs: r?.bootMs,
      configureMs: r?.configureMs,
      error: r?.error
    }
  })
  const run: TalosRun = {
    clusterName: inventory.name,
    simulated,
    nodes: results,
    secretsOrigin: secrets.origin,
    totalMs: 0,
    pipelineMs,
    dir,
    // Set before anything can fail: configured nodes are lost without these files.
    talosconfigPath: configs.talosconfig,
    secretsPath: secrets.path
  }
  const bootstrap = outcome.bootstrap
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
  if (run.bootstrapError) {
    run.totalMs = performance.now() - started
    return run
  }

  const tailStarted = performance.now()
  const upgrades = controlPlaneFirst(selected).filter((n) => actions.get(n.slot) === 'upgrade')
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
        `slot ${r.slot} (${r.hostname}): upgrading ${res.foundVersion ?? ''} to ${configs.installImage}.`
      )
      await upgradeNode(ops, r, configs.installImage, settings.bootTimeoutMs)
      res.upgradedTo = inventory.versions.talos
      log.info(`slot ${r.slot} (${r.hostname}): upgraded to Talos ${inventory.versions.talos}.`)
    } catch (error) {
      res.status = 'failed'
      res.error = error instanceof Rk1Error ? error.describe() : String(error)
      blocked = `slot ${r.slot} (${r.hostname})`
    }
  }

  const healthy = selected.filter((n) => results.find((r) => r.slot === n.slot)?.status === 'ready')
  const checked = healthy.some((n) => n.slot === cp.slot) ? healthy : [cp, ...healthy]
  try {
    await log.group('Cluster health', async () => {
      await health(ops, cp, checked, settings.bootTimeoutMs)
      const kubeconfigPath = join(dir, 'kubeconfig')
      await fetchKubeconfig(ops, cp, kubeconfigPath)
      await chmod(kubeconfigPath, 0o600)
      run.kubeconfigPath = kubeconfigPath
      const kubectl = await findKubectl(host.env.PATH)
      if (kubectl) {
        run.readyNodes = await waitNodesReady({
          kubectl,
          kubeconfig: kubeconfigPath,
          names: checked.map((n) => n.hostname),
          timeoutMs: settings.bootTimeoutMs,
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
      } else
        log.info(
          'kubectl is not on PATH: node readiness rests on `talosctl health` (all k8s nodes ready).'
        )
    })
  } catch (error) {
    run.healthError = error instanceof Rk1Error ? error.describe() : String(error)
    log.error(run.healthError)
  }
  run.tailMs = performance.now() - tailStarted
  run.upToDate =
    results.every((r) => r.action === 'none' && r.status === 'ready') &&
    run.bootstrap === 'already-bootstrapped' &&
    !run.healthError
  if (run.upToDate)
    log.info(
      `Cluster "${inventory.name}" is already up to date: nothing flashed, nothing bootstrapped.`
    )
  run.totalMs = performance.now() - started
  return run
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

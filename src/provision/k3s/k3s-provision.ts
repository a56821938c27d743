/**
 * `provision` for K3s on Armbian (issue 5): from whatever the nodes run to a Ready K3s cluster
 * with a kubeconfig. Order: SSH key, state of every node, refusal of anything that belongs to
 * another cluster, then the pipeline (personalise + flash only where needed; setup; server first,
 * agents in parallel), then Ready nodes with real kubectl and a freshly fetched kubeconfig.
 */
import { chmod, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { errorText, Rk1Error } from '../../common/errors'
import type { Host } from '../../common/host'
import {
  outputDirOf,
  privateDir,
  readSecretFile,
  SSH_KEY_FILE,
  writeSecretFile
} from '../../common/secret-files'
import { maskConfigSecrets } from '../../common/mask-config'
import type { BmcProvider } from '../bmc-session'
import { flashQueueFor } from '../flash-queue'
import type { ProvisionSettings } from '../settings'
import type { Inventory, InventoryNode } from '../../inventory'
import {
  generateToken,
  renderAgentConfig,
  renderMarker,
  renderServerConfig,
  rewriteKubeconfig,
  serverNode,
  serverUrl
} from '../../distro/k3s/config'
import type { NodeLink } from '../../distro/k3s/node-link'
import {
  installK3s,
  readConfigToken,
  readKubeconfig,
  readServerToken,
  runSetup,
  waitFirstBoot
} from '../../distro/k3s/operations'
import { rawBase } from '../../distro/k3s/personalise'
import { resolveNodeKey } from '../../distro/k3s/ssh-key'
import { findKubectl, waitNodesReady } from '../../kube/nodes-ready'
import { K3sProvisionStepError } from './k3s-errors'
import { HostKeyStore } from '../../distro/k3s/host-keys'
import { decideAction, detectAll, stateText, type Detected } from './k3s-detect'
import { runFlashPipeline, type FlashContext, type Reached } from './k3s-pipeline'
import { provisionRunFailed } from '../run-error'
import type { SharedUplink } from '../../node-flash'
import { k3sTalosAccess, k3sTalosNodePath, type K3sTalosAccess } from './k3s-talos'
import {
  k3sFailed,
  k3sResultJson,
  summariseK3s,
  type K3sAction,
  type K3sNodeResult,
  type K3sRun
} from './k3s-summary'
import { inputRef } from '../../common/input-style'

export class K3sRefusedError extends Rk1Error {}
export class K3sProvisionError extends Rk1Error {}

/** What a K3s run reads of the run's settings (src/provision/settings.ts), and its BMC. */
export type K3sProvisionSettings = Pick<
  ProvisionSettings,
  | 'inventory'
  | 'nodes'
  | 'inventoryPath'
  | 'reflash'
  | 'skipCrc'
  | 'bootTimeoutMs'
  | 'allowFormatData'
> &
  Partial<
    Pick<
      ProvisionSettings,
      | 'flashPath'
      | 'uplinkBytesPerSec'
      | 'sshPrivateKey'
      | 'airGap'
      | 'staticNetwork'
      | 'outputDir'
      | 'talosSecrets'
      | 'runnerAddress'
      | 'nodeWriteImage'
    >
  > & { bmc: BmcProvider }

const describe = (e: unknown): string => (e instanceof Rk1Error ? e.describe() : errorText(e))

/** A promise with its resolver outside: the server's token gates the agents. */
function gate<T>(): { promise: Promise<T | undefined>; open: (v: T | undefined) => void } {
  let open: (v: T | undefined) => void = () => undefined
  const promise = new Promise<T | undefined>((r) => (open = r))
  return { promise, open }
}

function refusalAdvice(verdicts: string[]): string {
  const talos = verdicts.some((v) => v.endsWith('-talos'))
  return (
    (talos
      ? `Talos nodes are only flashed with ${inputRef('reflash', 'true')} (switching a cluster from Talos to K3s wipes it). `
      : '') +
    `If these nodes are yours, pass the ${inputRef('ssh-private-key')} of the run that set them up (or its output-dir). To wipe and re-provision them, re-run with ${inputRef('reflash', 'true')}.`
  )
}

/** What every step of one K3s run shares. */
interface K3sRunContext {
  host: Host
  settings: K3sProvisionSettings
  inventory: Inventory
  log: Host['log']
  version: string
  dir: string
  key: NodeKey
  keys: HostKeyStore
  server: InventoryNode
  /** The selected nodes, the server first. */
  selected: InventoryNode[]
  detected: Map<number, Detected>
  actions: Map<number, K3sAction>
  /** Open SSH links by slot; every one is closed when the run ends. */
  links: Map<number, NodeLink>
  talos: K3sTalosAccess
  results: Map<number, K3sNodeResult>
}

type NodeKey = ReturnType<typeof resolveNodeKey>

/** The server's token: written into its config, and the full one agents join with. */
interface K3sTokens {
  server: string
  join: ReturnType<typeof gate<string>>
}

/**
 * provision for K3s: key → detect every node → decide → refuse what is not provably ours →
 * flash and configure (server first) → cluster check → outputs and summary.
 */
export async function runK3sProvision(host: Host, settings: K3sProvisionSettings): Promise<void> {
  const started = performance.now()
  const ctx = await detectAndDecide(host, settings, await clusterKey(host, settings))
  let run: K3sRun
  try {
    refuseUnsafe(ctx)
    const tokens = await serverTokens(ctx)
    const simulated = await flashAndConfigure(ctx, (reached) => configureNode(ctx, tokens, reached))
    run = {
      clusterName: ctx.inventory.name,
      simulated,
      version: ctx.version,
      nodes: ctx.selected.map((n) => ctx.results.get(n.slot) as K3sNodeResult),
      keyOrigin: ctx.key.origin,
      keyPath: ctx.key.path,
      totalMs: 0,
      dir: ctx.dir
    }
    await checkCluster(ctx, run)
  } finally {
    // A refusal, an unreachable BMC or the end of the run: no SSH link may stay open.
    await Promise.all([...ctx.links.values()].map((l) => l.close()))
  }
  await finishRun(ctx, run, started)
}

/** The run's SSH key: the input, else the one an earlier run kept, else a new one (kept now). */
async function clusterKey(
  host: Host,
  settings: K3sProvisionSettings
): Promise<{ key: NodeKey; dir: string }> {
  const dir = outputDirOf(host, settings.inventory.name, settings.outputDir, 'k3s')
  await privateDir(dir)
  const keyInput = settings.sshPrivateKey ?? host.env.RK1_SSH_PRIVATE_KEY
  const stored = keyInput?.trim() ? undefined : await readSecretFile(dir, SSH_KEY_FILE)
  const key = resolveNodeKey(host, keyInput, stored)
  // Written before any node is touched: a flashed node trusts only this key.
  if (key.origin === 'generated')
    key.path = await writeSecretFile(
      host,
      dir,
      SSH_KEY_FILE,
      key.privateKey,
      'New SSH key of this cluster (its nodes trust only it)'
    )
  else if (key.origin === 'file') host.log.info(`SSH key: ${key.path}, kept by an earlier run.`)
  return { key, dir }
}

/** Node order, then the state of every node and what to do with it. */
async function detectAndDecide(
  host: Host,
  settings: K3sProvisionSettings,
  { key, dir }: { key: NodeKey; dir: string }
): Promise<K3sRunContext> {
  const { inventory, log } = { inventory: settings.inventory, log: host.log }
  const version = inventory.versions.k3s
  const keys = await HostKeyStore.open(host.cacheDir, inventory.name)
  const server = serverNode(inventory)
  const selected = [...settings.nodes].sort((a, b) =>
    a.slot === server.slot ? -1 : b.slot === server.slot ? 1 : a.slot - b.slot
  )
  // The server is probed even when not selected: agents need its token.
  const probed = selected.some((n) => n.slot === server.slot) ? selected : [server, ...selected]
  const talos = await k3sTalosAccess(host, { inventory, dir, secretsInput: settings.talosSecrets })
  const detectCtx = { host, inventory, privateKey: key.privateKey, keys, talos }
  const detected = await log.group('Node states', async () => {
    const map = await detectAll(probed, detectCtx)
    for (const n of probed) {
      const st = (map.get(n.slot) as Detected).state
      log.info(`slot ${n.slot} (${n.hostname}): ${stateText[st.kind]}; ${st.detail}`)
    }
    return map
  })
  const links = new Map<number, NodeLink>()
  for (const [slot, d] of detected) if (d.link) links.set(slot, d.link)
  const rules = { version, reflash: settings.reflash, serverSlot: server.slot }
  const actions = new Map<number, K3sAction>(
    selected.map((n) => [n.slot, decideAction(detected.get(n.slot) as Detected, n, rules)])
  )
  const results = new Map(selected.map((n) => [n.slot, initialResult(n, detected, actions)]))
  return {
    ...{ host, settings, inventory, log, version, dir, key, keys, server, selected },
    ...{ detected, actions, links, results, talos }
  }
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

/** Kept from the server's config when it already runs this cluster, else new. */
async function serverTokens(ctx: K3sRunContext): Promise<K3sTokens> {
  const { server, actions, host } = ctx
  const serverState = (ctx.detected.get(server.slot) as Detected).state
  const serverLink = ctx.links.get(server.slot)
  let serverToken: string | undefined
  if (serverState.kind === 'ours' && serverLink && actions.get(server.slot) !== 'flash')
    serverToken = await readConfigToken(serverLink)
  serverToken ??= generateToken()
  host.mask(serverToken)
  const joinToken = gate<string>()
  if (!actions.has(server.slot) && serverLink) {
    const full = await readServerToken(serverLink, 30_000)
    host.mask(full)
    joinToken.open(full)
  }
  return { server: serverToken, join: joinToken }
}

/** One node that reached its OS (flashed or not): setup, K3s install; agents wait for the server. */
async function configureNode(
  ctx: K3sRunContext,
  tokens: K3sTokens,
  reached: Reached
): Promise<void> {
  const { settings, inventory, log, host } = ctx
  const node = ctx.selected.find((n) => n.slot === reached.slot) as InventoryNode
  const res = ctx.results.get(node.slot) as K3sNodeResult
  const isServer = node.slot === ctx.server.slot
  res.flash = reached.flash
  res.flashPath = reached.flashPath
  res.writeMs = reached.writeMs
  res.bootMs = reached.bootMs
  const link = reached.link
  try {
    if (reached.error || !link) throw new K3sProvisionError(reached.error ?? 'no SSH link')
    ctx.links.set(node.slot, link)
    const t0 = performance.now()
    await waitFirstBoot(link, settings.bootTimeoutMs)
    const setup = await runSetup(link, {
      allowFormatData: settings.allowFormatData,
      timeoutMs: 15 * 60_000
    })
    res.setupChanges = setup.changed
    res.facts = setup.facts
    const token = isServer ? tokens.server : await tokens.join.promise
    if (!isServer && !token)
      throw new K3sProvisionError('not joined: the K3s server did not come up (see its error).')
    const config = isServer
      ? renderServerConfig(inventory, node, token as string)
      : renderAgentConfig(inventory, node, token as string)
    res.install = await installK3s(link, {
      role: isServer ? 'server' : 'agent',
      version: ctx.version,
      config,
      marker: renderMarker(inventory, node),
      airGap: settings.airGap,
      timeoutMs: 10 * 60_000
    })
    if (isServer) {
      const full = await readServerToken(link, settings.bootTimeoutMs)
      host.mask(full)
      tokens.join.open(full)
    }
    res.configureMs = performance.now() - t0
    res.status = 'ready'
    log.info(
      `slot ${node.slot} (${node.hostname}): set up${setup.changed.length ? ` (${setup.changed.join(', ')})` : ' (no change)'}; K3s ${res.install}.`
    )
  } catch (error) {
    res.status = 'failed'
    res.error = describe(error)
    log.error(`slot ${node.slot} (${node.hostname}): ${res.error}`)
    if (isServer) tokens.join.open(undefined)
  }
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

/** A fresh kubeconfig from the server, then every ready node Ready in Kubernetes. */
async function checkCluster(ctx: K3sRunContext, run: K3sRun): Promise<void> {
  const { log } = ctx
  try {
    await log.group('Cluster', async () => {
      const link = ctx.links.get(ctx.server.slot)
      if (!link) throw new K3sProvisionError('The K3s server is not reachable: no kubeconfig.')
      // Fetched every run, so a rebuilt cluster never leaves a stale kubeconfig behind.
      const kubeconfig = rewriteKubeconfig(await readKubeconfig(link), serverUrl(ctx.inventory))
      const path = join(ctx.dir, 'kubeconfig')
      await writeFile(path, kubeconfig, { mode: 0o600 })
      await chmod(path, 0o600)
      run.kubeconfigPath = path
      await checkReady(ctx, run, path)
    })
  } catch (error) {
    run.clusterError = describe(error)
    log.error(run.clusterError)
  }
}

/** Ready Kubernetes nodes with real kubectl, when it is on PATH. */
async function checkReady(ctx: K3sRunContext, run: K3sRun, kubeconfig: string): Promise<void> {
  const { host, log } = ctx
  const kubectl = await findKubectl(host.env.PATH)
  const names = run.nodes.filter((n) => n.status === 'ready').map((n) => n.hostname)
  if (!kubectl) {
    log.warn('kubectl is not on PATH: node readiness was not checked.')
    return
  }
  run.readyNodes = await waitNodesReady({
    kubectl,
    kubeconfig,
    names,
    timeoutMs: ctx.settings.bootTimeoutMs,
    env: host.env,
    signal: host.signal,
    fail: (evidence) =>
      new K3sProvisionStepError('Not every node became a Ready Kubernetes node.', {
        step: 'nodes-ready',
        evidence,
        advice: 'Check `kubectl get nodes` and `journalctl -u k3s-agent` on the missing nodes.'
      })
  })
  log.info(`Kubernetes nodes Ready: ${run.readyNodes.join(', ')}.`)
}

/** Up to date or not, outputs and summary, then the one run failure when anything failed. */
async function finishRun(ctx: K3sRunContext, run: K3sRun, started: number): Promise<void> {
  const { host, log, inventory } = ctx
  run.upToDate =
    run.nodes.every(
      (n) => n.action === 'none' && n.status === 'ready' && n.install === 'unchanged'
    ) && !run.clusterError
  if (run.upToDate)
    log.info(
      `Cluster "${inventory.name}" is already up to date: nothing flashed, nothing reinstalled.`
    )
  run.totalMs = performance.now() - started
  await setK3sOutputs(host, run, ctx.key)
  summariseK3s(host.summary, run)
  await host.summary.write()
  if (k3sFailed(run))
    throw provisionRunFailed({
      what: 'K3s provisioning',
      failed: run.nodes.filter((n) => n.status === 'failed'),
      cluster: [run.clusterError && 'the cluster is not healthy'],
      clusterEvidence: run.clusterError
    })
}

async function setK3sOutputs(
  host: Host,
  run: K3sRun,
  key: { privateKey: string; origin: 'input' | 'file' | 'generated' }
): Promise<void> {
  if (run.kubeconfigPath) {
    const text = await readFile(run.kubeconfigPath, 'utf8')
    maskConfigSecrets((s) => host.mask(s), text)
    host.setOutput('kubeconfig', text)
    host.setOutput('kubeconfig-path', run.kubeconfigPath)
  }
  if (key.origin === 'generated') host.setOutput('ssh-private-key', key.privateKey)
  host.setOutput('result', k3sResultJson(run))
  host.setOutput(
    'flashed-nodes',
    // Written on either path: by the BMC, or by the node itself (flash-path).
    run.nodes
      .filter((n) => n.flash || n.flashPath?.path === 'node')
      .map((n) => n.slot)
      .join(',')
  )
}

/** The Talos driver's detection (both probes, src/distro/detect), its decisions and its refusals. */
import type { Host } from '../../common/host'
import type { Inventory, InventoryNode } from '../../inventory'
import { closeObservations, detectNodes, type NodeVerdict } from '../../distro/detect'
import type { NodeLink } from '../../distro/k3s/node-link'
import { serverUrl } from '../../distro/k3s/config'
import { HostKeyStore } from '../../distro/k3s/host-keys'
import type { Talosctl } from '../../distro/talos/talosctl'
import {
  decideAction,
  stateText,
  talosStateOf,
  type NodeState,
  type TalosAction
} from './talos-plan'
import type { Detection, DetectedNode } from '../driver'
import { TalosRefusedError, type Decided, type TalosRunContext } from './talos-context'
import { inputRef } from '../../common/input-style'

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
): Promise<Detection<NodeState>> {
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
  const found: Detection<NodeState> = new Map()
  for (const [slot, o] of seen) {
    const keep = ctx.keepLinks && o.link && NODE_PATH_VERDICTS.has(o.verdict)
    found.set(slot, { verdict: o.verdict, state: talosStateOf(o), link: keep ? o.link : undefined })
    if (keep) seen.set(slot, { ...o, link: undefined })
  }
  await closeObservations(seen)
  return found
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

/** The state of every selected node (and the control plane), one line each. */
export async function detectTalos(ctx: TalosRunContext): Promise<Detection<NodeState>> {
  const { host, log, inventory, selected, cp, settings } = ctx
  const probed = selected.some((n) => n.slot === cp.slot) ? selected : [cp, ...selected]
  const found = await detectAll(probed, host, {
    inventory,
    talosctl: ctx.talosctl,
    talosconfig: ctx.configs.talosconfig,
    haveSecrets: ctx.haveSecrets,
    sshPrivateKey: ctx.sshPrivateKey,
    keepLinks: (settings.flashPath ?? 'bmc') !== 'bmc'
  })
  for (const n of probed) {
    const st = (found.get(n.slot) as DetectedNode<NodeState>).state
    log.info(
      `slot ${n.slot} (${n.hostname}): ${stateText[st.kind]}${st.version ? ` ${st.version}` : ''}${st.stage ? `, stage ${st.stage}` : ''}`
    )
  }
  return found
}

/** The Talos column of the rule table for every selected node. */
export function decideTalos(
  ctx: TalosRunContext,
  found: Detection<NodeState>
): Map<number, TalosAction> {
  const rules = { version: ctx.inventory.versions.talos, reflash: ctx.settings.reflash }
  return new Map(
    ctx.selected.map((n) => [
      n.slot,
      decideAction((found.get(n.slot) as DetectedNode<NodeState>).state, rules)
    ])
  )
}

/** The driver's detection as the steps after it read it: states, actions, kept links. */
export function decided(found: Detection<NodeState>, actions: Map<number, TalosAction>): Decided {
  const states = new Map([...found].map(([slot, d]) => [slot, d.state]))
  const links = new Map<number, NodeLink>()
  for (const [slot, d] of found) if (d.link) links.set(slot, d.link)
  return { states, actions, links }
}

/** Anything not provably ours, or an unselected control plane of another cluster: touch nothing. */
export function refuseUnsafe(ctx: TalosRunContext, { states, actions }: Decided): void {
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

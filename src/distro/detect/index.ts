/**
 * Node detection and ownership, for every command that may destroy what a node runs (provision,
 * wipe, node-path flashing): what does this node run, and is it provably this cluster's?
 *
 * Every node is probed for BOTH distributions, whatever the run is about, because a Talos node
 * answers no SSH and a K3s node answers no Talos API: a run that only looked for its own distro
 * took another cluster's nodes for empty ones and flashed them.
 *
 *   1. TCP connect to the Talos API port and to the SSH port, in parallel (no BMC involved).
 *   2. Neither answers → `empty` (off, empty eMMC, not booted).
 *   3. The Talos API answers → talosctl: `maintenance` (unconfigured: no cluster to lose),
 *      `ours-talos` (our client certificate is accepted; needs our Talos secrets), else
 *      `foreign-talos` (another cluster's, or ours when this run has no secrets to prove it).
 *   4. Only SSH answers → log in as root with our key: `ours-k3s` (K3s with the rk1 marker naming
 *      this cluster and server), `foreign-k3s` (K3s of another cluster, or without the marker),
 *      `armbian` (Armbian without K3s), `other-os`; `ssh-locked` when SSH refuses our key, the
 *      host key changed, or the run has no key (so whose node it is cannot be told);
 *      `unreachable` when the port answered but no SSH session could be opened.
 *
 * "Provably ours" is the only test of ownership: the inventory's name and `confirm` are not,
 * because both come from whatever inventory is being run. Deciding what to do with a verdict is
 * the caller's (provision: src/provision/decide.ts).
 *
 * Usage: `const seen = await detectNodes(nodes, ctx)`; `seen.get(slot).verdict`. An observation
 * with `link` holds an open SSH connection (ours-k3s, armbian, other-os): reuse it or close it
 * (`closeObservations(seen)`).
 */
import { errorText } from '../../common/errors'
import type { Logger } from '../../common/host'
import { probeTcp } from '../../common/tcp-probe'
import type { InventoryNode } from '../../inventory'
import { SshAuthError, SshHostKeyError } from '../../node-access/ssh'
import type { HostKeyStore } from '../k3s/host-keys'
import { NodeLink } from '../k3s/node-link'
import { detectK3sState, type K3sNodeState } from '../k3s/node-state'
import { observeTalos, type NodeState as TalosState } from '../talos/node-state'
import type { Talosctl } from '../talos/talosctl'

export type NodeVerdict =
  | 'empty'
  | 'unreachable'
  | 'maintenance'
  | 'ours-talos'
  | 'foreign-talos'
  | 'ours-k3s'
  | 'foreign-k3s'
  | 'armbian'
  | 'other-os'
  | 'ssh-locked'

export const verdictText: Record<NodeVerdict, string> = {
  empty: 'off or not booted (neither Talos API nor SSH answers)',
  unreachable: 'SSH port answers but no SSH session opens',
  maintenance: 'Talos maintenance mode',
  'ours-talos': 'Talos, this cluster',
  'foreign-talos': 'Talos of another cluster (not provably this one)',
  'ours-k3s': 'K3s of this cluster',
  'foreign-k3s': 'K3s of another cluster',
  armbian: 'Armbian without K3s',
  'other-os': 'another OS (our SSH key works, not Armbian)',
  'ssh-locked': 'SSH answers but refuses our key (owner unknown)'
}

/** Verdicts under which the node runs a cluster (of either distro) that flashing would destroy. */
export function runsCluster(verdict: NodeVerdict): boolean {
  return ['ours-talos', 'foreign-talos', 'ours-k3s', 'foreign-k3s', 'ssh-locked'].includes(verdict)
}

export interface NodeObservation {
  slot: number
  verdict: NodeVerdict
  /** What was seen, for logs and refusals. */
  detail: string
  /** Talos facts (maintenance, ours-talos): version, stage, readiness. */
  talos?: TalosState
  /** K3s/Armbian facts when our key opened a session. */
  k3s?: K3sNodeState
  /** Open SSH connection with our key (ours-k3s, foreign-k3s, armbian, other-os). */
  link?: NodeLink
}

export interface DetectContext {
  /** Talos side: talosctl (found lazily: only nodes whose Talos API answers need it). */
  talos?: {
    talosctl: () => Promise<Talosctl>
    /** A talosconfig with our PKI when `haveSecrets`, else any valid talosconfig file. */
    talosconfig: string
    haveSecrets: boolean
  }
  /** SSH side: our key and the host-key pins of this cluster; absent when the run has no key. */
  ssh?: { privateKey: string; keys: HostKeyStore }
  /** What marks a K3s node as this cluster's (rk1 marker). */
  cluster: { name: string; k3sServer: string }
  log: Logger
  signal?: AbortSignal
  /** Per TCP connect; default 3 s. */
  probeTimeoutMs?: number
}

const talosVerdict: Partial<Record<TalosState['kind'], NodeVerdict>> = {
  maintenance: 'maintenance',
  ours: 'ours-talos',
  'other-secrets': 'foreign-talos'
}

const k3sVerdict: Record<K3sNodeState['kind'], NodeVerdict> = {
  ours: 'ours-k3s',
  'other-cluster': 'foreign-k3s',
  armbian: 'armbian',
  'other-os': 'other-os',
  locked: 'ssh-locked',
  unreachable: 'unreachable'
}

async function viaTalos(node: InventoryNode, ctx: DetectContext): Promise<NodeObservation> {
  const slot = node.slot
  if (!ctx.talos)
    return { slot, verdict: 'foreign-talos', detail: 'the Talos API answers; no talosctl to ask' }
  try {
    const talosctl = await ctx.talos.talosctl()
    const state = await observeTalos(node, { ...ctx.talos, talosctl })
    const verdict = talosVerdict[state.kind] ?? 'foreign-talos'
    return { slot, verdict, detail: state.detail, talos: state }
  } catch (error) {
    return {
      slot,
      verdict: 'foreign-talos',
      detail: `the Talos API answers but could not be inspected: ${errorText(error)}`
    }
  }
}

async function viaSsh(node: InventoryNode, ctx: DetectContext): Promise<NodeObservation> {
  const slot = node.slot
  if (!ctx.ssh)
    return {
      slot,
      verdict: 'ssh-locked',
      detail: `SSH port ${node.ports.ssh} answers; this run has no SSH key to tell whose node it is`
    }
  const link = new NodeLink({
    node,
    privateKey: ctx.ssh.privateKey,
    hostKey: ctx.ssh.keys.policy(node.slot),
    log: ctx.log,
    signal: ctx.signal,
    connectTimeoutMs: 4000
  })
  try {
    const session = await link.connect()
    await ctx.ssh.keys.save(node.slot, session.hostKeyFingerprint)
    const k3s = await detectK3sState(session, {
      cluster: ctx.cluster.name,
      server: ctx.cluster.k3sServer,
      node
    })
    return { slot, verdict: k3sVerdict[k3s.kind], detail: k3s.detail, k3s, link }
  } catch (error) {
    await link.close()
    if (error instanceof SshAuthError)
      return { slot, verdict: 'ssh-locked', detail: 'SSH answers but refuses our key' }
    if (error instanceof SshHostKeyError)
      return {
        slot,
        verdict: 'ssh-locked',
        detail: 'SSH host key differs from the one pinned by an earlier run'
      }
    return { slot, verdict: 'unreachable', detail: errorText(error).split('\n')[0] ?? '' }
  }
}

/** What one node runs and whose it is; never throws for what the node does. */
export async function detectNode(
  node: InventoryNode,
  ctx: DetectContext
): Promise<NodeObservation> {
  const connectTimeoutMs = ctx.probeTimeoutMs ?? 3000
  const [api, ssh] = await Promise.all([
    probeTcp({ host: node.ip, port: node.ports.talosApi, connectTimeoutMs }, ctx.signal),
    probeTcp({ host: node.ip, port: node.ports.ssh, connectTimeoutMs }, ctx.signal)
  ])
  if (api.ok) return viaTalos(node, ctx)
  if (ssh.ok) return viaSsh(node, ctx)
  return {
    slot: node.slot,
    verdict: 'empty',
    detail: `nothing answers on ${node.ip} (Talos API ${api.error ?? 'closed'}, SSH ${ssh.error ?? 'closed'})`
  }
}

/** Every node at once, keyed by slot. */
export async function detectNodes(
  nodes: InventoryNode[],
  ctx: DetectContext
): Promise<Map<number, NodeObservation>> {
  const found = await Promise.all(nodes.map((n) => detectNode(n, ctx)))
  return new Map(found.map((o) => [o.slot, o]))
}

/** One log line per node: slot, host, verdict, what was seen. */
export function describeObservation(node: InventoryNode, seen: NodeObservation): string {
  const version = seen.talos?.version ?? seen.k3s?.k3sVersion
  const stage = seen.talos?.stage ? `, stage ${seen.talos.stage}` : ''
  return `slot ${node.slot} (${node.hostname}): ${verdictText[seen.verdict]}${version ? ` ${version}` : ''}${stage}; ${seen.detail}`
}

/** Closes the SSH connections detection left open. */
export async function closeObservations(seen: Map<number, NodeObservation>): Promise<void> {
  await Promise.all([...seen.values()].map((o) => o.link?.close()))
}

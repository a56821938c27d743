/**
 * What a node runs right now (`../shared/specs/tools.md` §1.3), found without the BMC:
 *   - nothing answers on the Talos API port nor on SSH → `off` (or not booted);
 *   - SSH answers but not the Talos API → `other-os` (Armbian, anything else);
 *   - `talosctl version --insecure` answers → `maintenance`;
 *   - `talosctl version` with our talosconfig answers → `ours` (with version, stage, readiness);
 *   - the API answers TLS but neither works → `other-secrets` (a node of another cluster, or ours
 *     when the secrets were not given).
 */
import { probeTcp } from '../../common/tcp-probe'
import type { InventoryNode } from '../../inventory'
import { firstError, parseJsonStream, serverTag, type Talosctl } from './talosctl'

export type NodeStateKind = 'off' | 'other-os' | 'maintenance' | 'ours' | 'other-secrets'

export interface NodeState {
  kind: NodeStateKind
  /** Talos version the node runs (maintenance and ours). */
  version?: string
  /** Machine stage (`running`, `booting`, ...), for our nodes. */
  stage?: string
  ready?: boolean
  /** What was seen, for messages. */
  detail: string
}

export const stateText: Record<NodeStateKind, string> = {
  off: 'off or not booted',
  'other-os': 'another OS (SSH answers, no Talos API)',
  maintenance: 'Talos maintenance mode',
  ours: 'Talos, this cluster',
  'other-secrets': "Talos configured with another cluster's secrets"
}

export interface DetectOptions {
  talosctl: Talosctl
  /** Our talosconfig, when secrets are known. */
  talosconfig: string
  haveSecrets: boolean
  probeTimeoutMs?: number
}

/** Machine stage and readiness over the secure API (`get machinestatus -o json`). */
export async function machineStatus(
  talosctl: Talosctl,
  talosconfig: string,
  ip: string
): Promise<{ stage?: string; ready?: boolean }> {
  const r = await talosctl.secure({ talosconfig, endpoint: ip, node: ip }, [
    'get',
    'machinestatus',
    '-o',
    'json'
  ])
  if (r.code !== 0) return {}
  const spec = parseJsonStream(r.stdout)[0]?.spec as
    { stage?: string; status?: { ready?: boolean } } | undefined
  return { stage: spec?.stage, ready: spec?.status?.ready }
}

/** What a node whose Talos API port answers runs: maintenance mode, our cluster, or another one. */
export async function observeTalos(
  node: InventoryNode,
  options: DetectOptions
): Promise<NodeState> {
  const { talosctl, talosconfig } = options
  const insecure = await talosctl.insecure(talosconfig, node.ip, ['version'], 30_000)
  if (insecure.code === 0)
    return {
      kind: 'maintenance',
      version: serverTag(insecure.stdout),
      detail: 'the maintenance API answers without a client certificate'
    }
  if (options.haveSecrets) {
    const secure = await talosctl.secure(
      { talosconfig, endpoint: node.ip, node: node.ip },
      ['version'],
      30_000
    )
    if (secure.code === 0) {
      const status = await machineStatus(talosctl, talosconfig, node.ip)
      return {
        kind: 'ours',
        version: serverTag(secure.stdout),
        ...status,
        detail: 'the API accepts our client certificate'
      }
    }
    return { kind: 'other-secrets', detail: firstError(secure) }
  }
  return {
    kind: 'other-secrets',
    detail: `configured Talos (the maintenance API is gone: ${firstError(insecure)}); no Talos secrets were given to prove it is ours`
  }
}

export async function detectNodeState(
  node: InventoryNode,
  options: DetectOptions
): Promise<NodeState> {
  const timeout = options.probeTimeoutMs ?? 3000
  const api = await probeTcp({
    host: node.ip,
    port: node.ports.talosApi,
    connectTimeoutMs: timeout
  })
  if (!api.ok) {
    const ssh = await probeTcp({ host: node.ip, port: node.ports.ssh, connectTimeoutMs: timeout })
    if (ssh.ok)
      return {
        kind: 'other-os',
        detail: `SSH port ${node.ports.ssh} answers, Talos API port ${node.ports.talosApi}: ${api.error ?? 'closed'}`
      }
    return {
      kind: 'off',
      detail: `nothing answers on ${node.ip} (Talos API ${api.error ?? 'closed'}, SSH ${ssh.error ?? 'closed'})`
    }
  }
  return observeTalos(node, options)
}

/**
 * K3s configuration as files (`/etc/rancher/k3s/config.yaml`, mode 0600): the token lives only
 * there and in memory, never on a command line, in the installer's environment or in a log.
 * Flags follow `../shared/specs/tools.md` §3.3 and fix the defects in `lifecycle.md` §3.6.
 */
import { randomBytes } from 'node:crypto'
import { stringify } from 'yaml'
import type { Inventory, InventoryNode } from '../../inventory'

export const K3S_CONFIG_PATH = '/etc/rancher/k3s/config.yaml'
export const RK1_MARKER_PATH = '/etc/rk1/k3s-cluster.json'
/** Written explicitly, so docs, workloads and the cluster agree (RK1C relied on defaults). */
export const CLUSTER_CIDR = '10.42.0.0/16'
export const SERVICE_CIDR = '10.43.0.0/16'
export const CLUSTER_DNS = '10.43.0.10'

export function generateToken(): string {
  return randomBytes(32).toString('hex')
}

/** The server the agents join: the first control-plane node of the inventory. */
export function serverNode(inventory: Inventory): InventoryNode {
  const cp = inventory.nodes.find((n) => n.role === 'control-plane') ?? inventory.nodes[0]
  if (!cp) throw new Error('the inventory has no nodes')
  return cp
}

export function serverUrl(inventory: Inventory): string {
  const s = serverNode(inventory)
  return `https://${s.ip}:${s.ports.kubernetes}`
}

const header =
  '# Written by rk1-actions (provision, distro k3s). Mode 0600: holds the join token.\n'

export function renderServerConfig(
  inventory: Inventory,
  node: InventoryNode,
  token: string
): string {
  return (
    header +
    stringify({
      token,
      'cluster-init': true,
      'node-name': node.hostname,
      'node-ip': node.ip,
      'tls-san': [...new Set([node.ip, node.hostname, inventory.name])],
      'write-kubeconfig-mode': '0600',
      disable: ['traefik', 'servicelb', 'local-storage'],
      'cluster-cidr': CLUSTER_CIDR,
      'service-cidr': SERVICE_CIDR,
      'cluster-dns': CLUSTER_DNS,
      'flannel-backend': 'vxlan',
      'kubelet-arg': ['max-pods=110']
    })
  )
}

export function renderAgentConfig(
  inventory: Inventory,
  node: InventoryNode,
  token: string
): string {
  return (
    header +
    stringify({
      server: serverUrl(inventory),
      token,
      'node-name': node.hostname,
      'node-ip': node.ip,
      'kubelet-arg': ['max-pods=110']
    })
  )
}

export interface ClusterMarker {
  cluster: string
  role: 'server' | 'agent'
  server: string
}

export function renderMarker(inventory: Inventory, node: InventoryNode): string {
  const marker: ClusterMarker = {
    cluster: inventory.name,
    role: node.role === 'control-plane' ? 'server' : 'agent',
    server: serverUrl(inventory)
  }
  return `${JSON.stringify(marker)}\n`
}

/** The node's kubeconfig points at 127.0.0.1; users get the server's inventory address. */
export function rewriteKubeconfig(text: string, server: string): string {
  return text.replace(/^(\s*server:\s*)https:\/\/[^\s]+$/gm, `$1${server}`)
}

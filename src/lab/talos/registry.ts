/**
 * The lab Talos nodes of this process, by address. Stands in for what real nodes learn over the
 * network: trustd (workers get certificates from the control plane), discovery (`get members`) and
 * the control plane's view of the other nodes for `health`.
 */
import type { ConfigFacts } from './machine-config'

export interface RegisteredNode {
  readonly ip: string
  readonly state: string
  readonly stage: string
  readonly ready: boolean
  readonly hostname: string
  readonly facts: ConfigFacts | undefined
  readonly registeredWith: unknown
  readonly apiServerUp: boolean
  readonly persisted: { bootstrapped: boolean } | undefined
}

const nodes = new Map<string, RegisteredNode>()

export function registerLabTalosNode(node: RegisteredNode): void {
  nodes.set(node.ip, node)
}

export function unregisterLabTalosNode(node: RegisteredNode): void {
  if (nodes.get(node.ip) === node) nodes.delete(node.ip)
}

export function labTalosNode(ip: string): RegisteredNode | undefined {
  return nodes.get(ip)
}

/** Running configured nodes of one cluster (what discovery reports). */
export function clusterMembers(clusterId: string): RegisteredNode[] {
  return [...nodes.values()].filter(
    (n) => n.state === 'configured' && n.facts?.clusterId === clusterId
  )
}

/**
 * Server-side `talosctl health` of the lab control plane: the conditions of
 * `pkg/cluster/check/default.go`, evaluated against the lab nodes of the same cluster.
 */
import type { LabKubeHub } from '../hub'
import { clusterMembers, labTalosNode, type RegisteredNode } from './registry'

export const HEALTH_CONDITIONS: [string, Kind][] = [
  ['etcd to be healthy', 'etcd'],
  ['etcd members to be consistent across nodes', 'etcd'],
  ['etcd members to be control plane nodes', 'etcd'],
  ['apid to be ready', 'apid'],
  ['all nodes memory sizes', 'apid'],
  ['all nodes disk sizes', 'apid'],
  ['no diagnostics', 'apid'],
  ['kubelet to be healthy', 'booted'],
  ['all nodes to finish boot sequence', 'booted'],
  ['all k8s nodes to report', 'k8s'],
  ['all control plane static pods to be running', 'api'],
  ['all control plane components to be ready', 'api'],
  ['all k8s nodes to report ready', 'k8s'],
  ['kube-proxy to report ready', 'api'],
  ['coredns to report ready', 'api'],
  ['all k8s nodes to report schedulable', 'k8s']
]

type Kind = 'etcd' | 'apid' | 'booted' | 'k8s' | 'api'

interface HealthNode extends RegisteredNode {
  readonly hub: LabKubeHub
  readonly endpointIp: string | undefined
}

function multi(errors: string[]): string {
  if (errors.length === 0) return ''
  const n = errors.length
  return `${n} error${n > 1 ? 's' : ''} occurred:\n${errors.map((e) => `\t* ${e}`).join('\n')}`
}

/** One entry per condition: '' when it holds, else the error the real check reports. */
export function healthConditions(
  m: HealthNode,
  body: Record<string, unknown>
): { name: string; error: string }[] {
  const clusterId = m.facts?.clusterId ?? ''
  const members = clusterMembers(clusterId)
  const list = (v: unknown, type: string): string[] =>
    Array.isArray(v) && v.length
      ? v.map(String)
      : members.filter((n) => n.facts?.type === type).map((n) => n.ip)
  const cps = list(body.controlPlaneNodes, 'controlplane')
  const workers = list(body.workerNodes, 'worker')
  const all = [...cps, ...workers]
  const cp = labTalosNode(m.endpointIp ?? m.ip) ?? m
  const api = m.endpointIp ? m.hub.apiServer(m.endpointIp) : undefined

  const reach = (ip: string): string | undefined => {
    const n = labTalosNode(ip)
    if (!n || n.state !== 'configured')
      return `${ip}: rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial tcp ${ip}:50000: connect: connection refused"`
    if (n.facts?.clusterId !== clusterId)
      return `${ip}: rpc error: code = Unavailable desc = connection error: desc = "transport: authentication handshake failed: tls: failed to verify certificate: x509: certificate signed by unknown authority"`
    return undefined
  }
  const check = (kind: Kind): string => {
    switch (kind) {
      case 'etcd':
        return cp.persisted?.bootstrapped
          ? ''
          : multi([
              `${cp.ip}: service "etcd" not in expected state "Running": current state [Preparing] Running pre state`
            ])
      case 'apid':
        return multi(all.map(reach).filter((e): e is string => !!e))
      case 'booted':
        return multi(
          all
            .map(
              (ip) =>
                reach(ip) ??
                (labTalosNode(ip)?.stage === 'running'
                  ? undefined
                  : `${ip}: boot sequence not finished`)
            )
            .filter((e): e is string => !!e)
        )
      case 'api':
        return api && cp.apiServerUp
          ? ''
          : 'Get "https://' +
              (m.endpointIp ?? m.ip) +
              ':6443/api/v1/namespaces/kube-system/pods": connection refused'
      case 'k8s': {
        if (!api) return 'kubernetes API is not available yet'
        const joined = all.filter((ip) => labTalosNode(ip)?.registeredWith === api).length
        return joined === all.length ? '' : `expected number of nodes ${all.length}, got ${joined}`
      }
    }
  }
  return HEALTH_CONDITIONS.map(([name, kind]) => ({ name, error: check(kind) }))
}

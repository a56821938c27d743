// Workload settings with their defaults. The inventory has no `workloads` section yet, so the
// caller may override each field (action inputs, tests).
import type { DistroName, Inventory } from '../inventory/types'
import type { WorkloadSettings } from './types'

/**
 * Longhorn replicas: Talos taints the control plane, so only workers store data there; K3s
 * schedules on every node. Three when three or more nodes can hold data (tools.md §5.4).
 */
export function defaultReplicas(inventory: Inventory, distro: DistroName): number {
  const storage = inventory.nodes.filter(
    (n) => n.disks.data !== null && (distro === 'k3s' || n.role === 'worker')
  ).length
  return Math.max(1, Math.min(3, storage))
}

export function workloadSettings(
  inventory: Inventory,
  overrides: Partial<WorkloadSettings> = {}
): WorkloadSettings {
  const distro = overrides.distro ?? inventory.distro
  return {
    distro,
    ingressController: 'traefik',
    replicas: defaultReplicas(inventory, distro),
    domain: 'local',
    metricsServer: false,
    timeoutS: 900,
    ...overrides
  }
}

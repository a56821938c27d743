// MetalLB in L2 mode, then its IPAddressPool and L2Advertisement from the inventory's pool.
// The custom resources are applied by the deployer only once a server-side dry run passes the
// validating webhook (tools.md §5.2: applying earlier fails with "failed calling webhook").
import { existsCheck } from '../checks'
import type { Component } from '../types'
import { PRIVILEGED } from './common'

export const POOL_NAME = 'default-pool'

export const metallb: Component = {
  name: 'metallb',
  chartVersion: (inv) => inv.versions.charts.metallb,
  release: 'metallb',
  namespace: 'metallb-system',
  chart: { name: 'metallb', repo: 'https://metallb.github.io/metallb' },
  namespaceLabels: PRIVILEGED,
  dependsOn: [],
  values: () => ({}),
  workloads: () => [
    { kind: 'deployment', name: 'metallb-controller' },
    { kind: 'daemonset', name: 'metallb-speaker' }
  ],
  manifests: ({ inventory }) => [
    {
      apiVersion: 'metallb.io/v1beta1',
      kind: 'IPAddressPool',
      metadata: { name: POOL_NAME, namespace: 'metallb-system' },
      spec: { addresses: [inventory.network.metallbPool] }
    },
    {
      apiVersion: 'metallb.io/v1beta1',
      kind: 'L2Advertisement',
      metadata: { name: 'default', namespace: 'metallb-system' },
      spec: { ipAddressPools: [POOL_NAME] }
    }
  ],
  checks: [
    existsCheck('ipaddresspool.metallb.io', POOL_NAME),
    existsCheck('l2advertisement.metallb.io', 'default')
  ]
}

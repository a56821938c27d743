// A lab-style inventory (loopback addresses only) for the workloads tests.
import { parseInventory } from '../../src/inventory/index'
import type { Inventory } from '../../src/inventory/types'

export const LAB_INVENTORY = `
name: lab
distro: talos
bmc: { host: 127.0.0.1 }
nodes:
  - { slot: 1, hostname: lab-cp1, ip: 127.0.1.1, role: control-plane }
  - { slot: 2, hostname: lab-w1, ip: 127.0.1.2, role: worker }
  - { slot: 3, hostname: lab-w2, ip: 127.0.1.3, role: worker }
  - { slot: 4, hostname: lab-w3, ip: 127.0.1.4, role: worker }
network:
  cidr: 127.0.0.0/8
  gateway: 127.0.0.1
  dns: [127.0.0.1]
  metallbPool: 127.0.2.80-127.0.2.89
  ingressIp: 127.0.2.81
`

/** `net` picks the 127.0.<net>.0/24 MetalLB pool, so parallel test files never share the ingress IP. */
export function labInventoryText(extra = '', net = 2): string {
  return (LAB_INVENTORY + extra).replace(/127\.0\.2\./g, `127.0.${net}.`)
}

export function labInventory(extra = '', net = 2): Inventory {
  return parseInventory(labInventoryText(extra, net), 'cluster.yaml').inventory
}

import type { BmcEmulator } from './bmc/types'
import type { LabPorts } from './cluster'

export interface LabImageRef {
  path: string
  sha256: string
}

/** The inventory `rk1 lab up` writes: a valid cluster.yaml that points every command at the lab. */
export function labInventory(lab: {
  name: string
  bmc: BmcEmulator
  /** The lab's /24 prefix, e.g. `127.0.1`: nodes at .1-.4, MetalLB pool .80-.89. */
  block: { prefix: string }
  nodeIps: readonly string[]
  ports: LabPorts
  images: { talos: LabImageRef; armbian: LabImageRef }
}): string {
  const nodes = lab.nodeIps
    .map(
      (ip, i) => `  - slot: ${i + 1}
    hostname: ${i === 0 ? 'lab-cp1' : `lab-w${i}`}
    ip: ${ip}
    role: ${i === 0 ? 'control-plane' : 'worker'}
    ports: { ssh: ${lab.ports.ssh}, talosApi: ${lab.ports.talosApi}, kubernetes: ${lab.ports.kubernetes} }`
    )
    .join('\n')
  return `# The rk1 virtual lab (SIMULATED): an emulated Turing Pi 2 on loopback, written by \`rk1 lab up\`.
name: ${lab.name}
distro: talos
bmc:
  host: 127.0.0.1
  port: ${lab.bmc.port}
  tls:
    mode: fingerprint
    fingerprint: ${lab.bmc.fingerprintSha256}
nodes:
${nodes}
network:
  cidr: 127.0.0.0/8
  gateway: 127.0.0.1
  dns: [127.0.0.1]
  metallbPool: ${lab.block.prefix}.80-${lab.block.prefix}.89
  ingressIp: ${lab.block.prefix}.80
distros:
  talos:
    image: { source: ${lab.images.talos.path}, sha256: ${lab.images.talos.sha256} }
  k3s:
    image: { source: ${lab.images.armbian.path}, sha256: ${lab.images.armbian.sha256} }
`
}

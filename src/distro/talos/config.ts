/**
 * Machine configs from the inventory (`../shared/specs/tools.md` §1.2.2-1.2.3, §1.6;
 * lifecycle.md §2.4 with its defects fixed): `gen config` with the pinned Kubernetes version, the
 * inventory's install disk and the Image Factory installer (upgrades keep the RK1 overlay and the
 * extensions), then one patched file per node. Every file that holds keys is 0600.
 */
import { chmod, mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { stringify } from 'yaml'
import { Rk1Error } from '../../common/errors'
import type { Inventory, InventoryNode } from '../../inventory'
import { installerImage, resolveRk1Schematic, type Rk1SchematicSettings } from './schematic'
import { firstError, type Talosctl } from './talosctl'

export class TalosConfigError extends Rk1Error {}

/** Where Longhorn keeps its data on Talos: the `longhorn` user volume's mount point. */
export const LONGHORN_PATH = '/var/mnt/longhorn'

export { installerImage }

/** The schematic of the RK1 images (default: the turingrk1 overlay plus the Longhorn extensions). */
export function rk1SchematicId(settings: Rk1SchematicSettings = {}): string {
  return resolveRk1Schematic(settings).id
}

/** The installer image for `gen config` and upgrades: same schematic as the flashed image. */
export function inventoryInstallerImage(inventory: Inventory): string {
  const talos = inventory.distros.talos
  return installerImage(rk1SchematicId(talos), inventory.versions.talos, talos.factory)
}

export function controlPlanes(inventory: Inventory): InventoryNode[] {
  return inventory.nodes.filter((n) => n.role === 'control-plane')
}

/** The first control plane is the endpoint (there is no VIP on a Turing Pi). */
export function endpointNode(inventory: Inventory): InventoryNode {
  const cp = controlPlanes(inventory)[0]
  if (!cp)
    throw new TalosConfigError('The inventory has no control-plane node.', {
      step: 'config',
      advice: 'Give one node `role: control-plane`.'
    })
  return cp
}

export function clusterEndpoint(inventory: Inventory): string {
  const cp = endpointNode(inventory)
  return `https://${cp.ip}:${cp.ports.kubernetes}`
}

/** Talos minor version (`v1.13.9` → 13). */
export function talosMinor(version: string): number {
  return Number(/^v?1\.(\d+)/.exec(version)?.[1] ?? 0)
}

/**
 * Workloads may run on the control plane when fewer than three workers exist: Longhorn keeps
 * three replicas on three nodes, and a one- or two-worker cluster would not have room for them.
 * With three or more workers the control plane stays dedicated (etcd and the API server keep
 * their CPU on a 4-node RK1 board, and benchmark pods do not land next to them).
 */
export function allowSchedulingOnControlPlanes(inventory: Inventory): boolean {
  return inventory.nodes.filter((n) => n.role === 'worker').length < 3
}

function diskSelector(dataDisk: string): string {
  return dataDisk.startsWith('/dev/nvme')
    ? "disk.transport == 'nvme' && !system_disk"
    : `disk.dev_path == '${dataDisk}' && !system_disk`
}

/** The per-node patch: host name, Longhorn volume and kubelet mount, control-plane settings. */
export function nodePatch(node: InventoryNode, inventory: Inventory): string {
  const modern = talosMinor(inventory.versions.talos) >= 13
  const machine: Record<string, unknown> = {}
  const cluster: Record<string, unknown> = {}
  // `machine.network.hostname` is deprecated in 1.13 (tools.md §1.6); older minors lack the document.
  if (!modern) machine.network = { hostname: node.hostname }
  if (node.disks.data)
    machine.kubelet = {
      extraMounts: [
        {
          destination: LONGHORN_PATH,
          type: 'bind',
          source: LONGHORN_PATH,
          options: ['bind', 'rshared', 'rw']
        }
      ]
    }
  if (node.role === 'control-plane') {
    // MetalLB speakers must not announce from the control plane.
    machine.nodeLabels = { 'node.kubernetes.io/exclude-from-external-load-balancers': '' }
    if (allowSchedulingOnControlPlanes(inventory)) cluster.allowSchedulingOnControlPlanes = true
  }
  const main: Record<string, unknown> = { machine }
  if (Object.keys(cluster).length > 0) main.cluster = cluster
  const docs: Record<string, unknown>[] = [main]
  if (modern) docs.push({ apiVersion: 'v1alpha1', kind: 'HostnameConfig', hostname: node.hostname })
  if (node.disks.data)
    docs.push({
      apiVersion: 'v1alpha1',
      kind: 'UserVolumeConfig',
      name: 'longhorn',
      provisioning: {
        diskSelector: { match: diskSelector(node.disks.data) },
        minSize: '10GiB',
        grow: true
      },
      filesystem: { type: 'xfs' }
    })
  return docs.map((d) => stringify(d, { lineWidth: 0 })).join('---\n')
}

export interface GeneratedConfigs {
  dir: string
  talosconfig: string
  installImage: string
  /** Patched machine config per slot. */
  files: Map<number, string>
}

async function must(talosctl: Talosctl, args: string[], what: string): Promise<void> {
  const r = await talosctl.run(args)
  if (r.code !== 0)
    throw new TalosConfigError(`talosctl could not ${what}.`, {
      step: 'config',
      evidence: firstError(r),
      advice: 'Check the inventory versions and the Talos secrets.'
    })
}

/** `gen config` once, then `machineconfig patch` per node; all files under `dir` (0700). */
export async function generateConfigs(options: {
  talosctl: Talosctl
  inventory: Inventory
  nodes: InventoryNode[]
  secretsPath: string
  dir: string
}): Promise<GeneratedConfigs> {
  const { talosctl, inventory } = options
  const dir = join(options.dir, 'config')
  await mkdir(dir, { recursive: true, mode: 0o700 })
  await chmod(dir, 0o700)
  const installImage = inventoryInstallerImage(inventory)
  const systemDisks = new Set(inventory.nodes.map((n) => n.disks.system))
  if (systemDisks.size > 1)
    throw new TalosConfigError('The nodes use different system disks.', {
      step: 'config',
      evidence: [...systemDisks].join(', '),
      advice: 'Give every node the same disks.system (the RK1 eMMC is /dev/mmcblk0).'
    })
  await must(
    talosctl,
    [
      'gen',
      'config',
      inventory.name,
      clusterEndpoint(inventory),
      '--with-secrets',
      options.secretsPath,
      '--kubernetes-version',
      inventory.versions.kubernetes,
      '--install-disk',
      [...systemDisks][0] as string,
      '--install-image',
      installImage,
      '--additional-sans',
      controlPlanes(inventory)
        .map((n) => n.ip)
        .join(','),
      '--with-docs=false',
      '--with-examples=false',
      '-o',
      dir,
      '--force'
    ],
    'generate the machine configs'
  )
  // `gen config` leaves the talosconfig without endpoints (talosctl would then need -e): the
  // control planes are the endpoints, the first one the default node.
  const talosconfig = join(dir, 'talosconfig')
  const apiAddress = (n: InventoryNode): string =>
    n.ports.talosApi === 50000 ? n.ip : `${n.ip}:${n.ports.talosApi}`
  await must(
    talosctl,
    [
      'config',
      'endpoint',
      ...controlPlanes(inventory).map(apiAddress),
      '--talosconfig',
      talosconfig
    ],
    'set the talosconfig endpoints'
  )
  await must(
    talosctl,
    ['config', 'node', endpointNode(inventory).ip, '--talosconfig', talosconfig],
    'set the talosconfig default node'
  )
  const files = new Map<number, string>()
  for (const node of options.nodes) {
    const patch = join(dir, `patch-${node.slot}.yaml`)
    await writeFile(patch, nodePatch(node, inventory), { mode: 0o600 })
    const out = join(dir, `node-${node.slot}.yaml`)
    const base = join(dir, node.role === 'control-plane' ? 'controlplane.yaml' : 'worker.yaml')
    await must(
      talosctl,
      ['machineconfig', 'patch', base, '--patch', `@${patch}`, '-o', out],
      `patch the config of ${node.hostname}`
    )
    await chmod(out, 0o600)
    files.set(node.slot, out)
  }
  for (const f of ['controlplane.yaml', 'worker.yaml', 'talosconfig'])
    await chmod(join(dir, f), 0o600)
  return { dir, talosconfig, installImage, files }
}

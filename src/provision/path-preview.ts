/**
 * The flash path each node would take, for the plan and the dry run, found with read-only calls
 * only: TCP connects to the Talos API and SSH ports, an SSH login with our key, and reads
 * (/proc/meminfo, `systemctl is-system-running`, the rk1 marker). No BMC call, no talosctl, no
 * write on any node, and no host key is pinned in the cache. It follows the run's own rules:
 * only a node our key opens (a K3s run: any; a Talos run: this cluster's K3s or bare Armbian) that
 * is healthy with the RAM for the image writes itself; Talos nodes, nodes of another cluster,
 * unknown and unhealthy nodes go through the BMC.
 */
import { errorText } from '../common/errors'
import type { Logger } from '../common/host'
import { closeObservations, detectNodes, verdictText, type NodeVerdict } from '../distro/detect'
import { serverUrl } from '../distro/k3s/config'
import { HostKeyStore } from '../distro/k3s/host-keys'
import type { DistroName, Inventory, InventoryNode } from '../inventory'
import {
  choosePath,
  DEFAULT_MEMORY_MARGIN_BYTES,
  type FlashPathMode,
  type PathChoice
} from '../node-flash'
import { armbianFacts } from '../node-flash/facts'
import { nodePathProof, noNodePathReason, talosStateOf } from './talos-plan'

export interface PathPreview extends PathChoice {
  /** What the node runs now, as detection tells it. */
  found: string
}

/** Verdicts a Talos run writes over SSH (src/provision/talos-provision.ts keeps their links). */
const TALOS_NODE_PATH = new Set<NodeVerdict>(['ours-k3s', 'armbian'])

export async function previewPaths(o: {
  inventory: Inventory
  nodes: InventoryNode[]
  distro: DistroName
  mode: FlashPathMode
  /** Our SSH key (input ssh-private-key); without it no SSH node is provably ours. */
  privateKey?: string
  /** Bytes the node holds in RAM (the file that travels); undefined = checked at run time. */
  imageBytes?: number
  cacheDir: string
  log: Logger
  signal?: AbortSignal
}): Promise<Map<number, PathPreview>> {
  const previews = new Map<number, PathPreview>()
  if (o.mode === 'bmc') {
    for (const n of o.nodes)
      previews.set(n.slot, {
        slot: n.slot,
        path: 'bmc',
        reason: 'flash-path is bmc',
        found: 'not probed'
      })
    return previews
  }
  const seen = await detectNodes(o.nodes, {
    ssh: o.privateKey
      ? {
          privateKey: o.privateKey,
          keys: await HostKeyStore.open(o.cacheDir, o.inventory.name, { readOnly: true })
        }
      : undefined,
    cluster: { name: o.inventory.name, k3sServer: serverUrl(o.inventory) },
    log: o.log,
    signal: o.signal
  })
  const need = { bytes: o.imageBytes ?? 0, marginBytes: DEFAULT_MEMORY_MARGIN_BYTES }
  try {
    for (const n of o.nodes) {
      const obs = seen.get(n.slot)
      if (!obs) continue
      const found = verdictText[obs.verdict]
      const bmc = (reason: string): PathPreview => ({
        slot: n.slot,
        path: 'bmc',
        reason,
        found,
        ...(o.mode === 'node' ? { refused: true } : {})
      })
      let choice: PathPreview
      if (obs.verdict === 'empty') choice = bmc('no running OS answers')
      else if (['maintenance', 'ours-talos', 'foreign-talos'].includes(obs.verdict))
        choice = bmc('the Talos API answers: Talos nodes are rewritten through the BMC')
      else if (!obs.link) choice = bmc(`not provably this cluster's (${obs.detail})`)
      else if (o.distro === 'talos' && !TALOS_NODE_PATH.has(obs.verdict))
        choice = bmc(noNodePathReason(talosStateOf(obs).kind))
      else {
        try {
          const session = await obs.link.connect()
          const proof =
            o.distro === 'talos' ? nodePathProof(talosStateOf(obs).kind) : 'our SSH key is accepted'
          choice = {
            ...choosePath(o.mode, await armbianFacts(session, n.slot, proof), need),
            found
          }
        } catch (error) {
          choice = bmc(`its facts could not be read: ${errorText(error)}`)
        }
      }
      previews.set(n.slot, choice)
    }
  } finally {
    await closeObservations(seen)
  }
  return previews
}

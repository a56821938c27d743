/**
 * The flash path each node would take, for the plan and the dry run, found with read-only calls
 * only: TCP connects to the Talos API and SSH ports, an SSH login with our key, and reads
 * (/proc/meminfo, `systemctl is-system-running`, the rk1 marker; on Talos nodes of this cluster in
 * a K3s run with its talos-secrets, `talosctl version`, `memory` and `get machinestatus`). No BMC
 * call, no write on any node, and no host key is pinned in the cache. It follows the run's own
 * rules: only a node our key opens (a K3s run: any; a Talos run: this cluster's K3s or bare
 * Armbian), or in a K3s run a Talos node our PKI opens, that is healthy with the RAM for the image
 * writes itself; other Talos nodes, nodes of another cluster, unknown and unhealthy nodes go
 * through the BMC.
 */
import { errorText } from '../common/errors'
import type { Logger } from '../common/host'
import {
  closeObservations,
  detectNodes,
  verdictText,
  type NodeObservation,
  type NodeVerdict
} from '../distro/detect'
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
import { talosFacts } from '../node-flash/talos-node'
import type { K3sTalosAccess } from './k3s/k3s-talos'
import { nodePathProof, noNodePathReason, talosStateOf } from './talos/talos-plan'

export interface PathPreview extends PathChoice {
  /** What the node runs now, as detection tells it. */
  found: string
}

/** Verdicts a Talos run writes over SSH (src/provision/talos/talos-detect.ts keeps their links). */
const TALOS_NODE_PATH = new Set<NodeVerdict>(['ours-k3s', 'armbian'])

interface PreviewOptions {
  inventory: Inventory
  nodes: InventoryNode[]
  distro: DistroName
  mode: FlashPathMode
  /** Our SSH key (input ssh-private-key); without it no SSH node is provably ours. */
  privateKey?: string
  /** Bytes the node holds in RAM (the file that travels); undefined = checked at run time. */
  imageBytes?: number
  /** K3s runs with this cluster's Talos secrets: proves and reads its Talos nodes. */
  talos?: K3sTalosAccess
  cacheDir: string
  log: Logger
  signal?: AbortSignal
}

export async function previewPaths(o: PreviewOptions): Promise<Map<number, PathPreview>> {
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
  const talos = o.distro === 'k3s' && o.talos?.haveSecrets ? o.talos : undefined
  const seen = await detectNodes(o.nodes, {
    talos,
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
  try {
    for (const n of o.nodes) {
      const obs = seen.get(n.slot)
      if (obs) previews.set(n.slot, await previewOne(o, n, obs, talos))
    }
  } finally {
    await closeObservations(seen)
  }
  return previews
}

/** One node's path by the run's rules, from what detection saw on it. */
async function previewOne(
  o: PreviewOptions,
  n: InventoryNode,
  obs: NodeObservation,
  talos: K3sTalosAccess | undefined
): Promise<PathPreview> {
  const need = { bytes: o.imageBytes ?? 0, marginBytes: DEFAULT_MEMORY_MARGIN_BYTES }
  const found = verdictText[obs.verdict]
  const bmc = (reason: string): PathPreview => ({
    slot: n.slot,
    path: 'bmc',
    reason,
    found,
    ...(o.mode === 'node' ? { refused: true } : {})
  })
  if (obs.verdict === 'empty') return bmc('no running OS answers')
  if (obs.verdict === 'ours-talos' && talos)
    return talosChoice(talos, n, o.mode, need, found).catch((error: unknown) =>
      bmc(`its facts could not be read: ${errorText(error)}`)
    )
  if (obs.verdict === 'foreign-talos' && talos)
    return bmc(`not provably this cluster's (${obs.detail})`)
  if (['maintenance', 'ours-talos', 'foreign-talos'].includes(obs.verdict))
    return bmc(
      o.distro === 'k3s' && !talos
        ? "the Talos API answers; without this cluster's talos-secrets it is not provably ours"
        : 'the Talos API answers: Talos nodes are rewritten through the BMC'
    )
  if (!obs.link) return bmc(`not provably this cluster's (${obs.detail})`)
  if (o.distro === 'talos' && !TALOS_NODE_PATH.has(obs.verdict))
    return bmc(noNodePathReason(talosStateOf(obs).kind))
  try {
    const session = await obs.link.connect()
    const proof =
      o.distro === 'talos' ? nodePathProof(talosStateOf(obs).kind) : 'our SSH key is accepted'
    return { ...choosePath(o.mode, await armbianFacts(session, n.slot, proof), need), found }
  } catch (error) {
    return bmc(`its facts could not be read: ${errorText(error)}`)
  }
}

/** A Talos node our PKI opens: its free RAM and stage over the Talos API (reads only). */
async function talosChoice(
  talos: K3sTalosAccess,
  n: InventoryNode,
  mode: FlashPathMode,
  need: { bytes: number; marginBytes: number },
  found: string
): Promise<PathPreview> {
  const access = {
    talosctl: await talos.talosctl(),
    target: { talosconfig: talos.talosconfig, endpoint: n.ip, node: n.ip }
  }
  return { ...choosePath(mode, await talosFacts(access, n.slot), need), found }
}

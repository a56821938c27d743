/**
 * What this product kept about the cluster on the runner, cleared once its nodes are gone: pinned
 * SSH host keys (a reinstalled node has new ones), and in the provision output folder the
 * kubeconfig, talosconfig, generated machine configs and Grafana password. The Talos secrets file
 * and the SSH key are the user's (they re-create or prove a cluster) and go only when asked.
 */
import { existsSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { HostKeyStore } from '../distro/k3s/host-keys'
import { GRAFANA_PASSWORD_FILE, SSH_KEY_FILE } from '../common/secret-files'

export interface ClearedState {
  hostKeys: number
  files: string[]
}

const CLUSTER_FILES = [
  'kubeconfig',
  'talosconfig',
  'config',
  join('k3s', 'kubeconfig'),
  GRAFANA_PASSWORD_FILE
]
/** What proves or opens the nodes: the user's, deleted only with forget-secrets. */
const SECRET_FILES = ['secrets.yaml', SSH_KEY_FILE]

export async function clearRunnerState(o: {
  cacheDir: string
  cluster: string
  /** Slots that are wiped now. */
  slots: number[]
  /** Every node of the inventory is wiped: the cluster's files go too. */
  wholeCluster: boolean
  outputDir?: string
  forgetSecrets: boolean
}): Promise<ClearedState> {
  const keys = await HostKeyStore.open(o.cacheDir, o.cluster)
  const cleared: ClearedState = { hostKeys: await keys.forget(o.slots), files: [] }
  if (!o.wholeCluster || !o.outputDir) return cleared
  const dir = resolve(o.outputDir)
  const names = o.forgetSecrets ? [...CLUSTER_FILES, ...SECRET_FILES] : CLUSTER_FILES
  for (const name of names) {
    const path = join(dir, name)
    if (!existsSync(path)) continue
    await rm(path, { recursive: true, force: true })
    cleared.files.push(path)
  }
  return cleared
}

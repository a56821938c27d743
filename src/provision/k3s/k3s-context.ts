/** A K3s run's settings, errors and shared context, and its plan (all local: key, node order). */
import { errorText, Rk1Error } from '../../common/errors'
import type { Host } from '../../common/host'
import {
  outputDirOf,
  privateDir,
  readSecretFile,
  SSH_KEY_FILE,
  writeSecretFile
} from '../../common/secret-files'
import type { BmcProvider } from '../bmc-session'
import type { ProvisionSettings } from '../settings'
import type { Inventory, InventoryNode } from '../../inventory'
import { serverNode } from '../../distro/k3s/config'
import type { NodeLink } from '../../distro/k3s/node-link'
import { resolveNodeKey } from '../../distro/k3s/ssh-key'
import { HostKeyStore } from '../../distro/k3s/host-keys'
import { type Detected } from './k3s-detect'
import { k3sTalosAccess, type K3sTalosAccess } from './k3s-talos'
import { type K3sAction, type K3sNodeResult } from './k3s-summary'

export class K3sRefusedError extends Rk1Error {}
export class K3sProvisionError extends Rk1Error {}

/** What a K3s run reads of the run's settings (src/provision/settings.ts), and its BMC. */
export type K3sProvisionSettings = Pick<
  ProvisionSettings,
  | 'inventory'
  | 'nodes'
  | 'inventoryPath'
  | 'reflash'
  | 'skipCrc'
  | 'bootTimeoutMs'
  | 'allowFormatData'
> &
  Partial<
    Pick<
      ProvisionSettings,
      | 'flashPath'
      | 'uplinkBytesPerSec'
      | 'sshPrivateKey'
      | 'airGap'
      | 'staticNetwork'
      | 'outputDir'
      | 'talosSecrets'
      | 'runnerAddress'
      | 'nodeWriteImage'
    >
  > & { bmc: BmcProvider }

export const describe = (e: unknown): string =>
  e instanceof Rk1Error ? e.describe() : errorText(e)

/** A promise with its resolver outside: the server's token gates the agents. */
export function gate<T>(): { promise: Promise<T | undefined>; open: (v: T | undefined) => void } {
  let open: (v: T | undefined) => void = () => undefined
  const promise = new Promise<T | undefined>((r) => (open = r))
  return { promise, open }
}

/** What every step of one K3s run shares. */
export interface K3sRunContext {
  host: Host
  settings: K3sProvisionSettings
  inventory: Inventory
  log: Host['log']
  version: string
  dir: string
  key: NodeKey
  keys: HostKeyStore
  server: InventoryNode
  /** The selected nodes, the server first. */
  selected: InventoryNode[]
  detected: Map<number, Detected>
  actions: Map<number, K3sAction>
  /** Open SSH links by slot; every one is closed when the run ends. */
  links: Map<number, NodeLink>
  talos: K3sTalosAccess
  results: Map<number, K3sNodeResult>
}

export type NodeKey = ReturnType<typeof resolveNodeKey>

/** The server's token: written into its config, and the full one agents join with. */
export interface K3sTokens {
  server: string
  join: ReturnType<typeof gate<string>>
}

/** The run's SSH key: the input, else the one an earlier run kept, else a new one (kept now). */
export async function clusterKey(
  host: Host,
  settings: K3sProvisionSettings
): Promise<{ key: NodeKey; dir: string }> {
  const dir = outputDirOf(host, settings.inventory.name, settings.outputDir, 'k3s')
  await privateDir(dir)
  const keyInput = settings.sshPrivateKey ?? host.env.RK1_SSH_PRIVATE_KEY
  const stored = keyInput?.trim() ? undefined : await readSecretFile(dir, SSH_KEY_FILE)
  const key = resolveNodeKey(host, keyInput, stored)
  // Written before any node is touched: a flashed node trusts only this key.
  if (key.origin === 'generated')
    key.path = await writeSecretFile(
      host,
      dir,
      SSH_KEY_FILE,
      key.privateKey,
      'New SSH key of this cluster (its nodes trust only it)'
    )
  else if (key.origin === 'file') host.log.info(`SSH key: ${key.path}, kept by an earlier run.`)
  return { key, dir }
}

/** Local only: the key, the host keys, the node order (server first), the Talos side's access. */
export async function planK3s(host: Host, settings: K3sProvisionSettings): Promise<K3sRunContext> {
  const { key, dir } = await clusterKey(host, settings)
  const inventory = settings.inventory
  const keys = await HostKeyStore.open(host.cacheDir, inventory.name)
  const server = serverNode(inventory)
  const selected = [...settings.nodes].sort((a, b) =>
    a.slot === server.slot ? -1 : b.slot === server.slot ? 1 : a.slot - b.slot
  )
  const talos = await k3sTalosAccess(host, { inventory, dir, secretsInput: settings.talosSecrets })
  return {
    ...{ host, settings, inventory, log: host.log, version: inventory.versions.k3s, dir, key },
    ...{ keys, server, selected, talos },
    ...{ detected: new Map(), actions: new Map(), links: new Map(), results: new Map() }
  }
}

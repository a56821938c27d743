/** A Talos run's settings, and everything it fixes before touching a node (local files only). */
import { Rk1Error } from '../../common/errors'
import type { Host } from '../../common/host'
import { outputDirOf, privateDir, readSecretFile, SSH_KEY_FILE } from '../../common/secret-files'
import type { ProvisionSettings } from '../settings'
import type { Inventory, InventoryNode } from '../../inventory'
import { endpointNode, generateConfigs } from '../../distro/talos/config'
import { locateTalosctl } from '../../distro/talos/install-talosctl'
import type { NodeLink } from '../../distro/k3s/node-link'
import { type OpsContext } from '../../distro/talos/operations'
import { resolveSecrets } from '../../distro/talos/secrets'
import { Talosctl } from '../../distro/talos/talosctl'
import { controlPlaneFirst, type NodeState, type TalosAction } from './talos-plan'

export class TalosRefusedError extends Rk1Error {}

/** What a Talos run reads of the run's settings (src/provision/settings.ts), as given. */
export type TalosProvisionSettings = Pick<
  ProvisionSettings,
  'inventory' | 'nodes' | 'reflash' | 'skipCrc' | 'bootTimeoutMs'
> &
  Partial<
    Pick<
      ProvisionSettings,
      'talosSecrets' | 'outputDir' | 'sshPrivateKey' | 'flashPath' | 'uplinkBytesPerSec'
    >
  >

/** Everything a Talos run fixed before touching a node: local files and talosctl only. */
export interface TalosRunContext {
  host: Host
  settings: TalosProvisionSettings
  inventory: Inventory
  log: Host['log']
  dir: string
  talosctl: Talosctl
  secrets: Awaited<ReturnType<typeof resolveSecrets>>
  haveSecrets: boolean
  /** SSH key of this cluster's K3s nodes, to tell them from another cluster's. */
  sshPrivateKey?: string
  /** The control plane this run bootstraps (the endpoint). */
  cp: InventoryNode
  /** The selected nodes, control plane first. */
  selected: InventoryNode[]
  configs: Awaited<ReturnType<typeof generateConfigs>>
  ops: OpsContext
}

/** What detection found and decided, and the SSH links the node path may write through. */
export interface Decided {
  states: Map<number, NodeState>
  actions: Map<number, TalosAction>
  links: Map<number, NodeLink>
}

/** Output folder, talosctl, secrets and configs: all local, nothing touches a node yet. */
export async function prepareTalosRun(
  host: Host,
  settings: TalosProvisionSettings
): Promise<TalosRunContext> {
  const { inventory, log } = { inventory: settings.inventory, log: host.log }
  const dir = outputDirOf(host, inventory.name, settings.outputDir, 'talos')
  await privateDir(dir)
  const binary = await locateTalosctl({
    version: inventory.versions.talos,
    env: host.env,
    cacheDir: host.cacheDir,
    log,
    signal: host.signal
  })
  const talosctl = new Talosctl({ binary, env: host.env, cwd: dir, signal: host.signal })
  const secrets = await resolveSecrets({ host, talosctl, dir, input: settings.talosSecrets })
  const selected = controlPlaneFirst(settings.nodes)
  const configs = await generateConfigs({
    talosctl,
    inventory,
    nodes: selected,
    secretsPath: secrets.path,
    dir
  })
  return {
    host,
    settings,
    inventory,
    log,
    dir,
    talosctl,
    secrets,
    haveSecrets: secrets.origin !== 'generated',
    // The K3s key an earlier run kept tells this cluster's own K3s nodes apart (a distro switch).
    sshPrivateKey:
      settings.sshPrivateKey ||
      host.env.RK1_SSH_PRIVATE_KEY ||
      (await readSecretFile(dir, SSH_KEY_FILE))?.value,
    cp: endpointNode(inventory),
    selected,
    configs,
    ops: { talosctl, talosconfig: configs.talosconfig, signal: host.signal }
  }
}

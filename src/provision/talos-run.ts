import type { Host } from '../common/host'
import { outputDirOf, readSecretFile, SSH_KEY_FILE } from '../common/secret-files'
import type { BmcProvider } from './bmc-session'
import type { Inventory, InventoryNode } from '../inventory'
import { runTalosProvision, setTalosOutputs } from './talos-provision'
import type { FlashPathMode } from '../node-flash'
import { provisionRunFailed } from './run-error'
import { flashedSlots, summariseTalos, talosFailed, talosResultJson } from './talos-summary'

export interface TalosRunSettings {
  inventory: Inventory
  nodes: InventoryNode[]
  reflash: boolean
  talosSecrets?: string
  outputDir?: string
  skipCrc: boolean
  bootTimeoutMs: number
  sshPrivateKey?: string
  flashPath?: FlashPathMode
  uplinkBytesPerSec?: number
}

/** Talos: state first, flash only where needed, then configure, bootstrap, kubeconfig, report. */
export async function provisionTalos(
  host: Host,
  settings: TalosRunSettings,
  bmc: BmcProvider
): Promise<void> {
  // The K3s key an earlier run kept tells this cluster's own K3s nodes apart (a distro switch).
  const dir = outputDirOf(host, settings.inventory.name, settings.outputDir, 'talos')
  const sshPrivateKey =
    settings.sshPrivateKey ||
    host.env.RK1_SSH_PRIVATE_KEY ||
    (await readSecretFile(dir, SSH_KEY_FILE))?.value
  const run = await runTalosProvision(
    host,
    {
      inventory: settings.inventory,
      nodes: settings.nodes,
      reflash: settings.reflash,
      secretsInput: settings.talosSecrets,
      outputDir: dir,
      skipCrc: settings.skipCrc,
      bootTimeoutMs: settings.bootTimeoutMs,
      sshPrivateKey,
      flashPath: settings.flashPath,
      uplinkBytesPerSec: settings.uplinkBytesPerSec
    },
    bmc
  ).catch(async (error: unknown) => {
    await host.summary.write()
    throw error
  })
  await setTalosOutputs(host, run)
  summariseTalos(host.summary, run)
  host.setOutput('result', talosResultJson(run))
  host.setOutput('flashed-nodes', flashedSlots(run).join(','))
  await host.summary.write()
  if (talosFailed(run))
    throw provisionRunFailed({
      what: 'Talos provisioning',
      failed: run.nodes.filter((n) => n.status === 'failed'),
      cluster: [
        run.bootstrapError && 'bootstrap failed',
        run.healthError && 'the cluster is not healthy'
      ],
      clusterEvidence: run.bootstrapError ?? run.healthError
    })
}

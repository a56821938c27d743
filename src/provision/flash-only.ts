import type { Host } from '../common/host'
import type { BmcProvider } from './bmc-session'
import {
  compileBootPattern,
  type DistroName,
  type Inventory,
  type InventoryNode
} from '../inventory'
import { flashAndBootNodes } from './flash-nodes'
import { provisionRunFailed } from './run-error'
import { outcomesJson, summariseOutcomes } from './summary'

export interface FlashOnlySettings {
  inventory: Inventory
  distro: DistroName
  nodes: InventoryNode[]
  skipCrc: boolean
  bootTimeoutMs: number
}

/** The node's management port for this distro; its answer confirms a boot without the BMC. */
function managementPort(distro: DistroName) {
  return (node: InventoryNode): number =>
    distro === 'talos' ? node.ports.talosApi : node.ports.ssh
}

/**
 * `steps: flash`: flash every selected node, power it on and confirm it boots; no distro setup.
 * For re-imaging nodes, or checking the BMC path, without touching a cluster's configuration.
 */
export async function runFlashOnly(
  host: Host,
  settings: FlashOnlySettings,
  bmc: BmcProvider
): Promise<void> {
  const { inventory, distro } = settings
  const { client, image, simulated } = await bmc.open()
  const started = performance.now()
  const outcomes = await flashAndBootNodes({
    client,
    nodes: settings.nodes,
    image,
    skipCrc: settings.skipCrc,
    bootTimeoutMs: settings.bootTimeoutMs,
    bootPattern: compileBootPattern(inventory.distros[distro].bootPattern),
    managementPort: managementPort(distro),
    log: host.log,
    signal: host.signal
  }).finally(() => client.close())
  summariseOutcomes(host.summary, outcomes, {
    imageName: image.fileName,
    distro,
    simulated,
    totalMs: performance.now() - started
  })
  host.setOutput('result', outcomesJson(outcomes, simulated))
  host.setOutput(
    'flashed-nodes',
    outcomes
      .filter((o) => o.flash)
      .map((o) => o.slot)
      .join(',')
  )
  await host.summary.write()
  const failed = outcomes.filter((o) => o.status !== 'booted')
  if (failed.length > 0) throw provisionRunFailed({ what: 'Flashing', failed })
}

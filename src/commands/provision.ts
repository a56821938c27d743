import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { InputError } from '../common/errors'
import { selectNodes } from '../inventory'
import type { AirGap } from '../distro/k3s/operations'
import { bmcProvider } from '../provision/bmc-session'
import { requireConfirmation } from '../provision/confirm'
import { runDryRun } from '../provision/dry-run'
import { runFlashOnly } from '../provision/flash-only'
import { imagePlan } from '../provision/image-plan'
import { runK3sProvision } from '../provision/k3s/k3s-provision'
import { FLASH_PATH_MODES } from '../node-flash'
import { logPlan } from '../provision/plan'
import type { ProvisionSettings } from '../provision/settings'
import { provisionTalos } from '../provision/talos/talos-driver'
import { lockTimeoutMs, withInventoryLock } from './cluster-lock-input'
import { commandInventory } from './command-inventory'
import type { CommandContext } from './command-context'

function airGapFrom(dir: string | undefined, inputs: CommandContext['inputs']): AirGap | undefined {
  if (!dir) return undefined
  const path = resolve(dir)
  const file = (name: string): string => join(path, name)
  for (const name of ['install.sh', 'k3s-arm64'])
    if (!existsSync(file(name)))
      inputs.problem('k3s-airgap-dir', `has no ${name} (looked in ${path})`)
  const images = file('k3s-airgap-images-arm64.tar.zst')
  return {
    installScript: file('install.sh'),
    binary: file('k3s-arm64'),
    images: existsSync(images) ? images : undefined
  }
}

/** Reads and checks everything up front: a bad inventory or input touches nothing. */
async function readSettings({ host, inputs }: CommandContext): Promise<ProvisionSettings> {
  const { inventoryPath, inventory, distro } = await commandInventory({ host, inputs })
  const dryRun = inputs.boolean('dry-run')
  const bmcPassword = inputs.optional('bmc-password') ?? ''
  if (!dryRun && !bmcPassword)
    inputs.problem('bmc-password', 'is required (the BMC password; pass a secret)')
  const settings = {
    inventoryPath,
    inventory,
    distro,
    steps: inputs.choice('steps', ['all', 'flash'] as const, 'all') ?? 'all',
    dryRun,
    confirm: inputs.optional('confirm'),
    skipCrc: inputs.boolean('skip-crc'),
    flashPath: inputs.choice('flash-path', FLASH_PATH_MODES, 'auto') ?? 'auto',
    uplinkBytesPerSec: (inputs.integer('flash-uplink-mbps', { min: 1, max: 100_000 }) * 1e6) / 8,
    bootTimeoutMs: inputs.integer('boot-timeout', { min: 1, max: 24 * 3600 }) * 1000,
    bmcUser: inputs.string('bmc-user'),
    bmcPassword,
    reflash: inputs.boolean('reflash'),
    talosSecrets: inputs.optional('talos-secrets'),
    runnerAddress: inputs.optional('runner-address'),
    nodeWriteImage: inputs.optional('node-write-image'),
    outputDir: inputs.optional('output-dir'),
    sshPrivateKey: inputs.optional('ssh-private-key'),
    allowFormatData: inputs.boolean('allow-format-data'),
    staticNetwork: inputs.boolean('static-network'),
    airGap: airGapFrom(inputs.optional('k3s-airgap-dir'), inputs),
    lockTimeoutMs: lockTimeoutMs(inputs)
  }
  inputs.assertValid()
  const nodes = selectNodes(inventory, inputs.string('nodes'))
  // Talos without an image comes from the Image Factory; Armbian has no such service.
  if (distro === 'k3s' && !inventory.distros[distro].image) {
    throw new InputError('No image to flash', [
      {
        file: inventoryPath,
        path: `distros.${distro}.image`,
        message: `is not set; give the ${distro} image as { source: <https URL or path>, sha256: <hex> }`
      }
    ])
  }
  return { ...settings, nodes }
}

/**
 * provision: validate everything, then either only flash (`steps: flash`) or take the selected
 * nodes to a healthy cluster of the chosen distro, flashing only the nodes that need it.
 */
export async function runProvision(context: CommandContext): Promise<void> {
  const { host } = context
  const settings = await readSettings(context)
  const image = imagePlan(host, settings)
  if (settings.dryRun) return runDryRun(host, settings, image)
  const { inventory, distro } = settings
  // A wrong confirm is a mistake whatever the nodes run: refused before anything is probed. A
  // missing one only stops a run that would flash (destroy) something: steps flash always does;
  // steps all asks when a node needs it, so a re-run that flashes nothing needs no confirm.
  const what = `flash node(s) of "${inventory.name}"`
  if (settings.confirm !== undefined || settings.steps === 'flash')
    requireConfirmation(inventory.name, settings.confirm, what)
  const bmc = bmcProvider(
    host,
    inventory,
    { user: settings.bmcUser, password: settings.bmcPassword },
    async () => {
      requireConfirmation(inventory.name, settings.confirm, what)
      return image.prepare()
    },
    async (prepared, simulated) =>
      logPlan(host.log, await image.entries(prepared), inventory.name, distro, { simulated })
  )
  const lock = { timeoutMs: settings.lockTimeoutMs, command: 'provision' }
  return withInventoryLock(host, inventory, lock, () => {
    if (settings.steps === 'flash') return runFlashOnly(host, settings, bmc)
    if (distro === 'talos') return provisionTalos(host, settings, bmc)
    return runK3sProvision(host, { ...settings, bmc })
  })
}

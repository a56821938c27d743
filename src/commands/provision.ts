import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { InputError } from '../common/errors'
import { inputRef } from '../common/input-style'
import { planFactoryImage, resolveFactoryImage } from '../distro/talos/factory'
import { describeImage, prepareImage, type ImageDescription } from '../image/prepare'
import { xzUncompressedSize } from '../image/xz-index'
import { selectNodes, type DistroName, type Inventory } from '../inventory'
import type { AirGap } from '../distro/k3s/operations'
import { bmcProvider } from '../provision/bmc-session'
import { requireConfirmation } from '../provision/confirm'
import { runFlashOnly } from '../provision/flash-only'
import { runK3sProvision } from '../provision/k3s/k3s-provision'
import { FLASH_PATH_MODES, type FlashPathMode } from '../node-flash'
import {
  estimateFlashMs,
  estimateNodePathMs,
  logPlan,
  summarisePlan,
  type FlashPlanEntry
} from '../provision/plan'
import { previewPaths } from '../provision/path-preview'
import { resolveNodeKey } from '../distro/k3s/ssh-key'
import { outputDirOf, readSecretFile, SSH_KEY_FILE } from '../common/secret-files'
import { provisionTalos } from '../provision/talos-run'
import { lockTimeoutMs, withInventoryLock } from './cluster-lock-input'
import { commandInventory } from './command-inventory'
import type { CommandContext } from './command-context'

interface ProvisionSettings {
  inventoryPath: string
  inventory: Inventory
  distro: DistroName
  steps: 'all' | 'flash'
  nodes: ReturnType<typeof selectNodes>
  dryRun: boolean
  confirm?: string
  skipCrc: boolean
  flashPath: FlashPathMode
  /** Input `flash-uplink-mbps` in bytes per second: all node-path transfers together. */
  uplinkBytesPerSec: number
  bootTimeoutMs: number
  bmcUser: string
  bmcPassword: string
  reflash: boolean
  talosSecrets?: string
  outputDir?: string
  sshPrivateKey?: string
  allowFormatData: boolean
  staticNetwork: boolean
  airGap?: AirGap
  lockTimeoutMs: number
}

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

async function planEntries(
  settings: ProvisionSettings,
  image: { fileName: string; size?: number; path?: string }
): Promise<FlashPlanEntry[]> {
  const writeBytes =
    image.path && image.fileName.endsWith('.xz') ? await xzUncompressedSize(image.path) : image.size
  return settings.nodes.map((n) => ({
    slot: n.slot,
    hostname: n.hostname,
    ip: n.ip,
    role: n.role,
    imageName: image.fileName,
    uploadBytes: image.size,
    writeBytes,
    estimatedMs: estimateFlashMs(writeBytes, settings.skipCrc)
  }))
}

/**
 * The key a run would use, masked: the input, else the one an earlier run kept in the cluster's
 * folder (read only). A dry run never generates one: there is nothing it could prove with it.
 */
async function dryRunKey(
  host: CommandContext['host'],
  settings: ProvisionSettings
): Promise<string | undefined> {
  const input = settings.sshPrivateKey ?? host.env.RK1_SSH_PRIVATE_KEY
  const dir = outputDirOf(host, settings.inventory.name, settings.outputDir, settings.distro)
  const stored = input?.trim() ? undefined : await readSecretFile(dir, SSH_KEY_FILE)
  const given = input?.trim() ? input : stored?.value
  return given ? resolveNodeKey(host, given).privateKey : undefined
}

/**
 * The path per node for the dry run's plan, with read-only probes only (src/provision/path-preview):
 * `steps: flash` always flashes through the BMC.
 */
async function withPaths(
  host: CommandContext['host'],
  settings: ProvisionSettings,
  entries: FlashPlanEntry[]
): Promise<FlashPlanEntry[]> {
  if (settings.steps === 'flash')
    return entries.map((e) => ({ ...e, path: 'bmc', pathReason: 'steps: flash uses the BMC' }))
  const first = entries[0]
  const privateKey = await dryRunKey(host, settings)
  const previews = await host.log.group('Flash path per node (read-only probes)', () =>
    previewPaths({
      inventory: settings.inventory,
      nodes: settings.nodes,
      distro: settings.distro,
      mode: settings.flashPath,
      privateKey,
      // The node holds what travels: the personalised raw copy (K3s), the file itself (Talos).
      imageBytes: settings.distro === 'k3s' ? first?.writeBytes : first?.uploadBytes,
      cacheDir: host.cacheDir,
      log: host.log,
      signal: host.signal
    })
  )
  const own = [...previews.values()].filter((p) => p.path === 'node').length
  return entries.map((e) => {
    const p = previews.get(e.slot)
    if (!p) return e
    const estimatedMs =
      p.path === 'node'
        ? estimateNodePathMs(e, settings.uplinkBytesPerSec, own)
        : p.refused
          ? undefined
          : e.estimatedMs
    return {
      ...e,
      found: p.found,
      path: p.path,
      pathReason: p.reason,
      ...(p.refused ? { pathRefused: true } : {}),
      estimatedMs
    }
  })
}

/**
 * provision: validate everything, then either only flash (`steps: flash`) or take the selected
 * nodes to a healthy cluster of the chosen distro, flashing only the nodes that need it.
 */
export async function runProvision(context: CommandContext): Promise<void> {
  const { host } = context
  const settings = await readSettings(context)
  const { inventory, distro } = settings
  const imageSpec = inventory.distros[distro].image
  const imageOptions = {
    cacheDir: host.cacheDir,
    baseDir: dirname(settings.inventoryPath),
    log: host.log,
    signal: host.signal
  }
  const talos = inventory.distros.talos
  const factory = imageSpec ? undefined : planFactoryImage(talos, inventory.versions.talos)

  if (settings.dryRun) {
    let described: ImageDescription
    if (factory) {
      // No network in a dry run: the ID is computed, the URL follows from it.
      host.log.info(
        `Talos image from the Image Factory: schematic ${factory.schematic.id}${factory.schematic.given ? ' (distros.talos.schematicId)' : ''}, ${factory.imageUrl}`
      )
      host.log.info(`Installer image for gen config and upgrades: ${factory.installer}`)
      described = { fileName: 'metal-arm64.raw.xz', format: 'xz', cached: false }
    } else described = await describeImage(imageSpec!, imageOptions)
    const localPath = imageSpec?.kind === 'file' ? imageSpec.source : undefined
    const entries = await withPaths(
      host,
      settings,
      await planEntries(settings, { ...described, path: localPath })
    )
    logPlan(host.log, entries, inventory.name, distro)
    if (settings.steps === 'all')
      host.log.info(
        'Each node is checked first: nodes already running this cluster or waiting for their configuration are not flashed' +
          (settings.reflash
            ? ` (${inputRef('reflash', 'true')}: every selected node is flashed).`
            : '.')
      )
    summarisePlan(host.summary, entries)
    host.setOutput(
      'result',
      JSON.stringify({
        dryRun: true,
        plan: entries,
        ...(factory
          ? {
              image: {
                schematicId: factory.schematic.id,
                url: factory.imageUrl,
                installer: factory.installer
              }
            }
          : {})
      })
    )
    host.setOutput('flashed-nodes', '')
    await host.summary.write()
    return
  }

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
      const spec =
        imageSpec ??
        (await resolveFactoryImage(talos, inventory.versions.talos, {
          log: host.log,
          signal: host.signal
        }))
      return prepareImage(spec, imageOptions)
    },
    async (image, simulated) =>
      logPlan(host.log, await planEntries(settings, image), inventory.name, distro, { simulated })
  )
  const lock = { timeoutMs: settings.lockTimeoutMs, command: 'provision' }
  return withInventoryLock(host, inventory, lock, () => {
    if (settings.steps === 'flash') return runFlashOnly(host, settings, bmc)
    if (distro === 'talos') return provisionTalos(host, settings, bmc)
    return runK3sProvision(host, { ...settings, bmc })
  })
}

import { dirname, resolve } from 'node:path'
import { readFile } from 'node:fs/promises'
import { InputError } from '../common/errors'
import type { Host } from '../common/host'
import { BmcClient, type BmcVersion } from '../bmc'
import { describeImage, prepareImage, type PreparedImage } from '../image/prepare'
import { xzUncompressedSize } from '../image/xz-index'
import {
  compileBootPattern,
  loadInventory,
  selectNodes,
  type DistroName,
  type Inventory
} from '../inventory'
import { requireConfirmation } from '../provision/confirm'
import { flashAndBootNodes, type NodeOutcome } from '../provision/flash-nodes'
import { estimateFlashMs, logPlan, summarisePlan, type FlashPlanEntry } from '../provision/plan'
import { outcomesJson, summariseOutcomes } from '../provision/summary'
import type { CommandContext } from './registry'

interface ProvisionSettings {
  inventoryPath: string
  inventory: Inventory
  distro: DistroName
  nodes: ReturnType<typeof selectNodes>
  dryRun: boolean
  confirm?: string
  skipCrc: boolean
  bootTimeoutMs: number
  bmcUser: string
  bmcPassword?: string
}

/** Reads and checks everything up front: a bad inventory or input touches nothing. */
async function readSettings({ host, inputs }: CommandContext): Promise<ProvisionSettings> {
  const inventoryPath = resolve(inputs.string('inventory'))
  const { inventory, warnings } = await loadInventory(inventoryPath)
  for (const w of warnings)
    host.log.warn(w.message, { file: w.file, line: w.line, column: w.column, title: w.path })
  const distro =
    inputs.choice<DistroName>('distro', ['talos', 'k3s'], inventory.distro) ?? inventory.distro
  const dryRun = inputs.boolean('dry-run')
  const skipCrc = inputs.boolean('skip-crc')
  const bootTimeoutMs = inputs.integer('boot-timeout', { min: 1, max: 24 * 3600 }) * 1000
  const bmcPassword = inputs.optional('bmc-password')
  if (!dryRun && !bmcPassword)
    inputs.problem('bmc-password', 'is required (the BMC password; pass a secret)')
  inputs.assertValid()
  const nodes = selectNodes(inventory, inputs.string('nodes'))
  if (!inventory.distros[distro].image) {
    throw new InputError('No image to flash', [
      {
        file: inventoryPath,
        path: `distros.${distro}.image`,
        message: `is not set; give the ${distro} image as { source: <https URL or path>, sha256: <hex> }`
      }
    ])
  }
  return {
    inventoryPath,
    inventory,
    distro,
    nodes,
    dryRun,
    confirm: inputs.optional('confirm'),
    skipCrc,
    bootTimeoutMs,
    bmcUser: inputs.string('bmc-user'),
    bmcPassword
  }
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

async function bmcCaPem(settings: ProvisionSettings): Promise<string | undefined> {
  const caFile = settings.inventory.bmc.tls.caFile
  return caFile ? readFile(caFile, 'utf8') : undefined
}

/** The lab's BMC says so in `about`; everything produced against it is labelled simulated. */
function isSimulated(version: BmcVersion): boolean {
  return /rk1[ -]lab/i.test(`${version.boardModel ?? ''} ${version.hostname ?? ''}`)
}

function describeBmc(version: BmcVersion): string {
  const parts = [
    version.boardModel ?? 'Turing Pi',
    version.board ? `board ${version.board}` : undefined,
    version.daemonVersion ? `bmcd ${version.daemonVersion}` : undefined,
    version.firmwareVersion ? `firmware ${version.firmwareVersion}` : undefined,
    version.api ? `API ${version.api}` : undefined
  ]
  return parts.filter(Boolean).join(', ')
}

function managementPort(distro: DistroName) {
  return (node: Inventory['nodes'][number]): number =>
    distro === 'talos' ? node.ports.talosApi : node.ports.ssh
}

export async function runProvision(context: CommandContext): Promise<void> {
  const { host } = context
  const settings = await readSettings(context)
  const { inventory, distro } = settings
  const imageSpec = inventory.distros[distro].image!
  const imageOptions = {
    cacheDir: host.cacheDir,
    baseDir: dirname(settings.inventoryPath),
    log: host.log,
    signal: host.signal
  }

  if (settings.dryRun) {
    const described = await describeImage(imageSpec, imageOptions)
    const localPath = imageSpec.kind === 'file' ? imageSpec.source : undefined
    const entries = await planEntries(settings, { ...described, path: localPath })
    logPlan(host.log, entries, inventory.name, distro)
    summarisePlan(host.summary, entries)
    host.setOutput('result', JSON.stringify({ dryRun: true, plan: entries }))
    host.setOutput('flashed-nodes', '')
    await host.summary.write()
    return
  }

  requireConfirmation(
    inventory.name,
    settings.confirm,
    `flash ${settings.nodes.length} node(s) of "${inventory.name}"`
  )
  const image: PreparedImage = await host.log.group('Image', () =>
    prepareImage(imageSpec, imageOptions)
  )
  logPlan(host.log, await planEntries(settings, image), inventory.name, distro)

  const client = new BmcClient({
    host: inventory.bmc.host,
    port: inventory.bmc.port,
    tls: {
      mode: inventory.bmc.tls.mode,
      fingerprint: inventory.bmc.tls.fingerprint,
      caPem: await bmcCaPem(settings)
    },
    username: settings.bmcUser,
    password: settings.bmcPassword ?? '',
    log: host.log
  })
  const started = performance.now()
  const { outcomes, simulated } = await flashWithBmc(host, client, settings, image).finally(() =>
    client.close()
  )
  reportOutcomes(host, outcomes, {
    imageName: image.fileName,
    distro,
    simulated,
    totalMs: performance.now() - started
  })
  const failed = outcomes.filter((o) => o.status !== 'booted')
  await host.summary.write()
  if (failed.length > 0) {
    throw new ProvisionFailedError(failed)
  }
}

async function flashWithBmc(
  host: Host,
  client: BmcClient,
  settings: ProvisionSettings,
  image: PreparedImage
): Promise<{ outcomes: NodeOutcome[]; simulated: boolean }> {
  const { inventory, distro } = settings
  const version = await host.log.group('BMC', async () => {
    const found = await client.detectVersion()
    host.log.info(`BMC ${inventory.bmc.host}: ${describeBmc(found)}`)
    return found
  })
  const simulated = isSimulated(version)
  if (simulated)
    host.log.warn('This BMC is the rk1 virtual lab: every result of this run is SIMULATED.')
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
  })
  return { outcomes, simulated }
}

function reportOutcomes(
  host: Host,
  outcomes: NodeOutcome[],
  context: { imageName: string; distro: string; simulated: boolean; totalMs: number }
): void {
  summariseOutcomes(host.summary, outcomes, context)
  host.setOutput('result', outcomesJson(outcomes, context.simulated))
  host.setOutput(
    'flashed-nodes',
    outcomes
      .filter((o) => o.flash)
      .map((o) => o.slot)
      .join(',')
  )
}

class ProvisionFailedError extends Error {
  constructor(failed: NodeOutcome[]) {
    super(
      `${failed.length} node(s) failed: ` +
        failed.map((f) => `slot ${f.slot} (${f.hostname}) ${f.status}`).join('; ') +
        '. The summary lists each failure with what was seen.'
    )
    this.name = 'ProvisionFailedError'
  }
}

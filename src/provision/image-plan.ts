/**
 * The image a provision run flashes, planned once: from the inventory, or (Talos without an
 * image) from the Image Factory. A dry run only describes it (no download, no factory call); a
 * real run prepares it lazily, when the first node must be flashed.
 */
import { dirname } from 'node:path'
import type { Host } from '../common/host'
import type { FlashImage } from '../bmc'
import { planFactoryImage, resolveFactoryImage, type FactoryPlan } from '../distro/talos/factory'
import { describeImage, prepareImage, type PrepareOptions } from '../image/prepare'
import { xzUncompressedSize } from '../image/xz-index'
import { estimateFlashMs, type FlashPlanEntry } from './plan'
import type { ProvisionSettings } from './settings'

/** What the plan needs to know of the image: its name, and its size and local file when known. */
export interface PlannedImage {
  fileName: string
  size?: number
  path?: string
}

export interface ImagePlan {
  /** Set when the image comes from the Image Factory (Talos without distros.talos.image). */
  factory?: FactoryPlan
  /** What would be flashed, without any network beyond one HEAD request (dry runs). */
  describe(): Promise<PlannedImage>
  /** Downloads (or finds in the cache) and verifies the image: only when a node is flashed. */
  prepare(): Promise<FlashImage>
  /** One plan line per selected node, with the flash time estimate. */
  entries(image: PlannedImage): Promise<FlashPlanEntry[]>
}

export function imagePlan(host: Host, settings: ProvisionSettings): ImagePlan {
  const { inventory, distro } = settings
  const spec = inventory.distros[distro].image
  const talos = inventory.distros.talos
  const factory = spec ? undefined : planFactoryImage(talos, inventory.versions.talos)
  const options: PrepareOptions = {
    cacheDir: host.cacheDir,
    baseDir: dirname(settings.inventoryPath),
    log: host.log,
    signal: host.signal
  }
  return {
    factory,
    describe: async () => {
      if (!factory) {
        const described = await describeImage(spec!, options)
        return { ...described, path: spec?.kind === 'file' ? spec.source : undefined }
      }
      // No network in a dry run: the ID is computed, the URL follows from it.
      host.log.info(
        `Talos image from the Image Factory: schematic ${factory.schematic.id}${factory.schematic.given ? ' (distros.talos.schematicId)' : ''}, ${factory.imageUrl}`
      )
      host.log.info(`Installer image for gen config and upgrades: ${factory.installer}`)
      return { fileName: 'metal-arm64.raw.xz' }
    },
    prepare: async () =>
      prepareImage(
        spec ?? (await resolveFactoryImage(talos, inventory.versions.talos, options)),
        options
      ),
    entries: (image) => planEntries(settings, image)
  }
}

async function planEntries(
  settings: ProvisionSettings,
  image: PlannedImage
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

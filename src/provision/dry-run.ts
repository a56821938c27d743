/**
 * The dry run of provision (design.md §6): the plan per node, the image and, for `steps: all`,
 * the path each node would take, from read-only probes only. Nothing is flashed, configured or
 * generated; the BMC is not logged in to.
 */
import type { Host } from '../common/host'
import { inputRef } from '../common/input-style'
import { outputDirOf, readSecretFile, SSH_KEY_FILE } from '../common/secret-files'
import { resolveNodeKey } from '../distro/k3s/ssh-key'
import { join } from 'node:path'
import type { ImagePlan } from './image-plan'
import { k3sTalosAccess, type K3sTalosAccess } from './k3s/k3s-talos'
import { previewPaths } from './path-preview'
import { estimateNodePathMs, logPlan, summarisePlan, type FlashPlanEntry } from './plan'
import type { ProvisionSettings } from './settings'

export async function runDryRun(
  host: Host,
  settings: ProvisionSettings,
  image: ImagePlan
): Promise<void> {
  const { inventory, distro } = settings
  const entries = await withPaths(host, settings, await image.entries(await image.describe()))
  logPlan(host.log, entries, inventory.name, distro)
  if (settings.steps === 'all')
    host.log.info(
      'Each node is checked first: nodes already running this cluster or waiting for their configuration are not flashed' +
        (settings.reflash
          ? ` (${inputRef('reflash', 'true')}: every selected node is flashed).`
          : '.')
    )
  summarisePlan(host.summary, entries)
  const { factory } = image
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
}

/**
 * The key a run would use, masked: the input, else the one an earlier run kept in the cluster's
 * folder (read only). A dry run never generates one: there is nothing it could prove with it.
 */
async function dryRunKey(host: Host, settings: ProvisionSettings): Promise<string | undefined> {
  const input = settings.sshPrivateKey ?? host.env.RK1_SSH_PRIVATE_KEY
  const dir = outputDirOf(host, settings.inventory.name, settings.outputDir, settings.distro)
  const stored = input?.trim() ? undefined : await readSecretFile(dir, SSH_KEY_FILE)
  const given = input?.trim() ? input : stored?.value
  return given ? resolveNodeKey(host, given).privateKey : undefined
}

/**
 * K3s runs: this cluster's Talos secrets (input, else the cluster folder, read only) prove its
 * Talos nodes; the talosconfig made from them goes to this run's temp folder.
 */
async function dryRunTalos(
  host: Host,
  settings: ProvisionSettings
): Promise<K3sTalosAccess | undefined> {
  if (settings.distro !== 'k3s' || settings.flashPath === 'bmc') return undefined
  return k3sTalosAccess(host, {
    inventory: settings.inventory,
    dir: outputDirOf(host, settings.inventory.name, settings.outputDir, 'k3s'),
    secretsInput: settings.talosSecrets,
    workDir: join(host.tempDir, 'dry-run-talos')
  })
}

/**
 * The path per node for the dry run's plan, with read-only probes only (./path-preview):
 * `steps: flash` always flashes through the BMC.
 */
async function withPaths(
  host: Host,
  settings: ProvisionSettings,
  entries: FlashPlanEntry[]
): Promise<FlashPlanEntry[]> {
  if (settings.steps === 'flash')
    return entries.map((e) => ({ ...e, path: 'bmc', pathReason: 'steps: flash uses the BMC' }))
  const first = entries[0]
  const privateKey = await dryRunKey(host, settings)
  const talos = await dryRunTalos(host, settings)
  const previews = await host.log.group('Flash path per node (read-only probes)', () =>
    previewPaths({
      inventory: settings.inventory,
      nodes: settings.nodes,
      distro: settings.distro,
      mode: settings.flashPath,
      privateKey,
      // The node holds what travels: the personalised raw copy (K3s), the file itself (Talos).
      imageBytes: settings.distro === 'k3s' ? first?.writeBytes : first?.uploadBytes,
      talos,
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

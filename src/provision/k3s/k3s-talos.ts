/**
 * The Talos side of a K3s run (a switch Talos → K3s): this cluster's Talos secrets (input, or
 * secrets.yaml of the Talos run in the cluster's folder) give a talosconfig that proves its Talos
 * nodes ours (`ours-talos`, not `foreign-talos`), and with `reflash` those nodes write Armbian
 * through a privileged Job (TalosNodePath). talosctl is located only when a node answers on the
 * Talos API; the talosconfig is generated then.
 */
import { join } from 'node:path'
import type { Host } from '../../common/host'
import { endpointNode } from '../../distro/talos/config'
import { locateTalosctl } from '../../distro/talos/install-talosctl'
import { findTalosSecrets, knownTalosconfig } from '../../distro/talos/known-secrets'
import { Talosctl } from '../../distro/talos/talosctl'
import type { Inventory } from '../../inventory'
import { resolveKubeTools } from '../../kube/install'
import { TalosNodePath, type SharedUplink } from '../../node-flash'

export interface K3sTalosAccess {
  /** talosctl, with the talosconfig written before it is handed out. */
  talosctl: () => Promise<Talosctl>
  talosconfig: string
  haveSecrets: boolean
}

export async function k3sTalosAccess(
  host: Host,
  o: {
    inventory: Inventory
    /** The cluster's folder: where the Talos run kept secrets.yaml. */
    dir: string
    secretsInput?: string
    /** Where the talosconfig is written; default `<dir>/talos-access`. */
    workDir?: string
  }
): Promise<K3sTalosAccess> {
  const workDir = o.workDir ?? join(o.dir, 'talos-access')
  const haveSecrets = !!(await findTalosSecrets(host, { input: o.secretsInput, dir: o.dir }))
  // knownTalosconfig writes here: `<workDir>/config/talosconfig`, or the probe file without secrets.
  const talosconfig = haveSecrets
    ? join(workDir, 'config', 'talosconfig')
    : join(workDir, 'probe-talosconfig')
  let found: Promise<Talosctl> | undefined
  const talosctl = (): Promise<Talosctl> =>
    (found ??= (async () => {
      const binary = await locateTalosctl({
        version: o.inventory.versions.talos,
        env: host.env,
        cacheDir: host.cacheDir,
        log: host.log,
        signal: host.signal
      })
      // Its own folder (made by knownTalosconfig): the cluster's may not exist in a dry run.
      const tool = new Talosctl({ binary, env: host.env, cwd: workDir, signal: host.signal })
      const known = await knownTalosconfig({
        host,
        talosctl: tool,
        inventory: o.inventory,
        dir: o.dir,
        input: o.secretsInput,
        workDir
      })
      if (known.talosconfig !== talosconfig)
        throw new Error(`talosconfig written to ${known.talosconfig}, expected ${talosconfig}`)
      return tool
    })())
  return { talosctl, talosconfig, haveSecrets }
}

/** The node path for this run's Talos nodes of this cluster (`writers`), or none without secrets. */
export async function k3sTalosNodePath(
  host: Host,
  o: {
    access: K3sTalosAccess
    inventory: Inventory
    dir: string
    writers: number[]
    uplink: SharedUplink
    runnerAddress?: string
    bootTimeoutMs: number
    containerImage?: string
  }
): Promise<TalosNodePath | undefined> {
  if (!o.access.haveSecrets || o.writers.length === 0) return undefined
  return new TalosNodePath({
    talosctl: await o.access.talosctl(),
    talosconfig: o.access.talosconfig,
    controlPlane: endpointNode(o.inventory),
    runnerAddress: o.runnerAddress,
    uplink: o.uplink,
    kubeTools: () =>
      resolveKubeTools({
        cacheDir: host.cacheDir,
        env: host.env,
        versions: o.inventory.versions,
        log: host.log,
        signal: host.signal
      }),
    dir: join(o.dir, 'talos-access'),
    log: host.log,
    signal: host.signal,
    writers: o.writers,
    containerImage: o.containerImage,
    // A node that does not go down after the reboot is asked is power-cycled well before its boot deadline.
    rebootDownTimeoutMs: Math.min(120_000, Math.max(5000, o.bootTimeoutMs / 4))
  })
}

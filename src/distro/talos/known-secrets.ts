/**
 * A talosconfig from this cluster's Talos secrets for a run that does not provision Talos (a K3s
 * run switching this cluster's Talos nodes): the secrets come from the input, else from
 * `<dir>/secrets.yaml` of the Talos run that created the cluster. Never generated here: new
 * secrets would prove nothing. Without them the talosconfig only reaches the maintenance API, so
 * configured Talos nodes stay unproven (foreign).
 */
import { existsSync } from 'node:fs'
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Host } from '../../common/host'
import { maskConfigSecrets } from '../../common/mask-config'
import type { Inventory } from '../../inventory'
import { generateConfigs } from './config'
import type { Talosctl } from './talosctl'

export interface KnownTalosconfig {
  talosconfig: string
  /** True when the talosconfig carries this cluster's PKI (secrets were found). */
  haveSecrets: boolean
  /** Where the secrets came from, for the log. */
  from?: 'input' | 'file'
}

/** The secrets' text, or undefined; masked before anything could print it. */
export async function findTalosSecrets(
  host: Pick<Host, 'mask'>,
  o: { input?: string; dir: string }
): Promise<{ text: string; from: 'input' | 'file' } | undefined> {
  const stored = join(o.dir, 'secrets.yaml')
  const text = o.input?.trim()
    ? o.input
    : existsSync(stored)
      ? await readFile(stored, 'utf8')
      : undefined
  if (!text) return undefined
  maskConfigSecrets((s) => host.mask(s), text)
  return { text, from: o.input?.trim() ? 'input' : 'file' }
}

/** Writes the talosconfig under `<workDir>/config/` (0600); the secrets stay in `workDir`. */
export async function knownTalosconfig(o: {
  host: Pick<Host, 'mask' | 'log'>
  talosctl: Talosctl
  inventory: Inventory
  /** Where an earlier Talos run kept secrets.yaml (the cluster's output folder). */
  dir: string
  /** Input `talos-secrets`. */
  input?: string
  /** A private folder of this run. */
  workDir: string
}): Promise<KnownTalosconfig> {
  await mkdir(o.workDir, { recursive: true, mode: 0o700 })
  await chmod(o.workDir, 0o700)
  const found = await findTalosSecrets(o.host, { input: o.input, dir: o.dir })
  if (!found) {
    const talosconfig = join(o.workDir, 'probe-talosconfig')
    await writeFile(talosconfig, 'context: rk1-probe\ncontexts:\n  rk1-probe: {}\n', {
      mode: 0o600
    })
    return { talosconfig, haveSecrets: false }
  }
  const secretsPath = join(o.workDir, 'secrets.yaml')
  const text = found.text.endsWith('\n') ? found.text : `${found.text}\n`
  await writeFile(secretsPath, text, { mode: 0o600 })
  const configs = await generateConfigs({
    talosctl: o.talosctl,
    inventory: o.inventory,
    nodes: [],
    secretsPath,
    dir: o.workDir
  })
  o.host.log.info(
    `Talos secrets of this cluster from ${found.from === 'input' ? 'the talos-secrets input' : join(o.dir, 'secrets.yaml')}: its Talos nodes can be proven ours.`
  )
  return { talosconfig: configs.talosconfig, haveSecrets: true, from: found.from }
}

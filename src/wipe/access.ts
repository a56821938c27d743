/**
 * How wipe proves a node is ours and logs in: the Talos secrets (input, or secrets.yaml in the
 * provision output folder) give a talosconfig; the SSH key (input or RK1_SSH_PRIVATE_KEY) opens
 * the Armbian nodes. Without them nothing is proven ours, so configured nodes read as foreign.
 */
import { existsSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Host } from '../common/host'
import type { Inventory } from '../inventory'
import { generateConfigs } from '../distro/talos/config'
import { locateTalosctl } from '../distro/talos/install-talosctl'
import { maskConfigSecrets } from '../common/mask-config'
import { firstError, Talosctl } from '../distro/talos/talosctl'
import { resolveNodeKey } from '../distro/k3s/ssh-key'
import { readSecretFile, SSH_KEY_FILE } from '../common/secret-files'
import { TalosStepError } from '../distro/talos/operations'
import { HostKeyStore } from '../distro/k3s/host-keys'

export interface NodeAccess {
  talosctl: Talosctl
  talosconfig: string
  haveSecrets: boolean
  /** Our SSH key and this cluster's host-key pins; absent without a key (nothing provable). */
  ssh?: { privateKey: string; keys: HostKeyStore }
}

async function secretsFile(
  host: Host,
  talosctl: Talosctl,
  dir: string,
  o: { input?: string; outputDir?: string }
): Promise<{ path: string; given: boolean }> {
  const path = join(dir, 'secrets.yaml')
  const stored = o.outputDir ? join(o.outputDir, 'secrets.yaml') : undefined
  const text =
    o.input ?? (stored && existsSync(stored) ? await readFile(stored, 'utf8') : undefined)
  if (text) {
    maskConfigSecrets((s) => host.mask(s), text)
    await writeFile(path, text.endsWith('\n') ? text : `${text}\n`, { mode: 0o600 })
    return { path, given: true }
  }
  // Throwaway secrets only to have a talosconfig for the maintenance API; they prove nothing.
  const r = await talosctl.run(['gen', 'secrets', '-o', path, '--force'])
  if (r.code !== 0)
    throw new TalosStepError('talosctl could not prepare a client configuration.', {
      step: 'talosctl',
      evidence: firstError(r),
      advice: 'Check that talosctl works on this runner (`talosctl version --client`).'
    })
  return { path, given: false }
}

export async function openNodeAccess(
  host: Host,
  inventory: Inventory,
  o: { talosSecrets?: string; outputDir?: string; sshPrivateKey?: string }
): Promise<NodeAccess> {
  const dir = join(host.tempDir, 'wipe')
  await mkdir(dir, { recursive: true, mode: 0o700 })
  const binary = await locateTalosctl({
    version: inventory.versions.talos,
    env: host.env,
    cacheDir: host.cacheDir,
    log: host.log,
    signal: host.signal
  })
  const talosctl = new Talosctl({ binary, env: host.env, cwd: dir, signal: host.signal })
  const secrets = await secretsFile(host, talosctl, dir, o)
  const configs = await generateConfigs({
    talosctl,
    inventory,
    nodes: [],
    secretsPath: secrets.path,
    dir
  })
  const keyInput = o.sshPrivateKey || host.env.RK1_SSH_PRIVATE_KEY
  const stored = keyInput?.trim() ? undefined : await readSecretFile(o.outputDir, SSH_KEY_FILE)
  const key = keyInput?.trim() || stored ? resolveNodeKey(host, keyInput, stored) : undefined
  if (key?.origin === 'file') host.log.info(`SSH key: ${key.path}, kept by provision.`)
  if (!secrets.given)
    host.log.info(
      'No Talos secrets (talos-secrets input or output-dir/secrets.yaml): configured Talos nodes cannot be proven ours.'
    )
  if (!key) host.log.info('No ssh-private-key: Armbian nodes cannot be logged into or proven ours.')
  return {
    talosctl,
    talosconfig: configs.talosconfig,
    haveSecrets: secrets.given,
    ssh: key && {
      privateKey: key.privateKey,
      keys: await HostKeyStore.open(host.cacheDir, inventory.name)
    }
  }
}

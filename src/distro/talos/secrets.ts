/**
 * The cluster PKI (`talosctl gen secrets`): generated once, then kept by the user (an output and a
 * 0600 file) and given back on later runs, so configs generated again still match the running
 * cluster (tools.md §1.2.1). Every value in it is masked before anything could print it.
 */
import { existsSync } from 'node:fs'
import { chmod, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parse } from 'yaml'
import { Rk1Error } from '../../common/errors'
import type { Host } from '../../common/host'
import { maskConfigSecrets } from '../../common/mask-config'
import { firstError, type Talosctl } from './talosctl'

export class TalosSecretsError extends Rk1Error {}

export interface TalosSecrets {
  path: string
  text: string
  origin: 'input' | 'file' | 'generated'
}

function check(text: string, where: string): void {
  let doc: { cluster?: { id?: unknown }; certs?: { os?: unknown } } | undefined
  try {
    doc = parse(text) as typeof doc
  } catch {
    doc = undefined
  }
  if (!doc?.cluster?.id || !doc.certs?.os)
    throw new TalosSecretsError(`The Talos secrets from ${where} are not a secrets bundle.`, {
      step: 'secrets',
      evidence: 'expected the YAML written by `talosctl gen secrets` (cluster.id, certs.os, ...)',
      advice: 'Pass the talos-secrets output of the run that created the cluster, unchanged.'
    })
}

/** Secrets from the input, else `<dir>/secrets.yaml` of an earlier run, else new ones. */
export async function resolveSecrets(options: {
  host: Pick<Host, 'mask' | 'log'>
  talosctl: Talosctl
  dir: string
  input?: string
}): Promise<TalosSecrets> {
  const { host, dir } = options
  const mask = (secret: string): void => host.mask(secret)
  const path = join(dir, 'secrets.yaml')
  if (options.input) {
    maskConfigSecrets(mask, options.input)
    check(options.input, 'the talos-secrets input')
    await writeFile(path, options.input.endsWith('\n') ? options.input : `${options.input}\n`, {
      mode: 0o600
    })
    await chmod(path, 0o600)
    return { path, text: options.input, origin: 'input' }
  }
  if (existsSync(path)) {
    const text = await readFile(path, 'utf8')
    maskConfigSecrets(mask, text)
    check(text, path)
    await chmod(path, 0o600)
    host.log.info(`Talos cluster secrets: ${path}, kept by an earlier run.`)
    return { path, text, origin: 'file' }
  }
  const r = await options.talosctl.run(['gen', 'secrets', '-o', path])
  if (r.code !== 0)
    throw new TalosSecretsError('talosctl could not generate the cluster secrets.', {
      step: 'secrets',
      evidence: firstError(r),
      advice: 'Check that talosctl works on this runner (`talosctl version --client`).'
    })
  await chmod(path, 0o600)
  const text = await readFile(path, 'utf8')
  maskConfigSecrets(mask, text)
  host.log.info(
    `Generated new Talos cluster secrets, written to ${path} (mode 0600): later runs with this output-dir reuse them (in Actions store the talos-secrets output as a secret).`
  )
  return { path, text, origin: 'generated' }
}

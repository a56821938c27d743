/**
 * Generated secrets (the K3s SSH key, the Grafana admin password) are also written into the run's
 * output-dir, so none lives only in a log-masked output that a CLI user never sees: the folder is
 * 0700, each file 0600, and the log says where the file is, never what is in it.
 */
import { existsSync } from 'node:fs'
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import type { Host } from './host'

/** File names inside output-dir (wipe's list of cluster files uses them too). */
export const SSH_KEY_FILE = 'ssh-private-key'
export const GRAFANA_PASSWORD_FILE = 'grafana-admin-password'

/** output-dir as given, else the CLI's folder of this cluster, else `<tempDir>/<fallback>`. */
export function outputDirOf(
  host: Pick<Host, 'clusterDir' | 'tempDir'>,
  clusterName: string,
  given: string | undefined,
  fallback: string
): string {
  return resolve(given ?? host.clusterDir?.(clusterName) ?? join(host.tempDir, fallback))
}

/** Creates `dir` private (0700), also when it existed with a wider mode. */
export async function privateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 })
  await chmod(dir, 0o700)
}

/** Writes `value` to `<dir>/<name>` (0600) and logs the path (not the value); returns the path. */
export async function writeSecretFile(
  host: Pick<Host, 'log'>,
  dir: string,
  name: string,
  value: string,
  what: string
): Promise<string> {
  await privateDir(dir)
  const path = join(dir, name)
  await writeFile(path, value.endsWith('\n') ? value : `${value}\n`, { mode: 0o600 })
  await chmod(path, 0o600)
  host.log.info(`${what} written to ${path} (mode 0600).`)
  return path
}

/** The secret an earlier run wrote to `<dir>/<name>`, or undefined. */
export async function readSecretFile(
  dir: string | undefined,
  name: string
): Promise<{ path: string; value: string } | undefined> {
  if (!dir) return undefined
  const path = join(resolve(dir), name)
  if (!existsSync(path)) return undefined
  const value = (await readFile(path, 'utf8')).trim()
  return value ? { path, value } : undefined
}

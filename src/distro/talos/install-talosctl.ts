/**
 * Finds talosctl: the one on PATH, else the pinned release from GitHub, checksum-verified against
 * the release's `sha256sum.txt` and kept in the image cache (same https and cache machinery as the
 * images). Only when both fail does provisioning stop, with what was tried.
 */
import { constants } from 'node:fs'
import { access, chmod } from 'node:fs/promises'
import { delimiter, join } from 'node:path'
import { Rk1Error, errorText } from '../../common/errors'
import type { Logger } from '../../common/host'
import { httpRequest, statusError } from '../../image/http'
import { prepareImage } from '../../image/prepare'

export class TalosctlMissingError extends Rk1Error {}

const RELEASES = 'https://github.com/siderolabs/talos/releases/download'

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/** The first executable `talosctl` on PATH. */
export async function findOnPath(pathVar: string | undefined): Promise<string | undefined> {
  for (const dir of (pathVar ?? '').split(delimiter).filter(Boolean)) {
    const candidate = join(dir, 'talosctl')
    if (await isExecutable(candidate)) return candidate
  }
  return undefined
}

export function releaseAsset(): string {
  const arch = process.arch === 'x64' ? 'amd64' : process.arch === 'arm64' ? 'arm64' : undefined
  if (process.platform !== 'linux' && process.platform !== 'darwin')
    throw new TalosctlMissingError(`No talosctl release for ${process.platform}.`, {
      step: 'talosctl',
      advice: 'Run on Linux or macOS, or put talosctl on PATH.'
    })
  if (!arch)
    throw new TalosctlMissingError(`No talosctl release for ${process.arch}.`, {
      step: 'talosctl',
      advice: 'Put a talosctl for this machine on PATH.'
    })
  return `talosctl-${process.platform}-${arch}`
}

/** The digest of `asset` from a `sha256sum.txt` (`<hex>  <name>` lines). */
export function checksumFor(sumsText: string, asset: string): string | undefined {
  for (const line of sumsText.split('\n')) {
    const m = /^([0-9a-f]{64})\s+\*?(\S+)\s*$/i.exec(line.trim())
    if (m && m[2] === asset) return (m[1] as string).toLowerCase()
  }
  return undefined
}

async function fetchText(url: string, signal?: AbortSignal): Promise<string> {
  const res = await httpRequest(new URL(url), { method: 'GET', signal, idleTimeoutMs: 30_000 })
  if (res.status !== 200) throw statusError(res, new URL(url))
  const chunks: Buffer[] = []
  for await (const chunk of res.body) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

export interface LocateOptions {
  version: string
  env: NodeJS.ProcessEnv
  cacheDir: string
  log: Logger
  signal?: AbortSignal
}

/** talosctl from PATH, else the pinned release (downloaded once, verified, cached). */
export async function locateTalosctl(options: LocateOptions): Promise<string> {
  const onPath = await findOnPath(options.env.PATH)
  if (onPath) return onPath
  const asset = releaseAsset()
  const base = `${RELEASES}/${options.version}`
  options.log.info(`talosctl is not on PATH: installing ${asset} ${options.version}.`)
  try {
    const sha256 = checksumFor(await fetchText(`${base}/sha256sum.txt`, options.signal), asset)
    if (!sha256) throw new Error(`sha256sum.txt of ${options.version} has no line for ${asset}`)
    const file = await prepareImage(
      { source: `${base}/${asset}`, sha256 },
      {
        cacheDir: options.cacheDir,
        baseDir: options.cacheDir,
        log: options.log,
        signal: options.signal
      }
    )
    await chmod(file.path, 0o755)
    return file.path
  } catch (error) {
    throw new TalosctlMissingError('talosctl is not available.', {
      step: 'talosctl',
      evidence: `not on PATH; installing ${asset} ${options.version} from ${base} failed: ${errorText(error)}`,
      advice: `Install talosctl ${options.version} on the runner (same minor as the nodes) and put it on PATH.`
    })
  }
}

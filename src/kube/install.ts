// Installs the pinned helm and kubectl from their official release URLs when neither RK1_HELM /
// RK1_KUBECTL nor PATH has them. The published sha256 is fetched next to the artifact and checked
// before anything is unpacked or run. Verified tools live under the Host cacheDir, keyed by that
// digest; in Actions the cacheDir is inside RUNNER_TOOL_CACHE, which is all @actions/tool-cache
// would add (and layers below src/github may not import @actions/*), so it is not used.
import { execFile } from 'node:child_process'
import { chmod, mkdir, mkdtemp, readFile, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { Logger } from '../common/host'
import { acquireLock, findCachedFile, removeQuietly, writeJsonAtomic } from '../image/cache'
import { downloadToPartial } from '../image/download'
import { ImageError } from '../image/errors'
import { httpRequest, statusError } from '../image/http'
import { displayUrl } from '../image/source'
import { KubeToolInstallError } from './errors'
import {
  discoverKubeTools,
  locateKubeTools,
  missingToolsError,
  type KubeToolName,
  type KubeToolPaths
} from './tools'

const execFileAsync = promisify(execFile)

export const HELM_BASE_URL = 'https://get.helm.sh'
export const KUBECTL_BASE_URL = 'https://dl.k8s.io/release'

export interface InstallKubeToolsOptions {
  env: NodeJS.ProcessEnv
  /** The Host cacheDir; tools go to `<cacheDir>/tools/`. */
  cacheDir: string
  versions: { helm: string; kubectl: string }
  log: Logger
  signal?: AbortSignal
  /** Node's `process.arch`; only x64 and arm64 have official builds we use. */
  arch?: string
}

/** Where one pinned tool comes from. */
export interface ToolRelease {
  name: KubeToolName
  version: string
  /** The published artifact: a tarball for helm, the binary itself for kubectl. */
  url: URL
  /** The published sha256 of the artifact. */
  checksumUrl: URL
  fileName: string
}

function goArch(arch: string): string {
  if (arch === 'x64') return 'amd64'
  if (arch === 'arm64') return 'arm64'
  throw new KubeToolInstallError(`No official helm/kubectl build for CPU architecture ${arch}.`, {
    step: 'deploy-workloads',
    advice:
      'Install helm and kubectl yourself and put them on PATH (or set RK1_HELM / RK1_KUBECTL).'
  })
}

const trimSlash = (url: string): string => url.replace(/\/+$/, '')

export function toolRelease(
  name: KubeToolName,
  version: string,
  arch: string,
  env: NodeJS.ProcessEnv
): ToolRelease {
  const a = goArch(arch)
  if (name === 'helm') {
    const fileName = `helm-${version}-linux-${a}.tar.gz`
    const base = trimSlash(env.RK1_HELM_BASE_URL || HELM_BASE_URL)
    return {
      name,
      version,
      fileName,
      url: new URL(`${base}/${fileName}`),
      checksumUrl: new URL(`${base}/${fileName}.sha256sum`)
    }
  }
  const base = trimSlash(env.RK1_KUBECTL_BASE_URL || KUBECTL_BASE_URL)
  const url = new URL(`${base}/${version}/bin/linux/${a}/kubectl`)
  return {
    name,
    version,
    fileName: 'kubectl',
    url,
    checksumUrl: new URL(`${url.href}.sha256`)
  }
}

/** Both `<hex>` (kubectl) and `<hex>  <file>` (helm) checksum files. */
export function parseChecksumFile(text: string, url: URL): string {
  const hex = text.trim().split(/\s+/)[0]?.toLowerCase() ?? ''
  if (/^[0-9a-f]{64}$/.test(hex)) return hex
  throw new KubeToolInstallError(`${displayUrl(url)} is not a sha256 checksum file.`, {
    step: 'deploy-workloads',
    evidence: `starts with ${JSON.stringify(text.slice(0, 80))}`,
    advice: 'Check the base URL (RK1_HELM_BASE_URL / RK1_KUBECTL_BASE_URL) and the pinned version.'
  })
}

async function fetchText(url: URL, signal?: AbortSignal): Promise<string> {
  const res = await httpRequest(url, { method: 'GET', signal })
  if (res.status !== 200) {
    res.body.resume()
    throw statusError(res, url)
  }
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of res.body) {
    size += (chunk as Buffer).length
    // A checksum file is a line; anything large is the wrong URL.
    if (size > 64 * 1024) {
      res.body.destroy()
      break
    }
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/** `<cacheDir>/tools/<name>-<version>-linux-<arch>.json`: which digest a pinned release has. */
interface ToolIndexEntry {
  url: string
  sha256: string
  storedAt: string
}

function toolsDir(cacheDir: string): string {
  return join(cacheDir, 'tools')
}

function indexPath(cacheDir: string, release: ToolRelease, arch: string): string {
  return join(toolsDir(cacheDir), `${release.name}-${release.version}-linux-${goArch(arch)}.json`)
}

async function cachedTool(
  cacheDir: string,
  release: ToolRelease,
  arch: string
): Promise<string | undefined> {
  let entry: ToolIndexEntry
  try {
    entry = JSON.parse(await readFile(indexPath(cacheDir, release, arch), 'utf8')) as ToolIndexEntry
  } catch {
    return undefined
  }
  if (typeof entry.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(entry.sha256)) return undefined
  // Files reach bin/ only by a rename after verification, so presence means verified.
  return findCachedFile(join(toolsDir(cacheDir), 'sha256', entry.sha256, 'bin'), release.name)
}

async function extractHelm(tarball: string, dir: string, arch: string): Promise<string> {
  const tmp = await mkdtemp(join(dir, '.extract-'))
  const member = `linux-${goArch(arch)}/helm`
  try {
    await execFileAsync('tar', ['-xzf', tarball, '-C', tmp, member])
  } catch (error) {
    await rm(tmp, { recursive: true, force: true })
    throw new KubeToolInstallError(`Could not extract ${member} from ${tarball}.`, {
      step: 'deploy-workloads',
      evidence: (error as { stderr?: string }).stderr?.trim() || (error as Error).message,
      advice: 'The verified tarball does not have the layout of a helm release; check the base URL.'
    })
  }
  return tmp
}

async function installOne(
  release: ToolRelease,
  opts: InstallKubeToolsOptions,
  arch: string
): Promise<string> {
  const early = await cachedTool(opts.cacheDir, release, arch)
  if (early) {
    opts.log.info(`${release.name} ${release.version}: cached (${early}).`)
    return early
  }
  await mkdir(toolsDir(opts.cacheDir), { recursive: true })
  const release_ = await acquireLock(`${indexPath(opts.cacheDir, release, arch)}.lock`, {
    log: opts.log,
    signal: opts.signal,
    what: displayUrl(release.url)
  })
  try {
    const late = await cachedTool(opts.cacheDir, release, arch)
    if (late) return late
    const expected = parseChecksumFile(
      await fetchText(release.checksumUrl, opts.signal),
      release.checksumUrl
    )
    const dir = join(toolsDir(opts.cacheDir), 'sha256', expected)
    await mkdir(join(dir, 'bin'), { recursive: true })
    opts.log.info(`Installing ${release.name} ${release.version} from ${displayUrl(release.url)}.`)
    let downloaded: string
    try {
      downloaded = (
        await downloadToPartial({
          url: release.url,
          partialPath: join(dir, `${release.fileName}.partial`),
          expectedSha256: expected,
          label: release.fileName,
          log: opts.log,
          signal: opts.signal
        })
      ).path
    } catch (error) {
      if (!(error instanceof ImageError)) throw error
      throw new KubeToolInstallError(
        `${release.name} ${release.version} was not installed: ${error.message}`,
        {
          step: 'deploy-workloads',
          evidence: error.evidence,
          advice:
            'Nothing was run or cached. A checksum mismatch means the artifact is not the ' +
            'published one: check RK1_HELM_BASE_URL / RK1_KUBECTL_BASE_URL (or a proxy), or ' +
            'install the tool yourself and put it on PATH.'
        },
        { cause: error }
      )
    }
    const target = join(dir, 'bin', release.name)
    if (release.name === 'helm') {
      const tmp = await extractHelm(downloaded, dir, arch)
      try {
        const binary = join(tmp, `linux-${goArch(arch)}`, 'helm')
        await chmod(binary, 0o755)
        await rename(binary, target)
      } finally {
        await rm(tmp, { recursive: true, force: true })
      }
    } else {
      await chmod(downloaded, 0o755)
      await rename(downloaded, target)
    }
    await removeQuietly(downloaded, `${downloaded}.json`)
    await writeJsonAtomic(indexPath(opts.cacheDir, release, arch), {
      url: displayUrl(release.url),
      sha256: expected,
      storedAt: new Date().toISOString()
    } satisfies ToolIndexEntry)
    opts.log.info(`${release.name} ${release.version}: verified sha256 ${expected}.`)
    return target
  } finally {
    await release_()
  }
}

/**
 * helm and kubectl for a deploy: RK1_HELM / RK1_KUBECTL, then PATH, then the pinned release
 * (downloaded once, verified, cached). An explicit variable naming a missing file stays an error.
 */
export async function ensureKubeTools(opts: InstallKubeToolsOptions): Promise<KubeToolPaths> {
  const { found, missing } = locateKubeTools(opts.env)
  // An explicit RK1_HELM / RK1_KUBECTL that does not work is a mistake to report, not to paper over.
  const broken = missing.filter((m) => m.explicit)
  if (broken.length > 0) throw missingToolsError(opts.env, broken)
  const arch = opts.arch ?? process.arch
  const paths = { ...found }
  for (const { name } of missing) {
    const release = toolRelease(name, opts.versions[name], arch, opts.env)
    paths[name] = await installOne(release, opts, arch)
  }
  return paths as KubeToolPaths
}

/**
 * The tools a command that talks to the cluster uses: the caller's (tests), else installed as
 * ensureKubeTools does when there is a cache to install into, else found on the machine.
 */
export async function resolveKubeTools(o: {
  tools?: KubeToolPaths
  cacheDir?: string
  env: NodeJS.ProcessEnv
  versions: { helm: string; kubectl: string }
  log: Logger
  signal?: AbortSignal
}): Promise<KubeToolPaths> {
  if (o.tools) return o.tools
  if (!o.cacheDir) return discoverKubeTools(o.env)
  return ensureKubeTools({
    env: o.env,
    cacheDir: o.cacheDir,
    versions: o.versions,
    log: o.log,
    signal: o.signal
  })
}

import { createHash, randomBytes } from 'node:crypto'
import {
  mkdir,
  open,
  readdir,
  readFile,
  rename,
  stat,
  unlink,
  utimes,
  writeFile
} from 'node:fs/promises'
import { hostname } from 'node:os'
import { dirname, join } from 'node:path'
import { sleep } from '../common/abort'
import type { Logger } from '../common/host'

/**
 * Layout under the cache dir:
 *   images/sha256/<hex>/<name>          verified images, content-addressed
 *   images/sha256/<hex>/<name>.partial  a pinned download in progress (resumable), plus .lock
 *   images/by-url/<sha256(url)>.json    unpinned URL → digest + HTTP validators
 *   images/by-url/<sha256(url)>.partial an unpinned download in progress, plus .lock
 * Files reach their final name only by an atomic rename after verification, so a file under
 * sha256/<hex>/ is always complete.
 */
export function imagesDir(cacheDir: string): string {
  return join(cacheDir, 'images')
}

export function digestDir(cacheDir: string, sha256: string): string {
  return join(imagesDir(cacheDir), 'sha256', sha256)
}

export function urlKey(url: URL): string {
  return createHash('sha256').update(url.href).digest('hex')
}

export function byUrlBase(cacheDir: string, url: URL): string {
  return join(imagesDir(cacheDir), 'by-url', urlKey(url))
}

/** What a previous unpinned download learned about a URL. */
export interface UrlIndexEntry {
  /** The URL without query string, for people reading the cache. */
  url: string
  sha256: string
  fileName: string
  length: number
  etag?: string
  lastModified?: string
  storedAt: string
}

const HELPER_SUFFIXES = ['.partial', '.lock', '.json', '.tmp']

export async function isRegularFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile()
  } catch {
    return false
  }
}

/**
 * The cached file for a digest: `preferred` if present, else any complete file in the digest
 * dir (the same bytes fetched under another name are just as good).
 */
export async function findCachedFile(dir: string, preferred: string): Promise<string | undefined> {
  const exact = join(dir, preferred)
  if (await isRegularFile(exact)) return exact
  let names: string[]
  try {
    names = await readdir(dir)
  } catch {
    return undefined
  }
  for (const name of names.sort()) {
    if (HELPER_SUFFIXES.some((s) => name.endsWith(s)) || name.includes('.tmp-')) continue
    if (await isRegularFile(join(dir, name))) return join(dir, name)
  }
  return undefined
}

export async function readIndex(path: string): Promise<UrlIndexEntry | undefined> {
  try {
    const value = JSON.parse(await readFile(path, 'utf8')) as Partial<UrlIndexEntry>
    if (typeof value.sha256 !== 'string' || typeof value.fileName !== 'string') return undefined
    return value as UrlIndexEntry
  } catch {
    return undefined
  }
}

/** Writes via a unique temp name and a rename, so readers never see half a file. */
export async function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  await mkdir(dirname(path), { recursive: true })
  const tmp = `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`
  await writeFile(tmp, `${JSON.stringify(value, null, 2)}\n`)
  try {
    await rename(tmp, path)
  } catch (error) {
    await unlink(tmp).catch(() => undefined)
    throw error
  }
}

export async function removeQuietly(...paths: string[]): Promise<void> {
  await Promise.all(paths.map((p) => unlink(p).catch(() => undefined)))
}

interface LockInfo {
  pid: number
  host: string
  token: string
  since: string
}

/** A lock whose holder stopped refreshing it for this long is abandoned (crash, other host). */
const STALE_MS = 120_000
const HEARTBEAT_MS = 15_000

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM'
  }
}

async function isStale(path: string): Promise<boolean> {
  let mtime: number
  try {
    mtime = (await stat(path)).mtimeMs
  } catch {
    return false // gone already: the next create attempt wins or waits
  }
  if (Date.now() - mtime > STALE_MS) return true
  try {
    const info = JSON.parse(await readFile(path, 'utf8')) as LockInfo
    return info.host === hostname() && !pidAlive(info.pid)
  } catch {
    return false // being written right now
  }
}

export type ReleaseLock = () => Promise<void>

/**
 * Exclusive use of a download slot across processes: `open(wx)` on a lock file holding pid, host
 * and a token, refreshed while held. Waits (honouring `signal`) while a live holder has it; takes
 * over a lock whose holder died or stopped refreshing it.
 */
export async function acquireLock(
  path: string,
  opts: { log: Logger; signal?: AbortSignal; what: string }
): Promise<ReleaseLock> {
  await mkdir(dirname(path), { recursive: true })
  const info: LockInfo = {
    pid: process.pid,
    host: hostname(),
    token: randomBytes(8).toString('hex'),
    since: new Date().toISOString()
  }
  let announced = false
  let delay = 100
  for (;;) {
    if (opts.signal?.aborted) throw opts.signal.reason ?? new Error('aborted')
    try {
      const handle = await open(path, 'wx')
      try {
        await handle.writeFile(JSON.stringify(info))
      } finally {
        await handle.close()
      }
      break
    } catch (error) {
      if ((error as { code?: string }).code !== 'EEXIST') throw error
    }
    if (await isStale(path)) {
      opts.log.warn(`Taking over an abandoned lock ${path}.`)
      await removeQuietly(path)
      continue
    }
    if (!announced) {
      announced = true
      let holder = 'another process'
      try {
        const other = JSON.parse(await readFile(path, 'utf8')) as LockInfo
        holder = `process ${other.pid} on ${other.host}`
      } catch {
        // keep the generic wording
      }
      opts.log.info(`Waiting for ${holder}, which is fetching ${opts.what}.`)
    }
    await sleep(delay, opts.signal)
    delay = Math.min(delay * 2, 2000)
  }
  const heartbeat = setInterval(() => {
    const now = new Date()
    utimes(path, now, now).catch(() => undefined)
  }, HEARTBEAT_MS)
  heartbeat.unref()
  return async () => {
    clearInterval(heartbeat)
    try {
      const current = JSON.parse(await readFile(path, 'utf8')) as LockInfo
      if (current.token === info.token) await unlink(path)
    } catch {
      // already gone or taken over: nothing of ours to remove
    }
  }
}

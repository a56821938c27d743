import { mkdir, rename, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { formatBytes } from '../common/format'
import type { Logger } from '../common/host'
import {
  acquireLock,
  byUrlBase,
  digestDir,
  findCachedFile,
  readIndex,
  removeQuietly,
  writeJsonAtomic,
  type UrlIndexEntry
} from './cache'
import { normalizeSha256, sha256File, verifySha256 } from './checksum'
import { downloadToPartial, type RetryOptions } from './download'
import { ImageError, TransientError } from './errors'
import { bmcFileName, detectFileFormat, type ImageFormat } from './format'
import { httpRequest, statusError, type FetchOptions } from './http'
import { parseSource, type ImageSource } from './source'

/** An image as the inventory names it: https URL or local path, optionally pinned by digest. */
export interface ImageSpec {
  source: string
  sha256?: string
}

export interface PreparedImage {
  /** Local file to stream to the BMC. */
  path: string
  /** Bytes that will be uploaded (the BMC's `length`). */
  size: number
  /** Name to give the BMC; its `.xz` suffix decides decompression there. */
  fileName: string
  /** SHA-256 of the file's bytes, what the BMC checks. */
  sha256: string
  format: ImageFormat
  origin: 'local' | 'cache-hit' | 'downloaded'
}

export interface ImageDescription {
  fileName: string
  /** For an uncached URL whose name has no known suffix this is a guess (`raw`). */
  format: ImageFormat
  size?: number
  /** True when no download is needed (local files, and verified cache entries). */
  cached: boolean
}

export interface PrepareOptions {
  cacheDir: string
  /** Relative local paths resolve against this (the inventory's directory). */
  baseDir: string
  log: Logger
  signal?: AbortSignal
  fetchOptions?: FetchOptions
  retry?: RetryOptions
}

type UrlSource = Extract<ImageSource, { kind: 'url' }>
type LocalSource = Extract<ImageSource, { kind: 'local' }>

async function finish(
  path: string,
  name: string,
  subject: string,
  sha256: string,
  origin: PreparedImage['origin']
): Promise<PreparedImage> {
  const size = (await stat(path)).size
  const format = await detectFileFormat(path, name, subject)
  return { path, size, fileName: bmcFileName(name, format), sha256, format, origin }
}

async function checkLocalFile(src: LocalSource, spec: ImageSpec, baseDir: string): Promise<number> {
  let info
  try {
    info = await stat(src.path)
  } catch (error) {
    throw new ImageError(`Image file ${src.path} does not exist.`, {
      evidence: `source "${spec.source}" resolved against ${baseDir}: ${(error as Error).message}`,
      advice: 'Fix the image path in the inventory (relative paths start at the inventory file).'
    })
  }
  if (!info.isFile()) {
    throw new ImageError(`Image ${src.path} is not a regular file.`, {
      evidence: info.isDirectory() ? 'it is a directory' : 'it is a special file',
      advice: 'Point the inventory at the .img, .raw or .xz file itself.'
    })
  }
  if (info.size === 0) {
    throw new ImageError(`Image file ${src.path} is empty.`, {
      advice: 'Point the inventory at a complete image.'
    })
  }
  return info.size
}

async function prepareLocal(
  src: LocalSource,
  spec: ImageSpec,
  pinned: string | undefined,
  opts: PrepareOptions
): Promise<PreparedImage> {
  const size = await checkLocalFile(src, spec, opts.baseDir)
  const subject = `Image ${src.path}`
  // Format first: a wrong file is reported before spending time hashing it.
  await detectFileFormat(src.path, src.name, subject)
  opts.log.info(`Using local image ${src.path} (${formatBytes(size)}); computing its sha256.`)
  const sha256 = await sha256File(src.path, { log: opts.log, signal: opts.signal, label: src.name })
  if (pinned) verifySha256(pinned, sha256, { file: src.path, size })
  return finish(src.path, src.name, subject, sha256, 'local')
}

async function preparePinned(
  src: UrlSource,
  pinned: string,
  opts: PrepareOptions
): Promise<PreparedImage> {
  const dir = digestDir(opts.cacheDir, pinned)
  const subject = `Image ${src.display}`
  const hit = async (): Promise<PreparedImage | undefined> => {
    const cached = await findCachedFile(dir, src.name)
    if (!cached) return undefined
    // Not re-hashed: files get here only after verification, and the BMC checks the digest again.
    opts.log.info(`Image ${src.name}: cache hit (${cached}).`)
    return finish(cached, src.name, subject, pinned, 'cache-hit')
  }
  const early = await hit()
  if (early) return early
  const release = await acquireLock(join(dir, `${src.name}.lock`), {
    log: opts.log,
    signal: opts.signal,
    what: src.display
  })
  try {
    const late = await hit()
    if (late) return late
    const partialPath = join(dir, `${src.name}.partial`)
    opts.log.info(`Downloading ${src.display} into the image cache.`)
    const result = await downloadToPartial({
      url: src.url,
      partialPath,
      expectedSha256: pinned,
      label: src.name,
      log: opts.log,
      signal: opts.signal,
      fetchOptions: opts.fetchOptions,
      retry: opts.retry
    })
    await checkFormatOrDiscard(result.path, src.name, subject)
    const target = join(dir, src.name)
    await rename(result.path, target)
    await removeQuietly(`${result.path}.json`)
    return finish(target, src.name, subject, pinned, 'downloaded')
  } finally {
    await release()
  }
}

async function checkFormatOrDiscard(path: string, name: string, subject: string): Promise<void> {
  try {
    await detectFileFormat(path, name, subject)
  } catch (error) {
    // Complete but unusable (an HTML page, a gzip file): never let it into the cache.
    await removeQuietly(path, `${path}.json`)
    throw error
  }
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}

type Revalidation =
  | { state: 'fresh' | 'changed' | 'unverifiable'; length?: number }
  | { state: 'unreachable'; reason: string }
  /** The server says the file is not there (or not for us); the error is ready to throw. */
  | { state: 'gone'; error: ImageError }

/** One HEAD request: is the cached entry still what the URL serves? */
async function revalidate(
  src: UrlSource,
  entry: UrlIndexEntry | undefined,
  opts: PrepareOptions
): Promise<Revalidation> {
  let res
  try {
    res = await httpRequest(src.url, {
      method: 'HEAD',
      fetchOptions: opts.fetchOptions,
      signal: opts.signal,
      idleTimeoutMs: opts.retry?.idleTimeoutMs
    })
  } catch (error) {
    if (opts.signal?.aborted) throw opts.signal.reason ?? error
    if (error instanceof TransientError)
      return { state: 'unreachable', reason: `${error.evidence}` }
    throw error
  }
  res.body.resume()
  if (res.status === 404 || res.status === 410 || res.status === 401 || res.status === 403) {
    return { state: 'gone', error: statusError(res, src.url) }
  }
  if (res.status !== 200) return { state: 'unverifiable' }
  const lengthText = header(res.headers['content-length'])
  const length = lengthText && /^\d+$/.test(lengthText) ? Number(lengthText) : undefined
  if (!entry) return { state: 'changed', length }
  const etag = header(res.headers.etag)
  const lastModified = header(res.headers['last-modified'])
  let validated = false
  if (entry.etag && etag) {
    if (entry.etag !== etag) return { state: 'changed', length }
    validated = true
  }
  if (entry.lastModified && lastModified) {
    if (entry.lastModified !== lastModified) return { state: 'changed', length }
    validated = true
  }
  if (length !== undefined && length !== entry.length) return { state: 'changed', length }
  return { state: validated ? 'fresh' : 'unverifiable', length }
}

function warnUnpinned(src: UrlSource, sha256: string, log: Logger): void {
  log.warn(
    `No sha256 is pinned for ${src.display}; add "sha256: ${sha256}" to the inventory so a replaced or tampered image is detected and cache hits need no network.`
  )
}

async function cachedFromIndex(
  src: UrlSource,
  opts: PrepareOptions
): Promise<{ entry: UrlIndexEntry; path: string } | undefined> {
  const entry = await readIndex(`${byUrlBase(opts.cacheDir, src.url)}.json`)
  if (!entry) return undefined
  const path = await findCachedFile(digestDir(opts.cacheDir, entry.sha256), entry.fileName)
  return path ? { entry, path } : undefined
}

async function prepareUnpinned(src: UrlSource, opts: PrepareOptions): Promise<PreparedImage> {
  const subject = `Image ${src.display}`
  const base = byUrlBase(opts.cacheDir, src.url)
  const known = await cachedFromIndex(src, opts)
  if (known) {
    const check = await revalidate(src, known.entry, opts)
    if (check.state === 'fresh' || check.state === 'unreachable' || check.state === 'gone') {
      // Publishers move old releases away (Armbian does); the verified copy is still good.
      if (check.state === 'unreachable') {
        opts.log.warn(
          `Could not revalidate ${src.display} (${check.reason}); using the cached copy.`
        )
      } else if (check.state === 'gone') {
        opts.log.warn(`${check.error.message} Using the cached copy; update the inventory URL.`)
      }
      opts.log.info(`Image ${src.name}: cache hit (${known.path}).`)
      warnUnpinned(src, known.entry.sha256, opts.log)
      return finish(known.path, src.name, subject, known.entry.sha256, 'cache-hit')
    }
    opts.log.info(
      check.state === 'changed'
        ? `${src.display} changed since it was cached; downloading it again.`
        : `${src.display} cannot be revalidated (no ETag or Last-Modified); downloading it again.`
    )
  }
  const release = await acquireLock(`${base}.lock`, {
    log: opts.log,
    signal: opts.signal,
    what: src.display
  })
  try {
    // Another process may have downloaded it while we waited for the lock.
    const now = await cachedFromIndex(src, opts)
    if (now && now.entry.storedAt !== known?.entry.storedAt) {
      opts.log.info(`Image ${src.name}: fetched meanwhile by another process (${now.path}).`)
      warnUnpinned(src, now.entry.sha256, opts.log)
      return finish(now.path, src.name, subject, now.entry.sha256, 'cache-hit')
    }
    opts.log.info(`Downloading ${src.display} into the image cache.`)
    const result = await downloadToPartial({
      url: src.url,
      partialPath: `${base}.partial`,
      label: src.name,
      log: opts.log,
      signal: opts.signal,
      fetchOptions: opts.fetchOptions,
      retry: opts.retry
    })
    await checkFormatOrDiscard(result.path, src.name, subject)
    const dir = digestDir(opts.cacheDir, result.sha256)
    await mkdir(dir, { recursive: true })
    const existing = await findCachedFile(dir, src.name)
    const target = existing ?? join(dir, src.name)
    if (existing) await removeQuietly(result.path)
    else await rename(result.path, target)
    await removeQuietly(`${result.path}.json`)
    const entry: UrlIndexEntry = {
      url: src.display,
      sha256: result.sha256,
      fileName: src.name,
      length: result.size,
      etag: result.etag,
      lastModified: result.lastModified,
      storedAt: new Date().toISOString()
    }
    await writeJsonAtomic(`${base}.json`, entry)
    warnUnpinned(src, result.sha256, opts.log)
    return finish(target, src.name, subject, result.sha256, 'downloaded')
  } finally {
    await release()
  }
}

/**
 * Makes an image ready to stream to the BMC: a local file is checked and hashed in place; a URL is
 * downloaded once into the content-addressed cache (resumable, verified) and reused afterwards.
 */
export async function prepareImage(spec: ImageSpec, opts: PrepareOptions): Promise<PreparedImage> {
  opts.signal?.throwIfAborted()
  const src = parseSource(spec.source, opts.baseDir)
  const pinned = normalizeSha256(spec.sha256, `sha256 of image ${spec.source}`)
  if (src.kind === 'local') return prepareLocal(src, spec, pinned, opts)
  await mkdir(opts.cacheDir, { recursive: true })
  return pinned ? preparePinned(src, pinned, opts) : prepareUnpinned(src, opts)
}

/**
 * What prepareImage would use, for dry runs: never downloads and makes at most one HEAD request
 * (none for local files or pinned cache hits). Throws for a missing local file or a URL the
 * server says does not exist.
 */
export async function describeImage(
  spec: ImageSpec,
  opts: PrepareOptions
): Promise<ImageDescription> {
  const src = parseSource(spec.source, opts.baseDir)
  const pinned = normalizeSha256(spec.sha256, `sha256 of image ${spec.source}`)
  if (src.kind === 'local') {
    const size = await checkLocalFile(src, spec, opts.baseDir)
    const format = await detectFileFormat(src.path, src.name, `Image ${src.path}`)
    return { fileName: bmcFileName(src.name, format), format, size, cached: true }
  }
  const subject = `Image ${src.display}`
  const known = pinned ? undefined : await cachedFromIndex(src, opts)
  const cachedPath = pinned
    ? await findCachedFile(digestDir(opts.cacheDir, pinned), src.name)
    : known?.path
  const fromFile = async (path: string): Promise<ImageDescription> => {
    const format = await detectFileFormat(path, src.name, subject)
    return {
      fileName: bmcFileName(src.name, format),
      format,
      size: (await stat(path)).size,
      cached: true
    }
  }
  if (pinned && cachedPath) return fromFile(cachedPath)
  const check = await revalidate(src, known?.entry, opts)
  if (cachedPath && check.state !== 'changed' && check.state !== 'unverifiable') {
    return fromFile(cachedPath)
  }
  if (check.state === 'gone') throw check.error
  if (check.state === 'unreachable')
    opts.log.warn(`Could not reach ${src.display}: ${check.reason}`)
  const format = src.nameFormat ?? 'raw'
  const size = check.state === 'unreachable' ? undefined : check.length
  return { fileName: bmcFileName(src.name, format), format, size, cached: false }
}

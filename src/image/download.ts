import { createHash } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import type { Readable } from 'node:stream'
import { finished } from 'node:stream/promises'
import { sleep } from '../common/abort'
import { formatBytes, formatDuration } from '../common/format'
import type { Logger } from '../common/host'
import { removeQuietly, urlKey, writeJsonAtomic } from './cache'
import { hashFileInto, verifySha256 } from './checksum'
import { ImageError, TransientError } from './errors'
import { classifyNetworkError, httpRequest, statusError, type FetchOptions } from './http'
import { ProgressReporter } from './progress'
import { displayUrl } from './source'

export interface RetryOptions {
  /** Consecutive failed attempts without progress before giving up (default 5). */
  attempts?: number
  /** First backoff delay; doubles per failure up to maxDelayMs (defaults 1 s and 30 s). */
  baseDelayMs?: number
  maxDelayMs?: number
  /** Socket idle time that counts as a failed attempt (default 60 s). */
  idleTimeoutMs?: number
}

export interface DownloadRequest {
  url: URL
  /** Where bytes accumulate; kept between runs so a later run can resume. */
  partialPath: string
  /** When known, the result is verified against it (and resuming needs no HTTP validator). */
  expectedSha256?: string
  /** Name used in log lines. */
  label: string
  log: Logger
  signal?: AbortSignal
  fetchOptions?: FetchOptions
  retry?: RetryOptions
}

export interface DownloadResult {
  path: string
  size: number
  sha256: string
  etag?: string
  lastModified?: string
  finalUrl: URL
}

/** Sidecar of a partial: which entity its bytes came from, so a resume asks for the same one. */
interface PartialMeta {
  urlKey: string
  etag?: string
  lastModified?: string
  length?: number
}

/** An attempt that moved at least this much counts as progress and resets the failure count. */
const PROGRESS_BYTES = 1 << 20

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size
  } catch {
    return 0
  }
}

async function readMeta(path: string): Promise<PartialMeta | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as PartialMeta
  } catch {
    return undefined
  }
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}

/** If-Range needs a strong ETag (RFC 9110 §13.1.5); Last-Modified is the fallback. */
function validatorOf(meta: PartialMeta | undefined): string | undefined {
  if (meta?.etag && !meta.etag.startsWith('W/')) return meta.etag
  return meta?.lastModified
}

function parseContentRange(
  value: string | undefined
): { start: number; total?: number } | undefined {
  const m = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(value?.trim() ?? '')
  if (!m) return undefined
  return { start: Number(m[1]), total: m[3] === '*' ? undefined : Number(m[3]) }
}

function canResume(req: DownloadRequest, meta: PartialMeta | undefined): boolean {
  // Without a pinned digest only a validator proves old and new bytes belong to the same file.
  return (
    req.expectedSha256 !== undefined || (meta?.urlKey === urlKey(req.url) && !!validatorOf(meta))
  )
}

async function attempt(req: DownloadRequest): Promise<DownloadResult> {
  const metaPath = `${req.partialPath}.json`
  const have = await sizeOf(req.partialPath)
  const meta = have > 0 ? await readMeta(metaPath) : undefined
  const resume = have > 0 && canResume(req, meta)
  const headers: Record<string, string> = {}
  if (resume) {
    headers.range = `bytes=${have}-`
    const validator = meta?.urlKey === urlKey(req.url) ? validatorOf(meta) : undefined
    if (validator) headers['if-range'] = validator
  }
  const res = await httpRequest(req.url, {
    method: 'GET',
    headers,
    fetchOptions: req.fetchOptions,
    signal: req.signal,
    idleTimeoutMs: req.retry?.idleTimeoutMs
  })
  const etag = header(res.headers.etag)
  const lastModified = header(res.headers['last-modified'])
  let offset = 0
  let total: number | undefined
  if (res.status === 206 && resume) {
    const range = parseContentRange(header(res.headers['content-range']))
    if (!range || range.start !== have) {
      res.body.destroy()
      await removeQuietly(req.partialPath, metaPath)
      throw new TransientError(`Unexpected range in the answer for ${displayUrl(req.url)}.`, {
        evidence: `asked for bytes=${have}-, got Content-Range: ${header(res.headers['content-range']) ?? '(none)'}`,
        advice: 'The partial download was discarded; the next attempt starts over.'
      })
    }
    offset = have
    total = range.total
    req.log.info(`Resuming ${req.label} at ${formatBytes(have)}.`)
  } else if (res.status === 200) {
    if (have > 0) {
      req.log.info(
        resume
          ? `The server ignored the range request (no range support, or the file changed); downloading ${req.label} from the start.`
          : `Discarding ${formatBytes(have)} of an earlier download of ${req.label} that cannot be resumed safely.`
      )
    }
    const length = header(res.headers['content-length'])
    total = length !== undefined && /^\d+$/.test(length) ? Number(length) : undefined
    await writeJsonAtomic(metaPath, { urlKey: urlKey(req.url), etag, lastModified, length: total })
  } else if (res.status === 416) {
    res.body.resume()
    await removeQuietly(req.partialPath, metaPath)
    throw new TransientError(`The server rejected resuming ${req.label} (HTTP 416).`, {
      evidence: `asked for bytes=${have}-; the partial download was discarded`
    })
  } else {
    throw statusError(res, req.url)
  }

  const hash = createHash('sha256')
  if (offset > 0) await hashFileInto(req.partialPath, hash, { signal: req.signal })
  const progress = new ProgressReporter(req.log, `Downloading ${req.label}`, total, offset)
  const received = await writeBody(res.body, req.partialPath, offset > 0, (chunk, soFar) => {
    hash.update(chunk)
    progress.update(offset + soFar)
  }).catch((error: unknown) => {
    if (req.signal?.aborted) throw req.signal.reason ?? error
    throw classifyNetworkError(error, res.url)
  })
  const size = offset + received
  if (total !== undefined && size !== total) {
    throw new TransientError(`The connection closed early while downloading ${req.label}.`, {
      evidence: `received ${size} of ${total} bytes from ${displayUrl(res.url)}`
    })
  }
  req.log.info(`Downloaded ${req.label}: ${progress.summary(size)}.`)
  return {
    path: req.partialPath,
    size,
    sha256: hash.digest('hex'),
    etag,
    lastModified,
    finalUrl: res.url
  }
}

/**
 * Appends (or writes) the body to `path`. Flowing mode, not pipeline() or an async iterator: when
 * the connection drops, Node discards whatever sits in a paused stream's buffer, so bytes go to
 * the file as they arrive and a resume loses nothing. The large write buffer keeps pauses rare
 * while bounding memory.
 */
async function writeBody(
  body: Readable,
  path: string,
  append: boolean,
  onChunk: (chunk: Buffer, total: number) => void
): Promise<number> {
  const out = createWriteStream(path, { flags: append ? 'a' : 'w', highWaterMark: 8 << 20 })
  let total = 0
  let outError: unknown
  out.on('error', (error) => {
    outError = error
    body.destroy(error)
  })
  body.on('data', (chunk: Buffer) => {
    total += chunk.length
    onChunk(chunk, total)
    if (!out.write(chunk)) {
      body.pause()
      out.once('drain', () => body.resume())
    }
  })
  let bodyError: unknown
  try {
    await finished(body)
  } catch (error) {
    bodyError = error
  }
  if (outError !== undefined) throw outError
  out.end()
  await finished(out)
  if (bodyError !== undefined) throw bodyError
  return total
}

/**
 * Downloads `url` into `partialPath`, resuming with a Range request from whatever an earlier
 * attempt or run left there, retrying transient failures with exponential backoff (bounded), and
 * verifying the digest when one is expected (a mismatch deletes the partial). The caller holds the
 * lock for `partialPath` and renames it into place.
 */
export async function downloadToPartial(req: DownloadRequest): Promise<DownloadResult> {
  const attempts = Math.max(1, req.retry?.attempts ?? 5)
  const baseDelay = req.retry?.baseDelayMs ?? 1000
  const maxDelay = req.retry?.maxDelayMs ?? 30_000
  const metaPath = `${req.partialPath}.json`
  let failures = 0
  let tries = 0
  for (;;) {
    req.signal?.throwIfAborted()
    const before = await sizeOf(req.partialPath)
    let result: DownloadResult
    try {
      tries++
      result = await attempt(req)
    } catch (error) {
      if (req.signal?.aborted) throw req.signal.reason ?? error
      if (!(error instanceof TransientError)) throw error
      const after = await sizeOf(req.partialPath)
      failures = after - before >= PROGRESS_BYTES ? 1 : failures + 1
      // A connection that keeps dropping after some progress still gets a hard ceiling.
      if (failures >= attempts || tries >= attempts * 4) {
        const kept = canResume(req, await readMeta(metaPath)) && after > 0
        if (!kept) await removeQuietly(req.partialPath, metaPath)
        throw new ImageError(
          `Download of ${displayUrl(req.url)} failed after ${tries} attempts.`,
          {
            evidence: `${error.message} ${error.evidence ?? ''}`.trim(),
            advice: kept
              ? `${formatBytes(after)} were kept in ${req.partialPath}; run again to resume.`
              : (error.advice ?? 'Check the network and the server, then run again.')
          },
          { cause: error }
        )
      }
      const delay = Math.min(baseDelay * 2 ** (failures - 1), maxDelay)
      req.log.warn(
        `${error.message}${error.evidence ? ` (${error.evidence})` : ''} Retrying in ${formatDuration(delay)} (attempt ${failures + 1} of ${attempts}).`
      )
      await sleep(delay, req.signal)
      continue
    }
    if (req.expectedSha256 && result.sha256 !== req.expectedSha256) {
      await removeQuietly(req.partialPath, metaPath)
      verifySha256(req.expectedSha256, result.sha256, {
        url: displayUrl(req.url),
        size: result.size
      })
    }
    return result
  }
}

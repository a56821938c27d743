import { createHash, type Hash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import type { Logger } from '../common/host'
import { ImageError } from './errors'
import { ProgressReporter } from './progress'

const SHA256_HEX = /^[0-9a-f]{64}$/

/**
 * Normalises a user-supplied digest: lower case, optional `sha256:` prefix. Returns undefined for
 * an absent value and throws for a malformed one, because a typo must not silently disable the check.
 */
export function normalizeSha256(value: string | undefined, where = 'sha256'): string | undefined {
  if (value === undefined) return undefined
  const hex = value
    .trim()
    .toLowerCase()
    .replace(/^sha256:/, '')
  if (hex === '') return undefined
  if (!SHA256_HEX.test(hex)) {
    throw new ImageError(`The ${where} "${value}" is not a SHA-256 digest.`, {
      evidence: `got ${hex.length} characters; expected 64 hexadecimal characters`,
      advice: 'Copy the digest from the image publisher (e.g. the .sha256 file next to the image).'
    })
  }
  return hex
}

/** Feeds a file's bytes into `hash` without holding it in memory. */
export async function hashFileInto(
  path: string,
  hash: Hash,
  opts: { signal?: AbortSignal; onBytes?: (bytes: number) => void } = {}
): Promise<number> {
  let bytes = 0
  const source = createReadStream(path, { highWaterMark: 1 << 20 })
  for await (const chunk of source.iterator({ destroyOnReturn: true })) {
    if (opts.signal?.aborted) {
      source.destroy()
      throw opts.signal.reason ?? new Error('aborted')
    }
    hash.update(chunk as Buffer)
    bytes += (chunk as Buffer).length
    opts.onBytes?.(bytes)
  }
  return bytes
}

/**
 * SHA-256 of a file, streamed. Hashing a multi-GiB image takes a while, so progress is logged
 * (at most every few seconds; a small file finishes before the first line).
 */
export async function sha256File(
  path: string,
  opts: { log?: Logger; signal?: AbortSignal; label?: string } = {}
): Promise<string> {
  const hash = createHash('sha256')
  const total = (await stat(path)).size
  const log = opts.log
  const progress = log
    ? new ProgressReporter(log, `Hashing ${opts.label ?? path}`, total)
    : undefined
  await hashFileInto(path, hash, { signal: opts.signal, onBytes: (b) => progress?.update(b) })
  return hash.digest('hex')
}

/** Throws an ImageError naming both digests and the file when they differ. */
export function verifySha256(
  expected: string,
  actual: string,
  what: { file?: string; url?: string; size?: number }
): void {
  if (expected.toLowerCase() === actual.toLowerCase()) return
  const subject = what.url ?? what.file ?? 'the image'
  const evidence = [
    `expected sha256 ${expected.toLowerCase()}`,
    `actual sha256 ${actual.toLowerCase()}`,
    what.file ? `file ${what.file}` : undefined,
    what.url ? `url ${what.url}` : undefined,
    what.size !== undefined ? `size ${what.size} bytes` : undefined
  ].filter(Boolean)
  throw new ImageError(`SHA-256 mismatch for ${subject}.`, {
    evidence: evidence.join('; '),
    advice: what.url
      ? 'Check that the pinned sha256 belongs to this exact URL (publishers sometimes replace files); the download was discarded and nothing was cached.'
      : 'Check that the pinned sha256 belongs to this file, or that the file was not modified or truncated.'
  })
}

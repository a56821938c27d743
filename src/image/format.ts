import { open } from 'node:fs/promises'
import { ImageError } from './errors'

/** What the BMC can take: raw bytes, or xz which it decompresses on the fly (bmc-api §5.2). */
export type ImageFormat = 'raw' | 'xz'

export type Magic = 'xz' | 'gzip' | 'zstd' | 'bzip2' | 'zip' | 'lz4' | '7z' | 'html' | 'unknown'

const MAGICS: ReadonlyArray<[Exclude<Magic, 'html' | 'unknown'>, number[]]> = [
  ['xz', [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]],
  ['gzip', [0x1f, 0x8b]],
  ['zstd', [0x28, 0xb5, 0x2f, 0xfd]],
  ['bzip2', [0x42, 0x5a, 0x68]],
  ['zip', [0x50, 0x4b, 0x03, 0x04]],
  ['lz4', [0x04, 0x22, 0x4d, 0x18]],
  ['7z', [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]]
]

/** Bytes needed by detectMagic. */
export const MAGIC_PROBE_BYTES = 512

/** Compression formats the BMC would write to the eMMC undecompressed, keyed by file suffix. */
const REJECTED_SUFFIXES: ReadonlyArray<[string, Magic]> = [
  ['.tar.gz', 'gzip'],
  ['.tgz', 'gzip'],
  ['.gz', 'gzip'],
  ['.zst', 'zstd'],
  ['.zstd', 'zstd'],
  ['.bz2', 'bzip2'],
  ['.lz4', 'lz4'],
  ['.zip', 'zip'],
  ['.7z', '7z']
]

const RAW_SUFFIXES = ['.img', '.raw', '.iso', '.bin']

const RECOMPRESS: Partial<Record<Magic, string>> = {
  gzip: 'gzip -dc',
  zstd: 'zstd -dc',
  bzip2: 'bzip2 -dc',
  lz4: 'lz4 -dc',
  zip: 'unzip -p',
  '7z': '7z x -so'
}

function rejectCompressed(kind: Magic, subject: string, seen: string): never {
  const tool = RECOMPRESS[kind] ?? 'decompress'
  throw new ImageError(
    `${subject} is ${kind}-compressed; the BMC only decompresses xz and would write these bytes to the eMMC unchanged.`,
    {
      evidence: seen,
      advice: `Recompress it as xz (e.g. \`${tool} <file> | xz -T0 > image.img.xz\`) or decompress it to a raw .img, and point the inventory at the result.`
    }
  )
}

/**
 * The format a file name announces: `.xz` → xz, `.img`/`.raw`/`.iso`/`.bin` → raw, other
 * compressions → rejected, anything else → undefined (the magic bytes decide).
 */
export function formatFromName(name: string): ImageFormat | undefined {
  const lower = name.toLowerCase()
  if (lower.endsWith('.xz')) return 'xz'
  for (const [suffix, kind] of REJECTED_SUFFIXES) {
    if (lower.endsWith(suffix)) rejectCompressed(kind, `"${name}"`, `file name ends with ${suffix}`)
  }
  if (RAW_SUFFIXES.some((s) => lower.endsWith(s))) return 'raw'
  return undefined
}

/** Identifies the first bytes of a file. */
export function detectMagic(head: Uint8Array): Magic {
  for (const [kind, bytes] of MAGICS) {
    if (head.length >= bytes.length && bytes.every((b, i) => head[i] === b)) return kind
  }
  const text = Buffer.from(head.subarray(0, 64))
    .toString('latin1')
    .replace(/^\uFEFF|^\u00EF\u00BB\u00BF/, '')
    .trimStart()
    .toLowerCase()
  if (text.startsWith('<!doctype html') || text.startsWith('<html')) return 'html'
  return 'unknown'
}

export async function readHead(path: string, bytes = MAGIC_PROBE_BYTES): Promise<Buffer> {
  const handle = await open(path, 'r')
  try {
    const buffer = Buffer.alloc(bytes)
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0)
    return buffer.subarray(0, bytesRead)
  } finally {
    await handle.close()
  }
}

function hex(head: Uint8Array): string {
  return Buffer.from(head.subarray(0, 8)).toString('hex').replace(/(..)/g, '$1 ').trim()
}

/**
 * Reconciles what the name says with what the bytes are. A contradiction is an error rather than
 * a guess: an xz stream written raw (or raw bytes fed to the decompressor) ruins the flash.
 */
export function resolveFormat(name: string, head: Uint8Array, subject: string): ImageFormat {
  const byName = formatFromName(name)
  const magic = detectMagic(head)
  const seen = `first bytes: ${hex(head)} (${magic === 'unknown' ? 'no known signature' : magic})`
  if (magic === 'html') {
    throw new ImageError(`${subject} is an HTML page, not a disk image.`, {
      evidence: seen,
      advice:
        'The URL probably points to a download page or needs a login; use the direct link to the image file.'
    })
  }
  if (magic !== 'xz' && magic !== 'unknown') rejectCompressed(magic, subject, seen)
  if (head.length === 0) {
    throw new ImageError(`${subject} is empty.`, {
      advice: 'Point the inventory at a complete image.'
    })
  }
  if (byName === 'xz' && magic !== 'xz') {
    throw new ImageError(`${subject} is named .xz but does not contain xz data.`, {
      evidence: seen,
      advice:
        'Check that the file is complete and really xz-compressed (`xz -t <file>`), or rename a raw image to .img.'
    })
  }
  if (byName === 'raw' && magic === 'xz') {
    throw new ImageError(`${subject} is named as a raw image but contains xz data.`, {
      evidence: seen,
      advice: 'Rename it to end in .xz so the BMC decompresses it, or decompress it with `xz -d`.'
    })
  }
  return magic === 'xz' ? 'xz' : 'raw'
}

/** Reads the head of `path` and resolves its format. */
export async function detectFileFormat(
  path: string,
  name: string,
  subject: string
): Promise<ImageFormat> {
  return resolveFormat(name, await readHead(path), subject)
}

/** The name to give the BMC: only its `.xz` suffix matters there (bmc-api §5.2). */
export function bmcFileName(name: string, format: ImageFormat): string {
  const lower = name.toLowerCase()
  if (format === 'xz') return lower.endsWith('.xz') ? name : `${name}.xz`
  return lower.endsWith('.xz') ? `${name}.img` : name
}

/**
 * A small synthetic Talos `metal-arm64.raw` (and `.raw.xz`, like the Image Factory serves). The lab
 * recognises it by the marker in its first 64 KiB:
 *   `RK1LAB-IMAGE distro=talos version=<v> schematic=<id> [extensions=a,b]`
 * The lab Talos node reads version, schematic and extensions from it (`get extensions`, `version`).
 */
import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { promisify } from 'node:util'
import { sha256File } from '../../image/checksum'

const run = promisify(execFile)

export interface TalosImageOptions {
  version: string
  schematicId: string
  /** Official extensions baked in by the schematic, e.g. `siderolabs/iscsi-tools`. */
  extensions?: string[]
  /** Size of the raw image; default 4 MiB. */
  sizeMiB?: number
}

export interface TalosImage {
  raw: string
  xz: string
  rawSha256: string
  xzSha256: string
}

export function talosImageMarker(opts: TalosImageOptions): string {
  const ext = opts.extensions?.length ? ` extensions=${opts.extensions.join(',')}` : ''
  return `RK1LAB-IMAGE distro=talos version=${opts.version} schematic=${opts.schematicId}${ext}\n`
}

/** sha256 of the file, also written beside it as `<file>.sha256` (`<hex>  <name>`, sha256sum style). */
async function sha256(path: string): Promise<string> {
  const hex = await sha256File(path)
  await writeFile(`${path}.sha256`, `${hex}  ${basename(path)}\n`)
  return hex
}

/** Writes `<dir>/metal-arm64.raw` and `.raw.xz` (the raw file is kept), each with a `.sha256` file. */
export async function buildTalosImage(dir: string, opts: TalosImageOptions): Promise<TalosImage> {
  await mkdir(dir, { recursive: true })
  const raw = join(dir, 'metal-arm64.raw')
  const size = Math.max(1, opts.sizeMiB ?? 4) * 1024 * 1024
  const out = createWriteStream(raw)
  // A GPT-ish first sector keeps "looks like a disk image" checks happy; the marker follows at 4 KiB.
  const head = Buffer.alloc(64 * 1024)
  head.write('EFI PART', 512, 'latin1')
  head.write(talosImageMarker(opts), 4096, 'latin1')
  out.write(head)
  let written = head.length
  for (let i = 0; written < size; i++) {
    const n = Math.min(64 * 1024, size - written)
    // Some random blocks so xz has real work and every flashed byte can be compared.
    out.write(i % 8 === 0 ? randomBytes(n) : Buffer.alloc(n, i % 251))
    written += n
  }
  await new Promise<void>((resolve, reject) =>
    out.end((error?: Error | null) => (error ? reject(error) : resolve()))
  )
  const xz = `${raw}.xz`
  await run('xz', ['-f', '-k', '-T1', '-3', raw])
  return { raw, xz, rawSha256: await sha256(raw), xzSha256: await sha256(xz) }
}

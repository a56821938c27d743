import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { mkdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { sha256File } from '../image/checksum'

const run = promisify(execFile)

export type LabDistro = 'talos' | 'armbian'

export interface LabImage {
  distro: LabDistro
  path: string
  sha256: string
  size: number
}

/**
 * The identity marker the lab recognises on an emulated eMMC (first 64 KiB). Real images are
 * recognised by their content too; the marker keeps the lab independent of real image layouts.
 */
export function labImageMarker(distro: LabDistro): string {
  return `RK1LAB-IMAGE distro=${distro}\n`
}

/**
 * Writes a synthetic image: marker, then mixed random and zero blocks so that xz has realistic
 * work to do and every byte on the emulated eMMC can be compared.
 */
async function writeSyntheticImage(
  path: string,
  distro: LabDistro,
  sizeBytes: number
): Promise<void> {
  const out = createWriteStream(path)
  const marker = Buffer.from(labImageMarker(distro))
  out.write(Buffer.concat([marker, Buffer.alloc(4096 - marker.length)]))
  let written = 4096
  const block = 64 * 1024
  for (let i = 0; written < sizeBytes; i++) {
    const n = Math.min(block, sizeBytes - written)
    out.write(i % 4 === 0 ? randomBytes(n) : Buffer.alloc(n, i % 251))
    written += n
  }
  await new Promise<void>((resolve, reject) =>
    out.end((error?: Error | null) => (error ? reject(error) : resolve()))
  )
}

/**
 * Creates the lab's images in `dir`: Talos as `.raw.xz` (like the Image Factory's
 * metal-arm64.raw.xz) and Armbian as a raw `.img`, so both upload paths of the BMC are exercised.
 */
export async function createLabImages(
  dir: string,
  sizeBytes = 8 * 1024 * 1024
): Promise<Record<LabDistro, LabImage>> {
  await mkdir(dir, { recursive: true })
  const talosRaw = join(dir, 'talos-metal-arm64.raw')
  await writeSyntheticImage(talosRaw, 'talos', sizeBytes)
  await run('xz', ['-f', '-T1', '-3', talosRaw])
  const armbian = join(dir, 'armbian-turing-rk1-vendor.img')
  await writeSyntheticImage(armbian, 'armbian', sizeBytes)
  const describe = async (distro: LabDistro, path: string): Promise<LabImage> => ({
    distro,
    path,
    sha256: await sha256File(path),
    size: (await stat(path)).size
  })
  return {
    talos: await describe('talos', `${talosRaw}.xz`),
    armbian: await describe('armbian', armbian)
  }
}

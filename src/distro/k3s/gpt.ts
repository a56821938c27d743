/**
 * The GPT of a disk image, read in TypeScript so personalisation needs neither root nor loop
 * devices: the rootfs partition's byte offset is taken from the table, never hard-coded
 * (`../shared/specs/tools.md` §4.4).
 */
import { open } from 'node:fs/promises'
import { Rk1Error } from '../../common/errors'

export const SECTOR = 512

export interface GptPartition {
  /** 1-based entry number. */
  number: number
  name: string
  typeGuid: string
  firstLba: number
  lastLba: number
  offsetBytes: number
  sizeBytes: number
}

export class GptError extends Rk1Error {}

function guid(b: Buffer): string {
  const hex = (x: Buffer): string => x.toString('hex').toUpperCase()
  const le = (x: Buffer): string => hex(Buffer.from(x).reverse())
  return [
    le(b.subarray(0, 4)),
    le(b.subarray(4, 6)),
    le(b.subarray(6, 8)),
    hex(b.subarray(8, 10)),
    hex(b.subarray(10, 16))
  ].join('-')
}

export interface GptHeader {
  entriesLba: number
  count: number
  entrySize: number
}

/** The primary header at LBA 1; throws when the sector is not a GPT header. */
export function parseGptHeader(sector: Buffer): GptHeader {
  if (sector.length < 92 || sector.toString('latin1', 0, 8) !== 'EFI PART')
    throw new GptError('The image has no GPT (no "EFI PART" signature at LBA 1).', {
      step: 'personalise',
      advice: 'Use an Armbian image for the RK1 (GPT with a partition named rootfs).'
    })
  const entrySize = sector.readUInt32LE(84)
  const count = sector.readUInt32LE(80)
  if (entrySize < 128 || entrySize > 4096 || count === 0 || count > 1024)
    throw new GptError('The GPT header is corrupt (entry size or count out of range).', {
      step: 'personalise',
      evidence: `entries=${count} entrySize=${entrySize}`
    })
  return { entriesLba: Number(sector.readBigUInt64LE(72)), count, entrySize }
}

/** Non-empty entries of a partition entry array. */
export function parseGptEntries(table: Buffer, header: GptHeader): GptPartition[] {
  const out: GptPartition[] = []
  for (let i = 0; i < header.count; i++) {
    const e = table.subarray(i * header.entrySize, (i + 1) * header.entrySize)
    if (e.length < 128 || e.subarray(0, 16).every((b) => b === 0)) continue
    const firstLba = Number(e.readBigUInt64LE(32))
    const lastLba = Number(e.readBigUInt64LE(40))
    out.push({
      number: i + 1,
      name: e.toString('utf16le', 56, 128).replace(/\0.*$/s, ''),
      typeGuid: guid(e.subarray(0, 16)),
      firstLba,
      lastLba,
      offsetBytes: firstLba * SECTOR,
      sizeBytes: (lastLba - firstLba + 1) * SECTOR
    })
  }
  return out
}

export async function readGptPartitions(imagePath: string): Promise<GptPartition[]> {
  const file = await open(imagePath, 'r')
  try {
    const sector = Buffer.alloc(SECTOR)
    await file.read(sector, 0, SECTOR, SECTOR)
    const header = parseGptHeader(sector)
    const table = Buffer.alloc(header.count * header.entrySize)
    await file.read(table, 0, table.length, header.entriesLba * SECTOR)
    return parseGptEntries(table, header)
  } finally {
    await file.close()
  }
}

/** The partition named `rootfs` (Armbian's only partition); never a guess at another one. */
export async function findRootfsPartition(imagePath: string): Promise<GptPartition> {
  const parts = await readGptPartitions(imagePath)
  const rootfs = parts.find((p) => p.name === 'rootfs')
  if (!rootfs)
    throw new GptError('The image has no GPT partition named "rootfs".', {
      step: 'personalise',
      evidence: `partitions: ${parts.map((p) => `${p.number}:${p.name || '(unnamed)'}`).join(', ') || 'none'}`,
      advice: 'Use an Armbian image built for the RK1 (one partition named rootfs).'
    })
  return rootfs
}

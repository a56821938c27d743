import { open } from 'node:fs/promises'

/**
 * Reads the uncompressed size of an .xz file from its index, without decompressing: the index at
 * the end of each stream lists every block's uncompressed size. Used to estimate flash times and
 * to show progress percentages, since the BMC counts decompressed bytes (bmc-api.md §5.5).
 * Returns undefined for anything it does not understand rather than guessing.
 */
export async function xzUncompressedSize(path: string): Promise<number | undefined> {
  const file = await open(path, 'r')
  try {
    const { size } = await file.stat()
    let end = size
    let total = 0
    // Concatenated streams are read back to front; stream padding is zero bytes in 4-byte groups.
    while (end > 0) {
      const tail = Buffer.alloc(4)
      await file.read(tail, 0, 4, end - 4)
      if (tail.readUInt32LE(0) === 0) {
        end -= 4
        continue
      }
      const footer = Buffer.alloc(12)
      if (end < 12 + 12) return undefined
      await file.read(footer, 0, 12, end - 12)
      if (footer[10] !== 0x59 || footer[11] !== 0x5a) return undefined
      const indexSize = (footer.readUInt32LE(4) + 1) * 4
      const indexStart = end - 12 - indexSize
      if (indexStart < 12) return undefined
      const index = Buffer.alloc(indexSize)
      await file.read(index, 0, indexSize, indexStart)
      const parsed = parseIndex(index)
      if (!parsed) return undefined
      total += parsed.uncompressed
      end = indexStart - parsed.blocksBytes - 12
      if (end < 0) return undefined
    }
    return total
  } finally {
    await file.close()
  }
}

function parseIndex(index: Buffer): { uncompressed: number; blocksBytes: number } | undefined {
  if (index[0] !== 0x00) return undefined
  let offset = 1
  const readVarint = (): number | undefined => {
    let value = 0
    for (let shift = 0; shift < 63; shift += 7) {
      const byte = index[offset++]
      if (byte === undefined) return undefined
      value += (byte & 0x7f) * 2 ** shift
      if ((byte & 0x80) === 0) return value
    }
    return undefined
  }
  const records = readVarint()
  if (records === undefined) return undefined
  let uncompressed = 0
  let blocksBytes = 0
  for (let i = 0; i < records; i++) {
    const unpadded = readVarint()
    const size = readVarint()
    if (unpadded === undefined || size === undefined) return undefined
    blocksBytes += Math.ceil(unpadded / 4) * 4
    uncompressed += size
  }
  return { uncompressed, blocksBytes }
}

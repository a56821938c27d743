/** What the node path needs to know about an image besides the file: the bytes the eMMC will hold. */
import { stat } from 'node:fs/promises'
import { Rk1Error } from '../common/errors'
import { sha256File } from '../image/checksum'
import { xzUncompressedSize } from '../image/xz-index'
import { imageFormat, type FlashImage } from '../bmc'

export interface NodeImage {
  path: string
  fileName: string
  /** How it travels: xz stays xz (the node decompresses while writing). */
  format: 'raw' | 'xz'
  /** Bytes sent (the file). */
  bytes: number
  /** sha256 of the bytes sent. */
  sha256: string
  /** Bytes the eMMC ends up holding (the decompressed size for xz). */
  rawBytes: number
}

export async function describeNodeImage(
  image: FlashImage,
  signal?: AbortSignal
): Promise<NodeImage> {
  const format = imageFormat(image.fileName) ?? 'raw'
  const bytes = image.size || (await stat(image.path)).size
  const sha256 = image.sha256 ?? (await sha256File(image.path, { signal }))
  let rawBytes = bytes
  if (format === 'xz') {
    const size = await xzUncompressedSize(image.path)
    if (size === undefined)
      throw new Rk1Error(`The xz image ${image.fileName} has no readable index.`, {
        step: 'node-write',
        advice: 'Use the BMC path (flash-path: bmc) or re-download the image.'
      })
    rawBytes = size
  }
  return { path: image.path, fileName: image.fileName, format, bytes, sha256, rawBytes }
}

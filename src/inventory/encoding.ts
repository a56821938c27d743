/**
 * Strict UTF-8 decoding of the inventory bytes. Node's `utf8` decoding silently turns bad bytes
 * into U+FFFD, so a Latin-1 file would surface as a puzzling `"sec-w\uFFFD1"` hostname instead of
 * "this file is not UTF-8, here".
 */

/** What the bytes decode to, and where each invalid sequence starts (byte offsets, capped). */
export interface DecodedText {
  /** The text, with U+FFFD for each invalid sequence (used only to locate problems then). */
  text: string
  /** Byte offsets of invalid sequences, at most `MAX_REPORTED` of them. */
  invalid: number[]
  /** Total count of invalid sequences (may exceed `invalid.length`). */
  invalidCount: number
  /** Set when a UTF-16/32 byte-order mark shows the file is in another Unicode encoding. */
  otherEncoding?: string
}

const MAX_REPORTED = 10

export function decodeUtf8(bytes: Uint8Array): DecodedText {
  const other = otherUnicodeEncoding(bytes)
  if (other) return { text: '', invalid: [0], invalidCount: 1, otherEncoding: other }
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)
  // The fast path: a valid file (the only kind that matters) is scanned once by the decoder.
  try {
    new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes)
    return { text, invalid: [], invalidCount: 0 }
  } catch {
    // fall through to find where
  }
  const invalid: number[] = []
  let invalidCount = 0
  let i = 0
  while (i < bytes.length) {
    const length = validSequenceLength(bytes, i)
    if (length > 0) {
      i += length
      continue
    }
    invalidCount++
    if (invalid.length < MAX_REPORTED) invalid.push(i)
    i++
    // Continuation bytes after a bad lead belong to the same mistake (one é in Latin-1 or a
    // truncated character): report the sequence once.
    while (i < bytes.length && ((bytes[i] ?? 0) & 0xc0) === 0x80) i++
  }
  return { text, invalid, invalidCount }
}

/** Length of the well-formed UTF-8 sequence at `i` (RFC 3629, Unicode table 3-7), or 0. */
function validSequenceLength(bytes: Uint8Array, i: number): number {
  const b0 = bytes[i] ?? 0
  if (b0 < 0x80) return 1
  const cont = (k: number, low = 0x80, high = 0xbf): boolean => {
    const b = bytes[i + k]
    return b !== undefined && b >= low && b <= high
  }
  if (b0 >= 0xc2 && b0 <= 0xdf) return cont(1) ? 2 : 0
  if (b0 === 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0
  if ((b0 >= 0xe1 && b0 <= 0xec) || b0 === 0xee || b0 === 0xef) return cont(1) && cont(2) ? 3 : 0
  if (b0 === 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0 // no UTF-16 surrogates
  if (b0 === 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0
  if (b0 >= 0xf1 && b0 <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0
  if (b0 === 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0
  return 0
}

function otherUnicodeEncoding(bytes: Uint8Array): string | undefined {
  const [a, b, c, d] = bytes
  if (a === 0xff && b === 0xfe && c === 0 && d === 0) return 'UTF-32'
  if (a === 0 && b === 0 && c === 0xfe && d === 0xff) return 'UTF-32'
  if ((a === 0xff && b === 0xfe) || (a === 0xfe && b === 0xff)) return 'UTF-16'
  return undefined
}

/** The string offset of a byte offset in the replacement-decoded text, to find its YAML path. */
export function stringOffset(bytes: Uint8Array, offset: number): number {
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(0, offset)).length
}

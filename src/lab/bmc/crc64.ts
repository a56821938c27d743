/**
 * CRC-64/REDIS (reflected Jones polynomial, init 0, xorout 0), the checksum bmcd computes over what
 * it wrote and again over the read-back (§5.6). Slicing-by-8 over 32-bit halves: no BigInt per byte.
 */

const POLY_HI = 0x95ac9329
const POLY_LO = 0xac4bc9b5

const TABLE_LO: Uint32Array[] = []
const TABLE_HI: Uint32Array[] = []

function buildTables(): void {
  const lo0 = new Uint32Array(256)
  const hi0 = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let lo = n
    let hi = 0
    for (let k = 0; k < 8; k++) {
      const carry = lo & 1
      lo = ((lo >>> 1) | ((hi & 1) << 31)) >>> 0
      hi = hi >>> 1
      if (carry) {
        lo = (lo ^ POLY_LO) >>> 0
        hi = (hi ^ POLY_HI) >>> 0
      }
    }
    lo0[n] = lo
    hi0[n] = hi
  }
  TABLE_LO.push(lo0)
  TABLE_HI.push(hi0)
  for (let t = 1; t < 8; t++) {
    const prevLo = TABLE_LO[t - 1]!
    const prevHi = TABLE_HI[t - 1]!
    const lo = new Uint32Array(256)
    const hi = new Uint32Array(256)
    for (let n = 0; n < 256; n++) {
      // table[t][n] = (table[t-1][n] >> 8) ^ table[0][table[t-1][n] & 0xff]
      const pl = prevLo[n]!
      const ph = prevHi[n]!
      const idx = pl & 0xff
      lo[n] = (((pl >>> 8) | (ph << 24)) ^ lo0[idx]!) >>> 0
      hi[n] = ((ph >>> 8) ^ hi0[idx]!) >>> 0
    }
    TABLE_LO.push(lo)
    TABLE_HI.push(hi)
  }
}
buildTables()

const [L0, L1, L2, L3, L4, L5, L6, L7] = TABLE_LO as [
  Uint32Array,
  Uint32Array,
  Uint32Array,
  Uint32Array,
  Uint32Array,
  Uint32Array,
  Uint32Array,
  Uint32Array
]
const [H0, H1, H2, H3, H4, H5, H6, H7] = TABLE_HI as [
  Uint32Array,
  Uint32Array,
  Uint32Array,
  Uint32Array,
  Uint32Array,
  Uint32Array,
  Uint32Array,
  Uint32Array
]

export class Crc64 {
  private lo = 0
  private hi = 0

  update(data: Uint8Array): this {
    let lo = this.lo
    let hi = this.hi
    let i = 0
    const n = data.length
    const end8 = n - (n % 8)
    while (i < end8) {
      const a =
        (lo ^ (data[i]! | (data[i + 1]! << 8) | (data[i + 2]! << 16) | (data[i + 3]! << 24))) >>> 0
      const b =
        (hi ^
          (data[i + 4]! | (data[i + 5]! << 8) | (data[i + 6]! << 16) | (data[i + 7]! << 24))) >>>
        0
      lo =
        (L7[a & 0xff]! ^
          L6[(a >>> 8) & 0xff]! ^
          L5[(a >>> 16) & 0xff]! ^
          L4[a >>> 24]! ^
          L3[b & 0xff]! ^
          L2[(b >>> 8) & 0xff]! ^
          L1[(b >>> 16) & 0xff]! ^
          L0[b >>> 24]!) >>>
        0
      hi =
        (H7[a & 0xff]! ^
          H6[(a >>> 8) & 0xff]! ^
          H5[(a >>> 16) & 0xff]! ^
          H4[a >>> 24]! ^
          H3[b & 0xff]! ^
          H2[(b >>> 8) & 0xff]! ^
          H1[(b >>> 16) & 0xff]! ^
          H0[b >>> 24]!) >>>
        0
      i += 8
    }
    for (; i < n; i++) {
      const idx = (lo ^ data[i]!) & 0xff
      lo = (((lo >>> 8) | (hi << 24)) ^ L0[idx]!) >>> 0
      hi = ((hi >>> 8) ^ H0[idx]!) >>> 0
    }
    this.lo = lo
    this.hi = hi
    return this
  }

  /** The CRC as an unsigned 64-bit integer. */
  digest(): bigint {
    return (BigInt(this.hi) << 32n) | BigInt(this.lo)
  }
}

export function crc64(data: Uint8Array): bigint {
  return new Crc64().update(data).digest()
}

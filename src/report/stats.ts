/** Robust statistics for small samples (nodes of a cluster, nights of a series). */

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN
  const s = [...values].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

/** Median absolute deviation (unscaled). */
export function mad(values: readonly number[]): number {
  const m = median(values)
  return median(values.map((v) => Math.abs(v - m)))
}

/** MAD scaled to estimate σ for normal noise (× 1.4826). */
export function robustSigma(values: readonly number[]): number {
  return 1.4826 * mad(values)
}

/** Relative change of `value` against `base`, in percent; NaN when base is 0. */
export function percentChange(value: number, base: number): number {
  return base === 0 ? NaN : ((value - base) / Math.abs(base)) * 100
}

export function formatNumber(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return '—'
  const a = Math.abs(v)
  if (a >= 1000) return Math.round(v).toLocaleString('en-US')
  if (a >= 100) return v.toFixed(0)
  if (a >= 10) return v.toFixed(1)
  return v.toFixed(2)
}

export function formatPercent(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return '—'
  return `${v > 0 ? '+' : ''}${v.toFixed(1)} %`
}

import { escapeHtml } from '../common/html'
import type { MatrixRow } from './matrix'
import type { Trend } from './trends'
import { formatNumber } from './stats'

/**
 * Charts as inline SVG drawn here, not by a script in the page: they render in any browser, in
 * GitHub's artifact preview (which may not run scripts), in print and with JavaScript off, and
 * the report makes no request of any kind. <title> elements give the hover values.
 */

const TALOS = '#3b6fd8'
const K3S = '#e0792b'

/** Talos vs K3s bars, one pair per matrix row, each pair scaled to its own larger value. */
export function comparisonBars(rows: readonly MatrixRow[]): string {
  const pairs = rows.filter((r) => r.talos.median !== undefined || r.k3s.median !== undefined)
  if (pairs.length === 0) return ''
  const rowH = 34
  const labelW = 300
  const barW = 420
  const h = pairs.length * rowH + 30
  const parts = [
    `<svg class="chart bars" role="img" aria-label="Talos vs K3s per workload" viewBox="0 0 ${labelW + barW + 90} ${h}" width="${labelW + barW + 90}" height="${h}" xmlns="http://www.w3.org/2000/svg">`,
    `<rect x="${labelW}" y="4" width="10" height="10" fill="${TALOS}"/><text x="${labelW + 14}" y="13" font-size="11">Talos</text>`,
    `<rect x="${labelW + 70}" y="4" width="10" height="10" fill="${K3S}"/><text x="${labelW + 84}" y="13" font-size="11">K3s</text>`
  ]
  pairs.forEach((r, i) => {
    const y = 24 + i * rowH
    const top = Math.max(r.talos.median ?? 0, r.k3s.median ?? 0) || 1
    const label = `${r.workload} ${r.variant} ${r.headline.label}${r.lowerIsBetter ? ' ↓' : ' ↑'}`
    parts.push(
      `<text x="${labelW - 6}" y="${y + 15}" font-size="11" text-anchor="end">${escapeHtml(label)}</text>`
    )
    for (const [j, side, color, name] of [
      [0, r.talos, TALOS, 'Talos'],
      [1, r.k3s, K3S, 'K3s']
    ] as const) {
      const v = side.median
      const yy = y + j * 13
      if (v === undefined) {
        parts.push(
          `<text x="${labelW + 4}" y="${yy + 10}" font-size="10" fill="#777">${escapeHtml(side.missing ?? '—')}</text>`
        )
        continue
      }
      const w = Math.max(1, (v / top) * barW)
      parts.push(
        `<rect class="bar" x="${labelW}" y="${yy}" width="${w.toFixed(1)}" height="11" fill="${color}"><title>${name}: ${formatNumber(v)} ${escapeHtml(r.unit)}</title></rect>`,
        `<text x="${(labelW + w + 4).toFixed(1)}" y="${yy + 10}" font-size="10">${formatNumber(v)}</text>`
      )
    }
  })
  parts.push('</svg>')
  return parts.join('')
}

/** A small trend line of one series (red while a regression is open), its baseline dashed. */
export function trendLine(t: Trend): string {
  const w = 320
  const h = 90
  const pad = 8
  const values = t.points.map((p) => p.value)
  if (values.length < 2) return ''
  const lo = Math.min(...values)
  const hi = Math.max(...values)
  const span = hi - lo
  const x = (i: number) => pad + (i / (values.length - 1)) * (w - 2 * pad)
  // A flat series is drawn across the middle, not along the bottom edge.
  const y = (v: number) => (span ? h - 20 - ((v - lo) / span) * (h - 20 - pad) : (h - 20 + pad) / 2)
  const path = values
    .map((v, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`)
    .join('')
  const color = t.status === 'regression' ? '#c62828' : TALOS
  const base =
    t.baseline !== undefined && span
      ? `<line class="baseline" x1="${pad}" x2="${w - pad}" y1="${y(t.baseline).toFixed(1)}" y2="${y(t.baseline).toFixed(1)}" stroke="#888" stroke-dasharray="3 3"><title>baseline (median of the last 7 comparable nights): ${formatNumber(t.baseline)} ${escapeHtml(t.unit)}</title></line>`
      : ''
  const dots = t.points
    .map(
      (p, i) =>
        `<circle class="point" cx="${x(i).toFixed(1)}" cy="${y(p.value).toFixed(1)}" r="2.5" fill="${color}"><title>${escapeHtml(p.at.slice(0, 10))}: ${formatNumber(p.value)} ${escapeHtml(t.unit)}</title></circle>`
    )
    .join('')
  return [
    `<figure class="trend"><svg class="chart line" role="img" aria-label="${escapeHtml(t.key)}" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" xmlns="http://www.w3.org/2000/svg">`,
    `${base}<path d="${path}" fill="none" stroke="${color}" stroke-width="1.5"/>${dots}`,
    `<text x="${pad}" y="${h - 5}" font-size="10" fill="#555">${formatNumber(lo)}–${formatNumber(hi)} ${escapeHtml(t.unit)} · ${values.length} nights</text>`,
    `</svg><figcaption>${escapeHtml(t.key)} <b>${escapeHtml(t.status)}</b></figcaption></figure>`
  ].join('')
}

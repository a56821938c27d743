import { escapeHtml } from '../common/html'
import { comparisonBars, trendLine } from './charts-svg'
import {
  alertsTable,
  badTable,
  claimsTable,
  environmentTable,
  matrixTable,
  nodesTable,
  preamble,
  trendsTable,
  type ReportModel,
  type Table
} from './model'

/**
 * One self-contained HTML file: styles, tables and SVG charts inline, the data as JSON in a
 * non-executed script block, and a Content-Security-Policy that forbids every fetch, so opening
 * it makes no request to any network.
 */

/** Trend charts drawn at most (the tables list every series). */
const MAX_TREND_CHARTS = 48

const CSS = `body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#1d1d1f;max-width:1200px}
h1{font-size:22px}h2{font-size:17px;margin-top:28px;border-bottom:1px solid #ddd}
table{border-collapse:collapse;margin:8px 0;font-size:12.5px}th,td{border:1px solid #d0d0d0;padding:3px 7px;text-align:left;vertical-align:top}
th{background:#f3f4f6}.sim{background:#fff3cd;border:1px solid #e0b84c;padding:8px 12px;font-weight:600}
.trends{display:flex;flex-wrap:wrap;gap:12px}.trend{margin:0;font-size:11px}.chart text{font-family:system-ui,sans-serif}
.bad{color:#a00}`

function htmlTable(t: Table, cls = ''): string {
  const head = `<tr>${t.header.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr>`
  const body = t.rows
    .map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`)
    .join('\n')
  const content = t.rows.length
    ? `<table class="${cls}">${head}\n${body}</table>`
    : '<p>Nothing to show.</p>'
  return `<section><h2>${escapeHtml(t.title)}</h2>${content}</section>`
}

/** JSON inside <script type="application/json">: escape `<` so no `</script>` can end it. */
function dataBlock(m: ReportModel): string {
  return `<script type="application/json" id="rk1-report-data">${JSON.stringify(m).replace(/</g, '\\u003c')}</script>`
}

export function renderHtml(m: ReportModel): string {
  const trends = m.trends
    .filter((t) => t.points.length >= 2)
    .sort((a, b) => Number(b.status === 'regression') - Number(a.status === 'regression'))
    .slice(0, MAX_TREND_CHARTS)
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>rk1 benchmark report${m.simulated ? ' (SIMULATED)' : ''}</title>
<style>${CSS}</style></head><body>
<h1>rk1 benchmark report${m.simulated ? ' (SIMULATED)' : ''}</h1>
${m.simulated ? '<p class="sim">SIMULATED: results of the virtual lab, not of hardware.</p>' : ''}
${preamble(m)
  .map((l) => `<p>${escapeHtml(l.replace(/\*\*/g, ''))}</p>`)
  .join('\n')}
${m.alerts.length ? htmlTable(alertsTable(m)) : ''}
<section><h2>Talos vs K3s, chart</h2>${comparisonBars(m.matrix) || '<p>No measured values.</p>'}</section>
${htmlTable(matrixTable(m))}
${htmlTable(claimsTable(m))}
${htmlTable(nodesTable(m))}
${htmlTable(environmentTable(m))}
<section><h2>Trend charts</h2>${trends.length ? `<div class="trends">${trends.map(trendLine).join('\n')}</div>` : '<p>Not enough nights yet for trend lines.</p>'}</section>
${htmlTable(trendsTable(m))}
${m.bad.length ? htmlTable(badTable(m), 'bad') : ''}
<p><small>Generated ${escapeHtml(m.generatedAt)}${m.artifactLink ? ` · artifact: ${escapeHtml(m.artifactLink)}` : ''}</small></p>
${dataBlock(m)}
</body></html>
`
}

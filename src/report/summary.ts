import type { Summary } from '../common/host'
import {
  alertsTable,
  badTable,
  claimsTable,
  matrixTable,
  nodeOutliersTable,
  preamble,
  type ReportModel,
  type Table
} from './model'

/**
 * The job summary: the headline tables only. GitHub aborts a step summary over 1 MiB, so the
 * tables are cut to fit a budget well below it (HTML markup roughly triples the text); the full
 * tables are in the report artifact.
 */

export const SUMMARY_LIMIT_BYTES = 1024 * 1024
const BUDGET_BYTES = 300 * 1024

function size(t: Table): number {
  return t.rows.reduce((n, r) => n + r.reduce((m, c) => m + Buffer.byteLength(c) + 20, 0), 0)
}

function fit(t: Table, budget: number): { table: Table; cut: number } {
  let rows = t.rows
  while (rows.length > 0 && size({ ...t, rows }) > budget)
    rows = rows.slice(0, Math.floor(rows.length / 2))
  return { table: { ...t, rows }, cut: t.rows.length - rows.length }
}

export function writeSummary(summary: Summary, m: ReportModel, artifactLink?: string): void {
  summary.heading(`rk1 benchmark report${m.simulated ? ' (SIMULATED)' : ''}`, 2)
  for (const line of preamble(m)) summary.paragraph(line.replace(/\*\*/g, ''))
  if (artifactLink) summary.paragraph(`Full report (HTML, Markdown, JSON): ${artifactLink}`)
  const tables = [
    m.alerts.length ? alertsTable(m) : undefined,
    matrixTable(m),
    claimsTable(m),
    nodeOutliersTable(m),
    m.bad.length ? badTable(m) : undefined
  ].filter((t): t is Table => !!t)
  for (const t of tables) {
    const { table, cut } = fit(t, BUDGET_BYTES / tables.length)
    summary.heading(table.title, 3)
    if (table.rows.length) summary.table(table.header, table.rows)
    else if (!cut) summary.paragraph('Nothing to show.')
    if (cut)
      summary.paragraph(
        `${cut} more row(s) in the report artifact (the job summary is limited to 1 MiB).`
      )
  }
}

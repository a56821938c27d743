import {
  alertsTable,
  badTable,
  claimsTable,
  environmentTable,
  matrixTable,
  nodeOutliersTable,
  nodesTable,
  preamble,
  trendsTable,
  type ReportModel,
  type Table
} from './model'

/** Markdown renderings: the full report file, and the PR comment (capped, linking the rest). */

export const COMMENT_MARKER = '<!-- rk1-actions report -->'
/** GitHub refuses comments over 65,536 characters; stay well below. */
export const COMMENT_LIMIT = 60_000

/** Prose lines carry record values too (cluster id, error text): no HTML, no mentions. */
function prose(text: string): string {
  return text.replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/@/g, '@\u200b')
}

/** Record fields are untrusted: no HTML, no @mentions, no table breaks in a PR comment. */
function cell(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@/g, '@\u200b')
    .replace(/\|/g, '\\|')
    .replace(/\r?\n/g, ' ')
}

export function markdownTable(t: Table, maxRows = Infinity): string {
  if (t.rows.length === 0) return `### ${t.title}\n\nNothing to show.\n`
  const rows = t.rows.slice(0, maxRows)
  const lines = [
    `### ${t.title}`,
    '',
    `| ${t.header.map(cell).join(' | ')} |`,
    `| ${t.header.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)
  ]
  if (rows.length < t.rows.length)
    lines.push('', `… ${t.rows.length - rows.length} more row(s) in the report artifact.`)
  return `${lines.join('\n')}\n`
}

export function renderMarkdown(m: ReportModel): string {
  const parts = [
    `# rk1 benchmark report${m.simulated ? ' (SIMULATED)' : ''}`,
    '',
    ...preamble(m).map((l) => `${prose(l)}\n`),
    markdownTable(alertsTable(m)),
    markdownTable(matrixTable(m)),
    markdownTable(claimsTable(m)),
    markdownTable(nodesTable(m)),
    markdownTable(environmentTable(m)),
    markdownTable(trendsTable(m)),
    m.bad.length ? markdownTable(badTable(m)) : '',
    `_Generated ${m.generatedAt}._\n`
  ]
  return parts.filter(Boolean).join('\n')
}

/** The PR comment: marker, headline tables, the link to everything; never over the limit. */
export function renderComment(
  m: ReportModel,
  artifactLink: string | undefined,
  htmlLink?: string
): string {
  const link = [
    artifactLink ? `Full report (HTML, Markdown, JSON): ${artifactLink}` : '',
    htmlLink ? `HTML report in the browser: ${htmlLink}` : ''
  ]
    .filter(Boolean)
    .map((l) => `${l}\n`)
    .join('\n')
  const head = [
    COMMENT_MARKER,
    `## rk1 benchmark report${m.simulated ? ' (SIMULATED)' : ''}`,
    '',
    ...preamble(m).map(prose),
    '',
    link
  ].join('\n')
  for (const maxRows of [Infinity, 40, 15, 5, 0]) {
    const body = [
      head,
      markdownTable(alertsTable(m), maxRows),
      markdownTable(matrixTable(m), maxRows),
      markdownTable(claimsTable(m), maxRows),
      markdownTable(nodeOutliersTable(m), maxRows)
    ].join('\n')
    if (body.length <= COMMENT_LIMIT) return body
  }
  return `${head.slice(0, COMMENT_LIMIT - 200)}\n\n… cut to stay under GitHub's comment limit.`
}

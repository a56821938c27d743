import { GitHubPermissionError, type GitHubApi } from '../common/github-api'
import type { Logger } from '../common/host'
import { COMMENT_MARKER } from './markdown'
import type { Alert } from './trends'
import { formatNumber, formatPercent } from './stats'

/** The PR comment updated in place, and one issue per regression. */

/**
 * Creates or updates our one comment on the pull request. Ours = carries the marker AND was
 * written by the token's own login (anyone can paste the marker; editing their comment would
 * fail with 403). Returns false when the token may not write (fork PRs): the caller then puts
 * the report in the job summary and does not fail.
 */
export async function upsertComment(
  api: GitHubApi,
  pr: number,
  body: string,
  log: Logger
): Promise<{ url: string; updated: boolean } | false> {
  try {
    const me = await api.login()
    const ours = (await api.listComments(pr)).find(
      (c) => c.body.includes(COMMENT_MARKER) && c.author === me
    )
    if (ours) {
      const c = await api.updateComment(ours.id, body)
      return { url: c.url, updated: true }
    }
    const c = await api.createComment(pr, body)
    return { url: c.url, updated: false }
  } catch (error) {
    if (!(error instanceof GitHubPermissionError)) throw error
    log.warn(`${error.message} The report is in the job summary instead. ${error.advice ?? ''}`)
    return false
  }
}

export const ALERT_LABEL = 'rk1-regression'

function alertMarker(key: string): string {
  return `<!-- rk1-alert:${key} -->`
}

function issueBody(a: Alert, link?: string): string {
  return [
    alertMarker(a.key),
    `**${a.metric}** of \`${a.workload}/${a.variant}\` on ${a.distro} node ${a.node} got worse: ` +
      `${formatNumber(a.before)} → ${formatNumber(a.after)} ${a.unit} (${formatPercent(a.changePercent)}), since ${a.since}.`,
    '',
    'Confirmed on 2 nights running against the median of the last 7 comparable nights. This issue is updated when the regression changes and closed when it recovers.',
    link ? `\nReport: ${link}` : ''
  ].join('\n')
}

/**
 * One issue per regression: opened when it is new, updated when a new step is confirmed on the
 * same series, left alone while it is unchanged (no nightly noise), closed when it recovers.
 */
export async function syncAlertIssues(
  api: GitHubApi,
  alerts: readonly Alert[],
  link: string | undefined,
  log: Logger
): Promise<{ opened: number; updated: number; closed: number }> {
  const counts = { opened: 0, updated: 0, closed: 0 }
  const open = await api.listIssues([ALERT_LABEL], 'open')
  for (const a of alerts) {
    const existing = open.find((i) => i.body.includes(alertMarker(a.key)))
    if (a.state === 'new') {
      if (existing) {
        await api.updateIssue(existing.number, { body: issueBody(a, link) })
        counts.updated++
      } else {
        await api.createIssue(
          `Regression: ${a.distro} ${a.node} ${a.workload}/${a.variant} ${a.metric} ${formatPercent(a.changePercent)}`,
          issueBody(a, link),
          [ALERT_LABEL]
        )
        counts.opened++
      }
    } else if (a.state === 'recovered' && existing) {
      await api.createComment(
        existing.number,
        `Recovered: back to ${formatNumber(a.after)} ${a.unit}.${link ? ` Report: ${link}` : ''}`
      )
      await api.updateIssue(existing.number, { state: 'closed' })
      counts.closed++
    } else if (a.state === 'ongoing' && !existing) {
      // The issue was closed by hand while the regression persists: say so once in the log only.
      log.info(`Regression ${a.key} is still open; its issue was closed by hand, not reopened.`)
    }
  }
  return counts
}

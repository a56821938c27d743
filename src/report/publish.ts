import { GitHubPermissionError, type GitHubApi } from '../common/github-api'
import type { Logger } from '../common/host'
import { upsertMarkedComment } from '../common/pr-comment'
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
    const { url, updated } = await upsertMarkedComment(api, pr, COMMENT_MARKER, body)
    return { url, updated }
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

/** One regression = one workload variant on one node; its metrics (p50, p90, …) share an issue. */
function regressionKey(a: Alert): string {
  return `${a.distro}/${a.node}/${a.workload}/${a.variant}`
}

function issueBody(group: readonly Alert[], link?: string): string {
  const a = group[0]!
  const lines = group
    .filter((x) => x.state !== 'recovered')
    .map(
      (x) =>
        `- **${x.metric}**: ${formatNumber(x.before)} → ${formatNumber(x.after)} ${x.unit} (${formatPercent(x.changePercent)}), since ${x.since}`
    )
  return [
    alertMarker(regressionKey(a)),
    `\`${a.workload}/${a.variant}\` on ${a.distro} node ${a.node} got worse:`,
    '',
    ...lines,
    '',
    'Each confirmed on 2 nights running against the median of the last 7 comparable nights. This issue is updated when the regression changes and closed when it recovers.',
    link ? `\nReport: ${link}` : ''
  ].join('\n')
}

/**
 * One issue per regression: opened when it is new, updated when a new step is confirmed on it,
 * left alone while it is unchanged (no nightly noise), closed when every metric of it recovered.
 */
export async function syncAlertIssues(
  api: GitHubApi,
  alerts: readonly Alert[],
  link: string | undefined,
  log: Logger
): Promise<{ opened: number; updated: number; closed: number }> {
  const counts = { opened: 0, updated: 0, closed: 0 }
  const open = await api.listIssues([ALERT_LABEL], 'open')
  const groups = new Map<string, Alert[]>()
  for (const a of alerts) groups.set(regressionKey(a), [...(groups.get(regressionKey(a)) ?? []), a])
  for (const [key, group] of groups) {
    const existing = open.find((i) => i.body.includes(alertMarker(key)))
    const a = group[0]!
    if (group.some((x) => x.state === 'new')) {
      if (existing) {
        await api.updateIssue(existing.number, { body: issueBody(group, link) })
        counts.updated++
      } else {
        const worst = group.reduce((x, y) =>
          Math.abs(y.changePercent) > Math.abs(x.changePercent) ? y : x
        )
        await api.createIssue(
          `Regression: ${a.distro} ${a.node} ${a.workload}/${a.variant} ${worst.metric} ${formatPercent(worst.changePercent)}`,
          issueBody(group, link),
          [ALERT_LABEL]
        )
        counts.opened++
      }
    } else if (group.every((x) => x.state === 'recovered') && existing) {
      await api.createComment(
        existing.number,
        `Recovered: ${group.map((x) => `${x.metric} back to ${formatNumber(x.after)} ${x.unit}`).join('; ')}.${link ? ` Report: ${link}` : ''}`
      )
      await api.updateIssue(existing.number, { state: 'closed' })
      counts.closed++
    } else if (!existing) {
      // The issue was closed by hand while the regression persists: the log says so, no reopen.
      log.info(`Regression ${key} is still open; its issue was closed by hand, not reopened.`)
    }
  }
  return counts
}

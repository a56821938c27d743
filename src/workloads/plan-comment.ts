// The deploy plan as the pull request's comment: one per cluster, found again by its marker and
// updated on every push, so the PR always shows what merging would change on each cluster.
import type { RunContext } from '../common/github-api'

/** GitHub refuses bodies over 65 536 characters; stay clear of it as changesets does. */
export const MAX_COMMENT_CHARS = 60_000

export function planCommentMarker(cluster: string): string {
  return `<!-- rk1-deploy-plan:${cluster} -->`
}

export interface PlanCommentInput {
  readonly cluster: string
  readonly run: RunContext
  readonly simulated: boolean
  /** The plan's Markdown (renderPlanMarkdown); absent when the plan failed. */
  readonly planMarkdown?: string
}

export function planCommentBody(o: PlanCommentInput): string {
  const runUrl = `${o.run.serverUrl}/${o.run.owner}/${o.run.repo}/actions/runs/${o.run.runId}`
  const commit = (o.run.headSha || o.run.sha).slice(0, 7)
  const head = [
    planCommentMarker(o.cluster),
    `## Deploy plan for ${o.cluster}${o.simulated ? ' (SIMULATED: rk1 virtual lab)' : ''}`,
    '',
    `${commit ? `Commit \`${commit}\` · ` : ''}[run ${o.run.runId}](${runUrl})`,
    '',
    ''
  ].join('\n')
  const foot = `\n_Merging redeploys ${o.cluster} after its environment's approval. This comment is updated on every push._\n`
  if (o.planMarkdown === undefined)
    return `${head}The plan failed on this commit, so what merging would change is not known: see the run's log.\n${foot}`
  // The plan's own heading is replaced by the one above.
  let plan = o.planMarkdown.replace(/^## deploy-workloads plan\n+/, '')
  const room = MAX_COMMENT_CHARS - head.length - foot.length
  if (plan.length > room) {
    // After a blank line: a line right below a table would be read as one more row.
    const note = "\n\n…cut here: the whole plan is in the run's job summary.\n"
    plan = plan.slice(0, plan.lastIndexOf('\n', room - note.length)) + note
  }
  return head + plan + foot
}

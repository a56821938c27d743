// The deploy plan's PR comment: found again by a marker per cluster, names the commit and the run,
// stays under GitHub's body limit, and says so when the plan failed instead of showing an old one.
import { describe, expect, it } from '@jest/globals'
import type { RunContext } from '../../src/common/github-api'
import {
  MAX_COMMENT_CHARS,
  planCommentBody,
  planCommentMarker
} from '../../src/workloads/plan-comment'

const run: RunContext = {
  owner: 'o',
  repo: 'r',
  runId: 42,
  runAttempt: 1,
  eventName: 'pull_request',
  ref: 'refs/pull/7/merge',
  sha: 'f'.repeat(40),
  pullRequest: 7,
  headSha: '1234567' + 'a'.repeat(33),
  serverUrl: 'https://github.com'
}
const plan = '## deploy-workloads plan\n\n1 of 5 components would change.\n\n| a | b |\n'

describe('the plan comment', () => {
  it('starts with the cluster marker, names the head commit and the run, drops the plan heading', () => {
    const body = planCommentBody({ cluster: 'turing', run, simulated: false, planMarkdown: plan })
    expect(body.startsWith(planCommentMarker('turing'))).toBe(true)
    expect(planCommentMarker('turing')).not.toBe(planCommentMarker('other'))
    expect(body).toContain('## Deploy plan for turing\n')
    expect(body).toContain('Commit `1234567` · [run 42](https://github.com/o/r/actions/runs/42)')
    // Blank lines around the plan: Markdown would glue a table to the line above or below it.
    expect(body).toContain('/runs/42)\n\n1 of 5 components would change.')
    expect(body).toMatch(/\| a \| b \|\n\n_Merging redeploys turing/)
    expect(body).not.toContain('## deploy-workloads plan')
  })

  it('labels a lab plan SIMULATED and a failed plan as failed', () => {
    const failed = planCommentBody({ cluster: 'lab', run, simulated: true })
    expect(failed).toContain('The plan failed on this commit')
    const lab = planCommentBody({ cluster: 'lab', run, simulated: true, planMarkdown: plan })
    expect(lab).toContain('## Deploy plan for lab (SIMULATED: rk1 virtual lab)')
  })

  it('cuts a huge plan at a line end under 60 000 characters and says where the rest is', () => {
    const rows = Array.from({ length: 5000 }, (_, i) => `| \`values.key${i}\` | 1 | 2 |`)
    const huge = `## deploy-workloads plan\n\n${rows.join('\n')}\n`
    expect(huge.length).toBeGreaterThan(100_000)
    const body = planCommentBody({ cluster: 'turing', run, simulated: false, planMarkdown: huge })
    expect(body.length).toBeLessThanOrEqual(MAX_COMMENT_CHARS)
    expect(body).toContain("…cut here: the whole plan is in the run's job summary.")
    expect(body).toMatch(/\| 2 \|\n\n…cut here/)
    expect(body).toContain("after its environment's approval")
  })
})

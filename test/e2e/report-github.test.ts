import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { RunRecord } from '../../src/report/records'
import { runBundle } from '../helpers/action-runner'
import { night } from '../helpers/bench-records'
import { branchFiles, branchLength, startFakeGitHub, type FakeGitHub } from '../helpers/fake-github'

// dist/report.mjs run the way the runner runs it, with the real @actions/artifact and Octokit
// talking to the fake GitHub on loopback through the runner's variables.

let gh: FakeGitHub

function seedNight(runId: number, records: RunRecord[]): void {
  for (const distro of ['talos', 'k3s-armbian']) {
    const files: Record<string, string> = {}
    for (const r of records.filter((x) => x.cluster.distro === distro))
      files[`${distro}/${r.node.name}-${r.workload.variant}.json`] = JSON.stringify(r)
    gh.seedArtifact(runId, `rk1-bench-${distro}`, files)
  }
}

const slowK3s = { distro: 'k3s' as const, node: 'rk1-2', factor: 1.12 }

async function runReport(
  runId: number,
  inputs: Record<string, string>,
  env: Record<string, string> = {}
) {
  return runBundle(
    'report.mjs',
    { 'github-token': gh.token, 'history-branch': 'rk1-history', ...inputs },
    {
      env: {
        ...gh.env(runId),
        GITHUB_WORKFLOW_REF: 'turing/rk1-lab/.github/workflows/nightly.yml@refs/heads/main',
        GITHUB_EVENT_NAME: 'schedule',
        GITHUB_REF: 'refs/heads/main',
        ...env
      }
    }
  )
}

beforeAll(async () => {
  gh = await startFakeGitHub()
  // Nine earlier nights; the last one already shows K3s node rk1-2 12 % slower.
  for (let n = 0; n < 9; n++) {
    const run = gh.state.addRun({ id: 100 + n, run_started_at: night({ night: n })[0]!.started_at })
    seedNight(run.id, night({ night: n, slow: n === 8 ? slowK3s : undefined }))
  }
  // A run on another branch and an expired one: neither is history.
  gh.state.addRun({ id: 300, head_branch: 'feature' })
  seedNight(300, night({ night: 5, slow: { distro: 'talos', factor: 2 } }))
  gh.state.addRun({ id: 301 })
})

afterAll(async () => {
  await gh.close()
})

describe('report as a GitHub Action (fake GitHub services)', () => {
  test('scheduled run: history from earlier runs, one issue per regression, artifact, outputs', async () => {
    const run = gh.state.addRun({ id: 109, run_started_at: night({ night: 9 })[0]!.started_at })
    seedNight(run.id, night({ night: 9, slow: slowK3s }))
    const r = await runReport(run.id, {})
    expect(r.stderr).not.toMatch(/error/i)
    expect(r.exitCode).toBe(0)
    const alerts = JSON.parse(r.outputs.alerts ?? '[]') as {
      state: string
      node: string
      workload: string
      variant: string
    }[]
    expect(alerts.length).toBeGreaterThan(0)
    expect(alerts.every((a) => a.state === 'new' && a.node === 'rk1-2')).toBe(true)
    // One issue per regressed workload variant (its p50 and p90 share it).
    const regressions = new Set(alerts.map((a) => `${a.workload}/${a.variant}`))
    expect(alerts.length).toBeGreaterThan(regressions.size)
    const issues = gh.state.issues.filter((i) => i.labels.includes('rk1-regression'))
    expect(issues).toHaveLength(regressions.size)
    expect(issues.find((i) => i.body.includes('resnet50/cpu-ort-4t'))!.body).toMatch(
      /latency_ms p50.*\n- \*\*latency_ms p90/
    )
    const report = gh.state.artifacts.find((a) => a.runId === run.id && a.name === 'rk1-report')!
    expect(String(report.id)).toBe(r.outputs['artifact-id'])
    const md = readFileSync(join(r.outputs['report-path']!, 'report.md'), 'utf8')
    expect(md).toContain('9 earlier night(s)')
    expect(md).toContain('1 earlier run(s) had no rk1-bench-* artifact')
    expect(md).not.toContain('SIMULATED')
    expect(r.summary).toContain('Talos vs K3s')
    expect(r.allText).not.toContain(gh.token)
    expect(r.summary).toMatch(/Nodes more than 10 % worse[\s\S]*rk1-2/)
    expect(statSync(join(r.workDir, 'step_summary')).size).toBeLessThan(1024 * 1024)
    // The history branch got this run's compact records in one commit.
    expect(branchLength(gh.state, 'rk1-history')).toBe(1)
    expect([...branchFiles(gh.state, 'rk1-history')!.keys()]).toEqual([
      expect.stringMatching(/^runs\/.*-109-1\.json$/)
    ])
  })

  test('the next night: the unchanged regression raises no new issue; recovery closes it', async () => {
    const run = gh.state.addRun({ id: 110, run_started_at: night({ night: 10 })[0]!.started_at })
    seedNight(run.id, night({ night: 10, slow: slowK3s }))
    const issuesBefore = gh.state.issues.length
    const r = await runReport(run.id, {})
    expect(r.exitCode).toBe(0)
    const alerts = JSON.parse(r.outputs.alerts ?? '[]') as { state: string }[]
    expect(alerts.every((a) => a.state === 'ongoing')).toBe(true)
    expect(gh.state.issues.length).toBe(issuesBefore)
    expect(branchLength(gh.state, 'rk1-history')).toBe(2)
    for (const n of [11, 12]) {
      const next = gh.state.addRun({
        id: 100 + n,
        run_started_at: night({ night: n })[0]!.started_at
      })
      seedNight(next.id, night({ night: n }))
      expect((await runReport(next.id, {})).exitCode).toBe(0)
    }
    const regression = gh.state.issues.filter((i) => i.labels.includes('rk1-regression'))
    expect(regression.every((i) => i.state === 'closed')).toBe(true)
  })

  test('pull request: one comment updated in place; a pasted marker of someone else is left alone', async () => {
    const pr = gh.state.addPullRequest(41)
    gh.state.comments.push({
      id: 1,
      issue_number: pr.number,
      body: 'copying <!-- rk1-actions report --> here',
      user: { login: 'someone', id: 5, type: 'User' },
      created_at: '',
      updated_at: ''
    })
    const env = { GITHUB_EVENT_NAME: 'pull_request', GITHUB_REF: 'refs/pull/41/merge' }
    for (const id of [200, 201]) {
      gh.state.addRun({ id, event: 'pull_request', head_branch: 'feature' })
      seedNight(id, night({ night: 13 }))
      const r = await runReport(id, { 'history-branch': '' }, env)
      expect(r.exitCode).toBe(0)
    }
    const ours = gh.state.comments.filter(
      (c) => c.issue_number === 41 && c.user.login === 'github-actions[bot]'
    )
    expect(ours).toHaveLength(1)
    expect(ours[0]!.body).toMatch(/^<!-- rk1-actions report -->/)
    expect(ours[0]!.body).toContain('/actions/runs/201/artifacts/')
    // report.html also stored as itself (not zipped), so GitHub opens it in the browser.
    const html = gh.state.artifacts.find((a) => a.runId === 201 && a.name === 'report.html')!
    expect(html.mimeType).toBe('text/html')
    expect(html.bytes.toString('utf8')).toMatch(/^<!doctype html>/)
    expect(ours[0]!.body).toContain(
      `HTML report in the browser: https://github.com/turing/rk1-lab/actions/runs/201/artifacts/${html.id}`
    )
    expect(ours[0]!.body.length).toBeLessThan(65_536)
    expect(gh.state.comments.find((c) => c.id === 1)!.body).toBe(
      'copying <!-- rk1-actions report --> here'
    )
  })

  test('fork pull request (read-only token): summary instead of a comment, and no failure', async () => {
    gh.state.addPullRequest(42)
    gh.state.addRun({ id: 202, event: 'pull_request' })
    seedNight(202, night({ night: 13 }))
    const r = await runReport(
      202,
      { 'github-token': gh.readOnlyToken, 'history-branch': '', 'history-nights': '0' },
      { GITHUB_EVENT_NAME: 'pull_request', GITHUB_REF: 'refs/pull/42/merge' }
    )
    expect(r.exitCode).toBe(0)
    expect(r.stdout).toMatch(/::warning::The GitHub token may not comment on pull requests/)
    expect(gh.state.comments.filter((c) => c.issue_number === 42)).toHaveLength(0)
    expect(r.summary).toContain('Claims check')
  })
})

import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { GitHubPermissionError, type RunContext } from '../../src/common/github-api'
import { createRestApi, runContextFromEnv } from '../../src/github/rest-api'
import { branchFiles, startFakeGitHub, type FakeGitHub } from '../helpers/fake-github'

// The real Octokit (@actions/github) against the fake GitHub REST API on loopback.

let gh: FakeGitHub
let run: RunContext

beforeAll(async () => {
  gh = await startFakeGitHub()
  const r = gh.state.addRun({ id: 77 })
  run = runContextFromEnv({
    ...gh.env(r.id),
    GITHUB_WORKFLOW_REF: 'turing/rk1-lab/.github/workflows/nightly.yml@refs/heads/main',
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_REF: 'refs/pull/3/merge'
  })!
})

afterAll(async () => {
  await gh.close()
})

describe('GitHub REST API port (real Octokit against the fake)', () => {
  test('reads the run context the runner sets', () => {
    expect(run).toMatchObject({
      owner: 'turing',
      repo: 'rk1-lab',
      runId: 77,
      workflowFile: 'nightly.yml',
      pullRequest: 3
    })
  })

  test('lists every comment across pages and edits only with a write token', async () => {
    const pr = gh.state.addPullRequest(3)
    for (let i = 0; i < 130; i++)
      gh.state.comments.push({
        id: 10_000 + i,
        issue_number: pr.number,
        body: `c${i}`,
        user: { login: 'someone', id: 9, type: 'User' },
        created_at: '',
        updated_at: ''
      })
    const api = await createRestApi(gh.token, { GITHUB_API_URL: gh.url }, run)
    expect(await api.login()).toBe('github-actions[bot]')
    expect((await api.listComments(3)).length).toBe(130)
    const pages = gh.state.requests.filter((r) => r.path.endsWith('/issues/3/comments'))
    expect(pages.length).toBe(2)
    const mine = await api.createComment(3, 'hello')
    expect((await api.updateComment(mine.id, 'hello again')).body).toBe('hello again')
    const readOnly = await createRestApi(gh.readOnlyToken, { GITHUB_API_URL: gh.url }, run)
    await expect(readOnly.createComment(3, 'x')).rejects.toBeInstanceOf(GitHubPermissionError)
    await expect(api.createComment(3, 'x'.repeat(70_000))).rejects.toThrow(/too long/)
  })

  test("sends comment and issue text through the run's redaction (masked secrets)", async () => {
    const redact = (text: string) => text.split('s3cret-value').join('***')
    const api = await createRestApi(gh.token, { GITHUB_API_URL: gh.url }, run, redact)
    const c = await api.createComment(3, 'password s3cret-value')
    expect((await api.updateComment(c.id, 'still s3cret-value')).body).toBe('still ***')
    const i = await api.createIssue('s3cret-value in title', 'and s3cret-value in body', [])
    expect([i.title, i.body]).toEqual(['*** in title', 'and *** in body'])
    expect((await api.updateIssue(i.number, { body: 'x s3cret-value' })).body).toBe('x ***')
    expect(JSON.stringify(gh.state.comments) + JSON.stringify(gh.state.issues)).not.toContain(
      's3cret-value'
    )
  })

  test('finds completed runs of one workflow on one branch, newest first', async () => {
    gh.state.addRun({ id: 1, run_started_at: '2026-11-01T02:17:00Z' })
    gh.state.addRun({ id: 2, run_started_at: '2026-11-02T02:17:00Z' })
    gh.state.addRun({ id: 3, run_started_at: '2026-11-03T02:17:00Z', head_branch: 'feature' })
    gh.state.addRun({ id: 4, run_started_at: '2026-11-04T02:17:00Z', workflow: 'ci.yml' })
    const api = await createRestApi(gh.token, { GITHUB_API_URL: gh.url }, run)
    const runs = await api.workflowRuns('nightly.yml', { branch: 'main', limit: 30 })
    expect(runs.map((r) => r.id).slice(-2)).toEqual([2, 1])
    expect(runs.some((r) => r.id === 3 || r.id === 4)).toBe(false)
  })

  test('opens, lists and closes issues by label', async () => {
    const api = await createRestApi(gh.token, { GITHUB_API_URL: gh.url }, run)
    const created = await api.createIssue('Regression', 'body', ['rk1-regression'])
    expect((await api.listIssues(['rk1-regression'], 'open')).map((i) => i.number)).toEqual([
      created.number
    ])
    await api.updateIssue(created.number, { state: 'closed' })
    expect(await api.listIssues(['rk1-regression'], 'open')).toEqual([])
  })

  test('git: a commit on a branch, and a stale parent is refused as not a fast-forward', async () => {
    const api = await createRestApi(gh.token, { GITHUB_API_URL: gh.url }, run)
    expect(await api.branchHead('rk1-history')).toBeUndefined()
    const root = await api.commit(undefined, [{ path: 'a.json', content: '1' }], 'first')
    expect(await api.advanceBranch('rk1-history', root, true)).toBe(true)
    const second = await api.commit(root, [{ path: 'b.json', content: '2' }], 'second')
    const rival = await api.commit(root, [{ path: 'c.json', content: '3' }], 'rival')
    expect(await api.advanceBranch('rk1-history', second, false)).toBe(true)
    expect(await api.advanceBranch('rk1-history', rival, false)).toBe(false)
    expect([...branchFiles(gh.state, 'rk1-history')!.keys()]).toEqual(['a.json', 'b.json'])
    const files = await api.commitFiles((await api.branchHead('rk1-history'))!)
    expect(await api.blob(files.find((f) => f.path === 'b.json')!.sha)).toBe('2')
    const third = await api.commit(second, [{ path: 'a.json', content: null }], 'prune')
    await api.advanceBranch('rk1-history', third, false)
    expect([...branchFiles(gh.state, 'rk1-history')!.keys()]).toEqual(['b.json'])
  })
})

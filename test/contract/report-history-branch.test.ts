import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import type { GitHubApi } from '../../src/common/github-api'
import { createRestApi, runContextFromEnv } from '../../src/github/rest-api'
import { appendHistoryBranch, readHistoryBranch } from '../../src/report/history'
import { night } from '../helpers/bench-records'
import { branchFiles, branchLength, startFakeGitHub, type FakeGitHub } from '../helpers/fake-github'

// The history branch through the real Octokit against the fake Git database.

let gh: FakeGitHub
let api: GitHubApi

beforeAll(async () => {
  gh = await startFakeGitHub()
  const run = gh.state.addRun({ id: 1 })
  api = await createRestApi(
    gh.token,
    { GITHUB_API_URL: gh.url },
    runContextFromEnv(gh.env(run.id))!
  )
})

afterAll(async () => {
  await gh.close()
})

describe('history branch', () => {
  test('two runs writing at once both land, one commit each, nothing lost', async () => {
    await appendHistoryBranch(api, 'h', 'base.json', night({ night: 0 }), 100)
    let raced = false
    gh.state.beforeRefUpdate = async () => {
      if (raced) return
      raced = true
      await appendHistoryBranch(api, 'h', 'c.json', night({ night: 2 }), 100)
    }
    const a = await appendHistoryBranch(api, 'h', 'a.json', night({ night: 3 }), 100)
    gh.state.beforeRefUpdate = undefined
    expect(a.attempts).toBe(2)
    expect([...branchFiles(gh.state, 'h')!.keys()].sort()).toEqual([
      'runs/a.json',
      'runs/base.json',
      'runs/c.json'
    ])
    expect(branchLength(gh.state, 'h')).toBe(3)
    const read = await readHistoryBranch(api, 'h')
    expect(read.bad).toEqual([])
    expect(new Set(read.records.map((r) => r.suite_id)).size).toBe(3)
  })

  test('stays bounded: the oldest run files are dropped in the same commit', async () => {
    for (let n = 0; n < 6; n++)
      await appendHistoryBranch(
        api,
        'bounded',
        `2026-11-0${n + 1}-run.json`,
        night({ night: n }),
        3
      )
    expect([...branchFiles(gh.state, 'bounded')!.keys()]).toEqual([
      'runs/2026-11-04-run.json',
      'runs/2026-11-05-run.json',
      'runs/2026-11-06-run.json'
    ])
    expect(branchLength(gh.state, 'bounded')).toBe(6)
    const size = [...branchFiles(gh.state, 'bounded')!.values()].reduce((n, t) => n + t.length, 0)
    // Compact records: the headline statistics only.
    expect(size).toBeLessThan(3 * 40 * 1024)
  })
})

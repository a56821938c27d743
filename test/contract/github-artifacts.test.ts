import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ArtifactStore } from '../../src/common/host'
import { createActionsArtifactStore } from '../../src/github/artifacts'
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-github'

// The real @actions/artifact, unmodified, against the fake GitHub on loopback, through the
// variables the runner sets. @actions/github reads GITHUB_API_URL when first imported, so the
// environment is in place before the store imports the library.

let gh: FakeGitHub
let store: ArtifactStore
let work: string
const saved = { ...process.env }

beforeAll(async () => {
  gh = await startFakeGitHub()
  const run = gh.state.addRun({ id: 500, event: 'workflow_dispatch' })
  work = mkdtempSync(join(tmpdir(), 'rk1-artifacts-'))
  Object.assign(process.env, gh.env(run.id), { GITHUB_WORKSPACE: work })
  store = createActionsArtifactStore(process.env)
})

afterAll(async () => {
  process.env = saved
  await gh.close()
})

function makeFiles(): { root: string; files: string[] } {
  const root = join(work, 'report')
  mkdirSync(join(root, 'talos'), { recursive: true })
  writeFileSync(join(root, 'report.md'), '# Report\n')
  writeFileSync(join(root, 'talos', 'records.json'), '{"n":1}\n')
  return { root, files: [join(root, 'report.md'), join(root, 'talos', 'records.json')] }
}

describe('GitHub artifact store (real @actions/artifact against the fake service)', () => {
  test('uploads through Twirp and the blob URL, lists and downloads this run', async () => {
    const { root, files } = makeFiles()
    const uploaded = await store.upload('rk1-report', root, files, { retentionDays: 90 })
    expect(uploaded.id).toBeGreaterThan(0)
    const paths = gh.state.requests.map((r) => `${r.method} ${r.path}`)
    expect(paths).toEqual(
      expect.arrayContaining([
        'POST /twirp/github.actions.results.api.v1.ArtifactService/CreateArtifact',
        `PUT /blob/${uploaded.id}`,
        'POST /twirp/github.actions.results.api.v1.ArtifactService/FinalizeArtifact'
      ])
    )
    const listed = await store.list()
    expect(listed.map((a) => a.name)).toEqual(['rk1-report'])
    const dest = join(work, 'down')
    await store.download(listed[0]!, dest)
    expect(readFileSync(join(dest, 'talos', 'records.json'), 'utf8')).toBe('{"n":1}\n')
    expect(store.link(uploaded)).toBe(
      `https://github.com/turing/rk1-lab/actions/runs/500/artifacts/${uploaded.id}`
    )
  })

  test('a second upload of the same name in one run fails, as on GitHub', async () => {
    const { root, files } = makeFiles()
    await expect(store.upload('rk1-report', root, files)).rejects.toThrow(/409|Conflict/)
  })

  test('reads an earlier run through findBy (REST list, 302 to the blob)', async () => {
    const earlier = gh.state.addRun({ id: 400 })
    gh.seedArtifact(earlier.id, 'rk1-bench-k3s', { 'k3s/node1.json': '{"ok":true}' })
    const from = { runId: earlier.id, token: gh.token }
    const listed = await store.list(from)
    expect(listed.map((a) => a.name)).toEqual(['rk1-bench-k3s'])
    const dest = join(work, 'earlier')
    await store.download(listed[0]!, dest, from)
    expect(readFileSync(join(dest, 'k3s', 'node1.json'), 'utf8')).toBe('{"ok":true}')
    const rest = gh.state.requests.filter((r) => r.path.startsWith('/repos/'))
    expect(rest.map((r) => r.path)).toEqual(
      expect.arrayContaining([
        '/repos/turing/rk1-lab/actions/runs/400/artifacts',
        `/repos/turing/rk1-lab/actions/artifacts/${listed[0]!.id}/zip`
      ])
    )
    expect(rest.every((r) => r.authorization === `token ${gh.token}`)).toBe(true)
  })
})

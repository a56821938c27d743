// The workflow runner of the lab tests (test/helpers/workflow-runner.ts) on small workflows: outputs
// travel step → job → next job, GITHUB_ENV carries on, a masked job output is dropped as the
// runner drops it, and reading an output nobody set fails instead of passing an empty string.
import { describe, expect, it } from '@jest/globals'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runWorkflow, UnsetOutputError } from '../helpers/workflow-runner'
import { dispatchEvent, loadWorkflow, scheduleEvent } from '../helpers/workflows'

const workflow = (readOutput: string) => `
on: workflow_dispatch
permissions: {}
jobs:
  first:
    runs-on: ubuntu-24.04
    timeout-minutes: 5
    permissions: {}
    outputs:
      word: \${{ steps.say.outputs.word }}
      secret: \${{ steps.say.outputs.secret }}
      list: \${{ steps.say.outputs.list }}
    steps:
      - id: say
        run: |
          echo "word=hello" >> "$GITHUB_OUTPUT"
          echo "::add-mask::s3cret"
          echo "secret=s3cret" >> "$GITHUB_OUTPUT"
          echo 'list=["a","b"]' >> "$GITHUB_OUTPUT"
          echo "CARRIED=yes" >> "$GITHUB_ENV"
      - id: env
        run: echo "carried=$CARRIED" >> "$GITHUB_OUTPUT"
      - if: steps.env.outputs.carried != 'yes'
        run: exit 1
  second:
    needs: first
    strategy:
      matrix:
        letter: \${{ fromJSON(needs.first.outputs.list) }}
    runs-on: ubuntu-24.04
    timeout-minutes: 5
    permissions: {}
    steps:
      - id: echo
        env:
          WORD: \${{ ${readOutput} }}
          LETTER: \${{ matrix.letter }}
        run: echo "got=$WORD-$LETTER" >> "$GITHUB_OUTPUT"
`

async function run(readOutput: string) {
  const wf = await loadWorkflow('tiny.yml', workflow(readOutput))
  expect(wf.parseErrors).toEqual([])
  return runWorkflow(wf, {
    github: dispatchEvent(),
    standIns: {},
    workspace: mkdtempSync(join(tmpdir(), 'rk1-wf-ws-')),
    artifactsDir: mkdtempSync(join(tmpdir(), 'rk1-wf-art-'))
  })
}

describe('the workflow runner', () => {
  it('passes outputs from a step to its job and on to the next job, one leg per matrix value', async () => {
    const jobs = await run('needs.first.outputs.word')
    expect(jobs['first']?.result).toBe('success')
    expect(jobs['first']?.outputs.word).toBe('hello')
    expect(jobs['second']?.legs.map((l) => l.steps[0]?.outputs.got)).toEqual(['hello-a', 'hello-b'])
  })

  it('drops a job output that holds a masked value, as the runner does', async () => {
    const jobs = await run('needs.first.outputs.word')
    expect(jobs['first']?.outputs).not.toHaveProperty('secret')
  })

  it('fails when a step reads an output nobody set', async () => {
    await expect(run('needs.first.outputs.wrod')).rejects.toThrow(UnsetOutputError)
    await expect(run('needs.first.outputs.secret')).rejects.toThrow(
      /reads needs\.first\.outputs\.secret, which nobody set/
    )
  })

  it('runs always() jobs after a failure with needs.*.result, failure() steps, vars and the run id', async () => {
    const wf = await loadWorkflow('failing.yml', failing)
    expect(wf.parseErrors).toEqual([])
    const started: string[] = []
    const jobs = await runWorkflow(wf, {
      github: { ...scheduleEvent(), run_id: 7001, run_attempt: 2 },
      vars: { WHO: 'the lab' },
      standIns: {},
      workspace: mkdtempSync(join(tmpdir(), 'rk1-wf-ws-')),
      artifactsDir: mkdtempSync(join(tmpdir(), 'rk1-wf-art-')),
      beforeJob: (id) => void started.push(id)
    })
    expect(Object.fromEntries(Object.entries(jobs).map(([id, j]) => [id, j.result]))).toEqual({
      broken: 'failure',
      after: 'skipped',
      report: 'success'
    })
    // A skipped job is never started; the hook sees only the jobs that run.
    expect(started).toEqual(['broken', 'report'])
    const broken = jobs['broken']?.legs[0]?.steps.map((s) => [s.name, s.outcome])
    expect(broken).toEqual([
      ['fail', 'failure'],
      ['next', 'skipped'],
      ['on-failure', 'success']
    ])
    expect(jobs['report']?.legs[0]?.steps[0]?.outputs.said).toBe(
      'broken=failure after=skipped event=schedule who=the lab run=7001-2'
    )
  })
})

const failing = `
on:
  schedule:
    - cron: '17 2 * * *'
permissions: {}
jobs:
  broken:
    runs-on: ubuntu-24.04
    timeout-minutes: 5
    permissions: {}
    steps:
      - id: fail
        run: exit 3
      - id: next
        run: echo "never"
      - id: on-failure
        if: failure()
        run: echo "cleaned up"
  after:
    needs: broken
    runs-on: ubuntu-24.04
    timeout-minutes: 5
    permissions: {}
    steps:
      - run: echo "never"
  report:
    needs: [broken, after]
    if: \${{ always() }}
    runs-on: ubuntu-24.04
    timeout-minutes: 5
    permissions: {}
    steps:
      - id: say
        env:
          BROKEN: \${{ needs.broken.result }}
          AFTER: \${{ needs.after.result }}
          EVENT: \${{ github.event_name }}
          WHO: \${{ vars.WHO }}
        run: echo "said=broken=$BROKEN after=$AFTER event=$EVENT who=$WHO run=$GITHUB_RUN_ID-$GITHUB_RUN_ATTEMPT" >> "$GITHUB_OUTPUT"
`

const gated = `
on:
  pull_request:
    branches: [main]
    paths: ['workloads/**', 'cluster.yaml', '!workloads/**/*.md']
  push:
    branches: [main]
    paths: ['workloads/**']
permissions: {}
jobs:
  deploy:
    runs-on: ubuntu-24.04
    timeout-minutes: 5
    environment: lab
    permissions: {}
    steps:
      - id: say
        env:
          IMAGE: \${{ vars.RK1_BENCHMARK_IMAGE }}
        run: echo "image=$IMAGE" >> "$GITHUB_OUTPUT"
`

describe("the workflow runner's on:, vars and environments", () => {
  const pr = (base = 'main', action = 'synchronize') => ({
    event_name: 'pull_request',
    repository: 'o/r',
    ref: 'refs/pull/7/merge',
    base_ref: base,
    event: { action, pull_request: { number: 7, base: { ref: base } } }
  })
  const start = async (
    github: Record<string, unknown>,
    changedFiles: string[] | undefined,
    extra: Partial<Parameters<typeof runWorkflow>[1]> = {}
  ) =>
    runWorkflow(await loadWorkflow('gated.yml', gated), {
      github,
      changedFiles,
      vars: { RK1_BENCHMARK_IMAGE: 'ghcr.io/o/rk1-bench@sha256:' + 'c'.repeat(64) },
      standIns: {},
      workspace: mkdtempSync(join(tmpdir(), 'rk1-wf-ws-')),
      artifactsDir: mkdtempSync(join(tmpdir(), 'rk1-wf-art-')),
      ...extra
    })

  it('starts only for the listed events, branches, activity types and paths', async () => {
    expect(Object.keys(await start(pr(), ['workloads/monitoring/values.yaml']))).toEqual(['deploy'])
    expect(await start(pr(), ['README.md'])).toEqual({})
    // `!` takes a path back; `*` stays in one folder, `**` crosses folders.
    expect(await start(pr(), ['workloads/monitoring/NOTES.md'])).toEqual({})
    expect(await start(pr('release'), ['workloads/a.yaml'])).toEqual({})
    expect(await start(pr('main', 'labeled'), ['workloads/a.yaml'])).toEqual({})
    const push = { event_name: 'push', repository: 'o/r', ref: 'refs/heads/main', event: {} }
    expect(Object.keys(await start(push, ['workloads/a.yaml']))).toEqual(['deploy'])
    expect(await start(push, ['cluster.yaml'])).toEqual({})
    expect(await start({ ...push, ref: 'refs/heads/dev' }, ['workloads/a.yaml'])).toEqual({})
    expect(await start({ ...push, event_name: 'schedule' }, [])).toEqual({})
    await expect(start(push, undefined)).rejects.toThrow(/filters paths; give the changed files/)
  })

  it('passes vars and fails on one nobody defined', async () => {
    const jobs = await start(pr(), ['cluster.yaml'])
    expect(jobs['deploy']?.legs[0]?.steps[0]?.outputs.image).toMatch(/^ghcr\.io\/o\/rk1-bench@/)
    await expect(start(pr(), ['cluster.yaml'], { vars: {} })).rejects.toThrow(
      /reads vars\.RK1_BENCHMARK_IMAGE, which is not defined/
    )
  })

  it("runs no step of a job whose environment's reviewer rejects it", async () => {
    const asked: string[] = []
    const jobs = await start(pr(), ['cluster.yaml'], {
      approve: (environment, job) => {
        asked.push(`${job}@${environment}`)
        return false
      }
    })
    expect(asked).toEqual(['deploy@lab'])
    expect(jobs['deploy']).toMatchObject({ result: 'failure' })
    expect(jobs['deploy']?.legs[0]).toMatchObject({ approval: 'rejected', steps: [] })
    const approved = await start(pr(), ['cluster.yaml'], { approve: () => true })
    expect(approved['deploy']?.legs[0]).toMatchObject({ approval: 'approved', result: 'success' })
  })
})

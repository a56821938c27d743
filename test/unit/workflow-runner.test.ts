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

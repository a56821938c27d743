import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { repoRoot } from '../helpers/action-runner'

const workflowDir = join(repoRoot, '.github', 'workflows')
const actionlint = join(repoRoot, 'scripts', 'actionlint.mjs')
const workflows = readdirSync(workflowDir)
  .filter((f) => f.endsWith('.yml'))
  .map((f) => ({ name: f, text: readFileSync(join(workflowDir, f), 'utf8') }))

interface Job {
  'runs-on': string | string[]
  environment?: string
  concurrency?: { group: string; 'cancel-in-progress'?: boolean }
  'timeout-minutes'?: number
  steps: { uses?: string; run?: string }[]
}

describe.each(workflows)('workflow $name', ({ name, text }) => {
  const doc = parse(text) as {
    on: Record<string, unknown>
    permissions?: unknown
    jobs: Record<string, Job>
  }

  it('passes actionlint', () => {
    const out = execFileSync(process.execPath, [actionlint, join(workflowDir, name)], {
      encoding: 'utf8'
    })
    expect(out).toContain('1 file(s), 0 finding(s)')
  })

  it('starts from no permissions and never runs untrusted pull-request code with secrets', () => {
    expect(doc.permissions).toEqual({})
    expect(Object.keys(doc.on)).not.toContain('pull_request_target')
    expect(Object.keys(doc.on)).not.toContain('workflow_run')
  })

  it('pins third-party actions to a full commit sha with a version comment', () => {
    for (const line of text.split('\n').filter((l) => /uses:\s/.test(l))) {
      const ref = /uses:\s*(\S+)/.exec(line)?.[1] ?? ''
      if (ref.startsWith('./') || ref.startsWith('$/')) continue
      expect(line).toMatch(/@[0-9a-f]{40} # v\d/)
    }
  })

  it('keeps expressions out of shell scripts', () => {
    for (const job of Object.values(doc.jobs)) {
      for (const step of job.steps) if (step.run) expect(step.run).not.toMatch(/\$\{\{/)
    }
  })

  it('guards every job on the lab runner: environment, one cluster-wide queue, a time limit', () => {
    for (const job of Object.values(doc.jobs)) {
      const labels = [job['runs-on']].flat()
      expect(job['timeout-minutes']).toBeGreaterThan(0)
      if (!labels.includes('self-hosted')) continue
      expect(job.environment).toBe('lab')
      expect(job.concurrency?.group).toMatch(/^lab-/)
      expect(job.concurrency?.['cancel-in-progress']).toBe(false)
    }
  })
})

describe('the actionlint check', () => {
  it('fails on a broken workflow', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'rk1-actionlint-')), 'broken.yml')
    writeFileSync(
      file,
      'on: push\njobs:\n  x:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo ${{ github.event.nope( }}\n'
    )
    const run = spawnSync(process.execPath, [actionlint, file], { encoding: 'utf8' })
    expect(run.status).toBe(1)
    expect(run.stdout).toMatch(/broken\.yml:6:/)
  })
})

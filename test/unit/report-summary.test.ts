import { afterAll, describe, expect, test } from '@jest/globals'
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Redactor } from '../../src/common/redact'
import { ActionsSummary } from '../../src/github/summary'
import { buildReport } from '../../src/report/build'
import { SUMMARY_LIMIT_BYTES, writeSummary } from '../../src/report/summary'
import { night } from '../helpers/bench-records'

// The job summary through @actions/core's own summary writer, with a matrix far too big for it.

const saved = process.env.GITHUB_STEP_SUMMARY
afterAll(() => {
  process.env.GITHUB_STEP_SUMMARY = saved
})

describe('job summary', () => {
  test('stays under GitHub’s 1 MiB and says where the rest is', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'rk1-summary-')), 'summary.md')
    writeFileSync(file, '')
    process.env.GITHUB_STEP_SUMMARY = file
    const many = [...Array(1500).keys()].flatMap((i) =>
      night({ night: 0 }).map((r) => ({
        ...r,
        workload: { ...r.workload, variant: `${r.workload.variant}-${i}-with-a-long-name` }
      }))
    )
    const model = buildReport({ current: many, history: [], bad: [], historyNotes: [] })
    expect(model.matrix.length).toBeGreaterThan(8000)
    const summary = new ActionsSummary(new Redactor())
    writeSummary(summary, model, 'https://github.com/o/r/actions/runs/1/artifacts/2')
    await summary.write()
    expect(statSync(file).size).toBeLessThan(SUMMARY_LIMIT_BYTES)
    const text = readFileSync(file, 'utf8')
    expect(text).toContain('more row(s) in the report artifact')
    expect(text).toContain('https://github.com/o/r/actions/runs/1/artifacts/2')
  })
})

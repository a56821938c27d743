import { describe, expect, test } from '@jest/globals'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runCli } from '../helpers/action-runner'
import { night, writeNight } from '../helpers/bench-records'

// `rk1 report` from local folders: no GitHub at all (the whole-life demo runs it this way).

describe('rk1 report (CLI, local folders)', () => {
  test('lab records: SIMULATED everywhere, history from folders, report uploaded to the folder store', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rk1-report-cli-'))
    const results = writeNight(join(dir, 'tonight'), night({ night: 9, simulated: true }))
    for (let n = 0; n < 9; n++)
      writeNight(join(dir, 'history', `night-${n}`), night({ night: n, simulated: true }))
    // Real records never mix with the lab's; a truncated file is reported, not fatal.
    writeNight(join(dir, 'history', 'real'), night({ night: 4 }))
    writeFileSync(join(results, 'broken.json'), '{"schema": "rk1-bench/run", "schema_ver')
    const out = join(dir, 'out')
    const r = await runCli(
      [
        'report',
        '--results',
        results,
        '--history-dirs',
        join(dir, 'history'),
        '--report-dir',
        out,
        '--output-file',
        join(dir, 'outputs.json')
      ],
      { env: { RK1_ARTIFACTS_DIR: join(dir, 'artifacts'), RK1_RUN_ID: 'night-9' }, cwd: dir }
    )
    expect(r.stderr).toBe('')
    expect(r.exitCode).toBe(0)
    expect(r.stdout).toMatch(/broken\.json: truncated or not JSON/)
    const outputs = JSON.parse(readFileSync(join(dir, 'outputs.json'), 'utf8')) as Record<
      string,
      string
    >
    expect(outputs['report-path']).toBe(out)
    expect(JSON.parse(outputs.alerts!)).toEqual([])
    const md = readFileSync(join(out, 'report.md'), 'utf8')
    expect(md).toMatch(/^# rk1 benchmark report \(SIMULATED\)/)
    expect(md).toContain('9 earlier night(s)')
    expect(md).toMatch(/real record\(s\) of the history left out/)
    expect(md).toContain('| broken.json | truncated or not JSON')
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('SIMULATED')
    expect(existsSync(join(dir, 'artifacts', 'night-9', 'rk1-report', 'report.html'))).toBe(true)
    expect(outputs['artifact-id']).toBe('1')
    const json = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as {
      simulated: boolean
      trends: unknown[]
    }
    expect(json.simulated).toBe(true)
    expect(json.trends.length).toBeGreaterThan(10)
  })

  test('without --results outside GitHub Actions: a clear input error, exit 2', async () => {
    const r = await runCli(['report'], { cwd: tmpdir() })
    expect(r.exitCode).toBe(2)
    expect(r.stderr).toMatch(/results: give the folders with the benchmark records/)
  })
})

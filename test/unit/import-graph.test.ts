import { describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { repoRoot } from '../helpers/action-runner'

// The import graph of src/ (rules in .dependency-cruiser.cjs): no cycle, no product code
// importing the lab. Runs the real dependency-cruiser, as `npm run lint` does.

interface Violation {
  from: string
  to: string
  rule: { name: string }
  cycle?: { name: string }[]
}

function cruise(target: string): Violation[] {
  const bin = join(repoRoot, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs')
  const r = spawnSync(
    process.execPath,
    [bin, target, '--config', '.dependency-cruiser.cjs', '--output-type', 'json'],
    { cwd: repoRoot, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }
  )
  if (!r.stdout) throw new Error(`dependency-cruiser failed: ${r.stderr}`)
  return (JSON.parse(r.stdout) as { summary: { violations: Violation[] } }).summary.violations
}

const describeViolation = (v: Violation): string =>
  `${v.rule.name}: ${v.from} → ${v.cycle ? v.cycle.map((c) => c.name).join(' → ') : v.to}`

describe('import graph', () => {
  it('src/ has no import cycle and no product import of src/lab', () => {
    expect(cruise('src').map(describeViolation)).toEqual([])
  }, 60_000)

  it('the check sees a cycle made only of type imports', () => {
    const found = cruise('test/fixtures/import-cycle').map(describeViolation)
    expect(found.some((v) => v.startsWith('no-circular:'))).toBe(true)
  }, 60_000)
})

/**
 * Every file in test/fixtures/inventories states what it must produce in its header comments:
 *   # expect: <path> @ <line>: <text the message contains>   (errors; the file must be rejected)
 *   # warn: <path> @ <line>: <text>                          (warnings of a file that loads)
 * The problems reported must be exactly those, so a new rule cannot add noise to unrelated files.
 * Files are loaded from disk as the commands load them, so byte-level checks (UTF-8) apply too.
 */
import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { InputError } from '../../src/common/errors'
import type { InputProblem } from '../../src/common/errors'
import { loadInventory } from '../../src/inventory/load'

const DIR = join(import.meta.dirname, '../fixtures/inventories')

interface Expected {
  kind: 'expect' | 'warn'
  path: string
  line: number
  text: string
}

function expectations(text: string): Expected[] {
  const out: Expected[] = []
  for (const line of text.split('\n')) {
    const m = /^# (expect|warn): (\S*) @ (\d+): (.+)$/.exec(line)
    if (m)
      out.push({ kind: m[1] as Expected['kind'], path: m[2]!, line: Number(m[3]), text: m[4]! })
  }
  return out
}

function matches(
  problems: readonly InputProblem[],
  wanted: readonly Expected[],
  file: string
): void {
  expect(problems).toHaveLength(wanted.length)
  for (const w of wanted) {
    const hit = problems.find(
      (p) => p.path === w.path && p.line === w.line && p.message.includes(w.text)
    )
    if (!hit)
      throw new Error(
        `${file}: no problem ${w.path} @ ${w.line}: ${w.text}\ngot:\n${JSON.stringify(problems, null, 2)}`
      )
    expect(hit.file).toBe(file)
    expect(hit.column).toBeGreaterThanOrEqual(1)
  }
}

const fixtures = readdirSync(DIR)
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((name) => {
    const path = join(DIR, name)
    // latin1 keeps a non-UTF-8 fixture's ASCII header comments readable.
    return { name, path, wanted: expectations(readFileSync(path, 'latin1')) }
  })
const bad = fixtures.filter((f) => f.wanted.some((w) => w.kind === 'expect'))

describe('inventory fixtures', () => {
  it('cover many distinct problems', () => {
    expect(bad.length).toBeGreaterThanOrEqual(30)
  })

  it.each(bad.map((f) => [f.name, f] as const))(
    '%s is rejected with exactly its expected problems',
    async (_name, f) => {
      const error = await loadInventory(f.path).then(
        () => undefined,
        (e: unknown) => e
      )
      expect(error).toBeInstanceOf(InputError)
      matches((error as InputError).problems, f.wanted, f.path)
    }
  )

  it.each(fixtures.filter((f) => !bad.includes(f)).map((f) => [f.name, f] as const))(
    '%s loads with exactly its expected warnings',
    async (_name, f) => {
      const { warnings } = await loadInventory(f.path)
      const wanted = f.wanted.filter((w) => w.kind === 'warn')
      // Files that state no warning only get the unpinned-certificate one, which is always there.
      if (wanted.length === 0) expect(warnings.map((w) => w.path)).toEqual(['bmc'])
      else matches(warnings, wanted, f.path)
    }
  )
})

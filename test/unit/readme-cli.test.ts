import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { commands } from '../../src/commands/registry'

// The README's table of the CLI's environment variables is checked against the input registry:
// every variable an input declares is listed with its input, and the table names no other.
describe('README: the CLI environment variables', () => {
  const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8')
  const rows = new Map(
    [...readme.matchAll(/^\| `([A-Z0-9_]+)` \| `([a-z0-9-]+)`/gm)].map((m) => [m[1], m[2]])
  )
  const declared = new Map<string, string>()
  for (const command of commands)
    for (const input of command.inputs) if (input.env) declared.set(input.env, input.name)

  it('lists every variable of the registry with its input, and no other', () => {
    expect(Object.fromEntries(rows)).toEqual(Object.fromEntries(declared))
  })
})

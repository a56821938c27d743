import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { allActionFiles } from '../../src/commands/action-metadata'
import { commands } from '../../src/commands/registry'
import { repoRoot } from '../helpers/action-runner'

describe('action metadata', () => {
  it.each(allActionFiles())(
    '%s matches the command registry (run `npm run gen:actions`)',
    (path, expected) => {
      expect(readFileSync(join(repoRoot, path), 'utf8')).toBe(expected)
    }
  )

  it('declares the same input identically in every command that has it', () => {
    const seen = new Map<string, string>()
    for (const command of commands) {
      for (const input of command.inputs) {
        const text = JSON.stringify(input)
        const first = seen.get(input.name)
        if (first) expect(`${input.name}: ${text}`).toBe(`${input.name}: ${first}`)
        else seen.set(input.name, text)
      }
    }
  })

  it('gives the umbrella every input of every sub-action, and uses node24 everywhere', () => {
    const umbrella = parse(readFileSync(join(repoRoot, 'action.yml'), 'utf8'))
    expect(umbrella.runs.using).toBe('node24')
    for (const command of commands) {
      const sub = parse(readFileSync(join(repoRoot, 'actions', command.name, 'action.yml'), 'utf8'))
      expect(sub.runs.using).toBe('node24')
      expect(sub.runs.main).toBe(`../../dist/${command.name}.mjs`)
      for (const name of Object.keys(sub.inputs))
        expect(Object.keys(umbrella.inputs)).toContain(name)
    }
  })

  it('uses kebab-case input names', () => {
    for (const command of commands) {
      for (const input of command.inputs)
        expect(input.name).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/)
    }
  })
})

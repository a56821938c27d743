import { describe, expect, it } from '@jest/globals'
import { parseCommandLine, UsageError } from '../../src/cli/args'
import type { InputSpec } from '../../src/commands/inputs'

const specs: InputSpec[] = [
  { name: 'power-off', description: 'Power off.', default: 'true' },
  { name: 'reflash', description: 'Reflash.', default: 'false' },
  { name: 'nodes', description: 'Nodes.' }
]
const values = (argv: string[]) => Object.fromEntries(parseCommandLine(argv, specs).values)

describe('CLI switches', () => {
  it('a switch alone is true; absent is left to the default', () => {
    expect(values(['--reflash'])).toEqual({ reflash: 'true' })
    expect(values([])).toEqual({})
  })

  it('a default-true switch can be turned off in each spelling', () => {
    for (const argv of [['--power-off', 'false'], ['--power-off=false'], ['--no-power-off']])
      expect(values(argv)).toEqual({ 'power-off': 'false' })
  })

  it('true spelled out, next to a value flag', () => {
    expect(values(['--reflash', 'true', '--nodes', '2-4'])).toEqual({
      reflash: 'true',
      nodes: '2-4'
    })
    expect(values(['--reflash=true', '--no-power-off'])).toEqual({
      reflash: 'true',
      'power-off': 'false'
    })
  })

  it('a switch followed by something else does not swallow it', () => {
    expect(() => values(['--reflash', 'yes'])).toThrow(UsageError)
    expect(() => values(['--reflash=yes'])).toThrow(/--reflash is a switch/)
    expect(() => values(['--no-nodes'])).toThrow(/unknown option --no-nodes/)
  })
})

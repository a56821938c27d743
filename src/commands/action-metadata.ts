import { stringify } from 'yaml'
import { commands, umbrellaInputs, type CommandDefinition, type OutputSpec } from './registry'
import type { InputSpec } from './inputs'

/**
 * Renders the action.yml of a command (or of the umbrella action) from the registry, so the
 * metadata users see can never drift from what the code reads. `npm run gen:actions` writes the
 * files; a unit test fails when a committed file differs.
 */

function inputsBlock(specs: readonly InputSpec[]): Record<string, unknown> {
  return Object.fromEntries(
    specs.map((s) => [
      s.name,
      {
        description: s.description,
        required: s.required ?? false,
        ...(s.default !== undefined ? { default: s.default } : {})
      }
    ])
  )
}

function outputsBlock(specs: readonly OutputSpec[]): Record<string, unknown> {
  return Object.fromEntries(specs.map((s) => [s.name, { description: s.description }]))
}

const header = '# Generated from src/commands/registry.ts by `npm run gen:actions`; do not edit.\n'

export function renderCommandAction(command: CommandDefinition): string {
  const doc = {
    name: `rk1 ${command.name}`,
    description: command.implemented
      ? command.description
      : `${command.description} Not implemented yet: fails with a clear message.`,
    author: 'rk1-actions',
    inputs: inputsBlock(command.inputs),
    outputs: outputsBlock(command.outputs),
    runs: { using: 'node24', main: `../../dist/${command.name}.mjs` }
  }
  return header + stringify(doc, { lineWidth: 0 })
}

export function renderUmbrellaAction(): string {
  const outputs = new Map<string, OutputSpec>()
  for (const c of commands)
    for (const o of c.outputs) if (!outputs.has(o.name)) outputs.set(o.name, o)
  const doc = {
    name: 'rk1-actions',
    description:
      'Run the life of a Turing Pi 2 cluster of RK1 modules: provision, deploy-workloads, npu-benchmark, wipe, report.',
    author: 'rk1-actions',
    inputs: {
      command: {
        description: `The command to run: ${commands.map((c) => c.name).join(', ')}.`,
        required: true
      },
      ...inputsBlock(umbrellaInputs())
    },
    outputs: outputsBlock([...outputs.values()]),
    runs: { using: 'node24', main: 'dist/main.mjs' }
  }
  return header + stringify(doc, { lineWidth: 0 })
}

/** Path (relative to the repository root) and content of every action.yml. */
export function allActionFiles(): [string, string][] {
  return [
    ['action.yml', renderUmbrellaAction()],
    ...commands.map((c): [string, string] => [
      `actions/${c.name}/action.yml`,
      renderCommandAction(c)
    ])
  ]
}

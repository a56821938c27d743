import type { Host } from '../common/host'
import type { Inputs } from './input-reader'
import {
  deployWorkloadsInputs,
  npuBenchmarkInputs,
  provisionInputs,
  reportInputs,
  wipeInputs,
  type InputSpec
} from './inputs'
import { NotImplementedError } from '../common/errors'

export interface OutputSpec {
  readonly name: string
  readonly description: string
}

export interface CommandContext {
  readonly host: Host
  readonly inputs: Inputs
}

export interface CommandDefinition {
  readonly name: string
  readonly description: string
  readonly inputs: readonly InputSpec[]
  readonly outputs: readonly OutputSpec[]
  readonly implemented: boolean
  /** Loaded lazily so each action bundle only reads the code of its own command. */
  run(context: CommandContext): Promise<void>
}

const notImplemented = (name: string) => async (): Promise<void> => {
  throw new NotImplementedError(name)
}

export const commands: readonly CommandDefinition[] = [
  {
    name: 'provision',
    description: 'Flash the nodes through the BMC, power them on and confirm that they boot.',
    inputs: provisionInputs,
    outputs: [
      { name: 'result', description: 'Per-node results as JSON.' },
      { name: 'flashed-nodes', description: 'Comma-separated slots that were flashed.' }
    ],
    implemented: true,
    run: async (context) => (await import('./provision')).runProvision(context)
  },
  {
    name: 'deploy-workloads',
    description: 'Install or update MetalLB, ingress, Longhorn and monitoring (planned).',
    inputs: deployWorkloadsInputs,
    outputs: [
      { name: 'result', description: 'Per-component results as JSON.' },
      { name: 'plan', description: 'Markdown plan of what would change (plan mode).' }
    ],
    implemented: false,
    run: notImplemented('deploy-workloads')
  },
  {
    name: 'npu-benchmark',
    description: 'Benchmark the NPU, CPU, storage and an LLM on the nodes (planned).',
    inputs: npuBenchmarkInputs,
    outputs: [{ name: 'result', description: 'Benchmark results as JSON.' }],
    implemented: false,
    run: notImplemented('npu-benchmark')
  },
  {
    name: 'wipe',
    description: 'Reset the distribution and wipe disks on the nodes (planned).',
    inputs: wipeInputs,
    outputs: [{ name: 'result', description: 'Per-node results as JSON.' }],
    implemented: false,
    run: notImplemented('wipe')
  },
  {
    name: 'report',
    description: 'Compare per-distro results and publish Markdown/HTML reports (planned).',
    inputs: reportInputs,
    outputs: [{ name: 'report-path', description: 'Directory holding the generated reports.' }],
    implemented: false,
    run: notImplemented('report')
  }
]

export function findCommand(name: string): CommandDefinition | undefined {
  return commands.find((c) => c.name === name)
}

export const commandNames = commands.map((c) => c.name)

/** The umbrella action's inputs: `command` plus the union of every command's inputs. */
export function umbrellaInputs(): InputSpec[] {
  const byName = new Map<string, InputSpec>()
  for (const command of commands) {
    for (const input of command.inputs) if (!byName.has(input.name)) byName.set(input.name, input)
  }
  return [...byName.values()]
}

/**
 * What a command is and what it receives. Commands import these from here, never from
 * ./registry: the registry loads the commands, so a command importing it would be a cycle.
 */
import type { Host } from '../common/host'
import type { Inputs } from './input-reader'
import type { InputSpec } from './inputs'

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

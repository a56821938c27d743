import * as core from '@actions/core'
import { errorText, InputError, formatProblemLocation } from '../common/errors'
import { Inputs } from '../commands/input-reader'
import { maskInput } from '../commands/inputs'
import type { CommandDefinition } from '../commands/registry'
import { Redactor } from '../common/redact'
import { createActionsHost } from './host'

/**
 * Runs one command as a GitHub Action: reads and masks its inputs, runs it, and turns any failure
 * into a failed step with annotations. Never throws, so entry points stay one line.
 */
export async function runAction(command: CommandDefinition): Promise<void> {
  const controller = new AbortController()
  const onSignal = (): void => controller.abort(new Error('The run was cancelled.'))
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  const redactor = new Redactor()
  try {
    const host = createActionsHost(controller.signal, redactor)
    // Secrets are masked before anything can print them, even before validation.
    for (const spec of command.inputs) {
      maskInput((s) => host.mask(s), spec, core.getInput(spec.name))
    }
    const inputs = new Inputs(command.inputs, (spec) => core.getInput(spec.name))
    await command.run({ host, inputs })
  } catch (error) {
    if (error instanceof InputError) {
      for (const p of error.problems.slice(0, 10)) {
        core.error(redactor.redact(`${formatProblemLocation(p)}${p.message}`), {
          title: 'Invalid input',
          file: p.file && p.file !== 'inputs' ? p.file : undefined,
          startLine: p.line,
          startColumn: p.column
        })
      }
    }
    core.setFailed(redactor.redact(errorText(error)))
  } finally {
    process.removeListener('SIGINT', onSignal)
    process.removeListener('SIGTERM', onSignal)
  }
}

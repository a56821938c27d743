import * as core from '@actions/core'
import { commandNames, findCommand } from '../commands/registry'
import { dropForeignInputs } from '../github/foreign-inputs'
import { runAction } from '../github/run-action'

// The umbrella action: `command` picks the command; a workflow cannot put an expression in `uses:`.
const name = core.getInput('command').trim()
const command = findCommand(name)
if (command) {
  dropForeignInputs(command, process.env)
  await runAction(command)
} else core.setFailed(`Unknown command "${name}". Valid commands: ${commandNames.join(', ')}.`)

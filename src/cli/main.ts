import { writeFile } from 'node:fs/promises'
import { errorText, InputError, NotImplementedError } from '../common/errors'
import { Inputs } from '../commands/input-reader'
import { maskInput } from '../commands/inputs'
import { commands, findCommand } from '../commands/registry'
import { commandHelp, parseCommandLine, UsageError } from './args'
import { createConsoleHost } from './console-host'

/** Exit codes of the CLI, documented in the README. */
export const ExitCode = {
  ok: 0,
  failed: 1,
  usage: 2,
  notImplemented: 3
} as const

function usage(): string {
  const lines = [
    'Usage: rk1 <command> [options]   (rk1 <command> --help for its options)',
    '',
    'Commands:'
  ]
  for (const c of commands) lines.push(`  ${c.name.padEnd(18)} ${c.description}`)
  for (const [name, text] of extraCommands) lines.push(`  ${name.padEnd(18)} ${text}`)
  return lines.join('\n')
}

/** Commands that only exist in the CLI (they are not GitHub Actions). */
const extraCommands: [string, string][] = [
  ['lab', 'Run the virtual lab: "rk1 lab up" starts an emulated cluster on loopback.'],
  ['demo', 'Start the lab, provision all its nodes, print the summary, stop the lab.']
]

export async function main(argv: string[], env = process.env): Promise<number> {
  const [name, ...rest] = argv
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(`${usage()}\n`)
    return name ? ExitCode.ok : ExitCode.usage
  }
  if (name === 'lab' || name === 'demo') {
    const { runLabCommand } = await import('./lab-command')
    return runLabCommand(name, rest, env, main)
  }
  const command = findCommand(name)
  if (!command) {
    process.stderr.write(`rk1: unknown command "${name}"\n\n${usage()}\n`)
    return ExitCode.usage
  }

  let parsed
  try {
    parsed = parseCommandLine(rest, command.inputs)
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    process.stderr.write(
      `rk1 ${name}: ${error.message}\n\n${commandHelp(name, command.description, command.inputs)}\n`
    )
    return ExitCode.usage
  }
  if (parsed.help) {
    process.stdout.write(`${commandHelp(name, command.description, command.inputs)}\n`)
    return ExitCode.ok
  }

  const controller = new AbortController()
  const onSignal = (): void => controller.abort(new Error('Interrupted.'))
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  const host = createConsoleHost({
    signal: controller.signal,
    env,
    summaryFile: parsed.summaryFile,
    verbose: parsed.verbose
  })
  for (const spec of command.inputs) {
    if (spec.env) maskInput((s) => host.mask(s), spec, env[spec.env] ?? '')
  }
  const inputs = new Inputs(
    command.inputs,
    (spec) => parsed.values.get(spec.name) ?? (spec.env ? env[spec.env] : undefined)
  )
  try {
    await command.run({ host, inputs })
    return ExitCode.ok
  } catch (error) {
    process.stderr.write(`${host.redactor.redact(`rk1 ${name} failed: ${errorText(error)}`)}\n`)
    if (error instanceof NotImplementedError) return ExitCode.notImplemented
    if (error instanceof InputError) return ExitCode.usage
    return ExitCode.failed
  } finally {
    process.removeListener('SIGINT', onSignal)
    process.removeListener('SIGTERM', onSignal)
    if (parsed.outputFile) {
      const outputs = Object.fromEntries(host.outputs)
      await writeFile(parsed.outputFile, `${JSON.stringify(outputs, null, 2)}\n`, { mode: 0o600 })
    }
  }
}

import { rm, writeFile } from 'node:fs/promises'
import packageJson from '../../package.json' with { type: 'json' }
import { ConfirmationError, errorText, InputError, NotImplementedError } from '../common/errors'
import { useCliInputStyle } from '../common/input-style'
import { Inputs } from '../commands/input-reader'
import { maskInput } from '../commands/inputs'
import { findCommand, type CommandDefinition } from '../commands/registry'
import { commandHelp, parseCommandLine, usageLine, UsageError } from './args'
import { cliCommands } from './cli-commands'
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
  const all = cliCommands()
  const width = Math.max(...all.map((c) => c.name.length)) + 2
  for (const c of all) lines.push(`  ${c.name.padEnd(width)}${c.description}`)
  lines.push('', 'rk1 --version prints the version.')
  return lines.join('\n')
}

/** Runs `rk1 <argv>` and returns the exit code; never throws, never prints a stack trace. */
export async function main(argv: string[], env = process.env): Promise<number> {
  try {
    return await dispatch(argv, env)
  } catch (error) {
    // A bug or an unexpected failure: one line; the stack only when asked for.
    const detail = env.RK1_DEBUG === '1' && error instanceof Error ? `\n${error.stack}` : ''
    process.stderr.write(`rk1 ${argv[0] ?? ''}: ${errorText(error)}${detail}\n`)
    return ExitCode.failed
  }
}

async function dispatch(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const [name, ...rest] = argv
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(`${usage()}\n`)
    return name ? ExitCode.ok : ExitCode.usage
  }
  if (name === '--version' || name === '-V' || name === 'version') {
    process.stdout.write(`rk1 ${packageJson.version}\n`)
    return ExitCode.ok
  }
  if (name === 'lab' || name === 'demo') {
    const { runLabCommand } = await import('./lab-command')
    return runLabCommand(name, rest, env, main)
  }
  const command = findCommand(name)
  if (!command) {
    process.stderr.write(`rk1: unknown command "${name}". Commands: rk1 --help\n`)
    return ExitCode.usage
  }
  return runCommand(command, rest, env)
}

async function runCommand(
  command: CommandDefinition,
  argv: string[],
  env: NodeJS.ProcessEnv
): Promise<number> {
  const { name } = command
  let parsed
  try {
    parsed = parseCommandLine(argv, command.inputs)
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    process.stderr.write(`${usageLine(name, error)}\n`)
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
    verbose: parsed.verbose,
    keepClusterFiles: true
  })
  for (const spec of command.inputs) {
    if (spec.env) maskInput((s) => host.mask(s), spec, env[spec.env] ?? '')
  }
  const inputs = new Inputs(
    command.inputs,
    (spec) => parsed.values.get(spec.name) ?? (spec.env ? env[spec.env] : undefined)
  )
  useCliInputStyle(command.inputs)
  try {
    await command.run({ host, inputs })
    return ExitCode.ok
  } catch (error) {
    process.stderr.write(`${host.redactor.redact(`rk1 ${name} failed: ${errorText(error)}`)}\n`)
    if (error instanceof NotImplementedError) return ExitCode.notImplemented
    if (error instanceof InputError || error instanceof ConfirmationError) return ExitCode.usage
    return ExitCode.failed
  } finally {
    useCliInputStyle(undefined)
    process.removeListener('SIGINT', onSignal)
    process.removeListener('SIGTERM', onSignal)
    // The run's scratch folder goes; what must stay (kubeconfig, secrets) lives in output-dir.
    await rm(host.tempDir, { recursive: true, force: true })
    if (parsed.outputFile) {
      const outputs = Object.fromEntries(host.outputs)
      await writeFile(parsed.outputFile, `${JSON.stringify(outputs, null, 2)}\n`, { mode: 0o600 })
    }
  }
}

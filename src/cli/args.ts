import { parseArgs } from 'node:util'
import type { InputSpec } from '../commands/inputs'

export interface ParsedCommandLine {
  values: Map<string, string>
  /** CLI-only switches (not action inputs). */
  verbose: boolean
  help: boolean
  summaryFile?: string
  outputFile?: string
}

/** A mistake on the command line: one line for the user, exit code 2. */
export class UsageError extends Error {}

const isBooleanInput = (spec: InputSpec): boolean =>
  spec.default === 'true' || spec.default === 'false'

/** The switches every command of the registry has besides its inputs (not lab/demo). */
const RUN_SWITCHES: readonly InputSpec[] = [
  { name: 'summary-file', description: 'Also append the run summary (Markdown) to this file.' },
  { name: 'output-file', description: 'Write the outputs as JSON to this file (mode 0600).' },
  { name: 'verbose', description: 'Show debug lines.', default: 'false' }
]
const HELP: InputSpec = { name: 'help', description: 'Show this help.', default: 'false' }

/** node:util's messages name its own API; ours name the flag and what to do. */
function usageMessage(error: Error & { code?: string }): string {
  const option = /'(-[^' ]+)/.exec(error.message)?.[1]
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION')
    return `unknown option ${option ?? error.message}`
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE')
    return /does not take an argument/.test(error.message)
      ? `${option} is a switch and takes no value`
      : `${option} needs a value`
  return error.message
}

/**
 * A switch may be written `--reflash`, `--reflash true|false`, `--reflash=false` or `--no-reflash`,
 * so a default-true input (`--power-off`) can be turned off. node:util's boolean options take no
 * value, so the spelled-out forms become `--name` or are dropped (false is the parser's absence).
 * Returns the arguments for node:util and the switches explicitly set to false.
 */
function normalizeSwitches(
  argv: readonly string[],
  switches: ReadonlySet<string>
): { args: string[]; off: Set<string> } {
  const out: string[] = []
  const off = new Set<string>()
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string
    const match = /^--(no-)?([a-z0-9-]+)(?:=(.*))?$/.exec(arg)
    const negated = match?.[1] !== undefined
    const name = match?.[2] ?? ''
    if (!match || !switches.has(name)) {
      out.push(arg)
      continue
    }
    let value: string | undefined = match[3]
    if (value === undefined && !negated && /^(true|false)$/.test(argv[i + 1] ?? ''))
      value = argv[++i]
    if (value !== undefined && !/^(true|false)$/.test(value))
      throw new UsageError(`--${name} is a switch: give it alone, or as true or false`)
    const on = negated ? value === 'false' : value !== 'false'
    if (on) out.push(`--${name}`)
    else off.add(name)
  }
  return { args: out, off }
}

/**
 * Parses `--kebab-name value` flags for a command's inputs. Secrets are refused as flags because
 * command lines are visible to every user of the machine (ps, shell history); they come from env.
 * `runSwitches: false` for the lab commands, which write no summary and have no outputs.
 */
export function parseCommandLine(
  argv: string[],
  specs: readonly InputSpec[],
  { runSwitches = true } = {}
): ParsedCommandLine {
  const all = [...specs, ...(runSwitches ? RUN_SWITCHES : []), HELP]
  const options: Record<string, { type: 'string' | 'boolean' }> = {}
  for (const spec of all) options[spec.name] = { type: isBooleanInput(spec) ? 'boolean' : 'string' }
  const switches = new Set(all.filter(isBooleanInput).map((spec) => spec.name))

  const { args, off } = normalizeSwitches(argv, switches)
  let parsed
  try {
    parsed = parseArgs({
      args,
      options,
      allowPositionals: true,
      strict: true
    })
  } catch (error) {
    throw new UsageError(usageMessage(error as Error))
  }
  if (parsed.values.help === true) return { values: new Map(), verbose: false, help: true }
  const [positional] = parsed.positionals
  if (positional !== undefined)
    throw new UsageError(`unexpected argument "${positional}" (options are given as --name value)`)
  const values = new Map<string, string>()
  for (const spec of specs) {
    const value = off.has(spec.name) ? false : parsed.values[spec.name]
    if (value === undefined) continue
    if (spec.secret) {
      throw new UsageError(
        `--${spec.name} is not accepted on the command line (it would be visible to other users); ` +
          `set the environment variable ${spec.env ?? spec.name.toUpperCase()} instead`
      )
    }
    values.set(spec.name, String(value))
  }
  return {
    values,
    verbose: parsed.values.verbose === true,
    help: false,
    summaryFile: parsed.values['summary-file'] as string | undefined,
    outputFile: parsed.values['output-file'] as string | undefined
  }
}

function optionLines(specs: readonly InputSpec[]): string[] {
  const rows = specs.map((spec) => {
    const flag = spec.secret
      ? `$${spec.env ?? `(no CLI form) ${spec.name}`}`
      : `--${spec.name}${isBooleanInput(spec) ? '' : ' <value>'}`
    const def =
      spec.default && !spec.secret && spec.default !== 'false' ? ` (default: ${spec.default})` : ''
    const env = spec.env && !spec.secret ? ` (or $${spec.env})` : ''
    return [flag, `${spec.description}${def}${env}`] as const
  })
  const width = Math.max(...rows.map(([flag]) => flag.length)) + 2
  return rows.map(([flag, text]) => `  ${flag.padEnd(width)}${text}`)
}

/** `rk1 <name> --help`, generated from the command's input declarations. */
export function commandHelp(
  name: string,
  description: string,
  specs: readonly InputSpec[],
  { runSwitches = true } = {}
): string {
  const options = specs.filter((s) => !s.secret)
  const secrets = specs.filter((s) => s.secret)
  const lines = [`Usage: rk1 ${name} [options]`, '', description, '', 'Options:']
  lines.push(...optionLines([...options, ...(runSwitches ? RUN_SWITCHES : []), HELP]))
  if (secrets.length > 0) {
    lines.push('', 'Secrets (from the environment only; command lines are visible to other users):')
    lines.push(...optionLines(secrets))
  }
  return lines.join('\n')
}

/** The one line printed for a usage mistake, pointing at the help. */
export function usageLine(name: string, error: UsageError): string {
  return `rk1 ${name}: ${error.message}. See: rk1 ${name} --help`
}

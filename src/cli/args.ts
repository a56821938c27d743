import { parseArgs } from 'node:util'
import type { InputSpec } from '../commands/inputs'

export interface ParsedCommandLine {
  values: Map<string, string>
  /** CLI-only switches (not action inputs). */
  verbose: boolean
  help: boolean
  summaryFile?: string
  outputFile?: string
  positionals: string[]
}

export class UsageError extends Error {}

const isBooleanInput = (spec: InputSpec): boolean =>
  spec.default === 'true' || spec.default === 'false'

/**
 * Parses `--kebab-name value` flags for a command's inputs. Secrets are refused as flags because
 * command lines are visible to every user of the machine (ps, shell history); they come from env.
 */
export function parseCommandLine(argv: string[], specs: readonly InputSpec[]): ParsedCommandLine {
  const options: Record<string, { type: 'string' | 'boolean' }> = {
    verbose: { type: 'boolean' },
    help: { type: 'boolean' },
    'summary-file': { type: 'string' },
    'output-file': { type: 'string' }
  }
  for (const spec of specs)
    options[spec.name] = { type: isBooleanInput(spec) ? 'boolean' : 'string' }

  let parsed
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true })
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  const values = new Map<string, string>()
  for (const spec of specs) {
    const value = parsed.values[spec.name]
    if (value === undefined) continue
    if (spec.secret) {
      throw new UsageError(
        `--${spec.name} is not accepted on the command line (it would be visible to other users); ` +
          `set the environment variable ${spec.env ?? spec.name.toUpperCase()} instead.`
      )
    }
    values.set(spec.name, String(value))
  }
  return {
    values,
    verbose: parsed.values.verbose === true,
    help: parsed.values.help === true,
    summaryFile: parsed.values['summary-file'] as string | undefined,
    outputFile: parsed.values['output-file'] as string | undefined,
    positionals: parsed.positionals
  }
}

export function commandHelp(
  name: string,
  description: string,
  specs: readonly InputSpec[]
): string {
  const lines = [`Usage: rk1 ${name} [options]`, '', description, '', 'Options:']
  for (const spec of specs) {
    const flag = spec.secret
      ? `(env ${spec.env})`
      : `--${spec.name}${isBooleanInput(spec) ? '' : ' <value>'}`
    const def = spec.default && !spec.secret ? ` (default: ${spec.default})` : ''
    lines.push(`  ${flag.padEnd(28)} ${spec.description}${def}`)
  }
  lines.push(
    `  ${'--summary-file <path>'.padEnd(28)} Also append the run summary (Markdown) to this file.`,
    `  ${'--output-file <path>'.padEnd(28)} Write the outputs as JSON to this file.`,
    `  ${'--verbose'.padEnd(28)} Show debug lines.`
  )
  return lines.join('\n')
}

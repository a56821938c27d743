/**
 * How messages name an input. A workflow author writes `with:` inputs (`reflash: true`); a CLI user
 * types flags and sets environment variables (`--reflash`, `RK1_BMC_PASSWORD`). Advice must speak
 * the user's language, so every message that names an input goes through `inputRef`. The style is
 * a fact of the whole process (one process runs either the CLI or an action): the CLI entry sets
 * it once with the declarations of its command; Actions keep the default.
 */

/** What `inputRef` needs to know of an input declaration (see src/commands/inputs.ts). */
export interface NamedInput {
  readonly name: string
  readonly default?: string
  readonly secret?: boolean
  readonly env?: string
}

let cliInputs: ReadonlyMap<string, NamedInput> | undefined

/** Called by the CLI before a command runs; `undefined` goes back to the Actions style. */
export function useCliInputStyle(inputs: readonly NamedInput[] | undefined): void {
  cliInputs = inputs ? new Map(inputs.map((i) => [i.name, i])) : undefined
}

const isBoolean = (input: NamedInput | undefined): boolean =>
  input?.default === 'true' || input?.default === 'false'

/**
 * An input with a value, as the user would give it: `reflash: true` / `confirm: rk1-lab` in Actions,
 * `--reflash` / `--confirm rk1-lab` / `RK1_BMC_PASSWORD` in the CLI. Without a value: the bare name
 * (`reflash`, `--reflash`).
 */
export function inputRef(name: string, value?: string): string {
  if (!cliInputs) return value === undefined ? name : `${name}: ${value}`
  const input = cliInputs.get(name)
  if (input?.secret && input.env) return input.env
  if (value === undefined || (isBoolean(input) && value === 'true')) return `--${name}`
  if (isBoolean(input) && value === 'false') return `no --${name}`
  return `--${name} ${value}`
}

/** Where a problem with an input is: `inputs reflash` in Actions, `--reflash (RK1_X)` in the CLI. */
export function inputLocation(name: string): string {
  if (!cliInputs) return `inputs ${name}`
  const input = cliInputs.get(name)
  if (input?.secret && input.env) return input.env
  return input?.env ? `--${name} (or ${input.env})` : `--${name}`
}

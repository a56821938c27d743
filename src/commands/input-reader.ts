import { InputError, type InputProblem } from '../common/errors'
import type { InputSpec } from './inputs'

/** Where raw input strings come from: `core.getInput` in Actions, argv/env in the CLI. */
export type RawInputSource = (spec: InputSpec) => string | undefined

const TRUE = ['true', 'True', 'TRUE']
const FALSE = ['false', 'False', 'FALSE']

/**
 * Typed access to a command's declared inputs. Problems are collected rather than thrown one by
 * one, so a user sees every bad input at once (`assertValid`).
 */
export class Inputs {
  private readonly problems: InputProblem[] = []
  private readonly specs: Map<string, InputSpec>

  constructor(
    specs: readonly InputSpec[],
    private readonly source: RawInputSource
  ) {
    this.specs = new Map(specs.map((s) => [s.name, s]))
  }

  /** The trimmed value, or the declared default. Reading an undeclared input is a programming error. */
  string(name: string): string {
    const spec = this.spec(name)
    const raw = this.source(spec)
    const value = raw === undefined || raw === '' ? (spec.default ?? '') : raw
    return spec.secret ? value : value.trim()
  }

  /** Empty string means "not given". */
  optional(name: string): string | undefined {
    const value = this.string(name)
    return value === '' ? undefined : value
  }

  boolean(name: string): boolean {
    const value = this.string(name)
    if (TRUE.includes(value)) return true
    if (FALSE.includes(value) || value === '') return false
    this.problems.push({
      file: 'inputs',
      path: name,
      message: `must be true or false, got "${value}"`
    })
    return false
  }

  integer(name: string, range: { min?: number; max?: number } = {}): number {
    const value = this.string(name)
    const n = Number(value)
    const { min = -Infinity, max = Infinity } = range
    if (!/^-?\d+$/.test(value) || n < min || n > max) {
      const bounds =
        Number.isFinite(min) || Number.isFinite(max) ? ` between ${min} and ${max}` : ''
      this.problems.push({
        file: 'inputs',
        path: name,
        message: `must be an integer${bounds}, got "${value}"`
      })
      return Number.isFinite(min) ? min : 0
    }
    return n
  }

  /** One of a fixed set of words; empty falls back to `fallback`. */
  choice<T extends string>(name: string, allowed: readonly T[], fallback?: T): T | undefined {
    const value = this.string(name)
    if (value === '') return fallback
    if ((allowed as readonly string[]).includes(value)) return value as T
    this.problems.push({
      file: 'inputs',
      path: name,
      message: `must be one of ${allowed.join(', ')}, got "${value}"`
    })
    return fallback
  }

  /** Lets a command add its own cross-input checks to the same list. */
  problem(name: string, message: string): void {
    this.problems.push({ file: 'inputs', path: name, message })
  }

  assertValid(): void {
    if (this.problems.length > 0) {
      throw new InputError(`${this.problems.length} invalid input(s)`, [...this.problems])
    }
  }

  private spec(name: string): InputSpec {
    const spec = this.specs.get(name)
    if (!spec) throw new Error(`input "${name}" is not declared for this command`)
    return spec
  }
}

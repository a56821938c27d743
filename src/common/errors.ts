import { inputLocation } from './input-style'

/**
 * Typed errors. Every error that reaches the user says what failed, where (node, step) and what was
 * seen, so a failed run can be diagnosed from its log alone.
 */

/** Fields shared by all of our errors; all optional because not every failure is tied to a node. */
export interface ErrorContext {
  /** Slot number 1-4 of the node concerned, if any. */
  node?: number
  /** The step that failed, e.g. `flash`, `boot`, `inventory`. */
  step?: string
  /** What was observed: a response body, a UART tail, stderr. Kept verbatim, never secrets. */
  evidence?: string
  /** What the user can do about it. */
  advice?: string
}

export class Rk1Error extends Error {
  readonly node?: number
  readonly step?: string
  readonly evidence?: string
  readonly advice?: string

  constructor(message: string, context: ErrorContext = {}, options?: { cause?: unknown }) {
    super(message, options)
    this.name = new.target.name
    this.node = context.node
    this.step = context.step
    this.evidence = context.evidence
    this.advice = context.advice
  }

  /** The full multi-line text shown to users: message, then evidence and advice when present. */
  describe(): string {
    const lines = [this.message]
    if (this.evidence) lines.push(`Seen: ${this.evidence}`)
    if (this.advice) lines.push(`What to do: ${this.advice}`)
    return lines.join('\n')
  }
}

/** One problem in user input, with its location (`nodes[2].ip`, line 14). */
export interface InputProblem {
  /** Dotted/bracketed path inside the document, e.g. `nodes[1].ip`; empty for the document itself. */
  path: string
  message: string
  /** 1-based line and column in the source file, when known. */
  line?: number
  column?: number
  /** The file the problem is in (inventory path) or `inputs` for action inputs. */
  file?: string
}

/** Bad inventory or action inputs: every problem at once, and nothing was touched. */
export class InputError extends Rk1Error {
  readonly problems: readonly InputProblem[]

  constructor(summary: string, problems: readonly InputProblem[]) {
    super(summary, { step: 'input', advice: 'Fix the listed problems; nothing was changed.' })
    this.problems = problems
  }

  override describe(): string {
    const lines = [this.message]
    for (const p of this.problems) lines.push(`  - ${formatProblemLocation(p)}${p.message}`)
    if (this.advice) lines.push(`What to do: ${this.advice}`)
    return lines.join('\n')
  }
}

export function formatProblemLocation(p: InputProblem): string {
  // Action inputs are named the way the user gives them (CLI flag / env var, or workflow input).
  if (p.file === 'inputs' && p.line === undefined) return `${inputLocation(p.path)}: `
  const where = [p.file, p.line !== undefined ? `${p.line}:${p.column ?? 1}` : undefined]
    .filter(Boolean)
    .join(':')
  const path = p.path ? `${p.path}` : '(document)'
  return where ? `${where} ${path}: ` : `${path}: `
}

/** A command that exists but is not built yet; fails loudly instead of pretending to succeed. */
export class NotImplementedError extends Rk1Error {
  constructor(command: string) {
    super(`The command "${command}" is not implemented yet.`, {
      step: command,
      advice: 'Follow the project issues for its progress; nothing was changed.'
    })
  }
}

/** A destructive step asked without the confirmation that names the cluster. */
export class ConfirmationError extends Rk1Error {}

/** Plain text for any thrown value, including non-Error throws. */
export function errorText(error: unknown): string {
  if (error instanceof Rk1Error) return error.describe()
  if (error instanceof Error) return error.message
  return String(error)
}

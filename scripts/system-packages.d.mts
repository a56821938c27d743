// Types of scripts/system-packages.mjs for the TypeScript code that bundles it (the CLI's lab).
export interface Requirement {
  readonly program: string
  /** Debian/Ubuntu package that provides it. */
  readonly pkg: string
  /** 'lab': the lab, the demo and the product need it; 'tests': only the test suite. */
  readonly scope: 'lab' | 'tests'
  readonly why: string
  /** Absolute paths its users call it by (otherwise it is looked up on PATH). */
  readonly paths?: readonly string[]
}

export interface EnsureOptions {
  scope?: 'lab' | 'tests'
  env?: NodeJS.ProcessEnv
  /** false: only check, even as root with apt-get. */
  install?: boolean
  /** Where progress and the one-line refusal go (default: stderr). */
  log?: (line: string) => void
}

export interface EnsureResult {
  /** false: something the scope needs is missing; the one line naming it was logged. */
  ok: boolean
  /** Packages installed by this call. */
  installed: string[]
}

export const REQUIREMENTS: readonly Requirement[]
export function missingRequirements(scope?: 'lab' | 'tests', env?: NodeJS.ProcessEnv): Requirement[]
export function missingLine(missing: readonly Requirement[], env?: NodeJS.ProcessEnv): string
export function ensureSystem(options?: EnsureOptions): EnsureResult

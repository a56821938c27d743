/**
 * The Host is everything a command needs from the world it runs in: logging, the step summary,
 * outputs, secret masking and where to keep files. The GitHub adapter (src/github) implements it
 * with @actions/core; the CLI adapter (src/cli) with the console. Commands only see this interface,
 * so they run unchanged in both.
 */

export interface Logger {
  info(message: string): void
  warn(message: string, where?: AnnotationLocation): void
  error(message: string, where?: AnnotationLocation): void
  debug(message: string): void
  /** Runs `fn` inside a collapsible log group; the group is closed even if `fn` throws. */
  group<T>(title: string, fn: () => Promise<T>): Promise<T>
}

/** Where an annotation points (a line of cluster.yaml, for example). */
export interface AnnotationLocation {
  file?: string
  line?: number
  column?: number
  title?: string
}

export type SummaryCell = string | { data: string; header?: boolean }

/**
 * Builds the step summary. Values are plain text; implementations escape them, because node
 * output, BMC answers and PR text are not trusted HTML.
 */
export interface Summary {
  heading(text: string, level?: 1 | 2 | 3): Summary
  paragraph(text: string): Summary
  table(header: string[], rows: SummaryCell[][]): Summary
  list(items: string[]): Summary
  code(text: string, lang?: string): Summary
  /** Appends what was built so far to the summary destination. */
  write(): Promise<void>
}

export interface Host {
  readonly log: Logger
  readonly summary: Summary
  /** Sets a step output (a string; structured values are JSON). */
  setOutput(name: string, value: string): void
  /** Registers a value that must never appear in logs; call before the value can be printed. */
  mask(secret: string): void
  /** A directory that survives between runs on the same machine, for downloaded images. */
  readonly cacheDir: string
  /** A private scratch directory for this run. */
  readonly tempDir: string
  /** Environment variables (so tests can inject them without touching process.env). */
  readonly env: NodeJS.ProcessEnv
  /** Aborted when the run is cancelled (Ctrl-C, job cancellation). */
  readonly signal: AbortSignal
}

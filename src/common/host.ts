import type { GitHubApi, RunContext } from './github-api'

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

/** One artifact as the store knows it. */
export interface ArtifactInfo {
  readonly id: number
  readonly name: string
  /** Bytes as stored (the zip on GitHub, the sum of the files in a folder). */
  readonly size: number
  readonly createdAt?: string
}

/** Another run of this repository's workflows, whose artifacts are read with a token. */
export interface ArtifactRun {
  readonly runId: number
  /** Needs `actions: read`; on GitHub the job's own token is enough for its own repository. */
  readonly token: string
}

/**
 * Artifacts of a run: uploaded once under a unique name (a second upload of the same name in the
 * same run fails, as on GitHub), listed and downloaded from this run or an earlier one.
 */
export interface ArtifactStore {
  /** `github`: the Actions artifact service; `folder`: a local directory (the CLI). */
  readonly kind: 'github' | 'folder'
  /** Uploads `files` (absolute paths under `rootDir`, kept relative to it) as one artifact. */
  upload(
    name: string,
    rootDir: string,
    files: readonly string[],
    /**
     * `single`: one file stored as itself, not zipped (GitHub then names the artifact after the
     * file and opens it in the browser); the folder store keeps it as it keeps any file.
     */
    options?: { retentionDays?: number; single?: boolean }
  ): Promise<ArtifactInfo>
  /** This run's artifacts, or another run's (`from`). */
  list(from?: ArtifactRun): Promise<ArtifactInfo[]>
  /** Extracts the artifact's files into `destDir` (created if needed); returns `destDir`. */
  download(artifact: ArtifactInfo, destDir: string, from?: ArtifactRun): Promise<string>
  /** Where a person opens the artifact (the run's page on GitHub, the folder in the CLI). */
  link(artifact: ArtifactInfo): string
}

export interface Host {
  readonly log: Logger
  /** Where this run stands on GitHub; undefined outside GitHub Actions (the CLI). */
  readonly run?: RunContext
  /** GitHub's REST API for this run's repository with `token`; absent outside GitHub Actions. */
  readonly github?: (token: string) => Promise<GitHubApi>
  /** Upload, list and download run artifacts (Actions artifact service, or a local folder). */
  readonly artifacts: ArtifactStore
  readonly summary: Summary
  /** Sets a step output (a string; structured values are JSON). */
  setOutput(name: string, value: string): void
  /** Registers a value that must never appear in logs; call before the value can be printed. */
  mask(secret: string): void
  /** A directory that survives between runs on the same machine, for downloaded images. */
  readonly cacheDir: string
  /** A private scratch directory for this run. */
  readonly tempDir: string
  /**
   * The CLI's default output-dir of one cluster: a private folder that outlives the run, so the
   * generated SSH key, Talos secrets, kubeconfig and Grafana password are kept and later runs find
   * them. Absent in Actions, where the outputs carry them and the files go to the runner temp.
   */
  readonly clusterDir?: (clusterName: string) => string
  /** Environment variables (so tests can inject them without touching process.env). */
  readonly env: NodeJS.ProcessEnv
  /** Aborted when the run is cancelled (Ctrl-C, job cancellation). */
  readonly signal: AbortSignal
}

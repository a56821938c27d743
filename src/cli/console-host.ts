import { AsyncLocalStorage } from 'node:async_hooks'
import { appendFile, mkdir } from 'node:fs/promises'
import { mkdirSync } from 'node:fs'
import { homedir, tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AnnotationLocation, Host, Logger } from '../common/host'
import { Redactor } from '../common/redact'
import { createFolderArtifactStore } from './folder-artifacts'
import { MarkdownSummary } from './markdown-summary'

export interface ConsoleHostOptions {
  signal: AbortSignal
  env?: NodeJS.ProcessEnv
  /** Also append the summary here (like GITHUB_STEP_SUMMARY). */
  summaryFile?: string
  verbose?: boolean
  write?: (text: string) => void
  /**
   * Keep each cluster's files in its own folder under the state directory (the CLI's default
   * output-dir). Off for hosts that tests build in-process, which choose their folders.
   */
  keepClusterFiles?: boolean
}

/**
 * Where the CLI keeps what must outlive a run: RK1_STATE_DIR, else $XDG_STATE_HOME/rk1, else
 * ~/.local/state/rk1. Not the cache: a cache may be deleted at any time, these files are secrets
 * a cluster cannot be managed without.
 */
export function stateDir(env: NodeJS.ProcessEnv): string {
  return env.RK1_STATE_DIR || join(env.XDG_STATE_HOME || join(homedir(), '.local', 'state'), 'rk1')
}

/** `<state>/clusters/<name>`: the CLI's default output-dir of the cluster `name`. */
export function clusterDirOf(env: NodeJS.ProcessEnv, clusterName: string): string {
  return join(stateDir(env), 'clusters', clusterName.replace(/[^\w.-]/g, '_'))
}

function location(where?: AnnotationLocation): string {
  if (!where?.file) return ''
  return `${where.file}${where.line ? `:${where.line}` : ''}${where.column ? `:${where.column}` : ''}: `
}

function timestamp(): string {
  return new Date().toISOString().slice(11, 19)
}

class ConsoleLogger implements Logger {
  /**
   * The group depth of the calling task: nodes are provisioned concurrently, so one counter for
   * the process would indent one node's lines by another node's groups (and lose it when a group
   * ends while another is open).
   */
  private readonly depth = new AsyncLocalStorage<number>()
  constructor(
    private readonly redactor: Redactor,
    private readonly write: (text: string) => void,
    private readonly verbose: boolean
  ) {}
  private line(prefix: string, message: string): void {
    const indent = '  '.repeat(this.depth.getStore() ?? 0)
    for (const l of this.redactor.redact(message).split('\n')) {
      this.write(`${timestamp()} ${indent}${prefix}${l}\n`)
    }
  }
  info(message: string): void {
    this.line('', message)
  }
  warn(message: string, where?: AnnotationLocation): void {
    this.line('warning: ', `${location(where)}${message}`)
  }
  error(message: string, where?: AnnotationLocation): void {
    this.line('error: ', `${location(where)}${message}`)
  }
  debug(message: string): void {
    if (this.verbose) this.line('debug: ', message)
  }
  async group<T>(title: string, fn: () => Promise<T>): Promise<T> {
    this.line('▸ ', title)
    return this.depth.run((this.depth.getStore() ?? 0) + 1, fn)
  }
}

export interface ConsoleHost extends Host {
  readonly outputs: ReadonlyMap<string, string>
  readonly redactor: Redactor
}

/** The Host of a CLI run: console logging, Markdown summary, outputs collected for printing. */
export function createConsoleHost(options: ConsoleHostOptions): ConsoleHost {
  const env = options.env ?? process.env
  const write = options.write ?? ((text: string) => process.stdout.write(text))
  const redactor = new Redactor()
  const outputs = new Map<string, string>()
  const cacheDir = env.RK1_CACHE_DIR || join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'rk1')
  const tempDir = join(env.RK1_TEMP_DIR || tmpdir(), `rk1-${process.pid}`)
  mkdirSync(cacheDir, { recursive: true })
  mkdirSync(tempDir, { recursive: true, mode: 0o700 })
  const summary = new MarkdownSummary(redactor, async (markdown) => {
    write(`\n${markdown}`)
    if (options.summaryFile) {
      await mkdir(join(options.summaryFile, '..'), { recursive: true })
      await appendFile(options.summaryFile, markdown)
    }
  })
  return {
    log: new ConsoleLogger(redactor, write, options.verbose ?? false),
    summary,
    artifacts: createFolderArtifactStore(env),
    setOutput: (name, value) => outputs.set(name, value),
    mask: (secret) => redactor.add(secret),
    cacheDir,
    tempDir,
    clusterDir: options.keepClusterFiles ? (name) => clusterDirOf(env, name) : undefined,
    env,
    signal: options.signal,
    outputs,
    redactor
  }
}

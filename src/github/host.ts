import * as core from '@actions/core'
import { mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AnnotationLocation, Host, Logger } from '../common/host'
import { Redactor } from '../common/redact'
import { createActionsArtifactStore } from './artifacts'
import { createRestApi, runContextFromEnv } from './rest-api'
import { ActionsSummary } from './summary'

function annotation(where?: AnnotationLocation): core.AnnotationProperties | undefined {
  if (!where) return undefined
  return { file: where.file, startLine: where.line, startColumn: where.column, title: where.title }
}

class ActionsLogger implements Logger {
  constructor(private readonly redactor: Redactor) {}
  info(message: string): void {
    core.info(this.redactor.redact(message))
  }
  warn(message: string, where?: AnnotationLocation): void {
    core.warning(this.redactor.redact(message), annotation(where))
  }
  error(message: string, where?: AnnotationLocation): void {
    core.error(this.redactor.redact(message), annotation(where))
  }
  debug(message: string): void {
    core.debug(this.redactor.redact(message))
  }
  async group<T>(title: string, fn: () => Promise<T>): Promise<T> {
    return core.group(this.redactor.redact(title), fn)
  }
}

/** The Host of a GitHub Actions run: runner logging, step summary, outputs, masking. */
export function createActionsHost(signal: AbortSignal, redactor = new Redactor()): Host {
  const env = process.env
  const cacheDir = join(env.RUNNER_TOOL_CACHE || join(tmpdir(), 'rk1-cache'), 'rk1')
  const tempDir = join(env.RUNNER_TEMP || tmpdir(), `rk1-${env.GITHUB_RUN_ID ?? process.pid}`)
  mkdirSync(cacheDir, { recursive: true })
  mkdirSync(tempDir, { recursive: true, mode: 0o700 })
  const run = runContextFromEnv(env)
  return {
    log: new ActionsLogger(redactor),
    run,
    github: run
      ? (token) => createRestApi(token, env, run, (text) => redactor.redact(text))
      : undefined,
    summary: new ActionsSummary(redactor),
    artifacts: createActionsArtifactStore(env),
    setOutput: (name, value) => core.setOutput(name, value),
    mask: (secret) => {
      if (!secret) return
      core.setSecret(secret)
      redactor.add(secret)
    },
    cacheDir,
    tempDir,
    env,
    signal
  }
}

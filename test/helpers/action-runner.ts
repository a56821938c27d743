import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

export const repoRoot = resolve(import.meta.dirname, '../..')

export interface ActionRun {
  exitCode: number | null
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
  /** Everything the run wrote that a user could see: stdout, stderr, outputs file, summary. */
  allText: string
  workDir: string
}

/** Parses the heredoc records `@actions/core` appends to GITHUB_OUTPUT. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<=]+)<<(ghadelimiter_[\w-]+)$/.exec(lines[i] ?? '')
    if (!m) continue
    const [, name, delimiter] = m
    const value: string[] = []
    while (++i < lines.length && lines[i] !== delimiter) value.push(lines[i] ?? '')
    outputs[name as string] = value.join('\n')
  }
  return outputs
}

/**
 * Runs a built bundle the way the runner does: plain `node`, inputs as INPUT_<NAME> (hyphens kept,
 * upper-cased), and the GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files.
 */
export async function runBundle(
  bundle: string,
  inputs: Record<string, string>,
  options: { env?: Record<string, string>; cwd?: string; timeoutMs?: number } = {}
): Promise<ActionRun> {
  const workDir = mkdtempSync(join(tmpdir(), 'rk1-action-'))
  const outputFile = join(workDir, 'github_output')
  const summaryFile = join(workDir, 'step_summary')
  writeFileSync(outputFile, '')
  writeFileSync(summaryFile, '')
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? workDir,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_RUN_ID: '42',
    RUNNER_TEMP: join(workDir, 'runner-temp'),
    RUNNER_TOOL_CACHE: join(workDir, 'tool-cache'),
    // Loopback only: a run that lacks a tool fails instead of downloading it.
    RK1_OFFLINE: '1',
    ...options.env
  }
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value
  const child = spawn(process.execPath, [join(repoRoot, 'dist', bundle)], {
    cwd: options.cwd ?? workDir,
    env,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000)
  const exitCode = await new Promise<number | null>((done) => child.on('close', done))
  clearTimeout(timer)
  const outputsText = readFileSync(outputFile, 'utf8')
  const summary = readFileSync(summaryFile, 'utf8')
  return {
    exitCode,
    stdout,
    stderr,
    outputs: parseOutputFile(outputsText),
    summary,
    // ::add-mask:: lines are how a secret is registered with the runner, which hides them; the
    // runner never shows them, so they do not count as leaks.
    allText: [stdout.replace(/^::add-mask::.*$/gm, ''), stderr, outputsText, summary].join('\n'),
    workDir
  }
}

export async function runCli(
  args: string[],
  options: { env?: Record<string, string>; cwd?: string; timeoutMs?: number } = {}
): Promise<{ exitCode: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [join(repoRoot, 'dist', 'cli.mjs'), ...args], {
    cwd: options.cwd ?? repoRoot,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      RK1_OFFLINE: '1',
      ...options.env
    },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000)
  const exitCode = await new Promise<number | null>((done) => child.on('close', done))
  clearTimeout(timer)
  return { exitCode, stdout, stderr }
}

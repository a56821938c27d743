// Runs a workflow's job graph on this machine the way the Actions runner would, to prove that
// each job's outputs reach the next job's inputs: jobs in `needs` order with their `if:`, matrix
// legs from evaluated expressions, `with:`/`env:` interpolated by GitHub's evaluator, steps of this
// repository's actions run from the built bundles (INPUT_*, GITHUB_OUTPUT, GITHUB_ENV,
// GITHUB_STEP_SUMMARY, ::add-mask::), `run:` steps with bash as the runner starts it, and
// third-party actions through stand-ins the test provides. Reading an output nobody set, or a
// repository variable nobody defined, fails. `on:` decides first whether the event starts the run
// at all (workflow-triggers.ts); a job behind an environment waits for the test's approval.
import { spawn } from 'node:child_process'
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parse } from 'yaml'
import { parseOutputFile, repoRoot } from './action-runner'
import {
  evaluateCondition,
  evaluateExpression,
  jobOrder,
  labelsOf,
  needsOf,
  type JobResult,
  type LoadedWorkflow,
  type WorkflowJob,
  type WorkflowStep
} from './workflows'
import { workflowTriggers } from './workflow-triggers'

/** A third-party action's stand-in: gets its evaluated `with:`, returns its outputs. */
export type StandIn = (step: {
  with: Record<string, string>
  workspace: string
  runnerTemp: string
  artifactsDir: string
}) => Promise<Record<string, string>> | Record<string, string>

export interface RunWorkflowOptions {
  /** The github context; `run_id`/`run_attempt` become GITHUB_RUN_ID/GITHUB_RUN_ATTEMPT (42/1). */
  github: Record<string, unknown>
  inputs?: Record<string, unknown>
  secrets?: Record<string, string>
  /** Configuration variables (`vars.*`): repository and environment variables. */
  vars?: Record<string, string>
  /** What the push or pull request changes (for `on.<event>.paths`). */
  changedFiles?: string[]
  /**
   * A required reviewer of the job's environment: false rejects the deployment, and the job
   * fails without running a step, as on GitHub. Every environment is approved when left out.
   */
  approve?: (environment: string, jobId: string) => boolean
  /** The runner machine's environment (PATH, lab variables). */
  env?: Record<string, string>
  /** By action name without the ref, e.g. `actions/checkout`. */
  standIns: Record<string, StandIn>
  workspace: string
  /** Where upload stand-ins put artifacts (one folder per artifact name). */
  artifactsDir: string
  /** Kills a step after this long (default 240 s); the jobs' timeout-minutes are not modelled. */
  stepTimeoutMs?: number
  /** Called before each job that runs (after its `if:`), e.g. to arm a lab fault for that job. */
  beforeJob?: (jobId: string) => Promise<void> | void
}

export interface StepRecord {
  name: string
  outcome: 'success' | 'failure' | 'skipped'
  outputs: Record<string, string>
  stdout: string
  stderr: string
  /** Wall time of the step (0 when skipped), for the figures the tests report. */
  ms?: number
}

export interface LegRecord {
  matrix: Record<string, unknown>
  result: JobResult
  runsOn: string[]
  environment?: string
  /** What the environment's reviewer decided, before any step ran. */
  approval?: 'approved' | 'rejected'
  concurrencyGroup?: string
  outputs: Record<string, string>
  steps: StepRecord[]
  summary: string
}

export interface JobRecord {
  result: JobResult
  outputs: Record<string, string>
  legs: LegRecord[]
}

/** A `with:`/`env:` value read an output that no step or job set. */
export class UnsetOutputError extends Error {}

const EXPR = /\$\{\{([\s\S]*?)\}\}/g

/**
 * Fails when an expression reads `steps.X.outputs.Y` or `needs.X.outputs.Y` that nobody set, or a
 * `vars.X` nobody defined (GitHub would pass an empty string in both cases).
 */
function checkOutputsSet(text: string, contexts: Record<string, unknown>, where: string): void {
  for (const [, name] of text.matchAll(/\bvars\.([\w-]+)/g)) {
    if ((contexts.vars as Record<string, string> | undefined)?.[name as string] === undefined)
      throw new UnsetOutputError(`${where} reads vars.${name}, which is not defined`)
  }
  for (const [, kind, id, name] of text.matchAll(/\b(steps|needs)\.([\w-]+)\.outputs\.([\w-]+)/g)) {
    const scope = contexts[kind as string] as Record<string, { outputs?: Record<string, string> }>
    if (scope?.[id as string]?.outputs?.[name as string] === undefined)
      throw new UnsetOutputError(`${where} reads ${kind}.${id}.outputs.${name}, which nobody set`)
  }
}

/** The value of a `${{ }}` template: a whole expression keeps its type (as JSON), else a string. */
function evaluateTemplate(text: string, contexts: Record<string, unknown>): unknown {
  const whole = /^\s*\$\{\{([\s\S]*?)\}\}\s*$/.exec(text)
  if (whole)
    return JSON.parse(
      evaluateExpression(`toJSON(${(whole[1] as string).trim()})`, contexts).coerceString()
    )
  return text.replace(EXPR, (_, e: string) => evaluateExpression(e.trim(), contexts).coerceString())
}

/** As the runner turns a value into an input or env string: booleans and numbers as text. */
function asString(value: unknown): string {
  if (value === null || value === undefined) return ''
  return typeof value === 'object' ? JSON.stringify(value) : String(value)
}

function interpolate(value: unknown, contexts: Record<string, unknown>, where: string): string {
  if (typeof value !== 'string') return asString(value)
  checkOutputsSet(value, contexts, where)
  return asString(evaluateTemplate(value, contexts))
}

/** `if:` text as the runner reads it: `${{ }}` optional, an implicit `success() &&`. */
function conditionOf(raw: string | boolean | undefined): string {
  if (raw === undefined) return 'success()'
  const text = String(raw)
    .trim()
    .replace(/^\$\{\{([\s\S]*)\}\}$/, '$1')
    .trim()
  return /\b(success|failure|always|cancelled)\(\)/.test(text) ? text : `success() && (${text})`
}

function combinations(matrix: Record<string, unknown[]>): Record<string, unknown>[] {
  let legs: Record<string, unknown>[] = [{}]
  for (const [key, values] of Object.entries(matrix))
    legs = legs.flatMap((leg) => values.map((v) => ({ ...leg, [key]: v })))
  return legs
}

interface ProcessResult {
  code: number | null
  stdout: string
  stderr: string
}

function runProcess(
  command: string,
  args: string[],
  env: Record<string, string>,
  cwd: string,
  timeoutMs: number
): Promise<ProcessResult> {
  return new Promise((done) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.on('close', (code) => {
      clearTimeout(timer)
      done({ code, stdout, stderr })
    })
  })
}

interface ActionYml {
  inputs?: Record<string, { default?: unknown }>
  runs: { using: string; main: string }
}

export async function runWorkflow(
  wf: LoadedWorkflow,
  options: RunWorkflowOptions
): Promise<Record<string, JobRecord>> {
  const jobs: Record<string, JobRecord> = {}
  // An event that `on:` filters out starts no run: no job at all.
  if (!workflowTriggers(wf, options.github, options.changedFiles).runs) return jobs
  const ifs = new Map(wf.template.jobs.map((j) => [j.id.value, j.if.expression]))
  const eventPath = join(mkdtempSync(join(tmpdir(), 'rk1-wf-event-')), 'event.json')
  writeFileSync(eventPath, JSON.stringify(options.github.event ?? {}))
  for (const id of jobOrder(wf.doc)) {
    const job = wf.doc.jobs[id] as WorkflowJob
    const needs = needsOf(job)
    const needsContext = Object.fromEntries(
      needs.map((n) => [n, { result: jobs[n]?.result, outputs: jobs[n]?.outputs ?? {} }])
    )
    const base = {
      github: options.github,
      inputs: options.inputs ?? {},
      vars: options.vars ?? {},
      needs: needsContext
    }
    const needResults = needs.map((n) => jobs[n]?.result as JobResult)
    if (!evaluateCondition(ifs.get(id) ?? 'success()', base, needResults)) {
      jobs[id] = { result: 'skipped', outputs: {}, legs: [] }
      continue
    }
    await options.beforeJob?.(id)
    const matrixSpec: Record<string, unknown[]> = {}
    for (const [key, value] of Object.entries(job.strategy?.matrix ?? {}))
      matrixSpec[key] = (
        typeof value === 'string' ? evaluateTemplate(value, base) : value
      ) as unknown[]
    const legs: LegRecord[] = []
    for (const matrix of combinations(matrixSpec))
      legs.push(
        await runLeg(
          wf,
          id,
          job,
          { ...base, matrix, secrets: options.secrets ?? {} },
          options,
          eventPath
        )
      )
    const result: JobResult = legs.some((l) => l.result === 'failure') ? 'failure' : 'success'
    // As on GitHub, matrix legs write the same job outputs; the last one to finish wins.
    jobs[id] = { result, outputs: Object.assign({}, ...legs.map((l) => l.outputs)), legs }
  }
  return jobs
}

async function runLeg(
  wf: LoadedWorkflow,
  id: string,
  job: WorkflowJob,
  contexts: Record<string, unknown>,
  options: RunWorkflowOptions,
  eventPath: string
): Promise<LegRecord> {
  const runnerTemp = mkdtempSync(join(tmpdir(), `rk1-wf-${id}-`))
  const summaryFile = join(runnerTemp, '_step_summary')
  writeFileSync(summaryFile, '')
  const masks: string[] = []
  const jobEnv: Record<string, string> = {}
  const steps: Record<
    string,
    { outputs: Record<string, string>; outcome: string; conclusion: string }
  > = {}
  const records: StepRecord[] = []
  const runnerContext = { temp: runnerTemp, os: 'Linux', arch: 'ARM64', name: 'lab' }
  const ctx = () => ({ ...contexts, steps, env: jobEnv, runner: runnerContext, job: {} })
  const leg: LegRecord = {
    matrix: contexts.matrix as Record<string, unknown>,
    result: 'success',
    runsOn: labelsOf(job).map((l) => interpolate(l, ctx(), `${id}.runs-on`)),
    outputs: {},
    steps: records,
    summary: ''
  }
  const environment = typeof job.environment === 'object' ? job.environment.name : job.environment
  if (environment) leg.environment = interpolate(environment, ctx(), `${id}.environment`)
  if (leg.environment) {
    const approved = options.approve?.(leg.environment, id) ?? true
    leg.approval = approved ? 'approved' : 'rejected'
    if (!approved) {
      leg.result = 'failure'
      rmSync(runnerTemp, { recursive: true, force: true })
      return leg
    }
  }
  const group = typeof job.concurrency === 'object' ? job.concurrency.group : job.concurrency
  if (group) leg.concurrencyGroup = interpolate(group, ctx(), `${id}.concurrency`)
  try {
    for (const [index, step] of job.steps.entries()) {
      const name = step.id ?? step.name ?? step.uses ?? `step ${index + 1}`
      const failedBefore = records.some((r) => r.outcome === 'failure')
      const statuses: JobResult[] = failedBefore ? ['failure'] : ['success']
      if (!evaluateCondition(conditionOf(step.if), ctx(), statuses)) {
        records.push({ name, outcome: 'skipped', outputs: {}, stdout: '', stderr: '' })
        if (step.id) steps[step.id] = { outputs: {}, outcome: 'skipped', conclusion: 'skipped' }
        continue
      }
      const started = Date.now()
      const record = await runStep(wf, id, step, name, ctx(), {
        options,
        runnerTemp,
        summaryFile,
        jobEnv,
        eventPath
      })
      record.ms = Date.now() - started
      for (const m of record.stdout.matchAll(/^::add-mask::(.+)$/gm)) masks.push(m[1] as string)
      records.push(record)
      if (step.id)
        steps[step.id] = {
          outputs: record.outputs,
          outcome: record.outcome,
          conclusion: record.outcome
        }
    }
    leg.result = records.some((r) => r.outcome === 'failure') ? 'failure' : 'success'
    for (const [name, value] of Object.entries(job.outputs ?? {})) {
      // Job outputs are evaluated whatever the steps did; an unset step output gives an empty
      // value, which the runner leaves out (so a later job that reads it is caught).
      const text = asString(evaluateTemplate(value, ctx()))
      // The runner drops a job output that holds a masked value rather than pass a secret on.
      if (text !== '' && !masks.some((m) => m && text.includes(m))) leg.outputs[name] = text
    }
  } finally {
    leg.summary = readFileSync(summaryFile, 'utf8')
    rmSync(runnerTemp, { recursive: true, force: true })
  }
  return leg
}

async function runStep(
  wf: LoadedWorkflow,
  jobId: string,
  step: WorkflowStep,
  name: string,
  contexts: Record<string, unknown>,
  run: {
    options: RunWorkflowOptions
    runnerTemp: string
    summaryFile: string
    jobEnv: Record<string, string>
    eventPath: string
  }
): Promise<StepRecord> {
  const where = `${wf.file} ${jobId}/${name}`
  const withValues = Object.fromEntries(
    Object.entries(step.with ?? {}).map(([k, v]) => [
      k,
      interpolate(v, contexts, `${where} with.${k}`)
    ])
  )
  const stepEnv = Object.fromEntries(
    Object.entries(step.env ?? {}).map(([k, v]) => [
      k,
      interpolate(v, contexts, `${where} env.${k}`)
    ])
  )
  const outputFile = join(run.runnerTemp, `_output_${Math.random().toString(36).slice(2)}`)
  const envFile = join(run.runnerTemp, `_env_${Math.random().toString(36).slice(2)}`)
  writeFileSync(outputFile, '')
  writeFileSync(envFile, '')
  const github = contexts.github as Record<string, unknown>
  const env: Record<string, string> = {
    HOME: process.env.HOME ?? run.runnerTemp,
    PATH: process.env.PATH ?? '',
    RK1_OFFLINE: '1',
    ...run.options.env,
    ...run.jobEnv,
    ...stepEnv,
    CI: 'true',
    GITHUB_WORKSPACE: run.options.workspace,
    GITHUB_OUTPUT: outputFile,
    GITHUB_ENV: envFile,
    GITHUB_STEP_SUMMARY: run.summaryFile,
    GITHUB_EVENT_NAME: String(github.event_name ?? ''),
    GITHUB_EVENT_PATH: run.eventPath,
    GITHUB_REPOSITORY: String(github.repository ?? ''),
    GITHUB_REF: String(github.ref ?? ''),
    GITHUB_SHA: String(github.sha ?? ''),
    GITHUB_BASE_REF: String(github.base_ref ?? ''),
    GITHUB_HEAD_REF: String(github.head_ref ?? ''),
    GITHUB_RUN_ID: String(github.run_id ?? 42),
    GITHUB_RUN_ATTEMPT: String(github.run_attempt ?? 1),
    GITHUB_WORKFLOW_REF: `${String(github.repository ?? '')}/.github/workflows/${wf.file}@${String(github.ref ?? '')}`,
    GITHUB_JOB: jobId,
    RUNNER_TEMP: run.runnerTemp,
    RUNNER_TOOL_CACHE: join(run.runnerTemp, '_tool')
  }
  const timeoutMs = run.options.stepTimeoutMs ?? 240_000
  let result: ProcessResult
  if (step.run !== undefined) {
    const script = join(run.runnerTemp, `_script_${Math.random().toString(36).slice(2)}.sh`)
    writeFileSync(script, step.run)
    result = await runProcess(
      'bash',
      ['--noprofile', '--norc', '-eo', 'pipefail', script],
      env,
      run.options.workspace,
      timeoutMs
    )
  } else if (step.uses?.startsWith('./')) {
    // As on the runner, `./` is the checked-out workspace. A checkout stand-in that leaves the
    // actions out gets them (and their bundles) from this repository.
    const checkedOut = resolve(run.options.workspace, step.uses)
    const actionDir = existsSync(join(checkedOut, 'action.yml'))
      ? checkedOut
      : resolve(repoRoot, step.uses)
    const meta = parse(readFileSync(join(actionDir, 'action.yml'), 'utf8')) as ActionYml
    for (const [input, spec] of Object.entries(meta.inputs ?? {})) {
      const value =
        withValues[input] ??
        interpolate(spec.default ?? '', contexts, `${where} default of ${input}`)
      env[`INPUT_${input.replace(/ /g, '_').toUpperCase()}`] = value
    }
    result = await runProcess(
      process.execPath,
      [resolve(actionDir, meta.runs.main)],
      env,
      run.options.workspace,
      timeoutMs
    )
  } else {
    const action = (step.uses ?? '').replace(/@.*$/, '')
    const standIn = run.options.standIns[action]
    if (!standIn) throw new Error(`${where}: no stand-in for ${action}`)
    const outputs = await standIn({
      with: withValues,
      workspace: run.options.workspace,
      runnerTemp: run.runnerTemp,
      artifactsDir: run.options.artifactsDir
    })
    return { name, outcome: 'success', outputs, stdout: '', stderr: '' }
  }
  Object.assign(run.jobEnv, parseOutputFile(readFileSync(envFile, 'utf8')), plainLines(envFile))
  return {
    name,
    outcome: result.code === 0 ? 'success' : 'failure',
    outputs: { ...plainLines(outputFile), ...parseOutputFile(readFileSync(outputFile, 'utf8')) },
    stdout: result.stdout,
    stderr: result.stderr
  }
}

/** `name=value` lines (what `echo "x=1" >> "$GITHUB_OUTPUT"` writes), next to heredoc records. */
function plainLines(file: string): Record<string, string> {
  const out: Record<string, string> = {}
  let inHeredoc: string | undefined
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (inHeredoc) {
      if (line === inHeredoc) inHeredoc = undefined
      continue
    }
    const heredoc = /^[^=<]+<<(.+)$/.exec(line)
    if (heredoc) {
      inHeredoc = heredoc[1]
      continue
    }
    const m = /^([^=]+)=(.*)$/.exec(line)
    if (m) out[m[1] as string] = m[2] as string
  }
  return out
}

/** Stand-ins for the third-party actions the workflows use, backed by folders. */
export function labStandIns(checkout: (workspace: string) => void): Record<string, StandIn> {
  return {
    'actions/checkout': ({ workspace }) => {
      checkout(workspace)
      return {}
    },
    'actions/upload-artifact': ({ with: w, artifactsDir }) => {
      const target = join(artifactsDir, w.name as string)
      mkdirSync(target, { recursive: true })
      for (const path of (w.path as string).split('\n').filter(Boolean)) {
        const file = path.trim()
        writeFileSync(join(target, file.split('/').pop() as string), readFileSync(file))
      }
      return { 'artifact-id': String(Math.floor(Math.random() * 1e6)) }
    },
    'actions/download-artifact': ({ with: w, artifactsDir }) => {
      const pattern = new RegExp(
        `^${(w.pattern ?? w.name ?? '*').replace(/[.+?^$()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`
      )
      for (const name of readdirSync(artifactsDir).filter((n) => pattern.test(n))) {
        const target =
          w['merge-multiple'] === 'true' ? (w.path as string) : join(w.path as string, name)
        cpSync(join(artifactsDir, name), target, { recursive: true })
      }
      return {}
    }
  }
}

// Reads the workflow files with GitHub's own parser (@actions/workflow-parser) and evaluates their
// expressions with GitHub's evaluator (@actions/expressions), so the policy tests and the job-graph
// simulation see a workflow the way the service does, not the way a YAML reader does.
import { Evaluator, Lexer, Parser, data } from '@actions/expressions'
import {
  NoOperationTraceWriter,
  convertWorkflowTemplate,
  parseWorkflow,
  type WorkflowTemplate
} from '@actions/workflow-parser'
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { repoRoot } from './action-runner'

export const workflowDir = join(repoRoot, '.github', 'workflows')

/** The parts of a workflow's YAML the policies read that the parser's model leaves out. */
export interface WorkflowStep {
  id?: string
  name?: string
  uses?: string
  run?: string
  if?: string | boolean
  with?: Record<string, unknown>
  env?: Record<string, unknown>
}
export interface WorkflowJob {
  name?: string
  needs?: string | string[]
  if?: string | boolean
  'runs-on': string | string[]
  environment?: string | { name: string }
  concurrency?: string | { group: string; 'cancel-in-progress'?: boolean; queue?: string }
  'timeout-minutes'?: number
  permissions?: Record<string, string> | string
  strategy?: { matrix?: Record<string, unknown>; 'fail-fast'?: boolean }
  outputs?: Record<string, string>
  steps: WorkflowStep[]
}
export interface WorkflowDoc {
  on: Record<string, unknown>
  permissions?: unknown
  jobs: Record<string, WorkflowJob>
}

export interface LoadedWorkflow {
  file: string
  text: string
  doc: WorkflowDoc
  template: WorkflowTemplate
  /** What GitHub's parser refused (schema, expression syntax, contexts). */
  parseErrors: string[]
}

export async function loadWorkflow(file: string, text?: string): Promise<LoadedWorkflow> {
  const content = text ?? readFileSync(join(workflowDir, file), 'utf8')
  const parsed = parseWorkflow({ name: file, content }, new NoOperationTraceWriter())
  const parseErrors = parsed.context.errors.getErrors().map((e) => e.message)
  const template = await convertWorkflowTemplate(parsed.context, parsed.value!)
  for (const e of template.errors ?? []) parseErrors.push(e.Message)
  return { file, text: content, doc: parse(content) as WorkflowDoc, template, parseErrors }
}

export function workflowFiles(): string[] {
  return readdirSync(workflowDir)
    .filter((f) => f.endsWith('.yml'))
    .sort()
}

export function needsOf(job: WorkflowJob): string[] {
  return job.needs === undefined ? [] : [job.needs].flat()
}

export function labelsOf(job: WorkflowJob): string[] {
  return [job['runs-on']].flat()
}

export function isSelfHosted(job: WorkflowJob): boolean {
  return labelsOf(job).includes('self-hosted')
}

export type JobResult = 'success' | 'failure' | 'cancelled' | 'skipped'

/** The job-level status functions, given the results of the job's `needs`. */
function statusFunctions(needResults: JobResult[]) {
  const fn = (name: string, value: () => boolean) => ({
    name,
    minArgs: 0,
    maxArgs: 0,
    call: () => new data.BooleanData(value())
  })
  return [
    fn('success', () => needResults.every((r) => r === 'success')),
    fn('failure', () => needResults.some((r) => r === 'failure')),
    fn('always', () => true),
    fn('cancelled', () => false)
  ]
}

function truthy(value: data.ExpressionData): boolean {
  switch (value.kind) {
    case data.Kind.Boolean:
      return (value as data.BooleanData).value
    case data.Kind.Null:
      return false
    case data.Kind.Number:
      return (
        (value as data.NumberData).value !== 0 && !Number.isNaN((value as data.NumberData).value)
      )
    case data.Kind.String:
      return (value as data.StringData).value !== ''
    default:
      return true
  }
}

/** Plain JSON → the evaluator's data types. */
export function toExpressionData(value: unknown): data.Dictionary {
  return JSON.parse(JSON.stringify(value), data.reviver) as data.Dictionary
}

/**
 * Evaluates one expression (without `${{ }}`) with GitHub's evaluator against plain contexts
 * (github, inputs, needs, matrix, steps, …).
 */
export function evaluateExpression(
  expression: string,
  contexts: Record<string, unknown>,
  needResults: JobResult[] = []
): data.ExpressionData {
  const functions = statusFunctions(needResults)
  const lexed = new Lexer(expression).lex()
  const expr = new Parser(lexed.tokens, Object.keys(contexts), functions).parse()
  const impl = new Map(functions.map((f) => [f.name.toLowerCase(), f]))
  return new Evaluator(expr, toExpressionData(contexts), impl).evaluate()
}

export function evaluateCondition(
  expression: string,
  contexts: Record<string, unknown>,
  needResults: JobResult[] = []
): boolean {
  return truthy(evaluateExpression(expression, contexts, needResults))
}

/** Job ids in an order where every job comes after its needs. */
export function jobOrder(doc: WorkflowDoc): string[] {
  const order: string[] = []
  const visit = (id: string, path: string[]) => {
    if (order.includes(id)) return
    if (path.includes(id)) throw new Error(`needs cycle: ${[...path, id].join(' → ')}`)
    const job = doc.jobs[id]
    if (!job) throw new Error(`needs names an unknown job: ${id}`)
    for (const need of needsOf(job)) visit(need, [...path, id])
    order.push(id)
  }
  for (const id of Object.keys(doc.jobs)) visit(id, [])
  return order
}

/**
 * Which jobs run for an event, the way the service decides: a job's `if:` (the parser adds the
 * implicit `success() &&`) is evaluated with the results of its needs; a job that runs ends with
 * `outcomes[id]` (default success), one that does not is skipped.
 */
export function simulateJobs(
  wf: LoadedWorkflow,
  contexts: { github: Record<string, unknown>; inputs?: Record<string, unknown> },
  outcomes: Record<string, JobResult> = {}
): Record<string, JobResult> {
  const results: Record<string, JobResult> = {}
  const ifs = new Map(wf.template.jobs.map((j) => [j.id.value, j.if.expression]))
  for (const id of jobOrder(wf.doc)) {
    const needs = needsOf(wf.doc.jobs[id] as WorkflowJob)
    const needResults = needs.map((n) => results[n] as JobResult)
    const runs = evaluateCondition(
      ifs.get(id) ?? 'success()',
      {
        github: contexts.github,
        inputs: contexts.inputs ?? {},
        vars: {},
        needs: Object.fromEntries(needs.map((n) => [n, { result: results[n], outputs: {} }]))
      },
      needResults
    )
    results[id] = runs ? (outcomes[id] ?? 'success') : 'skipped'
  }
  return results
}

/** Event contexts for the simulations: a pull request from this repository or from a fork. */
export const repository = 'rk1-lab/rk1-actions'
export function pullRequestEvent(fromFork: boolean): Record<string, unknown> {
  return {
    event_name: 'pull_request',
    repository,
    ref: 'refs/pull/7/merge',
    event: {
      number: 7,
      pull_request: {
        number: 7,
        title: 'values: more Grafana memory',
        head: {
          sha: 'a'.repeat(40),
          repo: { full_name: fromFork ? 'someone/rk1-actions' : repository }
        }
      }
    }
  }
}
export function pushEvent(): Record<string, unknown> {
  return {
    event_name: 'push',
    repository,
    ref: 'refs/heads/main',
    event: { ref: 'refs/heads/main' }
  }
}
export function dispatchEvent(): Record<string, unknown> {
  return { event_name: 'workflow_dispatch', repository, ref: 'refs/heads/main', event: {} }
}
export function scheduleEvent(): Record<string, unknown> {
  return {
    event_name: 'schedule',
    repository,
    ref: 'refs/heads/main',
    event: { schedule: '17 2 * * *' }
  }
}

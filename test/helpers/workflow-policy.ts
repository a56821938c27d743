// The project's workflow rules as functions that return what a workflow breaks (README,
// "Workflows"; specs/actions.md §6). test/unit/workflows.test.ts runs them on every workflow and on
// broken copies, so a rule that stops finding its violation fails there too.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { repoRoot } from './action-runner'
import {
  isSelfHosted,
  labelsOf,
  needsOf,
  pullRequestEvent,
  simulateJobs,
  type LoadedWorkflow,
  type WorkflowJob,
  type WorkflowStep
} from './workflows'

/** The only write scopes any job holds, each where a comment, an alert or a push needs it. */
export const allowedWrites: Record<string, string[]> = {
  'pr-redeploy.yml/plan': ['pull-requests'],
  'nightly.yml/report': ['issues'],
  'bench-image.yml/publish': ['packages']
}

/** Commands that change a cluster unless told to plan only. */
const hardwareActions = ['provision', 'deploy-workloads', 'npu-benchmark', 'wipe']

interface ActionMeta {
  inputs: string[]
  outputs: string[]
}
const metaCache = new Map<string, ActionMeta>()
/** Inputs and outputs an action.yml of this repository declares (`./` is the umbrella). */
export function localActionMeta(uses: string): ActionMeta {
  const cached = metaCache.get(uses)
  if (cached) return cached
  const file = join(repoRoot, uses, 'action.yml')
  const doc = parse(readFileSync(file, 'utf8')) as {
    inputs?: Record<string, unknown>
    outputs?: Record<string, unknown>
  }
  const meta = { inputs: Object.keys(doc.inputs ?? {}), outputs: Object.keys(doc.outputs ?? {}) }
  metaCache.set(uses, meta)
  return meta
}

function localCommand(step: WorkflowStep): string | undefined {
  return /^\.\/actions\/([\w-]+)$/.exec(step.uses ?? '')?.[1]
}

function jobs(wf: LoadedWorkflow): [string, WorkflowJob][] {
  return Object.entries(wf.doc.jobs)
}

export function parserFindings(wf: LoadedWorkflow): string[] {
  return wf.parseErrors.map((e) => `GitHub's parser: ${e}`)
}

export function triggerFindings(wf: LoadedWorkflow): string[] {
  const out: string[] = []
  for (const event of ['pull_request_target', 'workflow_run'])
    if (event in (wf.template.events ?? {})) out.push(`triggers on ${event}`)
  return out
}

export function permissionFindings(wf: LoadedWorkflow): string[] {
  const out: string[] = []
  if (JSON.stringify(wf.doc.permissions) !== '{}')
    out.push('top-level permissions must be {} (each job asks for its own)')
  for (const [id, job] of jobs(wf)) {
    if (job.permissions === undefined) {
      out.push(`${id}: no permissions block`)
      continue
    }
    if (typeof job.permissions === 'string') {
      out.push(`${id}: permissions "${job.permissions}" (list the scopes)`)
      continue
    }
    const allowed = allowedWrites[`${wf.file}/${id}`] ?? []
    for (const [scope, level] of Object.entries(job.permissions))
      if (level === 'write' && !allowed.includes(scope))
        out.push(`${id}: ${scope}: write is not allowed`)
  }
  return out
}

export function pinningFindings(wf: LoadedWorkflow): string[] {
  const out: string[] = []
  for (const line of wf.text.split('\n')) {
    const ref = /^\s*(?:-\s+)?uses:\s*(\S+)/.exec(line)?.[1]
    if (!ref || ref.startsWith('./')) continue
    if (!/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/.test(ref))
      out.push(`${ref}: not pinned to a full commit sha`)
    else if (!/ # v\d/.test(line)) out.push(`${ref}: no "# vX.Y.Z" comment naming the version`)
  }
  return out
}

export function shellFindings(wf: LoadedWorkflow): string[] {
  const out: string[] = []
  for (const [id, job] of jobs(wf))
    for (const step of job.steps)
      if (step.run?.includes('${{'))
        out.push(`${id}: an expression inside run: (pass it through env:)`)
  return out
}

/** `secrets.*` may only reach a step through `with:` or `env:`. */
export function secretFindings(wf: LoadedWorkflow): string[] {
  const out: string[] = []
  const walk = (value: unknown, path: string[]) => {
    if (typeof value === 'string') {
      const parent = path[path.length - 2]
      if (/\bsecrets\./.test(value) && parent !== 'with' && parent !== 'env')
        out.push(`${path.join('.')}: a secret outside with:/env:`)
    } else if (value && typeof value === 'object')
      for (const [k, v] of Object.entries(value)) walk(v, [...path, k])
  }
  walk(wf.doc.jobs, ['jobs'])
  return out
}

function concurrencyOf(job: WorkflowJob) {
  return typeof job.concurrency === 'string' ? { group: job.concurrency } : job.concurrency
}

/**
 * Every job on a lab runner: the cluster's own runner label, environment (unless it only plans) and
 * queue (`lab-<cluster>`, queued, never cancelled), and a time limit.
 */
export function hardwareFindings(wf: LoadedWorkflow): string[] {
  const out: string[] = []
  for (const [id, job] of jobs(wf)) {
    if (!(job['timeout-minutes'] && job['timeout-minutes'] > 0))
      out.push(`${id}: no timeout-minutes`)
    const hardwareSteps = job.steps.filter((s) => hardwareActions.includes(localCommand(s) ?? ''))
    if (hardwareSteps.length > 0 && !isSelfHosted(job))
      out.push(`${id}: a hardware command on a GitHub-hosted runner`)
    if (!isSelfHosted(job)) continue
    if (!labelsOf(job).includes('${{ matrix.cluster.runner }}'))
      out.push(`${id}: runs-on must name the cluster's runner label (matrix.cluster.runner)`)
    const c = concurrencyOf(job)
    if (c?.group !== 'lab-${{ matrix.cluster.name }}')
      out.push(`${id}: concurrency group must be lab-\${{ matrix.cluster.name }}`)
    if (c?.['cancel-in-progress'] !== false) out.push(`${id}: cancel-in-progress must be false`)
    if (c?.queue !== 'max') out.push(`${id}: queue must be max (pending runs wait in order)`)
    const planOnly = hardwareSteps.every((s) => String(s.with?.plan) === 'true')
    if (!planOnly && job.environment !== '${{ matrix.cluster.environment }}')
      out.push(`${id}: changes the cluster without the cluster's environment`)
    if (
      hardwareSteps.some((s) => localCommand(s) === 'provision') &&
      (job['timeout-minutes'] ?? 0) < 90
    )
      out.push(`${id}: provision needs at least 90 minutes (flashing four nodes)`)
  }
  return out
}

/** No job on a self-hosted runner runs for a pull request from a fork. */
export function forkFindings(wf: LoadedWorkflow): string[] {
  if (!('pull_request' in (wf.template.events ?? {}))) return []
  const results = simulateJobs(wf, { github: pullRequestEvent(true) })
  return jobs(wf)
    .filter(([id, job]) => isSelfHosted(job) && results[id] !== 'skipped')
    .map(([id]) => `${id}: a fork's pull request reaches the self-hosted runner`)
}

/**
 * Every `with:` key of a step of this repository's actions is an input its action.yml declares, and
 * every `steps.X.outputs.Y` / `needs.X.outputs.Y` names an output something sets.
 */
export function wiringFindings(wf: LoadedWorkflow): string[] {
  const out: string[] = []
  for (const [id, job] of jobs(wf)) {
    const stepOutputs = new Map<string, string[] | undefined>()
    for (const step of job.steps) {
      const local = step.uses?.startsWith('./') ? step.uses.replace(/\/$/, '') || '.' : undefined
      const meta = local ? localActionMeta(local) : undefined
      if (step.id) stepOutputs.set(step.id, meta?.outputs)
      if (!meta) continue
      for (const key of Object.keys(step.with ?? {}))
        if (!meta.inputs.includes(key)) out.push(`${id}: ${step.uses} has no input "${key}"`)
    }
    const text = JSON.stringify(job)
    for (const [, stepId, output] of text.matchAll(/steps\.([\w-]+)\.outputs\.([\w-]+)/g)) {
      if (!stepOutputs.has(stepId as string))
        out.push(`${id}: reads steps.${stepId} (no such step)`)
      const declared = stepOutputs.get(stepId as string)
      if (declared && !declared.includes(output as string))
        out.push(`${id}: reads output ${output} that ${stepId} never sets`)
    }
    for (const [, need, output] of text.matchAll(/needs\.([\w-]+)\.outputs\.([\w-]+)/g)) {
      const other = wf.doc.jobs[need as string]
      if (!needsOf(job).includes(need as string))
        out.push(`${id}: reads needs.${need} without needing it`)
      else if (!other?.outputs || !((output as string) in other.outputs))
        out.push(`${id}: reads needs.${need}.outputs.${output} that ${need} does not declare`)
    }
  }
  return out
}

export function policyFindings(wf: LoadedWorkflow): string[] {
  return [
    ...parserFindings(wf),
    ...triggerFindings(wf),
    ...permissionFindings(wf),
    ...pinningFindings(wf),
    ...shellFindings(wf),
    ...secretFindings(wf),
    ...hardwareFindings(wf),
    ...forkFindings(wf),
    ...wiringFindings(wf)
  ]
}

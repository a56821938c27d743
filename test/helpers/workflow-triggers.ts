// Whether an event starts a workflow, the way GitHub reads `on:`: the event must be listed, and for
// push and pull_request the branch, tag, path and activity-type filters must let it through (the
// pattern rules of GitHub's "filter pattern cheat sheet": `*` stays inside one folder, `**` crosses
// folders, a leading `!` takes back what an earlier pattern matched, the last match wins).
import type { LoadedWorkflow } from './workflows'

interface EventFilters {
  types?: string[]
  branches?: string[]
  'branches-ignore'?: string[]
  tags?: string[]
  'tags-ignore'?: string[]
  paths?: string[]
  'paths-ignore'?: string[]
}

/** One filter pattern as a regular expression over a branch name or a repository path. */
export function filterPattern(pattern: string): RegExp {
  let re = ''
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string
    if (pattern.startsWith('**/', i)) {
      re += '(?:.*/)?'
      i += 2
    } else if (pattern.startsWith('**', i)) {
      re += '.*'
      i += 1
    } else if (c === '*') re += '[^/]*'
    // GitHub's `?` and `+` repeat the character before them, as in a regular expression.
    else if (c === '?' || c === '+') re += c
    else if (c === '[') {
      const end = pattern.indexOf(']', i)
      re += pattern.slice(i, end + 1)
      i = end
    } else re += c.replace(/[.^$(){}|\\/]/g, '\\$&')
  }
  return new RegExp(`^${re}$`)
}

/** Whether `value` is selected by `patterns`, read in order (a `!` pattern deselects). */
export function selectedBy(value: string, patterns: readonly string[]): boolean {
  let selected = false
  for (const p of patterns) {
    if (p.startsWith('!')) {
      if (filterPattern(p.slice(1)).test(value)) selected = false
    } else if (filterPattern(p).test(value)) selected = true
  }
  return selected
}

export interface TriggerDecision {
  runs: boolean
  reason: string
}

const DEFAULT_PR_TYPES = ['opened', 'synchronize', 'reopened']

/**
 * Whether `github` (the event's context) starts `wf`. `changedFiles` are the paths the push or the
 * pull request changes; a workflow with path filters cannot be decided without them.
 */
export function workflowTriggers(
  wf: LoadedWorkflow,
  github: Record<string, unknown>,
  changedFiles?: readonly string[]
): TriggerDecision {
  const name = String(github.event_name ?? '')
  const events = wf.template.events as Record<string, unknown>
  if (!(name in events)) return { runs: false, reason: `on: does not list ${name}` }
  if (name !== 'push' && name !== 'pull_request') return { runs: true, reason: `on: ${name}` }
  const f = (events[name] ?? {}) as EventFilters
  const event = (github.event ?? {}) as {
    action?: string
    pull_request?: { base?: { ref?: string } }
  }
  if (name === 'pull_request') {
    const action = event.action ?? 'opened'
    if (!(f.types ?? DEFAULT_PR_TYPES).includes(action))
      return { runs: false, reason: `pull_request ${action} is not in types` }
  }
  // A push names its own ref; a pull request is filtered on the branch it merges into.
  const ref =
    name === 'pull_request'
      ? `refs/heads/${String(github.base_ref ?? event.pull_request?.base?.ref ?? '')}`
      : String(github.ref ?? '')
  const tag = /^refs\/tags\/(.+)$/.exec(ref)?.[1]
  const branch = /^refs\/heads\/(.+)$/.exec(ref)?.[1]
  const hasRefFilter = f.branches || f['branches-ignore'] || f.tags || f['tags-ignore']
  if (hasRefFilter) {
    const refOk =
      branch !== undefined
        ? f.branches
          ? selectedBy(branch, f.branches)
          : f['branches-ignore']
            ? !selectedBy(branch, f['branches-ignore'])
            : // Only tag filters: a branch push does not run.
              false
        : tag !== undefined
          ? f.tags
            ? selectedBy(tag, f.tags)
            : f['tags-ignore']
              ? !selectedBy(tag, f['tags-ignore'])
              : false
          : false
    if (!refOk) return { runs: false, reason: `${ref} is filtered out` }
  }
  if (f.paths || f['paths-ignore']) {
    if (!changedFiles)
      throw new Error(`${wf.file}: on.${name} filters paths; give the changed files`)
    const pathsOk = f.paths
      ? changedFiles.some((p) => selectedBy(p, f.paths!))
      : changedFiles.some((p) => !selectedBy(p, f['paths-ignore']!))
    if (!pathsOk) return { runs: false, reason: `no changed file matches on.${name} paths` }
  }
  return { runs: true, reason: `on: ${name}` }
}

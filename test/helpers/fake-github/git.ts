import { createHash } from 'node:crypto'
import { fail, json, requireRead, requireWrite, send, type Route } from './http'
import type { FakeGitHubState } from './state'

/**
 * The Git database API (refs, commits, trees, blobs) over flat trees: enough for a results
 * branch written one commit per run. A ref update that is not a fast-forward is refused with
 * 422, as on GitHub, which is what makes two concurrent writers safe when they retry.
 */

const REPO = '^/repos/[^/]+/[^/]+/git'

function sha(kind: string, content: string | Buffer): string {
  return createHash('sha1').update(`${kind}\0`).update(content).digest('hex')
}

function putBlob(state: FakeGitHubState, data: Buffer): string {
  const s = sha('blob', data)
  state.blobs.set(s, data)
  return s
}

function putTree(state: FakeGitHubState, entries: Map<string, string>): string {
  const sorted = [...entries].sort(([a], [b]) => (a < b ? -1 : 1))
  const s = sha('tree', sorted.map(([p, b]) => `${p} ${b}`).join('\n'))
  state.trees.set(s, new Map(sorted))
  return s
}

/** Whether `ancestor` is reachable from `sha` through parents. */
function reaches(state: FakeGitHubState, from: string, ancestor: string): boolean {
  const seen = new Set<string>()
  const stack = [from]
  while (stack.length) {
    const s = stack.pop()!
    if (s === ancestor) return true
    if (seen.has(s)) continue
    seen.add(s)
    stack.push(...(state.commits.get(s)?.parents ?? []))
  }
  return false
}

/** Reads a branch's files (for assertions), or undefined when the branch does not exist. */
export function branchFiles(
  state: FakeGitHubState,
  branch: string
): Map<string, string> | undefined {
  const head = state.refs.get(`refs/heads/${branch}`)
  if (!head) return undefined
  const tree = state.trees.get(state.commits.get(head)!.tree)!
  return new Map([...tree].map(([p, b]) => [p, state.blobs.get(b)!.toString('utf8')]))
}

/** Number of commits on a branch (first-parent chain). */
export function branchLength(state: FakeGitHubState, branch: string): number {
  let s = state.refs.get(`refs/heads/${branch}`)
  let n = 0
  while (s) {
    n++
    s = state.commits.get(s)?.parents[0]
  }
  return n
}

function commitJson(state: FakeGitHubState, s: string) {
  const c = state.commits.get(s)!
  return {
    sha: s,
    tree: { sha: c.tree },
    parents: c.parents.map((p) => ({ sha: p })),
    message: c.message
  }
}

export const gitRoutes: Route[] = [
  [
    'GET',
    new RegExp(`${REPO}/ref/(.+)$`),
    (ctx) => {
      if (!requireRead(ctx)) return
      const s = ctx.state.refs.get(`refs/${ctx.params[0]}`)
      if (!s) return fail(ctx, 404, 'Not Found')
      send(ctx, 200, { ref: `refs/${ctx.params[0]}`, object: { sha: s, type: 'commit' } })
    }
  ],
  [
    'POST',
    new RegExp(`${REPO}/refs$`),
    (ctx) => {
      if (!requireWrite(ctx)) return
      const { ref, sha: s } = json<{ ref: string; sha: string }>(ctx)
      if (ctx.state.refs.has(ref)) return fail(ctx, 422, 'Reference already exists')
      if (!ctx.state.commits.has(s)) return fail(ctx, 422, 'Object does not exist')
      ctx.state.refs.set(ref, s)
      send(ctx, 201, { ref, object: { sha: s, type: 'commit' } })
    }
  ],
  [
    'PATCH',
    new RegExp(`${REPO}/refs/(.+)$`),
    async (ctx) => {
      if (!requireWrite(ctx)) return
      const ref = `refs/${ctx.params[0]}`
      const { sha: s, force } = json<{ sha: string; force?: boolean }>(ctx)
      await ctx.state.beforeRefUpdate?.(ref)
      const current = ctx.state.refs.get(ref)
      if (!current) return fail(ctx, 422, 'Reference does not exist')
      if (!ctx.state.commits.has(s)) return fail(ctx, 422, 'Object does not exist')
      if (!force && !reaches(ctx.state, s, current))
        return fail(ctx, 422, 'Update is not a fast forward')
      ctx.state.refs.set(ref, s)
      send(ctx, 200, { ref, object: { sha: s, type: 'commit' } })
    }
  ],
  [
    'GET',
    new RegExp(`${REPO}/commits/([0-9a-f]{40})$`),
    (ctx) => {
      if (!requireRead(ctx)) return
      if (!ctx.state.commits.has(ctx.params[0]!)) return fail(ctx, 404, 'Not Found')
      send(ctx, 200, commitJson(ctx.state, ctx.params[0]!))
    }
  ],
  [
    'POST',
    new RegExp(`${REPO}/commits$`),
    (ctx) => {
      if (!requireWrite(ctx)) return
      const input = json<{ message: string; tree: string; parents?: string[] }>(ctx)
      if (!ctx.state.trees.has(input.tree)) return fail(ctx, 422, 'Tree does not exist')
      const parents = input.parents ?? []
      const s = sha(
        'commit',
        `${input.tree}\n${parents.join(' ')}\n${input.message}\n${ctx.state.id()}`
      )
      ctx.state.commits.set(s, { sha: s, tree: input.tree, parents, message: input.message })
      send(ctx, 201, commitJson(ctx.state, s))
    }
  ],
  [
    'POST',
    new RegExp(`${REPO}/trees$`),
    (ctx) => {
      if (!requireWrite(ctx)) return
      const input = json<{
        base_tree?: string
        tree: { path: string; sha?: string | null; content?: string }[]
      }>(ctx)
      const base = input.base_tree
        ? ctx.state.trees.get(input.base_tree)
        : new Map<string, string>()
      if (!base) return fail(ctx, 422, 'base_tree does not exist')
      const entries = new Map(base)
      for (const e of input.tree) {
        if (e.content !== undefined) entries.set(e.path, putBlob(ctx.state, Buffer.from(e.content)))
        else if (e.sha === null) entries.delete(e.path)
        else if (e.sha && ctx.state.blobs.has(e.sha)) entries.set(e.path, e.sha)
        else return fail(ctx, 422, `tree entry ${e.path} has no content and no known sha`)
      }
      const s = putTree(ctx.state, entries)
      send(ctx, 201, {
        sha: s,
        tree: [...entries].map(([path, b]) => ({ path, sha: b, type: 'blob', mode: '100644' }))
      })
    }
  ],
  [
    'GET',
    new RegExp(`${REPO}/trees/([0-9a-f]{40})$`),
    (ctx) => {
      if (!requireRead(ctx)) return
      const tree = ctx.state.trees.get(ctx.params[0]!)
      if (!tree) return fail(ctx, 404, 'Not Found')
      const list = [...tree].map(([path, b]) => ({
        path,
        mode: '100644',
        type: 'blob',
        sha: b,
        size: ctx.state.blobs.get(b)!.length
      }))
      send(ctx, 200, { sha: ctx.params[0], tree: list, truncated: false })
    }
  ],
  [
    'POST',
    new RegExp(`${REPO}/blobs$`),
    (ctx) => {
      if (!requireWrite(ctx)) return
      const { content, encoding } = json<{ content: string; encoding?: string }>(ctx)
      const s = putBlob(ctx.state, Buffer.from(content, encoding === 'base64' ? 'base64' : 'utf8'))
      send(ctx, 201, { sha: s })
    }
  ],
  [
    'GET',
    new RegExp(`${REPO}/blobs/([0-9a-f]{40})$`),
    (ctx) => {
      if (!requireRead(ctx)) return
      const data = ctx.state.blobs.get(ctx.params[0]!)
      if (!data) return fail(ctx, 404, 'Not Found')
      send(ctx, 200, {
        sha: ctx.params[0],
        content: data.toString('base64'),
        encoding: 'base64',
        size: data.length
      })
    }
  ]
]

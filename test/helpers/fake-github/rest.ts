import { fail, json, paginate, requireRead, requireWrite, send, type Ctx, type Route } from './http'
import type { FakeComment, FakeIssue, FakeRun } from './state'

/** REST routes for the repository, workflow runs, issue/PR comments and issues. */

const REPO = '^/repos/[^/]+/[^/]+'
const MAX_BODY = 65_536

function runJson(ctx: Ctx, r: FakeRun) {
  const { owner, repo } = ctx.state
  return {
    ...r,
    name: r.workflow.replace(/\.ya?ml$/, ''),
    path: `.github/workflows/${r.workflow}`,
    html_url: `https://github.com/${owner}/${repo}/actions/runs/${r.id}`
  }
}

function commentJson(ctx: Ctx, c: FakeComment) {
  const { owner, repo } = ctx.state
  return {
    ...c,
    html_url: `https://github.com/${owner}/${repo}/issues/${c.issue_number}#issuecomment-${c.id}`
  }
}

function issueJson(i: FakeIssue) {
  return { ...i, id: i.number + 5_000_000, labels: i.labels.map((name) => ({ name })) }
}

function tooLong(ctx: Ctx, body: string | undefined): boolean {
  if ((body ?? '').length <= MAX_BODY) return false
  send(ctx, 422, {
    message: 'Validation Failed',
    errors: [
      {
        resource: 'IssueComment',
        code: 'custom',
        field: 'body',
        message: 'body is too long (maximum is 65536 characters)'
      }
    ]
  })
  return true
}

function listRuns(ctx: Ctx): void {
  if (!requireRead(ctx)) return
  const q = ctx.url.searchParams
  const workflow = ctx.params[0]
  const runs = ctx.state.runs
    .filter((r) => !workflow || r.workflow === workflow || String(r.id) === workflow)
    .filter((r) => !q.get('branch') || r.head_branch === q.get('branch'))
    .filter((r) => !q.get('event') || r.event === q.get('event'))
    .filter(
      (r) => !q.get('status') || r.status === q.get('status') || r.conclusion === q.get('status')
    )
    .sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at))
  const { page, headers } = paginate(ctx, runs)
  send(
    ctx,
    200,
    { total_count: runs.length, workflow_runs: page.map((r) => runJson(ctx, r)) },
    headers
  )
}

function createComment(ctx: Ctx, issueNumber: number): void {
  if (!requireWrite(ctx)) return
  if (!ctx.state.issueOrPull(issueNumber)) return fail(ctx, 404, 'Not Found')
  const { body } = json<{ body?: string }>(ctx)
  if (tooLong(ctx, body)) return
  const now = new Date().toISOString()
  const comment: FakeComment = {
    id: ctx.state.id(),
    issue_number: issueNumber,
    body: body ?? '',
    user: ctx.token!.user,
    created_at: now,
    updated_at: now
  }
  ctx.state.comments.push(comment)
  send(ctx, 201, commentJson(ctx, comment))
}

export const restRoutes: Route[] = [
  [
    'GET',
    new RegExp(`${REPO}$`),
    (ctx) => {
      if (!requireRead(ctx)) return
      const { owner, repo, defaultBranch } = ctx.state
      send(ctx, 200, {
        name: repo,
        full_name: `${owner}/${repo}`,
        owner: { login: owner },
        default_branch: defaultBranch
      })
    }
  ],
  [
    'GET',
    /^\/user$/,
    (ctx) => {
      if (!requireRead(ctx)) return
      if (ctx.token!.installation) return fail(ctx, 403, 'Resource not accessible by integration')
      send(ctx, 200, ctx.token!.user)
    }
  ],
  ['GET', new RegExp(`${REPO}/actions/workflows/([^/]+)/runs$`), listRuns],
  ['GET', new RegExp(`${REPO}/actions/runs$`), listRuns],
  [
    'GET',
    new RegExp(`${REPO}/actions/runs/(\\d+)$`),
    (ctx) => {
      if (!requireRead(ctx)) return
      const run = ctx.state.run(Number(ctx.params[0]))
      if (!run) return fail(ctx, 404, 'Not Found')
      send(ctx, 200, runJson(ctx, run))
    }
  ],
  [
    'GET',
    new RegExp(`${REPO}/issues/(\\d+)/comments$`),
    (ctx) => {
      if (!requireRead(ctx)) return
      const n = Number(ctx.params[0])
      const list = ctx.state.comments.filter((c) => c.issue_number === n)
      const { page, headers } = paginate(ctx, list)
      send(
        ctx,
        200,
        page.map((c) => commentJson(ctx, c)),
        headers
      )
    }
  ],
  [
    'POST',
    new RegExp(`${REPO}/issues/(\\d+)/comments$`),
    (ctx) => createComment(ctx, Number(ctx.params[0]))
  ],
  [
    'PATCH',
    new RegExp(`${REPO}/issues/comments/(\\d+)$`),
    (ctx) => {
      if (!requireWrite(ctx)) return
      const c = ctx.state.comments.find((x) => String(x.id) === ctx.params[0])
      if (!c) return fail(ctx, 404, 'Not Found')
      // GitHub lets only the author (or an admin) edit a comment.
      if (c.user.login !== ctx.token!.user.login)
        return fail(ctx, 403, 'Resource not accessible by integration')
      const { body } = json<{ body?: string }>(ctx)
      if (tooLong(ctx, body)) return
      c.body = body ?? c.body
      c.updated_at = new Date().toISOString()
      send(ctx, 200, commentJson(ctx, c))
    }
  ],
  [
    'GET',
    new RegExp(`${REPO}/issues$`),
    (ctx) => {
      if (!requireRead(ctx)) return
      const q = ctx.url.searchParams
      const state = q.get('state') ?? 'open'
      const labels = (q.get('labels') ?? '').split(',').filter(Boolean)
      const list = ctx.state.issues
        .filter((i) => state === 'all' || i.state === state)
        .filter((i) => labels.every((l) => i.labels.includes(l)))
        .sort((a, b) => b.number - a.number)
      const { page, headers } = paginate(ctx, list)
      send(ctx, 200, page.map(issueJson), headers)
    }
  ],
  [
    'POST',
    new RegExp(`${REPO}/issues$`),
    (ctx) => {
      if (!requireWrite(ctx)) return
      const input = json<{ title?: string; body?: string; labels?: string[] }>(ctx)
      if (!input.title)
        return send(ctx, 422, {
          message: 'Validation Failed',
          errors: [{ field: 'title', code: 'missing_field' }]
        })
      if (tooLong(ctx, input.body)) return
      const issue: FakeIssue = {
        number: Math.max(0, ...ctx.state.issues.map((i) => i.number)) + 1,
        title: input.title,
        body: input.body ?? '',
        state: 'open',
        labels: input.labels ?? [],
        user: ctx.token!.user
      }
      ctx.state.issues.push(issue)
      send(ctx, 201, issueJson(issue))
    }
  ],
  [
    'PATCH',
    new RegExp(`${REPO}/issues/(\\d+)$`),
    (ctx) => {
      if (!requireWrite(ctx)) return
      const issue = ctx.state.issueOrPull(Number(ctx.params[0]))
      if (!issue) return fail(ctx, 404, 'Not Found')
      const input =
        json<Partial<{ title: string; body: string; state: 'open' | 'closed'; labels: string[] }>>(
          ctx
        )
      if (tooLong(ctx, input.body)) return
      Object.assign(issue, input)
      send(ctx, 200, issueJson(issue))
    }
  ],
  [
    'GET',
    new RegExp(`${REPO}/issues/(\\d+)$`),
    (ctx) => {
      if (!requireRead(ctx)) return
      const issue = ctx.state.issueOrPull(Number(ctx.params[0]))
      if (!issue) return fail(ctx, 404, 'Not Found')
      send(ctx, 200, issueJson(issue))
    }
  ]
]

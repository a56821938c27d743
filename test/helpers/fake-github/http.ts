import type { IncomingMessage, ServerResponse } from 'node:http'
import type { FakeGitHubState, FakeToken } from './state'

export interface Ctx {
  req: IncomingMessage
  res: ServerResponse
  url: URL
  params: string[]
  body: Buffer
  state: FakeGitHubState
  /** The caller, from `Authorization: token|Bearer <t>`; undefined when unknown. */
  token?: FakeToken
  /** Origin of this server, for URLs it hands out. */
  origin: string
}

export type Handler = (ctx: Ctx) => void | Promise<void>
export type Route = [method: string, pattern: RegExp, handler: Handler]

export function send(
  ctx: Ctx,
  status: number,
  body?: unknown,
  headers: Record<string, string> = {}
): void {
  const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body)
  ctx.res.writeHead(status, {
    'content-type': typeof body === 'string' ? 'text/plain' : 'application/json; charset=utf-8',
    ...headers
  })
  ctx.res.end(text)
}

export function json<T>(ctx: Ctx): T {
  return (ctx.body.length ? JSON.parse(ctx.body.toString('utf8')) : {}) as T
}

/** REST errors in GitHub's shape. */
export function fail(ctx: Ctx, status: number, message: string): void {
  send(ctx, status, { message, documentation_url: 'https://docs.github.com/rest' })
}

/** GitHub's answer to a write with a read-only token (fork PRs, `permissions: read-all`). */
export function requireWrite(ctx: Ctx): boolean {
  if (!ctx.token) {
    fail(ctx, 401, 'Bad credentials')
    return false
  }
  if (ctx.token.access !== 'write') {
    fail(ctx, 403, 'Resource not accessible by integration')
    return false
  }
  return true
}

export function requireRead(ctx: Ctx): boolean {
  if (ctx.token) return true
  fail(ctx, 401, 'Bad credentials')
  return false
}

/**
 * One page of `items` with GitHub's `Link` header (`rel="next"`, `rel="last"`), so Octokit's
 * paginate has to follow it. `per_page` defaults to 30, as on GitHub, and is capped at 100.
 */
export function paginate<T>(ctx: Ctx, items: T[]): { page: T[]; headers: Record<string, string> } {
  const perPage = Math.min(Number(ctx.url.searchParams.get('per_page') ?? 30) || 30, 100)
  const pageNo = Math.max(Number(ctx.url.searchParams.get('page') ?? 1) || 1, 1)
  const last = Math.max(Math.ceil(items.length / perPage), 1)
  const link = (n: number, rel: string) => {
    const u = new URL(ctx.url.href)
    u.searchParams.set('page', String(n))
    u.searchParams.set('per_page', String(perPage))
    return `<${ctx.origin}${u.pathname}${u.search}>; rel="${rel}"`
  }
  const links: string[] = []
  if (pageNo < last) links.push(link(pageNo + 1, 'next'), link(last, 'last'))
  if (pageNo > 1) links.push(link(1, 'first'), link(pageNo - 1, 'prev'))
  return {
    page: items.slice((pageNo - 1) * perPage, pageNo * perPage),
    headers: links.length ? { link: links.join(', ') } : {}
  }
}

import { createHash, randomBytes } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { artifactRoutes } from './artifact-service'
import { gitRoutes } from './git'
import { send, type Ctx, type Route } from './http'
import { restRoutes } from './rest'
import { ACTIONS_BOT, FakeGitHubState, type FakeToken, type FakeUser } from './state'
import { zipFiles } from './zip'

export { branchFiles, branchLength } from './git'
export { ACTIONS_BOT, FakeGitHubState } from './state'
export type * from './state'
export { zipFiles } from './zip'

/**
 * A fake of the GitHub services that @actions/artifact and Octokit talk to, on loopback: the
 * artifact service (Twirp + blob URLs), and REST for the repository, workflow runs, run
 * artifacts, issue/PR comments, issues and the Git database. The real, unmodified libraries
 * reach it through the variables the runner sets (`env(runId)`), so no library is mocked.
 *
 * Usage:
 *   const gh = await startFakeGitHub()
 *   const run = gh.state.addRun({ event: 'schedule' })
 *   spawn(bundle, { env: { ...process.env, ...gh.env(run.id) } })     // or set process.env
 *   gh.seedArtifact(earlierRun.id, 'rk1-bench-talos', { 'talos/a.json': '{}' })
 *   expect(gh.state.comments).toHaveLength(1); gh.state.requests  // what was called
 *   await gh.close()
 */
export interface FakeGitHub {
  readonly url: string
  readonly state: FakeGitHubState
  /** A write token of github-actions[bot], like the job's GITHUB_TOKEN. */
  readonly token: string
  /** A read-only token of the same bot, like a fork pull request's GITHUB_TOKEN. */
  readonly readOnlyToken: string
  /** Registers another token (e.g. a user's PAT, which may call GET /user). */
  addToken(user: FakeUser, access: 'write' | 'read', installation?: boolean): string
  /**
   * The environment the runner gives a step of run `runId`: ACTIONS_RUNTIME_TOKEN (an unsigned JWT
   * whose scp names the run), ACTIONS_RESULTS_URL, GITHUB_API_URL, GITHUB_REPOSITORY,
   * GITHUB_RUN_ID, GITHUB_TOKEN. GITHUB_SERVER_URL is left out: @actions/artifact refuses any
   * host but github.com, *.ghe.com and *.localhost.
   */
  env(runId: number, extra?: Record<string, string>): Record<string, string>
  /** Stores a finished artifact of `runId` holding `files` (zipped, as the client uploads). */
  seedArtifact(runId: number, name: string, files: Record<string, string | Buffer>): number
  close(): Promise<void>
}

export function runtimeToken(runId: number): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url')
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ scp: `Actions.ExampleScope Actions.Results:${runId}:job-1` })}.x`
}

async function readBody(req: Ctx['req']): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

export async function startFakeGitHub(options: { host?: string } = {}): Promise<FakeGitHub> {
  const state = new FakeGitHubState()
  const routes: Route[] = [...artifactRoutes, ...gitRoutes, ...restRoutes]
  const addToken = (user: FakeUser, access: 'write' | 'read', installation = false): string => {
    const t = `ghs_${randomBytes(12).toString('hex')}`
    state.tokens.set(t, { user, access, installation } satisfies FakeToken)
    return t
  }
  const token = addToken(ACTIONS_BOT, 'write', true)
  const readOnlyToken = addToken(ACTIONS_BOT, 'read', true)
  let origin = ''

  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', origin)
      const body = await readBody(req)
      const auth = req.headers.authorization
      const bearer = auth?.replace(/^(token|bearer)\s+/i, '')
      const ctx: Ctx = {
        req,
        res,
        url,
        params: [],
        body,
        state,
        token: bearer ? state.tokens.get(bearer) : undefined,
        origin
      }
      const route = routes.find(
        ([method, pattern]) => method === req.method && pattern.test(url.pathname)
      )
      try {
        if (!route) send(ctx, 404, { message: 'Not Found' })
        else {
          ctx.params = (route[1].exec(url.pathname) ?? [])
            .slice(1)
            .map((p) => decodeURIComponent(p))
          await route[2](ctx)
        }
      } catch (error) {
        send(ctx, 500, { message: String(error) })
      }
      state.requests.push({
        method: req.method ?? '',
        path: url.pathname,
        query: url.searchParams,
        authorization: auth,
        status: res.statusCode
      })
    })()
  })
  await new Promise<void>((done) => server.listen(0, options.host ?? '127.0.0.1', done))
  const { address, port } = server.address() as AddressInfo
  origin = `http://${address}:${port}`

  return {
    url: origin,
    state,
    token,
    readOnlyToken,
    addToken,
    env: (runId, extra = {}) => ({
      ACTIONS_RUNTIME_TOKEN: runtimeToken(runId),
      ACTIONS_RESULTS_URL: `${origin}/`,
      GITHUB_API_URL: origin,
      GITHUB_REPOSITORY: `${state.owner}/${state.repo}`,
      GITHUB_REPOSITORY_OWNER: state.owner,
      GITHUB_RUN_ID: String(runId),
      GITHUB_TOKEN: token,
      ...extra
    }),
    seedArtifact(runId, name, files) {
      const bytes = zipFiles(files)
      const id = state.id()
      state.artifacts.push({
        id,
        runId,
        name,
        bytes,
        mimeType: 'application/zip',
        digest: createHash('sha256').update(bytes).digest('hex'),
        created_at: state.run(runId)?.created_at ?? new Date().toISOString(),
        finalized: true,
        blocks: new Map()
      })
      return id
    },
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections()
        server.close(() => done())
      })
  }
}

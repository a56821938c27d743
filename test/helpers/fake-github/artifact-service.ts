import { createHash } from 'node:crypto'
import { fail, json, paginate, requireRead, send, type Ctx, type Route } from './http'
import type { FakeArtifact } from './state'

/**
 * The artifact service as @actions/artifact 6.x sees it: Twirp JSON methods under
 * /twirp/github.actions.results.api.v1.ArtifactService/, a blob endpoint for the signed upload
 * and download URLs (Azure's block + block-list PUTs), and the two REST routes `findBy` uses.
 */

const TWIRP = '/twirp/github.actions.results.api.v1.ArtifactService/'

/** proto3 JSON writes wrapper types as their bare value; accept `{value}` as well. */
function unwrap(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined
  if (typeof v === 'object' && 'value' in (v as object))
    return String((v as { value: unknown }).value)
  return String(v)
}

interface TwirpBody {
  workflow_run_backend_id?: string
  workflow_job_run_backend_id?: string
  name?: string
  mime_type?: unknown
  size?: string
  hash?: unknown
  name_filter?: unknown
  id_filter?: unknown
}

function twirpError(ctx: Ctx, status: number, code: string, msg: string): void {
  send(ctx, status, { code, msg })
}

/** The run id inside the runtime token's `scp` claim `Actions.Results:<run>:<job>`. */
function runFromToken(ctx: Ctx): number | undefined {
  const auth = ctx.req.headers.authorization ?? ''
  const jwt = auth.replace(/^Bearer\s+/i, '').split('.')[1]
  if (!jwt) return undefined
  try {
    const claims = JSON.parse(Buffer.from(jwt, 'base64url').toString('utf8')) as { scp?: string }
    const m = /Actions\.Results:([^:\s]+):/.exec(claims.scp ?? '')
    return m ? Number(m[1]) : undefined
  } catch {
    return undefined
  }
}

function monolith(a: FakeArtifact) {
  return {
    workflow_run_backend_id: String(a.runId),
    workflow_job_run_backend_id: 'job-1',
    database_id: String(a.id),
    name: a.name,
    size: String(a.bytes.length),
    created_at: a.created_at,
    digest: `sha256:${a.digest}`
  }
}

function twirp(ctx: Ctx): void {
  const method = ctx.url.pathname.slice(TWIRP.length)
  const run = runFromToken(ctx)
  if (run === undefined) return twirpError(ctx, 401, 'unauthenticated', 'bad runtime token')
  const body = json<TwirpBody>(ctx)
  if (body.workflow_run_backend_id !== String(run))
    return twirpError(ctx, 403, 'permission_denied', 'run backend id does not match the token')
  const { artifacts } = ctx.state
  const ofRun = artifacts.filter((a) => a.runId === run)
  const named = ofRun.find((a) => a.name === body.name)
  switch (method) {
    case 'CreateArtifact': {
      if (named) return twirpError(ctx, 409, 'already_exists', `artifact ${body.name} exists`)
      const artifact: FakeArtifact = {
        id: ctx.state.id(),
        runId: run,
        name: body.name ?? '',
        bytes: Buffer.alloc(0),
        mimeType: unwrap(body.mime_type) ?? 'application/zip',
        digest: '',
        created_at: new Date().toISOString(),
        finalized: false,
        blocks: new Map()
      }
      artifacts.push(artifact)
      return send(ctx, 200, {
        ok: true,
        signed_upload_url: `${ctx.origin}/blob/${artifact.id}?sig=upload`
      })
    }
    case 'FinalizeArtifact': {
      if (!named) return twirpError(ctx, 404, 'not_found', `no artifact ${body.name}`)
      named.finalized = true
      const hash = unwrap(body.hash)
      if (hash && hash !== `sha256:${named.digest}`)
        return twirpError(ctx, 400, 'invalid_argument', `hash ${hash} does not match the upload`)
      return send(ctx, 200, { ok: true, artifact_id: String(named.id) })
    }
    case 'ListArtifacts': {
      const name = unwrap(body.name_filter)
      const id = unwrap(body.id_filter)
      const list = ofRun.filter(
        (a) => a.finalized && (!name || a.name === name) && (!id || String(a.id) === id)
      )
      return send(ctx, 200, { artifacts: list.map(monolith) })
    }
    case 'GetSignedArtifactURL': {
      if (!named?.finalized) return twirpError(ctx, 404, 'not_found', `no artifact ${body.name}`)
      return send(ctx, 200, { signed_url: `${ctx.origin}/blob/${named.id}?sig=download` })
    }
    case 'DeleteArtifact': {
      if (!named) return twirpError(ctx, 404, 'not_found', `no artifact ${body.name}`)
      artifacts.splice(artifacts.indexOf(named), 1)
      return send(ctx, 200, { ok: true, artifact_id: String(named.id) })
    }
    default:
      return twirpError(ctx, 404, 'bad_route', `no method ${method}`)
  }
}

function blob(ctx: Ctx): void {
  const artifact = ctx.state.artifacts.find((a) => String(a.id) === ctx.params[0])
  if (!artifact) return send(ctx, 404, 'BlobNotFound')
  if (ctx.req.method === 'GET') {
    const raw = !artifact.mimeType.includes('zip')
    ctx.res.writeHead(200, {
      'content-type': artifact.mimeType,
      'content-length': String(artifact.bytes.length),
      ...(raw ? { 'content-disposition': `attachment; filename="${artifact.name}"` } : {})
    })
    ctx.res.end(artifact.bytes)
    return
  }
  const comp = ctx.url.searchParams.get('comp')
  if (comp === 'block') {
    artifact.blocks.set(ctx.url.searchParams.get('blockid') ?? '', ctx.body)
  } else if (comp === 'blocklist') {
    const ids = [
      ...ctx.body.toString('utf8').matchAll(/<(?:Latest|Uncommitted|Committed)>([^<]*)</g)
    ]
    artifact.bytes = Buffer.concat(
      ids.map((m) => artifact.blocks.get(m[1] ?? '') ?? Buffer.alloc(0))
    )
    artifact.blocks.clear()
  } else {
    artifact.bytes = ctx.body
  }
  artifact.digest = createHash('sha256').update(artifact.bytes).digest('hex')
  send(ctx, 201, undefined, { etag: `"${artifact.digest.slice(0, 16)}"` })
}

function restArtifact(ctx: Ctx, a: FakeArtifact) {
  const run = ctx.state.run(a.runId)
  const base = `${ctx.origin}/repos/${ctx.state.owner}/${ctx.state.repo}/actions/artifacts/${a.id}`
  return {
    id: a.id,
    node_id: `A_${a.id}`,
    name: a.name,
    size_in_bytes: a.bytes.length,
    url: base,
    archive_download_url: `${base}/zip`,
    expired: false,
    digest: `sha256:${a.digest}`,
    created_at: a.created_at,
    updated_at: a.created_at,
    expires_at: new Date(Date.parse(a.created_at) + 90 * 86_400_000).toISOString(),
    workflow_run: run ? { id: run.id, head_branch: run.head_branch, head_sha: run.head_sha } : null
  }
}

export const artifactRoutes: Route[] = [
  ['POST', new RegExp(`^${TWIRP.replace(/\./g, '\\.')}\\w+$`), twirp],
  ['PUT', /^\/blob\/(\d+)$/, blob],
  ['GET', /^\/blob\/(\d+)$/, blob],
  [
    'GET',
    /^\/repos\/[^/]+\/[^/]+\/actions\/runs\/(\d+)\/artifacts$/,
    (ctx) => {
      if (!requireRead(ctx)) return
      const name = ctx.url.searchParams.get('name')
      const list = ctx.state.artifacts.filter(
        (a) => a.finalized && String(a.runId) === ctx.params[0] && (!name || a.name === name)
      )
      const { page, headers } = paginate(ctx, list)
      send(
        ctx,
        200,
        { total_count: list.length, artifacts: page.map((a) => restArtifact(ctx, a)) },
        headers
      )
    }
  ],
  [
    'GET',
    /^\/repos\/[^/]+\/[^/]+\/actions\/artifacts\/(\d+)\/zip$/,
    (ctx) => {
      if (!requireRead(ctx)) return
      const a = ctx.state.artifacts.find((x) => String(x.id) === ctx.params[0])
      if (!a) return fail(ctx, 404, 'Not Found')
      send(ctx, 302, undefined, { location: `${ctx.origin}/blob/${a.id}?sig=rest` })
    }
  ]
]

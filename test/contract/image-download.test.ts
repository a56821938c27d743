/**
 * prepareImage/describeImage against a local HTTPS server on 127.0.0.1 (self-signed certificate
 * made with openssl at test time) serving files generated at test time. Switches on the server
 * simulate range support, dropped connections, stalls, redirects and errors; the request log is
 * what the assertions look at.
 */
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from '@jest/globals'
import { createHash, randomBytes } from 'node:crypto'
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import https from 'node:https'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Logger } from '../../src/common/host'
import { ImageError } from '../../src/image/errors'
import { describeImage, prepareImage, type PrepareOptions } from '../../src/image/prepare'
import { selfSignedCertificate } from '../helpers/self-signed'

interface Seen {
  method: string
  path: string
  range?: string
  ifRange?: string
}

interface Served {
  data: Buffer
  etag: string
  lastModified: string
}

const XZ_MAGIC = Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])

let dir: string
let ca: Buffer
let server: https.Server
let origin: string
const files = new Map<string, Served>()
const seen: Seen[] = []
const cfg = {
  ranges: true,
  /** Destroy the socket after this many body bytes, once. */
  interruptAt: undefined as number | undefined,
  /** Send this many body bytes, then hang (once) and call onStall. */
  stallAt: undefined as number | undefined,
  onStall: undefined as (() => void) | undefined,
  /** Answer this many requests with 503 first. */
  fail503: 0,
  redirects: new Map<string, string>()
}

function sha(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex')
}

function serve(path: string, data: Buffer): Served {
  const entry = {
    data,
    etag: `"${sha(data).slice(0, 16)}"`,
    lastModified: new Date(1_700_000_000_000).toUTCString()
  }
  files.set(path, entry)
  return entry
}

/** A raw disk-ish image: an empty MBR sector, then noise. */
function rawImage(size: number): Buffer {
  return Buffer.concat([Buffer.alloc(512), randomBytes(size - 512)])
}

function handle(req: IncomingMessage, res: ServerResponse): void {
  const path = (req.url ?? '/').split('?')[0] ?? '/'
  seen.push({
    method: req.method ?? '',
    path,
    range: req.headers.range,
    ifRange: req.headers['if-range'] as string | undefined
  })
  const redirect = cfg.redirects.get(path)
  if (redirect) {
    res.writeHead(302, { location: redirect }).end()
    return
  }
  if (cfg.fail503 > 0) {
    cfg.fail503--
    res.writeHead(503, { 'content-type': 'text/plain' }).end('busy')
    return
  }
  const file = files.get(path)
  if (!file) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found')
    return
  }
  const headers: Record<string, string | number> = {
    'content-type': 'application/octet-stream',
    etag: file.etag,
    'last-modified': file.lastModified
  }
  if (cfg.ranges) headers['accept-ranges'] = 'bytes'
  let start = 0
  let status = 200
  const m = /^bytes=(\d+)-$/.exec(req.headers.range ?? '')
  const ifRange = req.headers['if-range']
  if (cfg.ranges && m && (!ifRange || ifRange === file.etag || ifRange === file.lastModified)) {
    start = Number(m[1])
    if (start >= file.data.length) {
      res.writeHead(416, { 'content-range': `bytes */${file.data.length}` }).end()
      return
    }
    status = 206
    headers['content-range'] = `bytes ${start}-${file.data.length - 1}/${file.data.length}`
  }
  const body = file.data.subarray(start)
  headers['content-length'] = body.length
  res.writeHead(status, headers)
  if (req.method === 'HEAD') {
    res.end()
    return
  }
  if (cfg.interruptAt !== undefined) {
    const cut = cfg.interruptAt - start
    cfg.interruptAt = undefined
    res.write(body.subarray(0, cut), () => res.socket?.destroy())
    return
  }
  if (cfg.stallAt !== undefined) {
    const cut = cfg.stallAt - start
    cfg.stallAt = undefined
    res.write(body.subarray(0, cut), () => cfg.onStall?.())
    return
  }
  res.end(body)
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rk1-image-contract-'))
  const tls = selfSignedCertificate(dir)
  ca = Buffer.from(tls.cert)
  server = https.createServer({ key: tls.key, cert: tls.cert }, handle)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  rmSync(dir, { recursive: true, force: true })
})

let cacheDir: string
let lines: string[]

function logger(): Logger {
  return {
    info: (m) => lines.push(`info ${m}`),
    warn: (m) => lines.push(`warn ${m}`),
    error: (m) => lines.push(`error ${m}`),
    debug: () => undefined,
    group: (_t, fn) => fn()
  }
}

function options(extra: Partial<PrepareOptions> = {}): PrepareOptions {
  return {
    cacheDir,
    baseDir: dir,
    log: logger(),
    fetchOptions: { ca },
    retry: { baseDelayMs: 5, maxDelayMs: 20 },
    ...extra
  }
}

/** Every file left under the cache dir, relative to it. */
function cacheFiles(): string[] {
  return (readdirSync(cacheDir, { recursive: true }) as string[])
    .filter((p) => statSync(join(cacheDir, p)).isFile())
    .sort()
}

beforeEach(() => {
  cacheDir = mkdtempSync(join(dir, 'cache-'))
  lines = []
  seen.length = 0
  files.clear()
  Object.assign(cfg, {
    ranges: true,
    interruptAt: undefined,
    stallAt: undefined,
    onStall: undefined,
    fail503: 0
  })
  cfg.redirects.clear()
})

afterEach(() => {
  server.closeAllConnections()
})

const MiB = 1024 * 1024

describe('pinned downloads', () => {
  it('resumes an interrupted download with a Range request, then hits the cache without network', async () => {
    const file = serve('/files/armbian.img', rawImage(3 * MiB + 123))
    cfg.interruptAt = MiB
    const spec = { source: `${origin}/files/armbian.img`, sha256: sha(file.data) }
    const image = await prepareImage(spec, options())
    expect(image).toMatchObject({
      size: file.data.length,
      fileName: 'armbian.img',
      sha256: sha(file.data),
      format: 'raw',
      origin: 'downloaded'
    })
    expect(image.path).toBe(join(cacheDir, 'images', 'sha256', sha(file.data), 'armbian.img'))
    expect(readFileSync(image.path).equals(file.data)).toBe(true)
    expect(seen.map((s) => s.method)).toEqual(['GET', 'GET'])
    expect(seen[0]?.range).toBeUndefined()
    expect(seen[1]?.range).toBe(`bytes=${MiB}-`)
    expect(seen[1]?.ifRange).toBe(file.etag)
    expect(lines.some((l) => l.startsWith('warn') && /Retrying/.test(l))).toBe(true)
    expect(cacheFiles()).toEqual([join('images', 'sha256', sha(file.data), 'armbian.img')])

    seen.length = 0
    const again = await prepareImage(spec, options())
    expect(again.origin).toBe('cache-hit')
    expect(again.path).toBe(image.path)
    expect(seen).toEqual([])
  })

  it('restarts from the beginning when the server ignores ranges', async () => {
    const file = serve('/files/talos.raw.xz', Buffer.concat([XZ_MAGIC, randomBytes(2 * MiB)]))
    cfg.ranges = false
    cfg.interruptAt = MiB / 2
    const image = await prepareImage(
      { source: `${origin}/files/talos.raw.xz`, sha256: sha(file.data) },
      options()
    )
    expect(image).toMatchObject({ format: 'xz', fileName: 'talos.raw.xz', origin: 'downloaded' })
    expect(readFileSync(image.path).equals(file.data)).toBe(true)
    expect(seen).toHaveLength(2)
    expect(seen[1]?.range).toBe(`bytes=${MiB / 2}-`)
    expect(lines.some((l) => /ignored the range request/.test(l))).toBe(true)
  })

  it('keeps the partial when attempts run out and resumes it on the next run', async () => {
    const file = serve('/files/a.img', rawImage(2 * MiB))
    const spec = { source: `${origin}/files/a.img`, sha256: sha(file.data) }
    cfg.interruptAt = 700_000
    const error = await prepareImage(spec, options({ retry: { attempts: 1 } })).catch(
      (e: unknown) => e
    )
    expect(error).toBeInstanceOf(ImageError)
    expect((error as ImageError).advice).toMatch(/run again to resume/)
    const partial = join(cacheDir, 'images', 'sha256', sha(file.data), 'a.img.partial')
    expect(statSync(partial).size).toBe(700_000)

    seen.length = 0
    const image = await prepareImage(spec, options())
    expect(image.origin).toBe('downloaded')
    expect(seen.map((s) => s.range)).toEqual(['bytes=700000-'])
    expect(existsSync(partial)).toBe(false)
  })

  it('follows redirects', async () => {
    const file = serve('/files/b.img', rawImage(MiB))
    cfg.redirects.set('/latest/b.img', '/hop/b.img')
    cfg.redirects.set('/hop/b.img', `${origin}/files/b.img`)
    const image = await prepareImage(
      { source: `${origin}/latest/b.img`, sha256: sha(file.data) },
      options()
    )
    expect(image.origin).toBe('downloaded')
    expect(seen.map((s) => s.path)).toEqual(['/latest/b.img', '/hop/b.img', '/files/b.img'])
  })

  it('gives up on endless redirects', async () => {
    for (let i = 0; i < 8; i++) cfg.redirects.set(`/loop/${i}`, `/loop/${i + 1}`)
    const error = await prepareImage({ source: `${origin}/loop/0` }, options()).catch(
      (e: unknown) => e
    )
    expect((error as ImageError).message).toMatch(/Too many redirects/)
    expect(seen).toHaveLength(6)
  })

  it('reports a 404 clearly, without retrying', async () => {
    const error = await prepareImage(
      { source: `${origin}/files/missing.img`, sha256: 'c'.repeat(64) },
      options()
    ).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ImageError)
    const e = error as ImageError
    expect(e.message).toMatch(/HTTP 404/)
    expect(e.evidence).toMatch(/\/files\/missing\.img/)
    expect(e.advice).toMatch(/Check the image URL/)
    expect(e.step).toBe('image')
    expect(seen).toHaveLength(1)
  })

  it('retries 503 a bounded number of times', async () => {
    serve('/files/c.img', rawImage(MiB))
    cfg.fail503 = 100
    const error = await prepareImage(
      { source: `${origin}/files/c.img`, sha256: 'd'.repeat(64) },
      options({ retry: { attempts: 3, baseDelayMs: 1 } })
    ).catch((e: unknown) => e)
    expect((error as ImageError).message).toMatch(/failed after 3 attempts/)
    expect((error as ImageError).evidence).toMatch(/HTTP 503/)
    expect(seen).toHaveLength(3)
  })

  it('recovers from a transient 503', async () => {
    const file = serve('/files/c.img', rawImage(MiB))
    cfg.fail503 = 1
    const image = await prepareImage(
      { source: `${origin}/files/c.img`, sha256: sha(file.data) },
      options()
    )
    expect(image.origin).toBe('downloaded')
    expect(seen).toHaveLength(2)
  })

  it('rejects a wrong sha256 and caches nothing', async () => {
    const file = serve('/files/d.img', rawImage(MiB))
    const wrong = 'e'.repeat(64)
    const error = await prepareImage(
      { source: `${origin}/files/d.img`, sha256: wrong },
      options()
    ).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ImageError)
    const e = error as ImageError
    expect(e.message).toMatch(/SHA-256 mismatch/)
    expect(e.evidence).toContain(`expected sha256 ${wrong}`)
    expect(e.evidence).toContain(`actual sha256 ${sha(file.data)}`)
    expect(cacheFiles()).toEqual([])
  })

  it('lets two concurrent prepares share one download', async () => {
    const file = serve('/files/e.img', rawImage(2 * MiB))
    const spec = { source: `${origin}/files/e.img`, sha256: sha(file.data) }
    const [a, b] = await Promise.all([prepareImage(spec, options()), prepareImage(spec, options())])
    expect([a.origin, b.origin].sort()).toEqual(['cache-hit', 'downloaded'])
    expect(a.path).toBe(b.path)
    expect(seen.filter((s) => s.method === 'GET')).toHaveLength(1)
  })

  it('stops on abort and keeps the partial for a later resume', async () => {
    const file = serve('/files/f.img', rawImage(2 * MiB))
    const spec = { source: `${origin}/files/f.img`, sha256: sha(file.data) }
    const controller = new AbortController()
    cfg.stallAt = 600_000
    cfg.onStall = () => setTimeout(() => controller.abort(new Error('cancelled by test')), 50)
    const error = await prepareImage(spec, options({ signal: controller.signal })).catch(
      (e: unknown) => e
    )
    expect((error as Error).message).toBe('cancelled by test')
    const partial = join(cacheDir, 'images', 'sha256', sha(file.data), 'f.img.partial')
    expect(existsSync(partial)).toBe(true)
    expect(existsSync(join(cacheDir, 'images', 'sha256', sha(file.data), 'f.img.lock'))).toBe(false)

    seen.length = 0
    const size = statSync(partial).size
    const image = await prepareImage(spec, options())
    expect(readFileSync(image.path).equals(file.data)).toBe(true)
    expect(seen[0]?.range).toBe(`bytes=${size}-`)
  })

  it('refuses a gzip download and caches nothing', async () => {
    serve('/files/g.img', Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08]), randomBytes(1000)]))
    const error = await prepareImage({ source: `${origin}/files/g.img` }, options()).catch(
      (e: unknown) => e
    )
    expect((error as ImageError).message).toMatch(/gzip-compressed/)
    expect(cacheFiles()).toEqual([])
  })

  it('fails on an untrusted certificate without retrying', async () => {
    serve('/files/h.img', rawImage(MiB))
    const error = await prepareImage(
      { source: `${origin}/files/h.img` },
      options({ fetchOptions: {} })
    ).catch((e: unknown) => e)
    expect((error as ImageError).message).toMatch(/TLS verification failed/)
    expect(seen).toHaveLength(0)
  })
})

describe('unpinned downloads', () => {
  it('revalidates with a single HEAD and warns with the digest to pin', async () => {
    const file = serve('/files/u.img.xz', Buffer.concat([XZ_MAGIC, randomBytes(MiB)]))
    cfg.redirects.set('/latest.img.xz', '/files/u.img.xz')
    const spec = { source: `${origin}/latest.img.xz` }
    const first = await prepareImage(spec, options())
    expect(first).toMatchObject({
      origin: 'downloaded',
      sha256: sha(file.data),
      fileName: 'latest.img.xz',
      format: 'xz'
    })
    expect(lines.some((l) => l.startsWith('warn') && l.includes(`sha256: ${sha(file.data)}`))).toBe(
      true
    )
    expect(
      cacheFiles().some((p) => p.startsWith(join('images', 'by-url')) && p.endsWith('.json'))
    ).toBe(true)

    seen.length = 0
    const second = await prepareImage(spec, options())
    expect(second).toMatchObject({ origin: 'cache-hit', path: first.path, sha256: sha(file.data) })
    expect(seen.every((s) => s.method === 'HEAD')).toBe(true)
    expect(seen.map((s) => s.path)).toEqual(['/latest.img.xz', '/files/u.img.xz'])
  })

  it('downloads again when the ETag changed', async () => {
    serve('/files/v.img', rawImage(MiB))
    const spec = { source: `${origin}/files/v.img` }
    const first = await prepareImage(spec, options())
    const replaced = serve('/files/v.img', rawImage(MiB))
    seen.length = 0
    const second = await prepareImage(spec, options())
    expect(second.origin).toBe('downloaded')
    expect(second.sha256).toBe(sha(replaced.data))
    expect(second.path).not.toBe(first.path)
    expect(seen.map((s) => s.method)).toEqual(['HEAD', 'GET'])
  })

  it('keeps using a verified copy when the publisher removed the file', async () => {
    serve('/files/old.img', rawImage(MiB))
    const spec = { source: `${origin}/files/old.img` }
    const first = await prepareImage(spec, options())
    files.clear()
    seen.length = 0
    const second = await prepareImage(spec, options())
    expect(second).toMatchObject({ origin: 'cache-hit', path: first.path })
    expect(seen.map((s) => s.method)).toEqual(['HEAD'])
    expect(lines.some((l) => l.startsWith('warn') && /HTTP 404/.test(l))).toBe(true)
  })

  it('resumes only with a validator (If-Range)', async () => {
    const file = serve('/files/w.img', rawImage(2 * MiB))
    cfg.interruptAt = MiB
    const image = await prepareImage({ source: `${origin}/files/w.img` }, options())
    expect(image.sha256).toBe(sha(file.data))
    expect(seen[1]).toMatchObject({ range: `bytes=${MiB}-`, ifRange: file.etag })
  })
})

describe('describeImage', () => {
  it('makes at most one HEAD and never downloads', async () => {
    const file = serve('/files/x.img', rawImage(MiB))
    const spec = { source: `${origin}/files/x.img`, sha256: sha(file.data) }
    expect(await describeImage(spec, options())).toEqual({
      fileName: 'x.img',
      format: 'raw',
      size: file.data.length,
      cached: false
    })
    expect(seen.map((s) => s.method)).toEqual(['HEAD'])
    await prepareImage(spec, options())
    seen.length = 0
    expect(await describeImage(spec, options())).toMatchObject({
      cached: true,
      size: file.data.length
    })
    expect(seen).toEqual([])
  })

  it('reports a missing URL', async () => {
    const error = await describeImage({ source: `${origin}/nope.img` }, options()).catch(
      (e: unknown) => e
    )
    expect((error as ImageError).message).toMatch(/HTTP 404/)
  })
})

describe('local files', () => {
  it('hashes in place and verifies a pinned digest', async () => {
    const data = Buffer.concat([XZ_MAGIC, randomBytes(100_000)])
    writeFileSync(join(dir, 'local.img.xz'), data)
    const image = await prepareImage({ source: 'local.img.xz', sha256: sha(data) }, options())
    expect(image).toEqual({
      path: join(dir, 'local.img.xz'),
      size: data.length,
      fileName: 'local.img.xz',
      sha256: sha(data),
      format: 'xz',
      origin: 'local'
    })
    const error = await prepareImage(
      { source: 'local.img.xz', sha256: 'f'.repeat(64) },
      options()
    ).catch((e: unknown) => e)
    expect((error as ImageError).message).toContain(join(dir, 'local.img.xz'))
    expect((error as ImageError).evidence).toContain(`actual sha256 ${sha(data)}`)
    expect(cacheFiles()).toEqual([])
  })

  it('rejects missing files and directories', async () => {
    await expect(prepareImage({ source: 'absent.img' }, options())).rejects.toThrow(
      /does not exist/
    )
    await expect(prepareImage({ source: dir }, options())).rejects.toThrow(/not a regular file/)
  })
})

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Logger } from '../../src/common/host'
import {
  fetchFactoryChecksum,
  postSchematic,
  resolveFactoryImage
} from '../../src/distro/talos/factory'
import { resolveRk1Schematic } from '../../src/distro/talos/schematic'

// A loopback stand-in for the Image Factory API (tools.md §2.2-2.3): the answers are steered by
// the request path so each case needs no state.

let server: Server
let base: string
const posted: string[] = []
const lines: string[] = []
const log = {
  info: (m: string) => lines.push(m),
  warn: (m: string) => lines.push(m),
  error: (m: string) => lines.push(m),
  debug: () => undefined,
  group: <T>(_: string, fn: () => Promise<T>) => fn()
} as unknown as Logger
const DIGEST = 'c'.repeat(64)

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = ''
    req.on('data', (d: Buffer) => (body += d.toString()))
    req.on('end', () => {
      const url = req.url ?? ''
      if (req.method === 'POST' && url.endsWith('/schematics')) {
        posted.push(body)
        if (url.startsWith('/bad/')) return res.writeHead(400).end('unknown extension foo\n')
        const id = url.startsWith('/other/')
          ? 'd'.repeat(64)
          : createHash('sha256').update(body).digest('hex')
        res.writeHead(201, { 'content-type': 'application/json' })
        return res.end(JSON.stringify({ id }))
      }
      if (url.endsWith('.sha256')) {
        if (url.startsWith('/paid/')) return res.writeHead(402).end('payment required\n')
        if (url.startsWith('/sum/'))
          return res.writeHead(200).end(`${DIGEST}  metal-arm64.raw.xz\n`)
        return res.writeHead(404).end('not found\n')
      }
      res.writeHead(404).end()
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((r) => server.close(() => r())))

describe('Image Factory client', () => {
  const schematic = resolveRk1Schematic()

  it('posts the canonical YAML and accepts the matching ID', async () => {
    await expect(postSchematic(`${base}/ok`, schematic, { log })).resolves.toBe(schematic.id)
    expect(posted.at(-1)).toBe(schematic.yaml)
  })

  it('refuses an ID that is not ours, with both IDs in the message', async () => {
    await expect(postSchematic(`${base}/other`, schematic, { log })).rejects.toThrow(
      `returned schematic ID ${'d'.repeat(64)}, but our schematic hashes to ${schematic.id}`
    )
  })

  it('reports a refused schematic with the factory text', async () => {
    const error = await postSchematic(`${base}/bad`, schematic, { log }).catch((e: unknown) => e)
    expect(String((error as { evidence?: string }).evidence)).toContain('unknown extension foo')
  })

  it('uses a published checksum and treats 402 and 404 as none', async () => {
    await expect(fetchFactoryChecksum(`${base}/sum/x.raw.xz`, { log })).resolves.toBe(DIGEST)
    await expect(fetchFactoryChecksum(`${base}/paid/x.raw.xz`, { log })).resolves.toBeUndefined()
    expect(lines.at(-1)).toMatch(/HTTP 402, no checksum.*xz stream's own check.*BMC's sha256/)
    await expect(fetchFactoryChecksum(`${base}/none/x.raw.xz`, { log })).resolves.toBeUndefined()
  })

  it('skips the POST when the inventory gives the schematic ID', async () => {
    const before = posted.length
    const spec = await resolveFactoryImage(
      { factory: `${base}/sum`, schematicId: 'e'.repeat(64) },
      'v1.13.9',
      { log }
    )
    expect(posted.length).toBe(before)
    expect(spec).toEqual({
      source: `${base}/sum/image/${'e'.repeat(64)}/v1.13.9/metal-arm64.raw.xz`,
      sha256: DIGEST
    })
  })
})

// Contract: bench-image/harness/rk1_models.py, run with python3 against a loopback HTTP server of
// this test, says per model what src/bench/models.ts expects (RK1-MODEL lines), and leaves in
// the cache only files whose SHA-256 is the pinned one.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { parseModelLines, type ModelLine } from '../../src/bench/models'
import { repoRoot } from '../helpers/action-runner'

const SCRIPT = path.join(repoRoot, 'bench-image', 'harness', 'rk1_models.py')
const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex')
const body = randomBytes(70_000)
let server: Server
let base: string
let dir: string
const gets: string[] = []

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'rk1-models-contract-'))
  server = createServer((req, res) => {
    gets.push(req.url ?? '')
    if (req.url === '/m.onnx') return void res.writeHead(200).end(body)
    res.writeHead(404).end()
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const a = server.address()
  base = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`
})

afterAll(async () => {
  await new Promise<void>((done) => server.close(() => done()))
  rmSync(dir, { recursive: true, force: true })
})

async function fetchModels(
  cache: string,
  spec: { file: string; url: string; sha256: string | null }[],
  env: Record<string, string> = {}
): Promise<ModelLine[]> {
  const { stdout } = await promisify(execFile)(
    'python3',
    [SCRIPT, '--cache', cache, '--spec', JSON.stringify(spec)],
    { env: { PATH: process.env.PATH ?? '', ...env } }
  )
  const parsed = parseModelLines(stdout)
  expect(parsed.done).toBe(true)
  return parsed.lines
}

describe('rk1_models.py', () => {
  it('fetches a pinned file once, then uses the cached copy; a corrupted copy is fetched again', async () => {
    const cache = path.join(dir, 'a')
    const spec = [{ file: 'm.onnx', url: `${base}/m.onnx`, sha256: sha(body) }]
    const before = gets.length
    expect((await fetchModels(cache, spec))[0]).toMatchObject({
      status: 'fetched',
      sha256: sha(body),
      bytes: body.length
    })
    expect((await fetchModels(cache, spec))[0]).toMatchObject({ status: 'cached' })
    expect(gets.length - before).toBe(1)
    writeFileSync(path.join(cache, 'm.onnx'), 'bit rot')
    expect((await fetchModels(cache, spec))[0]).toMatchObject({ status: 'fetched' })
    expect(gets.length - before).toBe(2)
    expect(readdirSync(cache)).toEqual(['m.onnx'])
  })

  it('a mismatch deletes the download and a stale copy of that name; nothing unchecked stays', async () => {
    const cache = path.join(dir, 'b')
    const spec = [{ file: 'm.onnx', url: `${base}/m.onnx`, sha256: 'e'.repeat(64) }]
    await fetchModels(cache, [{ ...spec[0]!, sha256: sha(body) }])
    const [line] = await fetchModels(cache, spec)
    expect(line).toMatchObject({ status: 'mismatch', expected: 'e'.repeat(64), actual: sha(body) })
    expect(readdirSync(cache)).toEqual([])
  })

  it('an unpinned file is hashed and deleted; a 404 and a host off loopback in the lab are errors', async () => {
    const cache = path.join(dir, 'c')
    const lines = await fetchModels(
      cache,
      [
        { file: 'm.onnx', url: `${base}/m.onnx`, sha256: null },
        { file: 'gone.onnx', url: `${base}/gone.onnx`, sha256: 'a'.repeat(64) },
        { file: 'far.onnx', url: 'https://example.org/far.onnx', sha256: 'a'.repeat(64) },
        { file: '../up.onnx', url: `${base}/m.onnx`, sha256: sha(body) }
      ],
      { RK1_MODELS_LOOPBACK_ONLY: '1' }
    )
    expect(lines.map((l) => [l.file, l.status])).toEqual([
      ['m.onnx', 'unpinned'],
      ['gone.onnx', 'error'],
      ['far.onnx', 'error'],
      ['../up.onnx', 'error']
    ])
    expect(lines[0]?.actual).toBe(sha(body))
    expect(lines[1]?.reason).toMatch(/download failed: HTTP Error 404/)
    expect(lines[2]?.reason).toBe(
      'the lab fetches only from 127.0.0.0/8, not https://example.org/far.onnx'
    )
    expect(lines[3]?.reason).toMatch(/not a plain file name/)
    expect(readdirSync(cache)).toEqual([])
    expect(existsSync(path.join(dir, 'up.onnx'))).toBe(false)
  })
})

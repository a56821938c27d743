import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { createReadStream, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:https'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { resolveRk1Schematic } from '../../src/distro/talos/schematic'
import { DEFAULT_VERSIONS } from '../../src/inventory'
import { labCertificate } from '../../src/lab/bmc/tls'
import { startLab, type Lab } from '../../src/lab/lab'
import { runBundle, type ActionRun } from '../helpers/action-runner'
import { isBmcRead } from '../helpers/bmc-requests'

// The built provision action with no Talos image in the inventory: the image comes from a fake
// Image Factory on 127.0.0.1 over HTTPS with a self-signed certificate (trusted through
// RK1_EXTRA_CA_FILE). Then the same cluster is upgraded in place by changing versions.talos.

interface FactoryRequest {
  method: string
  url: string
  body: string
}

let lab: Lab
let factory: Server
let factoryUrl: string
let caFile: string
const requests: FactoryRequest[] = []
/** Schematic IDs posted so far: the fake serves images only for those, like the real factory. */
const known = new Set<string>()
let first: ActionRun
const NEXT_TALOS = DEFAULT_VERSIONS.talos.replace(/\d+$/, (p) => String(Number(p) + 1))

async function startFactory(image: string): Promise<void> {
  const tls = await labCertificate()
  caFile = join(lab.dir, 'factory-ca.pem')
  writeFileSync(caFile, tls.certPem)
  factory = createServer({ cert: tls.certPem, key: tls.keyPem }, (req, res) => {
    let body = ''
    req.on('data', (d: Buffer) => (body += d.toString()))
    req.on('end', () => {
      const url = req.url ?? ''
      requests.push({ method: req.method ?? '', url, body })
      if (req.method === 'POST' && url === '/schematics') {
        if (req.headers['content-type'] !== 'application/yaml')
          return res.writeHead(400).end('unsupported content type\n')
        const id = createHash('sha256').update(body).digest('hex')
        known.add(id)
        res.writeHead(201, { 'content-type': 'application/json' })
        return res.end(JSON.stringify({ id, schematic: body }))
      }
      const m = /^\/image\/([0-9a-f]{64})\/(v[\d.]+)\/metal-arm64\.raw\.xz(\.sha256)?$/.exec(url)
      if (!m || !known.has(m[1] as string)) return res.writeHead(404).end('not found\n')
      // The public instance has no checksum frontend (an Enterprise feature): 402.
      if (m[3]) return res.writeHead(402).end('payment required\n')
      res.writeHead(200, {
        'content-type': 'application/x-xz',
        'content-length': String(statSync(image).size)
      })
      if (req.method === 'HEAD') return res.end()
      createReadStream(image).pipe(res)
    })
  })
  await new Promise<void>((r) => factory.listen(0, '127.0.0.1', r))
  factoryUrl = `https://127.0.0.1:${(factory.address() as AddressInfo).port}`
}

/** The lab inventory with the Talos image line replaced by the fake factory. */
function inventory(name: string, extra = ''): string {
  const text = readFileSync(lab.inventoryPath, 'utf8').replace(
    /^( {2}talos:\n) {4}image: .*\n/m,
    `$1    factory: ${factoryUrl}\n`
  )
  expect(text).toContain(`factory: ${factoryUrl}`)
  expect(text).not.toContain(lab.images.talos.path)
  const path = join(lab.dir, name)
  writeFileSync(path, text + extra)
  return path
}

function provision(inventoryPath: string, inputs: Record<string, string> = {}): Promise<ActionRun> {
  return runBundle(
    'provision.mjs',
    {
      inventory: inventoryPath,
      confirm: 'rk1-lab',
      distro: 'talos',
      'bmc-password': lab.env.RK1_BMC_PASSWORD as string,
      'boot-timeout': '60',
      ...inputs
    },
    { env: { PATH: lab.env.PATH as string, RK1_EXTRA_CA_FILE: caFile } }
  )
}

/** Requests that change something: a run that flashes nothing may still ask the BMC what it is. */
const bmcChangesSince = (seq: number): number =>
  lab.bmc.requestLog.filter((r) => r.seq > seq && !isBmcRead(r)).length

beforeAll(async () => {
  lab = await startLab({ dir: mkdtempSync(join(tmpdir(), 'rk1-talos-factory-')), timeScale: 200 })
  await startFactory(lab.images.talos.path)
  first = await provision(inventory('factory.yaml'))
}, 120_000)
afterAll(async () => {
  await new Promise<void>((r) => (factory ? factory.close(() => r()) : r()))
  await lab?.close()
})

describe('provision talos with the image from the Image Factory', () => {
  it('posts the canonical schematic, downloads the image over trusted https, ends healthy', () => {
    expect(first.exitCode).toBe(0)
    const schematic = resolveRk1Schematic()
    const posts = requests.filter((r) => r.method === 'POST')
    expect(posts).toHaveLength(1)
    expect(posts[0]?.body).toBe(schematic.yaml)
    const image = `/image/${schematic.id}/${DEFAULT_VERSIONS.talos}/metal-arm64.raw.xz`
    expect(requests.some((r) => r.method === 'GET' && r.url === `${image}.sha256`)).toBe(true)
    expect(requests.filter((r) => r.method === 'GET' && r.url === image)).toHaveLength(1)
    expect(first.stdout).toMatch(/HTTP 402, no checksum from this factory/)
    const result = JSON.parse(first.outputs.result as string)
    expect(result.healthy).toBe(true)
    expect(result.bootstrap).toBe('bootstrapped')
    expect(result.nodes.map((n: { action: string }) => n.action)).toEqual([
      'flash',
      'flash',
      'flash',
      'flash'
    ])
    expect(first.outputs['flashed-nodes']).toBe('1,2,3,4')
    // gen config got the installer of the same schematic, from the factory's registry host.
    const config = readFileSync(
      join(first.outputs['talosconfig-path'] as string, '..', 'node-1.yaml'),
      'utf8'
    )
    expect(config).toContain(
      `${new URL(factoryUrl).host}/metal-installer/${schematic.id}:${DEFAULT_VERSIONS.talos}`
    )
  })

  it('dry run: prints schematic ID and image URL without any network', async () => {
    const before = requests.length
    const run = await provision(inventory('factory.yaml'), { 'dry-run': 'true' })
    expect(run.exitCode).toBe(0)
    const { id } = resolveRk1Schematic()
    expect(run.stdout).toContain(`schematic ${id}`)
    expect(run.stdout).toContain(
      `${factoryUrl}/image/${id}/${DEFAULT_VERSIONS.talos}/metal-arm64.raw.xz`
    )
    expect(requests.length).toBe(before)
  })

  it('a changed versions.talos upgrades every node in place, one at a time, control plane first', async () => {
    const secrets = first.outputs['talos-secrets'] as string
    const path = inventory('upgrade.yaml', `versions:\n  talos: ${NEXT_TALOS}\n`)
    const bmcBefore = lab.bmc.requestLog.at(-1)?.seq ?? 0
    const factoryBefore = requests.length
    const run = await provision(path, { 'talos-secrets': secrets })
    expect(run.exitCode).toBe(0)
    // No flash: neither the BMC nor the factory was asked for anything.
    expect(bmcChangesSince(bmcBefore)).toBe(0)
    expect(requests.length).toBe(factoryBefore)
    expect(run.outputs['flashed-nodes']).toBe('')
    const result = JSON.parse(run.outputs.result as string)
    expect(result.healthy).toBe(true)
    expect(result.upToDate).toBe(false)
    expect(result.bootstrap).toBe('already-bootstrapped')
    expect(result.nodes).toEqual(
      [1, 2, 3, 4].map((slot) =>
        expect.objectContaining({
          slot,
          found: 'ours',
          foundVersion: DEFAULT_VERSIONS.talos,
          action: 'upgrade',
          upgradedTo: NEXT_TALOS,
          status: 'ready'
        })
      )
    )
    expect(run.summary).toContain(
      `upgraded in place (no flash): ${DEFAULT_VERSIONS.talos} → ${NEXT_TALOS}`
    )
    // One at a time: each node's upgrade starts only after the previous one finished.
    const at = (text: string): number => run.stdout.indexOf(text)
    const order = [1, 2, 3, 4].flatMap((slot) => [
      at(`slot ${slot} (${slot === 1 ? 'lab-cp1' : `lab-w${slot - 1}`}): upgrading`),
      at(
        `slot ${slot} (${slot === 1 ? 'lab-cp1' : `lab-w${slot - 1}`}): upgraded to Talos ${NEXT_TALOS}`
      )
    ])
    expect(order.every((i) => i >= 0)).toBe(true)
    expect([...order].sort((a, b) => a - b)).toEqual(order)
    // The upgrade keeps the flashed schematic (overlay and extensions).
    expect(run.stdout).toContain(`/metal-installer/${resolveRk1Schematic().id}:${NEXT_TALOS}`)

    const again = await provision(path, { 'talos-secrets': secrets })
    expect(again.exitCode).toBe(0)
    expect(again.stdout).toContain('already up to date')
    const nodes = JSON.parse(again.outputs.result as string).nodes
    expect(nodes.every((n: { foundVersion: string }) => n.foundVersion === NEXT_TALOS)).toBe(true)
  })
})

/**
 * The lab talosctl, run as a real subprocess (esbuild bundle of src/entry/lab-talosctl.ts), against
 * four lab Talos nodes on 127.0.1.1-4 with a fake Kubernetes hub: the provisioning happy path and the
 * node-state detection matrix of `../shared/specs/tools.md` §1.3.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from 'esbuild'
import { buildTalosImage } from '../../src/lab/images/talos-image'
import { TalosNode } from '../../src/lab/talos/node'
import type { LabApiServer, LabKubeHub, LabNodeRegistration } from '../../src/lab/hub'
import { schematicId, RK1_OVERLAY, LONGHORN_EXTENSIONS } from '../../src/distro/talos/schematic'

interface Run {
  code: number
  stdout: string
  stderr: string
}

class FakeHub implements LabKubeHub {
  servers = new Map<string, LabApiServer & { clusterId: string }>()
  nodes = new Map<string, LabNodeRegistration[]>()
  async startApiServer(o: { ip: string; port: number; clusterId: string }): Promise<LabApiServer> {
    const url = `https://${o.ip}:${o.port}`
    const server = {
      url,
      clusterId: o.clusterId,
      kubeconfig: (s?: string) =>
        `apiVersion: v1\nkind: Config\nclusters:\n- name: lab\n  cluster:\n    server: ${s ?? url}\ncontexts:\n- name: admin@lab\n  context: {cluster: lab, user: admin}\ncurrent-context: admin@lab\nusers:\n- name: admin\n  user: {token: fake}\n`
    }
    this.servers.set(o.ip, server)
    return server
  }
  async stopApiServer(ip: string): Promise<void> {
    this.servers.delete(ip)
    this.nodes.delete(ip)
  }
  apiServer(ip: string): LabApiServer | undefined {
    return this.servers.get(ip)
  }
  registerNode(apiIp: string, node: LabNodeRegistration): void {
    const list = (this.nodes.get(apiIp) ?? []).filter((n) => n.name !== node.name)
    this.nodes.set(apiIp, [...list, node])
  }
  removeNode(apiIp: string, name: string): void {
    this.nodes.set(
      apiIp,
      (this.nodes.get(apiIp) ?? []).filter((n) => n.name !== name)
    )
  }
}

const IPS = ['127.0.1.1', '127.0.1.2', '127.0.1.3', '127.0.1.4'] as const
const PORT = 20_000 + Math.floor(Math.random() * 30_000)
const VERSION = 'v1.13.9'
const SCHEMATIC = schematicId({ overlay: RK1_OVERLAY, extensions: LONGHORN_EXTENSIONS })

let dir: string
let bundle: string
let image: string
const hub = new FakeHub()
const nodes: TalosNode[] = []

function talosctl(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bundle, ...args],
      {
        cwd: dir,
        env: { PATH: process.env.PATH ?? '', HOME: dir, RK1_LAB_TALOS_PORT: String(PORT), ...env }
      },
      (error, stdout, stderr) =>
        resolve({
          code: error ? Number((error as { code?: number }).code ?? 1) : 0,
          stdout,
          stderr
        })
    )
  })
}

/** Retries a talosctl call until `ok` (the nodes boot asynchronously); no timing assertions. */
async function until(args: string[], ok: (r: Run) => boolean, tries = 200): Promise<Run> {
  let last: Run = { code: -1, stdout: '', stderr: '' }
  for (let i = 0; i < tries; i++) {
    last = await talosctl(args)
    if (ok(last)) return last
    await new Promise((r) => setTimeout(r, 50))
  }
  return last
}

/** What the BMC does at power-on: ask the node for its boot script, then run onBooted. */
async function boot(node: TalosNode, slot: number): Promise<void> {
  const path = join(dir, `emmc${slot}.img`)
  const head = readFileSync(path).subarray(0, 64 * 1024)
  node.bootScript({ path, head }).onBooted?.()
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lab-talos-'))
  bundle = join(dir, 'lab-talosctl.mjs')
  await build({
    entryPoints: ['src/entry/lab-talosctl.ts'],
    outfile: bundle,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    mainFields: ['module', 'main'],
    banner: {
      js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);"
    },
    logLevel: 'error'
  })
  image = (
    await buildTalosImage(join(dir, 'img'), {
      version: VERSION,
      schematicId: SCHEMATIC,
      extensions: LONGHORN_EXTENSIONS,
      sizeMiB: 1
    })
  ).raw
  for (const [i, ip] of IPS.entries()) {
    copyFileSync(image, join(dir, `emmc${i + 1}.img`))
    nodes.push(
      new TalosNode({
        slot: (i + 1) as 1,
        ip,
        apiPort: PORT,
        kubePort: PORT + 1,
        dir: join(dir, `node${i + 1}`),
        hub,
        timeScale: 1000
      })
    )
  }
})

afterAll(async () => {
  await Promise.all(nodes.map((n) => n.close()))
  rmSync(dir, { recursive: true, force: true })
})

describe('lab talosctl against lab Talos nodes', () => {
  it('builds an image whose marker carries version and schematic', () => {
    const head = readFileSync(image)
      .subarray(0, 64 * 1024)
      .toString('latin1')
    expect(head).toContain(`RK1LAB-IMAGE distro=talos version=${VERSION} schematic=${SCHEMATIC}`)
  })

  it('reports a powered-off node as connection refused', async () => {
    const r = await talosctl(['version', '--insecure', '-n', IPS[0]])
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/^Client:\n[\s\S]*Server:\n$/)
    expect(r.stderr).toContain(
      `error getting version: rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial tcp ${IPS[0]}:${PORT}: connect: connection refused"`
    )
  })

  it('runs the provisioning happy path and tells the node states apart', async () => {
    expect((await talosctl(['gen', 'secrets', '-o', 'secrets.yaml'])).code).toBe(0)
    const again = await talosctl(['gen', 'secrets', '-o', 'secrets.yaml'])
    expect(again.code).toBe(1)
    expect(again.stderr).toBe('file "secrets.yaml" already exists, use --force to overwrite\n')

    const bad = await talosctl(['gen', 'config', 'lab', '127.0.1.1:6443'])
    expect(bad.code).toBe(1)
    expect(bad.stderr).toContain(
      'no scheme specified for the cluster endpoint URL\ntry: "https://127.0.1.1:6443"'
    )

    writeFileSync(
      join(dir, 'cp.yaml'),
      'apiVersion: v1alpha1\nkind: HostnameConfig\nhostname: lab-cp1\nauto: off\n'
    )
    const gen = await talosctl([
      'gen',
      'config',
      'lab',
      `https://${IPS[0]}:6443`,
      '--with-secrets',
      'secrets.yaml',
      '--install-disk',
      '/dev/mmcblk0',
      '--install-image',
      `factory.talos.dev/metal-installer/${SCHEMATIC}:${VERSION}`,
      '--kubernetes-version',
      '1.36.3',
      '--with-docs=false',
      '--with-examples=false',
      '-o',
      'out'
    ])
    expect(gen.code).toBe(0)
    expect(gen.stdout).toBe('')
    expect(gen.stderr).toBe(
      ['controlplane.yaml', 'worker.yaml', 'talosconfig']
        .map((f) => `Created ${join(dir, 'out', f)}\n`)
        .join('')
    )
    const cp = readFileSync(join(dir, 'out', 'controlplane.yaml'), 'utf8')
    expect(cp).toContain('version: v1alpha1')
    expect(cp).toContain('    type: controlplane')
    expect(cp).toContain('        disk: /dev/mmcblk0')
    expect(cp).toContain(`        endpoint: https://${IPS[0]}:6443`)
    const tc = ['--talosconfig', 'out/talosconfig']

    // A second cluster's secrets, for the "configured by someone else" case.
    await talosctl(['gen', 'secrets', '-o', 'other.yaml'])
    await talosctl([
      'gen',
      'config',
      'other',
      `https://${IPS[3]}:6443`,
      '--with-secrets',
      'other.yaml',
      '-o',
      'other'
    ])

    for (const [i, n] of nodes.entries()) await boot(n, i + 1)
    for (const ip of IPS) {
      const v = await until(['version', '--insecure', '-n', ip], (r) => r.code === 0)
      expect(v.stdout).toMatch(
        new RegExp(`Client:\\n\\s*Tag:\\s*v1\\.13\\.9[\\s\\S]*Server:\\n\\s*Tag:\\s*${VERSION}`)
      )
      const ms = await talosctl(['get', 'machinestatus', '--insecure', '-n', ip, '-o', 'json'])
      expect(JSON.parse(ms.stdout).spec.stage).toBe('maintenance')
    }
    // Maintenance mode does not speak mutual TLS with our CA.
    const secureOnMaint = await talosctl([...tc, '-e', IPS[1], '-n', IPS[1], 'version'])
    expect(secureOnMaint.code).toBe(1)
    expect(secureOnMaint.stderr).toContain('x509: certificate signed by unknown authority')
    expect((await talosctl([...tc, '-n', IPS[1], 'version'])).stderr).toBe(
      'failed to determine endpoints\n'
    )
    expect((await talosctl(['apply-config', '--insecure', '-n', IPS[0]])).stderr).toBe(
      'no filename supplied for configuration\n'
    )

    const apply = await talosctl([
      'apply-config',
      '--insecure',
      '-n',
      IPS[0],
      '-f',
      'out/controlplane.yaml',
      '-p',
      '@cp.yaml'
    ])
    expect(apply).toMatchObject({
      code: 0,
      stdout: '',
      stderr: 'Applied configuration without a reboot\n'
    })
    for (const ip of IPS.slice(1, 3))
      expect(
        (await talosctl(['apply-config', '--insecure', '-n', ip, '-f', 'out/worker.yaml'])).code
      ).toBe(0)
    expect(
      (
        await talosctl([
          'apply-config',
          '--insecure',
          '-n',
          IPS[3],
          '-f',
          'other/controlplane.yaml'
        ])
      ).code
    ).toBe(0)

    const secure = await until([...tc, '-e', IPS[0], '-n', IPS[0], 'version'], (r) => r.code === 0)
    expect(secure.stdout).toMatch(
      new RegExp(`Server:\\n\\s*NODE:\\s*${IPS[0].replace(/\./g, '\\.')}\\n\\s*Tag:\\s*${VERSION}`)
    )
    expect(secure.stdout).toContain('Enabled:     RBAC')
    const viaCp = await until([...tc, '-e', IPS[0], '-n', IPS[1], 'version'], (r) => r.code === 0)
    expect(viaCp.stdout).toContain(`NODE:        ${IPS[1]}`)

    // Detection matrix: configured-ours refuses --insecure, configured-other gives an x509 error.
    const insecureOnConfigured = await until(
      ['version', '--insecure', '-n', IPS[0]],
      (r) => r.code === 1
    )
    expect(insecureOnConfigured.stderr).toContain(
      'error getting version: rpc error: code = Unavailable desc = connection error'
    )
    expect(insecureOnConfigured.stderr).toContain('tls: certificate required')
    const other = await until([...tc, '-e', IPS[3], '-n', IPS[3], 'version'], (r) =>
      /x509/.test(r.stderr)
    )
    expect(other.code).toBe(1)
    expect(other.stderr).toContain(
      'error getting version: rpc error: code = Unavailable desc = connection error: desc = "transport: authentication handshake failed: tls: failed to verify certificate: x509: certificate signed by unknown authority"'
    )
    expect(
      (
        await until(
          ['--talosconfig', 'other/talosconfig', '-e', IPS[3], '-n', IPS[3], 'version'],
          (r) => r.code === 0
        )
      ).code
    ).toBe(0)

    const boot1 = await until(
      [...tc, '-e', IPS[0], '-n', IPS[0], 'bootstrap'],
      (r) => !r.stderr.includes('not available yet')
    )
    expect(boot1).toMatchObject({ code: 0, stdout: '', stderr: '' })
    const boot2 = await talosctl([...tc, '-e', IPS[0], '-n', IPS[0], 'bootstrap'])
    expect(boot2.code).toBe(1)
    expect(boot2.stderr).toBe(
      'error executing bootstrap: rpc error: code = AlreadyExists desc = etcd data directory is not empty\n'
    )

    const health = await talosctl([
      ...tc,
      '-e',
      IPS[0],
      '-n',
      IPS[0],
      'health',
      '--control-plane-nodes',
      IPS[0],
      '--worker-nodes',
      `${IPS[1]},${IPS[2]}`,
      '--wait-timeout',
      '50s'
    ])
    expect(health.stderr).toContain('waiting for all k8s nodes to report ready: OK')
    expect(health).toMatchObject({ code: 0, stdout: '' })
    const names = (hub.nodes.get(IPS[0]) ?? []).map((n) => `${n.name}:${n.roles.join(',')}`).sort()
    expect(names).toHaveLength(3)
    expect(names).toContain('lab-cp1:control-plane')

    const kc = await talosctl([
      ...tc,
      '-e',
      IPS[0],
      '-n',
      IPS[0],
      'kubeconfig',
      'kubeconfig',
      '--merge=false',
      '--force'
    ])
    expect(kc.code).toBe(0)
    expect(statSync(join(dir, 'kubeconfig')).mode & 0o777).toBe(0o600)
    expect(readFileSync(join(dir, 'kubeconfig'), 'utf8')).toContain(
      `server: https://${IPS[0]}:${PORT + 1}`
    )

    const ms = await talosctl([
      ...tc,
      '-e',
      IPS[0],
      '-n',
      `${IPS[0]},${IPS[1]}`,
      'get',
      'machinestatus',
      '-o',
      'json'
    ])
    const docs = ms.stdout
      .split(/(?<=^\})\n/m)
      .filter((s) => s.trim())
      .map((s) => JSON.parse(s))
    expect(docs.map((d) => [d.node, d.spec.stage, d.spec.status.ready])).toEqual([
      [IPS[0], 'running', true],
      [IPS[1], 'running', true]
    ])
    const ext = await talosctl([...tc, '-e', IPS[0], '-n', IPS[0], 'get', 'extensions'])
    expect(ext.stdout).toMatch(/^NODE\s+NAMESPACE\s+TYPE\s+ID\s+VERSION\s+NAME\s+VERSION\n/)
    expect(ext.stdout).toContain('iscsi-tools')
    expect(ext.stdout).toContain(SCHEMATIC)
  })

  it('keeps its config across power cycles, resets to maintenance, forgets it on re-flash', async () => {
    const tc = ['--talosconfig', 'out/talosconfig']
    await nodes[0]!.powerOff()
    const off = await talosctl([...tc, '-e', IPS[0], '-n', IPS[0], 'version'])
    expect(off.stderr).toContain('connect: connection refused')
    await boot(nodes[0]!, 1)
    expect(
      (await until([...tc, '-e', IPS[0], '-n', IPS[0], 'version'], (r) => r.code === 0)).code
    ).toBe(0)
    const b = await until(
      [...tc, '-e', IPS[0], '-n', IPS[0], 'bootstrap'],
      (r) => !r.stderr.includes('not available yet')
    )
    expect(b.stderr).toContain('code = AlreadyExists desc = etcd data directory is not empty')

    const reset = await talosctl([
      ...tc,
      '-e',
      IPS[0],
      '-n',
      IPS[2],
      'reset',
      '--graceful=false',
      '--reboot',
      '--system-labels-to-wipe',
      'STATE',
      '--system-labels-to-wipe',
      'EPHEMERAL',
      '--timeout',
      '50s'
    ])
    expect(reset.stderr).toContain(`* ${IPS[2]}: post check passed`)
    expect(reset.code).toBe(0)
    const ms = await until(
      ['get', 'machinestatus', '--insecure', '-n', IPS[2], '-o', 'json'],
      (r) => r.code === 0
    )
    expect(JSON.parse(ms.stdout).spec.stage).toBe('maintenance')

    // A re-flash rewrites the eMMC: the applied config is gone with it.
    await nodes[1]!.powerOff()
    copyFileSync(image, join(dir, 'emmc2.img'))
    await boot(nodes[1]!, 2)
    expect((await until(['version', '--insecure', '-n', IPS[1]], (r) => r.code === 0)).code).toBe(0)
  })
})

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFile, execFileSync } from 'node:child_process'
import { promisify } from 'node:util'
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BmcClient } from '../../src/bmc'
import { main } from '../../src/cli/main'
import { NodeLink } from '../../src/distro/k3s/node-link'
import { createConsoleHost, type ConsoleHost } from '../../src/cli/console-host'
import { prepareImage } from '../../src/image/prepare'
import { loadInventory, selectNodes, type Inventory } from '../../src/inventory'
import { startLab, type Lab } from '../../src/lab/lab'
import type { ArmbianNode } from '../../src/lab/nodes/armbian'
import { rootHash, verifyPassword } from '../../src/lab/nodes/armbian/ssh-auth'
import { LAB_K3S_INSTALL_SCRIPT, labK3sBinary } from '../../src/lab/nodes/armbian/tools/k3s'
import { runK3sProvision, type K3sProvisionSettings } from '../../src/provision/k3s/k3s-provision'
import { repoRoot } from '../helpers/action-runner'

// runK3sProvision in-process with the console host against the lab: fresh lab → 4 Ready nodes,
// re-run without changes, an NVMe with data, an SSH drop mid-setup, an upgrade in place, an
// air-gapped install through the real `provision` command, and a node that never boots.

let lab: Lab
let inventory: Inventory
let cache: string
const kubectl = join(repoRoot, '.tools', 'bin', 'kubectl')

interface Run {
  host: ConsoleHost
  text: string
  error?: unknown
  result: {
    nodes: {
      slot: number
      found: string
      action: string
      install?: string
      status: string
      error?: string
      dataDisk?: string
    }[]
    upToDate: boolean
  }
}

async function provision(
  extra: Partial<K3sProvisionSettings> & { slots?: string } = {}
): Promise<Run> {
  let text = ''
  const host = createConsoleHost({
    signal: new AbortController().signal,
    env: {
      PATH: lab.env.PATH,
      RK1_CACHE_DIR: cache,
      RK1_TEMP_DIR: mkdtempSync(join(tmpdir(), 'rk1-k3s-tmp-'))
    },
    write: (t) => (text += t),
    verbose: true
  })
  const settings: K3sProvisionSettings = {
    inventory,
    nodes: selectNodes(inventory, extra.slots ?? 'all'),
    inventoryPath: lab.inventoryPath,
    reflash: false,
    skipCrc: false,
    bootTimeoutMs: 30_000,
    allowFormatData: false,
    bmc: {
      open: async () => {
        const spec = inventory.distros.k3s.image!
        const image = await prepareImage(spec, { cacheDir: cache, baseDir: lab.dir, log: host.log })
        const client = new BmcClient({
          host: inventory.bmc.host,
          port: inventory.bmc.port,
          tls: { mode: inventory.bmc.tls.mode, fingerprint: inventory.bmc.tls.fingerprint },
          username: 'root',
          password: lab.env.RK1_BMC_PASSWORD as string,
          log: host.log
        })
        return { client, image, simulated: true }
      }
    },
    ...extra
  }
  let error: unknown
  await runK3sProvision(host, settings).catch((e: unknown) => (error = e))
  const result = JSON.parse(host.outputs.get('result') ?? '{"nodes":[]}') as Run['result']
  return { host, text, error, result }
}

/** Async: the lab's API server runs in this process, a sync child would starve it. */
async function kubectlNodes(kubeconfig: string): Promise<string[][]> {
  const { stdout } = await promisify(execFile)(kubectl, [
    '--kubeconfig',
    kubeconfig,
    'get',
    'nodes',
    '--no-headers'
  ])
  return stdout
    .trim()
    .split('\n')
    .map((l) => l.split(/\s+/))
}

const armbian = (slot: 1 | 2 | 3 | 4): ArmbianNode => lab.cluster.node(slot) as ArmbianNode

/** What the node's own k3s binary says, over SSH with the run's key. */
async function k3sVersionOverSsh(slot: 1 | 2 | 3 | 4): Promise<string> {
  const node = inventory.nodes.find((n) => n.slot === slot)
  if (!node) throw new Error(`no slot ${slot}`)
  const host = createConsoleHost({ signal: new AbortController().signal, write: () => undefined })
  const link = new NodeLink({
    node,
    privateKey: key,
    hostKey: { mode: 'learn-once' },
    log: host.log,
    connectTimeoutMs: 10_000
  })
  try {
    const r = await link.run('version', (s) => s.exec('k3s --version', { check: true }))
    return r.stdout.split(/\s+/)[2] ?? ''
  } finally {
    await link.close()
  }
}

/** An air-gap folder as a runner would keep it: the lab's install script and k3s-arm64. */
function airGapDir(version: string, files: ('install.sh' | 'k3s-arm64')[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'rk1-k3s-airgap-'))
  if (files.includes('install.sh')) writeFileSync(join(dir, 'install.sh'), LAB_K3S_INSTALL_SCRIPT)
  if (files.includes('k3s-arm64')) writeFileSync(join(dir, 'k3s-arm64'), labK3sBinary(version))
  return dir
}

/** `rk1 provision` in-process (the lab's API server lives in this process). */
async function provisionCommand(
  args: string[]
): Promise<{ code: number; outputs: Record<string, string>; stderr: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'rk1-k3s-cmd-'))
  mkdirSync(join(dir, 'tmp'))
  const outputFile = join(dir, 'outputs.json')
  let stderr = ''
  const write = process.stderr.write.bind(process.stderr)
  const quiet = process.stdout.write.bind(process.stdout)
  process.stderr.write = ((t: string) => ((stderr += String(t)), true)) as typeof write
  process.stdout.write = (() => true) as typeof quiet
  let code: number
  try {
    code = await main(
      [
        'provision',
        '--inventory',
        lab.inventoryPath,
        '--distro',
        'k3s',
        '--confirm',
        inventory.name,
        '--output-file',
        outputFile,
        // The kubeconfig is read after the run, so it lives where the run keeps it.
        '--output-dir',
        join(dir, 'out'),
        ...args
      ],
      {
        PATH: lab.env.PATH,
        RK1_BMC_PASSWORD: lab.env.RK1_BMC_PASSWORD,
        RK1_SSH_PRIVATE_KEY: key,
        RK1_CACHE_DIR: cache,
        RK1_TEMP_DIR: join(dir, 'tmp'),
        RK1_OFFLINE: '1'
      }
    )
  } finally {
    process.stderr.write = write
    process.stdout.write = quiet
  }
  let outputs: Record<string, string> = {}
  try {
    outputs = JSON.parse(readFileSync(outputFile, 'utf8')) as Record<string, string>
  } catch {
    // an input error stops before any output is written
  }
  return { code, outputs, stderr }
}
const flashStarts = (since: number): number =>
  lab.bmc.requestLog.filter((r) => r.seq > since && /type=flash/.test(r.query)).length

let first: Run
let key: string

beforeAll(async () => {
  execFileSync(process.execPath, [join(repoRoot, 'scripts', 'install-kube-tools.mjs')], {
    cwd: repoRoot,
    stdio: 'ignore'
  })
  lab = await startLab({ dir: mkdtempSync(join(tmpdir(), 'rk1-k3s-e2e-')), timeScale: 200 })
  cache = mkdtempSync(join(tmpdir(), 'rk1-k3s-cache-'))
  inventory = (await loadInventory(lab.inventoryPath)).inventory
  first = await provision()
  key = first.host.outputs.get('ssh-private-key') ?? ''
  if (first.error) console.log(first.text)
}, 120_000)
afterAll(async () => lab?.close())

describe('provision k3s against the lab', () => {
  it('takes a fresh lab to 4 Ready nodes with the inventory names (real kubectl)', async () => {
    expect(first.error).toBeUndefined()
    expect(first.result.nodes.map((n) => n.action)).toEqual(['flash', 'flash', 'flash', 'flash'])
    expect(first.result.nodes.every((n) => n.status === 'ready')).toBe(true)
    const path = first.host.outputs.get('kubeconfig-path') as string
    expect(statSync(path).mode & 0o777).toBe(0o600)
    expect(readFileSync(path, 'utf8')).toContain(`server: https://${inventory.nodes[0]?.ip}:6443`)
    const rows = await kubectlNodes(path)
    expect(rows.map((r) => r[0]).sort()).toEqual(['lab-cp1', 'lab-w1', 'lab-w2', 'lab-w3'])
    expect(rows.every((r) => r[1] === 'Ready')).toBe(true)
    // First boot finished unattended, the published password is gone, the server config is 0600.
    const s = armbian(1).state
    expect(s.firstLoginDone).toBe(true)
    expect(s.consoleBlocked).toBe(false)
    expect(await verifyPassword(rootHash(armbian(1).filesystem), '1234')).toBe(false)
    expect(s.k3s?.flags).not.toContain('--token')
    expect(s.k3s?.env).not.toHaveProperty('K3S_TOKEN')
    expect(s.swap).toEqual([])
    expect(s.disks.find((d) => d.name === 'nvme0n1')?.partitions[0]?.mountpoint).toBe(
      '/var/lib/longhorn'
    )
    expect(armbian(1).filesystem.read('/etc/fstab')).toMatch(/\/var\/lib\/longhorn ext4 \S*nofail/)
    expect(armbian(2).state.k3s?.role).toBe('agent')
  })

  it('keeps secrets out of everything a user can read', () => {
    expect(key).toContain('PRIVATE KEY')
    const token = armbian(1).filesystem.read('/var/lib/rancher/k3s/server/token')?.trim() ?? ''
    expect(token.length).toBeGreaterThan(20)
    const password = token.split('::server:')[1] as string
    const visible = [
      first.text,
      ...[...first.host.outputs]
        .filter(([k]) => !['kubeconfig', 'ssh-private-key'].includes(k))
        .map(([, v]) => v)
    ].join('\n')
    const hash = rootHash(armbian(1).filesystem) as string
    for (const secret of [
      token,
      password,
      hash,
      ...key.split('\n').filter((l) => l.length > 20 && !l.startsWith('-----'))
    ])
      expect(visible).not.toContain(secret)
    for (const slot of [1, 2, 3, 4] as const) {
      const preset = armbian(slot).filesystem.read('/root/.not_logged_in_yet')
      expect(preset).toBeUndefined()
    }
  })
})

describe('provision k3s re-runs', () => {
  it('re-run with the key: no flash, no reinstall, already up to date', async () => {
    const before = lab.bmc.requestLog.at(-1)?.seq ?? 0
    const run = await provision({ sshPrivateKey: key })
    expect(run.error).toBeUndefined()
    expect(run.result.upToDate).toBe(true)
    expect(run.result.nodes.every((n) => n.found === 'ours' && n.action === 'none')).toBe(true)
    expect(run.result.nodes.every((n) => n.install === 'unchanged')).toBe(true)
    expect(flashStarts(before)).toBe(0)
    expect(run.host.outputs.get('ssh-private-key')).toBeUndefined()
    expect(run.text).toContain('already up to date')
    const calls = armbian(2).state.calls.join('\n')
    expect(calls.match(/^k3s-install/gm)).toHaveLength(1)
  })

  it('an SSH drop right before the setup script reports its exit is retried safely', async () => {
    let bashRuns = 0
    // The second `bash -s` of the run on slot 2 is the setup script (the first is detection).
    armbian(2).faults = {
      get dropOnCommand() {
        return {
          match: { test: (cmd: string) => /bash -s/.test(cmd) && ++bashRuns === 2 } as RegExp,
          when: 'beforeExit' as const
        }
      }
    }
    try {
      const run = await provision({ sshPrivateKey: key })
      expect(run.error).toBeUndefined()
      expect(bashRuns).toBeGreaterThan(2)
      expect(run.text).toMatch(
        /slot 2 \(lab-w1\): the SSH connection dropped during node setup; reconnecting/
      )
      expect(run.result.nodes.find((n) => n.slot === 2)?.status).toBe('ready')
    } finally {
      armbian(2).faults = {}
    }
  })

  it('an SSH drop at every setup attempt says so: mid-command, how often, what ran', async () => {
    let bashRuns = 0
    armbian(2).faults = {
      get dropOnCommand() {
        return {
          match: { test: (cmd: string) => /bash -s/.test(cmd) && ++bashRuns >= 2 } as RegExp,
          when: 'beforeExit' as const
        }
      }
    }
    try {
      const run = await provision({ sshPrivateKey: key })
      const failure = run.result.nodes.find((n) => n.slot === 2)?.error ?? ''
      expect(run.error).toBeDefined()
      expect(failure).toMatch(
        /slot 2 \(lab-w1\): the SSH connection dropped in the middle of node setup, at each of 3 attempts/
      )
      expect(failure).not.toContain('Cannot reach sshd')
    } finally {
      armbian(2).faults = {}
    }
  })

  it('does not format an NVMe that holds data without allow-format-data', async () => {
    const node = armbian(3)
    const nvme = node.state.disks.find((d) => d.name === 'nvme0n1')
    if (!nvme) throw new Error('lab node 3 has no NVMe')
    // Lab knob missing (LabCluster has no `nvme: 'data'` option): plant an old data filesystem.
    nvme.pttype = 'gpt'
    nvme.partitions = [
      {
        name: 'nvme0n1p1',
        number: 1,
        sizeBytes: nvme.sizeBytes - 2 ** 20,
        fstype: 'ext4',
        uuid: 'a6f0c1e2-0000-4000-8000-000000000001',
        label: 'old-data',
        hasData: true
      }
    ]
    const fstab = node.filesystem.read('/etc/fstab') ?? ''
    node.filesystem.write('/etc/fstab', fstab.replace(/^.*\/var\/lib\/longhorn.*\n/m, ''))
    const callsBefore = node.state.calls.length
    const refused = await provision({ sshPrivateKey: key })
    expect(refused.error).toBeDefined()
    const r3 = refused.result.nodes.find((n) => n.slot === 3)
    expect(r3?.status).toBe('failed')
    expect(r3?.error).toMatch(/data disk was not formatted[\s\S]*old-data[\s\S]*allow-format-data/)
    expect(String((refused.error as Error).message)).toContain('slot 3 (lab-w2) failed')
    expect(nvme.partitions[0]?.hasData).toBe(true)
    expect(node.state.calls.slice(callsBefore).join('\n')).not.toMatch(
      /mkfs.*nvme|wipefs -a \/dev\/nvme/
    )
    const others = refused.result.nodes.filter((n) => n.slot !== 3)
    expect(others.every((n) => n.status === 'ready')).toBe(true)

    const allowed = await provision({ sshPrivateKey: key, allowFormatData: true })
    expect(allowed.error).toBeUndefined()
    expect(nvme.partitions[0]).toMatchObject({
      label: 'longhorn',
      hasData: false,
      mountpoint: '/var/lib/longhorn'
    })
  })

  it('a new versions.k3s upgrades every node in place: server first, no flash, Ready again', async () => {
    const from = inventory.versions.k3s
    const to = 'v1.35.9+k3s1'
    expect(to).not.toBe(from)
    const before = lab.bmc.requestLog.at(-1)?.seq ?? 0
    const callsBefore = ([1, 2, 3, 4] as const).map((n) => armbian(n).state.calls.length)
    const run = await provision({
      sshPrivateKey: key,
      inventory: { ...inventory, versions: { ...inventory.versions, k3s: to } }
    })
    if (run.error) console.log(run.text)
    expect(run.error).toBeUndefined()
    expect(flashStarts(before)).toBe(0)
    for (const n of run.result.nodes)
      expect(n).toMatchObject({ found: 'ours', action: 'upgrade', install: 'upgraded' })
    expect(run.result.upToDate).toBe(false)
    expect(run.text).toMatch(/slot 1 \(lab-cp1\): set up.*; K3s upgraded\./)
    expect(run.text).toContain(`upgrade K3s in place [K3s upgraded]`)
    expect(run.text).toContain(`K3s: ${to}`)
    // The installer ran again with the new version on every node, the server before the agents.
    const setUp = (slot: number): number =>
      run.text.search(new RegExp(`slot ${slot} \\(\\S+\\): set up`))
    for (const [i, slot] of ([1, 2, 3, 4] as const).entries()) {
      const calls = armbian(slot).state.calls.slice(callsBefore[i])
      expect(calls.filter((c) => c.startsWith('k3s-install'))).toHaveLength(1)
      expect(calls.some((c) => c.startsWith('curl'))).toBe(true)
      expect(armbian(slot).state.k3s?.version).toBe(to)
      expect(await k3sVersionOverSsh(slot)).toBe(to)
      if (slot !== 1) expect(setUp(slot)).toBeGreaterThan(setUp(1))
    }
    const rows = await kubectlNodes(run.host.outputs.get('kubeconfig-path') as string)
    expect(
      rows
        .filter((r) => r[1] === 'Ready')
        .map((r) => r[0])
        .sort()
    ).toEqual(['lab-cp1', 'lab-w1', 'lab-w2', 'lab-w3'])
  })

  it('k3s-airgap-dir: missing files are an input error that names each one', async () => {
    const empty = airGapDir(inventory.versions.k3s, [])
    const run = await provisionCommand(['--k3s-airgap-dir', empty])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/k3s-airgap-dir[\s\S]*has no install\.sh/)
    expect(run.stderr).toMatch(/k3s-airgap-dir[\s\S]*has no k3s-arm64/)
    expect(run.outputs.result).toBeUndefined()
  })

  it('k3s-airgap-dir through `provision`: fresh nodes download nothing and come up Ready', async () => {
    const version = inventory.versions.k3s
    const dir = airGapDir(version, ['install.sh', 'k3s-arm64'])
    const run = await provisionCommand([
      '--k3s-airgap-dir',
      dir,
      '--reflash',
      'true',
      '--boot-timeout',
      '30'
    ])
    if (run.code !== 0) console.log(run.stderr)
    expect(run.code).toBe(0)
    const result = JSON.parse(run.outputs.result ?? '{}') as Run['result'] & {
      readyNodes?: string[]
    }
    expect(result.nodes.map((n) => [n.action, n.install, n.status])).toEqual(
      Array(4).fill(['flash', 'installed', 'ready'])
    )
    expect(result.readyNodes?.sort()).toEqual(['lab-cp1', 'lab-w1', 'lab-w2', 'lab-w3'])
    const binary = readFileSync(join(dir, 'k3s-arm64'), 'utf8')
    for (const slot of [1, 2, 3, 4] as const) {
      const node = armbian(slot)
      const calls = node.state.calls.join('\n')
      expect(calls).not.toMatch(/^curl/m)
      expect(calls.match(/^k3s-install/gm)).toHaveLength(1)
      // The installer ran the binary that was uploaded: the one from the folder, untouched.
      expect(node.filesystem.read('/usr/local/bin/k3s')).toBe(binary)
      expect(node.state.k3s?.version).toBe(version)
      expect(node.filesystem.read('/root/rk1-k3s-install.sh')).toBeUndefined()
    }
    const rows = await kubectlNodes(run.outputs['kubeconfig-path'] as string)
    expect(rows.every((r) => r[1] === 'Ready')).toBe(true)
    expect(rows).toHaveLength(4)
  }, 120_000)

  it('an air-gap k3s-arm64 of another version is refused before it replaces anything', async () => {
    const version = inventory.versions.k3s
    const installed = armbian(1).filesystem.read('/usr/local/bin/k3s')
    const wrong = airGapDir('v1.35.9+k3s1', ['install.sh', 'k3s-arm64'])
    const run = await provision({
      sshPrivateKey: key,
      slots: '1',
      airGap: { installScript: join(wrong, 'install.sh'), binary: join(wrong, 'k3s-arm64') }
    })
    expect(run.error).toBeDefined()
    expect(run.result.nodes[0]?.error).toMatch(
      /air-gap k3s-arm64 reports 'v1\.35\.9\+k3s1', the inventory pins[\s\S]*k3s-airgap-dir/
    )
    expect(armbian(1).filesystem.read('/usr/local/bin/k3s')).toBe(installed)
    expect(armbian(1).filesystem.exists('/usr/local/bin/.rk1-k3s-new')).toBe(false)
    expect(armbian(1).state.k3s?.version).toBe(version)
    expect(await k3sVersionOverSsh(1)).toBe(version)
  })

  it('a node that never boots fails alone, named with its UART tail', async () => {
    armbian(4).faults = { neverBoots: true }
    const run = await provision({ sshPrivateKey: key, slots: '3-4', bootTimeoutMs: 4000 })
    // Slot 4 still runs K3s of this cluster, so without reflash it is verified, not flashed:
    expect(run.result.nodes.find((n) => n.slot === 4)?.action).toBe('none')
    const broken = await provision({
      sshPrivateKey: key,
      slots: '3-4',
      reflash: true,
      bootTimeoutMs: 4000
    })
    const r4 = broken.result.nodes.find((n) => n.slot === 4)
    const r3 = broken.result.nodes.find((n) => n.slot === 3)
    expect(r3?.status).toBe('ready')
    expect(r4?.status).toBe('failed')
    expect(r4?.error).toMatch(/did not boot[\s\S]*Node 4 did not finish booting/)
    expect(r4?.error).toMatch(/Seen:/)
    expect(String((broken.error as Error).message)).toContain('slot 4 (lab-w3) failed')
    expect(broken.text).not.toContain(key.split('\n')[1] as string)
  })

  // Four image writes and boots in-process: slow on a loaded runner.
  it('reflash with flash-path auto: nodes of ours write their own eMMC; a dark node goes to the BMC', async () => {
    // The test before left slot 4 without a running OS: nothing proves it is ours.
    for (const slot of [1, 2, 3, 4] as const) armbian(slot).faults = {}
    const since = lab.bmc.requestLog.length
    const run = await provision({ sshPrivateKey: key, reflash: true, flashPath: 'auto' })
    const nodes = run.result.nodes as (Run['result']['nodes'][number] & {
      flashPath?: string
      flashPathReason?: string
    })[]
    expect(nodes.map((n) => [n.action, n.flashPath, n.status])).toEqual([
      ...Array(3).fill(['flash', 'node', 'ready']),
      ['flash', 'bmc', 'ready']
    ])
    expect(nodes[0]?.flashPathReason).toMatch(/our SSH key is accepted/)
    expect(nodes[3]?.flashPathReason).toBe('no running OS answers')
    const flashes = lab.bmc.requestLog
      .slice(since)
      .filter((r) => /opt=set&type=flash/.test(r.query))
    expect(flashes.map((r) => r.query.match(/node=(\d)/)?.[1])).toEqual(['3'])
    expect(run.text).toMatch(/eMMC read back and verified/)
    // flashed-nodes names every node written, on either path.
    expect(run.host.outputs.get('flashed-nodes')).toBe('1,2,3,4')
  }, 150_000)

  it('a node whose reboot never comes after its own write is flashed by the BMC instead', async () => {
    armbian(4).faults = { hangOnReboot: true }
    const run = await provision({
      sshPrivateKey: key,
      slots: '3-4',
      reflash: true,
      flashPath: 'auto',
      bootTimeoutMs: 8000
    })
    armbian(4).faults = {}
    const nodes = run.result.nodes as (Run['result']['nodes'][number] & {
      flashPath?: string
      flashPathReason?: string
      nodePathFailure?: { touched: boolean }
    })[]
    const r3 = nodes.find((n) => n.slot === 3)
    const r4 = nodes.find((n) => n.slot === 4)
    expect([r3?.flashPath, r3?.status]).toEqual(['node', 'ready'])
    expect([r4?.flashPath, r4?.status]).toEqual(['bmc', 'ready'])
    expect(r4?.flashPathReason).toMatch(/fallback after the node path failed after the write/)
    expect(r4?.nodePathFailure?.touched).toBe(true)
  }, 120_000)
})

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { clusterLockPath, withClusterLock } from '../../src/common/cluster-lock'
import { loadInventory } from '../../src/inventory'
import { startLab, type Lab } from '../../src/lab/lab'
import type { ArmbianNode } from '../../src/lab/nodes/armbian'
import { repoRoot, runBundle, type ActionRun } from '../helpers/action-runner'
import {
  bmcPower,
  lastSeq,
  mutatingBmcRequests,
  visibleText,
  wipe,
  wipeResult,
  wipeRuns
} from '../helpers/wipe-lab'

// The built wipe action on a K3s lab: dry run, a data disk that holds / (refused up front), a
// healthy cluster with and without wipe-data (Longhorn path and NVMe signatures checked), a
// re-run, a dead node and a server already gone, another cluster's node (refused; with force
// wiped), then the switch: Talos provisions on the wiped nodes without reflash.

let lab: Lab
let key: string
let cache: string

beforeAll(async () => {
  execFileSync(process.execPath, [join(repoRoot, 'scripts', 'install-kube-tools.mjs')], {
    cwd: repoRoot,
    stdio: 'ignore'
  })
  lab = await startLab({ dir: mkdtempSync(join(tmpdir(), 'rk1-wipe-k3s-')), timeScale: 200 })
  cache = mkdtempSync(join(tmpdir(), 'rk1-wipe-k3s-cache-'))
  const run = await provision({}, 'k3s')
  if (run.exitCode !== 0) console.log(run.stdout)
  key = run.outputs['ssh-private-key'] as string
}, 180_000)
afterAll(async () => lab?.close())

const env = (): Record<string, string> => ({ RUNNER_TOOL_CACHE: cache })

function provision(inputs: Record<string, string>, distro: string): Promise<ActionRun> {
  return runBundle(
    'provision.mjs',
    {
      inventory: lab.inventoryPath,
      confirm: 'rk1-lab',
      distro,
      'bmc-password': lab.env.RK1_BMC_PASSWORD as string,
      'boot-timeout': '60',
      ...(key && distro === 'k3s' ? { 'ssh-private-key': key } : {}),
      ...inputs
    },
    { env: { PATH: lab.env.PATH as string, ...env() }, timeoutMs: 180_000 }
  )
}

const wipeK3s = (inputs: Record<string, string>): Promise<ActionRun> =>
  wipe(lab, { 'ssh-private-key': key, ...inputs }, env())

const armbian = (slot: 1 | 2 | 3 | 4): ArmbianNode => lab.cluster.node(slot) as ArmbianNode
const slots = [1, 2, 3, 4] as const
const nvme = (slot: 1 | 2 | 3 | 4) => armbian(slot).state.disks.find((d) => d.name === 'nvme0n1')

function plantLonghornData(): void {
  for (const s of slots) {
    armbian(s).filesystem.write('/var/lib/longhorn/longhorn-disk.cfg', '{"diskUUID":"x"}')
    armbian(s).filesystem.write('/var/lib/longhorn/replicas/pvc-1/volume-head-000.img', 'data')
  }
}

function expectOk(run: ActionRun): void {
  if (run.exitCode !== 0) console.log(run.stdout)
  expect(run.exitCode).toBe(0)
}

describe('wipe k3s: what is refused', () => {
  it('a dry run plans per node and makes zero mutating calls', async () => {
    expect(key).toContain('PRIVATE KEY')
    const before = lastSeq(lab)
    const calls = slots.map((s) => armbian(s).state.calls.length)
    const run = await wipeK3s({ 'dry-run': 'true', 'wipe-data': 'true' })
    expectOk(run)
    const result = wipeResult(run)
    expect(result.nodes.map((n) => [n.found, n.action])).toEqual(
      slots.map(() => ['ours-k3s', 'k3s-reset'])
    )
    expect(result.nodes[0]?.done.join(' ')).toContain('wipefs of /dev/nvme0n1')
    expect(mutatingBmcRequests(lab, before)).toEqual([])
    for (const s of slots) {
      expect(armbian(s).state.k3s).not.toBeNull()
      // Only read-only tools ran: detection and the root check.
      const ran = armbian(s).state.calls.slice(calls[s - 1])
      expect(
        ran.filter((c) => !/^(findmnt|lsblk|systemctl is-active|k3s:k3s --version)/.test(c))
      ).toEqual([])
    }
  })

  it('waits for the cluster lock another run holds, then fails naming it; touches nothing', async () => {
    const { inventory } = await loadInventory(lab.inventoryPath)
    const key = {
      clusterName: 'rk1-lab',
      bmcAddress: `${inventory.bmc.host}:${inventory.bmc.port}`
    }
    const quiet = { info: () => {}, warn: () => {}, error: () => {}, debug: () => {} }
    const log = { ...quiet, group: <T>(_t: string, fn: () => Promise<T>) => fn() }
    const before = lastSeq(lab)
    const run = await withClusterLock(
      { cacheDir: join(cache, 'rk1'), log },
      key,
      { timeoutMs: 0, command: 'provision' },
      () => wipeK3s({ 'lock-timeout': '0' })
    )
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toMatch(/provision \(pid \d+/)
    expect(mutatingBmcRequests(lab, before)).toEqual([])
    for (const s of slots) expect(armbian(s).state.k3s).not.toBeNull()
    expect(existsSync(clusterLockPath(join(cache, 'rk1'), key))).toBe(false)
  })

  it('wipe-data on a node whose data disk holds / is refused up front, nothing touched', async () => {
    const disks = armbian(3).state.disks
    const saved = JSON.stringify(disks)
    // The node boots from its NVMe (TAC's NVMe-boot layout): / is on nvme0n1p1.
    const root = disks[0]?.partitions[0]
    const data = nvme(3)?.partitions[0]
    if (!root || !data) throw new Error('lab disks missing')
    delete root.mountpoint
    data.mountpoint = '/'
    try {
      const before = lastSeq(lab)
      const run = await wipeK3s({ 'wipe-data': 'true' })
      expect(run.exitCode).toBe(1)
      expect(run.stdout).toMatch(/nodes\[2\]\.disks\.data: \/dev\/nvme0n1 holds \/ on slot 3/)
      expect(mutatingBmcRequests(lab, before)).toEqual([])
      for (const s of slots) expect(armbian(s).state.k3s).not.toBeNull()
    } finally {
      armbian(3).state.disks.splice(0, disks.length, ...JSON.parse(saved))
    }
  })

  it('a node of another cluster is refused; with force it is wiped', async () => {
    const marker = '/etc/rk1/k3s-cluster.json'
    const fs = armbian(4).filesystem
    const original = fs.read(marker) as string
    fs.write(marker, original.replace('"rk1-lab"', '"other-lab"'))
    const before = lastSeq(lab)
    const refused = await wipeK3s({ nodes: '4' })
    expect(refused.exitCode).toBe(1)
    expect(refused.stdout).toMatch(/slot 4 \(lab-w3[^)]*\): K3s of another cluster/)
    expect(mutatingBmcRequests(lab, before)).toEqual([])
    expect(armbian(4).state.k3s).not.toBeNull()
    const forced = await wipeK3s({ nodes: '4', force: 'true', 'power-off': 'false' })
    expectOk(forced)
    expect(wipeResult(forced).nodes[0]).toMatchObject({ found: 'foreign-k3s', result: 'wiped' })
    expect(armbian(4).state.k3s).toBeNull()
    expectOk(await provision({}, 'k3s'))
  })
})

describe('wipe k3s: a healthy cluster', () => {
  it('without wipe-data: K3s gone, Longhorn path empty, NVMe filesystem kept, agents first', async () => {
    plantLonghornData()
    const run = await wipeK3s({ 'power-off': 'false' })
    expectOk(run)
    expect(wipeResult(run).nodes.map((n) => n.result)).toEqual(['wiped', 'wiped', 'wiped', 'wiped'])
    for (const s of slots) {
      expect(armbian(s).state.k3s).toBeNull()
      expect(armbian(s).filesystem.list('/var/lib/longhorn')).toEqual([])
      expect(armbian(s).filesystem.exists('/etc/rk1/k3s-cluster.json')).toBe(false)
      expect(nvme(s)?.partitions[0]).toMatchObject({ fstype: 'ext4', label: 'longhorn' })
    }
    // Agents uninstall before the server does.
    const serverDone = run.stdout.indexOf('slot 1 (lab-cp1): stopping')
    expect(serverDone).toBeGreaterThan(run.stdout.indexOf('slot 2 (lab-w1): stopping'))
  })

  it('a re-run on the wiped nodes does nothing and says so', async () => {
    const run = await wipeK3s({ 'power-off': 'false' })
    expectOk(run)
    expect(wipeResult(run).nothingToDo).toBe(true)
    expect(wipeResult(run).nodes.every((n) => n.result === 'already-clean')).toBe(true)
    expect(run.stdout).toContain('is already wiped: nothing was done')
  })

  it('with wipe-data: NVMe signatures gone, nodes off (verified), pinned host keys forgotten', async () => {
    expectOk(await provision({}, 'k3s'))
    const pins = join(cache, 'rk1', 'k3s-host-keys', 'rk1-lab.json')
    expect(existsSync(pins)).toBe(true)
    plantLonghornData()
    const run = await wipeK3s({ 'wipe-data': 'true' })
    expectOk(run)
    const result = wipeResult(run)
    expect(
      result.nodes.every((n) => n.result === 'wiped' && n.dataWiped && n.power === 'off')
    ).toBe(true)
    for (const s of slots) {
      const disk = nvme(s)
      expect(disk?.pttype).toBeUndefined()
      expect(disk?.partitions.every((p) => !p.fstype)).toBe(true)
      expect(armbian(s).filesystem.list('/var/lib/longhorn')).toEqual([])
    }
    expect(await bmcPower(lab)).toEqual({ 1: false, 2: false, 3: false, 4: false })
    expect(existsSync(pins)).toBe(false)
    // The run took the cluster lock and released it.
    expect(readdirSync(join(cache, 'rk1', 'locks'))).toEqual([])
  })
})

describe('wipe k3s: what hardware does', () => {
  it('a dead node and a server already gone: the others still wiped, dead ones powered off', async () => {
    expectOk(await provision({ 'allow-format-data': 'true' }, 'k3s'))
    await armbian(1).powerOff()
    await armbian(3).powerOff()
    const run = await wipeK3s({})
    expectOk(run)
    const result = wipeResult(run)
    expect(result.nodes.map((n) => [n.slot, n.found, n.result, n.power])).toEqual([
      [1, 'empty', 'powered-off', 'off'],
      [2, 'ours-k3s', 'wiped', 'off'],
      [3, 'empty', 'powered-off', 'off'],
      [4, 'ours-k3s', 'wiped', 'off']
    ])
  })

  it('emmc: true makes the system disk unbootable through the BMC', async () => {
    const run = await wipeK3s({ nodes: '2', emmc: 'true' })
    expectOk(run)
    expect(wipeResult(run).nodes[0]).toMatchObject({ found: 'powered-off', emmc: 'blanked' })
    const emmc = lab.bmc.node(2).emmc
    expect(emmc.flashedFileName).toBe('rk1-blank.img')
    expect(
      readFileSync(emmc.path)
        .subarray(0, 1024 * 1024)
        .every((b) => b === 0)
    ).toBe(true)
    expect(lab.bmc.node(2).power).toBe(false)
  })

  it('the switch: after wipe, Talos provisions on the same nodes without reflash', async () => {
    const run = await provision({}, 'talos')
    expectOk(run)
    const result = JSON.parse(run.outputs.result as string)
    expect(result.nodes.every((n: { status: string }) => n.status === 'ready')).toBe(true)
  })

  it('keeps the BMC password and the SSH key out of everything a user can read', () => {
    const keyLines = key.split('\n').filter((l) => l.length > 20 && !l.startsWith('-----'))
    expect(keyLines.length).toBeGreaterThan(0)
    expect(wipeRuns.length).toBeGreaterThan(6)
    for (const run of wipeRuns) {
      const text = visibleText(run)
      expect(text).not.toContain(lab.env.RK1_BMC_PASSWORD)
      for (const l of keyLines) expect(text).not.toContain(l)
    }
  })
})

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startLab, type Lab } from '../../src/lab/lab'
import type { TalosNode } from '../../src/lab/talos/node'
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

// The built wipe action on a Talos lab: dry run, bad input, a healthy cluster with and without
// wipe-data (the lab NVMe checked), re-runs, a dead control plane, another cluster's nodes
// (refused; with force wiped), then the switch: K3s provisions on the wiped nodes without reflash.

let lab: Lab
let out: string

beforeAll(async () => {
  execFileSync(process.execPath, [join(repoRoot, 'scripts', 'install-kube-tools.mjs')], {
    cwd: repoRoot,
    stdio: 'ignore'
  })
  lab = await startLab({ dir: mkdtempSync(join(tmpdir(), 'rk1-wipe-talos-')), timeScale: 200 })
  out = mkdtempSync(join(tmpdir(), 'rk1-wipe-talos-out-'))
  const run = await provision({})
  if (run.exitCode !== 0) console.log(run.stdout)
}, 180_000)
afterAll(async () => lab?.close())

function provision(inputs: Record<string, string>, distro = 'talos'): Promise<ActionRun> {
  return runBundle(
    'provision.mjs',
    {
      inventory: lab.inventoryPath,
      confirm: 'rk1-lab',
      distro,
      'bmc-password': lab.env.RK1_BMC_PASSWORD as string,
      'boot-timeout': '60',
      'output-dir': out,
      ...inputs
    },
    { env: { PATH: lab.env.PATH as string }, timeoutMs: 180_000 }
  )
}

const talos = (slot: 1 | 2 | 3 | 4): TalosNode => lab.cluster.node(slot) as TalosNode
const slots = [1, 2, 3, 4] as const

function plantLonghornData(): void {
  for (const s of slots) talos(s).writeNvmeFile('replicas/pvc-1/volume-head-000.img', `data ${s}`)
}

function expectOk(run: ActionRun): void {
  if (run.exitCode !== 0) console.log(run.stdout)
  expect(run.exitCode).toBe(0)
}

describe('wipe talos: what is refused', () => {
  it('a dry run plans per node and makes zero mutating calls', async () => {
    const before = lastSeq(lab)
    const run = await wipe(lab, { 'dry-run': 'true', confirm: '', 'output-dir': out })
    expectOk(run)
    const result = wipeResult(run)
    expect(result.dryRun).toBe(true)
    expect(result.simulated).toBe(true)
    expect(result.nodes.map((n) => [n.found, n.action, n.result])).toEqual(
      slots.map(() => ['ours-talos', 'talos-reset', 'planned'])
    )
    expect(result.nodes[1]?.done.join(' ')).toContain(`-e ${lab.nodeIps[1]} -n ${lab.nodeIps[1]}`)
    expect(mutatingBmcRequests(lab, before)).toEqual([])
    for (const s of slots) expect(talos(s).state).toBe('configured')
    expect(run.summary).toContain('Wipe plan (dry run: nothing was changed)')
  })

  it('missing or wrong confirm and an unknown node are refused before any request', async () => {
    const before = lastSeq(lab)
    const wrong = await wipe(lab, { confirm: 'rk1-lbа', 'output-dir': out })
    expect(wrong.exitCode).toBe(1)
    expect(wrong.stdout).toMatch(/confirm: must equal the cluster name "rk1-lab"/)
    const missing = await wipe(lab, { confirm: '', 'output-dir': out })
    expect(missing.exitCode).toBe(1)
    const unknown = await wipe(lab, { nodes: '5', 'output-dir': out })
    expect(unknown.exitCode).toBe(1)
    expect(unknown.stdout).toMatch(/slot 5 is not in the inventory/)
    expect(lab.bmc.requestLog.filter((r) => r.seq > before)).toEqual([])
    for (const s of slots) expect(talos(s).state).toBe('configured')
  })

  it("without the cluster's secrets its nodes are another cluster's: refused, nothing touched", async () => {
    const before = lastSeq(lab)
    const run = await wipe(lab, { nodes: '2-3' })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toMatch(/Refusing to wipe 2 node\(s\) that are not provably this cluster's/)
    expect(run.stdout).toMatch(/force: true/)
    expect(mutatingBmcRequests(lab, before)).toEqual([])
    for (const s of slots) expect(talos(s).state).toBe('configured')
  })
})

describe('wipe talos: a healthy cluster', () => {
  it('without wipe-data and power-off false: every node back in maintenance, NVMe kept', async () => {
    plantLonghornData()
    const run = await wipe(lab, { 'output-dir': out, 'power-off': 'false' })
    expectOk(run)
    const result = wipeResult(run)
    expect(result.nodes.map((n) => n.result)).toEqual(['wiped', 'wiped', 'wiped', 'wiped'])
    for (const s of slots) {
      expect(talos(s).state).toBe('maintenance')
      expect(talos(s).nvmeContents().files).toHaveProperty(['replicas/pvc-1/volume-head-000.img'])
    }
    // Kept: the secrets; gone: the files that only work with the old cluster.
    expect(existsSync(join(out, 'secrets.yaml'))).toBe(true)
    expect(existsSync(join(out, 'talosconfig'))).toBe(false)
    expect(existsSync(join(out, 'kubeconfig'))).toBe(false)
    expect(run.summary).toContain('<th>State found</th>')
  })

  it('a re-run on maintenance nodes resets nothing and says so', async () => {
    const run = await wipe(lab, { 'output-dir': out, 'power-off': 'false' })
    expectOk(run)
    expect(wipeResult(run).nothingToDo).toBe(true)
    expect(run.stdout).toContain('is already wiped: nothing was done')
  })

  it('with wipe-data: user disk wiped, nodes powered off and verified at the BMC', async () => {
    expectOk(await provision({}))
    plantLonghornData()
    const run = await wipe(lab, { 'output-dir': out, 'wipe-data': 'true' })
    expectOk(run)
    const result = wipeResult(run)
    expect(result.nodes.every((n) => n.result === 'wiped' && n.power === 'off')).toBe(true)
    expect(result.nodes.every((n) => n.dataWiped)).toBe(true)
    for (const s of slots) expect(talos(s).nvmeContents()).toEqual({ partitions: [], files: {} })
    expect(await bmcPower(lab)).toEqual({ 1: false, 2: false, 3: false, 4: false })
  })

  it('a re-run on a powered-off cluster does nothing and says so', async () => {
    const before = lastSeq(lab)
    const run = await wipe(lab, { 'output-dir': out })
    expectOk(run)
    expect(wipeResult(run).nothingToDo).toBe(true)
    expect(wipeResult(run).nodes.every((n) => n.result === 'already-off')).toBe(true)
    expect(mutatingBmcRequests(lab, before)).toEqual([])
  })
})

describe('wipe talos: what hardware does', () => {
  it('a dead control plane: workers reset on their own endpoints, the control plane is powered off', async () => {
    expectOk(await provision({}))
    // The OS is gone but the BMC still powers the node: nothing answers on its address.
    await talos(1).powerOff()
    const run = await wipe(lab, { 'output-dir': out })
    expectOk(run)
    const result = wipeResult(run)
    expect(result.nodes[0]).toMatchObject({
      found: 'empty',
      result: 'powered-off',
      power: 'off'
    })
    expect(
      result.nodes.slice(1).every((n) => n.found === 'ours-talos' && n.result === 'wiped')
    ).toBe(true)
    expect(result.nodes[1]?.done[0]).toContain('non-graceful')
  })

  it("another cluster's nodes: refused, then with force powered off and their eMMC blanked", async () => {
    expectOk(await provision({}))
    const other = join(lab.dir, 'other.yaml')
    writeFileSync(
      other,
      readFileSync(lab.inventoryPath, 'utf8').replace(/^name: rk1-lab$/m, 'name: other-lab')
    )
    const before = lastSeq(lab)
    const inputs = { inventory: other, confirm: 'other-lab', nodes: '3-4' }
    const refused = await wipe(lab, inputs)
    expect(refused.exitCode).toBe(1)
    expect(mutatingBmcRequests(lab, before)).toEqual([])
    const forced = await wipe(lab, { ...inputs, force: 'true' })
    expectOk(forced)
    const result = wipeResult(forced)
    expect(result.nodes.map((n) => [n.found, n.result, n.emmc, n.power])).toEqual([
      ['foreign-talos', 'powered-off', 'blanked', 'off'],
      ['foreign-talos', 'powered-off', 'blanked', 'off']
    ])
    const emmc = lab.bmc.node(3).emmc
    expect(emmc.flashedFileName).toBe('rk1-blank.img')
    const head = readFileSync(emmc.path).subarray(0, 1024 * 1024)
    expect(head.every((b) => b === 0)).toBe(true)
  })

  it('the switch: after wipe, K3s provisions on the same nodes without reflash', async () => {
    expectOk(await wipe(lab, { 'output-dir': out }))
    const run = await provision({}, 'k3s')
    expectOk(run)
    const result = JSON.parse(run.outputs.result as string)
    expect(result.nodes.every((n: { status: string }) => n.status === 'ready')).toBe(true)
  })

  it('keeps the BMC password and every Talos secret out of everything a user can read', () => {
    const secrets = readFileSync(join(out, 'secrets.yaml'), 'utf8')
      .split('\n')
      .map((l) => /^[^:]+:\s*(\S+)$/.exec(l.trim())?.[1] ?? '')
      .filter((v) => v.length >= 20)
    expect(secrets.length).toBeGreaterThan(5)
    expect(wipeRuns.length).toBeGreaterThan(8)
    for (const run of wipeRuns) {
      const text = visibleText(run)
      expect(text).not.toContain(lab.env.RK1_BMC_PASSWORD)
      for (const s of secrets) expect(text).not.toContain(s)
    }
  })
})

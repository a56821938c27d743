import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startLab, type Lab } from '../../src/lab/lab'
import type { TalosNode } from '../../src/lab/talos/node'
import { repoRoot, runBundle, type ActionRun } from '../helpers/action-runner'

// The whole round through the built bundle (SIMULATED lab): a Talos cluster switches to K3s and
// back. Talos → K3s: the K3s run proves the Talos nodes ours with the cluster's talos-secrets,
// and each writes Armbian to its own eMMC through a privileged Job (the image served from this
// machine on the runner-address rule), restarted through the Talos API; a node without the free
// RAM goes to the BMC before anything is created, a reboot that never comes is power-cycled by
// the BMC. K3s → Talos: the K3s nodes write Talos over SSH. The summary and the result say the
// path per node and why.

let lab: Lab
let secrets = ''

beforeAll(async () => {
  execFileSync(process.execPath, [join(repoRoot, 'scripts', 'install-kube-tools.mjs')], {
    cwd: repoRoot,
    stdio: 'ignore'
  })
  lab = await startLab({ dir: mkdtempSync(join(tmpdir(), 'rk1-switch-round-')), timeScale: 200 })
  const talos = await provision({ distro: 'talos' })
  if (talos.exitCode !== 0) console.log(talos.stdout)
  expect(talos.exitCode).toBe(0)
  secrets = talos.outputs['talos-secrets'] as string
}, 240_000)
afterAll(async () => {
  await lab?.close()
})

function provision(inputs: Record<string, string>): Promise<ActionRun> {
  return runBundle(
    'provision.mjs',
    {
      inventory: lab.inventoryPath,
      confirm: 'rk1-lab',
      'bmc-password': lab.env.RK1_BMC_PASSWORD as string,
      'boot-timeout': '60',
      ...inputs
    },
    { env: { PATH: lab.env.PATH as string }, timeoutMs: 300_000 }
  )
}

interface NodeResult {
  slot: number
  action: string
  status: string
  found?: string
  flashPath?: string
  flashPathReason?: string
  nodePathFailure?: { touched: boolean; error: string }
}

const talos = (slot: 1 | 2 | 3 | 4): TalosNode => lab.cluster.node(slot) as TalosNode
/** Slots the BMC was asked to flash since `since` (the BMC API counts nodes from 0). */
const flashedByBmc = (since: number): number[] =>
  lab.bmc.requestLog
    .filter((r) => r.seq > since && /opt=set&type=flash/.test(r.query))
    .map((r) => Number(r.query.match(/node=(\d)/)?.[1] ?? NaN) + 1)
    .sort()
const powerOffs = (slot: number, since: number): number =>
  lab.bmc.requestLog.filter(
    (r) => r.seq > since && /type=power/.test(r.query) && r.query.includes(`node${slot}=0`)
  ).length

let sshKey = ''

interface PlanEntry {
  slot: number
  path?: string
  pathReason?: string
  found?: string
}

/** What a dry run could have changed: eMMC bytes, BMC requests, reboots asked. */
const snapshot = () => ({
  emmc: ([1, 2, 3, 4] as const).map((s) => lab.bmc.node(s).emmc.sha256),
  seq: lab.bmc.requestLog.at(-1)?.seq ?? 0,
  reboots: ([1, 2, 3, 4] as const).map((s) => talos(s).rebootRequests.length)
})

describe('the dry run of Talos → K3s shows the path per Talos node and changes nothing', () => {
  const dryRun = (extra: Record<string, string>) =>
    provision({
      distro: 'k3s',
      reflash: 'true',
      'dry-run': 'true',
      confirm: '',
      'bmc-password': '',
      ...extra
    })

  it('with the talos-secrets: our Talos nodes would write themselves, the RAM-short one through the BMC', async () => {
    talos(2).opts.faults = { memAvailableBytes: 256 * 2 ** 20 }
    const before = snapshot()
    const run = await dryRun({ 'talos-secrets': secrets })
    talos(2).opts.faults = {}
    expect(run.exitCode).toBe(0)
    const plan = (JSON.parse(run.outputs.result as string) as { plan: PlanEntry[] }).plan
    expect(plan.map((e) => e.path)).toEqual(['node', 'bmc', 'node', 'node'])
    expect(plan[0]?.found).toBe('Talos, this cluster')
    expect(plan[0]?.pathReason).toMatch(/Talos node of this cluster .*privileged Job/)
    expect(plan[1]?.pathReason).toMatch(/not enough free RAM to hold the image/)
    expect(snapshot()).toEqual(before)
  }, 120_000)

  it('without them no Talos node is provably ours: every node through the BMC', async () => {
    const before = snapshot()
    const run = await dryRun({})
    expect(run.exitCode).toBe(0)
    const plan = (JSON.parse(run.outputs.result as string) as { plan: PlanEntry[] }).plan
    expect(plan.map((e) => e.path)).toEqual(['bmc', 'bmc', 'bmc', 'bmc'])
    expect(plan[0]?.pathReason).toMatch(/without this cluster's talos-secrets/)
    expect(snapshot()).toEqual(before)
  }, 120_000)
})

describe('Talos → K3s → Talos with flash-path auto', () => {
  it('Talos → K3s: our Talos nodes write Armbian through their Jobs; RAM-short to the BMC up front; a reboot that never comes is power-cycled', async () => {
    talos(2).opts.faults = { memAvailableBytes: 256 * 2 ** 20 }
    talos(4).opts.faults = { rebootNeverComes: true }
    const since = lab.bmc.requestLog.at(-1)?.seq ?? 0
    // A mirror of the Job's image (air-gapped clusters cannot pull it from Docker Hub).
    const mirror = 'registry.lab.invalid/mirror/busybox:1.37.0'
    const run = await provision({
      distro: 'k3s',
      reflash: 'true',
      'talos-secrets': secrets,
      'node-write-image': mirror
    })
    if (run.exitCode !== 0) console.log(run.stdout)
    expect(run.exitCode).toBe(0)
    const result = JSON.parse(run.outputs.result as string) as { nodes: NodeResult[] }
    const bySlot = (slot: number): NodeResult => result.nodes.find((n) => n.slot === slot)!
    for (const slot of [1, 3, 4]) {
      const r = bySlot(slot)
      expect([r.found, r.action, r.flashPath, r.status]).toEqual([
        'ours-talos',
        'flash',
        'node',
        'ready'
      ])
      expect(r.flashPathReason).toMatch(/Talos node of this cluster \(our Talos PKI is accepted\)/)
      expect(r.flashPathReason).toMatch(/privileged Job/)
    }
    // The reboot request of slot 4 was accepted and never came: the BMC power-cycled it.
    expect(bySlot(4).flashPathReason).toMatch(/restarted by a BMC power cycle/)
    expect(powerOffs(4, since)).toBe(1)
    expect(bySlot(1).flashPathReason).toMatch(/restarted through the Talos API/)
    expect(powerOffs(1, since)).toBe(0)
    expect([bySlot(2).flashPath, bySlot(2).status]).toEqual(['bmc', 'ready'])
    expect(bySlot(2).flashPathReason).toMatch(/not enough free RAM to hold the image: 256 MiB/)
    expect(bySlot(2).nodePathFailure).toBeUndefined()
    // Only the RAM-short node went through the BMC; every node asked for powercycle.
    expect(flashedByBmc(since)).toEqual([2])
    for (const slot of [1, 3, 4] as const)
      expect(talos(slot).rebootRequests).toEqual(['powercycle'])
    expect(run.outputs['flashed-nodes']).toBe('1,2,3,4')
    expect(run.summary).toMatch(/via its own OS \(Talos node of this cluster/)
    expect(run.summary).toMatch(/via BMC \(not enough free RAM/)
    expect(run.stdout).toContain(
      `write Job rk1-node-flash/rk1-node-write-slot1 created (image ${mirror})`
    )
    expect(run.stdout).toMatch(/eMMC read back and verified/)
    sshKey = run.outputs['ssh-private-key'] as string
    expect(sshKey).toMatch(/PRIVATE KEY/)
  }, 300_000)

  it('K3s → Talos: the K3s nodes write Talos themselves over SSH; no BMC flash', async () => {
    const since = lab.bmc.requestLog.at(-1)?.seq ?? 0
    const run = await provision({
      distro: 'talos',
      reflash: 'true',
      'ssh-private-key': sshKey,
      'talos-secrets': secrets
    })
    if (run.exitCode !== 0) console.log(run.stdout)
    expect(run.exitCode).toBe(0)
    const result = JSON.parse(run.outputs.result as string) as { nodes: NodeResult[] }
    for (const r of result.nodes) {
      expect([r.flashPath, r.status]).toEqual(['node', 'ready'])
      expect(r.flashPathReason).toMatch(/our SSH key is accepted, K3s of this cluster/)
    }
    expect(flashedByBmc(since)).toEqual([])
    expect(run.outputs['flashed-nodes']).toBe('1,2,3,4')
  }, 300_000)
})

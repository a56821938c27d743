import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startLab, type Lab } from '../../src/lab/lab'
import type { ArmbianNode } from '../../src/lab/nodes/armbian'
import { repoRoot, runBundle, type ActionRun } from '../helpers/action-runner'

// A distro switch through the built bundle (SIMULATED lab): the K3s nodes of this cluster (our
// SSH key opens them) write the Talos image to their own eMMC, all at once; a node whose SSH drops
// mid-transfer is left untouched and flashed by the BMC. The summary and the result say the path
// per node and why.

let lab: Lab
let key = ''

beforeAll(async () => {
  execFileSync(process.execPath, [join(repoRoot, 'scripts', 'install-kube-tools.mjs')], {
    cwd: repoRoot,
    stdio: 'ignore'
  })
  lab = await startLab({ dir: mkdtempSync(join(tmpdir(), 'rk1-switch-e2e-')), timeScale: 200 })
  const k3s = await provision({ distro: 'k3s' })
  if (k3s.exitCode !== 0) console.log(k3s.stdout)
  expect(k3s.exitCode).toBe(0)
  key = k3s.outputs['ssh-private-key'] as string
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
  flashPath?: string
  flashPathReason?: string
  nodePathFailure?: { touched: boolean; error: string }
}

const armbian = (slot: 1 | 2 | 3 | 4): ArmbianNode => lab.cluster.node(slot) as ArmbianNode
/** Slots the BMC was asked to flash since `since` (the BMC API counts nodes from 0). */
const flashedByBmc = (since: number): number[] =>
  lab.bmc.requestLog
    .filter((r) => r.seq > since && /opt=set&type=flash/.test(r.query))
    .map((r) => Number(r.query.match(/node=(\d)/)?.[1] ?? NaN) + 1)
    .sort()

interface PlanEntry {
  slot: number
  path?: string
  pathReason?: string
  found?: string
}

/** Everything a dry run could have changed: eMMC bytes, boots, BMC requests. */
function snapshot(): { emmc: (string | null)[]; boots: number[]; seq: number } {
  const slots = [1, 2, 3, 4] as const
  return {
    emmc: slots.map((s) => lab.bmc.node(s).emmc.sha256),
    boots: slots.map((s) => armbian(s).state.bootCount),
    seq: lab.bmc.requestLog.at(-1)?.seq ?? 0
  }
}

describe('the dry run shows the path per node and changes nothing', () => {
  it('Talos over K3s: every K3s node of ours would write itself; zero BMC requests, nothing written', async () => {
    armbian(2).faults = { memAvailableBytes: 256 * 2 ** 20 }
    const before = snapshot()
    const run = await provision({
      distro: 'talos',
      reflash: 'true',
      'dry-run': 'true',
      confirm: '',
      'bmc-password': '',
      'ssh-private-key': key,
      'flash-path': 'auto'
    })
    armbian(2).faults = {}
    expect(run.exitCode).toBe(0)
    const plan = (JSON.parse(run.outputs.result as string) as { plan: PlanEntry[] }).plan
    expect(plan.map((e) => e.path)).toEqual(['node', 'bmc', 'node', 'node'])
    expect(plan[0]?.pathReason).toMatch(/our SSH key is accepted, K3s of this cluster/)
    expect(plan[0]?.found).toBe('K3s of this cluster')
    expect(plan[1]?.pathReason).toMatch(/not enough free RAM to hold the image/)
    expect(run.stdout).toMatch(/3 write their own eMMC at once, the BMC flashes 1/)
    expect(run.stdout).toMatch(/slot 1 .* — via its own OS \(Armbian node of this cluster/)
    expect(run.summary).toMatch(/<th>Found<\/th><th>Path<\/th><th>Why<\/th>/)
    // Zero mutating calls: no BMC request at all, no eMMC byte, no reboot, no host key pinned.
    expect(snapshot()).toEqual(before)
    expect(
      execFileSync('find', [run.workDir, '-name', 'k3s-host-keys'], { encoding: 'utf8' })
    ).toBe('')
  }, 120_000)

  it('without our key no SSH node is provably ours: every node goes through the BMC', async () => {
    const before = snapshot()
    const run = await provision({
      distro: 'talos',
      reflash: 'true',
      'dry-run': 'true',
      confirm: '',
      'bmc-password': ''
    })
    expect(run.exitCode).toBe(0)
    const plan = (JSON.parse(run.outputs.result as string) as { plan: PlanEntry[] }).plan
    expect(plan.map((e) => e.path)).toEqual(['bmc', 'bmc', 'bmc', 'bmc'])
    expect(plan[0]?.pathReason).toMatch(/not provably this cluster's .*no SSH key/)
    expect(snapshot()).toEqual(before)
  }, 120_000)
})

describe('switch K3s → Talos with flash-path auto', () => {
  it('our K3s nodes write Talos themselves; an SSH drop mid-transfer goes to the BMC untouched', async () => {
    // Slot 3 receives a corrupted image (its checksum in RAM fails), slot 4 loses its SSH
    // connection after 64 KiB of the image: neither has written anything yet.
    armbian(3).faults = { corruptInputAt: 1000 }
    armbian(4).faults = { dropAfterInputBytes: 64 * 1024 }
    const since = lab.bmc.requestLog.at(-1)?.seq ?? 0
    const run = await provision({
      distro: 'talos',
      reflash: 'true',
      'ssh-private-key': key,
      'flash-path': 'auto'
    })
    if (run.exitCode !== 0) console.log(run.stdout)
    expect(run.exitCode).toBe(0)
    const result = JSON.parse(run.outputs.result as string) as { nodes: NodeResult[] }
    const bySlot = (slot: number): NodeResult => result.nodes.find((n) => n.slot === slot)!
    for (const slot of [1, 2]) {
      expect([bySlot(slot).action, bySlot(slot).flashPath, bySlot(slot).status]).toEqual([
        'flash',
        'node',
        'ready'
      ])
      expect(bySlot(slot).flashPathReason).toMatch(/our SSH key is accepted, K3s of this cluster/)
    }
    for (const slot of [3, 4]) {
      const r = bySlot(slot)
      expect([r.flashPath, r.status]).toEqual(['bmc', 'ready'])
      expect(r.flashPathReason).toMatch(/fallback after the node path failed before the write/)
      expect(r.nodePathFailure?.touched).toBe(false)
    }
    expect(bySlot(3).nodePathFailure?.error).toMatch(/sha256/)
    expect(bySlot(4).nodePathFailure?.error).toMatch(/connection was lost before the write/)
    // Only the fallback nodes went through the BMC.
    expect(flashedByBmc(since)).toEqual([3, 4])
    expect(run.outputs['flashed-nodes']).toBe('1,2,3,4')
    expect(run.summary).toMatch(/via its own OS \(Armbian node of this cluster/)
    expect(run.summary).toMatch(/via BMC \(fallback after the node path failed before the write\)/)
    expect(run.stdout).toMatch(/eMMC read back and verified/)
  }, 300_000)
})

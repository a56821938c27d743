import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startLab, type Lab } from '../../src/lab/lab'
import type { TalosNode } from '../../src/lab/talos/node'
import type { ArmbianNode } from '../../src/lab/nodes/armbian'
import { repoRoot, runBundle, type ActionRun } from '../helpers/action-runner'

// Two provision runs against one cluster, the second started 2 s after the first, on one runner
// machine (one tool cache, so one lock folder). SIMULATED: the lab BMC and nodes.
// Talos: the second waits for the first, then finds the nodes configured with the first run's
// secrets and refuses them; no node ever carries its config. K3s: the second gives up after its
// lock-timeout naming the holder, before probing anything.

let lab: Lab
let toolCache: string

beforeAll(async () => {
  execFileSync(process.execPath, [join(repoRoot, 'scripts', 'install-kube-tools.mjs')], {
    cwd: repoRoot,
    stdio: 'ignore'
  })
  lab = await startLab({ dir: mkdtempSync(join(tmpdir(), 'rk1-race-e2e-')), timeScale: 200 })
  toolCache = mkdtempSync(join(tmpdir(), 'rk1-race-cache-'))
}, 60_000)
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
    { env: { PATH: lab.env.PATH as string, RUNNER_TOOL_CACHE: toolCache }, timeoutMs: 240_000 }
  )
}

/** Starts `first`, then `second` 2 s later; both results and when each ended. */
async function race(
  first: Record<string, string>,
  second: Record<string, string>
): Promise<{ a: ActionRun; b: ActionRun; aEnd: number; bEnd: number }> {
  let aEnd = 0
  let bEnd = 0
  const a = provision(first).then((r) => ((aEnd = Date.now()), r))
  await new Promise((r) => setTimeout(r, 2000))
  const b = provision(second).then((r) => ((bEnd = Date.now()), r))
  const [ra, rb] = await Promise.all([a, b])
  return { a: ra, b: rb, aEnd, bEnd }
}

const flashRequests = (since: number): number =>
  lab.bmc.requestLog.filter((r) => r.seq > since && /opt=set&type=flash/.test(r.query)).length
const lastSeq = (): number => lab.bmc.requestLog.at(-1)?.seq ?? 0
const talosNode = (slot: 1 | 2 | 3 | 4): TalosNode => lab.cluster.node(slot) as TalosNode
const armbian = (slot: 1 | 2 | 3 | 4): ArmbianNode => lab.cluster.node(slot) as ArmbianNode
const holder = /provision \(pid \d+ on [^,]+, since \d{4}-\d\d-\d\dT/

describe('two provision runs against one cluster, 2 s apart', () => {
  it('Talos: the second waits on the lock, then refuses the first run’s nodes; no node gets its config', async () => {
    const before = lastSeq()
    const { a, b, aEnd, bEnd } = await race({ distro: 'talos' }, { distro: 'talos' })
    if (a.exitCode !== 0) console.log(a.stdout)
    expect(a.exitCode).toBe(0)
    expect(a.outputs['flashed-nodes']).toBe('1,2,3,4')
    // The second run said who it waits for, waited, and only then looked at the nodes.
    expect(b.stdout).toMatch(
      /Cluster "rk1-lab" is busy: waiting up to 15 min 00 s for provision \(pid/
    )
    expect(b.stdout).toMatch(holder)
    expect(bEnd).toBeGreaterThan(aEnd)
    expect(b.exitCode).toBe(1)
    expect(b.stdout).toMatch(
      /Refusing to touch 4 node\(s\) that run Talos configured with other secrets/
    )
    // One flash per node (the first run's), and every node carries the first run's cluster.
    expect(flashRequests(before)).toBe(4)
    const ids = ([1, 2, 3, 4] as const).map((s) => talosNode(s).facts?.clusterId)
    expect(ids[0]).toBeTruthy()
    expect(new Set(ids).size).toBe(1)
    expect(readdirSync(join(toolCache, 'rk1', 'locks'))).toEqual([])
  }, 300_000)

  it('K3s: the second gives up after lock-timeout naming the holder, before any probe', async () => {
    const before = lastSeq()
    const { a, b, aEnd, bEnd } = await race(
      { distro: 'k3s', reflash: 'true' },
      { distro: 'k3s', reflash: 'true', 'lock-timeout': '3' }
    )
    if (a.exitCode !== 0) console.log(a.stdout)
    expect(a.exitCode).toBe(0)
    expect(a.outputs['flashed-nodes']).toBe('1,2,3,4')
    expect(b.exitCode).toBe(1)
    expect(bEnd).toBeLessThan(aEnd)
    expect(b.stdout).toMatch(/Cluster "rk1-lab" is busy: waiting up to 3.0 s for provision \(pid/)
    expect(b.stdout).toMatch(/Another run holds cluster "rk1-lab" \(BMC [^)]+\): provision \(pid/)
    expect(b.stdout).toMatch(/lock-timeout/)
    // Nothing of the second run reached a node: no probe line, no flash, no key of its own.
    expect(b.stdout).not.toMatch(/SSH|Talos API|eMMC/)
    expect(b.outputs['ssh-private-key'] ?? '').toBe('')
    expect(flashRequests(before)).toBe(4)
    for (const s of [1, 2, 3, 4] as const) expect(armbian(s).state.k3s).not.toBeNull()
    expect(readdirSync(join(toolCache, 'rk1', 'locks'))).toEqual([])
  }, 300_000)
})

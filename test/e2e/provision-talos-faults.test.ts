import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BmcClient, flashNode } from '../../src/bmc'
import type { Logger } from '../../src/common/host'
import { startLab, type Lab } from '../../src/lab/lab'
import type { TalosNode } from '../../src/lab/talos/node'
import { runBundle, type ActionRun } from '../helpers/action-runner'
import { isBmcRead } from '../helpers/bmc-requests'

// Nodes already in maintenance mode (flashed beforehand), with lab faults: the control plane's
// bootstrap races another client after two "time is not in sync" answers, and one worker never
// leaves maintenance mode after accepting its config.

let lab: Lab
let run: ActionRun

const quiet: Logger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  debug: () => undefined,
  group: (_t, fn) => fn()
}

beforeAll(async () => {
  lab = await startLab({ dir: mkdtempSync(join(tmpdir(), 'rk1-talos-faults-')), timeScale: 200 })
  const client = new BmcClient({
    host: '127.0.0.1',
    port: lab.bmc.port,
    tls: { mode: 'fingerprint', fingerprint: lab.bmc.fingerprintSha256 },
    username: 'root',
    password: lab.env.RK1_BMC_PASSWORD as string
  })
  const image = {
    path: lab.images.talos.path,
    size: statSync(lab.images.talos.path).size,
    fileName: 'metal-arm64.raw.xz',
    sha256: lab.images.talos.sha256
  }
  for (const slot of [1, 2, 3, 4]) await flashNode(client, slot, image, { log: quiet })
  client.close()
  const node = (slot: 1 | 2 | 3 | 4): TalosNode | undefined =>
    lab.cluster.node(slot) as TalosNode | undefined
  for (let i = 0; i < 200 && [1, 2, 3, 4].some((s) => node(s as 1)?.state !== 'maintenance'); i++)
    await new Promise((r) => setTimeout(r, 50))
  node(1)!.opts.faults = { bootstrapRace: true, timeNotSynced: 2 }
  // The counter is read from the faults when the node object is created, which was at its boot.
  node(1)!.timeNotSyncedLeft = 2
  node(4)!.opts.faults = { neverLeaveMaintenance: true }
  const before = lab.bmc.requestLog.at(-1)?.seq ?? 0
  run = await runBundle(
    'provision.mjs',
    {
      inventory: lab.inventoryPath,
      confirm: 'rk1-lab',
      distro: 'talos',
      'bmc-password': lab.env.RK1_BMC_PASSWORD as string,
      'boot-timeout': '3'
    },
    { env: { PATH: lab.env.PATH as string } }
  )
  // Reads only: a run that flashes nothing still asks the BMC what it is (SIMULATED).
  bmcChangesDuringRun = lab.bmc.requestLog.filter((r) => r.seq > before && !isBmcRead(r)).length
}, 60_000)
let bmcChangesDuringRun = -1
afterAll(async () => {
  await lab?.close()
})

describe('provision talos: faults', () => {
  it('configures nodes found in maintenance mode without flashing them', () => {
    const result = JSON.parse(run.outputs.result as string)
    expect(result.nodes.map((n: { found: string }) => n.found)).toEqual([
      'maintenance',
      'maintenance',
      'maintenance',
      'maintenance'
    ])
    expect(result.nodes.map((n: { action: string }) => n.action)).toEqual([
      'configure',
      'configure',
      'configure',
      'configure'
    ])
    expect(run.outputs['flashed-nodes']).toBe('')
    expect(bmcChangesDuringRun).toBe(0)
  })

  it('retries "time is not in sync" and treats a raced bootstrap (AlreadyExists) as done', () => {
    const result = JSON.parse(run.outputs.result as string)
    expect(result.bootstrap).toBe('raced')
    expect(run.stdout).toMatch(/bootstrap: not yet \(.*time is not in sync yet\); retrying/)
    expect(run.stdout).toContain('another client bootstrapped it first; treated as done')
    expect(run.summary).toContain('another client bootstrapped first (AlreadyExists)')
  })

  it('names the node that never leaves maintenance mode and still finishes the others', () => {
    expect(run.exitCode).toBe(1)
    const result = JSON.parse(run.outputs.result as string)
    const statuses = result.nodes.map((n: { slot: number; status: string }) => [n.slot, n.status])
    expect(statuses).toEqual([
      [1, 'ready'],
      [2, 'ready'],
      [3, 'ready'],
      [4, 'failed']
    ])
    expect(result.nodes[3].error).toMatch(
      /slot 4 \(lab-w3\) accepted its config but stayed in maintenance mode/
    )
    expect(result.nodes[3].error).toMatch(/reflash: true/)
    expect(result.healthy).toBe(true)
    expect(result.readyNodes.sort()).toEqual(['lab-cp1', 'lab-w1', 'lab-w2'])
    expect(run.stdout).toMatch(/slot 4 \(lab-w3\) failed/)
  })
})

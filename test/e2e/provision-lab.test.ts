import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startLab, type Lab } from '../../src/lab/lab'
import { runBundle, type ActionRun } from '../helpers/action-runner'

// The built provision action, run the way the runner runs it, against the lab BMC emulator.

let lab: Lab

beforeAll(async () => {
  lab = await startLab({
    dir: mkdtempSync(join(tmpdir(), 'rk1-e2e-lab-')),
    timeScale: 200
  })
})
afterAll(async () => {
  await lab?.close()
})

function provision(
  inputs: Record<string, string>,
  env: Record<string, string> = {}
): Promise<ActionRun> {
  return runBundle(
    'provision.mjs',
    {
      inventory: lab.inventoryPath,
      confirm: 'rk1-lab',
      'bmc-password': lab.env.RK1_BMC_PASSWORD as string,
      // The BMC flash path alone (issue 2): the distro paths are in provision-talos/k3s tests.
      steps: 'flash',
      distro: 'k3s',
      ...inputs
    },
    { env: { PATH: lab.env.PATH as string, ...env } }
  )
}

function requestsSince(seq: number) {
  return lab.bmc.requestLog.filter((r) => r.seq > seq)
}
const lastSeq = (): number => lab.bmc.requestLog.at(-1)?.seq ?? 0

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex')
}

function expectNoSecrets(run: ActionRun): void {
  expect(run.allText).not.toContain(lab.env.RK1_BMC_PASSWORD)
}

describe('provision against the lab', () => {
  it('flashes two nodes from an .xz image and two from a raw image, byte for byte, and boots them', async () => {
    const talos = await provision({ distro: 'talos', nodes: '1-2' })
    expect(talos.exitCode).toBe(0)
    const k3s = await provision({ distro: 'k3s', nodes: 'lab-w2,lab-w3' })
    expect(k3s.exitCode).toBe(0)

    const talosRaw = execFileSync('xz', ['-dc', lab.images.talos.path], { maxBuffer: 64 << 20 })
    const armbian = readFileSync(lab.images.armbian.path)
    expect(sha256(readFileSync(lab.bmc.node(1).emmc.path))).toBe(sha256(talosRaw))
    expect(sha256(readFileSync(lab.bmc.node(2).emmc.path))).toBe(sha256(talosRaw))
    expect(sha256(readFileSync(lab.bmc.node(3).emmc.path))).toBe(sha256(armbian))
    expect(sha256(readFileSync(lab.bmc.node(4).emmc.path))).toBe(sha256(armbian))
    for (const slot of [1, 2, 3, 4] as const) expect(lab.bmc.node(slot).power).toBe(true)

    const result = JSON.parse(talos.outputs.result as string)
    expect(result.simulated).toBe(true)
    expect(result.nodes.map((n: { slot: number; status: string }) => [n.slot, n.status])).toEqual([
      [1, 'booted'],
      [2, 'booted']
    ])
    expect(talos.outputs['flashed-nodes']).toBe('1,2')
    expect(k3s.outputs['flashed-nodes']).toBe('3,4')
    expect(talos.summary).toContain('SIMULATED')
    expect(talos.summary).toContain('<td>lab-cp1</td>')
    expect(k3s.summary).toMatch(/Armbian_community_.*_Turing-rk1_.*\.img/)
    expect(talos.stdout).toMatch(/node 1: upload finished in .* MB\/s/)
    expectNoSecrets(talos)
    expectNoSecrets(k3s)
  })

  it('dry run prints the plan and does not contact the BMC', async () => {
    const before = lastSeq()
    const run = await provision({
      distro: 'talos',
      'dry-run': 'true',
      confirm: '',
      'bmc-password': ''
    })
    expect(run.exitCode).toBe(0)
    expect(requestsSince(before)).toHaveLength(0)
    expect(run.stdout).toContain('Plan for cluster "rk1-lab": flash 4 node(s) with talos')
    expect(run.summary).toContain('dry run: nothing was changed')
    expect(JSON.parse(run.outputs.result as string).dryRun).toBe(true)
  })

  it('refuses to flash without the confirmation and touches nothing', async () => {
    const before = lastSeq()
    const run = await provision({ confirm: 'production' })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain('confirm must equal the cluster name')
    expect(requestsSince(before)).toHaveLength(0)
  })

  it('lists every inventory problem with its line and contacts nothing', async () => {
    const bad = join(lab.dir, 'bad.yaml')
    const text = readFileSync(lab.inventoryPath, 'utf8')
    const [first, second] = lab.nodeIps as [string, string]
    const duplicateIpLine = text.split('\n').findIndex((l) => l.includes(`ip: ${second}`)) + 1
    writeFileSync(
      bad,
      text.replace(`ip: ${second}`, `ip: ${first}`).replace('role: worker', 'role: boss')
    )
    const before = lastSeq()
    const run = await provision({ inventory: bad })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toMatch(
      new RegExp(
        `::error title=Invalid input,file=.*bad\\.yaml,line=${duplicateIpLine},col=\\d+::.*nodes\\[1\\]\\.ip: ${first.replace(/\./g, '\\.')} is already used`
      )
    )
    expect(run.stdout).toMatch(/nodes\[1\]\.role/)
    expect(requestsSince(before)).toHaveLength(0)
  })

  it('stops at a wrong password after one login attempt', async () => {
    const before = lastSeq()
    const run = await provision({ 'bmc-password': 'not-the-password' })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toMatch(/credentials incorrect/)
    expect(
      requestsSince(before).filter(
        (r) => r.authKind === 'login' || r.path.endsWith('/authenticate')
      )
    ).toHaveLength(1)
    expect(run.allText).not.toContain('not-the-password')
  })

  it('reports a CRC error on one node and still flashes the others', async () => {
    lab.bmc.faults.clear()
    const before = lastSeq()
    const run = await provision({ nodes: '1', 'skip-crc': 'false' })
    expect(run.exitCode).toBe(0)
    lab.bmc.faults.inject({ kind: 'crcMismatch' })
    const failing = await provision({ nodes: '2-3' })
    expect(failing.exitCode).toBe(1)
    const nodes = JSON.parse(failing.outputs.result as string).nodes
    expect(nodes[0]).toMatchObject({ slot: 2, status: 'flash-failed' })
    expect(nodes[0].error).toMatch(/crc error/i)
    expect(nodes[1]).toMatchObject({ slot: 3, status: 'booted' })
    expect(failing.stdout).toMatch(/slot 2 \(lab-w1\) flash-failed/)
    expect(requestsSince(before).filter((r) => r.status === 401)).toHaveLength(0)
  })

  it('explains a module the BMC cannot find', async () => {
    lab.bmc.faults.inject({ kind: 'deviceNotFound' })
    const run = await provision({ nodes: '4' })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toMatch(/USB interface not found/)
    expect(run.stdout).toMatch(/What to do/)
  })

  it('names a transfer that another client pre-empted', async () => {
    lab.bmc.faults.inject({ kind: 'foreignTransfer', afterBytes: 0 })
    const run = await provision({ nodes: '1' })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toMatch(/pre-?empted|another client|foreign/i)
  })

  it('logs in again once per expired token, never retries a refused one, and finishes', async () => {
    const shortLived = await startLab({
      dir: mkdtempSync(join(tmpdir(), 'rk1-e2e-ttl-')),
      timeScale: 200,
      bmc: { tokenTtlMs: 100 }
    })
    try {
      const run = await runBundle('provision.mjs', {
        inventory: shortLived.inventoryPath,
        confirm: 'rk1-lab',
        'bmc-password': shortLived.env.RK1_BMC_PASSWORD as string,
        distro: 'k3s',
        nodes: '1'
      })
      expect(run.exitCode).toBe(0)
      const log = shortLived.bmc.requestLog
      const rejected = log.filter((r) => r.status === 401)
      const logins = log.filter((r) => r.path.endsWith('/authenticate'))
      expect(rejected.length).toBeGreaterThan(0)
      // At most one new login per rejection (a rejection seen while the run is already finishing
      // needs none), and no token is ever tried again after the BMC refused it: no loop.
      expect(logins.length).toBeGreaterThanOrEqual(2)
      expect(logins.length).toBeLessThanOrEqual(rejected.length + 1)
      const refusedTokens = rejected.map((r) => r.tokenRef)
      expect(new Set(refusedTokens).size).toBe(refusedTokens.length)
    } finally {
      await shortLived.close()
    }
  })

  it('reports a BMC that dies mid-flash and skips the nodes after it instead of retrying', async () => {
    lab.bmc.faults.inject({ kind: 'daemonCrash', afterBytes: 1024 })
    // The raw image: its upload reads the file while the BMC dies (once an unhandled EBADF).
    const run = await provision({ nodes: '1-3' })
    expect(run.exitCode).toBe(1)
    const nodes = JSON.parse(run.outputs.result as string).nodes
    expect(nodes[0].status).toBe('flash-failed')
    expect(nodes[1]).toMatchObject({ status: 'skipped' })
    expect(nodes[2]).toMatchObject({ status: 'skipped' })
    expect(nodes[1].error).toMatch(/^not attempted: the BMC failed/)
    expect(run.stdout).toMatch(/reboot the BMC|unreachable|refused/i)
    await lab.bmc.restartDaemon(10)
  })
})

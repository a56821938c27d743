import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { startLab, type Lab } from '../../src/lab/lab'
import { repoRoot, runBundle, type ActionRun } from '../helpers/action-runner'

// Ownership whatever distro is asked: a Talos cluster probed by a K3s run of another cluster
// name, K3s nodes probed by a Talos run and by a K3s run of another name. Refused without any
// BMC request; flashed with reflash.

let lab: Lab
let otherInventory: string
let talosSecrets: string

beforeAll(async () => {
  execFileSync(process.execPath, [join(repoRoot, 'scripts', 'install-kube-tools.mjs')], {
    cwd: repoRoot,
    stdio: 'ignore'
  })
  lab = await startLab({ dir: mkdtempSync(join(tmpdir(), 'rk1-own-e2e-')), timeScale: 200 })
  otherInventory = join(dirname(lab.inventoryPath), 'other.yaml')
  writeFileSync(
    otherInventory,
    readFileSync(lab.inventoryPath, 'utf8').replace(/^name: rk1-lab$/m, 'name: other-lab')
  )
  const talos = await provision('rk1-lab', { distro: 'talos' })
  expect(talos.exitCode).toBe(0)
  talosSecrets = talos.outputs['talos-secrets'] as string
}, 180_000)
afterAll(async () => {
  await lab?.close()
})

function provision(cluster: string, inputs: Record<string, string>): Promise<ActionRun> {
  return runBundle(
    'provision.mjs',
    {
      inventory: cluster === 'rk1-lab' ? lab.inventoryPath : otherInventory,
      confirm: cluster,
      'bmc-password': lab.env.RK1_BMC_PASSWORD as string,
      'boot-timeout': '60',
      ...inputs
    },
    { env: { PATH: lab.env.PATH as string } }
  )
}

const lastSeq = (): number => lab.bmc.requestLog.at(-1)?.seq ?? 0
const bmcRequestsSince = (seq: number): number =>
  lab.bmc.requestLog.filter((r) => r.seq > seq).length

describe('provision: never another cluster’s nodes, whatever the distro', () => {
  let k3sKey = ''

  it('a K3s run of another cluster refuses Talos nodes and sends the BMC nothing', async () => {
    const before = lastSeq()
    const run = await provision('other-lab', { distro: 'k3s', nodes: '1-2' })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toMatch(/Refusing to touch 2 node\(s\) that may belong to another cluster/)
    expect(run.stdout).toMatch(/Talos of a cluster not provably this one/)
    expect(run.stdout).toMatch(/reflash: true/)
    expect(bmcRequestsSince(before)).toBe(0)
  })

  it('with reflash the K3s run flashes them', async () => {
    const run = await provision('other-lab', { distro: 'k3s', nodes: '1-2', reflash: 'true' })
    expect(run.outputs['flashed-nodes']).toBe('1,2')
    expect(run.exitCode).toBe(0)
    k3sKey = run.outputs['ssh-private-key'] as string
    expect(k3sKey).toContain('PRIVATE KEY')
  }, 120_000)

  it('a Talos run refuses the K3s nodes (no key: owner unknown) and sends the BMC nothing', async () => {
    const before = lastSeq()
    const run = await provision('rk1-lab', { distro: 'talos', 'talos-secrets': talosSecrets })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toMatch(/Refusing to touch 2 node\(s\) that run a cluster this run cannot/)
    expect(run.stdout).toMatch(/slot 1 .*SSH answers but refuses our key/)
    expect(bmcRequestsSince(before)).toBe(0)
  })

  it('a Talos run with the K3s key sees another cluster’s K3s and refuses it', async () => {
    const before = lastSeq()
    const run = await provision('rk1-lab', {
      distro: 'talos',
      'talos-secrets': talosSecrets,
      'ssh-private-key': k3sKey
    })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toMatch(/slot 1 .*K3s of another cluster/)
    expect(bmcRequestsSince(before)).toBe(0)
  })

  it('a K3s run of yet another name refuses the K3s nodes (same distro)', async () => {
    const before = lastSeq()
    const run = await provision('rk1-lab', {
      distro: 'k3s',
      nodes: '1-2',
      'ssh-private-key': k3sKey
    })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toMatch(/K3s of another cluster/)
    expect(bmcRequestsSince(before)).toBe(0)
  })

  it('with reflash the Talos run flashes the K3s nodes back', async () => {
    const run = await provision('rk1-lab', {
      distro: 'talos',
      'talos-secrets': talosSecrets,
      nodes: '1-2',
      reflash: 'true'
    })
    expect(run.outputs['flashed-nodes']).toBe('1,2')
    expect(run.exitCode).toBe(0)
  }, 120_000)
})

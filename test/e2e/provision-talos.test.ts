import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFile, execFileSync } from 'node:child_process'
import { promisify } from 'node:util'
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startLab, type Lab } from '../../src/lab/lab'
import { repoRoot, runBundle, type ActionRun } from '../helpers/action-runner'
import { isBmcRead } from '../helpers/bmc-requests'

// The built provision action on a fresh lab: Talos end to end, then the re-run, then a run that
// lacks the cluster's secrets. Real kubectl checks the result.

let lab: Lab
let first: ActionRun
const kubectl = join(repoRoot, '.tools', 'bin', 'kubectl')

beforeAll(async () => {
  execFileSync(process.execPath, [join(repoRoot, 'scripts', 'install-kube-tools.mjs')], {
    cwd: repoRoot,
    stdio: 'ignore'
  })
  lab = await startLab({ dir: mkdtempSync(join(tmpdir(), 'rk1-talos-e2e-')), timeScale: 200 })
  first = await provision({})
}, 120_000)
afterAll(async () => {
  await lab?.close()
})

function provision(inputs: Record<string, string>): Promise<ActionRun> {
  return runBundle(
    'provision.mjs',
    {
      inventory: lab.inventoryPath,
      confirm: 'rk1-lab',
      distro: 'talos',
      'bmc-password': lab.env.RK1_BMC_PASSWORD as string,
      'boot-timeout': '60',
      ...inputs
    },
    { env: { PATH: lab.env.PATH as string } }
  )
}

const flashStarts = (since: number): number =>
  lab.bmc.requestLog.filter((r) => r.seq > since && /type=flash/.test(r.query)).length

/** Masked outputs may hold secrets; everything else a user can read must not. */
function visibleText(run: ActionRun): string {
  const outputs = Object.entries(run.outputs)
    .filter(([k]) => !['kubeconfig', 'talosconfig', 'talos-secrets'].includes(k))
    .map(([, v]) => v)
  return [run.stdout.replace(/^::add-mask::.*$/gm, ''), run.stderr, run.summary, ...outputs].join(
    '\n'
  )
}

function secretValues(secretsYaml: string): string[] {
  return secretsYaml
    .split('\n')
    .map((l) => /^[^:]+:\s*(\S+)$/.exec(l.trim())?.[1] ?? '')
    .filter((v) => v.length >= 20)
}

describe('provision talos against the lab', () => {
  it('takes a fresh lab to a healthy cluster whose 4 nodes real kubectl sees Ready', async () => {
    expect(first.exitCode).toBe(0)
    const result = JSON.parse(first.outputs.result as string)
    expect(result.simulated).toBe(true)
    expect(result.bootstrap).toBe('bootstrapped')
    expect(result.nodes.map((n: { action: string }) => n.action)).toEqual([
      'flash',
      'flash',
      'flash',
      'flash'
    ])
    expect(first.outputs['flashed-nodes']).toBe('1,2,3,4')
    const kubeconfigPath = first.outputs['kubeconfig-path'] as string
    for (const f of ['kubeconfig-path', 'talosconfig-path', 'talos-secrets-path'])
      expect(statSync(first.outputs[f] as string).mode & 0o777).toBe(0o600)
    expect(first.outputs.kubeconfig).toBe(readFileSync(kubeconfigPath, 'utf8'))
    // Asynchronous: the lab's API server runs in this process.
    const { stdout: out } = await promisify(execFile)(
      kubectl,
      ['--kubeconfig', kubeconfigPath, 'get', 'nodes', '--no-headers'],
      { encoding: 'utf8' }
    )
    const rows = out
      .trim()
      .split('\n')
      .map((l) => l.split(/\s+/))
    expect(rows.map((r) => r[0]).sort()).toEqual(['lab-cp1', 'lab-w1', 'lab-w2', 'lab-w3'])
    expect(rows.every((r) => r[1] === 'Ready')).toBe(true)
    expect(first.summary).toContain('<td>lab-cp1</td>')
    expect(first.summary).toContain('flash, configure')
    // Planted secrets: the BMC password and every value of the Talos secrets.
    const text = visibleText(first)
    expect(text).not.toContain(lab.env.RK1_BMC_PASSWORD)
    const secrets = secretValues(first.outputs['talos-secrets'] as string)
    expect(secrets.length).toBeGreaterThan(5)
    for (const s of secrets) expect(text).not.toContain(s)
    expect(first.stdout).toContain('::add-mask::')
  })

  it('re-run with the secrets: flashes nothing, bootstraps nothing, already up to date', async () => {
    const before = lab.bmc.requestLog.at(-1)?.seq ?? 0
    const run = await provision({ 'talos-secrets': first.outputs['talos-secrets'] as string })
    expect(run.exitCode).toBe(0)
    expect(run.stdout).toContain('already up to date')
    const result = JSON.parse(run.outputs.result as string)
    expect(result.bootstrap).toBe('already-bootstrapped')
    expect(result.upToDate).toBe(true)
    expect(
      result.nodes.every(
        (n: { found: string; action: string }) => n.found === 'ours' && n.action === 'none'
      )
    ).toBe(true)
    expect(run.outputs['flashed-nodes']).toBe('')
    // Only reads: the BMC is asked what it is, so a re-run against the lab stays SIMULATED.
    expect(lab.bmc.requestLog.filter((r) => r.seq > before && !isBmcRead(r))).toHaveLength(0)
    expect(run.stdout).toContain('SIMULATED')
    expect(flashStarts(before)).toBe(0)
    for (const s of secretValues(first.outputs['talos-secrets'] as string))
      expect(visibleText(run)).not.toContain(s)
  })

  it("refuses nodes that run another cluster's secrets and touches nothing", async () => {
    const before = lab.bmc.requestLog.at(-1)?.seq ?? 0
    const run = await provision({ nodes: '2-3' })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toMatch(
      /Refusing to touch 2 node\(s\) that run Talos configured with other secrets/
    )
    expect(run.stdout).toMatch(/pass its talos-secrets/)
    expect(run.stdout).toMatch(/reflash: true/)
    expect(lab.bmc.requestLog.filter((r) => r.seq > before)).toHaveLength(0)
    expect(visibleText(run)).not.toContain(lab.env.RK1_BMC_PASSWORD)
  })

  it('reuses secrets left in output-dir by an earlier run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rk1-talos-out-'))
    writeFileSync(join(dir, 'secrets.yaml'), first.outputs['talos-secrets'] as string, {
      mode: 0o600
    })
    const run = await provision({ 'output-dir': dir, nodes: '1' })
    expect(run.exitCode).toBe(0)
    expect(JSON.parse(run.outputs.result as string).nodes[0]).toMatchObject({
      found: 'ours',
      action: 'none'
    })
    expect(statSync(join(dir, 'kubeconfig')).mode & 0o777).toBe(0o600)
  })
})

// The dispatch workflow, run on the lab (SIMULATED hardware) by the workflow runner of
// test/helpers/workflow-runner.ts: GitHub's parser and evaluator decide which jobs run and what
// each `with:` receives, this repository's actions run from the built bundles, checkout and
// upload-artifact are stand-ins. One dispatch provisions Talos and deploys the workloads, the next
// wipes on its own; what reached each job is asserted, not only the exit codes.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { startLab, type Lab } from '../../src/lab/lab'
import { repoRoot } from '../helpers/action-runner'
import { labStandIns, runWorkflow, type JobRecord } from '../helpers/workflow-runner'
import { dispatchEvent, loadWorkflow } from '../helpers/workflows'

let lab: Lab
let root: string
let stateDir: string
let artifactsDir: string

beforeAll(async () => {
  execFileSync(process.execPath, [join(repoRoot, 'scripts', 'install-kube-tools.mjs')], {
    cwd: repoRoot,
    stdio: 'ignore'
  })
  root = mkdtempSync(join(tmpdir(), 'rk1-wf-dispatch-'))
  lab = await startLab({ dir: join(root, 'lab'), timeScale: 200 })
  stateDir = join(root, 'state')
  artifactsDir = join(root, 'artifacts')
  mkdirSync(artifactsDir)
}, 120_000)
afterAll(async () => lab?.close())

/** The lab's "repository": what checkout leaves in the workspace. */
function checkout(workspace: string) {
  mkdirSync(join(workspace, '.github'), { recursive: true })
  const cluster = {
    name: 'rk1-lab',
    inventory: lab.inventoryPath,
    runner: 'lab',
    environment: 'lab',
    state_dir: stateDir,
    nightly: true
  }
  writeFileSync(join(workspace, '.github', 'clusters.json'), JSON.stringify([cluster]))
}

async function dispatch(inputs: Record<string, unknown>): Promise<Record<string, JobRecord>> {
  const wf = await loadWorkflow('dispatch.yml')
  const declared = wf.template.events.workflow_dispatch?.inputs ?? {}
  return runWorkflow(wf, {
    github: { ...dispatchEvent(), token: 'lab-token' },
    inputs: {
      ...Object.fromEntries(Object.entries(declared).map(([k, v]) => [k, v.default])),
      ...inputs
    },
    secrets: { BMC_PASSWORD: lab.env.RK1_BMC_PASSWORD as string },
    env: {
      ...lab.env,
      PATH: [join(repoRoot, '.tools', 'bin'), lab.env.PATH].join(delimiter),
      RK1_CACHE_DIR: join(root, 'cache')
    },
    standIns: labStandIns(checkout),
    workspace: mkdtempSync(join(root, 'ws-')),
    artifactsDir
  })
}

const results = (jobs: Record<string, JobRecord>) =>
  Object.fromEntries(Object.entries(jobs).map(([id, j]) => [id, j.result]))
const artifact = (name: string, file: string) =>
  JSON.parse(readFileSync(join(artifactsDir, name, file), 'utf8')) as Record<string, unknown>
const failures = (jobs: Record<string, JobRecord>) =>
  Object.values(jobs)
    .flatMap((j) => j.legs.flatMap((l) => l.steps))
    .filter((s) => s.outcome === 'failure')
    .map((s) => `${s.name}\n${s.stdout.slice(-3000)}\n${s.stderr.slice(-2000)}`)

describe('dispatch.yml on the lab (SIMULATED)', () => {
  let talos: Record<string, JobRecord>

  beforeAll(async () => {
    talos = await dispatch({
      cluster: 'rk1-lab',
      distro: 'talos',
      steps: 'provision,deploy',
      'dry-run': false,
      confirm: 'rk1-lab'
    })
  }, 420_000)

  it('runs the chosen chain and skips the rest', () => {
    expect(failures(talos)).toEqual([])
    expect(results(talos)).toEqual({
      clusters: 'success',
      provision: 'success',
      deploy: 'success',
      benchmark: 'skipped',
      report: 'skipped',
      wipe: 'skipped',
      summary: 'success'
    })
  })

  it("runs each hardware job on the cluster's runner, environment and queue", () => {
    for (const id of ['provision', 'deploy']) {
      const leg = talos[id]?.legs[0]
      expect(leg?.runsOn).toEqual(['self-hosted', 'lab'])
      expect(leg?.environment).toBe('lab')
      expect(leg?.concurrencyGroup).toBe('lab-rk1-lab')
    }
  })

  it("hands provision's kubeconfig to deploy through the cluster's state folder", () => {
    expect(existsSync(join(stateDir, 'kubeconfig'))).toBe(true)
    const provision = artifact('rk1-result-provision-rk1-lab-talos', 'provision.json')
    expect(provision.simulated).toBe(true)
    const deploy = artifact('rk1-result-deploy-workloads-rk1-lab-talos', 'deploy-workloads.json')
    expect(deploy.simulated).toBe(true)
    expect(JSON.stringify(deploy)).toMatch(/kube-prometheus-stack/)
  })

  it('writes one summary that names every job with its result', () => {
    const summary = talos['summary']?.legs[0]?.summary ?? ''
    expect(summary).toContain(
      '## rk1 dispatch: rk1-lab, talos, steps provision,deploy (dry run: false)'
    )
    expect(summary).toContain('| provision | success |')
    expect(summary).toContain('| deploy-workloads | success |')
    expect(summary).toContain('| npu-benchmark | skipped |')
  })

  it('never prints the BMC password', () => {
    const text = Object.values(talos)
      .flatMap((j) =>
        j.legs.flatMap((l) => [l.summary, ...l.steps.map((s) => s.stdout + s.stderr)])
      )
      .join('\n')
      // ::add-mask:: is how a secret is registered; the runner never shows those lines.
      .replace(/^::add-mask::.*$/gm, '')
    expect(text).toContain('SIMULATED')
    expect(text).not.toContain(lab.env.RK1_BMC_PASSWORD)
    // …and no uploaded artifact holds it either.
    const grep = spawnSync('grep', ['-rlF', '--', lab.env.RK1_BMC_PASSWORD as string, artifactsDir])
    expect(grep.status).toBe(1)
  })

  it('wipes on its own in a second dispatch', async () => {
    const wiped = await dispatch({
      cluster: 'rk1-lab',
      steps: 'wipe',
      'dry-run': false,
      confirm: 'rk1-lab'
    })
    expect(failures(wiped)).toEqual([])
    expect(results(wiped)).toMatchObject({
      clusters: 'success',
      provision: 'skipped',
      deploy: 'skipped',
      wipe: 'success',
      summary: 'success'
    })
    const wipe = artifact('rk1-result-wipe-rk1-lab', 'wipe.json')
    expect(wipe.simulated).toBe(true)
  }, 300_000)

  it('refuses an unknown cluster in the first job, before any hardware job', async () => {
    const jobs = await dispatch({ cluster: 'no-such-cluster', steps: 'wipe', confirm: 'x' })
    expect(results(jobs)).toMatchObject({ clusters: 'failure', wipe: 'skipped' })
    expect(jobs['clusters']?.legs[0]?.steps[1]?.stdout).toContain(
      '::error::Cluster "no-such-cluster" is not in .github/clusters.json: rk1-lab'
    )
  })
})

// The dispatch workflow, run on the lab (SIMULATED hardware) by the workflow runner of
// test/helpers/workflow-runner.ts: GitHub's parser and evaluator decide which jobs run and what
// each `with:` receives, this repository's actions run from the built bundles, checkout and
// upload-artifact are stand-ins. One dispatch provisions Talos and deploys the workloads, the next
// wipes on its own; then K3s goes through provision → deploy → benchmark → report against the fake
// GitHub services (npu-benchmark uploads its records, report reads them back) with the SSH key
// handed in as the workflow hands it (the SSH_PRIVATE_KEY secret). What reached each job is
// asserted, not only the exit codes.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { startLab, type Lab } from '../../src/lab/lab'
import { generateEd25519KeyPair } from '../../src/node-access/ssh-keygen'
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-github'
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

/** What else a dispatch gets: GitHub's services, more secrets, repository variables. */
interface DispatchExtras {
  github?: Record<string, unknown>
  env?: Record<string, string>
  secrets?: Record<string, string>
  vars?: Record<string, string>
}

async function dispatch(
  inputs: Record<string, unknown>,
  extras: DispatchExtras = {}
): Promise<Record<string, JobRecord>> {
  const wf = await loadWorkflow('dispatch.yml')
  const declared = wf.template.events.workflow_dispatch?.inputs ?? {}
  return runWorkflow(wf, {
    github: { ...dispatchEvent(), token: 'lab-token', ...extras.github },
    inputs: {
      ...Object.fromEntries(Object.entries(declared).map(([k, v]) => [k, v.default])),
      ...inputs
    },
    secrets: { BMC_PASSWORD: lab.env.RK1_BMC_PASSWORD as string, ...extras.secrets },
    // No cooldown between suites: the lab's SoC does not heat up, and it saves minutes a run.
    vars: { RK1_BENCHMARK_COOLDOWN: '0', ...extras.vars },
    env: {
      ...lab.env,
      ...extras.env,
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

describe('dispatch.yml for K3s on the lab (SIMULATED): provision → deploy → benchmark → report', () => {
  const IMAGE = 'ghcr.io/turing/rk1-lab/rk1-bench@sha256:' + 'b'.repeat(64)
  const RUN_ID = 4242
  // Generated here, never committed: the environment's SSH_PRIVATE_KEY secret.
  const key = generateEd25519KeyPair('rk1-dispatch-test')
  let gh: FakeGitHub
  let k3s: Record<string, JobRecord>

  beforeAll(async () => {
    gh = await startFakeGitHub()
    gh.state.addRun({ id: RUN_ID, workflow: 'dispatch.yml', event: 'workflow_dispatch' })
    k3s = await dispatch(
      {
        cluster: 'rk1-lab',
        distro: 'k3s',
        steps: 'provision,deploy,benchmark,report',
        'dry-run': false,
        confirm: 'rk1-lab'
      },
      {
        github: {
          repository: `${gh.state.owner}/${gh.state.repo}`,
          run_id: RUN_ID,
          token: gh.token
        },
        env: gh.env(RUN_ID),
        secrets: { SSH_PRIVATE_KEY: key.private },
        vars: { RK1_BENCHMARK_IMAGE: IMAGE }
      }
    )
    // The figure for the notes: each job's wall time on this (shared) machine.
    const seconds = Object.entries(k3s).map(
      ([id, j]) =>
        `${id} ${j.legs.flatMap((l) => l.steps).reduce((t, st) => t + (st.ms ?? 0), 0) / 1000} s`
    )
    console.log(`K3s dispatch, wall time per job: ${seconds.join(', ')}`)
  }, 600_000)
  afterAll(async () => gh?.close())

  it('runs every job of the chain and skips wipe', () => {
    expect(failures(k3s)).toEqual([])
    expect(results(k3s)).toEqual({
      clusters: 'success',
      provision: 'success',
      deploy: 'success',
      benchmark: 'success',
      report: 'success',
      wipe: 'skipped',
      summary: 'success'
    })
    // The cluster the first job chose is the matrix every later job ran over.
    for (const id of ['provision', 'deploy', 'benchmark', 'report'])
      expect(k3s[id]?.legs.map((l) => (l.matrix.cluster as { name: string }).name)).toEqual([
        'rk1-lab'
      ])
  })

  it("provisions K3s with the environment's SSH key, and hands out no other", () => {
    const provision = k3s['provision']?.legs[0]?.steps.find((s) => s.name === 'provision')
    const result = JSON.parse(provision?.outputs.result ?? '{}') as {
      simulated: boolean
      distro: string
      nodes: { status: string }[]
    }
    expect(result).toMatchObject({ simulated: true, distro: 'k3s' })
    expect(result.nodes.map((n) => n.status)).toEqual(['ready', 'ready', 'ready', 'ready'])
    // Given as the secret, so provision generates none and outputs none.
    expect(provision?.outputs).not.toHaveProperty('ssh-private-key')
  })

  it('wipes K3s with the same secret: every node is opened over SSH with it and found ours', async () => {
    // A dry run with another key first: the nodes are not ours to that key, so the secret is
    // what opened them below (provision did not make a key of its own).
    const other = generateEd25519KeyPair('not-the-environment-key')
    const extras = (privateKey: string) => ({
      github: { repository: `${gh.state.owner}/${gh.state.repo}`, run_id: RUN_ID, token: gh.token },
      env: gh.env(RUN_ID),
      secrets: { SSH_PRIVATE_KEY: privateKey }
    })
    const wipe = { cluster: 'rk1-lab', steps: 'wipe', confirm: 'rk1-lab' }
    const found = (jobs: Record<string, JobRecord>) => {
      const step = jobs['wipe']?.legs[0]?.steps.find((s) => s.name === 'wipe')
      const result = JSON.parse(step?.outputs.result ?? '{"nodes":[]}') as {
        nodes: { found: string; action: string; result: string }[]
      }
      return result.nodes
    }
    const stranger = await dispatch({ ...wipe, 'dry-run': true }, extras(other.private))
    expect(found(stranger).map((n) => n.found)).not.toContain('ours-k3s')
    const wiped = await dispatch({ ...wipe, 'dry-run': false }, extras(key.private))
    expect(failures(wiped)).toEqual([])
    expect(found(wiped).map((n) => [n.found, n.action, n.result])).toEqual(
      [1, 2, 3, 4].map(() => ['ours-k3s', 'k3s-reset', 'wiped'])
    )
  }, 300_000)

  it("passes each job's result on: kubeconfig to deploy and benchmark, records to report", () => {
    const deploy = artifact('rk1-result-deploy-workloads-rk1-lab-k3s', 'deploy-workloads.json')
    expect(deploy).toMatchObject({ simulated: true, distro: 'k3s' })
    const bench = k3s['benchmark']?.legs[0]?.steps.find((s) => s.name === 'benchmark')
    expect(bench?.stdout).toContain(IMAGE)
    const uploaded = gh.state.artifacts.filter((a) => a.runId === RUN_ID).map((a) => a.name)
    const benchArtifact = uploaded.find((n) => n.startsWith('rk1-bench-'))
    expect(benchArtifact).toMatch(/k3s/)
    expect(bench?.outputs['artifact-id']).toBe(
      String(gh.state.artifacts.find((a) => a.name === benchArtifact)?.id)
    )
    // report ran on another (GitHub-hosted) job and read the benchmark's artifact back.
    const report = k3s['report']?.legs[0]
    expect(report?.runsOn).toEqual(['ubuntu-24.04'])
    expect(report?.summary).toContain('rk1 benchmark report (SIMULATED)')
    const records = Number(
      /(\d+) record\(s\) from k3s of cluster rk1-lab/.exec(report?.summary ?? '')?.[1]
    )
    expect(records).toBeGreaterThan(0)
    expect(report?.summary).toContain('Only k3s sent results this run')
    // …and uploaded itself; the summary links that artifact.
    const reportArtifact = gh.state.artifacts.find(
      (a) => a.runId === RUN_ID && a.name === 'rk1-report-rk1-lab'
    )
    expect(report?.summary).toContain(`/actions/runs/${RUN_ID}/artifacts/${reportArtifact?.id}`)
  })

  it('writes the one summary with every job of the chain', () => {
    const summary = k3s['summary']?.legs[0]?.summary ?? ''
    expect(summary).toContain(
      '## rk1 dispatch: rk1-lab, k3s, steps provision,deploy,benchmark,report (dry run: false)'
    )
    for (const row of ['provision', 'deploy-workloads', 'npu-benchmark', 'report'])
      expect(summary).toContain(`| ${row} | success |`)
    expect(summary).toContain('| wipe | skipped |')
  })

  it('never prints the SSH key or the BMC password', () => {
    const text = Object.values(k3s)
      .flatMap((j) =>
        j.legs.flatMap((l) => [l.summary, ...l.steps.map((s) => s.stdout + s.stderr)])
      )
      .join('\n')
      .replace(/^::add-mask::.*$/gm, '')
    const keyLines = key.private.split('\n').filter((l) => l.length > 20 && !l.startsWith('-----'))
    expect(keyLines.length).toBeGreaterThan(0)
    for (const secret of [lab.env.RK1_BMC_PASSWORD as string, ...keyLines]) {
      expect(text).not.toContain(secret)
      const grep = spawnSync('grep', ['-rlF', '--', secret, artifactsDir])
      expect(grep.status).toBe(1)
    }
  })
})

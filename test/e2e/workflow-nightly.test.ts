// The nightly comparison (nightly.yml) on the lab (SIMULATED hardware), run by the workflow runner
// of test/helpers/workflow-runner.ts against the fake GitHub services: a night runs Talos
// (provision → deploy → npu-benchmark → wipe), then K3s the same, then report. It is dispatched
// with quick benchmarks (a scheduled night's full mode would take hours on the lab); the chain is
// the scheduled night's. The benchmarks upload their records with the real @actions/artifact to
// the fake artifact service, and report downloads them from there (this run) and from earlier runs
// of nightly.yml (history). The next night Talos provision fails (a lab BMC fault): K3s still runs
// and the report says which side is missing. What reached each job is asserted, not exit codes.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, delimiter, join } from 'node:path'
import { startLab, type Lab } from '../../src/lab/lab'
import type { RunRecord } from '../../src/report/records'
import { repoRoot } from '../helpers/action-runner'
import { night } from '../helpers/bench-records'
import { startFakeGitHub, type FakeArtifact, type FakeGitHub } from '../helpers/fake-github'
import { labStandIns, runWorkflow, type JobRecord, type StandIn } from '../helpers/workflow-runner'
import { dispatchEvent, loadWorkflow } from '../helpers/workflows'

const CLUSTER = 'rk1-lab'
const IMAGE = `ghcr.io/turing/rk1-lab/rk1-bench@sha256:${'b'.repeat(64)}`
// A quick night on the lab takes a few minutes; the step deadline only stops a hung one.
const NIGHT_MS = 15 * 60_000

let lab: Lab
let gh: FakeGitHub
let root: string
let stateDir: string
let artifactsDir: string
let sshKey: string

beforeAll(async () => {
  execFileSync(process.execPath, [join(repoRoot, 'scripts', 'install-kube-tools.mjs')], {
    cwd: repoRoot,
    stdio: 'ignore'
  })
  root = mkdtempSync(join(tmpdir(), 'rk1-wf-nightly-'))
  lab = await startLab({ dir: join(root, 'lab'), timeScale: 200 })
  gh = await startFakeGitHub()
  stateDir = join(root, 'state')
  artifactsDir = join(root, 'artifacts')
  mkdirSync(artifactsDir)
  // The environment's SSH_PRIVATE_KEY, as a user creates it once.
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(root, 'id_ed25519')])
  sshKey = readFileSync(join(root, 'id_ed25519'), 'utf8')
  // Earlier nights of nightly.yml on main: one with real records (hardware), one whose artifacts
  // expired. Neither may reach a SIMULATED comparison, and the report says why.
  const real = gh.state.addRun({ id: 4001, run_started_at: '2026-11-30T02:17:00Z' })
  const files: Record<string, string> = {}
  for (const r of night({ night: 0, clusterId: CLUSTER }).filter(
    (x) => x.cluster.distro === 'talos'
  ))
    files[`records/${r.node.name}/${r.workload.id}--${r.workload.variant}.json`] = JSON.stringify(r)
  gh.seedArtifact(real.id, 'rk1-bench-talos-rk1-lab-4001-1', files)
  gh.state.addRun({ id: 4002, run_started_at: '2026-12-01T02:17:00Z' })
}, 120_000)
afterAll(async () => {
  await gh?.close()
  await lab?.close()
})

/**
 * The lab's "repository": what checkout leaves in the workspace. Its cluster.yaml is the lab's
 * inventory with the benchmark image pinned, as a user pins what bench-image.yml published.
 */
function checkout(workspace: string) {
  mkdirSync(join(workspace, '.github'), { recursive: true })
  const inventory = readFileSync(lab.inventoryPath, 'utf8')
  expect(inventory).not.toMatch(/^versions:/m)
  writeFileSync(
    join(workspace, 'cluster.yaml'),
    `${inventory}versions:\n  benchmarkImage: '${IMAGE}'\n`
  )
  const cluster = {
    name: CLUSTER,
    inventory: 'cluster.yaml',
    runner: 'lab',
    environment: 'lab',
    state_dir: stateDir,
    nightly: true
  }
  writeFileSync(join(workspace, '.github', 'clusters.json'), JSON.stringify([cluster]))
}

/** upload-artifact's stand-in keeps a folder copy and stores the files in the fake service. */
function uploadingStandIns(runId: number): Record<string, StandIn> {
  const standIns = labStandIns(checkout)
  const folderUpload = standIns['actions/upload-artifact'] as StandIn
  standIns['actions/upload-artifact'] = async (step) => {
    await folderUpload(step)
    const files = Object.fromEntries(
      step.with
        .path!.split('\n')
        .filter(Boolean)
        .map((p) => [basename(p.trim()), readFileSync(p.trim())])
    )
    return { 'artifact-id': String(gh.seedArtifact(runId, step.with.name!, files)) }
  }
  return standIns
}

/** The dispatch form's defaults, as GitHub fills in the inputs nobody changed. */
function declaredInputs(wf: Awaited<ReturnType<typeof loadWorkflow>>): Record<string, unknown> {
  const declared = wf.template.events.workflow_dispatch?.inputs ?? {}
  return Object.fromEntries(Object.entries(declared).map(([k, v]) => [k, v.default]))
}

interface Night {
  runId: number
  jobs: Record<string, JobRecord>
}

/** When each job of each night started (ms since the night began), for the measured figures. */
const jobStarts: Record<number, Record<string, number>> = {}

/** One scheduled run of nightly.yml; the fake run is completed afterwards, as GitHub does. */
async function runNight(runId: number, beforeJob?: (id: string) => void): Promise<Night> {
  const t0 = Date.now()
  const starts: Record<string, number> = (jobStarts[runId] = {})
  const run = gh.state.addRun({ id: runId, status: 'in_progress', conclusion: null })
  const wf = await loadWorkflow('nightly.yml')
  expect(wf.parseErrors).toEqual([])
  const jobs = await runWorkflow(wf, {
    github: {
      ...dispatchEvent(),
      repository: `${gh.state.owner}/${gh.state.repo}`,
      run_id: runId,
      run_attempt: 1,
      token: gh.token
    },
    // Dispatched with quick benchmarks: a scheduled night's full mode runs each workload at least
    // 60 s (hours on the lab's four nodes). Everything else is the scheduled night's chain.
    inputs: { ...declaredInputs(wf), 'benchmark-mode': 'quick' },
    // No cooldown between suites: the lab's SoC does not heat up, and it saves minutes a night.
    vars: { RK1_BENCHMARK_COOLDOWN: '0' },
    secrets: {
      BMC_PASSWORD: lab.env.RK1_BMC_PASSWORD as string,
      SSH_PRIVATE_KEY: sshKey,
      GRAFANA_ADMIN_PASSWORD: 'lab-grafana-admin'
    },
    env: {
      ...lab.env,
      ...gh.env(runId),
      PATH: [join(repoRoot, '.tools', 'bin'), lab.env.PATH].join(delimiter),
      RK1_CACHE_DIR: join(root, 'cache')
    },
    standIns: uploadingStandIns(runId),
    workspace: mkdtempSync(join(root, 'ws-')),
    artifactsDir,
    stepTimeoutMs: NIGHT_MS,
    beforeJob: (id) => {
      starts[id] = Date.now() - t0
      beforeJob?.(id)
    }
  })
  starts.end = Date.now() - t0
  run.status = 'completed'
  run.conclusion = Object.values(jobs).some((j) => j.result === 'failure') ? 'failure' : 'success'
  return { runId, jobs }
}

const results = (jobs: Record<string, JobRecord>) =>
  Object.fromEntries(Object.entries(jobs).map(([id, j]) => [id, j.result]))
const failures = (jobs: Record<string, JobRecord>) =>
  Object.entries(jobs)
    .flatMap(([id, j]) => j.legs.flatMap((l) => l.steps.map((s) => ({ id, ...s }))))
    .filter((s) => s.outcome === 'failure')
    .map((s) => `${s.id}/${s.name}\n${s.stdout.slice(-3000)}\n${s.stderr.slice(-2000)}`)
const step = (jobs: Record<string, JobRecord>, job: string, name: string) =>
  jobs[job]?.legs[0]?.steps.find((s) => s.name === name)
const artifactsOf = (runId: number) => gh.state.artifacts.filter((a) => a.runId === runId)

/** An artifact's files as the user downloads them (the zip the client uploaded, extracted). */
function unzipped(artifact: FakeArtifact): string {
  const dir = mkdtempSync(join(root, 'unzip-'))
  writeFileSync(join(dir, 'artifact.zip'), artifact.bytes)
  execFileSync('unzip', ['-q', join(dir, 'artifact.zip'), '-d', join(dir, 'files')])
  return join(dir, 'files')
}

function recordsIn(dir: string): RunRecord[] {
  const files = readdirSync(join(dir, 'records'), { recursive: true, encoding: 'utf8' })
  return files
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(dir, 'records', f), 'utf8')) as RunRecord)
}

interface ReportJson {
  simulated: boolean
  clusterId: string
  recordCount: number
  distros: string[]
  history: { nights: number; notes: string[] }
  leftOut: string[]
  matrix: unknown[]
}

function reportOf(runId: number): { md: string; json: ReportJson; html: string } {
  const all = artifactsOf(runId)
  const zipped = all.find((a) => a.name === `rk1-report-${CLUSTER}`)
  expect(zipped?.finalized).toBe(true)
  const dir = unzipped(zipped!)
  const html = all.find((a) => a.name === 'report.html')
  return {
    md: readFileSync(join(dir, 'report.md'), 'utf8'),
    json: JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as ReportJson,
    html: html?.bytes.toString('utf8') ?? ''
  }
}

describe('nightly.yml on the lab (SIMULATED) with the fake GitHub services', () => {
  let first: Night
  let second: Night
  const started = Date.now()
  const wall: Record<string, number> = {}

  beforeAll(async () => {
    first = await runNight(5001)
    wall.first = Date.now() - started
  }, NIGHT_MS)

  afterAll(() => {
    // The figures the report of the change quotes (no timing assertion: the machine is shared).
    console.log(`nightly.yml wall time (ms): ${JSON.stringify(wall)}`)
    console.log(`job starts (ms into each night): ${JSON.stringify(jobStarts)}`)
  })

  describe('a scheduled night: Talos, then K3s, then the report', () => {
    it('runs every job of both distros in order and the report', () => {
      expect(failures(first.jobs)).toEqual([])
      expect(results(first.jobs)).toEqual({
        clusters: 'success',
        'talos-provision': 'success',
        'talos-deploy': 'success',
        'talos-benchmark': 'success',
        'talos-wipe': 'success',
        'k3s-provision': 'success',
        'k3s-deploy': 'success',
        'k3s-benchmark': 'success',
        'k3s-wipe': 'success',
        report: 'success'
      })
      // Nothing is missing, so the step that says what is missing does not run.
      expect(step(first.jobs, 'report', 'Say which distro is missing')?.outcome).toBe('skipped')
    })

    it("benchmarks each distro in the asked mode with the inventory's image and uploads its records", () => {
      for (const distro of ['talos', 'k3s']) {
        const name = `rk1-bench-${distro}-${CLUSTER}-${first.runId}-1`
        const artifact = artifactsOf(first.runId).find((a) => a.name === name)
        expect(artifact?.finalized).toBe(true)
        const bench = step(first.jobs, `${distro}-benchmark`, 'benchmark')
        expect(bench?.stdout).toContain(
          `Benchmark image ${IMAGE} (the inventory's versions.benchmarkImage)`
        )
        const outputs = bench?.outputs ?? {}
        expect(outputs['artifact-id']).toBe(String(artifact?.id))
        const dir = unzipped(artifact!)
        const result = JSON.parse(readFileSync(join(dir, 'result.json'), 'utf8')) as {
          simulated: boolean
          mode: string
          distro: string
          nodes: { name: string; status: string }[]
        }
        expect(result).toMatchObject({ simulated: true, mode: 'quick', distro })
        expect(result.nodes.map((n) => n.status)).toEqual(['ok', 'ok', 'ok', 'ok'])
        const records = recordsIn(dir)
        expect(records.length).toBeGreaterThan(10)
        for (const r of records) {
          expect(r.simulated).toBe(true)
          expect(r.cluster.cluster_id).toBe(CLUSTER)
          expect(r.suite_id).toBe(`${first.runId}-1`)
          expect(r.source?.workflow).toBe('nightly.yml')
          expect(r.source?.trigger).toBe('workflow_dispatch')
        }
        // The mode the dispatch asked for reached the harness.
        const methods = records
          .filter((r) => r.status === 'ok')
          .map((r) => (r.method as { mode?: string } | undefined) ?? {})
        expect(methods.length).toBeGreaterThan(0)
        expect(methods.every((m) => m.mode === 'quick')).toBe(true)
      }
    })

    it('keeps every hardware job result, SIMULATED, as rk1-result-* artifacts of the run', () => {
      const names = artifactsOf(first.runId)
        .map((a) => a.name)
        .filter((n) => n.startsWith('rk1-result-'))
        .sort()
      expect(names).toEqual(
        ['deploy-workloads', 'provision', 'wipe']
          .flatMap((c) => ['k3s', 'talos'].map((d) => `rk1-result-${c}-${CLUSTER}-${d}`))
          .sort()
      )
      for (const name of names) {
        const file = readdirSync(join(artifactsDir, name))[0] as string
        const result = JSON.parse(readFileSync(join(artifactsDir, name, file), 'utf8')) as {
          simulated: boolean
        }
        expect(result.simulated).toBe(true)
      }
    })

    it("reports both distros from this run's artifacts, SIMULATED, and uploads the report", () => {
      const { md, json, html } = reportOf(first.runId)
      const benchRecords = ['talos', 'k3s']
        .map((d) => artifactsOf(first.runId).find((a) => a.name.startsWith(`rk1-bench-${d}-`))!)
        .map((a) => recordsIn(unzipped(a)).length)
      expect(json).toMatchObject({ simulated: true, clusterId: CLUSTER, distros: ['k3s', 'talos'] })
      expect(json.recordCount).toBe(benchRecords[0]! + benchRecords[1]!)
      expect(json.matrix.length).toBeGreaterThan(10)
      expect(md).toMatch(/^# rk1 benchmark report \(SIMULATED\)/)
      expect(md).toContain(`${json.recordCount} record(s) from k3s and talos of cluster ${CLUSTER}`)
      expect(md).not.toContain('the other side of the comparison is missing')
      expect(html).toMatch(/^<!doctype html>/)
      expect(html).toContain('SIMULATED')
      const summary = first.jobs['report']?.legs[0]?.summary ?? ''
      expect(summary).toContain('rk1 benchmark report (SIMULATED)')
      expect(summary).toContain('Talos vs K3s')
      const outputs = step(first.jobs, 'report', 'report')?.outputs ?? {}
      expect(outputs['artifact-id']).toBe(
        String(artifactsOf(first.runId).find((a) => a.name === `rk1-report-${CLUSTER}`)?.id)
      )
    })

    it('reads the earlier nights of nightly.yml and never mixes real records into SIMULATED ones', () => {
      const { md, json } = reportOf(first.runId)
      expect(json.history.nights).toBe(0)
      expect(md).toContain('history: none yet (first night)')
      expect(md).toContain('1 earlier run(s) had no rk1-bench-* artifact')
      const realTalos = night({ night: 0 }).filter((r) => r.cluster.distro === 'talos').length
      expect(json.leftOut).toContain(`${realTalos} real record(s) of the history left out.`)
      // History came through the REST API with the job's token: the earlier runs' artifacts.
      const listed = gh.state.requests.filter((r) =>
        /\/actions\/runs\/(4001|4002)\/artifacts$/.test(r.path)
      )
      expect(listed.length).toBeGreaterThanOrEqual(2)
    })

    it('opens no regression issue for SIMULATED results, and prints no secret', () => {
      expect(gh.state.issues.filter((i) => i.labels.includes('rk1-regression'))).toEqual([])
      const alerts = step(first.jobs, 'report', 'report')?.outputs.alerts ?? ''
      expect(Array.isArray(JSON.parse(alerts))).toBe(true)
      const text = Object.values(first.jobs)
        .flatMap((j) =>
          j.legs.flatMap((l) => [l.summary, ...l.steps.map((s) => s.stdout + s.stderr)])
        )
        .join('\n')
        .replace(/^::add-mask::.*$/gm, '')
      expect(text).toContain('SIMULATED')
      for (const secret of [lab.env.RK1_BMC_PASSWORD as string, gh.token, 'lab-grafana-admin'])
        expect(text).not.toContain(secret)
      expect(text).not.toContain(sshKey.split('\n')[1] as string)
    })
  })

  describe('the next night Talos provision fails (lab BMC fault): K3s still runs', () => {
    beforeAll(async () => {
      const t0 = Date.now()
      // Every flash of the Talos provision fails: the BMC no longer finds the modules' USB.
      second = await runNight(5002, (id) => {
        if (id === 'talos-provision')
          lab.bmc.faults.inject({ kind: 'deviceNotFound' }, { persistent: true })
        if (id === 'talos-wipe') lab.bmc.faults.clear('deviceNotFound')
      })
      wall.second = Date.now() - t0
    }, NIGHT_MS)

    it('skips the rest of Talos, still wipes it, runs K3s and the report', () => {
      expect(results(second.jobs)).toEqual({
        clusters: 'success',
        'talos-provision': 'failure',
        'talos-deploy': 'skipped',
        'talos-benchmark': 'skipped',
        'talos-wipe': 'success',
        'k3s-provision': 'success',
        'k3s-deploy': 'success',
        'k3s-benchmark': 'success',
        'k3s-wipe': 'success',
        report: 'success'
      })
      expect(failures(second.jobs)).toEqual([
        expect.stringMatching(
          /^talos-provision\/provision\n[\s\S]*::error::Talos provisioning did not finish: slot 1 \(lab-cp1\) failed;[\s\S]*the BMC could not find the module's USB interface/
        )
      ])
      // The failed provision still kept its result for the run.
      const kept = JSON.parse(
        readFileSync(
          join(artifactsDir, `rk1-result-provision-${CLUSTER}-talos`, 'provision.json'),
          'utf8'
        )
      ) as { simulated: boolean }
      expect(kept.simulated).toBe(true)
    })

    it('uploads only the K3s records', () => {
      const bench = artifactsOf(second.runId)
        .map((a) => a.name)
        .filter((n) => n.startsWith('rk1-bench-'))
      expect(bench).toEqual([`rk1-bench-k3s-${CLUSTER}-${second.runId}-1`])
    })

    it('says in the report and the summary that the Talos side is missing', () => {
      const { md, json } = reportOf(second.runId)
      expect(json).toMatchObject({ simulated: true, distros: ['k3s'] })
      expect(md).toContain(
        'Only k3s sent results this run: the other side of the comparison is missing.'
      )
      const missing = step(second.jobs, 'report', 'Say which distro is missing')
      expect(missing?.outcome).toBe('success')
      expect(missing?.stdout).toContain(
        '::warning::Incomplete comparison: talos benchmark skipped, k3s benchmark success'
      )
      expect(second.jobs['report']?.legs[0]?.summary).toContain(
        '> Incomplete comparison: talos benchmark **skipped**, k3s benchmark **success**.'
      )
    })

    it("takes the first night's SIMULATED records as its history", () => {
      const { md, json } = reportOf(second.runId)
      expect(json.history.nights).toBe(1)
      expect(md).toContain('history: 1 earlier night(s)')
      expect(gh.state.issues.filter((i) => i.labels.includes('rk1-regression'))).toEqual([])
    })
  })
})

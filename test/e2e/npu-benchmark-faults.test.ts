// End to end, the paths a benchmark run takes when something goes wrong, through the BUILT CLI and
// action bundle with the real kubectl against a lab Kubernetes API whose rk1-bench pods run the
// repository's harness (SIMULATED engines): a node that throttles during its workloads, a benchmark
// image the registry does not have, a node that goes NotReady mid-run, and a run that is cancelled
// with SIGINT/SIGTERM (the way Ctrl-C and the Actions runner's cancel end a process).
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { execFile, spawn } from 'node:child_process'
import { promisify } from 'node:util'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { KubeApiEmulator } from '../../src/lab/kube/index'
import { startBenchCluster } from '../helpers/bench-cluster'
import { loadRecords } from '../../src/report/load'
import { repoRoot, runBundle, runCli } from '../helpers/action-runner'
import { startFakeGitHub } from '../helpers/fake-github'
import { kubeTools } from '../helpers/kube-tools'

const NET = 7
const IMAGE = 'ghcr.io/example/rk1-bench@sha256:' + 'b'.repeat(64)
/** A digest the lab's registry does not have (fault missingImages). */
const MISSING = 'ghcr.io/example/rk1-bench@sha256:' + 'd'.repeat(64)

let emu: KubeApiEmulator
let dir: string

const env = (extra: Record<string, string> = {}) => ({
  PATH: `${path.join(repoRoot, '.tools/bin')}${path.delimiter}${process.env.PATH ?? ''}`,
  RK1_CACHE_DIR: path.join(dir, 'cache'),
  ...extra
})

/** CLI arguments of one run; `name` keeps each run's results, summary and outputs apart. */
function benchArgs(name: string, extra: string[] = []): string[] {
  return [
    'npu-benchmark',
    '--inventory',
    path.join(dir, 'cluster.yaml'),
    '--kubeconfig-path',
    path.join(dir, 'kubeconfig'),
    '--distro',
    'k3s',
    '--cooldown',
    '0',
    '--timeout',
    '600',
    '--results-dir',
    path.join(dir, name, 'results'),
    '--summary-file',
    path.join(dir, name, 'summary.md'),
    '--output-file',
    path.join(dir, name, 'outputs.json'),
    ...extra
  ]
}

const kubectl = (...args: string[]) =>
  promisify(execFile)(kubeTools().kubectl, ['--kubeconfig', path.join(dir, 'kubeconfig'), ...args])

const outputsOf = (name: string) =>
  JSON.parse(readFileSync(path.join(dir, name, 'outputs.json'), 'utf8')) as Record<string, string>

interface Result {
  status: string
  simulated: boolean
  nodes: { name: string; status: string; failures: string[] }[]
  records: {
    node: string
    workload: string
    variant: string
    status: string
    reason?: string
    throttled: boolean
  }[]
}

interface Signalled {
  code: number | null
  /** Lock files there when the first signal went out (the run held the cluster lock). */
  locksAtSignal: string[]
  stdout: string
  stderr: string
}

/**
 * Starts `node <script> ...args` and, once the first suite of some node has finished (its log is
 * in the results folder), sends the signals one after the other, as Ctrl-C or the runner does.
 */
async function runAndSignal(
  script: string,
  args: string[],
  o: {
    env: Record<string, string>
    resultsDir: string
    lockDir: string
    signals: NodeJS.Signals[]
    /** When to signal (default: once a suite's log is in the results folder). */
    when?: () => boolean
  }
): Promise<Signalled> {
  const child = spawn(process.execPath, [path.join(repoRoot, 'dist', script), ...args], {
    cwd: dir,
    env: { HOME: dir, RK1_OFFLINE: '1', ...o.env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  const exited = new Promise<number | null>((done) => child.on('close', done))
  let running = true
  void exited.then(() => (running = false))
  const logs = path.join(o.resultsDir, 'logs')
  const when = o.when ?? (() => existsSync(logs) && readdirSync(logs).length > 0)
  while (running && !when()) await new Promise((r) => setTimeout(r, 100))
  const locksAtSignal = lockFiles(o.lockDir)
  for (const [i, signal] of o.signals.entries()) {
    if (i > 0) await new Promise((r) => setTimeout(r, 1000))
    if (running) child.kill(signal)
  }
  const killer = setTimeout(() => child.kill('SIGKILL'), 60_000)
  const code = await exited
  clearTimeout(killer)
  return { code, locksAtSignal, stdout, stderr }
}

const lockFiles = (lockDir: string) =>
  existsSync(lockDir) ? readdirSync(lockDir).filter((f) => f.endsWith('.lock')) : []

/** After a cancel: nothing of the run left in the cluster, and the cluster lock released. */
function expectCleanedUp(r: Signalled, lockDir: string): void {
  expect(emu.objects({ kind: 'Job', namespace: 'rk1-bench' })).toEqual([])
  expect(emu.objects({ kind: 'Pod', namespace: 'rk1-bench' })).toEqual([])
  expect(emu.objects({ kind: 'Namespace', name: 'rk1-bench' })).toEqual([])
  expect(r.locksAtSignal).toEqual(['lab@127.0.0.1_443.lock'])
  expect(lockFiles(lockDir)).toEqual([])
}

/** result.json after a cancel: finished work measured, the rest skipped because of the cancel. */
function expectCancelledResult(resultsDir: string): Result {
  const result = JSON.parse(readFileSync(path.join(resultsDir, 'result.json'), 'utf8')) as Result
  expect(result.status).toBe('cancelled')
  const measured = result.records.filter((x) => x.status === 'ok')
  expect(measured.length).toBeGreaterThan(0)
  const rest = result.records.filter((x) => x.status !== 'ok')
  expect(rest.length).toBeGreaterThan(0)
  for (const x of rest)
    expect({ status: x.status, reason: x.reason }).toEqual({
      status: 'skipped',
      reason: expect.stringMatching(/^(cancelled while it ran|not run: the run was cancelled) /)
    })
  return result
}

beforeAll(async () => {
  ;({ emu, dir } = await startBenchCluster('rk1-npu-bench-faults-', { net: NET }))
})

afterAll(async () => {
  await emu.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('npu-benchmark faults (built CLI) on a lab cluster', () => {
  test('throttling: records degraded with the evidence, summary flag, exit 0, report flags it', async () => {
    await kubectl('annotate', 'node', 'lab-w1', 'lab.rk1/bench-fault=throttle', '--overwrite')
    const r = await runCli(
      benchArgs('throttle', [
        '--benchmark-image',
        IMAGE,
        '--suites',
        'npu',
        '--nodes',
        'lab-w1,lab-w2'
      ]),
      { env: env({ RK1_RUN_ID: 'hot-1' }), cwd: dir, timeoutMs: 240_000 }
    )
    await kubectl('annotate', 'node', 'lab-w1', 'lab.rk1/bench-fault-')
    expect(r.stderr).toBe('')
    expect(r.exitCode).toBe(0)
    const result = JSON.parse(outputsOf('throttle').result ?? '') as Result
    expect(result.status).toBe('degraded')
    expect(result.nodes.map((n) => [n.name, n.status])).toEqual([
      ['lab-w1', 'degraded'],
      ['lab-w2', 'ok']
    ])
    const hot = result.records.filter((x) => x.node === 'lab-w1')
    expect(hot.length).toBeGreaterThanOrEqual(6)
    expect(hot.length).toBe(result.records.filter((x) => x.node === 'lab-w2').length)
    for (const x of hot) {
      expect(x.status).toBe('degraded')
      expect(x.throttled).toBe(true)
    }
    expect(result.records.filter((x) => x.node === 'lab-w2').every((x) => x.status === 'ok')).toBe(
      true
    )
    // The record: the flag, the zone past its trip, its maximum, the cpufreq cap.
    const loaded = await loadRecords([path.join(dir, 'throttle', 'results')])
    expect(loaded.bad).toEqual([])
    const rec = loaded.records.find(
      (x) => x.node.name === 'lab-w1' && x.workload.variant === 'npu-core0'
    )
    const telemetry = rec?.telemetry as {
      idle_temp_c: Record<string, number>
      throttled: boolean
      throttle_evidence: string[]
      max_temp_c: Record<string, number>
      min_cur_khz: Record<string, number>
    }
    expect(telemetry.throttled).toBe(true)
    expect(telemetry.throttle_evidence.join('\n')).toMatch(
      /bigcore0-thermal reached \d+\.\d °C \(passive trip 85\.0 °C\)/
    )
    expect(telemetry.throttle_evidence.join('\n')).toMatch(
      /policy4 scaling_max_freq \d+ kHz < cpuinfo_max_freq 2352000 kHz/
    )
    // The first workload of the node: the zone was below its trip at the first sample, past it later.
    expect(telemetry.idle_temp_c['bigcore0-thermal']).toBeLessThan(85)
    expect(telemetry.max_temp_c['bigcore0-thermal']).toBeGreaterThanOrEqual(85)
    expect(telemetry.min_cur_khz.policy4).toBeLessThan(2352000)
    expect(rec?.status).toBe('degraded')
    expect(rec?.reason).toMatch(/^throttled: /)
    // The summary: the row is there, flagged; the log warns.
    const summary = readFileSync(path.join(dir, 'throttle', 'summary.md'), 'utf8')
    expect(summary).toMatch(/\| lab-w1 \| resnet50 \| npu-core0 \| degraded \|[^\n]*\| ⚠ yes \|/)
    expect(summary).toMatch(/\| lab-w2 \| resnet50 \| npu-core0 \| ok \|[^\n]*\| no \|/)
    expect(summary).toContain('### Throttled')
    expect(r.stdout).toMatch(/lab-w1: \d+ record\(s\) throttled \(resnet50\/npu-core0/)
    // report: the degraded records are compared with the ⚠ throttled flag.
    const out = path.join(dir, 'throttle', 'report')
    const rep = await runCli(
      ['report', '--results', path.join(dir, 'throttle', 'results'), '--report-dir', out],
      { env: env({ RK1_RUN_ID: 'hot-1' }), cwd: dir }
    )
    expect(rep.stderr).toBe('')
    expect(rep.exitCode).toBe(0)
    const md = readFileSync(path.join(out, 'report.md'), 'utf8')
    expect(md).toContain('⚠ throttled (lab-w1)')
    expect(md).toContain('⚠ degraded (lab-w1)')
    expect(emu.objects({ kind: 'Namespace', name: 'rk1-bench' })).toEqual([])
  }, 270_000)

  test('image pull failure, action bundle: one error naming the image with the advice, fast, Jobs gone', async () => {
    emu.faults.missingImages = [MISSING]
    const gh = await startFakeGitHub()
    const run = gh.state.addRun({ id: 4242 })
    // The Jobs' deadline (timeout) is 10 min; this test's own limit is far below it.
    const r = await runBundle(
      'npu-benchmark.mjs',
      {
        inventory: path.join(dir, 'cluster.yaml'),
        kubeconfig: emu.kubeconfig(),
        distro: 'k3s',
        'benchmark-image': MISSING,
        suites: 'npu,cpu',
        cooldown: '0',
        timeout: '600',
        'results-dir': path.join(dir, 'pull', 'results')
      },
      { env: env(gh.env(run.id)), timeoutMs: 150_000 }
    )
    emu.faults.missingImages = []
    const artifacts = gh.state.artifacts.map((a) => [a.name, a.finalized])
    await gh.close()
    expect(r.exitCode).toBe(1)
    const errors = r.stdout.split('\n').filter((l) => l.startsWith('::error::'))
    expect(errors.length).toBe(1)
    const error = decodeURIComponent(errors[0]!)
    expect(error).toContain(
      `::error::The benchmark image ${MISSING} could not be pulled on 4 node(s): lab-cp1, lab-w1, lab-w2, lab-w3; nothing ran there.`
    )
    expect(error).toMatch(/Seen: lab-cp1: ErrImagePull: rpc error: code = NotFound .*: not found/)
    expect(error).toMatch(
      /What to do: Set benchmark-image to an image the registry has, pinned by its digest/
    )
    expect(error).toContain('registry credentials on the nodes')
    // Each node tried its first suite only; the rest is failed without a Job.
    const result = JSON.parse(r.outputs.result ?? '') as Result
    expect(result.status).toBe('failed')
    expect(result.nodes.every((n) => n.status === 'failed')).toBe(true)
    for (const node of ['lab-cp1', 'lab-w1', 'lab-w2', 'lab-w3']) {
      const mine = result.records.filter((x) => x.node === node)
      expect(mine.map((x) => [x.variant, x.status])).toEqual([
        ['npu-suite', 'failed'],
        ['cpu-suite', 'failed']
      ])
      expect(mine[0]!.reason).toMatch(
        new RegExp(
          `^the benchmark image .* could not be pulled on ${node}: ErrImagePull: .*not found`
        )
      )
      expect(mine[1]!.reason).toBe(
        `not run: the benchmark image ${MISSING} could not be pulled on ${node} (npu suite)`
      )
      expect(r.stdout).not.toContain(`${node}: cpu suite (Job`)
    }
    // The records and the events that say why are kept and uploaded; nothing is left running.
    expect(artifacts).toEqual([['rk1-bench-k3s-lab-4242-1', true]])
    const loaded = await loadRecords([path.join(dir, 'pull', 'results')])
    expect(loaded.bad).toEqual([])
    const w1 = loaded.records.find((x) => x.node.name === 'lab-w1' && x.workload.id === 'npu')
    expect(String((w1 as { evidence?: string } | undefined)?.evidence)).toMatch(
      /Failed: Failed to pull image/
    )
    expect(emu.objects({ kind: 'Job', namespace: 'rk1-bench' })).toEqual([])
    expect(emu.objects({ kind: 'Pod', namespace: 'rk1-bench' })).toEqual([])
    expect(emu.objects({ kind: 'Namespace', name: 'rk1-bench' })).toEqual([])
  }, 180_000)

  test('cancel, CLI: SIGINT mid-run removes Jobs, pods and namespace, keeps the records, exit 1', async () => {
    const resultsDir = path.join(dir, 'cancel-cli', 'results')
    const r = await runAndSignal('cli.mjs', benchArgs('cancel-cli', ['--benchmark-image', IMAGE]), {
      env: env({ RK1_RUN_ID: 'cancel-1' }),
      resultsDir,
      lockDir: path.join(dir, 'cache', 'locks'),
      signals: ['SIGINT']
    })
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(
      /^rk1 npu-benchmark failed: The run was cancelled: \d+ record\(s\) of finished work kept in .*; the benchmark Jobs and the namespace rk1-bench were removed\./
    )
    expect(r.stdout).toContain('Cancelled: removing the benchmark Jobs and the namespace.')
    expectCleanedUp(r, path.join(dir, 'cache', 'locks'))
    const result = expectCancelledResult(resultsDir)
    expect(result.nodes.some((n) => n.status === 'cancelled')).toBe(true)
    // Every record in result.json is on disk, valid, and what was measured is there in full.
    const loaded = await loadRecords([resultsDir])
    expect(loaded.bad).toEqual([])
    expect(loaded.records.length).toBe(result.records.length)
    expect(loaded.records.filter((x) => x.status === 'ok').length).toBe(
      result.records.filter((x) => x.status === 'ok').length
    )
    expect(readFileSync(path.join(dir, 'cancel-cli', 'summary.md'), 'utf8')).toContain(
      'Cancelled: the records of the work that finished are kept'
    )
  }, 120_000)

  test('cancel, action bundle: SIGINT then SIGTERM (the runner) cleans up, uploads what it kept', async () => {
    const gh = await startFakeGitHub()
    const run = gh.state.addRun({ id: 5151 })
    const work = mkdtempSync(path.join(dir, 'cancel-action-'))
    const output = path.join(work, 'github_output')
    const summary = path.join(work, 'step_summary')
    writeFileSync(output, '')
    writeFileSync(summary, '')
    const resultsDir = path.join(dir, 'cancel-action', 'results')
    const inputs: Record<string, string> = {
      inventory: path.join(dir, 'cluster.yaml'),
      kubeconfig: emu.kubeconfig(),
      distro: 'k3s',
      'benchmark-image': IMAGE,
      cooldown: '0',
      timeout: '600',
      'results-dir': resultsDir
    }
    const r = await runAndSignal('npu-benchmark.mjs', [], {
      env: env({
        ...gh.env(run.id),
        GITHUB_OUTPUT: output,
        GITHUB_STEP_SUMMARY: summary,
        RUNNER_TEMP: path.join(work, 'runner-temp'),
        RUNNER_TOOL_CACHE: path.join(work, 'tool-cache'),
        ...Object.fromEntries(
          Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])
        )
      }),
      resultsDir,
      lockDir: path.join(work, 'tool-cache', 'rk1', 'locks'),
      signals: ['SIGINT', 'SIGTERM']
    })
    const artifacts = gh.state.artifacts.map((a) => [a.name, a.finalized])
    await gh.close()
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(
      /::error::The run was cancelled: \d+ record\(s\) of finished work kept/
    )
    expectCleanedUp(r, path.join(work, 'tool-cache', 'rk1', 'locks'))
    expectCancelledResult(resultsDir)
    expect(artifacts).toEqual([['rk1-bench-k3s-lab-5151-1', true]])
    expect(readFileSync(summary, 'utf8')).toContain('Cancelled: the records of the work')
  }, 120_000)

  // Last: the node keeps its unreachable taint afterwards.
  test('a node that goes NotReady mid-run fails alone, in seconds, the others measured', async () => {
    const resultsDir = path.join(dir, 'lost', 'results')
    const cpuJobOn = (node: string) =>
      emu
        .objects({ kind: 'Pod', namespace: 'rk1-bench' })
        .some(
          (p) =>
            p.metadata.labels?.['rk1.bench/node'] === node &&
            p.metadata.labels['rk1.bench/suite'] === 'cpu' &&
            (p.status as { phase?: string } | undefined)?.phase === 'Running'
        )
    let stopped = false
    const r = await runAndSignal(
      'cli.mjs',
      benchArgs('lost', [
        '--benchmark-image',
        IMAGE,
        '--suites',
        'npu,cpu,storage',
        '--nodes',
        'lab-w1,lab-w3'
      ]),
      {
        env: env({ RK1_RUN_ID: 'lost-1' }),
        resultsDir,
        lockDir: path.join(dir, 'cache', 'locks'),
        signals: [],
        // The kubelet of lab-w3 stops while its CPU suite runs (power or network lost).
        when: () => {
          if (!stopped && cpuJobOn('lab-w3')) {
            emu.stopKubelet('lab-w3')
            stopped = true
          }
          return stopped
        }
      }
    )
    expect(stopped).toBe(true)
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(
      /^rk1 npu-benchmark failed: 1 node\(s\) failed: lab-w3; the other nodes' results stand\./
    )
    expect(r.stderr).toContain(
      'lab-w3: cpu: the benchmark Job failed: node lab-w3 went NotReady while the Job ran (NodeStatusUnknown: Kubelet stopped posting node status.)'
    )
    const result = JSON.parse(outputsOf('lost').result ?? '') as Result
    expect(result.status).toBe('failed')
    expect(result.nodes.map((n) => [n.name, n.status])).toEqual([
      ['lab-w1', 'ok'],
      ['lab-w3', 'failed']
    ])
    const lost = result.records.filter((x) => x.node === 'lab-w3')
    // NPU finished before the kubelet stopped: measured. CPU: failed with the reason. Storage: not tried.
    expect(lost.filter((x) => x.variant.startsWith('npu')).every((x) => x.status === 'ok')).toBe(
      true
    )
    const failed = lost.filter((x) => x.status === 'failed')
    expect(failed.map((x) => x.variant)).toEqual([expect.stringMatching(/^cpu/), 'storage-suite'])
    expect(failed[0]!.reason).toMatch(/^the benchmark Job failed: node lab-w3 went NotReady/)
    expect(failed[1]!.reason).toBe('not run: node lab-w3 went NotReady during the cpu suite')
    expect(result.records.filter((x) => x.node === 'lab-w1').every((x) => x.status === 'ok')).toBe(
      true
    )
    expect(r.stdout).not.toContain('lab-w3: storage suite (Job')
    const loaded = await loadRecords([resultsDir])
    expect(loaded.bad).toEqual([])
    expect(emu.objects({ kind: 'Job', namespace: 'rk1-bench' })).toEqual([])
    expect(emu.objects({ kind: 'Pod', namespace: 'rk1-bench' })).toEqual([])
    expect(emu.objects({ kind: 'Namespace', name: 'rk1-bench' })).toEqual([])
  }, 150_000)
})

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { DemoResult } from '../../src/cli/demo-life'
import { repoRoot } from '../helpers/action-runner'

// The README's main command as a newcomer runs it: the whole life on a fresh lab, through the
// built CLI. It runs in a network namespace that has nothing but loopback (unshare -n), so any
// attempt to reach beyond 127.0.0.0/8 fails the demo, and with it this test.

interface Run {
  exitCode: number | null
  stdout: string
  stderr: string
}

function demoWithLoopbackOnly(args: string[]): Promise<Run> {
  const script = 'ip link set lo up && exec "$0" "$@"'
  const child = spawn(
    'unshare',
    ['--net', 'sh', '-c', script, process.execPath, join(repoRoot, 'dist', 'cli.mjs'), ...args],
    {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', RK1_OFFLINE: '1' },
      stdio: ['ignore', 'pipe', 'pipe']
    }
  )
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  const timer = setTimeout(() => child.kill('SIGKILL'), 240_000)
  return new Promise((done) =>
    child.on('close', (exitCode) => {
      clearTimeout(timer)
      done({ exitCode, stdout, stderr })
    })
  )
}

const count = (text: string, pattern: RegExp): number =>
  (text.match(new RegExp(pattern, 'g')) ?? []).length

describe('rk1 demo', () => {
  let out: string
  let run: Run
  let result: DemoResult
  beforeAll(async () => {
    out = join(mkdtempSync(join(tmpdir(), 'rk1-demo-test-')), 'demo')
    run = await demoWithLoopbackOnly(['demo', '--dir', out])
    if (run.exitCode !== 0) console.log(run.stdout.slice(-20_000), run.stderr)
    result = JSON.parse(readFileSync(join(out, 'demo.json'), 'utf8')) as DemoResult
  }, 300_000)
  afterAll(() => rmSync(join(out, '..'), { recursive: true, force: true }))

  it('runs the whole life with only loopback: every step ok, exit 0, nothing on stderr', () => {
    expect(run.stderr).toBe('')
    expect(run.exitCode).toBe(0)
    expect(result.steps.map((s) => [s.distro ?? '', s.command.split(' ')[1], s.status])).toEqual([
      ['talos', 'provision', 'ok'],
      ['talos', 'deploy-workloads', 'ok'],
      ['talos', 'npu-benchmark', 'ok'],
      ['talos', 'wipe', 'ok'],
      ['k3s', 'provision', 'ok'],
      ['k3s', 'deploy-workloads', 'ok'],
      ['k3s', 'npu-benchmark', 'ok'],
      ['k3s', 'wipe', 'ok'],
      ['', 'report', 'ok']
    ])
    expect(result.totalSeconds).toBeGreaterThan(0)
  })

  it('labels every step SIMULATED and shows what each command did on the lab', () => {
    expect(
      count(run.stdout, /\n=== \d\/9 .+ — SIMULATED \(the rk1 virtual lab\) ===\n\$ rk1 /)
    ).toBe(9)
    expect(run.stdout).toContain('## Provision: talos (SIMULATED: virtual lab, not real hardware)')
    expect(run.stdout).toContain('## Provision: k3s (SIMULATED: virtual lab, not real hardware)')
    expect(count(run.stdout, /Kubernetes nodes Ready: lab-cp1, lab-w1, lab-w2, lab-w3/)).toBe(2)
    expect(count(run.stdout, /\| kube-prometheus-stack \| [\d.]+ \| installed \|/)).toBe(2)
    // Each benchmark measured every node, SIMULATED.
    for (const distro of ['talos', 'k3s']) {
      const outputs = JSON.parse(
        readFileSync(join(out, distro, 'outputs', 'npu-benchmark.json'), 'utf8')
      ) as { result: string; 'results-dir': string }
      const bench = JSON.parse(outputs.result) as {
        simulated: boolean
        nodes: { name: string; status: string }[]
      }
      expect(bench.simulated).toBe(true)
      expect(bench.nodes.map((n) => [n.name, n.status])).toEqual(
        ['lab-cp1', 'lab-w1', 'lab-w2', 'lab-w3'].map((n) => [n, 'ok'])
      )
      expect(outputs['results-dir']).toBe(join(out, distro, 'bench'))
    }
    // Each wipe found its own cluster on all four nodes, wiped them and saw them off at the BMC.
    for (const distro of ['talos', 'k3s']) {
      const outputs = JSON.parse(readFileSync(join(out, distro, 'outputs', 'wipe.json'), 'utf8'))
      const wiped = JSON.parse(outputs.result as string) as {
        simulated: boolean
        nodes: { found: string; result: string; power: string }[]
      }
      expect(wiped.simulated).toBe(true)
      expect(wiped.nodes.map((n) => [n.found, n.result, n.power])).toEqual(
        Array(4).fill([`ours-${distro}`, 'wiped', 'off'])
      )
    }
  })

  it('ends with each step ok and its time, where the report is, and keeps its folder', () => {
    const tail = run.stdout.slice(
      run.stdout.indexOf('=== What happened (SIMULATED: the rk1 virtual lab, not real hardware)')
    )
    for (const title of [
      'Provision Talos on all four nodes',
      'Deploy the workloads on Talos',
      'Benchmark NPU, CPU, storage and LLM on Talos (quick)',
      'Wipe the Talos cluster (nodes powered off)',
      'Provision K3s on all four nodes',
      'Deploy the workloads on K3s',
      'Benchmark NPU, CPU, storage and LLM on K3s (quick)',
      'Wipe the K3s cluster (nodes powered off)',
      'Report over Talos and K3s'
    ])
      expect(tail).toMatch(new RegExp(`\\nok +\\d+\\.\\d s  ${title.replace(/[()]/g, '\\$&')} `))
    expect(tail).toMatch(/\n +\d+\.\d s {2}in all\n/)
    const report = join(out, 'report')
    for (const file of ['report.html', 'report.md', 'report.json', 'alerts.json'])
      expect(existsSync(join(report, file))).toBe(true)
    expect(tail).toContain(`  HTML      ${join(report, 'report.html')}\n`)
    expect(tail).toContain(`  Markdown  ${join(report, 'report.md')}\n`)
    expect(tail).toContain(`Everything the demo wrote stays in ${out}:`)
    // The lab's folder stays with the inventory and lab.env the closing line points at.
    expect(tail).toContain(`its inventory and lab.env stay in ${join(out, 'lab')}.`)
    expect(existsSync(join(out, 'lab', 'lab.env'))).toBe(true)
    expect(existsSync(join(out, 'lab', 'cluster.yaml'))).toBe(true)
  })

  it('the report compares both distros from their records, SIMULATED in every rendering', () => {
    const report = join(out, 'report')
    const model = JSON.parse(readFileSync(join(report, 'report.json'), 'utf8')) as {
      simulated: boolean
      recordCount: number
      distros: string[]
      clusterId: string
      matrix: { workload: string; variant: string }[]
    }
    expect(model.simulated).toBe(true)
    expect(model.distros).toEqual(['k3s', 'talos'])
    expect(model.clusterId).toBe('rk1-lab')
    expect(model.matrix.length).toBeGreaterThan(10)
    expect(model.matrix.map((r) => r.workload)).toEqual(
      expect.arrayContaining(['resnet50', 'yolov5s', 'fio'])
    )
    // Every record the report counted is one of the records npu-benchmark wrote, per distro.
    const written = ['talos', 'k3s'].map(
      (d) =>
        (
          JSON.parse(readFileSync(join(out, d, 'outputs', 'npu-benchmark.json'), 'utf8')) as {
            result: string
          }
        ).result
    )
    const perDistro = written.map((r) => (JSON.parse(r) as { records: unknown[] }).records.length)
    expect(perDistro.every((n) => n > 0)).toBe(true)
    expect(model.recordCount).toBe(perDistro[0]! + perDistro[1]!)
    expect(result.report).toMatchObject({ records: model.recordCount, simulated: true })
    expect(readFileSync(join(report, 'report.md'), 'utf8')).toMatch(
      /^# rk1 benchmark report \(SIMULATED\)/
    )
    const html = readFileSync(join(report, 'report.html'), 'utf8')
    expect(html).toContain('<title>rk1 benchmark report (SIMULATED)</title>')
    expect(html).toContain('SIMULATED: results of the virtual lab, not of hardware.')
    // The headline matrix is on the screen too, not only in the files.
    expect(run.stdout).toContain('## rk1 benchmark report (SIMULATED)')
    expect(run.stdout).toMatch(
      /\| resnet50 \| npu-core0 \| latency_ms p50 ↓ \| — skipped: no rknpu driver on Talos/
    )
  })

  it('refuses a folder that holds other files, in one line, and leaves it alone', async () => {
    const foreign = mkdtempSync(join(tmpdir(), 'rk1-demo-foreign-'))
    writeFileSync(join(foreign, 'notes.txt'), 'mine\n')
    try {
      const refused = await demoWithLoopbackOnly(['demo', '--dir', foreign, '--distro', 'talos'])
      expect(refused.exitCode).toBe(2)
      expect(refused.stderr).toMatch(/^rk1 demo: .+ holds files that are not an earlier demo's/)
      expect(refused.stderr.trim().split('\n')).toHaveLength(1)
      expect(readdirSync(foreign)).toEqual(['notes.txt'])
    } finally {
      rmSync(foreign, { recursive: true, force: true })
    }
  })
})

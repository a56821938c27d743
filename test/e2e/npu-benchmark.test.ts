// End to end: the BUILT CLI (`rk1 npu-benchmark`, folder artifact store) and action bundle with the
// real kubectl against a lab Kubernetes API of four nodes. Each benchmark pod replays recorded
// harness output (test/helpers/bench-replay.mjs); one node's NPU suite crashes mid-way. Then
// `rk1 report` reads the results folder.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import Ajv from 'ajv'
import addFormats from 'ajv-formats'
import { startKubeApiEmulator, type KubeApiEmulator } from '../../src/lab/kube/index'
import { loadRecords } from '../../src/report/load'
import { repoRoot, runBundle, runCli } from '../helpers/action-runner'
import { startFakeGitHub } from '../helpers/fake-github'
import { labInventoryText } from '../helpers/workloads-inventory'

const FIXTURE = path.join(repoRoot, 'test/fixtures/bench/k3s-all-suites.log')
const REPLAY = path.join(repoRoot, 'test/helpers/bench-replay.mjs')
const NET = 6

let emu: KubeApiEmulator
let dir: string
let crashNode: string | undefined
let cli: { exitCode: number | null; stdout: string; stderr: string }
let outputs: Record<string, string>

const env = (extra: Record<string, string> = {}) => ({
  PATH: `${path.join(repoRoot, '.tools/bin')}${path.delimiter}${process.env.PATH ?? ''}`,
  RK1_CACHE_DIR: path.join(dir, 'cache'),
  ...extra
})

function benchArgs(extra: string[] = []): string[] {
  return [
    'npu-benchmark',
    '--inventory',
    path.join(dir, 'cluster.yaml'),
    '--distro',
    'k3s',
    '--benchmark-image',
    'ghcr.io/example/rk1-bench@sha256:' + 'b'.repeat(64),
    '--suites',
    'npu,cpu,storage',
    '--cooldown',
    '0',
    '--timeout',
    '60',
    ...extra
  ]
}

beforeAll(async () => {
  emu = await startKubeApiEmulator({
    host: '127.0.0.1',
    timeScale: 20,
    readyDelayMs: 400,
    nodeReadyDelayMs: 400,
    resolveJobCommand: (ctx) => {
      if (ctx.namespace !== 'rk1-bench') return ctx.command
      const suite = ctx.command[ctx.command.indexOf('--suites') + 1] ?? ''
      const crash = ctx.nodeName === crashNode && suite === 'npu' ? ['crash'] : []
      return [process.execPath, REPLAY, FIXTURE, suite, ctx.nodeName ?? '', ...crash]
    }
  })
  emu.registerNode('lab-cp1', { ip: '127.0.1.1', roles: ['control-plane'] })
  for (let i = 2; i <= 4; i++) emu.registerNode(`lab-w${i - 1}`, { ip: `127.0.1.${i}` })
  dir = mkdtempSync(path.join(tmpdir(), 'rk1-npu-bench-e2e-'))
  writeFileSync(path.join(dir, 'cluster.yaml'), labInventoryText('', NET))
  writeFileSync(path.join(dir, 'kubeconfig'), emu.kubeconfig())
  cli = await runCli(
    benchArgs([
      '--kubeconfig-path',
      path.join(dir, 'kubeconfig'),
      '--results-dir',
      path.join(dir, 'results'),
      '--output-file',
      path.join(dir, 'outputs.json')
    ]),
    {
      env: env({ RK1_ARTIFACTS_DIR: path.join(dir, 'artifacts'), RK1_RUN_ID: 'night-1' }),
      cwd: dir,
      timeoutMs: 150_000
    }
  )
  outputs = JSON.parse(readFileSync(path.join(dir, 'outputs.json'), 'utf8')) as Record<
    string,
    string
  >
}, 180_000)

afterAll(async () => {
  await emu.close()
  rmSync(dir, { recursive: true, force: true })
})

interface Result {
  simulated: boolean
  nodes: { name: string; status: string; failures: string[] }[]
  records: { node: string; workload: string; variant: string; status: string; p50?: number }[]
}

describe('rk1 npu-benchmark (built CLI) on a lab cluster', () => {
  test('every node measured, SIMULATED, outputs and summary', () => {
    expect(cli.stderr).toBe('')
    expect(cli.exitCode).toBe(0)
    const result = JSON.parse(outputs.result ?? '') as Result
    expect(result.simulated).toBe(true)
    expect(result.nodes.map((n) => [n.name, n.status])).toEqual([
      ['lab-cp1', 'ok'],
      ['lab-w1', 'ok'],
      ['lab-w2', 'ok'],
      ['lab-w3', 'ok']
    ])
    expect(result.records.every((r) => r.status === 'ok')).toBe(true)
    expect(outputs['results-dir']).toBe(path.join(dir, 'results'))
    expect(cli.stdout).toContain('SIMULATED')
  })

  test('records: valid for the published schema, SIMULATED everywhere', async () => {
    const loaded = await loadRecords([path.join(dir, 'results')])
    expect(loaded.bad).toEqual([])
    expect(loaded.records.length).toBeGreaterThan(40)
    const schema = JSON.parse(
      readFileSync(path.join(repoRoot, 'schema/run-record.schema.json'), 'utf8')
    ) as object
    const ajv = new Ajv({ allErrors: true, strict: false })
    addFormats(ajv)
    const validate = ajv.compile(schema)
    for (const r of loaded.records) {
      expect(validate(r)).toBe(true)
      expect(r.simulated).toBe(true)
      expect(r.cluster.simulated).toBe(true)
    }
    const nodes = new Set(loaded.records.map((r) => r.node.name))
    expect([...nodes].sort()).toEqual(['lab-cp1', 'lab-w1', 'lab-w2', 'lab-w3'])
    expect(readdirSync(path.join(dir, 'results', 'logs'))).toContain('lab-w1-storage.log')
  })

  test('the artifact is in the folder store under the run, with every file', () => {
    expect(outputs['artifact-id']).toBe('1')
    const art = path.join(dir, 'artifacts', 'night-1', 'rk1-bench-k3s-lab')
    expect(existsSync(path.join(art, 'result.json'))).toBe(true)
    expect(existsSync(path.join(art, 'records', 'lab-w2', 'resnet50--npu-core0.json'))).toBe(true)
    expect(existsSync(path.join(art, 'logs', 'lab-cp1-npu.log'))).toBe(true)
  })

  test('rk1 report reads the results folder', async () => {
    const out = path.join(dir, 'report')
    const r = await runCli(
      ['report', '--results', path.join(dir, 'results'), '--report-dir', out],
      {
        env: env({ RK1_ARTIFACTS_DIR: path.join(dir, 'artifacts'), RK1_RUN_ID: 'night-1' }),
        cwd: dir
      }
    )
    expect(r.stderr).toBe('')
    expect(r.exitCode).toBe(0)
    const md = readFileSync(path.join(out, 'report.md'), 'utf8')
    expect(md).toMatch(/^# rk1 benchmark report \(SIMULATED\)/)
    expect(md).toContain('resnet50')
    expect(md).toContain('fio-seqread-1m')
  })

  test('action bundle: a node whose NPU Job crashes fails that node only; exit 1 names it; uploaded', async () => {
    crashNode = 'lab-w2'
    const gh = await startFakeGitHub()
    const run = gh.state.addRun({ id: 777 })
    const results = path.join(dir, 'results-crash')
    const r = await runBundle(
      'npu-benchmark.mjs',
      {
        inventory: path.join(dir, 'cluster.yaml'),
        kubeconfig: emu.kubeconfig(),
        distro: 'k3s',
        'benchmark-image': 'rk1-bench:lab',
        suites: 'npu,storage',
        cooldown: '0',
        timeout: '60',
        'results-dir': results
      },
      { env: env(gh.env(run.id, { GITHUB_RUN_ATTEMPT: '2' })), timeoutMs: 150_000 }
    )
    crashNode = undefined
    const artifacts = gh.state.artifacts.map((a) => [a.runId, a.name, a.finalized])
    await gh.close()
    expect(artifacts).toEqual([[777, 'rk1-bench-k3s-lab-777-2', true]])
    expect(r.outputs['artifact-id']).toMatch(/^\d+$/)
    expect(r.exitCode).toBe(1)
    expect(r.stdout).toMatch(
      /::error::1 node\(s\) failed: lab-w2; the other nodes' results stand\./
    )
    const result = JSON.parse(r.outputs.result ?? '') as Result
    expect(result.nodes.filter((n) => n.status === 'failed').map((n) => n.name)).toEqual(['lab-w2'])
    const failed = result.records.filter((x) => x.status === 'failed')
    expect(failed.map((x) => [x.node, x.workload, x.variant])).toEqual([
      ['lab-w2', 'resnet50', 'npu-core012']
    ])
    // lab-w2's storage suite still ran after its NPU crash.
    expect(result.records.filter((x) => x.node === 'lab-w2' && x.status === 'ok').length).toBe(4)
    expect(r.summary).toContain('Failed')
    expect(r.summary).toContain('SIMULATED')
    expect(emu.objects({ kind: 'Job', namespace: 'rk1-bench' })).toEqual([])
  })
})

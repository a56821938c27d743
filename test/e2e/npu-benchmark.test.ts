// End to end: the BUILT CLI (`rk1 npu-benchmark`, folder artifact store) and action bundle (fake
// GitHub artifact service) with the real kubectl against a lab Kubernetes API of four nodes, whose
// rk1-bench pods run the repository's harness (bench-image/harness, SIMULATED engines, real fio).
// K3s: every suite on every node, then `rk1 report` on the results folder. Talos: one node crashes
// (lab fault annotation) and fails alone.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import Ajv from 'ajv'
import addFormats from 'ajv-formats'
import type { KubeApiEmulator } from '../../src/lab/kube/index'
import { startBenchCluster } from '../helpers/bench-cluster'
import { loadRecords } from '../../src/report/load'
import { repoRoot, runBundle, runCli } from '../helpers/action-runner'
import { startFakeGitHub } from '../helpers/fake-github'
import { kubeTools } from '../helpers/kube-tools'

const NET = 6
const IMAGE = 'ghcr.io/example/rk1-bench@sha256:' + 'b'.repeat(64)

let emu: KubeApiEmulator
let dir: string
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
    IMAGE,
    '--cooldown',
    '0',
    '--timeout',
    '60',
    ...extra
  ]
}

beforeAll(async () => {
  ;({ emu, dir } = await startBenchCluster('rk1-npu-bench-e2e-', { net: NET }))
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
      timeoutMs: 240_000
    }
  )
  outputs = JSON.parse(readFileSync(path.join(dir, 'outputs.json'), 'utf8')) as Record<
    string,
    string
  >
}, 270_000)

afterAll(async () => {
  await emu.close()
  rmSync(dir, { recursive: true, force: true })
})

interface Result {
  simulated: boolean
  nodes: { name: string; status: string; failures: string[] }[]
  records: { node: string; workload: string; variant: string; status: string; p50?: number }[]
}

describe('npu-benchmark (built bundles) on a lab cluster', () => {
  test('K3s, CLI: every suite on every node measured, SIMULATED, outputs', () => {
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

  test('Talos, action bundle: a crashing node fails alone, exit 1 names it, NPU skipped, uploaded', async () => {
    // Async: the lab API answers from this very process.
    const kubectl = (...args: string[]) =>
      promisify(execFile)(kubeTools().kubectl, [
        '--kubeconfig',
        path.join(dir, 'kubeconfig'),
        ...args
      ])
    await kubectl('annotate', 'node', 'lab-w2', 'lab.rk1/bench-fault=crash', '--overwrite')
    const gh = await startFakeGitHub()
    const run = gh.state.addRun({ id: 777 })
    const r = await runBundle(
      'npu-benchmark.mjs',
      {
        inventory: path.join(dir, 'cluster.yaml'),
        kubeconfig: emu.kubeconfig(),
        distro: 'talos',
        'benchmark-image': IMAGE,
        cooldown: '0',
        timeout: '60',
        'results-dir': path.join(dir, 'results-talos')
      },
      { env: env(gh.env(run.id, { GITHUB_RUN_ATTEMPT: '2' })), timeoutMs: 240_000 }
    )
    await kubectl('annotate', 'node', 'lab-w2', 'lab.rk1/bench-fault-')
    const artifacts = gh.state.artifacts.map((a) => [a.runId, a.name, a.finalized])
    await gh.close()
    expect(artifacts).toEqual([[777, 'rk1-bench-talos-lab-777-2', true]])
    expect(r.outputs['artifact-id']).toMatch(/^\d+$/)
    expect(r.exitCode).toBe(1)
    expect(r.stdout).toMatch(
      /::error::1 node\(s\) failed: lab-w2; the other nodes' results stand\./
    )
    const result = JSON.parse(r.outputs.result ?? '') as Result
    expect(result.simulated).toBe(true)
    expect(result.nodes.map((n) => [n.name, n.status])).toEqual([
      ['lab-cp1', 'ok'],
      ['lab-w1', 'ok'],
      ['lab-w2', 'failed'],
      ['lab-w3', 'ok']
    ])
    // The crash fault kills each suite's process after its second result: those suites fail.
    const failed = result.records.filter((x) => x.status === 'failed')
    expect(new Set(failed.map((x) => x.node))).toEqual(new Set(['lab-w2']))
    // The LLM suite has two results on Talos too now (its llama.cpp CPU row runs without an NPU).
    expect(failed.map((x) => x.variant).sort()).toEqual([
      'cpu-suite',
      'llm-suite',
      'npu-suite',
      'storage-suite'
    ])
    // Talos has no rknpu: NPU and LLM are skipped with the reason; CPU and storage are measured.
    const cp1 = result.records.filter((x) => x.node === 'lab-cp1')
    const npu = cp1.filter((x) => x.variant.startsWith('npu'))
    // 6 NPU variants in two timing scopes, the Teflon row (no rocket either) and the RKLLM row.
    expect(npu.length).toBe(14)
    for (const x of npu) {
      expect(x.status).toBe('skipped')
      expect((x as { reason?: string }).reason).toMatch(/^no rknpu driver on Talos/)
    }
    expect(cp1.filter((x) => x.status === 'ok').map((x) => x.variant)).toEqual(
      expect.arrayContaining(['cpu-ort-4t', 'fio-seqread-1m', 'fio-randread-4k-qd1'])
    )
    expect(r.summary).toContain('SIMULATED')
    expect(r.summary).toContain('<h3>Failed</h3>')
    expect(r.summary).toContain('<h3>Skipped</h3>')
    const loaded = await loadRecords([path.join(dir, 'results-talos')])
    expect(loaded.bad).toEqual([])
    expect(loaded.records.every((x) => x.cluster.distro === 'talos' && x.simulated)).toBe(true)
    const w2log = readFileSync(path.join(dir, 'results-talos', 'logs', 'lab-w2-cpu.log'), 'utf8')
    expect(w2log).toMatch(/^# rk1 npu-benchmark: suite cpu on lab-w2: failed \(exit 137/)
    expect(emu.objects({ kind: 'Job', namespace: 'rk1-bench' })).toEqual([])
    expect(emu.objects({ kind: 'Namespace', name: 'rk1-bench' })).toEqual([])
  })
})

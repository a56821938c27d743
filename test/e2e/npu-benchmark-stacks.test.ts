// End to end through the BUILT CLI on a lab Kubernetes API of four nodes (real kubectl, the
// repository's harness in the pods, SIMULATED engines): the NPU's two timing scopes and the LLM's
// CPU row on K3s, the Talos NPU through rocket + Mesa Teflon on the one node that has the
// rockchip-rknn extension (lab.rk1/bench-npu=rocket) and skipped on the others, then `rk1 report`
// over both folders: the LLM claim checked by the measured ratio, the Talos NPU row as its stack.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { execFile } from 'node:child_process'
import { readdirSync, readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import type { KubeApiEmulator } from '../../src/lab/kube/index'
import { startBenchCluster } from '../helpers/bench-cluster'
import { loadRecords } from '../../src/report/load'
import type { RunRecord } from '../../src/report/records'
import { repoRoot, runCli } from '../helpers/action-runner'
import { kubeTools } from '../helpers/kube-tools'

const IMAGE = 'ghcr.io/example/rk1-bench@sha256:' + 'c'.repeat(64)

let emu: KubeApiEmulator
let dir: string

const env = () => ({
  PATH: `${path.join(repoRoot, '.tools/bin')}${path.delimiter}${process.env.PATH ?? ''}`,
  RK1_CACHE_DIR: path.join(dir, 'cache'),
  RK1_ARTIFACTS_DIR: path.join(dir, 'artifacts'),
  RK1_RUN_ID: 'stacks-1'
})

async function bench(distro: 'k3s' | 'talos', results: string) {
  const r = await runCli(
    [
      'npu-benchmark',
      '--inventory',
      path.join(dir, 'cluster.yaml'),
      '--kubeconfig-path',
      path.join(dir, 'kubeconfig'),
      '--distro',
      distro,
      '--suites',
      'npu,llm',
      '--benchmark-image',
      IMAGE,
      '--cooldown',
      '0',
      '--timeout',
      '60',
      '--results-dir',
      results
    ],
    { env: env(), cwd: dir, timeoutMs: 240_000 }
  )
  expect(r.stderr).toBe('')
  expect(r.exitCode).toBe(0)
  return (await loadRecords([results])).records
}

const find = (records: RunRecord[], node: string, id: string, variant: string) =>
  records.find(
    (r) => r.node.name === node && r.workload.id === id && r.workload.variant === variant
  )!

let k3s: RunRecord[]
let talos: RunRecord[]

beforeAll(async () => {
  ;({ emu, dir } = await startBenchCluster('rk1-npu-stacks-e2e-', { net: 6 }))
  k3s = await bench('k3s', path.join(dir, 'results-k3s'))
  await promisify(execFile)(kubeTools().kubectl, [
    '--kubeconfig',
    path.join(dir, 'kubeconfig'),
    'annotate',
    'node',
    'lab-w1',
    'lab.rk1/bench-npu=rocket'
  ])
  talos = await bench('talos', path.join(dir, 'results-talos'))
}, 540_000)

afterAll(async () => {
  await emu.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('NPU stacks and scopes, LLM CPU row (built CLI, lab)', () => {
  test('K3s: every NPU variant in both timing scopes, run only below end to end', () => {
    for (const node of ['lab-cp1', 'lab-w1', 'lab-w2', 'lab-w3'])
      for (const v of ['npu-core0', 'npu-core012', 'npu-pool3']) {
        const e2e = find(k3s, node, 'resnet50', v)
        const ro = find(k3s, node, 'resnet50', `${v}-runonly`)
        expect(e2e.method?.timing_scope).toBe('end_to_end')
        expect(ro).toMatchObject({
          status: 'ok',
          simulated: true,
          method: { timing_scope: 'run_only' }
        })
        expect(ro.metrics.latency_ms!.p50!).toBeLessThan(e2e.metrics.latency_ms!.p50!)
      }
  })

  test('K3s: the RKLLM record carries its ratio over the llama.cpp row, its evidence beside it', () => {
    const npu = find(k3s, 'lab-w2', 'tinyllama-1.1b', 'npu-w8a8') as RunRecord & {
      speedup?: { decode_tok_s?: number; baseline: { variant: string } }
    }
    const cpu = find(k3s, 'lab-w2', 'tinyllama-1.1b', 'cpu-llamacpp-q8_0-4t')
    expect(cpu).toMatchObject({ status: 'ok', workload: { engine: 'llama.cpp' } })
    expect(npu.speedup!.baseline.variant).toBe('cpu-llamacpp-q8_0-4t')
    expect(npu.speedup!.decode_tok_s).toBeCloseTo(
      npu.metrics.decode_tok_s!.p50! / cpu.metrics.decode_tok_s!.p50!,
      3
    )
  })

  test('Talos: Teflon on the node with rocket, the existing skipped record elsewhere', () => {
    const teflon = find(talos, 'lab-w1', 'mobilenetv1', 'npu-teflon')
    expect(teflon).toMatchObject({
      status: 'ok',
      simulated: true,
      workload: { engine: 'tflite-teflon' },
      node: { npu: { driver: 'rocket', mesa_version: '25.3.0' } }
    })
    expect(find(talos, 'lab-w1', 'mobilenetv1', 'cpu-tflite-4t').status).toBe('ok')
    expect(find(talos, 'lab-w1', 'resnet50', 'npu-core0').reason).toMatch(
      /^no rknpu driver on Talos \(rocket present: the NPU is measured through Mesa Teflon/
    )
    for (const node of ['lab-cp1', 'lab-w2', 'lab-w3']) {
      expect(find(talos, node, 'resnet50', 'npu-core0').reason).toBe('no rknpu driver on Talos')
      const t = find(talos, node, 'mobilenetv1', 'npu-teflon')
      expect(t.status).toBe('skipped')
      expect(t.reason).toMatch(/^no rknpu driver on Talos, and no rocket driver/)
      expect(
        talos.some((r) => r.node.name === node && r.workload.variant === 'cpu-tflite-4t')
      ).toBe(false)
    }
    // The LLM's CPU row needs no NPU: Talos has it on every node.
    for (const node of ['lab-cp1', 'lab-w1', 'lab-w2', 'lab-w3'])
      expect(find(talos, node, 'tinyllama-1.1b', 'cpu-llamacpp-q8_0-4t').status).toBe('ok')
    const files = readdirSync(path.join(dir, 'results-talos', 'evidence', 'lab-w1'))
    expect(files).toContain('mobilenetv1--npu-teflon.samples.json')
  })

  test('rk1 report: the LLM claim by the measured ratio, the Talos NPU row as Teflon/Rocket', async () => {
    const out = path.join(dir, 'report')
    const r = await runCli(
      [
        'report',
        '--results',
        `${path.join(dir, 'results-k3s')},${path.join(dir, 'results-talos')}`,
        '--report-dir',
        out
      ],
      { env: env(), cwd: dir }
    )
    expect(r.stderr).toBe('')
    expect(r.exitCode).toBe(0)
    const model = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8')) as {
      claims: { id: string; verdict: string; measured?: string }[]
      matrix: { variant: string; talos: { stack?: string; median?: number } }[]
    }
    const llm = model.claims.find((c) => c.id === 'llm-1b')!
    expect(llm.verdict).toMatch(/^✔ NPU accelerated: ×\d\.\d\d decode_tok_s vs the CPU row$/)
    expect(llm.measured).toMatch(
      /\(npu-w8a8\) vs .* \(cpu-llamacpp-q8_0-4t\), medians across nodes/
    )
    const teflon = model.matrix.find((m) => m.variant === 'npu-teflon')!
    expect(teflon.talos.stack).toBe('Teflon/Rocket (Mesa 25.3.0)')
    expect(teflon.talos.median).toBeGreaterThan(0)
  })
})

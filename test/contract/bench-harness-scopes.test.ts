// The harness's second timing scope, run for real with python3: every NPU variant gets a
// `-runonly` twin timed by the runtime's own RKNN_QUERY_PERF_RUN (the model zoo's scope) beside
// the end-to-end series. Off the lab that goes through ctypes into a librknnrt.so (here a stand-in
// compiled from test/fixtures/bench/fake-librknnrt.c that times itself); when the query is not
// there the series is absent with the reason. Every record shape is held against the schema.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import {
  nodeTree,
  recordsOf,
  runHarness,
  simulatedEnv,
  type HarnessResultLine
} from '../helpers/bench-harness'

let root: string
let fakeLib: string
let models: string

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'rk1-bench-scopes-'))
  fakeLib = path.join(root, 'librknnrt.so')
  const cc = spawnSync(
    'cc',
    [
      '-shared',
      '-fPIC',
      '-O1',
      '-o',
      fakeLib,
      path.resolve('test/fixtures/bench/fake-librknnrt.c')
    ],
    { encoding: 'utf8' }
  )
  expect(cc.stderr).toBe('')
  expect(cc.status).toBe(0)
  models = path.join(root, 'models')
  mkdirSync(models)
  // The stand-in runtime only checks that a model was passed; bytes are bytes.
  for (const f of ['resnet50.rknn', 'yolov5s.rknn']) writeFileSync(path.join(models, f), 'RKNN')
})
afterAll(() => rmSync(root, { recursive: true, force: true }))

const byVariant = (results: HarnessResultLine[], id: string, variant: string) =>
  results.find((r) => r.workload.id === id && r.workload.variant === variant)!

describe('NPU timing scopes in the lab (simulated)', () => {
  let run: ReturnType<typeof runHarness>
  beforeAll(() => {
    run = runHarness(
      ['--suites', 'npu', '--data-dir', root],
      simulatedEnv(nodeTree(path.join(root, 'sys-sim')))
    )
  })

  it('gives every NPU variant an end-to-end and a run-only record, each its own series', () => {
    expect(run.code).toBe(0)
    const keys = run.results.map((r) => `${r.workload.id}/${r.workload.variant}`)
    const expected: string[] = []
    for (const m of ['resnet50', 'yolov5s'])
      for (const v of ['npu-core0', 'npu-core012', 'npu-pool3'])
        expected.push(`${m}/${v}`, `${m}/${v}-runonly`)
    expect(keys).toEqual(expected)
    for (const r of run.results) {
      expect(r.status).toBe('ok')
      expect(r.simulated).toBe(true)
      const runOnly = r.workload.variant.endsWith('-runonly')
      expect(r.method.timing_scope).toBe(runOnly ? 'run_only' : 'end_to_end')
      expect(r.workload.engine).toBe(runOnly ? 'rknn-c' : 'rknnlite')
      if (runOnly) expect(r.method.timer).toMatch(/RKNN_QUERY_PERF_RUN/)
    }
  })

  it('calibrates run-only to the model zoo and below end to end, in whole microseconds', () => {
    for (const [model, zoo] of [
      ['resnet50', 9.1],
      ['yolov5s', 20.7]
    ] as const) {
      const e2e = byVariant(run.results, model, 'npu-core0')
      const ro = byVariant(run.results, model, 'npu-core0-runonly')
      const p50 = ro.metrics.latency_ms!.p50 as number
      expect(p50).toBeGreaterThan(zoo * 0.9)
      expect(p50).toBeLessThan(zoo * 1.1)
      expect(p50).toBeLessThan(e2e.metrics.latency_ms!.p50 as number)
      expect(ro.metrics.latency_ms!.n).toBe(6)
      for (const ms of ro.samples_ms!)
        expect(Math.abs(ms * 1000 - Math.round(ms * 1000))).toBeLessThan(1e-6)
    }
    const pool = byVariant(run.results, 'resnet50', 'npu-pool3-runonly')
    expect(pool.metrics.latency_ms!.n).toBe(18)
    expect(pool.method.core_mask).toEqual([1, 2, 4])
  })

  it('writes records that are valid for the published schema', () => {
    const records = recordsOf(run)
    expect(records.filter((r) => r.method?.timing_scope === 'run_only')).toHaveLength(6)
    // The published zoo figure is a run-only one: it travels with both scopes.
    const ro = records.find((r) => r.workload.variant === 'npu-core0-runonly')!
    expect(ro.references?.[0]).toMatchObject({ metric: 'latency_ms', value: 9.1 })
  })

  it('no-perf: a runtime without the query leaves the run-only series out, with the reason', () => {
    const r = runHarness(
      ['--suites', 'npu', '--data-dir', root],
      simulatedEnv(nodeTree(path.join(root, 'sys-noperf')), { RK1_BENCH_LAB_FAULT: 'no-perf' })
    )
    expect(r.code).toBe(0)
    for (const x of r.results) {
      if (x.workload.variant.endsWith('-runonly')) {
        expect(x.status).toBe('skipped')
        expect(x.reason).toMatch(/run-only timing unavailable: .*RKNN_QUERY_PERF_RUN/)
        expect(x.metrics).toEqual({})
      } else expect(x.status).toBe('ok')
    }
    recordsOf(r)
  })
})

describe('NPU run-only scope through ctypes (not simulated)', () => {
  const env = (extra: Record<string, string>) => ({
    RK1_BENCH_SYSFS: nodeTree(path.join(root, 'sys-real')),
    RK1_BENCH_QUICK_N: '6',
    RK1_BENCH_LIBRKNNRT: fakeLib,
    // No rknnlite here: the end-to-end series is skipped, the C API's goes on.
    PYTHONPATH: path.join(root, 'empty'),
    ...extra
  })

  it('reports the runtime’s own run_duration for each inference, not the harness’s clock', () => {
    const log = path.join(root, 'perf.log')
    const run = runHarness(
      ['--suites', 'npu', '--data-dir', root, '--model-dir', models],
      env({ FAKE_RKNN_LOG: log, FAKE_RKNN_RUN_US: '1500' })
    )
    expect(run.code).toBe(0)
    const e2e = byVariant(run.results, 'resnet50', 'npu-core0')
    expect(e2e.status).toBe('skipped')
    expect(e2e.reason).toMatch(/rknn-toolkit-lite2 not importable/)
    const ro = byVariant(run.results, 'resnet50', 'npu-core0-runonly')
    expect(ro).toMatchObject({ status: 'ok', simulated: false })
    expect(ro.workload.engine_version).toBe('2.3.2 (fake librknnrt)')
    // The library wrote down every duration it reported: the series is exactly its timed part
    // (the first call and the warm-up call before it are not counted).
    const reported = readFileSync(log, 'utf8').trim().split('\n').map(Number)
    expect(reported.slice(2, 8)).toEqual(ro.samples_ms!.map((ms) => Math.round(ms * 1000)))
    for (const us of reported) expect(us).toBeGreaterThanOrEqual(1500)
    const pool = byVariant(run.results, 'resnet50', 'npu-pool3-runonly')
    expect(pool.status).toBe('ok')
    expect(pool.metrics.latency_ms!.n).toBe(18)
    recordsOf(run)
  })

  it('leaves the series out with the reason when the query fails or the library is missing', () => {
    const noPerf = runHarness(
      ['--suites', 'npu', '--data-dir', root, '--model-dir', models],
      env({ FAKE_RKNN_NO_PERF: '1' })
    )
    const ro = noPerf.results.filter((r) => r.workload.variant.endsWith('-runonly'))
    expect(ro).toHaveLength(6)
    for (const r of ro) {
      expect(r.status).toBe('skipped')
      expect(r.reason).toBe(
        'run-only timing unavailable: rknn_query(RKNN_QUERY_PERF_RUN) returned -5 (RKNN_ERR_PARAM_INVALID)'
      )
      expect(r.metrics).toEqual({})
    }
    recordsOf(noPerf)
    const noLib = runHarness(
      ['--suites', 'npu', '--data-dir', root, '--model-dir', models],
      env({ RK1_BENCH_LIBRKNNRT: path.join(root, 'missing.so') })
    )
    for (const r of noLib.results.filter((x) => x.workload.variant.endsWith('-runonly')))
      expect(r.reason).toMatch(/run-only timing unavailable: librknnrt\.so not found/)
  })
})

describe('LLM CPU row (llama.cpp) and the NPU’s ratio over it', () => {
  it('lab: the RKLLM row carries its speedup over the CPU row, with the basis', () => {
    const run = runHarness(
      ['--suites', 'llm', '--data-dir', root],
      simulatedEnv(nodeTree(path.join(root, 'sys-llm')))
    )
    expect(run.code).toBe(0)
    expect(run.results.map((r) => r.workload.variant)).toEqual(['cpu-llamacpp-q8_0-4t', 'npu-w8a8'])
    const [cpu, npu] = run.results
    expect(cpu).toMatchObject({ status: 'ok', simulated: true, workload: { engine: 'llama.cpp' } })
    expect(cpu!.workload.params).toMatchObject({ prompt_tokens: 128, new_tokens: 64, threads: 4 })
    expect(cpu!.metrics.decode_tok_s!.n).toBeGreaterThanOrEqual(5)
    const speedup = npu!.speedup as Record<string, unknown>
    expect(speedup.baseline).toEqual({
      id: 'tinyllama-1.1b',
      variant: 'cpu-llamacpp-q8_0-4t',
      engine: 'llama.cpp',
      engine_version: 'b10360'
    })
    expect(speedup.basis).toMatch(/RKLLM w8a8 on the NPU vs llama.cpp GGUF Q8_0 on 4 A76 threads/)
    const ratio =
      (npu!.metrics.decode_tok_s!.p50 as number) / (cpu!.metrics.decode_tok_s!.p50 as number)
    expect(speedup.decode_tok_s).toBeCloseTo(ratio, 3)
    expect(speedup.decode_tok_s as number).toBeGreaterThan(1.5)
    expect(speedup.ttft_ms as number).toBeGreaterThan(5)
    const records = recordsOf(run)
    expect(records[1]!.speedup).toEqual(speedup)
  })

  describe('off the lab, through a llama-bench on PATH', () => {
    let bin: string
    let llmModels: string
    const env = (extra: Record<string, string> = {}) => ({
      PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`,
      RK1_BENCH_SYSFS: nodeTree(path.join(root, 'sys-llm-real')),
      ...extra
    })
    beforeAll(() => {
      bin = path.join(root, 'bin')
      mkdirSync(bin)
      symlinkSync(
        path.resolve('test/fixtures/bench/fake-llama-bench.py'),
        path.join(bin, 'llama-bench')
      )
      llmModels = path.join(root, 'llm-models')
      mkdirSync(llmModels)
      writeFileSync(path.join(llmModels, 'tinyllama-1.1b-chat-v1.0.Q8_0.gguf'), 'GGUF')
    })

    it('measures the CPU row from llama-bench’s own samples; no NPU runtime, no ratio', () => {
      const run = runHarness(
        ['--suites', 'llm', '--data-dir', root, '--model-dir', llmModels],
        env()
      )
      expect(run.code).toBe(0)
      const [cpu, npu] = run.results
      expect(cpu).toMatchObject({
        status: 'ok',
        simulated: false,
        workload: { engine: 'llama.cpp', engine_version: 'b10360 (48d22e2)' }
      })
      // pp128 spins 20 ms per repetition, tg64 40 ms: TTFT ≥ 20 ms, decode ≤ 64 / 0.04 s.
      const ttft = cpu!.metrics.ttft_ms!
      expect(ttft.n).toBe(5)
      expect(ttft.min as number).toBeGreaterThanOrEqual(20)
      expect(cpu!.metrics.decode_tok_s!.max as number).toBeLessThanOrEqual(1600)
      expect(cpu!.metrics.prefill_tok_s!.p50 as number).toBeCloseTo(
        128 / ((ttft.p50 as number) / 1000),
        -1
      )
      // The child's own peak (it holds 64 MB), not this process's.
      expect(cpu!.metrics.peak_rss_mb!.value as number).toBeGreaterThanOrEqual(64)
      expect(npu).toMatchObject({ status: 'skipped', workload: { engine: 'rkllm' } })
      expect(npu!.speedup).toBeUndefined()
      recordsOf(run)
    })

    it('a failing llama-bench or a missing model fails the CPU row alone, with the reason', () => {
      const bad = runHarness(
        ['--suites', 'llm', '--data-dir', root, '--model-dir', llmModels],
        env({ FAKE_LLAMA_FAIL: '1' })
      )
      expect(bad.results[0]).toMatchObject({ status: 'failed' })
      expect(bad.results[0]!.reason).toMatch(/^llama-bench exited 1: .*invalid magic/)
      const missing = runHarness(
        ['--suites', 'llm', '--data-dir', root, '--model-dir', path.join(root, 'nowhere')],
        env()
      )
      expect(missing.results[0]!.reason).toMatch(
        /^model file not found: .*tinyllama-1\.1b-chat-v1\.0\.Q8_0\.gguf$/
      )
      recordsOf(bad)
      recordsOf(missing)
    })
  })
})

describe('Talos NPU through the rocket driver and Mesa Teflon', () => {
  it('lab, rocket present: a Teflon row and its CPU row, the RKNN rows skipped as another stack', () => {
    const run = runHarness(
      ['--suites', 'npu', '--distro', 'talos', '--data-dir', root],
      simulatedEnv(nodeTree(path.join(root, 'sys-talos-rocket'), 'rocket'))
    )
    expect(run.code).toBe(0)
    const env = run.lines[1]!.node as { npu: Record<string, unknown> }
    expect(env.npu).toMatchObject({
      driver: 'rocket',
      device_nodes: ['/dev/accel/accel0'],
      driver_evidence: '/sys/module/rocket',
      mesa_version: '25.3.0'
    })
    const rknn = run.results.filter((r) => r.workload.id !== 'mobilenetv1')
    expect(rknn).toHaveLength(12)
    for (const r of rknn) {
      expect(r.status).toBe('skipped')
      expect(r.reason).toBe(
        'no rknpu driver on Talos (rocket present: the NPU is measured through Mesa Teflon as mobilenetv1/npu-teflon, a different stack)'
      )
    }
    const cpu = byVariant(run.results, 'mobilenetv1', 'cpu-tflite-4t')
    const npu = byVariant(run.results, 'mobilenetv1', 'npu-teflon')
    expect(npu).toMatchObject({
      status: 'ok',
      simulated: true,
      workload: { engine: 'tflite-teflon', engine_version: '2.3.0', runtime_lib_version: '25.3.0' },
      method: { timing_scope: 'end_to_end' }
    })
    expect(npu.workload.params).toMatchObject({ stack: 'rocket + Mesa Teflon', driver: 'rocket' })
    expect(cpu).toMatchObject({ status: 'ok', workload: { engine: 'tflite-xnnpack' } })
    const p50 = npu.metrics.latency_ms!.p50 as number
    expect(p50).toBeGreaterThan(11)
    expect(p50).toBeLessThan(16)
    expect(p50).toBeLessThan(cpu.metrics.latency_ms!.p50 as number)
    const speedup = npu.speedup as Record<string, unknown>
    expect(speedup.baseline).toMatchObject({ variant: 'cpu-tflite-4t' })
    expect(speedup.latency_ms).toBeCloseTo((cpu.metrics.latency_ms!.p50 as number) / p50, 3)
    const records = recordsOf(run, 'talos')
    const rec = records.find((r) => r.workload.variant === 'npu-teflon')!
    expect(rec.node.npu).toMatchObject({ driver: 'rocket', mesa_version: '25.3.0' })
    expect(rec.references?.[0]).toMatchObject({ metric: 'latency_ms', value: 10.8 })
    expect(rec.speedup?.latency_ms).toBe(speedup.latency_ms)
  })

  it('lab, no rocket: the existing skipped record, and the Teflon row says why it did not run', () => {
    const run = runHarness(
      ['--suites', 'npu', '--distro', 'talos', '--data-dir', root],
      simulatedEnv(nodeTree(path.join(root, 'sys-talos-plain'), 'none'))
    )
    expect(run.code).toBe(0)
    expect(run.results).toHaveLength(13)
    for (const r of run.results) {
      expect(r.status).toBe('skipped')
      expect(r.reason).toMatch(/^no rknpu driver on Talos/)
    }
    expect(run.results.at(-1)!.reason).toMatch(/no rocket driver for Mesa Teflon either/)
    recordsOf(run, 'talos')
  })

  describe('off the lab: rk1_teflon.py under a LiteRT stand-in, the delegate a real .so', () => {
    let delegate: string
    let tfModels: string
    const env = (extra: Record<string, string> = {}) => ({
      RK1_BENCH_SYSFS: nodeTree(path.join(root, 'sys-talos-real'), 'rocket'),
      RK1_BENCH_QUICK_N: '6',
      RK1_BENCH_TEFLON: delegate,
      PYTHONPATH: path.resolve('test/fixtures/bench/fake-litert'),
      ...extra
    })
    const args = () => [
      '--suites',
      'npu',
      '--distro',
      'talos',
      '--data-dir',
      root,
      '--model-dir',
      tfModels
    ]
    beforeAll(() => {
      const src = path.join(root, 'teflon.c')
      writeFileSync(src, 'int teflon_plugin_create(void) { return 0; }\n')
      delegate = path.join(root, 'libteflon.so')
      expect(spawnSync('cc', ['-shared', '-fPIC', '-o', delegate, src]).status).toBe(0)
      tfModels = path.join(root, 'tf-models')
      mkdirSync(tfModels)
      writeFileSync(path.join(tfModels, 'mobilenet_v1_1.0_224_quant.tflite'), 'TFL3')
    })

    it('times each invoke with its input set and output read, in a child process', () => {
      const log = path.join(root, 'litert.log')
      const run = runHarness(args(), env({ FAKE_LITERT_LOG: log, FAKE_LITERT_MS: '2' }))
      expect(run.code).toBe(0)
      const npu = byVariant(run.results, 'mobilenetv1', 'npu-teflon')
      const cpu = byVariant(run.results, 'mobilenetv1', 'cpu-tflite-4t')
      expect(npu).toMatchObject({ status: 'ok', simulated: false })
      expect(npu.workload.params).toMatchObject({ delegate })
      expect(npu.metrics.latency_ms!.n).toBe(6)
      // The runner's clock is around set_tensor + invoke + get_tensor: at least the invoke's time.
      const invokes = readFileSync(log, 'utf8').trim().split('\n')
      const npuInvokes = invokes
        .filter((l) => l.startsWith('npu '))
        .map((l) => Number(l.split(' ')[1]))
      // First call, 1 warm-up call, 6 timed ones.
      expect(npuInvokes).toHaveLength(8)
      const timed = npuInvokes.slice(2)
      npu.samples_ms!.forEach((ms, i) => expect(ms).toBeGreaterThanOrEqual(timed[i]! - 0.01))
      expect(cpu.metrics.latency_ms!.p50 as number).toBeGreaterThan(
        npu.metrics.latency_ms!.p50 as number
      )
      recordsOf(run, 'talos')
    })

    it('no LiteRT, no delegate, a crashing delegate: skipped or failed with the reason', () => {
      const noRuntime = runHarness(args(), env({ PYTHONPATH: path.join(root, 'empty') }))
      const t = byVariant(noRuntime.results, 'mobilenetv1', 'npu-teflon')
      expect(t.status).toBe('skipped')
      expect(t.reason).toMatch(/^ai-edge-litert not importable: No module named 'ai_edge_litert'/)
      const noDelegate = runHarness(args(), env({ RK1_BENCH_TEFLON: path.join(root, 'nope.so') }))
      expect(byVariant(noDelegate.results, 'mobilenetv1', 'npu-teflon').reason).toMatch(
        /^libteflon\.so not found at .*nope\.so/
      )
      const segv = runHarness(args(), env({ FAKE_LITERT_SEGV: '1' }))
      const crashed = byVariant(segv.results, 'mobilenetv1', 'npu-teflon')
      expect(crashed.status).toBe('failed')
      expect(crashed.reason).toMatch(/^Teflon runner killed by signal 11/)
      // The harness itself went on to the end.
      expect(segv.lines.at(-1)!.type).toBe('done')
      for (const r of [noRuntime, noDelegate, segv]) recordsOf(r, 'talos')
    })
  })
})

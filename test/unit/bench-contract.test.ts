// The harness contract as the command reads it, on logs recorded from the real harness
// (bench-image/harness/rk1_bench.py, RK1_BENCH_SIMULATED=1): every suite, a crash, Talos.
import { describe, expect, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { logTail, parseHarnessLog } from '../../src/bench/contract'

const fixture = (name: string) =>
  readFileSync(join(import.meta.dirname, '../fixtures/bench', name), 'utf8')

describe('parseHarnessLog', () => {
  test('a complete K3s run: start, environment, every result, done; log text kept apart', () => {
    const p = parseHarnessLog(fixture('k3s-all-suites.log'))
    expect(p.problems).toEqual([])
    expect(p.start).toMatchObject({ type: 'start', node: 'lab-w1', simulated: true })
    expect(p.environment).toMatchObject({ soc: 'rk3588', board: 'turing-rk1' })
    expect(p.done).toMatchObject({ type: 'done', failed: 0 })
    expect(p.inProgress).toBeUndefined()
    expect(p.logText).toEqual(['rk1-bench: suite npu'])
    const ids = p.results.map((r) => `${r.workload.id}/${r.workload.variant}`)
    expect(ids).toEqual(
      expect.arrayContaining([
        'resnet50/npu-core0',
        'resnet50/npu-core012',
        'resnet50/npu-pool3',
        'yolov5s/npu-core0',
        'resnet50/cpu-ort-4t',
        'fio/fio-seqread-1m',
        'fio/fio-randread-4k-qd1',
        'tinyllama-1.1b/npu-w8a8'
      ])
    )
    const npu = p.results.find((r) => r.workload.variant === 'npu-core0')!
    expect(npu.status).toBe('ok')
    expect(npu.metrics.latency_ms).toMatchObject({ unit: 'ms', direction: 'lower', n: 12 })
    expect(npu.samples_ms).toHaveLength(12)
    expect(p.results.find((r) => r.workload.id === 'fio')?.fio_json).toBeDefined()
  })

  test('a crash: the results before it, no done line, the workload in progress unknown once its result came', () => {
    const p = parseHarnessLog(fixture('k3s-npu-crash.log'))
    expect(p.results.map((r) => r.workload.variant)).toEqual(['npu-core0', 'npu-core012'])
    expect(p.done).toBeUndefined()
    expect(p.logText.at(-1)).toContain("lab fault 'crash'")
  })

  test('Talos without rknpu: every NPU and LLM workload skipped with the reason', () => {
    const p = parseHarnessLog(fixture('talos-npu-llm.log'))
    expect(p.results.every((r) => r.status === 'skipped')).toBe(true)
    expect(p.results[0]?.reason).toMatch(/^no rknpu driver on Talos/)
    expect(p.results.at(-1)?.workload.id).toBe('tinyllama-1.1b')
  })

  test('a line cut mid-JSON, an unknown type and a bad result are reported, the rest used', () => {
    const text = [
      'RK1-BENCH {"type":"start","node":"n1","simulated":false}',
      'RK1-BENCH {"type":"progress","workload":"resnet50","variant":"npu-core0","done":3,"total":9}',
      'RK1-BENCH {"type":"result","workload":{"id":"resnet50","vari',
      'RK1-BENCH {"type":"telemetry"}',
      'RK1-BENCH {"type":"result","workload":{"id":"x"},"status":"ok"}',
      'RK1-BENCH [1,2]',
      'Traceback (most recent call last):'
    ].join('\n')
    const p = parseHarnessLog(text)
    expect(p.results).toEqual([])
    expect(p.problems).toHaveLength(4)
    expect(p.problems[0]).toMatch(/^unreadable contract line/)
    expect(p.problems[1]).toBe('unknown contract line type "telemetry"')
    expect(p.problems[2]).toBe('result without workload id/variant')
    expect(p.inProgress).toEqual({ workload: 'resnet50', variant: 'npu-core0', done: 3, total: 9 })
    expect(p.logText).toEqual(['Traceback (most recent call last):'])
  })

  test('logTail keeps the last lines and cuts long ones', () => {
    const text = ['a', '', 'b', 'x'.repeat(500)].join('\n')
    expect(logTail(text, 2).split('\n')).toEqual(['b', `${'x'.repeat(300)}…`])
  })
})

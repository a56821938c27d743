// The comparison document's "LLM 1B NPU accelerated" gets its figure from the records: the RKLLM
// row's decode tok/s over the llama.cpp CPU row of the same model, medians across nodes. Without
// a CPU row the claim falls back to the published reference, as before.
import { describe, expect, test } from '@jest/globals'
import type { BenchRecord } from '../../src/bench/records'
import { summaryRows } from '../../src/bench/summary'
import { buildReport } from '../../src/report/build'
import type { RunRecord } from '../../src/report/records'
import { night, record } from '../helpers/bench-records'

/** The llama.cpp CPU row of every node of both distros in the night, at `tokS` decode. */
function withCpuRow(records: RunRecord[], tokS: number, distros = ['talos', 'k3s-armbian']) {
  const cpu = records
    .filter((r) => r.workload.id === 'resnet50' && r.workload.variant === 'cpu-ort-4t')
    .filter((r) => distros.includes(r.cluster.distro))
    .map((r) =>
      record({
        ...r,
        workload: {
          id: 'tinyllama-1.1b',
          variant: 'cpu-llamacpp-q8_0-4t',
          engine: 'llama.cpp',
          engine_version: 'b10360'
        },
        metrics: { decode_tok_s: { unit: 'tok/s', direction: 'higher', p50: tokS, n: 5 } }
      })
    )
  return [...records, ...cpu]
}

const claim = (records: RunRecord[]) =>
  buildReport({ current: records, history: [], bad: [], historyNotes: [] }).claims.find(
    (c) => c.id === 'llm-1b'
  )!

describe('LLM 1B "NPU accelerated" claim', () => {
  test('uses the measured ratio of the NPU row over the CPU row', () => {
    const c = claim(withCpuRow(night({ night: 0 }), 13))
    // The helper's RKLLM row decodes at 23.1 tok/s on K3s: 23.1 / 13 = 1.78.
    expect(c.verdict).toBe('✔ NPU accelerated: ×1.78 decode_tok_s vs the CPU row')
    expect(c.ok).toBe(true)
    expect(c.measured).toBe(
      '23.1 tok/s (rkllm-w8a8) vs 13.0 tok/s (cpu-llamacpp-q8_0-4t), medians across nodes'
    )
    expect(c.reference).toMatch(/^24\.4 tok\/s \(airockchip\/rknn-llm/)
  })

  test('says so when the CPU is as fast or faster', () => {
    const c = claim(withCpuRow(night({ night: 0 }), 30))
    expect(c.verdict).toBe('✖ not accelerated: ×0.77 decode_tok_s vs the CPU row')
    expect(c.ok).toBe(false)
  })

  test('takes the other distro’s CPU row when only that one was measured', () => {
    const c = claim(withCpuRow(night({ night: 0 }), 11.55, ['talos']))
    expect(c.verdict).toBe('✔ NPU accelerated: ×2.00 decode_tok_s vs the CPU row')
    expect(c.measured).toContain('(cpu-llamacpp-q8_0-4t on Talos)')
  })

  test('without a CPU row it checks the published figure, and never picks the CPU row itself', () => {
    expect(claim(night({ night: 0 })).verdict).toMatch(/within ±15 % of the reference/)
  })
})

describe('step summary', () => {
  test('the RKLLM row shows its ratio over the CPU row beside the reference', () => {
    const base = night({ night: 0 }).find((r) => r.workload.variant === 'rkllm-w8a8')!
    const r: BenchRecord = {
      ...base,
      metrics: { decode_tok_s: { unit: 'tok/s', direction: 'higher', p50: 24.4, n: 5 } },
      references: [{ metric: 'decode_tok_s', value: 24.43, unit: 'tok/s', source: 'rknn-llm' }],
      speedup: {
        baseline: { id: 'tinyllama-1.1b', variant: 'cpu-llamacpp-q8_0-4t', engine: 'llama.cpp' },
        stat: 'p50',
        basis: 'same model',
        decode_tok_s: 1.8769
      }
    }
    expect(summaryRows([r])[0]!.at(-1)).toBe(
      '24.4 tok/s (×1.00); ×1.88 decode_tok_s vs cpu-llamacpp-q8_0-4t'
    )
  })
})

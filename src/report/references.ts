import type { Reference } from './records'
import type { Headline } from './metrics'

/**
 * Published figures (specs/bench.md §5) used when the records carry no reference of their own.
 * The zoo times `rknn_run` only on one NPU core at max clocks, so an end-to-end measurement is
 * expected above it: the ratio says by how much.
 */
interface KnownReference extends Reference {
  workload: RegExp
  variant: RegExp
}

const ZOO = 'airockchip/rknn_model_zoo README'
const ZOO_CONDITIONS = 'single NPU core, rknn_run only, max clocks, INT8'
const RKLLM = 'airockchip/rknn-llm benchmark.md v1.3.0 (TinyLLaMA 1.1B w8a8)'

const KNOWN: readonly KnownReference[] = [
  {
    workload: /mobilenet-?v2/,
    variant: /^npu/,
    metric: 'latency_ms',
    value: 2.2,
    unit: 'ms',
    source: ZOO,
    conditions: ZOO_CONDITIONS
  },
  {
    // Mesa Teflon on the rocket driver (Talos with rockchip-rknn): the delegate's author measured
    // MobileNetV1 uint8 with all 27 operations on the NPU (ops-and-reporting.md §7).
    workload: /mobilenet-?v1/,
    variant: /teflon/,
    metric: 'latency_ms',
    value: 10.8,
    unit: 'ms',
    source: 'Tomeu Vizoso, Teflon on RK3588 (blog, 2024-03)',
    conditions: 'MobileNetV1 uint8, invoke only, QuartzPro64'
  },
  {
    workload: /resnet-?50/,
    variant: /^npu/,
    metric: 'latency_ms',
    value: 9.1,
    unit: 'ms',
    source: ZOO,
    conditions: ZOO_CONDITIONS
  },
  {
    workload: /yolov5s[-_]?relu/,
    variant: /^npu/,
    metric: 'latency_ms',
    value: 15.1,
    unit: 'ms',
    source: ZOO,
    conditions: ZOO_CONDITIONS
  },
  {
    workload: /yolov5s$/,
    variant: /^npu/,
    metric: 'latency_ms',
    value: 20.7,
    unit: 'ms',
    source: `${ZOO} (SiLU)`,
    conditions: ZOO_CONDITIONS
  },
  {
    workload: /yolov5n/,
    variant: /^npu/,
    metric: 'latency_ms',
    value: 12.1,
    unit: 'ms',
    source: ZOO,
    conditions: ZOO_CONDITIONS
  },
  {
    workload: /tinyllama|llama.*1\.1b/i,
    variant: /.*/,
    metric: 'decode_tok_s',
    value: 24.43,
    unit: 'tok/s',
    source: RKLLM,
    conditions: '128-token prompt, 64 new tokens'
  },
  {
    workload: /tinyllama|llama.*1\.1b/i,
    variant: /.*/,
    metric: 'ttft_ms',
    value: 243.93,
    unit: 'ms',
    source: RKLLM,
    conditions: '128-token prompt'
  }
]

/** The built-in reference for a p50 (or single-valued) headline, if one is published. */
export function knownReference(
  workload: string,
  variant: string,
  headline: Headline
): Reference | undefined {
  if (headline.stat === 'p90') return undefined
  const k = KNOWN.find(
    (r) => r.workload.test(workload) && r.variant.test(variant) && r.metric === headline.metric
  )
  if (!k) return undefined
  return {
    metric: k.metric,
    value: k.value,
    unit: k.unit,
    source: k.source,
    conditions: k.conditions
  }
}

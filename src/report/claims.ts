import type { Distro } from './records'
import type { MatrixRow } from './matrix'
import { formatNumber, percentChange } from './stats'

/**
 * The figures of the comparison document this project started from (freed-dev-llc/
 * turing-rk1-cluster docs/COMPARISON.md, see specs/bench.md §0), checked against what was measured.
 */

const DOC = 'COMPARISON.md'
const TOLERANCE = 15

interface Claim {
  id: string
  text: string
  /** What the document says, when it gives a number. */
  claimed?: number
  unit: string
  headline: string
  workload: RegExp
  variant: RegExp
  /** Preferred variant among several (single NPU core is what the zoo measures). */
  prefer?: RegExp
  distros: Distro[]
  reference?: { value: number; source: string }
  /** "equivalent between the distros" claims compare Talos with K3s instead of a number. */
  equivalence?: boolean
  /**
   * "accelerated" claims: the variant of the CPU row of the same workload. The check is then the
   * measured ratio of the two medians (above 1: accelerated), the reference only context.
   */
  baseline?: RegExp
}

const ZOO = 'airockchip/rknn_model_zoo README (single core, rknn_run only, max clocks)'

export const CLAIMS: readonly Claim[] = [
  {
    id: 'resnet50-npu',
    text: 'ResNet-50 on the NPU ~8 ms',
    claimed: 8,
    unit: 'ms',
    headline: 'latency_ms p50',
    workload: /resnet-?50/,
    variant: /^npu/,
    prefer: /core0$|core1$|single/,
    distros: ['k3s'],
    reference: { value: 9.1, source: ZOO }
  },
  {
    id: 'yolov5-npu',
    text: 'YOLOv5 on the NPU ~25 ms',
    claimed: 25,
    unit: 'ms',
    headline: 'latency_ms p50',
    workload: /yolov5/,
    variant: /^npu/,
    prefer: /core0$|core1$|single/,
    distros: ['k3s'],
    reference: { value: 20.7, source: `${ZOO}, yolov5s (SiLU)` }
  },
  {
    id: 'resnet50-cpu',
    text: 'ResNet-50 on the CPU ~50 ms',
    claimed: 50,
    unit: 'ms',
    headline: 'latency_ms p50',
    workload: /resnet-?50/,
    variant: /^cpu/,
    prefer: /4t/,
    distros: ['talos', 'k3s']
  },
  {
    id: 'yolov5-cpu',
    text: 'YOLOv5 on the CPU ~200 ms',
    claimed: 200,
    unit: 'ms',
    headline: 'latency_ms p50',
    workload: /yolov5/,
    variant: /^cpu/,
    prefer: /4t/,
    distros: ['talos', 'k3s']
  },
  {
    id: 'llm-1b',
    text: 'LLM 1B "NPU accelerated" (no figure given)',
    unit: 'tok/s',
    headline: 'decode_tok_s',
    workload: /llm|llama|qwen/i,
    // The NPU row; the CPU row of the same model (llama.cpp) gives the ratio.
    variant: /^(?!cpu)/,
    baseline: /^cpu/,
    distros: ['k3s'],
    reference: {
      value: 24.43,
      source: 'airockchip/rknn-llm benchmark.md v1.3.0, TinyLLaMA 1.1B w8a8'
    }
  },
  {
    id: 'nvme-seq-read',
    text: 'NVMe sequential read ~3000 MB/s',
    claimed: 3000,
    unit: 'MB/s',
    headline: 'bw_mb_s',
    workload: /fio|storage|nvme/,
    variant: /seq-?read|read-?seq|(^|-)read(-|$)/,
    distros: ['talos', 'k3s']
  },
  {
    id: 'nvme-seq-write',
    text: 'NVMe sequential write ~2000 MB/s',
    claimed: 2000,
    unit: 'MB/s',
    headline: 'bw_mb_s',
    workload: /fio|storage|nvme/,
    variant: /seq-?write|write-?seq|(^|-)write(-|$)/,
    distros: ['talos', 'k3s']
  },
  {
    id: 'nvme-4k-iops',
    text: 'NVMe 4K random ~300K IOPS',
    claimed: 300_000,
    unit: 'IOPS',
    headline: 'iops',
    workload: /fio|storage|nvme/,
    variant: /randread/,
    prefer: /qd64|j4/,
    distros: ['talos', 'k3s']
  },
  {
    id: 'storage-equivalent',
    text: 'Storage performance "equivalent" on both distros',
    unit: '',
    headline: '',
    workload: /fio|storage|nvme/,
    variant: /.*/,
    distros: [],
    equivalence: true
  },
  {
    id: 'cpu-equivalent',
    text: 'CPU inference "equivalent" on both distros',
    unit: '',
    headline: '',
    workload: /.*/,
    variant: /^cpu/,
    distros: [],
    equivalence: true
  }
]

export interface ClaimCheck {
  id: string
  claim: string
  distro?: Distro
  measured?: string
  reference?: string
  verdict: string
  ok?: boolean
}

function matching(rows: readonly MatrixRow[], c: Claim): MatrixRow[] {
  return rows.filter(
    (r) =>
      c.workload.test(r.workload) &&
      c.variant.test(r.variant) &&
      (c.equivalence
        ? r.kind === (c.id.startsWith('storage') ? 'storage' : 'cpu')
        : // A single-valued latency (no distribution) stands for its p50.
          r.headline.label === c.headline || `${r.headline.label} p50` === c.headline)
  )
}

function verdict(measured: number, target: number, what: string): { text: string; ok: boolean } {
  const off = percentChange(measured, target)
  if (Math.abs(off) <= TOLERANCE) return { text: `✔ within ±${TOLERANCE} % of ${what}`, ok: true }
  const ratio = measured / target
  const by =
    ratio >= 2 || ratio <= 0.5
      ? `×${formatNumber(ratio)}`
      : `${off > 0 ? '+' : ''}${off.toFixed(0)} %`
  return { text: `✖ off by ${by} vs ${what}`, ok: false }
}

function numberClaim(c: Claim, rows: MatrixRow[]): ClaimCheck[] {
  const preferred = rows.filter((r) => c.prefer?.test(r.variant))
  const row = (preferred.length ? preferred : rows)[0]
  return c.distros.map((d) => {
    const base = { id: c.id, claim: `${c.text} (${DOC})`, distro: d }
    const ref = c.reference
      ? `${formatNumber(c.reference.value)} ${c.unit} (${c.reference.source})`
      : 'no published RK3588 figure'
    if (!row)
      return {
        ...base,
        reference: ref,
        verdict: 'not measured: no record of this workload in this run'
      }
    const s = d === 'talos' ? row.talos : row.k3s
    if (s.median === undefined)
      return { ...base, reference: ref, verdict: `not measured: ${s.missing ?? 'no value'}` }
    const measured = `${formatNumber(s.median)} ${c.unit} (${row.variant}, median of ${s.nodes} node${s.nodes === 1 ? '' : 's'})`
    const target = c.claimed ?? c.reference?.value
    if (target === undefined)
      return { ...base, measured, reference: ref, verdict: 'measured; nothing to check against' }
    const v = verdict(s.median, target, c.claimed !== undefined ? 'the claim' : 'the reference')
    return { ...base, measured, reference: ref, verdict: v.text, ok: v.ok }
  })
}

/**
 * The accelerated row's median over the CPU row's median for the same workload: the CPU row of
 * the same distro, else the other distro's (the CPU runtime and model are the same on both).
 */
function speedupClaim(c: Claim, rows: MatrixRow[], all: readonly MatrixRow[]): ClaimCheck[] {
  const fallback = numberClaim(c, rows)
  const row = rows[0]
  if (!row || !c.baseline) return fallback
  const cpu = all.find(
    (r) =>
      r.workload === row.workload &&
      c.baseline!.test(r.variant) &&
      r.headline.label === row.headline.label
  )
  if (!cpu) return fallback
  return c.distros.map((d, i) => {
    const npu = d === 'talos' ? row.talos : row.k3s
    const base = d === 'talos' ? cpu.talos : cpu.k3s
    const other = d === 'talos' ? cpu.k3s : cpu.talos
    const ref = base.median !== undefined ? base : other
    if (npu.median === undefined || ref.median === undefined || ref.median <= 0) return fallback[i]!
    const ratio = npu.median / ref.median
    const where = ref === base ? '' : ` on ${d === 'talos' ? 'K3s' : 'Talos'}`
    const ok = ratio > 1
    return {
      ...fallback[i]!,
      measured: `${formatNumber(npu.median)} ${c.unit} (${row.variant}) vs ${formatNumber(ref.median)} ${c.unit} (${cpu.variant}${where}), medians across nodes`,
      verdict: ok
        ? `✔ NPU accelerated: ×${formatNumber(ratio)} ${c.headline} vs the CPU row`
        : `✖ not accelerated: ×${formatNumber(ratio)} ${c.headline} vs the CPU row`,
      ok
    }
  })
}

function equivalenceClaim(c: Claim, rows: MatrixRow[]): ClaimCheck {
  const base = { id: c.id, claim: `${c.text} (${DOC})` }
  const compared = rows.filter((r) => r.delta !== undefined)
  if (compared.length === 0)
    return {
      ...base,
      verdict: 'not measured: no workload of this kind has results from both distros'
    }
  const worst = compared.reduce((a, b) => (Math.abs(b.delta!) > Math.abs(a.delta!) ? b : a))
  const within = compared.filter((r) => Math.abs(r.delta!) <= TOLERANCE).length
  const ok = within === compared.length
  return {
    ...base,
    measured: `${within} of ${compared.length} rows within ±${TOLERANCE} %; largest Δ ${worst.delta!.toFixed(1)} % (${worst.variant} ${worst.headline.label})`,
    verdict: ok
      ? `✔ equivalent within ±${TOLERANCE} %`
      : `✖ not equivalent: off by up to ${Math.abs(worst.delta!).toFixed(0)} %`,
    ok
  }
}

export function checkClaims(rows: readonly MatrixRow[]): ClaimCheck[] {
  return CLAIMS.flatMap((c) => {
    const m = matching(rows, c)
    if (c.equivalence) return [equivalenceClaim(c, m)]
    return c.baseline ? speedupClaim(c, m, rows) : numberClaim(c, m)
  })
}

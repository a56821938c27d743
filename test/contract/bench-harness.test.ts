// The benchmark harness (bench-image/harness/rk1_bench.py) run for real with python3: the
// RK1-BENCH line contract the npu-benchmark command reads, real fio JSON for the five storage
// jobs, the statistics, the lab faults, and no numbers at all when the runtimes are missing.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

const HARNESS = path.resolve('bench-image/harness/rk1_bench.py')

interface Line {
  type: string
  [k: string]: unknown
}
interface Result extends Line {
  workload: { id: string; variant: string; engine: string; params?: Record<string, unknown> }
  status: string
  reason?: string
  simulated: boolean
  method: Record<string, unknown>
  metrics: Record<string, Record<string, number | string>>
  telemetry: {
    throttled: boolean
    max_temp_c: Record<string, number>
    throttle_evidence?: string[]
  }
  samples_ms?: number[]
  fio_json?: { jobs: { jobname: string }[]; 'fio version': string }
}

let root: string

/** A node's sysfs as the lab lays it out: two thermal zones with a passive trip, three policies. */
function sysfsTree(dir: string, withNpu = true): string {
  for (const [i, type] of ['soc-thermal', 'bigcore0-thermal'].entries()) {
    const z = path.join(dir, 'sys/class/thermal', `thermal_zone${i}`)
    mkdirSync(z, { recursive: true })
    writeFileSync(path.join(z, 'type'), `${type}\n`)
    writeFileSync(path.join(z, 'temp'), '41000\n')
    writeFileSync(path.join(z, 'trip_point_0_type'), 'passive\n')
    writeFileSync(path.join(z, 'trip_point_0_temp'), '85000\n')
  }
  for (const p of [0, 4, 6]) {
    const d = path.join(dir, 'sys/devices/system/cpu/cpufreq', `policy${p}`)
    mkdirSync(d, { recursive: true })
    for (const f of ['cpuinfo_max_freq', 'scaling_max_freq', 'scaling_cur_freq'])
      writeFileSync(path.join(d, f), '2256000\n')
    writeFileSync(path.join(d, 'scaling_governor'), 'performance\n')
  }
  if (withNpu) {
    mkdirSync(path.join(dir, 'dev'), { recursive: true })
    writeFileSync(path.join(dir, 'dev', 'rknpu'), '')
  }
  return dir
}

function harness(
  args: string[],
  env: Record<string, string>
): { code: number | null; lines: Line[]; results: Result[]; stdout: string; stderr: string } {
  const r = spawnSync('python3', [HARNESS, '--node', 'lab-w1', ...args], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
    encoding: 'utf8',
    timeout: 120_000
  })
  const stdout = r.stdout ?? ''
  const raw = stdout.split('\n').filter(Boolean)
  for (const l of raw) expect(l.startsWith('RK1-BENCH {')).toBe(true)
  const lines = raw.map((l) => JSON.parse(l.slice('RK1-BENCH '.length)) as Line)
  const results = lines.filter((l): l is Result => l.type === 'result')
  return { code: r.status, lines, results, stdout, stderr: r.stderr ?? '' }
}

const sim = (sysfs: string, extra: Record<string, string> = {}) => ({
  RK1_BENCH_SIMULATED: '1',
  RK1_BENCH_SYSFS: sysfs,
  RK1_BENCH_QUICK_N: '6',
  RK1_BENCH_FIO_SIZE: '16m',
  RK1_BENCH_FIO_RUNTIME: '1',
  ...extra
})

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'rk1-bench-harness-'))
})
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('bench harness, simulated (lab)', () => {
  let run: ReturnType<typeof harness>
  let data: string
  beforeAll(() => {
    data = path.join(root, 'data')
    mkdirSync(data)
    const sysfs = sysfsTree(path.join(root, 'sys-ok'))
    run = harness(
      ['--suites', 'npu,cpu,storage,llm', '--mode', 'quick', '--data-dir', data],
      sim(sysfs)
    )
  })

  it('prints start, environment, progress, results and done, and exits 0', () => {
    expect(run.code).toBe(0)
    const [start, env] = run.lines
    expect(start).toMatchObject({
      type: 'start',
      node: 'lab-w1',
      harness_version: '1.1.0',
      simulated: true
    })
    expect(env).toMatchObject({
      type: 'environment',
      node: { npu: { driver: 'rknpu' }, cpu: { policies: expect.any(Array) } }
    })
    expect((env!.node as { kernel: string }).kernel).toBeTruthy()
    expect(run.lines.some((l) => l.type === 'progress' && l.variant === 'npu-core0')).toBe(true)
    const done = run.lines.at(-1)!
    expect(done.type).toBe('done')
    expect(done.ok).toBe(run.results.filter((r) => ['ok', 'degraded'].includes(r.status)).length)
    expect(done.failed).toBe(0)
  })

  it('runs every workload the report matches on, each marked simulated', () => {
    const keys = run.results.map((r) => `${r.workload.id}/${r.workload.variant}`)
    expect(keys).toEqual([
      'resnet50/npu-core0',
      'resnet50/npu-core0-runonly',
      'resnet50/npu-core012',
      'resnet50/npu-core012-runonly',
      'resnet50/npu-pool3',
      'resnet50/npu-pool3-runonly',
      'yolov5s/npu-core0',
      'yolov5s/npu-core0-runonly',
      'yolov5s/npu-core012',
      'yolov5s/npu-core012-runonly',
      'yolov5s/npu-pool3',
      'yolov5s/npu-pool3-runonly',
      'resnet50/cpu-ort-4t',
      'resnet50/cpu-ort-1t',
      'resnet50/cpu-ort-8t',
      'yolov5s/cpu-ort-4t',
      'yolov5s/cpu-ort-1t',
      'yolov5s/cpu-ort-8t',
      'fio/fio-seqread-1m',
      'fio/fio-seqwrite-1m',
      'fio/fio-randread-4k-qd64j4',
      'fio/fio-randwrite-4k-qd64j4',
      'fio/fio-randread-4k-qd1',
      'tinyllama-1.1b/cpu-llamacpp-q8_0-4t',
      'tinyllama-1.1b/npu-w8a8'
    ])
    for (const r of run.results) {
      expect(r.simulated).toBe(true)
      expect(r.status).toBe('ok')
      expect(Date.parse(String(r.finished_at))).toBeGreaterThanOrEqual(
        Date.parse(String(r.started_at))
      )
    }
  })

  it('reports percentiles that agree with the raw samples', () => {
    const r = run.results.find((x) => x.workload.variant === 'npu-core0')!
    const lat = r.metrics.latency_ms!
    const s = [...r.samples_ms!].sort((a, b) => a - b)
    expect(lat).toMatchObject({ unit: 'ms', direction: 'lower', n: 6 })
    expect(s).toHaveLength(6)
    // Linear interpolation between closest ranks: p50 of 6 samples is the mean of the middle two.
    expect(lat.p50 as number).toBeCloseTo((s[2]! + s[3]!) / 2, 3)
    expect(lat.min as number).toBeCloseTo(s[0]!, 3)
    expect(lat.max as number).toBeCloseTo(s[5]!, 3)
    const mean = s.reduce((a, b) => a + b, 0) / s.length
    expect(lat.mean as number).toBeCloseTo(mean, 3)
    expect(lat.cv as number).toBeCloseTo((lat.stddev as number) / mean, 4)
    for (const k of ['p90', 'p95', 'p99'] as const) {
      expect(lat[k] as number).toBeGreaterThanOrEqual(lat.p50 as number)
      expect(lat[k] as number).toBeLessThanOrEqual(lat.max as number)
    }
    expect(r.method).toMatchObject({ timing_scope: 'end_to_end', core_mask: 1, iterations: 6 })
    const pool = run.results.find((x) => x.workload.variant === 'npu-pool3')!
    expect(pool.metrics.latency_ms!.n).toBe(18)
    expect(pool.method.core_mask).toEqual([1, 2, 4])
    const cpu = run.results.find((x) => x.workload.variant === 'cpu-ort-4t')!
    expect(cpu.method.threads).toBe(4)
  })

  it('parses the five fio jobs from real fio JSON and removes its test file', () => {
    const fio = run.results.filter((r) => r.workload.engine === 'fio')
    expect(fio).toHaveLength(5)
    for (const r of fio) {
      expect(r.fio_json!['fio version']).toMatch(/^fio-/)
      expect(r.fio_json!.jobs[0]!.jobname).toBe(r.workload.variant)
      expect(r.metrics.bw_mb_s!.value as number).toBeGreaterThan(0)
      expect(r.metrics.iops!.value as number).toBeGreaterThan(0)
      expect(r.metrics.clat_p99_us!.value as number).toBeGreaterThanOrEqual(
        r.metrics.clat_p50_us!.value as number
      )
    }
    const seqread = fio.find((r) => r.workload.variant === 'fio-seqread-1m')!
    expect(seqread.workload.params).toMatchObject({ rw: 'read', bs: '1M', iodepth: 32, numjobs: 1 })
    const peak = fio.find((r) => r.workload.variant === 'fio-randread-4k-qd64j4')!
    expect(peak.workload.params).toMatchObject({
      rw: 'randread',
      bs: '4k',
      iodepth: 64,
      numjobs: 4
    })
    expect(readdirSync(data)).toEqual([])
  })

  it('measures the LLM over at least five repeats', () => {
    const llm = run.results.find((r) => r.workload.engine === 'rkllm')!
    expect(llm.metrics.ttft_ms!.n).toBeGreaterThanOrEqual(5)
    for (const m of ['prefill_tok_s', 'decode_tok_s', 'peak_rss_mb', 'load_ms'])
      expect(llm.metrics[m]).toBeDefined()
    expect(llm.workload.params).toMatchObject({ prompt_tokens: 128, new_tokens: 64, top_k: 1 })
  })

  it('records telemetry from the node tree', () => {
    const r = run.results[0]!
    expect(r.telemetry.throttled).toBe(false)
    expect(Object.keys(r.telemetry.max_temp_c).sort()).toEqual(['bigcore0-thermal', 'soc-thermal'])
  })
})

describe('bench harness faults', () => {
  it('no-npu: the NPU and LLM suites are skipped with the reason', () => {
    const sysfs = sysfsTree(path.join(root, 'sys-no-npu'))
    const run = harness(
      ['--suites', 'npu,llm', '--data-dir', root],
      sim(sysfs, { RK1_BENCH_LAB_FAULT: 'no-npu' })
    )
    expect(run.code).toBe(0)
    expect(run.results).toHaveLength(14)
    // The LLM's CPU row needs no NPU: it is measured; everything on the NPU is skipped.
    const npu = run.results.filter((r) => r.workload.variant !== 'cpu-llamacpp-q8_0-4t')
    expect(npu).toHaveLength(13)
    for (const r of npu) {
      expect(r.status).toBe('skipped')
      expect(r.reason).toMatch(/no rknpu driver/)
      expect(r.metrics).toEqual({})
    }
  })

  it('throttle: telemetry shows throttling with evidence and the results are degraded', () => {
    const sysfs = sysfsTree(path.join(root, 'sys-throttle'))
    const run = harness(
      ['--suites', 'npu', '--data-dir', root],
      sim(sysfs, { RK1_BENCH_LAB_FAULT: 'throttle' })
    )
    expect(run.code).toBe(0)
    for (const r of run.results) {
      expect(r.status).toBe('degraded')
      expect(r.telemetry.throttled).toBe(true)
      expect(r.telemetry.throttle_evidence!.join(' ')).toMatch(/scaling_max_freq|passive trip/)
    }
    expect(run.results.some((r) => (r.telemetry.max_temp_c['soc-thermal'] ?? 0) >= 80)).toBe(true)
    // The node's tree is put back for the next pod.
    const temp = readFileSync(path.join(sysfs, 'sys/class/thermal/thermal_zone0/temp'), 'utf8')
    expect(temp.trim()).toBe('41000')
  })

  it('crash: exits non-zero mid-suite after printing some results', () => {
    const sysfs = sysfsTree(path.join(root, 'sys-crash'))
    const run = harness(
      ['--suites', 'npu,cpu', '--data-dir', root],
      sim(sysfs, { RK1_BENCH_LAB_FAULT: 'crash' })
    )
    expect(run.code).not.toBe(0)
    expect(run.results.length).toBeGreaterThan(0)
    expect(run.lines.some((l) => l.type === 'done')).toBe(false)
  })
})

describe('bench harness without runtimes, not simulated', () => {
  it('gives skipped results with the reason and no numbers', () => {
    const sysfs = sysfsTree(path.join(root, 'sys-real'))
    const run = harness(['--suites', 'npu,cpu,llm', '--data-dir', root], {
      RK1_BENCH_SYSFS: sysfs,
      PYTHONPATH: path.join(root, 'empty')
    })
    expect(run.code).toBe(0)
    expect(run.lines[0]).toMatchObject({ type: 'start', simulated: false })
    expect(run.results).toHaveLength(20)
    for (const r of run.results) {
      expect(r.simulated).toBe(false)
      expect(r.status).toBe('skipped')
      expect(r.metrics).toEqual({})
    }
    const reasons = new Set(run.results.map((r) => r.reason))
    expect([...reasons].join('\n')).toMatch(/rknn-toolkit-lite2 not importable/)
    expect([...reasons].join('\n')).toMatch(/onnxruntime not importable/)
    expect([...reasons].join('\n')).toMatch(/librkllmrt\.so not found/)
    expect([...reasons].join('\n')).toMatch(/llama-bench not found/)
  })

  it('ignores lab faults outside the lab and refuses a missing data directory', () => {
    const missing = path.join(root, 'no-such-dir')
    const run = harness(['--suites', 'storage', '--data-dir', missing], {
      RK1_BENCH_LAB_FAULT: 'crash'
    })
    expect(run.code).toBe(0)
    expect(run.results).toHaveLength(5)
    for (const r of run.results) expect(r.reason).toMatch(/does not exist/)
    expect(existsSync(missing)).toBe(false)
    expect(run.stderr).toMatch(/faults exist only in the lab/)
  })
})

// Runs the repository's benchmark harness (bench-image/harness/rk1_bench.py) with the real
// python3, on a node tree laid out like the lab's, and turns what it prints into records the way
// npu-benchmark does, so tests can hold every record shape against the published schema.
import { expect } from '@jest/globals'
import Ajv from 'ajv'
import addFormats from 'ajv-formats'
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { parseHarnessLog } from '../../src/bench/contract'
import { recordFromResult, type BenchRecord } from '../../src/bench/records'
import { recordProblems } from '../../src/bench/validate'

export const HARNESS = path.resolve('bench-image/harness/rk1_bench.py')

export interface HarnessLine {
  type: string
  [k: string]: unknown
}
export interface HarnessRun {
  code: number | null
  lines: HarnessLine[]
  results: HarnessResultLine[]
  stdout: string
  stderr: string
}
export interface HarnessResultLine extends HarnessLine {
  workload: {
    id: string
    variant: string
    engine: string
    engine_version?: string | null
    params?: Record<string, unknown>
    model?: Record<string, unknown>
  }
  status: string
  reason?: string
  simulated: boolean
  method: Record<string, unknown>
  metrics: Record<string, Record<string, number | string>>
  samples_ms?: number[]
  [k: string]: unknown
}

/** A node tree: two zones with a passive trip, three cpufreq policies, the NPU device node. */
export function nodeTree(dir: string, npu: 'rknpu' | 'rocket' | 'none' = 'rknpu'): string {
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
  if (npu === 'rknpu') {
    mkdirSync(path.join(dir, 'dev'), { recursive: true })
    writeFileSync(path.join(dir, 'dev', 'rknpu'), '')
  }
  if (npu === 'rocket') {
    mkdirSync(path.join(dir, 'dev/accel'), { recursive: true })
    writeFileSync(path.join(dir, 'dev/accel/accel0'), '')
    mkdirSync(path.join(dir, 'sys/module/rocket'), { recursive: true })
  }
  return dir
}

export const simulatedEnv = (sysfs: string, extra: Record<string, string> = {}) => ({
  RK1_BENCH_SIMULATED: '1',
  RK1_BENCH_SYSFS: sysfs,
  RK1_BENCH_QUICK_N: '6',
  RK1_BENCH_FIO_SIZE: '16m',
  RK1_BENCH_FIO_RUNTIME: '1',
  ...extra
})

export function runHarness(args: string[], env: Record<string, string>): HarnessRun {
  const r = spawnSync('python3', [HARNESS, '--node', 'lab-w1', ...args], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', PYTHONDONTWRITEBYTECODE: '1', ...env },
    encoding: 'utf8',
    timeout: 120_000
  })
  const stdout = r.stdout ?? ''
  const raw = stdout.split('\n').filter(Boolean)
  for (const l of raw) expect(l.startsWith('RK1-BENCH {')).toBe(true)
  const lines = raw.map((l) => JSON.parse(l.slice('RK1-BENCH '.length)) as HarnessLine)
  const results = lines.filter((l): l is HarnessResultLine => l.type === 'result')
  return { code: r.status, lines, results, stdout, stderr: r.stderr ?? '' }
}

let published: ((doc: unknown) => boolean) | undefined

/**
 * The run's results as npu-benchmark writes them (recordFromResult), each checked with the
 * command's own validator and, separately, with plain ajv against schema/run-record.schema.json.
 */
export function recordsOf(run: HarnessRun, distro: 'talos' | 'k3s' = 'k3s'): BenchRecord[] {
  if (!published) {
    const ajv = new Ajv({ allErrors: true, strict: false })
    addFormats(ajv)
    published = ajv.compile(
      JSON.parse(readFileSync(path.resolve('schema/run-record.schema.json'), 'utf8'))
    )
  }
  const parsed = parseHarnessLog(run.stdout)
  expect(parsed.problems).toEqual([])
  const node = {
    name: 'lab-w1',
    slot: 1,
    environment: parsed.environment,
    harnessVersion: parsed.start?.harness_version,
    harnessSimulated: parsed.start?.simulated === true
  }
  const ctx = { suiteId: 'local-1', distro, clusterId: 'lab', labSimulated: false }
  return parsed.results.map((r) => {
    const record = recordFromResult(ctx, node, r)
    expect({ variant: r.workload.variant, problems: recordProblems(record) }).toEqual({
      variant: r.workload.variant,
      problems: []
    })
    expect(published!(record)).toBe(true)
    return record
  })
}

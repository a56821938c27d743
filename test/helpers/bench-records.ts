import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { RunRecord } from '../../src/report/records'

/**
 * Run records in the shape of specs/bench.md §8, for report tests: one night of both distros on
 * four nodes, with NPU (RKNN on K3s, none on Talos), CPU, storage and LLM workloads.
 */

export interface NightOptions {
  night: number
  /** ISO date of night 0; night n is n days later at 02:17 UTC. */
  start?: string
  simulated?: boolean
  clusterId?: string
  /** Multiplies every latency of this distro/node (1.1 = 10 % slower). */
  slow?: { distro: 'talos' | 'k3s'; node?: string; factor: number }
  noise?: () => number
}

const NODES = ['rk1-1', 'rk1-2', 'rk1-3', 'rk1-4']

export function record(
  partial: Partial<RunRecord> & Pick<RunRecord, 'cluster' | 'node' | 'workload' | 'metrics'>
): RunRecord {
  return {
    schema: 'rk1-bench/run',
    schema_version: 1,
    run_id: `${partial.suite_id ?? 'suite'}-${partial.cluster.distro}-${partial.node.name}-${partial.workload.variant}`,
    started_at: '2026-11-01T02:17:00Z',
    status: 'ok',
    method: { clock_mode: 'pinned-max', timing_scope: 'end_to_end' },
    ...partial
  }
}

function dist(p50: number, unit = 'ms') {
  return { unit, direction: 'lower' as const, n: 1024, p50, p90: p50 * 1.08, mean: p50 * 1.02 }
}

export function night(o: NightOptions): RunRecord[] {
  const at = new Date(
    Date.parse(o.start ?? '2026-11-01T02:17:00Z') + o.night * 86_400_000
  ).toISOString()
  const suite = `run-${1000 + o.night}`
  const noise = o.noise ?? (() => 1)
  const out: RunRecord[] = []
  for (const distro of ['talos', 'k3s-armbian'] as const) {
    const d = distro === 'talos' ? 'talos' : 'k3s'
    for (const [i, name] of NODES.entries()) {
      const slow =
        o.slow && o.slow.distro === d && (!o.slow.node || o.slow.node === name) ? o.slow.factor : 1
      const base = {
        suite_id: suite,
        started_at: at,
        simulated: o.simulated,
        cluster: {
          distro,
          distro_version: d === 'talos' ? 'v1.11.5' : '25.11',
          kubernetes_version: d === 'talos' ? 'v1.35.0' : 'v1.31.4+k3s1',
          container_runtime: 'containerd 2.1.4',
          cluster_id: o.clusterId ?? 'turing-cluster'
        },
        node: {
          name,
          kernel: d === 'talos' ? '6.18.1-talos' : '6.1.115-vendor-rk35xx',
          npu:
            d === 'talos'
              ? { driver: 'rocket', driver_version: '6.18', mesa_version: '25.3.1' }
              : { driver: 'rknpu', driver_version: '0.9.8' },
          storage: {
            model: 'Samsung 980',
            firmware: '3B4QFXO7',
            fs_type: d === 'talos' ? 'ext4' : 'xfs',
            pcie_speed: '8.0 GT/s',
            pcie_width: 4
          },
          cpu: { policies: [{ governor: 'performance', max_khz: 2352000 }] }
        }
      }
      const lat = (ms: number) => dist(ms * slow * noise() * (1 + i * 0.004))
      out.push(
        record({
          ...base,
          workload: {
            id: 'resnet50',
            variant: 'cpu-ort-4t',
            engine: 'onnxruntime',
            engine_version: '1.20.1'
          },
          metrics: { latency_ms: lat(d === 'talos' ? 61 : 58) }
        }),
        record({
          ...base,
          workload: {
            id: 'fio',
            variant: 'fio-seqread-qd32',
            engine: 'fio',
            engine_version: '3.39'
          },
          metrics: {
            bw_mb_s: {
              unit: 'MB/s',
              direction: 'higher',
              value: (d === 'talos' ? 3150 : 2990) / slow
            }
          }
        }),
        record({
          ...base,
          workload: {
            id: 'fio',
            variant: 'fio-randread-qd64j4',
            engine: 'fio',
            engine_version: '3.39'
          },
          metrics: {
            iops: {
              unit: 'IOPS',
              direction: 'higher',
              value: (d === 'talos' ? 410_000 : 395_000) / slow
            }
          }
        })
      )
      if (d === 'k3s') {
        out.push(
          record({
            ...base,
            workload: {
              id: 'resnet50',
              variant: 'npu-core0',
              engine: 'rknnlite',
              engine_version: '2.3.2',
              runtime_lib_version: '2.3.2'
            },
            metrics: { latency_ms: lat(10.4) },
            references: [
              {
                metric: 'latency_ms',
                value: 9.1,
                unit: 'ms',
                source: 'rknn_model_zoo',
                conditions: 'single core, run_only'
              }
            ]
          }),
          record({
            ...base,
            workload: {
              id: 'tinyllama-1.1b',
              variant: 'rkllm-w8a8',
              engine: 'rkllm',
              engine_version: '1.3.0'
            },
            metrics: { decode_tok_s: { unit: 'tok/s', direction: 'higher', value: 23.1 / slow } }
          })
        )
      } else {
        out.push(
          record({
            ...base,
            workload: { id: 'resnet50', variant: 'npu-core0', engine: 'rknnlite' },
            status: 'skipped',
            reason: 'no rknpu driver (rocket present)',
            metrics: {}
          }),
          record({
            ...base,
            workload: {
              id: 'mobilenetv1',
              variant: 'npu-teflon',
              engine: 'tflite-teflon',
              engine_version: '2.18'
            },
            metrics: { latency_ms: lat(13.2) }
          })
        )
      }
    }
  }
  return out
}

/** Writes records as one JSON file per distro and node under dir (like a benchmark artifact). */
export function writeNight(dir: string, records: RunRecord[]): string {
  mkdirSync(dir, { recursive: true })
  const groups = new Map<string, RunRecord[]>()
  for (const r of records) {
    const k = `${r.cluster.distro}-${r.node.name}`
    groups.set(k, [...(groups.get(k) ?? []), r])
  }
  for (const [k, rs] of groups) writeFileSync(join(dir, `${k}.json`), JSON.stringify(rs, null, 1))
  return dir
}

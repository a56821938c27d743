// Lab kubelet half of the benchmark: a Job pod of the rk1-bench image that runs the harness
// (/opt/rk1-bench/rk1_bench.py) runs the repository's own harness with python3, the same code as
// on hardware, against a per-node lab tree instead of /sys and a per-node folder instead of the
// NVMe test directory. Everything it prints says simulated (RK1_BENCH_SIMULATED=1).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'

/**
 * Node annotation: a lab fault for the harness on that node (no-npu | throttle | crash | no-perf,
 * the last a runtime without RKNN_QUERY_PERF_RUN: no run-only series).
 */
export const BENCH_FAULT_ANNOTATION = 'lab.rk1/bench-fault'
export const BENCH_FAULTS = ['no-npu', 'throttle', 'crash', 'no-perf'] as const
/**
 * Node annotation: `rocket` gives a Talos node the rockchip-rknn extension (the mainline rocket
 * driver: /dev/accel/accel0 and its module in sysfs), so the harness measures the NPU through Mesa
 * Teflon. Without it a Talos node is like the default schematic (rknn: false): no NPU driver.
 */
export const BENCH_NPU_ANNOTATION = 'lab.rk1/bench-npu'
type NodeStack = 'k3s' | 'talos' | 'talos-rocket'
/** Where the harness lives in the image (bench-image/Dockerfile). */
export const HARNESS_IN_IMAGE = '/opt/rk1-bench/rk1_bench.py'
/** The model fetcher in the image (src/bench/manifest.ts FETCH_PATH) and its cache mount. */
export const FETCHER_IN_IMAGE = '/opt/rk1-bench/rk1_models.py'
export const MODEL_CACHE_IN_POD = '/rk1-models'
/** The test directory the Job mounts from the node's NVMe filesystem. */
export const BENCH_DATA_IN_POD = '/bench-data'
const HARNESS_IN_REPO = path.join('bench-image', 'harness', 'rk1_bench.py')

/** Iterations and fio sizes the lab uses: enough for the statistics, short on a shared machine. */
const LAB_ENV = {
  RK1_BENCH_SIMULATED: '1',
  RK1_BENCH_QUICK_N: '12',
  RK1_BENCH_FIO_SIZE: '16m',
  RK1_BENCH_FIO_RUNTIME: '1'
}

export interface BenchJobContext {
  image: string
  command: string[]
  nodeName?: string
  nodeAnnotations: Record<string, string>
  /** The Job controller's sandbox: per-node trees and data folders go under it. */
  sandboxDir: string
}

/**
 * The repository's harness, found from this module whether it runs from src/ or a dist/ chunk
 * (the way the lab finds its charts: walk up to the checkout).
 */
export function harnessPath(from: string = import.meta.dirname): string | undefined {
  let dir = from
  for (;;) {
    const candidate = path.join(dir, HARNESS_IN_REPO)
    if (existsSync(candidate)) return candidate
    const up = path.dirname(dir)
    if (up === dir) return undefined
    dir = up
  }
}

/** The harness arguments of a container command, or undefined when it does not run the harness. */
function harnessArgs(image: string, command: string[]): string[] | undefined {
  if (!/rk1-bench/.test(image)) return undefined
  const at = command.indexOf(HARNESS_IN_IMAGE)
  if (at >= 0) return command.slice(at + 1)
  // No command, only args: the image's ENTRYPOINT is the harness.
  if (command.length === 0 || command[0]!.startsWith('--')) return command
  return undefined
}

function mapDataDir(args: string[], dataDir: string): string[] {
  const map = (v: string): string =>
    v === BENCH_DATA_IN_POD || v.startsWith(`${BENCH_DATA_IN_POD}/`)
      ? dataDir + v.slice(BENCH_DATA_IN_POD.length)
      : v
  return args.map((a) =>
    a.startsWith('--data-dir=') ? `--data-dir=${map(a.slice('--data-dir='.length))}` : map(a)
  )
}

function distroOf(args: string[]): 'talos' | 'k3s' {
  const i = args.findIndex((a) => a === '--distro' || a.startsWith('--distro='))
  if (i < 0) return 'k3s'
  const v = args[i]!.includes('=') ? args[i]!.split('=')[1] : args[i + 1]
  return v === 'talos' ? 'talos' : 'k3s'
}

function put(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true })
  writeFileSync(file, text.endsWith('\n') ? text : `${text}\n`)
}

/**
 * A lab node's sysfs as the harness reads it (bench.md §6 layout): thermal zones by type with a
 * passive trip at 85 °C, the three RK3588 cpufreq policies, the NPU devfreq, an NVMe controller,
 * and the NPU device node of the node's stack: vendor rknpu on Armbian; on Talos none, or the
 * mainline rocket driver when the node has the rockchip-rknn extension (BENCH_NPU_ANNOTATION).
 * Laid out once per node and distro; the harness warms it under load and puts it back.
 */
export function labNodeSysfs(dir: string, stack: NodeStack): string {
  if (existsSync(path.join(dir, '.complete'))) return dir
  const distro = stack === 'k3s' ? 'k3s' : 'talos'
  const zones =
    distro === 'talos'
      ? ['package-thermal', 'bigcore0-thermal', 'bigcore1-thermal', 'littlecore-thermal']
      : ['soc-thermal', 'bigcore0-thermal', 'bigcore1-thermal', 'littlecore-thermal', 'npu-thermal']
  zones.forEach((type, i) => {
    const z = path.join(dir, 'sys/class/thermal', `thermal_zone${i}`)
    put(path.join(z, 'type'), type)
    put(path.join(z, 'temp'), String(41000 + i * 500))
    put(path.join(z, 'trip_point_0_type'), 'passive')
    put(path.join(z, 'trip_point_0_temp'), '85000')
    put(path.join(z, 'trip_point_1_type'), 'critical')
    put(path.join(z, 'trip_point_1_temp'), '115000')
  })
  put(path.join(dir, 'sys/class/thermal/cooling_device0/cur_state'), '0')
  const governor = distro === 'talos' ? 'schedutil' : 'ondemand'
  for (const [policy, cpus, max] of [
    ['policy0', '0 1 2 3', 1800000],
    ['policy4', '4 5', 2352000],
    ['policy6', '6 7', 2352000]
  ] as const) {
    const p = path.join(dir, 'sys/devices/system/cpu/cpufreq', policy)
    put(path.join(p, 'related_cpus'), cpus)
    put(path.join(p, 'scaling_governor'), governor)
    put(path.join(p, 'scaling_min_freq'), '408000')
    for (const f of ['cpuinfo_max_freq', 'scaling_max_freq', 'scaling_cur_freq'])
      put(path.join(p, f), String(max))
  }
  put(path.join(dir, 'sys/devices/system/cpu/online'), '0-7')
  const npu = path.join(dir, 'sys/class/devfreq/fdab0000.npu')
  put(path.join(npu, 'cur_freq'), '1000000000')
  put(path.join(npu, 'max_freq'), '1000000000')
  const nvme = path.join(dir, 'sys/class/nvme/nvme0')
  put(path.join(nvme, 'model'), 'LAB SIMULATED NVMe')
  put(path.join(nvme, 'firmware_rev'), 'LAB0001')
  put(path.join(nvme, 'device/current_link_speed'), '8.0 GT/s PCIe')
  put(path.join(nvme, 'device/current_link_width'), '4')
  put(path.join(dir, 'proc/meminfo'), 'MemTotal:       16337912 kB')
  if (stack === 'talos-rocket') {
    put(path.join(dir, 'dev/accel/accel0'), '')
    put(path.join(dir, 'sys/module/rocket/initstate'), 'live')
  } else if (stack === 'k3s') {
    put(path.join(dir, 'dev/rknpu'), '')
    put(path.join(dir, 'sys/kernel/debug/rknpu/version'), 'RKNPU driver: v0.9.8')
  }
  put(path.join(dir, '.complete'), 'lab node tree for rk1-bench (simulated)')
  return dir
}

/**
 * What the lab runs for a Job pod: the harness under python3 with the lab's environment, or
 * undefined when the pod is not a harness run of the rk1-bench image.
 */
export function labBenchCommand(ctx: BenchJobContext): string[] | undefined {
  const fetch = /rk1-bench/.test(ctx.image) ? ctx.command.indexOf(FETCHER_IN_IMAGE) : -1
  if (fetch >= 0) return labFetchCommand(ctx, ctx.command.slice(fetch + 1))
  const args = harnessArgs(ctx.image, ctx.command)
  if (!args) return undefined
  const harness = harnessPath()
  if (!harness)
    return [
      'sh',
      '-c',
      `echo "lab: the rk1-bench harness (${HARNESS_IN_REPO}) is not in this checkout" >&2; exit 1`
    ]
  const node = (ctx.nodeName ?? 'unscheduled').replace(/[^A-Za-z0-9._-]/g, '_')
  const distro = distroOf(args)
  const nodeDir = path.join(ctx.sandboxDir, 'bench-nodes', node)
  const stack: NodeStack =
    distro === 'k3s'
      ? 'k3s'
      : ctx.nodeAnnotations[BENCH_NPU_ANNOTATION] === 'rocket'
        ? 'talos-rocket'
        : 'talos'
  const sysfs = labNodeSysfs(path.join(nodeDir, `sysfs-${stack}`), stack)
  const dataDir = path.join(nodeDir, 'bench-data')
  mkdirSync(dataDir, { recursive: true })
  const fault = ctx.nodeAnnotations[BENCH_FAULT_ANNOTATION] ?? ''
  const env: Record<string, string> = { ...LAB_ENV, RK1_BENCH_SYSFS: sysfs }
  if ((BENCH_FAULTS as readonly string[]).includes(fault)) env.RK1_BENCH_LAB_FAULT = fault
  return [
    'env',
    ...Object.entries(env).map(([k, v]) => `${k}=${v}`),
    'python3',
    harness,
    ...mapDataDir(args, dataDir)
  ]
}

/**
 * The model fetch Job: the repository's rk1_models.py for real (downloads, SHA-256, the cache),
 * with the node's cache as a folder of its own that outlives the Job (the hostPath on hardware)
 * and nothing fetched from outside 127.0.0.0/8.
 */
function labFetchCommand(ctx: BenchJobContext, args: string[]): string[] {
  const harness = harnessPath()
  const fetcher = harness ? path.join(path.dirname(harness), 'rk1_models.py') : undefined
  if (!fetcher || !existsSync(fetcher))
    return [
      'sh',
      '-c',
      'echo "lab: bench-image/harness/rk1_models.py is not in this checkout" >&2; exit 1'
    ]
  const node = (ctx.nodeName ?? 'unscheduled').replace(/[^A-Za-z0-9._-]/g, '_')
  const cache = labModelCache(ctx.sandboxDir, node)
  mkdirSync(cache, { recursive: true })
  const mapped = args.map((a) =>
    a === MODEL_CACHE_IN_POD || a.startsWith(`${MODEL_CACHE_IN_POD}/`)
      ? cache + a.slice(MODEL_CACHE_IN_POD.length)
      : a
  )
  return ['env', 'RK1_MODELS_LOOPBACK_ONLY=1', 'python3', fetcher, ...mapped]
}

/** A lab node's model cache (what /var/lib/rk1-bench/models is on hardware). */
export function labModelCache(sandboxDir: string, node: string): string {
  return path.join(sandboxDir, 'bench-nodes', node, 'models')
}

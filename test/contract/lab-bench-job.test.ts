// Contract: a Job of the rk1-bench image in the lab Kubernetes emulator runs the repository's
// harness for real (python3, real fio on a per-node folder, a per-node sysfs tree), its
// RK1-BENCH lines come back through the real `kubectl logs`, and the node annotation
// lab.rk1/bench-fault injects the harness's lab faults.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { startKubeApiEmulator, type KubeApiEmulator } from '../../src/lab/kube/index'
import {
  BENCH_FAULT_ANNOTATION,
  BENCH_NPU_ANNOTATION,
  harnessPath,
  labBenchCommand
} from '../../src/lab/kube/controllers/bench-job'
import { kubeClient, type KubeClientEnv } from '../helpers/kube-tools'

let emu: KubeApiEmulator
let k: KubeClientEnv
let sandbox: string

beforeAll(async () => {
  sandbox = mkdtempSync(path.join(tmpdir(), 'rk1-lab-bench-'))
  emu = await startKubeApiEmulator({
    timeScale: 100,
    readyDelayMs: 1000,
    nodeReadyDelayMs: 1000,
    jobSandboxDir: sandbox
  })
  for (let i = 1; i <= 3; i++) emu.registerNode(`rk1-${i}`, { ip: `127.0.1.${i}` })
  k = kubeClient(emu.kubeconfig())
  await ok(['wait', '--for=condition=Ready', 'node', '--all', '--timeout=30s'])
  await ok(['create', 'namespace', 'rk1-bench'])
})

afterAll(async () => {
  await emu.close()
  k.cleanup()
  rmSync(sandbox, { recursive: true, force: true })
})

async function ok(args: string[], input?: string): Promise<string> {
  const r = await k.kubectl(args, { input, timeoutMs: 120_000 })
  if (r.code !== 0)
    throw new Error(`kubectl ${args.join(' ')} failed (${r.code}):\n${r.stderr}${r.stdout}`)
  return r.stdout
}

function benchJob(name: string, node: string, suites: string, distro = 'k3s'): string {
  return `apiVersion: batch/v1
kind: Job
metadata: {name: ${name}, namespace: rk1-bench}
spec:
  backoffLimit: 0
  template:
    spec:
      restartPolicy: Never
      nodeName: ${node}
      containers:
        - name: bench
          image: ghcr.io/example/rk1-bench@sha256:${'0'.repeat(64)}
          command: [python3, /opt/rk1-bench/rk1_bench.py]
          args: [--suites, '${suites}', --mode, quick, --node, ${node}, --distro, ${distro}, --data-dir, /bench-data, --cooldown, '0']
          volumeMounts: [{name: data, mountPath: /bench-data}]
      volumes: [{name: data, hostPath: {path: /var/lib/rk1-bench, type: DirectoryOrCreate}}]
`
}

interface BenchLine {
  type: string
  status?: string
  reason?: string
  simulated?: boolean
  workload?: { id: string; variant: string }
  node?: { npu?: { driver?: string } }
}

function benchLines(logs: string): BenchLine[] {
  return logs
    .split('\n')
    .filter((l) => l.startsWith('RK1-BENCH '))
    .map((l) => JSON.parse(l.slice('RK1-BENCH '.length)) as BenchLine)
}

async function runJob(
  name: string,
  node: string,
  suites: string,
  want: 'complete' | 'failed',
  distro = 'k3s'
): Promise<BenchLine[]> {
  await ok(['apply', '-f', '-'], benchJob(name, node, suites, distro))
  await ok(['wait', `--for=condition=${want}`, `job/${name}`, '-n', 'rk1-bench', '--timeout=100s'])
  return benchLines(await ok(['logs', `job/${name}`, '-n', 'rk1-bench']))
}

describe('rk1-bench Jobs in the lab', () => {
  test('the harness is found in the checkout, and only harness runs of the image are mapped', () => {
    expect(harnessPath()).toBe(path.resolve('bench-image/harness/rk1_bench.py'))
    const base = { nodeAnnotations: {}, sandboxDir: sandbox, nodeName: 'rk1-9' }
    expect(labBenchCommand({ ...base, image: 'busybox:1', command: ['sh', '-c', 'true'] })).toBe(
      undefined
    )
    expect(labBenchCommand({ ...base, image: 'x/rk1-bench:1', command: ['sh', '-c', 'ls'] })).toBe(
      undefined
    )
    const cmd = labBenchCommand({
      ...base,
      image: 'x/rk1-bench:1',
      command: ['--suites', 'storage', '--data-dir=/bench-data/sub']
    })!
    expect(cmd.slice(-5, -3)).toEqual(['python3', harnessPath()])
    expect(cmd.at(-1)).toBe(
      `--data-dir=${path.join(sandbox, 'bench-nodes', 'rk1-9', 'bench-data')}/sub`
    )
    expect(cmd).toContain('RK1_BENCH_SIMULATED=1')
    expect(cmd).toContain('RK1_BENCH_FIO_SIZE=16m')
  })

  test('a Job pinned to a node runs every suite; kubectl logs carries the RK1-BENCH lines', async () => {
    const lines = await runJob('bench-rk1-1', 'rk1-1', 'npu,storage,llm', 'complete')
    expect(lines[0]).toMatchObject({ type: 'start', simulated: true })
    expect(lines[1]).toMatchObject({ type: 'environment', node: { npu: { driver: 'rknpu' } } })
    const results = lines.filter((l) => l.type === 'result')
    // 6 NPU variants in two timing scopes (end to end, run only), 5 fio jobs, the LLM on the
    // NPU and its CPU row.
    expect(results).toHaveLength(19)
    for (const r of results) {
      expect(r.status).toBe('ok')
      expect(r.simulated).toBe(true)
    }
    expect(results.filter((r) => r.workload?.id === 'fio')).toHaveLength(5)
    expect(lines.at(-1)).toMatchObject({ type: 'done', ok: 19, failed: 0 })
    // The fio test file went away; the node's data folder stays.
    const data = path.join(sandbox, 'bench-nodes', 'rk1-1', 'bench-data')
    expect(existsSync(data)).toBe(true)
    expect(readdirSync(data)).toEqual([])
  })

  test('a Talos node has no rknpu: the NPU suite is skipped, never an error', async () => {
    const lines = await runJob('bench-talos', 'rk1-3', 'npu', 'complete', 'talos')
    expect(lines[1]).toMatchObject({ node: { npu: { driver: 'none' } } })
    const results = lines.filter((l) => l.type === 'result')
    // The RKNN rows in both timing scopes, and the Teflon row: nothing to run it on either.
    expect(results).toHaveLength(13)
    for (const r of results) {
      expect(r.status).toBe('skipped')
      expect(r.reason).toMatch(/^no rknpu driver on Talos/)
    }
    expect(results.at(-1)!.workload).toMatchObject({ id: 'mobilenetv1', variant: 'npu-teflon' })
  })

  test(`${BENCH_NPU_ANNOTATION}=rocket: a Talos node with the rockchip-rknn extension runs Teflon`, async () => {
    await ok(['annotate', 'node', 'rk1-3', `${BENCH_NPU_ANNOTATION}=rocket`, '--overwrite'])
    const lines = await runJob('bench-talos-rocket', 'rk1-3', 'npu', 'complete', 'talos')
    await ok(['annotate', 'node', 'rk1-3', `${BENCH_NPU_ANNOTATION}-`])
    expect(lines[1]).toMatchObject({
      node: { npu: { driver: 'rocket', device_nodes: ['/dev/accel/accel0'] } }
    })
    const results = lines.filter((l) => l.type === 'result')
    const measured = results.filter((r) => r.status === 'ok')
    expect(measured.map((r) => `${r.workload!.id}/${r.workload!.variant}`)).toEqual([
      'mobilenetv1/cpu-tflite-4t',
      'mobilenetv1/npu-teflon'
    ])
    for (const r of measured) expect(r.simulated).toBe(true)
    const rknn = results.filter((r) => r.status !== 'ok')
    expect(rknn).toHaveLength(12)
    for (const r of rknn)
      expect(r.reason).toMatch(/rocket present: the NPU is measured through Mesa Teflon/)
  })

  test(`the ${BENCH_FAULT_ANNOTATION} annotation injects no-npu, throttle and crash`, async () => {
    const annotate = (v: string) =>
      ok(['annotate', 'node', 'rk1-2', `${BENCH_FAULT_ANNOTATION}=${v}`, '--overwrite'])

    await annotate('no-npu')
    const noNpu = (await runJob('fault-no-npu', 'rk1-2', 'npu', 'complete')).filter(
      (l) => l.type === 'result'
    )
    expect(noNpu.map((r) => r.status)).toEqual(Array(12).fill('skipped'))
    expect(noNpu[0]!.reason).toBe('no rknpu driver')

    await annotate('throttle')
    const hot = (await runJob('fault-throttle', 'rk1-2', 'npu', 'complete')).filter(
      (l) => l.type === 'result'
    )
    expect(hot.map((r) => r.status)).toEqual(Array(12).fill('degraded'))
    expect(hot[0]!.reason).toMatch(/^throttled: /)

    await annotate('crash')
    const crashed = await runJob('fault-crash', 'rk1-2', 'npu', 'failed')
    expect(crashed.filter((l) => l.type === 'result').length).toBeGreaterThan(0)
    expect(crashed.some((l) => l.type === 'done')).toBe(false)
    const pods = JSON.parse(await ok(['get', 'pods', '-n', 'rk1-bench', '-o', 'json'])) as {
      items: {
        metadata: { ownerReferences?: { name: string }[] }
        status: { containerStatuses?: { state: { terminated?: { exitCode: number } } }[] }
      }[]
    }
    const pod = pods.items.find((p) => p.metadata.ownerReferences?.[0]?.name === 'fault-crash')
    const exit = pod?.status.containerStatuses?.[0]?.state.terminated?.exitCode
    expect(exit).toBe(137)
  })
})

// The command's Job handling against the lab Kubernetes API with the real kubectl: each pod
// replays recorded harness output (test/helpers/bench-replay.mjs); one node crashes mid-suite and
// one is in the inventory but not in the cluster. Their failures stay theirs; every Job and the namespace are gone after.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { runBenchmark, type BenchmarkReport } from '../../src/bench/run'
import { startKubeApiEmulator, type KubeApiEmulator } from '../../src/lab/kube/index'
import { loadRecords } from '../../src/report/load'
import { kubeTools } from '../helpers/kube-tools'
import { labInventory } from '../helpers/workloads-inventory'

const ROOT = path.resolve(import.meta.dirname, '../..')
const FIXTURE = path.join(ROOT, 'test/fixtures/bench/k3s-all-suites.log')
const REPLAY = path.join(ROOT, 'test/helpers/bench-replay.mjs')

let emu: KubeApiEmulator
let dir: string
let report: BenchmarkReport
const seen: { job: string; node?: string; command: string[] }[] = []
const logs: string[] = []
let nsLabels: Record<string, string> | undefined
const privileged = new Map<string, boolean>()

beforeAll(async () => {
  emu = await startKubeApiEmulator({
    host: '127.0.0.1',
    timeScale: 20,
    readyDelayMs: 400,
    nodeReadyDelayMs: 400,
    resolveJobCommand: (ctx) => {
      if (ctx.namespace !== 'rk1-bench') return ctx.command
      seen.push({ job: ctx.job, node: ctx.nodeName, command: ctx.command })
      nsLabels = emu.objects({ kind: 'Namespace', name: 'rk1-bench' })[0]?.metadata.labels
      const pod = emu.objects({ kind: 'Pod', namespace: 'rk1-bench', name: ctx.pod })[0]
      const spec = pod?.spec as { containers: { securityContext?: { privileged?: boolean } }[] }
      privileged.set(ctx.job, spec.containers[0]?.securityContext?.privileged === true)
      const suite = ctx.command[ctx.command.indexOf('--suites') + 1] ?? ''
      const crash = ctx.nodeName === 'lab-w2' && suite === 'npu' ? ['crash'] : []
      return [process.execPath, REPLAY, FIXTURE, suite, ctx.nodeName ?? '', ...crash]
    }
  })
  emu.registerNode('lab-cp1', { ip: '127.0.1.1', roles: ['control-plane'] })
  for (let i = 2; i <= 3; i++) emu.registerNode(`lab-w${i - 1}`, { ip: `127.0.1.${i}` })
  await new Promise((r) => setTimeout(r, 300))
  dir = mkdtempSync(path.join(tmpdir(), 'rk1-bench-jobs-'))
  const inventory = labInventory('', 5)
  const tools = kubeTools()
  const log = (level: string) => (m: string) => logs.push(`${level}: ${m}`)
  report = await runBenchmark({
    inventory,
    distro: 'k3s',
    nodes: inventory.nodes,
    suites: ['npu', 'cpu', 'storage'],
    mode: 'quick',
    image: 'replay:test',
    cooldownS: 0,
    timeoutS: 60,
    kubeconfig: emu.kubeconfig(),
    resultsDir: path.join(dir, 'results'),
    suiteId: 'contract-1',
    log: {
      info: log('info'),
      warn: log('warn'),
      error: log('error'),
      debug: () => undefined,
      group: (_t, fn) => fn()
    },
    env: {},
    tempDir: dir,
    tools: { kubectl: tools.kubectl, helm: tools.helm }
  })
}, 120_000)

afterAll(async () => {
  await emu.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('npu-benchmark Jobs on the lab Kubernetes API', () => {
  test('one Job per node and suite, pinned to its node, suites in order on each node', () => {
    const byNode = (n: string) => seen.filter((s) => s.node === n).map((s) => s.job)
    expect(byNode('lab-cp1')).toEqual([
      'rk1-bench-npu-lab-cp1',
      'rk1-bench-cpu-lab-cp1',
      'rk1-bench-storage-lab-cp1'
    ])
    expect(byNode('lab-w3')).toEqual([])
    expect(report.simulated).toBe(true)
  })

  test('healthy nodes: every replayed result is a valid SIMULATED record', () => {
    const cp1 = report.nodes.find((n) => n.name === 'lab-cp1')!
    expect(cp1.failures).toEqual([])
    expect(cp1.records.every((r) => r.simulated === true && r.status === 'ok')).toBe(true)
    expect(cp1.records.map((r) => r.workload.variant)).toEqual(
      expect.arrayContaining(['npu-core0', 'cpu-ort-4t', 'fio-seqread-1m'])
    )
    expect(cp1.records[0]?.cluster).toMatchObject({ distro: 'k3s-armbian', cluster_id: 'lab' })
  })

  test('a crash mid-suite fails that suite on that node only, with the log tail', () => {
    const w2 = report.nodes.find((n) => n.name === 'lab-w2')!
    expect(w2.failures).toHaveLength(1)
    expect(w2.failures[0]).toMatch(/^lab-w2: npu: the benchmark Job failed: exit 137/)
    const failed = w2.records.filter((r) => r.status === 'failed')
    expect(failed).toHaveLength(1)
    expect(failed[0]).toMatchObject({
      workload: { id: 'resnet50', variant: 'npu-core012' },
      artifacts: { log: 'logs/lab-w2-npu.log' }
    })
    expect(failed[0]?.reason).toMatch(
      /after 1 result\(s\); interrupted during resnet50\/npu-core012/
    )
    expect(failed[0]?.evidence).toContain('Killed')
    // The suite's first result and the node's other suites stand.
    expect(w2.records.filter((r) => r.status === 'ok').length).toBeGreaterThan(3)
  })

  test('a node the cluster does not have: failed records for each suite, nothing run on it', () => {
    const w3 = report.nodes.find((n) => n.name === 'lab-w3')!
    expect(w3.records.map((r) => [r.workload.id, r.status])).toEqual([
      ['npu', 'failed'],
      ['cpu', 'failed'],
      ['storage', 'failed']
    ])
    expect(w3.records[0]?.reason).toBe(
      'node lab-w3 is not a node of this cluster (kubectl get nodes): nothing ran on it'
    )
  })

  test('the results folder is what report reads; logs per node and suite', async () => {
    const loaded = await loadRecords([path.join(dir, 'results')])
    expect(loaded.bad).toEqual([])
    expect(loaded.records).toHaveLength(report.records.length)
    const logsDir = readdirSync(path.join(dir, 'results', 'logs')).sort()
    expect(logsDir).toContain('lab-w2-npu.log')
    expect(readFileSync(path.join(dir, 'results', 'logs', 'lab-w2-npu.log'), 'utf8')).toMatch(
      /^# rk1 npu-benchmark: suite npu on lab-w2: failed \(exit 137/
    )
  })

  test('the namespace is privileged while it exists, and every Job and the namespace are removed', () => {
    expect(nsLabels).toMatchObject({ 'pod-security.kubernetes.io/enforce': 'privileged' })
    expect(privileged.get('rk1-bench-npu-lab-cp1')).toBe(true)
    expect(privileged.get('rk1-bench-cpu-lab-cp1')).toBe(false)
    expect(privileged.get('rk1-bench-storage-lab-cp1')).toBe(false)
    expect(emu.objects({ kind: 'Job', namespace: 'rk1-bench' })).toEqual([])
    expect(emu.objects({ kind: 'Pod', namespace: 'rk1-bench' })).toEqual([])
    expect(emu.objects({ kind: 'Namespace', name: 'rk1-bench' })).toEqual([])
    // The replay image is a tag: the lab only warns that hardware would refuse it.
    const warnings = logs.filter((l) => l.startsWith('warn:') && !l.includes('SIMULATED'))
    expect(warnings).toEqual([expect.stringMatching(/replay:test is not pinned by digest/)])
  })
})

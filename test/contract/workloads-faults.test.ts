// Contract: on a lab K3s cluster, a component whose rollout never becomes ready fails with the
// component, the resource and its events in the message; its dependent is skipped with the
// reason, and the independent components are still deployed and reported on their own.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import type { KubeApiEmulator } from '../../src/lab/kube/index'
import type { DeployWorkloadsReport } from '../../src/workloads/index'
import {
  deployOptions,
  deployWorkloads,
  startLabCluster,
  type Captured
} from '../helpers/workloads-lab'

let emu: KubeApiEmulator
let report: DeployWorkloadsReport
const captured: Captured = { logs: [], masked: [] }

beforeAll(async () => {
  emu = await startLabCluster('k3s', { net: 5 })
  emu.faults.neverReady?.push({ kind: 'Deployment', name: 'longhorn-driver-deployer' })
  const options = deployOptions(emu, 'k3s', {}, captured)
  options.settings.timeoutS = 4
  report = await deployWorkloads(options)
})

afterAll(async () => {
  await emu.close()
})

describe('a never-ready component on a lab K3s cluster', () => {
  test('each component is reported on its own', () => {
    expect(report.results.map((r) => [r.name, r.status])).toEqual([
      ['metallb', 'installed'],
      ['traefik', 'installed'],
      ['longhorn', 'failed'],
      ['kube-prometheus-stack', 'skipped']
    ])
    const traefik = report.results.find((r) => r.name === 'traefik')
    expect(traefik?.checks.every((c) => c.ok)).toBe(true)
  })

  test('the failure names the component, the resource and its events', () => {
    const longhorn = report.results.find((r) => r.name === 'longhorn')
    expect(longhorn?.message).toContain('longhorn: helm upgrade --install failed')
    expect(longhorn?.message).toContain('deployment/longhorn-driver-deployer in longhorn-system')
    expect(longhorn?.message).toMatch(
      /Unhealthy Pod\/longhorn-driver-deployer-\S+: Readiness probe failed: lab fault injection/
    )
    expect(longhorn?.message).not.toContain('longhorn-ui in')
    expect(captured.logs.some((l) => l.startsWith('error: longhorn:'))).toBe(true)
  })

  test('the dependent is skipped with the reason; helm rolled the failed install back', () => {
    const kps = report.results.find((r) => r.name === 'kube-prometheus-stack')
    expect(kps?.message).toBe('skipped: longhorn failed')
    expect(emu.objects({ kind: 'Deployment', namespace: 'longhorn-system' })).toEqual([])
    expect(emu.objects({ kind: 'Namespace', name: 'monitoring' })).toEqual([])
  })
})

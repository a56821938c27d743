// Contract: deploy-workloads on a lab K3s cluster whose API answers 503 for a while. A 2 s outage
// in the middle of a fresh deploy is ridden out (every component deploys, each retry logged once
// with its reason); an outage longer than the timeout ends in a failure that names it.
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
const outage = (fromMs: number, forMs?: number) => {
  const from = Date.now() + fromMs
  emu.faults.apiErrors?.push({
    path: /./,
    status: 503,
    from,
    until: forMs === undefined ? undefined : from + forMs
  })
}

beforeAll(async () => {
  emu = await startLabCluster('k3s', { net: 7 })
})

afterAll(async () => {
  await emu.close()
})

describe('a flapping Kubernetes API', () => {
  let report: DeployWorkloadsReport
  const captured: Captured = { logs: [], masked: [] }

  test('a 2 s outage mid-deploy: every component succeeds', async () => {
    const options = deployOptions(emu, 'k3s', {}, captured)
    outage(3000, 2000)
    report = await deployWorkloads(options)
    emu.faults.apiErrors = []
    expect(report.results.map((r) => [r.name, r.status, r.message?.slice(0, 2000)])).toEqual([
      ['metallb', 'installed', undefined],
      ['traefik', 'installed', undefined],
      ['longhorn', 'installed', undefined],
      ['kube-prometheus-stack', 'installed', undefined]
    ])
    const retries = captured.logs.filter((l) => /; retry \d+ in \d+\.\d s$/.test(l))
    expect(retries.length).toBeGreaterThan(0)
    expect(retries.every((l) => l.includes('503 Service Unavailable'))).toBe(true)
  })

  test('an outage longer than the timeout: a clear failure naming it', async () => {
    const options = deployOptions(emu, 'k3s', {}, { logs: [], masked: [] })
    options.settings.timeoutS = 10
    outage(0)
    const failed = await deployWorkloads(options).then(
      () => undefined,
      (e: unknown) => e
    )
    emu.faults.apiErrors = []
    expect(String((failed as Error | undefined)?.message)).toMatch(
      /helm list .* failed: the Kubernetes API was unavailable for \d+\.\d s \(503 Service Unavailable; \d+ attempts\)/
    )
  })
})

// Contract: the opt-in paths with the real helm and kubectl on a lab Talos cluster: ingress-nginx
// instead of Traefik (retirement warning, inventory IP, nginx-class Ingresses served through the
// lab ingress) and the optional metrics-server (Talos overlay, deployed and checked).
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import type { KubeApiEmulator, KubeObject } from '../../src/lab/kube/index'
import { httpGet } from '../../src/workloads/http-check'
import type { DeployWorkloadsReport } from '../../src/workloads/index'
import {
  deployOptions,
  deployWorkloads,
  startLabCluster,
  type Captured
} from '../helpers/workloads-lab'

const NET = 9
let emu: KubeApiEmulator
let report: DeployWorkloadsReport
const captured: Captured = { logs: [], masked: [] }

function options() {
  const o = deployOptions(emu, 'talos', {}, captured)
  o.settings.ingressController = 'ingress-nginx'
  o.settings.metricsServer = true
  return o
}

beforeAll(async () => {
  emu = await startLabCluster('talos', { net: NET })
  report = await deployWorkloads(options())
}, 120_000)

afterAll(async () => {
  await emu.close()
})

describe('ingress-nginx and metrics-server on a lab Talos cluster', () => {
  test('every component installs and every check passes', () => {
    expect(report.results.map((r) => [r.name, r.status, r.message])).toEqual([
      ['metallb', 'installed', undefined],
      ['ingress-nginx', 'installed', undefined],
      ['longhorn', 'installed', undefined],
      ['kube-prometheus-stack', 'installed', undefined],
      ['metrics-server', 'installed', undefined]
    ])
    for (const r of report.results) expect(r.checks.filter((c) => !c.ok)).toEqual([])
    const checks = report.results.flatMap((r) => r.checks.map((c) => `${r.name}: ${c.name}`))
    expect(checks).toEqual(
      expect.arrayContaining([
        'ingress-nginx: LoadBalancer IP of ingress-nginx-controller',
        'longhorn: HTTP through the ingress (longhorn.local)',
        'kube-prometheus-stack: HTTP through the ingress (grafana.local)',
        'kube-prometheus-stack: HTTP through the ingress (prometheus.local)',
        'kube-prometheus-stack: HTTP through the ingress (alertmanager.local)',
        'metrics-server: Deployment metrics-server available'
      ])
    )
  })

  test('the retirement warning is logged', () => {
    expect(captured.logs.filter((l) => l.startsWith('warn:')).join('\n')).toContain(
      'ingress-nginx is retired upstream'
    )
  })

  test('ingress-nginx has the inventory IP and serves the nginx-class Ingresses', async () => {
    const [svc] = emu.objects({
      kind: 'Service',
      namespace: 'ingress-nginx',
      name: 'ingress-nginx-controller'
    }) as (KubeObject & { status: { loadBalancer: { ingress: { ip: string }[] } } })[]
    expect(svc?.status.loadBalancer.ingress[0]?.ip).toBe(`127.0.${NET}.81`)
    expect(emu.objects({ kind: 'Deployment', namespace: 'traefik' })).toEqual([])
    const classes = emu
      .objects({ kind: 'Ingress' })
      .map((i) => (i.spec as { ingressClassName?: string }).ingressClassName)
    expect(classes.length).toBeGreaterThanOrEqual(4)
    expect(new Set(classes)).toEqual(new Set(['nginx']))
    const answer = await httpGet(`127.0.${NET}.81`, 'grafana.local', 5000)
    expect(answer.status).toBe(200)
    expect(answer.body).toContain('grafana')
  })

  test('metrics-server got the Talos overlay', () => {
    const [d] = emu.objects({
      kind: 'Deployment',
      namespace: 'kube-system',
      name: 'metrics-server'
    })
    const containers = (d?.spec as { template: { spec: { containers: { args: string[] }[] } } })
      .template.spec.containers
    expect(containers[0]?.args).toContain('--kubelet-insecure-tls')
  })

  test('a second run changes nothing', async () => {
    const again = await deployWorkloads(options())
    expect(again.results.map((r) => [r.name, r.status])).toEqual([
      ['metallb', 'unchanged'],
      ['ingress-nginx', 'unchanged'],
      ['longhorn', 'unchanged'],
      ['kube-prometheus-stack', 'unchanged'],
      ['metrics-server', 'unchanged']
    ])
    for (const r of again.results) expect(r.checks.filter((c) => !c.ok)).toEqual([])
  }, 120_000)
})

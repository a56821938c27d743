// Contract: deploy-workloads with the real helm and kubectl against the lab Kubernetes API and the
// lab stand-in charts: everything installs and its checks pass, a second run changes nothing,
// and a plan after a values edit shows exactly that edit.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import type { KubeApiEmulator, KubeObject } from '../../src/lab/kube/index'
import type { DeployWorkloadsReport } from '../../src/workloads/index'
import {
  deployOptions,
  deployWorkloads,
  startLabCluster,
  type Captured
} from '../helpers/workloads-lab'

let emu: KubeApiEmulator
let first: DeployWorkloadsReport
const captured: Captured = { logs: [], masked: [] }

beforeAll(async () => {
  emu = await startLabCluster('talos')
  first = await deployWorkloads(deployOptions(emu, 'talos', {}, captured))
})

afterAll(async () => {
  await emu.close()
})

const one = (kind: string, namespace: string | undefined, name: string): KubeObject => {
  const [o] = emu.objects({ kind, namespace, name })
  if (!o) throw new Error(`${kind} ${namespace ?? ''}/${name} not found`)
  return o
}

describe('deploy-workloads on a lab Talos cluster', () => {
  test('every component installs and every check passes', () => {
    expect(first.results.map((r) => [r.name, r.status, r.message])).toEqual([
      ['metallb', 'installed', undefined],
      ['traefik', 'installed', undefined],
      ['longhorn', 'installed', undefined],
      ['kube-prometheus-stack', 'installed', undefined]
    ])
    for (const r of first.results) {
      expect(r.checks.length).toBeGreaterThan(0)
      expect(r.checks.filter((c) => !c.ok)).toEqual([])
    }
  })

  test('the ingress controller got the inventory IP from the MetalLB pool', () => {
    const pool = one('IPAddressPool', 'metallb-system', 'default-pool')
    expect(pool.spec).toEqual({ addresses: ['127.0.2.80-127.0.2.89'] })
    const svc = one('Service', 'traefik', 'traefik') as KubeObject & {
      status: { loadBalancer: { ingress: { ip: string }[] } }
    }
    expect(svc.status.loadBalancer.ingress[0]?.ip).toBe('127.0.2.81')
    expect(one('IngressClass', undefined, 'nginx').metadata.annotations).toMatchObject({
      'ingressclass.kubernetes.io/is-default-class': 'true'
    })
  })

  test('namespaces carry the privileged pod-security labels where needed', () => {
    for (const ns of ['metallb-system', 'longhorn-system', 'monitoring'])
      expect(one('Namespace', undefined, ns).metadata.labels).toMatchObject({
        'pod-security.kubernetes.io/enforce': 'privileged'
      })
  })

  test('Longhorn got the Talos data path, the replica count and both classes', () => {
    const settings = one('ConfigMap', 'longhorn-system', 'longhorn-default-setting').data as Record<
      string,
      string
    >
    expect(settings['default-setting.yaml']).toContain('default-data-path: /var/mnt/longhorn')
    const sc = one('StorageClass', undefined, 'longhorn') as KubeObject & {
      parameters: Record<string, string>
    }
    expect(sc.parameters.numberOfReplicas).toBe('3')
    expect(sc.metadata.annotations?.['storageclass.kubernetes.io/is-default-class']).toBe('true')
    expect(one('StorageClass', undefined, 'longhorn-nvme').provisioner).toBe('driver.longhorn.io')
    expect(emu.objects({ kind: 'PersistentVolumeClaim', namespace: 'longhorn-system' })).toEqual([])
  })

  test('monitoring volumes bound, hosts routed, generated Grafana password masked', () => {
    const claims = emu.objects({ kind: 'PersistentVolumeClaim', namespace: 'monitoring' })
    expect(claims.map((c) => (c.status as { phase: string }).phase)).toEqual([
      'Bound',
      'Bound',
      'Bound'
    ])
    const hosts = emu
      .objects({ kind: 'Ingress', namespace: 'monitoring' })
      .flatMap((i) => (i.spec as { rules: { host: string }[] }).rules.map((r) => r.host))
      .sort()
    expect(hosts).toEqual(['alertmanager.local', 'grafana.local', 'prometheus.local'])
    const password = first.outputs['grafana-admin-password']
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/)
    expect(captured.masked).toContain(password)
    expect(captured.logs.join('\n')).not.toContain(password)
  })

  test('a second run changes nothing and says so', async () => {
    const again = await deployWorkloads(deployOptions(emu, 'talos'))
    expect(again.results.map((r) => r.status)).toEqual([
      'unchanged',
      'unchanged',
      'unchanged',
      'unchanged'
    ])
    expect(again.planMarkdown).toContain('Nothing would change')
    expect(again.outputs).toEqual({})
    const releases = emu
      .objects({ kind: 'Secret' })
      .filter((s) => s.metadata.labels?.owner === 'helm')
      .map((s) => s.metadata.name)
    expect(releases.every((n) => n?.endsWith('.v1'))).toBe(true)
  })

  test('a changed Grafana admin password rolls Grafana out and the result says so', async () => {
    const grafana = () => one('Deployment', 'monitoring', 'prometheus-grafana')
    const before = grafana().metadata.generation
    const again = await deployWorkloads(
      deployOptions(emu, 'talos', { grafanaAdminPassword: `pw-${Date.now()}` })
    )
    const kps = again.results.find((r) => r.name === 'kube-prometheus-stack')
    expect(kps?.status).toBe('upgraded')
    expect(kps?.checks).toContainEqual({
      name: 'Grafana admin password',
      ok: true,
      detail: 'changed: prometheus-grafana restarted to apply it'
    })
    expect(grafana().metadata.generation).toBeGreaterThan(before ?? 0)
    const same = await deployWorkloads(deployOptions(emu, 'talos'))
    expect(same.results.find((r) => r.name === 'kube-prometheus-stack')?.status).toBe('unchanged')
  })

  test('plan mode after a values edit shows exactly that change and changes nothing', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'rk1-values-'))
    try {
      cpSync(path.resolve('workloads/values'), dir, { recursive: true })
      const file = path.join(dir, 'kube-prometheus-stack', 'base.yaml')
      writeFileSync(file, readFileSync(file, 'utf8').replace('retention: 15d', 'retention: 30d'))
      const before = emu.objects({ kind: 'Secret' }).length
      const plan = await deployWorkloads(
        deployOptions(emu, 'talos', { plan: true, valuesDir: dir })
      )
      expect(plan.results).toEqual([])
      expect(plan.plans.map((p) => [p.name, p.action, p.changes])).toEqual([
        ['metallb', 'unchanged', []],
        ['traefik', 'unchanged', []],
        ['longhorn', 'unchanged', []],
        [
          'kube-prometheus-stack',
          'upgrade',
          [{ path: 'prometheus.prometheusSpec.retention', before: '15d', after: '30d' }]
        ]
      ])
      expect(plan.planMarkdown).toContain(
        '| `prometheus.prometheusSpec.retention` | `"15d"` | `"30d"` |'
      )
      expect(emu.objects({ kind: 'Secret' }).length).toBe(before)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

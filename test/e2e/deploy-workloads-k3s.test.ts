// End to end on lab K3s clusters, through the BUILT bundle: a deploy from a kubeconfig file whose
// checks pass, pruning the other ingress controller only when asked, and a never-ready component
// that fails with the resource and its events while the others are reported on their own.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import type { KubeApiEmulator } from '../../src/lab/kube/index'
import { repoRoot, runBundle } from '../helpers/action-runner'
import { labInventoryText } from '../helpers/workloads-inventory'
import { startLabCluster } from '../helpers/workloads-lab'

interface Result {
  components: { name: string; status: string; checks: { name: string; ok: boolean }[] }[]
}

let dir: string
const clusters: KubeApiEmulator[] = []

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'rk1-deploy-k3s-'))
})

afterAll(async () => {
  await Promise.all(clusters.map((c) => c.close()))
  rmSync(dir, { recursive: true, force: true })
})

async function cluster(net: number) {
  const emu = await startLabCluster('k3s', { net })
  clusters.push(emu)
  const inventory = path.join(dir, `cluster-${net}.yaml`)
  writeFileSync(inventory, labInventoryText('', net).replace('distro: talos', 'distro: k3s'))
  const kubeconfig = path.join(dir, `kubeconfig-${net}`)
  writeFileSync(kubeconfig, emu.kubeconfig(), { mode: 0o600 })
  const run = (inputs: Record<string, string> = {}) =>
    runBundle(
      'deploy-workloads.mjs',
      { inventory, 'kubeconfig-path': kubeconfig, timeout: '60', ...inputs },
      {
        env: {
          PATH: `${path.join(repoRoot, '.tools/bin')}${path.delimiter}${process.env.PATH ?? ''}`,
          RK1_CHART_SOURCE: `lab:${path.join(repoRoot, 'lab/charts')}`
        },
        timeoutMs: 90_000
      }
    )
  return { emu, run }
}

const parse = (text: string | undefined) => JSON.parse(text ?? '') as Result

describe('deploy-workloads bundle on a lab K3s cluster', () => {
  test('deploys with the K3s overlays, checks pass, prune only when asked', async () => {
    const { emu, run } = await cluster(4)
    const first = await run({ 'grafana-admin-password': 'e2e-Grafana-Secret-7' })
    expect(first.stderr).toBe('')
    expect(first.exitCode).toBe(0)
    const result = parse(first.outputs.result)
    expect(result.components.map((c) => [c.name, c.status])).toEqual([
      ['metallb', 'installed'],
      ['traefik', 'installed'],
      ['longhorn', 'installed'],
      ['kube-prometheus-stack', 'installed']
    ])
    for (const c of result.components) expect(c.checks.filter((k) => !k.ok)).toEqual([])
    expect(result.components.flatMap((c) => c.checks).map((k) => k.name)).toContain(
      'HTTP through the ingress (grafana.local)'
    )
    const settings = emu.objects({
      kind: 'ConfigMap',
      namespace: 'longhorn-system',
      name: 'longhorn-default-setting'
    })[0]?.data as Record<string, string>
    expect(settings['default-setting.yaml']).toContain('default-data-path: /var/lib/longhorn')
    // A given password is neither an output nor shown.
    expect(first.outputs['grafana-admin-password']).toBeUndefined()
    expect(first.stdout.replace(/^::add-mask::.*$/gm, '')).not.toContain('e2e-Grafana-Secret-7')
    expect(first.summary).not.toContain('e2e-Grafana-Secret-7')

    // Switching to ingress-nginx without prune keeps Traefik and says so.
    const kept = await run({
      components: 'ingress',
      'ingress-controller': 'ingress-nginx',
      plan: 'true'
    })
    expect(kept.exitCode).toBe(0)
    expect(kept.outputs.plan).toContain('left in place (set prune: true to remove): traefik')
    const pruned = await run({
      components: 'ingress',
      'ingress-controller': 'ingress-nginx',
      prune: 'true'
    })
    expect(pruned.stderr).toBe('')
    expect(pruned.exitCode).toBe(0)
    expect(parse(pruned.outputs.result).components.map((c) => [c.name, c.status])).toEqual([
      ['ingress-nginx', 'installed'],
      ['traefik', 'removed']
    ])
    expect(pruned.stdout).toContain('retired upstream')
    expect(emu.objects({ kind: 'Deployment', namespace: 'traefik' })).toEqual([])
    const svc = emu.objects({
      kind: 'Service',
      namespace: 'ingress-nginx',
      name: 'ingress-nginx-controller'
    })[0]?.status as { loadBalancer: { ingress: { ip: string }[] } }
    expect(svc.loadBalancer.ingress[0]?.ip).toBe('127.0.4.81')
  }, 60_000)

  test('a never-ready component fails with resource and events; the others are reported', async () => {
    const { emu, run } = await cluster(6)
    emu.faults.neverReady?.push({ kind: 'Deployment', name: 'longhorn-driver-deployer' })
    const failed = await run({ timeout: '10' })
    expect(failed.exitCode).not.toBe(0)
    expect(parse(failed.outputs.result).components.map((c) => [c.name, c.status])).toEqual([
      ['metallb', 'installed'],
      ['traefik', 'installed'],
      ['longhorn', 'failed'],
      ['kube-prometheus-stack', 'skipped']
    ])
    expect(failed.stdout).toContain('2 component(s) did not deploy')
    expect(failed.stdout).toContain('deployment/longhorn-driver-deployer in longhorn-system')
    expect(failed.stdout).toMatch(/Readiness probe failed: lab fault injection/)
    expect(failed.summary).toContain('skipped: longhorn failed')
  }, 60_000)
})

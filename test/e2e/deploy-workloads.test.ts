// End to end: the BUILT deploy-workloads bundle, run as the Actions runner runs it, with the real
// helm and kubectl, against a lab Talos cluster (4 nodes) and the lab stand-in charts.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import type { KubeApiEmulator } from '../../src/lab/kube/index'
import { repoRoot, runBundle, type ActionRun } from '../helpers/action-runner'
import { labInventoryText } from '../helpers/workloads-inventory'
import { startLabCluster } from '../helpers/workloads-lab'

const NET = 3
let emu: KubeApiEmulator
let dir: string
let first: ActionRun

interface Result {
  simulated: boolean
  components: {
    name: string
    status: string
    chartVersion: string
    checks: { name: string; ok: boolean; detail: string }[]
  }[]
}

const env = (extra: Record<string, string> = {}) => ({
  PATH: `${path.join(repoRoot, '.tools/bin')}${path.delimiter}${process.env.PATH ?? ''}`,
  RK1_CHART_SOURCE: `lab:${path.join(repoRoot, 'lab/charts')}`,
  ...extra
})

const deploy = (inputs: Record<string, string> = {}, extraEnv: Record<string, string> = {}) =>
  runBundle(
    'deploy-workloads.mjs',
    {
      inventory: path.join(dir, 'cluster.yaml'),
      kubeconfig: emu.kubeconfig(),
      timeout: '60',
      ...inputs
    },
    { env: env(extraEnv), timeoutMs: 90_000 }
  )

beforeAll(async () => {
  emu = await startLabCluster('talos', { net: NET, staleDisks: ['lab-w1'] })
  dir = mkdtempSync(path.join(tmpdir(), 'rk1-deploy-e2e-'))
  writeFileSync(path.join(dir, 'cluster.yaml'), labInventoryText('', NET))
  first = await deploy()
}, 90_000)

afterAll(async () => {
  await emu.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('deploy-workloads bundle on a lab Talos cluster', () => {
  test('every component installs, every check passes, labelled SIMULATED', () => {
    expect(first.stderr).toBe('')
    expect(first.exitCode).toBe(0)
    const result = JSON.parse(first.outputs.result ?? '') as Result
    expect(result.simulated).toBe(true)
    expect(result.components.map((c) => [c.name, c.status])).toEqual([
      ['metallb', 'installed'],
      ['traefik', 'installed'],
      ['longhorn', 'installed'],
      ['kube-prometheus-stack', 'installed']
    ])
    for (const c of result.components) expect(c.checks.filter((k) => !k.ok)).toEqual([])
    expect(first.summary).toContain('SIMULATED')
    expect(first.summary).toContain(
      '<tr><th>component</th><th>version</th><th>status</th><th>time</th><th>checks</th></tr>'
    )
  })

  test('each UI answered through the ingress IP by host name', () => {
    const result = JSON.parse(first.outputs.result ?? '') as Result
    const http = result.components
      .flatMap((c) => c.checks)
      .filter((k) => k.name.startsWith('HTTP through the ingress'))
    expect(http.map((k) => [k.name, k.ok])).toEqual([
      ['HTTP through the ingress (longhorn.local)', true],
      ['HTTP through the ingress (grafana.local)', true],
      ['HTTP through the ingress (prometheus.local)', true],
      ['HTTP through the ingress (alertmanager.local)', true]
    ])
    expect(http[0]?.detail).toBe(`http://127.0.${NET}.81/ Host longhorn.local: 200`)
  })

  test('Longhorn disks: NVMe tagged on each node, the stale entry replaced, class selects it', () => {
    const disks = (name: string) =>
      (
        emu.objects({ kind: 'Node', apiVersion: 'longhorn.io/v1beta2', name })[0]?.spec as {
          disks: Record<string, { path: string; tags: string[]; allowScheduling: boolean }>
        }
      ).disks
    const w1 = disks('lab-w1')
    expect(Object.keys(w1)).toEqual(['nvme'])
    expect(w1.nvme).toMatchObject({
      path: '/var/mnt/longhorn',
      tags: ['nvme', 'fast'],
      allowScheduling: true
    })
    const w2 = disks('lab-w2')
    const [name] = Object.keys(w2)
    expect(name).toMatch(/^default-disk-/)
    expect(w2[name ?? '']?.tags).toEqual(['nvme', 'fast'])
    const sc = emu.objects({ kind: 'StorageClass', name: 'longhorn-nvme' })[0] as unknown as {
      parameters: Record<string, string>
    }
    expect(sc.parameters.diskSelector).toBe('nvme')
  })

  test('dashboards are ConfigMaps the Grafana sidecar loads', () => {
    const cms = emu
      .objects({ kind: 'ConfigMap', namespace: 'monitoring' })
      .filter((c) => c.metadata.labels?.grafana_dashboard === '1')
    expect(cms.map((c) => Object.keys(c.data as object))).toEqual([['rk1-nodes.json']])
  })

  test('the generated Grafana password is an output and never shown unmasked', () => {
    const password = first.outputs['grafana-admin-password'] ?? ''
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/)
    expect(first.stdout).toContain(`::add-mask::${password}`)
    const shown = first.stdout.replace(/^::add-mask::.*$/gm, '')
    expect(shown).not.toContain(password)
    expect(first.summary).not.toContain(password)
    expect(first.stderr).not.toContain(password)
  })

  test('a second run changes nothing and says so', async () => {
    const again = await deploy()
    expect(again.exitCode).toBe(0)
    const result = JSON.parse(again.outputs.result ?? '') as Result
    expect(result.components.map((c) => c.status)).toEqual([
      'unchanged',
      'unchanged',
      'unchanged',
      'unchanged'
    ])
    expect(again.summary).toContain('Nothing changed')
    expect(again.outputs['grafana-admin-password']).toBeUndefined()
  })

  test('plan mode after editing a values file shows exactly that change', async () => {
    const values = path.join(dir, 'values')
    cpSync(path.join(repoRoot, 'workloads/values'), values, { recursive: true })
    const file = path.join(values, 'longhorn', 'base.yaml')
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(
        'storageOverProvisioningPercentage: 200',
        'storageOverProvisioningPercentage: 150'
      )
    )
    const secrets = emu.objects({ kind: 'Secret' }).length
    const plan = await deploy({ plan: 'true' }, { RK1_VALUES_DIR: values })
    expect(plan.exitCode).toBe(0)
    const md = plan.outputs.plan ?? ''
    expect(md).toContain('1 of 4 components would change.')
    expect(md).toContain('| longhorn | longhorn-system/longhorn | upgrade')
    expect(md).toContain('| `defaultSettings.storageOverProvisioningPercentage` | `200` | `150` |')
    expect(md.match(/^\| `/gm)).toHaveLength(1)
    expect(plan.summary).toContain('SIMULATED')
    expect(emu.objects({ kind: 'Secret' }).length).toBe(secrets)
  })
})

// Contract: the real helm 4 against the lab Kubernetes API — install/upgrade with --wait (server-side
// apply, kstatus watcher), release storage in Secrets, list/status/get values, rollback on a
// workload that never becomes ready, CRDs and hook Jobs, uninstall.
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { startKubeApiEmulator, type KubeApiEmulator } from '../../src/lab/kube/index'
import { kubeClient, type KubeClientEnv } from '../helpers/kube-tools'

const WEB = path.resolve('test/fixtures/charts/web')
const PLATFORM = path.resolve('test/fixtures/charts/platform')
let emu: KubeApiEmulator
let k: KubeClientEnv

beforeAll(async () => {
  emu = await startKubeApiEmulator({ timeScale: 100, readyDelayMs: 3000, nodeReadyDelayMs: 1000 })
  emu.registerNode('rk1-1', {
    ip: '127.0.1.1',
    roles: ['control-plane'],
    taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]
  })
  for (let i = 2; i <= 4; i++) emu.registerNode(`rk1-${i}`, { ip: `127.0.1.${i}` })
  k = kubeClient(emu.kubeconfig())
})

afterAll(async () => {
  await emu.close()
  k.cleanup()
})

async function helm(args: string[]): Promise<string> {
  const r = await k.helm(args)
  if (r.code !== 0)
    throw new Error(`helm ${args.join(' ')} failed (${r.code}):\n${r.stderr}${r.stdout}`)
  return r.stdout
}

async function kubectl(args: string[]): Promise<string> {
  const r = await k.kubectl(args)
  if (r.code !== 0)
    throw new Error(`kubectl ${args.join(' ')} failed (${r.code}):\n${r.stderr}${r.stdout}`)
  return r.stdout
}

interface Status {
  name: string
  version: number
  info: { status: string; description: string }
}

const status = async (rel: string, ns: string): Promise<Status> =>
  JSON.parse(await helm(['status', rel, '-n', ns, '-o', 'json'])) as Status

describe('helm against the lab API', () => {
  test('upgrade --install --wait deploys a chart and stores the release', async () => {
    const out = await helm([
      'upgrade',
      '--install',
      'web',
      WEB,
      '-n',
      'apps',
      '--create-namespace',
      '--wait',
      '--timeout',
      '60s'
    ])
    expect(out).toContain('Release "web" does not exist. Installing it now.')
    expect(out).toContain('STATUS: deployed')
    expect(out).toContain('REVISION: 1')
    expect(
      await kubectl([
        'get',
        'deploy',
        'web',
        '-n',
        'apps',
        '-o',
        'jsonpath={.status.availableReplicas}'
      ])
    ).toBe('2')
    const secrets = await kubectl([
      'get',
      'secrets',
      '-A',
      '-l',
      'owner=helm',
      '--field-selector',
      'type=helm.sh/release.v1',
      '-o',
      'jsonpath={.items[*].metadata.name}'
    ])
    expect(secrets).toBe('sh.helm.release.v1.web.v1')
    const managed = await kubectl([
      'get',
      'deploy',
      'web',
      '-n',
      'apps',
      '-o',
      'jsonpath={.metadata.labels.app\\.kubernetes\\.io/managed-by}'
    ])
    expect(managed).toBe('Helm')
  })

  test('list, status and get values', async () => {
    const list = JSON.parse(await helm(['list', '-A', '-o', 'json'])) as {
      name: string
      namespace: string
      revision: string
      status: string
    }[]
    expect(list).toEqual([
      expect.objectContaining({ name: 'web', namespace: 'apps', revision: '1', status: 'deployed' })
    ])
    const s = await status('web', 'apps')
    expect(s.info.status).toBe('deployed')
    await helm([
      'upgrade',
      '--install',
      'web',
      WEB,
      '-n',
      'apps',
      '--set',
      'replicas=3',
      '--set',
      'message=bye',
      '--wait',
      '--timeout',
      '60s'
    ])
    expect(JSON.parse(await helm(['get', 'values', 'web', '-n', 'apps', '-o', 'json']))).toEqual({
      replicas: 3,
      message: 'bye'
    })
  })

  test('a second upgrade is revision 2 and rolls the workload', async () => {
    expect((await status('web', 'apps')).version).toBe(2)
    expect(
      await kubectl([
        'get',
        'deploy',
        'web',
        '-n',
        'apps',
        '-o',
        'jsonpath={.status.readyReplicas}/{.status.updatedReplicas}'
      ])
    ).toBe('3/3')
    expect(
      await kubectl(['get', 'cm', 'web-config', '-n', 'apps', '-o', 'jsonpath={.data.message}'])
    ).toBe('bye')
    const history = JSON.parse(await helm(['history', 'web', '-n', 'apps', '-o', 'json'])) as {
      revision: number
      status: string
    }[]
    expect(history.map((h) => `${h.revision}:${h.status}`)).toEqual(['1:superseded', '2:deployed'])
  })

  test('an upgrade that never becomes ready times out and rolls back', async () => {
    const r = await k.helm([
      'upgrade',
      '--install',
      'web',
      WEB,
      '-n',
      'apps',
      '--reuse-values',
      '--set',
      'neverReady=true',
      '--wait',
      '--timeout',
      '2s',
      '--rollback-on-failure'
    ])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/context deadline exceeded|timed out|not ready/)
    expect(r.stderr).toContain('rolled back')
    const s = await status('web', 'apps')
    expect(s.info.status).toBe('deployed')
    expect(s.version).toBe(4)
    const annotations = await kubectl([
      'get',
      'deploy',
      'web',
      '-n',
      'apps',
      '-o',
      'jsonpath={.metadata.annotations}'
    ])
    expect(annotations).not.toContain('never-ready')
    await kubectl(['rollout', 'status', 'deploy/web', '-n', 'apps', '--timeout=30s'])
  })

  test('a first install that fails with --atomic is uninstalled', async () => {
    const r = await k.helm([
      'upgrade',
      '--install',
      'broken',
      WEB,
      '-n',
      'apps',
      '--set',
      'neverReady=true',
      '--wait',
      '--timeout',
      '2s',
      '--atomic'
    ])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/uninstalled/)
    const gone = await k.helm(['status', 'broken', '-n', 'apps'])
    expect(gone.code).toBe(1)
    expect(gone.stderr).toContain('release: not found')
    expect(emu.objects({ kind: 'Deployment', namespace: 'apps', name: 'broken' })).toEqual([])
  })

  test('a chart with CRDs, storage, a custom resource and a hook Job', async () => {
    const out = await helm([
      'upgrade',
      '--install',
      'platform',
      PLATFORM,
      '-n',
      'platform',
      '--create-namespace',
      '--wait',
      '--wait-for-jobs',
      '--timeout',
      '60s'
    ])
    expect(out).toContain('STATUS: deployed')
    expect(
      await kubectl([
        'get',
        'crd',
        'servicemonitors.monitoring.coreos.com',
        '-o',
        'jsonpath={.status.conditions[?(@.type=="Established")].status}'
      ])
    ).toBe('True')
    expect(
      await kubectl(['get', 'smon', 'platform-agent', '-n', 'platform', '-o', 'name'])
    ).toContain('servicemonitor.monitoring.coreos.com/platform-agent')
    expect(
      await kubectl([
        'get',
        'ds',
        'platform-agent',
        '-n',
        'platform',
        '-o',
        'jsonpath={.status.numberReady}'
      ])
    ).toBe('4')
    expect(
      await kubectl(['get', 'pvc', '-n', 'platform', '-o', 'jsonpath={.items[*].status.phase}'])
    ).toBe('Bound Bound')
    expect(
      await kubectl([
        'get',
        'job',
        'platform-post-install',
        '-n',
        'platform',
        '-o',
        'jsonpath={.status.succeeded}'
      ])
    ).toBe('1')
    expect(await kubectl(['logs', 'job/platform-post-install', '-n', 'platform'])).toBe(
      'platform ready\n'
    )
    const legacy = await helm([
      'upgrade',
      'platform',
      PLATFORM,
      '-n',
      'platform',
      '--set',
      'hookMessage=again',
      '--wait=legacy',
      '--timeout',
      '60s'
    ])
    expect(legacy).toContain('REVISION: 2')
  })

  test('uninstall removes the release and its objects', async () => {
    expect(await helm(['uninstall', 'web', '-n', 'apps', '--wait', '--timeout', '30s'])).toContain(
      'release "web" uninstalled'
    )
    expect(JSON.parse(await helm(['list', '-n', 'apps', '-o', 'json']))).toEqual([])
    expect(
      emu
        .objects({ namespace: 'apps' })
        .filter((o) => o.kind !== 'Event' && o.metadata.name?.startsWith('web'))
    ).toEqual([])
    expect(
      emu
        .objects({ kind: 'Secret', namespace: 'apps' })
        .filter((o) => o.metadata.labels?.owner === 'helm')
    ).toEqual([])
  })
})

// Contract: CustomResourceDefinitions registered at run time (MetalLB, Longhorn, ServiceMonitor)
// show up in discovery for the real kubectl, their objects can be created, listed, printed and
// patched, and a MetalLB IPAddressPool gives LoadBalancer services their addresses.
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { startKubeApiEmulator, type KubeApiEmulator } from '../../src/lab/kube/index'
import { kubeClient, type KubeClientEnv } from '../helpers/kube-tools'

const CRDS = path.resolve('test/fixtures/charts/platform/crds')
let emu: KubeApiEmulator
let k: KubeClientEnv

beforeAll(async () => {
  emu = await startKubeApiEmulator({ timeScale: 100, readyDelayMs: 1000, nodeReadyDelayMs: 1000 })
  for (let i = 1; i <= 2; i++) emu.registerNode(`rk1-${i}`, { ip: `127.0.1.${i}` })
  k = kubeClient(emu.kubeconfig())
})

afterAll(async () => {
  await emu.close()
  k.cleanup()
})

async function ok(args: string[], input?: string): Promise<string> {
  const r = await k.kubectl(args, { input })
  if (r.code !== 0)
    throw new Error(`kubectl ${args.join(' ')} failed (${r.code}):\n${r.stderr}${r.stdout}`)
  return r.stdout
}

function lbService(name: string, extra = ''): string {
  return `apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: default
${extra}spec:
  type: LoadBalancer
  selector: {app: ${name}}
  ports: [{port: 80, targetPort: 8080}]
`
}

const ip = (name: string): Promise<string> =>
  ok(['get', 'svc', name, '-o', 'jsonpath={.status.loadBalancer.ingress[0].ip}'])

async function waitForIp(name: string): Promise<string> {
  await ok([
    'wait',
    '--for=jsonpath={.status.loadBalancer.ingress[0].ip}',
    `svc/${name}`,
    '--timeout=30s'
  ])
  return ip(name)
}

describe('custom resources', () => {
  test('CRDs register dynamically and appear in discovery', async () => {
    const before = await ok(['api-resources', '--api-group=metallb.io'])
    expect(before).not.toContain('ipaddresspools')
    await ok(['apply', '-f', CRDS])
    await ok(['wait', '--for=condition=established', 'crd', '--all', '--timeout=30s'])
    const after = await ok(['api-resources'])
    expect(after).toMatch(/ipaddresspools\s+metallb\.io\/v1beta1\s+true\s+IPAddressPool/)
    expect(after).toMatch(
      /servicemonitors\s+smon\s+monitoring\.coreos\.com\/v1\s+true\s+ServiceMonitor/
    )
    expect(after).toMatch(/settings\s+lhs\s+longhorn\.io\/v1beta2/)
    // `nodes` still means the core Node; Longhorn's is reachable by its full name.
    expect(await ok(['get', 'nodes', '-o', 'name'])).toContain('node/rk1-1')
  })

  test('a LoadBalancer service waits for a pool, then gets addresses from it', async () => {
    await ok(['apply', '-f', '-'], lbService('early'))
    expect(await ok(['get', 'svc', 'early'])).toContain('<pending>')
    await ok(['create', 'namespace', 'metallb-system'])
    await ok(
      ['apply', '-f', '-'],
      `apiVersion: metallb.io/v1beta1
kind: IPAddressPool
metadata: {name: lab-pool, namespace: metallb-system}
spec:
  addresses: ["127.0.2.10-127.0.2.20"]
---
apiVersion: metallb.io/v1beta1
kind: L2Advertisement
metadata: {name: lab-l2, namespace: metallb-system}
spec:
  ipAddressPools: [lab-pool]
`
    )
    expect(await waitForIp('early')).toBe('127.0.2.10')
    await ok(
      ['apply', '-f', '-'],
      lbService('pinned', '  annotations: {metallb.io/loadBalancerIPs: 127.0.2.15}\n')
    )
    expect(await waitForIp('pinned')).toBe('127.0.2.15')
    await ok(
      ['apply', '-f', '-'],
      lbService('legacy').replace(
        'type: LoadBalancer',
        'type: LoadBalancer\n  loadBalancerIP: 127.0.2.16'
      )
    )
    expect(await waitForIp('legacy')).toBe('127.0.2.16')
    await ok(['apply', '-f', '-'], lbService('next'))
    expect(await waitForIp('next')).toBe('127.0.2.11')
    const table = await ok(['get', 'svc', 'pinned'])
    expect(table).toMatch(
      /pinned\s+LoadBalancer\s+10\.43\.\d+\.\d+\s+127\.0\.2\.15\s+80:3\d{4}\/TCP/
    )

    await ok(
      ['apply', '-f', '-'],
      lbService('outside', '  annotations: {metallb.io/loadBalancerIPs: 127.0.3.1}\n')
    )
    await ok([
      'wait',
      '--for=jsonpath={.reason}=AllocationFailed',
      'events',
      '--field-selector',
      'involvedObject.name=outside',
      '--timeout=30s'
    ])
    expect(await ip('outside')).toBe('')
    const pools = await ok(['get', 'ipaddresspools.metallb.io', '-n', 'metallb-system'])
    expect(pools).toMatch(/NAME\s+AUTO ASSIGN\s+AVOID BUGGY IPS\s+ADDRESSES/)
  })

  test('Longhorn objects: printer columns, merge patch, and no strategic merge', async () => {
    await ok(['create', 'namespace', 'longhorn-system'])
    await ok(
      ['apply', '-f', '-'],
      `apiVersion: longhorn.io/v1beta2
kind: Setting
metadata: {name: deleting-confirmation-flag, namespace: longhorn-system}
value: "false"
---
apiVersion: longhorn.io/v1beta2
kind: Node
metadata: {name: rk1-2, namespace: longhorn-system}
spec: {allowScheduling: true}
`
    )
    await ok([
      '-n',
      'longhorn-system',
      'patch',
      '-p',
      '{"value": "true"}',
      '--type=merge',
      'lhs',
      'deleting-confirmation-flag'
    ])
    expect(
      await ok([
        'get',
        'lhs',
        'deleting-confirmation-flag',
        '-n',
        'longhorn-system',
        '-o',
        'jsonpath={.value}'
      ])
    ).toBe('true')
    const table = await ok(['get', 'nodes.longhorn.io', '-n', 'longhorn-system'])
    expect(table).toMatch(/NAME\s+READY\s+ALLOWSCHEDULING\s+SCHEDULABLE\s+AGE/)
    expect(table).toMatch(/rk1-2\s+\S*\s*true/)
    const smp = await k.kubectl([
      'patch',
      'lhs',
      'deleting-confirmation-flag',
      '-n',
      'longhorn-system',
      '--type=strategic',
      '-p',
      '{"value":"x"}'
    ])
    expect(smp.code).not.toBe(0)
    expect(smp.stderr).toContain('strategic merge patch is not supported')
  })

  test('status is a subresource: main-resource writes cannot change it', async () => {
    await ok([
      'patch',
      'nodes.longhorn.io',
      'rk1-2',
      '-n',
      'longhorn-system',
      '--type=merge',
      '--subresource=status',
      '-p',
      '{"status":{"conditions":[{"type":"Ready","status":"True"}]}}'
    ])
    await ok([
      'patch',
      'nodes.longhorn.io',
      'rk1-2',
      '-n',
      'longhorn-system',
      '--type=merge',
      '-p',
      '{"status":{"conditions":[]},"spec":{"allowScheduling":false}}'
    ])
    const o = JSON.parse(
      await ok(['get', 'nodes.longhorn.io', 'rk1-2', '-n', 'longhorn-system', '-o', 'json'])
    ) as {
      spec: { allowScheduling: boolean }
      status: { conditions: unknown[] }
      metadata: { generation: number }
    }
    expect(o.spec.allowScheduling).toBe(false)
    expect(o.status.conditions).toHaveLength(1)
    expect(o.metadata.generation).toBe(2)
  })

  test('ServiceMonitors via server-side apply, and deleting a CRD removes its objects', async () => {
    await ok(['create', 'namespace', 'monitoring'])
    await ok(
      ['apply', '--server-side', '-f', '-'],
      `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: node-exporter, namespace: monitoring, labels: {release: kps}}
spec:
  selector: {matchLabels: {app: node-exporter}}
  endpoints: [{port: metrics}]
`
    )
    const list = JSON.parse(await ok(['get', 'smon', '-A', '-l', 'release=kps', '-o', 'json'])) as {
      items: { kind: string; spec: { endpoints: unknown[] } }[]
    }
    expect(list.items).toHaveLength(1)
    expect(list.items[0]?.kind).toBe('ServiceMonitor')
    await ok(['delete', 'crd', 'servicemonitors.monitoring.coreos.com'])
    expect(emu.objects({ kind: 'ServiceMonitor' })).toEqual([])
    const gone = await k.kubectl(['get', 'servicemonitors', '-A'])
    expect(gone.code).not.toBe(0)
    // Depending on kubectl's discovery cache: unknown type, or the list itself is not found.
    expect(gone.stderr).toMatch(
      /doesn't have a resource type "servicemonitors"|could not find the requested resource/
    )
  })
})

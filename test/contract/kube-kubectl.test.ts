// Contract: the real kubectl 1.35 against the lab Kubernetes API emulator (discovery, tables,
// namespaces and labels, client- and server-side apply, patches, watch, wait, delete).
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { startKubeApiEmulator, type KubeApiEmulator } from '../../src/lab/kube/index'
import { kubeClient, type KubeClientEnv } from '../helpers/kube-tools'

let emu: KubeApiEmulator
let k: KubeClientEnv

beforeAll(async () => {
  emu = await startKubeApiEmulator({ timeScale: 100, readyDelayMs: 2000, nodeReadyDelayMs: 3000 })
  for (let i = 1; i <= 4; i++) {
    emu.registerNode(`rk1-${i}`, { ip: `127.0.1.${i}`, roles: i === 1 ? ['control-plane'] : [] })
  }
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

const configMap = (data: Record<string, string>, labels: Record<string, string> = {}): string =>
  JSON.stringify({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'settings', namespace: 'apps', labels },
    data
  })

describe('kubectl against the lab API', () => {
  test('version, readyz and discovery', async () => {
    expect(await ok(['version'])).toContain('Server Version: v1.35')
    expect((await ok(['get', '--raw', '/readyz'])).trim()).toBe('ok')
    const resources = await ok(['api-resources'])
    expect(resources).toMatch(/deployments\s+deploy\s+apps\/v1\s+true\s+Deployment/)
    expect(resources).toMatch(/customresourcedefinitions\s+crd,crds\s+apiextensions\.k8s\.io\/v1/)
  })

  test('a wrong token is rejected', async () => {
    const bad = kubeClient(emu.kubeconfig().replace(/token: .*/, 'token: not-the-token'))
    try {
      const r = await bad.kubectl(['get', 'ns'])
      expect(r.code).not.toBe(0)
      expect(r.stderr).toMatch(/Unauthorized|provide credentials/)
    } finally {
      bad.cleanup()
    }
  })

  test('nodes register, turn Ready and print wide', async () => {
    await ok(['wait', '--for=condition=Ready', 'node', '--all', '--timeout=30s'])
    const wide = await ok(['get', 'nodes', '-o', 'wide'])
    expect(wide).toMatch(/rk1-1\s+Ready\s+control-plane/)
    expect(wide).toContain('127.0.1.4')
    const list = JSON.parse(await ok(['get', 'nodes', '-o', 'json'])) as {
      items: { metadata: { name: string } }[]
    }
    expect(list.items.map((n) => n.metadata.name)).toEqual(['rk1-1', 'rk1-2', 'rk1-3', 'rk1-4'])
  })

  test('create and label a namespace', async () => {
    expect(await ok(['create', 'namespace', 'apps'])).toContain('namespace/apps created')
    await ok(['label', 'namespace', 'apps', 'pod-security.kubernetes.io/enforce=privileged'])
    const labels = await ok(['get', 'ns', 'apps', '-o', 'jsonpath={.metadata.labels}'])
    expect(JSON.parse(labels)).toMatchObject({
      'kubernetes.io/metadata.name': 'apps',
      'pod-security.kubernetes.io/enforce': 'privileged'
    })
    const again = await k.kubectl(['create', 'namespace', 'apps'])
    expect(again.code).toBe(1)
    expect(again.stderr).toContain('AlreadyExists')
  })

  test('client-side apply creates, then patches and removes dropped keys', async () => {
    expect(await ok(['apply', '-f', '-'], configMap({ a: '1', b: '2' }, { tier: 'x' }))).toContain(
      'configmap/settings created'
    )
    expect(await ok(['apply', '-f', '-'], configMap({ a: '1' }))).toContain(
      'configmap/settings configured'
    )
    expect(await ok(['apply', '-f', '-'], configMap({ a: '1' }))).toContain(
      'configmap/settings unchanged'
    )
    const cm = JSON.parse(await ok(['get', 'cm', 'settings', '-n', 'apps', '-o', 'json'])) as {
      data: Record<string, string>
      metadata: { labels?: Record<string, string> }
    }
    expect(cm.data).toEqual({ a: '1' })
    expect(cm.metadata.labels?.tier).toBeUndefined()
  })

  test('server-side apply creates, updates and prunes its own fields', async () => {
    const doc = (data: Record<string, string>): string =>
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'ssa', namespace: 'apps' },
        data
      })
    expect(await ok(['apply', '--server-side', '-f', '-'], doc({ x: '1', y: '2' }))).toContain(
      'configmap/ssa serverside-applied'
    )
    await ok(['apply', '--server-side', '--field-manager=other', '-f', '-'], doc({ z: '3' }))
    await ok(['apply', '--server-side', '-f', '-'], doc({ x: '10' }))
    const data = JSON.parse(await ok(['get', 'cm', 'ssa', '-n', 'apps', '-o', 'jsonpath={.data}']))
    expect(data).toEqual({ x: '10', z: '3' })
  })

  test('patch with merge, json and strategic types', async () => {
    await ok([
      'patch',
      'cm',
      'settings',
      '-n',
      'apps',
      '--type',
      'merge',
      '-p',
      '{"data":{"m":"merge"}}'
    ])
    await ok([
      'patch',
      'cm',
      'settings',
      '-n',
      'apps',
      '--type',
      'json',
      '-p',
      '[{"op":"add","path":"/data/j","value":"json"},{"op":"remove","path":"/data/a"}]'
    ])
    await ok(['patch', 'cm', 'settings', '-n', 'apps', '-p', '{"data":{"s":"strategic"}}'])
    const data = JSON.parse(
      await ok(['get', 'cm', 'settings', '-n', 'apps', '-o', 'jsonpath={.data}'])
    )
    expect(data).toEqual({ m: 'merge', j: 'json', s: 'strategic' })
    const bad = await k.kubectl([
      'patch',
      'cm',
      'settings',
      '-n',
      'apps',
      '--type',
      'json',
      '-p',
      '[{"op":"remove","path":"/data/nope"}]'
    ])
    expect(bad.code).toBe(1)
  })

  test('strategic merge on Deployments keeps list items by merge key', async () => {
    const deploy = (env: string, extra: string): string => `apiVersion: apps/v1
kind: Deployment
metadata: {name: smp, namespace: apps}
spec:
  selector: {matchLabels: {app: smp}}
  template:
    metadata: {labels: {app: smp}}
    spec:
      containers:
        - name: main
          image: registry.invalid/main:1
          env: [${env}]
${extra}`
    await ok(
      ['apply', '-f', '-'],
      deploy(
        '{name: A, value: "1"}, {name: B, value: "2"}',
        '        - {name: side, image: registry.invalid/side:1}\n'
      )
    )
    // Re-apply: B removed from env, sidecar dropped (kubectl sends $patch: delete and $setElementOrder).
    await ok(['apply', '-f', '-'], deploy('{name: A, value: "1"}', ''))
    const spec = JSON.parse(
      await ok(['get', 'deploy', 'smp', '-n', 'apps', '-o', 'jsonpath={.spec.template.spec}'])
    ) as {
      containers: { name: string; image: string; env: { name: string }[] }[]
    }
    expect(spec.containers.map((c) => c.name)).toEqual(['main'])
    expect(spec.containers[0]?.env.map((e) => e.name)).toEqual(['A'])
    await ok([
      'patch',
      'deploy',
      'smp',
      '-n',
      'apps',
      '-p',
      '{"spec":{"template":{"spec":{"containers":[{"name":"main","image":"registry.invalid/main:2"}]}}}}'
    ])
    const after = JSON.parse(
      await ok([
        'get',
        'deploy',
        'smp',
        '-n',
        'apps',
        '-o',
        'jsonpath={.spec.template.spec.containers[0]}'
      ])
    ) as { image: string; env: unknown[] }
    expect(after.image).toBe('registry.invalid/main:2')
    expect(after.env).toHaveLength(1)
    expect(
      await ok(['get', 'deploy', 'smp', '-n', 'apps', '-o', 'jsonpath={.metadata.generation}'])
    ).toBe('3')
  })

  test('list with label selectors, jsonpath and tables', async () => {
    await ok(['create', 'configmap', 'one', '-n', 'apps', '--from-literal=k=v'])
    await ok(['label', 'cm', 'one', '-n', 'apps', 'pick=yes'])
    const names = await ok([
      'get',
      'cm',
      '-n',
      'apps',
      '-l',
      'pick=yes',
      '-o',
      'jsonpath={.items[*].metadata.name}'
    ])
    expect(names).toBe('one')
    const table = await ok(['get', 'cm', '-n', 'apps'])
    expect(table).toMatch(/NAME\s+DATA\s+AGE/)
    expect(table).toMatch(/settings\s+3/)
    const all = await ok(['get', 'cm', '-A', '-l', 'pick in (yes,maybe)', '-o', 'name'])
    expect(all.trim()).toBe('configmap/one')
  })

  test('get -w streams changes', async () => {
    const w = k.kubectlStream([
      'get',
      'cm',
      'one',
      '-n',
      'apps',
      '-w',
      '-o',
      'jsonpath={.data.k}{"\\n"}'
    ])
    try {
      await w.waitFor('v\n')
      await ok(['patch', 'cm', 'one', '-n', 'apps', '--type', 'merge', '-p', '{"data":{"k":"v2"}}'])
      await ok(['patch', 'cm', 'one', '-n', 'apps', '--type', 'merge', '-p', '{"data":{"k":"v3"}}'])
      await w.waitFor('v3\n')
      expect(w.output().split('\n').filter(Boolean)).toEqual(['v', 'v2', 'v3'])
    } finally {
      await w.stop()
    }
  })

  test('delete waits for the object to go and reports NotFound afterwards', async () => {
    expect(await ok(['delete', 'cm', 'one', '-n', 'apps'])).toContain('configmap "one" deleted')
    const r = await k.kubectl(['get', 'cm', 'one', '-n', 'apps'])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('configmaps "one" not found')
  })

  test('deleting a namespace removes its content', async () => {
    await ok(['create', 'namespace', 'scratch'])
    await ok(['create', 'configmap', 'c', '-n', 'scratch'])
    await ok(['delete', 'namespace', 'scratch', '--timeout=30s'])
    expect(emu.objects({ namespace: 'scratch' })).toEqual([])
    expect(emu.objects({ kind: 'Namespace', name: 'scratch' })).toEqual([])
  })

  test('injected API errors reach the client', async () => {
    emu.faults.apiErrors?.push({
      method: 'GET',
      path: '/api/v1/namespaces/apps/configmaps/settings',
      status: 503,
      times: 1
    })
    const r = await k.kubectl(['get', 'cm', 'settings', '-n', 'apps', '--request-timeout=5s'])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('lab fault injection')
    expect((await k.kubectl(['get', 'cm', 'settings', '-n', 'apps'])).code).toBe(0)
  })
})

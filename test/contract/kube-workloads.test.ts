// Contract: the lab controllers, observed through the real kubectl — Deployments, DaemonSets and
// StatefulSets become available (rollout status, wait), PVCs bind, Jobs run real processes whose
// output is the pod log, and failures leave events.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { startKubeApiEmulator, type KubeApiEmulator } from '../../src/lab/kube/index'
import { kubeClient, type KubeClientEnv } from '../helpers/kube-tools'

let emu: KubeApiEmulator
let k: KubeClientEnv
let sandbox: string

beforeAll(async () => {
  sandbox = mkdtempSync(path.join(tmpdir(), 'rk1-kube-jobs-'))
  emu = await startKubeApiEmulator({
    timeScale: 100,
    readyDelayMs: 3000,
    nodeReadyDelayMs: 3000,
    jobSandboxDir: sandbox
  })
  emu.registerNode('rk1-1', {
    ip: '127.0.1.1',
    roles: ['control-plane'],
    taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]
  })
  for (let i = 2; i <= 4; i++) emu.registerNode(`rk1-${i}`, { ip: `127.0.1.${i}` })
  k = kubeClient(emu.kubeconfig())
  await ok(['wait', '--for=condition=Ready', 'node', '--all', '--timeout=30s'])
  await ok(['create', 'namespace', 'work'])
})

afterAll(async () => {
  await emu.close()
  k.cleanup()
  rmSync(sandbox, { recursive: true, force: true })
})

async function ok(args: string[], input?: string): Promise<string> {
  const r = await k.kubectl(args, { input })
  if (r.code !== 0)
    throw new Error(`kubectl ${args.join(' ')} failed (${r.code}):\n${r.stderr}${r.stdout}`)
  return r.stdout
}

const apply = (yaml: string): Promise<string> => ok(['apply', '-n', 'work', '-f', '-'], yaml)

function deployment(name: string, replicas: number, extra = ''): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
${extra}spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
        - name: main
          image: registry.invalid/${name}:1
`
}

describe('workload controllers', () => {
  test('a Deployment becomes Available and rolls out a new template', async () => {
    await apply(deployment('api', 3))
    await ok(['wait', '--for=condition=Available', 'deploy/api', '-n', 'work', '--timeout=30s'])
    expect(await ok(['rollout', 'status', 'deploy/api', '-n', 'work', '--timeout=30s'])).toContain(
      'successfully rolled out'
    )
    const pods = JSON.parse(
      await ok(['get', 'pods', '-n', 'work', '-l', 'app=api', '-o', 'json'])
    ) as {
      items: { metadata: { ownerReferences: { kind: string }[] }; spec: { nodeName: string } }[]
    }
    expect(pods.items).toHaveLength(3)
    expect(pods.items.every((p) => p.metadata.ownerReferences[0]?.kind === 'ReplicaSet')).toBe(true)
    // The control-plane node is tainted, so nothing lands there.
    expect(pods.items.map((p) => p.spec.nodeName)).not.toContain('rk1-1')

    await ok(['set', 'image', 'deploy/api', 'main=registry.invalid/api:2', '-n', 'work'])
    expect(await ok(['rollout', 'status', 'deploy/api', '-n', 'work', '--timeout=30s'])).toContain(
      'successfully rolled out'
    )
    const images = await ok([
      'get',
      'pods',
      '-n',
      'work',
      '-l',
      'app=api',
      '-o',
      'jsonpath={.items[*].spec.containers[0].image}'
    ])
    expect(images.split(' ').sort()).toEqual(Array(3).fill('registry.invalid/api:2'))
    expect(
      await ok([
        'get',
        'deploy',
        'api',
        '-n',
        'work',
        '-o',
        'jsonpath={.metadata.annotations.deployment\\.kubernetes\\.io/revision}'
      ])
    ).toBe('2')
    await ok(['scale', 'deploy/api', '--replicas=1', '-n', 'work'])
    await ok(['rollout', 'status', 'deploy/api', '-n', 'work', '--timeout=30s'])
    expect(
      emu
        .objects({ kind: 'Pod', namespace: 'work' })
        .filter((p) => p.metadata.labels?.app === 'api')
    ).toHaveLength(1)
  })

  test('a DaemonSet runs one pod per schedulable node and follows node changes', async () => {
    await apply(`apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers: [{name: agent, image: registry.invalid/agent:1}]
`)
    expect(await ok(['rollout', 'status', 'ds/agent', '-n', 'work', '--timeout=30s'])).toContain(
      'successfully rolled out'
    )
    expect(
      await ok([
        'get',
        'ds',
        'agent',
        '-n',
        'work',
        '-o',
        'jsonpath={.status.desiredNumberScheduled}/{.status.numberReady}'
      ])
    ).toBe('3/3')
    emu.registerNode('rk1-5', { ip: '127.0.1.5' })
    await ok(['wait', '--for=condition=Ready', 'node/rk1-5', '--timeout=30s'])
    await ok(['rollout', 'status', 'ds/agent', '-n', 'work', '--timeout=30s'])
    expect(
      await ok(['get', 'ds', 'agent', '-n', 'work', '-o', 'jsonpath={.status.numberReady}'])
    ).toBe('4')
    emu.removeNode('rk1-5')
    await ok(['wait', '--for=delete', 'node/rk1-5', '--timeout=30s'])
    await ok(['rollout', 'status', 'ds/agent', '-n', 'work', '--timeout=30s'])
    expect(
      await ok([
        'get',
        'ds',
        'agent',
        '-n',
        'work',
        '-o',
        'jsonpath={.status.desiredNumberScheduled}'
      ])
    ).toBe('3')
  })

  test('a StatefulSet waits for its volume claims, which bind once the StorageClass exists', async () => {
    await apply(`apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  replicas: 2
  serviceName: db
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers: [{name: db, image: registry.invalid/db:1}]
  volumeClaimTemplates:
    - metadata: {name: data}
      spec:
        accessModes: [ReadWriteOnce]
        storageClassName: longhorn
        resources: {requests: {storage: 2Gi}}
`)
    const pending = await k.kubectl(['rollout', 'status', 'sts/db', '-n', 'work', '--timeout=1s'])
    expect(pending.code).not.toBe(0)
    expect(
      await ok(['get', 'pvc', 'data-db-0', '-n', 'work', '-o', 'jsonpath={.status.phase}'])
    ).toBe('Pending')
    const events = await ok([
      'get',
      'events',
      '-n',
      'work',
      '--field-selector',
      'involvedObject.name=data-db-0',
      '-o',
      'jsonpath={.items[*].message}'
    ])
    expect(events).toContain('storageclass.storage.k8s.io "longhorn" not found')

    await ok(
      ['apply', '-f', '-'],
      `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: longhorn}
provisioner: driver.longhorn.io
allowVolumeExpansion: true
`
    )
    expect(await ok(['rollout', 'status', 'sts/db', '-n', 'work', '--timeout=30s'])).toContain(
      '2 new pods have been updated'
    )
    expect(await ok(['get', 'pvc', '-n', 'work', '-o', 'jsonpath={.items[*].status.phase}'])).toBe(
      'Bound Bound'
    )
    const pv = await ok(['get', 'pv', '-o', 'jsonpath={.items[*].spec.storageClassName}'])
    expect(pv).toBe('longhorn longhorn')
  })

  test('a claim without a class binds through the default StorageClass', async () => {
    await ok(
      ['apply', '-f', '-'],
      `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: local-path
  annotations: {storageclass.kubernetes.io/is-default-class: "true"}
provisioner: rancher.io/local-path
volumeBindingMode: WaitForFirstConsumer
`
    )
    await apply(`apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: scratch}
spec:
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 1Gi}}
`)
    await ok([
      'wait',
      '--for=jsonpath={.status.phase}=Bound',
      'pvc/scratch',
      '-n',
      'work',
      '--timeout=30s'
    ])
    expect(
      await ok(['get', 'pvc', 'scratch', '-n', 'work', '-o', 'jsonpath={.spec.storageClassName}'])
    ).toBe('local-path')
  })

  test('a Job runs its command for real; logs are its output', async () => {
    // A secret in this process's environment must not leak into Job processes.
    process.env.RK1_SECRET_MARKER = 'planted-secret-marker'
    await apply(`apiVersion: batch/v1
kind: Job
metadata: {name: bench}
spec:
  backoffLimit: 0
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: bench
          image: registry.invalid/bench:1
          command: [sh, -c]
          args: ['echo "result $GREETING from $(pwd)"; echo to-stderr >&2; echo data > out.txt; echo "home=$HOME secret=\${RK1_SECRET_MARKER:-none}"']
          env:
            - {name: GREETING, value: hello}
`)
    await ok(['wait', '--for=condition=complete', 'job/bench', '-n', 'work', '--timeout=30s'])
    delete process.env.RK1_SECRET_MARKER
    const logs = await ok(['logs', 'job/bench', '-n', 'work'])
    expect(logs).toMatch(/^result hello from .*rk1-kube-jobs-/m)
    expect(logs).toContain('to-stderr')
    expect(logs).toContain('secret=none')
    const cwd = /from (\S+)/.exec(logs)?.[1] ?? ''
    expect(readFileSync(path.join(cwd, 'out.txt'), 'utf8')).toBe('data\n')
    expect(
      await ok(['get', 'job', 'bench', '-n', 'work', '-o', 'jsonpath={.status.succeeded}'])
    ).toBe('1')
  })

  test('a failing Job retries up to backoffLimit, then fails with events', async () => {
    await apply(`apiVersion: batch/v1
kind: Job
metadata: {name: broken}
spec:
  backoffLimit: 1
  template:
    spec:
      restartPolicy: Never
      containers:
        - {name: broken, image: registry.invalid/x:1, command: [sh, -c, 'echo failing; exit 3']}
`)
    await ok(['wait', '--for=condition=failed', 'job/broken', '-n', 'work', '--timeout=30s'])
    const status = JSON.parse(
      await ok(['get', 'job', 'broken', '-n', 'work', '-o', 'jsonpath={.status}'])
    ) as { failed: number; conditions: { type: string; reason: string }[] }
    expect(status.failed).toBe(2)
    expect(status.conditions.find((c) => c.type === 'Failed')?.reason).toBe('BackoffLimitExceeded')
    const exit = await ok([
      'get',
      'pods',
      '-n',
      'work',
      '-l',
      'job-name=broken',
      '-o',
      'jsonpath={.items[*].status.containerStatuses[0].state.terminated.exitCode}'
    ])
    expect(exit).toBe('3 3')
    const events = await ok([
      'get',
      'events',
      '-n',
      'work',
      '--field-selector',
      'involvedObject.kind=Job,involvedObject.name=broken',
      '-o',
      'jsonpath={.items[*].reason}'
    ])
    expect(events).toContain('BackoffLimitExceeded')
    expect(await ok(['logs', 'job/broken', '-n', 'work'])).toContain('failing')

    await apply(`apiVersion: batch/v1
kind: Job
metadata: {name: missing}
spec:
  backoffLimit: 0
  template:
    spec:
      restartPolicy: Never
      containers: [{name: m, image: registry.invalid/x:1, command: [definitely-not-a-command-rk1]}]
`)
    await ok(['wait', '--for=condition=failed', 'job/missing', '-n', 'work', '--timeout=30s'])
    const msg = await ok([
      'get',
      'events',
      '-n',
      'work',
      '--field-selector',
      'reason=Failed',
      '-o',
      'jsonpath={.items[*].message}'
    ])
    expect(msg).toContain('executable file not found in $PATH')
  })

  test('a never-ready fault keeps rollout status waiting until the progress deadline', async () => {
    await apply(
      deployment('stuck', 1, '  annotations: {lab.rk1/never-ready: "true"}\n').replace(
        'replicas: 1',
        'replicas: 1\n  progressDeadlineSeconds: 60'
      )
    )
    const r = await k.kubectl(['rollout', 'status', 'deploy/stuck', '-n', 'work', '--timeout=20s'])
    expect(r.code).not.toBe(0)
    expect(r.stderr).toContain('exceeded its progress deadline')
    const avail = await k.kubectl([
      'wait',
      '--for=condition=Available',
      'deploy/stuck',
      '-n',
      'work',
      '--timeout=1s'
    ])
    expect(avail.code).not.toBe(0)
    const events = await ok([
      'get',
      'events',
      '-n',
      'work',
      '--field-selector',
      'reason=Unhealthy',
      '-o',
      'jsonpath={.items[*].message}'
    ])
    expect(events).toContain('never-ready')
  })

  test('deleting a Deployment garbage-collects its ReplicaSets and pods', async () => {
    await ok(['delete', 'deploy', 'api', '-n', 'work', '--wait=true'])
    await ok(['wait', '--for=delete', 'pods', '-l', 'app=api', '-n', 'work', '--timeout=30s'])
    expect(
      emu
        .objects({ kind: 'ReplicaSet', namespace: 'work' })
        .filter((r) => r.metadata.name?.startsWith('api-'))
    ).toEqual([])
  })
})

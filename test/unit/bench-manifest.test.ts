// The objects npu-benchmark applies: a privileged namespace, one Job per node and suite pinned by
// nodeName, privileged only for the NPU, the NVMe directory beside Longhorn's data, never in it.
import { describe, expect, test } from '@jest/globals'
import {
  benchDataDir,
  jobManifest,
  jobName,
  namespaceManifest,
  type JobSpecInput
} from '../../src/bench/manifest'
import { LONGHORN_MOUNT } from '../../src/distro/k3s/setup-script'
import { LONGHORN_PATH } from '../../src/distro/talos/config'

interface PodSpec {
  nodeName: string
  restartPolicy: string
  containers: {
    image: string
    command: string[]
    securityContext: { privileged: boolean }
    volumeMounts: { name: string; mountPath: string }[]
  }[]
  volumes: { name: string; hostPath?: { path: string; type: string }; emptyDir?: object }[]
}
interface Job {
  metadata: { name: string; namespace: string; labels: Record<string, string> }
  spec: {
    backoffLimit: number
    activeDeadlineSeconds: number
    template: { metadata: { labels: Record<string, string> }; spec: PodSpec }
  }
}

const input = (o: Partial<JobSpecInput> = {}): JobSpecInput => ({
  suite: 'storage',
  node: 'rk1-node-2',
  distro: 'talos',
  image: 'ghcr.io/o/rk1-bench@sha256:' + 'a'.repeat(64),
  mode: 'quick',
  cooldownS: 30,
  timeoutS: 900,
  runLabel: '42-1',
  hasNvme: true,
  ...o
})
const job = (o: Partial<JobSpecInput> = {}) => jobManifest(input(o)) as unknown as Job

describe('benchmark manifests', () => {
  test('the namespace is labelled for privileged pod security', () => {
    expect(namespaceManifest()).toMatchObject({
      kind: 'Namespace',
      metadata: {
        name: 'rk1-bench',
        labels: { 'pod-security.kubernetes.io/enforce': 'privileged' }
      }
    })
  })

  test('one Job per node and suite: pinned, never retried, deadline from the timeout', () => {
    const j = job()
    expect(j.metadata).toMatchObject({
      name: 'rk1-bench-storage-rk1-node-2',
      namespace: 'rk1-bench'
    })
    expect(j.spec.backoffLimit).toBe(0)
    expect(j.spec.activeDeadlineSeconds).toBe(900)
    const pod = j.spec.template.spec
    expect(pod.nodeName).toBe('rk1-node-2')
    expect(pod.restartPolicy).toBe('Never')
    expect(j.spec.template.metadata.labels).toMatchObject({
      'rk1.bench/job': j.metadata.name,
      'rk1.bench/node': 'rk1-node-2',
      'rk1.bench/suite': 'storage',
      'rk1.bench/run': '42-1'
    })
    expect(pod.containers[0]?.image).toBe(input().image)
    expect(pod.containers[0]?.command).toEqual([
      'python3',
      '/opt/rk1-bench/rk1_bench.py',
      '--suites',
      'storage',
      '--mode',
      'quick',
      '--node',
      'rk1-node-2',
      '--distro',
      'talos',
      '--data-dir',
      '/bench-data',
      '--cooldown',
      '30'
    ])
  })

  test.each([
    ['talos', LONGHORN_PATH],
    ['k3s', LONGHORN_MOUNT]
  ] as const)(
    '%s: storage writes to a directory of the NVMe filesystem beside Longhorn',
    (distro, mount) => {
      const pod = job({ distro }).spec.template.spec
      const data = pod.volumes.find((v) => v.name === 'bench-data')!
      expect(data.hostPath).toEqual({ path: `${mount}/rk1-bench`, type: 'DirectoryOrCreate' })
      expect(benchDataDir(distro)).toBe(`${mount}/rk1-bench`)
      // Never Longhorn's own data path, nor anything inside its replicas.
      expect(data.hostPath?.path).not.toBe(mount)
      expect(data.hostPath?.path).not.toMatch(/replicas|backing-images/)
      expect(pod.containers[0]?.securityContext.privileged).toBe(false)
    }
  )

  test('without an NVMe, and for the other suites, no NVMe directory; only the model cache, read-only', () => {
    expect(job({ hasNvme: false }).spec.template.spec.volumes).toEqual([
      { name: 'bench-data', emptyDir: {} }
    ])
    expect(job({ suite: 'cpu' }).spec.template.spec.volumes).toEqual([
      { name: 'bench-data', emptyDir: {} },
      { name: 'models', hostPath: { path: '/var/lib/rk1-bench/models', type: 'DirectoryOrCreate' } }
    ])
    expect(job({ suite: 'cpu' }).spec.template.spec.containers[0]?.volumeMounts).toContainEqual({
      name: 'models',
      mountPath: '/models',
      readOnly: true
    })
  })

  test('privileged only where the NPU needs it; debugfs only on K3s', () => {
    for (const suite of ['npu', 'llm'] as const) {
      expect(job({ suite }).spec.template.spec.containers[0]?.securityContext.privileged).toBe(true)
      const k3s = job({ suite, distro: 'k3s' }).spec.template.spec.volumes.map((v) => v.name)
      expect(k3s).toContain('debugfs')
      expect(job({ suite }).spec.template.spec.volumes.map((v) => v.name)).not.toContain('debugfs')
    }
    expect(job({ suite: 'cpu' }).spec.template.spec.containers[0]?.securityContext.privileged).toBe(
      false
    )
  })

  test('Job names are DNS-1123 and at most 63 characters', () => {
    expect(jobName('npu', 'RK1_Node.3')).toBe('rk1-bench-npu-rk1-node-3')
    const long = jobName('storage', 'n'.repeat(80))
    expect(long.length).toBeLessThanOrEqual(63)
    expect(long).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/)
  })
})

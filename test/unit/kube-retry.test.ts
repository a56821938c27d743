// The retry rule of the kube layer: which failures are transient, which calls are repeatable,
// a non-transient failure returned at once, a transient one retried with logged reasons until
// the deadline, then one error naming the outage.
import { describe, expect, test } from '@jest/globals'
import { isRepeatable } from '../../src/kube/kubectl'
import { KubeUnavailableError, transientReason, withRetry } from '../../src/kube/retry'

const policy = (logs: string[]) => ({
  budgetMs: 60_000,
  baseMs: 10,
  capMs: 40,
  log: (m: string) => logs.push(m),
  random: () => 1
})
const fail = (stderr: string) => ({ code: 1, stdout: '', stderr })

describe('kube retry', () => {
  test('transient errors by what kubectl and helm print', () => {
    const cases: [string, string | undefined][] = [
      [
        'Error from server (ServiceUnavailable): the server is currently unable to handle the request',
        '503 Service Unavailable'
      ],
      [
        'Error from server (TooManyRequests): the server has received too many requests',
        '429 Too Many Requests'
      ],
      [
        'Error from server (InternalError): an error on the server ("") has prevented the request',
        '500 Internal Error'
      ],
      [
        'Error from server (Timeout): the server was unable to return a response in the time allotted',
        '504 Timeout'
      ],
      ['Error from server: etcdserver: leader changed', 'etcd leader change'],
      [
        'The connection to the server 127.0.1.1:6443 was refused - did you specify the right host or port?',
        'API unreachable'
      ],
      [
        'Error: Kubernetes cluster unreachable: Get "https://127.0.1.1:6443/version": dial tcp 127.0.1.1:6443: connect: connection refused',
        'API unreachable'
      ],
      ['Error from server (NotFound): deployments.apps "x" not found', undefined],
      ['Error from server (Forbidden): pods is forbidden', undefined],
      ['error: timed out waiting for the condition', undefined],
      [
        'Error: UPGRADE FAILED: another operation (install/upgrade/rollback) is in progress',
        undefined
      ]
    ]
    for (const [stderr, reason] of cases)
      expect([stderr, transientReason(stderr)]).toEqual([stderr, reason])
  })

  test('repeatable kubectl calls', () => {
    expect(isRepeatable(['get', 'nodes', '-o', 'json'])).toBe(true)
    expect(isRepeatable(['apply', '--server-side', '-f', '-'])).toBe(true)
    expect(isRepeatable(['apply', '-f', '-'])).toBe(false)
    expect(isRepeatable(['rollout', 'status', 'deployment/x'])).toBe(true)
    expect(isRepeatable(['rollout', 'restart', 'deployment/x'])).toBe(false)
    expect(isRepeatable(['delete', 'pvc', 'x', '--ignore-not-found'])).toBe(true)
    expect(isRepeatable(['delete', 'pvc', 'x'])).toBe(false)
    expect(isRepeatable(['create', 'namespace', 'x'])).toBe(false)
    expect(isRepeatable(['exec', 'pod', '--', 'true'])).toBe(false)
  })

  test('a non-transient failure is returned after one attempt', async () => {
    const logs: string[] = []
    let n = 0
    const r = await withRetry(policy(logs), {
      label: 'kubectl get x',
      attempt: async () => (n++, fail('Error from server (NotFound): x not found'))
    })
    expect([n, r.code, logs]).toEqual([1, 1, []])
  })

  test('a transient failure is retried, each retry logged once with its reason', async () => {
    const logs: string[] = []
    let n = 0
    const r = await withRetry(policy(logs), {
      label: 'kubectl get x',
      attempt: async () =>
        ++n < 4
          ? fail('Error from server: etcdserver: leader changed')
          : { code: 0, stdout: 'ok', stderr: '' }
    })
    expect(r.stdout).toBe('ok')
    expect(logs).toEqual([
      'kubectl get x: etcd leader change (Error from server: etcdserver: leader changed); retry 1 in 0.0 s',
      'kubectl get x: etcd leader change (Error from server: etcdserver: leader changed); retry 2 in 0.0 s',
      'kubectl get x: etcd leader change (Error from server: etcdserver: leader changed); retry 3 in 0.0 s'
    ])
  })

  test('an outage past the deadline ends in one error naming it', async () => {
    let n = 0
    const error = await withRetry(policy([]), {
      label: 'kubectl get x',
      deadline: Date.now() + 150,
      attempt: async () => (n++, fail('Error from server (ServiceUnavailable): unable'))
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(KubeUnavailableError)
    expect((error as Error).message).toMatch(
      /^kubectl get x failed: the Kubernetes API was unavailable for 0\.\d s \(503 Service Unavailable; \d+ attempts\)$/
    )
    expect(n).toBeGreaterThan(2)
  })

  test('a veto (helm: release left pending) stops the retries', async () => {
    let n = 0
    const error = await withRetry(policy([]), {
      label: 'helm upgrade --install x',
      attempt: async () => (n++, fail('Error from server (ServiceUnavailable): unable')),
      mayRetry: async () => n < 2
    }).catch((e: unknown) => e)
    expect(n).toBe(2)
    expect(error).toBeInstanceOf(KubeUnavailableError)
  })
})

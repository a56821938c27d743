// Retries of kubectl/helm calls that are safe to repeat, when the failure is transient: the API
// unreachable, 429, 500-504, an etcd leader change. Control planes restart, leaders move and K3s
// servers are upgraded in place, so a real cluster does this for seconds at a time. Backoff is
// jittered and bounded by the caller's deadline; each retry is logged once with its reason; a
// failure that is not transient is returned at once.
import { sleep } from '../common/abort'
import { KubeCommandError, lastLines } from './errors'
import type { ExecResult } from './exec'

const TRANSIENT: [RegExp, string][] = [
  [/etcdserver: (leader changed|no leader|request timed out)/i, 'etcd leader change'],
  [/\(TooManyRequests\)|too many requests|\b429\b/i, '429 Too Many Requests'],
  [
    /\(ServiceUnavailable\)|currently unable to handle the request|\b503\b/i,
    '503 Service Unavailable'
  ],
  [
    /\(Timeout\)|\(GatewayTimeout\)|unable to return a response in the time allotted|\b504\b/i,
    '504 Timeout'
  ],
  [/\(BadGateway\)|\b502 Bad Gateway\b|\b502\b/, '502 Bad Gateway'],
  [/\(InternalError\)|an error on the server|\b500\b/i, '500 Internal Error'],
  [
    /connection refused|connection to the server \S+ was refused|connection reset|broken pipe|i\/o timeout|TLS handshake timeout|no route to host|unexpected EOF|": EOF|http2: server sent GOAWAY|net\/http: request canceled|Client\.Timeout exceeded|Unable to connect to the server|cluster unreachable/i,
    'API unreachable'
  ]
]

/** Why a failed call may succeed when repeated, or undefined when it is not transient. */
export function transientReason(stderr: string): string | undefined {
  return TRANSIENT.find(([re]) => re.test(stderr))?.[1]
}

export interface RetryPolicy {
  /** Longest a single call keeps retrying when no deadline is given. */
  budgetMs: number
  /** First backoff; it doubles up to capMs, each delay jittered to 50-100 %. */
  baseMs: number
  capMs: number
  log?: (message: string) => void
  random?: () => number
}

export const DEFAULT_RETRY: RetryPolicy = { budgetMs: 60_000, baseMs: 250, capMs: 4000 }

/** The API stayed unavailable until the deadline; the message names the outage. */
export class KubeUnavailableError extends KubeCommandError {}

export interface RetryCall {
  /** What ran, for logs and errors: `kubectl get nodes`. */
  label: string
  /** Runs one attempt; receives the time left before the deadline. */
  attempt(remainingMs: number): Promise<ExecResult>
  /** Absolute deadline (epoch ms) of the work this call belongs to, e.g. a component's timeout. */
  deadline?: number
  /** A hook before each retry that may veto it (helm: a release left pending is not retried). */
  mayRetry?(): Promise<boolean>
  signal?: AbortSignal
}

export async function withRetry(policy: RetryPolicy, call: RetryCall): Promise<ExecResult> {
  const started = Date.now()
  const deadline = call.deadline ?? started + policy.budgetMs
  const random = policy.random ?? Math.random
  let delay = policy.baseMs
  for (let attempt = 1; ; attempt++) {
    const r = await call.attempt(Math.max(0, deadline - Date.now()))
    if (r.code === 0) return r
    const reason = transientReason(r.stderr)
    if (!reason) return r
    const wait = Math.round(delay * (0.5 + random() / 2))
    if (
      Date.now() + wait >= deadline ||
      call.signal?.aborted ||
      !(await (call.mayRetry?.() ?? true))
    ) {
      if (attempt === 1 && Date.now() < deadline) return r
      const s = ((Date.now() - started) / 1000).toFixed(1)
      throw new KubeUnavailableError(
        `${call.label} failed: the Kubernetes API was unavailable for ${s} s (${reason}; ${attempt} attempts)`,
        r,
        {
          step: call.label.split(' ')[0],
          evidence: lastLines(r.stderr, 15),
          advice:
            'The API server did not recover within the timeout: check the control plane (restart, ' +
            'upgrade, load balancer), then run again; the deploy is idempotent.'
        }
      )
    }
    policy.log?.(
      `${call.label}: ${reason} (${lastLines(r.stderr, 1).slice(0, 160)}); retry ${attempt} in ${(wait / 1000).toFixed(1)} s`
    )
    await sleep(wait, call.signal)
    delay = Math.min(delay * 2, policy.capMs)
  }
}

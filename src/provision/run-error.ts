/**
 * How every provision run that did not finish ends, whatever the distro or `steps`: one Rk1Error
 * naming the failed nodes (node set when exactly one failed), the step, the first line of what
 * was seen on each, and what to do. The summary and the `result` output hold the full detail.
 */
import { Rk1Error } from '../common/errors'

export class ProvisionRunError extends Rk1Error {}

export interface FailedNode {
  slot: number
  hostname: string
  /** What failed, e.g. `boot-failed`; default `failed`. */
  status?: string
  /** What was seen on this node (first line used). */
  error?: string
}

export interface RunFailure {
  /** E.g. `Talos provisioning`, `Flashing`. */
  what: string
  failed: readonly FailedNode[]
  /** Cluster-wide problems, e.g. `bootstrap failed`, `the cluster is not healthy`. */
  cluster?: readonly (string | false | undefined)[]
  /** The cluster-wide error text, kept as evidence when there is one. */
  clusterEvidence?: string
}

const firstLine = (text: string | undefined): string => (text ?? '').split('\n')[0] ?? ''

export function provisionRunFailed(failure: RunFailure): ProvisionRunError {
  const { failed } = failure
  const parts = [
    ...failed.map((n) => `slot ${n.slot} (${n.hostname}) ${n.status ?? 'failed'}`),
    ...(failure.cluster ?? []).filter((c): c is string => Boolean(c))
  ]
  const evidence = [
    ...failed.map((n) => `slot ${n.slot}: ${firstLine(n.error) || n.status || 'failed'}`),
    ...(failure.clusterEvidence ? [`cluster: ${firstLine(failure.clusterEvidence)}`] : [])
  ]
  return new ProvisionRunError(`${failure.what} did not finish: ${parts.join('; ')}.`, {
    ...(failed.length === 1 ? { node: (failed[0] as FailedNode).slot } : {}),
    step: 'provision',
    evidence: evidence.join('\n'),
    advice: 'The summary lists each failure with what was seen; fix it and run provision again.'
  })
}

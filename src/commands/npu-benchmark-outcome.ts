// How an npu-benchmark run ended: the status of the run and of each node (result.json), and the
// errors that end the step (a failed node, an image that cannot be pulled, a cancel).
import { BENCH_NAMESPACE } from '../bench/manifest'
import type { BenchmarkReport } from '../bench/run'
import { Rk1Error } from '../common/errors'
import type { InventoryNode } from '../inventory'

/** A node failed (its Job crashed, timed out, or it was not there), or nothing was measured. */
export class BenchmarkFailedError extends Rk1Error {}

/** SIGINT/SIGTERM stopped the run: the Jobs are gone, finished work is kept. */
export class BenchmarkCancelledError extends Rk1Error {}

/** How long a cancelled run may spend uploading what it kept (the runner's grace is ~10 s). */
export const CANCEL_UPLOAD_MS = 5000

export function withinMs<T>(p: Promise<T>, ms: number, why: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(why)), ms)
  })
  return Promise.race([p, late]).finally(() => clearTimeout(timer))
}

export function cancelledError(
  s: { resultsDir: string },
  report: BenchmarkReport
): BenchmarkCancelledError {
  const kept = report.records.filter((r) => r.status !== 'skipped').length
  const left = report.cleanupProblems
  return new BenchmarkCancelledError(
    `The run was cancelled: ${kept} record(s) of finished work kept in ${s.resultsDir}; ` +
      (left.length
        ? `clean-up incomplete: ${left.join('; ')}`
        : `the benchmark Jobs and the namespace ${BENCH_NAMESPACE} were removed.`),
    {
      step: 'npu-benchmark',
      advice: left.length
        ? `Remove what is left: kubectl delete namespace ${BENCH_NAMESPACE}`
        : 'Run it again for the rest; result.json says status cancelled.'
    }
  )
}

/** The benchmark image could not be pulled on some node: nothing ran there. */
export class BenchmarkImageError extends BenchmarkFailedError {}

const IMAGE_ADVICE =
  'Set benchmark-image to an image the registry has, pinned by its digest: the bench-image ' +
  "workflow's summary prints the one it pushed (RK1_BENCHMARK_IMAGE), and " +
  '`docker buildx imagetools inspect ghcr.io/OWNER/rk1-bench:TAG` shows the digest of a tag. ' +
  'A private ghcr.io package needs registry credentials on the nodes (K3s: ' +
  '/etc/rancher/k3s/registries.yaml; Talos: machine.registries.config) or public visibility.'

export function imagePullError(
  s: { image: string; nodes: readonly InventoryNode[] },
  report: BenchmarkReport
): BenchmarkImageError | undefined {
  const pulled = report.nodes.filter((n) => n.imagePull)
  if (pulled.length === 0) return undefined
  const others = report.nodes.filter((n) => !n.imagePull && n.failures.length)
  const slot = pulled.length === 1 ? s.nodes.find((n) => n.hostname === pulled[0]!.name) : undefined
  return new BenchmarkImageError(
    `The benchmark image ${s.image} could not be pulled on ${pulled.length} node(s): ` +
      `${pulled.map((n) => n.name).join(', ')}; nothing ran there.` +
      (others.length ? `\nAlso failed: ${others.flatMap((n) => n.failures).join('\n')}` : ''),
    {
      node: slot?.slot,
      step: 'npu-benchmark',
      evidence: pulled
        .map((n) => `${n.name}: ${n.imagePull!.reason}: ${n.imagePull!.message}`)
        .join('\n'),
      advice: IMAGE_ADVICE
    }
  )
}

/**
 * failed: a node failed or nothing was measured; degraded: everything ran but some figures were
 * taken while a node throttled (measured, not comparable); ok otherwise.
 */
type RunStatus = 'ok' | 'degraded' | 'failed' | 'cancelled'

export function nodeStatus(n: BenchmarkReport['nodes'][number]): RunStatus {
  if (n.failures.length) return 'failed'
  if (n.cancelled) return 'cancelled'
  return n.records.some((r) => r.status === 'degraded') ? 'degraded' : 'ok'
}

export function runStatus(report: BenchmarkReport): RunStatus {
  if (report.cancelled) return 'cancelled'
  const measured = report.records.some((r) => r.status === 'ok' || r.status === 'degraded')
  const nodes = report.nodes.map(nodeStatus)
  if (!measured || nodes.includes('failed')) return 'failed'
  return nodes.includes('degraded') ? 'degraded' : 'ok'
}

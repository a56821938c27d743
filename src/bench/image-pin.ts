/**
 * Which benchmark image a run uses, and whether it is pinned. The inventory's
 * `versions.benchmarkImage` is the default and must carry a digest (the schema says so); the
 * `benchmark-image` input overrides it. A reference without a digest names whatever the tag
 * points at when each node pulls: two nodes, or the Talos and the K3s night, could run different
 * harnesses and their records would not be comparable. So on hardware such a reference is refused
 * before any Job exists. The lab runs the repository's harness whatever the image says, so there
 * it is only a warning (the demo uses `rk1-bench:lab`).
 */
import { Rk1Error } from '../common/errors'
import type { Logger } from '../common/host'

export class UnpinnedImageError extends Rk1Error {}

const DIGEST = /@sha256:[0-9a-f]{64}$/

export function isPinnedByDigest(image: string): boolean {
  return DIGEST.test(image)
}

export interface ChosenImage {
  image: string
  from: 'input' | 'inventory'
}

/** The input when given, else the inventory's pin, else undefined (the caller reports it). */
export function chooseBenchImage(
  input: string | undefined,
  pinned: string | undefined
): ChosenImage | undefined {
  const given = input?.trim()
  if (given) return { image: given, from: 'input' }
  return pinned ? { image: pinned, from: 'inventory' } : undefined
}

export const NO_IMAGE_ADVICE =
  'set versions.benchmarkImage in the inventory to the image the bench-image workflow built, ' +
  'pinned by digest (ghcr.io/OWNER/REPO/rk1-bench@sha256:…, printed in its job summary), or ' +
  'give the benchmark-image input'

/**
 * Throws on hardware for a reference without a digest; logs a warning in the lab. Called once
 * the run knows whether the cluster is the lab, before any Job is applied.
 */
export function checkImagePin(image: string, simulated: boolean, log: Logger): void {
  if (isPinnedByDigest(image)) return
  if (simulated) {
    log.warn(
      `The benchmark image ${image} is not pinned by digest; the lab runs the repository's ` +
        'harness whatever the image, but real hardware refuses it.'
    )
    return
  }
  throw new UnpinnedImageError(
    `The benchmark image ${image} is not pinned by digest: a tag can point at another image ` +
      'on each node or night, and the records would not be comparable. Nothing was run.',
    {
      step: 'npu-benchmark',
      evidence: `benchmark image: ${image}`,
      advice:
        `Use ${image.replace(/@.*$/, '').replace(/:[^/:]+$/, '')}@sha256:<digest> ` +
        '(`docker buildx imagetools inspect <image>` shows the digest; the bench-image ' +
        "workflow prints it) in the benchmark-image input or the inventory's versions.benchmarkImage."
    }
  )
}

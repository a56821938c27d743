// Applies a component's own resources once the API admits them: a server-side dry run must pass
// the validating webhooks first (MetalLB's answers only after its controller serves; applying
// earlier fails with "failed calling webhook", metallb#1597), retried until the timeout.
import { errorText } from '../common/errors'
import { stringify } from 'yaml'
import type { Kubectl } from '../kube/kubectl'

const NOT_YET =
  /failed calling webhook|no endpoints available|connection refused|ensure CRDs are installed|the server could not find the requested resource/i

export async function applyWhenAdmitted(
  kubectl: Kubectl,
  manifests: Record<string, unknown>[],
  timeoutS: number,
  pauseMs = 1000
): Promise<void> {
  const doc = manifests.map((m) => stringify(m)).join('---\n')
  const deadline = Date.now() + timeoutS * 1000
  for (;;) {
    try {
      await kubectl.run(
        [
          'apply',
          '--server-side',
          '--force-conflicts',
          '--field-manager=rk1',
          '--dry-run=server',
          '-f',
          '-'
        ],
        { input: doc }
      )
      break
    } catch (e) {
      if (!NOT_YET.test(errorText(e)) || Date.now() > deadline) throw e
      await new Promise((r) => setTimeout(r, pauseMs))
    }
  }
  await kubectl.apply(doc)
}

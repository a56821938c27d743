import { ConfirmationError } from '../common/errors'

/**
 * Destructive steps need `confirm` equal to the cluster name: a typo or a workflow pointed at the
 * wrong inventory then stops before anything is touched.
 */
export function requireConfirmation(
  clusterName: string,
  confirm: string | undefined,
  what: string
): void {
  if (confirm === clusterName) return
  const seen = confirm ? `"${confirm}"` : 'nothing'
  throw new ConfirmationError(
    `Refusing to ${what}: the confirm input must equal the cluster name.`,
    {
      step: 'confirm',
      evidence: `confirm was ${seen}; the inventory's cluster name is "${clusterName}"`,
      advice: `Pass confirm: ${clusterName} (CLI: --confirm ${clusterName}) to go ahead, or dry-run: true to see the plan.`
    }
  )
}

import { ConfirmationError } from '../common/errors'
import { inputRef } from '../common/input-style'

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
    `Refusing to ${what}: ${inputRef('confirm')} must equal the cluster name.`,
    {
      step: 'confirm',
      evidence: `${inputRef('confirm')} was ${seen}; the inventory's cluster name is "${clusterName}"`,
      advice: `Pass ${inputRef('confirm', clusterName)} to go ahead, or ${inputRef('dry-run', 'true')} to see the plan.`
    }
  )
}

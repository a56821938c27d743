import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { inputRef } from '../common/input-style'
import type { CommandContext } from './command-context'

/**
 * The cluster's kubeconfig: the `kubeconfig` input (a secret), else the file in `kubeconfig-path`
 * (e.g. provision's output). A missing or unreadable one is reported with the other inputs.
 */
export async function readKubeconfig({ inputs }: CommandContext): Promise<string | undefined> {
  const inline = inputs.optional('kubeconfig')
  if (inline) return inline
  const file = inputs.optional('kubeconfig-path')
  if (!file) {
    inputs.problem(
      'kubeconfig',
      `is required: pass the kubeconfig as a secret (${inputRef('kubeconfig')}) or a file in ${inputRef('kubeconfig-path')}`
    )
    return undefined
  }
  try {
    return await readFile(resolve(file), 'utf8')
  } catch (e) {
    inputs.problem('kubeconfig-path', `cannot be read: ${(e as Error).message}`)
    return undefined
  }
}

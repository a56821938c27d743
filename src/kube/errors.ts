// Errors of the kubectl/helm layer. They keep the command line (never a secret: kubeconfigs and
// values travel in files or stdin) and the tool's stderr as evidence.
import { Rk1Error, type ErrorContext } from '../common/errors'

/** kubectl or helm is not installed where we looked. */
export class KubeToolMissingError extends Rk1Error {}

/** The pinned helm/kubectl could not be downloaded, verified or unpacked. */
export class KubeToolInstallError extends Rk1Error {}

/** kubectl or helm exited non-zero. */
export class KubeCommandError extends Rk1Error {
  readonly code: number
  readonly stderr: string

  constructor(
    message: string,
    result: { code: number; stderr: string },
    context: ErrorContext = {}
  ) {
    super(message, { evidence: lastLines(result.stderr, 15), ...context })
    this.code = result.code
    this.stderr = result.stderr
  }
}

export function lastLines(text: string, n: number): string {
  return text.trim().split('\n').slice(-n).join('\n')
}

import { Rk1Error, type ErrorContext } from '../common/errors'

/**
 * The node path failed for one node. `touched` says whether its eMMC may have been written: when
 * false the node runs exactly as before; either way the BMC flash of that node is the way on.
 */
export class NodeWriteError extends Rk1Error {
  readonly touched: boolean
  constructor(
    message: string,
    context: ErrorContext & { touched: boolean },
    options?: { cause?: unknown }
  ) {
    super(message, context, options)
    this.touched = context.touched
  }
}

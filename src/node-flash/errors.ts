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

/**
 * The BMC flash of a node was never started (an earlier board-wide BMC error, a cancelled run):
 * nothing was sent for it. The message says why; it is not a flash that failed.
 */
export class FlashNotAttemptedError extends Rk1Error {
  constructor(message: string) {
    super(message, { step: 'flash' })
  }
}

import { Rk1Error, type ErrorContext } from '../common/errors'

/** Any failure while resolving, downloading, caching or checking an OS image. Step is `image`. */
export class ImageError extends Rk1Error {
  constructor(message: string, context: ErrorContext = {}, options?: { cause?: unknown }) {
    super(message, { step: 'image', ...context }, options)
  }
}

/**
 * A failure worth another attempt (connection reset, timeout, 5xx). Internal to the download
 * loop: when attempts run out it is turned into an ImageError carrying the same evidence.
 */
export class TransientError extends ImageError {}

/**
 * A one-part multipart/form-data body streamed from any byte source with an exact Content-Length,
 * so the image never sits in memory and no chunked encoding is needed (what `curl -F` sends).
 */
import { randomBytes } from 'node:crypto'

export interface MultipartBody {
  contentType: string
  contentLength: number
  /** Yields the head, the source chunks untouched (no copies), then the tail. */
  body: AsyncIterable<Buffer>
}

export interface MultipartOptions {
  /** Form field name; bmcd reads the first part whatever its name. */
  fieldName?: string
  fileName?: string
  /** Called after each source chunk with the running byte count of the source. */
  onBytes?: (sent: number) => void
}

/** Raised when the source delivers more or fewer bytes than announced. */
export class SourceLengthError extends Error {
  constructor(
    readonly expected: number,
    readonly actual: number
  ) {
    super(
      actual < expected
        ? `the image source ended after ${actual} of ${expected} bytes`
        : `the image source delivered more than the announced ${expected} bytes`
    )
    this.name = 'SourceLengthError'
  }
}

function quoteParam(value: string): string {
  // Header parameter: keep it ASCII and free of quotes/CR/LF; the BMC ignores the name anyway.
  return value.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_')
}

export function multipartBody(
  source: AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
  length: number,
  options: MultipartOptions = {}
): MultipartBody {
  const boundary = `----rk1-actions-${randomBytes(12).toString('hex')}`
  const field = quoteParam(options.fieldName ?? 'file')
  const fileName = quoteParam(options.fileName ?? 'image')
  const head = Buffer.from(
    `--${boundary}\r\n` +
      `Content-Disposition: form-data; name="${field}"; filename="${fileName}"\r\n` +
      'Content-Type: application/octet-stream\r\n\r\n',
    'latin1'
  )
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`, 'latin1')
  const onBytes = options.onBytes

  async function* body(): AsyncGenerator<Buffer> {
    yield head
    let sent = 0
    for await (const piece of source) {
      const chunk = typeof piece === 'string' ? Buffer.from(piece) : piece
      sent += chunk.length
      // Never send more than announced: the BMC would cancel with a nonsensical message.
      if (sent > length) throw new SourceLengthError(length, sent)
      yield chunk
      onBytes?.(sent)
    }
    if (sent !== length) throw new SourceLengthError(length, sent)
    yield tail
  }

  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    contentLength: head.length + length + tail.length,
    body: body()
  }
}

/**
 * `POST /api/bmc/upload/{handle}` (§5.3): the first multipart part goes to the flash worker through
 * the 16-slot channel. The request is paused while the channel is full, so the upload runs at the
 * simulated write speed and the request lasts almost the whole write. Nothing is buffered beyond
 * the channel: multi-GB images pass in constant memory.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { humanSizeDecimal } from './format'
import { sendEmpty, sendText } from './http-util'
import { boundaryOf, MultipartParser } from './multipart'
import type { TransferEngine } from './transfer'

const NOT_OURS =
  'cannot transfer bytes to worker. This is either because the transfer happens locally, or is already ongoing.'

export async function handleUpload(
  engine: TransferEngine,
  handle: number,
  req: IncomingMessage,
  res: ServerResponse
): Promise<void> {
  const state = engine.state
  if (state.kind !== 'Transferring') {
    return sendText(
      res,
      500,
      `cannot execute command in current state. current=${state.kind}, expected=Transferring`
    )
  }
  const t = state.transfer
  if (t.id !== handle) return sendText(res, 500, 'unauthorized request for handle')
  if (t.request.source.kind !== 'upload' || t.uploadClaimed) return sendText(res, 500, NOT_OURS)
  engine.claimUpload(t)

  const boundary = boundaryOf(req.headers['content-type'])
  if (!boundary) {
    // The data slot is used up: the worker sees an empty stream.
    t.channel.close()
    req.resume()
    return sendText(res, 500, 'Multipart form invalid')
  }
  const parser = new MultipartParser(boundary)
  const expected = t.request.size
  let inFirst = false
  let firstSeen = false
  let firstEnded = false
  let count = 0
  let failed = false

  const outcome = await new Promise<'end' | 'aborted' | 'failed' | 'invalid'>((resolve) => {
    let settled = false
    const settle = (how: 'end' | 'aborted' | 'failed' | 'invalid'): void => {
      if (settled) return
      settled = true
      resolve(how)
    }
    req.on('data', (chunk: Buffer) => {
      if (failed || firstEnded || settled) return
      let events
      try {
        events = parser.push(chunk)
      } catch {
        return firstSeen ? settle('aborted') : settle('invalid')
      }
      let last: Promise<void> | undefined
      for (const ev of events) {
        if (ev.type === 'partStart' && !firstSeen) {
          firstSeen = inFirst = true
        } else if (ev.type === 'data' && inFirst) {
          count += ev.data.length
          last = t.channel.push(ev.data)
          last.catch(() => undefined)
        } else if (ev.type === 'partEnd' && inFirst) {
          inFirst = false
          firstEnded = true
        }
      }
      if (!last) return
      req.pause()
      last.then(
        () => req.resume(),
        () => {
          failed = true
          // Keep reading (and discarding) so the client can still see our answer.
          req.resume()
          settle('failed')
        }
      )
    })
    req.on('end', () => settle(firstSeen ? 'end' : 'invalid'))
    req.on('error', () => settle('aborted'))
    req.on('close', () => settle(req.complete ? 'end' : 'aborted'))
  })

  if (outcome === 'failed') {
    const text = await engine.workerErrorText(t)
    return sendText(res, 500, text, { Connection: 'close' })
  }
  if (outcome === 'invalid') {
    t.channel.close()
    return sendText(res, 500, 'Multipart form invalid')
  }
  if (count !== expected) {
    // A short (or aborted) upload cancels the transfer; more bytes than announced as well.
    engine.fail(t, 'cancelled by user')
    const missing =
      count < expected ? BigInt(expected - count) : 2n ** 64n - BigInt(count - expected)
    return sendText(res, 500, `missing ${humanSizeDecimal(missing)} bytes`)
  }
  t.channel.close()
  sendEmpty(res, 200)
}

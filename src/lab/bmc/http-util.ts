/** Response helpers with bmcd's content types (§3). */
import type { IncomingMessage, ServerResponse } from 'node:http'

export const TEXT_PLAIN = 'text/plain; charset=utf-8'

/** Plain text: auth rejections and every error of the non-envelope handlers. */
export function sendText(
  res: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = {}
): void {
  if (res.headersSent || res.destroyed) return
  res.writeHead(status, {
    'Content-Type': TEXT_PLAIN,
    'Content-Length': Buffer.byteLength(body),
    ...headers
  })
  res.end(body)
}

/** The dispatcher envelope: `{"response":[{"result":…}]}` (`json` is already serialised). */
export function sendEnvelope(res: ServerResponse, status: number, resultJson: string): void {
  if (res.headersSent || res.destroyed) return
  sendJson(res, status, `{"response":[{"result":${resultJson}}]}`)
}

export function sendUart(res: ServerResponse, text: string): void {
  if (res.headersSent || res.destroyed) return
  sendJson(res, 200, JSON.stringify({ response: [{ uart: text }] }))
}

function sendJson(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body)
  })
  res.end(body)
}

/** 200 or 405 with no body and no content type. */
export function sendEmpty(res: ServerResponse, status: number): void {
  if (res.headersSent || res.destroyed) return
  res.writeHead(status, { 'Content-Length': '0' })
  res.end()
}

const INDEX_HTML =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Turing Pi (lab BMC)</title>' +
  '</head><body><div id="root"></div></body></html>\n'

/** The SPA fallback: unknown paths and the web UI answer index.html. */
export function sendIndex(res: ServerResponse): void {
  if (res.headersSent || res.destroyed) return
  res.writeHead(200, {
    'Content-Type': 'text/html',
    'Content-Length': Buffer.byteLength(INDEX_HTML)
  })
  res.end(INDEX_HTML)
}

/** Drops the connection without any response, like a panicking actix handler. */
export function dropConnection(req: IncomingMessage, res: ServerResponse): void {
  res.destroy()
  req.socket.destroy()
}

/** Reads a small request body; undefined when it exceeds `limit`. */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = []
  let size = 0
  let tooLarge = false
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > limit) tooLarge = true
    else chunks.push(chunk)
  }
  return tooLarge ? undefined : Buffer.concat(chunks)
}

/** Resolves when the response was sent or the connection closed. */
export function responseDone(res: ServerResponse): Promise<void> {
  if (res.writableFinished || res.destroyed) return Promise.resolve()
  return new Promise((resolve) => {
    res.once('finish', () => resolve())
    res.once('close', () => resolve())
  })
}

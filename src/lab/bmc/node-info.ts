/** `POST /api/bmc?opt=set&type=node_info` (§4.10): node names, with actix-web's JSON extractor errors. */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Board, NodeInfoEntry } from './board'
import { readBody, sendEmpty, sendText } from './http-util'

const LIMIT = 2 * 1024 * 1024
const FIELDS = ['name', 'module_name', 'uart_baud'] as const

export async function setNodeInfo(
  board: Board,
  req: IncomingMessage,
  res: ServerResponse
): Promise<void> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase()
  if (type !== 'application/json') {
    req.resume()
    return sendText(res, 400, 'Content type error')
  }
  const body = await readBody(req, LIMIT)
  if (!body) {
    return sendText(res, 413, `JSON payload is larger than allowed (limit: ${LIMIT} bytes).`)
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(body.toString('utf8'))
  } catch (error) {
    return sendText(res, 400, `Json deserialize error: ${(error as Error).message}`)
  }
  const updates = validate(parsed)
  if (typeof updates === 'string') return sendText(res, 400, `Json deserialize error: ${updates}`)
  for (const [index, update] of updates) Object.assign(board.nodes[index]!.info, update)
  board.save()
  sendEmpty(res, 200)
}

function validate(value: unknown): Array<[number, Partial<NodeInfoEntry>]> | string {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return 'invalid type: expected struct SetNodeInfos'
  }
  const out: Array<[number, Partial<NodeInfoEntry>]> = []
  for (const [index, key] of ['Node1', 'Node2', 'Node3', 'Node4'].entries()) {
    const entry = (value as Record<string, unknown>)[key]
    if (entry === undefined || entry === null) continue
    if (typeof entry !== 'object' || Array.isArray(entry)) {
      return `invalid type for ${key}: expected struct SetNodeInfo`
    }
    const update: Partial<NodeInfoEntry> = {}
    for (const field of FIELDS) {
      if (!(field in entry)) continue
      const v = (entry as Record<string, unknown>)[field]
      const okType =
        v === null || (field === 'uart_baud' ? Number.isInteger(v) : typeof v === 'string')
      if (!okType) return `invalid type for ${key}.${field}`
      Object.assign(update, { [field]: v })
    }
    out.push([index, update])
  }
  return out
}

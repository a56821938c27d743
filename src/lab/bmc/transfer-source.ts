/**
 * Parsing a transfer start request (`opt=set&type=flash|firmware`, §5.2) into a TransferRequest:
 * remote upload, a file on the BMC (`local`, mapped into the lab's storage dir) or a URL the BMC
 * fetches itself (loopback only in the lab).
 */
import { stat } from 'node:fs/promises'
import { get as httpGet, type IncomingMessage } from 'node:http'
import { get as httpsGet } from 'node:https'
import { isIP } from 'node:net'
import { join, posix } from 'node:path'
import type { ParamError } from './params'
import { parseNode, sha256HexError } from './params'
import type { Profile } from './profiles'
import { TransferError, type TransferRequest } from './transfer-model'
import type { Slot } from './types'

/** Where a BMC path like /mnt/sdcard/img.raw lives in the lab: `<storageDir>/sdcard/img.raw`. */
export function labPathOf(bmcPath: string, storageDir: string): string | undefined {
  const normal = posix.normalize(bmcPath)
  if (!normal.startsWith('/mnt/sdcard/')) return undefined
  return join(storageDir, 'sdcard', normal.slice('/mnt/sdcard/'.length))
}

export async function parseTransferStart(
  q: URLSearchParams,
  kind: 'flash' | 'firmware',
  profile: Profile,
  storageDir: string
): Promise<TransferRequest> {
  let slot: Slot | undefined
  if (kind === 'flash') {
    try {
      slot = (parseNode(q) + 1) as Slot
    } catch (error) {
      throw new TransferError((error as ParamError).message)
    }
  }
  const file = q.get('file')
  if (!file) throw new TransferError('Invalid `file` query parameter')
  const modern = profile.modern
  const xz = modern && posix.extname(file.split('?')[0] ?? '') === '.xz'
  const skipCrc = modern && q.has('skip_crc')
  if (q.has('local')) {
    const path = labPathOf(file, storageDir)
    const size = path ? await fileSize(path) : undefined
    if (!path || size === undefined) {
      throw new TransferError(`Failed to ${file}: No such file or directory (os error 2)`)
    }
    return { kind, slot, fileName: file, size, skipCrc, xz, source: { kind: 'local', path } }
  }
  const sha256 = modern ? (q.get('sha256') ?? undefined) : undefined
  if (sha256 !== undefined) {
    const why = sha256HexError(sha256)
    if (why) throw new TransferError(`\`sha256\` parameter contains invalid hex values: ${why}`)
  }
  if (modern && file.startsWith('http')) {
    const stream = await fetchSource(file)
    const size = Number(stream.headers['content-length'])
    return {
      kind,
      slot,
      fileName: file,
      size,
      sha256,
      skipCrc,
      xz,
      source: { kind: 'url', stream }
    }
  }
  const length = q.get('length')
  if (length === null) throw new TransferError('Invalid `length` query parameter')
  if (!/^\+?\d+$/.test(length)) throw new TransferError('`length` parameter is not a number')
  const size = Number(length)
  return { kind, slot, fileName: file, size, sha256, skipCrc, xz, source: { kind: 'upload' } }
}

async function fileSize(path: string): Promise<number | undefined> {
  try {
    const s = await stat(path)
    return s.isFile() ? s.size : undefined
  } catch {
    return undefined
  }
}

function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '')
  if (bare === 'localhost') return true
  if (isIP(bare) === 4) return bare.startsWith('127.')
  return bare === '::1'
}

/** GET the URL (loopback only) and wait for its headers; needs a Content-Length like bmcd. */
function fetchSource(url: string): Promise<IncomingMessage> {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch (error) {
    return Promise.reject(new TransferError(`Failed to ${url}: ${(error as Error).message}`))
  }
  if (!isLoopback(parsed.hostname)) {
    return Promise.reject(
      new TransferError(`Failed to ${url}: the lab BMC only fetches from loopback addresses`)
    )
  }
  return new Promise((resolve, reject) => {
    const onResponse = (res: IncomingMessage): void => {
      const status = res.statusCode ?? 0
      if (status < 200 || status > 299) {
        res.resume()
        reject(new TransferError(`Failed to ${url}: HTTP status ${status}`))
      } else if (res.headers['content-length'] === undefined) {
        res.destroy()
        reject(new TransferError(`Failed to ${url}: content-length header missing`))
      } else resolve(res)
    }
    const req =
      parsed.protocol === 'https:'
        ? httpsGet(parsed, { rejectUnauthorized: false }, onResponse)
        : httpGet(parsed, onResponse)
    req.on('error', (e) => reject(new TransferError(`Failed to ${url}: ${e.message}`)))
  })
}

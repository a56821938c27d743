/**
 * flashNode against a scripted HTTPS stub of bmcd: request order, exact uploaded bytes, phase
 * detection from `bytes_written`, pre-emption, Error-state mapping, cancellation.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import https from 'node:https'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BmcClient } from '../../src/bmc/client'
import { FlashAbortedError, FlashError, FlashPreemptedError } from '../../src/bmc/errors'
import { flashNode, type FlashImage } from '../../src/bmc/flash'
import type { FlashProgress } from '../../src/bmc/progress'
import type { Logger } from '../../src/common/host'
import { selfSignedCertificate } from '../helpers/self-signed'

let dir: string
let key: string
let cert: string
let fingerprint: string
let rawImage: FlashImage
let rawBytes: Buffer

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bmc-flash-test-'))
  ;({ key, cert, fingerprint } = selfSignedCertificate(dir, 'Turing-Pi self signed'))
  rawBytes = randomBytes(3 * 1024 * 1024 + 12345)
  writeFileSync(join(dir, 'disk.img'), rawBytes)
  rawImage = { path: join(dir, 'disk.img'), size: rawBytes.length, fileName: 'disk.img' }
})

afterAll(() => rmSync(dir, { recursive: true, force: true }))

const HANDLE = 3452941224

interface Script {
  /** Answers of successive status polls; the last one repeats. */
  statuses: unknown[]
  upload?: { status: number; body?: string }
  uart?: string
  /** Called as upload bytes arrive. */
  onUploadData?: (received: number) => void
}

interface Stub {
  port: number
  calls: string[]
  uploaded: Buffer[]
  close(): Promise<void>
}

async function stubBmc(script: Script): Promise<Stub> {
  const calls: string[] = []
  const uploaded: Buffer[] = []
  let poll = 0
  const server = https.createServer({ key, cert }, (req, res) => {
    const chunks: Buffer[] = []
    let received = 0
    req.on('data', (c: Buffer) => {
      chunks.push(c)
      received += c.length
      if (req.url?.startsWith('/api/bmc/upload/')) script.onUploadData?.(received)
    })
    req.on('end', () => {
      const url = req.url ?? ''
      const reply = (status: number, body: string): void => {
        res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' })
        res.end(body)
      }
      if (url === '/api/bmc/authenticate') return reply(200, JSON.stringify({ id: 'T'.repeat(64) }))
      if (url.startsWith('/api/bmc/upload/') && url.endsWith('/cancel')) {
        calls.push('cancel')
        return reply(200, '')
      }
      if (url.startsWith('/api/bmc/upload/')) {
        calls.push(`upload ${url.split('/')[4]}`)
        uploaded.push(Buffer.concat(chunks))
        return reply(script.upload?.status ?? 200, script.upload?.body ?? '')
      }
      const query = url.split('?')[1] ?? ''
      calls.push(query)
      if (query === 'opt=get&type=flash') {
        const answer = script.statuses[Math.min(poll++, script.statuses.length - 1)]
        return reply(200, JSON.stringify(answer))
      }
      if (query.startsWith('opt=set&type=flash'))
        return reply(200, JSON.stringify({ handle: HANDLE }))
      if (query.startsWith('opt=get&type=uart'))
        return reply(200, JSON.stringify({ response: [{ uart: script.uart ?? '' }] }))
      return reply(200, JSON.stringify({ response: [{ result: 'ok' }] }))
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return {
    port: (server.address() as AddressInfo).port,
    calls,
    uploaded,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections()
        server.close(() => r())
      })
  }
}

function quietLog(): Logger & { lines: string[] } {
  const lines: string[] = []
  const push = (m: string): void => void lines.push(m)
  return { lines, info: push, warn: push, error: push, debug: () => {}, group: (_t, fn) => fn() }
}

function clientFor(stub: Stub): BmcClient {
  return new BmcClient({
    host: '127.0.0.1',
    port: stub.port,
    tls: { mode: 'fingerprint', fingerprint },
    username: 'root',
    password: 'turing'
  })
}

const transferring = (bytes: number, size: number, id = HANDLE): unknown => ({
  Transferring: {
    id,
    process_name: 'Node 2 os install service',
    size,
    cancelled: false,
    bytes_written: bytes
  }
})
const done = (size: number): unknown => ({ Done: [{ secs: 12, nanos: 500_000_000 }, size] })

/** The bytes between the multipart head and tail. */
function filePart(body: Buffer): Buffer {
  const start = body.indexOf('\r\n\r\n') + 4
  const end = body.lastIndexOf('\r\n--')
  return body.subarray(start, end)
}

describe('flashNode against a scripted BMC', () => {
  it('raw image: start, upload exact bytes, poll write then verify, read UART, power on', async () => {
    const size = rawImage.size
    const stub = await stubBmc({
      statuses: [
        'Ready',
        transferring(size - 1000, size),
        transferring(size, size),
        transferring(1000, size),
        transferring(size, size),
        done(size)
      ],
      uart: 'old boot\r\nlogin: '
    })
    const client = clientFor(stub)
    const log = quietLog()
    const events: FlashProgress[] = []
    try {
      const result = await flashNode(client, 2, rawImage, {
        log,
        pollIntervalMs: 5,
        onProgress: (p) => events.push(p)
      })
      expect(stub.calls).toEqual([
        'opt=get&type=flash',
        `opt=set&type=flash&node=1&file=disk.img&length=${size}`,
        `upload ${HANDLE}`,
        ...Array(5).fill('opt=get&type=flash'),
        'opt=get&type=uart&node=1',
        'opt=set&type=power&node2=1'
      ])
      expect(filePart(stub.uploaded[0]!).equals(rawBytes)).toBe(true)
      expect(result).toMatchObject({
        slot: 2,
        handle: HANDLE,
        bytes: size,
        writtenBytes: size,
        bmcElapsedMs: 12_500,
        poweredOn: true
      })
      expect(result.uartSnapshot).toBe('old boot\r\nlogin: ')
      expect(result.phases.verify).toBeDefined()
      expect(result.throughputBytesPerSec).toBeGreaterThan(0)
      expect(new Set(events.map((e) => e.phase))).toEqual(new Set(['upload', 'write', 'verify']))
      expect(events.filter((e) => e.phase === 'verify').every((e) => e.total === size)).toBe(true)
      expect(log.lines.some((l) => /verifying/.test(l))).toBe(true)
      expect(log.lines[log.lines.length - 1]).toMatch(/node 2: flashed .* node powered on/)
    } finally {
      client.close()
      await stub.close()
    }
  })

  it('xz image: no percentage while writing, verify measured against the written size', async () => {
    const size = rawImage.size
    const stub = await stubBmc({
      statuses: [
        'Ready',
        transferring(size * 3, size),
        transferring(size * 4, size),
        transferring(size, size),
        done(size)
      ]
    })
    const client = clientFor(stub)
    const events: FlashProgress[] = []
    try {
      const result = await flashNode(
        client,
        2,
        { ...rawImage, fileName: 'disk.img.xz' },
        {
          log: quietLog(),
          pollIntervalMs: 5,
          onProgress: (p) => events.push(p),
          skipCrc: false
        }
      )
      expect(stub.calls[1]).toBe(`opt=set&type=flash&node=1&file=disk.img.xz&length=${size}`)
      expect(result.writtenBytes).toBe(size * 4)
      expect(events.filter((e) => e.phase === 'write').every((e) => e.percent === undefined)).toBe(
        true
      )
      const verify = events.filter((e) => e.phase === 'verify')
      expect(verify[verify.length - 1]).toMatchObject({ total: size * 4, percent: 25 })
    } finally {
      client.close()
      await stub.close()
    }
  })

  it('a foreign transfer id is a pre-emption; the node is not powered on', async () => {
    const size = rawImage.size
    const stub = await stubBmc({
      statuses: ['Ready', transferring(size, size), transferring(10, 1000, 77)]
    })
    const client = clientFor(stub)
    try {
      const error = (await flashNode(client, 2, rawImage, {
        log: quietLog(),
        pollIntervalMs: 5
      }).catch((e: unknown) => e)) as FlashPreemptedError
      expect(error).toBeInstanceOf(FlashPreemptedError)
      expect(error.foreignId).toBe(77)
      expect(error.node).toBe(2)
      expect(stub.calls.some((c) => c.includes('type=power'))).toBe(false)
    } finally {
      client.close()
      await stub.close()
    }
  })

  it('a Done of someone else (other size) after our transfer is a pre-emption too', async () => {
    const stub = await stubBmc({ statuses: ['Ready', done(1024)] })
    const client = clientFor(stub)
    try {
      await expect(
        flashNode(client, 2, rawImage, { log: quietLog(), pollIntervalMs: 5 })
      ).rejects.toBeInstanceOf(FlashPreemptedError)
    } finally {
      client.close()
      await stub.close()
    }
  })

  it('an Error state is mapped (crc error) and the node stays off', async () => {
    const stub = await stubBmc({
      statuses: [
        'Ready',
        transferring(5, rawImage.size),
        { Error: 'crc error. expected 1, calculated 2' }
      ]
    })
    const client = clientFor(stub)
    try {
      const error = (await flashNode(client, 3, rawImage, {
        log: quietLog(),
        pollIntervalMs: 5
      }).catch((e: unknown) => e)) as FlashError
      expect(error).toBeInstanceOf(FlashError)
      expect(error.kind).toBe('crc-mismatch')
      expect(error.node).toBe(3)
      expect(stub.calls.some((c) => c.includes('type=power'))).toBe(false)
    } finally {
      client.close()
      await stub.close()
    }
  })

  it('an upload refused after a Send timeout reports the timeout', async () => {
    const stub = await stubBmc({
      statuses: ['Ready', { Error: 'Send timeout' }],
      upload: {
        status: 500,
        body: 'cannot execute command in current state. current=Error, expected=Transferring'
      }
    })
    const client = clientFor(stub)
    try {
      const error = (await flashNode(client, 1, rawImage, { log: quietLog() }).catch(
        (e: unknown) => e
      )) as FlashError
      expect(error).toBeInstanceOf(FlashError)
      expect(error.kind).toBe('send-timeout')
      expect(error.cause).toBeInstanceOf(FlashError)
    } finally {
      client.close()
      await stub.close()
    }
  })

  it('refuses to replace a running transfer', async () => {
    const stub = await stubBmc({ statuses: [transferring(5, 100, 99)] })
    const client = clientFor(stub)
    try {
      const error = (await flashNode(client, 1, rawImage, { log: quietLog() }).catch(
        (e: unknown) => e
      )) as FlashError
      expect(error.kind).toBe('busy')
      expect(stub.calls).toEqual(['opt=get&type=flash'])
    } finally {
      client.close()
      await stub.close()
    }
  })

  it('state back to Ready means bmcd restarted', async () => {
    const stub = await stubBmc({ statuses: ['Ready', 'Ready'] })
    const client = clientFor(stub)
    try {
      const error = (await flashNode(client, 1, rawImage, {
        log: quietLog(),
        pollIntervalMs: 5
      }).catch((e: unknown) => e)) as FlashError
      expect(error.kind).toBe('bmc-restarted')
    } finally {
      client.close()
      await stub.close()
    }
  })

  it('aborting during the upload cancels it without powering on', async () => {
    // Large enough that socket buffers cannot hold the rest when the abort lands.
    const big: FlashImage = {
      path: join(dir, 'big.img'),
      size: 32 * 1024 * 1024,
      fileName: 'big.img'
    }
    writeFileSync(big.path, Buffer.alloc(big.size, 7))
    const controller = new AbortController()
    const stub = await stubBmc({
      statuses: ['Ready'],
      onUploadData: (n) => {
        if (n > 1024 * 1024) controller.abort()
      }
    })
    const client = clientFor(stub)
    try {
      const error = await flashNode(client, 4, big, {
        log: quietLog(),
        signal: controller.signal,
        chunkBytes: 64 * 1024
      }).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(FlashAbortedError)
      expect(stub.uploaded).toHaveLength(0)
      expect(stub.calls.some((c) => c.includes('type=power'))).toBe(false)
    } finally {
      client.close()
      await stub.close()
    }
  })

  it('aborting while polling cancels our transfer on the BMC', async () => {
    const size = rawImage.size
    const stub = await stubBmc({ statuses: ['Ready', transferring(size, size)] })
    const client = clientFor(stub)
    const controller = new AbortController()
    try {
      const error = await flashNode(client, 2, rawImage, {
        log: quietLog(),
        signal: controller.signal,
        pollIntervalMs: 5,
        onProgress: (p) => {
          if (p.phase === 'write') controller.abort()
        }
      }).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(FlashAbortedError)
      expect(stub.calls).toContain('cancel')
    } finally {
      client.close()
      await stub.close()
    }
  })

  it('rejects bad images before touching the BMC', async () => {
    const stub = await stubBmc({ statuses: ['Ready'] })
    const client = clientFor(stub)
    try {
      const gz = (await flashNode(
        client,
        1,
        { ...rawImage, fileName: 'disk.img.gz' },
        { log: quietLog() }
      ).catch((e: unknown) => e)) as FlashError
      expect(gz.kind).toBe('image')
      const short = (await flashNode(
        client,
        1,
        { ...rawImage, size: rawImage.size + 1 },
        { log: quietLog() }
      ).catch((e: unknown) => e)) as FlashError
      expect(short.kind).toBe('image')
      expect(stub.calls).toHaveLength(0)
    } finally {
      client.close()
      await stub.close()
    }
  })
})

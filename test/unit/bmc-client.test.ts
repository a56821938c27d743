/**
 * BmcClient against small local HTTPS stubs: login/re-login rules, bans, TLS modes, query building,
 * error typing. Certificates are generated at test time with the openssl CLI.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, rmSync } from 'node:fs'
import https from 'node:https'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BmcClient } from '../../src/bmc/client'
import {
  BmcAuthError,
  BmcBannedError,
  BmcError,
  BmcProtocolError,
  BmcTlsError,
  BmcUnreachableError,
  FlashError,
  FlashPreemptedError
} from '../../src/bmc/errors'
import { InputError } from '../../src/common/errors'
import type { Logger } from '../../src/common/host'
import { selfSignedCertificate } from '../helpers/self-signed'
import type { BmcTlsOptions } from '../../src/bmc/types'

interface Seen {
  method: string
  url: string
  auth?: string
  body: string
}
type Reply = { status: number; body?: string; headers?: Record<string, string> } | 'hang' | 'drop'
type Handler = (req: Seen) => Reply

let dir: string
let key: string
let cert: string
let fingerprint: string

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bmc-client-test-'))
  ;({ key, cert, fingerprint } = selfSignedCertificate(dir, 'Turing-Pi self signed'))
})

afterAll(() => rmSync(dir, { recursive: true, force: true }))

const PASSWORD = `pw-${Math.random().toString(36).slice(2)}`
const TOKEN_A = 'A'.repeat(40) + Math.random().toString(36).slice(2, 10)
const TOKEN_B = 'B'.repeat(40) + Math.random().toString(36).slice(2, 10)

async function stub(
  handler: Handler
): Promise<{ port: number; log: Seen[]; close(): Promise<void> }> {
  const log: Seen[] = []
  const server = https.createServer({ key, cert }, (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const seen: Seen = {
        method: req.method ?? '',
        url: req.url ?? '',
        auth: req.headers.authorization,
        body: Buffer.concat(chunks).toString()
      }
      log.push(seen)
      const reply = handler(seen)
      if (reply === 'hang') return
      if (reply === 'drop') return void req.socket.destroy()
      res.writeHead(reply.status, reply.headers ?? { 'content-type': 'text/plain; charset=utf-8' })
      res.end(reply.body ?? '')
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const port = (server.address() as AddressInfo).port
  return {
    port,
    log,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections()
        server.close(() => r())
      })
  }
}

const ok = (result: unknown = 'ok'): Reply => ({
  status: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ response: [{ result }] })
})
const login = (token: string): Reply => ({
  status: 200,
  body: JSON.stringify({
    id: token,
    name: 'User Session',
    description: 'User Session',
    username: 'root'
  })
})
const unauthorized = (token?: string): Reply => ({
  status: 401,
  body: `token ${token ?? 'x'} is not registered`
})

function recordingLog(): Logger & { lines: string[] } {
  const lines: string[] = []
  const push = (m: string): void => void lines.push(m)
  return { lines, info: push, warn: push, error: push, debug: push, group: (_t, fn) => fn() }
}

function client(
  port: number,
  tls?: Partial<BmcTlsOptions>,
  log?: Logger,
  timeoutMs?: number
): BmcClient {
  return new BmcClient({
    host: '127.0.0.1',
    port,
    tls: { mode: 'fingerprint', fingerprint, ...tls } as BmcTlsOptions,
    username: 'root',
    password: PASSWORD,
    ...(log ? { log } : {}),
    ...(timeoutMs ? { requestTimeoutMs: timeoutMs } : {})
  })
}

const isLogin = (s: Seen): boolean => s.url === '/api/bmc/authenticate'

describe('authentication', () => {
  it('logs in once and reuses the bearer token', async () => {
    const s = await stub((r) =>
      isLogin(r) ? login(TOKEN_A) : ok([{ node1: '1', node2: '0', node3: '0', node4: '1' }])
    )
    const c = client(s.port)
    try {
      expect(await c.getPower()).toEqual({ 1: true, 2: false, 3: false, 4: true })
      await c.getPower()
      await c.getPower()
      expect(s.log.filter(isLogin)).toHaveLength(1)
      expect(JSON.parse(s.log[0]!.body)).toEqual({ username: 'root', password: PASSWORD })
      expect(s.log.slice(1).every((r) => r.auth === `Bearer ${TOKEN_A}`)).toBe(true)
    } finally {
      c.close()
      await s.close()
    }
  })

  it('on 401 logs in again exactly once and replays the request once', async () => {
    let logins = 0
    const s = await stub((r) => {
      if (isLogin(r)) return login(++logins === 1 ? TOKEN_A : TOKEN_B)
      return r.auth === `Bearer ${TOKEN_B}` ? ok() : unauthorized(TOKEN_A)
    })
    const log = recordingLog()
    const c = client(s.port, {}, log)
    try {
      await c.setPower(2, true)
      expect(s.log.map((r) => (isLogin(r) ? 'login' : r.auth?.slice(7, 8)))).toEqual([
        'login',
        'A',
        'login',
        'B'
      ])
      expect(s.log[3]!.url).toBe('/api/bmc?opt=set&type=power&node2=1')
      const printed = log.lines.join('\n')
      expect(printed).not.toContain(PASSWORD)
      expect(printed).not.toContain(TOKEN_A)
      expect(printed).not.toContain(TOKEN_B)
    } finally {
      c.close()
      await s.close()
    }
  })

  it('a second 401 is an auth error, and later calls do not storm the BMC', async () => {
    const s = await stub((r) => (isLogin(r) ? login(TOKEN_A) : unauthorized(TOKEN_A)))
    const c = client(s.port)
    try {
      const error = await c.getPower().catch((e: unknown) => e)
      expect(error).toBeInstanceOf(BmcAuthError)
      expect(s.log).toHaveLength(4) // login, call, login, replay
      const err = error as BmcAuthError
      expect(err.operation).toBe('getPower')
      expect(err.status).toBe(401)
      expect(err.body).not.toContain(TOKEN_A)
      expect(err.describe()).not.toContain(TOKEN_A)
      for (let i = 0; i < 5; i++) await expect(c.getPower()).rejects.toBeInstanceOf(BmcAuthError)
      expect(s.log).toHaveLength(4)
    } finally {
      c.close()
      await s.close()
    }
  })

  it('concurrent 401s share one re-login', async () => {
    let logins = 0
    const s = await stub((r) => {
      if (isLogin(r)) return login(++logins === 1 ? TOKEN_A : TOKEN_B)
      return r.auth === `Bearer ${TOKEN_B}`
        ? ok([{ node1: '0', node2: '0', node3: '0', node4: '0' }])
        : unauthorized()
    })
    const c = client(s.port)
    try {
      await c.getPower()
      await Promise.all([c.getPower(), c.getPower(), c.getPower()])
      expect(s.log.filter(isLogin)).toHaveLength(2)
    } finally {
      c.close()
      await s.close()
    }
  })

  it('wrong credentials: one login attempt, then fail fast', async () => {
    const s = await stub(() => ({ status: 403, body: 'credentials incorrect' }))
    const c = client(s.port)
    try {
      const error = (await c.about().catch((e: unknown) => e)) as BmcAuthError
      expect(error).toBeInstanceOf(BmcAuthError)
      expect(error).not.toBeInstanceOf(BmcBannedError)
      expect(error.advice).toMatch(/password/)
      await expect(c.about()).rejects.toBeInstanceOf(BmcAuthError)
      expect(s.log).toHaveLength(1)
    } finally {
      c.close()
      await s.close()
    }
  })

  it('a ban is reported with its duration and not retried', async () => {
    const s = await stub(() => ({
      status: 403,
      body: 'Exceeded allowed authentication attempts. Access blocked for 59s 998ms 12us'
    }))
    const c = client(s.port)
    try {
      const error = (await c.getPower().catch((e: unknown) => e)) as BmcBannedError
      expect(error).toBeInstanceOf(BmcBannedError)
      expect(error.retryAfterMs).toBe(59_999)
      expect(error.advice).toMatch(/Wait/)
      await expect(c.getPower()).rejects.toBeInstanceOf(BmcBannedError)
      expect(s.log).toHaveLength(1)
    } finally {
      c.close()
      await s.close()
    }
  })

  it('a ban answered to a normal call (401) is a ban, not a re-login', async () => {
    const s = await stub((r) =>
      isLogin(r)
        ? login(TOKEN_A)
        : {
            status: 401,
            body: 'Exceeded allowed authentication attempts. Access blocked for 2m 3s'
          }
    )
    const c = client(s.port)
    try {
      const error = (await c.getUsb().catch((e: unknown) => e)) as BmcBannedError
      expect(error).toBeInstanceOf(BmcBannedError)
      expect(error.retryAfterMs).toBe(123_000)
      expect(s.log).toHaveLength(2)
    } finally {
      c.close()
      await s.close()
    }
  })

  it('a 401 on the upload is not replayed', async () => {
    const s = await stub((r) => (isLogin(r) ? login(TOKEN_A) : unauthorized(TOKEN_A)))
    const c = client(s.port)
    try {
      const handle = { id: 7, slot: 1 as const, fileName: 'a.img', length: 4, issuedAt: Date.now() }
      const error = (await c
        .upload(handle, [Buffer.from('abcd')], 4)
        .catch((e: unknown) => e)) as FlashError
      expect(error).toBeInstanceOf(FlashError)
      expect(error.kind).toBe('upload-auth')
      expect(error.advice).toMatch(/restart the flash/)
      expect(s.log.filter((r) => r.url.startsWith('/api/bmc/upload/'))).toHaveLength(1)
    } finally {
      c.close()
      await s.close()
    }
  })
})

describe('TLS modes', () => {
  const answer: Handler = (r) =>
    isLogin(r) ? login(TOKEN_A) : ok({ api: '1.1', version: '2.3.4' })

  it('accepts a matching fingerprint in any notation', async () => {
    const s = await stub(answer)
    try {
      for (const fp of [
        fingerprint,
        fingerprint.toLowerCase(),
        fingerprint.replace(/:/g, ''),
        `sha256:${fingerprint}`
      ]) {
        const c = client(s.port, { fingerprint: fp })
        expect((await c.about()).version).toBe('2.3.4')
        c.close()
      }
    } finally {
      await s.close()
    }
  })

  it('rejects a mismatching fingerprint before sending anything', async () => {
    const s = await stub(answer)
    const c = client(s.port, { fingerprint: 'ab'.repeat(32) })
    try {
      const error = (await c.about().catch((e: unknown) => e)) as BmcTlsError
      expect(error).toBeInstanceOf(BmcTlsError)
      expect(error.evidence).toMatch(/fingerprint mismatch/)
      expect(error.advice).toMatch(/intercepting/)
      expect(s.log).toHaveLength(0)
    } finally {
      c.close()
      await s.close()
    }
  })

  it('insecure accepts the self-signed certificate', async () => {
    const s = await stub(answer)
    const c = client(s.port, { mode: 'insecure' })
    try {
      expect((await c.about()).api).toBe('1.1')
    } finally {
      c.close()
      await s.close()
    }
  })

  it('verify rejects the self-signed certificate, and accepts it given as CA', async () => {
    const s = await stub(answer)
    const strict = client(s.port, { mode: 'verify' })
    const trusting = client(s.port, { mode: 'verify', caPem: cert })
    try {
      const error = (await strict.about().catch((e: unknown) => e)) as BmcTlsError
      expect(error).toBeInstanceOf(BmcTlsError)
      expect(error.advice).toMatch(/fingerprint/)
      expect(s.log).toHaveLength(0)
      expect((await trusting.about()).api).toBe('1.1')
    } finally {
      strict.close()
      trusting.close()
      await s.close()
    }
  })
})

describe('requests and answers', () => {
  it('builds 0-based node params, 1-based power keys and unencoded opt/type', async () => {
    const s = await stub((r) => {
      if (isLogin(r)) return login(TOKEN_A)
      if (r.url.includes('type=flash')) return { status: 200, body: '{"handle":3452941224}' }
      if (r.url.includes('type=uart') && r.url.includes('opt=get')) {
        return { status: 200, body: JSON.stringify({ response: [{ uart: 'hello\r\nlogin: ' }] }) }
      }
      return ok()
    })
    const log = recordingLog()
    const c = client(s.port, {}, log)
    try {
      await c.setPower(4, false)
      await c.reset(1)
      await c.setUsbMode(3, 6)
      await c.writeUart(2, 'secret password&x=1')
      expect(await c.readUart(2)).toBe('hello\r\nlogin: ')
      const handle = await c.startFlash(2, {
        fileName: 'my image.raw.xz',
        length: 123,
        sha256: 'ab'.repeat(32),
        skipCrc: true
      })
      expect(handle).toMatchObject({ id: 3452941224, slot: 2, length: 123 })
      await c.startFlash(1, { fileName: 'a.img', length: 5, skipCrc: false })
      await c.setNodeInfo({ 1: { name: 'cp1', moduleName: 'RK1' } })
      const urls = s.log.filter((r) => !isLogin(r)).map((r) => r.url)
      expect(urls).toEqual([
        '/api/bmc?opt=set&type=power&node4=0',
        '/api/bmc?opt=set&type=reset&node=0',
        '/api/bmc?opt=set&type=usb&node=2&mode=6',
        '/api/bmc?opt=set&type=uart&node=1&cmd=secret%20password%26x%3D1',
        '/api/bmc?opt=get&type=uart&node=1',
        `/api/bmc?opt=set&type=flash&node=1&file=my%20image.raw.xz&length=123&sha256=${'ab'.repeat(32)}&skip_crc`,
        '/api/bmc?opt=set&type=flash&node=0&file=a.img&length=5',
        '/api/bmc?opt=set&type=node_info'
      ])
      expect(JSON.parse(s.log[s.log.length - 1]!.body)).toEqual({
        Node1: { name: 'cp1', module_name: 'RK1' }
      })
      expect(log.lines.join('\n')).not.toContain('secret')
    } finally {
      c.close()
      await s.close()
    }
  })

  it('validates slots and USB modes before sending', async () => {
    const s = await stub((r) => (isLogin(r) ? login(TOKEN_A) : ok()))
    const c = client(s.port)
    try {
      await expect(c.setUsbMode(1, 3)).rejects.toBeInstanceOf(InputError)
      await expect(c.setUsbMode(1, 7)).rejects.toBeInstanceOf(InputError)
      await expect(c.setPower(0, true)).rejects.toBeInstanceOf(InputError)
      await expect(c.reset(5)).rejects.toBeInstanceOf(InputError)
      expect(s.log.filter((r) => !isLogin(r))).toHaveLength(0)
    } finally {
      c.close()
      await s.close()
    }
  })

  it('typed errors carry operation, node, status and body', async () => {
    const s = await stub((r) => {
      if (isLogin(r)) return login(TOKEN_A)
      if (r.url.includes('type=usb')) {
        return {
          status: 500,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            response: [
              {
                result:
                  'Failed to set USB mode: Selecting one of the nodes as USB Host role is not supported by the current hardware'
              }
            ]
          })
        }
      }
      if (r.url.includes('type=about'))
        return {
          status: 400,
          body: JSON.stringify({ response: [{ result: 'Invalid `type` parameter about' }] })
        }
      if (r.url.includes('type=flash'))
        return { status: 500, body: 'Invalid `length` query parameter' }
      return { status: 200, body: '<html>index</html>' }
    })
    const c = client(s.port)
    try {
      const usb = (await c.setUsbMode(2, 0).catch((e: unknown) => e)) as BmcError
      expect(usb).toBeInstanceOf(BmcError)
      expect(usb).toMatchObject({ operation: 'setUsbMode', node: 2, status: 500 })
      expect(usb.message).toContain('USB Host role is not supported')
      const about = (await c.about().catch((e: unknown) => e)) as BmcError
      expect(about.status).toBe(400)
      expect(about.advice).toMatch(/firmware/)
      const start = (await c
        .startFlash(3, { fileName: 'x.img', length: 1 })
        .catch((e: unknown) => e)) as FlashError
      expect(start).toBeInstanceOf(FlashError)
      expect(start).toMatchObject({
        kind: 'start',
        node: 3,
        status: 500,
        bmcMessage: 'Invalid `length` query parameter'
      })
      await expect(c.getNodeInfo()).rejects.toBeInstanceOf(BmcProtocolError)
      expect((await c.detectVersion()).profile).toBe('2.0.0-2.0.1')
    } finally {
      c.close()
      await s.close()
    }
  })

  it('parses the transfer states', async () => {
    const states = [
      '"Ready"',
      '{"Transferring":{"id":3452941224,"process_name":"Node 1 os install service","size":1103253504,"cancelled":false,"bytes_written":550000000}}',
      '{"Done":[{"secs":412,"nanos":123456789},1103253504]}',
      '{"Error":"Send timeout"}'
    ]
    let i = 0
    const s = await stub((r) =>
      isLogin(r) ? login(TOKEN_A) : { status: 200, body: states[i++] ?? '' }
    )
    const c = client(s.port)
    try {
      expect(await c.flashStatus()).toEqual({ state: 'Ready' })
      expect(await c.flashStatus()).toEqual({
        state: 'Transferring',
        id: 3452941224,
        processName: 'Node 1 os install service',
        size: 1103253504,
        cancelled: false,
        bytesWritten: 550000000
      })
      expect(await c.flashStatus()).toEqual({ state: 'Done', elapsedMs: 412123, size: 1103253504 })
      expect(await c.flashStatus()).toEqual({ state: 'Error', message: 'Send timeout' })
      expect(s.log[1]!.url).toBe('/api/bmc?opt=get&type=flash')
    } finally {
      c.close()
      await s.close()
    }
  })

  it('uploads one multipart part with an exact Content-Length; early error answers are mapped', async () => {
    let uploads = 0
    const s = await stub((r) => {
      if (isLogin(r)) return login(TOKEN_A)
      uploads++
      return uploads === 1
        ? { status: 200 }
        : { status: 500, body: 'unauthorized request for handle' }
    })
    const c = client(s.port)
    try {
      const data = Buffer.from('0123456789'.repeat(1000))
      const handle = {
        id: 42,
        slot: 2 as const,
        fileName: 'disk.img',
        length: data.length,
        issuedAt: Date.now()
      }
      const seen: number[] = []
      await c.upload(handle, [data.subarray(0, 4000), data.subarray(4000)], data.length, (n) =>
        seen.push(n)
      )
      expect(seen).toEqual([4000, 10000])
      const body = s.log[1]!.body
      expect(s.log[1]!.url).toBe('/api/bmc/upload/42')
      expect(body).toContain('Content-Disposition: form-data; name="file"; filename="disk.img"')
      expect(body).toContain(`\r\n\r\n${data.toString()}\r\n--`)
      const error = await c.upload(handle, [data], data.length).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(FlashPreemptedError)
      const short = (await c
        .upload(handle, [data.subarray(0, 10)], data.length)
        .catch((e: unknown) => e)) as FlashError
      expect(short).toBeInstanceOf(FlashError)
      expect(short.kind).toBe('image')
    } finally {
      c.close()
      await s.close()
    }
  })
})

describe('unreachable BMC', () => {
  it('connection refused gives advice about a dead bmcd', async () => {
    const s = await stub(() => ok())
    const port = s.port
    await s.close()
    const c = client(port)
    try {
      const error = (await c.getPower().catch((e: unknown) => e)) as BmcUnreachableError
      expect(error).toBeInstanceOf(BmcUnreachableError)
      expect(error.code).toBe('ECONNREFUSED')
      expect(error.advice).toMatch(/Reboot the BMC/)
    } finally {
      c.close()
    }
  })

  it('no answer in time and dropped connections are unreachable errors', async () => {
    const s = await stub((r) =>
      isLogin(r) ? login(TOKEN_A) : r.url.includes('power') ? 'hang' : 'drop'
    )
    const c = client(s.port, {}, undefined, 300)
    try {
      const slow = (await c.getPower().catch((e: unknown) => e)) as BmcUnreachableError
      expect(slow).toBeInstanceOf(BmcUnreachableError)
      expect(slow.code).toBe('ETIMEDOUT')
      const dropped = (await c.getUsb().catch((e: unknown) => e)) as BmcUnreachableError
      expect(dropped).toBeInstanceOf(BmcUnreachableError)
      expect(dropped.advice).toMatch(/crashed/)
    } finally {
      c.close()
      await s.close()
    }
  })
})

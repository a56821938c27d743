/**
 * Fault injection and the less common transfer sources of the lab BMC emulator, driven by curl:
 * every final Error text of §5.10, a daemon crash, a foreign client pre-empting a flash, injected
 * 500s, firmware upgrades, and `local` / URL sources.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { randomBytes } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startBmcEmulator, type BmcEmulator } from '../../src/lab/bmc/emulator'
import { curl, login, type CurlResult } from '../helpers/curl'

let dir: string
let bmc: BmcEmulator
let token: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rk1-bmc-fault-test-'))
})
afterAll(() => rm(dir, { recursive: true, force: true }))

async function fresh(options: Parameters<typeof startBmcEmulator>[0] = {}): Promise<void> {
  bmc = await startBmcEmulator({ timeScale: 1000, ...options })
  token = await login(bmc.url)
}
afterEach(async () => {
  await bmc?.close()
})

async function image(bytes: number): Promise<string> {
  const path = join(dir, `img-${bytes}-${Math.random().toString(36).slice(2)}.img`)
  await writeFile(path, randomBytes(bytes))
  return path
}

const api = (query: string): string => `${bmc.url}/api/bmc?${query}`

async function flash(
  file: string,
  length: number,
  extra = '',
  node = 0
): Promise<{
  handle: number
  upload: CurlResult
  final: string
  seen: string[]
}> {
  const res = await curl(
    api(`opt=set&type=flash&node=${node}&file=f.img&length=${length}${extra}`),
    { token }
  )
  expect(res.status).toBe(200)
  const handle = (JSON.parse(res.body) as { handle: number }).handle
  const upload = await curl(`${bmc.url}/api/bmc/upload/${handle}`, {
    token,
    form: [`file=@${file}`]
  })
  const seen = await pollFlash()
  return { handle, upload, final: seen[seen.length - 1]!, seen }
}

async function pollFlash(type = 'flash'): Promise<string[]> {
  const seen: string[] = []
  for (let i = 0; i < 2000; i++) {
    const body = (await curl(api(`opt=get&type=${type}`), { token })).body
    seen.push(body)
    if (!body.startsWith('{"Transferring"')) return seen
    await new Promise((r) => setTimeout(r, 5))
  }
  throw new Error('transfer did not finish')
}

describe('lab BMC emulator: injected flash failures', () => {
  it('device not found and USB load errors end the transfer before any byte is written', async () => {
    await fresh()
    bmc.faults.inject({ kind: 'deviceNotFound' })
    const file = await image(64 * 1024)
    const a = await flash(file, 64 * 1024)
    expect(a.final).toBe('{"Error":"Compute module\'s USB interface not found or supported"}')
    expect(a.upload.status).toBe(500)
    bmc.faults.inject({ kind: 'usbLoadError' })
    const b = await flash(file, 64 * 1024)
    expect(b.final).toBe('{"Error":"Error loading USB device: No supported USB devices found"}')
    expect(bmc.faults.armed).toHaveLength(0)
    expect(bmc.faults.fired.map((f) => f.kind)).toEqual(['deviceNotFound', 'usbLoadError'])
    expect(bmc.node(1)).toMatchObject({ power: false, usbBoot: false })
  })

  it('reports a CRC mismatch of the read-back', async () => {
    await fresh()
    bmc.faults.inject({ kind: 'crcMismatch' })
    const { final, upload } = await flash(await image(300_000), 300_000)
    expect(upload.status).toBe(200)
    const m = /^\{"Error":"crc error\. expected (\d+), calculated (\d+)"\}$/.exec(final)
    expect(m).not.toBeNull()
    expect(m![1]).not.toBe(m![2])
  })

  it('fails the running upload with ENOSPC', async () => {
    await fresh({ emmcCapacityBytes: 100_000 })
    const { final, upload } = await flash(await image(16 * 1024 * 1024), 16 * 1024 * 1024)
    expect(final).toBe('{"Error":"No space left on device (os error 28)"}')
    if (upload.status !== 0) {
      expect(upload.status).toBe(500)
      expect(upload.body).toBe('No space left on device (os error 28)')
    }
    expect(bmc.node(1).emmc.bytesWritten).toBe(100_000)
  })

  it('makes a corrupted upload fail the sha256 check', async () => {
    await fresh()
    const file = await image(100_000)
    const { createHash } = await import('node:crypto')
    const digest = createHash('sha256')
      .update(await readFile(file))
      .digest('hex')
    bmc.faults.inject({ kind: 'corruptUpload', atByte: 5000 })
    const { final } = await flash(file, 100_000, `&sha256=${digest}`)
    expect(final).toMatch(
      new RegExp(
        `^\\{"Error":"sha256 checksum failed\\. Expected: ${digest}, got: [0-9a-f]{64}"\\}$`
      )
    )
  })

  it('reports "Several supported devices found" while another node is exported as USB storage', async () => {
    await fresh()
    expect((await curl(api('opt=set&type=node_to_msd&node=2'), { token })).status).toBe(200)
    expect(bmc.node(3).mode).toBe('msd')
    const { final } = await flash(await image(1000), 1000)
    expect(final).toBe('{"Error":"Error loading USB device: Several supported devices found"}')
  })
})

describe('lab BMC emulator: daemon and client faults', () => {
  it('crashes mid-flash: connection refused until restarted, then Ready without tokens', async () => {
    await fresh()
    bmc.faults.inject({ kind: 'daemonCrash', afterBytes: 1024 * 1024 })
    const file = await image(8 * 1024 * 1024)
    const res = await curl(api(`opt=set&type=flash&node=1&file=f.img&length=${8 * 1024 * 1024}`), {
      token
    })
    const handle = (JSON.parse(res.body) as { handle: number }).handle
    const upload = await curl(`${bmc.url}/api/bmc/upload/${handle}`, {
      token,
      form: [`file=@${file}`]
    })
    expect(upload.status).toBe(0)
    expect(bmc.daemonUp).toBe(false)
    expect((await curl(api('opt=get&type=flash'), { token })).exitCode).toBe(7)
    await bmc.restartDaemon(5)
    expect((await curl(api('opt=get&type=flash'), { token })).body).toBe(
      `token ${token} is not registered`
    )
    token = await login(bmc.url)
    expect((await curl(api('opt=get&type=flash'), { token })).body).toBe('"Ready"')
  })

  it('lets a foreign client pre-empt the flash: new id, old upload canceled', async () => {
    await fresh()
    bmc.faults.inject({ kind: 'foreignTransfer', afterBytes: 512 * 1024, slot: 3 })
    const { handle, upload, seen } = await flash(await image(8 * 1024 * 1024), 8 * 1024 * 1024)
    expect(upload.status).toBe(500)
    expect(upload.body).toBe('transfer canceled')
    const ids = seen
      .filter((s) => s.startsWith('{"Transferring"'))
      .map((s) => (JSON.parse(s) as { Transferring: { id: number } }).Transferring.id)
    expect(ids.every((id) => id !== handle)).toBe(true)
    expect(seen[seen.length - 1]).toMatch(/^\{"Done":\[\{"secs":\d+,"nanos":\d+\},1048576\]\}$/)
    expect(bmc.node(3).emmc.flashedFileName).toBe('foreign-client.img')
  })

  it('injects 500s and dropped connections per type, one-shot or persistent', async () => {
    await fresh()
    bmc.faults.inject({ kind: 'http500', type: 'power', opt: 'get' })
    const first = await curl(api('opt=get&type=power'), { token })
    expect(first.status).toBe(500)
    expect(first.body).toBe('{"response":[{"result":"Failed to get power: injected fault"}]}')
    expect((await curl(api('opt=get&type=power'), { token })).status).toBe(200)

    const armed = bmc.faults.inject({ kind: 'dropConnection', type: 'about' }, { persistent: true })
    expect((await curl(api('opt=get&type=about'), { token })).exitCode).toBe(52)
    expect((await curl(api('opt=get&type=about'), { token })).exitCode).toBe(52)
    bmc.faults.clear(armed)
    expect((await curl(api('opt=get&type=about'), { token })).status).toBe(200)

    bmc.faults.inject({ kind: 'http500', type: 'flash', message: 'boom' })
    const start = await curl(api('opt=set&type=flash&node=0&file=a&length=1'), { token })
    expect(start.status).toBe(500)
    expect(start.headers['content-type']).toBe('text/plain; charset=utf-8')
    expect(start.body).toBe('boom')
  })

  it('reboot with fel never comes back by itself', async () => {
    await fresh()
    expect((await curl(api('opt=set&type=reboot&fel'), { token })).status).toBe(200)
    for (let i = 0; i < 500 && bmc.daemonUp; i++) await new Promise((r) => setTimeout(r, 2))
    expect(bmc.daemonUp).toBe(false)
    expect((await curl(api('opt=get&type=power'), { token })).exitCode).toBe(7)
    await bmc.restartDaemon(1)
    expect(bmc.daemonUp).toBe(true)
  })
})

describe('lab BMC emulator: firmware, local and URL sources', () => {
  it('upgrades firmware through the same transfer slot', async () => {
    await fresh()
    const file = await image(50_000)
    const res = await curl(api('opt=set&type=firmware&file=fw.tpu&length=50000'), { token })
    const handle = (JSON.parse(res.body) as { handle: number }).handle
    const up = await curl(`${bmc.url}/api/bmc/upload/${handle}`, { token, form: [`file=@${file}`] })
    expect(up.status).toBe(200)
    expect((await pollFlash('firmware')).pop()).toMatch(/^\{"Done":\[.*,50000\]\}$/)
    bmc.faults.inject({ kind: 'firmwareFailure', exitStatus: 3 })
    const res2 = await curl(api('opt=set&type=firmware&file=fw.tpu&length=50000'), { token })
    const handle2 = (JSON.parse(res2.body) as { handle: number }).handle
    await curl(`${bmc.url}/api/bmc/upload/${handle2}`, { token, form: [`file=@${file}`] })
    expect((await pollFlash('flash')).pop()).toBe(
      '{"Error":"failed firmware upgrade (exit status: 3)"}'
    )
  })

  it('flashes a file on the BMC SD card with `local`, no upload needed', async () => {
    const storageDir = join(dir, 'storage-local')
    await mkdir(join(storageDir, 'sdcard'), { recursive: true })
    const data = randomBytes(200_000)
    await writeFile(join(storageDir, 'sdcard', 'img.raw'), data)
    await fresh({ storageDir })
    const res = await curl(api('opt=set&type=flash&node=0&local&file=/mnt/sdcard/img.raw'), {
      token
    })
    expect(res.status).toBe(200)
    expect((await pollFlash()).pop()).toMatch(/,200000\]\}$/)
    expect((await readFile(bmc.node(1).emmc.path)).equals(data)).toBe(true)
    const missing = await curl(api('opt=set&type=flash&node=0&local&file=/mnt/sdcard/nope.raw'), {
      token
    })
    expect(missing.body).toBe(
      'Failed to /mnt/sdcard/nope.raw: No such file or directory (os error 2)'
    )
  })

  it('fetches an image from a loopback URL', async () => {
    const data = randomBytes(150_000)
    const server: Server = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Length': data.length })
      res.end(data)
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    try {
      await fresh()
      const port = (server.address() as { port: number }).port
      const url = encodeURIComponent(`http://127.0.0.1:${port}/img.raw`)
      const res = await curl(api(`opt=set&type=flash&node=2&file=${url}`), { token })
      expect(res.status).toBe(200)
      expect((await pollFlash()).pop()).toMatch(/,150000\]\}$/)
      expect((await readFile(bmc.node(3).emmc.path)).equals(data)).toBe(true)
    } finally {
      await new Promise((r) => server.close(r))
    }
  })
})

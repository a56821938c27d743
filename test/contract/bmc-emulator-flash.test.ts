/**
 * Flashing through the lab BMC emulator with the real curl, like tpi: start (GET) → multipart
 * upload (`curl -F file=@img`) → status polling until Done; then the bytes on the emulated eMMC
 * are compared with the image (§5).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startBmcEmulator, type BmcEmulator } from '../../src/lab/bmc/emulator'
import { curl, login, type CurlResult } from '../helpers/curl'

let dir: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rk1-bmc-flash-test-'))
})
afterAll(() => rm(dir, { recursive: true, force: true }))

async function image(name: string, bytes: number, marker = ''): Promise<string> {
  const path = join(dir, name)
  await writeFile(path, Buffer.concat([Buffer.from(marker), randomBytes(bytes - marker.length)]))
  return path
}

const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex')

interface Started {
  handle: number
  res: CurlResult
}

async function start(bmc: BmcEmulator, token: string, query: string): Promise<Started> {
  const res = await curl(`${bmc.url}/api/bmc?opt=set&type=flash&${query}`, { token })
  return {
    res,
    handle: res.status === 200 ? (JSON.parse(res.body) as { handle: number }).handle : 0
  }
}

function upload(
  bmc: BmcEmulator,
  token: string,
  handle: number,
  file: string
): Promise<CurlResult> {
  return curl(`${bmc.url}/api/bmc/upload/${handle}`, { token, form: [`file=@${file}`] })
}

/** Polls like tpi until the state leaves Transferring; returns every body seen. */
async function poll(bmc: BmcEmulator, token: string): Promise<string[]> {
  const seen: string[] = []
  for (let i = 0; i < 2000; i++) {
    const res = await curl(`${bmc.url}/api/bmc?opt=get&type=flash`, { token })
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8')
    seen.push(res.body)
    if (!res.body.startsWith('{"Transferring"')) return seen
    await new Promise((r) => setTimeout(r, 5))
  }
  throw new Error('flash did not finish')
}

describe('lab BMC emulator: flashing over curl', () => {
  let bmc: BmcEmulator
  let token: string

  beforeAll(async () => {
    bmc = await startBmcEmulator({ timeScale: 1000, uploadDeadlineMs: 5000 })
    token = await login(bmc.url)
  })
  afterAll(() => bmc.close())

  it('flashes a raw image byte for byte and leaves the node off', async () => {
    const file = await image('talos.raw', 3 * 1024 * 1024 + 17, 'RK1LAB-IMAGE distro=talos\n')
    const size = (await stat(file)).size
    const started = await start(bmc, token, `node=2&file=talos.raw&length=${size}`)
    expect(started.res.status).toBe(200)
    expect(started.res.headers['content-type']).toBe('text/plain; charset=utf-8')
    expect(started.res.body).toMatch(/^\{"handle":\d+\}$/)
    const up = await upload(bmc, token, started.handle, file)
    expect(up.status).toBe(200)
    expect(up.body).toBe('')
    const states = await poll(bmc, token)
    expect(states[states.length - 1]).toMatch(
      new RegExp(`^\\{"Done":\\[\\{"secs":\\d+,"nanos":\\d+\\},${size}\\]\\}$`)
    )
    const node = bmc.node(3)
    expect((await readFile(node.emmc.path)).equals(await readFile(file))).toBe(true)
    expect(node.emmc).toMatchObject({ bytesWritten: size, flashedFileName: 'talos.raw' })
    expect(node.emmc.sha256).toBe(sha256(await readFile(file)))
    expect(node).toMatchObject({ power: false, powered: false, usbBoot: false })

    // Powered on, the node boots what was flashed: Talos maintenance mode on its console.
    await curl(`${bmc.url}/api/bmc?opt=set&type=power&node3=1`, { token })
    let uart = ''
    for (let i = 0; i < 400 && !uart.includes('--cert-fingerprint'); i++) {
      await new Promise((r) => setTimeout(r, 5))
      uart = (await curl(`${bmc.url}/api/bmc?opt=get&type=uart&node=2`, { token })).body
    }
    expect(uart).toContain('this machine is reachable at:')
    expect(uart).toContain('server certificate issued')
    expect(uart).toContain('upload configuration using talosctl:')
    await curl(`${bmc.url}/api/bmc?opt=set&type=power&node3=0`, { token })
  })

  it('decompresses .xz uploads with the real xz and counts decompressed bytes', async () => {
    const raw = await image('armbian.img', 2 * 1024 * 1024, 'RK1LAB-IMAGE distro=armbian\n')
    execFileSync('xz', ['-k', '-T1', '-0', raw])
    const xz = `${raw}.xz`
    const size = (await stat(xz)).size
    const digest = sha256(await readFile(xz))
    const started = await start(
      bmc,
      token,
      `node=0&file=armbian.img.xz&length=${size}&sha256=${digest}`
    )
    expect((await upload(bmc, token, started.handle, xz)).status).toBe(200)
    const states = await poll(bmc, token)
    expect(states[states.length - 1]).toMatch(new RegExp(`,${size}\\]\\}$`))
    const node = bmc.node(1)
    expect((await readFile(node.emmc.path)).equals(await readFile(raw))).toBe(true)
    expect(node.emmc.bytesWritten).toBe(2 * 1024 * 1024)
  })

  it('checks sha256 over the uploaded stream and fails after writing on a mismatch', async () => {
    const file = await image('bad-sha.img', 256 * 1024)
    const wrong = sha256(Buffer.from('something else'))
    const started = await start(bmc, token, `node=0&file=bad-sha.img&length=262144&sha256=${wrong}`)
    expect((await upload(bmc, token, started.handle, file)).status).toBe(200)
    const states = await poll(bmc, token)
    const got = sha256(await readFile(file))
    expect(states[states.length - 1]).toBe(
      JSON.stringify({ Error: `sha256 checksum failed. Expected: ${wrong}, got: ${got}` })
    )
    const bad = await start(bmc, token, 'node=0&file=x.img&length=1&sha256=zz')
    expect(bad.res.status).toBe(500)
    expect(bad.res.body).toBe(
      "`sha256` parameter contains invalid hex values: Invalid character 'z' at position 0"
    )
  })

  it('answers start and upload errors with 500 text/plain and bmcd texts', async () => {
    const cases: Array<[string, string]> = [
      ['file=a.img&length=1', 'Missing `node` parameter'],
      ['node=0&length=1', 'Invalid `file` query parameter'],
      ['node=0&file=a.img', 'Invalid `length` query parameter'],
      ['node=0&file=a.img&length=abc', '`length` parameter is not a number']
    ]
    for (const [query, text] of cases) {
      const { res } = await start(bmc, token, query)
      expect({
        query,
        status: res.status,
        type: res.headers['content-type'],
        body: res.body
      }).toEqual({
        query,
        status: 500,
        type: 'text/plain; charset=utf-8',
        body: text
      })
    }
    const file = await image('small.img', 4096)
    const notNow = await upload(bmc, token, 1, file)
    expect(notNow.status).toBe(500)
    expect(notNow.body).toMatch(
      /^cannot execute command in current state\. current=(Done|Error|Ready), expected=Transferring$/
    )

    const started = await start(bmc, token, 'node=3&file=small.img&length=4096')
    const wrong = await upload(bmc, token, (started.handle ^ 1) >>> 0, file)
    expect(wrong.body).toBe('unauthorized request for handle')
    expect(
      (await curl(`${bmc.url}/api/bmc/upload/nope`, { token, form: [`file=@${file}`] })).status
    ).toBe(404)
    expect((await upload(bmc, token, started.handle, file)).status).toBe(200)
    await poll(bmc, token)
  })

  it('cancels a short upload with "missing … bytes" and a cancelled state', async () => {
    const file = await image('short.img', 10_000)
    const started = await start(bmc, token, 'node=1&file=short.img&length=11000')
    const up = await upload(bmc, token, started.handle, file)
    expect(up.status).toBe(500)
    expect(up.body).toBe('missing 1 kB bytes')
    expect((await poll(bmc, token)).pop()).toBe('{"Error":"cancelled by user"}')
    // The cancelled worker cleans up after the state changed, as in bmcd.
    for (let i = 0; i < 500 && bmc.node(2).power; i++) await new Promise((r) => setTimeout(r, 2))
    expect(bmc.node(2)).toMatchObject({ power: false, usbBoot: false })
  })

  it('rejects a body that is not multipart', async () => {
    const started = await start(bmc, token, 'node=1&file=x.img&length=5')
    const res = await curl(`${bmc.url}/api/bmc/upload/${started.handle}`, {
      token,
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream' },
      data: 'hello'
    })
    expect(res.status).toBe(500)
    expect(res.body).toBe('Multipart form invalid')
    await poll(bmc, token)
  })

  it('cancels through /upload/{any}/cancel', async () => {
    const started = await start(bmc, token, 'node=1&file=x.img&length=5')
    expect(started.res.status).toBe(200)
    const res = await curl(`${bmc.url}/api/bmc/upload/0/cancel`, { token })
    expect(res.status).toBe(200)
    expect(res.body).toBe('')
    expect((await poll(bmc, token)).pop()).toBe('{"Error":"cancelled by user"}')
  })
})

describe('lab BMC emulator: transfer timing rules', () => {
  it('ends in "Send timeout" when the upload does not come in time', async () => {
    const bmc = await startBmcEmulator({ timeScale: 1000, uploadDeadlineMs: 50 })
    try {
      const token = await login(bmc.url)
      const started = await start(bmc, token, 'node=0&file=late.img&length=4096')
      let body = ''
      for (let i = 0; i < 400 && !body.startsWith('{"Error"'); i++) {
        await new Promise((r) => setTimeout(r, 5))
        body = (await curl(`${bmc.url}/api/bmc?opt=get&type=flash`, { token })).body
      }
      expect(body).toBe('{"Error":"Send timeout"}')
      const late = await upload(bmc, token, started.handle, await image('late.img', 4096))
      expect(late.body).toBe(
        'cannot execute command in current state. current=Error, expected=Transferring'
      )
    } finally {
      await bmc.close()
    }
  })

  it('refuses a second upload for the same handle', async () => {
    // A slow read-back keeps the transfer in Transferring after the first upload answered.
    const bmc = await startBmcEmulator({
      timeScale: 10,
      prepDelayMs: 0,
      verifyRateBytesPerSec: 1e5
    })
    try {
      const token = await login(bmc.url)
      const file = await image('twice.img', 1024 * 1024)
      const started = await start(bmc, token, `node=0&file=twice.img&length=${1024 * 1024}`)
      expect((await upload(bmc, token, started.handle, file)).status).toBe(200)
      const again = await upload(bmc, token, started.handle, file)
      expect(again.status).toBe(500)
      expect(again.body).toBe(
        'cannot transfer bytes to worker. This is either because the transfer happens locally, or is already ongoing.'
      )
    } finally {
      await bmc.close()
    }
  })

  it('holds a status poll behind a running upload (global request lock)', async () => {
    // 8 MiB at 4 MB/s simulated, time scale 8: the upload request lasts about a quarter second.
    const bmc = await startBmcEmulator({
      timeScale: 8,
      prepDelayMs: 400,
      verifyRateBytesPerSec: Infinity
    })
    try {
      const token = await login(bmc.url)
      const file = await image('slow.img', 8 * 1024 * 1024)
      const started = await start(
        bmc,
        token,
        `node=0&file=slow.img&length=${8 * 1024 * 1024}&skip_crc`
      )
      const up = upload(bmc, token, started.handle, file)
      for (let i = 0; i < 1000 && bmc.node(1).emmc.bytesWritten === 0; i++) {
        await new Promise((r) => setTimeout(r, 2))
      }
      const status = curl(`${bmc.url}/api/bmc?opt=get&type=flash`, { token })
      const [upRes, statusRes] = await Promise.all([up, status])
      expect(upRes.status).toBe(200)
      // The poll arrived during the upload but was only handled once the upload had answered.
      const uploadEntry = bmc.requestLog.find((e) => e.path.startsWith('/api/bmc/upload/'))!
      const statusEntry = bmc.requestLog.find((e) => e.query === 'opt=get&type=flash')!
      expect(statusEntry.seq).toBeGreaterThan(uploadEntry.seq)
      expect(statusEntry.handledAtMs).toBeGreaterThanOrEqual(uploadEntry.doneAtMs)
      if (statusRes.body.startsWith('{"Transferring"')) {
        const parsed = JSON.parse(statusRes.body) as { Transferring: Record<string, unknown> }
        expect(Object.keys(parsed.Transferring)).toEqual([
          'id',
          'process_name',
          'size',
          'cancelled',
          'bytes_written'
        ])
        expect(parsed.Transferring).toMatchObject({
          id: started.handle,
          process_name: 'Node 1 os install service',
          cancelled: false
        })
      }
      await poll(bmc, token)
    } finally {
      await bmc.close()
    }
  })
})

describe('lab BMC emulator: large uploads stream', () => {
  it('flashes 256 MiB at unthrottled rate without buffering the image', async () => {
    const bmc = await startBmcEmulator({
      timeScale: 1000,
      writeRateBytesPerSec: Infinity,
      verifyRateBytesPerSec: Infinity
    })
    try {
      const token = await login(bmc.url)
      const file = join(dir, 'big.img')
      const size = 256 * 1024 * 1024
      const hash = createHash('sha256')
      const out = createWriteStream(file)
      const block = randomBytes(1024 * 1024)
      for (let i = 0; i < 256; i++) {
        block.writeUInt32LE(i, 0)
        hash.update(block)
        if (!out.write(Buffer.from(block)))
          await new Promise<void>((r) => out.once('drain', () => r()))
      }
      await new Promise<void>((r) => out.end(() => r()))
      const digest = hash.digest('hex')
      global.gc?.()
      const baseline = process.memoryUsage().rss
      let peak = baseline
      const sampler = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().rss)
      }, 5)
      try {
        const started = await start(
          bmc,
          token,
          `node=3&file=big.img&length=${size}&sha256=${digest}`
        )
        expect((await upload(bmc, token, started.handle, file)).status).toBe(200)
        expect((await poll(bmc, token)).pop()).toMatch(/^\{"Done"/)
      } finally {
        clearInterval(sampler)
      }
      expect(bmc.node(4).emmc).toMatchObject({ bytesWritten: size, sha256: digest })
      // The image is 256 MiB; streaming keeps the emulator's growth far below that.
      expect(peak - baseline).toBeLessThan(100 * 1024 * 1024)
    } finally {
      await bmc.close()
    }
  })
})

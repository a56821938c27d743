/**
 * The lab BMC emulator driven by the real curl, the way tpi and the web UI talk to bmcd:
 * authentication (§2), the dispatcher (§3, §4) and the UART rings (§4.6).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { startBmcEmulator, type BmcEmulator } from '../../src/lab/bmc/emulator'
import { curl, login } from '../helpers/curl'

const REALM = 'Access to Baseboard Management Controller'

describe('lab BMC emulator: auth and dispatcher over curl', () => {
  let bmc: BmcEmulator
  let token: string
  const api = (query: string): string => `${bmc.url}/api/bmc?${query}`

  beforeAll(async () => {
    bmc = await startBmcEmulator({
      timeScale: 1000,
      bootLog: (slot) => ({
        lines: [
          { atMs: 10, text: `node${slot} kernel line\r\n` },
          { atMs: 20, text: 'ubuntu login: ' }
        ]
      })
    })
    token = await login(bmc.url)
  })
  afterAll(() => bmc.close())

  it('logs in with a 64-character token in the body id and the X-Auth-Token header', async () => {
    const res = await curl(`${bmc.url}/api/bmc/authenticate`, {
      method: 'POST',
      data: '{"username":"root","password":"turing","extra":1}'
    })
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toBeUndefined()
    const body = JSON.parse(res.body) as Record<string, string>
    expect(Object.keys(body)).toEqual(['id', 'name', 'description', 'username'])
    expect(body.id).toMatch(/^[A-Za-z0-9]{64}$/)
    expect(res.headers['x-auth-token']).toBe(body.id)
    expect(body).toMatchObject({
      name: 'User Session',
      description: 'User Session',
      username: 'root'
    })
  })

  it('answers login failures with 403 plain text and no challenge', async () => {
    const wrong = await curl(`${bmc.url}/api/bmc/authenticate`, {
      method: 'POST',
      data: '{"username":"root","password":"nope"}',
      fromAddress: '127.0.0.3'
    })
    expect(wrong.status).toBe(403)
    expect(wrong.body).toBe('credentials incorrect')
    expect(wrong.headers['www-authenticate']).toBeUndefined()
    expect(wrong.headers['content-type']).toBe('text/plain; charset=utf-8')
    const garbage = await curl(`${bmc.url}/api/bmc/authenticate`, { method: 'POST', data: 'x' })
    expect(garbage.status).toBe(403)
    expect(garbage.body).toMatch(/^error trying to parse credentials: /)
  })

  it('rejects requests without a valid Authorization header with the exact 401s', async () => {
    const none = await curl(api('opt=get&type=power'))
    expect(none.status).toBe(401)
    expect(none.headers['www-authenticate']).toBe(`Basic realm="${REALM}"`)
    expect(none.body).toBe('no authorization header provided')

    const lower = await curl(api('opt=get&type=power'), { authorization: `bearer ${token}` })
    expect(lower.status).toBe(401)
    expect(lower.headers['www-authenticate']).toBe(`realm="${REALM}"`)
    expect(lower.body).toBe('bearer authentication not supported')

    const noSpace = await curl(api('opt=get&type=power'), { authorization: 'Bearer' })
    expect(noSpace.status).toBe(401)
    expect(noSpace.body).toMatch(/^cannot parse authorization header: /)
  })

  it('accepts Basic credentials on every call', async () => {
    const res = await curl(api('opt=get&type=power'), { basic: 'root:turing' })
    expect(res.status).toBe(200)
    const bad = await curl(api('opt=get&type=power'), {
      basic: 'root:wrong',
      fromAddress: '127.0.0.4'
    })
    expect(bad.status).toBe(401)
    expect(bad.headers['www-authenticate']).toBe(`Basic realm="${REALM}"`)
    expect(bad.body).toBe('credentials incorrect')
  })

  it('bans a peer after 5 unknown tokens, and only that peer', async () => {
    const peer = '127.0.0.2'
    const bodies: string[] = []
    for (let i = 0; i < 5; i++) {
      const res = await curl(api('opt=get&type=power'), { token: `stale${i}`, fromAddress: peer })
      expect(res.status).toBe(401)
      bodies.push(res.body)
      if (i === 0) {
        expect(res.headers['www-authenticate']).toBe(
          `Bearer realm="${REALM}" error="invalid_token" error_description="token stale0 is not registered"`
        )
      }
    }
    expect(bodies.slice(0, 4)).toEqual([0, 1, 2, 3].map((i) => `token stale${i} is not registered`))
    expect(bodies[4]).toBe('Exceeded allowed authentication attempts. Access blocked for 1m')
    // While banned even a valid token fails, and so does a correct login.
    const valid = await curl(api('opt=get&type=power'), { token, fromAddress: peer })
    expect(valid.status).toBe(401)
    expect(valid.body).toMatch(/^Exceeded allowed authentication attempts/)
    const relogin = await curl(`${bmc.url}/api/bmc/authenticate`, {
      method: 'POST',
      data: '{"username":"root","password":"turing"}',
      fromAddress: peer
    })
    expect(relogin.status).toBe(403)
    expect(relogin.body).toMatch(/^Exceeded allowed authentication attempts/)
    // Other peers are not affected.
    expect((await curl(api('opt=get&type=power'), { token })).status).toBe(200)
  })

  it('switches power with node1..node4 keys and reports string bits', async () => {
    expect((await curl(api('opt=set&type=power&node1=1&node3=1'), { token })).body).toBe(
      '{"response":[{"result":"ok"}]}'
    )
    const get = await curl(api('opt=get&type=power'), { token })
    expect(get.headers['content-type']).toBe('application/json')
    expect(get.body).toBe(
      '{"response":[{"result":[{"node1":"1","node2":"0","node3":"1","node4":"0"}]}]}'
    )
    expect(bmc.node(1)).toMatchObject({ power: true, powered: true, mode: 'os' })
    await curl(api('opt=set&type=power&node1=0&node3=0'), { token })
    expect(bmc.node(3)).toMatchObject({ power: false, powered: false })
    const bad = await curl(api('opt=set&type=power&node2=on'), { token })
    expect(bad.status).toBe(400)
    expect(bad.body).toBe('{"response":[{"result":"Invalid value `on` for parameter `node2`"}]}')
    const none = await curl(api('opt=set&type=power'), { token })
    expect(none.status).toBe(500)
    expect(none.body).toMatch(/Failed to set power state: Condition failed/)
  })

  it('reports dispatcher errors with the envelope and bmcd texts', async () => {
    const cases: Array<[string, number, string]> = [
      ['type=power', 400, 'Missing `opt` parameter'],
      ['opt=get', 400, 'Missing `type` parameter'],
      ['opt=get&type=bogus', 400, 'Invalid `type` parameter bogus'],
      ['opt=get&type=reset', 400, 'Invalid `type` parameter reset'],
      ['opt=set&type=reset', 400, 'Missing `node` parameter'],
      ['opt=set&type=reset&node=x', 400, 'Parameter `node` is not a number'],
      ['opt=set&type=reset&node=4', 400, 'Parameter `node` is out of range 0..3 of node IDs'],
      ['opt=set&type=usb&node=0', 400, 'Missing `mode` parameter'],
      ['opt=set&type=sdcard', 501, 'not implemented']
    ]
    for (const [query, status, text] of cases) {
      const res = await curl(api(query), { token })
      expect({ query, status: res.status, body: res.body }).toEqual({
        query,
        status,
        body: JSON.stringify({ response: [{ result: text }] })
      })
    }
    const post = await curl(api('opt=get&type=power'), { token, method: 'POST', data: '' })
    expect(post.status).toBe(405)
    expect(post.body).toBe('')
  })

  it('handles usb modes: host refused on v2.5, flash raises usbboot, 3 and 7 drop the connection', async () => {
    const host = await curl(api('opt=set&type=usb&node=1&mode=0'), { token })
    expect(host.status).toBe(500)
    expect(host.body).toContain('Selecting one of the nodes as USB Host role is not supported')
    await curl(api('opt=set&type=usb&node=1&mode=6'), { token })
    expect(bmc.node(2).usbBoot).toBe(true)
    const get = await curl(api('opt=get&type=usb'), { token })
    expect(get.body).toBe(
      '{"response":[{"result":[{"bus_type":"Usb hub","mode":"Flash","node":"Node 2","route":"Bmc"}]}]}'
    )
    await curl(api('opt=set&type=usb&node=0&mode=1'), { token })
    expect(bmc.node(2).usbBoot).toBe(false)
    for (const mode of [3, 7]) {
      const panic = await curl(api(`opt=set&type=usb&node=0&mode=${mode}`), { token })
      expect(panic.exitCode).toBe(52)
      expect(panic.status).toBe(0)
    }
    expect((await curl(api('opt=get&type=usb_node1'), { token })).body).toBe(
      '{"response":[{"result":false}]}'
    )
  })

  it('keeps the UART ring across reads, echoes writes, and fills it with the boot log', async () => {
    await curl(api('opt=set&type=power&node2=1'), { token })
    let text = ''
    for (let i = 0; i < 200 && !text.endsWith('login: '); i++) {
      await new Promise((r) => setTimeout(r, 10))
      text = bmc.node(2).uart
    }
    const first = await curl(api('opt=get&type=uart&node=1'), { token })
    expect(first.body).toBe(
      JSON.stringify({ response: [{ uart: 'node2 kernel line\r\nubuntu login: ' }] })
    )
    const again = await curl(api('opt=get&type=uart&node=1'), { token })
    expect(again.body).toBe(first.body)
    expect((await curl(api('opt=set&type=uart&node=1&cmd=uname%20-a'), { token })).status).toBe(200)
    expect(bmc.node(2).uart.endsWith('ubuntu login: uname -a\r\n')).toBe(true)
    const utf16 = await curl(api('opt=get&type=uart&node=1&encoding=utf16'), { token })
    expect(utf16.status).toBe(200)
    const bad = await curl(api('opt=get&type=uart&node=1&encoding=latin1'), { token })
    expect(bad.status).toBe(400)
    await curl(api('opt=set&type=power&node2=0'), { token })
  })

  it('serves about, other, info, sdcard, nodeinfo, cooling and node_info', async () => {
    const about = JSON.parse((await curl(api('opt=get&type=about'), { token })).body)
    expect(Object.keys(about.response[0].result)).toEqual([
      'api',
      'board_model',
      'board_revision',
      'build_version',
      'buildroot',
      'buildtime',
      'hostname',
      'version'
    ])
    expect(about.response[0].result).toMatchObject({ api: '1.1', version: '2.3.4' })
    const other = JSON.parse((await curl(api('opt=get&type=other'), { token })).body)
    expect(other.response[0].result[0]).toMatchObject({ ip: 'Unknown', version: '2.3.4' })
    expect(other.response[0].result[0].buildroot).toBe('"Buildroot 2024.05.1"')
    const info = JSON.parse((await curl(api('opt=get&type=info'), { token })).body)
    expect(info.response[0].result.ip[0]).toMatchObject({ device: 'br0', ip: '127.0.0.1' })
    const sd = JSON.parse((await curl(api('opt=get&type=sdcard'), { token })).body)
    expect(Object.keys(sd.response[0].result[0])).toEqual(['free', 'total', 'use'])
    expect((await curl(api('opt=get&type=nodeinfo'), { token })).body).toBe(
      '{"response":[{"result":[{"node1":0,"node2":0,"node3":0,"node4":0}]}]}'
    )
    expect((await curl(api('opt=get&type=cooling'), { token })).body).toBe(
      '{"response":[{"result":[{"device":"system fan","speed":2,"max_speed":4}]}]}'
    )
    const fan = await curl(api('opt=set&type=cooling&device=system%20fan&speed=9'), { token })
    expect(fan.status).toBe(500)
    expect(JSON.parse(fan.body).response[0].result).toBe(
      "Failed to set Cooling state: given speed '9' exceeds maximum speed of '4'"
    )

    const set = await curl(api('opt=set&type=node_info'), {
      token,
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      data: '{"Node1":{"name":"cp1","module_name":"RK1"},"Node3":{"uart_baud":115200}}'
    })
    expect(set.status).toBe(200)
    expect(set.body).toBe('')
    const nodes = JSON.parse((await curl(api('opt=get&type=node_info'), { token })).body)
    expect(nodes.response[0].result[0]).toEqual({
      name: 'cp1',
      module_name: 'RK1',
      power_on_time: null,
      uart_baud: null
    })
    expect(nodes.response[0].result[2].uart_baud).toBe(115200)
    const wrongType = await curl(api('opt=set&type=node_info'), {
      token,
      method: 'POST',
      data: '{}'
    })
    expect(wrongType.status).toBe(400)
  })

  it('logs requests without passwords or tokens', async () => {
    await curl(api('opt=set&type=uart&node=0&cmd=secret-password'), { token })
    const text = JSON.stringify(bmc.requestLog)
    expect(text).not.toContain(token)
    expect(text).not.toContain('turing')
    expect(text).not.toContain('secret-password')
    const last = bmc.requestLog[bmc.requestLog.length - 1]!
    expect(last).toMatchObject({ method: 'GET', path: '/api/bmc', status: 200, authKind: 'bearer' })
    expect(last.query).toBe('opt=set&type=uart&node=0&cmd=[redacted]')
  })
})

describe('lab BMC emulator: firmware profiles', () => {
  it('serves the 2.0.5 and 2.3.7 payload variants', async () => {
    const old = await startBmcEmulator({ firmware: '2.0.5', board: 'v2.4' })
    const head = await startBmcEmulator({ firmware: '2.3.7' })
    try {
      const get = async (b: BmcEmulator, type: string): Promise<string> =>
        (await curl(`${b.url}/api/bmc?opt=get&type=${type}`, { basic: 'root:turing' })).body
      expect(JSON.parse(await get(old, 'about')).response[0].result).toEqual({
        api: '1.1',
        build_version: '2.0.5',
        buildroot: 'Buildroot 2023.02.4',
        buildtime: expect.any(String),
        version: '2.0.5'
      })
      expect(await get(old, 'usb')).toBe(
        '{"response":[{"result":[{"mode":"Device","node":"Node 1","route":"UsbA"}]}]}'
      )
      // bmcd 2.0.x drains the UART buffer on every read.
      old.writeConsole(1, 'boot text\r\n')
      expect(JSON.parse(await get(old, 'uart&node=0')).response[0].uart).toBe('boot text\r\n')
      expect(JSON.parse(await get(old, 'uart&node=0')).response[0].uart).toBe('')
      expect(await get(old, 'node_info')).toBe(
        '{"response":[{"result":"Invalid `type` parameter node_info"}]}'
      )
      const about = JSON.parse(await get(head, 'about')).response[0].result
      expect(about.bmcd_version).toBe('2.3.7')
      expect(about.build_version).toBeUndefined()
      expect(await get(head, 'flash')).toBe('"Ready"')
    } finally {
      await Promise.all([old.close(), head.close()])
    }
  })

  it('goes down on reload and comes back without the old tokens', async () => {
    const b = await startBmcEmulator({ reloadDowntimeMs: 400 })
    try {
      const token = await login(b.url)
      const api = `${b.url}/api/bmc?opt=get&type=power`
      b.writeConsole(2, 'lost on restart\r\n')
      expect(b.node(2).uart).toBe('lost on restart\r\n')
      const reload = await curl(`${b.url}/api/bmc?opt=set&type=reload`, { token })
      expect(reload.body).toBe('{"response":[{"result":"ok"}]}')
      await until(() => !b.daemonUp)
      const down = await curl(api, { token })
      expect(down.exitCode).toBe(7)
      await until(() => b.daemonUp)
      const after = await curl(api, { token })
      expect(after.status).toBe(401)
      expect(after.body).toBe(`token ${token} is not registered`)
      expect(b.node(2).uart).toBe('')
      expect((await curl(api, { token: await login(b.url) })).status).toBe(200)
    } finally {
      await b.close()
    }
  })

  it('lets loopback peers skip authentication when asked to', async () => {
    const open = await startBmcEmulator({ loopbackBypass: true })
    try {
      const res = await curl(`${open.url}/api/bmc?opt=get&type=power`)
      expect(res.status).toBe(200)
      expect(open.requestLog[0]!.authKind).toBe('bypass')
    } finally {
      await open.close()
    }
  })
})

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !condition(); i++) await new Promise((r) => setTimeout(r, 5))
  expect(condition()).toBe(true)
}

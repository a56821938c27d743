import { describe, expect, it } from '@jest/globals'
import { AuthService, banDurationMs, newToken, parseCredentials } from '../../src/lab/bmc/auth'
import { humanDuration } from '../../src/lab/bmc/format'

function service(
  now: { t: number },
  overrides: Partial<ConstructorParameters<typeof AuthService>[0]> = {}
) {
  return new AuthService({
    users: { root: 'turing' },
    tokenTtlMs: 3 * 3600_000,
    banThreshold: 5,
    banBaseMs: 60_000,
    now: () => now.t,
    ...overrides
  })
}

const login = (a: AuthService, peer: string, password = 'turing') =>
  a.login(peer, JSON.stringify({ username: 'root', password }))

describe('ban arithmetic', () => {
  it('bans for 60 s at the threshold and doubles per failure up to ×1024', () => {
    expect(banDurationMs(5, 5, 60_000)).toBe(60_000)
    expect(banDurationMs(6, 5, 60_000)).toBe(120_000)
    expect(banDurationMs(8, 5, 60_000)).toBe(480_000)
    expect(banDurationMs(15, 5, 60_000)).toBe(1024 * 60_000)
    expect(banDurationMs(40, 5, 60_000)).toBe(1024 * 60_000)
  })

  it('formats durations like humantime', () => {
    expect(humanDuration(60_000)).toBe('1m')
    expect(humanDuration(59_998.012)).toBe('59s 998ms 12us')
    expect(humanDuration(3 * 3600_000 + 1)).toBe('3h 1ms')
    expect(humanDuration(0)).toBe('0s')
    expect(humanDuration(2 * 86_400_000)).toBe('2days')
  })
})

describe('AuthService', () => {
  it('issues 64-character alphanumeric tokens', () => {
    for (let i = 0; i < 20; i++) expect(newToken()).toMatch(/^[A-Za-z0-9]{64}$/)
  })

  it('slides the token lifetime on use and expires idle tokens without counting a failure', () => {
    const now = { t: 0 }
    const a = service(now, { tokenTtlMs: 1000 })
    const res = login(a, 'p')
    if (!res.ok) throw new Error('login failed')
    now.t = 900
    expect(a.authorize('p', `Bearer ${res.token}`).ok).toBe(true)
    now.t = 1800
    expect(a.authorize('p', `Bearer ${res.token}`).ok).toBe(true)
    now.t = 2900
    const expired = a.authorize('p', `Bearer ${res.token}`)
    expect(expired).toMatchObject({ ok: false, body: 'token expired 1s 100ms ago' })
    expect(a.failures('p')).toBe(0)
    // The deleted token is now unknown, and that counts.
    expect(a.authorize('p', `Bearer ${res.token}`)).toMatchObject({
      ok: false,
      body: `token ${res.token} is not registered`
    })
    expect(a.failures('p')).toBe(1)
  })

  it('counts unknown tokens, wrong logins and wrong Basic per peer; success resets', () => {
    const now = { t: 0 }
    const a = service(now)
    a.authorize('p', 'Bearer nope')
    login(a, 'p', 'bad')
    a.authorize('p', `Basic ${Buffer.from('root:bad').toString('base64')}`)
    expect(a.failures('p')).toBe(3)
    expect(a.failures('q')).toBe(0)
    // Not counted: parse errors, missing header, unsupported scheme.
    a.authorize('p', undefined)
    a.authorize('p', 'Basic !!!')
    a.authorize('p', 'Digest x')
    login(a, 'p')
    expect(a.failures('p')).toBe(0)
  })

  it('bans at the 5th failure, blocks everything while banned, and doubles after expiry', () => {
    const now = { t: 0 }
    const a = service(now)
    const good = login(a, 'p')
    if (!good.ok) throw new Error('login failed')
    for (let i = 1; i <= 4; i++) expect(a.authorize('p', 'Bearer x').ok).toBe(false)
    expect(a.banRemainingMs('p')).toBe(0)
    const fifth = a.authorize('p', 'Bearer x')
    expect(fifth).toMatchObject({
      ok: false,
      body: 'Exceeded allowed authentication attempts. Access blocked for 1m'
    })
    now.t = 1
    expect(a.authorize('p', `Bearer ${good.token}`)).toMatchObject({
      ok: false,
      body: 'Exceeded allowed authentication attempts. Access blocked for 59s 999ms'
    })
    expect(login(a, 'p')).toMatchObject({ ok: false, status: 403 })
    expect(a.failures('p')).toBe(5)
    now.t = 60_001
    // The counter never decays: one more failure bans again, twice as long.
    expect(a.authorize('p', 'Bearer x')).toMatchObject({
      body: 'Exceeded allowed authentication attempts. Access blocked for 2m'
    })
    now.t = 60_001 + 120_000
    expect(a.authorize('p', `Bearer ${good.token}`).ok).toBe(true)
    expect(a.failures('p')).toBe(0)
  })

  it('rejects a lower-case scheme and headers without a space', () => {
    const a = service({ t: 0 })
    expect(a.authorize('p', 'bearer abc')).toMatchObject({
      ok: false,
      body: 'bearer authentication not supported',
      wwwAuthenticate: 'realm="Access to Baseboard Management Controller"'
    })
    expect(a.authorize('p', 'Bearer')).toMatchObject({ ok: false })
    expect(
      a.authorize('p', `Basic ${Buffer.from('root:turing').toString('base64')}`)
    ).toMatchObject({
      ok: true,
      kind: 'basic',
      user: 'root'
    })
  })

  it('parses login bodies like serde', () => {
    expect(parseCredentials('')).toMatch(/^EOF while parsing a value/)
    expect(parseCredentials('{"username":"root"}')).toMatch(/^missing field `password`/)
    expect(parseCredentials('{"username":"root","password":"x","more":1}')).toEqual({
      username: 'root',
      password: 'x'
    })
  })
})

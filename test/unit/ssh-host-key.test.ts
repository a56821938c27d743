import { describe, expect, it } from '@jest/globals'
import {
  HostKeyCheck,
  fingerprintOf,
  learnedFingerprint,
  normalizeFingerprint,
  type HostKeyPolicy
} from '../../src/node-access/host-key'
import { SshHostKeyError } from '../../src/node-access/ssh-errors'

// A public key and the fingerprint `ssh-keygen -lf` printed for it.
const BLOB = Buffer.from(
  'AAAAC3NzaC1lZDI1NTE5AAAAIGUd+MslCNjWjnDrBh+z8fbkelVw/ha5B7iQjwuDiE84',
  'base64'
)
const FP = 'SHA256:DNrM+XlbXACJCDUpzd/yrXD2adElc8jdDYewT4qLvHk'
const OTHER = Buffer.from('another key blob')
const where = { host: '127.0.0.1', port: 22, node: 2 }

describe('fingerprints', () => {
  it('match what OpenSSH prints', () => {
    expect(fingerprintOf(BLOB)).toBe(FP)
  })

  it('normalise the usual spellings and reject others', () => {
    const raw = FP.slice('SHA256:'.length)
    expect(normalizeFingerprint(raw)).toBe(FP)
    expect(normalizeFingerprint(`${raw}=`)).toBe(FP)
    expect(normalizeFingerprint(` sha256:${raw} `)).toBe(FP)
    expect(normalizeFingerprint('MD5:ab:cd')).toBeUndefined()
    expect(normalizeFingerprint('')).toBeUndefined()
  })
})

describe('HostKeyCheck', () => {
  it('pin: accepts listed keys in any spelling, rejects others with both fingerprints', () => {
    const policy: HostKeyPolicy = {
      mode: 'pin',
      fingerprints: ['SHA256:' + 'A'.repeat(43), FP.slice(7)]
    }
    expect(new HostKeyCheck(policy, where).verify(BLOB)).toBe(true)

    const check = new HostKeyCheck({ mode: 'pin', fingerprints: [FP] }, where)
    expect(check.verify(OTHER)).toBe(false)
    expect(check.rejection).toBeInstanceOf(SshHostKeyError)
    expect(check.rejection?.expected).toEqual([FP])
    expect(check.rejection?.seen).toBe(fingerprintOf(OTHER))
    expect(check.rejection?.node).toBe(2)
    expect(check.rejection?.evidence).toContain(FP)
  })

  it('pin: refuses an empty or malformed pin list before connecting', () => {
    expect(() => new HostKeyCheck({ mode: 'pin', fingerprints: [] }, where)).toThrow(
      SshHostKeyError
    )
    expect(() => new HostKeyCheck({ mode: 'pin', fingerprints: ['nope'] }, where)).toThrow(
      /Invalid host key pin/
    )
  })

  it('learn-once: learns only after the handshake, then rejects other keys', () => {
    const policy: HostKeyPolicy = { mode: 'learn-once' }
    const first = new HostKeyCheck(policy, where)
    expect(first.verify(BLOB)).toBe(true)
    // Not pinned until the handshake proved the server owns the key.
    expect(learnedFingerprint(policy)).toBeUndefined()
    first.commit()
    expect(learnedFingerprint(policy)).toBe(FP)

    const later = new HostKeyCheck(policy, where)
    expect(later.verify(OTHER)).toBe(false)
    expect(later.rejection?.advice).toMatch(/new learn-once policy/)
    expect(new HostKeyCheck(policy, where).verify(BLOB)).toBe(true)

    // A separate policy object (a new flash) learns on its own.
    expect(new HostKeyCheck({ mode: 'learn-once' }, where).verify(OTHER)).toBe(true)
  })

  it('learn-once: of two parallel connections with different keys, the second is refused', () => {
    const policy: HostKeyPolicy = { mode: 'learn-once' }
    const a = new HostKeyCheck(policy, where)
    const b = new HostKeyCheck(policy, where)
    expect(a.verify(BLOB)).toBe(true)
    expect(b.verify(OTHER)).toBe(true)
    a.commit()
    expect(a.confirm()).toBeUndefined()
    b.commit()
    expect(b.confirm()).toBeInstanceOf(SshHostKeyError)
    expect(learnedFingerprint(policy)).toBe(FP)
  })
})

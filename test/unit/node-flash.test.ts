import { describe, expect, it } from '@jest/globals'
import {
  choosePath,
  parseTalosMemAvailable,
  SharedUplink,
  type NodeFacts
} from '../../src/node-flash'
import { PhaseTracker, exitTouched } from '../../src/node-flash/progress'
import { EXIT } from '../../src/node-flash/node-script'

const need = { bytes: 1_300_000_000, marginBytes: 512 * 2 ** 20 }
const ours: NodeFacts = {
  slot: 1,
  os: 'armbian',
  ownedBecause: 'our SSH key is accepted',
  memAvailableBytes: 14 * 2 ** 30
}

describe('choosePath', () => {
  it('takes the node path for a healthy node of this cluster with the RAM for the image', () => {
    const c = choosePath('auto', ours, need)
    expect(c.path).toBe('node')
    expect(c.reason).toMatch(/our SSH key is accepted/)
    expect(c.reason).toMatch(/over SSH/)
    expect(choosePath('auto', { ...ours, os: 'talos' }, need).reason).toMatch(/privileged Job/)
  })

  it('sends unknown, foreign, unhealthy and short-of-RAM nodes to the BMC, saying why', () => {
    expect(choosePath('auto', { slot: 1, os: 'none' }, need)).toMatchObject({
      path: 'bmc',
      reason: 'no running OS answers'
    })
    const foreign = { slot: 1, os: 'talos' as const, notOwnedBecause: 'another cluster’s CA' }
    expect(choosePath('auto', foreign, need).reason).toMatch(/not provably .*another cluster/)
    expect(choosePath('auto', { ...ours, unhealthyBecause: 'k3s failed' }, need).reason).toBe(
      'unhealthy: k3s failed'
    )
    const low = choosePath('auto', { ...ours, memAvailableBytes: 1_000_000_000 }, need)
    expect(low.path).toBe('bmc')
    expect(low.reason).toMatch(/not enough free RAM/)
    expect(low.refused).toBeUndefined()
  })

  it('flash-path bmc always uses the BMC; flash-path node refuses nodes that cannot take it', () => {
    expect(choosePath('bmc', ours, need)).toMatchObject({
      path: 'bmc',
      reason: 'flash-path is bmc'
    })
    expect(choosePath('node', { slot: 2, os: 'none' }, need)).toMatchObject({
      path: 'bmc',
      refused: true
    })
    expect(choosePath('node', ours, need).path).toBe('node')
  })
})

describe('PhaseTracker', () => {
  it('follows the furthest phase across chunk boundaries and knows when the write started', () => {
    const t = new PhaseTracker()
    expect(t.feed('rk1-node-write memory-ok 123\nrk1-node-write rec')).toEqual(['memory-ok'])
    expect(t.writeStarted).toBe(false)
    expect(t.feed('eived 9\nnoise\nrk1-node-write staged abc\n')).toEqual(['received', 'staged'])
    t.feed('rk1-node-write writing\n')
    expect(t.writeStarted).toBe(true)
    t.line('failed 31 read-back mismatch')
    expect(t.failure).toEqual({ code: 31, text: 'read-back mismatch' })
  })

  it('exit codes below the write mean untouched', () => {
    expect(exitTouched(EXIT.checksumMismatch)).toBe(false)
    expect(exitTouched(EXIT.notEnoughMemory)).toBe(false)
    expect(exitTouched(EXIT.verifyMismatch)).toBe(true)
    expect(exitTouched(null)).toBe(false)
  })
})

describe('SharedUplink', () => {
  it('hands out slots so that all streams together keep the rate', async () => {
    const now = 0
    const uplink = new SharedUplink(1000, () => now)
    const slots = uplink as unknown as { nextFree: number }
    // The first chunk goes at once; the next ones queue behind it, 100 ms (100 bytes) each.
    await uplink.take(100)
    expect(slots.nextFree).toBe(100)
    const later = [uplink.take(100), uplink.take(100)]
    expect(slots.nextFree).toBe(300)
    await Promise.all(later)
  })

  it('is a no-op when unpaced', async () => {
    const uplink = new SharedUplink(Infinity)
    await uplink.take(1e12)
  })
})

describe('parseTalosMemAvailable', () => {
  it('reads the AVAILABLE column of `talosctl memory` (MiB) as bytes', () => {
    const out =
      'NODE          TOTAL   USED   FREE    SHARED   BUFFERS   CACHE   AVAILABLE\n' +
      '127.1.2.13    15972   1133   12071   17       54        2713    14336\n'
    expect(parseTalosMemAvailable(out)).toBe(14336 * 2 ** 20)
  })

  it('knows nothing from an error text or a missing column', () => {
    expect(parseTalosMemAvailable('error getting memory stats: rpc error')).toBeUndefined()
    expect(parseTalosMemAvailable('NODE   TOTAL\n127.0.0.1   100\n')).toBeUndefined()
    expect(parseTalosMemAvailable('')).toBeUndefined()
  })
})

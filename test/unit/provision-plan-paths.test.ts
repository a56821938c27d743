import { describe, expect, it } from '@jest/globals'
import {
  estimateFlashMs,
  estimateNodePathMs,
  flashTimingModel,
  pathLine,
  totalEstimate,
  type FlashPlanEntry
} from '../../src/provision/plan'
import { noNodePathReason } from '../../src/provision/talos/talos-plan'

const GB = 1e9
const entry = (slot: number, extra: Partial<FlashPlanEntry> = {}): FlashPlanEntry => ({
  slot,
  hostname: `n${slot}`,
  ip: `127.0.0.${slot}`,
  role: 'worker',
  imageName: 'img.raw',
  uploadBytes: 2 * GB,
  writeBytes: 2 * GB,
  estimatedMs: estimateFlashMs(2 * GB, false),
  ...extra
})

describe('the plan with a path per node', () => {
  it('BMC flashes add up one after another, boots overlapping the next flash', () => {
    const one = estimateFlashMs(2 * GB, false) as number
    expect(totalEstimate([entry(1), entry(2)])).toBe(2 * one - flashTimingModel.bootMs)
  })

  it('nodes that write themselves run alongside the BMC queue: the longest of both counts', () => {
    const own = estimateNodePathMs(entry(1), 100e6, 3) as number
    // 3 nodes share 100 MB/s: 60 s of transfer, 25 s eMMC write, 13.3 s read-back, 60 s boot.
    expect(own).toBeCloseTo((60 + 25 + 2 / 0.15) * 1000 + 60_000, -1)
    const entries = [1, 2, 3].map((s) => entry(s, { path: 'node', estimatedMs: own }))
    const bmc = entry(4, { path: 'bmc' })
    expect(totalEstimate([...entries, bmc])).toBe(Math.max(own, bmc.estimatedMs as number))
    expect(totalEstimate(entries)).toBe(own)
  })

  it('a node refused under flash-path node is not flashed and adds nothing', () => {
    const refused = entry(2, { path: 'bmc', pathRefused: true, estimatedMs: undefined })
    expect(totalEstimate([entry(1), refused])).toBe(entry(1).estimatedMs)
    expect(pathLine({ ...refused, pathReason: 'no running OS answers' })).toBe(
      ' — not flashed: flash-path is node, but no running OS answers'
    )
  })

  it('says the path and why, as the run summary does', () => {
    expect(pathLine(entry(1, { path: 'node', pathReason: 'ours' }))).toBe(
      ' — via its own OS (ours)'
    )
    expect(pathLine(entry(1, { path: 'bmc', pathReason: 'flash-path is bmc' }))).toBe(
      ' — via BMC (flash-path is bmc)'
    )
    expect(pathLine(entry(1))).toBe('')
  })

  it('a Talos run tells why a node cannot write itself', () => {
    expect(noNodePathReason('off')).toBe('no running OS answers')
    expect(noNodePathReason('other-secrets')).toMatch(/^not provably this cluster's/)
    expect(noNodePathReason('foreign-k3s')).toMatch(/^not provably this cluster's/)
    expect(noNodePathReason('ssh-locked')).toMatch(/^not provably this cluster's/)
  })
})

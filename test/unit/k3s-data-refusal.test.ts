// The advice of a refused data disk fits the refusal and never suggests a flag already set.
import { describe, expect, test } from '@jest/globals'
import { dataRefusalAdvice } from '../../src/distro/k3s/operations'

describe('data disk refusal advice', () => {
  test('root disk: the inventory is wrong, no flag helps', () => {
    for (const allow of [true, false]) {
      const advice = dataRefusalAdvice(
        '/dev/mmcblk0 holds the root filesystem; it is never formatted.',
        allow
      )
      expect(advice).toContain('set disks.data to the NVMe')
      expect(advice).not.toContain('allow-format-data: true')
    }
  })

  test('a disk with data: the flag only when it is not set', () => {
    const seen = '/dev/nvme0n1 is not empty (ext4); not formatting it without allow-format-data.'
    expect(dataRefusalAdvice(seen, false)).toContain('set allow-format-data: true')
    expect(dataRefusalAdvice(seen, true)).not.toContain('set allow-format-data')
    expect(
      dataRefusalAdvice('/dev/nvme0n1 has a mounted filesystem; unmount it first.', true)
    ).toMatch(/^Unmount/)
  })
})

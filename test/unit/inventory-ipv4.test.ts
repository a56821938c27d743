import { describe, expect, it } from '@jest/globals'
import { formatIpv4, inRange, parseCidr, parseIpv4, parsePool } from '../../src/inventory'

describe('inventory IPv4 helpers', () => {
  it.each([
    ['10.10.88.73', 0x0a0a5849],
    ['0.0.0.0', 0],
    ['255.255.255.255', 0xffffffff],
    ['10.10.88.256', undefined],
    ['10.10.088.1', undefined],
    ['10.10.88', undefined],
    ['a.b.c.d', undefined]
  ])('parseIpv4(%j) = %j', (text, value) => {
    expect(parseIpv4(text)).toBe(value)
    if (value !== undefined) expect(formatIpv4(value)).toBe(text)
  })

  it('parses CIDRs and refuses host bits', () => {
    expect(parseCidr('10.10.88.0/24')).toEqual({ first: 0x0a0a5800, last: 0x0a0a58ff, prefix: 24 })
    expect(parseCidr('10.10.88.73/32')).toEqual({ first: 0x0a0a5849, last: 0x0a0a5849, prefix: 32 })
    expect(parseCidr('0.0.0.0/0')).toEqual({ first: 0, last: 0xffffffff, prefix: 0 })
    expect(parseCidr('10.10.88.5/24')).toEqual({
      error: 'has host bits set; did you mean 10.10.88.0/24?'
    })
    expect(parseCidr('10.10.88.0/33')).toEqual({ error: 'has a prefix length above 32' })
    expect(parseCidr('10.10.88.0')).toHaveProperty('error')
  })

  it('parses MetalLB pools in both forms', () => {
    const range = parsePool('10.10.88.80-10.10.88.89')
    expect(range).toEqual({ first: 0x0a0a5850, last: 0x0a0a5859 })
    expect(parsePool('10.10.88.80 - 10.10.88.89')).toEqual(range)
    expect(parsePool('10.10.88.80/29')).toEqual({ first: 0x0a0a5850, last: 0x0a0a5857 })
    expect(parsePool('10.10.88.89-10.10.88.80')).toHaveProperty('error')
    expect(parsePool('10.10.88.80')).toHaveProperty('error')
    if (!('error' in range)) {
      expect(inRange(parseIpv4('10.10.88.80')!, range)).toBe(true)
      expect(inRange(parseIpv4('10.10.88.90')!, range)).toBe(false)
    }
  })
})

import { describe, expect, it } from '@jest/globals'
import ssh2 from 'ssh2'
import { generateEd25519KeyPair } from '../../src/node-access/ssh-keygen'

describe('generateEd25519KeyPair', () => {
  it('only hands out keys that ssh2 can parse back (its generator sometimes cannot)', () => {
    // Enough draws that an unchecked generator fails here almost every run (p ≈ 0.4 % per key).
    for (let i = 0; i < 1500; i++) {
      const pair = generateEd25519KeyPair('rk1-test')
      const parsed = ssh2.utils.parseKey(pair.private)
      expect(parsed instanceof Error ? parsed.message : 'ok').toBe('ok')
      expect(pair.public).toMatch(/^ssh-ed25519 \S+ rk1-test$/)
    }
  })
})

import ssh2 from 'ssh2'

/**
 * A new ed25519 key pair in OpenSSH format. ssh2's generator occasionally (about 4 in 1000) emits a
 * private key that its own parser rejects as "Malformed OpenSSH private key"; such a key would fail
 * the first connection much later, so every key is parsed back before it is used.
 */
export function generateEd25519KeyPair(comment?: string): { private: string; public: string } {
  for (let attempt = 0; attempt < 20; attempt++) {
    const pair = ssh2.utils.generateKeyPairSync('ed25519', comment ? { comment } : undefined)
    if (!(ssh2.utils.parseKey(pair.private) instanceof Error)) return pair
  }
  throw new Error('could not generate a usable ed25519 key pair')
}

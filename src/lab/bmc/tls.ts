/**
 * The emulator's self-signed certificate. Real bmcd generates RSA-4096 with `CN=Turing-Pi self
 * signed`; we keep the subject but use ECDSA P-256 so start-up takes milliseconds, and make it once
 * per process so many emulators in one test file share it.
 */
import { createHash, webcrypto } from 'node:crypto'
import { loadX509 } from '../x509'

export interface TlsMaterial {
  certPem: string
  keyPem: string
  /** Hex sha256 over the DER certificate, lower case. */
  fingerprintSha256: string
}

let cached: Promise<TlsMaterial> | undefined

export function labCertificate(): Promise<TlsMaterial> {
  cached ??= generate().catch((error: unknown) => {
    cached = undefined
    throw error
  })
  return cached
}

async function generate(): Promise<TlsMaterial> {
  const x509 = await loadX509()
  const crypto = webcrypto
  const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' }
  const keys = (await crypto.subtle.generateKey(algorithm, true, [
    'sign',
    'verify'
  ])) as webcrypto.CryptoKeyPair
  const now = Date.now()
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: Buffer.from(webcrypto.getRandomValues(new Uint8Array(8)))
      .toString('hex')
      .replace(/^[89a-f]/, '1'),
    name: 'CN=Turing-Pi self signed',
    notBefore: new Date(now - 24 * 3600_000),
    notAfter: new Date(now + 3650 * 24 * 3600_000),
    signingAlgorithm: algorithm,
    keys: keys as Parameters<typeof x509.X509CertificateGenerator.createSelfSigned>[0]['keys'],
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([
        { type: 'dns', value: 'localhost' },
        { type: 'dns', value: 'turingpi.local' },
        { type: 'ip', value: '127.0.0.1' },
        { type: 'ip', value: '::1' }
      ])
    ]
  })
  const pkcs8 = await crypto.subtle.exportKey('pkcs8', keys.privateKey)
  const keyPem = x509.PemConverter.encode(pkcs8, 'PRIVATE KEY')
  const der = Buffer.from(cert.rawData)
  return {
    certPem: cert.toString('pem'),
    keyPem,
    fingerprintSha256: createHash('sha256').update(der).digest('hex')
  }
}

// A throwaway CA and serving certificates for the emulator. ECDSA P-256 through WebCrypto keeps
// generation to a few milliseconds; the CA is made once per process and serving certificates are
// cached by their SAN set, so starting many emulators in one test file stays cheap.
import { webcrypto } from 'node:crypto'
import { isIP } from 'node:net'
import { loadX509, type X509 } from '../x509'

const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' }

export interface TlsMaterial {
  caPem: string
  certPem: string
  keyPem: string
}

interface Ca {
  cert: InstanceType<X509['X509Certificate']>
  keys: webcrypto.CryptoKeyPair
  pem: string
}

let caPromise: Promise<Ca> | undefined
const serving = new Map<string, Promise<TlsMaterial>>()

function serial(): string {
  // Positive (top bit clear) and non-zero: Go rejects negative serial numbers.
  const b = webcrypto.getRandomValues(new Uint8Array(16))
  b[0] = ((b[0] ?? 0) & 0x7f) | 0x01
  return Buffer.from(b).toString('hex')
}

function pem(label: string, der: ArrayBuffer): string {
  const b64 = Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
  return `-----BEGIN ${label}-----\n${b64.trim()}\n-----END ${label}-----\n`
}

async function makeCa(): Promise<Ca> {
  const x509 = await loadX509()
  const keys = (await webcrypto.subtle.generateKey(ALG, true, [
    'sign',
    'verify'
  ])) as webcrypto.CryptoKeyPair
  const now = Date.now()
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: 'CN=rk1-lab-kubernetes-ca, O=rk1-lab (simulated)',
    notBefore: new Date(now - 3600_000),
    notAfter: new Date(now + 3650 * 86400_000),
    keys,
    signingAlgorithm: ALG,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign |
          x509.KeyUsageFlags.cRLSign |
          x509.KeyUsageFlags.digitalSignature,
        true
      ),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey)
    ]
  })
  return { cert, keys, pem: cert.toString('pem') + '\n' }
}

export async function servingCertificate(sans: string[]): Promise<TlsMaterial> {
  const names = [...new Set(sans)].sort()
  const cacheKey = names.join(',')
  let p = serving.get(cacheKey)
  if (!p) {
    p = issue(names)
    serving.set(cacheKey, p)
  }
  return p
}

async function issue(names: string[]): Promise<TlsMaterial> {
  const x509 = await loadX509()
  caPromise ??= makeCa()
  const ca = await caPromise
  const keys = (await webcrypto.subtle.generateKey(ALG, true, [
    'sign',
    'verify'
  ])) as webcrypto.CryptoKeyPair
  const now = Date.now()
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: 'CN=kube-apiserver, O=rk1-lab (simulated)',
    issuer: ca.cert.subject,
    notBefore: new Date(now - 3600_000),
    notAfter: new Date(now + 365 * 86400_000),
    publicKey: keys.publicKey,
    signingKey: ca.keys.privateKey,
    signingAlgorithm: ALG,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment,
        true
      ),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth], false),
      new x509.SubjectAlternativeNameExtension(
        names.map((n) => ({ type: isIP(n) ? ('ip' as const) : ('dns' as const), value: n })),
        false
      ),
      await x509.AuthorityKeyIdentifierExtension.create(ca.keys.publicKey)
    ]
  })
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)
  return { caPem: ca.pem, certPem: cert.toString('pem') + '\n', keyPem: pem('PRIVATE KEY', pkcs8) }
}

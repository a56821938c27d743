/**
 * The lab's Talos PKI: real X.509 CAs and certificates (ECDSA P-256 through @peculiar/x509), keys as
 * SEC1 `EC PRIVATE KEY` PEM like Go's x509.MarshalECPrivateKey. Shared by the lab talosctl
 * (`gen secrets`, talosconfig client certificates) and the lab node (its API certificates).
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  webcrypto,
  X509Certificate,
  type KeyObject
} from 'node:crypto'
import { isIP } from 'node:net'
import { loadX509, type X509 } from '../x509'

const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' }
const DAY = 24 * 3600_000

export interface CertKey {
  crt: string
  key: string
}

export function newKeyPair(): { privateKey: KeyObject; publicKey: KeyObject } {
  return generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
}

export function keyPem(key: KeyObject): string {
  return key.export({ type: 'sec1', format: 'pem' }).toString()
}

/** A fresh EC private key in PEM (the service-account key has no certificate). */
export function newKeyPem(): string {
  return keyPem(newKeyPair().privateKey)
}

function serial(): string {
  const b = webcrypto.getRandomValues(new Uint8Array(16))
  b[0] = ((b[0] ?? 0) & 0x7f) | 0x01
  return Buffer.from(b).toString('hex')
}

async function cryptoKeys(privateKey: KeyObject): Promise<webcrypto.CryptoKeyPair> {
  const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'der' })
  const spki = createPublicKey(privateKey).export({ type: 'spki', format: 'der' })
  const algo = { name: 'ECDSA', namedCurve: 'P-256' }
  return {
    privateKey: await webcrypto.subtle.importKey('pkcs8', pkcs8, algo, true, ['sign']),
    publicKey: await webcrypto.subtle.importKey('spki', spki, algo, true, ['verify'])
  }
}

function dn(cn: string, org?: string): string {
  return org ? `O=${org}, CN=${cn}` : `CN=${cn}`
}

/** A self-signed CA valid for 10 years. */
export async function newCa(cn: string, org?: string): Promise<CertKey> {
  const x509 = await loadX509()
  const pair = newKeyPair()
  const keys = await cryptoKeys(pair.privateKey)
  const now = Date.now()
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: dn(cn, org),
    notBefore: new Date(now - 60_000),
    notAfter: new Date(now + 3650 * DAY),
    signingAlgorithm: ALG,
    keys: keys as never,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.digitalSignature,
        true
      ),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey)
    ]
  })
  return { crt: cert.toString('pem'), key: keyPem(pair.privateKey) }
}

export interface IssueOptions {
  cn: string
  org?: string
  ips?: string[]
  dns?: string[]
  server?: boolean
  client?: boolean
  days?: number
  /** Certify this key instead of a fresh one (the maintenance key is known before its cert). */
  privateKey?: KeyObject
}

/** A leaf certificate signed by `ca` (or self-signed when `ca` is undefined). */
export async function issue(ca: CertKey | undefined, opts: IssueOptions): Promise<CertKey> {
  const x509 = await loadX509()
  const pair = opts.privateKey ?? newKeyPair().privateKey
  const keys = await cryptoKeys(pair)
  const now = Date.now()
  const usages = []
  if (opts.server) usages.push(x509.ExtendedKeyUsage.serverAuth)
  if (opts.client) usages.push(x509.ExtendedKeyUsage.clientAuth)
  const names = [
    ...(opts.dns ?? []).map((value) => ({ type: 'dns' as const, value })),
    ...(opts.ips ?? []).filter((ip) => isIP(ip)).map((value) => ({ type: 'ip' as const, value }))
  ]
  const extensions = [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
    new x509.ExtendedKeyUsageExtension(usages),
    ...(names.length ? [new x509.SubjectAlternativeNameExtension(names)] : [])
  ]
  const base = {
    serialNumber: serial(),
    notBefore: new Date(now - 60_000),
    notAfter: new Date(now + (opts.days ?? 365) * DAY),
    signingAlgorithm: ALG,
    extensions
  }
  let cert: InstanceType<X509['X509Certificate']>
  if (ca) {
    const caCert = new x509.X509Certificate(ca.crt)
    const caKeys = await cryptoKeys(createPrivateKey(ca.key))
    cert = await x509.X509CertificateGenerator.create({
      ...base,
      subject: dn(opts.cn, opts.org),
      issuer: caCert.subject,
      publicKey: keys.publicKey as never,
      signingKey: caKeys.privateKey as never
    })
  } else {
    cert = await x509.X509CertificateGenerator.createSelfSigned({
      ...base,
      name: dn(opts.cn, opts.org),
      keys: keys as never
    })
  }
  return { crt: cert.toString('pem'), key: keyPem(pair) }
}

/** Talos' `--cert-fingerprint`: base64 SHA-256 of the certificate's SubjectPublicKeyInfo. */
export function spkiFingerprint(source: KeyObject | string): string {
  const key = typeof source === 'string' ? new X509Certificate(source).publicKey : source
  const pub = key.type === 'public' ? key : createPublicKey(key)
  const spki = pub.export({ type: 'spki', format: 'der' })
  return createHash('sha256').update(spki).digest('base64')
}

/** Whether `crt` was signed by `ca` (both PEM). */
export function signedBy(crt: string, ca: string): boolean {
  try {
    return new X509Certificate(crt).verify(new X509Certificate(ca).publicKey)
  } catch {
    return false
  }
}

export const b64 = (text: string): string => Buffer.from(text).toString('base64')
export const unb64 = (text: string | undefined): string =>
  Buffer.from(text ?? '', 'base64').toString('utf8')

import { execFileSync } from 'node:child_process'
import { X509Certificate } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

export interface SelfSignedCertificate {
  key: string
  cert: string
  /** OpenSSH-style colon-separated upper-case hex, as node:crypto prints it. */
  fingerprint: string
}

/** A throwaway EC certificate for a stub HTTPS server on 127.0.0.1, made with the real openssl. */
export function selfSignedCertificate(
  dir: string,
  commonName = '127.0.0.1'
): SelfSignedCertificate {
  const keyPath = join(dir, 'key.pem')
  const certPath = join(dir, 'cert.pem')
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      keyPath,
      '-out',
      certPath,
      '-days',
      '2',
      '-subj',
      `/CN=${commonName}`,
      '-addext',
      'subjectAltName=IP:127.0.0.1'
    ],
    { stdio: 'ignore' }
  )
  const cert = readFileSync(certPath, 'utf8')
  return {
    key: readFileSync(keyPath, 'utf8'),
    cert,
    fingerprint: new X509Certificate(cert).fingerprint256
  }
}

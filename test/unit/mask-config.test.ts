// maskConfigSecrets registers exactly the secret values of a kubeconfig, talosconfig or Talos
// secrets bundle: replayed through the runner's line-by-line rule, structure and addresses stay.
import { generateKeyPairSync, randomBytes } from 'node:crypto'
import { describe, expect, test } from '@jest/globals'
import { stringify } from 'yaml'
import { maskConfigSecrets } from '../../src/common/mask-config'
import { maskInput } from '../../src/commands/inputs'
import { RunnerMasker } from '../helpers/runner-masking'

const b64 = (s: string): string => Buffer.from(s).toString('base64')
const key = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({
  type: 'sec1',
  format: 'pem'
}) as string
const cert = `-----BEGIN CERTIFICATE-----\n${randomBytes(48).toString('base64')}\n-----END CERTIFICATE-----\n`
const ca = `-----BEGIN CERTIFICATE-----\n${randomBytes(48).toString('base64')}\n-----END CERTIFICATE-----\n`
const token = randomBytes(24).toString('hex')
const password = randomBytes(9).toString('base64url')

const kubeconfig = stringify({
  apiVersion: 'v1',
  kind: 'Config',
  clusters: [
    {
      name: 'default',
      cluster: { server: 'https://127.0.1.1:6443', 'certificate-authority-data': b64(ca) }
    }
  ],
  users: [
    {
      name: 'admin',
      user: { 'client-certificate-data': b64(cert), 'client-key-data': b64(key) }
    },
    { name: 'bot', user: { token } },
    { name: 'basic', user: { username: 'admin', password } }
  ],
  contexts: [{ name: 'default', context: { cluster: 'default', user: 'admin' } }],
  'current-context': 'default'
})

function replay(text: string): RunnerMasker {
  const masker = new RunnerMasker()
  maskConfigSecrets(masker.add, text)
  return masker
}

describe('maskConfigSecrets', () => {
  test('a kubeconfig: every credential and its decoded key lines; nothing structural', () => {
    const masker = replay(kubeconfig)
    const shown = masker.mask(kubeconfig)
    for (const secret of [token, password, b64(key), b64(cert)]) expect(shown).not.toContain(secret)
    for (const line of key.split('\n').filter((l) => l.length >= 16 && !l.startsWith('-----')))
      expect(masker.mask(`key line: ${line}`)).toBe('key line: ***')
    for (const visible of [
      'apiVersion: v1',
      'kind: Config',
      'server: https://127.0.1.1:6443',
      'user: admin',
      'cluster: default',
      b64(ca)
    ])
      expect(shown).toContain(visible)
    expect(masker.mask('Kubernetes control plane is running at https://127.0.1.1:6443')).toBe(
      'Kubernetes control plane is running at https://127.0.1.1:6443'
    )
  })

  test('a talosconfig and a Talos secrets bundle', () => {
    const talosconfig = stringify({
      context: 'lab',
      contexts: { lab: { endpoints: ['127.0.2.1'], ca: b64(ca), crt: b64(cert), key: b64(key) } }
    })
    const bundle = stringify({
      cluster: {
        id: 'c1u5t3r1d0000000000000000000000000000000000',
        secret: 'cl-secret-0123456789'
      },
      secrets: { bootstraptoken: 'abcdef.0123456789abcdef', secretboxencryptionsecret: 'sb-0123' },
      trustdinfo: { token: 'tr.0123456789abcdef' },
      certs: { os: { crt: b64(cert), key: b64(key) } }
    })
    const masker = replay(`${talosconfig}---\n${bundle}`)
    const shown = masker.mask(`${talosconfig}${bundle}`)
    for (const s of ['c1u5t3r1d', 'cl-secret', 'abcdef.0123', 'sb-0123', 'tr.0123', b64(key)])
      expect(shown).not.toContain(s)
    for (const v of ['context: lab', '127.0.2.1', 'cluster:', 'certs:', 'secrets:', b64(ca)])
      expect(shown).toContain(v)
  })

  test('text that is not YAML still loses its credential values only', () => {
    const masker = replay(`server: https://127.0.1.1:6443\n  token: ${token}\n{ broken: [`)
    expect([...masker.values]).toEqual([token])
  })

  test('a config input is masked by value; other secret inputs whole', () => {
    const masked: string[] = []
    const push = (s: string): number => masked.push(s)
    maskInput(push, { name: 'kubeconfig', description: '', secret: true, config: true }, kubeconfig)
    expect(masked).not.toContain(kubeconfig)
    expect(masked).toContain(token)
    maskInput(push, { name: 'bmc-password', description: '', secret: true }, 'pw-1234')
    expect(masked.at(-1)).toBe('pw-1234')
    maskInput(push, { name: 'nodes', description: '' }, 'all')
    expect(masked).not.toContain('all')
  })
})

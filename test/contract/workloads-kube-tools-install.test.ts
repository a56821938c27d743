// Contract: helm and kubectl missing from PATH are installed from their release URLs (here a
// loopback HTTPS server with a self-signed certificate, trusted through RK1_EXTRA_CA_FILE) with
// the real binaries: the published sha256 is checked before use, a wrong one is refused and
// nothing is cached, and a second run takes both from the cache without any request.
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import {
  copyFileSync,
  createReadStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import https from 'node:https'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import type { Logger } from '../../src/common/host'
import { KubeToolInstallError, KubeToolMissingError } from '../../src/kube/errors'
import { ensureKubeTools } from '../../src/kube/install'
import { kubeTools } from '../helpers/kube-tools'
import { selfSignedCertificate } from '../helpers/self-signed'

const HELM = 'v4.2.4'
const KUBECTL = 'v1.35.8'
const arch = process.arch === 'arm64' ? 'arm64' : 'amd64'

let dir: string
let server: https.Server
let base: string
/** Path → body file or text; requests counted per path. */
const routes = new Map<string, { file?: string; text?: string }>()
const requests: string[] = []
let helmSha: string
let kubectlSha: string
const savedCa = process.env.RK1_EXTRA_CA_FILE

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex')

beforeAll(async () => {
  const tools = kubeTools()
  dir = mkdtempSync(path.join(tmpdir(), 'rk1-tool-install-'))
  const stage = path.join(dir, 'stage')
  mkdirSync(path.join(stage, `linux-${arch}`), { recursive: true })
  copyFileSync(tools.helm, path.join(stage, `linux-${arch}`, 'helm'))
  const tarName = `helm-${HELM}-linux-${arch}.tar.gz`
  const tarball = path.join(dir, tarName)
  execFileSync('tar', ['-czf', tarball, '-C', stage, `linux-${arch}`])
  helmSha = sha256(tarball)
  kubectlSha = sha256(tools.kubectl)
  routes.set(`/helm/${tarName}`, { file: tarball })
  routes.set(`/helm/${tarName}.sha256sum`, { text: `${helmSha}  ${tarName}\n` })
  const kubectlPath = `/k8s/${KUBECTL}/bin/linux/${arch}/kubectl`
  routes.set(kubectlPath, { file: tools.kubectl })
  routes.set(`${kubectlPath}.sha256`, { text: kubectlSha })
  // A release whose published checksum does not match its bytes.
  const badName = `helm-v4.2.5-linux-${arch}.tar.gz`
  routes.set(`/helm/${badName}`, { file: tarball })
  routes.set(`/helm/${badName}.sha256sum`, { text: `${'ab'.repeat(32)}  ${badName}\n` })

  const cert = selfSignedCertificate(dir)
  writeFileSync(path.join(dir, 'ca.pem'), cert.cert)
  process.env.RK1_EXTRA_CA_FILE = path.join(dir, 'ca.pem')
  server = https.createServer({ key: cert.key, cert: cert.cert }, (req, res) => {
    const url = req.url ?? ''
    requests.push(url)
    const route = routes.get(url)
    if (!route) {
      res.writeHead(404).end('not found')
      return
    }
    if (route.text !== undefined) {
      res.writeHead(200, { 'content-type': 'text/plain' }).end(route.text)
      return
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream' })
    if (req.method === 'HEAD') res.end()
    else createReadStream(route.file!).pipe(res)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`
}, 60_000)

afterAll(async () => {
  if (savedCa === undefined) delete process.env.RK1_EXTRA_CA_FILE
  else process.env.RK1_EXTRA_CA_FILE = savedCa
  await new Promise((resolve) => server?.close(resolve))
  rmSync(dir, { recursive: true, force: true })
})

const logs: string[] = []
const log: Logger = {
  info: (m) => logs.push(m),
  warn: (m) => logs.push(`warn: ${m}`),
  error: (m) => logs.push(`error: ${m}`),
  debug: () => undefined,
  group: (_t, fn) => fn()
}

function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: path.join(dir, 'empty-path'),
    RK1_HELM_BASE_URL: `${base}/helm`,
    RK1_KUBECTL_BASE_URL: `${base}/k8s/`,
    ...extra
  }
}

describe('installing pinned helm and kubectl', () => {
  const cacheDir = () => path.join(dir, 'cache')

  test('downloads, verifies and unpacks both; they run', async () => {
    const paths = await ensureKubeTools({
      env: env(),
      cacheDir: cacheDir(),
      versions: { helm: HELM, kubectl: KUBECTL },
      log
    })
    expect(paths.helm).toBe(path.join(cacheDir(), 'tools', 'sha256', helmSha, 'bin', 'helm'))
    expect(paths.kubectl).toBe(
      path.join(cacheDir(), 'tools', 'sha256', kubectlSha, 'bin', 'kubectl')
    )
    expect(execFileSync(paths.helm, ['version', '--short']).toString()).toMatch(/^v4\./)
    expect(execFileSync(paths.kubectl, ['version', '--client']).toString()).toContain(
      'Client Version: v1.35'
    )
    // Nothing but the verified binary is left in a digest directory.
    expect(readdirSync(path.join(cacheDir(), 'tools', 'sha256', helmSha))).toEqual(['bin'])
    expect([...requests].sort()).toEqual(
      [
        `/helm/helm-${HELM}-linux-${arch}.tar.gz`,
        `/helm/helm-${HELM}-linux-${arch}.tar.gz.sha256sum`,
        `/k8s/${KUBECTL}/bin/linux/${arch}/kubectl`,
        `/k8s/${KUBECTL}/bin/linux/${arch}/kubectl.sha256`
      ].sort()
    )
    expect(logs.join('\n')).toContain(`helm ${HELM}: verified sha256 ${helmSha}`)
  }, 60_000)

  test('a second run uses the cache without a single request', async () => {
    const before = requests.length
    const paths = await ensureKubeTools({
      env: env(),
      cacheDir: cacheDir(),
      versions: { helm: HELM, kubectl: KUBECTL },
      log
    })
    expect(requests.length).toBe(before)
    expect(paths.helm).toContain(helmSha)
    expect(paths.kubectl).toContain(kubectlSha)
  })

  test('a checksum mismatch is refused with URL, expected and actual; nothing is cached', async () => {
    const fresh = path.join(dir, 'cache-bad')
    const error = await ensureKubeTools({
      env: env(),
      cacheDir: fresh,
      versions: { helm: 'v4.2.5', kubectl: KUBECTL },
      log
    }).then(
      () => undefined,
      (e: unknown) => e
    )
    expect(error).toBeInstanceOf(KubeToolInstallError)
    const e = error as KubeToolInstallError
    expect(e.message).toContain(`${base}/helm/helm-v4.2.5-linux-${arch}.tar.gz`)
    expect(e.evidence).toContain(`expected sha256 ${'ab'.repeat(32)}`)
    expect(e.evidence).toContain(`actual sha256 ${helmSha}`)
    expect(existsSync(path.join(fresh, 'tools', `helm-v4.2.5-linux-${arch}.json`))).toBe(false)
    expect(existsSync(path.join(fresh, 'tools', 'sha256', 'ab'.repeat(32), 'bin', 'helm'))).toBe(
      false
    )
  }, 60_000)

  test('tools on PATH are used as they are; a broken RK1_HELM is an error, not a download', async () => {
    const tools = kubeTools()
    const before = requests.length
    const paths = await ensureKubeTools({
      env: env({ PATH: tools.binDir }),
      cacheDir: path.join(dir, 'cache-path'),
      versions: { helm: HELM, kubectl: KUBECTL },
      log
    })
    expect(paths).toEqual({ helm: tools.helm, kubectl: tools.kubectl })
    await expect(
      ensureKubeTools({
        env: env({ RK1_HELM: path.join(dir, 'no-such-helm') }),
        cacheDir: path.join(dir, 'cache-path'),
        versions: { helm: HELM, kubectl: KUBECTL },
        log
      })
    ).rejects.toBeInstanceOf(KubeToolMissingError)
    expect(requests.length).toBe(before)
  })
})

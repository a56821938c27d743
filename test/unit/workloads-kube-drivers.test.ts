// kube layer pieces that need no cluster: helm flags per major, version parsing, tool discovery.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, test } from '@jest/globals'
import { helmUpgradeArgs, parseHelmMajor } from '../../src/kube/helm'
import { discoverKubeTools } from '../../src/kube/tools'
import { KubeToolInstallError, KubeToolMissingError } from '../../src/kube/errors'
import { parseChecksumFile, toolRelease } from '../../src/kube/install'

const dir = mkdtempSync(path.join(tmpdir(), 'rk1-tools-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const req = {
  release: 'metallb',
  namespace: 'metallb-system',
  chart: 'metallb',
  repo: 'https://metallb.github.io/metallb',
  version: '0.16.1',
  valuesFile: '/tmp/v.json',
  timeoutS: 900
}

describe('kube drivers', () => {
  test('helm major from `helm version --short`', () => {
    expect(parseHelmMajor('v4.1.4+g05fa379\n')).toBe(4)
    expect(parseHelmMajor('v3.19.0+g3d8990f')).toBe(3)
    expect(() => parseHelmMajor('garbage')).toThrow('unexpected helm version: garbage')
  })

  test('upgrade --install spells wait + rollback per major', () => {
    const common = ['upgrade', '--install', 'metallb', 'metallb', '-n', 'metallb-system']
    const tail = ['--version', '0.16.1', '-f', '/tmp/v.json', '--timeout', '900s']
    expect(helmUpgradeArgs(req, 4)).toEqual([
      ...common,
      '--repo',
      'https://metallb.github.io/metallb',
      ...tail,
      '--wait=watcher',
      '--rollback-on-failure'
    ])
    expect(helmUpgradeArgs({ ...req, repo: undefined, version: undefined }, 3)).toEqual([
      ...common,
      '-f',
      '/tmp/v.json',
      '--timeout',
      '900s',
      '--wait',
      '--atomic'
    ])
  })

  test('tools from PATH or RK1_* variables; every missing one in one error', () => {
    for (const name of ['kubectl', 'helm']) {
      writeFileSync(path.join(dir, name), '#!/bin/sh\n')
      chmodSync(path.join(dir, name), 0o755)
    }
    expect(discoverKubeTools({ PATH: `/nonexistent:${dir}` })).toEqual({
      kubectl: path.join(dir, 'kubectl'),
      helm: path.join(dir, 'helm')
    })
    let error: unknown
    try {
      discoverKubeTools({ PATH: '/nonexistent', RK1_HELM: '/nonexistent/helm' })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(KubeToolMissingError)
    expect((error as Error).message).toBe(
      'Not found: kubectl, helm (RK1_HELM=/nonexistent/helm is not executable).'
    )
  })
})

describe('pinned tool releases', () => {
  test('official URLs per tool and architecture, overridable base', () => {
    const helm = toolRelease('helm', 'v4.2.4', 'arm64', {})
    expect(helm.url.href).toBe('https://get.helm.sh/helm-v4.2.4-linux-arm64.tar.gz')
    expect(helm.checksumUrl.href).toBe(
      'https://get.helm.sh/helm-v4.2.4-linux-arm64.tar.gz.sha256sum'
    )
    const kubectl = toolRelease('kubectl', 'v1.35.8', 'x64', {})
    expect(kubectl.url.href).toBe('https://dl.k8s.io/release/v1.35.8/bin/linux/amd64/kubectl')
    expect(kubectl.checksumUrl.href).toBe(
      'https://dl.k8s.io/release/v1.35.8/bin/linux/amd64/kubectl.sha256'
    )
    expect(
      toolRelease('helm', 'v4.2.4', 'x64', { RK1_HELM_BASE_URL: 'https://127.0.0.1:8443/m/' }).url
        .href
    ).toBe('https://127.0.0.1:8443/m/helm-v4.2.4-linux-amd64.tar.gz')
    expect(() => toolRelease('helm', 'v4.2.4', 'ia32', {})).toThrow(KubeToolInstallError)
  })

  test('checksum files with and without a file name', () => {
    const hex = 'AB'.repeat(32)
    const url = new URL('https://127.0.0.1/x.sha256')
    expect(parseChecksumFile(`${hex}  helm.tar.gz\n`, url)).toBe(hex.toLowerCase())
    expect(parseChecksumFile(hex, url)).toBe(hex.toLowerCase())
    expect(() => parseChecksumFile('<html>not found</html>', url)).toThrow('not a sha256')
  })
})

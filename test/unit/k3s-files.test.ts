import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, openSync, closeSync, ftruncateSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'yaml'
import {
  renderAgentConfig,
  renderServerConfig,
  rewriteKubeconfig
} from '../../src/distro/k3s/config'
import { findRootfsPartition, parseGptHeader, readGptPartitions } from '../../src/distro/k3s/gpt'
import { renderPreset, renderStaticNetplan } from '../../src/distro/k3s/image-files'
import { parseDetect } from '../../src/distro/k3s/node-state'
import { replaceRootHash } from '../../src/distro/k3s/personalise'
import { parseSetupOutput, renderSetupScript } from '../../src/distro/k3s/setup-script'
import type { Inventory, InventoryNode } from '../../src/inventory'

const node = (slot: 1 | 2, data: string | null = '/dev/nvme0n1'): InventoryNode => ({
  slot,
  hostname: slot === 1 ? 'cp1' : 'w1',
  ip: `10.10.88.${70 + slot}`,
  role: slot === 1 ? 'control-plane' : 'worker',
  disks: { system: '/dev/mmcblk0', data },
  ports: { ssh: 22, talosApi: 50000, kubernetes: 6443 }
})
const inventory = {
  name: 'turing',
  nodes: [node(1), node(2)],
  network: { cidr: '10.10.88.0/24', gateway: '10.10.88.1', dns: ['10.10.88.1'], interface: 'end0' }
} as unknown as Inventory

describe('GPT parsing', () => {
  it('finds the rootfs partition sfdisk made, at its real offset', () => {
    const img = join(mkdtempSync(join(tmpdir(), 'rk1-gpt-')), 'a.img')
    const fd = openSync(img, 'w')
    ftruncateSync(fd, 40 * 2 ** 20)
    closeSync(fd)
    execFileSync('sfdisk', ['-q', img], {
      input: 'label: gpt\nstart=2048, size=4096, name=boot\nstart=32768, name=rootfs\n'
    })
    return readGptPartitions(img).then(async (parts) => {
      expect(parts.map((p) => p.name)).toEqual(['boot', 'rootfs'])
      const rootfs = await findRootfsPartition(img)
      expect(rootfs.offsetBytes).toBe(32768 * 512)
      expect(rootfs.number).toBe(2)
    })
  })

  it('rejects a sector that is not a GPT header', () => {
    expect(() => parseGptHeader(Buffer.alloc(512))).toThrow(/no GPT/)
  })
})

describe('image files', () => {
  it('writes a complete preset: every question answered, no key URL', () => {
    const text = renderPreset({
      rootPassword: 'a'.repeat(48),
      userName: 'rk1',
      userPassword: 'b'.repeat(48)
    })
    for (const k of [
      'PRESET_ROOT_PASSWORD',
      'PRESET_USER_NAME',
      'PRESET_USER_PASSWORD',
      'PRESET_USER_SHELL',
      'PRESET_LOCALE',
      'PRESET_TIMEZONE'
    ])
      expect(text).toMatch(new RegExp(`^${k}="[^"]+"$`, 'm'))
    expect(text).toMatch(/^PRESET_ROOT_KEY=""$/m)
    expect(() => execFileSync('bash', ['-n'], { input: text })).not.toThrow()
    expect(() =>
      renderPreset({ rootPassword: '$(reboot)', userName: 'x', userPassword: 'y' })
    ).toThrow()
  })

  it('replaces the root hash and keeps the other lines', () => {
    const out = replaceRootHash(
      'root:$6$x$y:20000:0:99999:7:::\ndaemon:*:1:0:99999:7:::\n',
      '$6$new$hash'
    )
    expect(out).toBe('root:$6$new$hash:20000:0:99999:7:::\ndaemon:*:1:0:99999:7:::\n')
  })

  it('renders a static netplan for the node NIC', () => {
    const y = parse(renderStaticNetplan(node(2), inventory))
    expect(y.network.ethernets.end0.addresses).toEqual(['10.10.88.72/24'])
    expect(y.network.ethernets.end0.routes[0].via).toBe('10.10.88.1')
  })
})

describe('K3s config files', () => {
  it('server: disables the conflicting add-ons, 0600 kubeconfig, etcd, CIDRs, SANs', () => {
    const c = parse(renderServerConfig(inventory, node(1), 'tok'))
    expect(c.disable).toEqual(['traefik', 'servicelb', 'local-storage'])
    expect(c['write-kubeconfig-mode']).toBe('0600')
    expect(c['cluster-init']).toBe(true)
    expect(c['cluster-cidr']).toBe('10.42.0.0/16')
    expect(c['tls-san']).toContain('10.10.88.71')
    expect(c.token).toBe('tok')
  })

  it('agent: joins the server by URL with the token in the file', () => {
    const c = parse(renderAgentConfig(inventory, node(2), 'K10x::server:y'))
    expect(c).toMatchObject({
      server: 'https://10.10.88.71:6443',
      token: 'K10x::server:y',
      'node-name': 'w1'
    })
  })

  it('rewrites the kubeconfig server to the inventory address', () => {
    expect(
      rewriteKubeconfig('    server: https://127.0.0.1:6443\n', 'https://10.10.88.71:6443')
    ).toBe('    server: https://10.10.88.71:6443\n')
  })
})

describe('setup script', () => {
  it('is valid bash, carries no secret and guards the data disk', () => {
    const s = renderSetupScript({ node: node(2), allowFormatData: false })
    expect(() => execFileSync('bash', ['-n'], { input: s })).not.toThrow()
    expect(s).toContain("DATA_DISK='/dev/nvme0n1'")
    expect(s).toContain('ALLOW_FORMAT=0')
    expect(s).toMatch(/nofail/)
    expect(s).toMatch(/exit 3/)
    expect(renderSetupScript({ node: node(2), allowFormatData: true })).toContain('ALLOW_FORMAT=1')
  })

  it('parses the RK1 report lines', () => {
    const r = parseSetupOutput(
      'RK1 changed=modules\nRK1 data-disk=/dev/nvme0n1p1\nnoise\nRK1 setup=done\n'
    )
    expect(r).toEqual({
      changed: ['modules'],
      facts: { 'data-disk': '/dev/nvme0n1p1', setup: 'done' },
      done: true
    })
  })
})

describe('node state', () => {
  const expectOurs = { cluster: 'turing', server: 'https://10.10.88.71:6443', node: node(2) }
  it('tells ours, another cluster and plain Armbian apart', () => {
    const marker = JSON.stringify({
      cluster: 'turing',
      role: 'agent',
      server: 'https://10.10.88.71:6443'
    })
    expect(
      parseDetect(
        `armbian=25.8.1\nk3s=v1.35.6+k3s1\nunit=agent:active\nmarker=${marker}\n`,
        expectOurs
      )
    ).toMatchObject({ kind: 'ours', role: 'agent', k3sVersion: 'v1.35.6+k3s1', active: true })
    expect(
      parseDetect('armbian=25.8.1\nk3s=v1.35.6+k3s1\nunit=server:active\n', expectOurs).kind
    ).toBe('other-cluster')
    expect(parseDetect('armbian=25.8.1\n', expectOurs).kind).toBe('armbian')
    expect(parseDetect('', expectOurs).kind).toBe('other-os')
  })
})

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { findRootfsPartition } from '../../src/distro/k3s/gpt'
import {
  personaliseImage,
  rawBase,
  readImageFile,
  statImageFile
} from '../../src/distro/k3s/personalise'
import type { Inventory, InventoryNode } from '../../src/inventory'
import { buildArmbianImage } from '../../src/lab/images/armbian-image'
import { parsePreset } from '../../src/lab/nodes/armbian/rootfs'
import { generateEd25519KeyPair } from '../../src/node-access/ssh-keygen'

// Personalise the lab Armbian image (built like the real one, from its .xz), then read it back
// with debugfs: owners, modes, contents, and the published password gone.

let dir: string
let xz: string
const node: InventoryNode = {
  slot: 2,
  hostname: 'rk1-w1',
  ip: '127.0.1.2',
  role: 'worker',
  disks: { system: '/dev/mmcblk0', data: '/dev/nvme0n1' },
  ports: { ssh: 2222, talosApi: 50000, kubernetes: 6443 }
}
const inventory = {
  name: 'lab',
  nodes: [{ ...node, slot: 1, hostname: 'rk1-cp1', ip: '127.0.1.1' }, node],
  network: { cidr: '127.0.0.0/8', gateway: '127.0.0.1', dns: ['127.0.0.1'], interface: 'end0' }
} as unknown as Inventory
const pub = generateEd25519KeyPair().public

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rk1-personalise-'))
  xz = (await buildArmbianImage(join(dir, 'src'), { sizeMiB: 32 })).xz
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('personalise an Armbian image without root or mounts', () => {
  it('writes root-owned files with exact modes and cleans up its copies', async () => {
    const base = await rawBase(xz, join(dir, 'tmp'))
    const img = await personaliseImage(base.path, join(dir, 'tmp'), {
      inventory,
      node,
      authorizedKeys: pub,
      staticNetwork: true
    })
    const { offsetBytes } = await findRootfsPartition(img.path)
    const st = (p: string) => statImageFile(img.path, offsetBytes, p)
    expect(await st('/root/.ssh')).toEqual({ type: 'directory', mode: 0o700, uid: 0, gid: 0 })
    expect(await st('/root/.ssh/authorized_keys')).toEqual({
      type: 'regular',
      mode: 0o600,
      uid: 0,
      gid: 0
    })
    expect(await st('/root/.not_logged_in_yet')).toEqual({
      type: 'regular',
      mode: 0o600,
      uid: 0,
      gid: 0
    })
    expect(await st('/etc/shadow')).toEqual({ type: 'regular', mode: 0o640, uid: 0, gid: 0 })
    const read = (p: string) => readImageFile(img.path, offsetBytes, p)
    expect(await read('/root/.ssh/authorized_keys')).toBe(`${pub.trim()}\n`)
    expect(await read('/etc/hostname')).toBe('rk1-w1\n')
    expect(await read('/etc/hosts')).toContain('127.0.1.1\trk1-cp1')
    const preset = parsePreset((await read('/root/.not_logged_in_yet')) ?? '')
    expect(preset.PRESET_ROOT_PASSWORD?.length).toBeGreaterThanOrEqual(32)
    expect(preset.PRESET_USER_NAME).toBe('rk1')
    const shadow = (await read('/etc/shadow')) ?? ''
    expect(shadow).toMatch(/^root:\$6\$[^:]+:/m)
    expect(await read('/etc/netplan/10-rk1-static.yaml')).toContain('127.0.1.2/8')
    expect(await read('/etc/netplan/10-dhcp-all-interfaces.yaml')).toBeUndefined()
    expect(await read('/etc/ssh/sshd_config.d/10-rk1.conf')).toContain('PasswordAuthentication no')
    // The source image is untouched.
    const original = await rawBase(xz, join(dir, 'tmp2'))
    const o = await findRootfsPartition(original.path)
    expect(await readImageFile(original.path, o.offsetBytes, '/etc/hostname')).toBe('turing-rk1\n')
    await img.cleanup()
    await base.cleanup()
    await original.cleanup()
    expect(existsSync(img.path)).toBe(false)
    expect(existsSync(base.path)).toBe(false)
  })
})

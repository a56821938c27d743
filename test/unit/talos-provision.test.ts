import { describe, expect, it } from '@jest/globals'
import { parseAllDocuments } from 'yaml'
import {
  allowSchedulingOnControlPlanes,
  clusterEndpoint,
  installerImage,
  nodePatch,
  rk1SchematicId
} from '../../src/distro/talos/config'
import { checksumFor } from '../../src/distro/talos/install-talosctl'
import { firstError, parseJsonStream, serverTag } from '../../src/distro/talos/talosctl'
import type { Inventory, InventoryNode } from '../../src/inventory'
import { controlPlaneFirst, decideAction } from '../../src/provision/talos/talos-plan'

function node(
  slot: 1 | 2 | 3 | 4,
  role: InventoryNode['role'],
  data: string | null = '/dev/nvme0n1'
): InventoryNode {
  return {
    slot,
    hostname: slot === 1 ? 'cp1' : `w${slot - 1}`,
    ip: `127.0.1.${slot}`,
    role,
    disks: { system: '/dev/mmcblk0', data },
    ports: { ssh: 22, talosApi: 50000, kubernetes: 6443 }
  }
}

function inventory(talos: string, workers: number): Inventory {
  const nodes = [node(1, 'control-plane')]
  for (let i = 0; i < workers; i++) nodes.push(node((i + 2) as 2, 'worker'))
  return {
    name: 'c',
    distro: 'talos',
    nodes,
    versions: { talos, kubernetes: '1.35.8' }
  } as unknown as Inventory
}

const docs = (text: string): Record<string, unknown>[] =>
  parseAllDocuments(text).map((d) => d.toJS() as Record<string, unknown>)

describe('Talos config patches', () => {
  it('uses a HostnameConfig document on 1.13 and the legacy field before', () => {
    const modern = docs(nodePatch(node(2, 'worker'), inventory('v1.13.9', 3)))
    expect(modern.find((d) => d.kind === 'HostnameConfig')).toMatchObject({ hostname: 'w1' })
    expect(JSON.stringify(modern[0])).not.toContain('hostname')
    const legacy = docs(nodePatch(node(2, 'worker'), inventory('v1.12.11', 3)))
    expect(legacy.find((d) => d.kind === 'HostnameConfig')).toBeUndefined()
    expect(legacy[0]).toMatchObject({ machine: { network: { hostname: 'w1' } } })
  })

  it('adds the Longhorn user volume and kubelet mount only with a data disk', () => {
    const withDisk = docs(nodePatch(node(2, 'worker'), inventory('v1.13.9', 3)))
    expect(withDisk.find((d) => d.kind === 'UserVolumeConfig')).toMatchObject({
      name: 'longhorn',
      provisioning: { diskSelector: { match: "disk.transport == 'nvme' && !system_disk" } }
    })
    expect(JSON.stringify(withDisk[0])).toContain('/var/mnt/longhorn')
    const without = docs(nodePatch(node(2, 'worker', null), inventory('v1.13.9', 3)))
    expect(without.find((d) => d.kind === 'UserVolumeConfig')).toBeUndefined()
    expect(JSON.stringify(without[0])).not.toContain('extraMounts')
  })

  it('labels the control plane and allows scheduling on it only below three workers', () => {
    expect(allowSchedulingOnControlPlanes(inventory('v1.13.9', 3))).toBe(false)
    expect(allowSchedulingOnControlPlanes(inventory('v1.13.9', 2))).toBe(true)
    const three = docs(nodePatch(node(1, 'control-plane'), inventory('v1.13.9', 3)))[0]
    expect(three).toMatchObject({
      machine: { nodeLabels: { 'node.kubernetes.io/exclude-from-external-load-balancers': '' } }
    })
    expect(three?.cluster).toBeUndefined()
    const one = docs(nodePatch(node(1, 'control-plane'), inventory('v1.13.9', 0)))[0]
    expect(one).toMatchObject({ cluster: { allowSchedulingOnControlPlanes: true } })
  })

  it('points upgrades at the factory installer of the RK1 schematic', () => {
    expect(rk1SchematicId()).toBe(
      '85f683902139269fbc5a7f64ea94a694d31e0b3d94347a225223fcbd042083ae'
    )
    expect(installerImage(rk1SchematicId(), 'v1.13.9')).toBe(
      'factory.talos.dev/metal-installer/85f683902139269fbc5a7f64ea94a694d31e0b3d94347a225223fcbd042083ae:v1.13.9'
    )
    expect(clusterEndpoint(inventory('v1.13.9', 3))).toBe('https://127.0.1.1:6443')
  })
})

describe('Talos actions per node state', () => {
  const wanted = { version: 'v1.13.9', reflash: false }
  it('flashes only what needs it and refuses other clusters', () => {
    expect(decideAction({ kind: 'off', detail: '' }, wanted)).toBe('flash')
    expect(decideAction({ kind: 'other-os', detail: '' }, wanted)).toBe('flash')
    expect(decideAction({ kind: 'maintenance', detail: '' }, wanted)).toBe('configure')
    expect(decideAction({ kind: 'ours', version: 'v1.13.9', detail: '' }, wanted)).toBe('none')
    expect(decideAction({ kind: 'ours', version: 'v1.12.11', detail: '' }, wanted)).toBe('upgrade')
    expect(decideAction({ kind: 'other-secrets', detail: '' }, wanted)).toBe('refuse')
    expect(decideAction({ kind: 'other-secrets', detail: '' }, { ...wanted, reflash: true })).toBe(
      'flash'
    )
  })
  it('orders control planes first', () => {
    const order = controlPlaneFirst([
      node(3, 'worker'),
      node(2, 'worker'),
      node(1, 'control-plane')
    ])
    expect(order.map((n) => n.slot)).toEqual([1, 2, 3])
  })
})

describe('talosctl output parsing', () => {
  it('reads the server tag, not the client one', () => {
    const out =
      'Client:\n\tTag:         v1.13.9\n\tSHA:         x\nServer:\n\tNODE:        127.0.1.1\n\tTag:         v1.12.11\n'
    expect(serverTag(out)).toBe('v1.12.11')
    expect(serverTag('Client:\n\tTag:         v1.13.9\nServer:\n')).toBeUndefined()
  })
  it('parses concatenated JSON objects, braces inside strings included', () => {
    const text = '{\n    "a": "}{"\n}\n{\n    "b": {"c": 1}\n}\n'
    expect(parseJsonStream(text)).toEqual([{ a: '}{' }, { b: { c: 1 } }])
  })
  it('takes the first non-empty stderr line as the error', () => {
    expect(
      firstError({ code: 1, stdout: '', stderr: '\n  error executing bootstrap: x\nmore' })
    ).toBe('error executing bootstrap: x')
    expect(firstError({ code: 1, stdout: '', stderr: '' })).toBe('exit code 1')
  })
  it('finds the checksum of the release asset', () => {
    const sums = `${'a'.repeat(64)}  talosctl-linux-arm64\n${'b'.repeat(64)}  talosctl-linux-amd64\n`
    expect(checksumFor(sums, 'talosctl-linux-amd64')).toBe('b'.repeat(64))
    expect(checksumFor(sums, 'talosctl-darwin-amd64')).toBeUndefined()
  })
})

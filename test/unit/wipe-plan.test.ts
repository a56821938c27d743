import { describe, expect, it } from '@jest/globals'
import type { InventoryNode } from '../../src/inventory'
import type { Found, FoundKind } from '../../src/wipe/detect'
import { decideWipe, phases, planNode, type WipeOptions } from '../../src/wipe/plan'
import { inventoryProblems } from '../../src/wipe/guards'
import { resetArgs } from '../../src/distro/talos/reset'
import { parseResetOutput } from '../../src/distro/k3s/reset'

const node = (slot: 1 | 2 | 3 | 4, role: InventoryNode['role'] = 'worker'): InventoryNode => ({
  slot,
  hostname: `n${slot}`,
  ip: `127.0.0.${slot}`,
  role,
  disks: { system: '/dev/mmcblk0', data: '/dev/nvme0n1' },
  ports: { ssh: 22, talosApi: 50000, kubernetes: 6443 }
})
const found = (kind: FoundKind, n = node(2)): Found => ({ node: n, kind, detail: '' })
const base: WipeOptions = { wipeData: false, powerOff: true, emmc: false, force: false }

describe('wipe rule table', () => {
  const rows: [FoundKind, Partial<WipeOptions>, string][] = [
    ['powered-off', {}, 'none'],
    ['empty', {}, 'power-off'],
    ['unreachable', {}, 'power-off'],
    ['maintenance', {}, 'power-off'],
    ['maintenance', { powerOff: false }, 'none'],
    ['maintenance', { wipeData: true }, 'wipe-disk'],
    ['ours-talos', {}, 'talos-reset'],
    ['ours-k3s', {}, 'k3s-reset'],
    ['armbian', {}, 'k3s-reset'],
    ['foreign-k3s', {}, 'refuse'],
    ['foreign-k3s', { force: true }, 'k3s-reset'],
    ['foreign-talos', {}, 'refuse'],
    ['foreign-talos', { force: true }, 'power-off'],
    ['ssh-locked', {}, 'refuse'],
    ['ssh-locked', { force: true }, 'power-off'],
    ['other-os', {}, 'refuse']
  ]
  it.each(rows)('%s with %j → %s', (kind, options, action) => {
    expect(decideWipe(found(kind), { ...base, ...options })).toBe(action)
  })

  it('powers off dead and maintenance nodes even with power-off false', () => {
    expect(planNode(found('unreachable'), { ...base, powerOff: false }).powerOff).toBe(true)
    expect(planNode(found('ours-talos'), { ...base, powerOff: false }).powerOff).toBe(false)
    expect(planNode(found('powered-off'), base).powerOff).toBe(false)
  })

  it('blanks the eMMC when asked, and always for a forced foreign node it cannot log into', () => {
    expect(planNode(found('ours-talos'), base).blankEmmc).toBe(false)
    expect(planNode(found('ours-talos'), { ...base, emmc: true }).blankEmmc).toBe(true)
    expect(planNode(found('foreign-talos'), { ...base, force: true }).blankEmmc).toBe(true)
    expect(planNode(found('foreign-talos'), base).blankEmmc).toBe(false)
  })

  it('resets workers first and control planes (K3s server) last', () => {
    const plan = [
      planNode(found('ours-talos', node(1, 'control-plane')), base),
      planNode(found('ours-talos', node(2)), base),
      planNode({ ...found('ours-k3s', node(3)), k3sRole: 'server' }, base),
      planNode(found('ours-k3s', node(4)), base)
    ]
    expect(phases(plan).map((g) => g.map((p) => p.node.slot))).toEqual([
      [2, 4],
      [1, 3]
    ])
  })
})

describe('wipe commands', () => {
  it('talosctl reset goes to the node itself, STATE and EPHEMERAL, the user disk on request', () => {
    const args = resetArgs(node(3), {
      graceful: false,
      wipeData: true,
      reboot: false,
      timeoutMs: 90_000
    })
    expect(args).toEqual([
      'reset',
      '--graceful=false',
      '--reboot=false',
      '--system-labels-to-wipe',
      'STATE',
      '--system-labels-to-wipe',
      'EPHEMERAL',
      '--user-disks-to-wipe',
      '/dev/nvme0n1',
      '--wait',
      '--timeout',
      '90s'
    ])
    expect(
      resetArgs(node(3), { graceful: true, wipeData: false, reboot: true, timeoutMs: 1 })
    ).not.toContain('--user-disks-to-wipe')
  })

  it('reads the K3s reset report', () => {
    const r = parseResetOutput(
      'RK1 killall=done\nRK1 uninstall=k3s-agent-uninstall.sh\nRK1 longhorn-emptied=3\nRK1 data-disk=wiped:/dev/nvme0n1\nRK1 reset=done\n'
    )
    expect(r).toEqual({
      steps: ['killall done', 'uninstall k3s-agent-uninstall.sh'],
      longhornEntries: 3,
      dataDisk: 'wiped:/dev/nvme0n1',
      done: true
    })
  })

  it('refuses wipe-data up front when the inventory makes the data disk the system disk', () => {
    const n = { ...node(2), disks: { system: '/dev/nvme0n1', data: '/dev/nvme0n1' } }
    const inventory = { nodes: [node(1), n] } as unknown as Parameters<typeof inventoryProblems>[0]
    expect(inventoryProblems(inventory, [n], true)).toEqual([
      expect.objectContaining({ path: 'nodes[1].disks.data' })
    ])
    expect(inventoryProblems(inventory, [n], false)).toEqual([])
  })
})

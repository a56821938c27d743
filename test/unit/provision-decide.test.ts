import { describe, expect, it } from '@jest/globals'
import { decide, RULES, type Decision } from '../../src/provision/decide'
import type { NodeVerdict } from '../../src/distro/detect'
import { healthText } from '../../src/provision/talos/talos-summary'

// The rule table of provision, row by row: verdict → what a Talos run and a K3s run do.
const table: [NodeVerdict, Decision, Decision][] = [
  ['empty', { action: 'flash' }, { action: 'flash' }],
  ['unreachable', { action: 'flash' }, { action: 'flash' }],
  ['maintenance', { action: 'configure' }, { action: 'flash' }],
  ['ours-talos', { action: 'none' }, { action: 'refuse', reason: 'switch' }],
  [
    'foreign-talos',
    { action: 'refuse', reason: 'foreign' },
    { action: 'refuse', reason: 'foreign' }
  ],
  ['ours-k3s', { action: 'refuse', reason: 'switch' }, { action: 'none' }],
  ['foreign-k3s', { action: 'refuse', reason: 'foreign' }, { action: 'refuse', reason: 'foreign' }],
  ['armbian', { action: 'flash' }, { action: 'configure' }],
  ['other-os', { action: 'flash' }, { action: 'flash' }],
  ['ssh-locked', { action: 'refuse', reason: 'unproven' }, { action: 'refuse', reason: 'unproven' }]
]

describe('provision rule table', () => {
  it('covers every verdict', () => {
    expect(table.map(([v]) => v).sort()).toEqual(Object.keys(RULES).sort())
  })

  it.each(table)('%s: talos %o, k3s %o', (verdict, talos, k3s) => {
    expect(decide(verdict, { distro: 'talos', reflash: false })).toEqual(talos)
    expect(decide(verdict, { distro: 'k3s', reflash: false })).toEqual(k3s)
  })

  it.each(table)('%s with reflash: flashed whatever the distro', (verdict) => {
    for (const distro of ['talos', 'k3s'] as const)
      expect(decide(verdict, { distro, reflash: true })).toEqual({ action: 'flash' })
  })

  it('our own cluster on the asked distro: upgrade on another version, flash on another role', () => {
    expect(
      decide('ours-talos', { distro: 'talos', reflash: false, versionMatches: false })
    ).toEqual({ action: 'upgrade' })
    expect(decide('ours-k3s', { distro: 'k3s', reflash: false, versionMatches: false })).toEqual({
      action: 'upgrade'
    })
    expect(
      decide('ours-k3s', {
        distro: 'k3s',
        reflash: false,
        roleMatches: false,
        versionMatches: true
      })
    ).toEqual({ action: 'flash' })
  })
})

describe('provision summary health line', () => {
  const node = (slot: number, status: 'ready' | 'failed') => ({
    slot,
    hostname: `n${slot}`,
    role: 'worker',
    found: 'off' as const,
    action: 'flash' as const,
    status
  })
  const run = (statuses: ('ready' | 'failed')[]) => ({
    clusterName: 'c',
    simulated: true,
    nodes: statuses.map((s, i) => node(i + 1, s)),
    secretsOrigin: 'generated' as const,
    totalMs: 0,
    dir: '/tmp'
  })

  it('says degraded, naming the failed worker, when one node failed', () => {
    expect(healthText(run(['ready', 'ready', 'failed', 'ready']))).toBe(
      'degraded: 1 of 4 node(s) failed (slot 3); the others are healthy'
    )
    expect(healthText(run(['ready', 'ready']))).toBe('healthy')
    expect(healthText({ ...run(['ready']), healthError: 'x' })).toBe('FAILED')
  })
})

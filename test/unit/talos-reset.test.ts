import { describe, expect, it } from '@jest/globals'
import type { InventoryNode } from '../../src/inventory'
import { resetTalosNode } from '../../src/distro/talos/reset'
import type { Talosctl, TalosctlResult } from '../../src/distro/talos/talosctl'

const node: InventoryNode = {
  slot: 1,
  hostname: 'cp1',
  ip: '127.0.0.1',
  role: 'control-plane',
  disks: { system: '/dev/mmcblk0', data: '/dev/nvme0n1' },
  ports: { ssh: 22, talosApi: 50000, kubernetes: 6443 }
}

/** A talosctl that answers each call from a script and records the arguments. */
function scripted(answers: TalosctlResult[]): { talosctl: Talosctl; calls: string[][] } {
  const calls: string[][] = []
  const next = async (args: string[]): Promise<TalosctlResult> => {
    calls.push(args)
    return answers.shift() ?? { code: 0, stdout: '', stderr: '' }
  }
  const talosctl = {
    run: next,
    secure: async (t: { endpoint: string; node: string }, args: string[]) =>
      next([...args, '-e', t.endpoint, '-n', t.node]),
    insecure: async (_c: string, n: string, args: string[]) =>
      next([...args, '--insecure', '-n', n])
  } as unknown as Talosctl
  return { talosctl, calls }
}

const failed = (stderr: string): TalosctlResult => ({ code: 1, stdout: '', stderr })
const ok: TalosctlResult = { code: 0, stdout: '', stderr: '' }

describe('resetTalosNode', () => {
  it('falls back once to a non-graceful reset when the graceful one fails', async () => {
    const { talosctl, calls } = scripted([
      failed('failed to leave etcd cluster: this is the only etcd member, use --graceful=false'),
      ok
    ])
    const seen: string[] = []
    const outcome = await resetTalosNode({ talosctl, talosconfig: 't' }, node, {
      graceful: true,
      wipeData: false,
      reboot: false,
      timeoutMs: 60_000,
      onFallback: (e) => seen.push(e)
    })
    expect(outcome).toMatchObject({ graceful: false, end: 'stopped' })
    expect(outcome.fallback).toContain('only etcd member')
    expect(seen).toHaveLength(1)
    expect(calls.map((c) => c[1])).toEqual(['--graceful=true', '--graceful=false'])
    // Every call goes to the node itself, never through another endpoint.
    for (const c of calls) expect(c.slice(-4)).toEqual(['-e', node.ip, '-n', node.ip])
  })

  it('with reboot, succeeds only once the maintenance API answers', async () => {
    const { talosctl, calls } = scripted([ok, failed('connection refused'), ok])
    const outcome = await resetTalosNode({ talosctl, talosconfig: 't' }, node, {
      graceful: false,
      wipeData: true,
      reboot: true,
      timeoutMs: 60_000
    })
    expect(outcome).toEqual({ graceful: false, end: 'maintenance', fallback: undefined })
    expect(calls[0]).toContain('--user-disks-to-wipe')
    expect(calls.slice(1).every((c) => c.includes('--insecure'))).toBe(true)
  })

  it('names the node, the step and both answers when neither reset works', async () => {
    const { talosctl } = scripted([failed('drain timed out'), failed('connection refused')])
    await expect(
      resetTalosNode({ talosctl, talosconfig: 't' }, node, {
        graceful: true,
        wipeData: false,
        reboot: false,
        timeoutMs: 60_000
      })
    ).rejects.toMatchObject({
      node: 1,
      step: 'talos-reset',
      evidence: 'graceful: drain timed out; non-graceful: connection refused'
    })
  })
})

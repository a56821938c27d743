import { describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import {
  ClusterLockError,
  clusterLockPath,
  withClusterLock,
  type LockHolder
} from '../../src/common/cluster-lock'
import type { Logger } from '../../src/common/host'

function recorder(): { log: Logger; lines: string[] } {
  const lines: string[] = []
  const push = (m: string): void => void lines.push(m)
  return {
    lines,
    log: { info: push, warn: push, error: push, debug: () => undefined, group: (_t, fn) => fn() }
  }
}

const key = { clusterName: 'rk1-lab', bmcAddress: '127.0.0.1:8443' }

describe('cluster lock', () => {
  it('a second run waits, names the holder, then fails with lock-timeout; the lock is released after', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'rk1-lock-'))
    const first = recorder()
    const second = recorder()
    let release: () => void = () => undefined
    const held = new Promise<void>((r) => (release = r))
    const firstRun = withClusterLock(
      { cacheDir, log: first.log },
      key,
      { timeoutMs: 0, command: 'provision' },
      () => held
    )
    await new Promise((r) => setTimeout(r, 50))
    const error = await withClusterLock(
      { cacheDir, log: second.log },
      key,
      { timeoutMs: 300, pollMs: 50, command: 'wipe' },
      async () => 'ran'
    ).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ClusterLockError)
    expect((error as ClusterLockError).message).toContain(
      `Another run holds cluster "rk1-lab" (BMC 127.0.0.1:8443): provision (pid ${process.pid} on ${hostname()}`
    )
    expect((error as ClusterLockError).advice).toMatch(/lock-timeout/)
    expect(second.lines.join('\n')).toMatch(/is busy: waiting up to .* for provision \(pid/)
    release()
    await firstRun
    expect(existsSync(clusterLockPath(cacheDir, key))).toBe(false)
    // Released: the next run takes it at once.
    await expect(
      withClusterLock({ cacheDir, log: second.log }, key, { timeoutMs: 0 }, async () => 'free')
    ).resolves.toBe('free')
  })

  it('a waiting run goes ahead as soon as the holder finishes', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'rk1-lock-'))
    const order: string[] = []
    const a = withClusterLock(
      { cacheDir, log: recorder().log },
      key,
      { timeoutMs: 0 },
      async () => {
        order.push('a start')
        await new Promise((r) => setTimeout(r, 200))
        order.push('a end')
      }
    )
    await new Promise((r) => setTimeout(r, 20))
    const b = withClusterLock(
      { cacheDir, log: recorder().log },
      key,
      { timeoutMs: 5000, pollMs: 20 },
      async () => void order.push('b')
    )
    await Promise.all([a, b])
    expect(order).toEqual(['a start', 'a end', 'b'])
  })

  it('takes over the lock of a process that no longer exists', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'rk1-lock-'))
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8'
    })
    const stale: LockHolder = {
      pid: Number(dead.stdout),
      host: hostname(),
      command: 'provision',
      startedAt: '2026-01-01T00:00:00.000Z',
      token: 'stale'
    }
    const path = clusterLockPath(cacheDir, key)
    mkdirSync(dirname(path), { recursive: true })
    writeFileSync(path, JSON.stringify(stale))
    const { log, lines } = recorder()
    let sawOwn = ''
    await withClusterLock({ cacheDir, log }, key, { timeoutMs: 0 }, async () => {
      sawOwn = readFileSync(path, 'utf8')
    })
    expect(lines.join('\n')).toMatch(
      new RegExp(`Taking over the cluster lock of provision \\(pid ${stale.pid} .*no longer exists`)
    )
    expect(JSON.parse(sawOwn)).toMatchObject({ pid: process.pid })
  })
})

/**
 * One run per cluster at a time, on the machine that runs the command. Two runs against the same
 * nodes race: the second sees the first one's fresh nodes in maintenance mode and configures them
 * with its own secrets, or reconfigures a K3s server mid-provision. So every command that changes
 * a cluster (provision, wipe, deploy-workloads, npu-benchmark) runs inside `withClusterLock`.
 *
 * The lock is a file `<cacheDir>/locks/<cluster>@<bmc>.lock` holding who took it (pid, host
 * name, command, start time). It is created atomically (written to a private temp file, then
 * hard-linked into place, so a reader never sees half a holder). A second run waits, saying who
 * holds the lock, up to `timeoutMs`, then fails with `ClusterLockError`. A lock left by a process
 * that no longer exists on this machine (killed runner, crash) is taken over at once.
 */
import { hostname } from 'node:os'
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { randomUUID } from 'node:crypto'
import { sleep } from './abort'
import { Rk1Error } from './errors'
import { formatDuration } from './format'
import type { Logger } from './host'

export class ClusterLockError extends Rk1Error {}

export interface ClusterLockKey {
  /** The inventory's cluster name. */
  clusterName: string
  /** The BMC's address (host or host:port): one board, whatever the inventory file is called. */
  bmcAddress: string
}

export interface ClusterLockOptions {
  /** How long to wait for another run to finish; 0 fails at once. Input `lock-timeout` × 1000. */
  timeoutMs: number
  signal?: AbortSignal
  /** Shown to a run that waits for this one, e.g. `provision`. */
  command?: string
  /** How often a waiting run looks again; default 500 ms. */
  pollMs?: number
}

/** What a lock file says about its holder. */
export interface LockHolder {
  pid: number
  host: string
  command: string
  startedAt: string
  token: string
}

const safe = (text: string): string => text.replace(/[^\w.-]/g, '_')

export function clusterLockPath(cacheDir: string, key: ClusterLockKey): string {
  return join(cacheDir, 'locks', `${safe(key.clusterName)}@${safe(key.bmcAddress)}.lock`)
}

export function describeHolder(holder: LockHolder): string {
  return `${holder.command} (pid ${holder.pid} on ${holder.host}, since ${holder.startedAt})`
}

async function readHolder(path: string): Promise<LockHolder | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as LockHolder
  } catch {
    return undefined
  }
}

/** A holder is stale when it ran on this machine and its process is gone. */
function isStale(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return false
  try {
    process.kill(holder.pid, 0)
    return false
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH'
  }
}

/** Tries once to create the lock; the holder that is in the way when it cannot. */
async function tryAcquire(path: string, me: LockHolder): Promise<LockHolder | undefined> {
  const temp = `${path}.${me.token}.tmp`
  await writeFile(temp, `${JSON.stringify(me)}\n`, { mode: 0o600 })
  try {
    await link(temp, path)
    return undefined
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    // Unreadable: another run is between link() and nothing (cannot happen) or wrote junk.
    return (
      (await readHolder(path)) ?? {
        pid: 0,
        host: '?',
        command: 'unknown',
        startedAt: '?',
        token: ''
      }
    )
  } finally {
    await unlink(temp).catch(() => undefined)
  }
}

/** Removes a stale lock, only if it is still the same stale holder (two waiters may race). */
async function takeOver(path: string, stale: LockHolder, log: Logger): Promise<void> {
  const now = await readHolder(path)
  if (now?.token !== stale.token) return
  log.warn(
    `Taking over the cluster lock of ${describeHolder(stale)}: that process no longer exists.`
  )
  await unlink(path).catch(() => undefined)
}

async function acquire(
  path: string,
  me: LockHolder,
  key: ClusterLockKey,
  options: ClusterLockOptions,
  log: Logger
): Promise<void> {
  const started = Date.now()
  let announced: string | undefined
  for (;;) {
    const holder = await tryAcquire(path, me)
    if (!holder) return
    if (isStale(holder)) {
      await takeOver(path, holder, log)
      continue
    }
    const waited = Date.now() - started
    if (waited >= options.timeoutMs)
      throw new ClusterLockError(
        `Another run holds cluster "${key.clusterName}" (BMC ${key.bmcAddress}): ${describeHolder(holder)}.`,
        {
          step: 'lock',
          evidence: `waited ${formatDuration(waited)} (lock-timeout ${formatDuration(options.timeoutMs)}); lock file ${path}`,
          advice:
            'Let that run finish (or cancel it), then run again; raise lock-timeout to wait longer. ' +
            'If no such run exists on that machine, delete the lock file.'
        }
      )
    if (announced !== holder.token) {
      announced = holder.token
      log.info(
        `Cluster "${key.clusterName}" is busy: waiting up to ${formatDuration(options.timeoutMs)} for ${describeHolder(holder)} to finish.`
      )
    }
    await sleep(
      Math.min(options.pollMs ?? 500, Math.max(1, options.timeoutMs - waited)),
      options.signal
    )
  }
}

/**
 * Runs `fn` while holding the lock of one cluster; releases it however `fn` ends. Throws
 * `ClusterLockError` when another live run keeps it longer than `timeoutMs`.
 */
export async function withClusterLock<T>(
  host: { cacheDir: string; log: Logger },
  key: ClusterLockKey,
  options: ClusterLockOptions,
  fn: () => Promise<T>
): Promise<T> {
  const path = clusterLockPath(host.cacheDir, key)
  await mkdir(join(host.cacheDir, 'locks'), { recursive: true, mode: 0o700 })
  const me: LockHolder = {
    pid: process.pid,
    host: hostname(),
    command: options.command ?? 'rk1',
    startedAt: new Date().toISOString(),
    token: randomUUID()
  }
  await acquire(path, me, key, options, host.log)
  try {
    return await fn()
  } finally {
    // Only our own lock: never remove one a later run took over after we were presumed dead.
    if ((await readHolder(path))?.token === me.token) await unlink(path).catch(() => undefined)
  }
}

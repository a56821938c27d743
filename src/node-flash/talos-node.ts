/**
 * What the node path needs from a Talos node of this cluster, through the Talos API only (Talos
 * has no shell): its free memory and machine stage before anything is created (so a node that
 * cannot hold the image goes to the BMC up front), and the restart after its Job wrote the eMMC.
 *
 * While its system disk is rewritten, Talos keeps running from RAM (its rootfs is a squashfs
 * loaded with the initramfs, /system is tmpfs), but EPHEMERAL (/var) and STATE are partitions of
 * that disk. Which services survive that is not pinned down, so both outcomes are designed for:
 * apid answers and reboots the node (`--mode powercycle`: the default mode first loads the kernel
 * named on the BOOT partition for kexec, and that partition is gone or foreign now), or the call
 * fails or the node never goes down (a teardown stuck on a /var whose blocks were replaced), and
 * a BMC power cycle restarts it. The eMMC is already verified either way, so no re-flash is needed
 * for the restart itself.
 */
import { errorText } from '../common/errors'
import { formatDuration } from '../common/format'
import type { Logger } from '../common/host'
import { probeTcp } from '../common/tcp-probe'
import { machineStatus } from '../distro/talos/node-state'
import { firstError, type SecureTarget, type Talosctl } from '../distro/talos/talosctl'
import type { NodeFacts } from './choose-path'

/** The AVAILABLE column of `talosctl memory` (MiB, MemAvailable/1024) in bytes. */
export function parseTalosMemAvailable(stdout: string): number | undefined {
  const lines = stdout.split('\n').filter((l) => l.trim().length > 0)
  const header = lines[0]?.trim().split(/\s+/) ?? []
  const column = header.indexOf('AVAILABLE')
  const row = lines[1]?.trim().split(/\s+/)
  const value = column >= 0 ? row?.[column] : undefined
  return value !== undefined && /^\d+$/.test(value) ? Number(value) * 2 ** 20 : undefined
}

export interface TalosAccess {
  talosctl: Talosctl
  /** Our talosconfig, the node as endpoint and target. */
  target: SecureTarget
}

/**
 * Facts of a Talos node our PKI opens: free memory (Memory API) and whether it runs (stage
 * `running`, ready). A failed memory read leaves the RAM unknown; the Job checks it again.
 */
export async function talosFacts(
  access: TalosAccess,
  slot: number,
  ownedBecause = 'our Talos PKI is accepted'
): Promise<NodeFacts> {
  const mem = await access.talosctl.secure(access.target, ['memory'], 30_000)
  const status = await machineStatus(access.talosctl, access.target.talosconfig, access.target.node)
  let unhealthyBecause: string | undefined
  if (status.stage !== 'running') unhealthyBecause = `its stage is "${status.stage ?? 'unknown'}"`
  else if (status.ready !== true) unhealthyBecause = 'it is running but not ready'
  return {
    slot,
    os: 'talos',
    ownedBecause,
    unhealthyBecause,
    memAvailableBytes: mem.code === 0 ? parseTalosMemAvailable(mem.stdout) : undefined
  }
}

export interface TalosRestartOptions {
  access: TalosAccess
  slot: number
  label: string
  /** The node's Talos API port: closed = the node went down. */
  apiPort: number
  /** The BMC power cycle (off, on) of this node. */
  powerCycle: () => Promise<void>
  /** How long the node may take to go down after the API accepted the reboot; default 2 min. */
  downTimeoutMs?: number
  pollMs?: number
  log: Logger
  signal?: AbortSignal
}

export interface TalosRestart {
  by: 'talos-api' | 'bmc'
  /** Why the BMC did it, when it did. */
  why?: string
}

/** Restarts a node whose Job wrote and verified its eMMC: the Talos API first, else the BMC. */
export async function restartTalosNode(o: TalosRestartOptions): Promise<TalosRestart> {
  const why = await rebootThroughApi(o)
  if (why === undefined) {
    o.log.info(`${o.label}: restarted through the Talos API (reboot --mode powercycle).`)
    return { by: 'talos-api' }
  }
  o.log.warn(`${o.label}: ${why}; the BMC power-cycles it.`)
  await o.powerCycle()
  return { by: 'bmc', why }
}

/** undefined = the node went down after our reboot request; else why that did not happen. */
async function rebootThroughApi(o: TalosRestartOptions): Promise<string | undefined> {
  let answer
  try {
    answer = await o.access.talosctl.secure(
      o.access.target,
      ['reboot', '--mode', 'powercycle', '--wait=false'],
      30_000
    )
  } catch (error) {
    return `the Talos API reboot could not be asked (${errorText(error)})`
  }
  if (answer.code !== 0) return `the Talos API refused the reboot (${firstError(answer)})`
  const timeout = o.downTimeoutMs ?? 120_000
  const deadline = performance.now() + timeout
  while (performance.now() < deadline) {
    o.signal?.throwIfAborted()
    const up = await probeTcp({
      host: o.access.target.node,
      port: o.apiPort,
      connectTimeoutMs: 2000
    })
    if (!up.ok) return undefined
    await new Promise((r) => setTimeout(r, o.pollMs ?? 250))
  }
  return `the Talos API accepted the reboot but the node was still up after ${formatDuration(timeout)}`
}

/** "; restarted through the Talos API" / "; restarted by a BMC power cycle (why)" for summaries. */
export function restartText(write?: { restartedBy?: string; restartWhy?: string }): string {
  if (!write?.restartedBy) return ''
  if (write.restartedBy === 'talos-api') return '; restarted through the Talos API'
  return `; restarted by a BMC power cycle${write.restartWhy ? ` (${write.restartWhy})` : ''}`
}

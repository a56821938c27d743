/**
 * The facts `choosePath` needs, read from a node that already proved it is ours: free memory and
 * whether the OS is in a state where it can rewrite its own disk.
 */
import type { SshSession } from '../node-access/ssh'
import type { NodeFacts } from './choose-path'

/** MemAvailable in bytes from /proc/meminfo text; undefined when absent. */
export function parseMemAvailable(meminfo: string): number | undefined {
  const m = /^MemAvailable:\s+(\d+)\s*kB/m.exec(meminfo)
  return m?.[1] ? Number(m[1]) * 1024 : undefined
}

/** `systemctl is-system-running` states in which the node can take the node path. */
const HEALTHY_STATES = new Set(['running', 'degraded'])

/**
 * Facts of an Armbian node reached with our key: memory, systemd state, first boot finished.
 * `degraded` (a failed unit) still counts as healthy: the write does not depend on other units.
 */
export async function armbianFacts(
  session: SshSession,
  slot: number,
  ownedBecause = 'our SSH key is accepted'
): Promise<NodeFacts> {
  const probe = await session.exec(
    'cat /proc/meminfo; echo "state=$(systemctl is-system-running 2>/dev/null || true)"; ' +
      'if [ -e /root/.not_logged_in_yet ]; then echo firstboot=pending; fi',
    { timeoutMs: 20_000 }
  )
  const state = /^state=(.*)$/m.exec(probe.stdout)?.[1]?.trim() ?? ''
  let unhealthyBecause: string | undefined
  if (!HEALTHY_STATES.has(state)) unhealthyBecause = `systemd reports "${state || 'nothing'}"`
  else if (/^firstboot=pending$/m.test(probe.stdout))
    unhealthyBecause = 'its first boot has not finished'
  return {
    slot,
    os: 'armbian',
    ownedBecause,
    unhealthyBecause,
    memAvailableBytes: parseMemAvailable(probe.stdout)
  }
}

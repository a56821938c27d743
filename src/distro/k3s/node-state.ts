/**
 * What a node runs, seen over SSH with our key (tools spec §3.4-3.5): no answer / another OS,
 * Armbian without K3s, or a K3s server/agent of this cluster or of another one.
 */
import type { InventoryNode } from '../../inventory'
import type { SshSession } from '../../node-access/ssh'
import { RK1_MARKER_PATH, type ClusterMarker } from './config'

export type K3sNodeStateKind =
  'unreachable' | 'locked' | 'other-os' | 'armbian' | 'ours' | 'other-cluster'

export interface K3sNodeState {
  kind: K3sNodeStateKind
  detail: string
  armbianVersion?: string
  k3sVersion?: string
  role?: 'server' | 'agent'
  active?: boolean
  firstBootPending?: boolean
}

export const stateText: Record<K3sNodeStateKind, string> = {
  unreachable: 'no SSH answer (empty, off or another OS)',
  locked: 'SSH refuses our key or changed host key',
  'other-os': 'not Armbian',
  armbian: 'Armbian without K3s',
  ours: 'K3s of this cluster',
  'other-cluster': 'K3s of another cluster'
}

export const DETECT_SCRIPT = `
r=/etc/armbian-release
[ -f $r ] && echo "armbian=$(sed -n 's/^VERSION=//p' $r)"
[ -e /root/.not_logged_in_yet ] && echo firstboot=pending
if [ -x /usr/local/bin/k3s ]; then
  echo "k3s=$(/usr/local/bin/k3s --version 2>/dev/null | head -n1 | awk '{print $3}')"
fi
[ -f /etc/systemd/system/k3s.service ] && echo "unit=server:$(systemctl is-active k3s.service 2>/dev/null)"
[ -f /etc/systemd/system/k3s-agent.service ] && echo "unit=agent:$(systemctl is-active k3s-agent.service 2>/dev/null)"
[ -f ${RK1_MARKER_PATH} ] && echo "marker=$(tr -d '\\n' < ${RK1_MARKER_PATH})"
true
`

export function parseDetect(
  stdout: string,
  expect: { cluster: string; server: string; node: InventoryNode }
): K3sNodeState {
  const kv = new Map<string, string>()
  for (const line of stdout.split('\n')) {
    const i = line.indexOf('=')
    if (i > 0) kv.set(line.slice(0, i).trim(), line.slice(i + 1).trim())
  }
  const armbianVersion = kv.get('armbian')
  const firstBootPending = kv.get('firstboot') === 'pending'
  if (armbianVersion === undefined)
    return { kind: 'other-os', detail: 'no /etc/armbian-release', firstBootPending }
  const k3sVersion = kv.get('k3s') || undefined
  const unit = kv.get('unit')
  const base = { armbianVersion, firstBootPending }
  if (!k3sVersion && !unit)
    return { ...base, kind: 'armbian', detail: `Armbian ${armbianVersion}, no K3s` }
  const role: K3sNodeState['role'] = unit?.startsWith('server')
    ? 'server'
    : unit?.startsWith('agent')
      ? 'agent'
      : undefined
  const active = unit?.endsWith(':active') ?? false
  let marker: ClusterMarker | undefined
  try {
    marker = kv.get('marker')
      ? (JSON.parse(kv.get('marker') as string) as ClusterMarker)
      : undefined
  } catch {
    marker = undefined
  }
  const withK3s = { ...base, k3sVersion, role, active }
  if (!marker)
    return {
      ...withK3s,
      kind: 'other-cluster',
      detail: 'K3s installed without the rk1 cluster marker'
    }
  if (marker.cluster !== expect.cluster || marker.server !== expect.server)
    return {
      ...withK3s,
      kind: 'other-cluster',
      detail: `marker names cluster "${marker.cluster}" with server ${marker.server}`
    }
  return {
    ...withK3s,
    kind: 'ours',
    detail: `${role ?? 'unknown role'} ${k3sVersion ?? '?'}${active ? '' : ' (not running)'}`
  }
}

export async function detectK3sState(
  session: SshSession,
  expect: { cluster: string; server: string; node: InventoryNode }
): Promise<K3sNodeState> {
  const r = await session.runScript(DETECT_SCRIPT, { timeoutMs: 30_000, check: true })
  return parseDetect(r.stdout, expect)
}

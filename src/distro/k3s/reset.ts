/**
 * Taking an Armbian node back to "Armbian without K3s" (`../shared/specs/tools.md` §3.5,
 * ops-and-reporting.md §5.3): stop K3s with its own killall script, run the uninstall script of
 * the role the node has (agent, server, or both if both units exist), remove our cluster marker,
 * empty the Longhorn data path, and with wipe-data erase the data disk's signatures. The disk that
 * holds `/` is never touched: the script checks on the node, whatever the inventory says.
 */
import type { InventoryNode } from '../../inventory'
import { Rk1Error } from '../../common/errors'
import { RK1_MARKER_PATH } from './config'
import type { NodeLink } from './node-link'
import { LONGHORN_MOUNT } from './setup-script'

export class K3sResetError extends Rk1Error {}

/** Exit code of the script when the data disk holds the root filesystem. */
export const ROOT_ON_DATA_EXIT = 3

const q = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`

/**
 * Read only: does the data disk (or one of its partitions) hold `/`? Prints `RK1 root-on-data=yes|no`
 * and `RK1 root=<source>`; used before anything is touched so the run can be refused up front.
 */
export function rootCheckScript(dataDisk: string): string {
  return `DATA=${q(dataDisk)}
root=$(findmnt -n -o SOURCE / 2>/dev/null || true)
echo "RK1 root=$root"
if [ -z "$DATA" ] || ! lsblk "$DATA" >/dev/null 2>&1; then echo "RK1 root-on-data=absent"; exit 0; fi
if lsblk -J -o NAME,PATH,MOUNTPOINT "$DATA" | grep -Eq "\\"mountpoint\\": *\\"/\\"|\\"path\\": *\\"$root\\""; then
  echo "RK1 root-on-data=yes"
else
  echo "RK1 root-on-data=no"
fi
`
}

export function renderResetScript(o: { node: InventoryNode; wipeData: boolean }): string {
  const data = o.node.disks.data ?? ''
  return `set -uo pipefail
DATA=${q(data)}
WIPE_DATA=${o.wipeData ? 1 : 0}
MOUNT=${q(LONGHORN_MOUNT)}
BIN=/usr/local/bin
say() { printf 'RK1 %s=%s\\n' "$1" "$2"; }
fail() { echo "RK1-FAILED: $*" >&2; exit 1; }

# 1. Stop K3s and everything it started (units, shims, mounts, CNI links, iptables rules).
if [ -x $BIN/k3s-killall.sh ]; then $BIN/k3s-killall.sh >/dev/null || fail "k3s-killall.sh failed"; say killall done; fi

# 2. The uninstall script of each role present (an agent's, then a server's).
for s in k3s-agent-uninstall.sh k3s-uninstall.sh; do
  if [ -x $BIN/$s ]; then $BIN/$s >/dev/null || fail "$s failed"; say uninstall "$s"; fi
done
[ ! -e $BIN/k3s ] || fail "$BIN/k3s is still present after the uninstall scripts"
rm -f ${RK1_MARKER_PATH} /etc/rancher/k3s/config.yaml
rmdir /etc/rk1 /etc/rancher/k3s /etc/rancher 2>/dev/null || true

# 3. Longhorn's data path: replicas, backing images, longhorn-disk.cfg (a stale one breaks a reinstall).
if [ -d "$MOUNT" ]; then
  n=$(find "$MOUNT" -mindepth 1 -maxdepth 1 | wc -l)
  find "$MOUNT" -mindepth 1 -delete || fail "could not empty $MOUNT"
  say longhorn-emptied "$n"
fi

# 4. With wipe-data: the data disk's signatures, never the disk that holds /.
if [ "$WIPE_DATA" = 1 ] && [ -n "$DATA" ]; then
  if ! lsblk "$DATA" >/dev/null 2>&1; then
    say data-disk "absent:$DATA"
  else
    root=$(findmnt -n -o SOURCE / 2>/dev/null || true)
    tree=$(lsblk -J -o NAME,PATH,MOUNTPOINT "$DATA")
    if printf '%s' "$tree" | grep -Eq "\\"mountpoint\\": *\\"/\\"|\\"path\\": *\\"$root\\""; then
      echo "RK1-REFUSED: $DATA holds the root filesystem ($root); it is never wiped." >&2
      exit ${ROOT_ON_DATA_EXIT}
    fi
    for m in $(printf '%s' "$tree" | grep -o '"mountpoint": *"[^"]*"' | sed 's/.*: *"\\(.*\\)"/\\1/' | sort -r); do
      umount "$m" || fail "could not unmount $m"
    done
    if [ -f /etc/fstab ] && grep -q "[[:space:]]$MOUNT[[:space:]]" /etc/fstab; then
      grep -v "[[:space:]]$MOUNT[[:space:]]" /etc/fstab >/etc/fstab.rk1 || true
      cat /etc/fstab.rk1 >/etc/fstab; rm -f /etc/fstab.rk1
    fi
    for p in $(lsblk -ln -o PATH "$DATA" | tac); do wipefs -a "$p" >/dev/null || fail "wipefs -a $p failed"; done
    left=$(wipefs -n "$DATA" 2>/dev/null | tail -n +2)
    [ -z "$left" ] || fail "signatures left on $DATA: $left"
    say data-disk "wiped:$DATA"
  fi
fi
say reset done
`
}

export interface K3sResetReport {
  steps: string[]
  longhornEntries?: number
  dataDisk?: string
}

export function parseResetOutput(stdout: string): K3sResetReport & { done: boolean } {
  const steps: string[] = []
  let longhornEntries: number | undefined
  let dataDisk: string | undefined
  let done = false
  for (const line of stdout.split('\n')) {
    const m = /^RK1 ([a-z-]+)=(.*)$/.exec(line.trim())
    if (!m) continue
    const [, key, value = ''] = m
    if (key === 'reset') done = value === 'done'
    else if (key === 'longhorn-emptied') longhornEntries = Number(value)
    else if (key === 'data-disk') dataDisk = value
    else steps.push(`${key} ${value}`)
  }
  return { steps, longhornEntries, dataDisk, done }
}

/** Runs the reset over the node's link; idempotent, so a dropped connection just runs it again. */
export async function resetK3sNode(
  link: NodeLink,
  o: { wipeData: boolean; timeoutMs: number }
): Promise<K3sResetReport> {
  const node = link.opts.node
  const script = renderResetScript({ node, wipeData: o.wipeData })
  const r = await link.run('K3s reset', (s) => s.runScript(script, { timeoutMs: o.timeoutMs }))
  const report = parseResetOutput(r.stdout)
  if (r.code === ROOT_ON_DATA_EXIT)
    throw new K3sResetError(`${link.label}: the data disk holds the root filesystem.`, {
      node: node.slot,
      step: 'wipe-data',
      evidence: /RK1-REFUSED: (.*)/.exec(r.stderr)?.[1] ?? r.stderr.trim().slice(-500),
      advice: `Fix disks.data of slot ${node.slot} in the inventory (it boots from that disk), or wipe without wipe-data.`
    })
  if (r.code !== 0 || !report.done)
    throw new K3sResetError(`${link.label}: the K3s reset failed (exit ${String(r.code)}).`, {
      node: node.slot,
      step: /RK1-FAILED: (\S+)/.exec(r.stderr)?.[1]?.replace(/[^\w.-]/g, '') ?? 'k3s-reset',
      evidence: (r.stderr.trim() || r.stdout.trim()).slice(-1500),
      advice: 'Fix what the evidence shows, then run wipe again (each step is safe to repeat).'
    })
  return report
}

/** Asks the node whether its data disk holds `/` (read only). */
export async function dataDiskHoldsRoot(
  link: NodeLink
): Promise<{ holdsRoot: boolean; root: string; absent: boolean }> {
  const data = link.opts.node.disks.data
  if (!data) return { holdsRoot: false, root: '', absent: true }
  const r = await link.run('root check', (s) =>
    s.runScript(rootCheckScript(data), { timeoutMs: 30_000, check: true })
  )
  const value = /RK1 root-on-data=(\w+)/.exec(r.stdout)?.[1]
  return {
    holdsRoot: value === 'yes',
    absent: value === 'absent',
    root: /RK1 root=(.*)/.exec(r.stdout)?.[1]?.trim() ?? ''
  }
}

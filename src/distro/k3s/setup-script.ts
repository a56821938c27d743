/**
 * The node setup script we ship: idempotent bash run over SSH with `bash -s` (no PTY), so a run
 * cut short by a dropped connection is simply run again. It prints `RK1 key=value` lines that the
 * caller records; exit 3 means the data disk guard refused to format.
 */
import type { InventoryNode } from '../../inventory'

export const SETUP_PACKAGES = ['open-iscsi', 'nfs-common', 'parted', 'jq']
export const K3S_MODULES = ['br_netfilter', 'overlay', 'iscsi_tcp', 'dm_crypt']
export const K3S_SYSCTL: [string, string][] = [
  ['net.bridge.bridge-nf-call-iptables', '1'],
  ['net.bridge.bridge-nf-call-ip6tables', '1'],
  ['net.ipv4.ip_forward', '1'],
  ['net.ipv4.conf.all.forwarding', '1'],
  ['fs.inotify.max_user_instances', '512'],
  ['fs.inotify.max_user_watches', '524288']
]
export const LONGHORN_MOUNT = '/var/lib/longhorn'
export const LONGHORN_LABEL = 'longhorn'
export const DATA_REFUSED_EXIT = 3

export interface SetupOptions {
  node: InventoryNode
  /** Format a data disk that holds a filesystem or partitions we did not make. */
  allowFormatData: boolean
}

const q = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`

export function renderSetupScript(o: SetupOptions): string {
  const data = o.node.disks.data ?? ''
  return `set -euo pipefail
export DEBIAN_FRONTEND=noninteractive LC_ALL=C
HOSTNAME_WANTED=${q(o.node.hostname)}
DATA_DISK=${q(data)}
ALLOW_FORMAT=${o.allowFormatData ? 1 : 0}
MOUNT=${q(LONGHORN_MOUNT)}
LABEL=${q(LONGHORN_LABEL)}
say() { printf 'RK1 %s=%s\\n' "$1" "$2"; }
changed() { say changed "$1"; }
# Writes stdin to a file only when the content differs (keeps mtimes and reruns quiet).
put() {
  local path=$1 mode=$2 tmp
  tmp=$(mktemp)
  cat >"$tmp"
  if [ -f "$path" ] && cmp -s "$tmp" "$path"; then rm -f "$tmp"; return 1; fi
  install -D -m "$mode" "$tmp" "$path"; rm -f "$tmp"; return 0
}

# 1. Identity
if [ "$(cat /etc/hostname 2>/dev/null)" != "$HOSTNAME_WANTED" ]; then
  hostnamectl set-hostname "$HOSTNAME_WANTED"; changed hostname
fi

# 2. Packages (apt-get install is idempotent; refresh the lists only when apt needs them)
pkgs=(${SETUP_PACKAGES.join(' ')})
if ! out=$(apt-get install -y -q --no-install-recommends "\${pkgs[@]}" 2>&1); then
  apt-get update -q >/dev/null
  out=$(apt-get install -y -q --no-install-recommends "\${pkgs[@]}" 2>&1) || { printf '%s\n' "$out" >&2; exit 1; }
fi
if ! printf '%s' "$out" | grep -q ' 0 newly installed'; then changed packages; fi

# 3. Kernel modules and sysctl, now and at every boot
if printf '%s\\n' ${K3S_MODULES.join(' ')} | put /etc/modules-load.d/rk1-k3s.conf 0644; then changed modules; fi
for m in ${K3S_MODULES.join(' ')}; do modprobe "$m"; done
if printf '%s\\n' ${K3S_SYSCTL.map(([k, v]) => q(`${k} = ${v}`)).join(' ')} | put /etc/sysctl.d/90-rk1-k3s.conf 0644; then changed sysctl; fi
sysctl --system >/dev/null

# 4. iSCSI for Longhorn: a unique initiator name, iscsid enabled
if ! grep -q '^InitiatorName=' /etc/iscsi/initiatorname.iscsi 2>/dev/null; then
  echo "InitiatorName=$(iscsi-iname)" | put /etc/iscsi/initiatorname.iscsi 0600 || true
  changed initiator-name
fi
systemctl enable --now iscsid.service >/dev/null 2>&1
say iscsid "$(systemctl is-active iscsid.service || true)"

# 5. No swap: kubelet refuses it, and Armbian's zram swap returns at boot unless disabled
if [ -n "$(swapon --show --noheadings 2>/dev/null)" ]; then swapoff -a; changed swapoff; fi
if [ -f /etc/fstab ] && grep -qE '^[^#].*\\sswap\\s' /etc/fstab; then
  sed -i -E 's/^([^#].*\\sswap\\s.*)$/# rk1: \\1/' /etc/fstab; changed fstab-swap
fi
if [ -f /etc/default/armbian-zram-config ] && ! grep -q '^ENABLED=false' /etc/default/armbian-zram-config; then
  sed -i 's/^#\\?\\s*ENABLED=.*/ENABLED=false/' /etc/default/armbian-zram-config; changed zram-config
fi
if systemctl is-enabled armbian-zram-config.service >/dev/null 2>&1; then
  systemctl disable --now armbian-zram-config.service >/dev/null 2>&1; changed zram
fi

# 6. NVMe data disk for Longhorn (ext4, by UUID, nofail so a missing disk never blocks boot)
mkdir -p "$MOUNT"
if [ -z "$DATA_DISK" ]; then
  say data-disk none
elif [ ! -e "$DATA_DISK" ] && ! lsblk "$DATA_DISK" >/dev/null 2>&1; then
  say data-disk "absent:$DATA_DISK"
else
  tree=$(lsblk -J -b -o NAME,PATH,TYPE,FSTYPE,LABEL,UUID,PTTYPE,MOUNTPOINT "$DATA_DISK")
  root_src=$(findmnt -n -o SOURCE / 2>/dev/null || true)
  if printf '%s' "$tree" | jq -e --arg r "$root_src" '[.. | objects | select(.mountpoint? == "/" or (.path? != null and .path == $r))] | length > 0' >/dev/null; then
    echo "RK1-REFUSED: $DATA_DISK holds the root filesystem; it is never formatted." >&2
    exit ${DATA_REFUSED_EXIT}
  fi
  ours=$(printf '%s' "$tree" | jq -r --arg l "$LABEL" '[.. | objects | select(.label? == $l and (.fstype? == "ext4" or .fstype? == "xfs"))][0].path // empty')
  if [ -z "$ours" ]; then
    signatures=$(printf '%s' "$tree" | jq -r '[.. | objects | select(.fstype? != null or .pttype? != null) | "\\(.path) \\(.fstype // .pttype) \\(.label // "")"] | join("; ")')
    if [ -n "$signatures" ] && [ "$ALLOW_FORMAT" != 1 ]; then
      echo "RK1-REFUSED: $DATA_DISK is not empty ($signatures); not formatting it without allow-format-data." >&2
      exit ${DATA_REFUSED_EXIT}
    fi
    if printf '%s' "$tree" | jq -e '[.. | objects | select(.mountpoint? != null)] | length > 0' >/dev/null; then
      echo "RK1-REFUSED: $DATA_DISK has a mounted filesystem; unmount it first." >&2
      exit ${DATA_REFUSED_EXIT}
    fi
    wipefs -a "$DATA_DISK" >/dev/null
    parted -s "$DATA_DISK" mklabel gpt mkpart "$LABEL" ext4 0% 100%
    case "$DATA_DISK" in *[0-9]) part="\${DATA_DISK}p1" ;; *) part="\${DATA_DISK}1" ;; esac
    mkfs.ext4 -q -F -L "$LABEL" "$part" >/dev/null
    ours=$part
    changed "formatted:$DATA_DISK"
  fi
  uuid=$(blkid -s UUID -o value "$ours")
  line="UUID=$uuid $MOUNT ext4 defaults,noatime,nofail,x-systemd.device-timeout=10s 0 2"
  if ! grep -qxF "$line" /etc/fstab; then
    grep -v "[[:space:]]$MOUNT[[:space:]]" /etc/fstab >/etc/fstab.rk1 || true
    echo "$line" >>/etc/fstab.rk1
    cat /etc/fstab.rk1 >/etc/fstab; rm -f /etc/fstab.rk1
    changed fstab-longhorn
  fi
  if ! findmnt -n "$MOUNT" >/dev/null 2>&1; then mount "$MOUNT"; changed mount; fi
  say data-disk "$ours"
fi

# 7. NPU facts (recorded, never fatal: the vendor kernel is what makes them present)
say kernel "$(uname -r)"
say npu-render "$(ls /dev/dri/renderD129 2>/dev/null || echo missing)"
say npu-version "$(cat /sys/kernel/debug/rknpu/version 2>/dev/null | tr -d '\\n' || true)"
say setup done
`
}

export interface SetupReport {
  changed: string[]
  facts: Record<string, string>
  done: boolean
}

export function parseSetupOutput(stdout: string): SetupReport {
  const changed: string[] = []
  const facts: Record<string, string> = {}
  for (const line of stdout.split('\n')) {
    const m = /^RK1 ([a-z-]+)=(.*)$/.exec(line.trim())
    if (!m?.[1]) continue
    if (m[1] === 'changed') changed.push(m[2] ?? '')
    else facts[m[1]] = m[2] ?? ''
  }
  return { changed, facts, done: facts.setup === 'done' }
}

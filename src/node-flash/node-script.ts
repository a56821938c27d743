/**
 * The script a running node executes to rewrite its own eMMC (POSIX sh: bash on Armbian over SSH,
 * busybox sh in the Talos Job). Order matters for safety: everything that can fail without harm
 * (memory, transfer, checksum, decompression) runs before the first byte reaches the eMMC, so a
 * failure up to `writing` leaves the node exactly as it was. From `writing` on, the script ignores
 * a lost connection (SIGHUP/SIGPIPE) and finishes: stopping half-way would be worse than either
 * outcome. Tools it needs after the write starts are copied into RAM first, because the disk they
 * came from is being overwritten.
 *
 * Arguments (positional, so the image can come on stdin): source (`stdin` or an http URL), format
 * (`raw` | `xz`), stream bytes, stream sha256, raw bytes, device, reboot (`sysrq` | `none`),
 * services to stop (space separated), memory margin bytes, report URL ('' = none).
 * Progress goes to stdout as `rk1-node-write <phase> [detail]` lines.
 */

/** Exit codes; below WRITE_STARTED_EXIT nothing was written. */
export const EXIT = {
  badArguments: 10,
  refusedDevice: 11,
  notEnoughMemory: 12,
  transferShort: 13,
  checksumMismatch: 14,
  decompressFailed: 15,
  writeFailed: 30,
  verifyMismatch: 31,
  rebootFailed: 32
} as const

export const WRITE_STARTED_EXIT = 30

/** `${D}{` in the template below is a shell `${` (a plain one would be a JavaScript placeholder). */
const D = '$'

export const NODE_WRITE_SCRIPT = String.raw`set -eu
src=$1 fmt=$2 sbytes=$3 ssha=$4 rbytes=$5 dev=$6 reboot=$7 units=$8 margin=$9 report=${D}{10:-}
say() {
  printf 'rk1-node-write %s\n' "$*" 2>/dev/null || true
  if [ -n "$report" ]; then
    q=$(printf '%s' "$*" | tr ' ' '+')
    wget -q -O /dev/null "$report?p=$q" 2>/dev/null || curl -fsS -o /dev/null "$report?p=$q" 2>/dev/null || true
  fi
}
dir='' said=''
die() { code=$1; shift; printf 'rk1-node-write error %s\n' "$*" >&2 2>/dev/null || true; said=1; say failed "$code" "$*"; exit "$code"; }
# Whatever stops the script (a missing tool, a signal) is reported, and the RAM copy freed.
trap 'rc=$?; [ "$rc" = 0 ] || [ -n "$said" ] || say failed "$rc" "the node script stopped (exit $rc)"; [ -z "$dir" ] || rm -rf "$dir"' EXIT
case "$fmt" in raw|xz) ;; *) die 10 "unknown image format $fmt";; esac
case "$dev" in
  /dev/mmcblk[0-9]) ;;
  *) die 11 "refusing to write $dev: only the eMMC (/dev/mmcblkN), never the NVMe or a partition";;
esac
[ -e "$dev" ] || die 11 "$dev does not exist on this node"
avail=0
while read -r key kib _; do case "$key" in MemAvailable:) avail=$((kib * 1024));; esac; done < /proc/meminfo
need=$((sbytes + margin))
[ "$avail" -ge "$need" ] || die 12 "not enough free memory: $avail bytes available, $need needed"
say memory-ok "$avail"
ram=/dev/shm
[ -d "$ram" ] || ram=/tmp
dir=$(mktemp -d "$ram/rk1-node-write.XXXXXX")
img="$dir/image"
if [ "$src" = stdin ]; then
  head -c "$sbytes" > "$img"
else
  wget -q -O "$img" "$src" 2>/dev/null || curl -fsS -o "$img" "$src" || die 13 "download of the image failed"
fi
got=$(wc -c < "$img" | tr -d ' ')
[ "$got" = "$sbytes" ] || die 13 "received $got of $sbytes bytes"
say received "$got"
sum=$(sha256sum "$img" | cut -d' ' -f1)
[ "$sum" = "$ssha" ] || die 14 "sha256 of the received image is $sum, expected $ssha"
# One decompression pass checks the xz and yields the size and sha256 the eMMC must end up with.
if [ "$fmt" = xz ]; then
  want=$( { xzcat "$img" || : > "$dir/xz-failed"; } | dd bs=1M 2>"$dir/count" | sha256sum | cut -d' ' -f1)
  [ ! -e "$dir/xz-failed" ] || die 15 "the xz image does not decompress"
  out=$(sed -n 's/^\([0-9][0-9]*\) bytes.*/\1/p' "$dir/count")
  [ "$out" = "$rbytes" ] || die 15 "the xz image decompresses to $out bytes, expected $rbytes"
else
  want=$ssha
fi
say staged "$sum"
bin="$dir/bin"
mkdir "$bin"
for t in dd head sha256sum cut xzcat sync sleep; do
  p=$(command -v "$t" 2>/dev/null) || continue
  case "$p" in /*) cp -L "$p" "$bin/$t" 2>/dev/null || true;; esac
done
PATH="$bin:$PATH"
for u in $units; do systemctl stop "$u" 2>/dev/null || true; done
say services-stopped
sync
if [ "$reboot" = sysrq ]; then
  while read -r source target _; do
    case "$source" in /dev/*) mount -o remount,ro "$target" 2>/dev/null || true;; esac
  done < /proc/mounts
  # A file still open for writing makes a remount refuse; the emergency remount does not.
  echo u > /proc/sysrq-trigger 2>/dev/null || true
  sleep 1
  say read-only
fi
trap '' HUP PIPE
say writing
if [ "$fmt" = xz ]; then
  xzcat "$img" | dd of="$dev" bs=4M conv=fsync 2>/dev/null || die 30 "writing $dev failed"
else
  dd if="$img" of="$dev" bs=4M conv=fsync 2>/dev/null || die 30 "writing $dev failed"
fi
sync
say written "$rbytes"
# Read the device, not the page cache that still holds what was just written.
blockdev --flushbufs "$dev" 2>/dev/null || true
echo 3 > /proc/sys/vm/drop_caches 2>/dev/null || true
back=$(head -c "$rbytes" "$dev" | sha256sum | cut -d' ' -f1)
[ "$back" = "$want" ] || die 31 "read-back of $dev gives sha256 $back, expected $want"
say verified "$back"
if [ "$reboot" = sysrq ]; then
  say rebooting
  sleep 1
  echo b > /proc/sysrq-trigger 2>/dev/null || true
  # Still here: sysrq is unavailable (e.g. a container); reboot(2) without shutdown instead.
  sleep 5
  reboot -f 2>/dev/null || true
  sleep 30
  die 32 "the node did not reboot (sysrq b, then reboot -f)"
fi
say done
`

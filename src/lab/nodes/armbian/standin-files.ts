/**
 * Which system commands the sandbox replaces, and the helper they run: a few lines of JavaScript
 * (run by the host's node binary, bind-mounted read-only) that send the call to the lab process
 * over a unix socket and print what it answers. The lab process owns the node's state, so stand-ins
 * never race each other.
 */

/** Tool name → the paths (inside the sandbox, all under /usr) it replaces. */
export const STANDIN_PATHS: Record<string, string[]> = {
  'apt-get': ['/usr/bin/apt-get', '/usr/bin/apt'],
  systemctl: ['/usr/bin/systemctl'],
  hostnamectl: ['/usr/bin/hostnamectl'],
  netplan: ['/usr/sbin/netplan'],
  modprobe: ['/usr/sbin/modprobe'],
  lsmod: ['/usr/sbin/lsmod'],
  sysctl: ['/usr/sbin/sysctl'],
  lsblk: ['/usr/bin/lsblk'],
  blkid: ['/usr/sbin/blkid'],
  findmnt: ['/usr/bin/findmnt'],
  wipefs: ['/usr/sbin/wipefs'],
  sgdisk: ['/usr/sbin/sgdisk'],
  parted: ['/usr/sbin/parted'],
  'mkfs.ext4': ['/usr/sbin/mkfs.ext4'],
  'mkfs.xfs': ['/usr/sbin/mkfs.xfs'],
  mount: ['/usr/bin/mount'],
  umount: ['/usr/bin/umount'],
  swapoff: ['/usr/sbin/swapoff'],
  swapon: ['/usr/sbin/swapon'],
  'iscsi-iname': ['/usr/sbin/iscsi-iname'],
  curl: ['/usr/bin/curl'],
  reboot: ['/usr/sbin/reboot']
}

/** Tools that exist only once the installer wrote them to /usr/local/bin. */
export const K3S_TOOLS = [
  'k3s',
  'k3s-install',
  'k3s-uninstall',
  'k3s-agent-uninstall',
  'k3s-killall'
]

export const TOOL_HELPER_SOURCE = `// rk1 lab stand-in helper: forwards one call to the lab process.
import { connect } from 'node:net'
const [tool, ...args] = process.argv.slice(2)
const chunks = []
const sock = connect('/usr/lib/rk1lab/lab.sock')
sock.on('connect', () => {
  sock.end(JSON.stringify({ tool, args, env: process.env, cwd: process.cwd() }) + '\\n')
})
sock.on('data', (d) => chunks.push(d))
sock.on('end', () => {
  let r
  try {
    r = JSON.parse(Buffer.concat(chunks).toString('utf8'))
  } catch {
    process.stderr.write(tool + ': lab stand-in: no answer from the lab\\n')
    process.exitCode = 1
    return
  }
  if (r.stdout) process.stdout.write(r.stdout)
  if (r.stderr) process.stderr.write(r.stderr)
  process.exitCode = r.code
})
sock.on('error', (e) => {
  process.stderr.write(tool + ': lab stand-in: ' + e.message + '\\n')
  process.exitCode = 1
})
`

/**
 * The per-node sandbox every SSH command runs in. Each command gets fresh mount, PID, UTS and IPC
 * namespaces holding a private root: the host's /usr read-only with the lab stand-ins overlaid on
 * top, the node's own writable /etc, /root, /var … , a tmpfs /dev with only null/zero/random-like
 * nodes (disks are plain files), a fresh /proc with /proc/sys read-only and no /sys. The command
 * then runs chrooted, with the capabilities that could reach the host (mount, mknod, raw I/O,
 * chroot, modules, network admin, open_by_handle_at …) removed from its bounding set.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Rk1Error } from '../../../common/errors'
import { STANDIN_PATHS, TOOL_HELPER_SOURCE } from './standin-files'

/** Writable top-level directories of the node (under `<dir>/fs`). */
export const NODE_WRITABLE_DIRS = [
  'etc',
  'root',
  'var',
  'tmp',
  'run',
  'home',
  'srv',
  'mnt',
  'boot',
  'opt',
  'media',
  'usr/local'
]

const DROPPED_CAPS = [
  'sys_admin',
  'mknod',
  'sys_rawio',
  'sys_module',
  'sys_boot',
  'sys_time',
  'sys_chroot',
  'sys_ptrace',
  'sys_pacct',
  'sys_tty_config',
  'sys_resource',
  'syslog',
  'net_admin',
  'net_raw',
  'dac_read_search',
  'linux_immutable',
  'mac_admin',
  'mac_override',
  'audit_control',
  'audit_write',
  'wake_alarm',
  'block_suspend',
  'bpf',
  'perfmon',
  'checkpoint_restore',
  'lease',
  'setpcap',
  'setfcap'
]

const BASE_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'

const ENTER_SCRIPT = `# Runs as host root inside fresh namespaces; builds the node's root, then drops into it.
set -eu
PATH=/usr/sbin:/usr/bin:/sbin:/bin
R="$RK1LAB_ROOT"; N="$RK1LAB_NODE"; S="$RK1LAB_SANDBOX"
mount -t tmpfs -o mode=755 rk1lab-root "$R"
mkdir "$R/usr"
mount -t overlay rk1lab-usr -o "ro,lowerdir=$S/usr:/usr" "$R/usr"
for l in bin sbin lib lib32 lib64 libx32; do
  if [ -L "/$l" ]; then ln -s "$(readlink "/$l")" "$R/$l"
  elif [ -d "/$l" ]; then mkdir "$R/$l"; mount --bind "/$l" "$R/$l"; mount -o remount,bind,ro "$R/$l"
  fi
done
for d in $RK1LAB_DIRS; do
  [ -d "$R/$d" ] || mkdir -p "$R/$d"
  mount --bind "$N/fs/$d" "$R/$d"
done
mkdir "$R/dev"
mount -t tmpfs -o mode=755,nosuid rk1lab-dev "$R/dev"
for n in null zero full random urandom tty; do : > "$R/dev/$n"; mount --bind "/dev/$n" "$R/dev/$n"; done
ln -s /proc/self/fd "$R/dev/fd"
ln -s /proc/self/fd/0 "$R/dev/stdin"; ln -s /proc/self/fd/1 "$R/dev/stdout"; ln -s /proc/self/fd/2 "$R/dev/stderr"
mkdir "$R/dev/shm" "$R/dev/pts" "$R/dev/disk"
for disk in $RK1LAB_DISKS; do : > "$R/dev/$disk"; done
mkdir "$R/proc" "$R/sys"
mount -t proc rk1lab-proc "$R/proc"
mount --bind "$R/proc/sys" "$R/proc/sys"; mount -o remount,bind,ro "$R/proc/sys"
if [ -e "$R/proc/sysrq-trigger" ]; then mount --bind /dev/null "$R/proc/sysrq-trigger"; fi
if [ -n "\${RK1LAB_MEMINFO:-}" ]; then mount --bind "$RK1LAB_MEMINFO" "$R/proc/meminfo"; fi
if [ -n "\${RK1LAB_EMMC:-}" ] && [ -f "$RK1LAB_EMMC" ]; then : > "$R/dev/mmcblk0"; mount --bind "$RK1LAB_EMMC" "$R/dev/mmcblk0"; fi
mount --bind "$RK1LAB_SOCK" "$R/usr/lib/rk1lab/lab.sock"
mount --bind "$RK1LAB_NODEBIN" "$R/usr/lib/rk1lab/node"
hostname "$RK1LAB_HOSTNAME"
readarray -d '' -t envv < "$RK1LAB_ENVFILE"
cmd="$RK1LAB_CMD"
exec chroot "$R" /usr/bin/setpriv --bounding-set "$RK1LAB_CAPS" -- /usr/bin/env -i -C /root "\${envv[@]}" /bin/bash -c "$cmd"
`

export class SandboxUnavailableError extends Rk1Error {}

let namespacesChecked: boolean | undefined

/** True when this process can create the namespaces the sandbox needs (cached). */
export function namespacesAvailable(): boolean {
  if (namespacesChecked === undefined) {
    try {
      execFileSync('unshare', ['--mount', '--pid', '--uts', '--ipc', '--fork', '--', 'true'], {
        stdio: 'ignore',
        timeout: 10_000
      })
      namespacesChecked = true
    } catch {
      namespacesChecked = false
    }
  }
  return namespacesChecked
}

export function assertSandboxAvailable(slot: number, simulateUnavailable: boolean): void {
  if (simulateUnavailable || !namespacesAvailable()) {
    throw new SandboxUnavailableError(
      'The lab Armbian node cannot isolate node commands from this host, so it refuses to start',
      {
        node: slot,
        step: 'lab-node',
        evidence: simulateUnavailable
          ? 'namespaces reported unavailable (simulated)'
          : '`unshare --mount --pid --uts --ipc --fork true` failed',
        advice:
          'Run the lab as root on Linux with mount/PID namespaces (a privileged container or a VM); ' +
          'the lab never runs node commands on the host itself.'
      }
    )
  }
}

export interface SandboxLayout {
  dir: string
  fsDir: string
  sandboxDir: string
  rootMount: string
  socketPath: string
  /** Bound over /dev/mmcblk0 when it exists: the node's emulated eMMC. */
  emmcPath?: string
  /** Bound over /proc/meminfo: the node's emulated memory. */
  meminfoPath?: string
}

/** Creates the sandbox skeleton: mount point, stand-ins overlay, helper and enter script. */
export function prepareSandbox(layout: SandboxLayout): void {
  const { sandboxDir, rootMount, fsDir } = layout
  mkdirSync(rootMount, { recursive: true })
  for (const d of NODE_WRITABLE_DIRS) mkdirSync(join(fsDir, d), { recursive: true })
  const usr = join(sandboxDir, 'usr')
  mkdirSync(join(usr, 'lib/rk1lab'), { recursive: true })
  writeFileSync(join(usr, 'lib/rk1lab/tool.mjs'), TOOL_HELPER_SOURCE)
  writeFileSync(join(usr, 'lib/rk1lab/lab.sock'), '')
  writeFileSync(join(usr, 'lib/rk1lab/node'), '')
  for (const [tool, paths] of Object.entries(STANDIN_PATHS)) {
    for (const p of paths) {
      const target = join(usr, p.replace(/^\/usr\//, ''))
      mkdirSync(join(target, '..'), { recursive: true })
      writeFileSync(target, standinScript(tool))
      chmodSync(target, 0o755)
    }
  }
  writeFileSync(join(sandboxDir, 'enter.sh'), ENTER_SCRIPT)
}

/** A stand-in executable: hands its arguments to the lab process through the helper. */
export function standinScript(tool: string): string {
  return `#!/bin/bash\nexec /usr/lib/rk1lab/node /usr/lib/rk1lab/tool.mjs ${tool} "$@"\n`
}

export interface SandboxCommand {
  command: string
  env: Record<string, string>
  hostname: string
  /** Kernel names of the disks and partitions that get a (plain file) node under /dev. */
  devices: string[]
  /** A unique id for the env file. */
  id: string
}

/** The `unshare …` invocation that runs `bash -c command` inside the sandbox (writes its env file). */
export function sandboxInvocation(
  layout: SandboxLayout,
  cmd: SandboxCommand
): { file: string; args: string[]; env: Record<string, string> } {
  const env: Record<string, string> = {
    HOME: '/root',
    USER: 'root',
    LOGNAME: 'root',
    SHELL: '/bin/bash',
    LANG: 'C.UTF-8',
    PATH: BASE_PATH,
    ...cmd.env
  }
  const envFile = join(layout.sandboxDir, `env-${cmd.id}`)
  writeFileSync(
    envFile,
    Object.entries(env)
      .map(([k, v]) => `${k}=${v}\0`)
      .join(''),
    { mode: 0o600 }
  )
  return {
    file: 'unshare',
    args: [
      '--mount',
      '--pid',
      '--uts',
      '--ipc',
      '--fork',
      '--kill-child',
      '--propagation',
      'private',
      '--',
      '/bin/bash',
      join(layout.sandboxDir, 'enter.sh')
    ],
    env: {
      PATH: '/usr/sbin:/usr/bin:/sbin:/bin',
      RK1LAB_ROOT: layout.rootMount,
      RK1LAB_NODE: layout.dir,
      RK1LAB_SANDBOX: layout.sandboxDir,
      RK1LAB_DIRS: NODE_WRITABLE_DIRS.join(' '),
      RK1LAB_DISKS: cmd.devices.join(' '),
      RK1LAB_SOCK: layout.socketPath,
      RK1LAB_NODEBIN: process.execPath,
      RK1LAB_HOSTNAME: cmd.hostname,
      RK1LAB_ENVFILE: envFile,
      RK1LAB_CMD: cmd.command,
      RK1LAB_CAPS: DROPPED_CAPS.map((c) => `-${c}`).join(','),
      RK1LAB_EMMC: layout.emmcPath ?? '',
      RK1LAB_MEMINFO: layout.meminfoPath ?? ''
    }
  }
}

/** Spawns `bash -c command` inside the sandbox; the caller owns the process (detached group). */
export function spawnInSandbox(layout: SandboxLayout, cmd: SandboxCommand): ChildProcess {
  const run = sandboxInvocation(layout, cmd)
  return spawn(run.file, run.args, {
    env: run.env,
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true
  })
}

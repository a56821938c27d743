/** hostnamectl, netplan, modprobe/lsmod, sysctl, swapoff/swapon, iscsi-iname. */
import { parseDocument } from 'yaml'
import { fail, ok, type ToolContext, type ToolResult } from '../tool-context'
import { iscsiName, requirePackage } from './packages'

export const KERNEL_RELEASE = '6.1.115-vendor-rk35xx'

export function hostnamectl(ctx: ToolContext): ToolResult {
  const args = ctx.call.args.filter((a) => !a.startsWith('--') || a === '--static')
  const [verb, name] = args.filter((a) => !a.startsWith('-'))
  if ((verb === 'set-hostname' || verb === 'hostname') && name !== undefined) {
    if (!/^[a-zA-Z0-9]([a-zA-Z0-9-]{0,62})(\.[a-zA-Z0-9-]{1,63})*$/.test(name)) {
      return fail(1, `Invalid hostname '${name}'`)
    }
    ctx.state.hostname = name
    ctx.files.write('/etc/hostname', `${name}\n`)
    ctx.save()
    return ok()
  }
  if (verb === 'hostname' || ctx.call.args.includes('--static'))
    return ok(`${ctx.state.hostname}\n`)
  if (verb === undefined || verb === 'status') {
    return ok(
      ` Static hostname: ${ctx.state.hostname}\n       Icon name: computer\n` +
        `Operating System: Armbian ${ctx.state.armbianVersion} trixie\n` +
        `          Kernel: Linux ${KERNEL_RELEASE}\n    Architecture: arm64\n`
    )
  }
  return fail(1, `Unknown command verb '${verb}'.`)
}

export function netplan(ctx: ToolContext): ToolResult {
  const verb = ctx.call.args.find((a) => !a.startsWith('-'))
  if (verb !== 'apply' && verb !== 'generate' && verb !== 'get' && verb !== 'try') {
    return fail(1, `netplan: error: invalid choice: '${verb ?? ''}'`)
  }
  const files: Record<string, string> = {}
  const stderr = ''
  for (const name of ctx.files.list('/etc/netplan').filter((n) => n.endsWith('.yaml'))) {
    const path = `/etc/netplan/${name}`
    const text = ctx.files.read(path) ?? ''
    const doc = parseDocument(text)
    const error = doc.errors[0]
    if (error) {
      const [line, col] = error.linePos?.[0]
        ? [error.linePos[0].line, error.linePos[0].col]
        : [1, 1]
      return fail(
        1,
        `${stderr}${path}:${line}:${col}: Invalid YAML: ${error.message.split('\n')[0]}`
      )
    }
    const value = doc.toJS() as unknown
    if (value !== null && (typeof value !== 'object' || !('network' in value))) {
      return fail(1, `${stderr}${path}: Error in network definition: expected a 'network' mapping`)
    }
    files[name] = text
  }
  if (verb === 'get') return ok(Object.values(files).join(''))
  if (verb === 'apply' || verb === 'try') {
    ctx.state.netplanApplied = files
    ctx.save()
  }
  return { stdout: '', stderr, code: 0 }
}

/** Modules the vendor kernel has (built as modules). */
const MODULES = new Set([
  'br_netfilter',
  'overlay',
  'ip_vs',
  'ip_vs_rr',
  'ip_vs_wrr',
  'ip_vs_sh',
  'nf_conntrack',
  'iscsi_tcp',
  'libiscsi',
  'dm_crypt',
  'dm_mod',
  'dm_snapshot',
  'dm_thin_pool',
  'nfs',
  'nfsv4',
  'vxlan',
  'wireguard',
  'rknpu',
  'xfs',
  'iptable_nat',
  'iptable_filter',
  'ip_tables',
  'xt_conntrack',
  'nvme_tcp',
  'uio',
  'uio_pci_generic'
])

export function modprobe(ctx: ToolContext): ToolResult {
  const remove = ctx.call.args.some((a) => a === '-r' || a === '--remove')
  const all = ctx.call.args.some((a) => a === '-a' || a === '--all' || remove)
  let names = ctx.call.args.filter((a) => !a.startsWith('-'))
  if (!all) names = names.slice(0, 1)
  if (names.length === 0) return fail(1, 'modprobe: ERROR: missing parameters. See -h.')
  for (const raw of names) {
    const name = raw.replace(/-/g, '_')
    if (!MODULES.has(name)) {
      return fail(
        1,
        `modprobe: FATAL: Module ${raw} not found in directory /lib/modules/${KERNEL_RELEASE}`
      )
    }
    if (remove) ctx.state.modules = ctx.state.modules.filter((m) => m !== name)
    else if (!ctx.state.modules.includes(name)) ctx.state.modules.push(name)
  }
  ctx.save()
  return ok()
}

export function lsmod(ctx: ToolContext): ToolResult {
  return ok(
    'Module                  Size  Used by\n' +
      ctx.state.modules.map((m) => `${m.padEnd(24)}${'16384'.padStart(6)}  0\n`).join('')
  )
}

/** Kernel parameters the lab knows, with their defaults. */
export const SYSCTL_DEFAULTS: Record<string, string> = {
  'net.ipv4.ip_forward': '0',
  'net.ipv4.conf.all.forwarding': '0',
  'net.ipv6.conf.all.forwarding': '0',
  'fs.inotify.max_user_instances': '128',
  'fs.inotify.max_user_watches': '29794',
  'fs.file-max': '9223372036854775807',
  'vm.swappiness': '100',
  'vm.max_map_count': '65530',
  'vm.overcommit_memory': '0',
  'vm.panic_on_oom': '0',
  'kernel.panic': '0',
  'kernel.panic_on_oops': '0',
  'net.core.somaxconn': '4096',
  'net.ipv4.conf.all.rp_filter': '0',
  'net.ipv4.ip_nonlocal_bind': '0'
}

const BRIDGE_KEYS = [
  'net.bridge.bridge-nf-call-iptables',
  'net.bridge.bridge-nf-call-ip6tables',
  'net.bridge.bridge-nf-call-arptables'
]

function sysctlGet(ctx: ToolContext, key: string): string | undefined {
  if (BRIDGE_KEYS.includes(key)) {
    return ctx.state.modules.includes('br_netfilter') ? (ctx.state.sysctl[key] ?? '1') : undefined
  }
  if (key in SYSCTL_DEFAULTS) return ctx.state.sysctl[key] ?? SYSCTL_DEFAULTS[key]
  return undefined
}

const missingKey = (key: string): string =>
  `sysctl: cannot stat /proc/sys/${key.replace(/\./g, '/')}: No such file or directory\n`

/** Applies `key = value` lines of a sysctl.d file; returns [stdout, stderr]. */
export function applySysctlText(ctx: ToolContext, text: string, echo: boolean): [string, string] {
  let out = ''
  let err = ''
  for (const line of text.split('\n')) {
    const t = line.trim()
    if (!t || t.startsWith('#') || t.startsWith(';')) continue
    const m = /^-?\s*([^=\s]+)\s*=\s*(.*)$/.exec(t)
    if (!m?.[1]) continue
    const key = m[1].replace(/\//g, '.')
    const value = (m[2] ?? '').trim()
    if (sysctlGet(ctx, key) === undefined) {
      if (!t.startsWith('-')) err += missingKey(key)
      continue
    }
    ctx.state.sysctl[key] = value
    if (echo) out += `${key} = ${value}\n`
  }
  return [out, err]
}

export function sysctl(ctx: ToolContext): ToolResult {
  const args = ctx.call.args
  const valueOnly = args.includes('-n') || args.includes('--values')
  const quiet = args.includes('-q') || args.includes('--quiet')
  if (args.includes('--system')) {
    let stdout = ''
    let stderr = ''
    const files = ctx.files
      .list('/etc/sysctl.d')
      .filter((n) => n.endsWith('.conf'))
      .map((n) => `/etc/sysctl.d/${n}`)
    if (ctx.files.exists('/etc/sysctl.conf')) files.push('/etc/sysctl.conf')
    for (const f of files) {
      stdout += `* Applying ${f} ...\n`
      const [o, e] = applySysctlText(ctx, ctx.files.read(f) ?? '', !quiet)
      stdout += o
      stderr += e
    }
    ctx.save()
    return { stdout, stderr, code: 0 }
  }
  const pIndex = args.findIndex((a) => a === '-p' || a.startsWith('--load'))
  if (pIndex >= 0) {
    const file =
      args[pIndex + 1] && !args[pIndex + 1]?.startsWith('-') ? args[pIndex + 1] : '/etc/sysctl.conf'
    const text = ctx.files.read(file ?? '/etc/sysctl.conf', ctx.call.cwd)
    if (text === undefined)
      return fail(255, `sysctl: cannot open "${file}": No such file or directory`)
    const [o, e] = applySysctlText(ctx, text, !quiet)
    ctx.save()
    return { stdout: o, stderr: e, code: e ? 255 : 0 }
  }
  if (args.includes('-a') || args.includes('--all')) {
    const keys = [...Object.keys(SYSCTL_DEFAULTS), ...BRIDGE_KEYS].sort()
    return ok(
      keys
        .map((k) => [k, sysctlGet(ctx, k)] as const)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => `${k} = ${v}\n`)
        .join('')
    )
  }
  let stdout = ''
  let stderr = ''
  for (const a of args.filter((x) => !x.startsWith('-'))) {
    const eq = a.indexOf('=')
    const key = (eq >= 0 ? a.slice(0, eq) : a).replace(/\//g, '.').trim()
    const current = sysctlGet(ctx, key)
    if (current === undefined) {
      stderr += missingKey(key)
      continue
    }
    if (eq >= 0) {
      const value = a.slice(eq + 1).trim()
      ctx.state.sysctl[key] = value
      if (!quiet) stdout += valueOnly ? `${value}\n` : `${key} = ${value}\n`
    } else {
      stdout += valueOnly ? `${current}\n` : `${key} = ${current}\n`
    }
  }
  ctx.save()
  return { stdout, stderr, code: stderr ? 255 : 0 }
}

export function swapoff(ctx: ToolContext): ToolResult {
  const args = ctx.call.args
  if (args.includes('-a') || args.includes('--all')) ctx.state.swap = []
  else {
    for (const dev of args.filter((a) => !a.startsWith('-'))) {
      if (!ctx.state.swap.some((s) => s.name === dev)) {
        return fail(4, `swapoff: ${dev}: swapoff failed: Invalid argument`)
      }
      ctx.state.swap = ctx.state.swap.filter((s) => s.name !== dev)
    }
  }
  ctx.save()
  return ok()
}

export function swapon(ctx: ToolContext): ToolResult {
  const args = ctx.call.args
  if (!args.some((a) => a.startsWith('--show') || a === '-s' || a === '--summary')) {
    return fail(1, 'lab: only `swapon --show` is emulated')
  }
  if (ctx.state.swap.length === 0) return ok()
  const header = !args.includes('--noheadings')
  const bytes = args.includes('--bytes')
  const rows = ctx.state.swap.map(
    (s) =>
      `${s.name.padEnd(11)}${'partition'.padEnd(10)}${(bytes ? String(s.sizeBytes) : `${Math.round(s.sizeBytes / 2 ** 20)}M`).padStart(6)}   0B  100\n`
  )
  return ok(`${header ? 'NAME       TYPE       SIZE USED PRIO\n' : ''}${rows.join('')}`)
}

export function iscsiInameTool(ctx: ToolContext): ToolResult {
  return requirePackage(ctx, 'iscsi-iname') ?? ok(`${iscsiName()}\n`)
}

/**
 * `reboot -f`: the kernel restarts at once, no units stopped, nothing unmounted (the lab's way for
 * a node command to reboot, since the sandbox has no usable /proc/sysrq-trigger). A plain
 * `reboot` would shut down cleanly first; nothing in the product asks for that, so it is refused.
 */
export function reboot(ctx: ToolContext): ToolResult {
  const force = ctx.call.args.some((a) => a === '-f' || a === '--force')
  if (!force) return fail(1, 'reboot: lab stand-in: only `reboot -f` is emulated')
  if (!ctx.reboot) return fail(1, 'reboot: lab stand-in: this node cannot reboot from here')
  const now = ctx.reboot.bind(ctx)
  // The answer goes out first; the kernel then takes the node down.
  setTimeout(now, 50)
  return ok()
}

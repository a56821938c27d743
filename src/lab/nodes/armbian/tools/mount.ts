/** mount and umount (with fstab) over the node's disk model: mounts are recorded, not made. */
import { fail, ok, type ToolContext, type ToolResult } from '../tool-context'
import { allMounts, findDevice } from './disk-model'

const PSEUDO_FS = new Set([
  'tmpfs',
  'proc',
  'sysfs',
  'devpts',
  'none',
  'overlay',
  'cgroup2',
  'bind'
])

function mountOne(
  ctx: ToolContext,
  source: string,
  target: string,
  nofail: boolean
): string | undefined {
  if (PSEUDO_FS.has(source)) return undefined
  const found = findDevice(ctx.state, source)
  if (!found) {
    if (nofail) return undefined
    return /^(UUID|LABEL)=/.test(source)
      ? `mount: ${target}: can't find ${source}.`
      : `mount: ${target}: special device ${source} does not exist.`
  }
  const t = found.target
  if (t.mountpoint === target) return undefined
  if (!ctx.files.isDir(target)) return `mount: ${target}: mount point does not exist.`
  if (!t.fstype) {
    return `mount: ${target}: wrong fs type, bad option, bad superblock on /dev/${t.name}, missing codepage or helper program, or other error.`
  }
  if (t.mountpoint) return `mount: ${target}: /dev/${t.name} already mounted on ${t.mountpoint}.`
  t.mountpoint = target
  return undefined
}

export interface FstabEntry {
  source: string
  target: string
  fstype: string
  options: string[]
}

export function readFstab(ctx: ToolContext): FstabEntry[] {
  return (ctx.files.read('/etc/fstab') ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => l.split(/\s+/))
    .filter((f) => f.length >= 3)
    .map((f) => ({
      source: f[0] ?? '',
      target: f[1] ?? '',
      fstype: f[2] ?? '',
      options: (f[3] ?? 'defaults').split(',')
    }))
}

/** `mount -a`: every fstab entry that is not swap, noauto or already mounted. */
export function mountAll(ctx: ToolContext): string[] {
  const errors: string[] = []
  for (const e of readFstab(ctx)) {
    if (e.fstype === 'swap' || e.target === '/' || e.options.includes('noauto')) continue
    const error = mountOne(ctx, e.source, e.target, e.options.includes('nofail'))
    if (error) errors.push(error)
  }
  return errors
}

export function mount(ctx: ToolContext): ToolResult {
  const args = ctx.call.args
  const positional: string[] = []
  let all = false
  let options: string[] = []
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? ''
    if (a === '-a' || a === '--all') all = true
    else if (a === '-t' || a === '--types') i++
    else if (a === '-o' || a === '--options') options = (args[++i] ?? '').split(',')
    else if (!a.startsWith('-')) positional.push(a)
  }
  if (all) {
    const errors = mountAll(ctx)
    ctx.save()
    return errors.length ? fail(32, errors.join('\n')) : ok()
  }
  if (positional.length === 0) {
    return ok(
      allMounts(ctx.state)
        .map((m) => `${m.dev} on ${m.t.mountpoint} type ${m.t.fstype} (rw,noatime)\n`)
        .join('')
    )
  }
  let [source, target] = positional
  if (target === undefined) {
    const entry = readFstab(ctx).find((e) => e.target === source || e.source === source)
    if (!entry) return fail(1, `mount: ${source}: can't find in /etc/fstab.`)
    ;[source, target] = [entry.source, entry.target]
    options = entry.options
  }
  const error = mountOne(ctx, source ?? '', target ?? '', options.includes('nofail'))
  ctx.save()
  return error ? fail(32, error) : ok()
}

export function umount(ctx: ToolContext): ToolResult {
  const targets = ctx.call.args.filter((a) => !a.startsWith('-'))
  for (const target of targets) {
    const m = allMounts(ctx.state).find((x) => x.t.mountpoint === target || x.dev === target)
    if (!m) return fail(32, `umount: ${target}: not mounted.`)
    if (m.t.mountpoint === '/') return fail(32, `umount: /: target is busy.`)
    delete m.t.mountpoint
  }
  ctx.save()
  return ok()
}

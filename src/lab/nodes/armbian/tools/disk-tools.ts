/** wipefs, sgdisk, parted and mkfs.ext4/xfs over the node's disk model. */
import { randomUUID } from 'node:crypto'
import { fail, ok, type ToolContext, type ToolResult } from '../tool-context'
import type { Disk, Partition } from '../types'
import { busy, findDevice, partName, type Found } from './disk-model'
import { requirePackage } from './packages'

function clearFs(t: Disk | Partition): void {
  delete t.fstype
  delete t.uuid
  delete t.label
  t.hasData = false
}

export function wipefs(ctx: ToolContext): ToolResult {
  const args = ctx.call.args
  const all = args.some((a) => a === '-a' || a === '--all' || /^-[a-z]*a/.test(a))
  const devs = args.filter((a) => !a.startsWith('-'))
  let out = ''
  for (const dev of devs) {
    const found = findDevice(ctx.state, dev)
    if (!found)
      return fail(
        1,
        `wipefs: error: ${dev}: probing initialization failed: No such file or directory`
      )
    const t = found.target
    if (!all) {
      const sigs: string[] = []
      if (!found.part && found.disk.pttype) sigs.push(`0x200    gpt   `)
      if (t.fstype) sigs.push(`0x438    ${t.fstype} ${t.uuid ?? ''} ${t.label ?? ''}`)
      if (sigs.length)
        out += `DEVICE  OFFSET TYPE UUID LABEL\n${sigs.map((s) => `${t.name} ${s}\n`).join('')}`
      continue
    }
    if (busy(found)) {
      return fail(
        1,
        `wipefs: error: ${dev}: probing initialization failed: Device or resource busy`,
        out
      )
    }
    if (t.fstype) out += `${dev}: 2 bytes were erased at offset 0x00000438 (${t.fstype}): 53 ef\n`
    if (!found.part && found.disk.pttype) {
      out += `${dev}: 8 bytes were erased at offset 0x00000200 (gpt): 45 46 49 20 50 41 52 54\n`
      out += `${dev}: 2 bytes were erased at offset 0x000001fe (PMBR): 55 aa\n`
      delete found.disk.pttype
    }
    clearFs(t)
  }
  ctx.save()
  return ok(out)
}

function diskFor(ctx: ToolContext, dev: string | undefined): Found | undefined {
  const found = dev ? findDevice(ctx.state, dev) : undefined
  return found && !found.part ? found : undefined
}

function addPartition(disk: Disk, n: number, sizeBytes: number, partlabel?: string): void {
  disk.partitions = disk.partitions.filter((p) => p.number !== n)
  const p: Partition = { name: partName(disk.name, n), number: n, sizeBytes }
  if (partlabel) p.partlabel = partlabel
  disk.partitions.push(p)
  disk.partitions.sort((a, b) => a.number - b.number)
}

function freeBytes(disk: Disk): number {
  return disk.sizeBytes - 2 ** 20 - disk.partitions.reduce((s, p) => s + p.sizeBytes, 0)
}

export function sgdisk(ctx: ToolContext): ToolResult {
  const gated = requirePackage(ctx, 'sgdisk')
  if (gated) return gated
  const args = ctx.call.args
  const dev = args.filter((a) => !a.startsWith('-')).pop()
  const found = diskFor(ctx, dev)
  if (!found)
    return fail(
      2,
      `Problem opening ${dev ?? ''} for reading! Error is 2.\nThe specified file does not exist!`
    )
  const disk = found.disk
  let out = ''
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? ''
    const v = (): string => (a.includes('=') ? a.slice(a.indexOf('=') + 1) : (args[++i] ?? ''))
    if (a === '-Z' || a === '--zap-all' || a === '-z' || a === '--zap') {
      if (busy(found))
        return fail(2, 'Unable to open device for writing: Device or resource busy', out)
      disk.partitions = []
      delete disk.pttype
      clearFs(disk)
      out +=
        'GPT data structures destroyed! You may now partition the disk using fdisk or\nother utilities.\n'
      continue
    }
    if (a === '-o' || a === '--clear') {
      disk.partitions = []
      disk.pttype = 'gpt'
      clearFs(disk)
    } else if (a.startsWith('-n') || a.startsWith('--new')) {
      const [num, , end] = v().split(':')
      const n = Number(num) || disk.partitions.length + 1
      const size = /^\+(\d+)([KMGT])$/.exec(end ?? '')
      const bytes = size
        ? Number(size[1]) * 1024 ** ' KMGT'.indexOf(size[2] ?? 'K')
        : freeBytes(disk)
      disk.pttype ??= 'gpt'
      addPartition(disk, n, Math.min(bytes, freeBytes(disk)))
    } else if (a.startsWith('-c') || a.startsWith('--change-name')) {
      const [num, name] = v().split(':')
      const p = disk.partitions.find((x) => x.number === Number(num))
      if (p && name) p.partlabel = name
    } else if (a.startsWith('-t') || a.startsWith('--typecode')) {
      v()
    } else if (a === '-p' || a === '--print') {
      out += `Disk /dev/${disk.name}: ${disk.sizeBytes / 512} sectors\nNumber  Start (sector)    End (sector)  Size       Code  Name\n`
      out += disk.partitions
        .map(
          (p) =>
            `   ${p.number}            2048   ${p.sizeBytes / 512}   8300  ${p.partlabel ?? ''}\n`
        )
        .join('')
      continue
    } else continue
  }
  if (!args.some((a) => a === '-p' || a === '--print')) {
    if (!args.some((a) => /^(-Z|--zap-all|-z|--zap)$/.test(a)))
      out = 'Creating new GPT entries in memory.\n' + out
    out += 'The operation has completed successfully.\n'
  }
  ctx.save()
  return ok(out)
}

function percentOrBytes(disk: Disk, s: string): number {
  const pct = /^(\d+(?:\.\d+)?)%$/.exec(s)
  if (pct) return (Number(pct[1]) / 100) * disk.sizeBytes
  const unit = /^(\d+(?:\.\d+)?)(B|KiB|MiB|GiB|TiB|kB|MB|GB|TB|s)?$/.exec(s)
  if (!unit) return 0
  const mult: Record<string, number> = {
    B: 1,
    s: 512,
    KiB: 1024,
    MiB: 2 ** 20,
    GiB: 2 ** 30,
    TiB: 2 ** 40,
    kB: 1e3,
    MB: 1e6,
    GB: 1e9,
    TB: 1e12
  }
  return Number(unit[1]) * (mult[unit[2] ?? 'MB'] ?? 1e6)
}

export function parted(ctx: ToolContext): ToolResult {
  const gated = requirePackage(ctx, 'parted')
  if (gated) return gated
  const args = ctx.call.args.filter(
    (a) => !['-s', '--script', '-a', 'optimal', '-m'].includes(a) && !a.startsWith('--align')
  )
  const [dev, ...words] = args
  const found = diskFor(ctx, dev)
  if (!found)
    return fail(1, `Error: Could not stat device ${dev ?? ''} - No such file or directory.`)
  const disk = found.disk
  let out = ''
  for (let i = 0; i < words.length; i++) {
    const w = words[i]
    if (w === 'mklabel') {
      if (busy(found)) return fail(1, `Error: Partition(s) on ${dev} are being used.`)
      disk.pttype = words[++i] === 'msdos' ? 'dos' : 'gpt'
      disk.partitions = []
      clearFs(disk)
    } else if (w === 'mkpart') {
      if (!disk.pttype) return fail(1, `Error: ${dev}: unrecognised disk label`)
      // mkpart [part-type|name] [fs-type] start end: the last two words are the bounds.
      const rest: string[] = []
      while (
        i + 1 < words.length &&
        !['mklabel', 'mkpart', 'print', 'name'].includes(words[i + 1] ?? '')
      ) {
        rest.push(words[++i] ?? '')
      }
      const end = rest.pop() ?? '100%'
      const start = rest.pop() ?? '0%'
      const name =
        disk.pttype === 'gpt' && rest[0] && !['primary', 'logical', 'extended'].includes(rest[0])
          ? rest[0]
          : undefined
      const bytes =
        Math.max(0, percentOrBytes(disk, end) - percentOrBytes(disk, start)) || freeBytes(disk)
      addPartition(
        disk,
        disk.partitions.length + 1,
        Math.floor(Math.min(bytes, freeBytes(disk)) / 512) * 512,
        name
      )
    } else if (w === 'name') {
      const p = disk.partitions.find((x) => x.number === Number(words[i + 1]))
      if (p) p.partlabel = words[i + 2] ?? ''
      i += 2
    } else if (w === 'print') {
      out += `Model: ${disk.model || 'MMC'} (nvme)\nDisk /dev/${disk.name}: ${Math.round(disk.sizeBytes / 1e9)}GB\n`
      out += `Partition Table: ${disk.pttype ?? 'unknown'}\n\nNumber  Start   End     Size    File system  Name  Flags\n`
      out += disk.partitions
        .map(
          (p) =>
            ` ${p.number}      1049kB  ${Math.round(p.sizeBytes / 1e9)}GB  ${Math.round(p.sizeBytes / 1e9)}GB  ${p.fstype ?? ''}  ${p.partlabel ?? ''}\n`
        )
        .join('')
    } else if (w !== undefined) {
      return fail(1, `parted: invalid token: ${w}`)
    }
  }
  ctx.save()
  return ok(out)
}

const MKFS_ARG_OPTS = new Set([
  '-L',
  '-U',
  '-m',
  '-E',
  '-b',
  '-i',
  '-N',
  '-O',
  '-T',
  '-t',
  '-d',
  '-l',
  '-n',
  '-s',
  '-r',
  '-I',
  '-G',
  '-J',
  '-C',
  '-e',
  '-M',
  '-o',
  '-g'
])

export function mkfs(ctx: ToolContext, fstype: 'ext4' | 'xfs'): ToolResult {
  const tool = `mkfs.${fstype}`
  const gated = requirePackage(ctx, tool)
  if (gated) return gated
  const args = ctx.call.args
  let label: string | undefined
  let force = false
  const positional: string[] = []
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? ''
    if (a === '-L') label = args[++i]
    else if (a === '-f' || a === '-F' || a === '-FF') force = true
    else if (MKFS_ARG_OPTS.has(a)) i++
    else if (!a.startsWith('-')) positional.push(a)
  }
  const dev = positional[0]
  if (!dev)
    return fail(
      1,
      fstype === 'ext4'
        ? 'Usage: mkfs.ext4 [-c|-l filename] [-b block-size] ... device [blocks-count]'
        : 'mkfs.xfs: no device name given in argument list'
    )
  const found = findDevice(ctx.state, dev)
  if (!found) {
    return fstype === 'ext4'
      ? fail(
          1,
          `The file ${dev} does not exist and no size was specified.`,
          'mke2fs 1.47.2 (1-Jan-2025)\n'
        )
      : fail(1, `mkfs.xfs: cannot open ${dev}: No such file or directory`)
  }
  const t = found.target
  if (busy(found)) {
    return fstype === 'ext4'
      ? fail(
          1,
          `${dev} is mounted; will not make a filesystem here!`,
          'mke2fs 1.47.2 (1-Jan-2025)\n'
        )
      : fail(1, `mkfs.xfs: ${dev} contains a mounted filesystem\nUsage: mkfs.xfs`)
  }
  const existing =
    t.fstype ??
    (!found.part && found.disk.pttype ? `${found.disk.pttype} partition table` : undefined)
  if (fstype === 'xfs' && existing && !force) {
    return fail(
      1,
      `mkfs.xfs: ${dev} appears to contain an existing filesystem (${existing}).\nmkfs.xfs: Use the -f option to force overwrite.`
    )
  }
  if (!found.part) {
    found.disk.partitions = []
    delete found.disk.pttype
  }
  const uuid = randomUUID()
  t.fstype = fstype
  t.uuid = uuid
  t.hasData = false
  if (label) t.label = label
  else delete t.label
  ctx.save()
  const blocks = Math.floor(t.sizeBytes / 4096)
  if (fstype === 'ext4') {
    let out = 'mke2fs 1.47.2 (1-Jan-2025)\n'
    if (existing)
      out += `${dev} contains a ${existing} file system${t.label ? ` labelled '${t.label}'` : ''}\n`
    out += `Discarding device blocks: done\nCreating filesystem with ${blocks} 4k blocks and ${Math.floor(blocks / 4)} inodes\n`
    out += `Filesystem UUID: ${uuid}\nAllocating group tables: done\nWriting inode tables: done\n`
    out +=
      'Creating journal (262144 blocks): done\nWriting superblocks and filesystem accounting information: done\n\n'
    return ok(out)
  }
  return ok(
    `meta-data=${dev}        isize=512    agcount=4, agsize=${Math.floor(blocks / 4)} blks\n` +
      `data     =                       bsize=4096   blocks=${blocks}, imaxpct=25\n` +
      'naming   =version 2              bsize=4096   ascii-ci=0, ftype=1\n' +
      'log      =internal log           bsize=4096   blocks=16384, version=2\n' +
      'realtime =none                   extsz=4096   blocks=0, rtextents=0\n'
  )
}

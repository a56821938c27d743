/** lsblk, blkid and findmnt over the node's disk model. */
import { fail, ok, type ToolContext, type ToolResult } from '../tool-context'
import type { Disk, Partition } from '../types'
import { allMounts, findDevice, humanSize } from './disk-model'

type Col = (t: Disk | Partition, disk: Disk, o: { bytes: boolean; paths: boolean }) => unknown

const COLS: Record<string, Col> = {
  NAME: (t, _d, o) => (o.paths ? `/dev/${t.name}` : t.name),
  KNAME: (t) => t.name,
  PATH: (t) => `/dev/${t.name}`,
  'MAJ:MIN': (t, d) =>
    `${d.name.startsWith('nvme') ? 259 : 179}:${t === d ? 0 : (t as Partition).number}`,
  RM: () => false,
  RO: () => false,
  SIZE: (t, _d, o) => (o.bytes ? t.sizeBytes : humanSize(t.sizeBytes)),
  TYPE: (t, d) => (t === d ? 'disk' : 'part'),
  MOUNTPOINT: (t) => t.mountpoint ?? null,
  MOUNTPOINTS: (t) => [t.mountpoint ?? null],
  FSTYPE: (t) => t.fstype ?? null,
  FSVER: (t) => (t.fstype === 'ext4' ? '1.0' : t.fstype ? 'V5' : null),
  LABEL: (t) => t.label ?? null,
  UUID: (t) => t.uuid ?? null,
  PARTLABEL: (t, d) => (t === d ? null : ((t as Partition).partlabel ?? null)),
  MODEL: (t, d) => (t === d ? d.model || null : null),
  SERIAL: (t, d) => (t === d ? d.serial : null),
  PTTYPE: (_t, d) => d.pttype ?? null,
  FSAVAIL: (t) => (t.mountpoint ? humanSize(Math.floor(t.sizeBytes * 0.9)) : null),
  'FSUSE%': (t) => (t.mountpoint ? '8%' : null)
}

function optionValue(args: string[], short: string, long: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? ''
    if (a === short || a === long) return args[i + 1]
    if (a.startsWith(`${long}=`)) return a.slice(long.length + 1)
  }
  return undefined
}

function text(v: unknown): string {
  if (v === null || v === undefined) return ''
  if (Array.isArray(v)) return v.filter((x) => x !== null).join(',')
  if (typeof v === 'boolean') return v ? '1' : '0'
  return String(v)
}

export function lsblk(ctx: ToolContext): ToolResult {
  const args = ctx.call.args
  const flag = (s: string, l: string): boolean =>
    args.some((a) => a === l || (/^-[a-zA-Z]+$/.test(a) && a.includes(s.slice(1))))
  const json = flag('-J', '--json')
  const o = { bytes: flag('-b', '--bytes'), paths: flag('-p', '--paths') }
  const nodeps = flag('-d', '--nodeps')
  const noheadings = flag('-n', '--noheadings')
  const list = flag('-l', '--list') || flag('-r', '--raw')
  const outArg = optionValue(args, '-o', '--output')
  let cols = ['NAME', 'MAJ:MIN', 'RM', 'SIZE', 'RO', 'TYPE', 'MOUNTPOINTS']
  if (flag('-f', '--fs'))
    cols = ['NAME', 'FSTYPE', 'FSVER', 'LABEL', 'UUID', 'FSAVAIL', 'FSUSE%', 'MOUNTPOINTS']
  if (outArg) cols = outArg.split(',').map((c) => c.trim().toUpperCase())
  for (const c of cols) if (!COLS[c]) return fail(1, `lsblk: unknown column: ${c}`)
  const positional = args.filter(
    (a, i) => !a.startsWith('-') && !['-o', '--output'].includes(args[i - 1] ?? '')
  )
  const rows: { t: Disk | Partition; disk: Disk }[] = []
  for (const dev of positional) {
    const found = findDevice(ctx.state, dev)
    if (!found) return fail(32, `lsblk: ${dev}: not a block device`)
    rows.push({ t: found.target, disk: found.disk })
  }
  if (positional.length === 0) for (const disk of ctx.state.disks) rows.push({ t: disk, disk })
  const children = (r: {
    t: Disk | Partition
    disk: Disk
  }): { t: Disk | Partition; disk: Disk }[] =>
    r.t === r.disk && !nodeps ? r.disk.partitions.map((p) => ({ t: p, disk: r.disk })) : []

  if (json) {
    const obj = (r: { t: Disk | Partition; disk: Disk }): Record<string, unknown> => {
      const e: Record<string, unknown> = {}
      for (const c of cols) e[c.toLowerCase()] = COLS[c]?.(r.t, r.disk, o)
      const kids = children(r)
      if (kids.length > 0 && !list) e.children = kids.map(obj)
      return e
    }
    const flat = list ? rows.flatMap((r) => [r, ...children(r)]) : rows
    return ok(`${JSON.stringify({ blockdevices: flat.map(obj) }, null, 3)}\n`)
  }
  const table: string[][] = []
  const walk = (r: { t: Disk | Partition; disk: Disk }, prefix: string): void => {
    table.push(cols.map((c, i) => (i === 0 ? prefix : '') + text(COLS[c]?.(r.t, r.disk, o))))
    const kids = children(r)
    kids.forEach((k, i) => walk(k, list ? '' : i === kids.length - 1 ? '└─' : '├─'))
  }
  for (const r of rows) walk(r, '')
  if (!noheadings) table.unshift(cols)
  const widths = cols.map((_, i) => Math.max(...table.map((row) => (row[i] ?? '').length)))
  return ok(
    table
      .map((row) =>
        row
          .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
          .join(' ')
          .trimEnd()
      )
      .join('\n') + '\n'
  )
}

export function blkid(ctx: ToolContext): ToolResult {
  const args = ctx.call.args
  const tags: string[] = []
  let format = 'full'
  const devs: string[] = []
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? ''
    if (a === '-s') tags.push(args[++i] ?? '')
    else if (a === '-o') format = args[++i] ?? 'full'
    else if (a === '-U' || a === '-L') {
      const found = findDevice(ctx.state, `${a === '-U' ? 'UUID' : 'LABEL'}=${args[i + 1] ?? ''}`)
      return found ? ok(`/dev/${found.target.name}\n`) : fail(2, '')
    } else if (!a.startsWith('-')) devs.push(a)
  }
  const targets: (Disk | Partition)[] = []
  if (devs.length > 0) {
    for (const d of devs) {
      const found = findDevice(ctx.state, d)
      if (found?.target.fstype) targets.push(found.target)
    }
  } else {
    for (const disk of ctx.state.disks) {
      for (const t of [disk, ...disk.partitions]) if (t.fstype) targets.push(t)
    }
  }
  if (targets.length === 0) return fail(2, '')
  let out = ''
  for (const t of targets) {
    const all: [string, string | undefined][] = [
      ['LABEL', t.label],
      ['UUID', t.uuid],
      ['BLOCK_SIZE', '4096'],
      ['TYPE', t.fstype],
      ['PARTLABEL', 'partlabel' in t ? t.partlabel : undefined]
    ]
    const pairs = all.filter(([k, v]) => v !== undefined && (tags.length === 0 || tags.includes(k)))
    if (format === 'value') out += pairs.map(([, v]) => `${v}\n`).join('')
    else if (format === 'export')
      out += `DEVNAME=/dev/${t.name}\n${pairs.map(([k, v]) => `${k}=${v}\n`).join('')}\n`
    else out += `/dev/${t.name}: ${pairs.map(([k, v]) => `${k}="${v}"`).join(' ')}\n`
  }
  return ok(out)
}

export function findmnt(ctx: ToolContext): ToolResult {
  const args = ctx.call.args
  const noheadings = args.includes('-n') || args.includes('--noheadings')
  const outArg = optionValue(args, '-o', '--output')
  const cols = (outArg ?? 'TARGET,SOURCE,FSTYPE,OPTIONS')
    .split(',')
    .map((c) => c.trim().toUpperCase())
  const positional = args.filter(
    (a, i) => !a.startsWith('-') && !['-o', '--output'].includes(args[i - 1] ?? '')
  )
  let mounts = allMounts(ctx.state)
  if (positional[0]) {
    const want = positional[0]
    mounts = mounts.filter(
      (m) =>
        m.t.mountpoint === want || m.dev === want || findDevice(ctx.state, want)?.target === m.t
    )
    if (mounts.length === 0) return fail(1, '')
  }
  const value = (m: (typeof mounts)[number], c: string): string =>
    ({
      TARGET: m.t.mountpoint ?? '',
      SOURCE: m.dev,
      FSTYPE: m.t.fstype ?? '',
      OPTIONS: 'rw,noatime',
      UUID: m.t.uuid ?? '',
      LABEL: m.t.label ?? ''
    })[c] ?? ''
  const rows = mounts.map((m) => cols.map((c) => value(m, c)))
  if (!noheadings) rows.unshift(cols)
  const widths = cols.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)))
  return ok(
    rows
      .map((r) =>
        r
          .map((v, i) => v.padEnd(widths[i] ?? 0))
          .join(' ')
          .trimEnd()
      )
      .join('\n') + '\n'
  )
}

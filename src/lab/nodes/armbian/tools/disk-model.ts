/** The node's block devices: the eMMC (system) and an optional NVMe data disk. */
import { randomUUID } from 'node:crypto'
import type { ArmbianNodeState, Disk, Partition } from '../types'

export const EMMC_BYTES = 31_268_536_320
export const NVME_BYTES = 500_107_862_016

export function initialDisks(nvme: 'none' | 'blank' | 'data'): Disk[] {
  const emmc: Disk = {
    name: 'mmcblk0',
    sizeBytes: EMMC_BYTES,
    model: '',
    serial: '0x6a1b2c3d',
    pttype: 'gpt',
    system: true,
    partitions: [
      {
        name: 'mmcblk0p1',
        number: 1,
        sizeBytes: EMMC_BYTES - 16 * 2 ** 20 - 17 * 1024,
        partlabel: 'rootfs',
        fstype: 'ext4',
        label: 'armbi_root',
        uuid: randomUUID(),
        mountpoint: '/',
        hasData: true
      }
    ]
  }
  const disks = [emmc]
  if (nvme !== 'none') {
    const disk: Disk = {
      name: 'nvme0n1',
      sizeBytes: NVME_BYTES,
      model: 'Samsung SSD 980 500GB',
      serial: 'S64DNL0T000000X',
      partitions: []
    }
    if (nvme === 'data') {
      disk.pttype = 'gpt'
      disk.partitions.push({
        name: 'nvme0n1p1',
        number: 1,
        sizeBytes: NVME_BYTES - 2 ** 20,
        fstype: 'ext4',
        uuid: randomUUID(),
        label: 'old-data',
        hasData: true
      })
    }
    disks.push(disk)
  }
  return disks
}

export function partName(disk: string, n: number): string {
  return /\d$/.test(disk) ? `${disk}p${n}` : `${disk}${n}`
}

export interface Found {
  disk: Disk
  part?: Partition
  /** The object carrying fstype/uuid/label/mountpoint. */
  target: Disk | Partition
}

/** Resolves `/dev/x`, `UUID=…`, `LABEL=…`, `PARTLABEL=…` and /dev/disk/by-* links. */
export function findDevice(state: ArmbianNodeState, spec: string): Found | undefined {
  let s = spec.replace(/^"(.*)"$/, '$1')
  const by = /^\/dev\/disk\/by-(uuid|label|partlabel)\/(.+)$/.exec(s)
  if (by?.[1] && by[2]) s = `${by[1].toUpperCase()}=${by[2]}`
  const kv = /^(UUID|LABEL|PARTLABEL)=(.+)$/.exec(s)
  for (const disk of state.disks) {
    const all: (Disk | Partition)[] = [disk, ...disk.partitions]
    for (const t of all) {
      const part = t === disk ? undefined : (t as Partition)
      const hit = kv
        ? (kv[1] === 'UUID' && t.uuid === kv[2]) ||
          (kv[1] === 'LABEL' && t.label === kv[2]) ||
          (kv[1] === 'PARTLABEL' && part?.partlabel === kv[2])
        : s === `/dev/${t.name}`
      if (hit) return part ? { disk, part, target: part } : { disk, target: disk }
    }
  }
  return undefined
}

export function allMounts(state: ArmbianNodeState): { dev: string; t: Disk | Partition }[] {
  const out: { dev: string; t: Disk | Partition }[] = []
  for (const disk of state.disks) {
    for (const t of [disk, ...disk.partitions]) {
      if (t.mountpoint) out.push({ dev: `/dev/${t.name}`, t })
    }
  }
  return out
}

/** Any filesystem of the disk (or the partition itself) is mounted. */
export function busy(found: Found): boolean {
  if (found.part) return !!found.part.mountpoint
  return !!found.disk.mountpoint || found.disk.partitions.some((p) => p.mountpoint)
}

export function deviceNames(state: ArmbianNodeState): string[] {
  return state.disks.flatMap((d) => [d.name, ...d.partitions.map((p) => p.name)])
}

/** lsblk's human sizes: 1024-based, one decimal unless whole. */
export function humanSize(bytes: number): string {
  const units = ['B', 'K', 'M', 'G', 'T', 'P']
  let v = bytes
  let i = 0
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024
    i++
  }
  const r = Math.round(v * 10) / 10
  return `${Number.isInteger(r) ? r.toFixed(0) : r.toFixed(1)}${units[i]}`
}

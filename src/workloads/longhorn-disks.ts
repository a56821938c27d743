// Longhorn node disk registration: the NVMe (mounted by provisioning at the data path) becomes a
// disk tagged `nvme`,`fast` on every Longhorn node, so the `longhorn-nvme` class can select it.
// Disk names differ per cluster (`default-disk-<fsid>`), so each node's disks are read first and
// an entry already on that path keeps its name. After a reformat Longhorn reports "diskUUID
// doesn't match" for the old entry: it is unscheduled, then removed, and a fresh entry added
// (lifecycle.md §4.4; a disk that still schedules cannot be removed).
import type { Kubectl } from '../kube/kubectl'

export const NVME_TAGS = ['nvme', 'fast']
export const NVME_DISK = 'nvme'
const NS = 'longhorn-system'

interface LonghornDisk {
  path?: string
  allowScheduling?: boolean
  evictionRequested?: boolean
  tags?: string[]
  diskType?: string
}

interface DiskStatus {
  conditions?: { type: string; status: string; reason?: string; message?: string }[]
}

export interface LonghornNode {
  metadata: { name: string }
  spec?: { disks?: Record<string, LonghornDisk> }
  status?: { diskStatus?: Record<string, DiskStatus> }
}

export type DiskAction = 'unchanged' | 'tagged' | 'added' | 'replaced-stale'

/** Longhorn's condition when the filesystem under a disk entry changed (a reformatted NVMe). */
export function isStale(status: DiskStatus | undefined): boolean {
  return (status?.conditions ?? []).some(
    (c) =>
      c.type === 'Ready' &&
      c.status === 'False' &&
      (c.reason === 'DiskFilesystemChanged' || /diskUUID doesn't match/i.test(c.message ?? ''))
  )
}

const nvmeDisk = (path: string, old?: LonghornDisk): LonghornDisk => ({
  ...old,
  path,
  diskType: 'filesystem',
  allowScheduling: true,
  evictionRequested: false,
  tags: [...new Set([...(old?.tags ?? []), ...NVME_TAGS])]
})

/** The merge patches that bring one node to the wanted layout, in order. */
export function diskPatches(
  node: LonghornNode,
  dataPath: string
): { action: DiskAction; patches: Record<string, unknown>[] } {
  const disks = node.spec?.disks ?? {}
  const onPath = Object.entries(disks).filter(([, d]) => d.path === dataPath)
  const stale = onPath.filter(([name]) => isStale(node.status?.diskStatus?.[name]))
  const live = onPath.find(([name]) => !stale.some(([s]) => s === name))
  const patches: Record<string, unknown>[] = []
  if (stale.length > 0) {
    patches.push({
      spec: {
        disks: Object.fromEntries(
          stale.map(([n, d]) => [n, { ...d, allowScheduling: false, evictionRequested: true }])
        )
      }
    })
    const fresh = live?.[0] ?? freeName(disks)
    patches.push({
      spec: {
        disks: {
          ...Object.fromEntries(stale.map(([n]) => [n, null])),
          [fresh]: nvmeDisk(dataPath, live?.[1])
        }
      }
    })
    return { action: 'replaced-stale', patches }
  }
  if (live) {
    const [name, d] = live
    const ok = d.allowScheduling === true && NVME_TAGS.every((t) => d.tags?.includes(t))
    if (ok) return { action: 'unchanged', patches }
    patches.push({ spec: { disks: { [name]: nvmeDisk(dataPath, d) } } })
    return { action: 'tagged', patches }
  }
  patches.push({ spec: { disks: { [freeName(disks)]: nvmeDisk(dataPath) } } })
  return { action: 'added', patches }
}

function freeName(disks: Record<string, unknown>): string {
  if (!(NVME_DISK in disks)) return NVME_DISK
  for (let i = 2; ; i++) if (!(`${NVME_DISK}-${i}` in disks)) return `${NVME_DISK}-${i}`
}

/**
 * Waits (bounded) until longhorn-manager has created a Longhorn node for each of `expected`, then
 * registers the NVMe disk on every Longhorn node among `candidates`. Returns a one-line detail.
 */
export async function registerNvmeDisks(
  kubectl: Kubectl,
  opts: { dataPath: string; expected: string[]; candidates: string[]; waitS: number }
): Promise<string> {
  const deadline = Date.now() + opts.waitS * 1000
  let nodes: LonghornNode[] = []
  for (;;) {
    nodes = (
      await kubectl.getJson<{ items: LonghornNode[] }>(['get', 'nodes.longhorn.io', '-n', NS])
    ).items
    const missing = opts.expected.filter((n) => !nodes.some((l) => l.metadata.name === n))
    if (missing.length === 0) break
    if (Date.now() > deadline)
      throw new Error(
        `longhorn-manager did not register node(s) ${missing.join(', ')} within ${opts.waitS} s ` +
          `(present: ${nodes.map((n) => n.metadata.name).join(', ') || 'none'})`
      )
    await new Promise((r) => setTimeout(r, 1000))
  }
  const counts = new Map<DiskAction, string[]>()
  for (const node of nodes.filter((n) => opts.candidates.includes(n.metadata.name))) {
    const { action, patches } = diskPatches(node, opts.dataPath)
    for (const p of patches)
      await kubectl.run([
        'patch',
        'nodes.longhorn.io',
        node.metadata.name,
        '-n',
        NS,
        '--type',
        'merge',
        '-p',
        JSON.stringify(p)
      ])
    counts.set(action, [...(counts.get(action) ?? []), node.metadata.name])
  }
  const parts = [...counts].map(([a, ns]) => `${a}: ${ns.join(', ')}`)
  return `${opts.dataPath} tagged ${NVME_TAGS.join(',')} (${parts.join('; ') || 'no node'})`
}

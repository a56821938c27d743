import { latestRecords } from './matrix'
import { distroOf, type RunRecord } from './records'

/**
 * What each node ran under, so a difference between the distros can be put on the stack and not
 * on the setup: versions, clocks, disk and link (bench.md §8, "Environment").
 */
export interface NodeEnvironment {
  distro: string
  node: string
  distroVersion?: string
  kernel?: string
  kubernetes?: string
  runtime?: string
  npu?: string
  clockMode?: string
  governors?: string
  storage?: string
}

export function environments(records: readonly RunRecord[]): NodeEnvironment[] {
  const byNode = new Map<string, NodeEnvironment>()
  for (const r of latestRecords(records)) {
    const key = `${distroOf(r)}/${r.node.name}`
    if (byNode.has(key)) continue
    const n = r.node
    const s = n.storage
    const link = s?.pcie_speed
      ? `${s.pcie_speed}${s.pcie_width ? ` x${s.pcie_width}` : ''}`
      : undefined
    byNode.set(key, {
      distro: distroOf(r) ?? r.cluster.distro,
      node: n.name,
      distroVersion: r.cluster.distro_version,
      kernel: n.kernel,
      kubernetes: r.cluster.kubernetes_version,
      runtime: r.cluster.container_runtime,
      npu: n.npu?.driver ? `${n.npu.driver} ${n.npu.driver_version ?? ''}`.trim() : undefined,
      clockMode: r.method?.clock_mode,
      governors:
        [...new Set((n.cpu?.policies ?? []).map((p) => p.governor).filter(Boolean))].join(', ') ||
        undefined,
      storage:
        [s?.model, s?.firmware && `fw ${s.firmware}`, s?.fs_type, link]
          .filter(Boolean)
          .join(' · ') || undefined
    })
  }
  return [...byNode.values()].sort((a, b) =>
    `${a.distro}/${a.node}`.localeCompare(`${b.distro}/${b.node}`)
  )
}

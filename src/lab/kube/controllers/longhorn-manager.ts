// What longhorn-manager does on a real node, for the lab: once its pod is Ready on a node and the
// nodes.longhorn.io CRD exists, it creates that node's Longhorn Node object with a default disk on
// the configured data path (named after the filesystem, so the name differs per cluster). The
// product's disk registration reads these objects first, as it must on hardware.
import type { StoreEvent } from '../store'
import type { KubeObject } from '../types'

export interface LonghornHost {
  objects(filter: {
    kind?: string
    namespace?: string
    name?: string
    apiVersion?: string
  }): KubeObject[]
  applyObject(obj: KubeObject): KubeObject
}

const DISK_NAME_PREFIX = 'default-disk-'

function isReady(pod: KubeObject): boolean {
  const conditions = (pod.status as { conditions?: { type: string; status: string }[] })?.conditions
  return (conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True')
}

export function longhornDataPath(host: LonghornHost): string {
  const settings = host.objects({
    kind: 'ConfigMap',
    namespace: 'longhorn-system',
    name: 'longhorn-default-setting'
  })[0]
  const text = (settings?.data as Record<string, string> | undefined)?.['default-setting.yaml']
  return /default-data-path:\s*(\S+)/.exec(text ?? '')?.[1] ?? '/var/lib/longhorn'
}

/** Creates missing Longhorn Node objects; cheap enough to run on every relevant store event. */
export function reconcileLonghornNodes(host: LonghornHost): void {
  if (host.objects({ kind: 'CustomResourceDefinition', name: 'nodes.longhorn.io' }).length === 0)
    return
  const pods = host
    .objects({ kind: 'Pod', namespace: 'longhorn-system' })
    .filter((p) => p.metadata.name?.startsWith('longhorn-manager-') && isReady(p))
  for (const pod of pods) {
    const node = (pod.spec as { nodeName?: string }).nodeName
    if (!node) continue
    if (host.objects({ kind: 'Node', apiVersion: 'longhorn.io/v1beta2', name: node }).length > 0)
      continue
    const disk = `${DISK_NAME_PREFIX}${Buffer.from(node).toString('hex').padEnd(12, '0').slice(0, 12)}`
    const obj: KubeObject = {
      apiVersion: 'longhorn.io/v1beta2',
      kind: 'Node',
      metadata: { name: node, namespace: 'longhorn-system' },
      spec: {
        allowScheduling: true,
        disks: {
          [disk]: {
            path: longhornDataPath(host),
            allowScheduling: true,
            diskType: 'filesystem',
            tags: []
          }
        }
      },
      status: { diskStatus: { [disk]: { conditions: [{ type: 'Ready', status: 'True' }] } } }
    }
    // A create drops status (status subresource); the second apply writes it.
    host.applyObject(obj)
    host.applyObject(obj)
  }
}

/** Store events that can make a Longhorn Node due. */
export function concernsLonghorn(e: StoreEvent): boolean {
  return (
    (e.gr === 'pods' && e.object.metadata.namespace === 'longhorn-system') ||
    e.gr.startsWith('customresourcedefinitions.')
  )
}

// Server-side printing: kubectl's human-readable `get` (and `-o wide`) asks for meta.k8s.io Tables
// and prints the cells as given, so the columns here follow the real server's printers.
import { jsonPath } from './jsonpath'
import { isObject } from './patch'
import type { Condition, Dict, KubeObject, ResourceType } from './types'

interface Col {
  name: string
  type?: string
  priority?: number
  format?: string
  cell: (o: KubeObject) => unknown
}

export function humanAge(since: string | undefined, at = Date.now()): string {
  if (!since) return '<unknown>'
  const s = Math.floor((at - Date.parse(since)) / 1000)
  if (s < 0) return '0s'
  if (s < 120) return `${s}s`
  const m = Math.floor(s / 60)
  if (m < 10) return s % 60 === 0 ? `${m}m` : `${m}m${s % 60}s`
  if (m < 180) return `${m}m`
  const h = Math.floor(m / 60)
  if (h < 8) return m % 60 === 0 ? `${h}h` : `${h}h${m % 60}m`
  if (h < 48) return `${h}h`
  const d = Math.floor(h / 24)
  if (d < 8) return h % 24 === 0 ? `${d}d` : `${d}d${h % 24}h`
  return d < 730 ? `${d}d` : `${Math.floor(d / 365)}y`
}

function dig(o: unknown, path: string): unknown {
  let cur = o
  for (const seg of path.split('.').filter((p) => p !== '')) {
    if (!isObject(cur)) return undefined
    cur = cur[seg]
  }
  return cur
}

const str = (v: unknown, empty = '<none>'): string =>
  v === undefined || v === null || v === '' ? empty : String(v)
const num = (o: KubeObject, p: string): number => Number(dig(o, p) ?? 0)
const conds = (o: KubeObject): Condition[] =>
  (dig(o, 'status.conditions') as Condition[] | undefined) ?? []
const age: Col = { name: 'Age', cell: (o) => humanAge(o.metadata.creationTimestamp) }
const name: Col = { name: 'Name', format: 'name', cell: (o) => o.metadata.name }

function images(o: KubeObject, which: 'name' | 'image'): string {
  const cs = (dig(o, 'spec.template.spec.containers') as Dict[] | undefined) ?? []
  return cs.map((c) => String(c[which] ?? '')).join(',')
}

function podStatus(o: KubeObject): string {
  if (o.metadata.deletionTimestamp) return 'Terminating'
  const cs = (dig(o, 'status.containerStatuses') as Dict[] | undefined) ?? []
  for (const c of cs) {
    const st = (c.state ?? {}) as Dict
    const w = st.waiting as Dict | undefined
    const t = st.terminated as Dict | undefined
    if (w?.reason) return String(w.reason)
    if (t?.reason && dig(o, 'status.phase') !== 'Succeeded') return String(t.reason)
  }
  return dig(o, 'status.phase') === 'Succeeded'
    ? 'Completed'
    : str(dig(o, 'status.phase'), 'Unknown')
}

function nodeRoles(o: KubeObject): string {
  const roles = Object.keys(o.metadata.labels ?? {})
    .filter((k) => k.startsWith('node-role.kubernetes.io/'))
    .map((k) => k.slice('node-role.kubernetes.io/'.length))
  return roles.length > 0 ? roles.sort().join(',') : '<none>'
}

function nodeAddress(o: KubeObject, type: string): string {
  const a = ((dig(o, 'status.addresses') as Dict[] | undefined) ?? []).find((x) => x.type === type)
  return str(a?.address)
}

function servicePorts(o: KubeObject): string {
  const ps = (dig(o, 'spec.ports') as Dict[] | undefined) ?? []
  if (ps.length === 0) return '<none>'
  return ps
    .map(
      (p) =>
        `${String(p.port)}${p.nodePort ? `:${String(p.nodePort)}` : ''}/${String(p.protocol ?? 'TCP')}`
    )
    .join(',')
}

function externalIp(o: KubeObject): string {
  const ing = ((dig(o, 'status.loadBalancer.ingress') as Dict[] | undefined) ?? []).map((i) =>
    String(i.ip ?? i.hostname ?? '')
  )
  if (ing.length > 0) return ing.join(',')
  return dig(o, 'spec.type') === 'LoadBalancer' ? '<pending>' : '<none>'
}

const COLUMNS: Record<string, Col[]> = {
  Node: [
    name,
    {
      name: 'Status',
      cell: (o) => {
        const r = conds(o).find((c) => c.type === 'Ready')
        const s = r?.status === 'True' ? 'Ready' : r?.status === 'False' ? 'NotReady' : 'Unknown'
        return dig(o, 'spec.unschedulable') ? `${s},SchedulingDisabled` : s
      }
    },
    { name: 'Roles', cell: nodeRoles },
    age,
    { name: 'Version', cell: (o) => str(dig(o, 'status.nodeInfo.kubeletVersion'), '') },
    { name: 'Internal-IP', priority: 1, cell: (o) => nodeAddress(o, 'InternalIP') },
    { name: 'External-IP', priority: 1, cell: (o) => nodeAddress(o, 'ExternalIP') },
    {
      name: 'OS-Image',
      priority: 1,
      cell: (o) => str(dig(o, 'status.nodeInfo.osImage'), '<unknown>')
    },
    {
      name: 'Kernel-Version',
      priority: 1,
      cell: (o) => str(dig(o, 'status.nodeInfo.kernelVersion'), '<unknown>')
    },
    {
      name: 'Container-Runtime',
      priority: 1,
      cell: (o) => str(dig(o, 'status.nodeInfo.containerRuntimeVersion'), '<unknown>')
    }
  ],
  Pod: [
    name,
    {
      name: 'Ready',
      cell: (o) => {
        const cs = (dig(o, 'status.containerStatuses') as Dict[] | undefined) ?? []
        const total = ((dig(o, 'spec.containers') as unknown[] | undefined) ?? []).length
        return `${cs.filter((c) => c.ready === true).length}/${total}`
      }
    },
    { name: 'Status', cell: podStatus },
    {
      name: 'Restarts',
      type: 'integer',
      cell: (o) =>
        ((dig(o, 'status.containerStatuses') as Dict[] | undefined) ?? []).reduce(
          (n, c) => n + Number(c.restartCount ?? 0),
          0
        )
    },
    age,
    { name: 'IP', priority: 1, cell: (o) => str(dig(o, 'status.podIP')) },
    { name: 'Node', priority: 1, cell: (o) => str(dig(o, 'spec.nodeName')) },
    { name: 'Nominated Node', priority: 1, cell: () => '<none>' },
    { name: 'Readiness Gates', priority: 1, cell: () => '<none>' }
  ],
  Deployment: [
    name,
    { name: 'Ready', cell: (o) => `${num(o, 'status.readyReplicas')}/${num(o, 'spec.replicas')}` },
    { name: 'Up-to-date', type: 'integer', cell: (o) => num(o, 'status.updatedReplicas') },
    { name: 'Available', type: 'integer', cell: (o) => num(o, 'status.availableReplicas') },
    age,
    { name: 'Containers', priority: 1, cell: (o) => images(o, 'name') },
    { name: 'Images', priority: 1, cell: (o) => images(o, 'image') }
  ],
  ReplicaSet: [
    name,
    { name: 'Desired', type: 'integer', cell: (o) => num(o, 'spec.replicas') },
    { name: 'Current', type: 'integer', cell: (o) => num(o, 'status.replicas') },
    { name: 'Ready', type: 'integer', cell: (o) => num(o, 'status.readyReplicas') },
    age
  ],
  StatefulSet: [
    name,
    { name: 'Ready', cell: (o) => `${num(o, 'status.readyReplicas')}/${num(o, 'spec.replicas')}` },
    age
  ],
  DaemonSet: [
    name,
    { name: 'Desired', type: 'integer', cell: (o) => num(o, 'status.desiredNumberScheduled') },
    { name: 'Current', type: 'integer', cell: (o) => num(o, 'status.currentNumberScheduled') },
    { name: 'Ready', type: 'integer', cell: (o) => num(o, 'status.numberReady') },
    { name: 'Up-to-date', type: 'integer', cell: (o) => num(o, 'status.updatedNumberScheduled') },
    { name: 'Available', type: 'integer', cell: (o) => num(o, 'status.numberAvailable') },
    {
      name: 'Node Selector',
      cell: (o) => {
        const sel = (dig(o, 'spec.template.spec.nodeSelector') ?? {}) as Record<string, string>
        const s = Object.entries(sel)
          .map(([k, v]) => `${k}=${v}`)
          .join(',')
        return s || '<none>'
      }
    },
    age
  ],
  Job: [
    name,
    {
      name: 'Status',
      cell: (o) => {
        const c = conds(o).find(
          (x) => (x.type === 'Complete' || x.type === 'Failed') && x.status === 'True'
        )
        return c ? c.type : dig(o, 'spec.suspend') ? 'Suspended' : 'Running'
      }
    },
    {
      name: 'Completions',
      cell: (o) => `${num(o, 'status.succeeded')}/${num(o, 'spec.completions') || 1}`
    },
    {
      name: 'Duration',
      cell: (o) => {
        const start = dig(o, 'status.startTime') as string | undefined
        const end = dig(o, 'status.completionTime') as string | undefined
        return start ? humanAge(start, end ? Date.parse(end) : Date.now()) : ''
      }
    },
    age
  ],
  Service: [
    name,
    { name: 'Type', cell: (o) => str(dig(o, 'spec.type')) },
    { name: 'Cluster-IP', cell: (o) => str(dig(o, 'spec.clusterIP')) },
    { name: 'External-IP', cell: externalIp },
    { name: 'Port(s)', cell: servicePorts },
    age,
    {
      name: 'Selector',
      priority: 1,
      cell: (o) => {
        const sel = (dig(o, 'spec.selector') ?? {}) as Record<string, string>
        const s = Object.entries(sel)
          .map(([k, v]) => `${k}=${v}`)
          .join(',')
        return s || '<none>'
      }
    }
  ],
  Namespace: [name, { name: 'Status', cell: (o) => str(dig(o, 'status.phase')) }, age],
  PersistentVolumeClaim: [
    name,
    { name: 'Status', cell: (o) => str(dig(o, 'status.phase')) },
    { name: 'Volume', cell: (o) => str(dig(o, 'spec.volumeName'), '') },
    { name: 'Capacity', cell: (o) => str(dig(o, 'status.capacity.storage'), '') },
    {
      name: 'Access Modes',
      cell: (o) =>
        ((dig(o, 'status.accessModes') as string[] | undefined) ?? [])
          .map((m) =>
            m
              .replace('ReadWriteOnce', 'RWO')
              .replace('ReadOnlyMany', 'ROX')
              .replace('ReadWriteMany', 'RWX')
          )
          .join(',')
    },
    { name: 'StorageClass', cell: (o) => str(dig(o, 'spec.storageClassName')) },
    { name: 'VolumeAttributesClass', cell: () => '<unset>' },
    age
  ],
  PersistentVolume: [
    name,
    { name: 'Capacity', cell: (o) => str(dig(o, 'spec.capacity.storage'), '') },
    { name: 'Reclaim Policy', cell: (o) => str(dig(o, 'spec.persistentVolumeReclaimPolicy')) },
    { name: 'Status', cell: (o) => str(dig(o, 'status.phase')) },
    {
      name: 'Claim',
      cell: (o) => {
        const ref = dig(o, 'spec.claimRef') as Dict | undefined
        return ref ? `${String(ref.namespace)}/${String(ref.name)}` : ''
      }
    },
    { name: 'StorageClass', cell: (o) => str(dig(o, 'spec.storageClassName'), '') },
    age
  ],
  StorageClass: [
    {
      ...name,
      cell: (o) =>
        `${String(o.metadata.name)}${o.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true' ? ' (default)' : ''}`
    },
    { name: 'Provisioner', cell: (o) => str(o.provisioner) },
    { name: 'ReclaimPolicy', cell: (o) => str(o.reclaimPolicy) },
    { name: 'VolumeBindingMode', cell: (o) => str(o.volumeBindingMode) },
    { name: 'AllowVolumeExpansion', cell: (o) => String(o.allowVolumeExpansion === true) },
    age
  ],
  ConfigMap: [
    name,
    {
      name: 'Data',
      type: 'integer',
      cell: (o) =>
        Object.keys((o.data ?? {}) as Dict).length +
        Object.keys((o.binaryData ?? {}) as Dict).length
    },
    age
  ],
  Secret: [
    name,
    { name: 'Type', cell: (o) => str(o.type) },
    { name: 'Data', type: 'integer', cell: (o) => Object.keys((o.data ?? {}) as Dict).length },
    age
  ],
  Event: [
    {
      name: 'Last Seen',
      cell: (o) => humanAge(String(o.lastTimestamp ?? o.metadata.creationTimestamp))
    },
    { name: 'Type', cell: (o) => str(o.type) },
    { name: 'Reason', cell: (o) => str(o.reason) },
    {
      name: 'Object',
      cell: (o) => {
        const io = (o.involvedObject ?? {}) as Dict
        return `${String(io.kind ?? '').toLowerCase()}/${String(io.name ?? '')}`
      }
    },
    { name: 'Message', cell: (o) => str(o.message, '') }
  ],
  CustomResourceDefinition: [
    name,
    { name: 'Created At', type: 'date', cell: (o) => o.metadata.creationTimestamp }
  ]
}

function columnsFor(rt: ResourceType): Col[] {
  const builtIn = !rt.crd ? COLUMNS[rt.kind] : undefined
  if (builtIn) return builtIn
  const extra: Col[] = (rt.printerColumns ?? []).map((c) => ({
    name: c.name,
    type: c.type === 'date' ? 'string' : c.type,
    priority: c.priority ?? 0,
    cell: (o: KubeObject) => {
      const vals = jsonPath(o, c.jsonPath)
      if (vals.length === 0) return c.type === 'date' ? '<unknown>' : null
      if (c.type === 'date') return humanAge(String(vals[0]))
      return vals.map((v) => (isObject(v) || Array.isArray(v) ? JSON.stringify(v) : v)).join(',')
    }
  }))
  if (rt.crd) return [name, ...extra, ...(extra.some((c) => c.name === 'Age') ? [] : [age])]
  return [name, { name: 'Created At', type: 'date', cell: (o) => o.metadata.creationTimestamp }]
}

export type IncludeObject = 'None' | 'Metadata' | 'Object'

export function partialMetadata(o: KubeObject): Dict {
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata }
}

export function toTable(
  rt: ResourceType,
  items: KubeObject[],
  resourceVersion: string,
  include: IncludeObject
): Dict {
  const cols = columnsFor(rt)
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion },
    columnDefinitions: cols.map((c) => ({
      name: c.name,
      type: c.type ?? 'string',
      format: c.format ?? '',
      description: c.name,
      priority: c.priority ?? 0
    })),
    rows: items.map((o) => ({
      cells: cols.map((c) => {
        const v = c.cell(o)
        return v === undefined ? null : v
      }),
      object: include === 'Object' ? o : include === 'None' ? undefined : partialMetadata(o)
    }))
  }
}

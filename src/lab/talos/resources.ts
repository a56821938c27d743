/**
 * The COSI resources the lab node serves to `talosctl get`, with their table columns
 * (`../shared/specs/tools.md` §1.2.6).
 */

export interface ResourceView {
  ip: string
  stage: string
  ready: boolean
  unmet: string[]
  hostname: string
  machineType: string
  version: string
  schematic: string
  extensions: string[]
  userVolumes: string[]
  configured: boolean
  members: { hostname: string; machineType: string; addresses: string[] }[]
  config?: string
  hasNvme: boolean
  createdAt: string
}

export interface Resource {
  node: string
  metadata: {
    namespace: string
    type: string
    id: string
    version: number
    owner: string
    phase: string
    created: string
    updated: string
  }
  spec: unknown
}

interface TypeDef {
  names: string[]
  namespace: string
  type: string
  sensitive?: boolean
  columns: [string, (spec: Record<string, unknown>) => string][]
  list(view: ResourceView): { id: string; owner: string; spec: Record<string, unknown> }[]
}

const GB = 1000 ** 3
const pretty = (bytes: number): string => `${Math.round(bytes / GB)} GB`
const EMMC = 31_268_536_320
const NVME = 512_110_190_592

const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v))

export const RESOURCE_TYPES: TypeDef[] = [
  {
    names: ['machinestatus', 'machinestatuses', 'ms'],
    namespace: 'runtime',
    type: 'MachineStatuses.runtime.talos.dev',
    columns: [
      ['STAGE', (s) => str(s.stage)],
      ['READY', (s) => str((s.status as { ready?: boolean } | undefined)?.ready)]
    ],
    list: (v) => [
      {
        id: 'machine',
        owner: 'runtime.MachineStatusController',
        spec: {
          stage: v.stage,
          status: {
            ready: v.ready,
            unmetConditions: v.unmet.map((name) => ({ name, reason: 'not ready' }))
          }
        }
      }
    ]
  },
  {
    names: ['members', 'member'],
    namespace: 'cluster',
    type: 'Members.cluster.talos.dev',
    columns: [
      ['HOSTNAME', (s) => str(s.hostname)],
      ['MACHINE TYPE', (s) => str(s.machineType)],
      ['OS', (s) => str(s.operatingSystem)],
      ['ADDRESSES', (s) => JSON.stringify(s.addresses ?? [])]
    ],
    list: (v) =>
      v.members.map((m) => ({
        id: m.hostname,
        owner: 'cluster.MemberController',
        spec: {
          nodeId: m.hostname,
          addresses: m.addresses,
          hostname: m.hostname,
          machineType: m.machineType,
          operatingSystem: `Talos (${v.version})`
        }
      }))
  },
  {
    names: ['disks', 'disk'],
    namespace: 'runtime',
    type: 'Disks.block.talos.dev',
    columns: [
      ['SIZE', (s) => str(s.pretty_size)],
      ['READ ONLY', (s) => str(s.readonly)],
      ['TRANSPORT', (s) => str(s.transport)],
      ['ROTATIONAL', (s) => str(s.rotational)],
      ['WWID', (s) => str(s.wwid)],
      ['MODEL', (s) => str(s.model)],
      ['SERIAL', (s) => str(s.serial)]
    ],
    list: (v) => {
      const disks = [
        {
          id: 'mmcblk0',
          owner: 'block.DisksController',
          spec: {
            dev_path: '/dev/mmcblk0',
            size: EMMC,
            pretty_size: pretty(EMMC),
            io_size: 512,
            sector_size: 512,
            readonly: false,
            cdrom: false,
            model: '',
            serial: '0x1a2b3c4d',
            transport: 'mmc',
            rotational: false,
            wwid: '',
            symlinks: ['/dev/disk/by-path/platform-fe2e0000.mmc']
          }
        }
      ]
      if (v.hasNvme)
        disks.push({
          id: 'nvme0n1',
          owner: 'block.DisksController',
          spec: {
            dev_path: '/dev/nvme0n1',
            size: NVME,
            pretty_size: pretty(NVME),
            io_size: 512,
            sector_size: 512,
            readonly: false,
            cdrom: false,
            model: 'Lab NVMe SSD 512GB',
            serial: 'LAB0000NVME',
            transport: 'nvme',
            rotational: false,
            wwid: 'eui.0000000000000001',
            symlinks: ['/dev/disk/by-id/nvme-Lab_NVMe_SSD_512GB']
          }
        })
      return disks
    }
  },
  {
    names: ['extensions', 'extension', 'extensionstatuses'],
    namespace: 'runtime',
    type: 'ExtensionStatuses.runtime.talos.dev',
    columns: [
      ['NAME', (s) => str((s.metadata as { name?: string } | undefined)?.name)],
      ['VERSION', (s) => str((s.metadata as { version?: string } | undefined)?.version)]
    ],
    list: (v) => [
      ...v.extensions.map((ext, i) => ({
        id: String(i),
        owner: 'runtime.ExtensionStatusController',
        spec: {
          image: `${ext.replace(/^siderolabs\//, '')}.sqsh`,
          metadata: {
            name: ext.replace(/^siderolabs\//, ''),
            version: `${ext.includes('iscsi') ? 'v0.2.0' : '2.41.1'}`,
            author: 'Sidero Labs',
            description: `lab stand-in for ${ext}`
          }
        }
      })),
      {
        id: String(v.extensions.length),
        owner: 'runtime.ExtensionStatusController',
        spec: {
          image: '',
          metadata: { name: 'schematic', version: v.schematic, description: '' }
        }
      }
    ]
  },
  {
    names: ['volumestatus', 'volumestatuses', 'vs'],
    namespace: 'runtime',
    type: 'VolumeStatuses.block.talos.dev',
    columns: [
      ['TYPE', (s) => str(s.type)],
      ['PHASE', (s) => str(s.phase)],
      ['LOCATION', (s) => str(s.location)],
      ['SIZE', (s) => str(s.prettySize)]
    ],
    list: (v) => {
      const vol = (id: string, location: string, size: string, type = 'partition') => ({
        id,
        owner: 'block.VolumeManagerController',
        spec: { type, phase: 'ready', location, prettySize: size }
      })
      if (!v.configured) return [vol('META', '/dev/mmcblk0p4', '1.0 MB')]
      return [
        vol('EPHEMERAL', '/dev/mmcblk0p6', '29 GB'),
        vol('META', '/dev/mmcblk0p4', '1.0 MB'),
        vol('STATE', '/dev/mmcblk0p5', '105 MB'),
        ...v.userVolumes.map((name, i) => vol(`u-${name}`, `/dev/nvme0n1p${i + 1}`, '512 GB'))
      ]
    }
  },
  {
    names: ['machineconfig', 'machineconfigs', 'mc'],
    namespace: 'config',
    type: 'MachineConfigs.config.talos.dev',
    sensitive: true,
    columns: [],
    list: (v) => (v.config ? [{ id: 'v1alpha1', owner: '', spec: { content: v.config } }] : [])
  }
]

export function findType(name: string): TypeDef | undefined {
  const n = name.toLowerCase()
  return RESOURCE_TYPES.find((t) => t.names.includes(n) || t.type.toLowerCase() === n)
}

export function listResources(view: ResourceView, typeName: string, id?: string): Resource[] {
  const def = findType(typeName)
  if (!def) return []
  return def
    .list(view)
    .filter((r) => id === undefined || r.id === id)
    .map((r) => ({
      node: view.ip,
      metadata: {
        namespace: def.namespace,
        type: def.type,
        id: r.id,
        version: 1,
        owner: r.owner,
        phase: 'running',
        created: view.createdAt,
        updated: view.createdAt
      },
      spec: r.spec
    }))
}

/**
 * Turns a document that passed every check into the typed `Inventory`: defaults applied, paths
 * resolved, hex normalised, nodes sorted by slot. Runs only after validation, so it trusts types.
 */
import { homedir } from 'node:os'
import { isAbsolute, resolve } from 'node:path'
import {
  DEFAULT_BMC_PORT,
  DEFAULT_BOOT_PATTERNS,
  DEFAULT_DISKS,
  DEFAULT_DISTRO,
  DEFAULT_INTERFACE,
  DEFAULT_PORTS,
  DEFAULT_TALOS_EXTENSIONS,
  DEFAULT_TALOS_FACTORY
} from './defaults'
import { BENCH_MODEL_IDS, formatsOf } from './bench-models'
import type {
  BenchModels,
  BmcTls,
  DistroName,
  DistroSettings,
  ImageSpec,
  Inventory,
  InventoryNode,
  NodeRole,
  Slot,
  TalosDistroSettings,
  TlsMode,
  Versions
} from './types'
import { DEFAULT_VERSIONS } from './versions'

/** The file as written: what the schema allows, before defaults. */
interface RawImage {
  source: string
  sha256?: string
}
interface RawDistro {
  image?: RawImage
  bootPattern?: string
}
interface RawTalosDistro extends RawDistro {
  factory?: string
  extensions?: string[]
  rknn?: boolean
  schematicId?: string
}
interface RawNode {
  slot: Slot
  hostname: string
  ip: string
  role: NodeRole
  disks?: { system?: string; data?: string | null }
  ports?: { ssh?: number; talosApi?: number; kubernetes?: number }
}
export interface RawInventory {
  name: string
  distro?: DistroName
  bmc: {
    host: string
    port?: number
    tls?: { mode?: TlsMode; fingerprint?: string; caFile?: string }
  }
  nodes: RawNode[]
  network: {
    cidr: string
    gateway: string
    dns: string[]
    interface?: string
    metallbPool: string
    ingressIp: string
  }
  distros?: { talos?: RawTalosDistro; k3s?: RawDistro }
  versions?: Partial<Omit<Versions, 'charts'>> & { charts?: Partial<Versions['charts']> }
  benchmark?: { models?: Record<string, Record<string, RawImage> | undefined> }
}

/** Relative paths in the file are relative to the file, not to wherever the command runs. */
function localPath(path: string, baseDir: string): string {
  if (path === '~' || path.startsWith('~/')) return resolve(homedir(), path.slice(2))
  return isAbsolute(path) ? path : resolve(baseDir, path)
}

function buildTls(raw: RawInventory['bmc']['tls'], baseDir: string): BmcTls {
  const fingerprint = raw?.fingerprint?.replace(/:/g, '').toLowerCase()
  const mode: TlsMode = raw?.mode ?? (fingerprint ? 'fingerprint' : 'insecure')
  const tls: BmcTls = { mode }
  if (fingerprint) tls.fingerprint = fingerprint
  if (raw?.caFile) tls.caFile = localPath(raw.caFile, baseDir)
  return tls
}

function buildImage(raw: RawImage, baseDir: string): ImageSpec {
  const isUrl = /^https?:\/\//i.test(raw.source)
  const image: ImageSpec = {
    source: isUrl ? raw.source : localPath(raw.source, baseDir),
    kind: isUrl ? 'url' : 'file'
  }
  if (raw.sha256) image.sha256 = raw.sha256.toLowerCase()
  return image
}

/** Only what the file pins; npu-benchmark fills in the catalogue's unpinned defaults itself. */
function buildModels(raw: RawInventory['benchmark'], baseDir: string): BenchModels {
  const models: BenchModels = {}
  for (const id of BENCH_MODEL_IDS) {
    const byFormat = raw?.models?.[id]
    if (!byFormat) continue
    for (const format of formatsOf(id)) {
      const entry = byFormat[format]
      // The schema requires both; a validated file always has them.
      if (!entry?.sha256) continue
      const { source, kind } = buildImage(entry, baseDir)
      models[id] = { ...models[id], [format]: { source, kind, sha256: entry.sha256.toLowerCase() } }
    }
  }
  return models
}

function buildDistro(
  name: DistroName,
  raw: RawDistro | undefined,
  baseDir: string
): DistroSettings {
  const settings: DistroSettings = { bootPattern: raw?.bootPattern ?? DEFAULT_BOOT_PATTERNS[name] }
  if (raw?.image) settings.image = buildImage(raw.image, baseDir)
  return settings
}

function buildTalosDistro(raw: RawTalosDistro | undefined, baseDir: string): TalosDistroSettings {
  const settings: TalosDistroSettings = {
    ...buildDistro('talos', raw, baseDir),
    // The factory URL is joined with paths: one form, without trailing slashes.
    factory: (raw?.factory ?? DEFAULT_TALOS_FACTORY).replace(/\/+$/, ''),
    extensions: [...(raw?.extensions ?? DEFAULT_TALOS_EXTENSIONS)],
    rknn: raw?.rknn ?? false
  }
  if (raw?.schematicId) settings.schematicId = raw.schematicId.toLowerCase()
  return settings
}

function buildNode(raw: RawNode): InventoryNode {
  return {
    slot: raw.slot,
    hostname: raw.hostname,
    ip: raw.ip,
    role: raw.role,
    disks: {
      system: raw.disks?.system ?? DEFAULT_DISKS.system,
      // Absent means the RK1 default (NVMe); only an explicit null means "no data disk".
      data: raw.disks?.data === undefined ? DEFAULT_DISKS.data : raw.disks.data
    },
    ports: { ...DEFAULT_PORTS, ...raw.ports }
  }
}

export function buildInventory(raw: RawInventory, baseDir: string): Inventory {
  return {
    name: raw.name,
    distro: raw.distro ?? DEFAULT_DISTRO,
    bmc: {
      host: raw.bmc.host,
      port: raw.bmc.port ?? DEFAULT_BMC_PORT,
      tls: buildTls(raw.bmc.tls, baseDir)
    },
    nodes: raw.nodes.map(buildNode).sort((a, b) => a.slot - b.slot),
    network: {
      cidr: raw.network.cidr,
      gateway: raw.network.gateway,
      dns: [...raw.network.dns],
      interface: raw.network.interface ?? DEFAULT_INTERFACE,
      metallbPool: raw.network.metallbPool.replace(/\s+/g, ''),
      ingressIp: raw.network.ingressIp
    },
    distros: {
      talos: buildTalosDistro(raw.distros?.talos, baseDir),
      k3s: buildDistro('k3s', raw.distros?.k3s, baseDir)
    },
    versions: {
      ...DEFAULT_VERSIONS,
      ...raw.versions,
      charts: { ...DEFAULT_VERSIONS.charts, ...raw.versions?.charts }
    },
    benchmark: { models: buildModels(raw.benchmark, baseDir) }
  }
}

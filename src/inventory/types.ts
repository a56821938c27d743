/**
 * The cluster inventory after loading: every default applied, every cross-field rule checked. The
 * JSON Schema in `schema.ts` describes the file; these types describe what code receives.
 */

import type { BenchModelFormat, BenchModelId } from './bench-models'

export type DistroName = 'talos' | 'k3s'
export type NodeRole = 'control-plane' | 'worker'
export type Slot = 1 | 2 | 3 | 4
/**
 * How the BMC's HTTPS certificate is trusted. `insecure`: not checked (the factory certificate is
 * self-signed). `verify`: normal CA validation (optionally against `caFile`). `fingerprint`: pinned.
 */
export type TlsMode = 'insecure' | 'verify' | 'fingerprint'

export const DISTRO_NAMES: readonly DistroName[] = ['talos', 'k3s']
export const NODE_ROLES: readonly NodeRole[] = ['control-plane', 'worker']
export const TLS_MODES: readonly TlsMode[] = ['insecure', 'verify', 'fingerprint']

export interface BmcTls {
  mode: TlsMode
  /** Set when mode is `fingerprint`: SHA-256 of the DER certificate, 64 lowercase hex, no colons. */
  fingerprint?: string
  /** Only with mode `verify`: absolute path of a PEM CA bundle to trust instead of the system CAs. */
  caFile?: string
}

/** The Turing Pi BMC. Credentials are never in the inventory (action inputs or RK1_BMC_* env). */
export interface BmcConfig {
  host: string
  port: number
  tls: BmcTls
}

export interface NodeDisks {
  /** Disk the OS is flashed to / installed on, e.g. `/dev/mmcblk0`. */
  system: string
  /** Disk for Longhorn data, e.g. `/dev/nvme0n1`; null when the node has none. */
  data: string | null
}

/** TCP ports the toolkit connects to on a node (the lab maps them to other numbers). */
export interface NodePorts {
  ssh: number
  talosApi: number
  kubernetes: number
}

export interface InventoryNode {
  slot: Slot
  hostname: string
  ip: string
  role: NodeRole
  disks: NodeDisks
  ports: NodePorts
}

export interface NetworkConfig {
  /** The LAN of the nodes, e.g. `10.10.88.0/24`. */
  cidr: string
  gateway: string
  dns: string[]
  /** Name of the node NIC, e.g. `end0`. */
  interface: string
  /** MetalLB L2 pool as written: `a-b` or a CIDR (both forms MetalLB accepts). */
  metallbPool: string
  /** LoadBalancer IP of the ingress controller, inside the pool. */
  ingressIp: string
}

export interface ImageSpec {
  /** An https URL, or an absolute path (relative paths are resolved against the inventory's folder). */
  source: string
  kind: 'url' | 'file'
  /** Expected SHA-256 of the image file as downloaded, 64 lowercase hex. */
  sha256?: string
}

export interface DistroSettings {
  /** Absent: the image layer resolves one (Talos Image Factory, Armbian release). */
  image?: ImageSpec
  /** Regex source matched against the node's UART output to see it booted; compile with `m`. */
  bootPattern: string
}

/** Talos also knows where its image comes from when `image` is absent: the Image Factory. */
export interface TalosDistroSettings extends DistroSettings {
  /** Image Factory base URL, e.g. `https://factory.talos.dev` (no trailing slash). */
  factory: string
  /** Official system extensions of the schematic, in order (the order changes the ID). */
  extensions: string[]
  /** Adds `siderolabs/rockchip-rknn` (the RK3588 NPU driver) to the schematic. */
  rknn: boolean
  /** A known schematic ID: used as is, without asking the factory (offline runners). */
  schematicId?: string
}

export interface ChartVersions {
  metallb: string
  traefik: string
  ingressNginx: string
  longhorn: string
  kubePrometheusStack: string
}

export interface Versions {
  /** Talos and talosctl, e.g. `v1.13.9`. */
  talos: string
  /** Kubernetes for Talos (`--kubernetes-version`), without `v`, e.g. `1.35.8`. */
  kubernetes: string
  /** K3s release, e.g. `v1.35.8+k3s1`. */
  k3s: string
  /** Helm CLI installed when none is on PATH. */
  helm: string
  /** kubectl installed when none is on PATH, e.g. `v1.35.8`. */
  kubectl: string
  charts: ChartVersions
  /**
   * The rk1-bench image npu-benchmark runs, pinned by digest (`…/rk1-bench@sha256:<64 hex>`).
   * No toolkit default: this repository publishes no image of its own yet (the bench-image
   * workflow prints the reference to pin); the `benchmark-image` input overrides it.
   */
  benchmarkImage?: string
}

/** One model file the inventory pins for npu-benchmark. */
export interface BenchModelSource {
  /** An https URL (http only for 127.0.0.0/8), or an absolute path served to the nodes by the runner. */
  source: string
  kind: 'url' | 'file'
  /** Expected SHA-256 of the file, 64 lowercase hex; checked on the node before any run. */
  sha256: string
}

/** Pinned models by id and format; the ones left out take the catalogue's unpinned defaults. */
export type BenchModels = Partial<
  Record<BenchModelId, Partial<Record<BenchModelFormat, BenchModelSource>>>
>

export interface BenchmarkSettings {
  models: BenchModels
}

export interface Inventory {
  name: string
  /** Default distro for provision when the `distro` input is empty. */
  distro: DistroName
  bmc: BmcConfig
  /** Sorted by slot. */
  nodes: InventoryNode[]
  network: NetworkConfig
  distros: { talos: TalosDistroSettings; k3s: DistroSettings }
  versions: Versions
  benchmark: BenchmarkSettings
}

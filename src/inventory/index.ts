/** The cluster inventory (`cluster.yaml`): types, loading and validation, node selection. */
export type * from './types'
export { DISTRO_NAMES, NODE_ROLES, TLS_MODES } from './types'
export { parseInventory, loadInventory } from './load'
export type { LoadedInventory } from './load'
export { selectNodes } from './select-nodes'
export { inventoryJsonSchema } from './schema'
export { DEFAULT_VERSIONS } from './versions'
export { BENCH_MODEL_CATALOGUE, BENCH_MODEL_IDS, catalogueEntry, formatsOf } from './bench-models'
export type { BenchModelEntry, BenchModelFormat, BenchModelId } from './bench-models'
export {
  BOOT_PATTERN_FLAGS,
  DEFAULT_BMC_PORT,
  DEFAULT_BOOT_PATTERNS,
  DEFAULT_DISKS,
  DEFAULT_DISTRO,
  DEFAULT_INTERFACE,
  DEFAULT_PORTS,
  DEFAULT_TALOS_EXTENSIONS,
  DEFAULT_TALOS_FACTORY,
  DEFAULT_TLS_MODE,
  compileBootPattern
} from './defaults'
export { formatIpv4, inRange, parseCidr, parseIpv4, parsePool } from './ipv4'
export type { Ipv4Cidr, Ipv4Range } from './ipv4'

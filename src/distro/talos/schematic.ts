/**
 * Image Factory schematics (`../shared/specs/tools.md` §2.1). The factory identifies a schematic by
 * the SHA-256 of its canonical YAML: Go yaml.v3 with 4-space indentation, struct field order
 * (`owner`, `overlay`, `customization`), empty fields omitted except `customization`, list order
 * kept. Computing the ID locally lets the product work offline and lets the lab fake the factory.
 */
import { createHash } from 'node:crypto'
import { stringify } from 'yaml'

export interface SchematicOptions {
  /** e.g. `{ name: 'turingrk1', image: 'siderolabs/sbc-rockchip' }`. */
  overlay?: { name: string; image: string; options?: Record<string, unknown> }
  /** Official extensions, e.g. `siderolabs/iscsi-tools`; order matters for the ID. */
  extensions?: string[]
  extraKernelArgs?: string[]
  meta?: { key: number; value: string }[]
  owner?: string
}

/** The RK1 overlay of siderolabs/sbc-rockchip. */
export const RK1_OVERLAY = { name: 'turingrk1', image: 'siderolabs/sbc-rockchip' } as const
/** Extensions Longhorn needs on Talos, in the order that gives the well-known RK1 ID. */
export const LONGHORN_EXTENSIONS = ['siderolabs/iscsi-tools', 'siderolabs/util-linux-tools']

function sortKeys(value: unknown): unknown {
  // Go marshals maps with sorted keys; free-form overlay options are maps.
  if (Array.isArray(value)) return value.map(sortKeys)
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const key of Object.keys(value).sort())
      out[key] = sortKeys((value as Record<string, unknown>)[key])
    return out
  }
  return value
}

/** The canonical YAML the factory hashes. */
export function schematicYaml(opts: SchematicOptions = {}): string {
  const doc: Record<string, unknown> = {}
  if (opts.owner) doc.owner = opts.owner
  if (opts.overlay) {
    const overlay: Record<string, unknown> = {}
    if (opts.overlay.image) overlay.image = opts.overlay.image
    if (opts.overlay.name) overlay.name = opts.overlay.name
    if (opts.overlay.options && Object.keys(opts.overlay.options).length > 0)
      overlay.options = sortKeys(opts.overlay.options)
    if (Object.keys(overlay).length > 0) doc.overlay = overlay
  }
  const customization: Record<string, unknown> = {}
  if (opts.extraKernelArgs?.length) customization.extraKernelArgs = [...opts.extraKernelArgs]
  if (opts.meta?.length) customization.meta = opts.meta.map((m) => ({ key: m.key, value: m.value }))
  if (opts.extensions?.length)
    customization.systemExtensions = { officialExtensions: [...opts.extensions] }
  doc.customization = customization
  return stringify(doc, { indent: 4, indentSeq: true, lineWidth: 0 })
}

/** The schematic ID: lower-case hex SHA-256 of the canonical YAML. */
export function schematicId(opts: SchematicOptions = {}): string {
  return createHash('sha256').update(schematicYaml(opts)).digest('hex')
}

/** The RK3588 NPU driver; optional because only NPU workloads need it. */
export const RKNN_EXTENSION = 'siderolabs/rockchip-rknn'
export const DEFAULT_FACTORY = 'https://factory.talos.dev'

/** The inventory's say on the schematic (`distros.talos`); every field has a default. */
export interface Rk1SchematicSettings {
  extensions?: readonly string[]
  rknn?: boolean
  /** A known ID, used as is (the schematic is then not posted). */
  schematicId?: string
  factory?: string
}

/** The RK1 schematic: the turingrk1 overlay, the configured extensions, then rknn when asked. */
export function rk1Schematic(settings: Rk1SchematicSettings = {}): SchematicOptions {
  const extensions = [...(settings.extensions ?? LONGHORN_EXTENSIONS)]
  if (settings.rknn && !extensions.includes(RKNN_EXTENSION)) extensions.push(RKNN_EXTENSION)
  return { overlay: RK1_OVERLAY, extensions }
}

export interface ResolvedSchematic {
  id: string
  /** The canonical YAML we compute (what is posted; its sha256 is `id` unless `given`). */
  yaml: string
  /** True when the ID came from the inventory's `schematicId`. */
  given: boolean
}

/**
 * The one place the RK1 schematic ID is decided: the image download and the installer image of
 * `gen config` both use it, so upgrades keep exactly the overlay and extensions that were flashed.
 */
export function resolveRk1Schematic(settings: Rk1SchematicSettings = {}): ResolvedSchematic {
  const yaml = schematicYaml(rk1Schematic(settings))
  if (settings.schematicId) return { id: settings.schematicId.toLowerCase(), yaml, given: true }
  return { id: createHash('sha256').update(yaml).digest('hex'), yaml, given: false }
}

/** The factory's registry host, e.g. `factory.talos.dev` (it serves images and installers). */
export function factoryRegistry(factory: string = DEFAULT_FACTORY): string {
  return new URL(factory).host
}

/** `<factory host>/metal-installer/<id>:<version>` (tools.md §1.2.12, §2.2). */
export function installerImage(
  schematic: string,
  talosVersion: string,
  factory: string = DEFAULT_FACTORY
): string {
  return `${factoryRegistry(factory)}/metal-installer/${schematic}:${talosVersion}`
}

/** `<factory>/image/<id>/<version>/metal-arm64.raw.xz`, the RK1 disk image. */
export function factoryImageUrl(
  schematic: string,
  talosVersion: string,
  factory: string = DEFAULT_FACTORY
): string {
  return `${factory.replace(/\/+$/, '')}/image/${schematic}/${talosVersion}/metal-arm64.raw.xz`
}

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

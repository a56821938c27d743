import { describe, expect, it } from '@jest/globals'
import Ajv from 'ajv'
import addFormats from 'ajv-formats'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { inventoryJsonSchema, parseInventory } from '../../src/inventory'

const ROOT = join(import.meta.dirname, '../..')
const published = JSON.parse(
  readFileSync(join(ROOT, 'schema/cluster.schema.json'), 'utf8')
) as object
const fixture = (name: string): string =>
  readFileSync(join(ROOT, 'test/fixtures/inventories', name), 'utf8')

/** The published file as an editor or another tool would use it: plain ajv, no toolkit code. */
function compile(options: { useDefaults?: boolean } = {}) {
  const ajv = new Ajv({ allErrors: true, strict: false, ...options })
  addFormats(ajv)
  return ajv.compile(published)
}

describe('schema/cluster.schema.json', () => {
  it('is generated from src/inventory/schema.ts (run `node scripts/gen-schema.mjs` if this fails)', () => {
    expect(published).toEqual(JSON.parse(JSON.stringify(inventoryJsonSchema)))
  })

  it('accepts the reference example', () => {
    const validate = compile()
    const ok = validate(parse(readFileSync(join(ROOT, 'examples/cluster.yaml'), 'utf8')))
    expect(validate.errors ?? []).toEqual([])
    expect(ok).toBe(true)
  })

  it.each([
    'bad-role.yaml',
    'slot-out-of-range.yaml',
    'bmc-password.yaml',
    'missing-name.yaml',
    'bad-fingerprint.yaml'
  ])('rejects %s on its own', (name) => {
    expect(compile()(parse(fixture(name)))).toBe(false)
  })

  it('describes every property, so editors can show help', () => {
    const undocumented: string[] = []
    const walk = (schema: Record<string, unknown>, where: string): void => {
      const properties = (schema.properties ?? {}) as Record<string, Record<string, unknown>>
      for (const [key, sub] of Object.entries(properties)) {
        if (typeof sub.description !== 'string' || sub.description.length < 10)
          undocumented.push(`${where}.${key}`)
        walk(sub, `${where}.${key}`)
      }
      if (schema.items) walk(schema.items as Record<string, unknown>, `${where}[]`)
    }
    walk(published as Record<string, unknown>, '')
    expect(undocumented).toEqual([])
  })

  it('declares the same defaults the loader applies', () => {
    // Empty sections let ajv's useDefaults fill every default the schema declares.
    const text = fixture('minimal.yaml')
      .replace('    disks: { data: null }\n', '')
      .concat('distros:\n  talos: {}\n  k3s: {}\nversions:\n  charts: {}\n')
    const withSchemaDefaults = parse(text) as Record<string, unknown>
    expect(compile({ useDefaults: true })(withSchemaDefaults)).toBe(true)
    const { inventory } = parseInventory(text, 'cluster.yaml')
    const bySlot = [...(withSchemaDefaults.nodes as { slot: number }[])].sort(
      (a, b) => a.slot - b.slot
    )
    expect({ ...withSchemaDefaults, nodes: bySlot }).toEqual(inventory)
  })
})

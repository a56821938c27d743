// Values of a component = base file + distro overlay (both in the repository under
// workloads/values/<component>/) + values derived from the inventory, merged in that order.
// Objects merge key by key; arrays and scalars replace, as Helm merges `-f` files.
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'
import { Rk1Error } from '../common/errors'
import type { Component, Values, ValuesContext } from './types'

const isObject = (v: unknown): v is Values =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

export function deepMerge(...layers: Values[]): Values {
  const out: Values = {}
  for (const layer of layers)
    for (const [k, v] of Object.entries(layer))
      out[k] = isObject(v) && isObject(out[k]) ? deepMerge(out[k], v) : structuredClone(v)
  return out
}

/** The repository's `workloads/values`, found upwards from this module or the working directory. */
export function defaultValuesDir(): string {
  const starts = [path.dirname(fileURLToPath(import.meta.url)), process.cwd()]
  for (const start of starts) {
    for (let dir = start; ; dir = path.dirname(dir)) {
      const candidate = path.join(dir, 'workloads', 'values')
      if (existsSync(candidate)) return candidate
      if (path.dirname(dir) === dir) break
    }
  }
  throw new Rk1Error('The workload values folder (workloads/values) was not found.', {
    step: 'deploy-workloads',
    advice: 'Run from a checkout of rk1-actions, or pass the values folder explicitly.'
  })
}

function readValuesFile(file: string): Values {
  if (!existsSync(file)) return {}
  const doc: unknown = parse(readFileSync(file, 'utf8'))
  if (doc === null || doc === undefined) return {}
  if (!isObject(doc)) throw new Rk1Error(`${file} must hold a YAML mapping.`, { step: 'values' })
  return doc
}

export function renderValues(component: Component, ctx: ValuesContext, valuesDir: string): Values {
  const dir = path.join(valuesDir, component.name)
  return deepMerge(
    readValuesFile(path.join(dir, 'base.yaml')),
    readValuesFile(path.join(dir, `${ctx.settings.distro}.yaml`)),
    component.values(ctx)
  )
}

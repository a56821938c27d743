// Writes schema/cluster.schema.json from src/inventory/schema.ts, the schema's single source.
// `node scripts/gen-schema.mjs --check` exits 1 when the committed file is stale (for CI).
import { build } from 'esbuild'
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { format, resolveConfig } from 'prettier'

const root = fileURLToPath(new URL('..', import.meta.url))
const target = `${root}schema/cluster.schema.json`

async function loadSchema() {
  // Bundle in memory and import from a data URL: no TypeScript loader, no temp file.
  const result = await build({
    entryPoints: [`${root}src/inventory/schema.ts`],
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
    logLevel: 'warning'
  })
  const code = result.outputFiles[0].text
  const module = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)
  return module.inventoryJsonSchema
}

const schema = await loadSchema()
const options = (await resolveConfig(target)) ?? {}
const text = await format(JSON.stringify(schema, null, 2), { ...options, parser: 'json' })

if (process.argv.includes('--check')) {
  let current = ''
  try {
    current = readFileSync(target, 'utf8')
  } catch {
    // missing counts as stale
  }
  if (current !== text) {
    console.error('schema/cluster.schema.json is stale: run `node scripts/gen-schema.mjs`.')
    process.exit(1)
  }
  console.log('schema/cluster.schema.json is up to date.')
} else {
  writeFileSync(target, text)
  console.log(`Wrote ${target}`)
}

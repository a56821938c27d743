// Writes the published JSON Schemas from their single sources in src/:
//   schema/cluster.schema.json     from src/inventory/schema.ts (inventoryJsonSchema)
//   schema/run-record.schema.json  from src/bench/record-schema.ts (runRecordJsonSchema)
// `node scripts/gen-schema.mjs --check` exits 1 when a committed file is stale (for CI).
import { build } from 'esbuild'
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { format, resolveConfig } from 'prettier'

const root = fileURLToPath(new URL('..', import.meta.url))
const SCHEMAS = [
  ['schema/cluster.schema.json', 'src/inventory/schema.ts', 'inventoryJsonSchema'],
  ['schema/run-record.schema.json', 'src/bench/record-schema.ts', 'runRecordJsonSchema']
]

async function loadSchema(entry, name) {
  // Bundle in memory and import from a data URL: no TypeScript loader, no temp file.
  const result = await build({
    entryPoints: [`${root}${entry}`],
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
    logLevel: 'warning'
  })
  const code = result.outputFiles[0].text
  const module = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)
  return module[name]
}

let stale = false
for (const [file, entry, name] of SCHEMAS) {
  const target = `${root}${file}`
  const schema = await loadSchema(entry, name)
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
      console.error(`${file} is stale: run \`node scripts/gen-schema.mjs\`.`)
      stale = true
    } else console.log(`${file} is up to date.`)
  } else {
    writeFileSync(target, text)
    console.log(`Wrote ${target}`)
  }
}
if (stale) process.exit(1)

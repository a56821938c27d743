// Writes every action.yml from the command registry (bundled on the fly, so no build is needed).
import { build } from 'esbuild'
import { mkdirSync, writeFileSync, rmSync } from 'node:fs'
import { dirname } from 'node:path'

const out = 'node_modules/.cache/rk1/action-metadata.mjs'
await build({
  entryPoints: ['src/commands/action-metadata.ts'],
  outfile: out,
  bundle: true,
  format: 'esm',
  platform: 'node',
  packages: 'external',
  logLevel: 'warning'
})
const { allActionFiles } = await import(`../${out}?t=${Date.now()}`)
for (const [path, content] of allActionFiles()) {
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, content)
  console.log(`wrote ${path}`)
}
rmSync(out)

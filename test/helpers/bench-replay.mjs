// Replays recorded harness output for one suite as a Job pod's process would print it, so the
// command's Job handling can be tested before (and apart from) the lab's own harness run.
//   node bench-replay.mjs <fixture.log> <suite> <node> [crash]
// crash: print the first result of the suite, then die with 137 and no done line (an OOM kill).
import { readFileSync } from 'node:fs'

const [fixture, suite, node, fault] = process.argv.slice(2)
const kind = (r) => {
  const v = r.workload.variant
  if (v.startsWith('fio')) return 'storage'
  if (v.startsWith('cpu')) return 'cpu'
  if (/llama|llm/.test(r.workload.id)) return 'llm'
  return 'npu'
}
const lines = readFileSync(fixture, 'utf8').split('\n').filter(Boolean)
const docs = lines.filter((l) => l.startsWith('RK1-BENCH ')).map((l) => JSON.parse(l.slice(10)))
const out = (d) => process.stdout.write(`RK1-BENCH ${JSON.stringify(d)}\n`)
out({ ...docs.find((d) => d.type === 'start'), node, suites: [suite] })
out(docs.find((d) => d.type === 'environment'))
process.stderr.write(`rk1-bench: suite ${suite}\n`)
const results = docs.filter((d) => d.type === 'result' && kind(d) === suite)
for (const [i, r] of results.entries()) {
  out({ type: 'progress', workload: r.workload.id, variant: r.workload.variant, done: 1, total: 2 })
  if (fault === 'crash' && i === 1) {
    process.stderr.write('Killed\n')
    process.exit(137)
  }
  out(r)
}
out({ type: 'done', ok: results.length, failed: 0, skipped: 0 })

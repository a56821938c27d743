// Talos provision of a fresh 4-node lab with the lab's realistic timing profile (scaled): total
// wall time against the critical path (flashes are serial on one BMC, everything after a node's
// flash can overlap the next flash) and against node-after-node sequential provisioning.
// Usage: node bench/run.mjs provision [timeScale]   (figures only, no assertions)
import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { startLab } from '../src/lab/lab'

const timeScale = Number(process.argv[2] ?? 4)
const repo = process.cwd()

interface NodeJson {
  slot: number
  flashMs?: number
  bootMs?: number
  configureMs?: number
}

const dir = mkdtempSync(join(tmpdir(), 'rk1-bench-provision-'))
const lab = await startLab({ dir, timeScale })
try {
  const work = mkdtempSync(join(tmpdir(), 'rk1-bench-run-'))
  // The lab's bin/talosctl finds dist/ from the running module, which is a temp bundle here.
  const bin = join(work, 'bin')
  mkdirSync(bin)
  writeFileSync(
    join(bin, 'talosctl'),
    `#!/bin/sh\nexec "${process.execPath}" "${join(repo, 'dist', 'lab-talosctl.mjs')}" "$@"\n`,
    { mode: 0o755 }
  )
  const env: Record<string, string> = {
    PATH: `${bin}:${lab.env.PATH as string}`,
    HOME: process.env.HOME ?? work,
    GITHUB_OUTPUT: join(work, 'out'),
    GITHUB_STEP_SUMMARY: join(work, 'summary'),
    RUNNER_TEMP: join(work, 'tmp'),
    RUNNER_TOOL_CACHE: join(work, 'cache'),
    INPUT_INVENTORY: lab.inventoryPath,
    INPUT_CONFIRM: 'rk1-lab',
    INPUT_DISTRO: 'talos',
    'INPUT_BMC-PASSWORD': lab.env.RK1_BMC_PASSWORD as string,
    'INPUT_BOOT-TIMEOUT': '600',
    INPUT_NODES: 'all'
  }
  writeFileSync(env.GITHUB_OUTPUT as string, '')
  writeFileSync(env.GITHUB_STEP_SUMMARY as string, '')
  const started = performance.now()
  await promisify(execFile)(process.execPath, [join(repo, 'dist', 'provision.mjs')], {
    env,
    maxBuffer: 64 << 20
  })
  const wall = performance.now() - started
  const out = readFileSync(env.GITHUB_OUTPUT as string, 'utf8')
  const m = /^result<<(ghadelimiter_[\w-]+)\n([\s\S]*?)\n\1$/m.exec(out)
  const result = JSON.parse(m?.[2] ?? '{}') as {
    totalMs: number
    pipelineMs: number
    tailMs: number
    bootstrapMs?: number
    nodes: NodeJson[]
  }
  const pre = result.totalMs - result.pipelineMs - result.tailMs
  let flashed = 0
  let longest = 0
  let sequential = 0
  for (const n of result.nodes) {
    flashed += n.flashMs ?? 0
    const after = (n.bootMs ?? 0) + (n.configureMs ?? 0)
    longest = Math.max(longest, flashed + after)
    sequential += (n.flashMs ?? 0) + after
  }
  const critical = pre + longest + result.tailMs
  const seq = pre + sequential + (result.bootstrapMs ?? 0) + result.tailMs
  const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`
  console.log(`timeScale ${timeScale} (lab durations divided by ${timeScale}); 4 nodes, fresh lab`)
  for (const n of result.nodes)
    console.log(
      `  slot ${n.slot}: flash ${s(n.flashMs ?? 0)}, boot ${s(n.bootMs ?? 0)}, configure ${s(n.configureMs ?? 0)}`
    )
  console.log(`process wall time      ${s(wall)}`)
  console.log(
    `provision total        ${s(result.totalMs)} (setup ${s(pre)}, pipeline ${s(result.pipelineMs)}, health+kubeconfig+Ready ${s(result.tailMs)})`
  )
  console.log(
    `critical path          ${s(critical)}  → total / critical = ${(result.totalMs / critical).toFixed(3)} (target ≤ 1.05)`
  )
  console.log(
    `node-after-node        ${s(seq)}  → total / sequential = ${(result.totalMs / seq).toFixed(3)}`
  )
} finally {
  await lab.close()
  rmSync(dir, { recursive: true, force: true })
}

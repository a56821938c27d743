// End to end through the BUILT CLI against a lab Kubernetes API (real kubectl, the repository's
// harness in the rk1-bench pods, SIMULATED engines): the benchmark image comes from the
// inventory's versions.benchmarkImage when the input is empty.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { startKubeApiEmulator, type KubeApiEmulator } from '../../src/lab/kube/index'
import { repoRoot, runCli } from '../helpers/action-runner'
import { labInventoryText } from '../helpers/workloads-inventory'

const NET = 7
const PINNED = 'ghcr.io/example/repo/rk1-bench@sha256:' + 'f'.repeat(64)

let emu: KubeApiEmulator
let dir: string

const env = (extra: Record<string, string> = {}) => ({
  PATH: `${path.join(repoRoot, '.tools/bin')}${path.delimiter}${process.env.PATH ?? ''}`,
  RK1_CACHE_DIR: path.join(dir, 'cache'),
  RK1_ARTIFACTS_DIR: path.join(dir, 'artifacts'),
  ...extra
})

function inventory(name: string, extra = ''): string {
  const file = path.join(dir, name)
  writeFileSync(file, labInventoryText(extra, NET))
  return file
}

function args(file: string, extra: string[]): string[] {
  return [
    'npu-benchmark',
    '--inventory',
    file,
    '--distro',
    'k3s',
    '--kubeconfig-path',
    path.join(dir, 'kubeconfig'),
    '--cooldown',
    '0',
    '--timeout',
    '60',
    ...extra
  ]
}

interface Result {
  simulated: boolean
  records: { node: string; workload: string; variant: string; status: string; reason?: string }[]
}

beforeAll(async () => {
  emu = await startKubeApiEmulator({
    host: '127.0.0.1',
    timeScale: 20,
    readyDelayMs: 400,
    nodeReadyDelayMs: 400
  })
  emu.registerNode('lab-cp1', { ip: '127.0.1.1', roles: ['control-plane'] })
  for (let i = 2; i <= 4; i++) emu.registerNode(`lab-w${i - 1}`, { ip: `127.0.1.${i}` })
  dir = mkdtempSync(path.join(tmpdir(), 'rk1-bench-models-e2e-'))
  writeFileSync(path.join(dir, 'kubeconfig'), emu.kubeconfig())
}, 30_000)

afterAll(async () => {
  await emu.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('npu-benchmark: the image from the inventory', () => {
  test('no input: the Jobs run versions.benchmarkImage (the lab runs the harness only for rk1-bench images)', async () => {
    const file = inventory('pinned.yaml', `versions:\n  benchmarkImage: '${PINNED}'\n`)
    const out = path.join(dir, 'out-pinned.json')
    const r = await runCli(
      args(file, ['--suites', 'cpu', '--nodes', 'lab-w1', '--output-file', out]),
      { env: env({ RK1_RUN_ID: 'pinned' }), cwd: dir, timeoutMs: 120_000 }
    )
    expect(r.stderr).toBe('')
    expect(r.exitCode).toBe(0)
    expect(r.stdout).toContain(
      `Benchmark image ${PINNED} (the inventory's versions.benchmarkImage)`
    )
    expect(r.stdout).not.toMatch(/not pinned by digest/)
    const result = JSON.parse(
      (JSON.parse(readFileSync(out, 'utf8')) as Record<string, string>).result ?? ''
    ) as Result
    expect(result.simulated).toBe(true)
    expect(result.records.length).toBe(6)
    expect(result.records.every((x) => x.node === 'lab-w1' && x.status === 'ok')).toBe(true)
  }, 150_000)

  test('the input overrides it (a tag: warned); neither: refused before anything runs, with the advice', async () => {
    const pinned = inventory('pinned-plan.yaml', `versions:\n  benchmarkImage: '${PINNED}'\n`)
    const plan = await runCli(
      args(pinned, ['--dry-run', 'true', '--benchmark-image', 'rk1-bench:lab', '--suites', 'npu']),
      { env: env(), cwd: dir }
    )
    expect(plan.exitCode).toBe(0)
    expect(plan.stdout).toContain('"image": "rk1-bench:lab"')
    expect(plan.stdout).toContain('The benchmark image rk1-bench:lab is not pinned by digest')
    const none = await runCli(args(inventory('none.yaml'), ['--dry-run', 'true']), {
      env: env(),
      cwd: dir
    })
    expect(none.exitCode).not.toBe(0)
    expect(none.stdout + none.stderr).toMatch(
      /--benchmark-image: no benchmark image: set versions\.benchmarkImage in the inventory/
    )
  })
})

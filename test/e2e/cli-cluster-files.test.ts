import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { main } from '../../src/cli/main'
import { loadInventory, type Inventory } from '../../src/inventory'
import { startLab, type Lab } from '../../src/lab/lab'

// Issue 10 §4/§3/§2: `rk1 provision` (K3s) in-process against the lab without --output-dir,
// --output-file or RK1_SSH_PRIVATE_KEY. The generated key, the kubeconfig stay in the cluster's
// folder under RK1_STATE_DIR (0700/0600), the log names the file but never the key, and a second
// run finds the key there and succeeds: nothing flashed, no --confirm needed, still SIMULATED.

let lab: Lab
let inventory: Inventory
let state: string
let cache: string
let temp: string

interface CliRun {
  code: number
  stdout: string
  stderr: string
}

/** `rk1 provision` in-process (the lab's servers live in this process), stdout captured. */
async function rk1(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  let stdout = ''
  let stderr = ''
  const out = process.stdout.write.bind(process.stdout)
  const err = process.stderr.write.bind(process.stderr)
  process.stdout.write = ((t: string) => ((stdout += String(t)), true)) as typeof out
  process.stderr.write = ((t: string) => ((stderr += String(t)), true)) as typeof err
  let code: number
  try {
    code = await main(args, {
      PATH: lab.env.PATH,
      HOME: mkdtempSync(join(tmpdir(), 'rk1-files-home-')),
      RK1_BMC_PASSWORD: lab.env.RK1_BMC_PASSWORD,
      RK1_CACHE_DIR: cache,
      RK1_TEMP_DIR: temp,
      RK1_STATE_DIR: state,
      RK1_OFFLINE: '1',
      ...env
    })
  } finally {
    process.stdout.write = out
    process.stderr.write = err
  }
  return { code, stdout, stderr }
}

const provisionArgs = (): string[] => [
  'provision',
  '--inventory',
  lab.inventoryPath,
  '--distro',
  'k3s',
  '--boot-timeout',
  '60'
]
const flashes = (since: number): number =>
  lab.bmc.requestLog.filter((r) => r.seq > since && /type=flash/.test(r.query)).length

let first: CliRun
let dir: string

beforeAll(async () => {
  lab = await startLab({ dir: mkdtempSync(join(tmpdir(), 'rk1-files-lab-')), timeScale: 200 })
  inventory = (await loadInventory(lab.inventoryPath)).inventory
  state = mkdtempSync(join(tmpdir(), 'rk1-files-state-'))
  cache = mkdtempSync(join(tmpdir(), 'rk1-files-cache-'))
  temp = mkdtempSync(join(tmpdir(), 'rk1-files-tmp-'))
  dir = join(state, 'clusters', inventory.name)
  first = await rk1([...provisionArgs(), '--confirm', inventory.name])
  if (first.code !== 0) console.log(first.stdout, first.stderr)
}, 180_000)
afterAll(async () => lab?.close())

describe('CLI: no generated secret is lost', () => {
  it("keeps the generated key and the kubeconfig in the cluster's folder, 0700/0600", () => {
    expect(first.code).toBe(0)
    expect(statSync(dir).mode & 0o777).toBe(0o700)
    const key = join(dir, 'ssh-private-key')
    expect(statSync(key).mode & 0o777).toBe(0o600)
    expect(readFileSync(key, 'utf8')).toContain('PRIVATE KEY')
    const kubeconfig = join(dir, 'kubeconfig')
    expect(statSync(kubeconfig).mode & 0o777).toBe(0o600)
    expect(readFileSync(kubeconfig, 'utf8')).toContain(
      `server: https://${inventory.nodes[0]?.ip}:6443`
    )
    // The run's scratch folder is gone; what it produced is not.
    expect(readdirSync(temp)).toEqual([])
  })

  it('logs each boot once and gives no real-hardware estimate for the lab image', () => {
    for (const n of inventory.nodes)
      expect(first.stdout.split(`slot ${n.slot} (${n.hostname}) booted after`)).toHaveLength(2)
    expect(first.stdout).not.toMatch(/node \d: booted after/)
    expect(first.stdout).not.toContain('Estimated total on real hardware')
    expect(first.stdout).toContain('No time estimate: the lab flashes a small stand-in image')
  })

  it('says where the key is, never what it is', () => {
    expect(first.stdout).toContain(`written to ${join(dir, 'ssh-private-key')} (mode 0600)`)
    const lines = readFileSync(join(dir, 'ssh-private-key'), 'utf8')
      .split('\n')
      .filter((l) => l.length > 20 && !l.startsWith('-----'))
    expect(lines.length).toBeGreaterThan(0)
    for (const line of lines) expect(first.stdout + first.stderr).not.toContain(line)
  })

  it('a second run finds the key, flashes nothing, needs no --confirm and still says SIMULATED', async () => {
    const before = lab.bmc.requestLog.at(-1)?.seq ?? 0
    const outputFile = join(mkdtempSync(join(tmpdir(), 'rk1-files-out-')), 'outputs.json')
    const again = await rk1([...provisionArgs(), '--output-file', outputFile])
    if (again.code !== 0) console.log(again.stdout, again.stderr)
    expect(again.code).toBe(0)
    expect(flashes(before)).toBe(0)
    expect(again.stdout).toContain(
      `SSH key: ${join(dir, 'ssh-private-key')}, kept by an earlier run`
    )
    expect(again.stdout).toContain('already up to date')
    expect(again.stdout).toMatch(/^#+ .*SIMULATED/m)
    const outputs = JSON.parse(readFileSync(outputFile, 'utf8')) as Record<string, string>
    expect(outputs['ssh-private-key']).toBeUndefined()
    expect(outputs['kubeconfig-path']).toBe(join(dir, 'kubeconfig'))
    expect(existsSync(outputs['kubeconfig-path'] as string)).toBe(true)
    const result = JSON.parse(outputs.result as string) as { simulated: boolean; keyOrigin: string }
    expect(result).toMatchObject({ simulated: true, keyOrigin: 'file' })
  }, 120_000)

  it('a wrong --confirm is still refused up front (exit 2), whatever the nodes run', async () => {
    const before = lab.bmc.requestLog.at(-1)?.seq ?? 0
    const run = await rk1([...provisionArgs(), '--confirm', 'production'])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('--confirm must equal the cluster name')
    expect(lab.bmc.requestLog.filter((r) => r.seq > before)).toHaveLength(0)
  })
})

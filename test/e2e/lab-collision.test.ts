import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from '@jest/globals'
import { startLab, type Lab } from '../../src/lab/lab'
import { runCli } from '../helpers/action-runner'

// A second lab on addresses that another lab serves is refused before it starts, in one message
// that names the taken addresses and the way out; lab.env keeps a lab run on loopback.
describe('rk1 lab up on a taken block', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rk1-collision-'))
  let lab: Lab | undefined
  afterAll(async () => {
    await lab?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('is refused with the taken addresses, and starts nothing', async () => {
    // Another program (or a booted node of another lab) serves SSH on the block's first node.
    const prefix = `127.${20 + Math.floor(Math.random() * 200)}.${Math.floor(Math.random() * 250)}`
    const squatter = createServer()
    await new Promise<void>((done) => squatter.listen(2222, `${prefix}.1`, done))
    const run = await runCli(
      ['lab', 'up', '--dir', join(dir, 'second'), '--subnet', `${prefix}.0/24`],
      { env: { XDG_RUNTIME_DIR: dir }, timeoutMs: 60_000 }
    )
    expect(run.exitCode).toBe(1)
    expect(run.stderr).toContain(`rk1 lab up: The lab's addresses ${prefix}.0/24 are in use: `)
    expect(run.stderr).toContain(`${prefix}.1:2222`)
    expect(run.stderr).toContain('--subnet')
    expect(run.stderr).not.toMatch(/\n\s+at .+:\d+/)
    expect(run.stdout).toBe('')
    squatter.close()
  })

  it('a non-loopback --subnet is refused (exit 2)', async () => {
    const run = await runCli(['lab', 'up', '--dir', join(dir, 'third'), '--subnet', '10.0.0.0/24'])
    expect(run.stderr).toMatch(/^rk1 lab up: --subnet must be a loopback \/24/)
    expect(run.exitCode).toBe(2)
  })

  it("lab.env points at the lab's charts and allows loopback only", async () => {
    lab = await startLab({ dir: join(dir, 'first') })
    const text = readFileSync(lab!.envPath, 'utf8')
    expect(text).toContain("RK1_OFFLINE='1'")
    expect(text).toMatch(/RK1_CHART_SOURCE='lab:.*\/lab\/charts'/)
  })
})

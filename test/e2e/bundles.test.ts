import { describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { commands } from '../../src/commands/registry'
import { repoRoot, runBundle, runCli } from '../helpers/action-runner'

// Bundling failures (ESM/CJS interop, __dirname, native addons) only show when a bundle runs, so
// every bundle is started with plain node here.
const planned = commands.filter((c) => !c.implemented).map((c) => c.name)

describe('built bundles run with plain node', () => {
  it('has one bundle per entry point', () => {
    const bundles = readdirSync(join(repoRoot, 'dist')).filter((f) => f.endsWith('.mjs'))
    expect(bundles.sort()).toEqual(
      [
        'cli.mjs',
        'deploy-workloads.mjs',
        'lab-talosctl.mjs',
        'main.mjs',
        'provision.mjs',
        'wipe.mjs',
        'npu-benchmark.mjs',
        'report.mjs'
      ].sort()
    )
  })

  it.each(planned.length ? planned : ['(none)'])(
    '%s fails clearly because it is not implemented yet',
    async (name) => {
      if (name === '(none)') return
      const run = await runBundle(`${name}.mjs`, { inventory: 'cluster.yaml' })
      expect(run.exitCode).toBe(1)
      expect(run.stdout).toContain(`::error::The command "${name}" is not implemented yet.`)
    }
  )

  it('the umbrella action dispatches on `command`', async () => {
    // report without records outside a GitHub run fails on its inputs: the dispatch reached it.
    const run = await runBundle('main.mjs', { command: 'report' })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain('inputs results: give the folders with the benchmark records')
  })

  it('the umbrella action lists the valid commands for an unknown one', async () => {
    const run = await runBundle('main.mjs', { command: 'flash-everything' })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain('Unknown command "flash-everything"')
    expect(run.stdout).toContain('provision, deploy-workloads, npu-benchmark, wipe, report')
  })

  it('the CLI prints help and uses distinct exit codes', async () => {
    const help = await runCli(['--help'])
    expect(help.exitCode).toBe(0)
    expect(help.stdout).toContain('Usage: rk1 <command>')
    if (planned[0]) {
      const notYet = await runCli([planned[0]])
      expect(notYet.exitCode).toBe(3)
      expect(notYet.stderr).toContain('not implemented yet')
    }
    const unknown = await runCli(['frobnicate'])
    expect(unknown.exitCode).toBe(2)
  })

  it('the lab talosctl answers like talosctl', async () => {
    const child = spawnSync(
      process.execPath,
      [join(repoRoot, 'dist', 'lab-talosctl.mjs'), 'version', '--client'],
      {
        encoding: 'utf8'
      }
    )
    expect(child.status).toBe(0)
    expect(child.stdout).toMatch(/^Client:\n\s+Tag:\s+v1\.\d+/)
  })

  it('the CLI refuses secrets on the command line', async () => {
    const run = await runCli(['provision', '--bmc-password', 'hunter22'])
    expect(run.exitCode).toBe(2)
    expect(run.stderr).toContain('RK1_BMC_PASSWORD')
  })
})

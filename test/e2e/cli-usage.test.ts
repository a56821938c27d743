import { mkdtempSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from '@jest/globals'
import { cliCommands } from '../../src/cli/cli-commands'
import { repoRoot, runCli } from '../helpers/action-runner'

// Every command the CLI offers (derived from the registry plus the lab commands, so commands added
// later are covered too) answers --help, an unknown flag and a flag without its value with the
// documented exit code, one line for a mistake, and never a stack trace.

const STACK_FRAME = /\n\s+at .+[:(]\d+/
const made: string[] = []
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })))

const commands = cliCommands()

describe.each(commands.map((c) => [c.name, c] as const))('rk1 %s', (name, command) => {
  const words = name.split(' ')

  it('--help prints its usage and every option, exit 0', async () => {
    const run = await runCli([...words, '--help'])
    expect(run.stderr).toBe('')
    expect(run.exitCode).toBe(0)
    expect(run.stdout).toContain(`Usage: rk1 ${name} [options]`)
    for (const option of command.options)
      expect(run.stdout).toContain(option.secret ? `$${option.env}` : `--${option.name}`)
    expect(run.stdout).not.toMatch(/undefined/)
  })

  it('an unknown flag: one line naming it, exit 2', async () => {
    const run = await runCli([...words, '--no-such-flag'])
    expect(run.stderr).toBe(`rk1 ${name}: unknown option --no-such-flag. See: rk1 ${name} --help\n`)
    expect(run.stdout).toBe('')
    expect(run.exitCode).toBe(2)
  })

  it('a flag without its value: one line, exit 2', async () => {
    const option = command.options.find((o) => !o.secret && o.default !== 'false')
    expect(option).toBeDefined()
    const run = await runCli([...words, `--${option!.name}`])
    expect(run.stderr).toBe(
      `rk1 ${name}: --${option!.name} needs a value. See: rk1 ${name} --help\n`
    )
    expect(run.stderr).not.toMatch(STACK_FRAME)
    expect(run.exitCode).toBe(2)
  })
})

describe('rk1 without a command, with --version, with a stale lab folder', () => {
  it('lists every command and says the version', async () => {
    const usage = await runCli(['--help'])
    for (const c of commands) expect(usage.stdout).toContain(`  ${c.name} `)
    const version = await runCli(['--version'])
    expect(version.stdout).toMatch(/^rk1 \d+\.\d+\.\d+\n$/)
    expect(version.exitCode).toBe(0)
  })

  it('a secret given as a flag is refused in one line (exit 2)', async () => {
    const run = await runCli(['provision', '--bmc-password', 'x'])
    expect(run.stderr).toMatch(/^rk1 provision: --bmc-password is not accepted .*RK1_BMC_PASSWORD/)
    expect(run.stderr.trim().split('\n')).toHaveLength(1)
    expect(run.exitCode).toBe(2)
  })

  it('`lab down` with a stale lab.pid signals nobody: one line, exit 1, the file removed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rk1-stale-lab-'))
    made.push(dir)
    // The pid of this very test process: signalling it would end the test.
    writeFileSync(join(dir, 'lab.pid'), `${process.pid}\n`)
    const run = await runCli(['lab', 'down', '--dir', dir], {
      env: { XDG_RUNTIME_DIR: dir }
    })
    expect(run.stderr).toBe(
      `rk1 lab down: no lab is running from ${dir} (removed its stale lab.pid)\n`
    )
    expect(run.exitCode).toBe(1)
    expect(readdirSync(dir)).not.toContain('lab.pid')
  })

  it('`demo --distro` takes talos, k3s or both: anything else is one line, exit 2', async () => {
    const run = await runCli(['demo', '--distro', 'arch'])
    expect(run.stderr).toBe('rk1 demo: --distro must be talos, k3s or both, got "arch"\n')
    expect(run.stdout).toBe('')
    expect(run.exitCode).toBe(2)
  })

  it('a CLI run leaves nothing in the temp folder', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'rk1-cli-tmp-'))
    made.push(tmp)
    const temp = join(tmp, 'temp')
    mkdirSync(temp)
    const run = await runCli(
      ['provision', '--inventory', join(repoRoot, 'examples', 'cluster.yaml'), '--dry-run'],
      { env: { TMPDIR: temp, RK1_CACHE_DIR: join(tmp, 'cache') } }
    )
    expect(run.stderr).toBe('')
    expect(run.exitCode).toBe(0)
    expect(readdirSync(temp)).toEqual([])
  })
})

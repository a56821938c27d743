import { spawn } from 'node:child_process'
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from '@jest/globals'
import { ensureSystem, REQUIREMENTS } from '../../scripts/system-packages.mjs'
import { repoRoot } from '../helpers/action-runner'

// The README's two commands on a machine that lacks a program: one line naming it, its package and
// the install command, exit 2, and nothing started. The PATH offered holds every program the
// project needs except sfdisk, and no apt-get (so nothing can be installed).

const made: string[] = []
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })))

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  made.push(dir)
  return dir
}

/** A PATH folder with links to the programs of the host, leaving out `without`. */
function pathWithout(without: string[]): string {
  const dir = tempDir('rk1-setup-path-')
  const hostPath = (process.env.PATH ?? '').split(':')
  for (const program of [...REQUIREMENTS.map((r) => r.program), 'node', 'sh', 'bash']) {
    if (without.includes(program)) continue
    const found = hostPath.map((d) => join(d, program)).find((f) => existsSync(f))
    if (found) symlinkSync(found, join(dir, program))
  }
  return dir
}

function run(
  args: string[],
  env: Record<string, string>
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: repoRoot, env, stdio: 'pipe' })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

const oneLine = /^rk1 set-up: missing sfdisk \(fdisk\); install with: .*fdisk\)?\n$/

describe('set-up check with a PATH that lacks sfdisk', () => {
  const bin = pathWithout(['sfdisk', 'apt-get'])

  it('stops `rk1 demo` with one line and exit 2 before anything starts', async () => {
    const tmp = tempDir('rk1-setup-tmp-')
    const result = await run([join(repoRoot, 'dist', 'cli.mjs'), 'demo'], {
      PATH: bin,
      HOME: tmp,
      TMPDIR: tmp
    })
    expect(result.stderr).toMatch(oneLine)
    expect(result.stdout).toBe('')
    expect(result.code).toBe(2)
    // No lab folder, no rk1-<pid> temp folder, no kube tools unpacked: nothing was started.
    expect(readdirSync(tmp)).toEqual([])
  })

  it("stops the test command in jest's globalSetup with the same line and exit 2", async () => {
    const result = await run(
      [
        '--experimental-vm-modules',
        join(repoRoot, 'node_modules', 'jest', 'bin', 'jest.js'),
        '--ci',
        'test/unit/inventory-ipv4.test.ts'
      ],
      { PATH: bin, HOME: tempDir('rk1-setup-home-') }
    )
    expect(result.stderr).toMatch(oneLine)
    expect(result.stdout).toBe('')
    expect(result.code).toBe(2)
  })

  it('as root with apt-get, installs the missing package and says so', () => {
    if (process.getuid?.() !== 0) return // the install path needs root; CI runs as root
    const fakeBin = pathWithout(['sfdisk', 'apt-get'])
    const log = join(fakeBin, 'apt.log')
    // A stand-in apt-get: records its arguments; `install` puts an sfdisk on PATH.
    writeFileSync(
      join(fakeBin, 'apt-get'),
      `#!/bin/sh\necho "$*" >> "${log}"\n` +
        `[ "$1" = install ] && printf '#!/bin/sh\\n' > "${fakeBin}/sfdisk" && /bin/chmod +x "${fakeBin}/sfdisk"\nexit 0\n`
    )
    chmodSync(join(fakeBin, 'apt-get'), 0o755)
    const lines: string[] = []
    const result = ensureSystem({ scope: 'lab', env: { PATH: fakeBin }, log: (l) => lines.push(l) })
    expect(result).toEqual({ ok: true, installed: ['fdisk'] })
    expect(lines[0]).toBe('rk1 set-up: installing fdisk with apt-get (missing: sfdisk)')
    expect(lines[1]).toMatch(/^rk1 set-up: installed fdisk in \d+ s$/)
    expect(lines).toHaveLength(2)
    expect(readFileSync(log, 'utf8')).toBe(
      'update -qq\ninstall -y -qq --no-install-recommends fdisk\n'
    )
  })
})

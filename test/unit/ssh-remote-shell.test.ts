/** The shell snippets, run through the local bash (the remote runs the same text). */
import { describe, expect, it } from '@jest/globals'
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  GroupReportFilter,
  checkEnv,
  envCommand,
  envPreamble,
  groupReportPrefix,
  shellQuote,
  uploadCommand,
  wrapScript
} from '../../src/node-access/remote-shell'

function sh(command: string, input?: Buffer | string): string {
  return execFileSync('bash', ['-c', command], { input: input ?? '', encoding: 'utf8' })
}

describe('remote shell snippets', () => {
  it('shellQuote survives the shell', () => {
    for (const word of ['plain', "it's", 'a b\nc', '$HOME `x` "q"', '', '-n']) {
      expect(sh(`printf '%s' ${shellQuote(word)}`)).toBe(word)
    }
  })

  it('env travels on stdin and the command still gets the rest of stdin', () => {
    const env = { A: 'first-value', B: "two 'quoted'\nlines $x", EMPTY: '' }
    const input = Buffer.concat([envPreamble(env), Buffer.from('payload')])
    const out = sh(envCommand('printf "%s|%s|%s|" "$A" "$B" "${EMPTY-unset}"; cat'), input)
    expect(out).toBe(`first-value|two 'quoted'\nlines $x||payload`)
    expect(envCommand('true')).not.toContain('first-value')
  })

  it('checkEnv refuses names a shell cannot export', () => {
    expect(() => checkEnv({ 'BAD-NAME': 'x' })).toThrow(/Invalid environment variable name/)
    expect(() => checkEnv({ OK: 'a\0b' })).toThrow(/NUL/)
    expect(() => checkEnv({ OK_1: 'fine' })).not.toThrow()
  })

  it('wrapScript: a stdin reader inside cannot eat the script; env is exported', () => {
    const script = 'cat > /dev/null\necho "still here $V"\nexit 4'
    let code = 0
    let out: string
    try {
      out = execFileSync('bash', ['-s'], {
        input: wrapScript(script, { V: 'x y' }),
        encoding: 'utf8'
      })
    } catch (e) {
      code = (e as { status: number }).status
      out = (e as { stdout: string }).stdout
    }
    expect(out).toBe('still here x y\n')
    expect(code).toBe(4)
  })

  it('uploadCommand writes atomically with the mode and leaves no temp file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rk1-upload-'))
    try {
      const target = join(dir, "file with 'quotes'")
      sh(uploadCommand(target, 0o640), 'content')
      expect(readFileSync(target, 'utf8')).toBe('content')
      expect(statSync(target).mode & 0o777).toBe(0o640)
      expect(readdirSync(dir)).toEqual(["file with 'quotes'"])
      expect(() => sh(uploadCommand(join(dir, 'missing/x'), 0o600), 'x')).toThrow()
      expect(readdirSync(dir)).toHaveLength(1)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('GroupReportFilter', () => {
  it('takes the PID report out of stderr, even split across chunks', () => {
    const run = spawnSync('bash', ['-c', `${groupReportPrefix('n1')}echo err >&2`])
    // Feed the real stderr in two uneven chunks.
    const f = new GroupReportFilter('n1')
    const bytes = run.stderr
    const rest = Buffer.concat([f.write(bytes.subarray(0, 7)), f.write(bytes.subarray(7)), f.end()])
    expect(rest.toString()).toBe('err\n')
    expect(f.pgid).toBeGreaterThan(1)
  })

  it('passes through text before the report and gives up on a missing one', () => {
    const f = new GroupReportFilter('n2')
    expect(f.write(Buffer.from('motd\nrk1-pgid-n2:42\nboom')).toString()).toBe('motd\nboom')
    expect(f.pgid).toBe(42)
    const g = new GroupReportFilter('n3')
    expect(g.write(Buffer.from('no report')).length).toBe(0)
    expect(g.end().toString()).toBe('no report')
    expect(g.pgid).toBeUndefined()
  })
})

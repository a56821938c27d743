/**
 * The SSH layer against a real OpenSSH sshd on 127.0.0.1 (test/helpers/sshd.ts): host-key pinning
 * and learn-once, exec/stdin/exit codes, scripts kept off the command line, atomic upload,
 * timeouts that kill the remote process group, and waitForSsh retry rules (counted in sshd's log).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { Readable } from 'node:stream'
import { promisify } from 'node:util'
import { build } from 'esbuild'
import {
  SshAuthError,
  SshCommandError,
  SshHostKeyError,
  SshSession,
  SshUnreachableError,
  learnedFingerprint,
  waitForSsh,
  type HostKeyPolicy
} from '../../src/node-access/ssh'
import { TestSshd, freePort, generateKeyPair, sshdSkipReason, type KeyPair } from '../helpers/sshd'

const skip = sshdSkipReason()
const suite = skip ? describe.skip : describe
if (skip) console.warn(skip)

suite('SSH node access against OpenSSH sshd', () => {
  let keys: string
  let client: KeyPair
  let stranger: KeyPair
  let sshd: TestSshd
  let session: SshSession

  beforeAll(async () => {
    keys = mkdtempSync(join(tmpdir(), 'rk1-ssh-keys-'))
    client = await generateKeyPair(keys, 'client')
    stranger = await generateKeyPair(keys, 'stranger')
    sshd = await TestSshd.create([client.publicKey.trim()])
    await sshd.start()
    session = await SshSession.connect(sshd.target(client.privateKey), {
      hostKey: { mode: 'pin', fingerprints: [sshd.hostKey.fingerprint] },
      node: 2
    })
  })

  afterAll(async () => {
    await session?.close()
    await sshd?.dispose()
    rmSync(keys, { recursive: true, force: true })
  })

  it('accepts a pinned host key and reports its OpenSSH fingerprint', () => {
    expect(session.hostKeyFingerprint).toBe(sshd.hostKey.fingerprint)
  })

  it('rejects a wrong pin with expected and seen fingerprints', async () => {
    const wrong = stranger.fingerprint
    const error = await SshSession.connect(sshd.target(client.privateKey), {
      hostKey: { mode: 'pin', fingerprints: [wrong] },
      node: 3
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SshHostKeyError)
    const e = error as SshHostKeyError
    expect(e.expected).toEqual([wrong])
    expect(e.seen).toBe(sshd.hostKey.fingerprint)
    expect(e.node).toBe(3)
    expect(e.describe()).toContain(wrong)
    expect(e.advice).toMatch(/re-flashed/)
  })

  it('runs commands without a PTY: exit codes, stdout, stderr and stdin', async () => {
    const r = await session.exec('echo out; echo err >&2; tty; exit 3')
    expect(r.code).toBe(3)
    expect(r.stdout).toBe('out\nnot a tty\n')
    expect(r.stderr).toBe('err\n')

    const cat = await session.exec('cat | tr a-z A-Z', { stdin: 'hello\nworld' })
    expect(cat).toMatchObject({ code: 0, stdout: 'HELLO\nWORLD' })

    const chunks: string[] = []
    await session.exec('printf "%s\\n" one two', { onStdout: (c) => chunks.push(c) })
    expect(chunks.join('')).toBe('one\ntwo\n')

    const killed = await session.exec('kill -USR1 $$')
    expect(killed.code).toBeNull()
    expect(killed.signal).toBe('SIGUSR1')
  })

  it('throws SshCommandError with the first line and stderr tail when asked to check', async () => {
    const error = await session
      .exec('echo failing >&2\nexit 1 # second-line-secret', { check: true })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SshCommandError)
    const e = error as SshCommandError
    expect(e.code).toBe(1)
    expect(e.stderrTail).toBe('failing')
    expect(e.node).toBe(2)
    expect(e.message).not.toContain('second-line-secret')
    expect(e.command).not.toContain('second-line-secret')
  })

  it('passes env values on stdin, not on the command line', async () => {
    const secret = `s3cr3t-${process.pid}`
    const r = await session.exec(
      'printf "%s|%s|" "$TOKEN" "$ODD"; cat /proc/$$/cmdline | tr "\\0" " "; echo; cat',
      { env: { TOKEN: secret, ODD: 'a \'b\'\n"c" $d' }, stdin: 'rest-of-stdin' }
    )
    expect(r.code).toBe(0)
    const [values, cmdline] = r.stdout.split('\n')
    expect(values).toBe(`${secret}|a 'b'`)
    expect(r.stdout).toContain(`"c" $d|`)
    expect(cmdline).not.toContain(secret)
    expect(r.stdout.endsWith('rest-of-stdin')).toBe(true)
  })

  it('runScript keeps the script and its env off every command line', async () => {
    const secret = `script-secret-${process.pid}`
    const script = [
      `SECRET=${secret}`,
      'echo "exec:${BASH_EXECUTION_STRING:-unset}"',
      'for p in /proc/[0-9]*; do tr "\\0" " " < $p/cmdline 2>/dev/null; echo; done > /tmp/rk1-cmdlines.$$',
      'grep -c -- "$SECRET" /tmp/rk1-cmdlines.$$ || true; rm -f /tmp/rk1-cmdlines.$$',
      'read -r line || echo "stdin-empty"', // must not eat the rest of the script
      'echo "env:$FROM_ENV"',
      'exit 7'
    ].join('\n')
    const r = await session.runScript(script, { env: { FROM_ENV: secret } })
    expect(r.code).toBe(7)
    expect(r.stdout.split('\n')).toEqual(['exec:unset', '0', 'stdin-empty', `env:${secret}`, ''])
  })

  it('uploads atomically with a mode and downloads the same bytes', async () => {
    const dir = (await session.exec('mktemp -d', { check: true })).stdout.trim()
    const data = Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 7) % 256))
    await session.upload(`${dir}/blob.bin`, data, 0o600)
    expect((await session.download(`${dir}/blob.bin`)).equals(data)).toBe(true)
    const stat = await session.exec(`stat -c %a ${dir}/blob.bin; ls -A ${dir}`, { check: true })
    expect(stat.stdout).toBe('600\nblob.bin\n')

    await session.upload(`${dir}/name with 'quote'`, Readable.from([Buffer.from('a'), 'b']), 0o751)
    const again = await session.download(`${dir}/name with 'quote'`)
    expect(again.toString()).toBe('ab')
    expect((await session.exec(`stat -c %a "${dir}/name with 'quote'"`)).stdout).toBe('751\n')

    const missing = await session.download(`${dir}/nope`).catch((e: unknown) => e)
    expect(missing).toBeInstanceOf(SshCommandError)
    expect((missing as SshCommandError).stderrTail).toMatch(/No such file/)

    const badDir = await session.upload(`${dir}/no/such/dir/f`, data).catch((e: unknown) => e)
    expect(badDir).toBeInstanceOf(SshCommandError)
    await session.exec(`rm -rf ${dir}`)
  })

  it('a command timeout kills the remote process group', async () => {
    const marker = `/tmp/rk1-timeout-${process.pid}`
    const error = await session
      .exec(`echo $$ > ${marker}; sleep 301 & echo $! >> ${marker}; wait; echo never`, {
        timeoutMs: 500
      })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SshCommandError)
    expect((error as SshCommandError).timedOut).toBe(true)
    // Both the shell and its background child must be gone (signal delivery is asynchronous).
    const check = `for i in $(seq 50); do alive=0; for p in $(cat ${marker}); do kill -0 $p 2>/dev/null && alive=1; done; [ $alive = 0 ] && break; sleep 0.1; done; echo $alive; rm -f ${marker}`
    expect((await session.exec(check)).stdout).toBe('0\n')
  })

  it('aborting a command rejects with the reason and kills it on the node', async () => {
    const marker = `/tmp/rk1-abort-${process.pid}`
    const controller = new AbortController()
    const error = await session
      .exec(`echo $$ > ${marker}; echo started; sleep 302`, {
        signal: controller.signal,
        onStdout: () => controller.abort(new Error('cancelled by test'))
      })
      .catch((e: unknown) => e)
    expect((error as Error).message).toBe('cancelled by test')
    const check = `for i in $(seq 50); do kill -0 $(cat ${marker}) 2>/dev/null || { echo gone; break; }; sleep 0.1; done; rm -f ${marker}`
    expect((await session.exec(check)).stdout).toBe('gone\n')
  })

  it('works from an esbuild bundle without the native addons (pure-JS crypto)', async () => {
    // Same options as build.mjs: ESM, require/__dirname shims, cpu-features and *.node external.
    const out = mkdtempSync(join(tmpdir(), 'rk1-ssh-bundle-'))
    try {
      const entry = join(out, 'probe.ts')
      const api = resolve('src/node-access/ssh.ts')
      writeFileSync(
        entry,
        `import { SshSession } from ${JSON.stringify(api)}
const s = await SshSession.connect(
  { host: '127.0.0.1', port: Number(process.env.PORT), username: process.env.USER_NAME, privateKey: process.env.KEY },
  { hostKey: { mode: 'pin', fingerprints: [process.env.FP] } })
const r = await s.exec('echo bundled')
await s.close()
console.log(JSON.stringify(r))
`
      )
      await build({
        entryPoints: [entry],
        outfile: join(out, 'probe.mjs'),
        bundle: true,
        format: 'esm',
        platform: 'node',
        target: 'node20',
        mainFields: ['module', 'main'],
        banner: {
          js: "import { createRequire as __rk1CreateRequire } from 'node:module'; const require = __rk1CreateRequire(import.meta.url);"
        },
        define: { __dirname: 'import.meta.dirname', __filename: 'import.meta.filename' },
        external: ['cpu-features', '*.node'],
        logLevel: 'silent'
      })
      expect(existsSync(join(out, 'crypto/build/Release/sshcrypto.node'))).toBe(false)
      const { stdout } = await promisify(execFile)(process.execPath, [join(out, 'probe.mjs')], {
        env: {
          PATH: process.env.PATH,
          PORT: String(sshd.port),
          USER_NAME: sshd.username,
          KEY: client.privateKey,
          FP: sshd.hostKey.fingerprint
        }
      })
      expect(JSON.parse(stdout)).toEqual({ code: 0, stdout: 'bundled\n', stderr: '' })
    } finally {
      rmSync(out, { recursive: true, force: true })
    }
  })

  it('learn-once pins the first key; a new host key after restart is rejected', async () => {
    const policy: HostKeyPolicy = { mode: 'learn-once' }
    const first = await SshSession.connect(sshd.target(client.privateKey), { hostKey: policy })
    expect(first.hostKeyFingerprint).toBe(sshd.hostKey.fingerprint)
    expect(learnedFingerprint(policy)).toBe(sshd.hostKey.fingerprint)
    await first.close()
    const old = sshd.hostKey.fingerprint

    await session.close()
    await sshd.restartWithNewHostKey()
    expect(sshd.hostKey.fingerprint).not.toBe(old)

    const again = await SshSession.connect(sshd.target(client.privateKey), {
      hostKey: policy
    }).catch((e: unknown) => e)
    expect(again).toBeInstanceOf(SshHostKeyError)
    expect((again as SshHostKeyError).expected).toEqual([old])
    expect((again as SshHostKeyError).seen).toBe(sshd.hostKey.fingerprint)

    const pinned = await SshSession.connect(sshd.target(client.privateKey), {
      hostKey: { mode: 'pin', fingerprints: [old] }
    }).catch((e: unknown) => e)
    expect(pinned).toBeInstanceOf(SshHostKeyError)

    // A fresh policy (what the caller makes after a re-flash) learns the new key.
    const fresh = await SshSession.connect(sshd.target(client.privateKey), {
      hostKey: { mode: 'learn-once' }
    })
    expect(fresh.hostKeyFingerprint).toBe(sshd.hostKey.fingerprint)
    session = fresh
  })

  it('waitForSsh fails at once on a wrong key, with one connection in the sshd log', async () => {
    const before = sshd.connectionCount()
    const failedBefore = sshd.failedAuthCount()
    const error = await waitForSsh(sshd.target(stranger.privateKey), {
      timeoutMs: 20_000,
      intervalMs: 50,
      hostKey: { mode: 'learn-once' },
      node: 4
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SshAuthError)
    expect((error as SshAuthError).node).toBe(4)
    expect(sshd.connectionCount() - before).toBe(1)
    expect(sshd.failedAuthCount() - failedBefore).toBe(1)
  })

  it('waitForSsh fails at once on a host-key mismatch', async () => {
    const before = sshd.connectionCount()
    const error = await waitForSsh(sshd.target(client.privateKey), {
      timeoutMs: 20_000,
      intervalMs: 50,
      hostKey: { mode: 'pin', fingerprints: [stranger.fingerprint] }
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SshHostKeyError)
    expect(sshd.connectionCount() - before).toBe(1)
  })
})

suite('waitForSsh while sshd comes up', () => {
  let keys: string
  let sshd: TestSshd | undefined

  afterAll(async () => {
    await sshd?.dispose()
    rmSync(keys, { recursive: true, force: true })
  })

  it('retries refused connections until sshd listens, then connects', async () => {
    keys = mkdtempSync(join(tmpdir(), 'rk1-ssh-keys-'))
    const client = await generateKeyPair(keys, 'client')
    const late = await TestSshd.create([client.publicKey.trim()])
    sshd = late
    const attempts: string[] = []
    const waiting = waitForSsh(late.target(client.privateKey), {
      timeoutMs: 20_000,
      intervalMs: 100,
      hostKey: { mode: 'learn-once' },
      log: {
        info: () => undefined,
        warn: () => undefined,
        error: () => undefined,
        debug: (m) => attempts.push(m),
        group: (_t, fn) => fn()
      }
    })
    // Start sshd only after at least one attempt was refused.
    while (!attempts.some((m) => m.includes('attempt'))) await new Promise((r) => setTimeout(r, 20))
    await late.start()
    const connected = await waiting
    expect(connected.hostKeyFingerprint).toBe(late.hostKey.fingerprint)
    expect((await connected.exec('echo up')).stdout).toBe('up\n')
    await connected.close()
  })

  it('gives up at the deadline with SshUnreachableError when nothing listens', async () => {
    const port = await freePort()
    const error = await waitForSsh(
      { host: '127.0.0.1', port, username: 'root', password: 'unused' },
      { timeoutMs: 300, intervalMs: 50, hostKey: { mode: 'learn-once' }, node: 1 }
    ).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SshUnreachableError)
    expect((error as SshUnreachableError).evidence).toMatch(/ECONNREFUSED/)
  })
})

/**
 * A throwaway OpenSSH sshd on 127.0.0.1: generated host key, its own config and authorized_keys
 * in a temp dir, verbose log to a file (to count connections and auth attempts). Runs as the
 * current user, so only that user can log in (root here; sshd refuses other users anyway).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir, userInfo } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

export const SSHD_PATH = '/usr/sbin/sshd'

/** Why sshd tests must skip, or undefined when they can run. In CI sshd must exist. */
export function sshdSkipReason(): string | undefined {
  if (existsSync(SSHD_PATH)) return undefined
  if (process.env.CI)
    throw new Error(`${SSHD_PATH} is missing in CI: .ci/run must install openssh-server`)
  return `${SSHD_PATH} is missing (apt-get install openssh-server); skipping the OpenSSH contract`
}

export interface KeyPair {
  privateKey: string
  publicKey: string
  /** SHA256:... as ssh-keygen -l prints it. */
  fingerprint: string
}

export async function generateKeyPair(dir: string, name: string): Promise<KeyPair> {
  const file = join(dir, name)
  rmSync(file, { force: true })
  rmSync(`${file}.pub`, { force: true })
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', name, '-f', file])
  const { stdout } = await run('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${file}.pub`])
  return {
    privateKey: readFileSync(file, 'utf8'),
    publicKey: readFileSync(`${file}.pub`, 'utf8'),
    fingerprint: stdout.split(' ')[1] ?? ''
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

export class TestSshd {
  readonly dir: string
  readonly logFile: string
  readonly username = userInfo().username
  port = 0
  hostKey!: KeyPair
  private proc?: ChildProcess
  private stderr = ''

  private constructor() {
    this.dir = mkdtempSync(join(tmpdir(), 'rk1-sshd-'))
    this.logFile = join(this.dir, 'sshd.log')
  }

  /** Prepares config and keys; `start()` launches the daemon (tests may delay it). */
  static async create(authorizedKeys: string[]): Promise<TestSshd> {
    const sshd = new TestSshd()
    sshd.port = await freePort()
    sshd.hostKey = await generateKeyPair(sshd.dir, 'host_ed25519')
    writeFileSync(join(sshd.dir, 'authorized_keys'), authorizedKeys.join('\n') + '\n', {
      mode: 0o600
    })
    writeFileSync(
      join(sshd.dir, 'sshd_config'),
      [
        `ListenAddress 127.0.0.1:${sshd.port}`,
        `HostKey ${join(sshd.dir, 'host_ed25519')}`,
        `PidFile ${join(sshd.dir, 'sshd.pid')}`,
        `AuthorizedKeysFile ${join(sshd.dir, 'authorized_keys')}`,
        'StrictModes no',
        'UsePAM no',
        'PermitRootLogin yes',
        'PubkeyAuthentication yes',
        'PasswordAuthentication no',
        'KbdInteractiveAuthentication no',
        'LogLevel VERBOSE',
        'MaxStartups 100',
        'MaxAuthTries 6',
        'Subsystem sftp internal-sftp',
        ''
      ].join('\n')
    )
    return sshd
  }

  async start(): Promise<void> {
    // sshd insists on its privilege-separation directory when started as root.
    if (process.getuid?.() === 0) mkdirSync('/run/sshd', { recursive: true, mode: 0o755 })
    const proc = spawn(
      SSHD_PATH,
      ['-D', '-e', '-E', this.logFile, '-f', join(this.dir, 'sshd_config')],
      {
        stdio: ['ignore', 'ignore', 'pipe']
      }
    )
    this.proc = proc
    // The log is appended across restarts: only look at what this run wrote.
    const offset = this.log().length
    proc.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()))
    const listening = `Server listening on 127.0.0.1 port ${this.port}`
    for (let i = 0; i < 200; i++) {
      if (proc.exitCode !== null)
        throw new Error(`sshd exited ${proc.exitCode}: ${this.stderr}${this.log()}`)
      if (this.log().slice(offset).includes(listening)) return
      await new Promise((r) => setTimeout(r, 25))
    }
    throw new Error(`sshd did not start: ${this.stderr}${this.log()}`)
  }

  async stop(): Promise<void> {
    const proc = this.proc
    this.proc = undefined
    if (!proc || proc.exitCode !== null) return
    const exited = new Promise((r) => proc.once('exit', r))
    proc.kill('SIGTERM')
    await exited
  }

  /** Restarts on the same port with a freshly generated host key (what a re-flash does). */
  async restartWithNewHostKey(): Promise<void> {
    await this.stop()
    this.hostKey = await generateKeyPair(this.dir, 'host_ed25519')
    await this.start()
  }

  log(): string {
    return existsSync(this.logFile) ? readFileSync(this.logFile, 'utf8') : ''
  }

  /** TCP connections sshd accepted so far. */
  connectionCount(): number {
    return (this.log().match(/^Connection from 127\.0\.0\.1 port/gm) ?? []).length
  }

  /** Rejected login attempts (one line per refused key or password). */
  failedAuthCount(): number {
    return (this.log().match(/^Failed (publickey|password|keyboard-interactive)/gm) ?? []).length
  }

  target(privateKey: string): { host: string; port: number; username: string; privateKey: string } {
    return { host: '127.0.0.1', port: this.port, username: this.username, privateKey }
  }

  async dispose(): Promise<void> {
    await this.stop()
    rmSync(this.dir, { recursive: true, force: true })
  }
}

/** sshd's view of the node's files: sshd_config switches, authorized_keys (StrictModes), /etc/shadow. */
import { execFile } from 'node:child_process'
import { statSync } from 'node:fs'
import { timingSafeEqual } from 'node:crypto'
import ssh2 from 'ssh2'
import type { NodeFiles } from './tool-context'

export interface SshdSettings {
  permitRootLogin: 'yes' | 'no' | 'prohibit-password' | 'without-password' | 'forced-commands-only'
  passwordAuthentication: boolean
  pubkeyAuthentication: boolean
}

export function readSshdConfig(files: NodeFiles): SshdSettings {
  const texts = [files.read('/etc/ssh/sshd_config') ?? '']
  for (const n of files.list('/etc/ssh/sshd_config.d')) {
    if (n.endsWith('.conf')) texts.unshift(files.read(`/etc/ssh/sshd_config.d/${n}`) ?? '')
  }
  // sshd keeps the first value it sees; drop-ins are included first.
  const seen = new Map<string, string>()
  for (const line of texts.join('\n').split('\n')) {
    const m = /^\s*(\w+)\s+(\S+)/.exec(line)
    if (m?.[1] && m[2] && !seen.has(m[1].toLowerCase()))
      seen.set(m[1].toLowerCase(), m[2].toLowerCase())
  }
  return {
    permitRootLogin: (seen.get('permitrootlogin') ??
      'prohibit-password') as SshdSettings['permitRootLogin'],
    passwordAuthentication: seen.get('passwordauthentication') !== 'no',
    pubkeyAuthentication: seen.get('pubkeyauthentication') !== 'no'
  }
}

/** StrictModes: the key file and ~/.ssh must belong to root and not be group/world writable. */
function strictModesOk(files: NodeFiles): boolean {
  for (const p of ['/root', '/root/.ssh', '/root/.ssh/authorized_keys']) {
    const host = files.hostPath(p)
    if (!host) return false
    try {
      const st = statSync(host)
      if (st.uid !== 0 || (st.mode & 0o022) !== 0) return false
    } catch {
      return false
    }
  }
  return true
}

export type ParsedKey = Exclude<ReturnType<typeof ssh2.utils.parseKey>, Error | Error[] | unknown[]>

export function authorizedKeys(files: NodeFiles): ParsedKey[] {
  const text = files.read('/root/.ssh/authorized_keys')
  if (!text || !strictModesOk(files)) return []
  const keys: ParsedKey[] = []
  for (const line of text.split('\n')) {
    // Options before the key type are allowed; take the `type base64` pair.
    const m = /(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp\d+)\s+([A-Za-z0-9+/=]+)/.exec(line)
    if (!m) continue
    const parsed = ssh2.utils.parseKey(`${m[1]} ${m[2]}`)
    if (!(parsed instanceof Error) && !Array.isArray(parsed)) keys.push(parsed as ParsedKey)
  }
  return keys
}

export function rootHash(files: NodeFiles): string | undefined {
  const line = (files.read('/etc/shadow') ?? '').split('\n').find((l) => l.startsWith('root:'))
  return line?.split(':')[1]
}

function run(cmd: string, args: string[], input: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const child = execFile(cmd, args, { timeout: 10_000 }, (error, stdout) =>
      resolve(error ? undefined : String(stdout).trim())
    )
    child.stdin?.end(input)
  })
}

/** Checks a password against a crypt(3) hash (`$1$`, `$5$`, `$6$` through openssl; others through python3). */
export async function verifyPassword(hash: string | undefined, password: string): Promise<boolean> {
  if (!hash || hash.startsWith('!') || hash.startsWith('*') || hash === '') return false
  const m = /^\$([156])\$(?:rounds=\d+\$)?([^$]*)\$/.exec(hash)
  let computed: string | undefined
  if (m?.[1] && m[2] !== undefined && !hash.includes('rounds=')) {
    computed = await run(
      'openssl',
      ['passwd', `-${m[1]}`, '-salt', m[2], '-stdin'],
      `${password}\n`
    )
  } else {
    computed = await run(
      'python3',
      [
        '-W',
        'ignore',
        '-c',
        'import crypt,sys; print(crypt.crypt(sys.stdin.readline().rstrip("\\n"), sys.argv[1]))',
        hash
      ],
      `${password}\n`
    )
  }
  if (!computed || computed.length !== hash.length) return false
  return timingSafeEqual(Buffer.from(computed), Buffer.from(hash))
}

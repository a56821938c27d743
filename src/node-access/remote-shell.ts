/**
 * Builds what is sent to the remote shell. Secrets (script bodies, env values, file contents) only
 * ever travel on stdin, never on a command line, because any local user of the node can read
 * command lines through ps or /proc.
 */

/** Quotes one word for a POSIX shell. */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word
  return `'${word.replace(/'/g, `'\\''`)}'`
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

/** Throws on names a shell cannot export and on values a C string cannot hold. */
export function checkEnv(env: Record<string, string>): void {
  for (const [name, value] of Object.entries(env)) {
    if (!ENV_NAME.test(name)) throw new TypeError(`Invalid environment variable name: ${name}`)
    if (value.includes('\0')) throw new TypeError(`Environment variable ${name} contains NUL`)
  }
}

/**
 * sshd ignores `env` requests unless AcceptEnv allows the name (Debian/Armbian: LANG LC_* only),
 * so variables are sent on stdin instead: `NAME=value` records ending in NUL, then an empty
 * record. `read -d ''` reads a pipe byte by byte, so the command still gets the rest of stdin.
 */
export function envCommand(command: string): string {
  const reader =
    'while IFS= read -r -d "" kv && [ -n "$kv" ]; do export "$kv"; done; exec bash -c "$1"'
  return `bash -c ${shellQuote(reader)} rk1-env ${shellQuote(command)}`
}

export function envPreamble(env: Record<string, string>): Buffer {
  const records = Object.entries(env).map(([k, v]) => `${k}=${v}\0`)
  return Buffer.from(`${records.join('')}\0`)
}

/** Exports for the top of a script (the script itself travels on stdin). */
export function envExports(env: Record<string, string>): string {
  return Object.entries(env)
    .map(([k, v]) => `export ${k}=${shellQuote(v)}\n`)
    .join('')
}

/**
 * Wraps a script for `bash -s`. Bash parses the whole `{ ... }` group before running any of it,
 * so a command inside that reads stdin (apt, ssh) cannot swallow the rest of the script, and a
 * syntax error runs nothing instead of half the script.
 */
export function wrapScript(script: string, env?: Record<string, string>): string {
  const body = script.endsWith('\n') ? script : `${script}\n`
  return `${env ? envExports(env) : ''}{\n${body}}\n`
}

/**
 * Atomic upload: the data arrives on stdin into a private temp file next to the target, gets its
 * mode, then is renamed over the target. A failure removes the temp file and leaves the target
 * untouched.
 */
export function uploadCommand(remotePath: string, mode: number): string {
  const slash = remotePath.lastIndexOf('/')
  const dir = slash < 0 ? '.' : slash === 0 ? '/' : remotePath.slice(0, slash)
  const base = remotePath.slice(slash + 1)
  const octal = (mode & 0o7777).toString(8).padStart(4, '0')
  return [
    'set -e',
    'umask 077',
    `tmp=$(mktemp ${shellQuote(`${dir}/.${base}.rk1-XXXXXX`)})`,
    `trap 'rm -f "$tmp"' EXIT`,
    'cat > "$tmp"',
    `chmod ${octal} "$tmp"`,
    `mv -f "$tmp" ${shellQuote(remotePath)}`,
    'trap - EXIT'
  ].join('; ')
}

/**
 * Prefix that makes the remote shell report its PID on stderr. sshd starts every no-PTY session
 * with setsid(), so that PID is also the process group of everything the command starts, which is
 * what a timeout kills (`kill -- -PGID` on a second channel: sshd refuses `signal` requests for
 * root sessions, which run without privilege separation).
 */
export function groupReportPrefix(nonce: string): string {
  return `printf 'rk1-pgid-${nonce}:%s\\n' "$$" >&2; `
}

/** Removes the PID report from the start of stderr and hands everything else through. */
export class GroupReportFilter {
  /** Process group of the remote command, once reported. */
  pgid?: number
  private pending = Buffer.alloc(0)
  private settled = false
  private readonly marker: Buffer

  constructor(nonce: string) {
    this.marker = Buffer.from(`rk1-pgid-${nonce}:`)
  }

  /** Returns the stderr bytes to pass on (possibly empty while the report is incomplete). */
  write(chunk: Buffer): Buffer {
    if (this.settled) return chunk
    this.pending = Buffer.concat([this.pending, chunk])
    const at = this.pending.indexOf(this.marker)
    const end = at < 0 ? -1 : this.pending.indexOf(0x0a, at)
    if (end >= 0) {
      const value = this.pending.subarray(at + this.marker.length, end).toString()
      if (/^\d+$/.test(value)) this.pgid = Number(value)
      const rest = Buffer.concat([this.pending.subarray(0, at), this.pending.subarray(end + 1)])
      return this.release(rest)
    }
    // Login scripts may write to stderr first, but never this much: stop waiting for the report.
    if (this.pending.length > 64 * 1024) return this.release(this.pending)
    return Buffer.alloc(0)
  }

  /** Whatever is still held back when the channel closes. */
  end(): Buffer {
    return this.settled ? Buffer.alloc(0) : this.release(this.pending)
  }

  private release(data: Buffer): Buffer {
    this.settled = true
    this.pending = Buffer.alloc(0)
    return data
  }
}

/**
 * One SSH client of a lab node: authentication the way the node's sshd would decide it, and exec
 * requests run in the sandbox with stdin/stdout/stderr and the exit status forwarded. Shell and
 * sftp requests are refused (the product only runs commands); PTY requests are accepted and ignored.
 */
import type { ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import type ssh2 from 'ssh2'
import { spawnInSandbox, type SandboxLayout } from './sandbox'
import { authorizedKeys, readSshdConfig, rootHash, verifyPassword } from './ssh-auth'
import type { NodeFiles } from './tool-context'
import type { ArmbianNodeFaults } from './types'

export interface SessionHost {
  files: NodeFiles
  layout: SandboxLayout
  faults: ArmbianNodeFaults
  hostname(): string
  devices(): string[]
  /** Running sandbox processes (killed at power-off). */
  processes: Set<ChildProcess>
  /** Called before each command starts (the lab refreshes what the sandbox binds). */
  beforeExec?(): void
}

function drop(client: ssh2.Connection): void {
  const sock = (client as unknown as { _sock?: { destroy(): void } })._sock
  if (sock) sock.destroy()
  else client.end()
}

export function handleClient(client: ssh2.Connection, host: SessionHost): void {
  client.on('error', () => undefined)
  client.on('authentication', (ctx) => {
    const settings = readSshdConfig(host.files)
    const methods: ('publickey' | 'password')[] = []
    if (settings.pubkeyAuthentication) methods.push('publickey')
    const rootPassword = settings.permitRootLogin === 'yes'
    if (settings.passwordAuthentication && rootPassword) methods.push('password')
    if (ctx.username !== 'root' || settings.permitRootLogin === 'no') return ctx.reject(methods)
    if (ctx.method === 'publickey' && settings.pubkeyAuthentication) {
      const offered = ctx.key
      const match = authorizedKeys(host.files).find(
        (k) => k.type === offered.algo && k.getPublicSSH().equals(offered.data)
      )
      if (!match) return ctx.reject(methods)
      if (!ctx.signature || !ctx.blob) return ctx.accept()
      return match.verify(ctx.blob, ctx.signature, ctx.hashAlgo) === true
        ? ctx.accept()
        : ctx.reject(methods)
    }
    if (ctx.method === 'password' && methods.includes('password')) {
      void verifyPassword(rootHash(host.files), ctx.password).then((good) =>
        good ? ctx.accept() : ctx.reject(methods)
      )
      return
    }
    return ctx.reject(methods)
  })
  client.on('ready', () => {
    client.on('session', (acceptSession) => {
      const session = acceptSession()
      const env: Record<string, string> = {}
      session.on('env', (accept, _reject, info) => {
        if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(info.key)) env[info.key] = info.val
        accept?.()
      })
      session.on('pty', (accept) => accept?.())
      session.on('window-change', (accept) => accept?.())
      session.on('shell', (_accept, reject) => reject?.())
      session.on('sftp', (_accept, reject) => reject?.())
      session.on('subsystem', (_accept, reject) => reject?.())
      session.on('exec', (accept, _reject, info) => {
        const channel = accept()
        runExec(client, channel, info.command, env, host)
      })
    })
  })
}

function runExec(
  client: ssh2.Connection,
  channel: ssh2.ServerChannel,
  command: string,
  env: Record<string, string>,
  host: SessionHost
): void {
  const id = randomBytes(8).toString('hex')
  host.beforeExec?.()
  const child = spawnInSandbox(host.layout, {
    command,
    env,
    hostname: host.hostname(),
    devices: host.devices(),
    id
  })
  host.processes.add(child)
  const { dropAfterBytes, dropOnCommand } = host.faults
  const matched = dropOnCommand?.match.test(command) ?? false
  let sent = 0
  let dropped = false
  const kill = (): void => {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGKILL')
    } catch {
      // already gone
    }
  }
  const dropNow = (): void => {
    if (dropped) return
    dropped = true
    kill()
    drop(client)
  }
  if (matched && (dropOnCommand?.when ?? 'start') === 'start') {
    dropNow()
    return
  }
  const forward = (stream: 'out' | 'err') => (data: Buffer) => {
    if (dropped) return
    if (dropAfterBytes !== undefined && sent + data.length > dropAfterBytes) {
      const part = data.subarray(0, Math.max(0, dropAfterBytes - sent))
      if (part.length) (stream === 'out' ? channel : channel.stderr).write(part)
      dropNow()
      return
    }
    sent += data.length
    ;(stream === 'out' ? channel : channel.stderr).write(data)
  }
  child.stdout?.on('data', forward('out'))
  child.stderr?.on('data', forward('err'))
  child.stdin?.on('error', () => undefined)
  let received = 0
  const { dropAfterInputBytes, corruptInputAt } = host.faults
  channel.on('data', (d: Buffer) => {
    if (dropped) return
    const at = received
    received += d.length
    if (dropAfterInputBytes !== undefined && received > dropAfterInputBytes) {
      const part = d.subarray(0, Math.max(0, dropAfterInputBytes - at))
      if (part.length) child.stdin?.write(part)
      dropNow()
      return
    }
    if (corruptInputAt !== undefined && corruptInputAt >= at && corruptInputAt < received) {
      d = Buffer.from(d)
      d[corruptInputAt - at] = (d[corruptInputAt - at] ?? 0) ^ 0xff
    }
    child.stdin?.write(d)
  })
  channel.on('end', () => child.stdin?.end())
  channel.on('close', () => {
    if (child.exitCode === null) kill()
  })
  child.on('error', (error) => {
    if (!dropped) channel.stderr.write(`lab: cannot start the sandbox: ${error.message}\n`)
  })
  child.on('close', (code, signal) => {
    host.processes.delete(child)
    rmSync(join(host.layout.sandboxDir, `env-${id}`), { force: true })
    if (dropped) return
    if (matched) {
      dropNow()
      return
    }
    if (signal) channel.exit(signal.replace(/^SIG/, ''), false, '')
    else channel.exit(code ?? 255)
    channel.end()
  })
}

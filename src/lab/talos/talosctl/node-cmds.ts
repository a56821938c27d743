/** reboot and memory (`talosctl reboot`, `talosctl memory`), as the node path uses them. */
import { RpcError } from '../rpc'
import { bool, parseArgs, parseDuration, str } from './args'
import { callNode, connect, forEachNode } from './client'
import { CliError, sleep, type Io } from './io'
import { table } from './table'

const REBOOT_MODES = ['default', 'powercycle', 'force']

export async function reboot(argv: string[], io: Io): Promise<void> {
  const p = parseArgs(argv, [
    { name: 'mode', short: 'm', type: 'string', default: 'default' },
    { name: 'wait', type: 'bool', default: true },
    { name: 'timeout', type: 'string', default: '30m0s' },
    { name: 'debug', type: 'bool' }
  ])
  const mode = str(p, 'mode') as string
  if (!REBOOT_MODES.includes(mode))
    throw new CliError(
      `invalid reboot mode: "${mode}" (valid modes: ${REBOOT_MODES.map((m) => `"${m}"`).join(', ')})`
    )
  const conn = connect(p, io, { insecure: false })
  const targets = conn.nodes.length ? conn.nodes : [undefined]
  const before = new Map<string | undefined, string>()
  try {
    for (const node of targets) {
      if (bool(p, 'wait'))
        before.set(node, (await callNode<{ bootId: string }>(conn, node, 'version')).bootId)
      await callNode(conn, node, 'reboot', { mode })
    }
  } catch (e) {
    if (e instanceof RpcError) throw new CliError(`error executing reboot: ${e.message}`)
    throw e
  }
  if (!bool(p, 'wait')) return
  io.err(`watching nodes: [${targets.join(' ')}]\n`)
  const deadline = Date.now() + parseDuration(str(p, 'timeout') as string)
  for (const node of targets) {
    for (;;) {
      const r = await callNode<{ bootId: string }>(conn, node, 'version').catch(() => undefined)
      if (r && r.bootId !== before.get(node)) break
      if (Date.now() > deadline)
        throw new CliError('error executing reboot: context deadline exceeded')
      await sleep(100)
    }
    io.err(`    * ${node ?? ''}: post check passed\n`)
  }
}

interface Meminfo {
  memtotal: number
  memfree: number
  memavailable: number
  buffers: number
  cached: number
  shmem: number
}

export async function memory(argv: string[], io: Io): Promise<void> {
  const p = parseArgs(argv, [{ name: 'verbose', short: 'v', type: 'bool' }])
  const conn = connect(p, io, { insecure: false })
  const rows: string[][] = []
  const verbose: string[] = []
  try {
    await forEachNode<Meminfo>(conn, 'memory', {}, (node, m) => {
      const mb = (kb: number): string => String(Math.floor(kb / 1024))
      rows.push([
        node ?? '',
        mb(m.memtotal),
        mb(m.memtotal - m.memfree - m.cached - m.buffers),
        mb(m.memfree),
        mb(m.shmem),
        mb(m.buffers),
        mb(m.cached),
        mb(m.memavailable)
      ])
      verbose.push(
        `NODE: ${node ?? ''}\nMemTotal: ${m.memtotal} kB\nMemFree: ${m.memfree} kB\nMemAvailable: ${m.memavailable} kB\n` +
          `Buffers: ${m.buffers} kB\nCached: ${m.cached} kB\nShmem: ${m.shmem} kB\n`
      )
    })
  } catch (e) {
    throw new CliError(`error getting memory stats: ${e instanceof Error ? e.message : String(e)}`)
  }
  if (bool(p, 'verbose')) io.out(verbose.join(''))
  else
    io.out(
      table(['NODE', 'TOTAL', 'USED', 'FREE', 'SHARED', 'BUFFERS', 'CACHE', 'AVAILABLE'], rows)
    )
}

/** health, kubeconfig, reset, upgrade, etcd members, wipe disk (`../shared/specs/tools.md` §1.2.8-1.2.12). */
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { parse, stringify } from 'yaml'
import { RpcError } from '../rpc'
import { bool, list, parseArgs, parseDuration, str } from './args'
import { callNode, connect, forEachNode, singleNode, type Conn } from './client'
import { CliError, sleep, type Io } from './io'
import { table } from './table'

const POLL_MS = 100

const rpcText = (e: unknown): string => (e instanceof Error ? e.message : String(e))

export async function health(argv: string[], io: Io): Promise<void> {
  const p = parseArgs(argv, [
    { name: 'wait-timeout', type: 'string', default: '20m0s' },
    { name: 'control-plane-nodes', type: 'list' },
    { name: 'worker-nodes', type: 'list' },
    { name: 'init-node', type: 'string' },
    { name: 'k8s-endpoint', type: 'string' },
    { name: 'server', type: 'bool', default: true },
    { name: 'run-e2e', type: 'bool' }
  ])
  const conn = connect(p, io, { insecure: false })
  const node = singleNode(conn, 'health')
  const deadline = Date.now() + parseDuration(str(p, 'wait-timeout') as string)
  const body = {
    controlPlaneNodes: list(p, 'control-plane-nodes'),
    workerNodes: list(p, 'worker-nodes')
  }
  if (!body.controlPlaneNodes.length && !body.workerNodes.length) {
    const members = await callNode<{ resources: { spec: { addresses: string[] } }[] }>(
      conn,
      node,
      'get',
      { type: 'members' }
    ).catch((e: unknown) => {
      throw new CliError(`healthcheck error: ${rpcText(e)}`)
    })
    io.err(
      `discovered nodes: [${members.resources.map((r) => `"${r.spec.addresses[0] ?? ''}"`).join(' ')}]\n`
    )
  }
  let index = 0
  let shown = ''
  while (true) {
    let conditions: { name: string; error: string }[]
    try {
      conditions = (
        await callNode<{ conditions: { name: string; error: string }[] }>(
          conn,
          node,
          'health',
          body
        )
      ).conditions
    } catch (e) {
      throw new CliError(`healthcheck error: ${rpcText(e)}`)
    }
    for (; index < conditions.length; index++) {
      const c = conditions[index] as { name: string; error: string }
      const text = c.error || 'OK'
      if (shown !== `${c.name}\n...`) {
        if (shown.split('\n')[0] !== c.name) io.err(`waiting for ${c.name}: ...\n`)
        shown = `${c.name}\n...`
      }
      if (c.error) {
        if (shown !== `${c.name}\n${text}`) io.err(`waiting for ${c.name}: ${text}\n`)
        shown = `${c.name}\n${text}`
        break
      }
      io.err(`waiting for ${c.name}: OK\n`)
    }
    if (index >= conditions.length) return
    if (Date.now() > deadline)
      throw new CliError(
        'healthcheck error: rpc error: code = DeadlineExceeded desc = context deadline exceeded'
      )
    await sleep(POLL_MS)
  }
}

interface Kubeconfig {
  clusters?: { name: string }[]
  users?: { name: string }[]
  contexts?: { name: string; context: { cluster: string; user: string } }[]
  'current-context'?: string
}

function merge(existing: Kubeconfig, incoming: Kubeconfig): Kubeconfig {
  const out: Kubeconfig = { ...existing }
  const taken = new Set((existing.contexts ?? []).map((c) => c.name))
  for (const ctx of incoming.contexts ?? []) {
    let name = ctx.name
    for (let i = 1; taken.has(name); i++) name = `${ctx.name}-${i}`
    taken.add(name)
    const rename = (n: string): string =>
      name === ctx.name ? n : `${n}-${name.slice(ctx.name.length + 1)}`
    const cluster = incoming.clusters?.find((c) => c.name === ctx.context.cluster)
    const user = incoming.users?.find((u) => u.name === ctx.context.user)
    if (cluster)
      out.clusters = [...(out.clusters ?? []), { ...cluster, name: rename(cluster.name) }]
    if (user) out.users = [...(out.users ?? []), { ...user, name: rename(user.name) }]
    out.contexts = [
      ...(out.contexts ?? []),
      {
        name,
        context: {
          ...ctx.context,
          cluster: rename(ctx.context.cluster),
          user: rename(ctx.context.user)
        }
      }
    ]
    out['current-context'] = name
  }
  return out
}

export async function kubeconfig(argv: string[], io: Io): Promise<void> {
  const p = parseArgs(argv, [
    { name: 'force', short: 'f', type: 'bool' },
    { name: 'merge', short: 'm', type: 'bool', default: true },
    { name: 'force-context-name', type: 'string' }
  ])
  const conn = connect(p, io, { insecure: false })
  const node = singleNode(conn, 'kubeconfig')
  let text: string
  try {
    text = (await callNode<{ kubeconfig: string }>(conn, node, 'kubeconfig')).kubeconfig
  } catch (e) {
    throw new CliError(`error copying: ${rpcText(e)}`)
  }
  const mergeMode = bool(p, 'merge')
  const arg = p.args[0]
  if (arg === '-' && !mergeMode) return io.out(text)
  let path = arg ? resolve(io.cwd, arg) : join(io.env.HOME ?? '/root', '.kube', 'config')
  if (existsSync(path) && statSync(path).isDirectory()) path = join(path, 'kubeconfig')
  if (existsSync(path)) {
    if (!mergeMode) {
      if (!bool(p, 'force'))
        throw new CliError(`kubeconfig file already exists, use --force to overwrite: ${path}`)
    } else {
      const merged = merge(
        (parse(readFileSync(path, 'utf8')) ?? {}) as Kubeconfig,
        parse(text) as Kubeconfig
      )
      text = stringify(merged)
    }
  }
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, text, { mode: 0o600 })
  chmodSync(path, 0o600)
}

async function waitFor(
  conn: Conn,
  node: string | undefined,
  timeoutMs: number,
  done: (r: { bootId: string; tag: string } | undefined) => boolean,
  insecureConn?: Conn
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const r = await callNode<{ bootId: string; tag: string }>(conn, node, 'version').catch(() =>
      insecureConn
        ? callNode<{ bootId: string; tag: string }>(insecureConn, undefined, 'version').catch(
            () => undefined
          )
        : undefined
    )
    if (done(r)) return
    await sleep(POLL_MS)
  }
  throw new CliError('context deadline exceeded')
}

export async function reset(argv: string[], io: Io): Promise<void> {
  const p = parseArgs(argv, [
    { name: 'graceful', type: 'bool', default: true },
    { name: 'reboot', type: 'bool' },
    { name: 'system-labels-to-wipe', type: 'repeat' },
    { name: 'wipe-mode', type: 'string', default: 'all' },
    { name: 'user-disks-to-wipe', type: 'repeat' },
    { name: 'insecure', short: 'i', type: 'bool' },
    { name: 'wait', type: 'bool', default: true },
    { name: 'timeout', type: 'string', default: '30m0s' },
    { name: 'debug', type: 'bool' }
  ])
  const insecure = bool(p, 'insecure')
  if (insecure && bool(p, 'wait')) throw new CliError('cannot use --wait and --insecure together')
  const wipeMode = str(p, 'wipe-mode') as string
  if (!['all', 'system-disk', 'user-disks'].includes(wipeMode))
    throw new CliError(
      `invalid argument "${wipeMode}" for "--wipe-mode" flag: valid values are [all system-disk user-disks]`
    )
  const conn = connect(p, io, { insecure })
  const body = {
    graceful: bool(p, 'graceful'),
    reboot: bool(p, 'reboot'),
    labels: list(p, 'system-labels-to-wipe'),
    wipeMode,
    userDisks: list(p, 'user-disks-to-wipe')
  }
  const targets = conn.nodes.length ? conn.nodes : [undefined]
  const before = new Map<string | undefined, string>()
  try {
    for (const node of targets) {
      if (bool(p, 'wait'))
        before.set(node, (await callNode<{ bootId: string }>(conn, node, 'version')).bootId)
      await callNode(conn, node, 'reset', body)
    }
  } catch (e) {
    if (e instanceof RpcError) throw new CliError(`error executing reset: ${e.message}`)
    throw e
  }
  if (!bool(p, 'wait')) return
  io.err(`watching nodes: [${targets.join(' ')}]\n`)
  const timeout = parseDuration(str(p, 'timeout') as string)
  for (const node of targets) {
    const direct = connect(
      { ...p, flags: { ...p.flags, nodes: node ? [node] : p.flags.endpoints } },
      io,
      { insecure: true }
    )
    try {
      if (body.reboot)
        await waitFor(conn, node, timeout, (r) => !!r && r.bootId !== before.get(node), direct)
      else await waitFor(conn, node, timeout, (r) => !r, direct)
    } catch (e) {
      throw new CliError(`error executing reset: ${rpcText(e)}`)
    }
    io.err(`    * ${node ?? ''}: post check passed\n`)
  }
}

export async function upgrade(argv: string[], io: Io): Promise<void> {
  const p = parseArgs(argv, [
    { name: 'image', short: 'i', type: 'string' },
    { name: 'drain', type: 'bool', default: true },
    { name: 'drain-timeout', type: 'string', default: '5m0s' },
    { name: 'no-reboot', type: 'bool' },
    { name: 'progress', type: 'string', default: 'auto' },
    { name: 'reboot-mode', short: 'm', type: 'string', default: 'default' },
    { name: 'stage', short: 's', type: 'bool' },
    { name: 'force', short: 'f', type: 'bool' },
    { name: 'preserve', type: 'bool' },
    { name: 'legacy', type: 'bool' },
    { name: 'insecure', type: 'bool' },
    { name: 'wait', type: 'bool', default: true },
    { name: 'timeout', type: 'string', default: '30m0s' },
    { name: 'debug', type: 'bool' }
  ])
  const image = str(p, 'image') ?? 'ghcr.io/siderolabs/installer:v1.13.9'
  const tag = /:([^:/]+)$/.exec(image)?.[1] ?? ''
  const conn = connect(p, io, { insecure: false })
  const targets = conn.nodes.length ? conn.nodes : [undefined]
  const before = new Map<string | undefined, string>()
  try {
    for (const node of targets) {
      before.set(node, (await callNode<{ bootId: string }>(conn, node, 'version')).bootId)
      await callNode(conn, node, 'upgrade', { image })
    }
  } catch (e) {
    if (e instanceof RpcError) throw new CliError(`error executing upgrade: ${e.message}`)
    throw e
  }
  if (!bool(p, 'wait')) return
  io.err(`watching nodes: [${targets.join(' ')}]\n`)
  for (const node of targets) {
    try {
      await waitFor(
        conn,
        node,
        parseDuration(str(p, 'timeout') as string),
        (r) => !!r && r.bootId !== before.get(node) && r.tag === tag
      )
    } catch (e) {
      throw new CliError(`error executing upgrade: ${rpcText(e)}`)
    }
    io.err(`    * ${node ?? ''}: post check passed\n`)
  }
}

export async function etcd(argv: string[], io: Io): Promise<void> {
  const [sub, ...rest] = argv
  if (sub !== 'members')
    throw new CliError(
      `unknown command "${sub ?? ''}" for "talosctl etcd" (lab talosctl implements "members")`
    )
  const p = parseArgs(rest, [])
  const conn = connect(p, io, { insecure: false })
  const rows: string[][] = []
  try {
    await forEachNode<{
      members: {
        id: string
        hostname: string
        peerUrls: string[]
        clientUrls: string[]
        learner: boolean
      }[]
    }>(conn, 'etcdMembers', {}, (node, r) => {
      for (const m of r.members)
        rows.push([
          node ?? '',
          m.id,
          m.hostname,
          m.peerUrls.join(','),
          m.clientUrls.join(','),
          String(m.learner)
        ])
    })
  } catch (e) {
    throw new CliError(`error getting members: ${rpcText(e)}`)
  }
  io.out(table(['NODE', 'ID', 'HOSTNAME', 'PEER URLS', 'CLIENT URLS', 'LEARNER'], rows))
}

export async function wipe(argv: string[], io: Io): Promise<void> {
  const [sub, ...rest] = argv
  if (sub !== 'disk') throw new CliError(`unknown command "${sub ?? ''}" for "talosctl wipe"`)
  const p = parseArgs(rest, [
    { name: 'insecure', short: 'i', type: 'bool' },
    { name: 'method', type: 'string', default: 'FAST' },
    { name: 'drop-partition', type: 'bool' }
  ])
  if (p.args.length === 0) throw new CliError('requires at least 1 arg(s), only received 0')
  const conn = connect(p, io, { insecure: bool(p, 'insecure') })
  try {
    await forEachNode(
      conn,
      'wipeDisk',
      { disks: p.args, method: str(p, 'method') },
      () => undefined
    )
  } catch (e) {
    throw new CliError(`error wiping devices: ${rpcText(e)}`)
  }
}

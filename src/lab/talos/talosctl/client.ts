/**
 * Connection handling of the lab talosctl: talosconfig lookup (`--talosconfig`, `$TALOSCONFIG`,
 * `~/.talos/config`), endpoints and nodes, secure (mutual TLS) or `--insecure` dialing. The API port
 * is 50000 like Talos; the lab may move it with `RK1_LAB_TALOS_PORT` or `-e host:port`.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parse } from 'yaml'
import { unb64 } from '../pki'
import { call, RpcError, type Dial } from '../rpc'
import { list, str, type Parsed } from './args'
import { CliError, type Io } from './io'

/** apid-style aggregate of per-node failures (gets the command's error prefix). */
export class MultiNodeError extends CliError {}

export interface TalosContext {
  endpoints?: string[]
  nodes?: string[]
  ca?: string
  crt?: string
  key?: string
}

export interface TalosConfigFile {
  context?: string
  contexts?: Record<string, TalosContext>
}

export function talosconfigPath(p: Parsed, io: Io): { path: string; explicit: boolean } {
  const flag = str(p, 'talosconfig')
  if (flag) return { path: resolve(io.cwd, flag), explicit: true }
  if (io.env.TALOSCONFIG) return { path: resolve(io.cwd, io.env.TALOSCONFIG), explicit: true }
  return { path: join(io.env.HOME ?? '/root', '.talos', 'config'), explicit: false }
}

export function loadTalosconfig(p: Parsed, io: Io): { path: string; config: TalosConfigFile } {
  const { path, explicit } = talosconfigPath(p, io)
  if (!existsSync(path)) {
    if (explicit) throw new CliError(`open ${path}: no such file or directory`)
    return { path, config: {} }
  }
  const config = (parse(readFileSync(path, 'utf8')) ?? {}) as TalosConfigFile
  return { path, config }
}

export function currentContext(
  p: Parsed,
  config: TalosConfigFile
): { name: string; ctx: TalosContext } {
  const name = str(p, 'context') ?? config.context ?? ''
  const ctx = config.contexts?.[name]
  if (str(p, 'context') && !ctx) throw new CliError(`context "${name}" is not defined`)
  return { name, ctx: ctx ?? {} }
}

export interface Conn {
  insecure: boolean
  /** Targets; empty = the endpoint itself. */
  nodes: string[]
  dial(target: string | undefined): Dial
  fingerprint?: string
}

function hostPort(address: string, io: Io): { host: string; port: number } {
  const port = Number(io.env.RK1_LAB_TALOS_PORT ?? 50000)
  const m = /^\[?([^\]]+?)\]?(?::(\d+))?$/.exec(address.replace(/^https?:\/\//, ''))
  return { host: m?.[1] ?? address, port: m?.[2] ? Number(m[2]) : port }
}

export function connect(
  p: Parsed,
  io: Io,
  opts: { insecure: boolean; fingerprint?: string }
): Conn {
  const nodesFlag = list(p, 'nodes')
  if (opts.insecure) {
    // The maintenance client uses the nodes as endpoints and no client certificate.
    const nodes = nodesFlag.length ? nodesFlag : list(p, 'endpoints')
    if (nodes.length === 0)
      throw new CliError(
        'nodes are not set for the command: please use `--nodes` flag or configuration file to set the nodes to run the command against'
      )
    return {
      insecure: true,
      nodes: [nodes[0] as string],
      dial: (target) => ({
        ...hostPort(target ?? (nodes[0] as string), io),
        insecure: true,
        fingerprint: opts.fingerprint
      })
    }
  }
  const { config } = loadTalosconfig(p, io)
  const { ctx } = currentContext(p, config)
  const endpoints = list(p, 'endpoints').length ? list(p, 'endpoints') : (ctx.endpoints ?? [])
  if (endpoints.length === 0) throw new CliError('failed to determine endpoints')
  const nodes = nodesFlag.length ? nodesFlag : (ctx.nodes ?? [])
  const endpoint = hostPort(endpoints[0] as string, io)
  return {
    insecure: false,
    nodes,
    dial: () => ({
      ...endpoint,
      insecure: false,
      ca: unb64(ctx.ca),
      cert: unb64(ctx.crt),
      key: unb64(ctx.key)
    })
  }
}

/** Calls `method` for one target (undefined = the endpoint itself). */
export function callNode<T>(
  conn: Conn,
  node: string | undefined,
  method: string,
  body: object = {}
): Promise<T> {
  const payload = conn.insecure || node === undefined ? body : { ...body, node }
  return call<T>(conn.dial(node), method, payload)
}

/** Runs a call on every target; per-node failures are combined like apid's multi-errors. */
export async function forEachNode<T>(
  conn: Conn,
  method: string,
  body: object,
  onResult: (node: string | undefined, result: T) => void
): Promise<void> {
  const targets: (string | undefined)[] = conn.nodes.length ? conn.nodes : [undefined]
  const errors: string[] = []
  for (const node of targets) {
    try {
      onResult(node, await callNode<T>(conn, node, method, body))
    } catch (e) {
      if (!(e instanceof RpcError)) throw e
      if (targets.length === 1) throw e
      errors.push(`${node}: ${e.message}`)
    }
  }
  if (errors.length)
    throw new MultiNodeError(
      `${errors.length} error${errors.length > 1 ? 's' : ''} occurred:\n${errors.map((e) => `\t* ${e}`).join('\n')}`
    )
}

export function singleNode(conn: Conn, command: string): string | undefined {
  if (conn.nodes.length > 1)
    throw new CliError(`command "${command}" is not supported with multiple nodes`)
  return conn.nodes[0]
}

export function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e)
}

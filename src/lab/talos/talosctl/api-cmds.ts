/** apply-config, version, get, bootstrap (`../shared/specs/tools.md` §1.2.4-1.2.7). */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { stringify } from 'yaml'
import { applyPatches } from '../patch'
import { findType, type Resource } from '../resources'
import { RpcError } from '../rpc'
import { bool, list, parseArgs, str, UsageError } from './args'
import { callNode, connect, forEachNode, MultiNodeError } from './client'
import { readPatch } from './gen'
import { CliError, clientVersion, type Io } from './io'
import { table } from './table'

const wrap = (prefix: string, e: unknown): never => {
  if (e instanceof RpcError || e instanceof MultiNodeError)
    throw new CliError(prefix ? `${prefix}: ${e.message}` : e.message)
  throw e
}

export async function applyConfig(argv: string[], io: Io): Promise<void> {
  const p = parseArgs(argv, [
    { name: 'file', short: 'f', type: 'string' },
    { name: 'insecure', short: 'i', type: 'bool' },
    { name: 'config-patch', short: 'p', type: 'repeat' },
    { name: 'mode', short: 'm', type: 'string', default: 'auto' },
    { name: 'dry-run', type: 'bool' },
    { name: 'timeout', type: 'string', default: '1m0s' },
    { name: 'cert-fingerprint', type: 'repeat' }
  ])
  const mode = str(p, 'mode') as string
  if (!['auto', 'no-reboot', 'reboot', 'staged', 'try', 'interactive'].includes(mode))
    throw new UsageError(
      `invalid argument "${mode}" for "-m, --mode" flag: possible options are: auto, interactive, no-reboot, reboot, staged, try`
    )
  const file = str(p, 'file')
  if (!file) throw new CliError('no filename supplied for configuration')
  let data: string
  try {
    data = readFileSync(resolve(io.cwd, file), 'utf8')
  } catch {
    throw new CliError(`can't read the config: open ${file}: no such file or directory`)
  }
  const patches = list(p, 'config-patch').map((a) => readPatch(io, a))
  if (patches.length) {
    try {
      data = applyPatches(data, patches)
    } catch (e) {
      throw new CliError(`error applying patches: ${e instanceof Error ? e.message : String(e)}`)
    }
  }
  const conn = connect(p, io, {
    insecure: bool(p, 'insecure'),
    fingerprint: list(p, 'cert-fingerprint')[0]
  })
  try {
    await forEachNode<{ message: string }>(
      conn,
      'applyConfig',
      { data, mode, dryRun: bool(p, 'dry-run') },
      (_n, r) => io.err(`${r.message}\n`)
    )
  } catch (e) {
    wrap('error applying new configuration', e)
  }
}

interface VersionInfo {
  node?: string
  tag: string
  sha: string
  built: string
  goVersion: string
  osArch: string
  enabled: string[]
}

function versionLines(v: Omit<VersionInfo, 'node' | 'enabled'>): string {
  return `\tTag:         ${v.tag}\n\tSHA:         ${v.sha}\n\tBuilt:       ${v.built}\n\tGo version:  ${v.goVersion}\n\tOS/Arch:     ${v.osArch}\n`
}

export async function version(argv: string[], io: Io): Promise<void> {
  const p = parseArgs(argv, [
    { name: 'client', type: 'bool' },
    { name: 'short', type: 'bool' },
    { name: 'insecure', short: 'i', type: 'bool' },
    { name: 'json', type: 'bool' }
  ])
  const tag = clientVersion(io)
  io.out('Client:\n')
  if (bool(p, 'short')) io.out(`Talos ${tag}\n`)
  else
    io.out(
      versionLines({
        tag,
        sha: '2b1c3d4e',
        built: '',
        goVersion: 'go1.25.1',
        osArch: `linux/${process.arch === 'x64' ? 'amd64' : process.arch}`
      })
    )
  if (bool(p, 'client')) return
  io.out('Server:\n')
  try {
    const conn = connect(p, io, { insecure: bool(p, 'insecure') })
    await forEachNode<VersionInfo>(conn, 'version', {}, (_n, v) => {
      if (v.node) io.out(`\tNODE:        ${v.node}\n`)
      io.out(versionLines(v))
      io.out(`\tEnabled:     ${v.enabled.join(', ')}\n`)
    })
  } catch (e) {
    wrap('error getting version', e)
  }
}

export async function get(argv: string[], io: Io): Promise<void> {
  const p = parseArgs(argv, [
    { name: 'output', short: 'o', type: 'string', default: 'table' },
    { name: 'insecure', short: 'i', type: 'bool' },
    { name: 'namespace', type: 'string' },
    { name: 'watch', short: 'w', type: 'bool' }
  ])
  if (p.args.length < 1 || p.args.length > 2)
    throw new UsageError(`accepts between 1 and 2 arg(s), received ${p.args.length}`)
  const [type, id] = p.args as [string, string | undefined]
  const output = str(p, 'output') as string
  if (!['table', 'json', 'yaml'].includes(output) && !output.startsWith('jsonpath='))
    throw new CliError(`output format "${output}" is not supported`)
  const conn = connect(p, io, { insecure: bool(p, 'insecure') })
  const found: Resource[] = []
  try {
    await forEachNode<{ resources: Resource[] }>(conn, 'get', { type, id }, (_n, r) =>
      found.push(...r.resources)
    )
  } catch (e) {
    wrap('', e)
  }
  if (id && found.length === 0)
    throw new CliError(
      `rpc error: code = NotFound desc = resource ${findType(type)?.type ?? type}/${id} not found`
    )
  if (output === 'json') {
    for (const r of found) io.out(`${JSON.stringify(r, null, 4)}\n`)
  } else if (output === 'yaml') {
    io.out(
      found.map((r) => stringify(r, { indent: 4, indentSeq: true, lineWidth: 0 })).join('---\n')
    )
  } else if (output.startsWith('jsonpath=')) {
    const path = output
      .slice('jsonpath='.length)
      .replace(/^\{|\}$/g, '')
      .replace(/^\./, '')
      .split('.')
      .filter(Boolean)
    for (const r of found) {
      const v = path.reduce<unknown>(
        (at, k) => (at && typeof at === 'object' ? (at as Record<string, unknown>)[k] : undefined),
        r
      )
      io.out(`${typeof v === 'object' ? JSON.stringify(v) : String(v ?? '')}\n`)
    }
  } else {
    const def = findType(type)
    const cols = def?.columns ?? []
    const rows = found.map((r) => [
      r.node,
      r.metadata.namespace,
      r.metadata.type.split('.')[0] ?? '',
      r.metadata.id,
      String(r.metadata.version),
      ...cols.map(([, fn]) => fn(r.spec as Record<string, unknown>))
    ])
    io.out(table(['NODE', 'NAMESPACE', 'TYPE', 'ID', 'VERSION', ...cols.map(([h]) => h)], rows))
  }
}

export async function bootstrap(argv: string[], io: Io): Promise<void> {
  const p = parseArgs(argv, [
    { name: 'recover-from', type: 'string' },
    { name: 'recover-skip-hash-check', type: 'bool' }
  ])
  const conn = connect(p, io, { insecure: false })
  try {
    const targets = conn.nodes.length ? conn.nodes : [undefined]
    for (const node of targets) await callNode(conn, node, 'bootstrap')
  } catch (e) {
    wrap('error executing bootstrap', e)
  }
}

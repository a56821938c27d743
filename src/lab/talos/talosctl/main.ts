/**
 * The lab talosctl: the subset of talosctl that rk1-actions drives (`../shared/specs/tools.md` §1),
 * with the real flags, output layout, stderr texts and exit codes, talking to lab Talos nodes.
 */
import { writeFileSync } from 'node:fs'
import { X509Certificate } from 'node:crypto'
import { stringify } from 'yaml'
import { unb64 } from '../pki'
import { RpcError } from '../rpc'
import { parseArgs, UsageError } from './args'
import { applyConfig, bootstrap, get, version } from './api-cmds'
import { currentContext, loadTalosconfig } from './client'
import { genConfig, genSecrets, machineconfigPatch } from './gen'
import { CliError, type Io } from './io'
import { memory, reboot } from './node-cmds'
import { etcd, health, kubeconfig, reset, upgrade, wipe } from './ops-cmds'

type Command = (argv: string[], io: Io) => Promise<void>

async function config(argv: string[], io: Io): Promise<void> {
  const [sub, ...rest] = argv
  const p = parseArgs(rest, [])
  const { path, config: file } = loadTalosconfig(p, io)
  const { name, ctx } = currentContext(p, file)
  if (sub === 'endpoint' || sub === 'endpoints' || sub === 'node' || sub === 'nodes') {
    if (!file.contexts?.[name]) throw new CliError('no context is set')
    if (sub.startsWith('endpoint')) ctx.endpoints = p.args
    else ctx.nodes = p.args
    writeFileSync(path, stringify(file, { indent: 4, indentSeq: true, lineWidth: 0 }))
    return
  }
  if (sub === 'info') {
    let expires = 'unknown'
    try {
      const cert = new X509Certificate(unb64(ctx.crt))
      expires = new Date(cert.validTo).toISOString()
    } catch {
      // no client certificate in this context
    }
    const pad = (k: string): string => k.padEnd(21)
    io.out(
      `${pad('Current context:')}${name}\n${pad('Nodes:')}${ctx.nodes?.length ? ctx.nodes.join(', ') : 'not defined'}\n` +
        `${pad('Endpoints:')}${ctx.endpoints?.length ? ctx.endpoints.join(', ') : 'not defined'}\n${pad('Roles:')}os:admin\n` +
        `${pad('Certificate expires:')}${expires}\n`
    )
    return
  }
  if (sub === 'contexts') {
    for (const n of Object.keys(file.contexts ?? {})) io.out(`${n === name ? '*' : ' '} ${n}\n`)
    return
  }
  throw new CliError(
    `unknown command "${sub ?? ''}" for "talosctl config" (lab talosctl implements endpoint, node, info, contexts)`
  )
}

const COMMANDS: Record<string, Command | Record<string, Command>> = {
  gen: { secrets: genSecrets, config: genConfig },
  machineconfig: { patch: machineconfigPatch },
  'apply-config': applyConfig,
  apply: applyConfig,
  version,
  get,
  bootstrap,
  health,
  kubeconfig,
  reset,
  reboot,
  memory,
  upgrade,
  etcd,
  wipe,
  config
}

const USAGE = `Usage:
  talosctl [command]

Available Commands (rk1 lab talosctl):
  apply-config, bootstrap, config, etcd, gen, get, health, kubeconfig, machineconfig, memory, reboot, reset,
  upgrade, version, wipe

Flags:
      --context string       Context to be used in command
  -e, --endpoints strings    override default endpoints in Talos configuration
  -n, --nodes strings        target the specified nodes
      --talosconfig string   The path to the Talos configuration file.
`

/** Runs one talosctl invocation; returns the exit code (0 or 1, like talosctl). */
export async function main(argv: string[], io: Io): Promise<number> {
  // Global flags may precede the command (`talosctl --talosconfig f config endpoint ...`).
  const lead: string[] = []
  let i = 0
  while (i < argv.length && (argv[i] as string).startsWith('-')) {
    const t = argv[i] as string
    lead.push(t)
    i++
    if (
      !t.includes('=') &&
      ['--talosconfig', '--context', '-e', '--endpoints', '-n', '--nodes'].includes(t) &&
      i < argv.length
    )
      lead.push(argv[i++] as string)
  }
  const name = argv[i]
  const entry = name ? COMMANDS[name] : undefined
  if (!entry) {
    if (!name || lead.includes('--help') || lead.includes('-h')) {
      io.out(USAGE)
      return name ? 1 : 0
    }
    io.err(`unknown command "${name}" for "talosctl"\nRun 'talosctl --help' for usage.\n`)
    return 1
  }
  let command: Command
  let rest = argv.slice(i + 1)
  if (typeof entry === 'function') command = entry
  else {
    const sub = rest[0]
    const found = sub ? entry[sub] : undefined
    if (!found) {
      io.err(`unknown command "${sub ?? ''}" for "talosctl ${name}"\n`)
      return 1
    }
    command = found
    rest = rest.slice(1)
  }
  try {
    await command([...rest, ...lead], io)
    return 0
  } catch (e) {
    if (e instanceof UsageError) io.err(`${e.message}\n${USAGE}`)
    else if (e instanceof CliError || e instanceof RpcError) io.err(`${e.message}\n`)
    else io.err(`${e instanceof Error ? e.message : String(e)}\n`)
    return 1
  }
}

/** `gen secrets`, `gen config` and `machineconfig patch` (`../shared/specs/tools.md` §1.2.1-1.2.3). */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import {
  generateSecrets,
  machineConfig,
  parseSecrets,
  talosconfig,
  yamlOut,
  type GenConfigInput
} from '../machine-config'
import { applyPatches } from '../patch'
import { bool, list, parseArgs, str, UsageError } from './args'
import { CliError, type Io } from './io'

const exists = (path: string): string => `file "${path}" already exists, use --force to overwrite`

/** `@file` reads a file; anything else is an inline patch. */
export function readPatch(io: Io, arg: string): string {
  if (!arg.startsWith('@')) return arg
  const path = resolve(io.cwd, arg.slice(1))
  try {
    return readFileSync(path, 'utf8')
  } catch {
    throw new CliError(`open ${arg.slice(1)}: no such file or directory`)
  }
}

export async function genSecrets(argv: string[], io: Io): Promise<void> {
  const p = parseArgs(argv, [
    { name: 'output-file', short: 'o', type: 'string', default: 'secrets.yaml' },
    { name: 'force', short: 'f', type: 'bool' },
    { name: 'talos-version', type: 'string' },
    { name: 'from-kubernetes-pki', short: 'p', type: 'string' },
    { name: 'kubernetes-bootstrap-token', type: 'string' }
  ])
  if (p.args.length)
    throw new UsageError(`unknown command "${p.args[0]}" for "talosctl gen secrets"`)
  const out = str(p, 'output-file') as string
  const text = yamlOut(await generateSecrets())
  if (out === '-') return io.out(text)
  const path = resolve(io.cwd, out)
  if (existsSync(path) && !bool(p, 'force')) throw new CliError(exists(out))
  writeFileSync(path, text, { mode: 0o644 })
}

function checkEndpoint(endpoint: string): void {
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(endpoint)
  if (!hasScheme) {
    const withPort = /:\d+$/.test(endpoint)
    const fixed = `https://${endpoint}${withPort ? '' : ':6443'}`
    throw new CliError(
      `${withPort ? 'no scheme specified' : 'no scheme and port specified'} for the cluster endpoint URL\ntry: "${fixed}"`
    )
  }
  let url: URL
  try {
    url = new URL(endpoint)
  } catch {
    throw new CliError(
      `error validating the cluster endpoint URL: parse "${endpoint}": invalid URL`
    )
  }
  if (url.protocol !== 'https:')
    throw new CliError(
      `the control plane endpoint URL should have scheme https://\ntry: "https://${url.host}${url.port ? '' : ':6443'}"`
    )
  if (!url.port && !/:443$/.test(endpoint))
    throw new CliError(
      `no port specified for the cluster endpoint URL\ntry: "https://${url.hostname}:6443"`
    )
}

export async function genConfig(argv: string[], io: Io): Promise<void> {
  const p = parseArgs(argv, [
    { name: 'with-secrets', type: 'string' },
    { name: 'install-disk', type: 'string', default: '/dev/sda' },
    { name: 'install-image', type: 'string', default: 'ghcr.io/siderolabs/installer:latest' },
    { name: 'kubernetes-version', type: 'string', default: '1.36.3' },
    { name: 'talos-version', type: 'string' },
    { name: 'additional-sans', type: 'list' },
    { name: 'config-patch', type: 'repeat' },
    { name: 'config-patch-control-plane', type: 'repeat' },
    { name: 'config-patch-worker', type: 'repeat' },
    { name: 'with-docs', type: 'bool', default: true },
    { name: 'with-examples', type: 'bool', default: true },
    { name: 'with-cluster-discovery', type: 'bool', default: true },
    { name: 'with-kubespan', type: 'bool' },
    { name: 'dns-domain', type: 'string', default: 'cluster.local' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'output-dir', type: 'string' },
    {
      name: 'output-types',
      short: 't',
      type: 'list',
      default: ['controlplane', 'worker', 'talosconfig']
    },
    { name: 'force', short: 'f', type: 'bool' }
  ])
  if (p.args.length !== 2) throw new UsageError(`accepts 2 arg(s), received ${p.args.length}`)
  const [clusterName, endpoint] = p.args as [string, string]
  checkEndpoint(endpoint)
  if (p.set.has('output') && p.set.has('output-dir'))
    throw new CliError("--output-dir and --output can't be used together")
  const types = list(p, 'output-types')
  for (const t of types)
    if (!['controlplane', 'worker', 'talosconfig'].includes(t))
      throw new CliError(`unknown output type: "${t}"`)
  const secretsPath = str(p, 'with-secrets')
  let secrets
  if (secretsPath) {
    const path = resolve(io.cwd, secretsPath)
    if (!existsSync(path))
      throw new CliError(
        `failed to load secrets bundle: open ${secretsPath}: no such file or directory`
      )
    secrets = parseSecrets(readFileSync(path, 'utf8'))
  } else {
    io.err('generating PKI and tokens\n')
    secrets = await generateSecrets()
  }
  const v = (str(p, 'kubernetes-version') as string).replace(/^v/, '')
  const input: GenConfigInput = {
    clusterName,
    endpoint,
    secrets,
    kubernetesVersion: v,
    installDisk: str(p, 'install-disk') as string,
    installImage: str(p, 'install-image') as string,
    additionalSans: list(p, 'additional-sans'),
    withExamples: bool(p, 'with-examples')
  }
  const common = list(p, 'config-patch').map((a) => readPatch(io, a))
  const render = (type: 'controlplane' | 'worker'): string => {
    const own = list(
      p,
      type === 'controlplane' ? 'config-patch-control-plane' : 'config-patch-worker'
    )
    const patches = [...common, ...own.map((a) => readPatch(io, a))]
    const base = machineConfig(input, type)
    return patches.length ? applyPatches(base, patches) : base
  }
  const contents: Record<string, () => Promise<string>> = {
    controlplane: async () => render('controlplane'),
    worker: async () => render('worker'),
    talosconfig: () => talosconfig(clusterName, secrets)
  }
  const fileName: Record<string, string> = {
    controlplane: 'controlplane.yaml',
    worker: 'worker.yaml',
    talosconfig: 'talosconfig'
  }
  const output = str(p, 'output') ?? str(p, 'output-dir')
  const single = types.length === 1 && !p.set.has('output-dir')
  if (single && output === '-')
    return io.out(await (contents[types[0] as string] as () => Promise<string>)())
  const targets = types.map((t) => {
    let path: string
    if (single && output) path = resolve(io.cwd, output)
    else path = resolve(io.cwd, join(output ?? '.', fileName[t] as string))
    return { t, path }
  })
  for (const { path } of targets)
    if (existsSync(path) && !bool(p, 'force')) {
      if (statSync(path).isDirectory()) throw new CliError(`open ${path}: is a directory`)
      throw new CliError(exists(path))
    }
  for (const { t, path } of targets) {
    mkdirSync(dirname(path), { recursive: true })
    writeFileSync(path, await (contents[t] as () => Promise<string>)(), { mode: 0o644 })
    io.err(`Created ${path}\n`)
  }
}

export async function machineconfigPatch(argv: string[], io: Io): Promise<void> {
  const p = parseArgs(argv, [
    { name: 'patch', short: 'p', type: 'repeat' },
    { name: 'output', short: 'o', type: 'string' }
  ])
  if (p.args.length !== 1) throw new UsageError(`accepts 1 arg(s), received ${p.args.length}`)
  const file = p.args[0] as string
  let text: string
  try {
    text = readFileSync(resolve(io.cwd, file), 'utf8')
  } catch {
    throw new CliError(`open ${file}: no such file or directory`)
  }
  let patched: string
  try {
    patched = applyPatches(
      text,
      list(p, 'patch').map((a) => readPatch(io, a))
    )
  } catch (e) {
    throw new CliError(e instanceof Error ? e.message : String(e))
  }
  const out = str(p, 'output')
  if (!out || out === '-') return io.out(patched)
  writeFileSync(resolve(io.cwd, out), patched, { mode: 0o644 })
}

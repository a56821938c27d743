/**
 * K3s stand-ins: `curl https://get.k3s.io`, the install script, the k3s binary, the killall and
 * uninstall scripts, and the units they create. A server start brings up the lab API server on the
 * node's address (:6443) through the hub; an agent joins only with the server's token.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { posix } from 'node:path'
import { parse as parseYaml } from 'yaml'
import { standinScript } from '../sandbox'
import { fail, ok, type ToolContext, type ToolResult } from '../tool-context'
import type { K3sState } from '../types'

/** What the lab's `stable` channel resolves to. */
export const LAB_K3S_STABLE = 'v1.35.6+k3s1'
const BIN = '/usr/local/bin'
const LINKS = ['kubectl', 'crictl', 'ctr']

/** What the lab's get.k3s.io serves: a runner may keep it for an air-gapped install. */
export const LAB_K3S_INSTALL_SCRIPT = `#!/bin/sh
# rk1 lab: stand-in for the K3s install script (https://get.k3s.io)
exec /usr/lib/rk1lab/node /usr/lib/rk1lab/tool.mjs k3s-install "$@"
`

/**
 * The lab's `k3s-arm64` release asset of a version (for an air-gap folder): like the real binary
 * it knows its own version, so an uploaded binary reports what it is, not what was asked for.
 */
export function labK3sBinary(version: string): string {
  return `#!/bin/bash\n# rk1 lab: k3s-arm64 ${version}\nRK1LAB_K3S_VERSION=${version} exec /usr/lib/rk1lab/node /usr/lib/rk1lab/tool.mjs "k3s:\${0##*/}" "$@"\n`
}

const binaryVersion = (text: string | undefined): string | undefined =>
  /^# rk1 lab: k3s-arm64 (\S+)$/m.exec(text ?? '')?.[1]

export function curl(ctx: ToolContext): ToolResult {
  const args = ctx.call.args
  let out: string | undefined
  const urls: string[] = []
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? ''
    if (a === '-o' || a === '--output') out = args[++i]
    else if (
      [
        '-H',
        '-X',
        '-d',
        '--data',
        '-u',
        '-A',
        '-m',
        '--max-time',
        '--connect-timeout',
        '--retry'
      ].includes(a)
    )
      i++
    else if (!a.startsWith('-')) urls.push(a)
  }
  const silent = args.some((a) => /^-[a-zA-Z]*s/.test(a) || a === '--silent')
  const showErr = args.some((a) => /^-[a-zA-Z]*S/.test(a) || a === '--show-error')
  const url = urls[0]
  if (!url) return fail(2, 'curl: no URL specified!')
  if (!/^https?:\/\/get\.k3s\.io\/?$/.test(url)) {
    const host = /^[a-z]+:\/\/([^/:]+)/.exec(url)?.[1] ?? url
    return fail(6, silent && !showErr ? '' : `curl: (6) Could not resolve host: ${host}`)
  }
  if (out) {
    const path = posix.resolve(ctx.call.cwd, out)
    if (!ctx.files.hostPath(path))
      return fail(23, `curl: (23) Failure writing output to destination`)
    ctx.files.write(path, LAB_K3S_INSTALL_SCRIPT, 0o644)
    return ok()
  }
  return ok(LAB_K3S_INSTALL_SCRIPT)
}

function readConfig(ctx: ToolContext): Record<string, unknown> {
  const merged: Record<string, unknown> = {}
  const texts = [ctx.files.read('/etc/rancher/k3s/config.yaml') ?? '']
  for (const n of ctx.files.list('/etc/rancher/k3s/config.yaml.d')) {
    if (n.endsWith('.yaml')) texts.push(ctx.files.read(`/etc/rancher/k3s/config.yaml.d/${n}`) ?? '')
  }
  for (const t of texts) {
    try {
      const v = parseYaml(t) as unknown
      if (v && typeof v === 'object') Object.assign(merged, v)
    } catch {
      // k3s itself would refuse to start; the installer does not read the file.
    }
  }
  return merged
}

function flagValue(flags: string[], name: string): string | undefined {
  for (let i = 0; i < flags.length; i++) {
    const f = flags[i] ?? ''
    if (f === `--${name}`) return flags[i + 1]
    if (f.startsWith(`--${name}=`)) return f.slice(name.length + 3)
  }
  return undefined
}

function info(lines: string[]): string {
  return lines.map((l) => `[INFO]  ${l}\n`).join('')
}

export async function k3sInstall(ctx: ToolContext): Promise<ToolResult> {
  const env = ctx.call.env
  const words = [...(env.INSTALL_K3S_EXEC ?? '').split(/\s+/).filter(Boolean), ...ctx.call.args]
  let role: 'server' | 'agent' = env.K3S_URL ? 'agent' : 'server'
  if (words[0] === 'server' || words[0] === 'agent') role = words.shift() as 'server' | 'agent'
  const flags = words
  const config = readConfig(ctx)
  const skipDownload =
    env.INSTALL_K3S_SKIP_DOWNLOAD === 'true' || env.INSTALL_K3S_SKIP_DOWNLOAD === 'binary'
  // Without a download the installer never resolves a release: the binary in place is the version.
  const version =
    (skipDownload ? binaryVersion(ctx.files.read(`${BIN}/k3s`)) : undefined) ??
    (env.INSTALL_K3S_VERSION || LAB_K3S_STABLE)
  let out = ''
  if (env.K3S_URL && !env.K3S_URL.startsWith('https://')) {
    return fail(1, `[ERROR]  Only https:// URLs are supported for K3S_URL (have ${env.K3S_URL})`)
  }
  const fileToken = env.K3S_TOKEN_FILE
    ? ctx.files.read(env.K3S_TOKEN_FILE, ctx.call.cwd)?.trim()
    : undefined
  if (env.K3S_TOKEN_FILE && fileToken === undefined) {
    return fail(1, `[ERROR]  File '${env.K3S_TOKEN_FILE}' not found`)
  }
  const token =
    flagValue(flags, 'token') ?? env.K3S_TOKEN ?? fileToken ?? (config.token as string | undefined)
  const serverUrl =
    flagValue(flags, 'server') ?? env.K3S_URL ?? (config.server as string | undefined)
  if (role === 'agent' && !serverUrl) return fail(1, '[ERROR]  Agent requires --server or K3S_URL')
  if (role === 'agent' && !token) {
    return fail(
      1,
      "[ERROR]  Defaulted k3s exec command to 'agent' because K3S_URL is defined, but K3S_TOKEN or K3S_TOKEN_FILE is not defined."
    )
  }
  if (!env.INSTALL_K3S_VERSION && !skipDownload)
    out += info([`Finding release for channel ${env.INSTALL_K3S_CHANNEL ?? 'stable'}`])
  if (!skipDownload && !/^v1\.\d+\.\d+(-rc\d+)?\+k3s\d+$/.test(version)) {
    return fail(1, `[ERROR]  Download failed`, out + info([`Using ${version} as release`]))
  }
  if (skipDownload) {
    if (!ctx.files.exists(`${BIN}/k3s`))
      return fail(1, `[ERROR]  Executing ${BIN}/k3s binary failed`, out)
    out += info(['Skipping k3s download and verify'])
  } else {
    out += info([`Using ${version} as release`])
    const base = `https://github.com/k3s-io/k3s/releases/download/${version}`
    out += info([
      `Downloading hash ${base}/sha256sum-arm64.txt`,
      `Downloading binary ${base}/k3s-arm64`,
      'Verifying binary download',
      `Installing k3s to ${BIN}/k3s`
    ])
    ctx.files.write(`${BIN}/k3s`, standinScript('"k3s:${0##*/}"'), 0o755)
  }
  out += info(['Skipping installation of SELinux RPM'])
  if (env.INSTALL_K3S_SYMLINK !== 'skip') {
    for (const l of LINKS) {
      if (!ctx.files.exists(`${BIN}/${l}`) || env.INSTALL_K3S_SYMLINK === 'force') {
        ctx.files.symlink(`${BIN}/k3s`, `${BIN}/${l}`)
        out += info([`Creating ${BIN}/${l} symlink to k3s`])
      }
    }
  }
  const service = role === 'server' ? 'k3s' : 'k3s-agent'
  const uninstall = role === 'server' ? 'k3s-uninstall.sh' : 'k3s-agent-uninstall.sh'
  ctx.files.write(`${BIN}/k3s-killall.sh`, standinScript('k3s-killall'), 0o755)
  ctx.files.write(
    `${BIN}/${uninstall}`,
    standinScript(role === 'server' ? 'k3s-uninstall' : 'k3s-agent-uninstall'),
    0o755
  )
  out += info([
    `Creating killall script ${BIN}/k3s-killall.sh`,
    `Creating uninstall script ${BIN}/${uninstall}`
  ])
  const k3sEnv = Object.fromEntries(
    Object.entries(env).filter(
      ([k]) => k.startsWith('K3S_') || /^(https?_proxy|no_proxy|CONTAINERD_)/i.test(k)
    )
  )
  ctx.files.write(
    `/etc/systemd/system/${service}.service.env`,
    Object.entries(k3sEnv)
      .map(([k, v]) => `${k}='${v}'\n`)
      .join(''),
    0o600
  )
  ctx.files.write(
    `/etc/systemd/system/${service}.service`,
    `[Unit]\nDescription=Lightweight Kubernetes\nAfter=network-online.target\n\n[Service]\nType=notify\n` +
      `EnvironmentFile=-/etc/systemd/system/${service}.service.env\n` +
      `ExecStart=${BIN}/k3s \\\n    ${role} \\\n${flags.map((f) => `\t'${f}' \\\n`).join('')}\n\n` +
      '[Install]\nWantedBy=multi-user.target\n'
  )
  out += info([
    `env: Creating environment file /etc/systemd/system/${service}.service.env`,
    `systemd: Creating service file /etc/systemd/system/${service}.service`
  ])
  const previous = ctx.state.k3s
  const next: K3sState = {
    role,
    version,
    flags,
    env: k3sEnv,
    nodeName:
      flagValue(flags, 'node-name') ??
      env.K3S_NODE_NAME ??
      (config['node-name'] as string | undefined) ??
      ctx.state.hostname
  }
  if (token) next.token = token
  if (serverUrl && role === 'agent') next.serverUrl = serverUrl
  if (previous?.clusterId && previous.role === role) next.clusterId = previous.clusterId
  const unit = `${service}.service`
  const unchanged =
    previous !== null &&
    JSON.stringify({ ...previous, clusterId: undefined }) ===
      JSON.stringify({ ...next, clusterId: undefined }) &&
    !!ctx.state.services[unit]?.active
  ctx.state.k3s = next
  const svc = (ctx.state.services[unit] ??= { enabled: false, active: false })
  ctx.save()
  if (env.INSTALL_K3S_SKIP_ENABLE !== 'true') {
    svc.enabled = true
    out += info([`systemd: Enabling ${service} unit`])
  }
  if (env.INSTALL_K3S_SKIP_START === 'true' || env.INSTALL_K3S_SKIP_ENABLE === 'true') {
    ctx.save()
    return ok(out)
  }
  if (unchanged && env.INSTALL_K3S_FORCE_RESTART !== 'true') {
    ctx.save()
    return ok(out + info(['No change detected so skipping service start']))
  }
  out += info([`systemd: Starting ${service}`])
  if (svc.active) await stopK3sUnit(ctx, unit)
  const error = await startK3sUnit(ctx, unit)
  ctx.save()
  if (error) return fail(1, error, out)
  svc.active = true
  ctx.save()
  return ok(out)
}

const jobFailed = (unit: string): string =>
  `Job for ${unit} failed because the control process exited with error code.\n` +
  `See "systemctl status ${unit}" and "journalctl -xeu ${unit}" for details.`

function kubeconfigMode(k: K3sState, config: Record<string, unknown>): number {
  const m =
    flagValue(k.flags, 'write-kubeconfig-mode') ??
    k.env.K3S_KUBECONFIG_MODE ??
    config['write-kubeconfig-mode']
  return m === undefined ? 0o600 : parseInt(String(m), 8)
}

/** Brings up what the unit runs; returns the systemctl error text when it fails. */
export async function startK3sUnit(ctx: ToolContext, unit: string): Promise<string | undefined> {
  const k = ctx.state.k3s
  const role = unit === 'k3s.service' ? 'server' : 'agent'
  if (!k || k.role !== role || !ctx.files.exists(`${BIN}/k3s`)) return jobFailed(unit)
  if (role === 'server') {
    const tokenPath = '/var/lib/rancher/k3s/server/token'
    let full = ctx.files.read(tokenPath)?.trim()
    if (!full) {
      const given = k.token ?? (readConfig(ctx).token as string | undefined)
      const password = given
        ? (given.split('::server:')[1] ?? given)
        : randomBytes(16).toString('hex')
      full = `K10${randomBytes(32).toString('hex')}::server:${password}`
    }
    const password = full.split('::server:')[1] ?? full
    k.clusterId ??= randomUUID()
    const api = await ctx.hub.startApiServer({ ip: ctx.ip, port: 6443, clusterId: k.clusterId })
    ctx.files.write(tokenPath, `${full}\n`, 0o600)
    ctx.files.write('/var/lib/rancher/k3s/server/node-token', `${full}\n`, 0o600)
    ctx.files.symlink(
      '/var/lib/rancher/k3s/server/token',
      '/var/lib/rancher/k3s/server/agent-token'
    )
    ctx.files.write(
      '/etc/rancher/k3s/k3s.yaml',
      api.kubeconfig('https://127.0.0.1:6443'),
      kubeconfigMode(k, readConfig(ctx))
    )
    ctx.k3s.publish({ ip: ctx.ip, token: full, password })
    const roles = ['control-plane', 'master']
    if (k.flags.includes('--cluster-init') || readConfig(ctx)['cluster-init'] === true)
      roles.push('etcd')
    ctx.hub.registerNode(ctx.ip, { name: k.nodeName, ip: ctx.ip, roles })
    return undefined
  }
  const apiIp = /^https:\/\/([^/:]+)/.exec(k.serverUrl ?? '')?.[1]
  if (!apiIp || !k.token || !ctx.k3s.accepts(apiIp, k.token) || !ctx.hub.apiServer(apiIp)) {
    return jobFailed(unit)
  }
  ctx.hub.registerNode(apiIp, { name: k.nodeName, ip: ctx.ip, roles: [] })
  return undefined
}

export async function stopK3sUnit(ctx: ToolContext, unit: string): Promise<void> {
  const s = ctx.state.services[unit]
  if (s) s.active = false
  if (unit === 'k3s.service' && ctx.hub.apiServer(ctx.ip)) {
    ctx.k3s.withdraw(ctx.ip)
    await ctx.hub.stopApiServer(ctx.ip)
  }
}

export async function k3sKillall(ctx: ToolContext): Promise<ToolResult> {
  for (const unit of ['k3s.service', 'k3s-agent.service']) {
    if (ctx.state.services[unit]) await stopK3sUnit(ctx, unit)
  }
  ctx.files.remove('/run/k3s')
  ctx.files.remove('/run/flannel')
  ctx.save()
  return ok(`+ systemctl stop k3s.service\n+ systemctl stop k3s-agent.service\n`)
}

export async function k3sUninstall(
  ctx: ToolContext,
  role: 'server' | 'agent'
): Promise<ToolResult> {
  const out = (await k3sKillall(ctx)).stdout
  const service = role === 'server' ? 'k3s' : 'k3s-agent'
  delete ctx.state.services[`${service}.service`]
  const other = role === 'server' ? 'k3s-agent.service' : 'k3s.service'
  for (const p of [
    `/etc/systemd/system/${service}.service`,
    `/etc/systemd/system/${service}.service.env`
  ]) {
    ctx.files.remove(p)
  }
  ctx.files.remove(`${BIN}/${role === 'server' ? 'k3s-uninstall.sh' : 'k3s-agent-uninstall.sh'}`)
  // Like the real script: with another k3s unit left, only this service goes.
  if (!ctx.state.services[other]) {
    for (const p of [
      '/etc/rancher/k3s',
      '/run/k3s',
      '/run/flannel',
      '/var/lib/rancher/k3s',
      '/var/lib/kubelet'
    ]) {
      ctx.files.remove(p)
    }
    for (const b of ['k3s', 'k3s-killall.sh', ...LINKS]) ctx.files.remove(`${BIN}/${b}`)
    ctx.state.k3s = null
  }
  ctx.save()
  return ok(
    `${out}+ systemctl disable ${service}\n+ rm -f /etc/systemd/system/${service}.service\n`
  )
}

export function k3sBinary(ctx: ToolContext, argv0: string): ToolResult {
  const k = ctx.state.k3s
  const version = ctx.call.env.RK1LAB_K3S_VERSION ?? k?.version ?? LAB_K3S_STABLE
  const hash = createHash('sha1').update(version).digest('hex').slice(0, 8)
  const args = ctx.call.args
  if (argv0 === 'k3s' && (args[0] === '--version' || args[0] === '-v' || args[0] === 'version')) {
    return ok(`k3s version ${version} (${hash})\ngo version go1.24.6\n`)
  }
  const sub = argv0 === 'k3s' ? args[0] : argv0
  return fail(
    1,
    `lab: \`k3s ${sub ?? ''}\` is not emulated on lab nodes; use kubectl with the kubeconfig from /etc/rancher/k3s/k3s.yaml`
  )
}

/** apt-get and the package facts other stand-ins depend on. */
import { randomBytes } from 'node:crypto'
import { fail, ok, type ToolContext, type ToolResult } from '../tool-context'

/** What a minimal Armbian trixie image has installed. */
export const PREINSTALLED = [
  'bash',
  'coreutils',
  'util-linux',
  'e2fsprogs',
  'openssh-server',
  'systemd',
  'netplan.io',
  'curl',
  'ca-certificates',
  'iproute2',
  'kmod',
  'procps'
]

/** Units a package brings, and whether Debian enables them on install. */
const PACKAGE_UNITS: Record<string, { unit: string; enabled: boolean }[]> = {
  'open-iscsi': [
    { unit: 'iscsid.service', enabled: false },
    { unit: 'iscsid.socket', enabled: true },
    { unit: 'open-iscsi.service', enabled: true }
  ],
  'nfs-common': [
    { unit: 'rpcbind.service', enabled: true },
    { unit: 'nfs-client.target', enabled: true }
  ]
}

/** Tools gated on a package: a stand-in answers `command not found` until it is installed. */
export const TOOL_PACKAGE: Record<string, string> = {
  'mkfs.xfs': 'xfsprogs',
  sgdisk: 'gdisk',
  parted: 'parted',
  'iscsi-iname': 'open-iscsi'
}

export function requirePackage(ctx: ToolContext, tool: string): ToolResult | undefined {
  const pkg = TOOL_PACKAGE[tool]
  if (pkg && !ctx.state.packages.includes(pkg)) {
    return fail(127, `bash: line 1: ${tool}: command not found`)
  }
  return undefined
}

const PKG_NAME = /^[a-z0-9][a-z0-9+.-]+$/
/** Names the lab pretends are missing from the archive (for tests of failing installs). */
const MISSING = /^(rk1lab-missing|nonexistent)/

function version(pkg: string): string {
  const n = [...pkg].reduce((a, c) => a + c.charCodeAt(0), 0)
  return `${1 + (n % 5)}.${n % 17}.${n % 7}-1`
}

export function installPackage(ctx: ToolContext, pkg: string): void {
  if (ctx.state.packages.includes(pkg)) return
  ctx.state.packages.push(pkg)
  for (const { unit, enabled } of PACKAGE_UNITS[pkg] ?? []) {
    ctx.state.services[unit] = { enabled, active: enabled }
  }
  if (pkg === 'open-iscsi' && !ctx.files.exists('/etc/iscsi/initiatorname.iscsi')) {
    ctx.files.write(
      '/etc/iscsi/initiatorname.iscsi',
      `## DO NOT EDIT OR REMOVE THIS FILE!\nInitiatorName=${iscsiName()}\n`,
      0o600
    )
  }
}

export function iscsiName(): string {
  return `iqn.2005-03.org.open-iscsi:${randomBytes(6).toString('hex')}`
}

const HEADER =
  'Reading package lists...\nBuilding dependency tree...\nReading state information...\n'

export function aptGet(ctx: ToolContext): ToolResult {
  const words: string[] = []
  let yes = false
  const args = ctx.call.args
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? ''
    if (a === '-y' || a === '--yes' || a === '--assume-yes' || /^-[a-z]*y[a-z]*$/.test(a))
      yes = true
    else if (a === '-o' || a === '-t' || a === '-c') i++
    else if (!a.startsWith('-')) words.push(a)
  }
  const [verb, ...pkgs] = words
  switch (verb) {
    case undefined:
      return fail(
        100,
        'E: No command given',
        'apt 3.0.3 (arm64)\nUsage: apt-get [options] command\n'
      )
    case 'update':
      return ok(
        'Hit:1 http://deb.debian.org/debian trixie InRelease\n' +
          'Hit:2 http://apt.armbian.com trixie InRelease\n' +
          'Reading package lists...\n'
      )
    case 'upgrade':
    case 'dist-upgrade':
    case 'full-upgrade':
      return ok(
        `${HEADER}Calculating upgrade...\n0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n`
      )
    case 'clean':
    case 'autoclean':
      return ok()
    case 'autoremove':
      return ok(`${HEADER}0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n`)
    case 'install': {
      for (const p of pkgs) {
        if (!PKG_NAME.test(p) || MISSING.test(p)) {
          return fail(100, `E: Unable to locate package ${p}`, HEADER)
        }
      }
      const fresh = [...new Set(pkgs.filter((p) => !ctx.state.packages.includes(p)))]
      let out = HEADER
      for (const p of pkgs.filter((x) => ctx.state.packages.includes(x))) {
        out += `${p} is already the newest version (${version(p)}).\n`
      }
      if (fresh.length === 0) {
        return ok(`${out}0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n`)
      }
      out += `The following NEW packages will be installed:\n  ${fresh.join(' ')}\n`
      out += `0 upgraded, ${fresh.length} newly installed, 0 to remove and 0 not upgraded.\n`
      if (!yes) return fail(1, '', `${out}Do you want to continue? [Y/n] Abort.\n`)
      for (const p of fresh) {
        out += `Get: http://deb.debian.org/debian trixie/main arm64 ${p} arm64 ${version(p)}\n`
      }
      for (const p of fresh) {
        out += `Setting up ${p} (${version(p)}) ...\n`
        installPackage(ctx, p)
      }
      ctx.save()
      return ok(out)
    }
    case 'remove':
    case 'purge': {
      const present = pkgs.filter((p) => ctx.state.packages.includes(p))
      ctx.state.packages = ctx.state.packages.filter((p) => !present.includes(p))
      for (const p of present) {
        for (const { unit } of PACKAGE_UNITS[p] ?? []) delete ctx.state.services[unit]
      }
      ctx.save()
      return ok(
        `${HEADER}0 upgraded, 0 newly installed, ${present.length} to remove and 0 not upgraded.\n`
      )
    }
    default:
      return fail(100, `E: Invalid operation ${verb}`)
  }
}

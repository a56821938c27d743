/** systemctl: unit enable/start state, with K3s units starting the lab API server or agent. */
import { fail, ok, type ToolContext, type ToolResult } from '../tool-context'
import { startK3sUnit, stopK3sUnit } from './k3s'

/** Units of a fresh Armbian image and whether they run. */
export const BASE_UNITS: Record<string, { enabled: boolean; active: boolean }> = {
  'ssh.service': { enabled: true, active: true },
  'systemd-networkd.service': { enabled: true, active: true },
  'systemd-resolved.service': { enabled: true, active: true },
  'systemd-timesyncd.service': { enabled: true, active: true },
  'armbian-zram-config.service': { enabled: true, active: true },
  'armbian-firstrun.service': { enabled: true, active: false },
  'cron.service': { enabled: true, active: true }
}

export function unitName(name: string): string {
  return /\.(service|socket|target|timer|mount|path)$/.test(name) ? name : `${name}.service`
}

export function isK3sUnit(unit: string): boolean {
  return unit === 'k3s.service' || unit === 'k3s-agent.service'
}

function known(ctx: ToolContext, unit: string): boolean {
  return unit in ctx.state.services || ctx.files.exists(`/etc/systemd/system/${unit}`)
}

function ensure(ctx: ToolContext, unit: string): { enabled: boolean; active: boolean } {
  return (ctx.state.services[unit] ??= { enabled: false, active: false })
}

/** Starts a unit; K3s units bring up the lab server/agent. Returns an error text on failure. */
export async function startUnit(ctx: ToolContext, unit: string): Promise<string | undefined> {
  if (!known(ctx, unit)) return `Failed to start ${unit}: Unit ${unit} not found.`
  if (isK3sUnit(unit)) {
    const error = await startK3sUnit(ctx, unit)
    if (error) return error
  }
  ensure(ctx, unit).active = true
  return undefined
}

async function stopUnit(ctx: ToolContext, unit: string): Promise<void> {
  if (isK3sUnit(unit)) await stopK3sUnit(ctx, unit)
  const s = ctx.state.services[unit]
  if (s) s.active = false
}

function statusText(ctx: ToolContext, unit: string): string {
  const s = ctx.state.services[unit]
  const enabled = s?.enabled ? 'enabled' : 'disabled'
  const active = s?.active ? 'active (running)' : 'inactive (dead)'
  return (
    `${s?.active ? '●' : '○'} ${unit}\n` +
    `     Loaded: loaded (/usr/lib/systemd/system/${unit}; ${enabled}; preset: enabled)\n` +
    `     Active: ${active}\n`
  )
}

export async function systemctl(ctx: ToolContext): Promise<ToolResult> {
  const flags = ctx.call.args.filter((a) => a.startsWith('-'))
  const [verb, ...names] = ctx.call.args.filter((a) => !a.startsWith('-'))
  const quiet = flags.includes('-q') || flags.includes('--quiet')
  const now = flags.includes('--now')
  const units = names.map(unitName)
  let stdout = ''
  let stderr = ''
  const done = (code: number): ToolResult => {
    ctx.save()
    return { stdout, stderr, code }
  }
  switch (verb) {
    case 'daemon-reload':
    case 'reset-failed':
      return ok()
    case 'is-system-running':
      return ok(quiet ? '' : 'running\n')
    case 'enable':
    case 'disable':
      for (const unit of units) {
        if (!known(ctx, unit)) {
          stderr += `Failed to ${verb} unit: Unit file ${unit} does not exist.\n`
          return done(1)
        }
        const s = ensure(ctx, unit)
        if (verb === 'enable' && !s.enabled) {
          stderr += `Created symlink /etc/systemd/system/multi-user.target.wants/${unit} → /usr/lib/systemd/system/${unit}.\n`
        }
        if (verb === 'disable' && s.enabled) {
          stderr += `Removed "/etc/systemd/system/multi-user.target.wants/${unit}".\n`
        }
        s.enabled = verb === 'enable'
        if (now && verb === 'enable') {
          const error = await startUnit(ctx, unit)
          if (error) {
            stderr += `${error}\n`
            return done(1)
          }
        }
        if (now && verb === 'disable') await stopUnit(ctx, unit)
      }
      return done(0)
    case 'start':
    case 'restart':
    case 'reload-or-restart':
    case 'try-restart':
    case 'reload':
      for (const unit of units) {
        if (verb === 'try-restart' && !ctx.state.services[unit]?.active) continue
        if (verb === 'restart' || verb === 'reload-or-restart') await stopUnit(ctx, unit)
        const error = await startUnit(ctx, unit)
        if (error) {
          stderr += `${error}\n`
          return done(error.includes('not found') ? 5 : 1)
        }
      }
      return done(0)
    case 'stop':
      for (const unit of units) {
        if (!known(ctx, unit)) {
          stderr += `Failed to stop ${unit}: Unit ${unit} not loaded.\n`
          return done(5)
        }
        await stopUnit(ctx, unit)
      }
      return done(0)
    case 'is-active': {
      let code = 0
      for (const unit of units) {
        const active = !!ctx.state.services[unit]?.active
        if (!quiet) stdout += active ? 'active\n' : 'inactive\n'
        if (!active) code = 3
      }
      return { stdout, stderr, code }
    }
    case 'is-enabled': {
      let code = 0
      for (const unit of units) {
        if (!known(ctx, unit)) {
          stderr += `Failed to get unit file state for ${unit}: No such file or directory\n`
          code = 1
          continue
        }
        const enabled = !!ctx.state.services[unit]?.enabled
        if (!quiet) stdout += enabled ? 'enabled\n' : 'disabled\n'
        if (!enabled) code = 1
      }
      return { stdout, stderr, code }
    }
    case 'is-failed':
      return { stdout: quiet ? '' : units.map(() => 'inactive\n').join(''), stderr: '', code: 1 }
    case 'status': {
      let code = 0
      for (const unit of units) {
        if (!known(ctx, unit)) {
          stderr += `Unit ${unit} could not be found.\n`
          code = 4
          continue
        }
        stdout += statusText(ctx, unit)
        if (!ctx.state.services[unit]?.active && code === 0) code = 3
      }
      return { stdout, stderr, code }
    }
    case undefined:
      return fail(1, 'lab: systemctl without a verb is not emulated')
    default:
      return fail(1, `Unknown command verb '${verb}'.`)
  }
}

/**
 * The one rule table of provision: what to do with a node, from what detection found on it
 * (src/distro/detect) and the distro the run asks for. Never destroy what is not provably ours:
 * a node running a cluster we cannot prove is this one is refused unless `reflash`, and so is a
 * node of this cluster that runs the other distro (a switch wipes it: say so, and ask for
 * `reflash`). Nodes with nothing to lose (off, maintenance mode, our bare Armbian, another OS we
 * can log into) are flashed or configured.
 */
import type { NodeVerdict } from '../distro/detect'
import type { DistroName } from '../inventory'

/** `configure`: Talos apply-config in maintenance mode; K3s setup + install on our Armbian. */
export type ProvisionAction = 'flash' | 'configure' | 'upgrade' | 'none' | 'refuse'

/** Why a node is refused, for the message: another cluster, a distro switch, or no proof. */
export type RefusalReason = 'foreign' | 'switch' | 'unproven'

export interface Decision {
  action: ProvisionAction
  reason?: RefusalReason
}

export interface DecideContext {
  distro: DistroName
  reflash: boolean
  /** For a node that runs this cluster and distro: does it run the wanted version? */
  versionMatches?: boolean
  /** K3s: does the node hold the role the inventory gives it (server/agent)? */
  roleMatches?: boolean
}

type Rule = Decision | ((ctx: DecideContext) => Decision)

const flash: Decision = { action: 'flash' }
const refuse = (reason: RefusalReason): Decision => ({ action: 'refuse', reason })
const ownCluster = (ctx: DecideContext): Decision =>
  ctx.roleMatches === false ? flash : { action: ctx.versionMatches === false ? 'upgrade' : 'none' }

/** verdict → distro asked → decision (without `reflash`; `reflash` flashes every node). */
export const RULES: Record<NodeVerdict, Record<DistroName, Rule>> = {
  empty: { talos: flash, k3s: flash },
  unreachable: { talos: flash, k3s: flash },
  maintenance: { talos: { action: 'configure' }, k3s: flash },
  'ours-talos': { talos: ownCluster, k3s: refuse('switch') },
  'foreign-talos': { talos: refuse('foreign'), k3s: refuse('foreign') },
  'ours-k3s': { talos: refuse('switch'), k3s: ownCluster },
  'foreign-k3s': { talos: refuse('foreign'), k3s: refuse('foreign') },
  armbian: { talos: flash, k3s: { action: 'configure' } },
  'other-os': { talos: flash, k3s: flash },
  'ssh-locked': { talos: refuse('unproven'), k3s: refuse('unproven') }
}

export function decide(verdict: NodeVerdict, ctx: DecideContext): Decision {
  if (ctx.reflash) return flash
  const rule = RULES[verdict][ctx.distro]
  return typeof rule === 'function' ? rule(ctx) : rule
}

export const refusalText: Record<RefusalReason, string> = {
  foreign: 'runs a cluster that is not provably this one',
  switch: 'runs this cluster on the other distro: switching wipes it',
  unproven: 'answers SSH but not to our key, so whose node it is cannot be told'
}

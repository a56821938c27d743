/**
 * One rule table from what a node runs to what wipe does to it, and the plan a dry run prints.
 * Another cluster's node is refused unless `force` (the ownership rule of provision); a node that
 * runs nothing we can reset is only powered off, and says so.
 */
import type { InventoryNode } from '../inventory'
import { foundText, type Found, type FoundKind } from './detect'
import { inputRef } from '../common/input-style'

export type WipeAction =
  | 'talos-reset'
  | 'k3s-reset'
  /** Nothing to reset (maintenance, dead, unreachable, or foreign and forced): BMC power off. */
  | 'power-off'
  /** Talos maintenance mode with wipe-data: `talosctl wipe disk`, then power off. */
  | 'wipe-disk'
  | 'none'
  | 'refuse'

export interface WipeOptions {
  wipeData: boolean
  powerOff: boolean
  emmc: boolean
  force: boolean
}

export interface PlannedNode {
  node: InventoryNode
  found: Found
  action: WipeAction
  /** Make the eMMC unbootable through the BMC after the node is off. */
  blankEmmc: boolean
  /** Turn the node off through the BMC (and verify). */
  powerOff: boolean
  /** Sentences for the plan and the log. */
  steps: string[]
}

const FOREIGN: readonly FoundKind[] = ['foreign-talos', 'foreign-k3s', 'ssh-locked', 'other-os']

export function isForeign(kind: FoundKind): boolean {
  return FOREIGN.includes(kind)
}

export function decideWipe(found: Found, o: WipeOptions): WipeAction {
  switch (found.kind) {
    case 'powered-off':
      return 'none'
    case 'empty':
    case 'unreachable':
      return 'power-off'
    case 'maintenance':
      if (o.wipeData && found.node.disks.data) return 'wipe-disk'
      return o.powerOff ? 'power-off' : 'none'
    case 'ours-talos':
      return 'talos-reset'
    case 'ours-k3s':
    case 'armbian':
      return 'k3s-reset'
    case 'foreign-k3s':
      return o.force ? 'k3s-reset' : 'refuse'
    case 'foreign-talos':
    case 'ssh-locked':
    case 'other-os':
      // We cannot log in: with force the BMC powers it off and blanks its eMMC.
      return o.force ? 'power-off' : 'refuse'
  }
}

function stepsFor(p: Omit<PlannedNode, 'steps'>, o: WipeOptions): string[] {
  const data = p.node.disks.data
  const steps: string[] = []
  switch (p.action) {
    case 'talos-reset':
      steps.push(
        `talosctl reset -e ${p.node.ip} -n ${p.node.ip}: STATE and EPHEMERAL${o.wipeData && data ? `, user disk ${data}` : ''}` +
          `, ${o.powerOff ? 'then shut down' : 'reboot to maintenance mode'}`
      )
      break
    case 'k3s-reset':
      steps.push(
        'k3s-killall.sh, the uninstall script of its role, cluster marker, Longhorn data path contents' +
          (o.wipeData && data ? `, wipefs of ${data} (never the disk holding /)` : '')
      )
      break
    case 'wipe-disk':
      steps.push(`talosctl wipe disk ${data ?? ''} --insecure (maintenance mode)`)
      break
    case 'power-off':
      steps.push(`nothing to reset (${foundText[p.found.kind]})`)
      break
    case 'none':
      steps.push(
        p.found.kind === 'powered-off' ? 'nothing: already powered off' : 'nothing to reset'
      )
      break
    case 'refuse':
      steps.push(`refused: another cluster (${inputRef('force', 'true')} wipes it)`)
  }
  if (o.wipeData && data && p.action === 'power-off' && isForeign(p.found.kind))
    steps.push(`${data} not wiped: no login to this node`)
  if (p.powerOff) steps.push('BMC power off, verified')
  if (p.blankEmmc) steps.push('BMC writes zeros over the start of the eMMC (unbootable)')
  return steps
}

export function planNode(found: Found, o: WipeOptions): PlannedNode {
  const action = decideWipe(found, o)
  const active = action !== 'refuse' && found.kind !== 'powered-off'
  const forcedBlind = action === 'power-off' && isForeign(found.kind)
  const p = {
    node: found.node,
    found,
    action,
    // Dead and maintenance nodes are always turned off: there is nothing else to do with them.
    powerOff: active && (o.powerOff || action === 'power-off' || forcedBlind),
    blankEmmc: action !== 'refuse' && (o.emmc || forcedBlind)
  }
  return { ...p, steps: stepsFor(p, o) }
}

/** Control planes (K3s server) last: workers reset while the control plane still answers. */
export function phases(plan: PlannedNode[]): PlannedNode[][] {
  const last = (p: PlannedNode): boolean =>
    p.node.role === 'control-plane' || p.found.k3sRole === 'server'
  return [plan.filter((p) => !last(p)), plan.filter(last)].filter((g) => g.length > 0)
}

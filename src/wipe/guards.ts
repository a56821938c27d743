/**
 * What stops a wipe before anything is touched: a data disk that holds `/` (seen on the node, or
 * written so in the inventory) when wipe-data is asked, and nodes of another cluster without
 * `force`. Every problem is listed at once; open SSH links are closed before the refusal.
 */
import { InputError, Rk1Error, type InputProblem } from '../common/errors'
import type { Inventory, InventoryNode } from '../inventory'
import { foundText } from './detect'
import type { PlannedNode } from './plan'
import { inputRef } from '../common/input-style'

export class WipeRefusedError extends Rk1Error {}

const where = (inventory: Inventory, node: InventoryNode): string =>
  `nodes[${inventory.nodes.indexOf(node)}].disks.data`

/** Up front, from the inventory alone: the data disk is the system disk. */
export function inventoryProblems(
  inventory: Inventory,
  nodes: InventoryNode[],
  wipeData: boolean
): InputProblem[] {
  if (!wipeData) return []
  return nodes
    .filter((n) => n.disks.data && n.disks.data === n.disks.system)
    .map((n) => ({
      file: 'inventory',
      path: where(inventory, n),
      message: `is the system disk ${n.disks.system} (slot ${n.slot}); wipe-data would destroy the OS`
    }))
}

export async function checkPlan(
  plan: PlannedNode[],
  s: { inventory: Inventory; inventoryPath: string; wipeData: boolean; force: boolean }
): Promise<void> {
  const rootOnData = s.wipeData ? plan.filter((p) => p.found.dataHoldsRoot) : []
  const refused = plan.filter((p) => p.action === 'refuse')
  if (rootOnData.length === 0 && refused.length === 0) return
  await Promise.all(plan.map((p) => p.found.link?.close()))
  if (rootOnData.length > 0)
    throw new InputError(
      `wipe-data refused: the data disk holds the root filesystem on ${rootOnData.length} node(s)`,
      rootOnData.map((p) => ({
        file: s.inventoryPath,
        path: where(s.inventory, p.node),
        message: `${p.node.disks.data ?? ''} holds / on slot ${p.node.slot} (${p.node.hostname}; findmnt / = ${p.found.rootSource ?? '?'}); the node boots from it, so it is never wiped. Fix disks.data or wipe without wipe-data`
      }))
    )
  throw new WipeRefusedError(
    `Refusing to wipe ${refused.length} node(s) that are not provably this cluster's.`,
    {
      step: 'detect',
      evidence: refused
        .map(
          (p) =>
            `slot ${p.node.slot} (${p.node.hostname}, ${p.node.ip}): ${foundText[p.found.kind]}; ${p.found.detail}`
        )
        .join('\n'),
      advice: `If they are yours, pass the ${inputRef('talos-secrets')} / ${inputRef('ssh-private-key')} of the run that set them up. To wipe them anyway, re-run with ${inputRef('force', 'true')}, or leave them out of ${inputRef('nodes')}. Nothing was touched.`
    }
  )
}

/**
 * The `nodes` input: which inventory nodes a command acts on. Accepts `all` (or empty), slots
 * (`1,3`), slot ranges (`2-4`) and host names, mixed and comma- or space-separated.
 */
import { InputError } from '../common/errors'
import type { InputProblem } from '../common/errors'
import type { Inventory, InventoryNode } from './types'

/** Returns the chosen nodes in slot order, each once. Throws `InputError` for anything unknown. */
export function selectNodes(inventory: Inventory, spec: string | undefined): InventoryNode[] {
  const nodes = [...inventory.nodes].sort((a, b) => a.slot - b.slot)
  const text = (spec ?? '').trim()
  if (text === '' || text.toLowerCase() === 'all') return nodes

  const bySlot = new Map(nodes.map((n) => [n.slot as number, n]))
  const byName = new Map(nodes.map((n) => [n.hostname.toLowerCase(), n]))
  const chosen = new Set<InventoryNode>()
  const problems: InputProblem[] = []
  const valid =
    `valid: all, slots ${nodes.map((n) => n.slot).join(', ')}, ` +
    `host names ${nodes.map((n) => n.hostname).join(', ')}`

  for (const token of text.split(/[\s,]+/).filter(Boolean)) {
    if (token.toLowerCase() === 'all') {
      nodes.forEach((n) => chosen.add(n))
      continue
    }
    // Host names contain "-" too, so a known name wins over reading the token as a range.
    const named = byName.get(token.toLowerCase())
    if (named) {
      chosen.add(named)
      continue
    }
    const range = /^(\d+)(?:-(\d+))?$/.exec(token)
    if (!range) {
      problems.push({ path: 'nodes', message: `unknown node "${token}"; ${valid}`, file: 'inputs' })
      continue
    }
    const from = Number(range[1])
    const to = Number(range[2] ?? range[1])
    if (from > to) {
      problems.push({
        path: 'nodes',
        message: `range "${token}" is backwards; write ${to}-${from}`,
        file: 'inputs'
      })
      continue
    }
    const missing: number[] = []
    for (let slot = from; slot <= to; slot++) {
      const node = bySlot.get(slot)
      if (node) chosen.add(node)
      else missing.push(slot)
    }
    if (missing.length > 0) {
      const what =
        missing.length === 1 ? `slot ${missing[0]} is` : `slots ${missing.join(', ')} are`
      problems.push({
        path: 'nodes',
        message: `${what} not in the inventory (from "${token}"); ${valid}`,
        file: 'inputs'
      })
    }
  }
  if (problems.length > 0)
    throw new InputError('The `nodes` input names nodes that do not exist.', problems)
  return nodes.filter((n) => chosen.has(n))
}

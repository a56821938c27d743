import { resolve } from 'node:path'
import { loadInventory, type DistroName, type Inventory } from '../inventory'
import type { CommandContext } from './command-context'

/**
 * The inventory of a command run: loaded from the `inventory` input, its warnings shown as
 * annotations on their lines.
 */
export async function loadCommandInventory({
  host,
  inputs
}: CommandContext): Promise<{ inventoryPath: string; inventory: Inventory }> {
  const inventoryPath = resolve(inputs.string('inventory'))
  const { inventory, warnings } = await loadInventory(inventoryPath)
  for (const w of warnings)
    host.log.warn(w.message, { file: w.file, line: w.line, column: w.column, title: w.path })
  return { inventoryPath, inventory }
}

/** The inventory, and the distro picked from the `distro` input or the inventory. */
export async function commandInventory(
  context: CommandContext
): Promise<{ inventoryPath: string; inventory: Inventory; distro: DistroName }> {
  const { inventoryPath, inventory } = await loadCommandInventory(context)
  const distro =
    context.inputs.choice<DistroName>('distro', ['talos', 'k3s'], inventory.distro) ??
    inventory.distro
  return { inventoryPath, inventory, distro }
}

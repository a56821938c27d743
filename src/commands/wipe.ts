import { InputError } from '../common/errors'
import { selectNodes } from '../inventory'
import { inventoryProblems } from '../wipe/guards'
import { runWipe, type WipeSettings } from '../wipe/run'
import { lockTimeoutMs, withInventoryLock } from './cluster-lock-input'
import { loadCommandInventory } from './command-inventory'
import type { CommandContext } from './command-context'
import { inputRef } from '../common/input-style'

/** Reads and checks every input up front: bad input touches nothing. */
async function readSettings(
  context: CommandContext
): Promise<WipeSettings & { lockTimeoutMs: number }> {
  const { host, inputs } = context
  const { inventoryPath, inventory } = await loadCommandInventory(context)
  const dryRun = inputs.boolean('dry-run')
  const bmcPassword = inputs.optional('bmc-password') ?? ''
  if (!bmcPassword) inputs.problem('bmc-password', 'is required (the BMC password; pass a secret)')
  const confirm = inputs.optional('confirm')
  if (!dryRun && confirm !== inventory.name)
    inputs.problem(
      'confirm',
      `must equal the cluster name "${inventory.name}" to wipe (got ${confirm ? `"${confirm}"` : 'nothing'}); ${inputRef('dry-run', 'true')} shows the plan without it`
    )
  const settings = {
    inventory,
    inventoryPath,
    dryRun,
    confirm,
    bmc: { user: inputs.string('bmc-user'), password: bmcPassword },
    sshPrivateKey: inputs.optional('ssh-private-key'),
    talosSecrets: inputs.optional('talos-secrets'),
    // The CLI's folder of this cluster, as provision uses it: its key, secrets and files.
    outputDir: inputs.optional('output-dir') ?? host.clusterDir?.(inventory.name),
    wipeData: inputs.boolean('wipe-data'),
    powerOff: inputs.boolean('power-off'),
    emmc: inputs.boolean('emmc'),
    force: inputs.boolean('force'),
    forgetSecrets: inputs.boolean('forget-secrets'),
    timeoutMs: inputs.integer('timeout', { min: 10, max: 24 * 3600 }) * 1000,
    lockTimeoutMs: lockTimeoutMs(inputs)
  }
  inputs.assertValid()
  const nodes = selectNodes(inventory, inputs.string('nodes'))
  const problems = inventoryProblems(inventory, nodes, settings.wipeData).map((p) => ({
    ...p,
    file: inventoryPath
  }))
  if (problems.length > 0) throw new InputError('wipe-data refused', problems)
  return { ...settings, nodes }
}

/** wipe: every selected node back to blank, per node, whatever it runs. */
export async function runWipeCommand(context: CommandContext): Promise<void> {
  const { host } = context
  const settings = await readSettings(context)
  // A dry run changes nothing, so it never waits for (or blocks) a run that does.
  if (settings.dryRun) return void (await runWipe(host, settings))
  const lock = { timeoutMs: settings.lockTimeoutMs, command: 'wipe' }
  await withInventoryLock(host, settings.inventory, lock, () => runWipe(host, settings))
}

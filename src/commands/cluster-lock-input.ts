import { withClusterLock } from '../common/cluster-lock'
import type { Host } from '../common/host'
import type { Inventory } from '../inventory'
import type { Inputs } from './input-reader'

/** The `lock-timeout` input (seconds) in milliseconds; a bad value is reported with the others. */
export function lockTimeoutMs(inputs: Inputs): number {
  return inputs.integer('lock-timeout', { min: 0, max: 24 * 3600 }) * 1000
}

/** Runs `fn` holding the lock of the inventory's cluster (its name and BMC address). */
export function withInventoryLock<T>(
  host: Host,
  inventory: Inventory,
  lock: { timeoutMs: number; command: string },
  fn: () => Promise<T>
): Promise<T> {
  return withClusterLock(
    host,
    { clusterName: inventory.name, bmcAddress: `${inventory.bmc.host}:${inventory.bmc.port}` },
    { timeoutMs: lock.timeoutMs, command: lock.command, signal: host.signal },
    fn
  )
}

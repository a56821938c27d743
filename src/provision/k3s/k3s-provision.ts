/**
 * `provision` for K3s on Armbian (issue 5): from whatever the nodes run to a Ready K3s cluster
 * with a kubeconfig, told as the one provision story (../story.ts) over the K3s driver
 * (./k3s-driver.ts).
 */
import type { Host } from '../../common/host'
import { runProvisionStory } from '../story'
import type { K3sProvisionSettings } from './k3s-context'
import { K3sDriver } from './k3s-driver'

export type { K3sProvisionSettings } from './k3s-context'
export { K3sProvisionError, K3sRefusedError } from './k3s-context'

/**
 * provision for K3s: key → detect every node → decide → refuse what is not provably ours →
 * flash and configure (server first) → cluster check → outputs and summary.
 */
export function runK3sProvision(host: Host, settings: K3sProvisionSettings): Promise<void> {
  return runProvisionStory(new K3sDriver(host, settings), host.log)
}

/**
 * The one provision story, the same for Talos and K3s (./driver.ts): plan → detect every node →
 * decide → refuse → flash queue and configure → cluster check → outputs and summary. Links
 * detection opened are closed whatever happens; outputs come after, from what the run recorded.
 */
import type { Logger } from '../common/host'
import type { ProvisionDriver } from './driver'

export async function runProvisionStory<State, Action, Run>(
  driver: ProvisionDriver<State, Action, Run>,
  log: Logger
): Promise<void> {
  const started = performance.now()
  let run: Run
  try {
    await driver.plan()
    const found = await log.group('Node states', () => driver.detect())
    const actions = driver.decide(found)
    driver.refuse(found, actions)
    run = await driver.flashAndConfigure(found, actions)
    await driver.clusterReady(run)
  } catch (error) {
    await driver.close()
    await driver.abandoned?.()
    throw error
  }
  await driver.close()
  await driver.outputs(run, performance.now() - started)
}

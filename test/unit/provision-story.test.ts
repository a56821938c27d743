/**
 * The one provision story (src/provision/story.ts) over a recording driver: the steps run in the
 * story's order, detection is grouped, links are closed before the outputs, and a refusal closes
 * them too, records what the driver keeps (abandoned) and produces no outputs.
 */
import { describe, expect, it } from '@jest/globals'
import type { Logger } from '../../src/common/host'
import type { Detection, ProvisionDriver } from '../../src/provision/driver'
import { runProvisionStory } from '../../src/provision/story'

function recorder(refuse = false) {
  const steps: string[] = []
  const groups: string[] = []
  const log: Logger = {
    debug: () => undefined,
    info: () => undefined,
    warn: () => undefined,
    error: () => undefined,
    group: (title, fn) => {
      groups.push(title)
      return fn()
    }
  }
  const found: Detection<string> = new Map([[1, { verdict: 'empty', state: 'off' }]])
  const driver: ProvisionDriver<string, string, { totalMs?: number }> = {
    distro: 'talos',
    plan: async () => void steps.push('plan'),
    detect: async () => (steps.push('detect'), found),
    decide: (f) => (steps.push(`decide ${f.size}`), new Map([[1, 'flash']])),
    refuse: (_f, actions) => {
      steps.push(`refuse? ${actions.get(1)}`)
      if (refuse) throw new Error('refused')
    },
    flashAndConfigure: async () => (steps.push('flash+configure'), {}),
    clusterReady: async () => void steps.push('cluster'),
    outputs: async (run, totalMs) => {
      run.totalMs = totalMs
      steps.push('outputs')
    },
    close: async () => void steps.push('close'),
    abandoned: async () => void steps.push('abandoned')
  }
  return { steps, groups, log, driver }
}

describe('the provision story', () => {
  it('runs plan → detect → decide → refuse → flash and configure → cluster → close → outputs', async () => {
    const { steps, groups, log, driver } = recorder()
    await runProvisionStory(driver, log)
    expect(steps).toEqual([
      'plan',
      'detect',
      'decide 1',
      'refuse? flash',
      'flash+configure',
      'cluster',
      'close',
      'outputs'
    ])
    expect(groups).toEqual(['Node states'])
  })

  it('a refusal closes the links, records what is kept, and produces no outputs', async () => {
    const { steps, log, driver } = recorder(true)
    await expect(runProvisionStory(driver, log)).rejects.toThrow('refused')
    expect(steps).toEqual(['plan', 'detect', 'decide 1', 'refuse? flash', 'close', 'abandoned'])
  })
})

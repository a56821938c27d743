import { describe, expect, it } from '@jest/globals'
import { runCli } from '../helpers/action-runner'

// The README's main command: the whole product against the virtual lab, as a newcomer runs it.
describe('rk1 demo', () => {
  it('provisions a Talos cluster on the lab, deploys the workloads and says what happened', async () => {
    const run = await runCli(['demo'], { timeoutMs: 240_000 })
    expect(run.stderr).toBe('')
    expect(run.exitCode).toBe(0)
    expect(run.stdout).toContain('Ready Kubernetes nodes: lab-cp1, lab-w1, lab-w2, lab-w3')
    expect(run.stdout).toMatch(/\| kube-prometheus-stack \| [\d.]+ \| installed \|/)
    expect(run.stdout).toContain(
      'What happened (SIMULATED: the rk1 virtual lab, not real hardware)'
    )
    expect(run.stdout).toMatch(/ok +Provision Talos on all four nodes\nok +Deploy the workloads/)
  }, 300_000)
})

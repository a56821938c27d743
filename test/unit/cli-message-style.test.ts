// Issue 10 §2: advice names inputs the way the user gives them. In Actions a `with:` input
// (`allow-format-data: true`), in the CLI the flag or the variable (`--allow-format-data`,
// `RK1_SSH_PRIVATE_KEY`). The CLI style is set as src/cli/main.ts sets it for a command.
import { afterEach, describe, expect, it } from '@jest/globals'
import { provisionInputs, wipeInputs } from '../../src/commands/inputs'
import { useCliInputStyle } from '../../src/common/input-style'
import { dataRefusalAdvice } from '../../src/distro/k3s/operations'
import { requireConfirmation } from '../../src/provision/confirm'
import { planNode } from '../../src/wipe/plan'
import type { InventoryNode } from '../../src/inventory'

const node: InventoryNode = {
  slot: 2,
  hostname: 'n2',
  ip: '127.0.0.2',
  role: 'worker',
  disks: { system: '/dev/mmcblk0', data: '/dev/nvme0n1' },
  ports: { ssh: 22, talosApi: 50000, kubernetes: 6443 }
}
const seen = '/dev/nvme0n1 is not empty (ext4); not formatting it without allow-format-data.'
const refusedSteps = (): string[] =>
  planNode(
    { node, kind: 'foreign-k3s', detail: '' },
    { wipeData: false, powerOff: true, emmc: false, force: false }
  ).steps

function confirmAdvice(): string {
  try {
    requireConfirmation('rk1-lab', undefined, 'flash node(s) of "rk1-lab"')
  } catch (error) {
    return (error as { advice?: string }).advice ?? ''
  }
  throw new Error('not refused')
}

afterEach(() => useCliInputStyle(undefined))

describe('advice in the language of the caller', () => {
  it('Actions: inputs as a workflow writes them', () => {
    expect(dataRefusalAdvice(seen, false)).toContain('set allow-format-data: true')
    expect(refusedSteps().join('\n')).toContain('force: true wipes it')
    expect(confirmAdvice()).toContain('dry-run: true')
  })

  it('CLI: flags, never `name: value`', () => {
    useCliInputStyle(provisionInputs)
    expect(dataRefusalAdvice(seen, false)).toContain('set --allow-format-data to format')
    expect(dataRefusalAdvice(seen, true)).toMatch(/^--allow-format-data is already set/)
    expect(confirmAdvice()).toBe(
      'Pass --confirm rk1-lab to go ahead, or --dry-run to see the plan.'
    )
    useCliInputStyle(wipeInputs)
    const steps = refusedSteps().join('\n')
    expect(steps).toContain('--force wipes it')
    expect(steps).not.toMatch(/\w: true/)
  })
})

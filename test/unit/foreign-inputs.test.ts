// The umbrella action keeps only the chosen command's inputs: the github token reaches the
// commands that declare github-token (report, and deploy-workloads for its plan comment) and
// never provision, npu-benchmark or wipe.
import { describe, expect, test } from '@jest/globals'
import { findCommand } from '../../src/commands/registry'
import { dropForeignInputs } from '../../src/github/foreign-inputs'

const env = (): NodeJS.ProcessEnv => ({
  PATH: '/usr/bin',
  INPUT_COMMAND: 'x',
  'INPUT_GITHUB-TOKEN': 'ghs_token',
  INPUT_INVENTORY: 'cluster.yaml',
  INPUT_KUBECONFIG: ''
})

describe('umbrella inputs per command', () => {
  test('provision, npu-benchmark and wipe never get the token', () => {
    for (const name of ['provision', 'npu-benchmark', 'wipe']) {
      const e = env()
      expect(dropForeignInputs(findCommand(name)!, e)).toContain('github-token')
      expect(e['INPUT_GITHUB-TOKEN']).toBeUndefined()
      expect(e.INPUT_INVENTORY).toBe('cluster.yaml')
      expect(e.PATH).toBe('/usr/bin')
    }
  })

  test('report declares github-token and keeps it', () => {
    const e = env()
    dropForeignInputs(findCommand('report')!, e)
    expect(e['INPUT_GITHUB-TOKEN']).toBe('ghs_token')
    expect(e.INPUT_KUBECONFIG).toBeUndefined()
  })

  test('deploy-workloads keeps the token for its plan comment, and its kubeconfig', () => {
    const e = env()
    expect(dropForeignInputs(findCommand('deploy-workloads')!, e)).not.toContain('github-token')
    expect(e['INPUT_GITHUB-TOKEN']).toBe('ghs_token')
    expect(e.INPUT_KUBECONFIG).toBe('')
  })
})

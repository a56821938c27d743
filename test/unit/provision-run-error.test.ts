/** The one way a provision run that did not finish ends (issue 9): an Rk1Error for every distro. */
import { describe, expect, it } from '@jest/globals'
import { Rk1Error } from '../../src/common/errors'
import { ProvisionRunError, provisionRunFailed } from '../../src/provision/run-error'

describe('provisionRunFailed', () => {
  it('one failed node: node, step, the first line of what was seen, advice', () => {
    const error = provisionRunFailed({
      what: 'Flashing',
      failed: [
        {
          slot: 3,
          hostname: 'lab-w2',
          status: 'boot-failed',
          error: 'Node 3 did not finish booting within 2.0 s.\nSeen: No new UART output'
        }
      ]
    })
    expect(error).toBeInstanceOf(ProvisionRunError)
    expect(error).toBeInstanceOf(Rk1Error)
    expect(error.message).toBe('Flashing did not finish: slot 3 (lab-w2) boot-failed.')
    expect(error.node).toBe(3)
    expect(error.step).toBe('provision')
    expect(error.evidence).toBe('slot 3: Node 3 did not finish booting within 2.0 s.')
    expect(error.advice).toMatch(/summary lists each failure/)
    expect(error.describe()).toContain('Seen: slot 3: Node 3')
  })

  it('several nodes and a cluster problem: no single node, every failure listed', () => {
    const error = provisionRunFailed({
      what: 'Talos provisioning',
      failed: [
        { slot: 1, hostname: 'cp1', error: 'config rejected' },
        { slot: 2, hostname: 'w1' }
      ],
      cluster: [false, 'the cluster is not healthy', undefined],
      clusterEvidence: 'talosctl health: etcd not ready\nmore'
    })
    expect(error.message).toBe(
      'Talos provisioning did not finish: slot 1 (cp1) failed; slot 2 (w1) failed; the cluster is not healthy.'
    )
    expect(error.node).toBeUndefined()
    expect(error.evidence).toBe(
      'slot 1: config rejected\nslot 2: failed\ncluster: talosctl health: etcd not ready'
    )
  })
})

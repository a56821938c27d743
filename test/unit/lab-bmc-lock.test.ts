import { describe, expect, it } from '@jest/globals'
import { RequestLock } from '../../src/lab/bmc/request-lock'

const tick = (): Promise<void> => new Promise((r) => setImmediate(r))

describe('global request lock', () => {
  it('grants the lock in arrival order, one holder at a time', async () => {
    const lock = new RequestLock()
    const order: string[] = []
    let active = 0
    let maxActive = 0
    const job = (name: string, ticks: number) =>
      lock.run(async () => {
        active++
        maxActive = Math.max(maxActive, active)
        order.push(`start ${name}`)
        for (let i = 0; i < ticks; i++) await tick()
        order.push(`end ${name}`)
        active--
      })
    await Promise.all([job('upload', 5), job('status', 0), job('login', 1), job('cancel', 0)])
    expect(maxActive).toBe(1)
    expect(order).toEqual([
      'start upload',
      'end upload',
      'start status',
      'end status',
      'start login',
      'end login',
      'start cancel',
      'end cancel'
    ])
  })

  it('is released when the holder throws, and counts waiters', async () => {
    const lock = new RequestLock()
    const release = await lock.acquire()
    const failing = lock.run(async () => {
      throw new Error('handler failed')
    })
    const after = lock.run(async () => 'ran')
    expect(lock.waiting).toBe(2)
    release()
    release()
    await expect(failing).rejects.toThrow('handler failed')
    await expect(after).resolves.toBe('ran')
    expect(lock.locked).toBe(false)
  })
})

/** Boot checks behind our own upload (issue 9 item 2): BusyClock and waitForBoot with it. */
import { describe, expect, it } from '@jest/globals'
import { waitForBoot, type UartSource } from '../../src/bmc/boot'
import { BusyClock } from '../../src/bmc/busy-clock'
import { BootTimeoutError } from '../../src/bmc/errors'

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))
const RING = 16 * 1024
/** One boot as a node prints it; the snapshot already holds an identical earlier one. */
const BOOT = 'U-Boot 2017.09\r\n[    0.0] Booting Linux\r\nrk1 login: '

/**
 * A BMC ring that the node fills while our upload keeps the BMC busy; reading while busy is a
 * test failure (on bmcd it would queue behind the upload).
 */
function busyBmc(uploads: BusyClock, afterPowerOn: string) {
  let ring = `${'x'.repeat(RING)}${BOOT}`.slice(-RING)
  const snapshot = ring
  const readsWhileBusy: number[] = []
  const source: UartSource = {
    ownUploads: uploads,
    async readUart() {
      if (uploads.busy) readsWhileBusy.push(Date.now())
      return ring
    },
    async setPower() {}
  }
  return {
    source,
    snapshot,
    readsWhileBusy,
    print: () => {
      ring = (ring + afterPowerOn).slice(-RING)
    }
  }
}

describe('BusyClock', () => {
  it('adds up busy time inside a window, overlaps counted once, open spans up to now', async () => {
    const clock = new BusyClock()
    const t0 = Date.now()
    const a = clock.start()
    await sleep(60)
    const b = clock.start()
    await sleep(60)
    a()
    a()
    await sleep(60)
    b()
    expect(clock.busy).toBe(false)
    await sleep(60)
    const total = clock.busyMsBetween(t0)
    expect(total).toBeGreaterThanOrEqual(170)
    expect(total).toBeLessThan(240)
    expect(clock.busyMsBetween(Date.now() - 30)).toBe(0)
    const c = clock.start()
    await sleep(40)
    expect(clock.busyMsBetween(t0) - total).toBeGreaterThanOrEqual(35)
    c()
  })

  it('idle() resolves when the last span ends, and at once when none is open', async () => {
    const clock = new BusyClock()
    await clock.idle()
    const end = clock.start()
    let idle = false
    const waiting = clock.idle().then(() => (idle = true))
    await sleep(20)
    expect(idle).toBe(false)
    end()
    await waiting
    expect(idle).toBe(true)
  })
})

describe('waitForBoot behind our own upload', () => {
  it('an upload 4× the boot timeout does not count; the banner printed meanwhile is found after a wrapped ring', async () => {
    const uploads = new BusyClock()
    // The node prints its boot (more than a whole ring of it) while the next node uploads.
    const bmc = busyBmc(uploads, `${'boot log line\r\n'.repeat(1500)}${BOOT}`)
    const upload = uploads.during(async () => {
      await sleep(30)
      bmc.print()
      await sleep(800)
    })
    const started = Date.now()
    const result = await waitForBoot(bmc.source, 1, {
      pattern: /login:\s*$/,
      snapshot: bmc.snapshot,
      timeoutMs: 200,
      pollIntervalMs: 20
    })
    await upload
    expect(result.via).toEqual(['uart'])
    expect(Date.now() - started).toBeGreaterThanOrEqual(800)
    expect(bmc.readsWhileBusy).toEqual([])
  })

  it('an identical earlier boot in the ring does not count: nothing new still times out, saying what was excused', async () => {
    const uploads = new BusyClock()
    const bmc = busyBmc(uploads, '')
    const upload = uploads.during(() => sleep(300))
    const started = Date.now()
    const error = (await waitForBoot(bmc.source, 2, {
      pattern: /login:\s*$/,
      snapshot: bmc.snapshot,
      timeoutMs: 200,
      pollIntervalMs: 20
    }).catch((e: unknown) => e)) as BootTimeoutError
    await upload
    expect(error).toBeInstanceOf(BootTimeoutError)
    expect(Date.now() - started).toBeGreaterThanOrEqual(480)
    expect(error.message).toMatch(
      /within 0\.2 s \(not counting 0\.3 s while our upload of another node kept the BMC busy\)/
    )
    expect(error.evidence).toContain('No new UART output since power-on')
    expect(bmc.readsWhileBusy).toEqual([])
  })

  it('a TCP-only check is not held up by an upload (it never asks the BMC)', async () => {
    const uploads = new BusyClock()
    const end = uploads.start()
    const started = Date.now()
    const error = await waitForBoot({ ...busyBmc(uploads, '').source }, 3, {
      tcp: { host: '127.0.0.1', port: 1 },
      timeoutMs: 150,
      pollIntervalMs: 20
    }).catch((e: unknown) => e)
    end()
    expect(error).toBeInstanceOf(BootTimeoutError)
    expect(Date.now() - started).toBeLessThan(1000)
  })
})

/** waitForBoot: UART new-text matching, TCP probes, timeouts with evidence. Loopback only. */
import { describe, expect, it } from '@jest/globals'
import net from 'node:net'
import type { AddressInfo } from 'node:net'
import { waitForBoot, type UartSource } from '../../src/bmc/boot'
import { BmcAuthError, BmcUnreachableError, BootTimeoutError } from '../../src/bmc/errors'
import { InputError } from '../../src/common/errors'

const OLD = '[    1.0] old kernel\r\nU-Boot 2017.09\r\nrk1 login: '

/** A UART whose buffer grows by one scripted piece per read (after power-on). */
function fakeUart(
  pieces: string[],
  options: { failReads?: number; error?: () => Error } = {}
): UartSource & { calls: string[] } {
  let buffer = OLD
  let reads = 0
  const calls: string[] = []
  return {
    calls,
    async readUart() {
      calls.push('read')
      reads++
      if (options.failReads && reads <= options.failReads) {
        throw (
          options.error?.() ??
          new BmcUnreachableError('busy', { operation: 'readUart', code: 'ETIMEDOUT' })
        )
      }
      if (calls.includes('power')) buffer += pieces.shift() ?? ''
      return buffer
    },
    async setPower() {
      calls.push('power')
    }
  }
}

async function listening(): Promise<{ port: number; close(): Promise<void> }> {
  const server = net.createServer((s) => s.destroy())
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((r) => server.close(() => r()))
  }
}

async function closedPort(): Promise<number> {
  const s = await listening()
  await s.close()
  return s.port
}

describe('waitForBoot', () => {
  it('snapshot before power-on; the old prompt does not count, a new one does', async () => {
    const uart = fakeUart([
      '[    0.0] Booting Linux\r\n',
      '[    3.2] systemd started\r\n',
      'Ubuntu 22.04\r\n\r\nrk1 login: '
    ])
    const result = await waitForBoot(uart, 2, {
      pattern: /login:\s*$/,
      timeoutMs: 10_000,
      pollIntervalMs: 1,
      powerOn: true
    })
    expect(uart.calls.slice(0, 2)).toEqual(['read', 'power'])
    expect(uart.calls.filter((c) => c === 'read').length).toBeGreaterThanOrEqual(4)
    expect(result.via).toEqual(['uart'])
    expect(result.match).toBe('login: ')
    expect(result.uartText).toContain('Booting Linux')
    expect(result.uartText).not.toContain('old kernel')
  })

  it('uses a given snapshot and a global regex safely', async () => {
    const uart = fakeUart(['machine is running and ready\r\n'])
    uart.calls.push('power')
    const result = await waitForBoot(uart, 1, {
      pattern: /running and ready/g,
      snapshot: OLD,
      timeoutMs: 10_000,
      pollIntervalMs: 1
    })
    expect(result.via).toEqual(['uart'])
  })

  it('TCP reachability alone, without touching the BMC', async () => {
    const server = await listening()
    try {
      const result = await waitForBoot(undefined, 3, {
        tcp: { host: '127.0.0.1', port: server.port },
        timeoutMs: 10_000,
        pollIntervalMs: 1
      })
      expect(result.via).toEqual(['tcp'])
    } finally {
      await server.close()
    }
  })

  it('TCP decides while UART reads wait on a busy BMC', async () => {
    const server = await listening()
    const uart = fakeUart([], { failReads: 1000 })
    uart.calls.push('power')
    try {
      const result = await waitForBoot(uart, 1, {
        pattern: /login:/,
        snapshot: OLD,
        tcp: { host: '127.0.0.1', port: server.port },
        timeoutMs: 10_000,
        pollIntervalMs: 1
      })
      expect(result.via).toEqual(['tcp'])
    } finally {
      await server.close()
    }
  })

  it("require 'all' waits for both checks", async () => {
    const server = await listening()
    const uart = fakeUart(['booting\r\n', 'rk1 login: '])
    uart.calls.push('power')
    try {
      const result = await waitForBoot(uart, 1, {
        pattern: /login:\s*$/,
        snapshot: OLD,
        tcp: { host: '127.0.0.1', port: server.port },
        require: 'all',
        timeoutMs: 10_000,
        pollIntervalMs: 1
      })
      expect(result.via.sort()).toEqual(['tcp', 'uart'])
    } finally {
      await server.close()
    }
  })

  it('times out with the UART tail and the TCP result as evidence', async () => {
    const lines = Array.from({ length: 40 }, (_, i) => `line ${i}\r\n`)
    const uart = fakeUart([lines.join(''), 'Kernel panic - not syncing: VFS\r\n'])
    uart.calls.push('power')
    const port = await closedPort()
    const error = (await waitForBoot(uart, 4, {
      pattern: /login:\s*$/,
      snapshot: OLD,
      tcp: { host: '127.0.0.1', port },
      timeoutMs: 300,
      pollIntervalMs: 10
    }).catch((e: unknown) => e)) as BootTimeoutError
    expect(error).toBeInstanceOf(BootTimeoutError)
    expect(error.node).toBe(4)
    expect(error.step).toBe('boot')
    expect(error.evidence).toContain('Kernel panic - not syncing: VFS')
    expect(error.evidence).not.toContain('line 10\n')
    expect(error.evidence).not.toContain('old kernel')
    expect(error.evidence).toMatch(/TCP 127\.0\.0\.1:\d+ not reachable \(last: ECONNREFUSED\)/)
    expect(error.advice).toMatch(/UART/)
  })

  it('no new output at all is said so', async () => {
    const uart = fakeUart([])
    uart.calls.push('power')
    const error = (await waitForBoot(uart, 1, {
      pattern: /login:/,
      snapshot: OLD,
      timeoutMs: 100,
      pollIntervalMs: 10
    }).catch((e: unknown) => e)) as BootTimeoutError
    expect(error).toBeInstanceOf(BootTimeoutError)
    expect(error.evidence).toContain('No new UART output since power-on')
  })

  it('an auth failure on the UART is not retried', async () => {
    const uart = fakeUart([], {
      failReads: 1000,
      error: () => new BmcAuthError('no', { operation: 'readUart' })
    })
    await expect(
      waitForBoot(uart, 1, { pattern: /x/, snapshot: '', timeoutMs: 5_000, pollIntervalMs: 1 })
    ).rejects.toBeInstanceOf(BmcAuthError)
    expect(uart.calls).toHaveLength(1)
  })

  it('honours the abort signal', async () => {
    const uart = fakeUart([])
    const controller = new AbortController()
    const pending = waitForBoot(uart, 1, {
      pattern: /login:/,
      snapshot: OLD,
      timeoutMs: 60_000,
      pollIntervalMs: 5,
      signal: controller.signal
    })
    controller.abort(new Error('stop'))
    await expect(pending).rejects.toThrow('stop')
  })

  it('needs a pattern or a TCP target', async () => {
    await expect(waitForBoot(undefined, 1, { timeoutMs: 1000 })).rejects.toBeInstanceOf(InputError)
    await expect(
      waitForBoot(undefined, 1, { pattern: /x/, timeoutMs: 1000 })
    ).rejects.toBeInstanceOf(InputError)
  })
})

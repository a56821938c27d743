/**
 * The one flash queue of provision (src/provision/flash-queue.ts), rule by rule as a table: BMC
 * order, board-wide BMC errors, single-node failures, the node path and its fallback, refused
 * and cancelled nodes, and how each boot is confirmed. The BMC-side calls (flashNode,
 * waitForBoot) are replaced by recorders; everything else is the product's code.
 */
import { describe, expect, it } from '@jest/globals'
import {
  BmcAuthError,
  BmcTlsError,
  BmcUnreachableError,
  BootTimeoutError,
  FlashError,
  type BmcClient,
  type BootResult,
  type FlashImage,
  type FlashResult,
  type WaitForBootOptions
} from '../../src/bmc'
import type { Logger } from '../../src/common/host'
import type { InventoryNode } from '../../src/inventory'
import { NodeWriteError, type NodeWriteResult } from '../../src/node-flash'
import { FlashQueue, type QueuedNode, type QueueStop } from '../../src/provision/flash-queue'

type FlashFate = 'ok' | 'auth' | 'unreachable' | 'tls' | 'crc'
type Stop = QueueStop | 'booted'

interface NodeRow {
  slot: number
  /** The path chosen for it; `refused`: flash-path node, but the node cannot take it. */
  path?: 'bmc' | 'node' | 'refused'
  flash?: FlashFate
  /** The node path's own write. */
  write?: 'ok' | 'fails'
  boot?: 'ok' | 'never'
  /** How long its preparation (path, image copy) takes: the BMC order must not follow it. */
  prepareMs?: number
  /** Its caller could not prepare it (e.g. the image copy failed). */
  notFlashed?: string
}

interface Row {
  rule: string
  nodes: NodeRow[]
  cancelled?: boolean
  /** Per node, in the order given: where it stopped. */
  stops: Stop[]
  /** Slots in the order the BMC was asked to flash them. */
  bmcOrder: number[]
  /** Per booted node: how the boot was checked (console = UART pattern + port, port only). */
  checks?: Record<number, 'console+port' | 'port'>
  errors?: Record<number, RegExp>
}

const table: Row[] = [
  {
    rule: 'BMC flashes one at a time in the order added, whatever each preparation takes',
    nodes: [
      { slot: 1, prepareMs: 40 },
      { slot: 2, prepareMs: 0 },
      { slot: 3, prepareMs: 15 }
    ],
    stops: ['booted', 'booted', 'booted'],
    bmcOrder: [1, 2, 3],
    checks: { 1: 'console+port', 2: 'console+port', 3: 'console+port' }
  },
  {
    rule: 'a refused BMC login stops every later BMC flash; nothing is sent for them',
    nodes: [{ slot: 1, flash: 'auth' }, { slot: 2 }, { slot: 3 }],
    stops: ['flash', 'not-attempted', 'not-attempted'],
    bmcOrder: [1],
    errors: {
      1: /^flash failed: login refused/,
      2: /^not attempted: the BMC failed for slot 1 \(n1\) \(login refused\)$/,
      3: /^not attempted: the BMC failed for slot 1/
    }
  },
  {
    rule: 'so does an unreachable BMC',
    nodes: [{ slot: 1, flash: 'unreachable' }, { slot: 2 }],
    stops: ['flash', 'not-attempted'],
    bmcOrder: [1]
  },
  {
    rule: 'so does a BMC whose TLS identity does not match',
    nodes: [{ slot: 2, flash: 'tls' }, { slot: 4 }],
    stops: ['flash', 'not-attempted'],
    bmcOrder: [2]
  },
  {
    rule: "one node's failed flash (CRC) fails that node only",
    nodes: [{ slot: 1, flash: 'crc' }, { slot: 2 }, { slot: 3 }],
    stops: ['flash', 'booted', 'booted'],
    bmcOrder: [1, 2, 3],
    errors: { 1: /^flash failed: crc mismatch/ }
  },
  {
    rule: 'a boot that never comes fails that node only',
    nodes: [{ slot: 1, boot: 'never' }, { slot: 2 }],
    stops: ['boot', 'booted'],
    bmcOrder: [1, 2],
    errors: { 1: /^did not boot: Node 1 did not finish booting/ }
  },
  {
    rule: 'a node writing itself needs no BMC; its boot is checked on its port only',
    nodes: [{ slot: 1, path: 'node' }, { slot: 2 }],
    stops: ['booted', 'booted'],
    bmcOrder: [2],
    checks: { 1: 'port', 2: 'console+port' }
  },
  {
    rule: 'a node whose own write fails is flashed by the BMC, and checked like any BMC flash',
    nodes: [{ slot: 3, path: 'node', write: 'fails' }],
    stops: ['booted'],
    bmcOrder: [3],
    checks: { 3: 'console+port' }
  },
  {
    rule: 'a board-wide error leaves node-path writes alone but stops their BMC fallback',
    nodes: [
      { slot: 1, flash: 'auth' },
      { slot: 2, path: 'node', prepareMs: 30 },
      { slot: 3, path: 'node', write: 'fails', prepareMs: 30 }
    ],
    stops: ['flash', 'booted', 'not-attempted'],
    bmcOrder: [1],
    checks: { 2: 'port' }
  },
  {
    rule: 'flash-path node on a node that cannot take it: not flashed, nothing touched',
    nodes: [{ slot: 1, path: 'refused' }, { slot: 2 }],
    stops: ['not-flashed', 'booted'],
    bmcOrder: [2],
    errors: {
      1: /^not flashed: flash-path is node, but no running OS answers; nothing was touched$/
    }
  },
  {
    rule: 'a node its caller could not prepare is not flashed, the others are',
    nodes: [{ slot: 1, notFlashed: 'personalise failed: disk full' }, { slot: 2 }],
    stops: ['not-flashed', 'booted'],
    bmcOrder: [2],
    errors: { 1: /^personalise failed: disk full$/ }
  },
  {
    rule: 'a cancelled run attempts nothing',
    nodes: [{ slot: 1 }, { slot: 2, path: 'node' }],
    cancelled: true,
    stops: ['not-attempted', 'not-attempted'],
    bmcOrder: [],
    errors: { 1: /^not attempted: the run was cancelled$/ }
  }
]

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))
const ctx = { operation: 'flash' }

function flashError(fate: FlashFate): Error | undefined {
  if (fate === 'auth') return new BmcAuthError('login refused', { operation: 'login' })
  if (fate === 'unreachable') return new BmcUnreachableError('BMC unreachable', ctx)
  if (fate === 'tls') return new BmcTlsError('certificate mismatch', ctx)
  if (fate === 'crc') return new FlashError('crc mismatch', { ...ctx, kind: 'crc-mismatch' })
  return undefined
}

const nodeOf = (slot: number): InventoryNode =>
  ({
    slot,
    hostname: `n${slot}`,
    ip: `127.0.9.${slot}`,
    ports: { ssh: 22, talosApi: 50000 }
  }) as InventoryNode

const quiet: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  group: (_title, fn) => fn()
}

const image: FlashImage = { path: '/nonexistent/img.raw', size: 1024, fileName: 'img.raw' }

async function runRow(row: Row, log: Logger = quiet) {
  const bmcOrder: number[] = []
  const checks = new Map<number, WaitForBootOptions & { console: boolean }>()
  const prepared: number[] = []
  const byRow = new Map(row.nodes.map((n) => [n.slot, n]))
  const controller = new AbortController()
  if (row.cancelled) controller.abort('cancelled')
  const client = {} as BmcClient
  const queue = new FlashQueue({
    client,
    skipCrc: true,
    bootTimeoutMs: 50,
    bootPattern: /login:/,
    managementPort: (n) => n.ports.talosApi,
    log,
    signal: controller.signal,
    calls: {
      flashNode: async (c, slot): Promise<FlashResult> => {
        expect(c).toBe(client)
        bmcOrder.push(slot)
        await sleep(5)
        const error = flashError(byRow.get(slot)?.flash ?? 'ok')
        if (error) throw error
        return { slot, uartSnapshot: `before ${slot}` } as FlashResult
      },
      waitForBoot: async (source, slot, options): Promise<BootResult> => {
        checks.set(slot, { ...options, console: source === client })
        if (byRow.get(slot)?.boot === 'never')
          throw new BootTimeoutError(`Node ${slot} did not finish booting within 50 ms.`, {
            node: slot
          })
        const via: BootResult['via'] = options.pattern ? ['uart', 'tcp'] : ['tcp']
        return { slot, via, durationMs: 1, uartText: '' }
      }
    }
  })
  const outcomes: QueuedNode[] = await Promise.all(
    row.nodes.map((n) =>
      queue.add(nodeOf(n.slot), async () => {
        prepared.push(n.slot)
        await sleep(n.prepareMs ?? 0)
        if (n.notFlashed) return { notFlashed: n.notFlashed }
        const path = n.path === 'node' ? 'node' : 'bmc'
        const reason = n.path === 'refused' ? 'no running OS answers' : `${path} for the test`
        return {
          image,
          choice: {
            slot: n.slot,
            path,
            reason,
            ...(n.path === 'refused' ? { refused: true } : {})
          },
          nodeWrite: async (uplink): Promise<NodeWriteResult> => {
            expect(uplink).toBe(queue.uplink)
            await sleep(2)
            if (n.write === 'fails')
              throw new NodeWriteError('the node dropped the stream', { touched: false })
            return { slot: n.slot, durationMs: 2 } as NodeWriteResult
          }
        }
      })
    )
  )
  return { outcomes, bmcOrder, checks, prepared }
}

describe('the flash queue of provision: one rule set', () => {
  it.each(table)('$rule', async (row) => {
    const { outcomes, bmcOrder, checks, prepared } = await runRow(row)
    expect(outcomes.map((o) => o.stoppedAt ?? 'booted')).toEqual(row.stops)
    expect(bmcOrder).toEqual(row.bmcOrder)
    if (row.cancelled) expect(prepared).toEqual([])
    for (const [i, o] of outcomes.entries()) {
      const slot = row.nodes[i]!.slot
      expect(o.slot).toBe(slot)
      if (o.stoppedAt) expect(o.error).toBeDefined()
      else expect(o.boot).toBeDefined()
      const expected = row.errors?.[slot]
      if (expected) expect(o.error).toMatch(expected)
    }
    for (const [slot, how] of Object.entries(row.checks ?? {})) {
      const check = checks.get(Number(slot))!
      expect(check.tcp).toEqual({ host: `127.0.9.${slot}`, port: 50000 })
      if (how === 'port') expect([check.console, check.pattern]).toEqual([false, undefined])
      else {
        expect([check.console, String(check.pattern)]).toEqual([true, '/login:/'])
        // The console is read from the snapshot its own flash took right before power-on.
        expect(check.snapshot).toBe(`before ${slot}`)
      }
    }
  })

  it('a node path that fell back names why, and the BMC wrote it', async () => {
    const { outcomes } = await runRow(table.find((r) => r.rule.startsWith('a node whose own'))!)
    expect(outcomes[0]).toMatchObject({
      path: 'bmc',
      fallbackFrom: { touched: false, error: 'the node dropped the stream' }
    })
    expect(outcomes[0]!.reason).toMatch(/^fallback after the node path failed before the write/)
  })

  it('a node never attempted is logged as not attempted, with why, never as a failed flash', async () => {
    const lines: string[] = []
    const record = (m: string): void => void lines.push(m)
    const log: Logger = { ...quiet, info: record, warn: record, error: record }
    await runRow(
      table.find((r) => r.rule.startsWith('a refused BMC login'))!,
      log
    )
    expect(lines).toContain('slot 1 (n1): flash failed: login refused')
    expect(lines).toContain(
      'slot 2 (n2): not attempted: the BMC failed for slot 1 (n1) (login refused)'
    )
    expect(lines.filter((l) => /slot [23] .*flash failed/.test(l))).toEqual([])
  })
})

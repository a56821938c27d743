/**
 * Boot confirmation after a flash (spec §8): new UART text matching a distro pattern, and/or the
 * node accepting TCP connections. The TCP probe never touches the BMC, because while the next
 * node uploads the BMC answers nothing else (spec §2.6).
 */
import { InputError } from '../common/errors'
import type { Logger } from '../common/host'
import { formatDuration } from '../common/format'
import { Backoff, sleep } from '../common/abort'
import { BmcAuthError, BmcProtocolError, BootTimeoutError } from './errors'
import { UartWatcher, uartTail } from './uart'
import type { BusyClock } from './busy-clock'
import { probeTcp, type TcpTarget } from '../common/tcp-probe'

// Part of waitForBoot's options; the probe itself is neutral (src/common/tcp-probe).
export type { TcpTarget, TcpProbeResult } from '../common/tcp-probe'

/** What boot detection needs from the BMC; `BmcClient` provides it. */
export interface UartSource {
  readUart(slot: number, options?: { signal?: AbortSignal; timeoutMs?: number }): Promise<string>
  setPower(slot: number, on: boolean): Promise<void>
  /**
   * Our own uploads through the same BMC (`BmcClient.ownUploads`). Time they keep the BMC busy
   * does not count against a boot deadline, and console reads wait for them to end.
   */
  readonly ownUploads?: Pick<BusyClock, 'busy' | 'busyMsBetween' | 'idle'>
}

export interface WaitForBootOptions {
  timeoutMs: number
  /** Default 5 s for UART reads; TCP probes run at most every 2 s. */
  pollIntervalMs?: number
  /** Matched against text new since the snapshot, e.g. /login:\s*$/m. */
  pattern?: RegExp
  tcp?: TcpTarget
  /** With both checks: `any` (default) succeeds on the first, `all` needs both. */
  require?: 'any' | 'all'
  /** UART buffer read right before power-on (e.g. `FlashResult.uartSnapshot`); read now if absent. */
  snapshot?: string
  /** Power the node on after taking the snapshot. Default false (flashNode already did). */
  powerOn?: boolean
  signal?: AbortSignal
  log?: Logger
}

export interface BootResult {
  slot: number
  /** Which checks succeeded. */
  via: ('uart' | 'tcp')[]
  durationMs: number
  /** The text the pattern matched. */
  match?: string
  /** UART text seen since the snapshot. */
  uartText: string
}

export async function waitForBoot(
  source: UartSource | undefined,
  slot: number,
  options: WaitForBootOptions
): Promise<BootResult> {
  const { pattern, tcp, log } = options
  validate(source, options)
  const started = Date.now()
  // Only a console check waits for the BMC; a TCP-only check never asks it anything.
  const uploads = pattern ? source?.ownUploads : undefined
  // Moves out while our own upload of another node keeps the BMC from answering a console read.
  const excusedMs = (): number => (uploads ? uploads.busyMsBetween(started) : 0)
  const deadline = (): number => started + options.timeoutMs + excusedMs()
  const pollMs = options.pollIntervalMs ?? 5000
  const requireAll = options.require === 'all'
  const inner = new AbortController()
  const onOuterAbort = (): void => inner.abort(options.signal?.reason)
  options.signal?.addEventListener('abort', onOuterAbort, { once: true })

  let snapshot = options.snapshot
  if (snapshot === undefined && pattern && source)
    snapshot = await source.readUart(slot, { signal: options.signal })
  if (options.powerOn && source) await source.setPower(slot, true)
  const watcher = new UartWatcher(snapshot ?? '')

  let uartMatch: string | undefined
  let tcpOk = false
  let lastUartError: string | undefined
  let lastTcpError: string | undefined
  let fatal: unknown
  const satisfied = (): boolean => {
    const uart = pattern ? uartMatch !== undefined : requireAll
    const net = tcp ? tcpOk : requireAll
    return requireAll ? uart && net : uart || net
  }
  const check = (): void => {
    if (satisfied()) inner.abort('booted')
  }

  const uartLoop = async (): Promise<void> => {
    if (!pattern || !source) return
    const regex = new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ''))
    const delays = new Backoff(Math.min(250, pollMs), pollMs)
    while (!inner.signal.aborted) {
      try {
        // Queued behind our own upload the read would only time out: wait for the BMC first.
        await uploads?.idle(inner.signal)
        const text = await source.readUart(slot, {
          signal: inner.signal,
          timeoutMs: Math.max(1000, deadline() - Date.now())
        })
        watcher.update(text)
        const found = regex.exec(watcher.newText)
        if (found) {
          uartMatch = found[0]
          log?.debug(`node ${slot}: boot pattern ${String(pattern)} seen on the UART`)
          return check()
        }
      } catch (error) {
        if (inner.signal.aborted) return
        if (error instanceof BmcAuthError || error instanceof BmcProtocolError) {
          // Retrying would only risk a ban; TCP may still decide when configured.
          lastUartError = error.message
          if (!tcp || requireAll) {
            fatal = error
            inner.abort('fatal')
          }
          return
        }
        lastUartError = error instanceof Error ? error.message : String(error)
        log?.debug(`node ${slot}: UART read failed, retrying: ${lastUartError}`)
      }
      await sleep(delays.next(), inner.signal).catch(() => undefined)
    }
  }

  const tcpLoop = async (): Promise<void> => {
    if (!tcp) return
    const gap = Math.min(pollMs, 2000)
    const delays = new Backoff(Math.min(250, gap), gap)
    while (!inner.signal.aborted) {
      const result = await probeTcp(
        {
          ...tcp,
          connectTimeoutMs: Math.min(
            tcp.connectTimeoutMs ?? 3000,
            Math.max(100, deadline() - Date.now())
          )
        },
        inner.signal
      )
      if (result.ok) {
        tcpOk = true
        log?.debug(`node ${slot}: ${tcp.host}:${tcp.port} accepts connections`)
        return check()
      }
      if (result.error !== 'aborted') lastTcpError = result.error
      await sleep(delays.next(), inner.signal).catch(() => undefined)
    }
  }

  let timer: NodeJS.Timeout | undefined
  const arm = (): void => {
    const left = deadline() - Date.now()
    if (left <= 0 && !uploads?.busy) return inner.abort('timeout')
    // While an upload runs the deadline keeps moving: look again shortly.
    timer = setTimeout(arm, Math.max(50, Math.min(left, uploads?.busy ? 1000 : left)))
  }
  arm()
  try {
    await Promise.all([uartLoop(), tcpLoop()])
  } finally {
    clearTimeout(timer)
    options.signal?.removeEventListener('abort', onOuterAbort)
  }

  if (satisfied()) {
    const via: BootResult['via'] = []
    if (uartMatch !== undefined) via.push('uart')
    if (tcpOk) via.push('tcp')
    const durationMs = Date.now() - started
    // Debug: every caller announces the boot itself, with the node's name (issue 10: logged twice).
    log?.debug(`node ${slot}: booted after ${formatDuration(durationMs)} (${via.join(' + ')})`)
    return {
      slot,
      via,
      durationMs,
      ...(uartMatch !== undefined ? { match: uartMatch } : {}),
      uartText: watcher.newText
    }
  }
  if (options.signal?.aborted) throw options.signal.reason ?? new Error('aborted')
  if (fatal) throw fatal
  throw new BootTimeoutError(
    `Node ${slot} did not finish booting within ${formatDuration(options.timeoutMs)}` +
      (excusedMs() > 0
        ? ` (not counting ${formatDuration(excusedMs())} while our upload of another node kept the BMC busy).`
        : '.'),
    {
      node: slot,
      evidence: evidence(watcher, options, { lastUartError, lastTcpError, uartMatch, tcpOk }),
      advice:
        'Read the console output above to see where the boot stops (no output at all: wrong or ' +
        'corrupt image, or the module is not seated). Power-cycle the node and watch its UART; ' +
        'if the image is right, flash it again. A slow first boot (Armbian resizes its root ' +
        'filesystem) may need a longer timeout.'
    }
  )
}

function validate(source: UartSource | undefined, options: WaitForBootOptions): void {
  const problems = []
  if (!options.pattern && !options.tcp) {
    problems.push({ path: 'pattern', message: 'give a UART pattern, a TCP target, or both' })
  }
  if (options.pattern && !source) {
    problems.push({
      path: 'pattern',
      message: 'a UART pattern needs a BMC client to read the UART'
    })
  }
  if (!(options.timeoutMs > 0))
    problems.push({ path: 'timeoutMs', message: 'must be a positive number' })
  if (problems.length > 0) throw new InputError('Invalid boot check options.', problems)
}

function evidence(
  watcher: UartWatcher,
  options: WaitForBootOptions,
  seen: { lastUartError?: string; lastTcpError?: string; uartMatch?: string; tcpOk: boolean }
): string {
  const parts: string[] = []
  if (options.pattern) {
    if (seen.uartMatch !== undefined) parts.push(`UART matched ${String(options.pattern)}.`)
    else if (watcher.newText.trim()) {
      parts.push(
        `No match for ${String(options.pattern)}. UART output since power-on (last lines):\n${uartTail(watcher.newText)}`
      )
    } else {
      parts.push('No new UART output since power-on.')
    }
    if (seen.lastUartError && seen.uartMatch === undefined)
      parts.push(`Last UART read failed: ${seen.lastUartError}`)
  }
  if (options.tcp) {
    const where = `${options.tcp.host}:${options.tcp.port}`
    parts.push(
      seen.tcpOk
        ? `TCP ${where} reachable.`
        : `TCP ${where} not reachable (last: ${seen.lastTcpError ?? 'no attempt'}).`
    )
  }
  return parts.join('\n')
}

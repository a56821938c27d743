/**
 * The Armbian/K3s node path: one SSH exec runs the node script with the image streamed on its
 * stdin, paced on the shared uplink. The script holds the image in RAM, checks it, writes the eMMC
 * from RAM, reads it back and reboots through sysrq; the connection dropping after `rebooting` is
 * the expected end.
 */
import { createReadStream } from 'node:fs'
import { errorText } from '../common/errors'
import type { Logger } from '../common/host'
import { formatDuration } from '../common/format'
import { ProgressReporter } from '../image/progress'
import { shellQuote } from '../node-access/remote-shell'
import type { SshSession } from '../node-access/ssh'
import { NodeWriteError } from './errors'
import type { NodeImage } from './image'
import { NODE_WRITE_SCRIPT } from './node-script'
import { PhaseTracker, exitTouched, type NodeWritePhase } from './progress'
import type { SharedUplink } from './uplink'

/** Units whose disk writes would race the eMMC write (K3s and its containers). */
export const ARMBIAN_STOP_UNITS = ['k3s', 'k3s-agent']

/** Room the running OS keeps besides the image held in RAM. */
export const DEFAULT_MEMORY_MARGIN_BYTES = 512 * 2 ** 20

export interface NodeWriteResult {
  slot: number
  /** Bytes sent to the node. */
  bytes: number
  /** Bytes now on the eMMC, read back and verified. */
  rawBytes: number
  transferMs: number
  durationMs: number
  /** The furthest phase the node reported. */
  phase: NodeWritePhase | undefined
  /** Talos nodes: who restarted the node after its write, and why the BMC did when it did. */
  restartedBy?: 'talos-api' | 'bmc'
  restartWhy?: string
}

export interface SshWriteOptions {
  session: SshSession
  slot: number
  label: string
  image: NodeImage
  uplink: SharedUplink
  log: Logger
  signal?: AbortSignal
  stopUnits?: string[]
  memoryMarginBytes?: number
  /** The eMMC; the script refuses anything else. */
  device?: string
}

export function nodeScriptArgs(o: {
  source: string
  image: NodeImage
  device: string
  reboot: 'sysrq' | 'none'
  stopUnits: string[]
  memoryMarginBytes: number
  reportUrl?: string
}): string[] {
  return [
    o.source,
    o.image.format,
    String(o.image.bytes),
    o.image.sha256,
    String(o.image.rawBytes),
    o.device,
    o.reboot,
    o.stopUnits.join(' '),
    String(o.memoryMarginBytes),
    o.reportUrl ?? ''
  ]
}

export async function writeOverSsh(o: SshWriteOptions): Promise<NodeWriteResult> {
  const started = performance.now()
  const tracker = new PhaseTracker()
  const progress = new ProgressReporter(o.log, `${o.label}: sending the image`, o.image.bytes)
  let transferMs: number | undefined
  const args = nodeScriptArgs({
    source: 'stdin',
    image: o.image,
    device: o.device ?? '/dev/mmcblk0',
    reboot: 'sysrq',
    stopUnits: o.stopUnits ?? ARMBIAN_STOP_UNITS,
    memoryMarginBytes: o.memoryMarginBytes ?? DEFAULT_MEMORY_MARGIN_BYTES
  })
  const command = ['bash', '-c', NODE_WRITE_SCRIPT, 'rk1-node-write', ...args]
    .map(shellQuote)
    .join(' ')
  const input = createReadStream(o.image.path).pipe(
    o.uplink.stream((sent) => {
      progress.update(sent)
      if (sent === o.image.bytes) transferMs = performance.now() - started
    }, o.signal)
  )
  const onStdout = (text: string): void => {
    for (const phase of tracker.feed(text)) o.log.info(`${o.label}: ${describePhase(phase)}`)
  }
  let code: number | null
  let stderr: string
  try {
    const result = await o.session.execStreaming(command, input, { signal: o.signal, onStdout })
    code = result.code
    stderr = result.stderr
  } catch (error) {
    input.destroy()
    // The node rebooting under us is the expected end of a verified write.
    if (tracker.phase === 'rebooting') return done()
    throw new NodeWriteError(
      tracker.writeStarted
        ? `${o.label}: the connection was lost while the node wrote its eMMC (${tracker.phase}).`
        : `${o.label}: the connection was lost before the write; the node is untouched.`,
      {
        node: o.slot,
        step: 'node-write',
        touched: tracker.writeStarted,
        evidence: errorText(error),
        advice: 'The BMC flashes this node instead.'
      },
      { cause: error }
    )
  }
  if (code === 0 && tracker.phase === 'done') return done()
  const touched = exitTouched(code) || tracker.writeStarted
  throw new NodeWriteError(
    `${o.label}: the node script failed (exit ${code ?? 'signal'})${touched ? ' after it started writing the eMMC' : '; the node is untouched'}.`,
    {
      node: o.slot,
      step: 'node-write',
      touched,
      evidence: tracker.failure?.text ?? stderr.trim().slice(-500),
      advice: 'The BMC flashes this node instead.'
    }
  )

  function done(): NodeWriteResult {
    const durationMs = performance.now() - started
    o.log.info(
      `${o.label}: written and verified through the running OS in ${formatDuration(durationMs)}.`
    )
    return {
      slot: o.slot,
      bytes: o.image.bytes,
      rawBytes: o.image.rawBytes,
      transferMs: transferMs ?? durationMs,
      durationMs,
      phase: tracker.phase
    }
  }
}

export function describePhase(phase: NodeWritePhase): string {
  const words: Record<NodeWritePhase, string> = {
    'memory-ok': 'enough free memory to hold the image',
    received: 'image received into RAM',
    staged: 'image checksum verified in RAM',
    'services-stopped': 'services stopped',
    'read-only': 'filesystems remounted read-only',
    writing: 'writing the eMMC from RAM',
    written: 'eMMC written',
    verified: 'eMMC read back and verified',
    rebooting: 'rebooting',
    done: 'done'
  }
  return words[phase]
}

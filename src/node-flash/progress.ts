/**
 * What a node reported while rewriting its eMMC: the `rk1-node-write <phase> …` lines of the node
 * script, folded into the furthest phase reached. Whether the eMMC was touched follows from it.
 */
import { EXIT, WRITE_STARTED_EXIT } from './node-script'

export const PHASES = [
  'memory-ok',
  'received',
  'staged',
  'services-stopped',
  'read-only',
  'writing',
  'written',
  'verified',
  'rebooting',
  'done'
] as const

export type NodeWritePhase = (typeof PHASES)[number]

const PREFIX = 'rk1-node-write '

export class PhaseTracker {
  /** Furthest phase reported so far. */
  phase: NodeWritePhase | undefined
  /** The failure line (`failed <code> <text>`), if the script reported one. */
  failure: { code: number; text: string } | undefined
  private partial = ''

  /** Feeds stdout text (any chunking); returns the phases newly reached, in order. */
  feed(text: string): NodeWritePhase[] {
    const lines = (this.partial + text).split('\n')
    this.partial = lines.pop() ?? ''
    const reached: NodeWritePhase[] = []
    for (const line of lines) {
      const p = this.line(line)
      if (p) reached.push(p)
    }
    return reached
  }

  /** One report line (also what the Talos Job sends to the runner). */
  line(line: string): NodeWritePhase | undefined {
    const text = line.startsWith(PREFIX) ? line.slice(PREFIX.length).trim() : line.trim()
    const [word, ...rest] = text.split(' ')
    if (word === 'failed') {
      this.failure = { code: Number(rest[0]), text: rest.slice(1).join(' ') }
      return undefined
    }
    const phase = PHASES.find((p) => p === word)
    if (!phase) return undefined
    if (!this.phase || PHASES.indexOf(phase) > PHASES.indexOf(this.phase)) this.phase = phase
    return phase
  }

  /** True once the script said it started writing the eMMC (or got further). */
  get writeStarted(): boolean {
    return !!this.phase && PHASES.indexOf(this.phase) >= PHASES.indexOf('writing')
  }
}

/** True when an exit code of the node script means the eMMC was (possibly) written. */
export function exitTouched(code: number | null): boolean {
  return code !== null && code >= WRITE_STARTED_EXIT && code <= EXIT.rebootFailed
}

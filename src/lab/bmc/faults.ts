/** The fault injector: armed faults, consumed by the transfer engine and the request router. */
import type { ArmedFault, Fault, FaultInjector, FaultKind, FiredFault } from './types'

interface Armed extends ArmedFault {
  fireCount: number
}

/** Faults a node flash takes; a firmware upgrade only takes `firmwareFailure`. */
const FLASH_FAULTS: readonly FaultKind[] = [
  'deviceNotFound',
  'usbLoadError',
  'crcMismatch',
  'corruptUpload',
  'noSpace',
  'daemonCrash',
  'foreignTransfer'
]
const FIRMWARE_FAULTS: readonly FaultKind[] = [
  'corruptUpload',
  'noSpace',
  'daemonCrash',
  'foreignTransfer',
  'firmwareFailure'
]

export class Faults implements FaultInjector {
  private readonly list: Armed[] = []
  private readonly log: FiredFault[] = []
  private nextId = 1

  constructor(private readonly crash: () => void) {}

  get armed(): readonly ArmedFault[] {
    return [...this.list]
  }

  get fired(): readonly FiredFault[] {
    return [...this.log]
  }

  inject(fault: Fault, options: { persistent?: boolean } = {}): ArmedFault {
    const armed: Armed = {
      id: this.nextId++,
      fault: { ...fault },
      persistent: options.persistent ?? false,
      fireCount: 0
    }
    this.list.push(armed)
    return armed
  }

  clear(target?: ArmedFault | FaultKind): void {
    for (let i = this.list.length - 1; i >= 0; i--) {
      const armed = this.list[i]!
      const hit =
        target === undefined ||
        (typeof target === 'string' ? armed.fault.kind === target : armed.id === target.id)
      if (hit) this.list.splice(i, 1)
    }
  }

  crashNow(): void {
    this.log.push({ id: 0, kind: 'daemonCrash', at: new Date().toISOString(), detail: 'crashNow' })
    this.crash()
  }

  /** The faults for a transfer that starts now (one of each kind); one-shot ones are used up. */
  takeTransferFaults(kind: 'flash' | 'firmware', detail: string): Fault[] {
    const kinds = kind === 'flash' ? FLASH_FAULTS : FIRMWARE_FAULTS
    const taken: Fault[] = []
    for (const armed of [...this.list]) {
      if (!kinds.includes(armed.fault.kind)) continue
      if (taken.some((f) => f.kind === armed.fault.kind)) continue
      this.fire(armed, detail)
      taken.push(armed.fault)
    }
    return taken
  }

  /** The first request fault matching this request, fired (and used up unless persistent). */
  takeRequestFault(
    kind: 'http500' | 'dropConnection',
    type: string,
    opt: string | undefined
  ): Fault | undefined {
    for (const armed of this.list) {
      const f = armed.fault
      if (f.kind !== kind || f.type !== type) continue
      if (f.opt !== undefined && f.opt !== opt) continue
      this.fire(armed, `${opt ?? ''} ${type}`.trim())
      return f
    }
    return undefined
  }

  private fire(armed: Armed, detail: string): void {
    armed.fireCount++
    this.log.push({ id: armed.id, kind: armed.fault.kind, at: new Date().toISOString(), detail })
    if (!armed.persistent) this.clear(armed)
  }
}

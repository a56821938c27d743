/**
 * The board behind bmcd: node power (stored bit and physical state), usbboot pins, the USB route,
 * node names, the fan, and each node's eMMC file. It outlives daemon restarts, like the hardware,
 * and is persisted next to the eMMC images so a lab can be stopped and started again.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { open } from 'node:fs/promises'
import { join } from 'node:path'
import { sleep } from '../../common/abort'
import { defaultBootScript, MARKER_SCAN_BYTES } from './boot-logs'
import type { BoardRevision, BootScript, EmmcInfo, EmmcState, NodeMode, Slot } from './types'

export type UsbMode = 'Host' | 'Device' | 'Flash'
export type UsbRoute = 'AlternativePort' | 'Bmc'
export interface UsbConfig {
  mode: UsbMode
  /** 0-based node index. */
  node: number
  route: UsbRoute
}

export interface NodeInfoEntry {
  name: string | null
  module_name: string | null
  uart_baud: number | null
}

export interface CoolingDevice {
  device: string
  speed: number
  max_speed: number
}

export interface BoardOptions {
  storageDir: string
  revision: BoardRevision
  /** Real ms for a simulated duration. */
  scale: (simulatedMs: number) => number
  /** Hooks of BmcEmulatorOptions (see types.ts). */
  bootLog?: (slot: Slot, emmc: EmmcInfo) => BootScript | undefined
  /** Runs before a node boots (the emulator notices eMMC writes made by the node's own OS). */
  beforeBoot?: (slot: Slot) => Promise<void>
  onNodePower?: (slot: Slot, on: boolean, mode: NodeMode) => void
  onUartWrite?: (slot: Slot, text: string) => void
}

export interface NodeHw {
  slot: Slot
  powerBit: boolean
  powered: boolean
  mode: NodeMode
  usbBoot: boolean
  powerOnCount: number
  bootCount: number
  /** performance.now() when the bit went 0→1, for node_info power_on_time. */
  powerOnAt: number | null
  info: NodeInfoEntry
  emmc: EmmcState
  /** Bumped on every power edge; pending boot output of an older epoch is dropped. */
  epoch: number
  timers: Set<NodeJS.Timeout>
}

interface PersistedBoard {
  power: boolean[]
  usb: UsbConfig
  usbNode1Alt: boolean
  nodeInfo: NodeInfoEntry[]
  cooling: CoolingDevice[]
}

export const SLOTS: readonly Slot[] = [1, 2, 3, 4]

export class Board {
  readonly nodes: NodeHw[]
  usb: UsbConfig = { mode: 'Device', node: 0, route: 'AlternativePort' }
  /** Set while a flash or node_to_msd has taken the USB bus; the stored config is re-applied after. */
  usbOverride: UsbConfig | undefined
  usbNode1Alt = false
  cooling: CoolingDevice[] = [{ device: 'system fan', speed: 2, max_speed: 4 }]
  /** Where console bytes go: bmcd's UART rings while the daemon runs, nowhere otherwise. */
  serialSink: ((slot: Slot, data: Buffer) => void) | undefined
  private closed = false

  constructor(readonly options: BoardOptions) {
    this.nodes = SLOTS.map((slot) => ({
      slot,
      powerBit: false,
      powered: false,
      mode: 'off' as NodeMode,
      usbBoot: false,
      powerOnCount: 0,
      bootCount: 0,
      powerOnAt: null,
      info: { name: null, module_name: null, uart_baud: null },
      emmc: loadEmmcState(options.storageDir, slot),
      epoch: 0,
      timers: new Set()
    }))
    this.load()
  }

  node(slot: Slot): NodeHw {
    return this.nodes[slot - 1]!
  }

  /** The USB configuration `get usb` reports. */
  get activeUsb(): UsbConfig {
    return this.usbOverride ?? this.usb
  }

  /** `set power` for one node: ≈100 ms per changed node (§4.1). */
  async setPower(slot: Slot, on: boolean): Promise<void> {
    const node = this.node(slot)
    if (node.powerBit === on && node.powered === on) return
    await sleep(this.options.scale(100))
    if (node.powerBit !== on) node.powerOnAt = on ? performance.now() : null
    node.powerBit = on
    if (on) this.physicalOn(slot)
    else this.physicalOff(slot)
    this.save()
  }

  /** `reset`: off, 1 s, on; the stored bit is not touched (§4.2). */
  async reset(slot: Slot): Promise<void> {
    this.physicalOff(slot)
    await sleep(this.options.scale(1000))
    this.physicalOn(slot)
  }

  /** Power rail on; boots the eMMC unless the usbboot strap is raised (then maskrom, silent). */
  physicalOn(slot: Slot, mode?: NodeMode): void {
    const node = this.node(slot)
    if (node.powered || this.closed) return
    node.powered = true
    node.powerOnCount++
    node.epoch++
    node.mode = mode ?? (node.usbBoot ? 'maskrom' : 'os')
    this.options.onNodePower?.(slot, true, node.mode)
    if (node.mode === 'os') void this.boot(node)
  }

  physicalOff(slot: Slot): void {
    const node = this.node(slot)
    if (!node.powered) return
    node.powered = false
    node.mode = 'off'
    node.epoch++
    for (const timer of node.timers) clearTimeout(timer)
    node.timers.clear()
    this.options.onNodePower?.(slot, false, 'off')
  }

  /** After a daemon start: bmcd re-applies the stored power bits. */
  reapplyPowerBits(): void {
    for (const node of this.nodes) if (node.powerBit && !node.powered) this.physicalOn(node.slot)
  }

  setUsbBootPin(slot: Slot, raised: boolean): void {
    this.node(slot).usbBoot = raised
  }

  clearUsbBootPins(): void {
    for (const node of this.nodes) node.usbBoot = false
  }

  /** A node prints on its console. */
  consoleOutput(slot: Slot, text: string | Buffer): void {
    this.serialSink?.(slot, typeof text === 'string' ? Buffer.from(text, 'utf8') : text)
  }

  /** Bytes written to a node's UART: a running OS echoes them; the lab node hook sees them. */
  consoleInput(slot: Slot, text: string): void {
    if (this.node(slot).mode === 'os') this.consoleOutput(slot, text)
    this.options.onUartWrite?.(slot, text)
  }

  /** The eMMC state plus its first 64 KiB. */
  async emmcInfo(slot: Slot): Promise<EmmcInfo> {
    const emmc = this.node(slot).emmc
    let head: Buffer = Buffer.alloc(0)
    try {
      const file = await open(emmc.path, 'r')
      try {
        const buf = Buffer.alloc(MARKER_SCAN_BYTES)
        const { bytesRead } = await file.read(buf, 0, buf.length, 0)
        head = buf.subarray(0, bytesRead)
      } finally {
        await file.close()
      }
    } catch {
      // No image yet: an erased eMMC.
    }
    return { ...emmc, head }
  }

  saveEmmcState(slot: Slot): void {
    const emmc = this.node(slot).emmc
    try {
      writeFileSync(metaPath(this.options.storageDir, slot), JSON.stringify(emmc, null, 2))
    } catch {
      // The storage dir vanished (emulator closing); nothing to keep.
    }
  }

  save(): void {
    if (this.closed) return
    const state: PersistedBoard = {
      power: this.nodes.map((n) => n.powerBit),
      usb: this.usb,
      usbNode1Alt: this.usbNode1Alt,
      nodeInfo: this.nodes.map((n) => n.info),
      cooling: this.cooling
    }
    try {
      writeFileSync(join(this.options.storageDir, 'board.json'), JSON.stringify(state, null, 2))
    } catch {
      // See saveEmmcState.
    }
  }

  close(): void {
    this.closed = true
    for (const node of this.nodes) {
      for (const timer of node.timers) clearTimeout(timer)
      node.timers.clear()
      node.epoch++
    }
  }

  private load(): void {
    const file = join(this.options.storageDir, 'board.json')
    if (!existsSync(file)) return
    try {
      const state = JSON.parse(readFileSync(file, 'utf8')) as PersistedBoard
      state.power.forEach((on, i) => {
        const node = this.nodes[i]
        if (node) node.powerBit = on
      })
      this.usb = state.usb
      this.usbNode1Alt = state.usbNode1Alt
      state.nodeInfo.forEach((info, i) => {
        const node = this.nodes[i]
        if (node) node.info = info
      })
      this.cooling = state.cooling
    } catch {
      // A damaged state file: start from factory defaults.
    }
  }

  private async boot(node: NodeHw): Promise<void> {
    const epoch = node.epoch
    await this.options.beforeBoot?.(node.slot)
    if (node.epoch !== epoch) return
    const info = await this.emmcInfo(node.slot)
    if (node.epoch !== epoch) return
    node.bootCount++
    const script = this.options.bootLog?.(node.slot, info) ?? defaultBootScript(node.slot, info)
    if (!script) return
    const lines = [...script.lines].sort((a, b) => a.atMs - b.atMs)
    const last = lines.length ? lines[lines.length - 1]!.atMs : 0
    for (const line of lines) {
      this.at(node, epoch, line.atMs, () => this.consoleOutput(node.slot, line.text))
    }
    if (script.onBooted) this.at(node, epoch, last, script.onBooted)
  }

  private at(node: NodeHw, epoch: number, simulatedMs: number, fn: () => void): void {
    const timer = setTimeout(() => {
      node.timers.delete(timer)
      if (node.epoch === epoch) fn()
    }, this.options.scale(simulatedMs))
    timer.unref()
    node.timers.add(timer)
  }
}

function metaPath(dir: string, slot: Slot): string {
  return join(dir, `node${slot}.json`)
}

function loadEmmcState(dir: string, slot: Slot): EmmcState {
  const path = join(dir, `node${slot}.img`)
  const fresh: EmmcState = {
    path,
    bytesWritten: 0,
    sha256: null,
    flashedFileName: null,
    flashedAt: null
  }
  try {
    const saved = JSON.parse(readFileSync(metaPath(dir, slot), 'utf8')) as EmmcState
    if (existsSync(path)) return { ...saved, path }
  } catch {
    // No metadata: the eMMC is erased.
  }
  return fresh
}

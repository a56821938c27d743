/**
 * Public types of the lab BMC emulator: a loopback HTTPS server that behaves like bmcd 2.x
 * (`../shared/specs/bmc-api.md`). Other lab parts (nodes, the `rk1 lab` command) code against these.
 */

export type Slot = 1 | 2 | 3 | 4
export type FirmwareProfile = '2.0.5' | '2.3.4' | '2.3.7'
export type BoardRevision = 'v2.4' | 'v2.5'

/** What the emulated eMMC of one node holds (the file `storageDir/node<slot>.img`). */
export interface EmmcState {
  path: string
  /** Bytes of content written by the last flash (after xz decompression); the file's size. */
  bytesWritten: number
  /** sha256 (hex) of the content as written; null while a flash writes it or when never flashed. */
  sha256: string | null
  /** `file` parameter of the last flash that wrote to this eMMC. */
  flashedFileName: string | null
  /** ISO time the last flash finished writing. */
  flashedAt: string | null
}

/** Given to boot-log scripts: the eMMC state plus its first 64 KiB (empty when erased). */
export interface EmmcInfo extends EmmcState {
  head: Buffer
}

/** One piece of console output, `atMs` simulated milliseconds after power-on (divided by timeScale). */
export interface BootLine {
  atMs: number
  /** Written verbatim to the UART; include `\r\n` yourself (a login prompt has none). */
  text: string
}

/** What a node prints after power-on. `onBooted` runs after the last line (lab nodes start services). */
export interface BootScript {
  lines: BootLine[]
  onBooted?: () => void
}

/** How the node currently runs: `maskrom` = usbboot strap raised at power-on (flashing), `msd` = node_to_msd. */
export type NodeMode = 'off' | 'os' | 'maskrom' | 'msd'

export interface EmulatedNodeState {
  slot: Slot
  /** The stored power bit, what `opt=get&type=power` reports. */
  power: boolean
  /** Physically powered; differs from `power` e.g. after `reset` of a node whose bit is 0. */
  powered: boolean
  mode: NodeMode
  /** The usbboot (maskrom strap) pin. */
  usbBoot: boolean
  /** Physical power-on edges (including the ones a flash makes). */
  powerOnCount: number
  /** Power-ons that ran a boot script (normal OS boots). */
  bootCount: number
  emmc: EmmcState
  /** The bmcd UART ring of this node, decoded as UTF-8 ('' while the daemon is down). */
  uart: string
}

export interface RequestLogEntry {
  seq: number
  /** ISO time the request arrived. */
  at: string
  method: string
  path: string
  /** Raw query with `password`, `token` and `cmd` values redacted. */
  query: string
  /** HTTP status sent; 0 = the connection was dropped without a response (panic, crash). */
  status: number
  peer: string
  /** Time spent waiting for the global request lock (§2.6). */
  lockWaitMs: number
  durationMs: number
  /** performance.now() when the handler started (after the lock) and when the response ended. */
  handledAtMs: number
  doneAtMs: number
  authKind: 'public' | 'login' | 'bearer' | 'basic' | 'bypass' | 'rejected'
  user?: string
  /** First 12 hex chars of sha256(token), to correlate requests without logging the token. */
  tokenRef?: string
  /** Short note: `panic`, `fault:http500`, `daemon down` ... */
  note?: string
}

/**
 * Faults the emulator can inject. Transfer faults (all but `http500`/`dropConnection`) are taken by
 * the next transfer that starts and apply to that transfer only (a firmware upgrade takes only
 * corruptUpload, noSpace, daemonCrash, foreignTransfer and firmwareFailure). The usb mode 3/7 panic
 * needs no fault: it is what bmcd always does.
 */
export type Fault =
  /** Node preparation fails: `Error: Compute module's USB interface not found or supported`. */
  | { kind: 'deviceNotFound' }
  /** Node preparation fails: `Error loading USB device: <detail>` (default `No supported USB devices found`). */
  | { kind: 'usbLoadError'; detail?: string }
  /** CRC read-back mismatch: `crc error. expected N, calculated M` (needs the CRC phase, i.e. no skip_crc). */
  | { kind: 'crcMismatch' }
  /**
   * One byte of the uploaded stream is flipped before the sha256 validator and the writer: with
   * `sha256` given the real check fails (`sha256 checksum failed. Expected: …, got: …`); without it the
   * corrupted byte lands on the eMMC silently. `atByte` defaults to 0.
   */
  | { kind: 'corruptUpload'; atByte?: number }
  /** Writing fails with `No space left on device (os error 28)` once `afterBytes` (default 0) were written. */
  | { kind: 'noSpace'; afterBytes?: number }
  /** bmcd dies once `afterBytes` (default 0) were written: connection refused until `restartDaemon()`. */
  | { kind: 'daemonCrash'; afterBytes?: number }
  /**
   * Another client starts a flash once `afterBytes` (default 0) were written: the current transfer is
   * replaced (new random id, last request wins). The foreign transfer targets `slot` (default: the
   * next slot), has `length` bytes (default 1 MiB) and, unless `upload: false`, is uploaded by the
   * emulator itself (zeros) so it ends Done; with `upload: false` it ends in `Send timeout`.
   */
  | { kind: 'foreignTransfer'; afterBytes?: number; slot?: Slot; length?: number; upload?: boolean }
  /**
   * A request of `type` (dispatcher type, or `flash`, `firmware`, `upload`, `cancel`, `authenticate`,
   * `node_info`) answers 500 with `message`: enveloped for dispatcher types, text/plain otherwise.
   */
  | { kind: 'http500'; type: string; opt?: 'get' | 'set'; message?: string }
  /** A request of `type` gets its connection dropped without a response (like the usb 3/7 panic). */
  | { kind: 'dropConnection'; type: string; opt?: 'get' | 'set' }
  /** Firmware upgrade fails at the `osupdate` step: `failed firmware upgrade (exit status: N)`. */
  | { kind: 'firmwareFailure'; exitStatus?: number }

export type FaultKind = Fault['kind']

export interface ArmedFault {
  readonly id: number
  readonly fault: Fault
  /** Persistent faults fire every time; one-shot faults disarm after firing once. */
  readonly persistent: boolean
  readonly fireCount: number
}

export interface FiredFault {
  id: number
  kind: FaultKind
  at: string
  /** Transfer id, slot or request type it hit. */
  detail: string
}

export interface FaultInjector {
  /** Arms a fault; one-shot unless `persistent: true`. */
  inject(fault: Fault, options?: { persistent?: boolean }): ArmedFault
  /** Disarms one armed fault, every fault of one kind, or everything. */
  clear(target?: ArmedFault | FaultKind): void
  readonly armed: readonly ArmedFault[]
  /** Faults that fired; a transfer fault counts when a starting transfer takes it. */
  readonly fired: readonly FiredFault[]
  /** bmcd dies now: listener closed, open connections dropped, refused until `restartDaemon()`. */
  crashNow(): void
}

export interface BmcEmulatorOptions {
  /** Loopback address to bind; default '127.0.0.1'. */
  host?: string
  /** Default 0 (ephemeral). */
  port?: number
  /** Accounts (the BMC's /etc/shadow); default { root: 'turing' }. */
  users?: Record<string, string>
  /** Payload variants of §1.3; default '2.3.4' (what released firmware 2.1.0 ships). */
  firmware?: FirmwareProfile
  /** `bus_type` and USB rules; default 'v2.5'. */
  board?: BoardRevision
  /** Sliding token lifetime; default 3 h (real time, not scaled). */
  tokenTtlMs?: number
  /** Failures per peer IP before a ban; default 5. */
  banThreshold?: number
  /** First ban duration, doubled per further failure (cap ×1024); default 60 s (real time, not scaled). */
  banBaseMs?: number
  /** Serialise authenticated requests board-wide (§2.6); default true. */
  globalLock?: boolean
  /** Loopback peers skip auth and lock (§2.5); default false. */
  loopbackBypass?: boolean
  /** Divides every simulated duration (write/verify, prep, power, boot, reboot); default 1. */
  timeScale?: number
  /** eMMC write rate in simulated bytes/s; default 4e6; Infinity = unthrottled. */
  writeRateBytesPerSec?: number
  /** CRC read-back rate in simulated bytes/s; default 12e6; Infinity = unthrottled. */
  verifyRateBytesPerSec?: number
  /** Node preparation (power cycle, RK1 loader push) before the first byte is written; default 7000, scaled. */
  prepDelayMs?: number
  /** Time for the upload to reach bmcd after the handle was issued; default 10000, real time. */
  uploadDeadlineMs?: number
  /** Simulated ms the API is down after `reload` (default 3000) and `reboot` (default 60000). */
  reloadDowntimeMs?: number
  rebootDowntimeMs?: number
  /** Capacity of each emulated eMMC; writing beyond it fails with ENOSPC; default 31,268,536,320 (RK1 32 GB). */
  emmcCapacityBytes?: number
  /** Where node<slot>.img (+ .json metadata) live; default a temp dir removed on close. Existing images are kept. */
  storageDir?: string
  /**
   * What a node prints after power-on. Return undefined to fall back to the default script of
   * `boot-logs.ts`; return `{ lines: [] }` for silence.
   */
  bootLog?: (slot: Slot, emmc: EmmcInfo) => BootScript | undefined
  /** Called on every physical power edge of a node (lab nodes stop/start their services). */
  onNodePower?: (slot: Slot, on: boolean, mode: NodeMode) => void
  /** Called with text written to a node's UART through `opt=set&type=uart` (CRLF included). */
  onUartWrite?: (slot: Slot, text: string) => void
}

export interface BmcEmulator {
  /** https://127.0.0.1:PORT */
  readonly url: string
  readonly port: number
  readonly certificatePem: string
  /** Hex sha256 over the DER certificate, lower case, no colons. */
  readonly fingerprintSha256: string
  readonly requestLog: RequestLogEntry[]
  readonly faults: FaultInjector
  /** A snapshot of one node. */
  node(slot: Slot): EmulatedNodeState
  /** A node prints `text` on its console (goes into the bmcd UART ring). */
  writeConsole(slot: Slot, text: string): void
  /** True while bmcd answers (false during reload/reboot/crash). */
  readonly daemonUp: boolean
  /**
   * Like `reload`: tokens, bans, UART rings and transfer state lost, API closed (connection refused)
   * for `downMs` real ms (default: reloadDowntimeMs / timeScale). Also brings bmcd back after a crash
   * or `reboot&fel`. Resolves once the API answers again.
   */
  restartDaemon(downMs?: number): Promise<void>
  /** The node's own OS rewrote its eMMC file and reboots (node-path flashing). */
  rebootAfterNodeWrite(slot: Slot): Promise<void>
  close(): Promise<void>
}

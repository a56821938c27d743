/**
 * Typed views of what the BMC (bmcd 2.x) answers. Shapes follow shared/specs/bmc-api.md; slots are
 * always 1-based here, the 0-based `node=` parameter never leaks out of the client.
 */
import type { Logger } from '../common/host'

/** A Turing Pi 2 slot, 1-4. */
export type NodeSlot = 1 | 2 | 3 | 4

export const NODE_SLOTS: readonly NodeSlot[] = [1, 2, 3, 4]

export type TlsMode = 'verify' | 'fingerprint' | 'insecure'

export interface BmcTlsOptions {
  mode: TlsMode
  /** SHA-256 of the DER certificate, hex; colons, case and a `sha256:` prefix are ignored. */
  fingerprint?: string
  /** Extra trusted CA (PEM) for `verify`. */
  caPem?: string
}

export interface BmcClientOptions {
  host: string
  /** HTTPS port, 443 on a real board. */
  port?: number
  tls: BmcTlsOptions
  username: string
  password: string
  log?: Logger
  /** Per-request limit for everything except the upload (which has none). Default 60 s. */
  requestTimeoutMs?: number
}

/** `type=about` (bmcd >= 2.0.2). Fields absent on a build are undefined. */
export interface BmcAbout {
  api?: string
  /** bmcd <= 2.3.4: the bmcd crate version; 2.3.5+: the os-release VERSION. */
  version?: string
  /** 2.3.5+ only. */
  bmcdVersion?: string
  /** <= 2.3.4: os-release VERSION. */
  buildVersion?: string
  buildroot?: string
  buildtime?: string
  boardModel?: string
  boardRevision?: string
  hostname?: string
  raw: Record<string, unknown>
}

/** `type=other`, the legacy info table. */
export interface BmcOther {
  api?: string
  version?: string
  buildVersion?: string
  buildroot?: string
  buildtime?: string
  /** Often "Unknown" on bmcd 2.3.4 (reads eth0, address sits on br0); prefer `info()`. */
  ip?: string
  mac?: string
  raw: Record<string, unknown>
}

export interface BmcInfo {
  ip: { device: string; ip: string; mac: string }[]
  storage: { name: string; totalBytes: number; bytesFree: number }[]
}

export type PowerState = Record<NodeSlot, boolean>

export interface UsbState {
  /** `Host`, `Device` or `Flash`. */
  mode: string
  /** Slot the USB bus is routed to, parsed from "Node 1" / "Node1". */
  slot?: NodeSlot
  /** `Bmc`, `AlternativePort` (2.3.x) or `UsbA` (2.0.x). */
  route: string
  /** `Single bus` (v2.4 board) or `Usb hub` (v2.5); absent before bmcd 2.3. */
  busType?: string
}

export interface NodeInfo {
  slot: NodeSlot
  name: string | null
  moduleName: string | null
  /** Seconds since the node was last switched on through the API, null when off. */
  powerOnTime: number | null
  uartBaud: number | null
}

export interface NodeInfoUpdate {
  name?: string
  moduleName?: string
  uartBaud?: number
}

export interface StartFlashOptions {
  /** Only the extension matters to the BMC: `.xz` is decompressed on the fly. */
  fileName: string
  /** Exact number of bytes that will be uploaded (compressed size for xz). */
  length: number
  /** Hex SHA-256 of the uploaded bytes; checked by the BMC after the write. */
  sha256?: string
  /** Skips the CRC read-back (about 30-50 % faster, no verification). */
  skipCrc?: boolean
}

/** What `startFlash` returned; the upload must follow within 10 s. */
export interface FlashHandle {
  id: number
  slot: NodeSlot
  fileName: string
  length: number
  /** `Date.now()` when the handle was received. */
  issuedAt: number
}

export type FlashStatus =
  | { state: 'Ready' }
  | {
      state: 'Transferring'
      id: number
      processName: string
      size: number
      cancelled: boolean
      bytesWritten: number
    }
  | { state: 'Done'; elapsedMs: number; size: number }
  | { state: 'Error'; message: string }

export interface UploadOptions {
  /** Aborting destroys the request; the BMC then cancels the transfer (spec §5.4). */
  signal?: AbortSignal
  /** Name of the multipart part's file; the BMC ignores it. */
  fileName?: string
}

export type BmcProfile = '2.0.0-2.0.1' | '2.0.2-2.0.5' | '2.3.0-2.3.4' | '2.3.5+'

export interface BmcVersion {
  /** Always `2.x`: 1.x (plain HTTP, no auth) is detected as unreachable and not supported. */
  generation: '2.x'
  profile: BmcProfile
  /** bmcd daemon version when known (`about.bmcd_version` or `about.version`). */
  daemonVersion?: string
  api?: string
  /** Firmware (os-release) version when known. */
  firmwareVersion?: string
  boardModel?: string
  boardRevision?: string
  hostname?: string
  busType?: string
  /** Board generation from `bus_type`: `Usb hub` means v2.5, `Single bus` v2.4. */
  board?: 'v2.4' | 'v2.5'
}

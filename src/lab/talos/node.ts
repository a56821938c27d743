/**
 * The emulated Talos node. The BMC emulator boots it (`bootScript`) when its eMMC holds a lab Talos
 * image; it then serves the Talos API on `<ip>:<apiPort>`: maintenance mode (self-signed TLS, no
 * client auth) until a config is applied, then configured mode (mutual TLS with the OS CA from the
 * config). The applied config lives in `<dir>/talos-state.json`, tied to the eMMC contents it was
 * applied on, so it survives power cycles and disappears with a re-flash.
 */
import { randomBytes } from 'node:crypto'
import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync
} from 'node:fs'
import type { Server } from 'node:https'
import { join } from 'node:path'
import { parseImageMarker } from '../bmc/boot-logs'
import type { BootScript, Slot } from '../bmc/types'
import type { LabKubeHub } from '../hub'
import { configFacts, type ConfigFacts } from './machine-config'
import { configuredLines, consoleLine, maintenanceLines, RUNNING_LINE } from './node-boot'
import { handleRpc, listen, type Machine } from './node-api'
import { issue, newKeyPair, spkiFingerprint, type CertKey } from './pki'
import { labTalosNode, registerLabTalosNode, unregisterLabTalosNode } from './registry'

export interface TalosNodeFaults {
  /** apply-config is accepted but the node never leaves maintenance mode. */
  neverLeaveMaintenance?: boolean
  /** Another client bootstraps the node just before us: our first bootstrap sees AlreadyExists. */
  bootstrapRace?: boolean
  /** The first N bootstrap calls answer `time is not in sync yet`. */
  timeNotSynced?: number
  /** MemAvailable the node reports (Memory API and its Jobs' /proc/meminfo); default 14 GiB of 16. */
  memAvailableBytes?: number
  /**
   * Once its system disk was rewritten (the node path), the API stops answering: the outcome
   * where apid does not survive losing EPHEMERAL/STATE. By default it keeps answering (it runs
   * from the squashfs in RAM).
   */
  apiGoneAfterDiskWrite?: boolean
  /** A reboot request is accepted but the node never goes down (a teardown stuck on /var). */
  rebootNeverComes?: boolean
}

export interface TalosNodeOptions {
  slot: Slot
  ip: string
  apiPort: number
  /** Port of the Kubernetes API a bootstrapped control plane starts; default: the endpoint's port. */
  kubePort?: number
  dir: string
  hub: LabKubeHub
  /** Divides simulated durations; default 1. */
  timeScale?: number
  faults?: TalosNodeFaults
  /** Console output after boot (the lab wires it to the BMC UART). */
  console?: (text: string) => void
  /** An NVMe drive in the M.2 slot; default true. */
  nvme?: boolean
  /**
   * A reboot through the API: firmware and U-Boot start again and boot whatever the eMMC holds
   * now (the lab resets the slot, so the BMC's boot dispatch picks Talos or Armbian).
   */
  restart?: () => Promise<void>
}

/** What the NVMe holds: user-volume partitions and files written to them (Longhorn replicas). */
export interface NvmeContents {
  partitions: string[]
  files: Record<string, string>
}

export type TalosNodeState =
  'off' | 'booting' | 'maintenance' | 'configuring' | 'configured' | 'rebooting' | 'halted'

interface EmmcStamp {
  size: number
  mtimeMs: number
  ino: number
}

export interface PersistedState {
  config: string
  emmc: EmmcStamp
  bootstrapped: boolean
  version?: string
  schematic?: string
  installImage?: string
}

const stamp = (path: string): EmmcStamp | undefined => {
  try {
    const s = statSync(path)
    return { size: s.size, mtimeMs: s.mtimeMs, ino: s.ino }
  } catch {
    return undefined
  }
}

export class TalosNode implements Machine {
  readonly ip: string
  readonly slot: Slot
  private gen = 0
  private _state: TalosNodeState = 'off'
  stage = 'unknown'
  ready = false
  bootId = ''
  persisted: PersistedState | undefined
  facts: ConfigFacts | undefined
  certs: { server: CertKey; client: CertKey } | undefined
  apiServerUp = false
  registeredWith: unknown
  private server: Server | undefined
  private emmc: { path: string; head: Buffer } | undefined
  private marker: Record<string, string> = {}
  private timers = new Set<NodeJS.Timeout>()
  private bootAt = 0
  /** The eMMC as it was when this boot started: a different stamp means it was rewritten. */
  private bootStamp: EmmcStamp | undefined
  /** Reboot modes asked through the API, in order (tests check what the product asked for). */
  readonly rebootRequests: string[] = []
  timeNotSyncedLeft: number
  readonly createdAt = new Date().toISOString()

  constructor(readonly opts: TalosNodeOptions) {
    if (!opts.ip.startsWith('127.'))
      throw new Error(`lab Talos nodes only use loopback, not ${opts.ip}`)
    this.ip = opts.ip
    this.slot = opts.slot
    this.timeNotSyncedLeft = opts.faults?.timeNotSynced ?? 0
    mkdirSync(opts.dir, { recursive: true })
    registerLabTalosNode(this)
  }

  get state(): TalosNodeState {
    return this._state
  }

  get hub(): LabKubeHub {
    return this.opts.hub
  }

  get faults(): TalosNodeFaults {
    return this.opts.faults ?? {}
  }

  get version(): string {
    return this.persisted?.version ?? this.marker.version ?? 'v1.13.9'
  }

  get schematic(): string {
    return this.persisted?.schematic ?? this.marker.schematic ?? ''
  }

  get extensions(): string[] {
    return (this.marker.extensions ?? '').split(',').filter(Boolean)
  }

  get hasNvme(): boolean {
    return this.opts.nvme ?? true
  }

  get hostname(): string {
    if (this.facts?.hostname) return this.facts.hostname
    // Talos' default and `auto: stable` names look like talos-abc-xyz.
    const h = Buffer.from(`${this.ip}/${this.slot}`).toString('hex')
    return `talos-${h.slice(-6, -3)}-${h.slice(-3)}`
  }

  get kubePort(): number {
    const fromEndpoint = this.facts ? Number(new URL(this.facts.endpoint).port || 6443) : 6443
    return this.opts.kubePort ?? fromEndpoint
  }

  /** The control-plane address the config points at. */
  get endpointIp(): string | undefined {
    return this.facts ? new URL(this.facts.endpoint).hostname : undefined
  }

  private get statePath(): string {
    return join(this.opts.dir, 'talos-state.json')
  }

  /** The NVMe is its own disk: it keeps its contents across re-flashes of the eMMC. */
  private get nvmePath(): string {
    return join(this.opts.dir, 'nvme.json')
  }

  nvmeContents(): NvmeContents {
    try {
      return JSON.parse(readFileSync(this.nvmePath, 'utf8')) as NvmeContents
    } catch {
      return { partitions: [], files: {} }
    }
  }

  private saveNvme(c: NvmeContents): void {
    if (!this.hasNvme) return
    writeFileSync(this.nvmePath, JSON.stringify(c), { mode: 0o600 })
  }

  /** Data a workload wrote to a user volume (tests plant Longhorn replicas this way). */
  writeNvmeFile(path: string, content: string): void {
    const c = this.nvmeContents()
    c.files[path] = content
    this.saveNvme(c)
  }

  /** `--user-disks-to-wipe` / `talosctl wipe disk`: signatures and partitions gone. */
  wipeNvme(): void {
    rmSync(this.nvmePath, { force: true })
  }

  /** A configured user volume gets its partition on the NVMe (Talos creates it at boot). */
  private provisionUserVolumes(facts: ConfigFacts): void {
    if (!this.hasNvme || facts.userVolumes.length === 0) return
    const c = this.nvmeContents()
    const missing = facts.userVolumes.map((v) => `u-${v}`).filter((v) => !c.partitions.includes(v))
    if (missing.length === 0) return
    c.partitions.push(...missing)
    this.saveNvme(c)
  }

  ms(simulated: number): number {
    return Math.max(1, simulated / (this.opts.timeScale ?? 1))
  }

  /** Runs fn after `simulated` ms unless the node powered off or rebooted meanwhile. */
  after(simulated: number, fn: () => void | Promise<void>): void {
    const gen = this.gen
    const timer = setTimeout(() => {
      this.timers.delete(timer)
      if (gen === this.gen)
        void Promise.resolve(fn()).catch((e: unknown) => this.say(`error: ${String(e)}`))
    }, this.ms(simulated))
    timer.unref()
    this.timers.add(timer)
  }

  say(text: string): void {
    this.opts.console?.(consoleLine(Date.now() - this.bootAt, text))
  }

  savePersisted(): void {
    if (this.persisted)
      writeFileSync(this.statePath, JSON.stringify(this.persisted), { mode: 0o600 })
    else rmSync(this.statePath, { force: true })
  }

  private loadPersisted(path: string): void {
    this.persisted = undefined
    this.facts = undefined
    try {
      const p = JSON.parse(readFileSync(this.statePath, 'utf8')) as PersistedState
      const now = stamp(path)
      const same =
        now && now.size === p.emmc.size && now.mtimeMs === p.emmc.mtimeMs && now.ino === p.emmc.ino
      // A re-flash rewrote the eMMC: STATE is gone with it.
      if (!same) return rmSync(this.statePath, { force: true })
      this.persisted = p
      this.facts = configFacts(p.config)
    } catch {
      this.persisted = undefined
    }
  }

  /** What the node prints after power-on; `onBooted` brings the API up. */
  bootScript(emmc: { path: string; head: Buffer }): BootScript {
    this.stop()
    const gen = this.gen
    this.emmc = emmc
    this.marker = parseImageMarker(emmc.head) ?? {}
    this.loadPersisted(emmc.path)
    this.bootStamp = stamp(emmc.path)
    this._state = 'booting'
    this.stage = 'booting'
    this.ready = false
    this.bootId = randomBytes(8).toString('hex')
    this.bootAt = Date.now()
    if (this.persisted) {
      return {
        lines: configuredLines(this.version, this.hostname),
        onBooted: () => gen === this.gen && void this.enterConfigured()
      }
    }
    const key = newKeyPair()
    return {
      lines: maintenanceLines(this.ip, this.version, spkiFingerprint(key.publicKey)),
      onBooted: () => {
        if (gen !== this.gen) return
        void issue(undefined, {
          cn: 'maintenance-service',
          ips: [this.ip],
          server: true,
          privateKey: key.privateKey
        })
          .then((tls) => (gen === this.gen ? this.serve(tls) : undefined))
          .then(() => {
            if (gen !== this.gen) return
            this._state = 'maintenance'
            this.stage = 'maintenance'
          })
      }
    }
  }

  private async serve(tls: CertKey, ca?: string): Promise<void> {
    await this.closeServer()
    this.server = await listen(this.ip, this.opts.apiPort, tls, ca, (method, body, secure) =>
      handleRpc(this, method, body, secure)
    )
  }

  private async closeServer(): Promise<void> {
    const server = this.server
    this.server = undefined
    if (!server) return
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }

  /** Certificates: a control plane signs its own; a worker asks trustd on the control plane. */
  private async obtainCerts(facts: ConfigFacts): Promise<boolean> {
    let ca: CertKey | undefined = facts.osCa.key ? facts.osCa : undefined
    if (!ca) {
      const cp = labTalosNode(new URL(facts.endpoint).hostname)
      const cpFacts = cp?.state === 'configured' ? cp.facts : undefined
      if (cpFacts?.clusterId === facts.clusterId && cpFacts.osCa.key) ca = cpFacts.osCa
    }
    if (!ca) return false
    const server = await issue(ca, { cn: this.hostname, ips: [this.ip], server: true })
    const client = await issue(ca, { cn: this.hostname, org: 'os:impersonator', client: true })
    this.certs = { server, client }
    return true
  }

  async enterConfigured(): Promise<void> {
    const gen = this.gen
    const facts = this.facts
    if (!facts || !this.persisted) return
    if (!(await this.obtainCerts(facts))) {
      this.after(2000, () => this.enterConfigured())
      return
    }
    if (gen !== this.gen || !this.certs) return
    await this.serve(this.certs.server, facts.osCa.crt)
    if (gen !== this.gen) return this.closeServer()
    this._state = 'configured'
    this.stage = 'booting'
    this.provisionUserVolumes(facts)
    this.after(10_000, async () => {
      this.stage = 'running'
      this.ready = true
      this.say(RUNNING_LINE)
      if (facts.type === 'controlplane' && this.persisted?.bootstrapped)
        await this.startKubernetes()
      this.registrationLoop()
    })
  }

  /** kubelet: (re-)register with the control plane's API server whenever one is up. */
  private registrationLoop(): void {
    const cpIp = this.endpointIp
    const api = cpIp ? this.hub.apiServer(cpIp) : undefined
    if (cpIp && api && api !== this.registeredWith && this.facts) {
      this.hub.registerNode(cpIp, {
        name: this.hostname,
        ip: this.ip,
        roles: this.facts.type === 'controlplane' ? ['control-plane'] : []
      })
      this.registeredWith = api
    }
    this.after(1000, () => this.registrationLoop())
  }

  async startKubernetes(): Promise<void> {
    if (!this.facts || this.apiServerUp) return
    await this.hub.startApiServer({
      ip: this.ip,
      port: this.kubePort,
      clusterId: this.facts.clusterId
    })
    this.apiServerUp = true
    this.say('kubernetes API server is up')
  }

  /** After apply-config in maintenance mode: keep the config in STATE and continue booting. */
  acceptConfig(config: string): void {
    const facts = configFacts(config)
    const emmcStamp = this.emmc ? stamp(this.emmc.path) : undefined
    if (this.faults.neverLeaveMaintenance || !emmcStamp) {
      this.say('failed to apply configuration: STATE partition is not available')
      return
    }
    this.persisted = { config, emmc: emmcStamp, bootstrapped: false }
    this.facts = facts
    this.savePersisted()
    this._state = 'configuring'
    this.stage = 'installing'
    this.after(50, async () => {
      await this.closeServer()
      this.say('applying configuration, leaving maintenance mode')
      this.after(5000, () => this.enterConfigured())
    })
  }

  get memAvailableBytes(): number {
    return this.faults.memAvailableBytes ?? 14 * 2 ** 30
  }

  /** True when the eMMC no longer holds what this boot started from (someone rewrote it). */
  get systemDiskRewritten(): boolean {
    const path = this.emmc?.path
    const now = path ? stamp(path) : undefined
    const was = this.bootStamp
    if (!was || !now) return false
    return now.size !== was.size || now.mtimeMs !== was.mtimeMs || now.ino !== was.ino
  }

  /** apid lost with its disk (fault): the port closes, nothing answers until the next boot. */
  async dropApi(): Promise<void> {
    await this.closeServer()
  }

  /**
   * `talosctl reboot`: the shutdown sequence, then the firmware boots what the eMMC holds. Both
   * modes end the same way in the lab: `default` would first try to kexec the kernel named on
   * the BOOT partition, which a rewritten disk no longer has (Talos then reboots normally);
   * `powercycle` skips kexec.
   */
  requestReboot(mode: string): void {
    this.rebootRequests.push(mode)
    this.stage = 'rebooting'
    this.say(`rebooting (mode ${mode})`)
    // The teardown hangs: the API may still answer, the node never goes down.
    if (this.faults.rebootNeverComes) return
    this.after(2000, async () => {
      if (this.opts.restart) await this.opts.restart()
      else this.reboot()
    })
  }

  /** Reboot without the BMC: boot again from what the eMMC now holds. */
  reboot(): void {
    const path = this.emmc?.path
    this.stop()
    this._state = 'rebooting'
    this.stage = 'rebooting'
    if (!path) return
    const head = Buffer.alloc(64 * 1024)
    try {
      const fd = openSync(path, 'r')
      readSync(fd, head, 0, head.length, 0)
      closeSync(fd)
    } catch {
      // An unreadable eMMC boots nothing.
    }
    if (!parseImageMarker(head)) {
      this._state = 'halted'
      return
    }
    const script = this.bootScript({ path, head })
    const last = Math.max(...script.lines.map((l) => l.atMs))
    for (const line of script.lines) this.after(line.atMs, () => this.opts.console?.(line.text))
    this.after(last, () => script.onBooted?.())
  }

  halt(): void {
    this.stop()
    this._state = 'halted'
    this.stage = 'shutting down'
  }

  /** Wipes the start of the system disk: the node will not boot until it is flashed again. */
  wipeSystemDisk(): void {
    if (!this.emmc) return
    try {
      const fd = openSync(this.emmc.path, 'r+')
      const { size } = statSync(this.emmc.path)
      const zeros = Buffer.alloc(Math.min(size, 1024 * 1024))
      // Positional write without truncation keeps the BMC's size bookkeeping intact.
      writeSync(fd, zeros, 0, zeros.length, 0)
      closeSync(fd)
    } catch {
      // Nothing to wipe.
    }
  }

  /** Leaves Kubernetes (node removed; a control plane stops its API server). */
  async leaveKubernetes(): Promise<void> {
    const cpIp = this.endpointIp
    if (cpIp && this.registeredWith) this.hub.removeNode(cpIp, this.hostname)
    this.registeredWith = undefined
    if (this.apiServerUp) {
      this.apiServerUp = false
      await this.hub.stopApiServer(this.ip)
    }
  }

  private stop(): void {
    this.gen++
    for (const t of this.timers) clearTimeout(t)
    this.timers.clear()
    void this.closeServer()
    this.certs = undefined
    this.registeredWith = undefined
    if (this.apiServerUp) {
      this.apiServerUp = false
      void this.hub.stopApiServer(this.ip)
    }
  }

  /** Power removed (BMC `onNodePower(slot, false)`). */
  async powerOff(): Promise<void> {
    this.stop()
    this._state = 'off'
    this.stage = 'unknown'
    this.ready = false
    await this.closeServer()
  }

  async close(): Promise<void> {
    await this.powerOff()
    unregisterLabTalosNode(this)
  }
}

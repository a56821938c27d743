/**
 * An emulated Armbian RK1: boots what was flashed on its eMMC (the image's rootfs becomes the
 * node's files), prints its console through the BMC's boot-log hook, then serves SSH on its
 * loopback address. Commands run in the isolated sandbox with lab stand-ins for system tools.
 */
import type { ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import ssh2 from 'ssh2'
import type { BootScript } from '../../bmc/types'
import type { LabKubeHub } from '../../hub'
import { fullBoot, hungBoot, motd, panicBoot } from './boot-console'
import { defaultK3sDirectory, type K3sDirectory } from './k3s-directory'
import { extractRootfs, findRootfs, flashIdentity, randomiseEthaddr, runFirstLogin } from './rootfs'
import {
  assertSandboxAvailable,
  prepareSandbox,
  spawnInSandbox,
  type SandboxLayout
} from './sandbox'
import { handleClient } from './ssh-session'
import { NodeFiles, type ToolCall, type ToolContext } from './tool-context'
import { ToolServer } from './tool-server'
import { deviceNames, initialDisks } from './tools/disk-model'
import { mountAll } from './tools/mount'
import { startUnit } from './tools/systemctl'
import { BASE_UNITS } from './tools/systemctl'
import { applySysctlText } from './tools/system'
import { PREINSTALLED } from './tools/packages'
import type { ArmbianNodeFaults, ArmbianNodeOptions, ArmbianNodeState } from './types'
import { generateEd25519KeyPair } from '../../../node-access/ssh-keygen'

export type { ArmbianNodeFaults, ArmbianNodeOptions, ArmbianNodeState } from './types'

interface FlashRecord {
  flashId: string
  hostKey: string
  hostKeyPublic: string
}

export class ArmbianNode {
  readonly slot: 1 | 2 | 3 | 4
  readonly ip: string
  readonly sshPort: number
  /** Mutable: tests arm and disarm faults between commands. */
  faults: ArmbianNodeFaults
  private readonly layout: SandboxLayout
  private readonly files: NodeFiles
  private readonly hub: LabKubeHub
  private readonly k3s: K3sDirectory
  private readonly timeScale: number
  private readonly nvme: 'none' | 'blank' | 'data'
  private current: ArmbianNodeState
  private flash: FlashRecord | undefined
  private ssh: ssh2.Server | undefined
  private readonly clients = new Set<ssh2.Connection>()
  private readonly processes = new Set<ChildProcess>()
  private tools: ToolServer | undefined
  private readyWaiters: (() => void)[] = []
  private listening = false
  private generation = 0
  private stopping: Promise<void> = Promise.resolve()
  /** Why the services after boot failed to start (e.g. the SSH port is taken). */
  runtimeError: Error | undefined
  private readonly onForcedReboot: (() => void) | undefined

  constructor(opts: ArmbianNodeOptions) {
    if (!/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(opts.ip)) {
      throw new Error(`lab Armbian node ${opts.slot}: ${opts.ip} is not a loopback address`)
    }
    this.faults = opts.faults ?? {}
    assertSandboxAvailable(opts.slot, !!this.faults.namespacesUnavailable)
    this.slot = opts.slot
    this.ip = opts.ip
    this.sshPort = opts.sshPort
    this.hub = opts.hub
    this.k3s = opts.k3s ?? defaultK3sDirectory
    this.timeScale = opts.timeScale ?? 1
    this.nvme = opts.nvme ?? 'blank'
    mkdirSync(opts.dir, { recursive: true })
    let socketPath = join(opts.dir, 'lab.sock')
    if (socketPath.length > 100)
      socketPath = join(tmpdir(), `rk1lab-${randomBytes(6).toString('hex')}.sock`)
    this.layout = {
      dir: opts.dir,
      fsDir: join(opts.dir, 'fs'),
      sandboxDir: join(opts.dir, 'sandbox'),
      rootMount: join(opts.dir, 'sandbox', 'root'),
      socketPath,
      emmcPath: opts.emmcPath,
      meminfoPath: join(opts.dir, 'meminfo')
    }
    this.onForcedReboot = opts.onForcedReboot
    this.writeMeminfo()
    prepareSandbox(this.layout)
    this.files = new NodeFiles(this.layout.fsDir)
    const statePath = join(opts.dir, 'state.json')
    this.current = existsSync(statePath)
      ? (JSON.parse(readFileSync(statePath, 'utf8')) as ArmbianNodeState)
      : this.freshState(null)
    const flashPath = join(opts.dir, 'flash.json')
    if (existsSync(flashPath))
      this.flash = JSON.parse(readFileSync(flashPath, 'utf8')) as FlashRecord
  }

  /** /proc/meminfo of the node: 16 GiB, MemAvailable as the faults say. */
  private writeMeminfo(): void {
    const kib = (bytes: number): string => `${Math.floor(bytes / 1024)} kB`
    const total = 16 * 2 ** 30
    const avail = this.faults.memAvailableBytes ?? 14 * 2 ** 30
    writeFileSync(
      this.layout.meminfoPath as string,
      `MemTotal:       ${kib(total)}\nMemFree:        ${kib(avail)}\nMemAvailable:   ${kib(avail)}\n`
    )
  }

  /** `reboot -f`: at once, no shutdown (the node path's filesystems are read-only by then). */
  private rebootNow(): void {
    if (this.faults.hangOnReboot) {
      // The reboot starts and never completes: the OS is gone, nothing boots.
      void this.powerOff()
      return
    }
    this.onForcedReboot?.()
  }

  /** The recorded state (live object; read-only by convention). */
  get state(): ArmbianNodeState {
    return this.current
  }

  /** The node's files as the lab sees them (for tests and the lab cluster). */
  get filesystem(): NodeFiles {
    return this.files
  }

  /** OpenSSH public host key of the current flash (`ssh-ed25519 AAAA…`). */
  get hostKeyPublic(): string | undefined {
    return this.flash?.hostKeyPublic
  }

  get sshListening(): boolean {
    return this.listening
  }

  /** Resolves once SSH listens (after the boot script's last line). */
  whenSshReady(): Promise<void> {
    const settle = (): Promise<void> =>
      this.listening || !this.runtimeError ? Promise.resolve() : Promise.reject(this.runtimeError)
    if (this.listening) return Promise.resolve()
    return new Promise<void>((resolve) => this.readyWaiters.push(resolve)).then(settle)
  }

  private freshState(flashId: string | null): ArmbianNodeState {
    const services: ArmbianNodeState['services'] = {}
    for (const [k, v] of Object.entries(BASE_UNITS)) services[k] = { ...v }
    return {
      slot: this.slot,
      ip: this.ip,
      flashId,
      bootCount: 0,
      hostname: 'turing-rk1',
      armbianVersion: '',
      firstLoginDone: false,
      consoleBlocked: false,
      packages: [...PREINSTALLED],
      services,
      modules: [],
      sysctl: {},
      disks: initialDisks(this.nvme),
      swap: [{ name: '/dev/zram0', sizeBytes: 8 * 2 ** 30 }],
      netplanApplied: null,
      k3s: null,
      calls: []
    }
  }

  private save(): void {
    writeFileSync(join(this.layout.dir, 'state.json'), `${JSON.stringify(this.current, null, 2)}\n`)
  }

  private context(call: ToolCall): ToolContext {
    return {
      call,
      state: this.current,
      files: this.files,
      hub: this.hub,
      k3s: this.k3s,
      ip: this.ip,
      timeScale: this.timeScale,
      save: () => this.save(),
      reboot: () => this.rebootNow()
    }
  }

  /** For the BMC's `bootLog` hook: what the node prints after power-on; `onBooted` starts SSH. */
  bootScript(emmc: { path: string; head: Buffer; sha256?: string | null }): BootScript {
    this.stopping = this.stopRuntime()
    const generation = ++this.generation
    if (this.faults.neverBoots) return { lines: hungBoot() }
    const loc = existsSync(emmc.path) ? findRootfs(emmc.path) : undefined
    if (!loc) return { lines: panicBoot() }
    const flashId = flashIdentity(emmc.path, emmc.head, emmc.sha256)
    const newFlash = this.flash?.flashId !== flashId || !existsSync(join(this.layout.fsDir, 'etc'))
    if (newFlash) {
      try {
        extractRootfs(emmc.path, loc, this.layout.fsDir, join(this.layout.dir, 'extract'))
      } catch {
        return { lines: panicBoot() }
      }
      const keys = generateEd25519KeyPair()
      this.flash = { flashId, hostKey: keys.private, hostKeyPublic: keys.public }
      writeFileSync(join(this.layout.dir, 'flash.json'), JSON.stringify(this.flash), {
        mode: 0o600
      })
      this.files.write('/etc/ssh/ssh_host_ed25519_key.pub', `${keys.public}\n`)
      this.current = this.freshState(flashId)
      randomiseEthaddr(this.files)
    }
    const ctx = this.context({ tool: 'boot', args: [], env: {}, cwd: '/' })
    const state = this.current
    state.bootCount++
    state.hostname = (this.files.read('/etc/hostname') ?? 'turing-rk1').trim() || 'turing-rk1'
    const release = this.files.read('/etc/armbian-release') ?? ''
    state.armbianVersion = /^VERSION=(.*)$/m.exec(release)?.[1]?.trim() ?? 'unknown'
    this.applyPersistentConfig(ctx)
    let afterLogin = motd(state.hostname, state.armbianVersion)
    let provisioning = false
    if (this.files.exists('/root/.not_logged_in_yet')) {
      const result = runFirstLogin(this.files, state.hostname)
      afterLogin = result.console
      state.consoleBlocked = !result.done
      state.firstLoginDone = result.done && !result.provisioning
      provisioning = result.provisioning
    } else {
      state.consoleBlocked = false
    }
    this.save()
    return {
      lines: fullBoot({
        hostname: state.hostname,
        version: state.armbianVersion,
        firstRun: newFlash,
        afterLogin
      }),
      onBooted: () => {
        this.startRuntime(generation, provisioning).catch((error: unknown) => {
          this.runtimeError = error instanceof Error ? error : new Error(String(error))
          for (const w of this.readyWaiters.splice(0)) w()
        })
      }
    }
  }

  /** What systemd brings back at boot: enabled units, modules-load.d, sysctl.d, fstab, zram swap. */
  private applyPersistentConfig(ctx: ToolContext): void {
    const s = this.current
    for (const unit of Object.values(s.services)) unit.active = unit.enabled
    for (const [k, v] of Object.entries(BASE_UNITS))
      if (v.active && s.services[k]) s.services[k].active = true
    s.modules = []
    for (const f of this.files.list('/etc/modules-load.d').filter((n) => n.endsWith('.conf'))) {
      for (const line of (this.files.read(`/etc/modules-load.d/${f}`) ?? '').split('\n')) {
        const m = line.trim()
        if (m && !m.startsWith('#') && !s.modules.includes(m)) s.modules.push(m)
      }
    }
    s.sysctl = {}
    for (const f of this.files.list('/etc/sysctl.d').filter((n) => n.endsWith('.conf'))) {
      applySysctlText(ctx, this.files.read(`/etc/sysctl.d/${f}`) ?? '', false)
    }
    for (const d of s.disks)
      for (const t of [d, ...d.partitions]) if (t.mountpoint !== '/') delete t.mountpoint
    mountAll(ctx)
    s.swap = [{ name: '/dev/zram0', sizeBytes: 8 * 2 ** 30 }]
  }

  private async startRuntime(generation: number, provisioning: boolean): Promise<void> {
    await this.stopping
    this.runtimeError = undefined
    if (generation !== this.generation || !this.flash) return
    this.tools = new ToolServer(this.layout.socketPath, (call) => this.context(call))
    await this.tools.start()
    if (provisioning) {
      // armbian-firstlogin sources /root/provisioning.sh at the end, then removes the marker.
      await this.runInSandbox('. /root/provisioning.sh')
      this.files.remove('/root/.not_logged_in_yet')
      this.current.firstLoginDone = true
      this.save()
    }
    for (const unit of ['k3s.service', 'k3s-agent.service']) {
      if (this.current.services[unit]?.enabled) {
        this.current.services[unit].active = false
        await startUnit(this.context({ tool: 'systemd', args: [], env: {}, cwd: '/' }), unit)
      }
    }
    this.save()
    if (generation !== this.generation) return
    const server = new ssh2.Server({ hostKeys: [this.flash.hostKey] }, (client) => {
      this.clients.add(client)
      client.on('close', () => this.clients.delete(client))
      handleClient(client, {
        files: this.files,
        layout: this.layout,
        faults: this.faults,
        hostname: () => this.current.hostname,
        devices: () => deviceNames(this.current),
        processes: this.processes,
        beforeExec: () => this.writeMeminfo()
      })
    })
    this.ssh = server
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(this.sshPort, this.ip, () => resolve())
    })
    this.listening = true
    for (const w of this.readyWaiters.splice(0)) w()
  }

  /** Runs a command in the node's sandbox outside SSH (first-login provisioning). */
  private runInSandbox(command: string): Promise<number> {
    const child = spawnInSandbox(this.layout, {
      command,
      env: {},
      hostname: this.current.hostname,
      devices: deviceNames(this.current),
      id: randomBytes(8).toString('hex')
    })
    this.processes.add(child)
    child.stdout?.resume()
    child.stderr?.resume()
    return new Promise((resolve) =>
      child.on('close', (code) => {
        this.processes.delete(child)
        resolve(code ?? 255)
      })
    )
  }

  private async stopRuntime(): Promise<void> {
    this.listening = false
    const server = this.ssh
    this.ssh = undefined
    for (const c of this.clients) {
      const sock = (c as unknown as { _sock?: { destroy(): void } })._sock
      if (sock) sock.destroy()
    }
    this.clients.clear()
    for (const p of this.processes) {
      try {
        if (p.pid) process.kill(-p.pid, 'SIGKILL')
      } catch {
        // already gone
      }
    }
    const tools = this.tools
    this.tools = undefined
    await Promise.all([
      server ? new Promise<void>((resolve) => server.close(() => resolve())) : undefined,
      tools?.close()
    ])
  }

  /** Power cut: SSH and services stop; files and enabled units survive for the next boot. */
  async powerOff(): Promise<void> {
    this.generation++
    this.stopping = this.stopRuntime()
    await this.stopping
    if (this.current.services['k3s.service']?.active && this.hub.apiServer(this.ip)) {
      this.k3s.withdraw(this.ip)
      await this.hub.stopApiServer(this.ip)
    }
    for (const unit of Object.values(this.current.services)) unit.active = false
    this.save()
  }

  async close(): Promise<void> {
    await this.powerOff()
  }
}

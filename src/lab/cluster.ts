import { randomBytes } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { shellQuote } from '../node-access/remote-shell'
import { parseImageMarker, startBmcEmulator } from './bmc/emulator'
import type { BmcEmulator, BmcEmulatorOptions, EmmcInfo, Slot } from './bmc/types'
import type { JobCommandContext } from './kube'
import { KubeHub } from './kube-hub'
import { ArmbianNode } from './nodes/armbian'
import { prepareSandbox, sandboxInvocation, type SandboxLayout } from './nodes/armbian/sandbox'
import { TalosNode } from './talos/node'

/** Ports every lab node serves on its own loopback address. */
export interface LabPorts {
  ssh: number
  talosApi: number
  kubernetes: number
}

export interface LabClusterOptions {
  dir: string
  /** Loopback address per slot (index 0 = slot 1). */
  nodeIps: readonly string[]
  ports: LabPorts
  timeScale: number
  /** BMC emulator settings (users, faults, token lifetimes). */
  bmc?: Omit<BmcEmulatorOptions, 'storageDir' | 'bootLog' | 'onNodePower' | 'timeScale'>
}

/**
 * The emulated cluster: the BMC powers and flashes four nodes; on power-on a node boots whatever
 * its eMMC holds (a Talos image brings up the Talos API, an Armbian image an SSH server), and
 * control planes bring up the lab Kubernetes API through the hub.
 */
export class LabCluster {
  private readonly talos = new Map<Slot, TalosNode>()
  private readonly armbian = new Map<Slot, ArmbianNode>()
  private readonly jobSandboxes = new Map<Slot, SandboxLayout>()
  private bmcRef: BmcEmulator | undefined

  private constructor(
    private readonly options: LabClusterOptions,
    readonly hub: KubeHub
  ) {}

  static async start(options: LabClusterOptions): Promise<LabCluster> {
    // The hub's kubelets need the cluster (to place node Jobs), which needs the hub.
    const ref: { cluster?: LabCluster } = {}
    const hub = new KubeHub({
      timeScale: options.timeScale,
      jobSandboxDir: join(options.dir, 'jobs'),
      resolveJobCommand: (ctx) => ref.cluster?.nodeJobCommand(ctx) ?? ctx.command
    })
    const cluster = new LabCluster(options, hub)
    ref.cluster = cluster
    cluster.bmcRef = await startBmcEmulator({
      ...options.bmc,
      timeScale: options.timeScale,
      storageDir: join(options.dir, 'emmc'),
      bootLog: (slot, emmc) => cluster.boot(slot, emmc),
      onNodePower: (slot, on) => {
        if (!on) void cluster.powerOff(slot)
      }
    })
    return cluster
  }

  get bmc(): BmcEmulator {
    if (!this.bmcRef) throw new Error('the lab BMC is not running')
    return this.bmcRef
  }

  ip(slot: Slot): string {
    return this.options.nodeIps[slot - 1] as string
  }

  /** The running OS of a node, if it booted one the lab knows. */
  node(slot: Slot): TalosNode | ArmbianNode | undefined {
    return this.talos.get(slot) ?? this.armbian.get(slot)
  }

  private boot(slot: Slot, emmc: EmmcInfo) {
    const distro = parseImageMarker(emmc.head)?.distro
    if (distro === 'talos') return this.talosNode(slot).bootScript(emmc)
    if (distro === 'armbian') return this.armbianNode(slot).bootScript(emmc)
    return undefined
  }

  private talosNode(slot: Slot): TalosNode {
    let node = this.talos.get(slot)
    if (!node) {
      node = new TalosNode({
        slot,
        ip: this.ip(slot),
        apiPort: this.options.ports.talosApi,
        kubePort: this.options.ports.kubernetes,
        dir: join(this.options.dir, 'nodes', String(slot), 'talos'),
        hub: this.hub,
        timeScale: this.options.timeScale,
        console: (text) => this.bmcRef?.writeConsole(slot, text),
        // A reboot through the Talos API boots whatever the eMMC holds now (Talos or Armbian).
        restart: () => this.bmc.rebootAfterNodeWrite(slot)
      })
      this.talos.set(slot, node)
    }
    return node
  }

  private armbianNode(slot: Slot): ArmbianNode {
    let node = this.armbian.get(slot)
    if (!node) {
      node = new ArmbianNode({
        slot,
        ip: this.ip(slot),
        sshPort: this.options.ports.ssh,
        dir: join(this.options.dir, 'nodes', String(slot), 'armbian'),
        hub: this.hub,
        timeScale: this.options.timeScale,
        emmcPath: this.bmc.node(slot).emmc.path,
        onForcedReboot: () => void this.bmc.rebootAfterNodeWrite(slot).catch(() => undefined)
      })
      this.armbian.set(slot, node)
    }
    return node
  }

  /**
   * Node-writing Jobs (namespace rk1-node-flash) pinned to a lab Talos node run inside a sandbox
   * of that node: its emulated eMMC is their /dev/mmcblk0, never anything of this host. Other Jobs
   * run as they are.
   */
  private nodeJobCommand(ctx: JobCommandContext): string[] {
    if (ctx.namespace !== 'rk1-node-flash') return ctx.command
    const entry = [...this.talos.entries()].find(([, n]) => n.hostname === ctx.nodeName)
    if (!entry)
      return [
        'sh',
        '-c',
        'echo "lab: no lab Talos node named \'$0\'" >&2; exit 1',
        `${ctx.nodeName}`
      ]
    const [slot, node] = entry
    let layout = this.jobSandboxes.get(slot)
    if (!layout) {
      const dir = join(this.options.dir, 'nodes', String(slot), 'talos-jobs')
      layout = {
        dir,
        fsDir: join(dir, 'fs'),
        sandboxDir: join(dir, 'sandbox'),
        rootMount: join(dir, 'sandbox', 'root'),
        // No stand-in server on a Talos node: the bind target just has to exist.
        socketPath: join(dir, 'no-tools.sock'),
        emmcPath: this.bmc.node(slot).emmc.path,
        meminfoPath: join(dir, 'meminfo')
      }
      prepareSandbox(layout)
      writeFileSync(layout.socketPath, '')
      this.jobSandboxes.set(slot, layout)
    }
    // The Job sees the node's memory (what the Memory API reports), not this host's.
    const kib = (bytes: number): string => `${Math.floor(bytes / 1024)} kB`
    writeFileSync(
      layout.meminfoPath as string,
      `MemTotal:       ${kib(16 * 2 ** 30)}\nMemFree:        ${kib(node.memAvailableBytes)}\nMemAvailable:   ${kib(node.memAvailableBytes)}\n`
    )
    const run = sandboxInvocation(layout, {
      command: ctx.command.map(shellQuote).join(' '),
      env: {},
      hostname: node.hostname,
      devices: ['mmcblk0'],
      id: randomBytes(8).toString('hex')
    })
    return ['env', ...Object.entries(run.env).map(([k, v]) => `${k}=${v}`), run.file, ...run.args]
  }

  /** Power went off (or the BMC took the node for flashing): every OS service of the node stops. */
  private async powerOff(slot: Slot): Promise<void> {
    await Promise.all([this.talos.get(slot)?.powerOff(), this.armbian.get(slot)?.powerOff()])
  }

  async close(): Promise<void> {
    await this.bmcRef?.close()
    await Promise.all([...this.talos.values(), ...this.armbian.values()].map((n) => n.close()))
    await this.hub.close()
  }
}

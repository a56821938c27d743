/**
 * The node path for this cluster's Talos nodes in a run that leaves Talos (Talos → K3s): one
 * per run, opened lazily on the first write. It fetches a kubeconfig from the control plane
 * with our talosconfig, starts the image server on an address of this machine the nodes reach,
 * and writes each node through a privileged Job (`writeThroughTalosJob`), then restarts it through
 * the Talos API or the BMC (`restartTalosNode`).
 *
 * The Jobs need the Kubernetes API only to be created: once running they report to the runner
 * over HTTP. The control plane hosts that API, so its own Job is created only after every other
 * Talos node writing itself has started (or given up), so its rewrite cannot strand them.
 */
import { readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { errorText } from '../common/errors'
import type { Logger } from '../common/host'
import { fetchKubeconfig } from '../distro/talos/operations'
import type { Talosctl } from '../distro/talos/talosctl'
import type { InventoryNode } from '../inventory'
import { kubectlDriver, openKubeSession, type KubeSession, type KubeToolPaths } from '../kube'
import type { NodeFacts } from './choose-path'
import { NodeWriteError } from './errors'
import type { NodeImage } from './image'
import { ImageServer } from './image-server'
import { runnerAddressFor } from './runner-address'
import type { NodeWriteResult } from './ssh-writer'
import { writeThroughTalosJob } from './talos-job'
import { restartTalosNode, talosFacts, type TalosAccess } from './talos-node'
import type { SharedUplink } from './uplink'

export interface TalosNodePathOptions {
  talosctl: Talosctl
  /** Our talosconfig (generated from this cluster's secrets). */
  talosconfig: string
  /** The node whose Kubernetes API creates the Jobs. */
  controlPlane: InventoryNode
  /** Input `runner-address`; default the source address of the route to the control plane. */
  runnerAddress?: string
  uplink: SharedUplink
  kubeTools: () => Promise<KubeToolPaths>
  /** A private folder of this run (kubeconfig). */
  dir: string
  log: Logger
  signal?: AbortSignal
  /** The nodes expected to write themselves: the control plane waits for the others. */
  writers: number[]
  /** Fail a Job that reports nothing for this long; default 5 min. */
  stallTimeoutMs?: number
  /** How long a node may take to go down after the API accepted the reboot; default 2 min. */
  rebootDownTimeoutMs?: number
  /** The Job's container image; default NODE_WRITE_IMAGE (busybox). */
  containerImage?: string
}

interface Opened {
  session: KubeSession
  server: ImageServer
}

export class TalosNodePath {
  private opened: Promise<Opened> | undefined
  private readonly started = new Map<number, { promise: Promise<void>; done: () => void }>()

  constructor(private readonly o: TalosNodePathOptions) {
    for (const slot of o.writers) {
      let done: () => void = () => undefined
      const promise = new Promise<void>((resolve) => (done = resolve))
      this.started.set(slot, { promise, done })
    }
  }

  access(node: InventoryNode): TalosAccess {
    return {
      talosctl: this.o.talosctl,
      target: { talosconfig: this.o.talosconfig, endpoint: node.ip, node: node.ip }
    }
  }

  /** Free RAM and stage, read before anything is created on the node. */
  facts(node: InventoryNode): Promise<NodeFacts> {
    return talosFacts(this.access(node), node.slot)
  }

  /** This node will not write itself (BMC path, or its write ended): nobody waits for it. */
  release(slot: number): void {
    this.started.get(slot)?.done()
  }

  async write(o: {
    node: InventoryNode
    label: string
    image: NodeImage
    powerCycle: () => Promise<void>
  }): Promise<NodeWriteResult> {
    const { node } = o
    try {
      if (node.slot === this.o.controlPlane.slot) await this.othersStarted()
      let opened: Opened
      try {
        opened = await this.open()
      } catch (error) {
        throw new NodeWriteError(
          `${o.label}: the node path could not start; the node is untouched.`,
          {
            node: node.slot,
            step: 'node-write',
            touched: false,
            evidence: errorText(error),
            advice: 'The BMC flashes this node instead.'
          }
        )
      }
      const { session, server } = opened
      return await writeThroughTalosJob({
        kubectl: kubectlDriver(session),
        server,
        slot: node.slot,
        // Talos names the Kubernetes node after the hostname its config gave it.
        nodeName: node.hostname,
        label: o.label,
        image: o.image,
        restart: () =>
          restartTalosNode({
            access: this.access(node),
            slot: node.slot,
            label: o.label,
            apiPort: node.ports.talosApi,
            powerCycle: o.powerCycle,
            downTimeoutMs: this.o.rebootDownTimeoutMs,
            log: this.o.log,
            signal: this.o.signal
          }),
        log: this.o.log,
        signal: this.o.signal,
        stallTimeoutMs: this.o.stallTimeoutMs,
        containerImage: this.o.containerImage || undefined,
        onStarted: () => this.release(node.slot)
      })
    } finally {
      this.release(node.slot)
    }
  }

  private async othersStarted(): Promise<void> {
    const others = [...this.started]
      .filter(([slot]) => slot !== this.o.controlPlane.slot)
      .map(([, s]) => s.promise)
    if (others.length === 0) return
    const cap = this.o.stallTimeoutMs ?? 5 * 60_000
    let timer: NodeJS.Timeout | undefined
    await Promise.race([
      Promise.all(others),
      new Promise<void>((resolve) => (timer = setTimeout(resolve, cap)))
    ])
    clearTimeout(timer)
  }

  private open(): Promise<Opened> {
    this.opened ??= (async () => {
      const cp = this.o.controlPlane
      const path = join(this.o.dir, 'talos-kubeconfig')
      await fetchKubeconfig(
        { talosctl: this.o.talosctl, talosconfig: this.o.talosconfig, signal: this.o.signal },
        cp,
        path
      )
      const session = openKubeSession({
        kubeconfig: await readFile(path, 'utf8'),
        tools: await this.o.kubeTools(),
        parentDir: this.o.dir,
        signal: this.o.signal
      })
      const host = await runnerAddressFor(cp.ip, this.o.runnerAddress)
      const server = await ImageServer.start({ host, uplink: this.o.uplink, log: this.o.log })
      this.o.log.info(`Image server for the Talos nodes' own writes on ${host}.`)
      return { session, server }
    })()
    return this.opened
  }

  async close(): Promise<void> {
    const opened = await this.opened?.catch(() => undefined)
    this.opened = undefined
    opened?.session.close()
    await opened?.server.close()
    // The fetched kubeconfig is of the cluster this run replaces: nothing reads it later.
    await rm(join(this.o.dir, 'talos-kubeconfig'), { force: true })
  }
}

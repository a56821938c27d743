import type { LabApiServer, LabKubeHub, LabNodeRegistration } from './hub'
import { startKubeApiEmulator, type JobCommandContext, type KubeApiEmulator } from './kube'

interface Running {
  clusterId: string
  emulator: KubeApiEmulator
  server: LabApiServer
}

/**
 * The lab's Kubernetes hub: one API server emulator per control plane address, started when a
 * K3s server starts or a Talos control plane is bootstrapped, the way the real ones come up.
 */
export class KubeHub implements LabKubeHub {
  private readonly servers = new Map<string, Running>()
  private readonly starting = new Map<string, Promise<LabApiServer>>()

  constructor(
    private readonly options: {
      timeScale?: number
      jobSandboxDir?: string
      /** Where a Job pod pinned to a lab node really runs (see LabCluster). */
      resolveJobCommand?: (ctx: JobCommandContext) => string[] | null
    } = {}
  ) {}

  async startApiServer({
    ip,
    port,
    clusterId
  }: {
    ip: string
    port: number
    clusterId: string
  }): Promise<LabApiServer> {
    const running = this.servers.get(ip)
    if (running && running.clusterId === clusterId) return running.server
    if (running) await this.stopApiServer(ip)
    const pending = this.starting.get(ip)
    if (pending) return pending
    const start = (async () => {
      const emulator = await startKubeApiEmulator({
        host: ip,
        port,
        timeScale: this.options.timeScale,
        jobSandboxDir: this.options.jobSandboxDir,
        resolveJobCommand: this.options.resolveJobCommand
      })
      const server: LabApiServer = {
        url: emulator.url,
        kubeconfig: (override?: string) =>
          emulator.kubeconfig(override ? { server: override } : undefined)
      }
      this.servers.set(ip, { clusterId, emulator, server })
      return server
    })()
    this.starting.set(ip, start)
    try {
      return await start
    } finally {
      this.starting.delete(ip)
    }
  }

  async stopApiServer(ip: string): Promise<void> {
    const running = this.servers.get(ip)
    this.servers.delete(ip)
    await running?.emulator.close()
  }

  apiServer(ip: string): LabApiServer | undefined {
    return this.servers.get(ip)?.server
  }

  /** The emulator itself, for tests and the lab's own checks. */
  emulator(ip: string): KubeApiEmulator | undefined {
    return this.servers.get(ip)?.emulator
  }

  registerNode(apiIp: string, node: LabNodeRegistration): void {
    const running = this.servers.get(apiIp)
    if (!running) throw new Error(`no lab API server on ${apiIp}`)
    running.emulator.registerNode(node.name, {
      ip: node.ip,
      roles: node.roles,
      labels: node.labels
    })
  }

  removeNode(apiIp: string, name: string): void {
    this.servers.get(apiIp)?.emulator.removeNode(name)
  }

  async close(): Promise<void> {
    await Promise.all([...this.servers.keys()].map((ip) => this.stopApiServer(ip)))
  }
}

/**
 * How lab nodes reach the lab's Kubernetes API emulator. A K3s server or a bootstrapped Talos
 * control plane starts an API server on its own address; agents and workers register with it.
 * Implemented by the lab cluster over `src/lab/kube`; tests of a single node use a fake.
 */
export interface LabApiServer {
  /** https://<ip>:<port> */
  readonly url: string
  /** A kubeconfig (YAML) that real kubectl/helm accept; `server` overrides the URL in it. */
  kubeconfig(server?: string): string
}

export interface LabNodeRegistration {
  /** Kubernetes node name (the host name). */
  name: string
  ip: string
  /** e.g. ['control-plane'] or []. */
  roles: string[]
  labels?: Record<string, string>
}

export interface LabKubeHub {
  /** Starts the API server of a control plane (idempotent for the same ip and cluster). */
  startApiServer(options: { ip: string; port: number; clusterId: string }): Promise<LabApiServer>
  /** Stops it (node powered off, k3s uninstalled, Talos reset). */
  stopApiServer(ip: string): Promise<void>
  /** The API server listening on `ip`, if any (agents join through the server's address). */
  apiServer(ip: string): LabApiServer | undefined
  /** A kubelet/k3s agent registered with the API server on `apiIp`; the node becomes Ready after a delay. */
  registerNode(apiIp: string, node: LabNodeRegistration): void
  removeNode(apiIp: string, name: string): void
}

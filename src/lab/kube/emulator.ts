// The lab Kubernetes API emulator: what a K3s server or a bootstrapped Talos control plane brings
// up on port 6443, good enough for the real kubectl and helm. Everything it reports is simulated.
import { randomBytes } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { KubeApi } from './api'
import { ControllerManager } from './controllers/manager'
import { crdAdmission } from './crds'
import { renderKubeconfig } from './kubeconfig'
import { groupResource, Registry } from './resources'
import { KubeHttpServer } from './server'
import { serviceAdmission } from './controllers/services'
import { Store } from './store'
import { concernsLonghorn, reconcileLonghornNodes } from './controllers/longhorn-manager'
import { servingCertificate } from './tls'
import type { KubeApiOptions, KubeFaults, KubeObject, NodeRegistration } from './types'

export interface ObjectFilter {
  /** e.g. `apps/v1`; matched against the stored object's apiVersion. */
  apiVersion?: string
  kind?: string
  namespace?: string
  name?: string
}

export interface KubeApiEmulator {
  readonly url: string
  readonly host: string
  readonly port: number
  /** PEM of the CA that signed the serving certificate. */
  readonly caPem: string
  /** Mutable: change fault rules while the emulator runs. */
  readonly faults: KubeFaults
  kubeconfig(opts?: { user?: string; server?: string; cluster?: string; context?: string }): string
  /** What a kubelet does when k3s/Talos starts: the Node appears NotReady, then turns Ready. */
  registerNode(name: string, opts: NodeRegistration): void
  removeNode(name: string): void
  /** The node's kubelet stops (power or network lost): containers die unreported, NotReady after 40 s. */
  stopKubelet(name: string): void
  /** Copies of stored objects, sorted by kind, namespace and name. */
  objects(filter?: ObjectFilter): KubeObject[]
  /** Creates or replaces an object as a system component would (no authentication). */
  applyObject(obj: KubeObject): KubeObject
  /** Log text of a pod's container so far, if the pod ran a process. */
  podLog(namespace: string, pod: string, container?: string): string | undefined
  close(): Promise<void>
}

/** On the `kube-system` Namespace of every lab cluster. */
export const SIMULATED_ANNOTATION = 'lab.rk1/simulated'

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|localhost)$/

export async function startKubeApiEmulator(opts: KubeApiOptions = {}): Promise<KubeApiEmulator> {
  const host = opts.host ?? '127.0.0.1'
  if (!LOOPBACK.test(host))
    throw new Error(`the lab Kubernetes API only listens on loopback addresses, not ${host}`)
  const timeScale = opts.timeScale ?? 1
  const faults: KubeFaults = opts.faults ?? {}
  faults.neverReady ??= []
  faults.apiErrors ??= []
  const sans = [
    '127.0.0.1',
    '::1',
    'localhost',
    'kubernetes',
    'kubernetes.default',
    'kubernetes.default.svc',
    'kubernetes.default.svc.cluster.local',
    host,
    ...(opts.sans ?? [])
  ]
  const tls = await servingCertificate(sans)

  const store = new Store()
  const registry = new Registry()
  const api = new KubeApi(store, registry)
  api.addAdmission(crdAdmission(registry))
  const svc = serviceAdmission('10.43.0.0/16')
  api.addAdmission((rt, o, old) => svc(api, rt, o, old))

  const manager = new ControllerManager(api, {
    timeScale,
    readyDelayMs: opts.readyDelayMs ?? 3000,
    nodeReadyDelayMs: opts.nodeReadyDelayMs ?? 5000,
    faults,
    caPem: tls.caPem,
    jobSandboxDir: opts.jobSandboxDir,
    jobBaseEnv: opts.jobBaseEnv,
    resolveJobCommand: opts.resolveJobCommand
  })

  const nsRt = api.rt('v1', 'Namespace')
  for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
    // Products read this annotation to label everything they produce against the lab SIMULATED.
    const annotations = ns === 'kube-system' ? { [SIMULATED_ANNOTATION]: 'true' } : undefined
    api.create(nsRt, undefined, {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: ns, ...(annotations ? { annotations } : {}) }
    })
  }
  api.create(api.rt('v1', 'Service'), 'default', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: 'kubernetes',
      namespace: 'default',
      labels: { component: 'apiserver', provider: 'kubernetes' }
    },
    spec: {
      ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
      type: 'ClusterIP'
    }
  })

  const tokens = new Map<string, string>()
  const tokenFor = new Map<string, string>()
  let port = 0
  const http = new KubeHttpServer({
    api,
    logs: manager.logs,
    tls,
    faults,
    tokens,
    gitVersion: opts.version ?? 'v1.35.2',
    address: () => `${host}:${port}`
  })
  await new Promise<void>((resolve, reject) => {
    http.server.once('error', reject)
    http.server.listen(opts.port ?? 0, host, () => {
      http.server.off('error', reject)
      resolve()
    })
  })
  port = (http.server.address() as AddressInfo).port
  const urlHost = host.includes(':') ? `[${host}]` : host
  const url = `https://${urlHost}:${port}`
  let closed = false

  const emulator: KubeApiEmulator = {
    url,
    host,
    port,
    caPem: tls.caPem,
    faults,
    kubeconfig(o = {}) {
      const user = o.user ?? 'admin'
      let token = tokenFor.get(user)
      if (!token) {
        token = randomBytes(24).toString('base64url')
        tokenFor.set(user, token)
        tokens.set(token, user)
      }
      return renderKubeconfig({
        server: o.server ?? url,
        caPem: tls.caPem,
        user,
        token,
        cluster: o.cluster,
        context: o.context
      })
    },
    registerNode(name, reg) {
      manager.registerNode(name, reg)
    },
    stopKubelet(name) {
      manager.stopKubelet(name)
    },
    removeNode(name) {
      manager.removeNode(name)
    },
    objects(filter = {}) {
      const out: KubeObject[] = []
      for (const gr of store.resources().sort()) {
        for (const o of store.scan(gr)) {
          if (filter.apiVersion && o.apiVersion !== filter.apiVersion) continue
          if (filter.kind && o.kind !== filter.kind) continue
          if (filter.namespace !== undefined && o.metadata.namespace !== filter.namespace) continue
          if (filter.name && o.metadata.name !== filter.name) continue
          out.push(structuredClone(o))
        }
      }
      return out
    },
    applyObject(obj) {
      const rt = api.rt(obj.apiVersion, obj.kind)
      const ns = rt.namespaced ? (obj.metadata.namespace ?? 'default') : undefined
      const existing = store.peek(groupResource(rt), ns, obj.metadata.name ?? '')
      if (!existing) return api.create(rt, ns, obj)
      const next = structuredClone(obj)
      next.metadata.resourceVersion = undefined
      const updated = api.update(rt, ns, obj.metadata.name ?? '', next)
      return obj.status !== undefined && rt.subresources.includes('status')
        ? api.update(
            rt,
            ns,
            obj.metadata.name ?? '',
            { ...updated, status: obj.status },
            { subresource: 'status' }
          )
        : updated
    },
    podLog(namespace, pod, container) {
      const p = store.peek('pods', namespace, pod)
      const c =
        container ??
        (p?.spec as { containers?: { name: string }[] } | undefined)?.containers?.[0]?.name ??
        ''
      return manager.logs.get(namespace, pod, c)?.text
    },
    async close() {
      if (closed) return
      closed = true
      http.closeStreams()
      await manager.close()
      api.close()
      stopLonghorn()
      await new Promise<void>((resolve) => {
        http.server.close(() => resolve())
        http.server.closeAllConnections()
      })
    }
  }
  // Reconciled after the triggering write has finished, never inside the store's notification.
  let longhornPending = false
  const stopLonghorn = store.subscribe((e) => {
    if (!concernsLonghorn(e) || longhornPending) return
    longhornPending = true
    setImmediate(() => {
      longhornPending = false
      if (!closed) reconcileLonghornNodes(emulator)
    })
  })
  return emulator
}

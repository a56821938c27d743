// Wires the lab controllers to the store: every change is routed to the work queues of the
// controllers that care (a pod change re-queues its owner, a node change its DaemonSets and
// waiting pods, a new IPAddressPool the pending LoadBalancer services, ...).
import type { KubeApi } from '../api'
import { ApiError } from '../status'
import type { StoreEvent } from '../store'
import type {
  Dict,
  JobCommandContext,
  KubeFaults,
  KubeObject,
  NodeRegistration,
  PodSpec
} from '../types'
import { DaemonSetController } from './daemonsets'
import { DeploymentController } from './deployments'
import { EventRecorder } from './events'
import { IngressHttpController } from './ingress-http'
import { JobController } from './jobs'
import { PodLogs } from './logs'
import { NodeController } from './nodes'
import { PodController } from './pods'
import {
  Clock,
  controllerOf,
  key,
  podPhase,
  splitKey,
  WorkQueue,
  type ControllerContext
} from './runtime'
import { LoadBalancerController } from './services'
import { StatefulSetController } from './statefulsets'
import { VolumeController } from './volumes'

export interface ManagerOptions {
  timeScale: number
  readyDelayMs: number
  nodeReadyDelayMs: number
  faults: KubeFaults
  caPem: string
  jobSandboxDir?: string
  jobBaseEnv?: Record<string, string>
  resolveJobCommand?: (ctx: JobCommandContext) => string[] | null
}

export class ControllerManager {
  readonly logs = new PodLogs()
  readonly clock: Clock
  readonly nodes: NodeController
  private readonly ctx: ControllerContext
  private readonly queues: WorkQueue[] = []
  private readonly unsubscribe: () => void
  private readonly jobs: JobController
  private readonly ingressHttp: IngressHttpController
  private readonly q: Record<
    'pod' | 'rs' | 'deploy' | 'ds' | 'sts' | 'job' | 'svc' | 'pvc',
    WorkQueue
  >

  constructor(
    private readonly api: KubeApi,
    opts: ManagerOptions
  ) {
    this.clock = new Clock(opts.timeScale)
    const events = new EventRecorder(api)
    this.ctx = {
      api,
      clock: this.clock,
      events,
      logs: this.logs,
      faults: opts.faults,
      readyDelayMs: opts.readyDelayMs,
      nodeReadyDelayMs: opts.nodeReadyDelayMs,
      caPem: opts.caPem,
      enqueuePod: (ns, name) => this.q.pod.add(`${ns}/${name}`)
    }
    this.jobs = new JobController(this.ctx, {
      sandboxDir: opts.jobSandboxDir,
      baseEnv: opts.jobBaseEnv,
      resolveCommand: opts.resolveJobCommand
    })
    const pods = new PodController(this.ctx, (p) => this.jobs.startPod(p))
    const deployments = new DeploymentController(this.ctx)
    const daemonsets = new DaemonSetController(this.ctx)
    const statefulsets = new StatefulSetController(this.ctx)
    const lbs = new LoadBalancerController(this.ctx)
    const volumes = new VolumeController(this.ctx)
    this.nodes = new NodeController(this.ctx)
    this.ingressHttp = new IngressHttpController(this.ctx)
    const queue = (name: string, fn: (ns: string, n: string) => void): WorkQueue => {
      const wq = new WorkQueue(name, (k) => {
        const [ns, n] = splitKey(k)
        fn(ns ?? '', n)
      })
      this.queues.push(wq)
      return wq
    }
    this.q = {
      pod: queue('pods', (ns, n) => pods.handle(ns, n)),
      rs: queue('replicasets', (ns, n) => deployments.handleReplicaSet(ns, n)),
      deploy: queue('deployments', (ns, n) => deployments.handleDeployment(ns, n)),
      ds: queue('daemonsets', (ns, n) => daemonsets.handle(ns, n)),
      sts: queue('statefulsets', (ns, n) => statefulsets.handle(ns, n)),
      job: queue('jobs', (ns, n) => this.jobs.handle(ns, n)),
      svc: queue('services', (ns, n) => lbs.handle(ns, n)),
      pvc: queue('pvcs', (ns, n) => volumes.handle(ns, n))
    }
    this.unsubscribe = api.store.subscribe((e) => {
      this.route(e, pods, volumes)
      // The ingress data plane follows controller Services, their workloads and the classes.
      if (/^(services|deployments\.apps|daemonsets\.apps|ingressclasses\.)/.test(e.gr))
        this.ingressHttp.sync()
    })
  }

  private all(gr: string, q: WorkQueue, filter: (o: KubeObject) => boolean = () => true): void {
    for (const o of this.api.store.scan(gr)) if (filter(o)) q.add(key(o))
  }

  private route(e: StoreEvent, pods: PodController, volumes: VolumeController): void {
    const o = e.object
    const k = key(o)
    const ns = o.metadata.namespace ?? ''
    const owner = controllerOf(o)
    const ownerKey = owner ? `${ns}/${owner.name}` : ''
    switch (e.gr) {
      case 'pods': {
        if (e.type === 'DELETED') {
          pods.forget(ns, o.metadata.name ?? '')
          this.jobs.onPodDeleted(ns, o.metadata.name ?? '')
          this.logs.drop(ns, o.metadata.name ?? '')
        } else this.q.pod.add(k)
        const target = {
          ReplicaSet: this.q.rs,
          DaemonSet: this.q.ds,
          StatefulSet: this.q.sts,
          Job: this.q.job
        }[owner?.kind ?? '']
        target?.add(ownerKey)
        break
      }
      case 'replicasets.apps':
        if (e.type !== 'DELETED') this.q.rs.add(k)
        if (owner?.kind === 'Deployment') this.q.deploy.add(ownerKey)
        this.runningPods(ns)
        break
      case 'deployments.apps':
        if (e.type !== 'DELETED') this.q.deploy.add(k)
        this.runningPods(ns)
        break
      case 'daemonsets.apps':
        if (e.type !== 'DELETED') this.q.ds.add(k)
        this.runningPods(ns)
        break
      case 'statefulsets.apps':
        if (e.type !== 'DELETED') this.q.sts.add(k)
        this.runningPods(ns)
        break
      case 'jobs.batch':
        if (e.type !== 'DELETED') this.q.job.add(k)
        break
      case 'nodes':
        if (e.type === 'DELETED') this.nodes.onNodeDeleted(o)
        this.all('daemonsets.apps', this.q.ds)
        this.all('statefulsets.apps', this.q.sts)
        this.all('pods', this.q.pod, (p) => {
          const node = (p.spec as PodSpec).nodeName
          return (!node || node === o.metadata.name) && podPhase(p) === 'Pending'
        })
        break
      case 'services':
        if (e.type !== 'DELETED') this.q.svc.add(k)
        else this.all('services', this.q.svc, (s) => (s.spec as Dict).type === 'LoadBalancer')
        break
      case 'ipaddresspools.metallb.io':
        this.all('services', this.q.svc, (s) => (s.spec as Dict).type === 'LoadBalancer')
        break
      case 'persistentvolumeclaims':
        if (e.type === 'DELETED') volumes.onClaimDeleted(o)
        else this.q.pvc.add(k)
        this.all(
          'pods',
          this.q.pod,
          (p) => p.metadata.namespace === ns && !(p.spec as PodSpec).nodeName
        )
        break
      case 'storageclasses.storage.k8s.io':
        this.all(
          'persistentvolumeclaims',
          this.q.pvc,
          (c) => (c.status as Dict | undefined)?.phase !== 'Bound'
        )
        break
      case 'namespaces':
        if (e.type === 'ADDED') this.api.later(() => this.seedNamespace(o.metadata.name ?? ''))
        break
    }
  }

  /** A workload change may add or remove a never-ready fault: re-check its namespace's pods. */
  private runningPods(ns: string): void {
    for (const p of this.api.store.scan('pods', ns))
      if (podPhase(p) === 'Running') this.q.pod.add(key(p))
  }

  /** What the service-account and root-CA publishers put in every namespace. */
  private seedNamespace(ns: string): void {
    const { api } = this
    try {
      if (!api.store.peek('serviceaccounts', ns, 'default')) {
        api.create(api.rt('v1', 'ServiceAccount'), ns, {
          apiVersion: 'v1',
          kind: 'ServiceAccount',
          metadata: { name: 'default', namespace: ns }
        })
      }
      if (!api.store.peek('configmaps', ns, 'kube-root-ca.crt')) {
        api.create(api.rt('v1', 'ConfigMap'), ns, {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'kube-root-ca.crt', namespace: ns },
          data: { 'ca.crt': this.ctx.caPem }
        })
      }
    } catch (e) {
      if (!(e instanceof ApiError)) throw e
    }
  }

  registerNode(name: string, reg: NodeRegistration): void {
    this.nodes.register(name, reg)
  }

  removeNode(name: string): void {
    this.nodes.remove(name)
  }

  stopKubelet(name: string): void {
    this.nodes.stopKubelet(name)
    this.jobs.kubeletStopped(name)
  }

  async close(): Promise<void> {
    this.unsubscribe()
    for (const q of this.queues) q.stop()
    this.clock.stop()
    this.logs.closeAll()
    await this.ingressHttp.close()
    await this.jobs.close()
  }
}

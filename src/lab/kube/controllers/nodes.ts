// Node registration, as a kubelet does it when k3s or Talos starts: the Node object appears
// NotReady and turns Ready after the modelled delay. Removing a node deletes its pods (the node
// lifecycle controller's eviction, without the grace period). A stopped kubelet turns the node
// Ready=Unknown after the node monitor's grace period.
import { randomUUID } from 'node:crypto'
import { now } from '../api'
import { ApiError } from '../status'
import type { Condition, Dict, KubeObject, NodeRegistration } from '../types'
import { setCondition, type ControllerContext } from './runtime'

function nodeConditions(ready: boolean, prev: Condition[]): Condition[] {
  const t = now()
  let list = prev
  for (const [type, reason, message] of [
    ['MemoryPressure', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
    ['DiskPressure', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
    ['PIDPressure', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available']
  ] as const) {
    list = setCondition(list, { type, status: 'False', reason, message, lastHeartbeatTime: t })
  }
  list = setCondition(
    list,
    ready
      ? {
          type: 'Ready',
          status: 'True',
          reason: 'KubeletReady',
          message: 'kubelet is posting ready status',
          lastHeartbeatTime: t
        }
      : {
          type: 'Ready',
          status: 'False',
          reason: 'KubeletNotReady',
          message:
            'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized',
          lastHeartbeatTime: t
        }
  )
  return list
}

/** kube-controller-manager's --node-monitor-grace-period default. */
const NODE_MONITOR_GRACE_MS = 40_000

export class NodeController {
  private readonly readyTimers = new Map<string, NodeJS.Timeout | undefined>()

  constructor(private readonly ctx: ControllerContext) {}

  register(name: string, reg: NodeRegistration): void {
    const { api, clock, faults } = this.ctx
    // A kubelet that starts again reports again.
    if (faults.stoppedKubelets?.includes(name))
      faults.stoppedKubelets = faults.stoppedKubelets.filter((n) => n !== name)
    const rt = api.rt('v1', 'Node')
    const labels: Record<string, string> = {
      'beta.kubernetes.io/arch': 'arm64',
      'beta.kubernetes.io/os': 'linux',
      'kubernetes.io/arch': 'arm64',
      'kubernetes.io/hostname': name,
      'kubernetes.io/os': 'linux'
    }
    for (const r of reg.roles ?? []) labels[`node-role.kubernetes.io/${r}`] = ''
    Object.assign(labels, reg.labels ?? {})
    const index = api.store.scan('nodes').length
    const spec: Dict = { podCIDR: `10.42.${index}.0/24`, podCIDRs: [`10.42.${index}.0/24`] }
    if (reg.taints && reg.taints.length > 0) spec.taints = reg.taints
    const existing = api.find(rt, undefined, name)
    const node = existing
      ? api.update(rt, undefined, name, {
          ...existing,
          metadata: { ...existing.metadata, labels: { ...existing.metadata.labels, ...labels } },
          spec: { ...(existing.spec as Dict), ...spec }
        })
      : api.create(rt, undefined, {
          apiVersion: 'v1',
          kind: 'Node',
          metadata: {
            name,
            labels,
            annotations: { 'node.alpha.kubernetes.io/ttl': '0', 'lab.rk1/simulated': 'true' }
          },
          spec
        })
    const capacity = {
      cpu: '8',
      'ephemeral-storage': '30Gi',
      memory: '32Gi',
      pods: '110',
      ...(reg.capacity ?? {})
    }
    const status: Dict = {
      addresses: [
        { type: 'InternalIP', address: reg.ip },
        { type: 'Hostname', address: name }
      ],
      capacity,
      allocatable: capacity,
      conditions: nodeConditions(false, []),
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        architecture: 'arm64',
        bootID: randomUUID(),
        containerRuntimeVersion: 'containerd://2.1.4',
        kernelVersion: '6.1.115-vendor-rk35xx',
        kubeProxyVersion: '',
        kubeletVersion: 'v1.35.2',
        machineID: name
          .replace(/[^a-z0-9]/g, '')
          .padEnd(32, '0')
          .slice(0, 32),
        operatingSystem: 'linux',
        osImage: 'rk1 lab node (simulated)',
        systemUUID: randomUUID(),
        ...(reg.nodeInfo ?? {})
      }
    }
    api.update(rt, undefined, name, { ...node, status }, { subresource: 'status' })
    this.renewLease(name, node)
    clock.cancel(this.readyTimers.get(name))
    this.readyTimers.set(
      name,
      clock.after(this.ctx.nodeReadyDelayMs, () => this.markReady(name))
    )
  }

  /** The kubelet's heartbeat Lease in kube-node-lease (what `kubectl describe node` shows). */
  private renewLease(name: string, node: KubeObject): void {
    const { api } = this.ctx
    const rt = api.rt('coordination.k8s.io/v1', 'Lease')
    const renewTime = new Date().toISOString().replace(/(\.\d{3})\d*Z$/, '$1000Z')
    const spec = { holderIdentity: name, leaseDurationSeconds: 40, renewTime }
    const existing = api.find(rt, 'kube-node-lease', name)
    const metadata = {
      name,
      namespace: 'kube-node-lease',
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name, uid: node.metadata.uid ?? '' }]
    }
    if (existing)
      api.update(rt, 'kube-node-lease', name, {
        ...existing,
        metadata: { ...existing.metadata, ...metadata },
        spec
      })
    else
      api.create(rt, 'kube-node-lease', {
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata,
        spec
      })
  }

  private markReady(name: string): void {
    const { api } = this.ctx
    const rt = api.rt('v1', 'Node')
    const node = api.find(rt, undefined, name)
    if (!node) return
    const st = (node.status ?? {}) as Dict
    const conditions = nodeConditions(true, (st.conditions as Condition[] | undefined) ?? [])
    api.update(
      rt,
      undefined,
      name,
      { ...node, status: { ...st, conditions } },
      { subresource: 'status' }
    )
    this.ctx.events.record(
      node,
      'Normal',
      'NodeReady',
      `Node ${name} status is now: NodeReady`,
      'kubelet'
    )
  }

  /**
   * The kubelet stops posting status (power lost, network cut): after the node monitor's grace
   * period (40 s, scaled) the node lifecycle controller marks it Ready=Unknown and taints it
   * unreachable, as a real control plane does.
   */
  stopKubelet(name: string): void {
    const { api, clock, faults } = this.ctx
    faults.stoppedKubelets = [...new Set([...(faults.stoppedKubelets ?? []), name])]
    clock.cancel(this.readyTimers.get(name))
    this.readyTimers.set(
      name,
      clock.after(NODE_MONITOR_GRACE_MS, () => {
        const rt = api.rt('v1', 'Node')
        const node = api.find(rt, undefined, name)
        if (!node) return
        const st = (node.status ?? {}) as Dict
        let conditions = (st.conditions as Condition[] | undefined) ?? []
        for (const type of ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'])
          conditions = setCondition(conditions, {
            type,
            status: 'Unknown',
            reason: 'NodeStatusUnknown',
            message: 'Kubelet stopped posting node status.',
            lastTransitionTime: now()
          })
        const spec = (node.spec ?? {}) as Dict
        const taints = ((spec.taints as Dict[] | undefined) ?? []).filter(
          (t) => t.key !== 'node.kubernetes.io/unreachable'
        )
        for (const effect of ['NoSchedule', 'NoExecute'])
          taints.push({ key: 'node.kubernetes.io/unreachable', effect, timeAdded: now() })
        const tainted = api.update(rt, undefined, name, { ...node, spec: { ...spec, taints } })
        api.update(
          rt,
          undefined,
          name,
          { ...tainted, status: { ...st, conditions } },
          { subresource: 'status' }
        )
        this.ctx.events.record(
          node,
          'Normal',
          'NodeNotReady',
          `Node ${name} status is now: NodeNotReady`,
          'node-controller'
        )
      })
    )
  }

  remove(name: string): void {
    const { api, clock } = this.ctx
    clock.cancel(this.readyTimers.get(name))
    this.readyTimers.delete(name)
    try {
      api.delete(api.rt('v1', 'Node'), undefined, name)
    } catch (e) {
      if (!(e instanceof ApiError)) throw e
    }
  }

  /** Pods bound to a node that no longer exists are deleted. */
  onNodeDeleted(node: KubeObject): void {
    const { api } = this.ctx
    const pods = api.rt('v1', 'Pod')
    for (const p of api.store.scan('pods')) {
      if ((p.spec as Dict | undefined)?.nodeName !== node.metadata.name) continue
      try {
        api.delete(pods, p.metadata.namespace, p.metadata.name ?? '')
      } catch (e) {
        if (!(e instanceof ApiError)) throw e
      }
    }
  }
}

// Scheduler and kubelet in one: binds pending pods to a Ready node that fits (node selector,
// taints, bound PVCs), then after the modelled start delay marks them Running and Ready, unless a
// never-ready fault matches. Job pods are handed to the Job runner instead. An image the lab's
// registry does not have (fault missingImages) leaves the pod Pending in ErrImagePull.
import { now } from '../api'
import { groupResource } from '../resources'
import { labelSelectorMatches } from '../selectors'
import type {
  Condition,
  Dict,
  KubeObject,
  ObjectMatcher,
  OwnerReference,
  PodSpec,
  ResourceType,
  Taint
} from '../types'
import { failImagePull, missingImage } from './image-pull'
import {
  controllerOf,
  isTrue,
  podPhase,
  setCondition,
  writeStatus,
  type ControllerContext
} from './runtime'

export const NEVER_READY_ANNOTATION = 'lab.rk1/never-ready'

const AUTO_TOLERATED = new Set([
  'node.kubernetes.io/not-ready',
  'node.kubernetes.io/unreachable',
  'node.kubernetes.io/disk-pressure',
  'node.kubernetes.io/memory-pressure',
  'node.kubernetes.io/pid-pressure',
  'node.kubernetes.io/unschedulable'
])

export function tolerates(spec: PodSpec, taints: Taint[], daemon: boolean): boolean {
  return taints.every((t) => {
    if (t.effect === 'PreferNoSchedule') return true
    if (daemon && AUTO_TOLERATED.has(t.key)) return true
    return (spec.tolerations ?? []).some((tol) => {
      if (tol.effect && tol.effect !== t.effect) return false
      if (tol.operator === 'Exists') return !tol.key || tol.key === t.key
      return tol.key === t.key && (tol.value ?? '') === (t.value ?? '')
    })
  })
}

export function nodeFits(spec: PodSpec, node: KubeObject, daemon: boolean): boolean {
  const labels = node.metadata.labels ?? {}
  for (const [k, v] of Object.entries(spec.nodeSelector ?? {})) if (labels[k] !== v) return false
  const ns = (node.spec ?? {}) as Dict
  if (!daemon && ns.unschedulable === true) return false
  return tolerates(spec, (ns.taints as Taint[] | undefined) ?? [], daemon)
}

function matches(m: ObjectMatcher, o: KubeObject): boolean {
  if (m.kind && m.kind !== o.kind) return false
  if (m.namespace && m.namespace !== o.metadata.namespace) return false
  const name = o.metadata.name ?? ''
  if (m.name instanceof RegExp ? !m.name.test(name) : m.name && m.name !== name) return false
  if (m.labels && !labelSelectorMatches({ matchLabels: m.labels }, o.metadata.labels ?? {}))
    return false
  return true
}

export class PodController {
  private readonly starting = new Map<string, NodeJS.Timeout | undefined>()

  constructor(
    private readonly ctx: ControllerContext,
    private readonly startJobPod: (pod: KubeObject) => boolean
  ) {}

  /** True when the pod or any of its controllers carries the never-ready fault. */
  neverReady(pod: KubeObject): boolean {
    const { api } = this.ctx
    let cur: KubeObject | undefined = pod
    for (let depth = 0; cur && depth < 4; depth++) {
      if (cur.metadata.annotations?.[NEVER_READY_ANNOTATION] === 'true') return true
      const c = cur
      if ((this.ctx.faults.neverReady ?? []).some((m) => matches(m, c))) return true
      const ref: OwnerReference | undefined = (cur.metadata.ownerReferences ?? []).find(
        (r) => r.controller
      )
      const rt: ResourceType | undefined = ref
        ? api.registry.byKind(ref.apiVersion, ref.kind)
        : undefined
      cur =
        rt && ref ? api.store.peek(groupResource(rt), pod.metadata.namespace, ref.name) : undefined
    }
    return false
  }

  handle(ns: string, name: string): void {
    const { api } = this.ctx
    const pod = api.store.peek('pods', ns, name)
    if (!pod) {
      this.forget(ns, name)
      return
    }
    const phase = podPhase(pod)
    if (phase === 'Succeeded' || phase === 'Failed' || pod.metadata.deletionTimestamp) return
    const spec = pod.spec as PodSpec
    if (!spec.nodeName) {
      this.schedule(pod)
      return
    }
    const node = api.store.peek('nodes', undefined, spec.nodeName)
    if (!node || !isTrue(node, 'Ready')) return
    // No kubelet there to start it, even before the control plane notices.
    if (this.ctx.faults.stoppedKubelets?.includes(spec.nodeName)) return
    if (isTrue(pod, 'PodReadyToStartContainers')) {
      if (phase === 'Running' && controllerOf(pod)?.kind !== 'Job') this.syncReadiness(pod)
      return
    }
    if (this.starting.has(`${ns}/${name}`)) return
    this.starting.set(
      `${ns}/${name}`,
      this.ctx.clock.after(this.ctx.readyDelayMs, () => this.start(ns, name, pod.metadata.uid))
    )
  }

  forget(ns: string, name: string): void {
    const k = `${ns}/${name}`
    this.ctx.clock.cancel(this.starting.get(k))
    this.starting.delete(k)
  }

  private unboundClaims(pod: KubeObject): string[] {
    const spec = pod.spec as PodSpec
    const out: string[] = []
    for (const v of spec.volumes ?? []) {
      const claim = v.persistentVolumeClaim?.claimName
      if (!claim) continue
      const pvc = this.ctx.api.store.peek('persistentvolumeclaims', pod.metadata.namespace, claim)
      if (!pvc || (pvc.status as Dict | undefined)?.phase !== 'Bound') out.push(claim)
    }
    return out
  }

  private schedule(pod: KubeObject): void {
    const { api, events } = this.ctx
    const spec = pod.spec as PodSpec
    const nodes = api.store.scan('nodes')
    const ready = nodes.filter((n) => isTrue(n, 'Ready'))
    const fitting = ready.filter((n) => nodeFits(spec, n, false))
    const unbound = this.unboundClaims(pod)
    const podsRt = api.rt('v1', 'Pod')
    let reason: string | undefined
    if (unbound.length > 0)
      reason = `0/${nodes.length} nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: not eligible due to preemptionPolicy=Never.`
    else if (fitting.length === 0) {
      const notReady = nodes.length - ready.length
      const parts = [
        notReady > 0
          ? `${notReady} node(s) had untolerated taint {node.kubernetes.io/not-ready: }`
          : '',
        ready.length - fitting.length > 0
          ? `${ready.length - fitting.length} node(s) didn't match Pod's node affinity/selector or had untolerated taints`
          : ''
      ]
      reason = `0/${nodes.length} nodes are available${parts.filter(Boolean).length > 0 ? ': ' + parts.filter(Boolean).join(', ') : ''}. preemption: 0/${nodes.length} nodes are available.`
    }
    if (reason) {
      const st = (pod.status ?? {}) as Dict
      const conditions = setCondition((st.conditions as Condition[] | undefined) ?? [], {
        type: 'PodScheduled',
        status: 'False',
        reason: 'Unschedulable',
        message: reason,
        lastProbeTime: null
      })
      if (writeStatus(api, podsRt, pod, { ...st, phase: 'Pending', conditions })) {
        events.record(pod, 'Warning', 'FailedScheduling', reason, 'default-scheduler')
      }
      return
    }
    const load = (n: KubeObject): number =>
      api.store.scan('pods').filter((p) => (p.spec as PodSpec).nodeName === n.metadata.name).length
    const node = [...fitting].sort((a, b) => load(a) - load(b))[0] as KubeObject
    const nodeName = node.metadata.name ?? ''
    const bound = api.update(podsRt, pod.metadata.namespace, pod.metadata.name ?? '', {
      ...pod,
      spec: { ...spec, nodeName }
    })
    const st = (bound.status ?? {}) as Dict
    const conditions = setCondition(
      ((st.conditions as Condition[] | undefined) ?? []).filter((c) => c.type !== 'PodScheduled'),
      { type: 'PodScheduled', status: 'True', lastProbeTime: null }
    )
    writeStatus(api, podsRt, bound, {
      ...st,
      phase: 'Pending',
      ...this.addresses(node),
      conditions
    })
    events.record(
      bound,
      'Normal',
      'Scheduled',
      `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${nodeName}`,
      'default-scheduler'
    )
  }

  addresses(node: KubeObject): Dict {
    const addrs =
      ((node.status as Dict | undefined)?.addresses as
        { type: string; address: string }[] | undefined) ?? []
    const hostIP = addrs.find((a) => a.type === 'InternalIP')?.address ?? ''
    const cidr = String((node.spec as Dict | undefined)?.podCIDR ?? '10.42.0.0/24')
    const base = cidr.split('/')[0]?.split('.').slice(0, 3).join('.') ?? '10.42.0'
    const podIP = `${base}.${2 + Math.floor(Math.random() * 250)}`
    return { hostIP, hostIPs: [{ ip: hostIP }], podIP, podIPs: [{ ip: podIP }] }
  }

  /** Faults can be added or removed on a running workload: readiness follows them. */
  private syncReadiness(pod: KubeObject): void {
    const want = !this.neverReady(pod)
    if (isTrue(pod, 'Ready') === want) return
    const st = (pod.status ?? {}) as Dict
    const names = (pod.spec as PodSpec).containers.map((c) => c.name).join(' ')
    const cond = want
      ? { status: 'True' as const }
      : {
          status: 'False' as const,
          reason: 'ContainersNotReady',
          message: `containers with unready status: [${names}]`
        }
    let conditions = (st.conditions as Condition[] | undefined) ?? []
    conditions = setCondition(conditions, { type: 'Ready', ...cond })
    conditions = setCondition(conditions, { type: 'ContainersReady', ...cond })
    const containerStatuses = ((st.containerStatuses as Dict[] | undefined) ?? []).map((c) => ({
      ...c,
      ready: want
    }))
    writeStatus(this.ctx.api, this.ctx.api.rt('v1', 'Pod'), pod, {
      ...st,
      conditions,
      containerStatuses
    })
    if (!want)
      this.ctx.events.record(
        pod,
        'Warning',
        'Unhealthy',
        'Readiness probe failed: lab fault injection (never-ready)',
        'kubelet'
      )
  }

  private start(ns: string, name: string, uid: string | undefined): void {
    this.starting.delete(`${ns}/${name}`)
    const { api, events } = this.ctx
    const pod = api.store.peek('pods', ns, name)
    if (!pod || pod.metadata.uid !== uid) return
    const missing = missingImage(this.ctx, pod)
    if (missing) {
      failImagePull(this.ctx, pod, missing)
      return
    }
    if (this.startJobPod(pod)) return
    const never = this.neverReady(pod)
    const spec = pod.spec as PodSpec
    const t = now()
    const st = (pod.status ?? {}) as Dict
    let conditions = (st.conditions as Condition[] | undefined) ?? []
    conditions = setCondition(conditions, { type: 'PodReadyToStartContainers', status: 'True' })
    conditions = setCondition(conditions, { type: 'Initialized', status: 'True' })
    const notReady = {
      status: 'False' as const,
      reason: 'ContainersNotReady',
      message: `containers with unready status: [${spec.containers.map((c) => c.name).join(' ')}]`
    }
    conditions = setCondition(conditions, {
      type: 'Ready',
      ...(never ? notReady : { status: 'True' })
    })
    conditions = setCondition(conditions, {
      type: 'ContainersReady',
      ...(never ? notReady : { status: 'True' })
    })
    const containerStatuses = spec.containers.map((c) => ({
      name: c.name,
      image: c.image ?? '',
      imageID: `${c.image ?? ''}@sha256:${'0'.repeat(64)}`,
      containerID: `containerd://${(uid ?? '').replace(/-/g, '')}${c.name}`.slice(0, 77),
      ready: !never,
      started: true,
      restartCount: 0,
      state: { running: { startedAt: t } }
    }))
    writeStatus(api, api.rt('v1', 'Pod'), pod, {
      ...st,
      phase: 'Running',
      startTime: st.startTime ?? t,
      conditions,
      containerStatuses
    })
    if (never) {
      events.record(
        pod,
        'Warning',
        'Unhealthy',
        'Readiness probe failed: lab fault injection (never-ready)',
        'kubelet'
      )
    }
  }
}

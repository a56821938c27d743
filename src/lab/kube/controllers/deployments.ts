// Deployment and ReplicaSet controllers. A template change makes a new ReplicaSet (named by the
// pod-template hash) and scales the old ones to zero at once; status carries the fields
// `kubectl rollout status`, `kubectl wait --for=condition=Available` and helm's kstatus read.
import { ApiError } from '../status'
import type { Condition, Dict, KubeObject, PodTemplate } from '../types'
import {
  controllerOf,
  intOrPercent,
  owned,
  ownerRef,
  podPhase,
  podReady,
  randomSuffix,
  setCondition,
  templateHash,
  writeStatus,
  type ControllerContext
} from './runtime'

const REVISION = 'deployment.kubernetes.io/revision'

export class DeploymentController {
  /** When the current rollout of a deployment (uid/generation) started, for the progress deadline. */
  private readonly rolloutStart = new Map<string, number>()

  constructor(private readonly ctx: ControllerContext) {}

  handleReplicaSet(ns: string, name: string): void {
    const { api } = this.ctx
    const rsRt = api.rt('apps/v1', 'ReplicaSet')
    const podRt = api.rt('v1', 'Pod')
    const rs = api.find(rsRt, ns, name)
    if (!rs) return
    const spec = rs.spec as { replicas?: number; template: PodTemplate }
    const want = spec.replicas ?? 1
    const pods = owned(api, podRt, rs).filter((p) => {
      const phase = podPhase(p)
      return phase !== 'Succeeded' && phase !== 'Failed'
    })
    for (let i = pods.length; i < want; i++) {
      const tpl = structuredClone(spec.template)
      api.create(podRt, ns, {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          ...(tpl.metadata ?? {}),
          name: `${name}-${randomSuffix()}`,
          namespace: ns,
          ownerReferences: [ownerRef(rs)]
        },
        spec: tpl.spec
      })
    }
    if (pods.length > want) {
      const victims = [...pods]
        .sort((a, b) => Number(podReady(a)) - Number(podReady(b)))
        .slice(0, pods.length - want)
      for (const p of victims) this.deleteQuietly(podRt, ns, p.metadata.name ?? '')
    }
    const live = owned(api, podRt, rs).filter((p) => !['Succeeded', 'Failed'].includes(podPhase(p)))
    const ready = live.filter(podReady).length
    writeStatus(api, rsRt, rs, {
      replicas: live.length,
      fullyLabeledReplicas: live.length,
      readyReplicas: ready,
      availableReplicas: ready,
      observedGeneration: rs.metadata.generation
    })
  }

  private deleteQuietly(
    rt: ReturnType<ControllerContext['api']['rt']>,
    ns: string,
    name: string
  ): void {
    try {
      this.ctx.api.delete(rt, ns, name)
    } catch (e) {
      if (!(e instanceof ApiError)) throw e
    }
  }

  handleDeployment(ns: string, name: string): void {
    const { api, clock } = this.ctx
    const depRt = api.rt('apps/v1', 'Deployment')
    const rsRt = api.rt('apps/v1', 'ReplicaSet')
    let dep = api.find(depRt, ns, name)
    if (!dep) return
    const spec = dep.spec as Dict & {
      replicas?: number
      template: PodTemplate
      selector?: Dict
      paused?: boolean
    }
    const replicas = spec.replicas ?? 1
    const hash = templateHash(spec.template)
    const sets = owned(api, rsRt, dep)
    const revisionOf = (rs: KubeObject): number => Number(rs.metadata.annotations?.[REVISION] ?? 0)
    let newRs = sets.find((rs) => rs.metadata.labels?.['pod-template-hash'] === hash)
    const maxRevision = sets.reduce((m, rs) => Math.max(m, revisionOf(rs)), 0)
    if (!newRs) {
      const tpl = structuredClone(spec.template)
      tpl.metadata = {
        ...(tpl.metadata ?? {}),
        labels: { ...(tpl.metadata?.labels ?? {}), 'pod-template-hash': hash }
      }
      const sel = structuredClone((spec.selector ?? {}) as Dict)
      sel.matchLabels = {
        ...((sel.matchLabels as Dict | undefined) ?? {}),
        'pod-template-hash': hash
      }
      newRs = api.create(rsRt, ns, {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: {
          name: `${name}-${hash}`,
          namespace: ns,
          labels: { ...(tpl.metadata.labels ?? {}) },
          annotations: {
            [REVISION]: String(maxRevision + 1),
            'deployment.kubernetes.io/desired-replicas': String(replicas),
            'deployment.kubernetes.io/max-replicas': String(
              replicas +
                intOrPercent(
                  (spec.strategy as Dict | undefined)?.rollingUpdate
                    ? ((spec.strategy as Dict).rollingUpdate as Dict).maxSurge
                    : 0,
                  replicas,
                  true
                )
            )
          },
          ownerReferences: [ownerRef(dep)]
        },
        spec: { replicas, selector: sel, template: tpl }
      })
    } else if ((newRs.spec as Dict).replicas !== replicas) {
      newRs = api.update(rsRt, ns, newRs.metadata.name ?? '', {
        ...newRs,
        spec: { ...(newRs.spec as Dict), replicas }
      })
    }
    for (const rs of sets) {
      if (rs.metadata.uid === newRs.metadata.uid || (rs.spec as Dict).replicas === 0) continue
      api.update(rsRt, ns, rs.metadata.name ?? '', {
        ...rs,
        spec: { ...(rs.spec as Dict), replicas: 0 }
      })
    }
    const limit = Number(spec.revisionHistoryLimit ?? 10)
    const old = sets
      .filter((rs) => rs.metadata.uid !== newRs?.metadata.uid)
      .sort((a, b) => revisionOf(a) - revisionOf(b))
    for (const rs of old.slice(0, Math.max(0, old.length - limit)))
      this.deleteQuietly(rsRt, ns, rs.metadata.name ?? '')

    const revision = newRs.metadata.annotations?.[REVISION] ?? '1'
    if (dep.metadata.annotations?.[REVISION] !== revision) {
      dep = api.update(depRt, ns, name, {
        ...dep,
        metadata: {
          ...dep.metadata,
          annotations: { ...(dep.metadata.annotations ?? {}), [REVISION]: revision }
        }
      })
    }

    // Status from the ReplicaSets' status.
    const current = owned(api, rsRt, dep)
    const st = (o: KubeObject, f: string): number =>
      Number((o.status as Dict | undefined)?.[f] ?? 0)
    const newOne = current.find((rs) => rs.metadata.uid === newRs?.metadata.uid)
    const total = current.reduce((n, rs) => n + st(rs, 'replicas'), 0)
    const updated = newOne ? st(newOne, 'replicas') : 0
    const ready = current.reduce((n, rs) => n + st(rs, 'readyReplicas'), 0)
    const available = current.reduce((n, rs) => n + st(rs, 'availableReplicas'), 0)
    const strategy = (spec.strategy ?? {}) as Dict
    const maxUnavailable =
      strategy.type === 'RollingUpdate' && replicas > 0
        ? Math.min(
            replicas,
            intOrPercent(
              (strategy.rollingUpdate as Dict | undefined)?.maxUnavailable,
              replicas,
              false
            )
          )
        : 0
    const prev = (dep.status ?? {}) as Dict
    let conds = (prev.conditions as Condition[] | undefined) ?? []
    conds = setCondition(
      conds,
      available >= replicas - maxUnavailable
        ? {
            type: 'Available',
            status: 'True',
            reason: 'MinimumReplicasAvailable',
            message: 'Deployment has minimum availability.'
          }
        : {
            type: 'Available',
            status: 'False',
            reason: 'MinimumReplicasUnavailable',
            message: 'Deployment does not have minimum availability.'
          },
      { updateTime: true }
    )
    const rsName = newRs.metadata.name ?? ''
    const complete = updated === replicas && available >= replicas && total === replicas
    const rolloutKey = `${dep.metadata.uid}/${dep.metadata.generation}/${rsName}`
    if (!this.rolloutStart.has(rolloutKey)) {
      this.rolloutStart.set(rolloutKey, Date.now())
      const deadline = Number(spec.progressDeadlineSeconds ?? 600) * 1000
      clock.after(deadline, () => this.handleDeployment(ns, name))
    }
    const started = this.rolloutStart.get(rolloutKey) ?? Date.now()
    const deadlineMs = (Number(spec.progressDeadlineSeconds ?? 600) * 1000) / clock.timeScale
    const prevProgress = conds.find((c) => c.type === 'Progressing')
    if (complete) {
      conds = setCondition(
        conds,
        {
          type: 'Progressing',
          status: 'True',
          reason: 'NewReplicaSetAvailable',
          message: `ReplicaSet "${rsName}" has successfully progressed.`
        },
        { updateTime: true }
      )
    } else if (Date.now() - started >= deadlineMs) {
      conds = setCondition(
        conds,
        {
          type: 'Progressing',
          status: 'False',
          reason: 'ProgressDeadlineExceeded',
          message: `ReplicaSet "${rsName}" has timed out progressing.`
        },
        { updateTime: true }
      )
      if (prevProgress?.reason !== 'ProgressDeadlineExceeded') {
        this.ctx.events.record(
          dep,
          'Warning',
          'ProgressDeadlineExceeded',
          `Deployment "${name}" exceeded its progress deadline`,
          'deployment-controller'
        )
      }
    } else {
      const reason =
        prevProgress?.reason === 'NewReplicaSetAvailable' &&
        prevProgress.message?.includes(`"${rsName}"`)
          ? 'NewReplicaSetAvailable'
          : 'ReplicaSetUpdated'
      const message =
        reason === 'ReplicaSetUpdated'
          ? `ReplicaSet "${rsName}" is progressing.`
          : (prevProgress?.message ?? '')
      conds = setCondition(
        conds,
        { type: 'Progressing', status: 'True', reason, message },
        { updateTime: true }
      )
    }
    conds.sort((a, b) => (a.type === 'Available' ? -1 : b.type === 'Available' ? 1 : 0))
    const status: Dict = {
      observedGeneration: dep.metadata.generation,
      replicas: total,
      updatedReplicas: updated,
      readyReplicas: ready,
      availableReplicas: available,
      ...(replicas - available > 0 ? { unavailableReplicas: replicas - available } : {}),
      conditions: conds
    }
    for (const k of ['replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas'])
      if (status[k] === 0) delete status[k]
    writeStatus(api, depRt, dep, status)
  }

  /** The Deployment a ReplicaSet belongs to, for re-queueing. */
  static ownerOf(rs: KubeObject): string | undefined {
    const ref = controllerOf(rs)
    return ref?.kind === 'Deployment' ? ref.name : undefined
  }
}

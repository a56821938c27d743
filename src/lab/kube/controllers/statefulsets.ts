// StatefulSet controller: ordinal pods (<name>-0..n-1), one PVC per volumeClaimTemplate and
// ordinal (kept on delete, as with the default Retain policy), OrderedReady start-up, and the
// revision fields `kubectl rollout status` compares.
import { ApiError } from '../status'
import type { Dict, KubeObject, PodTemplate } from '../types'
import {
  owned,
  ownerRef,
  podReady,
  templateHash,
  writeStatus,
  type ControllerContext
} from './runtime'

const HASH_LABEL = 'controller-revision-hash'

interface StsSpec {
  replicas?: number
  podManagementPolicy?: string
  serviceName?: string
  template: PodTemplate
  volumeClaimTemplates?: KubeObject[]
}

export class StatefulSetController {
  constructor(private readonly ctx: ControllerContext) {}

  handle(ns: string, name: string): void {
    const { api } = this.ctx
    const stsRt = api.rt('apps/v1', 'StatefulSet')
    const podRt = api.rt('v1', 'Pod')
    const pvcRt = api.rt('v1', 'PersistentVolumeClaim')
    const sts = api.find(stsRt, ns, name)
    if (!sts) return
    const spec = sts.spec as StsSpec
    const replicas = spec.replicas ?? 1
    const revision = `${name}-${templateHash(spec.template)}`
    const ordered = spec.podManagementPolicy !== 'Parallel'
    const pods = owned(api, podRt, sts)
    const byOrdinal = new Map<number, KubeObject>()
    for (const p of pods) {
      const ord = Number((p.metadata.name ?? '').slice(name.length + 1))
      if (ord >= replicas) this.remove(podRt, ns, p)
      else if (
        p.metadata.labels?.[HASH_LABEL] !== revision &&
        (!ordered || pods.every((q) => podReady(q) || q === p))
      ) {
        // Rolling update: replace outdated pods (one at a time when OrderedReady).
        this.remove(podRt, ns, p)
      } else byOrdinal.set(ord, p)
    }
    for (let i = 0; i < replicas; i++) {
      const existing = byOrdinal.get(i)
      if (existing) {
        if (ordered && !podReady(existing)) break
        continue
      }
      const podName = `${name}-${i}`
      if (api.store.peek('pods', ns, podName)) break
      const tpl = structuredClone(spec.template)
      const volumes = [...((tpl.spec.volumes as Dict[] | undefined) ?? [])]
      for (const vct of spec.volumeClaimTemplates ?? []) {
        const claim = `${vct.metadata.name}-${podName}`
        if (!api.store.peek('persistentvolumeclaims', ns, claim)) {
          api.create(pvcRt, ns, {
            apiVersion: 'v1',
            kind: 'PersistentVolumeClaim',
            metadata: {
              name: claim,
              namespace: ns,
              labels: { ...(tpl.metadata?.labels ?? {}), ...(vct.metadata.labels ?? {}) }
            },
            spec: structuredClone(vct.spec)
          })
        }
        if (!volumes.some((v) => v.name === vct.metadata.name))
          volumes.push({ name: vct.metadata.name, persistentVolumeClaim: { claimName: claim } })
      }
      api.create(podRt, ns, {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          ...(tpl.metadata ?? {}),
          name: podName,
          namespace: ns,
          labels: {
            ...(tpl.metadata?.labels ?? {}),
            [HASH_LABEL]: revision,
            'statefulset.kubernetes.io/pod-name': podName,
            'apps.kubernetes.io/pod-index': String(i)
          },
          ownerReferences: [ownerRef(sts)]
        },
        spec: {
          ...tpl.spec,
          volumes,
          hostname: podName,
          ...(spec.serviceName ? { subdomain: spec.serviceName } : {})
        }
      })
      if (ordered) break
    }
    const live = owned(api, podRt, sts)
    const ready = live.filter(podReady).length
    const updated = live.filter((p) => p.metadata.labels?.[HASH_LABEL] === revision).length
    const prev = (sts.status ?? {}) as Dict
    const done = updated === replicas && ready === replicas && live.length === replicas
    const currentRevision = done ? revision : String(prev.currentRevision ?? revision)
    const current = live.filter((p) => p.metadata.labels?.[HASH_LABEL] === currentRevision).length
    const status: Dict = {
      observedGeneration: sts.metadata.generation,
      replicas: live.length,
      readyReplicas: ready,
      currentReplicas: current,
      updatedReplicas: updated,
      availableReplicas: ready,
      currentRevision,
      updateRevision: revision,
      collisionCount: 0
    }
    for (const k of ['readyReplicas', 'currentReplicas', 'updatedReplicas'])
      if (status[k] === 0) delete status[k]
    writeStatus(api, stsRt, sts, status)
  }

  private remove(rt: ReturnType<ControllerContext['api']['rt']>, ns: string, p: KubeObject): void {
    try {
      this.ctx.api.delete(rt, ns, p.metadata.name ?? '')
    } catch (e) {
      if (!(e instanceof ApiError)) throw e
    }
  }
}

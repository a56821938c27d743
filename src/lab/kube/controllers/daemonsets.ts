// DaemonSet controller: one pod per eligible registered node (node selector and taints, with the
// tolerations the real controller adds), replaced when the template changes.
import { ApiError } from '../status'
import type { Dict, KubeObject, PodSpec, PodTemplate } from '../types'
import { nodeFits } from './pods'
import {
  owned,
  ownerRef,
  podReady,
  randomSuffix,
  templateHash,
  writeStatus,
  type ControllerContext
} from './runtime'

const HASH_LABEL = 'controller-revision-hash'

export class DaemonSetController {
  constructor(private readonly ctx: ControllerContext) {}

  handle(ns: string, name: string): void {
    const { api } = this.ctx
    const dsRt = api.rt('apps/v1', 'DaemonSet')
    const podRt = api.rt('v1', 'Pod')
    const ds = api.find(dsRt, ns, name)
    if (!ds) return
    const spec = ds.spec as { template: PodTemplate }
    const hash = templateHash(spec.template)
    const nodes = api.store.scan('nodes').filter((n) => nodeFits(spec.template.spec, n, true))
    const eligible = new Set(nodes.map((n) => n.metadata.name ?? ''))
    let pods = owned(api, podRt, ds)
    for (const p of pods) {
      const node = (p.spec as PodSpec).nodeName ?? ''
      if (!eligible.has(node) || p.metadata.labels?.[HASH_LABEL] !== hash) this.remove(ns, p)
    }
    pods = owned(api, podRt, ds)
    for (const node of nodes) {
      const nodeName = node.metadata.name ?? ''
      if (pods.some((p) => (p.spec as PodSpec).nodeName === nodeName)) continue
      const tpl = structuredClone(spec.template)
      api.create(podRt, ns, {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          ...(tpl.metadata ?? {}),
          name: `${name}-${randomSuffix()}`,
          namespace: ns,
          labels: {
            ...(tpl.metadata?.labels ?? {}),
            [HASH_LABEL]: hash,
            'pod-template-generation': String(ds.metadata.generation ?? 1)
          },
          ownerReferences: [ownerRef(ds)]
        },
        spec: { ...tpl.spec, nodeName }
      })
    }
    pods = owned(api, podRt, ds)
    const desired = nodes.length
    const ready = pods.filter(podReady).length
    const status: Dict = {
      currentNumberScheduled: pods.length,
      desiredNumberScheduled: desired,
      numberMisscheduled: 0,
      numberReady: ready,
      observedGeneration: ds.metadata.generation,
      updatedNumberScheduled: pods.filter((p) => p.metadata.labels?.[HASH_LABEL] === hash).length,
      numberAvailable: ready,
      ...(desired - ready > 0 ? { numberUnavailable: desired - ready } : {})
    }
    if (status.numberAvailable === 0) delete status.numberAvailable
    if (status.updatedNumberScheduled === 0) delete status.updatedNumberScheduled
    writeStatus(api, dsRt, ds, status)
  }

  private remove(ns: string, p: KubeObject): void {
    try {
      this.ctx.api.delete(this.ctx.api.rt('v1', 'Pod'), ns, p.metadata.name ?? '')
    } catch (e) {
      if (!(e instanceof ApiError)) throw e
    }
  }
}

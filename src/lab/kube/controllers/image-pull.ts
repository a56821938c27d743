// The kubelet's image pull, for images the lab's registry does not have (fault `missingImages`):
// the pod stays Pending with its container waiting in ErrImagePull, then ImagePullBackOff, with the
// events a real kubelet and containerd record. Nothing ever starts; a Job's own
// activeDeadlineSeconds is what would end it, as on a real cluster.
import { now } from '../api'
import type { Condition, Dict, KubeObject, PodSpec } from '../types'
import { setCondition, writeStatus, type ControllerContext } from './runtime'

/** The kubelet's first image pull back-off (it doubles up to 5 min; the lab keeps the first). */
const PULL_BACKOFF_MS = 10_000

/** The first container image of the pod that the lab's registry does not have. */
export function missingImage(ctx: ControllerContext, pod: KubeObject): string | undefined {
  const rules = ctx.faults.missingImages ?? []
  if (rules.length === 0) return undefined
  const spec = pod.spec as PodSpec
  const images = [...(spec.initContainers ?? []), ...spec.containers].map((c) => c.image ?? '')
  return images.find((image) =>
    rules.some((r) => (r instanceof RegExp ? r.test(image) : r === image))
  )
}

/** containerd's words for a reference the registry does not know. */
export function notFoundMessage(image: string): string {
  return (
    `rpc error: code = NotFound desc = failed to pull and unpack image "${image}": ` +
    `failed to resolve reference "${image}": ${image}: not found`
  )
}

function waitingStatus(pod: KubeObject, image: string, reason: string, message: string): Dict {
  const spec = pod.spec as PodSpec
  const st = (pod.status ?? {}) as Dict
  const names = spec.containers.map((c) => c.name).join(' ')
  const notReady = {
    status: 'False' as const,
    reason: 'ContainersNotReady',
    message: `containers with unready status: [${names}]`
  }
  let conditions = (st.conditions as Condition[] | undefined) ?? []
  conditions = setCondition(conditions, { type: 'PodReadyToStartContainers', status: 'True' })
  conditions = setCondition(conditions, { type: 'Initialized', status: 'True' })
  conditions = setCondition(conditions, { type: 'Ready', ...notReady })
  conditions = setCondition(conditions, { type: 'ContainersReady', ...notReady })
  return {
    ...st,
    phase: 'Pending',
    startTime: st.startTime ?? now(),
    conditions,
    containerStatuses: spec.containers.map((c) => ({
      name: c.name,
      image: c.image ?? '',
      imageID: '',
      ready: false,
      started: false,
      restartCount: 0,
      state: {
        waiting:
          c.image === image ? { reason, message } : { reason: 'PodInitializing', message: '' }
      }
    }))
  }
}

/**
 * Models the failed pull of `image` for the pod: ErrImagePull at once (after the pull attempt),
 * ImagePullBackOff after the first back-off, unless the pod is gone or replaced by then.
 */
export function failImagePull(ctx: ControllerContext, pod: KubeObject, image: string): void {
  const { api, events, clock } = ctx
  const podRt = api.rt('v1', 'Pod')
  const message = notFoundMessage(image)
  events.record(pod, 'Normal', 'Pulling', `Pulling image "${image}"`, 'kubelet')
  writeStatus(api, podRt, pod, waitingStatus(pod, image, 'ErrImagePull', message))
  events.record(pod, 'Warning', 'Failed', `Failed to pull image "${image}": ${message}`, 'kubelet')
  events.record(pod, 'Warning', 'Failed', 'Error: ErrImagePull', 'kubelet')
  clock.after(PULL_BACKOFF_MS, () => {
    const cur = api.store.peek('pods', pod.metadata.namespace, pod.metadata.name ?? '')
    if (!cur || cur.metadata.uid !== pod.metadata.uid || cur.metadata.deletionTimestamp) return
    const backOff = `Back-off pulling image "${image}"`
    writeStatus(api, podRt, cur, waitingStatus(cur, image, 'ImagePullBackOff', backOff))
    events.record(cur, 'Normal', 'BackOff', backOff, 'kubelet')
    events.record(cur, 'Warning', 'Failed', 'Error: ImagePullBackOff', 'kubelet')
  })
}

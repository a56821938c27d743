// core/v1 Events, deduplicated like the real recorder (same object, reason and message bump the
// count), so a failure report can show `kubectl get events` or describe-style output.
import { randomBytes } from 'node:crypto'
import { now, type KubeApi } from '../api'
import { ApiError } from '../status'
import type { KubeObject } from '../types'

export class EventRecorder {
  constructor(private readonly api: KubeApi) {}

  record(
    involved: KubeObject,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    component: string
  ): void {
    const ns = involved.metadata.namespace ?? 'default'
    const rt = this.api.rt('v1', 'Event')
    const t = now()
    const existing = this.api.store
      .scan('events', ns)
      .find(
        (e) =>
          (e.involvedObject as { uid?: string } | undefined)?.uid === involved.metadata.uid &&
          e.reason === reason &&
          e.message === message
      )
    try {
      if (existing) {
        this.api.update(rt, ns, existing.metadata.name ?? '', {
          ...existing,
          count: Number(existing.count ?? 1) + 1,
          lastTimestamp: t
        })
        return
      }
      const hex = randomBytes(8).toString('hex')
      this.api.create(rt, ns, {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name: `${involved.metadata.name ?? 'object'}.${hex}`, namespace: ns },
        involvedObject: {
          apiVersion: involved.apiVersion,
          kind: involved.kind,
          name: involved.metadata.name,
          namespace: involved.metadata.namespace,
          uid: involved.metadata.uid,
          resourceVersion: involved.metadata.resourceVersion
        },
        reason,
        message,
        type,
        count: 1,
        firstTimestamp: t,
        lastTimestamp: t,
        source: { component },
        reportingComponent: component,
        reportingInstance: ''
      })
    } catch (e) {
      // The namespace may be terminating; losing an event is fine.
      if (!(e instanceof ApiError)) throw e
    }
  }
}

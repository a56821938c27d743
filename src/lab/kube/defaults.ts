// Defaulting the real API server does on write, limited to the fields kubectl (rollout status,
// wait), helm's readiness checks and the lab controllers read: a DaemonSet without
// updateStrategy.type, for example, makes `kubectl rollout status` refuse to work.
import { isObject } from './patch'
import type { Dict, KubeObject } from './types'

function obj(parent: Dict, key: string): Dict {
  const v = parent[key]
  if (isObject(v)) return v
  const fresh: Dict = {}
  parent[key] = fresh
  return fresh
}

function dflt(o: Dict, key: string, value: unknown): void {
  if (o[key] === undefined || o[key] === null) o[key] = value
}

function containerDefaults(c: Dict): void {
  const image = String(c.image ?? '')
  const tagless = !image.includes('@') && !/:[^/]+$/.test(image)
  dflt(c, 'imagePullPolicy', tagless || image.endsWith(':latest') ? 'Always' : 'IfNotPresent')
  dflt(c, 'terminationMessagePath', '/dev/termination-log')
  dflt(c, 'terminationMessagePolicy', 'File')
  dflt(c, 'resources', {})
  if (Array.isArray(c.ports)) for (const p of c.ports) if (isObject(p)) dflt(p, 'protocol', 'TCP')
}

export function podSpecDefaults(spec: Dict): void {
  dflt(spec, 'restartPolicy', 'Always')
  dflt(spec, 'dnsPolicy', 'ClusterFirst')
  dflt(spec, 'schedulerName', 'default-scheduler')
  dflt(spec, 'terminationGracePeriodSeconds', 30)
  dflt(spec, 'securityContext', {})
  dflt(spec, 'containers', [])
  for (const list of ['containers', 'initContainers']) {
    const l = spec[list]
    if (Array.isArray(l)) for (const c of l) if (isObject(c)) containerDefaults(c)
  }
}

function templateDefaults(spec: Dict): void {
  const tpl = obj(spec, 'template')
  obj(tpl, 'metadata')
  podSpecDefaults(obj(tpl, 'spec'))
}

export function applyDefaults(o: KubeObject): void {
  const spec = isObject(o.spec) ? o.spec : undefined
  switch (o.kind) {
    case 'Deployment': {
      if (!spec) break
      dflt(spec, 'replicas', 1)
      dflt(spec, 'revisionHistoryLimit', 10)
      dflt(spec, 'progressDeadlineSeconds', 600)
      const strategy = obj(spec, 'strategy')
      dflt(strategy, 'type', 'RollingUpdate')
      if (strategy.type === 'RollingUpdate') {
        const ru = obj(strategy, 'rollingUpdate')
        dflt(ru, 'maxSurge', '25%')
        dflt(ru, 'maxUnavailable', '25%')
      }
      templateDefaults(spec)
      break
    }
    case 'ReplicaSet':
      if (!spec) break
      dflt(spec, 'replicas', 1)
      templateDefaults(spec)
      break
    case 'DaemonSet': {
      if (!spec) break
      dflt(spec, 'revisionHistoryLimit', 10)
      const us = obj(spec, 'updateStrategy')
      dflt(us, 'type', 'RollingUpdate')
      if (us.type === 'RollingUpdate') {
        const ru = obj(us, 'rollingUpdate')
        dflt(ru, 'maxUnavailable', 1)
        dflt(ru, 'maxSurge', 0)
      }
      templateDefaults(spec)
      break
    }
    case 'StatefulSet': {
      if (!spec) break
      dflt(spec, 'replicas', 1)
      dflt(spec, 'podManagementPolicy', 'OrderedReady')
      dflt(spec, 'revisionHistoryLimit', 10)
      const us = obj(spec, 'updateStrategy')
      dflt(us, 'type', 'RollingUpdate')
      if (us.type === 'RollingUpdate') dflt(obj(us, 'rollingUpdate'), 'partition', 0)
      const retention = obj(spec, 'persistentVolumeClaimRetentionPolicy')
      dflt(retention, 'whenDeleted', 'Retain')
      dflt(retention, 'whenScaled', 'Retain')
      templateDefaults(spec)
      break
    }
    case 'Job': {
      if (!spec) break
      dflt(spec, 'parallelism', 1)
      dflt(spec, 'completions', 1)
      dflt(spec, 'backoffLimit', 6)
      dflt(spec, 'completionMode', 'NonIndexed')
      dflt(spec, 'suspend', false)
      dflt(spec, 'manualSelector', undefined)
      templateDefaults(spec)
      // Jobs own their pods through a generated selector on the Job's uid.
      const uid = o.metadata.uid ?? ''
      if (spec.manualSelector !== true && uid) {
        const tplMeta = obj(obj(spec, 'template'), 'metadata')
        const labels = obj(tplMeta, 'labels') as Record<string, string>
        labels['batch.kubernetes.io/controller-uid'] ??= uid
        labels['batch.kubernetes.io/job-name'] ??= o.metadata.name ?? ''
        labels['controller-uid'] ??= uid
        labels['job-name'] ??= o.metadata.name ?? ''
        dflt(spec, 'selector', { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } })
      }
      if (spec.manualSelector === undefined) delete spec.manualSelector
      break
    }
    case 'CronJob':
      if (!spec) break
      dflt(spec, 'concurrencyPolicy', 'Allow')
      dflt(spec, 'suspend', false)
      dflt(spec, 'successfulJobsHistoryLimit', 3)
      dflt(spec, 'failedJobsHistoryLimit', 1)
      break
    case 'Pod':
      podSpecDefaults(obj(o, 'spec'))
      dflt(obj(o, 'status'), 'phase', 'Pending')
      break
    case 'Service': {
      const s = obj(o, 'spec')
      dflt(s, 'type', 'ClusterIP')
      dflt(s, 'sessionAffinity', 'None')
      if (s.type !== 'ExternalName') {
        dflt(s, 'ipFamilies', ['IPv4'])
        dflt(s, 'ipFamilyPolicy', 'SingleStack')
        dflt(s, 'internalTrafficPolicy', 'Cluster')
      }
      if (s.type === 'NodePort' || s.type === 'LoadBalancer')
        dflt(s, 'externalTrafficPolicy', 'Cluster')
      if (s.type === 'LoadBalancer') dflt(s, 'allocateLoadBalancerNodePorts', true)
      if (Array.isArray(s.ports)) {
        for (const p of s.ports) {
          if (!isObject(p)) continue
          dflt(p, 'protocol', 'TCP')
          dflt(p, 'targetPort', p.port)
        }
      }
      obj(obj(o, 'status'), 'loadBalancer')
      break
    }
    case 'PersistentVolumeClaim': {
      const s = obj(o, 'spec')
      dflt(s, 'volumeMode', 'Filesystem')
      dflt(obj(o, 'status'), 'phase', 'Pending')
      break
    }
    case 'PersistentVolume':
      dflt(obj(o, 'spec'), 'persistentVolumeReclaimPolicy', 'Retain')
      dflt(obj(o, 'status'), 'phase', 'Available')
      break
    case 'Namespace': {
      const labels = (o.metadata.labels ??= {})
      labels['kubernetes.io/metadata.name'] = o.metadata.name ?? ''
      dflt(obj(o, 'spec'), 'finalizers', ['kubernetes'])
      dflt(obj(o, 'status'), 'phase', 'Active')
      break
    }
    case 'Secret': {
      dflt(o, 'type', 'Opaque')
      if (isObject(o.stringData)) {
        const data = obj(o, 'data')
        for (const [k, v] of Object.entries(o.stringData))
          data[k] = Buffer.from(String(v)).toString('base64')
        delete o.stringData
      }
      break
    }
    case 'StorageClass':
      dflt(o, 'reclaimPolicy', 'Delete')
      dflt(o, 'volumeBindingMode', 'Immediate')
      break
  }
}

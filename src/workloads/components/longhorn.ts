// Longhorn: data path per distro (values overlays), replica count from the settings, `longhorn`
// as default StorageClass plus a `longhorn-nvme` class, UI through the ingress.
import { defaultClassCheck, existsCheck, pvcBindsCheck } from '../checks'
import type { Component } from '../types'
import { DEFAULT_CLASS_ANNOTATION, INGRESS_CLASS, PRIVILEGED } from './common'

export const longhorn: Component = {
  name: 'longhorn',
  chartVersion: (inv) => inv.versions.charts.longhorn,
  release: 'longhorn',
  namespace: 'longhorn-system',
  chart: { name: 'longhorn', repo: 'https://charts.longhorn.io' },
  namespaceLabels: PRIVILEGED,
  dependsOn: [],
  values: ({ settings }) => ({
    persistence: { defaultClassReplicaCount: settings.replicas },
    // Since 1.11 a per-data-engine JSON string (tools.md §5.4).
    defaultSettings: {
      defaultReplicaCount: JSON.stringify({
        v1: String(settings.replicas),
        v2: String(settings.replicas)
      })
    },
    ingress: { enabled: true, ingressClassName: INGRESS_CLASS, host: `longhorn.${settings.domain}` }
  }),
  workloads: () => [
    { kind: 'daemonset', name: 'longhorn-manager' },
    { kind: 'deployment', name: 'longhorn-driver-deployer' },
    { kind: 'deployment', name: 'longhorn-ui' }
  ],
  manifests: ({ settings }) => [
    {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'longhorn-nvme' },
      provisioner: 'driver.longhorn.io',
      allowVolumeExpansion: true,
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'Immediate',
      // No diskSelector yet: both distros put the default data path on the NVMe, and disks get
      // their `nvme` tag only once node disk registration exists.
      parameters: {
        numberOfReplicas: String(settings.replicas),
        staleReplicaTimeout: '2880',
        dataLocality: 'best-effort'
      }
    }
  ],
  checks: [
    defaultClassCheck('storageclass', 'longhorn', DEFAULT_CLASS_ANNOTATION),
    existsCheck('storageclass', 'longhorn-nvme', true),
    pvcBindsCheck('longhorn')
  ]
}

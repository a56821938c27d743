// Longhorn: data path per distro (values overlays), replica count from the settings, `longhorn`
// as default StorageClass plus a `longhorn-nvme` class, UI through the ingress.
import { defaultClassCheck, existsCheck, pvcBindsCheck } from '../checks'
import { registerNvmeDisks, NVME_TAGS } from '../longhorn-disks'
import type { Component, Values } from '../types'
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
      // Node disk registration (configure, below) tags the NVMe disk of every node `nvme`.
      parameters: {
        diskSelector: NVME_TAGS[0],
        numberOfReplicas: String(settings.replicas),
        staleReplicaTimeout: '2880',
        dataLocality: 'best-effort'
      }
    }
  ],
  configure: {
    name: 'NVMe disk registered on each node',
    run: async ({ kubectl, inventory, settings, values }) => {
      const dataPath = (values.defaultSettings as Values | undefined)?.defaultDataPath
      const withDisk = inventory.nodes.filter((n) => n.disks.data !== null)
      return registerNvmeDisks(kubectl, {
        dataPath: typeof dataPath === 'string' ? dataPath : '/var/lib/longhorn',
        // Talos keeps data off the tainted control plane (as defaultReplicas counts them).
        expected: withDisk
          .filter((n) => settings.distro === 'k3s' || n.role === 'worker')
          .map((n) => n.hostname),
        candidates: withDisk.map((n) => n.hostname),
        waitS: Math.min(settings.timeoutS, 120)
      })
    }
  },
  checks: [
    defaultClassCheck('storageclass', 'longhorn', DEFAULT_CLASS_ANNOTATION),
    existsCheck('storageclass', 'longhorn-nvme', true),
    pvcBindsCheck('longhorn')
  ]
}

// Optional metrics-server (off by default). On Talos the kubelet serving certificates are
// self-signed unless rotation/approval is set up, hence `--kubelet-insecure-tls` in the Talos
// overlay. K3s bundles its own metrics-server: disable it (`--disable=metrics-server`) first.
import type { Check, Component } from '../types'

/** The inventory has no pin for it yet; 3.13.0 is metrics-server v0.8.0. [verify] */
export const METRICS_SERVER_CHART_VERSION = '3.13.0'

export const metricsServer: Component = {
  name: 'metrics-server',
  chartVersion: () => METRICS_SERVER_CHART_VERSION,
  release: 'metrics-server',
  namespace: 'kube-system',
  chart: { name: 'metrics-server', repo: 'https://kubernetes-sigs.github.io/metrics-server/' },
  namespaceLabels: {},
  dependsOn: [],
  values: () => ({}),
  workloads: () => [{ kind: 'deployment', name: 'metrics-server' }],
  checks: [availableCheck()]
}

/** The rollout wait passed; this names what was seen, so the summary shows the replicas. */
function availableCheck(): Check {
  return {
    name: 'Deployment metrics-server available',
    run: async (ctx) => {
      const d = await ctx.kubectl.find<{
        spec?: { replicas?: number }
        status?: { availableReplicas?: number }
      }>('deployment', 'metrics-server', ctx.namespace)
      if (!d) throw new Error('Deployment metrics-server not found')
      const want = d.spec?.replicas ?? 1
      const have = d.status?.availableReplicas ?? 0
      if (have < want) throw new Error(`${have} of ${want} replicas available`)
      return `${have}/${want} replicas available`
    }
  }
}

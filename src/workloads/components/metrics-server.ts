// Optional metrics-server (off by default). On Talos the kubelet serving certificates are
// self-signed unless rotation/approval is set up, hence `--kubelet-insecure-tls` in the Talos
// overlay. K3s bundles its own metrics-server: disable it (`--disable=metrics-server`) first.
import type { Component } from '../types'

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
  checks: []
}

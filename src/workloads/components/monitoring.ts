// kube-prometheus-stack (release `prometheus`): after Longhorn (its PVCs need the class) and the
// ingress (UIs by host name). Target disabling per distro lives in the values overlays.
import { randomBytes } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { claimsBoundCheck, existsCheck } from '../checks'
import type { Component, PrepareContext, PrepareOutcome } from '../types'
import { defaultValuesDir } from '../values'
import { INGRESS_CLASS, PRIVILEGED } from './common'

export const DASHBOARDS_CONFIGMAP = 'rk1-grafana-dashboards'

/**
 * The dashboards kept in `workloads/dashboards/*.json`, as one ConfigMap that the Grafana sidecar
 * loads (label `grafana_dashboard: "1"`, values: sidecar.dashboards).
 */
export function dashboardsConfigMap(dir = path.join(defaultValuesDir(), '..', 'dashboards')) {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: DASHBOARDS_CONFIGMAP,
      namespace: 'monitoring',
      labels: { grafana_dashboard: '1', 'app.kubernetes.io/managed-by': 'rk1' }
    },
    // Parsed and re-serialised: a broken file fails here, not silently in Grafana.
    data: Object.fromEntries(
      files.map((f) => [f, JSON.stringify(JSON.parse(readFileSync(path.join(dir, f), 'utf8')))])
    )
  }
}

export const GRAFANA_SECRET = 'grafana-admin'

/**
 * The admin Secret the values point at; an existing one is kept when no password is given. Grafana
 * reads the password at start, so a changed one restarts Grafana (its database is not persisted
 * by our values, so the new start takes the new password).
 */
async function ensureGrafanaSecret(ctx: PrepareContext): Promise<PrepareOutcome | void> {
  let password = ctx.grafanaAdminPassword
  const existing = await ctx.kubectl.find<{ data?: Record<string, string> }>(
    'secret',
    GRAFANA_SECRET,
    ctx.namespace
  )
  if (!password) {
    if (existing) return
    password = randomBytes(18).toString('base64url')
    ctx.mask(password)
    ctx.output('grafana-admin-password', password)
  }
  ctx.mask(password)
  const secret = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: GRAFANA_SECRET, namespace: ctx.namespace },
    type: 'Opaque',
    stringData: { 'admin-user': 'admin', 'admin-password': password }
  }
  // Through stdin: a secret never appears on a command line.
  await ctx.kubectl.apply(JSON.stringify(secret))
  const before = existing?.data?.['admin-password']
  if (before !== undefined && Buffer.from(before, 'base64').toString('utf8') !== password)
    return {
      restart: [{ kind: 'deployment', name: 'prometheus-grafana' }],
      check: {
        name: 'Grafana admin password',
        detail: 'changed: prometheus-grafana restarted to apply it'
      }
    }
}

const ingress = (host: string) => ({
  enabled: true,
  ingressClassName: INGRESS_CLASS,
  hosts: [host],
  paths: ['/']
})

export const kubePrometheusStack: Component = {
  name: 'kube-prometheus-stack',
  chartVersion: (inv) => inv.versions.charts.kubePrometheusStack,
  release: 'prometheus',
  namespace: 'monitoring',
  chart: {
    name: 'kube-prometheus-stack',
    repo: 'https://prometheus-community.github.io/helm-charts'
  },
  // node-exporter uses hostNetwork, hostPID and the host root fs.
  namespaceLabels: PRIVILEGED,
  dependsOn: ['longhorn', 'traefik', 'ingress-nginx'],
  values: ({ settings }) => ({
    grafana: {
      admin: {
        existingSecret: GRAFANA_SECRET,
        userKey: 'admin-user',
        passwordKey: 'admin-password'
      },
      ingress: {
        enabled: true,
        ingressClassName: INGRESS_CLASS,
        hosts: [`grafana.${settings.domain}`],
        path: '/'
      }
    },
    prometheus: { ingress: ingress(`prometheus.${settings.domain}`) },
    alertmanager: { ingress: ingress(`alertmanager.${settings.domain}`) }
  }),
  workloads: () => [
    { kind: 'deployment', name: 'prometheus-kube-prometheus-operator' },
    { kind: 'deployment', name: 'prometheus-grafana' },
    { kind: 'deployment', name: 'prometheus-kube-state-metrics' },
    { kind: 'daemonset', name: 'prometheus-prometheus-node-exporter' },
    { kind: 'statefulset', name: 'prometheus-prometheus-kube-prometheus-prometheus' },
    { kind: 'statefulset', name: 'alertmanager-prometheus-kube-prometheus-alertmanager' }
  ],
  prepare: ensureGrafanaSecret,
  manifests: () => [
    dashboardsConfigMap(),
    {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'ServiceMonitor',
      metadata: {
        name: 'longhorn-prometheus-servicemonitor',
        namespace: 'monitoring',
        labels: { release: 'prometheus' }
      },
      spec: {
        selector: { matchLabels: { app: 'longhorn-manager' } },
        namespaceSelector: { matchNames: ['longhorn-system'] },
        endpoints: [{ port: 'manager', path: '/metrics', interval: '30s' }]
      }
    }
  ],
  checks: [
    claimsBoundCheck(),
    existsCheck('servicemonitor.monitoring.coreos.com', 'longhorn-prometheus-servicemonitor'),
    existsCheck('ingress', 'prometheus-grafana'),
    existsCheck('configmap', DASHBOARDS_CONFIGMAP)
  ]
}

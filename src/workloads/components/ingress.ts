// Ingress controllers. Default: Traefik with its kubernetesIngressNGINX provider, which serves
// the `nginx`-class Ingresses of the original setup (tools.md §5.3). ingress-nginx stays available
// for parity but is retired upstream (no security fixes since March 2026).
import { defaultClassCheck, existsCheck, loadBalancerIpCheck } from '../checks'
import type { Component, ValuesContext } from '../types'
import { DEFAULT_INGRESS_CLASS_ANNOTATION, INGRESS_CLASS } from './common'

export const INGRESS_NGINX_WARNING =
  'ingress-nginx is retired upstream: no releases or security fixes since March 2026, and its ' +
  'last chart (4.15.1) is tested only up to Kubernetes 1.35. Prefer the default (Traefik, which ' +
  'serves the same nginx-class Ingresses).'

const fixedIpAnnotation = ({ inventory }: ValuesContext) => ({
  'metallb.io/loadBalancerIPs': inventory.network.ingressIp
})

export const traefik: Component = {
  name: 'traefik',
  chartVersion: (inv) => inv.versions.charts.traefik,
  release: 'traefik',
  namespace: 'traefik',
  chart: { name: 'traefik', repo: 'https://traefik.github.io/charts' },
  namespaceLabels: {},
  dependsOn: ['metallb'],
  values: (ctx) => ({ service: { annotations: fixedIpAnnotation(ctx) } }),
  workloads: () => [{ kind: 'deployment', name: 'traefik' }],
  checks: [
    loadBalancerIpCheck('traefik', (c) => c.inventory.network.ingressIp),
    defaultClassCheck('ingressclass', INGRESS_CLASS, DEFAULT_INGRESS_CLASS_ANNOTATION)
  ]
}

export const ingressNginx: Component = {
  name: 'ingress-nginx',
  chartVersion: (inv) => inv.versions.charts.ingressNginx,
  release: 'ingress-nginx',
  namespace: 'ingress-nginx',
  chart: { name: 'ingress-nginx', repo: 'https://kubernetes.github.io/ingress-nginx' },
  namespaceLabels: {},
  dependsOn: ['metallb'],
  values: (ctx) => ({ controller: { service: { annotations: fixedIpAnnotation(ctx) } } }),
  workloads: () => [{ kind: 'deployment', name: 'ingress-nginx-controller' }],
  checks: [
    loadBalancerIpCheck('ingress-nginx-controller', (c) => c.inventory.network.ingressIp),
    defaultClassCheck('ingressclass', INGRESS_CLASS, DEFAULT_INGRESS_CLASS_ANNOTATION),
    existsCheck('ingressclass', INGRESS_CLASS, true)
  ]
}

/**
 * Every pinned version, in one place. An inventory's `versions` section overrides any of them.
 * Sources: /work/shared/specs/tools.md §0 (August 2026 snapshot) and §5.
 */
import type { Versions } from './types'

export const DEFAULT_VERSIONS: Readonly<Versions> = Object.freeze({
  talos: 'v1.13.9',
  // Kubernetes 1.35, not Talos 1.13's default 1.36: ingress-nginx 4.15.1 (final release) is only
  // tested up to 1.35 (tools.md §5.3), and K3s below runs the same Kubernetes, so the nightly
  // Talos-vs-K3s comparison measures the distros rather than two Kubernetes versions.
  kubernetes: '1.35.8',
  k3s: 'v1.35.8+k3s1',
  helm: 'v4.2.4',
  // The client of the pinned Kubernetes (kubectl supports one minor either side of the server).
  kubectl: 'v1.35.8',
  charts: Object.freeze({
    metallb: '0.16.1',
    // Chart v40 renamed the ingress-nginx compatibility provider (tools.md §5.3); older charts
    // would silently ignore `providers.kubernetesIngressNGINX`.
    traefik: '40.0.0',
    ingressNginx: '4.15.1',
    longhorn: '1.12.1',
    kubePrometheusStack: '88.5.3'
  })
})

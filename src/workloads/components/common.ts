// Shared bits of the component definitions.

/** Pod security labels for namespaces whose pods need host access (Talos enforces baseline). */
export const PRIVILEGED: Record<string, string> = {
  'pod-security.kubernetes.io/enforce': 'privileged',
  'pod-security.kubernetes.io/audit': 'privileged',
  'pod-security.kubernetes.io/warn': 'privileged'
}

/** The IngressClass every UI Ingress uses: served by Traefik's NGINX provider or ingress-nginx. */
export const INGRESS_CLASS = 'nginx'

export const DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class'
export const DEFAULT_INGRESS_CLASS_ANNOTATION = 'ingressclass.kubernetes.io/is-default-class'

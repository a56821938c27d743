// Kubeconfig documents for the emulator: the CA inline and a bearer token per user, which both
// kubectl and helm accept without any client certificate.
import { stringify } from 'yaml'

export interface KubeconfigParams {
  server: string
  caPem: string
  user: string
  token: string
  cluster?: string
  context?: string
}

export function renderKubeconfig(p: KubeconfigParams): string {
  const cluster = p.cluster ?? 'rk1-lab'
  const context = p.context ?? `${p.user}@${cluster}`
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    preferences: {},
    clusters: [
      {
        name: cluster,
        cluster: {
          server: p.server,
          'certificate-authority-data': Buffer.from(p.caPem).toString('base64')
        }
      }
    ],
    users: [{ name: p.user, user: { token: p.token } }],
    contexts: [{ name: context, context: { cluster, user: p.user } }],
    'current-context': context
  })
}

/**
 * Secrets bundles, machine configs and talosconfigs shaped like the ones real talosctl writes
 * (v1alpha1, Go yaml.v3 with 4-space indentation), plus the few readers the lab node needs.
 */
import { randomBytes } from 'node:crypto'
import { parseAllDocuments, stringify } from 'yaml'
import { b64, issue, newCa, newKeyPem, unb64, type CertKey } from './pki'

export interface B64CertKey {
  crt: string
  key: string
}

export interface SecretsBundle {
  cluster: { id: string; secret: string }
  secrets: { bootstraptoken: string; secretboxencryptionsecret: string }
  trustdinfo: { token: string }
  certs: {
    etcd: B64CertKey
    k8s: B64CertKey
    k8saggregator: B64CertKey
    k8sserviceaccount: { key: string }
    os: B64CertKey
  }
}

export const yamlOut = (value: unknown): string =>
  stringify(value, { indent: 4, indentSeq: true, lineWidth: 0 })

function token(a: number, b: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789'
  const pick = (n: number): string =>
    Array.from(randomBytes(n), (x) => alphabet[x % alphabet.length]).join('')
  return `${pick(a)}.${pick(b)}`
}

const enc = (c: CertKey): B64CertKey => ({ crt: b64(c.crt), key: b64(c.key) })

export async function generateSecrets(): Promise<SecretsBundle> {
  const [etcd, k8s, agg, os] = await Promise.all([
    newCa('etcd', 'etcd'),
    newCa('kubernetes', 'kubernetes'),
    newCa('front-proxy'),
    newCa('talos', 'talos')
  ])
  return {
    cluster: {
      id: randomBytes(32).toString('base64url'),
      secret: randomBytes(32).toString('base64')
    },
    secrets: {
      bootstraptoken: token(6, 16),
      secretboxencryptionsecret: randomBytes(32).toString('base64')
    },
    trustdinfo: { token: token(6, 16) },
    certs: {
      etcd: enc(etcd),
      k8s: enc(k8s),
      k8saggregator: enc(agg),
      k8sserviceaccount: { key: b64(newKeyPem()) },
      os: enc(os)
    }
  }
}

/** Throws a readable error when a secrets file misses what configs need. */
export function parseSecrets(text: string): SecretsBundle {
  const docs = parseAllDocuments(text)
  const value = docs[0]?.toJS() as Partial<SecretsBundle> | undefined
  if (!value?.certs?.os?.crt || !value.certs.os.key || !value.cluster?.id || !value.certs.k8s) {
    throw new Error('failed to load secrets bundle: missing certs.os, certs.k8s or cluster.id')
  }
  return value as SecretsBundle
}

export interface GenConfigInput {
  clusterName: string
  endpoint: string
  secrets: SecretsBundle
  kubernetesVersion: string
  installDisk: string
  installImage: string
  additionalSans: string[]
  withExamples: boolean
}

function kubeletImage(v: string): string {
  return `ghcr.io/siderolabs/kubelet:v${v}`
}

export function machineConfig(input: GenConfigInput, type: 'controlplane' | 'worker'): string {
  const s = input.secrets
  const cp = type === 'controlplane'
  const v = input.kubernetesVersion
  const host = new URL(input.endpoint).hostname
  const sans = [...new Set([host, ...input.additionalSans])]
  const machine: Record<string, unknown> = {
    type,
    token: s.trustdinfo.token,
    ca: { crt: s.certs.os.crt, key: cp ? s.certs.os.key : '' },
    certSANs: input.additionalSans,
    kubelet: {
      image: kubeletImage(v),
      defaultRuntimeSeccompProfileEnabled: true,
      disableManifestsDirectory: true
    },
    network: {},
    install: {
      disk: input.installDisk,
      image: input.installImage,
      wipe: false
    },
    features: {
      rbac: true,
      stableHostname: true,
      apidCheckExtKeyUsage: true,
      diskQuotaSupport: true,
      kubePrism: { enabled: true, port: 7445 },
      hostDNS: { enabled: true, forwardKubeDNSToHost: true }
    },
    nodeLabels: cp ? { 'node.kubernetes.io/exclude-from-external-load-balancers': '' } : undefined
  }
  if (!cp) delete machine.nodeLabels
  const cluster: Record<string, unknown> = {
    id: s.cluster.id,
    secret: s.cluster.secret,
    controlPlane: { endpoint: input.endpoint },
    clusterName: input.clusterName,
    network: {
      dnsDomain: 'cluster.local',
      podSubnets: ['10.244.0.0/16'],
      serviceSubnets: ['10.96.0.0/12']
    },
    token: s.secrets.bootstraptoken,
    ca: { crt: s.certs.k8s.crt, key: cp ? s.certs.k8s.key : '' }
  }
  if (cp) {
    Object.assign(cluster, {
      secretboxEncryptionSecret: s.secrets.secretboxencryptionsecret,
      aggregatorCA: s.certs.k8saggregator,
      serviceAccount: { key: s.certs.k8sserviceaccount.key },
      apiServer: {
        image: `registry.k8s.io/kube-apiserver:v${v}`,
        certSANs: sans,
        disablePodSecurityPolicy: true,
        admissionControl: [
          {
            name: 'PodSecurity',
            configuration: {
              apiVersion: 'pod-security.admission.config.k8s.io/v1alpha1',
              kind: 'PodSecurityConfiguration',
              defaults: { audit: 'restricted', enforce: 'baseline', warn: 'restricted' },
              exemptions: { namespaces: ['kube-system'] }
            }
          }
        ]
      },
      controllerManager: { image: `registry.k8s.io/kube-controller-manager:v${v}` },
      proxy: { image: `registry.k8s.io/kube-proxy:v${v}` },
      scheduler: { image: `registry.k8s.io/kube-scheduler:v${v}` },
      discovery: {
        enabled: true,
        registries: { kubernetes: { disabled: true }, service: {} }
      },
      etcd: { ca: s.certs.etcd }
    })
  } else {
    cluster.discovery = {
      enabled: true,
      registries: { kubernetes: { disabled: true }, service: {} }
    }
  }
  return yamlOut({ version: 'v1alpha1', debug: false, persist: true, machine, cluster })
}

export async function talosconfig(
  contextName: string,
  secrets: SecretsBundle,
  endpoints: string[] = []
): Promise<string> {
  const os = { crt: unb64(secrets.certs.os.crt), key: unb64(secrets.certs.os.key) }
  const admin = await issue(os, { cn: 'admin', org: 'os:admin', client: true, days: 365 })
  return yamlOut({
    context: contextName,
    contexts: {
      [contextName]: {
        endpoints,
        ca: secrets.certs.os.crt,
        crt: b64(admin.crt),
        key: b64(admin.key)
      }
    }
  })
}

/** What the node needs from an applied config (all multi-doc forms included). */
export interface ConfigFacts {
  type: 'controlplane' | 'worker'
  clusterId: string
  clusterName: string
  endpoint: string
  osCa: CertKey
  hostname?: string
  autoHostname: boolean
  installImage?: string
  userVolumes: string[]
}

export type Doc = Record<string, unknown>

export function parseDocs(text: string): Doc[] {
  const docs = parseAllDocuments(text)
  const out: Doc[] = []
  for (const d of docs) {
    if (d.errors.length) throw new Error(d.errors[0]?.message ?? 'invalid YAML')
    const js = d.toJS() as unknown
    if (js && typeof js === 'object') out.push(js as Doc)
  }
  return out
}

const get = (o: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>((at, k) => (at && typeof at === 'object' ? (at as Doc)[k] : undefined), o)

/** Validates an applied config like the node does and extracts its facts. */
export function configFacts(text: string): ConfigFacts {
  const docs = parseDocs(text)
  const main = docs.find((d) => d.version === 'v1alpha1' && !d.kind)
  if (!main)
    throw new Error(
      'configuration validation failed: 1 error occurred:\n\t* v1alpha1 config is missing'
    )
  const problems: string[] = []
  const type = get(main, 'machine', 'type')
  if (type !== 'controlplane' && type !== 'worker' && type !== 'init')
    problems.push(`unknown machine type "${String(type ?? '')}"`)
  const crt = get(main, 'machine', 'ca', 'crt')
  if (typeof crt !== 'string' || !crt) problems.push('machine.ca.crt is required')
  const endpoint = get(main, 'cluster', 'controlPlane', 'endpoint')
  if (typeof endpoint !== 'string' || !/^https:\/\/[^/]+:\d+/.test(endpoint))
    problems.push('cluster.controlPlane.endpoint is invalid')
  if (typeof get(main, 'machine', 'token') !== 'string') problems.push('machine.token is required')
  if (problems.length)
    throw new Error(
      `configuration validation failed: ${problems.length} error${problems.length > 1 ? 's' : ''} occurred:\n${problems.map((p) => `\t* ${p}`).join('\n')}`
    )
  const hostnameDoc = docs.find((d) => d.kind === 'HostnameConfig')
  const legacyHostname = get(main, 'machine', 'network', 'hostname')
  return {
    type: type === 'worker' ? 'worker' : 'controlplane',
    clusterId: String(get(main, 'cluster', 'id') ?? ''),
    clusterName: String(get(main, 'cluster', 'clusterName') ?? ''),
    endpoint: endpoint as string,
    osCa: { crt: unb64(crt as string), key: unb64(get(main, 'machine', 'ca', 'key') as string) },
    hostname:
      typeof hostnameDoc?.hostname === 'string'
        ? hostnameDoc.hostname
        : typeof legacyHostname === 'string'
          ? legacyHostname
          : undefined,
    autoHostname: hostnameDoc?.auto === 'stable',
    installImage: get(main, 'machine', 'install', 'image') as string | undefined,
    userVolumes: docs
      .filter((d) => d.kind === 'UserVolumeConfig' && typeof d.name === 'string')
      .map((d) => d.name as string)
  }
}

// Shapes shared by the lab Kubernetes API emulator. Objects are plain JSON; the typed views below
// only name the fields the emulator itself reads or writes.

export type Dict = Record<string, unknown>

export interface OwnerReference {
  apiVersion: string
  kind: string
  name: string
  uid: string
  controller?: boolean
  blockOwnerDeletion?: boolean
}

export interface ObjectMeta {
  name?: string
  generateName?: string
  namespace?: string
  uid?: string
  resourceVersion?: string
  generation?: number
  creationTimestamp?: string
  deletionTimestamp?: string
  labels?: Record<string, string>
  annotations?: Record<string, string>
  ownerReferences?: OwnerReference[]
  finalizers?: string[]
  [key: string]: unknown
}

export interface KubeObject {
  apiVersion: string
  kind: string
  metadata: ObjectMeta
  [key: string]: unknown
}

export interface Condition {
  type: string
  status: 'True' | 'False' | 'Unknown'
  reason?: string
  message?: string
  lastTransitionTime?: string
  lastUpdateTime?: string
  lastHeartbeatTime?: string
  lastProbeTime?: string | null
}

export interface LabelSelector {
  matchLabels?: Record<string, string>
  matchExpressions?: { key: string; operator: string; values?: string[] }[]
}

export interface Container {
  name: string
  image?: string
  command?: string[]
  args?: string[]
  env?: {
    name: string
    value?: string
    valueFrom?: {
      secretKeyRef?: { name: string; key: string; optional?: boolean }
      configMapKeyRef?: { name: string; key: string; optional?: boolean }
      fieldRef?: { fieldPath: string }
    }
  }[]
  [key: string]: unknown
}

export interface PodSpec {
  nodeName?: string
  nodeSelector?: Record<string, string>
  tolerations?: { key?: string; operator?: string; value?: string; effect?: string }[]
  containers: Container[]
  initContainers?: Container[]
  restartPolicy?: string
  volumes?: { name: string; persistentVolumeClaim?: { claimName: string } }[]
  [key: string]: unknown
}

export interface PodTemplate {
  metadata?: ObjectMeta
  spec: PodSpec
}

export interface Taint {
  key: string
  value?: string
  effect: string
}

/** One served version of a resource, as discovery announces it. */
export interface ResourceType {
  group: string
  version: string
  resource: string
  kind: string
  listKind: string
  singular: string
  namespaced: boolean
  shortNames: string[]
  categories: string[]
  verbs: string[]
  subresources: string[]
  /** Set for resources defined by a CustomResourceDefinition (its metadata.name). */
  crd?: string
  printerColumns?: PrinterColumn[]
}

export interface PrinterColumn {
  name: string
  type: string
  jsonPath: string
  description?: string
  priority?: number
  format?: string
}

export interface ObjectMatcher {
  kind?: string
  namespace?: string
  name?: string | RegExp
  labels?: Record<string, string>
}

export interface ApiErrorRule {
  method?: string
  /** Matched against the request path (no query). */
  path: string | RegExp
  status: number
  message?: string
  /** How many requests to fail; unlimited when omitted. */
  times?: number
  /** Active only from/until these times (epoch ms): an outage window. */
  from?: number
  until?: number
}

/** Mutable at run time through `emulator.faults`. */
export interface KubeFaults {
  /** Workloads (Deployment, StatefulSet, DaemonSet, ReplicaSet, Pod) whose pods never become Ready. */
  neverReady?: ObjectMatcher[]
  /** Requests answered with an error Status instead of being served. */
  apiErrors?: ApiErrorRule[]
  /**
   * Image references the lab's registry does not have: a pod using one stays Pending in
   * ErrImagePull, then ImagePullBackOff (image-pull.ts).
   */
  missingImages?: (string | RegExp)[]
  /**
   * Nodes whose kubelet stopped (emulator.stopKubelet): their containers are gone, nothing on
   * them reports any more, and the node turns Ready=Unknown after the grace period.
   */
  stoppedKubelets?: string[]
}

export interface NodeRegistration {
  ip: string
  labels?: Record<string, string>
  roles?: string[]
  taints?: Taint[]
  /** status.nodeInfo overrides (osImage, kubeletVersion, containerRuntimeVersion, ...). */
  nodeInfo?: Record<string, string>
  capacity?: Record<string, string>
}

export interface JobCommandContext {
  namespace: string
  job: string
  pod: string
  image: string
  command: string[]
  /** `spec.nodeName` of the pod, if pinned. */
  nodeName?: string
}

export interface KubeApiOptions {
  /** Listen address; default 127.0.0.1. Only loopback addresses are accepted. */
  host?: string
  /** 0 (default) picks an ephemeral port. */
  port?: number
  /** Divides every modelled duration (pod start, node ready, backoff), like the rest of the lab. Default 1. */
  timeScale?: number
  /** Modelled time from a pod being scheduled to Ready, before scaling. Default 3000. */
  readyDelayMs?: number
  /** Modelled time from registerNode to the node being Ready, before scaling. Default 5000. */
  nodeReadyDelayMs?: number
  /** Parent directory of the per-Job working directories. Default: a fresh temp directory. */
  jobSandboxDir?: string
  /** Extra variables for Job processes (PATH is always passed, nothing else from this process). */
  jobBaseEnv?: Record<string, string>
  /** Rewrites what a Job pod runs (e.g. map an image to a lab stand-in); null = simulate success. */
  resolveJobCommand?: (ctx: JobCommandContext) => string[] | null
  faults?: KubeFaults
  /** gitVersion served at /version, e.g. v1.35.2+k3s1. */
  version?: string
  /** Extra subject alternative names (IPs or DNS names) for the serving certificate. */
  sans?: string[]
}

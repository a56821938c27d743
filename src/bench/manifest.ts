/**
 * The Kubernetes objects of a benchmark run: a dedicated namespace labelled for privileged pod
 * security (bench.md §4: only the NPU needs it, so only NPU/LLM pods ask for it), and one Job per
 * (node, suite), pinned with spec.nodeName so the scheduler cannot move it. The same objects on
 * both distros: Talos has no shell, so everything runs as a pod.
 */
import { LONGHORN_MOUNT } from '../distro/k3s/setup-script'
import { LONGHORN_PATH } from '../distro/talos/config'
import type { DistroName } from '../inventory/types'
import type { BenchMode, Suite } from './contract'

export const BENCH_NAMESPACE = 'rk1-bench'
export const HARNESS_PATH = '/opt/rk1-bench/rk1_bench.py'
export const CONTAINER = 'bench'
export const DATA_MOUNT = '/bench-data'
/**
 * The node's model cache: a hostPath under /var, writable on Talos (its EPHEMERAL partition) and
 * on Armbian alike, and outside Longhorn's filesystem. The fetch Job writes it; the benchmark
 * Jobs see it read-only at the harness's default model directory.
 */
export const MODEL_CACHE = '/var/lib/rk1-bench/models'
export const MODEL_DIR = '/models'
export const FETCH_MOUNT = '/rk1-models'
export const FETCH_PATH = '/opt/rk1-bench/rk1_models.py'

export const LABELS = {
  name: 'app.kubernetes.io/name',
  managedBy: 'app.kubernetes.io/managed-by',
  job: 'rk1.bench/job',
  node: 'rk1.bench/node',
  suite: 'rk1.bench/suite',
  run: 'rk1.bench/run'
} as const

/**
 * The node's NVMe filesystem, as provisioning mounts it (K3s setup script, Talos user volume).
 * Longhorn keeps its data in `replicas/` and `backing-images/` under it; the benchmark gets its
 * own directory beside them and the pod sees only that directory, never Longhorn's files.
 */
export function nvmeMount(distro: DistroName): string {
  return distro === 'talos' ? LONGHORN_PATH : LONGHORN_MOUNT
}

export function benchDataDir(distro: DistroName): string {
  return `${nvmeMount(distro)}/rk1-bench`
}

/** NPU and LLM runtimes need the device nodes, /proc/device-tree and debugfs: privileged. */
export function needsPrivilege(suite: Suite): boolean {
  return suite === 'npu' || suite === 'llm'
}

export function namespaceManifest(): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: BENCH_NAMESPACE,
      labels: {
        [LABELS.managedBy]: 'rk1',
        'pod-security.kubernetes.io/enforce': 'privileged',
        'pod-security.kubernetes.io/audit': 'privileged',
        'pod-security.kubernetes.io/warn': 'privileged'
      }
    }
  }
}

/** A DNS-1123 name of at most 63 characters (Job names also label their pods). */
export function jobName(suite: Suite | 'models', node: string): string {
  const clean = node
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
  return `rk1-bench-${suite}-${clean}`.slice(0, 63).replace(/-+$/, '')
}

export interface JobSpecInput {
  suite: Suite
  node: string
  distro: DistroName
  image: string
  mode: BenchMode
  /** Seconds the harness may wait between workloads for the SoC to cool. */
  cooldownS: number
  /** activeDeadlineSeconds: the Job is failed by Kubernetes past it, wherever it hangs. */
  timeoutS: number
  /** Which run made the Job (for clean-up of a run cut short). */
  runLabel: string
  /** The node has an NVMe data disk: the storage suite writes only there. */
  hasNvme: boolean
  /** Model files of this suite that failed their check: file → reason (nothing of them runs). */
  modelProblems?: ReadonlyMap<string, string>
}

/** The container's command line: exactly the harness's contract. */
export function harnessCommand(j: JobSpecInput): string[] {
  return [
    'python3',
    HARNESS_PATH,
    '--suites',
    j.suite,
    '--mode',
    j.mode,
    '--node',
    j.node,
    '--distro',
    j.distro,
    '--data-dir',
    DATA_MOUNT,
    '--cooldown',
    String(j.cooldownS),
    ...[...(j.modelProblems ?? [])].flatMap(([file, why]) => ['--model-problem', `${file}=${why}`])
  ]
}

/** The suites that read models mount the node's cache (storage needs none). */
export function readsModels(suite: Suite): boolean {
  return suite !== 'storage'
}

function volumes(j: JobSpecInput): { volumes: unknown[]; mounts: unknown[] } {
  // Only the storage suite touches the NVMe; the others get a scratch directory.
  const data =
    j.suite === 'storage' && j.hasNvme
      ? {
          name: 'bench-data',
          hostPath: { path: benchDataDir(j.distro), type: 'DirectoryOrCreate' }
        }
      : { name: 'bench-data', emptyDir: {} }
  const vols: unknown[] = [data]
  const mounts: unknown[] = [{ name: 'bench-data', mountPath: DATA_MOUNT }]
  if (readsModels(j.suite)) {
    vols.push({ name: 'models', hostPath: { path: MODEL_CACHE, type: 'DirectoryOrCreate' } })
    mounts.push({ name: 'models', mountPath: MODEL_DIR, readOnly: true })
  }
  // rknpu's load and version live in debugfs, which a privileged pod still does not get mounted.
  // Armbian's vendor kernel mounts it; Talos exposes no debugfs to workloads.
  if (needsPrivilege(j.suite) && j.distro === 'k3s') {
    vols.push({ name: 'debugfs', hostPath: { path: '/sys/kernel/debug', type: 'Directory' } })
    mounts.push({ name: 'debugfs', mountPath: '/sys/kernel/debug', readOnly: true })
  }
  return { volumes: vols, mounts }
}

export function jobManifest(j: JobSpecInput): Record<string, unknown> {
  const { volumes: vols, mounts } = volumes(j)
  return benchJob({
    suite: j.suite,
    node: j.node,
    image: j.image,
    runLabel: j.runLabel,
    timeoutS: j.timeoutS,
    command: harnessCommand(j),
    privileged: needsPrivilege(j.suite),
    volumes: vols,
    mounts
  })
}

/** What differs between the node's Jobs: the rest of the manifest is the same for all of them. */
interface BenchJobParts {
  suite: Suite | 'models'
  node: string
  image: string
  runLabel: string
  timeoutS: number
  command: string[]
  privileged: boolean
  volumes: unknown[]
  mounts: unknown[]
}

function benchJob(b: BenchJobParts): Record<string, unknown> {
  const name = jobName(b.suite, b.node)
  const labels = {
    [LABELS.name]: 'rk1-bench',
    [LABELS.managedBy]: 'rk1',
    [LABELS.job]: name,
    [LABELS.node]: b.node,
    [LABELS.suite]: b.suite,
    [LABELS.run]: b.runLabel
  }
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, namespace: BENCH_NAMESPACE, labels },
    spec: {
      // A crashed benchmark is a result (a failed record), not something to hide by retrying.
      backoffLimit: 0,
      activeDeadlineSeconds: b.timeoutS,
      // The command deletes its Jobs; this only cleans up after a runner that died mid-run.
      ttlSecondsAfterFinished: 3600,
      template: {
        metadata: { labels },
        spec: {
          nodeName: b.node,
          restartPolicy: 'Never',
          // nodeName bypasses the scheduler; a NoExecute taint would still evict the pod.
          tolerations: [{ operator: 'Exists' }],
          enableServiceLinks: false,
          automountServiceAccountToken: false,
          containers: [
            {
              name: CONTAINER,
              image: b.image,
              imagePullPolicy: 'IfNotPresent',
              command: b.command,
              env: [{ name: 'PYTHONUNBUFFERED', value: '1' }],
              securityContext: b.privileged
                ? { privileged: true }
                : { privileged: false, allowPrivilegeEscalation: false },
              volumeMounts: b.mounts
            }
          ],
          volumes: b.volumes
        }
      }
    }
  }
}

export interface FetchJobInput {
  node: string
  image: string
  /** JSON list of FetchItem (src/bench/models.ts), the script's --spec. */
  spec: string
  timeoutS: number
  runLabel: string
}

/**
 * The node's model fetch: the image's rk1_models.py, unprivileged, with the cache as its only
 * host path. It runs before the node's benchmark Jobs, so they only ever see checked files.
 */
export function fetchJobManifest(f: FetchJobInput): Record<string, unknown> {
  return benchJob({
    suite: 'models',
    node: f.node,
    image: f.image,
    runLabel: f.runLabel,
    timeoutS: f.timeoutS,
    command: ['python3', FETCH_PATH, '--cache', FETCH_MOUNT, '--spec', f.spec],
    privileged: false,
    volumes: [{ name: 'models', hostPath: { path: MODEL_CACHE, type: 'DirectoryOrCreate' } }],
    mounts: [{ name: 'models', mountPath: FETCH_MOUNT }]
  })
}

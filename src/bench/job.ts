/**
 * One benchmark Job through the kube layer's kubectl driver (its retries, its private session):
 * apply, wait until Kubernetes says it completed or failed, read the pod's log and how its
 * container ended, and delete it. Nothing here throws for a Job that failed: a crashed, OOM-killed
 * or timed-out Job is an outcome the caller turns into `failed` records; only a cancelled run or
 * an unreachable API escapes as an error.
 */
import { Backoff, sleep } from '../common/abort'
import { errorText } from '../common/errors'
import type { Kubectl } from '../kube/kubectl'
import { BENCH_NAMESPACE, CONTAINER, LABELS } from './manifest'

interface Condition {
  type: string
  status: string
  reason?: string
  message?: string
}

interface JobObject {
  status?: { conditions?: Condition[]; active?: number; failed?: number; succeeded?: number }
}

interface ContainerState {
  waiting?: { reason?: string; message?: string }
  terminated?: { exitCode?: number; reason?: string; message?: string }
}

interface PodObject {
  metadata: { name: string; creationTimestamp?: string }
  spec?: { containers?: { name: string; image?: string }[] }
  status?: {
    phase?: string
    reason?: string
    message?: string
    conditions?: Condition[]
    containerStatuses?: { name: string; state?: ContainerState }[]
  }
}

/** How a Job ended, with what a person needs to see why. */
export interface JobOutcome {
  state: 'completed' | 'failed'
  /** One line: "exit 137 (Error)", "DeadlineExceeded: Job was active longer …", … */
  detail: string
  /** The pod's log (stdout and stderr), empty when the container never started. */
  log: string
  exitCode?: number
  /** Events and pod status text when the log says nothing (image pull, scheduling). */
  evidence?: string
  /** The node went NotReady while the Job ran (its kubelet stopped reporting, or not ready). */
  nodeLost?: { reason: string; message: string }
  /** The container never started because its image could not be pulled (ErrImagePull, …). */
  imagePull?: { image: string; reason: string; message: string }
}

/** Waiting reasons that never resolve by themselves: the pod is failed at once, not at the deadline. */
const CANNOT_START = new Set([
  'InvalidImageName',
  'ErrImageNeverPull',
  'CreateContainerConfigError',
  'CreateContainerError'
])
const PULLING = new Set(['ErrImagePull', 'ImagePullBackOff'])
/** Registry answers a retry will not change: the reference or the credentials are wrong. */
const PULL_FINAL = /not found|manifest unknown|unauthorized|denied|forbidden|\b40[13]\b/i
/** Any other pull error (registry down, network) gets the kubelet's retries this long. */
export const PULL_GRACE_MS = 90_000

const jobFinished = (job: JobObject | undefined): Condition | undefined =>
  job?.status?.conditions?.find(
    (c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True'
  )

async function podsOf(kubectl: Kubectl, name: string): Promise<PodObject[]> {
  const list = await kubectl.getJson<{ items: PodObject[] }>([
    'get',
    'pods',
    '-n',
    BENCH_NAMESPACE,
    '-l',
    `${LABELS.job}=${name}`
  ])
  return [...list.items].sort((a, b) =>
    (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '')
  )
}

const containerState = (pod: PodObject | undefined): ContainerState | undefined =>
  pod?.status?.containerStatuses?.find((c) => c.name === CONTAINER)?.state

async function readLog(kubectl: Kubectl, pod: PodObject | undefined): Promise<string> {
  if (!pod) return ''
  try {
    return await kubectl.run(['logs', pod.metadata.name, '-n', BENCH_NAMESPACE, '-c', CONTAINER])
  } catch {
    // A container that never started has no log; its events say why.
    return ''
  }
}

async function eventText(kubectl: Kubectl, name: string): Promise<string> {
  try {
    const events = await kubectl.events(BENCH_NAMESPACE, name)
    return events
      .slice(-8)
      .map((e) => `${e.involvedObject.kind}/${e.involvedObject.name}: ${e.reason}: ${e.message}`)
      .join('\n')
  } catch (e) {
    return `events not readable: ${errorText(e).split('\n')[0]}`
  }
}

/** The registry's answer to the pod's last failed pull, from the kubelet's events. */
async function pullError(kubectl: Kubectl, pod: PodObject | undefined): Promise<string> {
  if (!pod) return ''
  const events = await kubectl.events(BENCH_NAMESPACE, pod.metadata.name).catch(() => [])
  const failed = events.filter(
    (e) => e.reason === 'Failed' && e.message.startsWith('Failed to pull image')
  )
  const last = failed.at(-1)?.message ?? ''
  // 'Failed to pull image "X": <error>': the error is the part worth showing.
  return last.replace(/^Failed to pull image "[^"]*": /, '')
}

/** Ready=False (the kubelet says not ready) may pass: it gets this long before the Job is lost. */
export const NODE_NOT_READY_GRACE_MS = 60_000

interface NodeObject {
  status?: { conditions?: Condition[] }
}

/** The node's Ready condition when it is not True (Unknown: the kubelet stopped reporting). */
async function nodeNotReady(kubectl: Kubectl, node: string): Promise<Condition | undefined> {
  const n = await kubectl.find<NodeObject>('node', node)
  const ready = n?.status?.conditions?.find((c) => c.type === 'Ready')
  if (!n)
    return {
      type: 'Ready',
      status: 'Unknown',
      reason: 'NodeGone',
      message: 'the Node object was deleted'
    }
  return ready?.status === 'True' ? undefined : ready
}

export interface RunJobOptions {
  /** The node the Job is pinned to: a node that goes NotReady ends the wait. */
  node?: string
  /** Epoch ms after which the command stops waiting (a little past the Job's own deadline). */
  deadline: number
  signal?: AbortSignal
  pollFirstMs?: number
  pollMaxMs?: number
}

/** Applies the Job (replacing a leftover of the same name) and waits for its end. */
export async function runJob(
  kubectl: Kubectl,
  name: string,
  manifest: Record<string, unknown>,
  o: RunJobOptions
): Promise<JobOutcome> {
  await deleteJob(kubectl, name)
  await kubectl.apply(JSON.stringify(manifest))
  const backoff = new Backoff(o.pollFirstMs ?? 250, o.pollMaxMs ?? 3000)
  let stuck: string | undefined
  let imagePull: JobOutcome['imagePull']
  let pullingSince: number | undefined
  let notReadySince: number | undefined
  let nodeLost: JobOutcome['nodeLost']
  let end: Condition | undefined
  for (;;) {
    end = jobFinished(await kubectl.find<JobObject>('job', name, BENCH_NAMESPACE))
    if (end) break
    const down = o.node ? await nodeNotReady(kubectl, o.node) : undefined
    if (down) {
      notReadySince ??= Date.now()
      // Unknown: the control plane already waited its grace period for the kubelet.
      if (down.status !== 'False' || Date.now() - notReadySince >= NODE_NOT_READY_GRACE_MS) {
        nodeLost = { reason: down.reason ?? 'NotReady', message: down.message ?? '' }
        break
      }
    } else notReadySince = undefined
    const latest = (await podsOf(kubectl, name)).at(-1)
    const waiting = containerState(latest)?.waiting
    const reason = waiting?.reason ?? ''
    const text = `${reason}${waiting?.message ? `: ${waiting.message}` : ''}`
    if (CANNOT_START.has(reason)) {
      stuck = text
      break
    }
    if (PULLING.has(reason)) {
      pullingSince ??= Date.now()
      // In back-off the status only says "Back-off pulling image"; the registry's answer is in
      // the kubelet's last "Failed to pull image" event.
      const message =
        reason === 'ErrImagePull' ? (waiting?.message ?? '') : await pullError(kubectl, latest)
      // A wrong digest or missing credentials fails at once; anything else after the grace.
      if (PULL_FINAL.test(message) || Date.now() - pullingSince >= PULL_GRACE_MS) {
        stuck = text
        imagePull = {
          image: latest?.spec?.containers?.find((c) => c.name === CONTAINER)?.image ?? '',
          reason: 'ErrImagePull',
          message: message || (waiting?.message ?? '')
        }
        break
      }
    } else pullingSince = undefined
    if (Date.now() >= o.deadline) break
    await sleep(backoff.next(), o.signal)
  }
  const pod = (await podsOf(kubectl, name)).at(-1)
  const log = await readLog(kubectl, pod)
  // readLog and eventText swallow errors: a cancel there must not read as an empty log.
  o.signal?.throwIfAborted()
  const terminated = containerState(pod)?.terminated
  const exit =
    terminated?.exitCode !== undefined
      ? `exit ${terminated.exitCode} (${terminated.reason ?? 'terminated'}${terminated.message ? `: ${terminated.message}` : ''})`
      : undefined
  if (end?.type === 'Complete')
    return { state: 'completed', detail: exit ?? 'completed', log, exitCode: terminated?.exitCode }
  const detail = nodeLost
    ? `node ${o.node} went NotReady while the Job ran (${nodeLost.reason}: ${nodeLost.message})`
    : stuck
      ? `pod cannot start: ${stuck}`
      : end
        ? [exit, `${end.reason ?? 'Failed'}: ${end.message ?? ''}`.trim()]
            .filter(Boolean)
            .join('; ')
        : `no end within the timeout (pod ${pod?.status?.phase ?? 'not created'})`
  const evidence = log.trim() ? undefined : await eventText(kubectl, name)
  o.signal?.throwIfAborted()
  return {
    state: 'failed',
    detail,
    log,
    exitCode: terminated?.exitCode,
    evidence,
    imagePull,
    nodeLost
  }
}

/**
 * Force-deletes a Job's pods: on an unreachable node no kubelet confirms a graceful deletion, so
 * they would stay Terminating and block the Job's foreground deletion.
 */
export async function forceDeletePods(kubectl: Kubectl, name: string): Promise<void> {
  await kubectl.run([
    'delete',
    'pods',
    '-n',
    BENCH_NAMESPACE,
    '-l',
    `${LABELS.job}=${name}`,
    '--ignore-not-found',
    '--force',
    '--grace-period=0'
  ])
}

/** Deletes a Job and its pods (foreground, so the pod is gone too); a missing Job is fine. */
export async function deleteJob(kubectl: Kubectl, name: string): Promise<void> {
  await kubectl.run([
    'delete',
    'job',
    name,
    '-n',
    BENCH_NAMESPACE,
    '--ignore-not-found',
    '--cascade=foreground',
    '--wait=true',
    '--timeout=120s'
  ])
}

/** Deletes every Job of a run by label (clean-up after a failure or a cancel). */
export async function deleteRunJobs(kubectl: Kubectl, runLabel: string): Promise<void> {
  await kubectl.run([
    'delete',
    'jobs',
    '-n',
    BENCH_NAMESPACE,
    '-l',
    `${LABELS.run}=${runLabel}`,
    '--ignore-not-found',
    '--cascade=foreground',
    '--wait=true',
    '--timeout=120s'
  ])
}

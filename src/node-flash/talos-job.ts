/**
 * The Talos node path: Talos has no shell, so a privileged Job pinned to the node (in its own
 * namespace, labelled privileged for Pod Security) runs the node script: it downloads the image
 * from the runner into a memory-backed volume, checks it, writes the eMMC from RAM and reads it
 * back. Talos itself runs from RAM (its rootfs is a squashfs loaded with the initramfs), but
 * EPHEMERAL (/var: containerd, kubelet, etcd, the Job's own container layers) and STATE live on
 * the eMMC being overwritten, so the Job copies its tools into RAM first and reports to the runner
 * over HTTP, not through Kubernetes; the runner then restarts the node (`restartTalosNode`: the
 * Talos API's powercycle reboot, or a BMC power cycle when that does not come).
 */
import { errorText } from '../common/errors'
import type { Logger } from '../common/host'
import { formatDuration } from '../common/format'
import type { Kubectl } from '../kube'
import { NodeWriteError } from './errors'
import type { NodeImage } from './image'
import type { ImageServer } from './image-server'
import type { TalosRestart } from './talos-node'
import { NODE_WRITE_SCRIPT } from './node-script'
import { exitTouched } from './progress'
import { DEFAULT_MEMORY_MARGIN_BYTES, nodeScriptArgs, type NodeWriteResult } from './ssh-writer'

export const NODE_WRITE_NAMESPACE = 'rk1-node-flash'
/** Static busybox: sh, wget, sha256sum, xzcat, dd, head; runs from RAM once copied there. */
export const NODE_WRITE_IMAGE = 'busybox:1.37.0'

export function jobName(slot: number): string {
  return `rk1-node-write-slot${slot}`
}

export function namespaceManifest(): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: NODE_WRITE_NAMESPACE,
      labels: {
        'pod-security.kubernetes.io/enforce': 'privileged',
        'app.kubernetes.io/managed-by': 'rk1-actions'
      }
    }
  }
}

export function jobManifest(o: {
  slot: number
  nodeName: string
  image: NodeImage
  imageUrl: string
  reportUrl: string
  containerImage?: string
  deadlineSeconds?: number
}): Record<string, unknown> {
  const args = nodeScriptArgs({
    source: o.imageUrl,
    image: o.image,
    device: '/dev/mmcblk0',
    reboot: 'none',
    stopUnits: [],
    memoryMarginBytes: DEFAULT_MEMORY_MARGIN_BYTES,
    reportUrl: o.reportUrl
  })
  // The image, its decompression check and the copied tools all live in this volume.
  const ramBytes = o.image.bytes + 64 * 2 ** 20
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: jobName(o.slot),
      namespace: NODE_WRITE_NAMESPACE,
      labels: { 'app.kubernetes.io/managed-by': 'rk1-actions', 'rk1.dev/slot': String(o.slot) }
    },
    spec: {
      backoffLimit: 0,
      activeDeadlineSeconds: o.deadlineSeconds ?? 3600,
      template: {
        metadata: { labels: { 'rk1.dev/slot': String(o.slot) } },
        spec: {
          nodeName: o.nodeName,
          restartPolicy: 'Never',
          tolerations: [{ operator: 'Exists' }],
          containers: [
            {
              name: 'write',
              image: o.containerImage ?? NODE_WRITE_IMAGE,
              command: ['sh', '-c', NODE_WRITE_SCRIPT, 'rk1-node-write', ...args],
              securityContext: { privileged: true },
              volumeMounts: [{ name: 'ram', mountPath: '/dev/shm' }]
            }
          ],
          volumes: [{ name: 'ram', emptyDir: { medium: 'Memory', sizeLimit: String(ramBytes) } }]
        }
      }
    }
  }
}

export interface TalosJobWriteOptions {
  kubectl: Kubectl
  server: ImageServer
  slot: number
  /** The node's Kubernetes name. */
  nodeName: string
  label: string
  image: NodeImage
  /** Restarts the node once its eMMC is verified (`restartTalosNode`, or a BMC power cycle). */
  restart: () => Promise<TalosRestart | void>
  log: Logger
  signal?: AbortSignal
  /** Fail when the node reports nothing and fetches nothing for this long; default 5 min. */
  stallTimeoutMs?: number
  containerImage?: string
  /** Called once the Job reported its first phase, or failed (its node runs it on its own now). */
  onStarted?: () => void
}

export async function writeThroughTalosJob(o: TalosJobWriteOptions): Promise<NodeWriteResult> {
  const started = performance.now()
  const offer = o.server.offer(o.label, o.image)
  const stall = o.stallTimeoutMs ?? 5 * 60_000
  const fail = (message: string, touched: boolean, evidence?: string): NodeWriteError =>
    new NodeWriteError(`${o.label}: ${message}`, {
      node: o.slot,
      step: 'node-write',
      touched,
      evidence,
      advice: 'The BMC flashes this node instead.'
    })
  try {
    try {
      await o.kubectl.apply(JSON.stringify(namespaceManifest()))
      await o.kubectl.run([
        'delete',
        'job',
        jobName(o.slot),
        '-n',
        NODE_WRITE_NAMESPACE,
        '--ignore-not-found'
      ])
      await o.kubectl.apply(
        JSON.stringify(
          jobManifest({
            slot: o.slot,
            nodeName: o.nodeName,
            image: o.image,
            imageUrl: offer.imageUrl,
            reportUrl: offer.reportUrl,
            containerImage: o.containerImage
          })
        )
      )
    } catch (error) {
      throw fail(
        'the write Job could not be created; the node is untouched.',
        false,
        errorText(error)
      )
    }
    o.log.info(
      `${o.label}: write Job ${NODE_WRITE_NAMESPACE}/${jobName(o.slot)} created (image ${o.containerImage ?? NODE_WRITE_IMAGE}).`
    )
    const { tracker } = offer
    while (tracker.phase !== 'done' && !tracker.failure) {
      o.signal?.throwIfAborted()
      if (performance.now() - offer.lastHeard > stall)
        throw fail(
          `the write Job went silent for ${formatDuration(stall)} (last: ${tracker.phase ?? 'nothing'}).`,
          tracker.writeStarted,
          `${offer.sent} of ${o.image.bytes} image bytes fetched`
        )
      await offer.nextReport(1000)
      if (tracker.phase) o.onStarted?.()
    }
    if (tracker.failure) {
      const touched = exitTouched(tracker.failure.code) || tracker.writeStarted
      if (!touched) await cleanup(o)
      throw fail(
        `the write Job failed${touched ? ' after it started writing the eMMC' : '; the node is untouched'}.`,
        touched,
        tracker.failure.text
      )
    }
    const transferMs = performance.now() - started
    let restart: TalosRestart | void
    try {
      restart = await o.restart()
    } catch (error) {
      throw fail('the node could not be restarted after its write.', true, errorText(error))
    }
    const durationMs = performance.now() - started
    const by = restart ? (restart.by === 'bmc' ? ' by the BMC' : ' through the Talos API') : ''
    o.log.info(
      `${o.label}: written and verified by its Job in ${formatDuration(durationMs)}; restarted${by}.`
    )
    return {
      ...(restart ? { restartedBy: restart.by, restartWhy: restart.why } : {}),
      slot: o.slot,
      bytes: o.image.bytes,
      rawBytes: o.image.rawBytes,
      transferMs,
      durationMs,
      phase: tracker.phase
    }
  } finally {
    o.onStarted?.()
    offer.withdraw()
  }
}

/** The cluster still runs when the Job failed before writing: leave nothing behind. */
async function cleanup(o: TalosJobWriteOptions): Promise<void> {
  await o.kubectl
    .run([
      'delete',
      'job',
      jobName(o.slot),
      '-n',
      NODE_WRITE_NAMESPACE,
      '--ignore-not-found',
      '--wait=false'
    ])
    .catch(() => undefined)
}

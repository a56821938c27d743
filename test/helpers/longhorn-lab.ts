// Plants the state a Longhorn node has after its data disk was reformatted: its disk entry
// reports "diskUUID doesn't match". The lab's own longhorn-manager stand-in
// (src/lab/kube/controllers/longhorn-manager.ts) creates healthy Longhorn Nodes for the others;
// the stale ones are planted as soon as the CRD exists, before that stand-in gets to them.
import type { KubeApiEmulator, KubeObject } from '../../src/lab/kube/index'
import { longhornDataPath } from '../../src/lab/kube/controllers/longhorn-manager'

export interface LonghornManagerSim {
  stop(): void
}

export function simulateLonghornManager(
  emu: KubeApiEmulator,
  opts: { stale?: string[] } = {}
): LonghornManagerSim {
  const stale = opts.stale ?? []
  const timer = setInterval(() => {
    try {
      plant(emu, stale)
    } catch {
      // The emulator is closing or the object changed under us: next tick.
    }
  }, 50)
  timer.unref()
  return { stop: () => clearInterval(timer) }
}

const STALE_DISK = 'default-disk-0ld0000000'

function plant(emu: KubeApiEmulator, stale: string[]): void {
  if (emu.objects({ kind: 'CustomResourceDefinition', name: 'nodes.longhorn.io' }).length === 0)
    return
  // The chart's settings ConfigMap arrives with the CRDs; wait for it to know the data path.
  if (
    emu.objects({
      kind: 'ConfigMap',
      namespace: 'longhorn-system',
      name: 'longhorn-default-setting'
    }).length === 0
  )
    return
  const path = longhornDataPath(emu)
  for (const node of stale) {
    if (emu.objects({ kind: 'Node', apiVersion: 'longhorn.io/v1beta2', name: node }).length > 0)
      continue
    const obj: KubeObject = {
      apiVersion: 'longhorn.io/v1beta2',
      kind: 'Node',
      metadata: { name: node, namespace: 'longhorn-system' },
      spec: {
        allowScheduling: true,
        disks: {
          [STALE_DISK]: {
            path,
            allowScheduling: true,
            diskType: 'filesystem',
            tags: []
          }
        }
      },
      status: {
        diskStatus: {
          [STALE_DISK]: {
            conditions: [
              {
                type: 'Ready',
                status: 'False',
                reason: 'DiskFilesystemChanged',
                message: `Disk ${STALE_DISK}(${path}) on node ${node} is not ready: record diskUUID doesn't match the one on the disk`
              }
            ]
          }
        }
      }
    }
    // Twice: a create drops status (status subresource); the second call writes it.
    emu.applyObject(obj)
    emu.applyObject(obj)
  }
}

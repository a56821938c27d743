// Shared setup of the workloads contract tests: a lab Kubernetes API with four nodes, the real
// helm and kubectl, the lab stand-in charts, and a deploy call with quiet host callbacks.
import path from 'node:path'
import { startKubeApiEmulator, type KubeApiEmulator } from '../../src/lab/kube/index'
import type { DistroName } from '../../src/inventory/types'
import {
  deployWorkloads,
  workloadSettings,
  type DeployWorkloadsOptions
} from '../../src/workloads/index'
import { kubeTools } from './kube-tools'
import { simulateLonghornManager } from './longhorn-lab'
import { labInventory } from './workloads-inventory'

export const LAB_CHARTS = path.resolve('lab/charts')

const networks = new WeakMap<KubeApiEmulator, number>()

/**
 * A lab cluster with four nodes and a longhorn-manager stand-in. `net` chooses the inventory's
 * 127.0.<net>.0/24 pool: the lab serves HTTP on the ingress IP, so parallel files need their own.
 */
export async function startLabCluster(
  distro: DistroName,
  opts: { net?: number; staleDisks?: string[] } = {}
): Promise<KubeApiEmulator> {
  const emu = await startKubeApiEmulator({
    host: '127.0.0.1',
    timeScale: 20,
    readyDelayMs: 2000,
    nodeReadyDelayMs: 1000
  })
  emu.registerNode('lab-cp1', {
    ip: '127.0.1.1',
    roles: ['control-plane'],
    taints:
      distro === 'talos'
        ? [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]
        : []
  })
  for (let i = 2; i <= 4; i++) emu.registerNode(`lab-w${i - 1}`, { ip: `127.0.1.${i}` })
  const manager = simulateLonghornManager(emu, { stale: opts.staleDisks })
  const close = emu.close.bind(emu)
  networks.set(emu, opts.net ?? 2)
  return Object.assign(emu, {
    close: async () => {
      manager.stop()
      await close()
    }
  })
}

export interface Captured {
  logs: string[]
  masked: string[]
}

export function deployOptions(
  emu: KubeApiEmulator,
  distro: DistroName,
  extra: Partial<DeployWorkloadsOptions> = {},
  captured: Captured = { logs: [], masked: [] }
): DeployWorkloadsOptions {
  const inventory = labInventory('', networks.get(emu) ?? 2)
  const tools = kubeTools()
  const log = (level: string) => (m: string) => captured.logs.push(`${level}: ${m}`)
  return {
    inventory,
    settings: workloadSettings(inventory, { distro, timeoutS: 60 }),
    components: 'all',
    kubeconfig: emu.kubeconfig(),
    plan: false,
    log: {
      info: log('info'),
      warn: log('warn'),
      error: log('error'),
      debug: () => undefined,
      group: (_t, fn) => fn()
    },
    mask: (s) => captured.masked.push(s),
    env: {},
    tools: { kubectl: tools.kubectl, helm: tools.helm },
    chartSource: { kind: 'lab', dir: LAB_CHARTS },
    ...extra
  }
}

export { deployWorkloads }

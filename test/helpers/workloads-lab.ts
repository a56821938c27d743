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
import { labInventory } from './workloads-inventory'

export const LAB_CHARTS = path.resolve('lab/charts')

export async function startLabCluster(distro: DistroName): Promise<KubeApiEmulator> {
  const emu = await startKubeApiEmulator({
    host: '127.0.0.1',
    timeScale: 0.05,
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
  return emu
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
  const inventory = labInventory()
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

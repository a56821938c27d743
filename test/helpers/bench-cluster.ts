// The cluster the npu-benchmark e2e tests run the command against: the Kubernetes API emulator
// with the lab's four nodes (lab-cp1 and three workers on 127.0.1.1-4), and a fresh folder that
// holds its kubeconfig (and, unless the test writes its own, the lab inventory).
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { startKubeApiEmulator, type KubeApiEmulator } from '../../src/lab/kube/index'
import { labInventoryText } from './workloads-inventory'

export interface BenchCluster {
  emu: KubeApiEmulator
  /** The test's folder: kubeconfig, cluster.yaml (when `net` is given), results. */
  dir: string
}

export async function startBenchCluster(
  prefix: string,
  o: { net?: number; jobSandbox?: boolean } = {}
): Promise<BenchCluster> {
  const dir = mkdtempSync(path.join(tmpdir(), prefix))
  const emu = await startKubeApiEmulator({
    ...(o.jobSandbox ? { jobSandboxDir: path.join(dir, 'jobs') } : {}),
    host: '127.0.0.1',
    timeScale: 20,
    readyDelayMs: 400,
    nodeReadyDelayMs: 400
  })
  emu.registerNode('lab-cp1', { ip: '127.0.1.1', roles: ['control-plane'] })
  for (let i = 2; i <= 4; i++) emu.registerNode(`lab-w${i - 1}`, { ip: `127.0.1.${i}` })
  if (o.net !== undefined)
    writeFileSync(path.join(dir, 'cluster.yaml'), labInventoryText('', o.net))
  writeFileSync(path.join(dir, 'kubeconfig'), emu.kubeconfig())
  return { emu, dir }
}

/**
 * The node path on lab Talos nodes: after a real Talos provision, a privileged Job pinned to a
 * worker (run by the lab kubelet inside that node's sandbox, where /dev/mmcblk0 is the node's
 * emulated eMMC) downloads the Armbian image from the runner's image server, verifies it, writes
 * the eMMC from RAM and reads it back; a BMC power cycle then boots Armbian. A Job whose image
 * fails its checksum leaves the Talos node exactly as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BmcClient } from '../../src/bmc/client'
import { waitForBoot } from '../../src/bmc/boot'
import { probeTcp } from '../../src/bmc'
import type { Logger } from '../../src/common/host'
import { personaliseImage } from '../../src/distro/k3s/personalise'
import { sha256File } from '../../src/image/checksum'
import { loadInventory, type Inventory, type InventoryNode } from '../../src/inventory'
import { kubectlDriver, openKubeSession, type KubeSession } from '../../src/kube'
import { startLab, type Lab } from '../../src/lab/lab'
import { generateEd25519KeyPair } from '../../src/node-access/ssh-keygen'
import { SshSession } from '../../src/node-access/ssh'
import {
  describeNodeImage,
  NodeWriteError,
  SharedUplink,
  type NodeImage
} from '../../src/node-flash'
import { ImageServer } from '../../src/node-flash/image-server'
import { writeThroughTalosJob } from '../../src/node-flash/talos-job'
import { repoRoot, runBundle } from '../helpers/action-runner'

function quietLog(): Logger & { lines: string[] } {
  const lines: string[] = []
  const push = (m: string): void => void lines.push(m)
  return { lines, info: push, warn: push, error: push, debug: () => {}, group: (_t, fn) => fn() }
}

const log = quietLog()
const keys = generateEd25519KeyPair()
let dir: string
let lab: Lab
let inventory: Inventory
let client: BmcClient
let kube: KubeSession
let server: ImageServer
let armbian: NodeImage & { cleanup(): Promise<void> }

const node = (slot: number): InventoryNode =>
  inventory.nodes.find((n) => n.slot === slot) as InventoryNode

beforeAll(async () => {
  execFileSync(process.execPath, [join(repoRoot, 'scripts', 'install-kube-tools.mjs')], {
    cwd: repoRoot,
    stdio: 'ignore'
  })
  dir = mkdtempSync(join(tmpdir(), 'rk1-node-flash-talos-'))
  lab = await startLab({ dir: join(dir, 'lab'), timeScale: 200 })
  const run = await runBundle(
    'provision.mjs',
    {
      inventory: lab.inventoryPath,
      confirm: 'rk1-lab',
      distro: 'talos',
      'bmc-password': lab.env.RK1_BMC_PASSWORD as string,
      'boot-timeout': '60'
    },
    { env: { PATH: lab.env.PATH as string } }
  )
  expect(run.exitCode).toBe(0)
  inventory = (await loadInventory(lab.inventoryPath)).inventory
  client = new BmcClient({
    host: inventory.bmc.host,
    port: inventory.bmc.port,
    tls: { mode: 'fingerprint', fingerprint: lab.bmc.fingerprintSha256 },
    username: 'root',
    password: lab.env.RK1_BMC_PASSWORD as string
  })
  kube = openKubeSession({
    kubeconfig: run.outputs.kubeconfig as string,
    tools: {
      kubectl: join(repoRoot, '.tools', 'bin', 'kubectl'),
      helm: join(repoRoot, '.tools', 'bin', 'helm')
    }
  })
  server = await ImageServer.start({ host: '127.0.0.1', uplink: new SharedUplink(Infinity), log })
  const img = await personaliseImage(lab.images.armbian.path, join(dir, 'work'), {
    inventory,
    node: node(3),
    authorizedKeys: keys.public
  })
  const described = await describeNodeImage({
    path: img.path,
    size: img.size,
    fileName: img.fileName,
    sha256: await sha256File(img.path)
  })
  armbian = { ...described, cleanup: img.cleanup }
}, 240_000)

afterAll(async () => {
  await armbian?.cleanup()
  await server?.close()
  kube?.close()
  client?.close()
  await lab?.close()
  rmSync(dir, { recursive: true, force: true })
})

const write = (image: NodeImage) =>
  writeThroughTalosJob({
    kubectl: kubectlDriver(kube),
    server,
    slot: 3,
    nodeName: node(3).hostname,
    label: 'slot 3',
    image,
    restart: async () => {
      await client.setPower(3, false)
      await client.setPower(3, true)
    },
    log,
    stallTimeoutMs: 30_000
  })

describe('the node path on a Talos node', () => {
  it('a Job whose image fails its checksum leaves the Talos node as it was', async () => {
    const before = lab.bmc.node(3).emmc.sha256
    const error = (await write({ ...armbian, sha256: 'f'.repeat(64) }).catch(
      (e: unknown) => e
    )) as NodeWriteError
    expect(error).toBeInstanceOf(NodeWriteError)
    expect(error.touched).toBe(false)
    expect(error.evidence).toMatch(/sha256 of the received image/)
    expect(lab.bmc.node(3).emmc.sha256).toBe(before)
    const n = node(3)
    expect((await probeTcp({ host: n.ip, port: n.ports.talosApi })).ok).toBe(true)
  }, 120_000)

  it('writes Armbian from RAM through a privileged Job; a power cycle boots it', async () => {
    const result = await write(armbian)
    expect(result.phase).toBe('done')
    const n = node(3)
    await waitForBoot(undefined, 3, { timeoutMs: 60_000, tcp: { host: n.ip, port: n.ports.ssh } })
    expect(lab.bmc.node(3).emmc.sha256).toBe(armbian.sha256)
    const session = await SshSession.connect(
      { host: n.ip, port: n.ports.ssh, username: 'root', privateKey: keys.private },
      { hostKey: { mode: 'learn-once' }, node: 3 }
    )
    expect((await session.exec('cat /etc/hostname')).stdout.trim()).toBe(n.hostname)
    await session.close()
    expect(log.lines.join('\n')).toMatch(/eMMC read back and verified/)
  }, 120_000)
})

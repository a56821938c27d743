/**
 * The node path on lab Talos nodes: after a real Talos provision, a privileged Job pinned to a
 * worker (run by the lab kubelet inside that node's sandbox, where /dev/mmcblk0 is the node's
 * emulated eMMC) downloads the Armbian image from the runner's image server, verifies it, writes
 * the eMMC from RAM and reads it back; the Talos API's powercycle reboot then boots Armbian. A Job
 * whose image fails its checksum leaves the Talos node exactly as it was; a node without the
 * free RAM is sent to the BMC before anything is created; when the API is gone after the write,
 * or accepts the reboot and never goes down, a BMC power cycle restarts the node.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BmcClient } from '../../src/bmc/client'
import { waitForBoot } from '../../src/bmc/boot'
import { probeTcp } from '../../src/common/tcp-probe'
import type { Logger } from '../../src/common/host'
import { personaliseImage } from '../../src/distro/k3s/personalise'
import { sha256File } from '../../src/image/checksum'
import { loadInventory, type Inventory, type InventoryNode } from '../../src/inventory'
import { kubectlDriver, openKubeSession, type KubeSession } from '../../src/kube'
import { startLab, type Lab } from '../../src/lab/lab'
import { generateEd25519KeyPair } from '../../src/node-access/ssh-keygen'
import { SshSession } from '../../src/node-access/ssh'
import { Talosctl } from '../../src/distro/talos/talosctl'
import type { TalosNode } from '../../src/lab/talos/node'
import {
  choosePath,
  DEFAULT_MEMORY_MARGIN_BYTES,
  describeNodeImage,
  NodeWriteError,
  restartTalosNode,
  SharedUplink,
  talosFacts,
  TalosNodePath,
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
let talosconfig: string
let talosctl: Talosctl

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
  // The action output is the file's content.
  talosconfig = join(dir, 'talosconfig')
  writeFileSync(talosconfig, run.outputs.talosconfig as string, { mode: 0o600 })
  talosctl = new Talosctl({
    binary: join(lab.dir, 'bin', 'talosctl'),
    env: { PATH: lab.env.PATH, HOME: dir },
    cwd: dir
  })
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

const access = (slot: number) => ({
  talosctl,
  target: { talosconfig, endpoint: node(slot).ip, node: node(slot).ip }
})
const talosNode = (slot: 1 | 2 | 3 | 4): TalosNode => lab.cluster.node(slot) as TalosNode
const powerRequests = (slot: number, since: number): number =>
  lab.bmc.requestLog.filter(
    (r) => r.seq > since && /type=power/.test(r.query) && r.query.includes(`node${slot}=`)
  ).length

const write = (image: NodeImage, slot = 3) =>
  writeThroughTalosJob({
    kubectl: kubectlDriver(kube),
    server,
    slot,
    nodeName: node(slot).hostname,
    label: `slot ${slot}`,
    image,
    restart: () =>
      restartTalosNode({
        access: access(slot),
        slot,
        label: `slot ${slot}`,
        apiPort: node(slot).ports.talosApi,
        powerCycle: async () => {
          await client.setPower(slot, false)
          await client.setPower(slot, true)
        },
        downTimeoutMs: 5000,
        log
      }),
    log,
    stallTimeoutMs: 30_000
  })

async function bootsArmbian(slot: number): Promise<void> {
  const n = node(slot)
  await waitForBoot(undefined, slot, { timeoutMs: 60_000, tcp: { host: n.ip, port: n.ports.ssh } })
  expect(lab.bmc.node(slot as 1).emmc.sha256).toBe(armbian.sha256)
  const session = await SshSession.connect(
    { host: n.ip, port: n.ports.ssh, username: 'root', privateKey: keys.private },
    { hostKey: { mode: 'learn-once' }, node: slot }
  )
  // The image was personalised for slot 3; what matters is that Armbian booted from it.
  expect((await session.exec('cat /etc/hostname')).stdout.trim()).toBe(node(3).hostname)
  await session.close()
}

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

  it('a Talos node without the free RAM for the image goes to the BMC before anything is created', async () => {
    const need = { bytes: armbian.bytes, marginBytes: DEFAULT_MEMORY_MARGIN_BYTES }
    const healthy = choosePath('auto', await talosFacts(access(3), 3), need)
    expect(healthy.path).toBe('node')
    expect(healthy.reason).toMatch(
      /Talos node of this cluster .*14\.0 GiB free RAM.*privileged Job/
    )
    talosNode(3).opts.faults = { memAvailableBytes: 256 * 2 ** 20 }
    try {
      const facts = await talosFacts(access(3), 3)
      expect(facts.memAvailableBytes).toBe(256 * 2 ** 20)
      const choice = choosePath('auto', facts, need)
      expect(choice.path).toBe('bmc')
      expect(choice.reason).toMatch(/not enough free RAM to hold the image: 256 MiB available/)
      // The Job's own check sees the same memory (its /proc/meminfo is the node's).
      const error = (await write(armbian).catch((e: unknown) => e)) as NodeWriteError
      expect(error.touched).toBe(false)
      expect(error.evidence).toMatch(/not enough free memory/)
    } finally {
      talosNode(3).opts.faults = {}
    }
  }, 120_000)

  it('writes Armbian from RAM through a privileged Job; the Talos API reboot boots it', async () => {
    const since = lab.bmc.requestLog.at(-1)?.seq ?? 0
    const result = await write(armbian)
    expect(result.phase).toBe('done')
    expect(result.restartedBy).toBe('talos-api')
    // Powercycle: the default mode would first try to kexec a kernel from the rewritten disk.
    expect(talosNode(3).rebootRequests).toEqual(['powercycle'])
    await bootsArmbian(3)
    expect(powerRequests(3, since)).toBe(0)
    expect(log.lines.join('\n')).toMatch(/eMMC read back and verified/)
    expect(log.lines.join('\n')).toMatch(/slot 3: restarted through the Talos API/)
  }, 120_000)

  it('a reboot the API accepts but that never comes: the BMC power-cycles the node', async () => {
    talosNode(2).opts.faults = { rebootNeverComes: true }
    const since = lab.bmc.requestLog.at(-1)?.seq ?? 0
    const result = await write(armbian, 2)
    expect(result.restartedBy).toBe('bmc')
    expect(result.restartWhy).toMatch(/accepted the reboot but the node was still up after 5\.0 s/)
    expect(talosNode(2).rebootRequests).toEqual(['powercycle'])
    expect(powerRequests(2, since)).toBe(2)
    await bootsArmbian(2)
  }, 120_000)
  it('TalosNodePath: the control plane writes itself after the worker started; the API gone after the write is power-cycled by the BMC', async () => {
    talosNode(4).opts.faults = { apiGoneAfterDiskWrite: true }
    const since = lab.bmc.requestLog.at(-1)?.seq ?? 0
    const path = new TalosNodePath({
      talosctl,
      talosconfig,
      controlPlane: node(1),
      uplink: new SharedUplink(Infinity),
      kubeTools: async () => ({
        kubectl: join(repoRoot, '.tools', 'bin', 'kubectl'),
        helm: join(repoRoot, '.tools', 'bin', 'helm')
      }),
      dir,
      log,
      writers: [1, 4],
      stallTimeoutMs: 30_000,
      rebootDownTimeoutMs: 5000
    })
    const powerCycle = (slot: number) => async () => {
      await client.setPower(slot, false)
      await client.setPower(slot, true)
    }
    try {
      // The control plane is asked first, yet its Job waits for the worker's to start.
      const [cp, worker] = await Promise.all([
        path.write({ node: node(1), label: 'slot 1', image: armbian, powerCycle: powerCycle(1) }),
        path.write({ node: node(4), label: 'slot 4', image: armbian, powerCycle: powerCycle(4) })
      ])
      expect(cp.restartedBy).toBe('talos-api')
      expect(worker.restartedBy).toBe('bmc')
      expect(worker.restartWhy).toMatch(/the Talos API refused the reboot .*Unavailable/)
      expect(powerRequests(4, since)).toBe(2)
      expect(powerRequests(1, since)).toBe(0)
    } finally {
      await path.close()
    }
    const lines = log.lines.join('\n')
    // The runner-address rule picked this machine's address towards the (loopback) lab nodes.
    expect(lines).toMatch(/Image server for the Talos nodes' own writes on 127\.0\.0\.1/)
    const created = (slot: number) => lines.indexOf(`slot ${slot}: write Job`)
    expect(created(4)).toBeGreaterThanOrEqual(0)
    expect(created(1)).toBeGreaterThan(created(4))
    await bootsArmbian(1)
    await bootsArmbian(4)
  }, 180_000)
})

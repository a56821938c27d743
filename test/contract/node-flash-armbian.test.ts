/**
 * The node path on lab Armbian nodes: the real node script under real bash in the node sandbox
 * writes the emulated eMMC from RAM, reads it back, reboots through sysrq, and the node boots what
 * it wrote. Faults: SSH drop mid-transfer and a corrupted transfer leave the node untouched; not
 * enough RAM refuses before anything is written; a reboot that never comes falls back to the BMC.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { BmcClient } from '../../src/bmc/client'
import { flashNode, type FlashImage } from '../../src/bmc/flash'
import { waitForBoot } from '../../src/bmc/boot'
import type { Logger } from '../../src/common/host'
import { personaliseImage } from '../../src/distro/k3s/personalise'
import { loadInventory, type Inventory, type InventoryNode } from '../../src/inventory'
import { startLab, type Lab } from '../../src/lab/lab'
import type { ArmbianNode } from '../../src/lab/nodes/armbian'
import { TalosNode } from '../../src/lab/talos/node'
import { generateEd25519KeyPair } from '../../src/node-access/ssh-keygen'
import { SshSession } from '../../src/node-access/ssh'
import { armbianFacts } from '../../src/node-flash/facts'
import {
  choosePath,
  DEFAULT_MEMORY_MARGIN_BYTES,
  describeNodeImage,
  FlashScheduler,
  NodeWriteError,
  SharedUplink,
  writeOverSsh,
  type NodeImage
} from '../../src/node-flash'

function quietLog(): Logger & { lines: string[] } {
  const lines: string[] = []
  const push = (m: string): void => void lines.push(m)
  return { lines, info: push, warn: push, error: push, debug: () => {}, group: (_t, fn) => fn() }
}

let dir: string
let lab: Lab
let inventory: Inventory
let client: BmcClient
const keys = generateEd25519KeyPair()
const log = quietLog()
const uplink = new SharedUplink(Infinity)
let talos: NodeImage
let talosRawSha: string

const node = (slot: number): InventoryNode =>
  inventory.nodes.find((n) => n.slot === slot) as InventoryNode

async function personalised(slot: number): Promise<FlashImage & { cleanup(): Promise<void> }> {
  const img = await personaliseImage(lab.images.armbian.path, join(dir, 'work'), {
    inventory,
    node: node(slot),
    authorizedKeys: keys.public
  })
  return { path: img.path, size: img.size, fileName: img.fileName, cleanup: img.cleanup }
}

/** BMC-flashes our Armbian onto `slot` and returns an SSH session with our key. */
async function armbianOf(slot: number): Promise<SshSession> {
  const img = await personalised(slot)
  try {
    await flashNode(client, slot, img, { log })
  } finally {
    await img.cleanup()
  }
  const n = node(slot)
  await waitForBoot(undefined, slot, { timeoutMs: 60_000, tcp: { host: n.ip, port: n.ports.ssh } })
  return connect(slot)
}

function connect(slot: number): Promise<SshSession> {
  const n = node(slot)
  return SshSession.connect(
    { host: n.ip, port: n.ports.ssh, username: 'root', privateKey: keys.private },
    { hostKey: { mode: 'learn-once' }, node: slot }
  )
}

const armbian = (slot: 1 | 2 | 3 | 4): ArmbianNode => lab.cluster.node(slot) as ArmbianNode

/** Open sessions hold the node's faults object, so it is changed in place. */
function setFaults(slot: 1 | 2 | 3 | 4, faults: ArmbianNode['faults']): void {
  const live = armbian(slot).faults as Record<string, unknown>
  for (const k of Object.keys(live)) delete live[k]
  Object.assign(live, faults)
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rk1-node-flash-'))
  lab = await startLab({ dir: join(dir, 'lab'), timeScale: 50 })
  inventory = (await loadInventory(lab.inventoryPath)).inventory
  client = new BmcClient({
    host: inventory.bmc.host,
    port: inventory.bmc.port,
    tls: { mode: 'fingerprint', fingerprint: lab.bmc.fingerprintSha256 },
    username: 'root',
    password: lab.env.RK1_BMC_PASSWORD as string
  })
  const t = lab.images.talos
  talos = await describeNodeImage({
    path: t.path,
    size: statSync(t.path).size,
    fileName: basename(t.path),
    sha256: t.sha256
  })
  talosRawSha = execFileSync('sh', ['-c', `xzcat '${t.path}' | sha256sum`], {
    encoding: 'utf8'
  }).split(' ')[0] as string
}, 120_000)

afterAll(async () => {
  client?.close()
  await lab?.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('the node path on an Armbian node', () => {
  it('writes Talos (xz) through the running OS from RAM; the node boots Talos', async () => {
    const session = await armbianOf(1)
    const before = lab.bmc.node(1).emmc.sha256
    const result = await writeOverSsh({
      session,
      slot: 1,
      label: 'slot 1',
      image: talos,
      uplink,
      log
    })
    expect(result.phase).toBe('rebooting')
    expect(result.rawBytes).toBe(talos.rawBytes)
    const n = node(1)

    await waitForBoot(undefined, 1, {
      timeoutMs: 60_000,
      tcp: { host: n.ip, port: n.ports.talosApi }
    })
    const emmc = lab.bmc.node(1).emmc
    expect(emmc.sha256).toBe(talosRawSha)
    expect(emmc.sha256).not.toBe(before)
    expect(emmc.flashedFileName).toBe('written by the node itself')
    expect(lab.cluster.node(1)).toBeInstanceOf(TalosNode)
    expect(log.lines.join('\n')).toMatch(/eMMC read back and verified/)
  }, 120_000)

  it('an SSH drop mid-transfer leaves the node untouched and running', async () => {
    const session = await armbianOf(2)
    const before = lab.bmc.node(2).emmc.sha256
    setFaults(2, { dropAfterInputBytes: 256 * 1024 })
    const error = await writeOverSsh({
      session,
      slot: 2,
      label: 'slot 2',
      image: talos,
      uplink,
      log
    }).catch((e: unknown) => e)
    setFaults(2, {})
    expect(error).toBeInstanceOf(NodeWriteError)
    expect((error as NodeWriteError).touched).toBe(false)
    expect(lab.bmc.node(2).emmc.sha256).toBe(before)
    const again = await connect(2)
    expect((await again.exec('cat /etc/hostname')).stdout.trim()).toBe(node(2).hostname)
    await again.close()
  }, 120_000)

  it('a corrupted transfer fails the checksum before the write', async () => {
    const session = await connect(2)
    const before = lab.bmc.node(2).emmc.sha256
    setFaults(2, { corruptInputAt: 1000 })
    const error = (await writeOverSsh({
      session,
      slot: 2,
      label: 'slot 2',
      image: talos,
      uplink,
      log
    }).catch((e: unknown) => e)) as NodeWriteError
    setFaults(2, {})
    expect(error).toBeInstanceOf(NodeWriteError)
    expect(error.touched).toBe(false)
    expect(error.evidence).toMatch(/sha256 of the received image/)
    expect(lab.bmc.node(2).emmc.sha256).toBe(before)
    await session.close()
  }, 60_000)

  it('reads the facts up front: not enough RAM sends the node to the BMC before anything runs', async () => {
    const session = await connect(2)
    const need = { bytes: talos.bytes, marginBytes: DEFAULT_MEMORY_MARGIN_BYTES }
    const healthy = await armbianFacts(session, 2)
    expect(healthy).toMatchObject({ os: 'armbian', memAvailableBytes: 14 * 2 ** 30 })
    expect(healthy.unhealthyBecause).toBeUndefined()
    expect(choosePath('auto', healthy, need).path).toBe('node')
    setFaults(2, { memAvailableBytes: 256 * 2 ** 20 })
    const low = choosePath('auto', await armbianFacts(session, 2), need)
    setFaults(2, {})
    expect(low.path).toBe('bmc')
    expect(low.reason).toMatch(/not enough free RAM/)
    await session.close()
  }, 60_000)

  it('not enough RAM is refused before anything is received or written', async () => {
    const session = await connect(2)
    const before = lab.bmc.node(2).emmc.sha256
    setFaults(2, { memAvailableBytes: 64 * 2 ** 20 })
    const error = (await writeOverSsh({
      session,
      slot: 2,
      label: 'slot 2',
      image: talos,
      uplink,
      log
    }).catch((e: unknown) => e)) as NodeWriteError
    setFaults(2, {})
    expect(error.touched).toBe(false)
    expect(error.evidence).toMatch(/not enough free memory/)
    expect(lab.bmc.node(2).emmc.sha256).toBe(before)
    await session.close()
  }, 60_000)

  it('a reboot that never comes falls back to the BMC flash of that node', async () => {
    const session = await connect(2)
    setFaults(2, { hangOnReboot: true })
    const n = node(2)
    const scheduler = new FlashScheduler(log)
    const img = await personalised(2)
    try {
      const outcome = await scheduler.run({
        slot: 2,
        label: 'slot 2',
        choice: { slot: 2, path: 'node', reason: 'test' },
        nodeWrite: () =>
          writeOverSsh({ session, slot: 2, label: 'slot 2', image: talos, uplink, log }),
        bmcFlash: () => {
          setFaults(2, {})
          return flashNode(client, 2, img, { log })
        },
        confirmBoot: ({ path }) =>
          waitForBoot(undefined, 2, {
            timeoutMs: path === 'node' ? 3000 : 60_000,
            tcp: { host: n.ip, port: n.ports.ssh }
          })
      })
      expect(outcome.path).toBe('bmc')
      expect(outcome.fallbackFrom?.touched).toBe(true)
      expect(outcome.reason).toMatch(/fallback after the node path failed after the write/)
      expect(outcome.error).toBeUndefined()
      expect(outcome.nodeWrite?.phase).toBe('rebooting')
      const again = await connect(2)
      expect((await again.exec('cat /etc/hostname')).stdout.trim()).toBe(n.hostname)
      await again.close()
    } finally {
      await img.cleanup()
    }
  }, 120_000)
})

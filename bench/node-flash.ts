// A 4-node distro switch, Talos → K3s and back, BMC only vs flash-path auto, with the realistic
// timing profile scaled down by timeScale. The real FlashScheduler decides the order (BMC flashes
// one at a time, node-path writes in parallel) and the real SharedUplink paces the image bytes,
// which really flow (sizes divided by timeScale, so rates and therefore durations scale too);
// the BMC, the node's eMMC, boots and configuration are timed from the profile below.
// Usage: node bench/run.mjs node-flash [timeScale] [eMMC write MB/s]   (figures only, no assertions)
import { Readable, Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { sleep } from '../src/common/abort'
import type { Logger } from '../src/common/host'
import type { BootResult, FlashResult } from '../src/bmc'
import {
  FlashScheduler,
  SharedUplink,
  type FlashOutcome,
  type NodeWriteResult
} from '../src/node-flash'

const timeScale = Number(process.argv[2] ?? 100)
const MB = 1e6
const emmcWriteMBps = Number(process.argv[3] ?? 80)
const MiB = 2 ** 20

/** Real-world figures; sources in /work/notes/issue-16.md and the specs. */
const PROFILE = {
  // bmc-api.md §5.11: "10-15 minutes per node" for 2.2 GB → ~3 MB/s; CRC read-back +30-50 %.
  bmc: { prepS: 7, writeBytesPerS: 3 * MB, verifyFactor: 0.4 },
  // 1 GbE ≈ 117 MB/s of TCP payload, paced at 105 MB/s for all nodes together (DEFAULT_UPLINK).
  uplinkBytesPerS: 105 * MB,
  // RK1 eMMC (Samsung BJTD4R, HS200 ≤ 200 MB/s bus): 80 MB/s sequential write assumed,
  // 150 MB/s read-back; xz decompression on one Cortex-A76 ≈ 100 MB/s of output.
  node: {
    emmcWriteBytesPerS: emmcWriteMBps * MB,
    readBackBytesPerS: 150 * MB,
    xzOutBytesPerS: 100 * MB
  },
  images: {
    // tools.md §1.5: the metal raw image is 1246 MiB; the Factory serves it as .raw.xz.
    talos: { rawBytes: 1246 * MiB, sentBytes: 400 * MiB, format: 'xz' as const },
    // An Armbian minimal image, personalised per node, so it travels raw.
    armbian: { rawBytes: 2048 * MiB, sentBytes: 2048 * MiB, format: 'raw' as const }
  },
  // Talos nodes write through a privileged Job (Talos → K3s): kubeconfig through talosctl, Job
  // created, pod started (busybox pulled on each node); the control plane's Job starts only once
  // the others run (their Kubernetes API lives on it); after the write the Talos API reboot
  // (powercycle) takes its shutdown sequence before the node goes down.
  talosJob: { kubeconfigS: 2, podStartS: 15, rebootDownS: 20 },
  // Armbian nodes: SSH session and the script start; the sysrq reboot is immediate.
  sshStartS: 1,
  bootS: { armbian: 60, talos: 75 },
  // After the boot: K3s setup + install/join, Talos apply-config + bootstrap (same on both paths).
  configureS: { armbian: 150, talos: 180 }
}

type Distro = 'talos' | 'armbian'
const wait = (realSeconds: number): Promise<void> => sleep((realSeconds * 1000) / timeScale)

const log: Logger = {
  info: () => undefined,
  warn: () => undefined,
  error: (m) => console.error(m),
  debug: () => undefined,
  group: (_t, fn) => fn()
}

/** The control plane's Job waits for the other Talos nodes' Jobs to run (TalosNodePath). */
interface JobGate {
  started: Map<number, Promise<void>>
  open: Map<number, () => void>
}

function jobGate(): JobGate {
  const gate: JobGate = { started: new Map(), open: new Map() }
  for (const slot of [1, 2, 3, 4])
    gate.started.set(slot, new Promise<void>((r) => gate.open.set(slot, r)))
  return gate
}

/** A node receiving the image: the bytes cross the shared uplink, then the node does its part. */
async function nodeWrite(
  slot: number,
  uplink: SharedUplink,
  to: Distro,
  gate: JobGate
): Promise<NodeWriteResult> {
  const image = PROFILE.images[to]
  const started = performance.now()
  // Leaving Talos: the write goes through a Job on each node, the control plane (slot 1) last.
  const fromTalos = to === 'armbian'
  if (fromTalos) {
    if (slot === 1) await Promise.all([2, 3, 4].map((s) => gate.started.get(s)))
    await wait(PROFILE.talosJob.kubeconfigS + PROFILE.talosJob.podStartS)
    gate.open.get(slot)?.()
  } else await wait(PROFILE.sshStartS)
  const bytes = Math.round(image.sentBytes / timeScale)
  const chunk = Buffer.alloc(64 * 1024)
  let left = bytes
  const source = new Readable({
    read() {
      const n = Math.min(chunk.length, left)
      left -= n
      this.push(n > 0 ? chunk.subarray(0, n) : null)
    }
  })
  await pipeline(source, uplink.stream(), new Writable({ write: (_c, _e, done) => done() }))
  const transferMs = performance.now() - started
  const { node } = PROFILE
  const raw = image.rawBytes
  const sha = image.sentBytes / 400e6 // sha256 of the RAM copy at ~400 MB/s
  const check = image.format === 'xz' ? raw / node.xzOutBytesPerS : 0
  const write =
    raw / Math.min(node.emmcWriteBytesPerS, image.format === 'xz' ? node.xzOutBytesPerS : Infinity)
  await wait(sha + check + write + raw / node.readBackBytesPerS + 1)
  if (fromTalos) await wait(PROFILE.talosJob.rebootDownS)
  return {
    slot,
    bytes,
    rawBytes: raw,
    transferMs,
    durationMs: performance.now() - started,
    phase: 'rebooting'
  }
}

async function bmcFlash(slot: number, to: Distro): Promise<FlashResult> {
  const started = performance.now()
  const image = PROFILE.images[to]
  const { bmc } = PROFILE
  const writeS = image.rawBytes / bmc.writeBytesPerS
  await wait(bmc.prepS + writeS * (1 + bmc.verifyFactor))
  const ms = performance.now() - started
  return {
    slot,
    handle: slot,
    bytes: image.sentBytes,
    durationMs: ms,
    uploadMs: ms,
    throughputBytesPerSec: 0,
    bmcElapsedMs: ms,
    phases: { start: 0, upload: 0, write: 0 },
    poweredOn: true
  }
}

interface SwitchFigures {
  writingMs: number
  totalMs: number
  outcomes: FlashOutcome[]
}

async function runSwitch(to: Distro, mode: 'bmc' | 'auto'): Promise<SwitchFigures> {
  const scheduler = new FlashScheduler(log)
  const uplink = new SharedUplink(PROFILE.uplinkBytesPerS)
  const started = performance.now()
  const gate = jobGate()
  let writingDone = 0
  const outcomes = await Promise.all(
    [1, 2, 3, 4].map(async (slot) => {
      const outcome = await scheduler.run({
        slot,
        label: `slot ${slot}`,
        choice:
          mode === 'bmc'
            ? { slot, path: 'bmc', reason: 'flash-path is bmc' }
            : {
                slot,
                path: 'node',
                reason:
                  to === 'armbian'
                    ? 'Talos node of this cluster: written by a privileged Job'
                    : 'Armbian node of this cluster: written over SSH'
              },
        nodeWrite: () => nodeWrite(slot, uplink, to, gate),
        bmcFlash: () => bmcFlash(slot, to),
        confirmBoot: async (): Promise<BootResult> => {
          writingDone = Math.max(writingDone, performance.now())
          const t = performance.now()
          await wait(PROFILE.bootS[to])
          return { slot, via: ['tcp'], durationMs: performance.now() - t, uartText: '' }
        }
      })
      await wait(PROFILE.configureS[to])
      return outcome
    })
  )
  return { writingMs: writingDone - started, totalMs: performance.now() - started, outcomes }
}

const real = (ms: number): string => `${((ms * timeScale) / 1000 / 60).toFixed(1)} min`

console.log(
  `4-node distro switch, realistic profile scaled by ${timeScale} (figures below in real-world minutes)`
)
console.log(
  `profile: BMC ${PROFILE.bmc.writeBytesPerS / MB} MB/s serial + ${PROFILE.bmc.verifyFactor * 100}% CRC; ` +
    `uplink ${PROFILE.uplinkBytesPerS / MB} MB/s shared; eMMC write ${PROFILE.node.emmcWriteBytesPerS / MB} MB/s`
)
let bmcWriting = 0
let bmcTotal = 0
let autoWriting = 0
let autoTotal = 0
for (const to of ['armbian', 'talos'] as const) {
  const name = to === 'armbian' ? 'Talos → K3s' : 'K3s → Talos'
  const bmc = await runSwitch(to, 'bmc')
  const auto = await runSwitch(to, 'auto')
  const paths = auto.outcomes.map((o) => o.path).join(',')
  console.log(
    `${name.padEnd(12)} BMC only: writing ${real(bmc.writingMs)}, switch ${real(bmc.totalMs)} | ` +
      `auto (${paths}): writing ${real(auto.writingMs)}, switch ${real(auto.totalMs)}`
  )
  bmcWriting += bmc.writingMs
  bmcTotal += bmc.totalMs
  autoWriting += auto.writingMs
  autoTotal += auto.totalMs
}
console.log(
  `both switches: BMC only ${real(bmcTotal)}, auto ${real(autoTotal)}; ` +
    `image-writing phase ${(bmcWriting / autoWriting).toFixed(1)}x faster (target ≥ 5x)`
)
console.log(`whole switch auto / BMC only = ${(autoTotal / bmcTotal).toFixed(3)} (target ≤ 0.3)`)

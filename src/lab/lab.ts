import { randomBytes } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { startBmcEmulator } from './bmc/emulator'
import type { BmcEmulator, BmcEmulatorOptions } from './bmc/types'
import { createLabImages, type LabImage, type LabDistro } from './images'

/** Loopback addresses of the four lab nodes (design.md §4). */
export const LAB_NODE_IPS = ['127.0.1.1', '127.0.1.2', '127.0.1.3', '127.0.1.4'] as const
export const LAB_CLUSTER_NAME = 'rk1-lab'

export interface LabOptions {
  /** Folder for the inventory, env file, images and emulated eMMCs. */
  dir: string
  /** Divides the realistic timings (flash ≈ 4 MB/s, RK1 prep 7 s, boot ~30 s); default 50. */
  timeScale?: number
  /** Size of each synthetic image before compression; default 8 MiB. */
  imageBytes?: number
  /** Extra BMC emulator settings (fault tests shorten token lifetimes, for example). */
  bmc?: Omit<BmcEmulatorOptions, 'users' | 'storageDir'>
}

export interface Lab {
  readonly dir: string
  readonly inventoryPath: string
  /** KEY=value lines a user sources to point any command at the lab (mode 0600). */
  readonly envPath: string
  /** Secrets generated for this lab run; never written anywhere but `envPath`. */
  readonly env: Record<string, string>
  readonly bmc: BmcEmulator
  readonly images: Record<LabDistro, LabImage>
  close(): Promise<void>
}

function labInventory(bmc: BmcEmulator, images: Record<LabDistro, LabImage>): string {
  const nodes = LAB_NODE_IPS.map(
    (ip, i) => `  - slot: ${i + 1}
    hostname: ${i === 0 ? 'lab-cp1' : `lab-w${i}`}
    ip: ${ip}
    role: ${i === 0 ? 'control-plane' : 'worker'}`
  ).join('\n')
  return `# The rk1 virtual lab (SIMULATED): an emulated Turing Pi 2 on loopback, written by \`rk1 lab up\`.
name: ${LAB_CLUSTER_NAME}
distro: talos
bmc:
  host: 127.0.0.1
  port: ${bmc.port}
  tls:
    mode: fingerprint
    fingerprint: ${bmc.fingerprintSha256}
nodes:
${nodes}
network:
  cidr: 127.0.0.0/8
  gateway: 127.0.0.1
  dns: [127.0.0.1]
  metallbPool: 127.0.2.80-127.0.2.89
  ingressIp: 127.0.2.80
distros:
  talos:
    image: { source: ${images.talos.path}, sha256: ${images.talos.sha256} }
  k3s:
    image: { source: ${images.armbian.path}, sha256: ${images.armbian.sha256} }
`
}

/** Starts the lab: BMC emulator on 127.0.0.1 with a generated password, images, inventory. */
export async function startLab(options: LabOptions): Promise<Lab> {
  const dir = options.dir
  await mkdir(dir, { recursive: true })
  const password = randomBytes(12).toString('base64url')
  const images = await createLabImages(join(dir, 'images'), options.imageBytes)
  const bmc = await startBmcEmulator({
    timeScale: options.timeScale ?? 50,
    ...options.bmc,
    users: { root: password },
    storageDir: join(dir, 'emmc')
  })
  const inventoryPath = join(dir, 'cluster.yaml')
  await writeFile(inventoryPath, labInventory(bmc, images))
  const env = { RK1_BMC_USER: 'root', RK1_BMC_PASSWORD: password }
  const envPath = join(dir, 'lab.env')
  await writeFile(
    envPath,
    Object.entries(env)
      .map(([k, v]) => `${k}=${v}\n`)
      .join(''),
    { mode: 0o600 }
  )
  return { dir, inventoryPath, envPath, env, bmc, images, close: () => bmc.close() }
}

import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { chmod, mkdir, symlink, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { LONGHORN_EXTENSIONS, resolveRk1Schematic } from '../distro/talos/schematic'
import { DEFAULT_VERSIONS } from '../inventory'
import type { BmcEmulator } from './bmc/types'
import { LabCluster, type LabClusterOptions, type LabPorts } from './cluster'
import { buildArmbianImage } from './images/armbian-image'
import { buildTalosImage } from './images/talos-image'
import { labInventory, type LabImageRef } from './inventory'
import { assertBlockFree, labNodeIps, randomBlock, type LabAddressBlock } from './addresses'

export {
  labNodeIps,
  parseSubnet,
  STANDARD_LAB_BLOCK,
  LabAddressInUseError,
  type LabAddressBlock
} from './addresses'
export const LAB_CLUSTER_NAME = 'rk1-lab'
/** Unprivileged SSH port, so the lab runs without root; the Talos and Kubernetes ports are real. */
export const LAB_PORTS: LabPorts = { ssh: 2222, talosApi: 50000, kubernetes: 6443 }

export interface LabOptions {
  /** Folder for the inventory, env file, images, emulated eMMCs and node state. */
  dir: string
  /** Divides the realistic timings (flash ≈ 4 MB/s, RK1 prep 7 s, boots); default 50. */
  timeScale?: number
  /** Extra BMC emulator settings (fault tests shorten token lifetimes, for example). */
  bmc?: LabClusterOptions['bmc']
  /** Default: a random 127.x.y.0/24 block (`STANDARD_LAB_BLOCK` for `rk1 lab up`). */
  addresses?: LabAddressBlock
}

export interface Lab {
  readonly dir: string
  readonly inventoryPath: string
  /** KEY=value lines a user sources to point any command at the lab (mode 0600). */
  readonly envPath: string
  /** Secrets and PATH for this lab run; never written anywhere but `envPath`. */
  readonly env: Record<string, string>
  /** Node addresses by slot (index 0 = slot 1). */
  readonly nodeIps: readonly string[]
  readonly cluster: LabCluster
  readonly bmc: BmcEmulator
  readonly images: { talos: LabImageRef; armbian: LabImageRef }
  close(): Promise<void>
}

/** The repository root, found from this module whether it runs from src/ or a dist/ chunk. */
export function repositoryRoot(): string {
  let dir = import.meta.dirname
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir)
  return dir
}

/**
 * Puts the lab's tools first on PATH: the lab talosctl, and the real kubectl and helm when
 * `npm run tools:kube` has unpacked them.
 */
async function writeLabBin(dir: string): Promise<string> {
  const bin = join(dir, 'bin')
  await mkdir(bin, { recursive: true })
  const root = repositoryRoot()
  const talosctl = join(bin, 'talosctl')
  const entry = join(root, 'dist', 'lab-talosctl.mjs')
  await writeFile(talosctl, `#!/bin/sh\nexec "${process.execPath}" "${entry}" "$@"\n`)
  await chmod(talosctl, 0o755)
  for (const tool of ['kubectl', 'helm']) {
    const real = join(root, '.tools', 'bin', tool)
    if (existsSync(real) && !existsSync(join(bin, tool))) await symlink(real, join(bin, tool))
  }
  return bin
}

/**
 * Lab images are read-only inputs (the product personalises copies), so one build serves every
 * lab of this process; tests start many labs, and building takes most of a lab's start-up.
 */
let sharedImages: Promise<Lab['images']> | undefined

function labImages(): Promise<Lab['images']> {
  sharedImages ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rk1-lab-images-'))
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }))
    return buildImages(dir)
  })()
  return sharedImages
}

async function buildImages(dir: string): Promise<Lab['images']> {
  const version = DEFAULT_VERSIONS.talos
  const extensions = [...LONGHORN_EXTENSIONS]
  const talos = await buildTalosImage(join(dir, 'talos'), {
    version,
    // The schematic the product computes for the default inventory, so lab nodes report it.
    schematicId: resolveRk1Schematic().id,
    extensions
  })
  const armbian = await buildArmbianImage(join(dir, 'armbian'), { sizeMiB: 32 })
  // Talos as .raw.xz like the Image Factory serves it, Armbian raw: both BMC upload paths run.
  return {
    talos: { path: talos.xz, sha256: talos.xzSha256 },
    armbian: { path: armbian.raw, sha256: armbian.rawSha256 }
  }
}

const shellQuote = (value: string): string => `'${value.replace(/'/g, `'\\''`)}'`

/**
 * The given block, refused when any of its addresses and ports is taken; or a random free one
 * (a few tries: random blocks rarely meet, but parallel test files start many labs).
 */
async function freeBlock(given: LabAddressBlock | undefined): Promise<LabAddressBlock> {
  const ports = [LAB_PORTS.ssh, LAB_PORTS.talosApi, LAB_PORTS.kubernetes]
  if (given) {
    await assertBlockFree(given, ports)
    return given
  }
  for (let attempt = 1; ; attempt++) {
    const block = randomBlock()
    try {
      await assertBlockFree(block, ports)
      return block
    } catch (error) {
      if (attempt >= 5) throw error
    }
  }
}

/** Starts the lab: BMC emulator with a generated password, four nodes, images, inventory. */
export async function startLab(options: LabOptions): Promise<Lab> {
  const dir = options.dir
  await mkdir(dir, { recursive: true })
  const password = randomBytes(12).toString('base64url')
  const images = await labImages()
  const block = await freeBlock(options.addresses)
  const nodeIps = labNodeIps(block)
  const cluster = await LabCluster.start({
    dir,
    nodeIps,
    ports: LAB_PORTS,
    timeScale: options.timeScale ?? 50,
    bmc: { ...options.bmc, users: { root: password } }
  })
  const inventoryPath = join(dir, 'cluster.yaml')
  await writeFile(
    inventoryPath,
    labInventory({
      name: LAB_CLUSTER_NAME,
      bmc: cluster.bmc,
      block,
      nodeIps,
      ports: LAB_PORTS,
      images
    })
  )
  const bin = await writeLabBin(dir)
  // Everything pointed at the lab stays on loopback: the lab's charts, no downloads.
  const common = {
    RK1_BMC_USER: 'root',
    RK1_BMC_PASSWORD: password,
    RK1_CHART_SOURCE: `lab:${join(repositoryRoot(), 'lab', 'charts')}`,
    RK1_OFFLINE: '1',
    // The CLI's cluster files (key, secrets, kubeconfig) of the lab cluster stay in the lab.
    RK1_STATE_DIR: resolve(dir, 'state')
  }
  const env = { ...common, PATH: `${bin}:${process.env.PATH ?? ''}` }
  const envPath = join(dir, 'lab.env')
  const envText = Object.entries(common)
    .map(([key, value]) => `${key}=${shellQuote(value)}\n`)
    .join('')
  await writeFile(envPath, `${envText}PATH=${shellQuote(bin)}:"$PATH"\n`, { mode: 0o600 })
  return {
    dir,
    inventoryPath,
    envPath,
    env,
    nodeIps,
    cluster,
    bmc: cluster.bmc,
    images,
    close: () => cluster.close()
  }
}

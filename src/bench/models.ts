/**
 * The benchmark's model files, from the inventory (`benchmark.models`, each a source and its
 * SHA-256) or the catalogue's unpinned defaults, to what each node's fetch Job gets. Decided here,
 * once per run, before any Job:
 *
 * - a model without a source, or one that is not pinned, cannot be run on hardware: its workloads
 *   fail with the advice to pin it (an unpinned download is still fetched and hashed on the node,
 *   so the message can say what the file is);
 * - a local file is checked on the runner first (a mismatch fails its workloads without any
 *   transfer), then served to the nodes by the runner (node-flash's image server);
 * - the lab's engines are stand-ins that read no model, so the lab fetches only what it can
 *   fetch from 127.0.0.0/8 or the runner, and leaves the rest (the defaults) alone.
 */
import { stat } from 'node:fs/promises'
import { errorText } from '../common/errors'
import type { Logger } from '../common/host'
import { sha256File } from '../image/checksum'
import { isLoopbackIpv4, parseIpv4 } from '../inventory/ipv4'
import {
  BENCH_MODEL_CATALOGUE,
  type BenchModelEntry,
  type BenchModelSource,
  type DistroName,
  type Inventory
} from '../inventory'
import { ImageServer } from '../node-flash/image-server'
import { runnerAddressFor } from '../node-flash/runner-address'
import { DEFAULT_UPLINK_BYTES_PER_SEC, SharedUplink } from '../node-flash/uplink'
import type { Suite } from './contract'

/** One file for the node's fetch step (rk1_models.py --spec). */
export interface FetchItem {
  file: string
  /** What the node downloads: the source URL, or the runner's URL of a local file. */
  url: string
  /** Null: not pinned, the node only reports what the file is. */
  sha256: string | null
  /** What the user wrote (or the catalogue's default), for messages and records. */
  source: string
}

export interface ModelPlan {
  /** What every node's fetch Job gets (empty: no fetch Job). */
  fetch: FetchItem[]
  /** Files no node can use (no source, a local mismatch): file → the reason its workloads fail. */
  problems: Map<string, string>
  /** Catalogue entry of each file the suites need. */
  entries: Map<string, BenchModelEntry>
  /** Stops serving local files. */
  close(): Promise<void>
}

export const MODEL_LINE_PREFIX = 'RK1-MODEL '

/** The models the suites open on this distro, in catalogue order. */
export function modelsForSuites(suites: readonly Suite[], distro: DistroName): BenchModelEntry[] {
  return BENCH_MODEL_CATALOGUE.filter((m) => suites.includes(m.suite) && m.distros.includes(distro))
}

function pinned(inventory: Inventory, m: BenchModelEntry): BenchModelSource | undefined {
  return inventory.benchmark.models[m.id]?.[m.format]
}

const where = (m: BenchModelEntry): string => `benchmark.models.${m.id}.${m.format}`

function isLoopbackUrl(url: string): boolean {
  try {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '')
    const ip = parseIpv4(host)
    return host === 'localhost' || host === '::1' || (ip !== undefined && isLoopbackIpv4(ip))
  } catch {
    return false
  }
}

/** The reason for a status line of the fetch step, undefined when the model is usable. */
export function problemOf(line: ModelLine, m: BenchModelEntry | undefined): string | undefined {
  const source = line.source ?? '?'
  switch (line.status) {
    case 'cached':
    case 'fetched':
      return undefined
    case 'mismatch':
      return (
        `model ${line.file} failed its sha256 check: expected ${line.expected}, got ` +
        `${line.actual} (source ${source}); the download was deleted and nothing of this workload ran`
      )
    case 'unpinned':
      return (
        `model ${line.file} is not pinned: ${source} has sha256 ${line.actual}; check the file and ` +
        `pin it as ${m ? where(m) : 'benchmark.models'}.sha256 in the inventory; nothing of this workload ran`
      )
    default:
      return `model ${line.file} could not be fetched from ${source}: ${line.reason ?? line.status}; nothing of this workload ran`
  }
}

export interface ModelLine {
  type: 'model'
  file: string
  status: 'cached' | 'fetched' | 'mismatch' | 'unpinned' | 'error'
  sha256?: string
  expected?: string
  actual?: string
  bytes?: number
  seconds?: number
  source?: string
  reason?: string
}

/** The fetch step's status lines; anything else in the log is text. */
export function parseModelLines(log: string): { lines: ModelLine[]; done: boolean } {
  const lines: ModelLine[] = []
  let done = false
  for (const raw of log.split('\n')) {
    const at = raw.indexOf(MODEL_LINE_PREFIX)
    if (at < 0) continue
    try {
      const obj = JSON.parse(raw.slice(at + MODEL_LINE_PREFIX.length)) as { type?: string }
      if (obj.type === 'models-done') done = true
      else if (obj.type === 'model' && typeof (obj as ModelLine).file === 'string')
        lines.push(obj as ModelLine)
    } catch {
      // a cut line: the model it was about has no status, which the caller reports
    }
  }
  return { lines, done }
}

/**
 * The dry run's view (no cluster, so no lab check: as on hardware): each model the suites open,
 * where it comes from and whether it is pinned, so a user sees what to pin before a run.
 */
export function modelPlanRows(
  inventory: Inventory,
  suites: readonly Suite[],
  distro: DistroName
): { file: string; suite: string; source: string; sha256: string }[] {
  return modelsForSuites(suites, distro).map((m) => {
    const pin = pinned(inventory, m)
    const source = pin?.source ?? m.defaultSource
    return {
      file: m.file,
      suite: m.suite,
      source: source ? `${source}${pin?.kind === 'file' ? ' (served by the runner)' : ''}` : '—',
      sha256: pin
        ? pin.sha256
        : source
          ? `UNPINNED: set ${where(m)}.sha256`
          : `no source: set ${where(m)} { source, sha256 }`
    }
  })
}

export interface PrepareModelsOptions {
  inventory: Inventory
  suites: readonly Suite[]
  distro: DistroName
  simulated: boolean
  log: Logger
  signal?: AbortSignal
  /** The address the nodes reach this machine on (default: the route to the first node). */
  runnerAddress?: string
}

export async function prepareModels(o: PrepareModelsOptions): Promise<ModelPlan> {
  const fetch: FetchItem[] = []
  const problems = new Map<string, string>()
  const entries = new Map<string, BenchModelEntry>()
  let server: ImageServer | undefined
  const serve = async (): Promise<ImageServer> => {
    if (server) return server
    const nodeIp = o.inventory.nodes[0]?.ip ?? '127.0.0.1'
    const host = await runnerAddressFor(nodeIp, o.runnerAddress)
    server = await ImageServer.start({
      host,
      uplink: new SharedUplink(DEFAULT_UPLINK_BYTES_PER_SEC),
      log: o.log
    })
    o.log.info(`Serving the inventory's local model files to the nodes from ${host}.`)
    return server
  }
  for (const m of modelsForSuites(o.suites, o.distro)) {
    entries.set(m.file, m)
    const pin = pinned(o.inventory, m)
    const source = pin?.source ?? m.defaultSource
    if (!source) {
      if (o.simulated) continue
      problems.set(
        m.file,
        `model ${m.file} has no source: ${m.note}. Set ${where(m)} { source, sha256 } in the ` +
          'inventory; nothing of this workload ran'
      )
      continue
    }
    if (!pin) {
      // An unpinned default: hardware fetches it only to say what it is; the lab leaves it.
      if (!o.simulated) fetch.push({ file: m.file, url: source, sha256: null, source })
      continue
    }
    if (pin.kind === 'url') {
      if (o.simulated && !isLoopbackUrl(pin.source)) {
        o.log.info(
          `lab: ${m.file} not fetched: the lab fetches only from 127.0.0.0/8 (SIMULATED engines read no model)`
        )
        continue
      }
      fetch.push({ file: m.file, url: pin.source, sha256: pin.sha256, source: pin.source })
      continue
    }
    let actual: string
    try {
      actual = await sha256File(pin.source, { signal: o.signal })
    } catch (e) {
      problems.set(
        m.file,
        `model ${m.file}: the local file ${pin.source} cannot be read (${errorText(e).split('\n')[0]}); nothing of this workload ran`
      )
      continue
    }
    if (actual !== pin.sha256) {
      problems.set(
        m.file,
        `model ${m.file} failed its sha256 check on the runner: expected ${pin.sha256}, got ` +
          `${actual} (source ${pin.source}); nothing was sent and nothing of this workload ran`
      )
      continue
    }
    const { size } = await stat(pin.source)
    const offer = (await serve()).offer(`model ${m.file}`, {
      path: pin.source,
      fileName: m.file,
      format: 'raw',
      bytes: size,
      sha256: actual,
      rawBytes: size
    })
    fetch.push({ file: m.file, url: offer.imageUrl, sha256: pin.sha256, source: pin.source })
  }
  for (const [file, why] of problems) o.log.warn(`${file}: ${why}`)
  return {
    fetch,
    problems,
    entries,
    close: async () => {
      await server?.close()
    }
  }
}

/**
 * Cross-field rules the JSON Schema cannot express. Runs on the raw document even when the schema
 * failed, so one run lists every problem; each rule skips values of the wrong type (the schema
 * already reported those).
 */
import { BENCH_MODEL_IDS, formatsOf } from './bench-models'
import { compileBootPattern, DEFAULT_DISKS } from './defaults'
import type { Ipv4Cidr, Ipv4Range } from './ipv4'
import {
  formatIpv4,
  inRange,
  isLoopbackIpv4,
  parseCidr,
  parseIpv4,
  parsePool,
  rangeToString
} from './ipv4'
import type { PathSegment, PendingProblem } from './locate'
import { MAX_BOOT_PATTERN_LENGTH } from './limits'
import { formatPath } from './locate'
import { backtrackingRisks } from './regex-safety'
import { DEVICE } from './schema'
import { DISTRO_NAMES } from './types'
import { DEFAULT_VERSIONS } from './versions'

type Dict = Record<string, unknown>
type Report = (path: PathSegment[], message: string) => void

function dict(value: unknown): Dict | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Dict)
    : undefined
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined
}

export interface Findings {
  errors: PendingProblem[]
  warnings: PendingProblem[]
}

/** A named address that must not collide with the pool or with node IPs. */
interface Landmark {
  what: string
  value: number
}

export function checkSemantics(raw: Dict): Findings {
  const out: Findings = { errors: [], warnings: [] }
  const error: Report = (path, message) => {
    out.errors.push({ path, message })
  }
  const warn: Report = (path, message) => {
    out.warnings.push({ path, message })
  }

  const network = dict(raw.network) ?? {}
  const bmc = dict(raw.bmc) ?? {}

  const cidr = checkCidr(str(network.cidr), error)
  const bmcIp = checkBmcHost(str(bmc.host), error)
  const gateway = parseIpv4(str(network.gateway) ?? '')
  if (gateway !== undefined && cidr) checkInside(['network', 'gateway'], gateway, cidr, error)

  const landmarks: Landmark[] = []
  if (gateway !== undefined)
    landmarks.push({ what: 'the gateway (network.gateway)', value: gateway })
  if (bmcIp !== undefined) landmarks.push({ what: 'the BMC (bmc.host)', value: bmcIp })

  landmarks.push(...checkNodes(raw.nodes, cidr, landmarks, error, warn))
  const dns = Array.isArray(network.dns) ? network.dns : []
  dns.forEach((entry, i) => {
    const value = parseIpv4(str(entry) ?? '')
    if (value !== undefined) landmarks.push({ what: `a DNS server (network.dns[${i}])`, value })
  })

  checkPool(network, cidr, landmarks, error)
  checkTls(dict(bmc.tls), bmc, error, warn)
  checkDistros(dict(raw.distros), error)
  checkVersions(dict(raw.versions), warn)
  checkBenchModels(dict(dict(raw.benchmark)?.models), error)
  return out
}

function checkCidr(text: string | undefined, error: Report): Ipv4Cidr | undefined {
  if (text === undefined) return undefined
  const cidr = parseCidr(text)
  if ('error' in cidr) {
    error(['network', 'cidr'], cidr.error)
    return undefined
  }
  return cidr
}

function checkBmcHost(host: string | undefined, error: Report): number | undefined {
  if (host === undefined) return undefined
  // Digits and dots are legal host name characters, so the schema pattern lets `10.10.88.700` by.
  if (/^[\d.]+$/.test(host) && parseIpv4(host) === undefined)
    error(['bmc', 'host'], `is not a valid IPv4 address (got "${host}")`)
  return parseIpv4(host)
}

function checkInside(path: PathSegment[], value: number, cidr: Ipv4Cidr, error: Report): boolean {
  const network = `${formatIpv4(cidr.first)}/${cidr.prefix}`
  if (!inRange(value, cidr)) {
    error(path, `${formatIpv4(value)} is outside network.cidr ${network}`)
    return false
  }
  // /31 and /32 have no network or broadcast address (RFC 3021).
  if (cidr.prefix <= 30 && (value === cidr.first || value === cidr.last)) {
    const which = value === cidr.first ? 'network' : 'broadcast'
    error(path, `${formatIpv4(value)} is the ${which} address of ${network}`)
    return false
  }
  return true
}

function checkNodes(
  nodes: unknown,
  cidr: Ipv4Cidr | undefined,
  landmarks: readonly Landmark[],
  error: Report,
  warn: Report
): Landmark[] {
  if (!Array.isArray(nodes)) return []
  const seen = {
    slot: new Map<unknown, number>(),
    hostname: new Map<unknown, number>(),
    ip: new Map<unknown, number>()
  }
  const nodeAddresses: Landmark[] = []
  let controlPlanes = 0
  let rolesKnown = true
  nodes.forEach((entry, i) => {
    const node = dict(entry)
    if (!node) return
    for (const key of ['slot', 'hostname', 'ip'] as const) {
      const value = node[key]
      if (value === undefined || value === null) continue
      const first = seen[key].get(value)
      if (first === undefined) seen[key].set(value, i)
      else
        error(
          ['nodes', i, key],
          `${String(value)} is already used by ${formatPath(['nodes', first])}`
        )
    }
    checkDisks(node.disks, i, error)
    if (node.role === 'control-plane') controlPlanes++
    else if (node.role !== 'worker') rolesKnown = false

    const ip = parseIpv4(str(node.ip) ?? '')
    if (ip === undefined) return
    nodeAddresses.push({
      what: `${formatPath(['nodes', i])} (${String(node.hostname)})`,
      value: ip
    })
    if (cidr && !checkInside(['nodes', i, 'ip'], ip, cidr, error)) return
    for (const mark of landmarks)
      if (mark.value === ip) error(['nodes', i, 'ip'], `${formatIpv4(ip)} is also ${mark.what}`)
  })
  if (rolesKnown && nodes.length > 0 && controlPlanes === 0)
    error(['nodes'], 'needs at least one node with role: control-plane')
  // etcd needs a majority: 2 members survive no failure (like 1), 4 survive one (like 3).
  if (controlPlanes === 2 || controlPlanes === 4)
    warn(
      ['nodes'],
      `${controlPlanes} control planes survive no more failures than ${controlPlanes - 1} ` +
        '(etcd needs a majority) and add risk; use 1 or 3'
    )
  return nodeAddresses
}

const DEVICE_PATH = new RegExp(DEVICE, 'u')

/**
 * The data disk is formatted for Longhorn and the system disk flashed whole, so the two must be
 * separate devices. Defaults count: `data: /dev/mmcblk0` clashes with the default system disk.
 */
function checkDisks(disks: unknown, node: number, error: Report): void {
  const raw = dict(disks) ?? {}
  const system = raw.system === undefined ? DEFAULT_DISKS.system : str(raw.system)
  const data = raw.data === undefined ? DEFAULT_DISKS.data : str(raw.data)
  if (!system || !data || !DEVICE_PATH.test(system) || !DEVICE_PATH.test(data)) return
  const systemPath = ['nodes', node, 'disks', 'system']
  const where = raw.data !== undefined ? 'data' : 'system'
  const path = ['nodes', node, 'disks', where]
  const systemName =
    raw.system === undefined ? `the default system disk ${system}` : `the system disk ${system}`
  const dataName =
    raw.data === undefined ? `the default data disk ${data}` : `the data disk ${data}`
  const fix = 'give the data disk its own device, or data: null for none'
  if (system === data)
    error(
      path,
      where === 'data'
        ? `is also ${systemName} (${formatPath(systemPath)}); the system disk is flashed whole and the data disk formatted, so they must differ; ${fix}`
        : `is also ${dataName}; the system disk is flashed whole and the data disk formatted, so they must differ; ${fix}`
    )
  else if (partitionOf(data, system))
    error(
      path,
      `${where === 'data' ? 'is' : `holds ${dataName}, which is`} a partition of ${where === 'data' ? systemName : 'this disk'}; flashing the system disk overwrites it; ${fix}`
    )
  else if (partitionOf(system, data))
    error(
      path,
      `${where === 'data' ? `is the disk that holds ${systemName}` : `is a partition of ${dataName}`}; formatting the data disk would erase the system; ${fix}`
    )
}

/** `/dev/sda1` of `/dev/sda`, `/dev/nvme0n1p2` of `/dev/nvme0n1`, `…-part1` of a by-id link. */
function partitionOf(part: string, disk: string): boolean {
  if (!part.startsWith(disk)) return false
  const rest = part.slice(disk.length)
  return /^-part\d+$/.test(rest) || (/\d$/.test(disk) ? /^p\d+$/ : /^\d+$/).test(rest)
}

function checkPool(
  network: Dict,
  cidr: Ipv4Cidr | undefined,
  landmarks: readonly Landmark[],
  error: Report
): void {
  const poolText = str(network.metallbPool)
  const ingress = parseIpv4(str(network.ingressIp) ?? '')
  let pool: Ipv4Range | undefined
  if (poolText !== undefined) {
    const parsed = parsePool(poolText)
    if ('error' in parsed) error(['network', 'metallbPool'], parsed.error)
    else pool = parsed
  }
  if (pool) {
    const path = ['network', 'metallbPool']
    if (cidr && (!inRange(pool.first, cidr) || !inRange(pool.last, cidr)))
      error(
        path,
        `${rangeToString(pool)} is not inside network.cidr ${formatIpv4(cidr.first)}/${cidr.prefix}`
      )
    else if (cidr && cidr.prefix <= 30 && (inRange(cidr.first, pool) || inRange(cidr.last, pool)))
      error(
        path,
        `${rangeToString(pool)} contains the network or broadcast address of network.cidr`
      )
    const reported = new Set<number>()
    for (const mark of landmarks) {
      if (!inRange(mark.value, pool) || reported.has(mark.value)) continue
      reported.add(mark.value)
      error(
        path,
        `contains ${formatIpv4(mark.value)}, the address of ${mark.what}; MetalLB would hand it to a service`
      )
    }
  }
  if (ingress === undefined) return
  if (pool && !inRange(ingress, pool))
    error(
      ['network', 'ingressIp'],
      `${formatIpv4(ingress)} is outside network.metallbPool ${rangeToString(pool)}`
    )
  else if (!pool && cidr) checkInside(['network', 'ingressIp'], ingress, cidr, error)
}

function checkTls(tls: Dict | undefined, bmc: Dict, error: Report, warn: Report): void {
  const where = `${str(bmc.host) ?? 'BMC'}:${typeof bmc.port === 'number' ? bmc.port : 443}`
  const explicit = str(tls?.mode)
  const mode = explicit ?? (tls?.fingerprint !== undefined ? 'fingerprint' : 'insecure')
  if (tls?.fingerprint !== undefined && mode !== 'fingerprint')
    error(
      ['bmc', 'tls', 'fingerprint'],
      `is only used with mode: fingerprint (mode is ${mode}); remove one of them`
    )
  if (tls?.caFile !== undefined && mode !== 'verify')
    error(
      ['bmc', 'tls', 'caFile'],
      `is only used with mode: verify (mode is ${mode}); remove one of them`
    )
  if (mode === 'insecure')
    warn(
      tls ? ['bmc', 'tls'] : ['bmc'],
      'the BMC certificate is not checked (tls mode insecure); pin it with tls.fingerprint, from ' +
        `\`openssl s_client -connect ${where} </dev/null | openssl x509 -noout -fingerprint -sha256\``
    )
}

function checkDistros(distros: Dict | undefined, error: Report): void {
  for (const name of DISTRO_NAMES) {
    const settings = dict(distros?.[name])
    const source = str(dict(settings?.image)?.source)
    if (source) {
      const problem = checkImageSource(source)
      if (problem) error(['distros', name, 'image', 'source'], problem)
    }
    const factory = str(settings?.factory)
    if (factory && /^http:/i.test(factory)) {
      const problem = checkImageSource(factory)
      if (problem) error(['distros', name, 'factory'], problem)
    }
    const pattern = str(settings?.bootPattern)
    if (pattern === undefined) continue
    const path = ['distros', name, 'bootPattern']
    if (pattern.length > MAX_BOOT_PATTERN_LENGTH) {
      error(
        path,
        `is ${pattern.length} characters long; a boot pattern may have at most ${MAX_BOOT_PATTERN_LENGTH}`
      )
      continue
    }
    try {
      compileBootPattern(pattern)
    } catch (e) {
      error(path, `is not a valid regular expression: ${(e as Error).message}`)
      continue
    }
    // It runs against the console text on every poll; a backtracking pattern would stall the run.
    for (const risk of backtrackingRisks(pattern)) error(path, risk)
  }
}

/** A source with a scheme (not a Windows drive letter) is a URL; anything else a local path. */
function isUrlSource(source: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(source) && !/^[a-z]:[\\/]/i.test(source)
}

/** Undefined for https, or http to 127.0.0.0/8; otherwise why the URL cannot be used. */
function checkSourceUrl(source: string, what: string): string | undefined {
  let url: URL
  try {
    url = new URL(source)
  } catch {
    return 'is not a valid URL'
  }
  if (url.protocol === 'https:') return undefined
  if (url.protocol === 'http:') {
    const host = url.hostname.replace(/^\[|\]$/g, '')
    const ip = parseIpv4(host)
    if (host === 'localhost' || host === '::1' || (ip !== undefined && isLoopbackIpv4(ip)))
      return undefined
    return `uses plain http, which lets anyone on the path swap the ${what}; use https (http is only allowed for 127.0.0.0/8)`
  }
  return `uses ${url.protocol.slice(0, -1)}:; only https URLs or local paths are supported`
}

/** Undefined when fine; otherwise why the image source cannot be used. */
export function checkImageSource(source: string): string | undefined {
  if (isUrlSource(source)) return checkSourceUrl(source, 'image')
  if (!/\.(raw|img|xz)$/i.test(source))
    return 'must be a .raw, .img or .xz image file, or an https URL'
  return undefined
}

/** Undefined when fine; otherwise why a benchmark model's source cannot be used. */
export function checkModelSource(source: string, format: string): string | undefined {
  if (isUrlSource(source)) return checkSourceUrl(source, 'model')
  // A path names the file the runner serves: the wrong kind of file would only fail on the node.
  if (!source.toLowerCase().endsWith(`.${format}`))
    return `must be a .${format} file or an https URL`
  return undefined
}

function checkBenchModels(models: Dict | undefined, error: Report): void {
  for (const id of BENCH_MODEL_IDS)
    for (const format of formatsOf(id)) {
      const source = str(dict(dict(models?.[id])?.[format])?.source)
      if (source === undefined) continue
      const problem = checkModelSource(source, format)
      if (problem) error(['benchmark', 'models', id, format, 'source'], problem)
    }
}

function checkVersions(versions: Dict | undefined, warn: Report): void {
  const k3s = str(versions?.k3s)
  const kubernetes = str(versions?.kubernetes)
  if (k3s === undefined && kubernetes === undefined) return
  // Compare with the defaults for whichever side the file leaves out.
  const k3sMinor = /^v(\d+\.\d+)\./.exec(k3s ?? DEFAULT_VERSIONS.k3s)?.[1]
  const kubeMinor = /^(\d+\.\d+)\./.exec(kubernetes ?? DEFAULT_VERSIONS.kubernetes)?.[1]
  if (!k3sMinor || !kubeMinor || k3sMinor === kubeMinor) return
  warn(
    ['versions', k3s !== undefined ? 'k3s' : 'kubernetes'],
    `K3s runs Kubernetes ${k3sMinor} but Talos is set to ${kubeMinor}; the Talos-vs-K3s comparison ` +
      'would compare two Kubernetes versions'
  )
}

/**
 * The lab node's API server and its operations. Maintenance mode answers only the insecure subset
 * (`../shared/specs/tools.md` §1.3); configured mode requires mutual TLS with the OS CA and proxies
 * requests for other nodes (`-n`) the way apid does.
 */
import { createServer, type Server } from 'node:https'
import { randomBytes } from 'node:crypto'
import type { LabKubeHub } from '../hub'
import { configFacts, type ConfigFacts } from './machine-config'
import type { CertKey } from './pki'
import { listResources, findType } from './resources'
import { clusterMembers, type RegisteredNode } from './registry'
import { call, RpcError } from './rpc'
import { healthConditions } from './health'

/** What the operations need from the node (implemented by TalosNode). */
export interface Machine extends RegisteredNode {
  readonly bootId: string
  readonly version: string
  readonly schematic: string
  readonly extensions: string[]
  readonly hasNvme: boolean
  readonly createdAt: string
  readonly hub: LabKubeHub
  readonly opts: { apiPort: number }
  readonly endpointIp: string | undefined
  persisted:
    | {
        config: string
        bootstrapped: boolean
        version?: string
        schematic?: string
        installImage?: string
      }
    | undefined
  facts: ConfigFacts | undefined
  certs: { server: CertKey; client: CertKey } | undefined
  registeredWith: unknown
  stage: string
  timeNotSyncedLeft: number
  acceptConfig(config: string): void
  reboot(): void
  requestReboot(mode: string): void
  readonly memAvailableBytes: number
  readonly systemDiskRewritten: boolean
  readonly faults: { bootstrapRace?: boolean; apiGoneAfterDiskWrite?: boolean }
  dropApi(): Promise<void>
  halt(): void
  wipeSystemDisk(): void
  wipeNvme(): void
  leaveKubernetes(): Promise<void>
  startKubernetes(): Promise<void>
  savePersisted(): void
  after(simulatedMs: number, fn: () => void | Promise<void>): void
  say(text: string): void
}

type Body = Record<string, unknown> & { node?: string }
type Handler = (method: string, body: Body, secure: boolean) => Promise<unknown>

export function listen(
  ip: string,
  port: number,
  tls: CertKey,
  ca: string | undefined,
  handler: Handler
): Promise<Server> {
  const server = createServer(
    {
      cert: tls.crt,
      key: tls.key,
      ...(ca ? { ca, requestCert: true, rejectUnauthorized: true } : {})
    },
    (req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        const method = (req.url ?? '').replace(/^\/rpc\//, '')
        let body: Body = {}
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Body
        } catch {
          // handled as an empty request
        }
        handler(method, body, !!ca)
          .then((result) => ({ result: result ?? {} }))
          .catch((e: unknown) => ({
            error:
              e instanceof RpcError
                ? { code: e.code, message: e.desc }
                : { code: 'Unknown', message: e instanceof Error ? e.message : String(e) }
          }))
          .then((out) => {
            res.writeHead(200, { 'content-type': 'application/json', connection: 'close' })
            res.end(JSON.stringify(out))
          })
      })
    }
  )
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, ip, () => {
      server.off('error', reject)
      resolve(server)
    })
  })
}

const MAINTENANCE_OPS = new Set(['version', 'get', 'applyConfig', 'reset', 'wipeDisk'])

export async function handleRpc(
  m: Machine,
  method: string,
  body: Body,
  secure: boolean
): Promise<unknown> {
  if (m.faults.apiGoneAfterDiskWrite && m.systemDiskRewritten) {
    await m.dropApi()
    throw new RpcError('Unavailable', 'error reading from server: EOF')
  }
  if (secure && body.node && body.node !== m.ip) {
    if (!m.certs || !m.facts) throw new RpcError('Unavailable', 'apid is not ready yet')
    const { node: target, ...rest } = body
    return call(
      {
        host: target,
        port: m.opts.apiPort,
        insecure: false,
        ca: m.facts.osCa.crt,
        cert: m.certs.client.crt,
        key: m.certs.client.key
      },
      method,
      rest
    )
  }
  if (!secure && !MAINTENANCE_OPS.has(method))
    throw new RpcError('Unimplemented', 'API is not implemented in maintenance mode')
  switch (method) {
    case 'version':
      return {
        node: secure ? m.ip : undefined,
        tag: m.version,
        sha: m.version === 'v1.13.9' ? '2b1c3d4e' : 'a0b1c2d3',
        built: '',
        goVersion: 'go1.25.1',
        osArch: 'linux/arm64',
        enabled: secure ? ['RBAC'] : [],
        bootId: m.bootId
      }
    case 'get':
      return get(m, body, secure)
    case 'applyConfig':
      return applyConfig(m, body, secure)
    case 'bootstrap':
      return bootstrap(m)
    case 'health':
      return { conditions: healthConditions(m, body) }
    case 'kubeconfig': {
      const api = m.apiServerUp ? m.hub.apiServer(m.ip) : undefined
      if (m.facts?.type !== 'controlplane' || !api)
        throw new RpcError(
          'NotFound',
          'kubeconfig is not available: Kubernetes is not running on this node'
        )
      return { kubeconfig: api.kubeconfig() }
    }
    case 'reset':
      return reset(m, body, secure)
    case 'upgrade':
      return upgrade(m, body)
    case 'etcdMembers':
      if (m.facts?.type !== 'controlplane' || !m.persisted?.bootstrapped)
        throw new RpcError('Unavailable', 'etcd is not running on this node')
      return {
        members: [
          {
            id: Buffer.from(m.ip).toString('hex').slice(0, 16).padEnd(16, '0'),
            hostname: m.hostname,
            peerUrls: [`https://${m.ip}:2380`],
            clientUrls: [`https://${m.ip}:2379`],
            learner: false
          }
        ]
      }
    case 'wipeDisk':
      return wipeDisk(m, body)
    case 'memory':
      return memory(m)
    case 'reboot':
      return reboot(m, body)
    default:
      throw new RpcError('Unimplemented', `unknown method ${method}`)
  }
}

function get(m: Machine, body: Body, secure: boolean): unknown {
  const type = String(body.type ?? '')
  const def = findType(type)
  if (!def) throw new RpcError('NotFound', `resource type "${type}" is not registered`)
  if (!secure && def.sensitive) throw new RpcError('PermissionDenied', 'not authorized')
  const members = m.facts
    ? clusterMembers(m.facts.clusterId).map((n) => ({
        hostname: n.hostname,
        machineType: n.facts?.type ?? 'unknown',
        addresses: [n.ip]
      }))
    : []
  const unmet = m.ready ? [] : [m.stage === 'maintenance' ? 'config' : 'services']
  const resources = listResources(
    {
      ip: secure ? m.ip : '',
      stage: m.stage,
      ready: m.ready,
      unmet,
      hostname: m.hostname,
      machineType: m.facts?.type ?? 'unknown',
      version: m.version,
      schematic: m.schematic,
      extensions: m.extensions,
      userVolumes: m.facts?.userVolumes ?? [],
      configured: !!m.facts && m.state === 'configured',
      members,
      config: m.persisted?.config,
      hasNvme: m.hasNvme,
      createdAt: m.createdAt
    },
    type,
    typeof body.id === 'string' ? body.id : undefined
  )
  return { resources }
}

function validate(config: string): ConfigFacts {
  try {
    return configFacts(config)
  } catch (e) {
    throw new RpcError('InvalidArgument', e instanceof Error ? e.message : String(e))
  }
}

function applyConfig(m: Machine, body: Body, secure: boolean): unknown {
  const data = String(body.data ?? '')
  const mode = String(body.mode ?? 'auto')
  const facts = validate(data)
  if (body.dryRun)
    return {
      message: 'Dry run summary:\nApplied configuration without a reboot (skipped in dry-run).'
    }
  if (!secure) {
    if (mode === 'staged' || mode === 'try')
      throw new RpcError(
        'InvalidArgument',
        `apply mode ${mode} is not supported in maintenance mode`
      )
    m.acceptConfig(data)
    return { message: 'Applied configuration without a reboot' }
  }
  if (!m.persisted) throw new RpcError('FailedPrecondition', 'machine is not configured')
  if (mode === 'staged') return { message: 'Staged configuration to be applied after a reboot' }
  const oldName = m.hostname
  m.persisted.config = data
  m.facts = facts
  m.savePersisted()
  if (m.hostname !== oldName && m.registeredWith && m.endpointIp) {
    m.hub.removeNode(m.endpointIp, oldName)
    m.registeredWith = undefined
  }
  if (mode === 'reboot') {
    m.after(50, () => m.reboot())
    return { message: 'Applied configuration with a reboot' }
  }
  if (mode === 'try')
    return { message: 'Applied configuration with a try: it will be rolled back in 1m0s' }
  return { message: 'Applied configuration without a reboot' }
}

async function bootstrap(m: Machine): Promise<unknown> {
  if (m.facts?.type !== 'controlplane')
    throw new RpcError(
      'FailedPrecondition',
      'bootstrap can only be performed on a control plane node'
    )
  if (m.stage !== 'running' || !m.persisted)
    throw new RpcError('FailedPrecondition', 'bootstrap is not available yet')
  if (m.timeNotSyncedLeft > 0) {
    m.timeNotSyncedLeft--
    throw new RpcError('FailedPrecondition', 'time is not in sync yet')
  }
  const raced = m.faults.bootstrapRace && !m.persisted.bootstrapped
  if (m.persisted.bootstrapped && !raced)
    throw new RpcError('AlreadyExists', 'etcd data directory is not empty')
  m.persisted.bootstrapped = true
  m.savePersisted()
  m.say('etcd bootstrapped')
  m.after(3000, () => m.startKubernetes())
  if (raced) {
    m.faults.bootstrapRace = false
    throw new RpcError('AlreadyExists', 'etcd data directory is not empty')
  }
  return {}
}

const LABELS = new Set(['STATE', 'EPHEMERAL', 'META'])

async function reset(m: Machine, body: Body, secure: boolean): Promise<unknown> {
  const labels = (body.labels as string[] | undefined) ?? []
  const bad = labels.find((l) => !LABELS.has(l))
  if (bad) throw new RpcError('InvalidArgument', `failed to reset: unknown system label "${bad}"`)
  const wipeMode = String(body.wipeMode ?? 'all')
  const userDisks = (body.userDisks as string[] | undefined) ?? []
  for (const disk of userDisks) checkUserDisk(m, disk, wipeMode)
  if (
    secure &&
    body.graceful !== false &&
    m.facts?.type === 'controlplane' &&
    m.persisted?.bootstrapped
  ) {
    const others = clusterMembers(m.facts.clusterId).filter(
      (n) => n.ip !== m.ip && n.facts?.type === 'controlplane'
    )
    if (others.length === 0)
      throw new RpcError(
        'FailedPrecondition',
        '1 error occurred:\n\t* failed to leave etcd cluster: this is the only etcd member, use --graceful=false'
      )
  }
  m.after(50, async () => {
    m.stage = 'resetting'
    m.say('resetting the node')
    await m.leaveKubernetes()
    if (labels.length > 0) {
      if (labels.includes('STATE')) m.persisted = undefined
      else if (labels.includes('EPHEMERAL') && m.persisted) m.persisted.bootstrapped = false
    } else if (wipeMode !== 'user-disks') {
      m.wipeSystemDisk()
      m.persisted = undefined
    }
    if (userDisks.length > 0) m.wipeNvme()
    m.savePersisted()
    m.after(2000, () => (body.reboot ? m.reboot() : m.halt()))
  })
  return {}
}

/** The server-side checks of `--user-disks-to-wipe` (ops-and-reporting.md §5.1). */
function checkUserDisk(m: Machine, disk: string, wipeMode: string): void {
  if (wipeMode === 'system-disk')
    throw new RpcError('InvalidArgument', 'user disks cannot be wiped with wipe mode system-disk')
  const name = disk.replace(/^\/dev\//, '')
  if (name === 'mmcblk0')
    throw new RpcError('InvalidArgument', `failed to reset: device "${disk}" is the system disk`)
  if (name !== 'nvme0n1' || !m.hasNvme)
    throw new RpcError('NotFound', `failed to reset: device "${disk}" not found`)
}

async function upgrade(m: Machine, body: Body): Promise<unknown> {
  const image = String(body.image ?? '')
  const tag = /:([^:/]+)$/.exec(image)?.[1]
  if (!tag) throw new RpcError('InvalidArgument', `invalid image reference "${image}"`)
  const schematic = /\/(?:metal-)?installer\/([0-9a-f]{64}):/.exec(image)?.[1]
  m.after(50, () => {
    m.stage = 'upgrading'
    m.say(`upgrading to ${image}`)
    m.after(3000, () => {
      if (!m.persisted) return
      m.persisted.version = tag
      m.persisted.installImage = image
      if (schematic) m.persisted.schematic = schematic
      m.savePersisted()
      m.reboot()
    })
  })
  return { ack: 'Upgrade request received', actorId: randomBytes(8).toString('hex') }
}

/** MachineService.Memory: /proc/meminfo in kB (16 GiB module; MemAvailable as the faults say). */
function memory(m: Machine): unknown {
  const kb = (bytes: number): number => Math.floor(bytes / 1024)
  const total = 16 * 2 ** 30
  const available = Math.min(m.memAvailableBytes, total)
  return {
    memtotal: kb(total),
    memfree: kb(available),
    memavailable: kb(available),
    buffers: 0,
    cached: 0,
    shmem: 0
  }
}

const REBOOT_MODES = ['default', 'powercycle', 'force']

function reboot(m: Machine, body: Body): unknown {
  const mode = String(body.mode ?? 'default')
  if (!REBOOT_MODES.includes(mode))
    throw new RpcError('InvalidArgument', `unknown reboot mode "${mode}"`)
  m.requestReboot(mode)
  return {}
}

function wipeDisk(m: Machine, body: Body): unknown {
  for (const disk of (body.disks as string[] | undefined) ?? []) {
    if (disk === 'mmcblk0')
      throw new RpcError('FailedPrecondition', `blockdevice "${disk}" is in use by volume "META"`)
    if (disk !== 'nvme0n1' || !m.hasNvme)
      throw new RpcError('NotFound', `blockdevice "${disk}" not found`)
    const volume = m.state === 'configured' ? m.facts?.userVolumes[0] : undefined
    if (volume)
      throw new RpcError(
        'FailedPrecondition',
        `blockdevice "${disk}" is in use by volume "u-${volume}"`
      )
  }
  if (((body.disks as string[] | undefined) ?? []).length > 0) m.wipeNvme()
  return {}
}

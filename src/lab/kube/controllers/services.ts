// Service address allocation: cluster IPs and node ports at write time (as the API server does),
// and LoadBalancer addresses the way the MetalLB controller assigns them: from the first
// metallb.io IPAddressPool once one exists, honouring `metallb.io/loadBalancerIPs`,
// `spec.loadBalancerIP` and `metallb.io/address-pool`.
import type { KubeApi } from '../api'
import { groupResource } from '../resources'
import type { Dict, KubeObject, ResourceType } from '../types'
import { writeStatus, type ControllerContext } from './runtime'

const LB_IPS = 'metallb.io/loadBalancerIPs'
const POOL = 'metallb.io/address-pool'
const FROM_POOL = 'metallb.io/ip-allocated-from-pool'

function ipToInt(ip: string): number | undefined {
  const p = ip.split('.').map(Number)
  if (p.length !== 4 || p.some((x) => !(x >= 0 && x <= 255))) return undefined
  return (((p[0] ?? 0) << 24) >>> 0) + ((p[1] ?? 0) << 16) + ((p[2] ?? 0) << 8) + (p[3] ?? 0)
}

function intToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.')
}

/** IPv4 ranges of a pool's `spec.addresses` (CIDR or a-b); IPv6 entries are ignored. */
export function poolRanges(pool: KubeObject): [number, number][] {
  const out: [number, number][] = []
  for (const a of ((pool.spec as Dict | undefined)?.addresses as string[] | undefined) ?? []) {
    const cidr = /^([\d.]+)\/(\d+)$/.exec(a.trim())
    if (cidr) {
      const base = ipToInt(cidr[1] ?? '')
      const bits = Number(cidr[2])
      if (base === undefined || bits > 32) continue
      const size = 2 ** (32 - bits)
      const start = Math.floor(base / size) * size
      out.push([start, start + size - 1])
      continue
    }
    const range = /^([\d.]+)\s*-\s*([\d.]+)$/.exec(a.trim())
    if (range) {
      const s = ipToInt(range[1] ?? '')
      const e = ipToInt(range[2] ?? '')
      if (s !== undefined && e !== undefined) out.push([s, e])
    }
  }
  return out
}

function inPool(pool: KubeObject, ip: string): boolean {
  const n = ipToInt(ip)
  return n !== undefined && poolRanges(pool).some(([s, e]) => n >= s && n <= e)
}

/** Admission: cluster IP and node ports, kept across updates that omit them. */
export function serviceAdmission(serviceCidr: string) {
  const [baseIp, bitsText] = serviceCidr.split('/')
  const base = ipToInt(baseIp ?? '10.43.0.0') ?? 0
  const size = 2 ** (32 - Number(bitsText ?? 16))
  return (api: KubeApi, rt: ResourceType, svc: KubeObject, old: KubeObject | undefined): void => {
    if (rt.kind !== 'Service' || rt.group !== '') return
    const spec = svc.spec as Dict
    const oldSpec = (old?.spec ?? {}) as Dict
    const all = api.store.scan('services')
    if (spec.type !== 'ExternalName') {
      if (!spec.clusterIP && oldSpec.clusterIP) spec.clusterIP = oldSpec.clusterIP
      if (!spec.clusterIP) {
        const used = new Set(all.map((s) => String((s.spec as Dict).clusterIP ?? '')))
        const first =
          svc.metadata.name === 'kubernetes' && svc.metadata.namespace === 'default' ? 1 : 10
        for (let i = first; i < size - 1; i++) {
          const ip = intToIp(base + i)
          if (!used.has(ip)) {
            spec.clusterIP = ip
            break
          }
        }
      }
      spec.clusterIPs = [spec.clusterIP]
    }
    const ports = (spec.ports as Dict[] | undefined) ?? []
    const needNodePorts =
      spec.type === 'NodePort' ||
      (spec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts !== false)
    if (!needNodePorts) {
      for (const p of ports) delete p.nodePort
      return
    }
    const used = new Set<number>()
    for (const s of all) {
      if (s.metadata.uid === svc.metadata.uid) continue
      for (const p of ((s.spec as Dict).ports as Dict[] | undefined) ?? [])
        if (p.nodePort) used.add(Number(p.nodePort))
    }
    const oldPorts = (oldSpec.ports as Dict[] | undefined) ?? []
    for (const p of ports) {
      if (p.nodePort) continue
      const prev = oldPorts.find((o) => o.port === p.port && o.protocol === p.protocol)
      if (prev?.nodePort) {
        p.nodePort = prev.nodePort
        continue
      }
      for (let n = 30000; n <= 32767; n++) {
        if (!used.has(n)) {
          p.nodePort = n
          used.add(n)
          break
        }
      }
    }
  }
}

export class LoadBalancerController {
  constructor(private readonly ctx: ControllerContext) {}

  private pools(): KubeObject[] {
    const rt = this.ctx.api.registry.byGroupResource('metallb.io', 'ipaddresspools')
    if (!rt) return []
    return [...this.ctx.api.store.scan(groupResource(rt))].sort((a, b) =>
      `${a.metadata.creationTimestamp}/${a.metadata.name}`.localeCompare(
        `${b.metadata.creationTimestamp}/${b.metadata.name}`
      )
    )
  }

  handle(ns: string, name: string): void {
    const { api, events } = this.ctx
    const rt = api.rt('v1', 'Service')
    const svc = api.find(rt, ns, name)
    if (!svc) return
    const spec = svc.spec as Dict
    const status = (svc.status ?? {}) as Dict
    const lb = (status.loadBalancer ?? {}) as Dict
    const current = ((lb.ingress as Dict[] | undefined) ?? []).map((i) => String(i.ip ?? ''))
    if (spec.type !== 'LoadBalancer') {
      if (current.length > 0) writeStatus(api, rt, svc, { ...status, loadBalancer: {} })
      return
    }
    if (!api.registry.byGroupResource('metallb.io', 'ipaddresspools')) return
    const pools = this.pools()
    const ann = svc.metadata.annotations ?? {}
    const requested = (ann[LB_IPS] ?? String(spec.loadBalancerIP ?? ''))
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
    const poolName = ann[POOL]
    const candidates = poolName
      ? pools.filter((p) => p.metadata.name === poolName)
      : pools.filter(
          (p) => (p.spec as Dict | undefined)?.autoAssign !== false || requested.length > 0
        )
    const taken = new Set<string>()
    for (const s of api.store.scan('services')) {
      if (s.metadata.uid === svc.metadata.uid) continue
      for (const i of (((s.status as Dict | undefined)?.loadBalancer as Dict | undefined)
        ?.ingress as Dict[] | undefined) ?? [])
        taken.add(String(i.ip))
    }
    const fits = (ip: string): KubeObject | undefined => candidates.find((p) => inPool(p, ip))
    // Keep a valid existing assignment.
    if (
      current.length > 0 &&
      current.every((ip) => fits(ip) && !taken.has(ip)) &&
      (requested.length === 0 || requested.every((r) => current.includes(r)))
    )
      return
    let chosen: string[] = []
    let pool: KubeObject | undefined
    let failure: string | undefined
    if (poolName && candidates.length === 0) failure = `pool ${poolName} does not exist`
    else if (requested.length > 0) {
      const bad = requested.filter((ip) => !fits(ip))
      const busy = requested.filter((ip) => taken.has(ip))
      if (bad.length > 0) failure = `["${bad.join('","')}"] is not allowed in config`
      else if (busy.length > 0)
        failure = `can't change sharing key for "${ns}/${name}", address also in use by another service`
      else {
        chosen = requested
        pool = fits(requested[0] ?? '')
      }
    } else {
      for (const p of candidates) {
        const avoid = (p.spec as Dict | undefined)?.avoidBuggyIPs === true
        for (const [s, e] of poolRanges(p)) {
          for (let n = s; n <= e && chosen.length === 0; n++) {
            const ip = intToIp(n)
            if (avoid && (n % 256 === 0 || n % 256 === 255)) continue
            if (!taken.has(ip)) chosen = [ip]
          }
        }
        if (chosen.length > 0) {
          pool = p
          break
        }
      }
      if (chosen.length === 0) failure = 'no available IPs'
    }
    if (failure || !pool) {
      if (current.length > 0) writeStatus(api, rt, svc, { ...status, loadBalancer: {} })
      events.record(
        svc,
        'Warning',
        'AllocationFailed',
        `Failed to allocate IP for "${ns}/${name}": ${failure ?? 'no pool'}`,
        'metallb-controller'
      )
      return
    }
    const poolLabel = pool.metadata.name ?? ''
    let updated = svc
    if (ann[FROM_POOL] !== poolLabel) {
      updated = api.update(rt, ns, name, {
        ...svc,
        metadata: { ...svc.metadata, annotations: { ...ann, [FROM_POOL]: poolLabel } }
      })
    }
    writeStatus(api, rt, updated, {
      ...((updated.status ?? {}) as Dict),
      loadBalancer: { ingress: chosen.map((ip) => ({ ip, ipMode: 'VIP' })) }
    })
    events.record(
      updated,
      'Normal',
      'IPAllocated',
      `Assigned IP ["${chosen.join('","')}"]`,
      'metallb-controller'
    )
  }
}

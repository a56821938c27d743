// The lab ingress data plane: once an ingress controller's LoadBalancer Service has an address,
// the lab answers plain HTTP on `<that address>:80` the way the controller would route it, by the
// Host header and path of the Ingress objects of the classes the controller serves. It names the
// backend instead of proxying (nothing runs behind lab Services): 200 when the backend has ready
// pods, 503 when it has none or does not exist, 404 when no rule matches. Loopback only.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { labelSelectorMatches } from '../selectors'
import type { Dict, KubeObject } from '../types'
import { podReady, type ControllerContext } from './runtime'

const HTTP_PORT = 80
const LOOPBACK_V4 = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/
const DEFAULT_CLASS = 'ingressclass.kubernetes.io/is-default-class'

interface Container {
  image?: string
  args?: string[]
}

interface Listener {
  address: string
  server: Server
}

/** What a workload's pod template says about the controller it runs. */
function controllerContainers(ctx: ControllerContext, svc: KubeObject): Container[] {
  const ns = svc.metadata.namespace ?? ''
  const selector = (svc.spec as Dict).selector as Record<string, string> | undefined
  if (!selector || Object.keys(selector).length === 0) return []
  const out: Container[] = []
  for (const gr of ['deployments.apps', 'daemonsets.apps']) {
    for (const w of ctx.api.store.scan(gr, ns)) {
      const template = (w.spec as Dict | undefined)?.template as Dict | undefined
      const labels = ((template?.metadata as Dict | undefined)?.labels ?? {}) as Record<
        string,
        string
      >
      if (!labelSelectorMatches({ matchLabels: selector }, labels)) continue
      out.push(...(((template?.spec as Dict | undefined)?.containers ?? []) as Container[]))
    }
  }
  return out
}

/** The IngressClass names the controller behind `svc` serves; empty when it is none. */
export function servedClasses(ctx: ControllerContext, svc: KubeObject): string[] {
  const containers = controllerContainers(ctx, svc)
  const classes = ctx.api.store.scan('ingressclasses.networking.k8s.io')
  const byController = (controller: string) =>
    classes
      .filter((c) => (c.spec as Dict | undefined)?.controller === controller)
      .map((c) => c.metadata.name ?? '')
  const out = new Set<string>()
  for (const c of containers) {
    const image = c.image ?? ''
    const args = c.args ?? []
    if (/traefik/.test(image)) {
      if (args.some((a) => a === '--providers.kubernetesingress'))
        for (const n of byController('traefik.io/ingress-controller')) out.add(n)
      for (const a of args) {
        const m = /^--providers\.kubernetesingressnginx\.ingressclass=(.+)$/.exec(a)
        if (m?.[1]) out.add(m[1])
      }
    } else if (/ingress-nginx/.test(image)) {
      const flag = args.map((a) => /^--ingress-class=(.+)$/.exec(a)?.[1]).find(Boolean)
      if (flag) out.add(flag)
      else for (const n of byController('k8s.io/ingress-nginx')) out.add(n)
    }
  }
  return [...out]
}

interface Route {
  ingress: KubeObject
  service: string
  port: string
}

function pathMatches(rulePath: string, type: string, path: string): number {
  if (type === 'Exact') return path === rulePath ? rulePath.length + 1 : -1
  const base = rulePath.replace(/\/+$/, '')
  if (base === '') return 0
  return path === base || path.startsWith(`${base}/`) ? base.length : -1
}

/** Host match first (exact, then wildcard, then rules without a host), then the longest path. */
export function route(
  ingresses: KubeObject[],
  classes: string[],
  defaultClass: string | undefined,
  host: string,
  path: string
): Route | undefined {
  let best: { score: number; route: Route } | undefined
  for (const ing of ingresses) {
    const spec = (ing.spec ?? {}) as Dict
    const cls = (spec.ingressClassName as string | undefined) ?? defaultClass
    if (!cls || !classes.includes(cls)) continue
    for (const rule of (spec.rules as Dict[] | undefined) ?? []) {
      const ruleHost = rule.host as string | undefined
      const hostScore = !ruleHost
        ? 0
        : ruleHost === host
          ? 2
          : ruleHost.startsWith('*.') && host.endsWith(ruleHost.slice(1))
            ? 1
            : -1
      if (hostScore < 0) continue
      for (const p of ((rule.http as Dict | undefined)?.paths as Dict[] | undefined) ?? []) {
        const len = pathMatches(String(p.path ?? '/'), String(p.pathType ?? 'Prefix'), path)
        if (len < 0) continue
        const svc = (p.backend as Dict | undefined)?.service as Dict | undefined
        if (!svc) continue
        const port = (svc.port ?? {}) as Dict
        const score = hostScore * 100_000 + len
        if (!best || score > best.score)
          best = {
            score,
            route: {
              ingress: ing,
              service: String(svc.name),
              port: String(port.number ?? port.name)
            }
          }
      }
    }
  }
  return best?.route
}

export class IngressHttpController {
  private readonly listeners = new Map<string, Listener>()
  private scheduled = false
  private closed = false

  constructor(private readonly ctx: ControllerContext) {}

  /** Re-checks which controller Services should be served; cheap, coalesced per event-loop turn. */
  sync(): void {
    if (this.scheduled || this.closed) return
    this.scheduled = true
    setImmediate(() => {
      this.scheduled = false
      if (!this.closed) this.reconcile()
    })
  }

  private reconcile(): void {
    const want = new Map<string, { svc: KubeObject; address: string }>()
    for (const svc of this.ctx.api.store.scan('services')) {
      const spec = svc.spec as Dict
      if (spec.type !== 'LoadBalancer') continue
      if (!((spec.ports as Dict[] | undefined) ?? []).some((p) => p.port === HTTP_PORT)) continue
      const ingress = ((svc.status as Dict | undefined)?.loadBalancer as Dict | undefined)
        ?.ingress as Dict[] | undefined
      const ip = String(ingress?.[0]?.ip ?? '')
      if (!LOOPBACK_V4.test(ip)) continue
      if (servedClasses(this.ctx, svc).length === 0) continue
      want.set(`${svc.metadata.namespace}/${svc.metadata.name}`, { svc, address: ip })
    }
    for (const [k, l] of this.listeners) {
      if (want.get(k)?.address === l.address) continue
      this.listeners.delete(k)
      l.server.close()
      l.server.closeAllConnections()
    }
    for (const [k, { svc, address }] of want)
      if (!this.listeners.has(k)) this.listen(k, svc, address)
  }

  private listen(k: string, svc: KubeObject, address: string): void {
    const [ns, name] = k.split('/') as [string, string]
    const server = createServer((req, res) => this.answer(ns, name, req, res))
    this.listeners.set(k, { address, server })
    server.on('error', (e: NodeJS.ErrnoException) => {
      if (this.listeners.get(k)?.server === server) this.listeners.delete(k)
      this.ctx.events.record(
        svc,
        'Warning',
        'LabIngressListenFailed',
        `the lab cannot serve HTTP on ${address}:${HTTP_PORT}: ${e.code ?? e.message}`,
        'lab-ingress'
      )
    })
    server.listen(HTTP_PORT, address)
  }

  private answer(ns: string, name: string, req: IncomingMessage, res: ServerResponse): void {
    const reply = (status: number, body: string) => {
      res.writeHead(status, { 'content-type': 'text/plain', 'x-rk1-lab': 'simulated' })
      res.end(`${body}\n`)
    }
    const { store } = this.ctx.api
    const svc = store.peek('services', ns, name)
    if (!svc) return reply(503, 'ingress controller service is gone')
    const classes = servedClasses(this.ctx, svc)
    const defaultClass = store
      .scan('ingressclasses.networking.k8s.io')
      .find((c) => c.metadata.annotations?.[DEFAULT_CLASS] === 'true')?.metadata.name
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase()
    const path = (req.url ?? '/').split('?')[0] ?? '/'
    const found = route(
      store.scan('ingresses.networking.k8s.io'),
      classes,
      defaultClass,
      host,
      path
    )
    if (!found) return reply(404, '404 page not found')
    const backendNs = found.ingress.metadata.namespace ?? ''
    const backend = store.peek('services', backendNs, found.service)
    const target = `${backendNs}/${found.service}:${found.port}`
    if (!backend) return reply(503, `no service ${target}`)
    const selector = (backend.spec as Dict).selector as Record<string, string> | undefined
    const ready = store
      .scan('pods', backendNs)
      .filter(
        (p) =>
          selector &&
          labelSelectorMatches({ matchLabels: selector }, p.metadata.labels ?? {}) &&
          podReady(p)
      ).length
    if (ready === 0) return reply(503, `no ready endpoints for ${target}`)
    reply(
      200,
      `SIMULATED rk1 lab ingress: ${host}${path} -> ingress ${backendNs}/${found.ingress.metadata.name} -> service ${target} (${ready} ready)`
    )
  }

  async close(): Promise<void> {
    this.closed = true
    const servers = [...this.listeners.values()].map((l) => l.server)
    this.listeners.clear()
    await Promise.all(
      servers.map(
        (s) =>
          new Promise<void>((done) => {
            if (!s.listening) return done()
            s.close(() => done())
            s.closeAllConnections()
          })
      )
    )
  }
}

// End-to-end reachability from outside the cluster: an HTTP request to the ingress IP with each
// UI's host name in the Host header, as a browser on the LAN would send it. Controllers pick up
// new Ingresses with a delay, so 404/503 and refused connections are retried until the deadline.
import { request } from 'node:http'
import type { ComponentName } from './types'

export interface HostProbe {
  component: ComponentName
  host: string
}

/** The UIs each component publishes through the ingress (`<app>.<domain>`). */
export function ingressHosts(domain: string): HostProbe[] {
  return [
    { component: 'longhorn', host: `longhorn.${domain}` },
    { component: 'kube-prometheus-stack', host: `grafana.${domain}` },
    { component: 'kube-prometheus-stack', host: `prometheus.${domain}` },
    { component: 'kube-prometheus-stack', host: `alertmanager.${domain}` }
  ]
}

export interface HttpAnswer {
  status: number
  body: string
}

export function httpGet(ip: string, host: string, timeoutMs: number): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: ip, port: 80, path: '/', method: 'GET', headers: { host }, timeout: timeoutMs },
      (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (d: string) => (body = (body + d).slice(0, 2048)))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
        res.on('error', reject)
      }
    )
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)))
    req.on('error', reject)
    req.end()
  })
}

/** 2xx or 3xx (Grafana redirects to /login) within `waitS` seconds, or an error saying what came back. */
export async function probeHost(
  ip: string,
  host: string,
  waitS: number,
  signal?: AbortSignal
): Promise<string> {
  const deadline = Date.now() + waitS * 1000
  let last: string
  for (;;) {
    try {
      const answer = await httpGet(ip, host, 5000)
      if (answer.status >= 200 && answer.status < 400)
        return `http://${ip}/ Host ${host}: ${answer.status}`
      last = `HTTP ${answer.status}: ${answer.body.trim().split('\n')[0] ?? ''}`
    } catch (e) {
      last = e instanceof Error ? e.message : String(e)
    }
    if (Date.now() > deadline || signal?.aborted)
      throw new Error(`http://${ip}/ with Host ${host} did not answer 2xx/3xx: ${last}`)
    await new Promise((r) => setTimeout(r, 500))
  }
}

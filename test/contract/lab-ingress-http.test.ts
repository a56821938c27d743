// Contract: the lab ingress data plane. Once an ingress controller's LoadBalancer Service has its
// (loopback) address, plain HTTP on <address>:80 is routed by Host and path over the Ingresses
// of the classes that controller serves, applied here with the real kubectl; it stops when the
// Service goes away.
import { request } from 'node:http'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { startKubeApiEmulator, type KubeApiEmulator } from '../../src/lab/kube/index'
import { kubeClient, type KubeClientEnv } from '../helpers/kube-tools'

const IP = '127.0.7.81'
let emu: KubeApiEmulator
let k: KubeClientEnv

async function ok(args: string[], input?: string): Promise<string> {
  const r = await k.kubectl(args, { input })
  if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed:\n${r.stderr}${r.stdout}`)
  return r.stdout
}

function get(host: string, urlPath = '/'): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: IP, port: 80, path: urlPath, headers: { host } }, (res) => {
      let body = ''
      res.on('data', (d: Buffer) => (body += d.toString()))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
    })
    req.on('error', reject)
    req.end()
  })
}

async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      const v = await fn()
      if (ok(v) || i > 100) return v
    } catch (e) {
      if (i > 100) throw e
    }
    await new Promise((r) => setTimeout(r, 100))
  }
}

const deployment = (name: string, ns: string, image: string, args: string[] = []) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: ns },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: { containers: [{ name: 'main', image, args }] }
    }
  }
})

const service = (name: string, ns: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: ns, ...((extra.metadata as object) ?? {}) },
  spec: {
    selector: { app: name },
    ports: [{ port: 80, targetPort: 8080 }],
    ...(extra.spec as object)
  }
})

const ingress = (name: string, cls: string, host: string, backend: string) => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name, namespace: 'default' },
  spec: {
    ingressClassName: cls,
    rules: [
      {
        host,
        http: {
          paths: [
            {
              path: '/',
              pathType: 'Prefix',
              backend: { service: { name: backend, port: { number: 80 } } }
            }
          ]
        }
      }
    ]
  }
})

beforeAll(async () => {
  emu = await startKubeApiEmulator({ timeScale: 100, readyDelayMs: 500, nodeReadyDelayMs: 500 })
  emu.registerNode('lab-1', { ip: '127.0.1.1' })
  k = kubeClient(emu.kubeconfig())
  await ok(['apply', '-f', path.resolve('lab/charts/metallb/crds/metallb.yaml')])
  const objects = [
    {
      apiVersion: 'metallb.io/v1beta1',
      kind: 'IPAddressPool',
      metadata: { name: 'pool', namespace: 'default' },
      spec: { addresses: ['127.0.7.80-127.0.7.89'] }
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'IngressClass',
      metadata: { name: 'nginx' },
      spec: { controller: 'k8s.io/ingress-nginx' }
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'IngressClass',
      metadata: { name: 'other' },
      spec: { controller: 'example.com/other' }
    },
    deployment('traefik', 'default', 'docker.io/traefik:v3.7', [
      '--providers.kubernetesingressnginx.ingressclass=nginx'
    ]),
    service('traefik', 'default', {
      metadata: { annotations: { 'metallb.io/loadBalancerIPs': IP } },
      spec: { type: 'LoadBalancer' }
    }),
    deployment('grafana', 'default', 'grafana/grafana'),
    service('grafana', 'default'),
    service('empty', 'default'),
    ingress('grafana', 'nginx', 'grafana.local', 'grafana'),
    ingress('empty', 'nginx', 'empty.local', 'empty'),
    ingress('elsewhere', 'other', 'other.local', 'grafana')
  ]
  await ok(['apply', '-f', '-'], objects.map((o) => JSON.stringify(o)).join('\n'))
  await ok(['rollout', 'status', 'deployment/grafana', '--timeout=30s'])
})

afterAll(async () => {
  await emu.close()
  k.cleanup()
})

describe('lab ingress HTTP', () => {
  test('routes by Host header to a ready backend: 200 naming the service', async () => {
    const r = await until(
      () => get('grafana.local', '/login'),
      (v) => v.status === 200
    )
    expect(r.status).toBe(200)
    expect(r.body).toContain('SIMULATED')
    expect(r.body).toContain('service default/grafana:80')
  })

  test('404 for an unknown host and for an Ingress of a class the controller does not serve', async () => {
    expect((await get('nobody.local')).status).toBe(404)
    expect((await get('other.local')).status).toBe(404)
  })

  test('503 when the backend has no ready endpoints', async () => {
    const r = await get('empty.local')
    expect(r.status).toBe(503)
    expect(r.body).toContain('no ready endpoints for default/empty:80')
  })

  test('stops listening when the controller Service goes away', async () => {
    await ok(['delete', 'service', 'traefik'])
    const err = await until(
      () =>
        get('grafana.local').then(
          () => undefined,
          (e: NodeJS.ErrnoException) => e.code
        ),
      (code) => code === 'ECONNREFUSED'
    )
    expect(err).toBe('ECONNREFUSED')
  })
})

// Smoke checks run from outside the cluster after a component is ready. Each returns a one-line
// detail or throws with what it saw.
import { inRange, parseIpv4, parsePool } from '../inventory/ipv4'
import type { Check, CheckContext } from './types'

interface Service {
  status?: { loadBalancer?: { ingress?: { ip?: string }[] } }
}

/** The Service got a LoadBalancer IP from the inventory's pool (and the fixed one when given). */
export function loadBalancerIpCheck(service: string, fixedIp?: (c: CheckContext) => string): Check {
  return {
    name: `LoadBalancer IP of ${service}`,
    run: async (ctx) => {
      const deadline = Date.now() + ctx.settings.timeoutS * 1000
      let ip: string | undefined
      for (;;) {
        const svc = await ctx.kubectl.find<Service>('service', service, ctx.namespace)
        ip = svc?.status?.loadBalancer?.ingress?.[0]?.ip
        if (ip || Date.now() > deadline) break
        await new Promise((r) => setTimeout(r, 500))
      }
      if (!ip) throw new Error(`service ${ctx.namespace}/${service} has no LoadBalancer IP`)
      const pool = parsePool(ctx.inventory.network.metallbPool)
      const value = parseIpv4(ip)
      if ('error' in pool || value === undefined || !inRange(value, pool))
        throw new Error(`${ip} is outside the pool ${ctx.inventory.network.metallbPool}`)
      const want = fixedIp?.(ctx)
      if (want && ip !== want) throw new Error(`got ${ip}, the inventory asks for ${want}`)
      return `${ip} (pool ${ctx.inventory.network.metallbPool})`
    }
  }
}

interface Named {
  metadata: { name: string; annotations?: Record<string, string> }
}

export function defaultClassCheck(
  kind: 'storageclass' | 'ingressclass',
  name: string,
  annotation: string
): Check {
  return {
    name: `default ${kind} ${name}`,
    run: async (ctx) => {
      const list = await ctx.kubectl.getJson<{ items: Named[] }>(['get', kind])
      const defaults = list.items
        .filter((i) => i.metadata.annotations?.[annotation] === 'true')
        .map((i) => i.metadata.name)
      if (!defaults.includes(name))
        throw new Error(
          `${name} is not the default ${kind} (defaults: ${defaults.join(', ') || 'none'})`
        )
      return defaults.length > 1 ? `default, together with ${defaults.join(', ')}` : 'default'
    }
  }
}

export function existsCheck(kind: string, name: string, cluster = false): Check {
  return {
    name: `${kind} ${name} exists`,
    run: async (ctx) => {
      const found = await ctx.kubectl.find(kind, name, cluster ? undefined : ctx.namespace)
      if (!found) throw new Error(`${kind} ${name} not found`)
      return 'present'
    }
  }
}

/** A test claim on the class binds, then is removed. */
export function pvcBindsCheck(storageClass: string): Check {
  return {
    name: `test PVC binds on ${storageClass}`,
    run: async (ctx) => {
      const name = `rk1-smoke-${storageClass}`
      const pvc = {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: {
          name,
          namespace: ctx.namespace,
          labels: { 'app.kubernetes.io/managed-by': 'rk1' }
        },
        spec: {
          accessModes: ['ReadWriteOnce'],
          storageClassName: storageClass,
          resources: { requests: { storage: '64Mi' } }
        }
      }
      await ctx.kubectl.apply(JSON.stringify(pvc))
      try {
        await ctx.kubectl.waitFor(
          `pvc/${name}`,
          'jsonpath={.status.phase}=Bound',
          ctx.namespace,
          ctx.settings.timeoutS
        )
      } finally {
        await ctx.kubectl.run([
          'delete',
          'pvc',
          name,
          '-n',
          ctx.namespace,
          '--wait=true',
          '--ignore-not-found'
        ])
      }
      return 'bound and removed'
    }
  }
}

/** Every claim in the namespace is Bound (StatefulSet volumes of the monitoring stack). */
export function claimsBoundCheck(): Check {
  return {
    name: 'all PVCs bound',
    run: async (ctx) => {
      const list = await ctx.kubectl.getJson<{
        items: { metadata: { name: string }; status?: { phase?: string } }[]
      }>(['get', 'pvc', '-n', ctx.namespace])
      const pending = list.items.filter((p) => p.status?.phase !== 'Bound')
      if (list.items.length === 0) throw new Error('no PVC found')
      if (pending.length > 0)
        throw new Error(
          `not bound: ${pending.map((p) => `${p.metadata.name} (${p.status?.phase ?? '?'})`).join(', ')}`
        )
      return `${list.items.length} bound`
    }
  }
}

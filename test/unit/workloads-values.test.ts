// The real values files under workloads/values, rendered with inventory data per distro.
import path from 'node:path'
import { describe, expect, test } from '@jest/globals'
import { selectComponents } from '../../src/workloads/catalog'
import { deepMerge, renderValues } from '../../src/workloads/values'
import { workloadSettings } from '../../src/workloads/settings'
import type { Component, ComponentName, Values, WorkloadSettings } from '../../src/workloads/types'
import { ALL_COMPONENTS } from '../../src/workloads/catalog'
import { labInventory } from '../helpers/workloads-inventory'

const VALUES = path.resolve('workloads/values')
const inventory = labInventory()
const byName = (n: ComponentName): Component => ALL_COMPONENTS.find((c) => c.name === n)!

function render(name: ComponentName, over: Partial<WorkloadSettings> = {}): Values {
  const settings = workloadSettings(inventory, over)
  return renderValues(byName(name), { inventory, settings }, VALUES)
}

const at = (v: unknown, dotted: string): unknown =>
  dotted.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], v)

describe('workload values', () => {
  test('deep merge: objects merge, arrays and scalars replace', () => {
    expect(deepMerge({ a: { b: 1, c: [1, 2] }, d: 1 }, { a: { c: [3] }, d: { e: 2 } })).toEqual({
      a: { b: 1, c: [3] },
      d: { e: 2 }
    })
  })

  test('MetalLB runs L2 only', () => {
    const v = render('metallb', { distro: 'talos' })
    expect(at(v, 'frrk8s.enabled')).toBe(false)
    expect(at(v, 'speaker.frr.enabled')).toBe(false)
  })

  test('ingress controllers get the fixed IP; Traefik serves the nginx class by default', () => {
    const t = render('traefik')
    expect(at(t, 'service.annotations')).toEqual({ 'metallb.io/loadBalancerIPs': '127.0.2.81' })
    expect(at(t, 'service.type')).toBe('LoadBalancer')
    expect(at(t, 'providers.kubernetesIngressNGINX.enabled')).toBe(true)
    expect(at(t, 'ingressClass.isDefaultClass')).toBe(false)
    expect(at(t, 'extraObjects')).toEqual([
      expect.objectContaining({
        kind: 'IngressClass',
        metadata: {
          name: 'nginx',
          annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' }
        }
      })
    ])
    const n = render('ingress-nginx', { ingressController: 'ingress-nginx' })
    expect(at(n, 'controller.service.annotations')).toEqual({
      'metallb.io/loadBalancerIPs': '127.0.2.81'
    })
    expect(at(n, 'controller.ingressClassResource')).toEqual({ name: 'nginx', default: true })
  })

  test('Longhorn data path per distro, replica count, default class and UI host', () => {
    expect(at(render('longhorn', { distro: 'talos' }), 'defaultSettings.defaultDataPath')).toBe(
      '/var/mnt/longhorn'
    )
    const k3s = render('longhorn', { distro: 'k3s' })
    expect(at(k3s, 'defaultSettings.defaultDataPath')).toBe('/var/lib/longhorn')
    expect(at(k3s, 'persistence.defaultClass')).toBe(true)
    expect(at(k3s, 'persistence.defaultClassReplicaCount')).toBe(3)
    expect(at(k3s, 'defaultSettings.defaultReplicaCount')).toBe('{"v1":"3","v2":"3"}')
    expect(at(render('longhorn', { replicas: 2, domain: 'lab.test' }), 'ingress')).toEqual({
      enabled: true,
      ingressClassName: 'nginx',
      host: 'longhorn.lab.test'
    })
  })

  test('replica default counts the nodes that can hold data', () => {
    expect(workloadSettings(inventory, { distro: 'talos' }).replicas).toBe(3)
    const small = labInventory().nodes.slice(0, 2)
    const two = { ...inventory, nodes: small }
    expect(workloadSettings(two, { distro: 'talos' }).replicas).toBe(1)
    expect(workloadSettings(two, { distro: 'k3s' }).replicas).toBe(2)
  })

  test('kube-prometheus-stack: longhorn storage, ingress hosts, targets off per distro', () => {
    for (const distro of ['talos', 'k3s'] as const) {
      const v = render('kube-prometheus-stack', { distro })
      for (const target of ['kubeEtcd', 'kubeScheduler', 'kubeControllerManager', 'kubeProxy'])
        expect([distro, target, at(v, `${target}.enabled`)]).toEqual([distro, target, false])
      expect(
        at(v, 'prometheus.prometheusSpec.storageSpec.volumeClaimTemplate.spec.storageClassName')
      ).toBe('longhorn')
      expect(at(v, 'grafana.persistence.storageClassName')).toBe('longhorn')
      expect(at(v, 'grafana.ingress.hosts')).toEqual(['grafana.local'])
      expect(at(v, 'prometheus.ingress.hosts')).toEqual(['prometheus.local'])
      expect(at(v, 'alertmanager.ingress.hosts')).toEqual(['alertmanager.local'])
      expect(at(v, 'grafana.admin.existingSecret')).toBe('grafana-admin')
      expect(JSON.stringify(v)).not.toMatch(/adminPassword/)
    }
  })

  test('metrics-server: insecure kubelet TLS only on Talos', () => {
    expect(at(render('metrics-server', { distro: 'talos' }), 'args')).toEqual([
      '--kubelet-insecure-tls'
    ])
    expect(at(render('metrics-server', { distro: 'k3s' }), 'args')).toBeUndefined()
  })

  test('component selection: defaults, the ingress alias, and every bad name at once', () => {
    const s = workloadSettings(inventory)
    expect(selectComponents(s, 'all').map((c) => c.name)).toEqual([
      'metallb',
      'traefik',
      'longhorn',
      'kube-prometheus-stack'
    ])
    expect(selectComponents(s, 'ingress, longhorn').map((c) => c.name)).toEqual([
      'traefik',
      'longhorn'
    ])
    expect(() => selectComponents(s, 'grafana,metrics-server')).toThrow(
      expect.objectContaining({
        problems: [
          expect.objectContaining({
            message: expect.stringContaining('unknown component "grafana"')
          }),
          expect.objectContaining({ message: '"metrics-server" is not enabled by the settings' })
        ]
      })
    )
  })
})

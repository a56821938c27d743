// Which components a run deploys: the enabled set from the settings, optionally narrowed by the
// `components` input.
import { InputError } from '../common/errors'
import { ingressNginx, traefik } from './components/ingress'
import { longhorn } from './components/longhorn'
import { metallb } from './components/metallb'
import { metricsServer } from './components/metrics-server'
import { kubePrometheusStack } from './components/monitoring'
import type { Component, ComponentName, WorkloadSettings } from './types'

export const ALL_COMPONENTS: readonly Component[] = [
  metallb,
  traefik,
  ingressNginx,
  longhorn,
  kubePrometheusStack,
  metricsServer
]

export function enabledComponents(settings: WorkloadSettings): Component[] {
  return ALL_COMPONENTS.filter((c) => {
    if (c.name === 'traefik' || c.name === 'ingress-nginx')
      return c.name === settings.ingressController
    if (c.name === 'metrics-server') return settings.metricsServer
    return true
  })
}

/** `all`, or a comma list of names; `ingress` means the chosen controller. */
export function selectComponents(settings: WorkloadSettings, input: string): Component[] {
  const enabled = enabledComponents(settings)
  const text = input.trim()
  if (text === '' || text === 'all') return enabled
  const wanted = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  const problems = []
  const picked = new Set<ComponentName>()
  for (const w of wanted) {
    const name = w === 'ingress' ? settings.ingressController : w
    const c = enabled.find((e) => e.name === name)
    if (c) picked.add(c.name)
    else {
      const known = ALL_COMPONENTS.some((a) => a.name === name)
      problems.push({
        path: 'components',
        file: 'inputs',
        message: known
          ? `"${w}" is not enabled by the settings`
          : `unknown component "${w}"; known: ${enabled.map((e) => e.name).join(', ')}, ingress`
      })
    }
  }
  if (problems.length > 0) throw new InputError('The components input is invalid.', problems)
  return enabled.filter((c) => picked.has(c.name))
}

// Releases of components this run no longer enables (the other ingress controller, a disabled
// metrics-server). They are removed only when the run asks for it (`prune: true`); otherwise the
// plan and the log say they are left in place.
import type { Helm, HelmRelease } from '../kube/helm'
import { ALL_COMPONENTS, enabledComponents } from './catalog'
import type { Component, WorkloadSettings } from './types'

export function prunable(settings: WorkloadSettings, releases: HelmRelease[]): Component[] {
  const enabled = new Set(enabledComponents(settings).map((c) => c.name))
  return ALL_COMPONENTS.filter(
    (c) =>
      !enabled.has(c.name) &&
      releases.some((r) => r.name === c.release && r.namespace === c.namespace)
  )
}

export async function pruneReleases(
  helm: Helm,
  components: Component[],
  timeoutS: number
): Promise<void> {
  // One at a time: an ingress controller must release its fixed IP before the other takes it.
  for (const c of components) await helm.uninstall(c.release, c.namespace, timeoutS)
}

// What to say when a component's rollout fails: which workload is not ready and its recent
// Warning events (pods included: their names start with the workload's name). Events outlive
// the objects, so this still works after Helm rolled a first install back.
import { errorText } from '../common/errors'
import type { Kubectl } from '../kube/kubectl'
import type { WorkloadRef } from './types'

interface WorkloadStatus {
  status?: {
    replicas?: number
    availableReplicas?: number
    readyReplicas?: number
    desiredNumberScheduled?: number
    numberAvailable?: number
  }
}

function readiness(kind: WorkloadRef['kind'], obj: WorkloadStatus | undefined): string | undefined {
  if (!obj) return 'absent'
  const s = obj.status ?? {}
  if (kind === 'daemonset') {
    const want = s.desiredNumberScheduled ?? 0
    const have = s.numberAvailable ?? 0
    return have < want || want === 0 ? `${have}/${want} available` : undefined
  }
  const want = s.replicas ?? 0
  const have = (kind === 'statefulset' ? s.readyReplicas : s.availableReplicas) ?? 0
  return have < want || want === 0 ? `${have}/${want} ready` : undefined
}

export async function describeFailure(
  kubectl: Kubectl,
  namespace: string,
  workloads: WorkloadRef[]
): Promise<string> {
  const lines: string[] = []
  try {
    const events = await kubectl.events(namespace, '')
    for (const w of workloads) {
      const obj = await kubectl.find<WorkloadStatus>(w.kind, w.name, namespace)
      const warnings = events.filter(
        (e) => e.type === 'Warning' && e.involvedObject.name.startsWith(w.name)
      )
      const state = readiness(w.kind, obj)
      if (obj ? !state : warnings.length === 0) continue
      lines.push(`${w.kind}/${w.name} in ${namespace}: ${state ?? 'ready'}`)
      for (const e of warnings.slice(-5))
        lines.push(`  ${e.reason} ${e.involvedObject.kind}/${e.involvedObject.name}: ${e.message}`)
    }
  } catch (e) {
    lines.push(`(could not read the cluster state: ${errorText(e)})`)
  }
  return lines.join('\n')
}

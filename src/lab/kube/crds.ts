// CustomResourceDefinitions register their resources as they are written, and come back
// Established at once, so helm's CRD wait and `kubectl wait --for condition=established` pass and
// discovery shows the new kinds on the next request.
import { now, type Admission } from './api'
import type { Registry } from './resources'
import { invalid } from './status'
import type { Condition, Dict } from './types'

export function crdAdmission(registry: Registry): Admission {
  return (rt, obj) => {
    if (rt.kind !== 'CustomResourceDefinition' || rt.group !== 'apiextensions.k8s.io') return
    const spec = (obj.spec ?? {}) as Dict
    const names = (spec.names ?? {}) as Dict
    const expected = `${String(names.plural ?? '')}.${String(spec.group ?? '')}`
    if (obj.metadata.name !== expected) {
      throw invalid(
        rt,
        obj.metadata.name ?? '',
        `metadata.name: Invalid value: "${obj.metadata.name ?? ''}": must be spec.names.plural+"."+spec.group`
      )
    }
    const versions = (spec.versions as Dict[] | undefined) ?? []
    if (versions.length === 0)
      throw invalid(
        rt,
        expected,
        'spec.versions: Invalid value: must have exactly one version marked as storage version'
      )
    const problem = registry.registerCrd(obj)
    if (problem) throw invalid(rt, expected, problem)
    const t = now()
    const prev = ((obj.status as Dict | undefined)?.conditions as Condition[] | undefined) ?? []
    const keep = (type: string): string =>
      prev.find((c) => c.type === type && c.status === 'True')?.lastTransitionTime ?? t
    const storage = versions.find((v) => v.storage === true) ?? versions[0]
    const stored = new Set(
      ((obj.status as Dict | undefined)?.storedVersions as string[] | undefined) ?? []
    )
    stored.add(String(storage?.name))
    obj.status = {
      acceptedNames: {
        ...names,
        listKind: names.listKind ?? `${String(names.kind)}List`,
        singular: names.singular ?? String(names.kind ?? '').toLowerCase()
      },
      conditions: [
        {
          type: 'NamesAccepted',
          status: 'True',
          reason: 'NoConflicts',
          message: 'no conflicts found',
          lastTransitionTime: keep('NamesAccepted')
        },
        {
          type: 'Established',
          status: 'True',
          reason: 'InitialNamesAccepted',
          message: 'the initial names have been accepted',
          lastTransitionTime: keep('Established')
        }
      ],
      storedVersions: [...stored]
    }
  }
}

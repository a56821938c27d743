// The resource types the emulator serves: the built-ins charts and the product use, plus whatever
// CustomResourceDefinitions register at run time (discovery reads this registry on every request).
import { BUILTINS, RW } from './builtins'
import type { Dict, KubeObject, PrinterColumn, ResourceType } from './types'

/** Storage key shared by every version of one resource. */
export function groupResource(rt: Pick<ResourceType, 'group' | 'resource'>): string {
  return rt.group ? `${rt.resource}.${rt.group}` : rt.resource
}

export function apiVersionOf(rt: Pick<ResourceType, 'group' | 'version'>): string {
  return rt.group ? `${rt.group}/${rt.version}` : rt.version
}

function singularOf(kind: string): string {
  return kind.toLowerCase()
}

export class Registry {
  private types: ResourceType[] = []
  /** Bumped on every change so discovery documents can carry a fresh hash. */
  generation = 0

  constructor() {
    for (const b of BUILTINS) {
      const [group, version] = b.gv.includes('/')
        ? (b.gv.split('/') as [string, string])
        : ['', b.gv]
      this.types.push({
        group,
        version,
        resource: b.resource,
        kind: b.kind,
        listKind: `${b.kind}List`,
        singular: singularOf(b.kind),
        namespaced: b.namespaced,
        shortNames: b.short ?? [],
        categories: b.all ? ['all'] : [],
        verbs: b.verbs ?? RW,
        subresources: b.sub ?? []
      })
    }
  }

  all(): ResourceType[] {
    return this.types
  }

  find(group: string, version: string, resource: string): ResourceType | undefined {
    return this.types.find(
      (t) => t.group === group && t.version === version && t.resource === resource
    )
  }

  byKind(apiVersion: string, kind: string): ResourceType | undefined {
    const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion]
    return this.types.find((t) => t.group === group && t.version === version && t.kind === kind)
  }

  /** Any served version of a group/resource, for internal lookups that do not care which. */
  byGroupResource(group: string, resource: string): ResourceType | undefined {
    return this.types.find((t) => t.group === group && t.resource === resource)
  }

  /** Any version of a group+kind. */
  byGroupKind(group: string, kind: string): ResourceType | undefined {
    return this.types.find((t) => t.group === group && t.kind === kind)
  }

  groupVersions(): { group: string; versions: string[] }[] {
    const out = new Map<string, string[]>()
    for (const t of this.types) {
      const list = out.get(t.group) ?? []
      if (!list.includes(t.version)) list.push(t.version)
      out.set(t.group, list)
    }
    return [...out].map(([group, versions]) => ({ group, versions: sortVersions(versions) }))
  }

  /** (Re)registers the served versions of a CRD. Returns an error text when names clash. */
  registerCrd(crd: KubeObject): string | undefined {
    const spec = (crd.spec ?? {}) as Dict
    const names = (spec.names ?? {}) as Dict
    const group = String(spec.group ?? '')
    const plural = String(names.plural ?? '')
    const kind = String(names.kind ?? '')
    if (!group || !plural || !kind)
      return 'spec.group, spec.names.plural and spec.names.kind are required'
    const clash = this.types.find((t) => t.group === group && t.resource === plural && !t.crd)
    if (clash) return `${plural}.${group} is a built-in resource`
    this.unregisterCrd(String(crd.metadata.name))
    const versions = (spec.versions ?? []) as Dict[]
    for (const v of versions) {
      if (v.served === false) continue
      const sub = (v.subresources ?? {}) as Dict
      const cols = ((v.additionalPrinterColumns ?? []) as PrinterColumn[]).map((c) => ({ ...c }))
      this.types.push({
        group,
        version: String(v.name),
        resource: plural,
        kind,
        listKind: String(names.listKind ?? `${kind}List`),
        singular: String(names.singular ?? kind.toLowerCase()),
        namespaced: spec.scope !== 'Cluster',
        shortNames: (names.shortNames as string[] | undefined) ?? [],
        categories: (names.categories as string[] | undefined) ?? [],
        verbs: RW,
        subresources: [...(sub.status ? ['status'] : []), ...(sub.scale ? ['scale'] : [])],
        crd: String(crd.metadata.name),
        printerColumns: cols
      })
    }
    this.generation++
    return undefined
  }

  unregisterCrd(name: string): void {
    const before = this.types.length
    this.types = this.types.filter((t) => t.crd !== name)
    if (this.types.length !== before) this.generation++
  }
}

/** Kubernetes version priority: GA before beta before alpha, higher numbers first. */
export function sortVersions(versions: string[]): string[] {
  const rank = (v: string): [number, number, number] => {
    const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v)
    if (!m) return [3, 0, 0]
    const level = m[2] === 'alpha' ? 2 : m[2] === 'beta' ? 1 : 0
    return [level, -Number(m[1]), -Number(m[3] ?? 0)]
  }
  return [...versions].sort((a, b) => {
    const ra = rank(a)
    const rb = rank(b)
    for (let i = 0; i < 3; i++) if (ra[i] !== rb[i]) return (ra[i] ?? 0) - (rb[i] ?? 0)
    return a.localeCompare(b)
  })
}

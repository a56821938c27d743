// Discovery documents (legacy per-group-version and aggregated v2), /version, and the OpenAPI v3
// documents kubectl and helm consult. The OpenAPI documents carry no schemas: they exist so the
// clients see that the server does field validation (`fieldValidation` on PATCH) and skip
// client-side schema validation, and so client-side apply falls back to its built-in patch metadata.
import { createHash } from 'node:crypto'
import { apiVersionOf, sortVersions, type Registry } from './resources'
import type { Dict, ResourceType } from './types'

export const AGGREGATED_CONTENT_TYPE =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList'

export function versionInfo(gitVersion: string): Dict {
  const m = /^v(\d+)\.(\d+)/.exec(gitVersion)
  return {
    major: m?.[1] ?? '1',
    minor: m?.[2] ?? '35',
    emulationMajor: m?.[1] ?? '1',
    emulationMinor: m?.[2] ?? '35',
    gitVersion,
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: '2026-01-01T00:00:00Z',
    goVersion: 'go1.25.0',
    compiler: 'gc',
    platform: 'linux/arm64'
  }
}

export function apiVersions(serverAddress: string): Dict {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }]
  }
}

function groupDoc(registry: Registry, group: string): Dict | undefined {
  const entry = registry.groupVersions().find((g) => g.group === group)
  if (!entry) return undefined
  const versions = entry.versions.map((v) => ({ groupVersion: `${group}/${v}`, version: v }))
  return { name: group, versions, preferredVersion: versions[0] }
}

export function apiGroupList(registry: Registry): Dict {
  const groups = registry
    .groupVersions()
    .filter((g) => g.group !== '')
    .map((g) => groupDoc(registry, g.group))
  return { kind: 'APIGroupList', apiVersion: 'v1', groups }
}

export function apiGroup(registry: Registry, group: string): Dict | undefined {
  const doc = groupDoc(registry, group)
  return doc ? { kind: 'APIGroup', apiVersion: 'v1', ...doc } : undefined
}

function storageVersionHash(rt: ResourceType): string {
  return createHash('sha256')
    .update(`${rt.group}/${rt.version}/${rt.kind}`)
    .digest('base64')
    .slice(0, 11)
}

function subVerbs(sub: string): string[] {
  return sub === 'log' ? ['get'] : ['get', 'patch', 'update']
}

export function apiResourceList(
  registry: Registry,
  group: string,
  version: string
): Dict | undefined {
  const types = registry.all().filter((t) => t.group === group && t.version === version)
  if (types.length === 0) return undefined
  const resources: Dict[] = []
  for (const t of types) {
    resources.push({
      name: t.resource,
      singularName: t.singular,
      namespaced: t.namespaced,
      kind: t.kind,
      verbs: t.verbs,
      ...(t.shortNames.length > 0 ? { shortNames: t.shortNames } : {}),
      ...(t.categories.length > 0 ? { categories: t.categories } : {}),
      storageVersionHash: storageVersionHash(t)
    })
    for (const sub of t.subresources) {
      resources.push({
        name: `${t.resource}/${sub}`,
        singularName: '',
        namespaced: t.namespaced,
        ...(sub === 'scale'
          ? { group: 'autoscaling', version: 'v1', kind: 'Scale' }
          : { kind: t.kind }),
        verbs: subVerbs(sub)
      })
    }
  }
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: apiVersionOf({ group, version }),
    resources
  }
}

function discoveryResource(t: ResourceType): Dict {
  return {
    resource: t.resource,
    responseKind: { group: t.group, version: t.version, kind: t.kind },
    scope: t.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: t.singular,
    verbs: t.verbs,
    ...(t.shortNames.length > 0 ? { shortNames: t.shortNames } : {}),
    ...(t.categories.length > 0 ? { categories: t.categories } : {}),
    ...(t.subresources.length > 0
      ? {
          subresources: t.subresources.map((s) => ({
            subresource: s,
            responseKind:
              s === 'scale'
                ? { group: 'autoscaling', version: 'v1', kind: 'Scale' }
                : { group: t.group, version: t.version, kind: t.kind },
            verbs: subVerbs(s)
          }))
        }
      : {})
  }
}

/** Aggregated discovery (apidiscovery.k8s.io/v2): one document for /api or for /apis. */
export function aggregatedDiscovery(registry: Registry, core: boolean): Dict {
  const items = registry
    .groupVersions()
    .filter((g) => (g.group === '') === core)
    .map((g) => ({
      metadata: { name: g.group, creationTimestamp: null },
      versions: sortVersions(g.versions).map((v) => ({
        version: v,
        resources: registry
          .all()
          .filter((t) => t.group === g.group && t.version === v)
          .map(discoveryResource),
        freshness: 'Current'
      }))
    }))
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: 'apidiscovery.k8s.io/v2',
    metadata: {},
    items
  }
}

function gvPath(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`
}

export function openApiV3Index(registry: Registry): Dict {
  const paths: Dict = {}
  for (const g of registry.groupVersions()) {
    for (const v of g.versions) {
      const p = gvPath(g.group, v)
      const hash = openApiHash(registry, g.group, v)
      paths[p] = { serverRelativeURL: `/openapi/v3/${p}?hash=${hash}` }
    }
  }
  return { paths }
}

function openApiHash(registry: Registry, group: string, version: string): string {
  const types = registry.all().filter((t) => t.group === group && t.version === version)
  return createHash('sha512').update(JSON.stringify(types)).digest('hex').slice(0, 64).toUpperCase()
}

const QUERY_PARAMS = ['dryRun', 'fieldManager', 'fieldValidation', 'force', 'pretty']

function operation(t: ResourceType, action: string, verb: string): Dict {
  return {
    description: `${verb} the specified ${t.kind}`,
    operationId: `${verb}${t.kind}`,
    parameters: QUERY_PARAMS.map((name) => ({
      name,
      in: 'query',
      description: name,
      schema: { type: name === 'force' ? 'boolean' : 'string', uniqueItems: true }
    })),
    responses: { '200': { description: 'OK' } },
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': { group: t.group, version: t.version, kind: t.kind }
  }
}

/** The OpenAPI v3 document of one group-version, or undefined when it is not served. */
export function openApiV3Doc(registry: Registry, path: string): Dict | undefined {
  const m = /^(?:api\/(v1)|apis\/([^/]+)\/([^/]+))$/.exec(path)
  if (!m) return undefined
  const group = m[2] ?? ''
  const version = m[1] ?? m[3] ?? ''
  const types = registry.all().filter((t) => t.group === group && t.version === version)
  if (types.length === 0) return undefined
  const paths: Dict = {}
  for (const t of types) {
    const base = `/${gvPath(group, version)}${t.namespaced ? '/namespaces/{namespace}' : ''}/${t.resource}`
    paths[base] = { get: operation(t, 'list', 'list'), post: operation(t, 'post', 'create') }
    paths[`${base}/{name}`] = {
      get: operation(t, 'get', 'read'),
      put: operation(t, 'put', 'replace'),
      patch: operation(t, 'patch', 'patch'),
      delete: operation(t, 'delete', 'delete')
    }
  }
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes (rk1 lab, simulated)', version: apiVersionOf({ group, version }) },
    paths,
    components: { schemas: {} }
  }
}

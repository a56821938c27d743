// kubectl driver: JSON reads, apply from stdin, rollout/condition waits and the events of a
// resource for failure messages.
import { KubeCommandError } from './errors'
import type { KubeSession } from './session'

export interface KubeEvent {
  type: string
  reason: string
  message: string
  involvedObject: { kind: string; name: string; namespace?: string }
  lastTimestamp?: string
  eventTime?: string
  count?: number
}

export interface Kubectl {
  run(args: string[], opts?: { input?: string; timeoutMs?: number }): Promise<string>
  getJson<T>(args: string[]): Promise<T>
  /** The object, or undefined when it does not exist. */
  find<T>(kind: string, name: string, namespace?: string): Promise<T | undefined>
  /** Server-side apply of a YAML/JSON manifest given on stdin. */
  apply(manifest: string, opts?: { fieldManager?: string }): Promise<string>
  rolloutStatus(
    kind: 'deployment' | 'daemonset' | 'statefulset',
    name: string,
    ns: string,
    timeoutS: number
  ): Promise<void>
  waitFor(
    resource: string,
    condition: string,
    ns: string | undefined,
    timeoutS: number
  ): Promise<void>
  /** Events about objects whose name starts with `namePrefix`, oldest first. */
  events(ns: string, namePrefix: string): Promise<KubeEvent[]>
}

export function kubectlDriver(session: KubeSession): Kubectl {
  const run = async (args: string[], opts: { input?: string; timeoutMs?: number } = {}) => {
    const r = await session.run('kubectl', args, opts)
    if (r.code !== 0)
      throw new KubeCommandError(`kubectl ${args.slice(0, 4).join(' ')} failed`, r, {
        step: 'kubectl'
      })
    return r.stdout
  }
  const getJson = async <T>(args: string[]): Promise<T> =>
    JSON.parse(await run([...args, '-o', 'json'])) as T
  return {
    run,
    getJson,
    find: async <T>(kind: string, name: string, namespace?: string) => {
      const args = ['get', kind, name, '--ignore-not-found', '-o', 'json']
      if (namespace) args.push('-n', namespace)
      const out = await run(args)
      return out.trim() ? (JSON.parse(out) as T) : undefined
    },
    apply: (manifest, opts = {}) =>
      run(
        [
          'apply',
          '--server-side',
          '--force-conflicts',
          `--field-manager=${opts.fieldManager ?? 'rk1'}`,
          '-f',
          '-'
        ],
        { input: manifest }
      ),
    rolloutStatus: async (kind, name, ns, timeoutS) => {
      await run(['rollout', 'status', `${kind}/${name}`, '-n', ns, `--timeout=${timeoutS}s`], {
        timeoutMs: (timeoutS + 30) * 1000
      })
    },
    waitFor: async (resource, condition, ns, timeoutS) => {
      const args = ['wait', resource, `--for=${condition}`, `--timeout=${timeoutS}s`]
      if (ns) args.push('-n', ns)
      await run(args, { timeoutMs: (timeoutS + 30) * 1000 })
    },
    events: async (ns, namePrefix) => {
      const list = await getJson<{ items: KubeEvent[] }>(['get', 'events', '-n', ns])
      const when = (e: KubeEvent) => e.lastTimestamp ?? e.eventTime ?? ''
      return list.items
        .filter((e) => e.involvedObject.name.startsWith(namePrefix))
        .sort((a, b) => when(a).localeCompare(when(b)))
    }
  }
}

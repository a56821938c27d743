// kubectl driver: JSON reads, apply from stdin, rollout/condition waits and the events of a
// resource for failure messages. Calls that are safe to repeat are retried on transient API
// errors (./retry) until the driver's deadline.
import { KubeCommandError } from './errors'
import { withRetry } from './retry'
import type { KubeSession } from './session'

export interface RunOptions {
  input?: string
  timeoutMs?: number
  /** Retry on transient errors; default: whether the verb is safe to repeat (isRepeatable). */
  retry?: boolean
}

const REPEATABLE = new Set([
  'get',
  'describe',
  'logs',
  'version',
  'api-resources',
  'api-versions',
  'cluster-info',
  'explain',
  'top',
  'wait',
  'patch'
])

/**
 * Whether repeating the call cannot do something twice: reads, waits, server-side apply,
 * patches (the same patch twice is the state once), deletes that ignore a missing object.
 */
export function isRepeatable(args: readonly string[]): boolean {
  const verb = args.find((a) => !a.startsWith('-'))
  if (!verb) return false
  if (REPEATABLE.has(verb)) return true
  if (verb === 'apply') return args.includes('--server-side')
  if (verb === 'rollout') return args.includes('status')
  if (verb === 'delete') return args.includes('--ignore-not-found')
  return false
}

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
  run(args: string[], opts?: RunOptions): Promise<string>
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

/**
 * `deadline` (epoch ms) bounds every retry of this driver, e.g. a component's timeout; without it
 * each call retries for at most the session's retry budget.
 */
export function kubectlDriver(session: KubeSession, opts: { deadline?: number } = {}): Kubectl {
  const call = async (
    args: string[],
    o: RunOptions,
    argsFor: (remainingMs: number) => string[] = () => args
  ) => {
    const label = `kubectl ${args.slice(0, 4).join(' ')}`
    const attempt = (remainingMs: number) =>
      session.run('kubectl', argsFor(remainingMs), { input: o.input, timeoutMs: o.timeoutMs })
    const r =
      (o.retry ?? isRepeatable(args))
        ? await withRetry(session.retry, {
            label,
            attempt,
            deadline: opts.deadline,
            signal: session.signal
          })
        : await attempt(Infinity)
    if (r.code !== 0) throw new KubeCommandError(`${label} failed`, r, { step: 'kubectl' })
    return r.stdout
  }
  const run = (args: string[], o: RunOptions = {}) => call(args, o)
  /** A wait's own --timeout shrinks to what is left of the deadline when it is retried. */
  const waitCall = (args: string[], timeoutS: number) =>
    call(args, { timeoutMs: (timeoutS + 30) * 1000 }, (remainingMs) => {
      const left = opts.deadline ? Math.ceil(remainingMs / 1000) : timeoutS
      return [...args, `--timeout=${Math.max(1, Math.min(timeoutS, left))}s`]
    })
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
      await waitCall(['rollout', 'status', `${kind}/${name}`, '-n', ns], timeoutS)
    },
    waitFor: async (resource, condition, ns, timeoutS) => {
      const args = ['wait', resource, `--for=${condition}`]
      if (ns) args.push('-n', ns)
      await waitCall(args, timeoutS)
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

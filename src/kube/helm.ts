// helm driver. `upgrade --install --wait` with rollback on failure spelled for the installed
// major: Helm 4 `--rollback-on-failure` (+ `--wait=watcher`), Helm 3 `--atomic` (tools.md §5.1).
// Outputs are read as JSON, never parsed from text. Reads are retried on transient API errors;
// an upgrade is retried only while its release is not left pending (then nothing half-done is
// repeated: the pending state needs a person, see the advice).
import { KubeCommandError } from './errors'
import type { ExecResult } from './exec'
import { withRetry } from './retry'
import type { KubeSession } from './session'

export interface HelmRelease {
  name: string
  namespace: string
  revision: string
  status: string
  /** `<chart>-<version>`, e.g. `metallb-0.16.1`. */
  chart: string
  app_version: string
}

export interface UpgradeRequest {
  release: string
  namespace: string
  /** A chart directory, or a chart name together with `repo`. */
  chart: string
  repo?: string
  version?: string
  valuesFile: string
  timeoutS: number
}

export interface Helm {
  major(): Promise<number>
  upgradeArgs(req: UpgradeRequest): Promise<string[]>
  upgradeInstall(req: UpgradeRequest): Promise<string>
  list(): Promise<HelmRelease[]>
  /** User-supplied values of the deployed release, or undefined when there is no release. */
  getValues(release: string, namespace: string): Promise<Record<string, unknown> | undefined>
  uninstall(release: string, namespace: string, timeoutS: number): Promise<void>
}

export function parseHelmMajor(short: string): number {
  const m = /^v(\d+)\./.exec(short.trim())
  if (!m) throw new Error(`unexpected helm version: ${short.trim()}`)
  return Number(m[1])
}

export function helmUpgradeArgs(req: UpgradeRequest, major: number): string[] {
  const args = ['upgrade', '--install', req.release, req.chart, '-n', req.namespace]
  if (req.repo) args.push('--repo', req.repo)
  if (req.version) args.push('--version', req.version)
  args.push('-f', req.valuesFile, '--timeout', `${req.timeoutS}s`)
  if (major >= 4) args.push('--wait=watcher', '--rollback-on-failure')
  else args.push('--wait', '--atomic')
  return args
}

/** `deadline` (epoch ms) bounds the retries of this driver, as for kubectlDriver. */
export function helmDriver(session: KubeSession, opts: { deadline?: number } = {}): Helm {
  let majorP: Promise<number> | undefined
  const retrying = (
    args: string[],
    timeoutMs?: number,
    mayRetry?: () => Promise<boolean>
  ): Promise<ExecResult> =>
    withRetry(session.retry, {
      label: `helm ${args.slice(0, 3).join(' ')}`,
      attempt: () => session.run('helm', args, { timeoutMs }),
      deadline: opts.deadline,
      mayRetry,
      signal: session.signal
    })
  const check = (args: string[], r: ExecResult): string => {
    if (r.code !== 0)
      throw new KubeCommandError(`helm ${args.slice(0, 3).join(' ')} failed`, r, { step: 'helm' })
    return r.stdout
  }
  const run = async (args: string[], timeoutMs?: number) =>
    check(args, await retrying(args, timeoutMs))
  const list = async () =>
    JSON.parse(
      await run(['list', '-A', '--deployed', '--failed', '--pending', '-o', 'json'])
    ) as HelmRelease[]
  const notPending = async (req: UpgradeRequest): Promise<boolean> => {
    const rel = (await list()).find((r) => r.name === req.release && r.namespace === req.namespace)
    return !rel?.status.startsWith('pending')
  }
  // Unreadable now means unknown; helm itself refuses a pending release ("another operation").
  const mayRetryUpgrade = (req: UpgradeRequest) => () => notPending(req).catch(() => true)
  const major = () =>
    (majorP ??= session
      .run('helm', ['version', '--short'])
      .then((r) => parseHelmMajor(check(['version'], r))))
  const upgradeArgs = async (req: UpgradeRequest) => helmUpgradeArgs(req, await major())
  return {
    major,
    upgradeArgs,
    upgradeInstall: async (req) => {
      const args = await upgradeArgs(req)
      return check(args, await retrying(args, (req.timeoutS + 60) * 1000, mayRetryUpgrade(req)))
    },
    list,
    getValues: async (release, namespace) => {
      const r = await retrying(['get', 'values', release, '-n', namespace, '-o', 'json'])
      if (r.code !== 0 && /release: not found/.test(r.stderr)) return undefined
      if (r.code !== 0) throw new KubeCommandError(`helm get values ${release} failed`, r)
      return (JSON.parse(r.stdout) as Record<string, unknown> | null) ?? {}
    },
    uninstall: async (release, namespace, timeoutS) => {
      const args = ['uninstall', release, '-n', namespace, '--wait', '--timeout', `${timeoutS}s`]
      const r = await retrying(args)
      // A retry after an uninstall that went through finds nothing left: that is the goal.
      if (r.code !== 0 && /not found/.test(r.stderr) && r.stderr.includes(release)) return
      check(args, r)
    }
  }
}

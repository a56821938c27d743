// helm driver. `upgrade --install --wait` with rollback on failure spelled for the installed
// major: Helm 4 `--rollback-on-failure` (+ `--wait=watcher`), Helm 3 `--atomic` (tools.md §5.1).
// Outputs are read as JSON, never parsed from text.
import { KubeCommandError } from './errors'
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

export function helmDriver(session: KubeSession): Helm {
  let majorP: Promise<number> | undefined
  const run = async (args: string[], timeoutMs?: number) => {
    const r = await session.run('helm', args, { timeoutMs })
    if (r.code !== 0)
      throw new KubeCommandError(`helm ${args.slice(0, 3).join(' ')} failed`, r, { step: 'helm' })
    return r.stdout
  }
  const major = () => (majorP ??= run(['version', '--short']).then(parseHelmMajor))
  const upgradeArgs = async (req: UpgradeRequest) => helmUpgradeArgs(req, await major())
  return {
    major,
    upgradeArgs,
    upgradeInstall: async (req) => run(await upgradeArgs(req), (req.timeoutS + 60) * 1000),
    list: async () =>
      JSON.parse(
        await run(['list', '-A', '--deployed', '--failed', '--pending', '-o', 'json'])
      ) as HelmRelease[],
    getValues: async (release, namespace) => {
      const r = await session.run('helm', ['get', 'values', release, '-n', namespace, '-o', 'json'])
      if (r.code !== 0 && /release: not found/.test(r.stderr)) return undefined
      if (r.code !== 0) throw new KubeCommandError(`helm get values ${release} failed`, r)
      return (JSON.parse(r.stdout) as Record<string, unknown> | null) ?? {}
    },
    uninstall: async (release, namespace, timeoutS) => {
      await run(['uninstall', release, '-n', namespace, '--wait', '--timeout', `${timeoutS}s`])
    }
  }
}

// Finds kubectl and helm. Today: an explicit path, `RK1_KUBECTL`/`RK1_HELM`, or the PATH.
// Gap (later step): when neither is found, install the version pinned in the inventory
// (`versions.helm`) with @actions/tool-cache from the official release and verify its sha256
// before use; until then a missing tool is a clear error with advice.
import { accessSync, constants } from 'node:fs'
import path from 'node:path'
import { KubeToolMissingError } from './errors'

export interface KubeToolPaths {
  kubectl: string
  helm: string
}

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK)
    return true
  } catch {
    return false
  }
}

export function findOnPath(name: string, pathVar: string | undefined): string | undefined {
  for (const dir of (pathVar ?? '').split(path.delimiter)) {
    if (!dir) continue
    const file = path.join(dir, name)
    if (executable(file)) return file
  }
  return undefined
}

/** Resolves both tools or throws one error naming every missing one. */
export function discoverKubeTools(env: NodeJS.ProcessEnv): KubeToolPaths {
  const found: Partial<KubeToolPaths> = {}
  const missing: string[] = []
  for (const [name, variable] of [
    ['kubectl', 'RK1_KUBECTL'],
    ['helm', 'RK1_HELM']
  ] as const) {
    const explicit = env[variable]
    const file = explicit
      ? executable(explicit)
        ? explicit
        : undefined
      : findOnPath(name, env.PATH)
    if (file) found[name] = file
    else missing.push(explicit ? `${name} (${variable}=${explicit} is not executable)` : name)
  }
  if (missing.length > 0)
    throw new KubeToolMissingError(`Not found: ${missing.join(', ')}.`, {
      step: 'deploy-workloads',
      evidence: `PATH=${env.PATH ?? ''}`,
      advice:
        'Install helm (3.x or 4.x) and kubectl on the runner and put them on PATH, or point ' +
        'RK1_HELM / RK1_KUBECTL at them.'
    })
  return found as KubeToolPaths
}

// Finds kubectl and helm: an explicit path (`RK1_KUBECTL`/`RK1_HELM`) or the PATH. What is not
// found here is installed pinned and checksum-verified by ./install.
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

export type KubeToolName = keyof KubeToolPaths

export interface MissingTool {
  name: KubeToolName
  /** The RK1_HELM / RK1_KUBECTL value that is not executable, when one was given. */
  explicit?: string
}

/** What the environment offers: each tool from its variable or PATH, and what is missing. */
export function locateKubeTools(env: NodeJS.ProcessEnv): {
  found: Partial<KubeToolPaths>
  missing: MissingTool[]
} {
  const found: Partial<KubeToolPaths> = {}
  const missing: MissingTool[] = []
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
    else missing.push(explicit ? { name, explicit } : { name })
  }
  return { found, missing }
}

const VARIABLES: Record<KubeToolName, string> = { kubectl: 'RK1_KUBECTL', helm: 'RK1_HELM' }

export function missingToolsError(
  env: NodeJS.ProcessEnv,
  missing: MissingTool[]
): KubeToolMissingError {
  const names = missing.map((m) =>
    m.explicit ? `${m.name} (${VARIABLES[m.name]}=${m.explicit} is not executable)` : m.name
  )
  return new KubeToolMissingError(`Not found: ${names.join(', ')}.`, {
    step: 'deploy-workloads',
    evidence: `PATH=${env.PATH ?? ''}`,
    advice:
      'Install helm (3.x or 4.x) and kubectl on the runner and put them on PATH, or point ' +
      'RK1_HELM / RK1_KUBECTL at them.'
  })
}

/** Resolves both tools without installing anything, or throws one error naming every missing one. */
export function discoverKubeTools(env: NodeJS.ProcessEnv): KubeToolPaths {
  const { found, missing } = locateKubeTools(env)
  if (missing.length > 0) throw missingToolsError(env, missing)
  return found as KubeToolPaths
}

import { mkdir } from 'node:fs/promises'
import { basename } from 'node:path'
import type { ArtifactInfo, ArtifactRun, ArtifactStore } from '../common/host'
import { Rk1Error } from '../common/errors'

/**
 * The Actions artifact service through @actions/artifact. The library is imported on first use:
 * it is large (the Azure blob client comes with it) and only some commands upload, so the other
 * action bundles do not load it at start. `GITHUB_API_URL` is read by @actions/github when it is
 * first imported, which happens here, after the runner has set the environment.
 */
export function createActionsArtifactStore(env: NodeJS.ProcessEnv): ArtifactStore {
  const repository = env.GITHUB_REPOSITORY ?? ''
  const [owner = '', repo = ''] = repository.split('/')
  const server = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/$/, '')
  const runId = env.GITHUB_RUN_ID ?? ''

  const client = async () => {
    const { DefaultArtifactClient } = await import('@actions/artifact')
    return new DefaultArtifactClient()
  }
  const findBy = (from?: ArtifactRun) => {
    if (!from) return undefined
    if (!owner || !repo)
      throw new Rk1Error('GITHUB_REPOSITORY is not set, so no other run can be read.', {
        step: 'artifacts',
        advice: 'Run inside GitHub Actions, where the runner sets GITHUB_REPOSITORY.'
      })
    return {
      token: from.token,
      workflowRunId: from.runId,
      repositoryOwner: owner,
      repositoryName: repo
    }
  }

  return {
    kind: 'github',
    async upload(name, rootDir, files, options = {}) {
      const result = await (
        await client()
      ).uploadArtifact(name, [...files], rootDir, {
        retentionDays: options.retentionDays,
        skipArchive: options.single
      })
      if (result.id === undefined)
        throw new Rk1Error(`The artifact service returned no id for "${name}".`, {
          step: 'artifacts'
        })
      const stored = options.single ? basename(files[0] ?? name) : name
      return { id: result.id, name: stored, size: result.size ?? 0 }
    },
    async list(from) {
      const { artifacts } = await (await client()).listArtifacts({ findBy: findBy(from) })
      return artifacts.map((a) => ({
        id: a.id,
        name: a.name,
        size: a.size,
        createdAt: a.createdAt?.toISOString()
      }))
    },
    async download(artifact: ArtifactInfo, destDir: string, from?: ArtifactRun) {
      await mkdir(destDir, { recursive: true })
      await (await client()).downloadArtifact(artifact.id, { path: destDir, findBy: findBy(from) })
      return destDir
    },
    link(artifact) {
      return `${server}/${repository}/actions/runs/${runId}/artifacts/${artifact.id}`
    }
  }
}

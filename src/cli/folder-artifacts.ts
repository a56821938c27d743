import { cp, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises'
import { isAbsolute, join, relative, resolve } from 'node:path'
import type { ArtifactInfo, ArtifactRun, ArtifactStore } from '../common/host'
import { Rk1Error } from '../common/errors'

/**
 * Artifacts of CLI runs, kept in a folder a person can browse:
 *   <root>/<run>/<name>/...files            the artifact's files, paths as uploaded
 *   <root>/<run>/<name>.artifact.json       id, name, size, createdAt
 * `<run>` is RK1_RUN_ID (default "local"); another run is read by its id, so a local nightly
 * loop can give each night its own run id and `report` finds the earlier ones. Ids are unique
 * across the folder (claimed with an exclusive create, so two runs at once never share one).
 */

// GitHub's rules for names, plus path separators and dot names, which would escape the folder.
const FORBIDDEN = /[":<>|*?\r\n\\/]/

function checkName(name: string): void {
  if (!name || FORBIDDEN.test(name) || name === '.' || name === '..')
    throw new Rk1Error(`Invalid artifact name "${name}".`, {
      step: 'artifacts',
      advice: 'Use a name without " : < > | * ? \\ / or line breaks.'
    })
}

async function claimId(root: string): Promise<number> {
  const ids = join(root, '.ids')
  await mkdir(ids, { recursive: true })
  let next = (await readdir(ids)).length + 1
  for (;;) {
    try {
      await writeFile(join(ids, String(next)), '', { flag: 'wx' })
      return next
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      next++
    }
  }
}

export function createFolderArtifactStore(
  env: NodeJS.ProcessEnv,
  cwd = process.cwd()
): ArtifactStore {
  const root = resolve(cwd, env.RK1_ARTIFACTS_DIR || join('.rk1', 'artifacts'))
  const runDir = (run: string | number) => join(root, String(run))
  const thisRun = env.RK1_RUN_ID || 'local'

  async function listRun(run: string | number): Promise<ArtifactInfo[]> {
    const dir = runDir(run)
    const names = await readdir(dir).catch(() => [] as string[])
    const infos: ArtifactInfo[] = []
    for (const file of names.filter((n) => n.endsWith('.artifact.json'))) {
      infos.push(JSON.parse(await readFile(join(dir, file), 'utf8')) as ArtifactInfo)
    }
    return infos.sort((a, b) => a.id - b.id)
  }

  return {
    kind: 'folder',
    async upload(name, rootDir, files) {
      checkName(name)
      const target = join(runDir(thisRun), name)
      const meta = `${target}.artifact.json`
      if (await stat(meta).catch(() => undefined))
        throw new Rk1Error(`An artifact named "${name}" already exists in run ${thisRun}.`, {
          step: 'artifacts',
          evidence: meta,
          advice: 'Artifact names are unique per run; pick another name or another RK1_RUN_ID.'
        })
      let size = 0
      for (const file of files) {
        const rel = relative(rootDir, file)
        if (rel.startsWith('..') || isAbsolute(rel))
          throw new Rk1Error(`${file} is not under the artifact root ${rootDir}.`, {
            step: 'artifacts'
          })
        await mkdir(join(target, rel, '..'), { recursive: true })
        await cp(file, join(target, rel))
        size += (await stat(file)).size
      }
      const info: ArtifactInfo = {
        id: await claimId(root),
        name,
        size,
        createdAt: new Date().toISOString()
      }
      await writeFile(meta, `${JSON.stringify(info, null, 2)}\n`)
      return info
    },
    list: (from?: ArtifactRun) => listRun(from ? from.runId : thisRun),
    async download(artifact, destDir, from) {
      const run = from ? from.runId : thisRun
      const source = join(runDir(run), artifact.name)
      if (!(await stat(source).catch(() => undefined)))
        throw new Rk1Error(`Artifact "${artifact.name}" of run ${run} is not in ${root}.`, {
          step: 'artifacts'
        })
      await mkdir(destDir, { recursive: true })
      await cp(source, destDir, { recursive: true })
      return destDir
    },
    link: (artifact) => join(runDir(thisRun), artifact.name)
  }
}

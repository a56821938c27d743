import { describe, expect, test } from '@jest/globals'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createFolderArtifactStore } from '../../src/cli/folder-artifacts'

function files(root: string): string[] {
  mkdirSync(join(root, 'sub'), { recursive: true })
  writeFileSync(join(root, 'a.txt'), 'a')
  writeFileSync(join(root, 'sub', 'b.json'), '{}')
  return [join(root, 'a.txt'), join(root, 'sub', 'b.json')]
}

describe('folder artifact store (the CLI)', () => {
  test('uploads into <root>/<run>/<name>, lists and downloads, reads another run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rk1-folder-'))
    const night1 = createFolderArtifactStore({ RK1_ARTIFACTS_DIR: 'arts', RK1_RUN_ID: '1' }, dir)
    const night2 = createFolderArtifactStore({ RK1_ARTIFACTS_DIR: 'arts', RK1_RUN_ID: '2' }, dir)
    const src = join(dir, 'src')
    const a = await night1.upload('bench-talos', src, files(src))
    const b = await night2.upload('bench-talos', src, files(src))
    expect(a.id).not.toBe(b.id)
    expect(a.size).toBe(3)
    expect((await night2.list()).map((x) => x.name)).toEqual(['bench-talos'])
    const earlier = await night2.list({ runId: 1, token: '' })
    expect(earlier[0]!.id).toBe(a.id)
    const dest = join(dir, 'dest')
    await night2.download(earlier[0]!, dest, { runId: 1, token: '' })
    expect(readFileSync(join(dest, 'sub', 'b.json'), 'utf8')).toBe('{}')
    expect(night1.link(a)).toBe(join(dir, 'arts', '1', 'bench-talos'))
  })

  test('refuses a duplicate name in the same run and names that escape the folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rk1-folder-'))
    const store = createFolderArtifactStore({}, dir)
    const src = join(dir, 'src')
    await store.upload('r', src, files(src))
    await expect(store.upload('r', src, files(src))).rejects.toThrow(/already exists/)
    await expect(store.upload('../x', src, files(src))).rejects.toThrow(/Invalid artifact name/)
    await expect(store.upload('y', src, ['/etc/hostname'])).rejects.toThrow(/not under/)
  })
})

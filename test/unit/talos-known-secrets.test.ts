import { describe, expect, it } from '@jest/globals'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { findTalosSecrets } from '../../src/distro/talos/known-secrets'

// A K3s run proves this cluster's Talos nodes only with secrets it was given or that the Talos
// run kept; it never makes new ones (they would prove nothing).
const bundle = (id: string): string =>
  `cluster:\n  id: ${id}\n  secret: s3cr3t-${id}\nsecrets:\n  bootstraptoken: abc.${id}\ncerts:\n  os:\n    crt: Y3J0\n    key: a2V5\n`

function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'rk1-known-secrets-'))
  return fn(dir).finally(() => rmSync(dir, { recursive: true, force: true }))
}

describe('findTalosSecrets', () => {
  it('takes the input first, else secrets.yaml of the cluster folder, and masks what it read', () =>
    withDir(async (dir) => {
      writeFileSync(join(dir, 'secrets.yaml'), bundle('folder'))
      const masked: string[] = []
      const host = { mask: (s: string) => void masked.push(s) }
      const fromInput = await findTalosSecrets(host, { input: bundle('input'), dir })
      expect(fromInput).toMatchObject({ from: 'input' })
      expect(fromInput?.text).toContain('id: input')
      const fromFile = await findTalosSecrets(host, { input: '  ', dir })
      expect(fromFile).toMatchObject({ from: 'file' })
      expect(fromFile?.text).toContain('id: folder')
      expect(masked).toContain('s3cr3t-input')
      expect(masked).toContain('s3cr3t-folder')
    }))

  it('finds nothing without input or file (and generates nothing)', () =>
    withDir(async (dir) => {
      expect(await findTalosSecrets({ mask: () => undefined }, { dir })).toBeUndefined()
    }))
})

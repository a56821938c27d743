// Issue 10 §5: the CLI log keeps each task's indentation when groups of concurrent tasks overlap
// (nodes are provisioned in parallel): a group's lines are indented by its own depth only.
import { describe, expect, it } from '@jest/globals'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createConsoleHost } from '../../src/cli/console-host'

const tick = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

describe('console log indentation', () => {
  it('overlapping groups do not shift each other, and the depth comes back', async () => {
    let text = ''
    const dir = mkdtempSync(join(tmpdir(), 'rk1-indent-'))
    const host = createConsoleHost({
      signal: new AbortController().signal,
      env: { RK1_CACHE_DIR: join(dir, 'cache'), RK1_TEMP_DIR: join(dir, 'tmp') },
      write: (t) => (text += t)
    })
    const { log } = host
    await Promise.all([
      log.group('A', async () => {
        await tick(5)
        log.info('a1')
        await tick(20)
        log.info('a2')
      }),
      log.group('B', async () => {
        await tick(10)
        log.info('b1')
      }),
      (async () => {
        await tick(15)
        log.info('outside')
      })()
    ])
    log.info('after')
    const lines = text.split('\n').map((l) => l.slice(9)) // drop "hh:mm:ss "
    expect(lines).toEqual(['▸ A', '▸ B', '  a1', '  b1', 'outside', '  a2', 'after', ''])
  })
})

/**
 * Inventory edge cases found by probing as an attacker would (issue 11, part 3): every one is
 * refused up front, located, in plain words, and never reaches a node.
 */
import { describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { InputError } from '../../src/common/errors'
import type { InputProblem } from '../../src/common/errors'
import { loadInventory, parseInventory } from '../../src/inventory'

const MINIMAL = readFileSync(
  join(import.meta.dirname, '../fixtures/inventories/minimal.yaml'),
  'utf8'
)

function problems(text: string): readonly InputProblem[] {
  try {
    parseInventory(text, 'cluster.yaml')
  } catch (e) {
    if (e instanceof InputError) return e.problems
    throw e
  }
  throw new Error('expected an InputError')
}

async function fileProblems(path: string): Promise<readonly InputProblem[]> {
  const error = await loadInventory(path).then(
    () => undefined,
    (e: unknown) => e
  )
  if (error instanceof InputError) return error.problems
  throw new Error(`expected an InputError, got ${String(error)}`)
}

function tempFile(name: string, content: string | Uint8Array): string {
  const path = join(mkdtempSync(join(tmpdir(), 'rk1-inventory-')), name)
  writeFileSync(path, content)
  return path
}

/** MINIMAL with the worker's `disks` line replaced. */
const withDisks = (disks: string): string =>
  MINIMAL.replace('    disks: { data: null }\n', `    disks: ${disks}\n`)

describe('device paths', () => {
  it.each([
    ['{ system: /dev/../etc/shadow }', 'nodes[0].disks.system'],
    ['{ data: /dev/../../root }', 'nodes[0].disks.data'],
    ['{ data: /dev/./nvme0n1 }', 'nodes[0].disks.data'],
    ['{ data: /dev//nvme0n1 }', 'nodes[0].disks.data'],
    ['{ system: /dev/mmcblk0/.. }', 'nodes[0].disks.system']
  ])('refuses %s, which does not stay a device under /dev', (disks, path) => {
    expect(problems(withDisks(disks))).toEqual([
      expect.objectContaining({
        path,
        line: 10,
        message: expect.stringContaining('`.`, `..` and empty segments are not allowed')
      })
    ])
  })

  it('accepts by-id links and names with dots', () => {
    const text = withDisks(
      '{ system: /dev/disk/by-id/mmc-A3A551_0x1.2, data: /dev/disk/by-id/nvme-eui.0025 }'
    )
    expect(parseInventory(text, 'cluster.yaml').inventory.nodes[1]!.disks).toEqual({
      system: '/dev/disk/by-id/mmc-A3A551_0x1.2',
      data: '/dev/disk/by-id/nvme-eui.0025'
    })
  })
})

describe('system and data disks are disjoint', () => {
  it.each([
    [
      '{ data: /dev/mmcblk0 }',
      'nodes[0].disks.data',
      'is also the default system disk /dev/mmcblk0'
    ],
    [
      '{ system: /dev/sda, data: /dev/sda }',
      'nodes[0].disks.data',
      'is also the system disk /dev/sda'
    ],
    [
      '{ system: /dev/nvme0n1 }',
      'nodes[0].disks.system',
      'is also the default data disk /dev/nvme0n1'
    ],
    [
      '{ data: /dev/mmcblk0p2 }',
      'nodes[0].disks.data',
      'is a partition of the default system disk'
    ],
    [
      '{ system: /dev/sda, data: /dev/sda3 }',
      'nodes[0].disks.data',
      'is a partition of the system disk /dev/sda'
    ],
    [
      '{ system: /dev/nvme0n1p1 }',
      'nodes[0].disks.system',
      'is a partition of the default data disk'
    ],
    [
      '{ system: /dev/sdb1, data: /dev/sdb }',
      'nodes[0].disks.data',
      'is the disk that holds the system disk'
    ],
    [
      '{ system: /dev/disk/by-id/usb-X, data: /dev/disk/by-id/usb-X-part1 }',
      'nodes[0].disks.data',
      'is a partition of the system disk'
    ]
  ])('refuses %s', (disks, path, message) => {
    expect(problems(withDisks(disks))).toEqual([
      expect.objectContaining({ path, line: 10, message: expect.stringContaining(message) })
    ])
  })

  it.each([
    '{ system: /dev/sda, data: /dev/sdb }',
    '{ system: /dev/sda, data: /dev/sda1x }',
    '{ system: /dev/mmcblk0, data: /dev/mmcblk1 }',
    '{ system: /dev/nvme0n1, data: null }'
  ])('accepts %s', (disks) => {
    expect(() => parseInventory(withDisks(disks), 'cluster.yaml')).not.toThrow()
  })
})

describe('size', () => {
  it('refuses a 50 MB file from its size alone, without reading it', async () => {
    const path = tempFile('cluster.yaml', '')
    truncateSync(path, 50 * 1024 * 1024) // sparse: instant, and its NUL bytes are never parsed
    expect(await fileProblems(path)).toEqual([
      {
        path: '',
        file: path,
        message: expect.stringMatching(
          /^is 50\.0 MiB; an inventory may be at most 1\.0 MiB .*not read/
        )
      }
    ])
  })

  it('stops reading a device that reports no size one byte past the limit', async () => {
    // Without the cap this read would never end.
    expect(await fileProblems('/dev/zero')).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/^is over 1\.0 MiB/) })
    ])
  })

  it('applies the same cap to text handed to parseInventory', () => {
    const text = `# ${'x'.repeat(1024 * 1024)}\n${MINIMAL}`
    expect(problems(text)).toEqual([
      expect.objectContaining({ path: '', message: expect.stringMatching(/^is 1\.0 MiB/) })
    ])
  })

  it('accepts a file just under the cap (a long comment)', async () => {
    const path = tempFile('cluster.yaml', `# ${'x'.repeat(1024 * 1024 - 2000)}\n${MINIMAL}`)
    await expect(loadInventory(path)).resolves.toBeDefined()
  })
})

describe('encoding', () => {
  const latin1 = (text: string): Buffer => Buffer.from(text, 'latin1')

  it('names a Latin-1 byte as an encoding problem, located, instead of a garbled hostname', async () => {
    const path = tempFile('cluster.yaml', latin1(MINIMAL.replace('turing-w1', 'sec-w\u00e91')))
    expect(await fileProblems(path)).toEqual([
      {
        path: 'nodes[0].hostname',
        file: path,
        line: 7,
        column: 20,
        message: expect.stringContaining('the file is not valid UTF-8: byte 0xE9 here')
      }
    ])
  })

  it('reports every bad byte at once, with the other problems of the file', async () => {
    const text = MINIMAL.replace('# The smallest', '# Caf\u00e9: the smallest')
      .replace('turing-w1', 'sec-w\u00e91')
      .replace('ip: 10.10.88.73', 'ip: 10.10.88.973')
    const path = tempFile('cluster.yaml', latin1(text))
    const found = await fileProblems(path)
    expect(found.map((p) => [p.line, p.path])).toEqual([
      [1, ''],
      [7, 'nodes[0].hostname'],
      [13, 'nodes[1].ip']
    ])
    expect(found[0]!.message).toContain('not valid UTF-8: byte 0xE9')
  })

  it('counts bad bytes past the first ten instead of listing them all', async () => {
    const path = tempFile('cluster.yaml', latin1(`# ${'\u00e9 '.repeat(25)}\n${MINIMAL}`))
    const found = await fileProblems(path)
    expect(found).toHaveLength(1) // all on one comment line: one entry
    expect(found[0]!.message).toContain('(24 more invalid bytes in the file)')
  })

  it('says so when the file is UTF-16', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(MINIMAL, 'utf16le')])
    expect(await fileProblems(tempFile('cluster.yaml', utf16))).toEqual([
      expect.objectContaining({ line: 1, message: expect.stringContaining('encoded as UTF-16') })
    ])
  })

  it('accepts real UTF-8, with or without a byte-order mark', async () => {
    const text = MINIMAL.replace('# The smallest', '# Café ✓ 🚀: the smallest')
    await expect(loadInventory(tempFile('a.yaml', text))).resolves.toBeDefined()
    await expect(loadInventory(tempFile('b.yaml', `\ufeff${text}`))).resolves.toBeDefined()
  })
})

describe('unclosed brackets', () => {
  it('points at the `[` on its own line, not at the next key', () => {
    const text = MINIMAL.replace('dns: [10.10.88.1]', 'dns: [10.10.88.1')
    expect(problems(text)).toEqual([
      {
        path: 'network.dns',
        file: 'cluster.yaml',
        line: 18,
        column: 8,
        message: 'YAML syntax error: this `[` is never closed; add the matching `]`'
      }
    ])
  })

  it('points at an unclosed `{` too, and keeps problems before it', () => {
    const text = MINIMAL.replace(
      '  host: 10.10.88.70\n',
      '  host: 10.10.88.70\n  host: x\n'
    ).replace('disks: { data: null }', 'disks: { data: null')
    expect(problems(text).map((p) => [p.line, p.path, p.message.slice(0, 30)])).toEqual([
      [5, 'bmc.host', 'duplicate key "host": each key'],
      [11, 'nodes[0].disks', 'YAML syntax error: this `{` is']
    ])
  })
})

describe('nesting', () => {
  const noOverflow = (found: readonly InputProblem[]): void => {
    expect(found).toHaveLength(1)
    expect(found[0]!.message).toContain('nested more than 32 levels deep here')
    expect(found[0]!.message).not.toContain('call stack')
    expect(found[0]!.path).toBe('')
  }

  it('refuses 100 000 levels of flow nesting at the level past the cap', () => {
    const found = problems(`${MINIMAL}x: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`)
    noOverflow(found)
    // `x` is a key of the top mapping (level 1); the 32nd `[` is level 33.
    expect(found[0]).toMatchObject({ line: 21, column: 3 + 32 })
  })

  it('refuses deep block nesting (compact `- - -` and indentation)', () => {
    noOverflow(problems(`${MINIMAL}x:\n  ${'- '.repeat(100_000)}a\n`))
    const indented = Array.from({ length: 40 }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n')
    const found = problems(`${MINIMAL}${indented} end\n`)
    noOverflow(found)
    expect(found[0]).toMatchObject({ line: 21 + 32 })
  })

  it('does not count sequences at their key’s indentation twice', () => {
    // 20 levels of `key:` then `- item` at the same column: 40 collections, deeper than the cap
    // only if counted wrong; the schema reports the unknown key instead.
    const lines: string[] = []
    for (let i = 0; i < 15; i++) lines.push(`${'  '.repeat(i)}k${i}:`, `${'  '.repeat(i)}- `)
    const found = problems(`${MINIMAL}${lines.join('\n')}x\n`.replace(/- \nx\n$/, '- x\n'))
    expect(found.map((p) => p.message).join('\n')).not.toContain('nested')
  })
})

describe('entries', () => {
  it('refuses 20 000 keys before composing them (the composer would take quadratic time)', () => {
    const keys = Array.from({ length: 20_000 }, (_, i) => `k${i}: 1`).join('\n')
    const found = problems(`${MINIMAL}${keys}\n`)
    expect(found).toEqual([
      expect.objectContaining({
        path: '',
        message: expect.stringContaining('holds more than 2000 keys and list entries by here')
      })
    ])
    // MINIMAL counts 24 entries, so the 2001st is key k1976, on line 21 + 1976.
    expect(found[0]).toMatchObject({ line: 21 + 1976, column: 6 })
  })

  it('accepts the reference example, far below the cap', async () => {
    await expect(
      loadInventory(join(import.meta.dirname, '../../examples/cluster.yaml'))
    ).resolves.toBeDefined()
  })
})

describe('boot patterns that backtrack', () => {
  const pattern = (p: string): string =>
    `${MINIMAL}distros:\n  k3s:\n    bootPattern: '${p.replace(/'/g, "''")}'\n`

  it.each([
    ['^(a+)+$', 'repeats a group that itself repeats'],
    ['(x+x+)+y', 'repeats a group that itself repeats'],
    ['(a|a)*$', 'repeats alternatives that can match the same text'],
    ['(\\w|\\d)+!', 'repeats alternatives that can match the same text'],
    ['(a|)+b', 'repeats alternatives that can match the same text'],
    ['(.)\\1+', 'is a back-reference'],
    ['[\\s\\S]*[\\s\\S]*login', 'repeat the same characters back to back'],
    ['(?:a{1,100}){1,100}', 'repeats a group that itself repeats']
  ])('refuses %s', (p, message) => {
    expect(problems(pattern(p))).toContainEqual(
      expect.objectContaining({
        path: 'distros.k3s.bootPattern',
        line: 23,
        message: expect.stringContaining(message)
      })
    )
    // Nothing else in the file is wrong: every problem is about the pattern.
    expect(new Set(problems(pattern(p)).map((x) => x.path))).toEqual(
      new Set(['distros.k3s.bootPattern'])
    )
  })

  it('locates the culprit inside the pattern', () => {
    expect(problems(pattern('^(a+)+$'))[0]!.message).toBe(
      '`(a+)+` at character 2 repeats a group that itself repeats (`a+` at character 3), which ' +
        'can backtrack catastrophically; repeat only one of them'
    )
  })

  it.each([
    'login:(\\s*$|\\s+\\S+ \\(automatic login\\))',
    'machine is running and ready|this machine is reachable at:',
    '(\\d{1,3}\\.){3}\\d{1,3}',
    '(foo|bar)+ done',
    '\\s+\\S+ login:',
    'rk1 login:',
    '[^\\n]*ready$'
  ])('accepts %s', (p) => {
    expect(() => parseInventory(pattern(p), 'cluster.yaml')).not.toThrow()
  })

  it('refuses a pattern longer than 500 characters', () => {
    expect(problems(pattern('a'.repeat(501)))[0]!.message).toContain(
      'is 501 characters long; a boot pattern may have at most 500'
    )
  })
})

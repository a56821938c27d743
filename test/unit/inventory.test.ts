import { describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { homedir, tmpdir } from 'node:os'
import { join } from 'node:path'
import { InputError } from '../../src/common/errors'
import {
  compileBootPattern,
  DEFAULT_BOOT_PATTERNS,
  DEFAULT_VERSIONS,
  loadInventory,
  parseInventory
} from '../../src/inventory'
import type { Inventory } from '../../src/inventory'

const ROOT = join(import.meta.dirname, '../..')
const EXAMPLE = join(ROOT, 'examples/cluster.yaml')
const FIXTURES = join(ROOT, 'test/fixtures/inventories')

const MINIMAL = readFileSync(join(FIXTURES, 'minimal.yaml'), 'utf8')

/** Parses and returns the InputError, failing the test if there is none. */
function rejection(text: string, file = 'cluster.yaml'): InputError {
  try {
    parseInventory(text, file)
  } catch (e) {
    if (e instanceof InputError) return e
    throw e
  }
  throw new Error('expected an InputError')
}

/** MINIMAL with `extra` appended at top level. */
function withSection(extra: string): string {
  return `${MINIMAL}${extra}`
}

describe('parseInventory: the reference example', () => {
  it('loads examples/cluster.yaml into the reference cluster of lifecycle.md §1', async () => {
    const { inventory, warnings } = await loadInventory(EXAMPLE)
    const node = (slot: 1 | 2 | 3 | 4, hostname: string, role: 'control-plane' | 'worker') => ({
      slot,
      hostname,
      ip: `10.10.88.${72 + slot}`,
      role,
      disks: { system: '/dev/mmcblk0', data: '/dev/nvme0n1' },
      ports: { ssh: 22, talosApi: 50000, kubernetes: 6443 }
    })
    const expected: Inventory = {
      name: 'turing-cluster',
      distro: 'talos',
      bmc: { host: '10.10.88.70', port: 443, tls: { mode: 'insecure' } },
      nodes: [
        node(1, 'turing-cp1', 'control-plane'),
        node(2, 'turing-w1', 'worker'),
        node(3, 'turing-w2', 'worker'),
        node(4, 'turing-w3', 'worker')
      ],
      network: {
        cidr: '10.10.88.0/24',
        gateway: '10.10.88.1',
        dns: ['10.10.88.1'],
        interface: 'end0',
        metallbPool: '10.10.88.80-10.10.88.89',
        ingressIp: '10.10.88.80'
      },
      distros: {
        talos: {
          bootPattern: DEFAULT_BOOT_PATTERNS.talos,
          factory: 'https://factory.talos.dev',
          extensions: ['siderolabs/iscsi-tools', 'siderolabs/util-linux-tools'],
          rknn: false
        },
        k3s: { bootPattern: DEFAULT_BOOT_PATTERNS.k3s }
      },
      versions: DEFAULT_VERSIONS,
      benchmark: { models: {} }
    }
    expect(inventory).toEqual(expected)
    // The example keeps the factory trust mode, so it carries exactly the pinning advice.
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatchObject({ path: 'bmc.tls', file: EXAMPLE, line: 22, column: 5 })
    expect(warnings[0]!.message).toContain('openssl s_client -connect 10.10.88.70:443')
  })

  it('starts with the yaml-language-server schema comment', () => {
    const first = readFileSync(EXAMPLE, 'utf8').split('\n')[0]
    expect(first).toBe('# yaml-language-server: $schema=../schema/cluster.schema.json')
  })
})

describe('parseInventory: defaults', () => {
  const { inventory } = parseInventory(MINIMAL, join(FIXTURES, 'minimal.yaml'))

  it('fills every non-address field', () => {
    expect(inventory.distro).toBe('talos')
    expect(inventory.bmc).toEqual({ host: '10.10.88.70', port: 443, tls: { mode: 'insecure' } })
    expect(inventory.network.interface).toBe('end0')
    expect(inventory.versions).toEqual(DEFAULT_VERSIONS)
    expect(inventory.distros).toEqual({
      talos: {
        bootPattern: DEFAULT_BOOT_PATTERNS.talos,
        factory: 'https://factory.talos.dev',
        extensions: ['siderolabs/iscsi-tools', 'siderolabs/util-linux-tools'],
        rknn: false
      },
      k3s: { bootPattern: DEFAULT_BOOT_PATTERNS.k3s }
    })
  })

  it('sorts nodes by slot and defaults disks and ports; data: null means no data disk', () => {
    expect(inventory.nodes.map((n) => n.slot)).toEqual([1, 2])
    expect(inventory.nodes[0]!.disks).toEqual({ system: '/dev/mmcblk0', data: '/dev/nvme0n1' })
    expect(inventory.nodes[1]!.disks).toEqual({ system: '/dev/mmcblk0', data: null })
    expect(inventory.nodes[1]!.ports).toEqual({ ssh: 22, talosApi: 50000, kubernetes: 6443 })
  })

  it('merges partial overrides with the defaults', () => {
    const { inventory: custom } = parseInventory(
      withSection(
        'versions:\n  talos: v1.13.5\n  charts:\n    longhorn: 1.11.0\n' +
          'distros:\n  k3s:\n    bootPattern: "rk1 login:"\n'
      ),
      'cluster.yaml'
    )
    expect(custom.versions).toEqual({
      ...DEFAULT_VERSIONS,
      talos: 'v1.13.5',
      charts: { ...DEFAULT_VERSIONS.charts, longhorn: '1.11.0' }
    })
    expect(custom.distros.k3s.bootPattern).toBe('rk1 login:')
    expect(custom.distros.talos.bootPattern).toBe(DEFAULT_BOOT_PATTERNS.talos)
  })

  it('keeps overridden node ports (the lab) and the rest at their defaults', () => {
    const text = MINIMAL.replace('    disks: { data: null }\n', '    ports: { ssh: 2222 }\n')
    const { inventory: lab } = parseInventory(text, 'lab.yaml')
    expect(lab.nodes[1]!.ports).toEqual({ ssh: 2222, talosApi: 50000, kubernetes: 6443 })
  })
})

describe('parseInventory: normalisation', () => {
  const colons = Array.from({ length: 32 }, (_, i) =>
    (i * 7).toString(16).padStart(2, '0').toUpperCase()
  ).join(':')

  it('infers mode fingerprint and normalises the fingerprint to lowercase hex', () => {
    const text = MINIMAL.replace(
      '  host: 10.10.88.70\n',
      `  host: 10.10.88.70\n  tls:\n    fingerprint: '${colons}'\n`
    )
    const { inventory, warnings } = parseInventory(text, 'cluster.yaml')
    expect(inventory.bmc.tls).toEqual({
      mode: 'fingerprint',
      fingerprint: colons.replace(/:/g, '').toLowerCase()
    })
    expect(warnings).toEqual([]) // nothing left to advise
  })

  it('resolves caFile and local image paths against the inventory folder', () => {
    const text = withSection(
      'distros:\n  talos:\n    image:\n      source: images/metal-arm64.raw.xz\n' +
        `      sha256: ${'AB'.repeat(32)}\n  k3s:\n    image:\n      source: https://dl.example.org/a.img.xz\n`
    ).replace(
      '  host: 10.10.88.70\n',
      '  host: bmc.lan\n  tls:\n    mode: verify\n    caFile: ca/bmc.pem\n'
    )
    const { inventory } = parseInventory(text, '/srv/cluster/cluster.yaml')
    expect(inventory.bmc).toEqual({
      host: 'bmc.lan',
      port: 443,
      tls: { mode: 'verify', caFile: '/srv/cluster/ca/bmc.pem' }
    })
    expect(inventory.distros.talos.image).toEqual({
      source: '/srv/cluster/images/metal-arm64.raw.xz',
      kind: 'file',
      sha256: 'ab'.repeat(32)
    })
    expect(inventory.distros.k3s.image).toEqual({
      source: 'https://dl.example.org/a.img.xz',
      kind: 'url'
    })
  })

  it('expands ~/ to the home folder', () => {
    const text = withSection(
      'distros:\n  talos:\n    image:\n      source: ~/images/metal-arm64.raw\n'
    )
    const image = parseInventory(text, '/srv/cluster.yaml').inventory.distros.talos.image
    expect(image?.source).toBe(join(homedir(), 'images/metal-arm64.raw'))
  })

  it('allows plain http only for loopback image sources (the lab)', () => {
    const text = withSection(
      'distros:\n  k3s:\n    image:\n      source: http://127.0.0.1:8080/armbian.img\n'
    )
    expect(parseInventory(text, 'lab.yaml').inventory.distros.k3s.image?.kind).toBe('url')
  })
})

describe('parseInventory: problems', () => {
  it('reports several problems in one InputError, in file order, with file:line:column', () => {
    const path = join(FIXTURES, 'many-problems.yaml')
    const error = rejection(readFileSync(path, 'utf8'), path)
    expect(error.problems.map((p) => p.path)).toEqual([
      'bmc.password',
      'nodes',
      'nodes[1].slot',
      'nodes[1].ip',
      'network.ingressIp',
      'distros.talos.bootPattern',
      'versions.talos'
    ])
    expect(error.message).toBe(`The cluster inventory ${path} has 7 problems.`)
    const text = error.describe()
    expect(text).toContain(
      `${path}:20:9 nodes[1].ip: 10.10.99.74 is outside network.cidr 10.10.88.0/24`
    )
    expect(text).toContain('nothing was changed')
    expect(error.step).toBe('input')
  })

  it('never repeats a credential value in a message', () => {
    const text = MINIMAL.replace(
      '  host: 10.10.88.70\n',
      '  host: root:S3cretMarker@10.10.88.70\n  password: S3cretMarker\n'
    )
    const error = rejection(text)
    expect(error.problems.map((p) => p.path)).toEqual(['bmc.host', 'bmc.password'])
    expect(error.describe()).not.toContain('S3cretMarker')
    expect(error.problems[1]!.message).toContain('RK1_BMC_PASSWORD')
  })

  it('turns YAML syntax errors into problems with a position', () => {
    const error = rejection('name: turing-cluster\nbmc: {}\nnodes: [1]]\n')
    expect(error.problems).toHaveLength(1)
    expect(error.problems[0]).toMatchObject({ line: 3, column: 11, file: 'cluster.yaml' })
    expect(error.problems[0]!.message).toMatch(/^YAML syntax error: /)
  })

  it('points at an unclosed `[` itself, not at the key after it', () => {
    const error = rejection('name: turing-cluster\nnodes: [1, 2\nbmc: {}\n')
    expect(error.problems).toEqual([
      {
        path: 'nodes',
        message: 'YAML syntax error: this `[` is never closed; add the matching `]`',
        line: 2,
        column: 8,
        file: 'cluster.yaml'
      }
    ])
  })

  it('reports tabs used for indentation', () => {
    const error = rejection('name: a\nbmc:\n\thost: x\n')
    expect(error.problems[0]).toMatchObject({
      line: 3,
      message: 'YAML syntax error: Tabs are not allowed as indentation'
    })
  })

  it('reports duplicate keys and still checks the rest of the file', () => {
    const text = MINIMAL.replace(
      '  host: 10.10.88.70\n',
      '  host: 10.10.88.70\n  host: 10.10.88.71\n'
    ).replace('role: worker', 'role: worker\n    rolee: worker')
    const error = rejection(text)
    expect(error.problems).toEqual([
      {
        path: 'bmc.host',
        message: 'duplicate key "host": each key may appear only once in a mapping',
        line: 5,
        column: 3,
        file: 'cluster.yaml'
      },
      expect.objectContaining({ path: 'nodes[0].rolee', line: 11, column: 5 })
    ])
  })

  it('rejects more than one YAML document', () => {
    const error = rejection(`${MINIMAL}---\nname: other\n`)
    expect(error.problems).toEqual([
      expect.objectContaining({
        path: '',
        line: 21,
        message: expect.stringContaining('one YAML document')
      })
    ])
  })

  it.each([
    ['', 'the file is empty'],
    ['# only a comment\n', 'the file is empty'],
    ['- slot: 1\n', 'must be a mapping with name, bmc, nodes and network (got a list)'],
    ['just text\n', 'must be a mapping with name, bmc, nodes and network (got a scalar)']
  ])('rejects a document that is not an inventory: %j', (text, message) => {
    const error = rejection(text)
    expect(error.problems).toHaveLength(1)
    expect(error.problems[0]!.message).toContain(message)
  })

  it('stops alias bombs instead of expanding them', () => {
    const bomb =
      'a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n' +
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n'
    expect(rejection(bomb).problems[0]!.message).toContain('resource exhaustion')
  })
})

describe('loadInventory', () => {
  it('explains a missing file', async () => {
    const missing = join(tmpdir(), 'rk1-no-such-dir', 'cluster.yaml')
    const error = await loadInventory(missing).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(InputError)
    const problem = (error as InputError).problems[0]!
    expect(problem.file).toBe(missing)
    expect(problem.message).toContain('no such file')
    expect(problem.message).toContain('examples/cluster.yaml')
  })

  it('explains a directory given instead of the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rk1-inventory-'))
    const error = (await loadInventory(dir).catch((e: unknown) => e)) as InputError
    expect(error.problems[0]!.message).toContain('is a directory')
  })

  it('reads a file and names it in problems', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rk1-inventory-'))
    const file = join(dir, 'cluster.yaml')
    writeFileSync(file, MINIMAL.replace('ip: 10.10.88.74', 'ip: 10.10.88.999'))
    const error = (await loadInventory(file).catch((e: unknown) => e)) as InputError
    expect(error.problems).toEqual([
      expect.objectContaining({ file, path: 'nodes[0].ip', line: 8, column: 9 })
    ])
  })
})

describe('default boot patterns', () => {
  it.each([
    ['talos', '[talos] this machine is reachable at:\n', true],
    ['talos', '[talos] task startAllServices: machine is running and ready\n', true],
    ['talos', '[talos] phase install (1/5): started\n', false],
    ['k3s', 'Armbian 26.5 trixie ttyS9\n\nturing-w1 login: \n', true],
    ['k3s', 'turing-rk1 login: root (automatic login)\n', true],
    ['k3s', 'Last login: Mon Aug 3 10:00:00 2026\nroot@turing-w1:~# ', false]
  ] as const)('%s matches %j: %s', (distro, console, matches) => {
    expect(compileBootPattern(DEFAULT_BOOT_PATTERNS[distro]).test(console)).toBe(matches)
  })
})

describe('parseInventory: the Talos Image Factory settings', () => {
  it('defaults the factory, the Longhorn extensions and no rknn', () => {
    const { inventory } = parseInventory(MINIMAL, 'cluster.yaml')
    expect(inventory.distros.talos).toMatchObject({
      factory: 'https://factory.talos.dev',
      extensions: ['siderolabs/iscsi-tools', 'siderolabs/util-linux-tools'],
      rknn: false
    })
    expect(inventory.distros.talos.schematicId).toBeUndefined()
  })

  it('reads factory, extensions, rknn and schematicId', () => {
    const id = 'AB'.repeat(32)
    const { inventory } = parseInventory(
      withSection(
        `distros:\n  talos:\n    factory: https://factory.example.org/\n    extensions: [siderolabs/iscsi-tools]\n    rknn: true\n    schematicId: ${id}\n`
      ),
      'cluster.yaml'
    )
    expect(inventory.distros.talos).toMatchObject({
      factory: 'https://factory.example.org',
      extensions: ['siderolabs/iscsi-tools'],
      rknn: true,
      schematicId: id.toLowerCase()
    })
  })

  it('rejects a bad schematic ID, extension name and plain-http factory at once', () => {
    const error = rejection(
      withSection(
        'distros:\n  talos:\n    factory: http://factory.example.org\n    extensions: [iscsi-tools]\n    schematicId: abc\n'
      )
    )
    const paths = error.problems.map((p) => p.path)
    expect(paths).toEqual(
      expect.arrayContaining([
        'distros.talos.extensions[0]',
        'distros.talos.schematicId',
        'distros.talos.factory'
      ])
    )
  })
})

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'yaml'
import { parseArgs, parseDuration } from '../../src/lab/talos/talosctl/args'
import { main } from '../../src/lab/talos/talosctl/main'
import { table } from '../../src/lab/talos/talosctl/table'
import { applyPatches } from '../../src/lab/talos/patch'
import { configFacts } from '../../src/lab/talos/machine-config'

let dir: string
async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  const code = await main(args, {
    out: (t) => (out += t),
    err: (t) => (err += t),
    env: { HOME: dir, RK1_LAB_TALOS_PORT: '1' },
    cwd: dir
  })
  return { code, out, err }
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lab-talos-cli-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('lab talosctl argument handling', () => {
  it('parses pflag-style flags', () => {
    const p = parseArgs(
      ['x', '-n', '1,2', '--with-docs=false', '-p', '@a', '-p', '@b'],
      [
        { name: 'with-docs', type: 'bool', default: true },
        { name: 'config-patch', short: 'p', type: 'repeat' }
      ]
    )
    expect(p.args).toEqual(['x'])
    expect(p.flags).toMatchObject({
      nodes: ['1', '2'],
      'with-docs': false,
      'config-patch': ['@a', '@b']
    })
    expect(() => parseArgs(['--nope'], [])).toThrow("unknown flag: '--nope'")
    expect(parseDuration('1h30m')).toBe(5_400_000)
    expect(parseDuration('20m0s')).toBe(1_200_000)
  })

  it('validates the cluster endpoint like gen config', async () => {
    expect((await run(['gen', 'config', 'c', '10.0.0.1'])).err).toBe(
      'no scheme and port specified for the cluster endpoint URL\ntry: "https://10.0.0.1:6443"\n'
    )
    expect((await run(['gen', 'config', 'c', 'http://10.0.0.1:6443'])).err).toContain(
      'the control plane endpoint URL should have scheme https://'
    )
    expect((await run(['gen', 'config', 'c', 'https://10.0.0.1'])).err).toContain(
      'no port specified for the cluster endpoint URL'
    )
    const one = await run(['gen', 'config', 'c'])
    expect(one.code).toBe(1)
    expect(one.err).toMatch(/^accepts 2 arg\(s\), received 1\nUsage:/)
  })

  it('generates configs that share the secrets bundle and applies patches', async () => {
    expect((await run(['gen', 'secrets', '-o', 's.yaml'])).code).toBe(0)
    writeFileSync(
      join(dir, 'w.yaml'),
      'machine:\n  kubelet:\n    extraMounts:\n      - destination: /var/mnt/longhorn\n'
    )
    const r = await run([
      'gen',
      'config',
      'c',
      'https://127.0.1.1:6443',
      '--with-secrets',
      's.yaml',
      '-t',
      'worker',
      '-o',
      '-',
      '--config-patch-worker',
      '@w.yaml'
    ])
    expect(r.code).toBe(0)
    const facts = configFacts(r.out)
    expect(facts.type).toBe('worker')
    expect(facts.osCa.key).toBe('')
    const secrets = parse(readFileSync(join(dir, 's.yaml'), 'utf8'))
    expect(facts.clusterId).toBe(secrets.cluster.id)
    expect(r.out).toContain('destination: /var/mnt/longhorn')
    expect(r.err).toBe('')
  })

  it('merges multi-document patches and JSON6902 lists', () => {
    const base =
      'version: v1alpha1\nmachine:\n  type: worker\n  certSANs: [a]\n  network:\n    hostname: old\n'
    const out = applyPatches(base, [
      'machine:\n  certSANs: [b]\n  network:\n    $patch: delete\n---\napiVersion: v1alpha1\nkind: HostnameConfig\nhostname: w1\n',
      '[{"op": "add", "path": "/machine/install", "value": {"disk": "/dev/mmcblk0"}}]'
    ])
    const docs = out.split('---\n').map((d) => parse(d))
    expect(docs[0].machine).toEqual({
      type: 'worker',
      certSANs: ['a', 'b'],
      install: { disk: '/dev/mmcblk0' }
    })
    expect(docs[1]).toEqual({ apiVersion: 'v1alpha1', kind: 'HostnameConfig', hostname: 'w1' })
  })

  it('refuses secure calls without endpoints and insecure calls without nodes', async () => {
    expect((await run(['version'])).err).toBe('failed to determine endpoints\n')
    expect((await run(['get', 'disks', '--insecure'])).err).toContain(
      'nodes are not set for the command'
    )
    expect((await run(['version', '--client', '--short'])).out).toBe('Client:\nTalos v1.13.9\n')
  })

  it('aligns tables like Go tabwriter', () => {
    expect(table(['NODE', 'ID'], [['127.0.1.1', 'machine']])).toBe(
      'NODE        ID\n127.0.1.1   machine\n'
    )
  })
})

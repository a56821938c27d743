// Issue 10 §5: the talosconfig provision writes names its endpoints (the control planes) and a
// default node, so `talosctl --talosconfig <file> version` works without -e / -n. Run with the
// lab talosctl (the built dist/lab-talosctl.mjs), which writes the file as real talosctl does.
import { describe, expect, it } from '@jest/globals'
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'yaml'
import { controlPlanes, endpointNode, generateConfigs } from '../../src/distro/talos/config'
import { Talosctl } from '../../src/distro/talos/talosctl'
import { loadInventory } from '../../src/inventory'
import { repoRoot } from '../helpers/action-runner'

describe('generated talosconfig', () => {
  it('has the control planes as endpoints and the first as its node', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rk1-talosconfig-'))
    const binary = join(dir, 'talosctl')
    const entry = join(repoRoot, 'dist', 'lab-talosctl.mjs')
    writeFileSync(binary, `#!/bin/sh\nexec "${process.execPath}" "${entry}" "$@"\n`)
    chmodSync(binary, 0o755)
    const talosctl = new Talosctl({ binary, env: process.env, cwd: dir })
    const secretsPath = join(dir, 'secrets.yaml')
    expect((await talosctl.run(['gen', 'secrets', '-o', secretsPath])).code).toBe(0)
    const { inventory } = await loadInventory(join(repoRoot, 'examples', 'cluster.yaml'))
    const configs = await generateConfigs({ talosctl, inventory, nodes: [], secretsPath, dir })
    const file = parse(readFileSync(configs.talosconfig, 'utf8')) as {
      context: string
      contexts: Record<string, { endpoints?: string[]; nodes?: string[] }>
    }
    const ctx = file.contexts[file.context]
    expect(ctx?.endpoints).toEqual(controlPlanes(inventory).map((n) => n.ip))
    expect(ctx?.endpoints?.length).toBeGreaterThan(0)
    expect(ctx?.nodes).toEqual([endpointNode(inventory).ip])
  })
})

import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { parseImageMarker } from '../../src/lab/bmc/emulator'
import { buildArmbianImage, type ArmbianImage } from '../../src/lab/images/armbian-image'
import { ArmbianNode, SandboxUnavailableError } from '../../src/lab/nodes/armbian'
import type { LabKubeHub } from '../../src/lab/hub'

const run = promisify(execFile)
let dir: string
let image: ArmbianImage

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lab-armbian-image-'))
  image = await buildArmbianImage(join(dir, 'img'), { version: '25.8.2' })
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

const debugfsCat = async (path: string): Promise<string> =>
  (await run('debugfs', ['-R', `cat ${path}`, `${image.raw}?offset=${32768 * 512}`])).stdout

describe('lab Armbian image', () => {
  it('has a GPT with one rootfs partition at sector 32768', async () => {
    const { stdout } = await run('sfdisk', ['--json', image.raw])
    const parts = (
      JSON.parse(stdout) as {
        partitiontable: { label: string; partitions: { start: number; name: string }[] }
      }
    ).partitiontable
    expect(parts.label).toBe('gpt')
    expect(parts.partitions).toHaveLength(1)
    expect(parts.partitions[0]).toMatchObject({ start: 32768, name: 'rootfs' })
  })

  it('holds an ext4 labelled armbi_root with the files the product reads', async () => {
    const { stdout } = await run('dumpe2fs', ['-h', `${image.raw}?offset=${32768 * 512}`])
    expect(stdout).toMatch(/Filesystem volume name:\s+armbi_root/)
    expect(await debugfsCat('/etc/hostname')).toBe('turing-rk1\n')
    expect(await debugfsCat('/etc/armbian-release')).toMatch(
      /BOARD=turing-rk1[\s\S]*VERSION=25\.8\.2[\s\S]*BRANCH=vendor/
    )
    expect(await debugfsCat('/etc/ssh/sshd_config')).toMatch(/^PermitRootLogin yes$/m)
    expect(await debugfsCat('/etc/shadow')).toMatch(/^root:\$6\$/)
    expect(await debugfsCat('/etc/netplan/10-dhcp-all-interfaces.yaml')).toMatch(/dhcp4: yes/)
    expect(await debugfsCat('/root/.not_logged_in_yet')).toBe('')
    expect(await debugfsCat('/boot/armbianEnv.txt')).toMatch(/rootdev=UUID=/)
    expect(await debugfsCat('/etc/rk1lab-image')).toMatch(/RK1LAB-IMAGE distro=armbian/)
  })

  it('carries the lab marker in its first 64 KiB', async () => {
    const head = (await readFile(image.raw)).subarray(0, 65536)
    expect(parseImageMarker(head)).toMatchObject({ distro: 'armbian', version: '25.8.2' })
  })

  it('writes .xz and Armbian-style .sha files that match', async () => {
    for (const [file, sha] of [
      [image.raw, image.rawSha256],
      [image.xz, image.xzSha256]
    ] as const) {
      expect(await readFile(`${file}.sha`, 'utf8')).toBe(`${sha}  ${basename(file)}\n`)
    }
    const { stdout } = await run('sh', ['-c', `xz -dc '${image.xz}' | sha256sum`])
    expect(stdout.split(' ')[0]).toBe(image.rawSha256)
  })
})

describe('lab Armbian node without namespaces', () => {
  const hub = {} as LabKubeHub
  it('refuses to start with a clear error', () => {
    let error: unknown
    try {
      new ArmbianNode({
        slot: 1,
        ip: '127.0.1.1',
        sshPort: 2222,
        dir: join(dir, 'n'),
        hub,
        faults: { namespacesUnavailable: true }
      })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(SandboxUnavailableError)
    expect((error as SandboxUnavailableError).describe()).toMatch(
      /refuses to start[\s\S]*namespaces/
    )
  })

  it('only binds loopback addresses', () => {
    expect(
      () => new ArmbianNode({ slot: 1, ip: '10.0.0.5', sshPort: 2222, dir: join(dir, 'm'), hub })
    ).toThrow(/not a loopback address/)
  })
})

/**
 * Per-node copies of the Armbian image, personalised without root and without mounting: the
 * rootfs partition is located from the GPT and edited in place with e2fsprogs `debugfs -w` at its
 * byte offset (`image?offset=N`), so every new inode gets uid/gid 0 and its exact mode (sshd's
 * StrictModes rejects a key file owned by anyone else).
 */
import { execFile, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { constants, createWriteStream } from 'node:fs'
import { copyFile, mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { Rk1Error } from '../../common/errors'
import type { Inventory, InventoryNode } from '../../inventory'
import { findRootfsPartition } from './gpt'
import { renderHostname, renderHosts, renderPreset, renderStaticNetplan } from './image-files'

export class PersonaliseError extends Rk1Error {}

export interface ImageFile {
  /** Absolute path in the image, e.g. `/root/.ssh/authorized_keys`. */
  path: string
  content: string
  mode: number
}

export interface PersonaliseOptions {
  inventory: Inventory
  node: InventoryNode
  /** OpenSSH public key line(s) for root. */
  authorizedKeys: string
  /** Write a static netplan for the node's inventory address (default: keep DHCP). */
  staticNetwork?: boolean
}

function run(cmd: string, args: string[], input?: string): Promise<{ out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = execFile(cmd, args, { maxBuffer: 16 << 20 }, (error, out, err) =>
      error
        ? reject(
            new PersonaliseError(`\`${cmd}\` failed while personalising the image.`, {
              step: 'personalise',
              evidence: String(err || error.message)
                .trim()
                .slice(-2000),
              advice: `Install e2fsprogs (debugfs), openssl and xz on the runner.`
            })
          )
        : resolve({ out: String(out), err: String(err) })
    )
    if (input !== undefined) child.stdin?.end(input)
  })
}

/** SHA-512 crypt of a password given on stdin (never in argv). */
export async function sha512Crypt(password: string): Promise<string> {
  const salt = randomBytes(12).toString('hex').slice(0, 16)
  const { out } = await run('openssl', ['passwd', '-6', '-salt', salt, '-stdin'], `${password}\n`)
  return out.trim()
}

/** A root hash nobody knows: the published default `1234` never reaches a booted node. */
export function replaceRootHash(shadow: string, hash: string): string {
  const lines = shadow.split('\n')
  const i = lines.findIndex((l) => l.startsWith('root:'))
  const day = Math.floor(Date.now() / 86_400_000)
  const fields = (i >= 0 ? (lines[i] as string) : `root::${day}:0:99999:7:::`).split(':')
  fields[1] = hash
  if (i >= 0) lines[i] = fields.join(':')
  else lines.unshift(fields.join(':'))
  return lines.join('\n').replace(/\n*$/, '\n')
}

const PART = (image: string, offset: number): string => `${image}?offset=${offset}`
/** debugfs reports command errors on stderr and still exits 0; these ones are expected. */
const HARMLESS = /^debugfs \d|File not found by ext2_lookup|already exists|^\s*$/

async function debugfs(image: string, offset: number, commands: string[]): Promise<void> {
  const { err } = await run(
    'debugfs',
    ['-w', '-f', '-', PART(image, offset)],
    `${commands.join('\n')}\n`
  )
  const bad = err.split('\n').filter((l) => !HARMLESS.test(l))
  if (bad.length > 0)
    throw new PersonaliseError('debugfs could not write the node files into the image.', {
      step: 'personalise',
      evidence: bad.join('\n').slice(0, 2000)
    })
}

export async function readImageFile(
  image: string,
  offset: number,
  path: string
): Promise<string | undefined> {
  const { out, err } = await run('debugfs', ['-R', `cat ${path}`, PART(image, offset)])
  return /File not found/.test(err) ? undefined : out
}

/** Stat of one file in the image: type, permission bits, owner. */
export async function statImageFile(
  image: string,
  offset: number,
  path: string
): Promise<{ type: string; mode: number; uid: number; gid: number } | undefined> {
  const { out } = await run('debugfs', ['-R', `stat ${path}`, PART(image, offset)])
  const mode = /Mode:\s+(\d+)/.exec(out)?.[1]
  const owner = /User:\s+(\d+)\s+Group:\s+(\d+)/.exec(out)
  const type = /Type:\s+(\w+)/.exec(out)?.[1] ?? 'unknown'
  if (!mode || !owner) return undefined
  return { type, mode: parseInt(mode, 8), uid: Number(owner[1]), gid: Number(owner[2]) }
}

/**
 * Writes files (and their parent directories, root-owned) into the ext4 filesystem at `offset`.
 * Existing files are replaced; modes and owners are set explicitly on every inode.
 */
export async function writeImageFiles(
  image: string,
  offset: number,
  files: ImageFile[],
  dirs: { path: string; mode: number }[],
  scratch: string
): Promise<void> {
  const cmds: string[] = []
  for (const d of dirs)
    cmds.push(`mkdir ${d.path}`, `sif ${d.path} mode 0${(0o40000 | d.mode).toString(8)}`)
  for (const d of dirs) cmds.push(`sif ${d.path} uid 0`, `sif ${d.path} gid 0`)
  let i = 0
  for (const f of files) {
    const local = join(scratch, `f${i++}`)
    await writeFile(local, f.content, { mode: 0o600 })
    cmds.push(
      `rm ${f.path}`,
      `write ${local} ${f.path}`,
      `sif ${f.path} mode 0${(0o100000 | f.mode).toString(8)}`,
      `sif ${f.path} uid 0`,
      `sif ${f.path} gid 0`
    )
  }
  await debugfs(image, offset, cmds)
}

/** `xz -dc src > dest` with the system xz (streams; no image in memory). */
export async function decompressXz(source: string, dest: string): Promise<void> {
  const child = spawn('xz', ['-dc', '--', source], { stdio: ['ignore', 'pipe', 'pipe'] })
  const out = createWriteStream(dest, { mode: 0o600 })
  let err = ''
  child.stderr.on('data', (d: Buffer) => (err += d.toString()))
  // Both must finish: the file may close before or after the process exits.
  const written = new Promise<void>((resolve, reject) => {
    out.on('close', resolve)
    out.on('error', reject)
  })
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject)
    child.on('close', resolve)
  })
  child.stdout.pipe(out)
  const [code] = await Promise.all([exited, written])
  if (code !== 0)
    throw new PersonaliseError(`xz could not decompress ${basename(source)}.`, {
      step: 'personalise',
      evidence: err.trim().slice(-1000),
      advice: 'Check the cached image (delete it to download again) and that xz is installed.'
    })
}

/**
 * A raw base image for the copies: the source itself when raw, or one decompressed temporary copy
 * when it is `.xz`. `cleanup` removes what this created.
 */
export async function rawBase(
  source: string,
  tempDir: string
): Promise<{ path: string; cleanup: () => Promise<void> }> {
  if (!source.endsWith('.xz')) return { path: source, cleanup: async () => undefined }
  await mkdir(tempDir, { recursive: true, mode: 0o700 })
  const dir = await mkdtemp(join(tempDir, 'armbian-base-'))
  const path = join(dir, basename(source).replace(/\.xz$/, ''))
  try {
    await decompressXz(source, path)
  } catch (error) {
    await rm(dir, { recursive: true, force: true })
    throw error
  }
  return { path, cleanup: () => rm(dir, { recursive: true, force: true }) }
}

export interface PersonalisedImage {
  path: string
  fileName: string
  size: number
  cleanup: () => Promise<void>
}

/** The files one node's copy receives (the random secrets are generated here and never returned). */
export async function nodeImageFiles(
  o: PersonaliseOptions,
  shadow: string
): Promise<{ files: ImageFile[]; dirs: { path: string; mode: number }[] }> {
  const secret = (): string => randomBytes(24).toString('hex')
  const files: ImageFile[] = [
    { path: '/root/.ssh/authorized_keys', content: `${o.authorizedKeys.trim()}\n`, mode: 0o600 },
    { path: '/etc/hostname', content: renderHostname(o.node), mode: 0o644 },
    { path: '/etc/hosts', content: renderHosts(o.node, o.inventory), mode: 0o644 },
    {
      path: '/root/.not_logged_in_yet',
      content: renderPreset({ rootPassword: secret(), userName: 'rk1', userPassword: secret() }),
      mode: 0o600
    },
    {
      path: '/etc/shadow',
      content: replaceRootHash(shadow, await sha512Crypt(secret())),
      mode: 0o640
    },
    {
      path: '/etc/ssh/sshd_config.d/10-rk1.conf',
      content:
        '# rk1-actions: key-only root login (the image default allows root passwords)\n' +
        'PermitRootLogin prohibit-password\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n',
      mode: 0o644
    }
  ]
  if (o.staticNetwork) {
    files.push({
      path: '/etc/netplan/10-rk1-static.yaml',
      content: renderStaticNetplan(o.node, o.inventory),
      mode: 0o600
    })
  }
  const dirs = [
    { path: '/root/.ssh', mode: 0o700 },
    { path: '/etc/ssh/sshd_config.d', mode: 0o755 }
  ]
  return { files, dirs }
}

/** Copies the raw base image for one node and writes its files; the copy lives under tempDir. */
export async function personaliseImage(
  base: string,
  tempDir: string,
  o: PersonaliseOptions
): Promise<PersonalisedImage> {
  const rootfs = await findRootfsPartition(base)
  await mkdir(tempDir, { recursive: true, mode: 0o700 })
  const dir = await mkdtemp(join(tempDir, `armbian-slot${o.node.slot}-`))
  const cleanup = (): Promise<void> => rm(dir, { recursive: true, force: true })
  try {
    const fileName = basename(base).replace(/\.img$/, `-${o.node.hostname}.img`)
    const path = join(dir, fileName.endsWith('.img') ? fileName : `${fileName}.img`)
    await copyFile(base, path, constants.COPYFILE_FICLONE)
    const shadow = (await readImageFile(path, rootfs.offsetBytes, '/etc/shadow')) ?? ''
    const { files, dirs } = await nodeImageFiles(o, shadow)
    // Armbian's DHCP-on-every-interface file would add a second address next to the static one.
    if (o.staticNetwork)
      await debugfs(path, rootfs.offsetBytes, ['rm /etc/netplan/10-dhcp-all-interfaces.yaml'])
    const scratch = join(dir, 'files')
    await mkdir(scratch, { mode: 0o700 })
    await writeImageFiles(path, rootfs.offsetBytes, files, dirs, scratch)
    await rm(scratch, { recursive: true, force: true })
    return { path, fileName: basename(path), size: (await stat(path)).size, cleanup }
  } catch (error) {
    await cleanup()
    throw error
  }
}

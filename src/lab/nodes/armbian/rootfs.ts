/**
 * Reading a flashed Armbian image into the node's filesystem (no root, no loop devices: the GPT is
 * parsed here and debugfs dumps the ext4 partition at its offset), and Armbian's first-boot facts:
 * the first-login preset on the autologin console (`../shared/specs/tools.md` §4.2-4.3).
 */
import { execFileSync } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import {
  closeSync,
  cpSync,
  existsSync,
  mkdirSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  chmodSync
} from 'node:fs'
import { join } from 'node:path'
import { NODE_WRITABLE_DIRS } from './sandbox'
import type { NodeFiles } from './tool-context'

export interface RootfsLocation {
  offsetBytes: number
  name: string
}

/** The `rootfs` partition (or the first one) of a GPT disk image; undefined when there is no GPT. */
export function findRootfs(imagePath: string): RootfsLocation | undefined {
  const fd = openSync(imagePath, 'r')
  try {
    const header = Buffer.alloc(92)
    if (readSync(fd, header, 0, 92, 512) < 92) return undefined
    if (header.toString('latin1', 0, 8) !== 'EFI PART') return undefined
    const entriesLba = Number(header.readBigUInt64LE(72))
    const count = Math.min(header.readUInt32LE(80), 128)
    const size = header.readUInt32LE(84)
    const table = Buffer.alloc(count * size)
    readSync(fd, table, 0, table.length, entriesLba * 512)
    let first: RootfsLocation | undefined
    for (let i = 0; i < count; i++) {
      const e = table.subarray(i * size, (i + 1) * size)
      if (e.subarray(0, 16).every((b) => b === 0)) continue
      const name = e.toString('utf16le', 56, 128).replace(/\0.*$/s, '')
      const loc = { offsetBytes: Number(e.readBigUInt64LE(32)) * 512, name }
      if (name === 'rootfs') return loc
      first ??= loc
    }
    return first
  } finally {
    closeSync(fd)
  }
}

/** An identity for what the eMMC holds, so a reboot keeps the node's files and a re-flash does not. */
export function flashIdentity(imagePath: string, head: Buffer, sha256?: string | null): string {
  const st = statSync(imagePath)
  return createHash('sha256')
    .update(`${sha256 ?? ''}:${st.size}:${st.mtimeMs}:`)
    .update(head)
    .digest('hex')
    .slice(0, 32)
}

/** Host files the sandbox userland needs in the node's /etc (an image has its own on real hardware). */
const HOST_ETC = [
  'alternatives',
  'ld.so.cache',
  'ld.so.conf',
  'ld.so.conf.d',
  'nsswitch.conf',
  'bash.bashrc',
  'profile',
  'services',
  'protocols',
  'localtime',
  'shells',
  'environment',
  'inputrc'
]

/** Replaces the node's filesystem with the image's rootfs partition. */
export function extractRootfs(
  imagePath: string,
  loc: RootfsLocation,
  fsDir: string,
  scratch: string
): void {
  rmSync(scratch, { recursive: true, force: true })
  mkdirSync(join(scratch, 'usr'), { recursive: true })
  const commands = NODE_WRITABLE_DIRS.map((d) =>
    d === 'usr/local' ? `rdump /usr/local ${join(scratch, 'usr')}` : `rdump /${d} ${scratch}`
  )
  writeFileSync(join(scratch, '.cmds'), `${commands.join('\n')}\n`)
  execFileSync(
    'debugfs',
    ['-f', join(scratch, '.cmds'), `${imagePath}?offset=${loc.offsetBytes}`],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
      timeout: 60_000
    }
  )
  rmSync(fsDir, { recursive: true, force: true })
  mkdirSync(join(fsDir, 'usr'), { recursive: true })
  for (const d of NODE_WRITABLE_DIRS) {
    const from = join(scratch, d)
    if (existsSync(from)) renameSync(from, join(fsDir, d))
    else mkdirSync(join(fsDir, d), { recursive: true })
  }
  rmSync(scratch, { recursive: true, force: true })
  for (const name of HOST_ETC) {
    const target = join(fsDir, 'etc', name)
    if (existsSync(`/etc/${name}`) && !existsSync(target)) {
      cpSync(`/etc/${name}`, target, { recursive: true, verbatimSymlinks: true })
    }
  }
  for (const d of ['tmp', 'var/tmp']) {
    mkdirSync(join(fsDir, d), { recursive: true })
    chmodSync(join(fsDir, d), 0o1777)
  }
  mkdirSync(join(fsDir, 'var/lib'), { recursive: true })
}

/** `KEY="value"` lines of the preset file (Armbian sources it; CRLF is stripped). */
export function parsePreset(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const raw of text.replace(/\r/g, '').split('\n')) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(raw)
    if (!m?.[1]) continue
    let v = (m[2] ?? '').trim()
    if ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'")))
      v = v.slice(1, -1)
    out[m[1]] = v
  }
  return out
}

export interface FirstLoginResult {
  /** Console text after the autologin line. */
  console: string
  /** The wizard finished: marker removed, root password set. */
  done: boolean
  /** /root/provisioning.sh must be sourced before the wizard counts as finished. */
  provisioning: boolean
}

function sha512Crypt(password: string): string {
  const salt = randomBytes(12)
    .toString('base64')
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, 16)
  return execFileSync('openssl', ['passwd', '-6', '-salt', salt, '-stdin'], {
    input: `${password}\n`
  })
    .toString()
    .trim()
}

function setShadowHash(files: NodeFiles, user: string, hash: string): void {
  const lines = (files.read('/etc/shadow') ?? '').split('\n').filter(Boolean)
  const day = Math.floor(Date.now() / 86_400_000)
  const i = lines.findIndex((l) => l.startsWith(`${user}:`))
  const fields = (lines[i] ?? `${user}:*:${day}:0:99999:7:::`).split(':')
  fields[1] = hash
  if (i >= 0) lines[i] = fields.join(':')
  else lines.push(fields.join(':'))
  files.write('/etc/shadow', `${lines.join('\n')}\n`, 0o640)
}

function cidr(mask: string): number {
  return mask
    .split('.')
    .reduce((n, o) => n + (Number(o) >>> 0).toString(2).replace(/0/g, '').length, 0)
}

/**
 * What `armbian-firstlogin` does on the autologin console while `/root/.not_logged_in_yet`
 * exists: with a complete preset it configures everything unattended, otherwise it prompts and
 * the console blocks (SSH is unaffected).
 */
export function runFirstLogin(files: NodeFiles, hostname: string): FirstLoginResult {
  const p = parsePreset(files.read('/root/.not_logged_in_yet') ?? '')
  let text = '\r\nWaiting for system to finish booting ...\r\n\r\n Welcome to Armbian!\r\n\r\n'
  const prompt = (q: string): FirstLoginResult => ({
    console: `${text}${q}`,
    done: false,
    provisioning: false
  })
  if (p.PRESET_ROOT_KEY) {
    if (!p.PRESET_ROOT_KEY.startsWith('file://')) {
      text += `curl: (6) Could not resolve host: ${/^[a-z]+:\/\/([^/:]+)/.exec(p.PRESET_ROOT_KEY)?.[1] ?? p.PRESET_ROOT_KEY}\r\n`
      return { console: `${text}root@${hostname}:~# `, done: false, provisioning: false }
    }
    const key = files.read(p.PRESET_ROOT_KEY.slice('file://'.length))
    if (key === undefined)
      return { console: `${text}root@${hostname}:~# `, done: false, provisioning: false }
    files.write('/root/.ssh/authorized_keys', key, 0o600)
  }
  if (!p.PRESET_ROOT_PASSWORD) return prompt('Create root password: ')
  const langAuto = /^[yY1]/.test(p.SET_LANG_BASED_ON_LOCATION ?? '')
  if (!p.PRESET_USER_SHELL)
    return prompt('Choose default system command shell:\r\n1) bash\r\n2) zsh\r\n')
  if (!p.PRESET_USER_NAME) {
    return prompt(
      'Creating a new user account. Press <Ctrl-C> to abort\r\n\r\nPlease provide a username (eg. your first name): '
    )
  }
  if (!p.PRESET_USER_PASSWORD) return prompt('Create user (' + p.PRESET_USER_NAME + ') password: ')
  if (!langAuto && (!p.PRESET_LOCALE || !p.PRESET_TIMEZONE)) {
    return prompt('At your location, more locales are possible:\r\n\r\n1) en_US.UTF-8\r\n#? ')
  }
  setShadowHash(files, 'root', sha512Crypt(p.PRESET_ROOT_PASSWORD))
  const user = p.PRESET_USER_NAME
  const passwd = files.read('/etc/passwd') ?? ''
  if (!passwd.split('\n').some((l) => l.startsWith(`${user}:`))) {
    const shell = p.PRESET_USER_SHELL === 'zsh' ? '/usr/bin/zsh' : '/bin/bash'
    files.write(
      '/etc/passwd',
      `${passwd}${user}:x:1000:1000:${p.PRESET_DEFAULT_REALNAME ?? user}:/home/${user}:${shell}\n`
    )
    files.write('/etc/group', `${files.read('/etc/group') ?? ''}${user}:x:1000:\n`)
    files.mkdir(`/home/${user}`)
  }
  setShadowHash(files, user, sha512Crypt(p.PRESET_USER_PASSWORD))
  if (p.PRESET_NET_CHANGE_DEFAULTS === '1') {
    const useStatic = p.PRESET_NET_USE_STATIC === '1'
    const body = useStatic
      ? `      addresses:\n      - ${p.PRESET_NET_STATIC_IP ?? ''}/${cidr(p.PRESET_NET_STATIC_MASK ?? '255.255.255.0')}\n` +
        `      routes:\n      - to: default\n        via: ${p.PRESET_NET_STATIC_GATEWAY ?? ''}\n` +
        `      nameservers:\n        addresses: [${(p.PRESET_NET_STATIC_DNS ?? '').split(/\s+/).filter(Boolean).join(', ')}]\n`
      : '      dhcp4: yes\n'
    files.write(
      `/etc/netplan/30-ethernets-${useStatic ? 'static' : 'dhcp'}.yaml`,
      `network:\n  version: 2\n  renderer: networkd\n  ethernets:\n    all-eth-interfaces:\n      match:\n        name: "e*"\n${body}`,
      0o600
    )
    files.remove('/etc/netplan/10-dhcp-all-interfaces.yaml')
  }
  text +=
    'Create root password: \r\nRepeat root password: \r\n\r\nChoose default system command shell:\r\n' +
    `Shell: ${(p.PRESET_USER_SHELL ?? 'bash').toUpperCase()}\r\n\r\n` +
    `Creating a new user account. Press <Ctrl-C> to abort\r\n\r\nDear ${user}, your account ${user} has been created and is sudo enabled.\r\n\r\n`
  const provisioning = files.exists('/root/provisioning.sh')
  if (!provisioning) files.remove('/root/.not_logged_in_yet')
  return { console: `${text}root@${hostname}:~# `, done: true, provisioning }
}

/** Armbian's first run replaces `ethaddr=` lines of armbianEnv.txt with random MACs. */
export function randomiseEthaddr(files: NodeFiles): void {
  const env = files.read('/boot/armbianEnv.txt')
  if (!env || !/^ethaddr=/m.test(env)) return
  files.write(
    '/boot/armbianEnv.txt',
    env.replace(/^ethaddr=.*$/gm, () => {
      const b = randomBytes(6)
      b[0] = ((b[0] ?? 0) & 0xfe) | 0x02
      return `ethaddr=${[...b].map((x) => x.toString(16).padStart(2, '0')).join(':')}`
    })
  )
}

/**
 * Real OpenSSH `ssh` against lab Armbian nodes booted from the lab image: stand-ins, K3s server and
 * agent through a recording fake hub, isolation from the host, first-boot facts and SSH faults.
 */
import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import {
  copyFileSync,
  existsSync,
  lstatSync,
  openSync,
  readFileSync,
  readSync,
  closeSync,
  writeFileSync
} from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import ssh2 from 'ssh2'
import type { LabKubeHub, LabNodeRegistration } from '../../src/lab/hub'
import { buildArmbianImage } from '../../src/lab/images/armbian-image'
import { ArmbianNode, K3sDirectory } from '../../src/lab/nodes/armbian'

const run = promisify(execFile)
const BASE_PORT = 24000 + Math.floor(Math.random() * 20000)

class FakeHub implements LabKubeHub {
  calls: string[] = []
  servers = new Map<string, string>()
  nodes: { apiIp: string; node: LabNodeRegistration }[] = []
  async startApiServer(o: { ip: string; port: number; clusterId: string }) {
    this.calls.push(`start ${o.ip}:${o.port}`)
    this.servers.set(o.ip, o.clusterId)
    return {
      url: `https://${o.ip}:${o.port}`,
      kubeconfig: (s?: string) => kubeconfig(s ?? `https://${o.ip}:6443`)
    }
  }
  async stopApiServer(ip: string) {
    this.calls.push(`stop ${ip}`)
    this.servers.delete(ip)
  }
  apiServer(ip: string) {
    return this.servers.has(ip)
      ? { url: `https://${ip}:6443`, kubeconfig: () => kubeconfig(`https://${ip}:6443`) }
      : undefined
  }
  registerNode(apiIp: string, node: LabNodeRegistration) {
    this.calls.push(`register ${apiIp} ${node.name}`)
    this.nodes.push({ apiIp, node })
  }
  removeNode(apiIp: string, name: string) {
    this.calls.push(`remove ${apiIp} ${name}`)
  }
}

const kubeconfig = (server: string): string =>
  `apiVersion: v1\nkind: Config\nclusters:\n- name: default\n  cluster:\n    server: ${server}\ncontexts:\n- name: default\n  context: {cluster: default, user: default}\ncurrent-context: default\nusers:\n- name: default\n  user: {token: lab}\n`

let dir: string
let image: string
let key: string
const hub = new FakeHub()
const k3s = new K3sDirectory()
const nodes: ArmbianNode[] = []

/** Flash: copy the image to the node's eMMC file (what the BMC emulator writes). */
function flash(slot: number, from = image): { path: string; head: Buffer } {
  const path = join(dir, `emmc${slot}.img`)
  copyFileSync(from, path)
  return { path, head: readFileSync(path).subarray(0, 65536) }
}

async function boot(node: ArmbianNode, emmc: { path: string; head: Buffer }): Promise<string> {
  const script = node.bootScript(emmc)
  script.onBooted?.()
  await node.whenSshReady()
  return script.lines.map((l) => l.text).join('')
}

function makeNode(
  slot: 1 | 2 | 3 | 4,
  extra: Partial<ConstructorParameters<typeof ArmbianNode>[0]> = {}
): ArmbianNode {
  const node = new ArmbianNode({
    slot,
    ip: `127.0.88.${slot}`,
    sshPort: BASE_PORT + slot,
    dir: join(dir, `node${slot}`),
    hub,
    k3s,
    ...extra
  })
  nodes.push(node)
  return node
}

interface Result {
  code: number
  stdout: string
  stderr: string
}

function ssh(
  node: ArmbianNode,
  command: string,
  opts: { input?: string; env?: string } = {}
): Promise<Result> {
  const args = [
    '-i',
    key,
    '-p',
    String(node.sshPort),
    '-o',
    'BatchMode=yes',
    '-o',
    `UserKnownHostsFile=${join(dir, 'known_hosts')}`,
    '-o',
    'StrictHostKeyChecking=no',
    '-o',
    'LogLevel=ERROR',
    '-o',
    'ConnectTimeout=10'
  ]
  if (opts.env) args.push('-o', `SetEnv=${opts.env}`)
  args.push(`root@${node.ip}`, command)
  return new Promise((resolve) => {
    const child = execFile('ssh', args, { timeout: 30_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr })
    )
    child.stdin?.end(opts.input ?? '')
  })
}

async function writeKey(node: ArmbianNode): Promise<void> {
  node.filesystem.mkdir('/root/.ssh')
  node.filesystem.write('/root/.ssh/authorized_keys', readFileSync(`${key}.pub`, 'utf8'), 0o600)
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lab-armbian-ssh-'))
  image = (await buildArmbianImage(join(dir, 'img'))).raw
  key = join(dir, 'id_ed25519')
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'lab-test', '-f', key])
})

afterAll(async () => {
  for (const n of nodes) await n.close()
  await rm(dir, { recursive: true, force: true })
})

describe('lab Armbian node over real ssh', () => {
  let node: ArmbianNode
  beforeAll(async () => {
    node = makeNode(1)
    const console = await boot(node, flash(1))
    expect(console).toMatch(/Armbian 25\.8\.1 Trixie ttyS9/)
    expect(console).toMatch(/turing-rk1 login: root \(automatic login\)/)
    await writeKey(node)
  })

  it('runs commands under real bash with stdin, stderr, env and exit codes', async () => {
    const r = await ssh(node, 'echo "$BASH_VERSION" >&2; cat; echo "LAB=$LAB"; hostname; exit 7', {
      input: 'from-stdin\n',
      env: 'LAB=yes'
    })
    expect(r.code).toBe(7)
    expect(r.stdout).toBe('from-stdin\nLAB=yes\nturing-rk1\n')
    expect(r.stderr).toMatch(/^\d+\.\d+/)
  })

  it('accepts root/1234 before first boot is configured, and refuses a wrong password', async () => {
    const attempt = (password: string): Promise<boolean> =>
      new Promise((resolve) => {
        const c = new ssh2.Client()
        c.on('ready', () => {
          c.end()
          resolve(true)
        })
        c.on('error', () => resolve(false))
        c.connect({
          host: node.ip,
          port: node.sshPort,
          username: 'root',
          password,
          tryKeyboard: false
        })
      })
    expect(await attempt('1234')).toBe(true)
    expect(await attempt('wrong')).toBe(false)
  })

  it('installs packages and manages units like apt-get and systemctl', async () => {
    const r = await ssh(
      node,
      'set -e; systemctl is-active iscsid || echo "rc=$?"; apt-get update -qq >/dev/null; apt-get install -y open-iscsi nfs-common | tail -1;' +
        ' systemctl enable --now iscsid 2>/dev/null; systemctl is-active iscsid; systemctl is-enabled iscsid; cat /etc/iscsi/initiatorname.iscsi | tail -1'
    )
    expect(r.stdout).toMatch(/^inactive\nrc=3\n/)
    expect(r.stdout).toMatch(/Setting up nfs-common/)
    expect(r.stdout).toMatch(
      /active\nenabled\nInitiatorName=iqn\.2005-03\.org\.open-iscsi:[0-9a-f]{12}\n$/
    )
    expect(node.state.services['iscsid.service']).toEqual({ enabled: true, active: true })
    const bad = await ssh(node, 'apt-get install -y rk1lab-missing-pkg')
    expect(bad.code).toBe(100)
    expect(bad.stderr).toMatch(/Unable to locate package rk1lab-missing-pkg/)
  })

  it('emulates modules, sysctl, swap and hostname', async () => {
    const r = await ssh(
      node,
      'set -e; modprobe br_netfilter; printf "net.ipv4.ip_forward=1\\nnet.bridge.bridge-nf-call-iptables = 1\\n" > /etc/sysctl.d/99-k3s.conf;' +
        ' sysctl --system; sysctl -n net.ipv4.ip_forward; swapoff -a; swapon --show | wc -l; hostnamectl set-hostname node1; cat /etc/hostname'
    )
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(
      /\* Applying \/etc\/sysctl\.d\/99-k3s\.conf \.\.\.\nnet\.ipv4\.ip_forward = 1\n/
    )
    expect(r.stdout).toMatch(/\n1\n0\nnode1\n$/)
    expect((await ssh(node, 'modprobe nosuchmod')).stderr).toMatch(
      /FATAL: Module nosuchmod not found/
    )
    expect((await ssh(node, 'hostname')).stdout).toBe('node1\n')
    expect(node.state.modules).toContain('br_netfilter')
  })

  it('formats, mounts and reports the fake NVMe', async () => {
    const before = await ssh(node, 'mkfs.xfs -f /dev/nvme0n1')
    expect(before.code).toBe(127)
    const r = await ssh(
      node,
      'set -e; apt-get install -y xfsprogs parted >/dev/null; wipefs -a /dev/nvme0n1; parted -s /dev/nvme0n1 mklabel gpt mkpart longhorn xfs 0% 100%;' +
        ' mkfs.xfs -f -L longhorn /dev/nvme0n1p1 >/dev/null; mkdir -p /var/lib/longhorn; echo "UUID=$(blkid -s UUID -o value /dev/nvme0n1p1) /var/lib/longhorn xfs defaults,nofail 0 2" >> /etc/fstab;' +
        ' mount -a; lsblk -J -b -o NAME,SIZE,FSTYPE,LABEL,MOUNTPOINTS /dev/nvme0n1'
    )
    expect(r.code).toBe(0)
    const tree = JSON.parse(r.stdout) as {
      blockdevices: { name: string; children: Record<string, unknown>[] }[]
    }
    expect(tree.blockdevices[0]?.children[0]).toMatchObject({
      name: 'nvme0n1p1',
      fstype: 'xfs',
      label: 'longhorn',
      mountpoints: ['/var/lib/longhorn']
    })
    // The tool itself formats again when asked: guarding data is the product's job.
    const busy = await ssh(node, 'mkfs.ext4 /dev/nvme0n1p1')
    expect(busy.stderr).toMatch(/is mounted; will not make a filesystem here!/)
    const again = await ssh(
      node,
      'umount /var/lib/longhorn && mkfs.ext4 -F /dev/nvme0n1p1 >/dev/null && blkid /dev/nvme0n1p1'
    )
    expect(again.stdout).toMatch(/TYPE="ext4"/)
    expect((await ssh(node, 'mkfs.ext4 /dev/sda')).stderr).toMatch(
      /The file \/dev\/sda does not exist/
    )
  })

  it('keeps node commands away from the host', async () => {
    const hostDevice = ['/dev/vda', '/dev/sda', '/dev/loop0'].find(
      (d) => existsSync(d) && lstatSync(d).isBlockDevice()
    )
    // Content when the host lets us read the device (device cgroups may not), else its identity.
    const readHead = (d: string): string => {
      const st = lstatSync(d)
      try {
        const fd = openSync(d, 'r')
        const b = Buffer.alloc(4096)
        readSync(fd, b, 0, 4096, 0)
        closeSync(fd)
        return createHash('sha256').update(b).digest('hex')
      } catch {
        return `${st.rdev}:${st.mtimeMs}:${st.mode}`
      }
    }
    const headBefore = hostDevice ? readHead(hostDevice) : ''
    const canary = join(dir, 'host-canary')
    writeFileSync(canary, 'host')
    const target = hostDevice ?? '/dev/vda'
    const r = await ssh(
      node,
      `mkfs.ext4 /dev/sda; rm -rf /usr/bin/bash; echo "rm=$?"; dd if=/dev/zero of=${target} bs=4096 count=1 2>/dev/null; echo "dd=$?";` +
        ` mknod /tmp/blk b 7 0; echo "mknod=$?"; /usr/bin/mount -t tmpfs x /mnt; /bin/umount -l /usr; echo "umount=$?";` +
        ` cat ${canary}; echo "cat=$?"; rm -f ${canary}; echo 1 > /proc/sys/net/ipv4/ip_forward; echo "sys=$?"; ls /sys | wc -l; chroot /tmp /bin/true; echo "chroot=$?"`
    )
    expect(r.stdout).toMatch(/rm=1\n/)
    expect(r.stdout).toMatch(/dd=0\n/) // a plain file in the node's private /dev
    expect(r.stdout).toMatch(/mknod=1\n/)
    expect(r.stdout).toMatch(/umount=32\n/)
    expect(r.stdout).toMatch(/cat=1\n/)
    expect(r.stdout).toMatch(/sys=1\n0\n/)
    expect(r.stdout).toMatch(/chroot=125\n|chroot=1\n/)
    expect(existsSync('/usr/bin/bash')).toBe(true)
    expect(readFileSync(canary, 'utf8')).toBe('host')
    if (hostDevice) {
      expect(lstatSync(hostDevice).isBlockDevice()).toBe(true)
      expect(readHead(hostDevice)).toBe(headBefore)
    }
    expect(readFileSync('/proc/sys/net/ipv4/ip_forward', 'utf8')).toBeDefined()
  })
})

describe('K3s on lab Armbian nodes', () => {
  let server: ArmbianNode
  let agent: ArmbianNode
  beforeAll(async () => {
    server = makeNode(2)
    agent = makeNode(3)
    await boot(server, flash(2))
    await boot(agent, flash(3))
    await writeKey(server)
    await writeKey(agent)
  })

  it('installs a server that starts the lab API server and writes kubeconfig and token', async () => {
    const r = await ssh(
      server,
      'curl -sfL https://get.k3s.io | INSTALL_K3S_VERSION=v1.35.6+k3s1 sh -s - server --disable=traefik --write-kubeconfig-mode=644 --node-name=srv'
    )
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/\[INFO\] {2}Using v1\.35\.6\+k3s1 as release\n/)
    expect(r.stdout).toMatch(/\[INFO\] {2}systemd: Starting k3s\n/)
    const facts = await ssh(
      server,
      'systemctl is-active k3s; k3s --version | head -1; cat /var/lib/rancher/k3s/server/token; grep server: /etc/rancher/k3s/k3s.yaml; stat -c %a /etc/rancher/k3s/k3s.yaml'
    )
    expect(facts.stdout).toMatch(
      /^active\nk3s version v1\.35\.6\+k3s1 \([0-9a-f]{8}\)\nK10[0-9a-f]{64}::server:[0-9a-f]{32}\n {4}server: https:\/\/127\.0\.0\.1:6443\n644\n$/
    )
    expect(hub.calls).toContain(`start ${server.ip}:6443`)
    expect(hub.nodes).toContainEqual({
      apiIp: server.ip,
      node: expect.objectContaining({ name: 'srv', roles: ['control-plane', 'master'] })
    })
    const again = await ssh(
      server,
      'curl -sfL https://get.k3s.io | INSTALL_K3S_VERSION=v1.35.6+k3s1 sh -s - server --disable=traefik --write-kubeconfig-mode=644 --node-name=srv'
    )
    expect(again.stdout).toMatch(/No change detected so skipping service start/)
  })

  it('joins an agent only with the right token', async () => {
    const url = `https://${server.ip}:6443`
    const wrong = await ssh(
      agent,
      `curl -sfL https://get.k3s.io | K3S_URL=${url} K3S_TOKEN=nope sh -`
    )
    expect(wrong.code).toBe(1)
    expect(wrong.stderr).toMatch(/Job for k3s-agent\.service failed/)
    const noToken = await ssh(agent, `curl -sfL https://get.k3s.io | K3S_URL=${url} sh -`)
    expect(noToken.stderr).toMatch(/K3S_TOKEN or K3S_TOKEN_FILE is not defined/)
    const token = (await ssh(server, 'cat /var/lib/rancher/k3s/server/node-token')).stdout.trim()
    const good = await ssh(
      agent,
      `curl -sfL https://get.k3s.io | K3S_URL=${url} K3S_TOKEN=${token} sh -`
    )
    expect(good.code).toBe(0)
    expect((await ssh(agent, 'systemctl is-active k3s-agent')).stdout).toBe('active\n')
    expect(hub.nodes).toContainEqual({
      apiIp: server.ip,
      node: expect.objectContaining({ name: 'turing-rk1', ip: agent.ip, roles: [] })
    })
  })

  it('uninstalls: API server stopped, files and state gone', async () => {
    const r = await ssh(
      server,
      '/usr/local/bin/k3s-uninstall.sh >/dev/null; ls /usr/local/bin; test -e /etc/rancher/k3s/k3s.yaml; echo "kubeconfig=$?"; systemctl is-active k3s'
    )
    expect(r.stdout).toBe('kubeconfig=1\ninactive\n')
    expect(hub.calls).toContain(`stop ${server.ip}`)
    expect(server.state.k3s).toBeNull()
  })
})

describe('Armbian boot facts and faults', () => {
  it('keeps the host key across reboots of one flash and changes it on a re-flash', async () => {
    const node = makeNode(4)
    await boot(node, flash(4))
    const first = node.hostKeyPublic
    await node.powerOff()
    await boot(node, {
      path: join(dir, 'emmc4.img'),
      head: readFileSync(join(dir, 'emmc4.img')).subarray(0, 65536)
    })
    expect(node.hostKeyPublic).toBe(first)
    await node.powerOff()
    await boot(node, flash(4))
    expect(node.hostKeyPublic).not.toBe(first)
    await node.close()
  })

  it('honours a personalised image: key, hostname and a complete first-login preset', async () => {
    const custom = join(dir, 'custom.img')
    copyFileSync(image, custom)
    writeFileSync(join(dir, 'hn'), 'rk1-node-4\n')
    writeFileSync(
      join(dir, 'preset'),
      'PRESET_ROOT_PASSWORD="Lab-Root-Pw-1"\r\nPRESET_USER_NAME="lab"\nPRESET_USER_PASSWORD="Lab-User-Pw-1"\nPRESET_USER_SHELL="bash"\nPRESET_LOCALE="en_US.UTF-8"\nPRESET_TIMEZONE="Etc/UTC"\n'
    )
    writeFileSync(
      join(dir, 'cmds'),
      [
        'mkdir /root/.ssh',
        `write ${key}.pub /root/.ssh/authorized_keys`,
        'sif /root/.ssh mode 040700',
        'sif /root/.ssh/authorized_keys mode 0100600',
        'rm /etc/hostname',
        `write ${join(dir, 'hn')} /etc/hostname`,
        'rm /root/.not_logged_in_yet',
        `write ${join(dir, 'preset')} /root/.not_logged_in_yet`
      ].join('\n') + '\n'
    )
    await run('debugfs', ['-w', '-f', join(dir, 'cmds'), `${custom}?offset=${32768 * 512}`])
    const node = makeNode(4, { dir: join(dir, 'node4b') })
    const console = await boot(node, flash(4, custom))
    expect(console).toMatch(/rk1-node-4 login: root \(automatic login\)/)
    expect(console).toMatch(/root@rk1-node-4:~# $/)
    expect(node.state.firstLoginDone).toBe(true)
    const r = await ssh(node, 'hostname; test -e /root/.not_logged_in_yet; echo "marker=$?"')
    expect(r.stdout).toBe('rk1-node-4\nmarker=1\n')
    expect(node.filesystem.read('/etc/shadow')).not.toMatch(/^root:[^:]*:.*\n[\s\S]*root:/)
    await node.close()
  })

  it('blocks the console on an incomplete preset but still serves SSH', async () => {
    const node = makeNode(4, { dir: join(dir, 'node4c') })
    const console = await boot(node, flash(4))
    expect(console).toMatch(/Create root password: $/)
    expect(node.state.consoleBlocked).toBe(true)
    expect(node.filesystem.exists('/root/.not_logged_in_yet')).toBe(true)
    await node.close()
  })

  it('drops the connection mid-command and never boots when told to', async () => {
    const node = makeNode(4, { dir: join(dir, 'node4d'), faults: { dropAfterBytes: 10 } })
    await boot(node, flash(4))
    await writeKey(node)
    const r = await ssh(node, 'seq 1 1000')
    expect(r.code).toBe(255)
    expect(r.stdout.length).toBeLessThanOrEqual(10)
    node.faults = { dropOnCommand: { match: /k3s/, when: 'beforeExit' } }
    expect((await ssh(node, 'echo k3s')).code).toBe(255)
    node.faults = {}
    expect((await ssh(node, 'echo fine')).stdout).toBe('fine\n')
    await node.powerOff()
    node.faults = { neverBoots: true }
    const script = node.bootScript(flash(4))
    expect(script.onBooted).toBeUndefined()
    expect(script.lines.map((l) => l.text).join('')).not.toMatch(/login/)
    expect(node.sshListening).toBe(false)
    await node.close()
  })
})

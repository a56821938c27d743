/**
 * The K3s steps on one node, each idempotent so a dropped connection can simply run it again:
 * first-boot wait, node setup, K3s config and install/upgrade, token and kubeconfig reads.
 */
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { sleep } from '../../common/abort'
import { Rk1Error } from '../../common/errors'
import type { InventoryNode } from '../../inventory'
import { SshCommandError, type SshSession } from '../../node-access/ssh'
import { K3S_CONFIG_PATH, RK1_MARKER_PATH } from './config'
import type { NodeLink } from './node-link'
import {
  DATA_REFUSED_EXIT,
  parseSetupOutput,
  renderSetupScript,
  type SetupReport
} from './setup-script'
import { inputRef } from '../../common/input-style'

export class K3sStepError extends Rk1Error {}

export const SERVER_TOKEN_PATH = '/var/lib/rancher/k3s/server/token'
export const KUBECONFIG_PATH = '/etc/rancher/k3s/k3s.yaml'

/** Armbian's console wizard removes the marker when the preset ran (tools spec §4.4). */
export async function waitFirstBoot(link: NodeLink, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const r = await link.run('first-boot check', (s) =>
      s.exec('test -e /root/.not_logged_in_yet && echo pending || echo done', { timeoutMs: 20_000 })
    )
    if (r.stdout.trim() === 'done') return
    if (Date.now() > deadline)
      throw new K3sStepError(`${link.label}: Armbian's first login did not finish.`, {
        node: link.opts.node.slot,
        step: 'first-boot',
        evidence: '/root/.not_logged_in_yet is still present',
        advice:
          'The console wizard is waiting for input: read the UART (rk1 lab or `tpi uart`); the preset written into the image was incomplete or the image predates Armbian 24.11.'
      })
    await sleep(500, link.opts.signal)
  }
}

/** What to do about a refused data disk; never a flag that is already set. */
export function dataRefusalAdvice(seen: string, allowFormatData: boolean): string {
  if (/root filesystem/.test(seen))
    return 'The inventory names the disk holding the root filesystem as the data disk: set disks.data to the NVMe (e.g. /dev/nvme0n1). No setting formats a root disk.'
  if (/mounted/.test(seen))
    return 'Unmount the filesystem on the node (and remove it from /etc/fstab), then run provision again.'
  if (allowFormatData)
    return `${inputRef('allow-format-data')} is already set, yet the node refused: see the evidence and check the disk on the node (lsblk -f).`
  return `Back up what is on the disk, or set ${inputRef('allow-format-data', 'true')} to format it for Longhorn (everything on it is lost). A disk with the root filesystem is never formatted.`
}

export async function runSetup(
  link: NodeLink,
  opts: { allowFormatData: boolean; timeoutMs: number }
): Promise<SetupReport> {
  const script = renderSetupScript({ node: link.opts.node, allowFormatData: opts.allowFormatData })
  const r = await link.run('node setup', (s) => s.runScript(script, { timeoutMs: opts.timeoutMs }))
  const report = parseSetupOutput(r.stdout)
  if (r.code === DATA_REFUSED_EXIT) {
    const seen = /RK1-REFUSED: (.*)/.exec(r.stderr)?.[1] ?? r.stderr.trim().slice(-500)
    throw new K3sStepError(`${link.label}: the data disk was not formatted.`, {
      node: link.opts.node.slot,
      step: 'data-disk',
      evidence: seen,
      advice: dataRefusalAdvice(seen, opts.allowFormatData)
    })
  }
  if (r.code !== 0 || !report.done)
    throw new K3sStepError(`${link.label}: node setup failed (exit ${String(r.code)}).`, {
      node: link.opts.node.slot,
      step: 'setup',
      evidence: r.stderr.trim().slice(-1500) || r.stdout.trim().slice(-1500),
      advice: 'Fix what the evidence shows, then run provision again (the setup is idempotent).'
    })
  return report
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex')

/** Uploads a file only when its content differs; returns whether it changed. */
async function syncFile(
  s: SshSession,
  path: string,
  content: string,
  mode: number
): Promise<boolean> {
  const r = await s.exec(`sha256sum ${path} 2>/dev/null || true`, { timeoutMs: 20_000 })
  if (r.stdout.split(/\s+/)[0] === sha256(content)) return false
  await s.exec(`mkdir -p "$(dirname ${path})"`, { timeoutMs: 20_000, check: true })
  await s.upload(path, Buffer.from(content), mode, { timeoutMs: 60_000 })
  return true
}

export interface AirGap {
  /** The K3s install script (`install.sh`), on the runner. */
  installScript: string
  /** `k3s-arm64` of the pinned version, on the runner. */
  binary: string
  /** Optional `k3s-airgap-images-arm64.tar.zst`. */
  images?: string
}

export type InstallOutcome = 'installed' | 'upgraded' | 'restarted' | 'unchanged'

/** Where an air-gap binary waits before it replaces the installed one (same filesystem). */
const STAGED_BINARY = '/usr/local/bin/.rk1-k3s-new/k3s'

const INSTALL_SCRIPT = `set -eu
unit=$RK1_UNIT
want=$INSTALL_K3S_VERSION
version() { [ -x "$1" ] && "$1" --version 2>/dev/null | head -n1 | awk '{print $3}' || true; }
have=$(version /usr/local/bin/k3s)
if [ "$have" = "$want" ] && [ -z "$RK1_STAGED" ] && [ -f /etc/systemd/system/$unit.service ]; then
  rm -f /root/rk1-k3s-install.sh
  if [ "$RK1_CONFIG_CHANGED" = 1 ] || ! systemctl is-active --quiet $unit; then
    systemctl restart $unit
    echo "RK1 k3s=restarted"
  else
    echo "RK1 k3s=unchanged"
  fi
  exit 0
fi
if [ "$RK1_AIRGAP" = 1 ]; then
  # The folder's binary must be the pinned version, or every run would "upgrade" again.
  got=$(version "\${RK1_STAGED:-/usr/local/bin/k3s}")
  if [ "$got" != "$want" ]; then
    [ -z "$RK1_STAGED" ] || rm -rf "$(dirname "$RK1_STAGED")"
    echo "RK1-VERSION: the air-gap k3s-arm64 reports '$got', the inventory pins $want" >&2
    exit 3
  fi
  # A rename, not a write: the running k3s keeps its old inode (writing it fails: ETXTBSY).
  if [ -n "$RK1_STAGED" ]; then
    mv -f "$RK1_STAGED" /usr/local/bin/k3s
    rmdir "$(dirname "$RK1_STAGED")" 2>/dev/null || true
  fi
  INSTALL_K3S_SKIP_DOWNLOAD=true sh /root/rk1-k3s-install.sh
else
  curl -sfL https://get.k3s.io -o /root/rk1-k3s-install.sh
  sh /root/rk1-k3s-install.sh
fi
rm -f /root/rk1-k3s-install.sh
if [ -z "$have" ]; then echo "RK1 k3s=installed"
elif [ "$have" != "$want" ]; then echo "RK1 k3s=upgraded"
else echo "RK1 k3s=restarted"; fi
`

/** Uploads a runner file only when the node's copy differs (air-gap files are large). */
async function syncLocalFile(
  s: SshSession,
  compareWith: string,
  uploadTo: string,
  local: Buffer,
  mode: number,
  timeoutMs: number
): Promise<boolean> {
  const r = await s.exec(`sha256sum ${compareWith} 2>/dev/null || true`, { timeoutMs: 60_000 })
  if (r.stdout.split(/\s+/)[0] === createHash('sha256').update(local).digest('hex')) return false
  await s.exec(`mkdir -p "$(dirname ${uploadTo})"`, { timeoutMs: 20_000, check: true })
  await s.upload(uploadTo, local, mode, { timeoutMs })
  return true
}

/**
 * Writes config.yaml (0600, token inside) and the cluster marker, then installs, upgrades or
 * restarts K3s only as needed. The installer gets no secret: the token is read from the file.
 * Air gap: the binary is uploaded only when it differs and swapped in only when K3s is
 * (re)installed, so the version check sees what runs now, not what was just uploaded.
 */
export async function installK3s(
  link: NodeLink,
  o: {
    role: 'server' | 'agent'
    version: string
    config: string
    marker: string
    airGap?: AirGap
    timeoutMs: number
  }
): Promise<InstallOutcome> {
  const airGap = o.airGap
    ? {
        binary: await readFile(o.airGap.binary),
        script: await readFile(o.airGap.installScript),
        images: o.airGap.images ? await readFile(o.airGap.images) : undefined
      }
    : undefined
  return link.run('K3s install', async (s) => {
    const changed = await syncFile(s, K3S_CONFIG_PATH, o.config, 0o600)
    await syncFile(s, RK1_MARKER_PATH, o.marker, 0o644)
    let staged = false
    if (airGap) {
      await s.exec(`rm -rf "$(dirname ${STAGED_BINARY})"`, { timeoutMs: 20_000, check: true })
      staged = await syncLocalFile(
        s,
        '/usr/local/bin/k3s',
        STAGED_BINARY,
        airGap.binary,
        0o755,
        o.timeoutMs
      )
      await s.upload('/root/rk1-k3s-install.sh', airGap.script, 0o755, { timeoutMs: 60_000 })
      if (airGap.images) {
        const images = '/var/lib/rancher/k3s/agent/images/k3s-airgap-images-arm64.tar.zst'
        await syncLocalFile(s, images, images, airGap.images, 0o644, o.timeoutMs)
      }
    }
    const r = await s.runScript(INSTALL_SCRIPT, {
      timeoutMs: o.timeoutMs,
      env: {
        INSTALL_K3S_VERSION: o.version,
        INSTALL_K3S_EXEC: o.role,
        RK1_UNIT: o.role === 'server' ? 'k3s' : 'k3s-agent',
        RK1_CONFIG_CHANGED: changed ? '1' : '0',
        RK1_AIRGAP: airGap ? '1' : '0',
        RK1_STAGED: staged ? STAGED_BINARY : ''
      }
    })
    const outcome = /RK1 k3s=(\w+)/.exec(r.stdout)?.[1] as InstallOutcome | undefined
    if (r.code !== 0 || !outcome)
      throw new K3sStepError(`${link.label}: the K3s ${o.role} did not start.`, {
        node: link.opts.node.slot,
        step: 'k3s-install',
        evidence: (r.stderr.trim() || r.stdout.trim()).slice(-1500),
        advice: /RK1-VERSION/.test(r.stderr)
          ? 'Put the k3s-arm64 of the pinned version (versions.k3s) into k3s-airgap-dir, or pin the version the folder holds.'
          : o.role === 'agent'
            ? 'Check that the server is up and reachable on :6443 from this node, then run provision again.'
            : 'Check `journalctl -u k3s` on the node, then run provision again.'
      })
    return outcome
  })
}

/** The server's join token (`K10<ca hash>::server:<password>`), read over SSH, never printed. */
export async function readServerToken(link: NodeLink, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      const token = (await link.run('token read', (s) => s.download(SERVER_TOKEN_PATH)))
        .toString()
        .trim()
      if (token) return token
    } catch (error) {
      if (!(error instanceof SshCommandError) || Date.now() > deadline) throw error
    }
    await sleep(500, link.opts.signal)
  }
}

export async function readKubeconfig(link: NodeLink): Promise<string> {
  return (await link.run('kubeconfig read', (s) => s.download(KUBECONFIG_PATH))).toString()
}

export function nodeUnit(node: InventoryNode, server: InventoryNode): 'server' | 'agent' {
  return node.slot === server.slot ? 'server' : 'agent'
}

/** The short token in an existing server's config.yaml, so a re-run keeps the cluster's token. */
export async function readConfigToken(link: NodeLink): Promise<string | undefined> {
  try {
    const text = (await link.run('config read', (s) => s.download(K3S_CONFIG_PATH))).toString()
    return /^token:\s*"?([^"\s]+)"?\s*$/m.exec(text)?.[1]
  } catch (error) {
    if (error instanceof SshCommandError) return undefined
    throw error
  }
}

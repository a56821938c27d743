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
      advice:
        'Back up what is on the disk, or set allow-format-data: true to format it for Longhorn (everything on it is lost). A disk with the root filesystem is never formatted.'
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

const INSTALL_SCRIPT = `set -eu
unit=$RK1_UNIT
have=$( [ -x /usr/local/bin/k3s ] && /usr/local/bin/k3s --version 2>/dev/null | head -n1 | awk '{print $3}' || true)
if [ "$have" = "$INSTALL_K3S_VERSION" ] && [ -f /etc/systemd/system/$unit.service ]; then
  if [ "$RK1_CONFIG_CHANGED" = 1 ] || ! systemctl is-active --quiet $unit; then
    systemctl restart $unit
    echo "RK1 k3s=restarted"
  else
    echo "RK1 k3s=unchanged"
  fi
  exit 0
fi
if [ "$RK1_AIRGAP" = 1 ]; then
  INSTALL_K3S_SKIP_DOWNLOAD=true sh /root/rk1-k3s-install.sh
else
  curl -sfL https://get.k3s.io -o /root/rk1-k3s-install.sh
  sh /root/rk1-k3s-install.sh
fi
rm -f /root/rk1-k3s-install.sh
if [ -n "$have" ]; then echo "RK1 k3s=upgraded"; else echo "RK1 k3s=installed"; fi
`

/**
 * Writes config.yaml (0600, token inside) and the cluster marker, then installs, upgrades or
 * restarts K3s only as needed. The installer gets no secret: the token is read from the file.
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
  return link.run('K3s install', async (s) => {
    const changed = await syncFile(s, K3S_CONFIG_PATH, o.config, 0o600)
    await syncFile(s, RK1_MARKER_PATH, o.marker, 0o644)
    if (o.airGap) {
      await s.upload('/usr/local/bin/k3s', await readFile(o.airGap.binary), 0o755)
      await s.upload('/root/rk1-k3s-install.sh', await readFile(o.airGap.installScript), 0o755)
      if (o.airGap.images) {
        await s.exec('mkdir -p /var/lib/rancher/k3s/agent/images', { check: true })
        await s.upload(
          '/var/lib/rancher/k3s/agent/images/k3s-airgap-images-arm64.tar.zst',
          await readFile(o.airGap.images),
          0o644
        )
      }
    }
    const r = await s.runScript(INSTALL_SCRIPT, {
      timeoutMs: o.timeoutMs,
      env: {
        INSTALL_K3S_VERSION: o.version,
        INSTALL_K3S_EXEC: o.role,
        RK1_UNIT: o.role === 'server' ? 'k3s' : 'k3s-agent',
        RK1_CONFIG_CHANGED: changed ? '1' : '0',
        RK1_AIRGAP: o.airGap ? '1' : '0'
      }
    })
    const outcome = /RK1 k3s=(\w+)/.exec(r.stdout)?.[1] as InstallOutcome | undefined
    if (r.code !== 0 || !outcome)
      throw new K3sStepError(`${link.label}: the K3s ${o.role} did not start.`, {
        node: link.opts.node.slot,
        step: 'k3s-install',
        evidence: (r.stderr.trim() || r.stdout.trim()).slice(-1500),
        advice:
          o.role === 'agent'
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

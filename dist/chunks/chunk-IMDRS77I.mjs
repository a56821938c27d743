import { createRequire as __rk1CreateRequire } from 'node:module'; const require = __rk1CreateRequire(import.meta.url);
import {
  debug,
  error,
  getInput,
  group,
  info,
  setFailed,
  setOutput,
  setSecret,
  summary,
  warning
} from "./chunk-THUNZOEJ.mjs";
import {
  escapeHtml
} from "./chunk-752RP7TM.mjs";
import {
  GitHubPermissionError
} from "./chunk-VC32HTHH.mjs";
import {
  Inputs,
  Redactor
} from "./chunk-7FAVCP4D.mjs";
import {
  maskInput
} from "./chunk-BJX5V6TN.mjs";
import {
  InputError,
  Rk1Error,
  errorText,
  formatProblemLocation
} from "./chunk-56JNS6Q3.mjs";

// src/github/host.ts
import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// src/github/artifacts.ts
import { mkdir } from "node:fs/promises";
import { basename } from "node:path";
function createActionsArtifactStore(env) {
  const repository = env.GITHUB_REPOSITORY ?? "";
  const [owner = "", repo = ""] = repository.split("/");
  const server = (env.GITHUB_SERVER_URL || "https://github.com").replace(/\/$/, "");
  const runId = env.GITHUB_RUN_ID ?? "";
  const client = async () => {
    const { DefaultArtifactClient } = await import("./artifact-NVGXAS5H.mjs");
    return new DefaultArtifactClient();
  };
  const findBy = (from) => {
    if (!from) return void 0;
    if (!owner || !repo)
      throw new Rk1Error("GITHUB_REPOSITORY is not set, so no other run can be read.", {
        step: "artifacts",
        advice: "Run inside GitHub Actions, where the runner sets GITHUB_REPOSITORY."
      });
    return {
      token: from.token,
      workflowRunId: from.runId,
      repositoryOwner: owner,
      repositoryName: repo
    };
  };
  return {
    kind: "github",
    async upload(name, rootDir, files, options = {}) {
      const result = await (await client()).uploadArtifact(name, [...files], rootDir, {
        retentionDays: options.retentionDays,
        skipArchive: options.single
      });
      if (result.id === void 0)
        throw new Rk1Error(`The artifact service returned no id for "${name}".`, {
          step: "artifacts"
        });
      const stored = options.single ? basename(files[0] ?? name) : name;
      return { id: result.id, name: stored, size: result.size ?? 0 };
    },
    async list(from) {
      const { artifacts } = await (await client()).listArtifacts({ findBy: findBy(from) });
      return artifacts.map((a) => ({
        id: a.id,
        name: a.name,
        size: a.size,
        createdAt: a.createdAt?.toISOString()
      }));
    },
    async download(artifact, destDir, from) {
      await mkdir(destDir, { recursive: true });
      await (await client()).downloadArtifact(artifact.id, { path: destDir, findBy: findBy(from) });
      return destDir;
    },
    link(artifact) {
      return `${server}/${repository}/actions/runs/${runId}/artifacts/${artifact.id}`;
    }
  };
}

// src/github/rest-api.ts
import { readFileSync } from "node:fs";
function runContextFromEnv(env) {
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? "").split("/");
  if (!owner || !repo || !env.GITHUB_RUN_ID) return void 0;
  const workflowFile = /\/\.github\/workflows\/([^@]+)@/.exec(env.GITHUB_WORKFLOW_REF ?? "")?.[1];
  const ref = env.GITHUB_REF ?? "";
  let pullRequest = Number(/^refs\/pull\/(\d+)\//.exec(ref)?.[1]) || void 0;
  let headSha;
  if (env.GITHUB_EVENT_PATH) {
    try {
      const event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, "utf8"));
      pullRequest ??= event.pull_request?.number;
      headSha = event.pull_request?.head?.sha;
    } catch {
    }
  }
  return {
    owner,
    repo,
    runId: Number(env.GITHUB_RUN_ID),
    runAttempt: Number(env.GITHUB_RUN_ATTEMPT ?? 1) || 1,
    workflowFile,
    eventName: env.GITHUB_EVENT_NAME ?? "",
    ref,
    sha: env.GITHUB_SHA ?? "",
    pullRequest,
    headSha,
    serverUrl: (env.GITHUB_SERVER_URL || "https://github.com").replace(/\/$/, "")
  };
}
async function guarded(what, permission, call) {
  try {
    return await call();
  } catch (error2) {
    const e = error2;
    if (e.status === 403 || e.status === 401)
      throw new GitHubPermissionError(what, `${e.status}: ${e.message ?? ""}`, permission);
    throw error2;
  }
}
var comment = (c) => ({
  id: c.id,
  body: c.body ?? "",
  author: c.user?.login ?? "",
  url: c.html_url
});
var issue = (i) => ({
  number: i.number,
  title: i.title,
  body: i.body ?? "",
  state: i.state === "closed" ? "closed" : "open",
  labels: i.labels.map((l) => typeof l === "string" ? l : l.name ?? ""),
  author: i.user?.login ?? ""
});
function runsApi(octokit, repo) {
  let login;
  return {
    async login() {
      login ??= await octokit.rest.users.getAuthenticated().then(
        (r) => r.data.login,
        () => "github-actions[bot]"
      );
      return login;
    },
    async defaultBranch() {
      return (await octokit.rest.repos.get(repo)).data.default_branch;
    },
    async workflowRuns(workflowFile, { branch, limit }) {
      const runs = [];
      for await (const page of octokit.paginate.iterator(octokit.rest.actions.listWorkflowRuns, {
        ...repo,
        workflow_id: workflowFile,
        branch,
        status: "completed",
        per_page: Math.min(limit, 100)
      })) {
        for (const r of page.data) {
          runs.push({
            id: r.id,
            runNumber: r.run_number,
            runAttempt: r.run_attempt ?? 1,
            event: r.event,
            headBranch: r.head_branch ?? "",
            headSha: r.head_sha,
            conclusion: r.conclusion ?? null,
            startedAt: r.run_started_at ?? r.created_at
          });
        }
        if (runs.length >= limit) break;
      }
      return runs.slice(0, limit);
    }
  };
}
function commentsAndIssuesApi(octokit, repo, redact) {
  return {
    async listComments(number) {
      const all = await octokit.paginate(octokit.rest.issues.listComments, {
        ...repo,
        issue_number: number,
        per_page: 100
      });
      return all.map((c) => comment(c));
    },
    createComment: (number, body) => guarded(
      "comment on pull requests",
      "pull-requests: write",
      async () => comment(
        (await octokit.rest.issues.createComment({
          ...repo,
          issue_number: number,
          body: redact(body)
        })).data
      )
    ),
    updateComment: (id, body) => guarded(
      "update its comment",
      "pull-requests: write",
      async () => comment(
        (await octokit.rest.issues.updateComment({ ...repo, comment_id: id, body: redact(body) })).data
      )
    ),
    async listIssues(labels, state) {
      const all = await octokit.paginate(octokit.rest.issues.listForRepo, {
        ...repo,
        labels: labels.join(","),
        state,
        per_page: 100
      });
      return all.filter((i) => !i.pull_request).map(issue);
    },
    createIssue: (title, body, labels) => guarded(
      "open issues",
      "issues: write",
      async () => issue(
        (await octokit.rest.issues.create({
          ...repo,
          title: redact(title),
          body: redact(body),
          labels: [...labels]
        })).data
      )
    ),
    updateIssue: (number, change) => guarded(
      "update issues",
      "issues: write",
      async () => issue(
        (await octokit.rest.issues.update({
          ...repo,
          issue_number: number,
          ...change,
          ...change.body !== void 0 ? { body: redact(change.body) } : {}
        })).data
      )
    )
  };
}
function gitApi(octokit, repo) {
  return {
    async branchHead(branch) {
      try {
        return (await octokit.rest.git.getRef({ ...repo, ref: `heads/${branch}` })).data.object.sha;
      } catch (error2) {
        if (error2.status === 404) return void 0;
        throw error2;
      }
    },
    async commitFiles(sha) {
      const commit = await octokit.rest.git.getCommit({ ...repo, commit_sha: sha });
      const tree = await octokit.rest.git.getTree({
        ...repo,
        tree_sha: commit.data.tree.sha,
        recursive: "true"
      });
      return tree.data.tree.filter((e) => e.type === "blob" && e.path && e.sha).map((e) => ({ path: e.path, sha: e.sha, size: e.size ?? 0 }));
    },
    async blob(sha) {
      const b = await octokit.rest.git.getBlob({ ...repo, file_sha: sha });
      return Buffer.from(b.data.content, b.data.encoding === "base64" ? "base64" : "utf8").toString(
        "utf8"
      );
    },
    commit: (parent, changes, message) => guarded("write the history branch", "contents: write", async () => {
      const baseTree = parent ? (await octokit.rest.git.getCommit({ ...repo, commit_sha: parent })).data.tree.sha : void 0;
      const tree = await octokit.rest.git.createTree({
        ...repo,
        ...baseTree ? { base_tree: baseTree } : {},
        tree: changes.map(
          (c) => c.content === null ? { path: c.path, mode: "100644", type: "blob", sha: null } : { path: c.path, mode: "100644", type: "blob", content: c.content }
        )
      });
      const created = await octokit.rest.git.createCommit({
        ...repo,
        message,
        tree: tree.data.sha,
        parents: parent ? [parent] : []
      });
      return created.data.sha;
    }),
    advanceBranch: (branch, sha, create) => guarded("write the history branch", "contents: write", async () => {
      try {
        if (create)
          await octokit.rest.git.createRef({ ...repo, ref: `refs/heads/${branch}`, sha });
        else
          await octokit.rest.git.updateRef({ ...repo, ref: `heads/${branch}`, sha, force: false });
        return true;
      } catch (error2) {
        if (error2.status === 422) return false;
        throw error2;
      }
    })
  };
}
async function createRestApi(token, env, run, redact = (text) => text) {
  const { getOctokit } = await import("./github-UEJHL4EP.mjs");
  const octokit = getOctokit(token, { baseUrl: env.GITHUB_API_URL || "https://api.github.com" });
  const repo = { owner: run.owner, repo: run.repo };
  return {
    ...runsApi(octokit, repo),
    ...commentsAndIssuesApi(octokit, repo, redact),
    ...gitApi(octokit, repo)
  };
}

// src/github/summary.ts
var ActionsSummary = class {
  constructor(redactor) {
    this.redactor = redactor;
  }
  redactor;
  clean(text) {
    return escapeHtml(this.redactor.redact(text));
  }
  heading(text, level = 2) {
    summary.addHeading(this.clean(text), level);
    return this;
  }
  paragraph(text) {
    summary.addRaw(`<p>${this.clean(text)}</p>`, true);
    return this;
  }
  table(header, rows) {
    const head = header.map((h) => ({ data: this.clean(h), header: true }));
    const body = rows.map(
      (row) => row.map(
        (cell) => typeof cell === "string" ? this.clean(cell) : { data: this.clean(cell.data), header: cell.header ?? false }
      )
    );
    summary.addTable([head, ...body]);
    return this;
  }
  list(items) {
    summary.addList(items.map((i) => this.clean(i)));
    return this;
  }
  code(text, lang) {
    summary.addCodeBlock(this.clean(text), lang);
    return this;
  }
  async write() {
    if (!process.env.GITHUB_STEP_SUMMARY) return;
    await summary.write();
  }
};

// src/github/host.ts
function annotation(where) {
  if (!where) return void 0;
  return { file: where.file, startLine: where.line, startColumn: where.column, title: where.title };
}
var ActionsLogger = class {
  constructor(redactor) {
    this.redactor = redactor;
  }
  redactor;
  info(message) {
    info(this.redactor.redact(message));
  }
  warn(message, where) {
    warning(this.redactor.redact(message), annotation(where));
  }
  error(message, where) {
    error(this.redactor.redact(message), annotation(where));
  }
  debug(message) {
    debug(this.redactor.redact(message));
  }
  async group(title, fn) {
    return group(this.redactor.redact(title), fn);
  }
};
function createActionsHost(signal, redactor = new Redactor()) {
  const env = process.env;
  const cacheDir = join(env.RUNNER_TOOL_CACHE || join(tmpdir(), "rk1-cache"), "rk1");
  const tempDir = join(env.RUNNER_TEMP || tmpdir(), `rk1-${env.GITHUB_RUN_ID ?? process.pid}`);
  mkdirSync(cacheDir, { recursive: true });
  mkdirSync(tempDir, { recursive: true, mode: 448 });
  const run = runContextFromEnv(env);
  return {
    log: new ActionsLogger(redactor),
    run,
    github: run ? (token) => createRestApi(token, env, run, (text) => redactor.redact(text)) : void 0,
    summary: new ActionsSummary(redactor),
    artifacts: createActionsArtifactStore(env),
    setOutput: (name, value) => setOutput(name, value),
    mask: (secret) => {
      if (!secret) return;
      setSecret(secret);
      redactor.add(secret);
    },
    cacheDir,
    tempDir,
    env,
    signal
  };
}

// src/github/run-action.ts
async function runAction(command) {
  const controller = new AbortController();
  const onSignal = () => controller.abort(new Error("The run was cancelled."));
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  const redactor = new Redactor();
  try {
    const host = createActionsHost(controller.signal, redactor);
    for (const spec of command.inputs) {
      maskInput((s) => host.mask(s), spec, getInput(spec.name));
    }
    const inputs = new Inputs(command.inputs, (spec) => getInput(spec.name));
    await command.run({ host, inputs });
  } catch (error2) {
    if (error2 instanceof InputError) {
      for (const p of error2.problems.slice(0, 10)) {
        error(redactor.redact(`${formatProblemLocation(p)}${p.message}`), {
          title: "Invalid input",
          file: p.file && p.file !== "inputs" ? p.file : void 0,
          startLine: p.line,
          startColumn: p.column
        });
      }
    }
    setFailed(redactor.redact(errorText(error2)));
  } finally {
    process.removeListener("SIGINT", onSignal);
    process.removeListener("SIGTERM", onSignal);
  }
}

export {
  runAction
};

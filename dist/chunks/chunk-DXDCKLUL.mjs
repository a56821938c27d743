import { createRequire as __rk1CreateRequire } from 'node:module'; const require = __rk1CreateRequire(import.meta.url);
import {
  acquireLock,
  displayUrl,
  downloadToPartial,
  findCachedFile,
  httpRequest,
  removeQuietly,
  statusError,
  writeJsonAtomic
} from "./chunk-XT7A4R3X.mjs";
import {
  ImageError,
  sleep
} from "./chunk-T6JJEBSD.mjs";
import {
  Rk1Error
} from "./chunk-56JNS6Q3.mjs";

// src/kube/install.ts
import { execFile } from "node:child_process";
import { chmod, mkdir, mkdtemp, readFile, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";

// src/kube/errors.ts
var KubeToolMissingError = class extends Rk1Error {
};
var KubeToolInstallError = class extends Rk1Error {
};
var KubeCommandError = class extends Rk1Error {
  code;
  stderr;
  constructor(message, result, context = {}) {
    super(message, { evidence: lastLines(result.stderr, 15), ...context });
    this.code = result.code;
    this.stderr = result.stderr;
  }
};
function lastLines(text, n) {
  return text.trim().split("\n").slice(-n).join("\n");
}

// src/kube/tools.ts
import { accessSync, constants } from "node:fs";
import path from "node:path";
function executable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
function findOnPath(name, pathVar) {
  for (const dir of (pathVar ?? "").split(path.delimiter)) {
    if (!dir) continue;
    const file = path.join(dir, name);
    if (executable(file)) return file;
  }
  return void 0;
}
function locateKubeTools(env) {
  const found = {};
  const missing = [];
  for (const [name, variable] of [
    ["kubectl", "RK1_KUBECTL"],
    ["helm", "RK1_HELM"]
  ]) {
    const explicit = env[variable];
    const file = explicit ? executable(explicit) ? explicit : void 0 : findOnPath(name, env.PATH);
    if (file) found[name] = file;
    else missing.push(explicit ? { name, explicit } : { name });
  }
  return { found, missing };
}
var VARIABLES = { kubectl: "RK1_KUBECTL", helm: "RK1_HELM" };
function missingToolsError(env, missing) {
  const names = missing.map(
    (m) => m.explicit ? `${m.name} (${VARIABLES[m.name]}=${m.explicit} is not executable)` : m.name
  );
  return new KubeToolMissingError(`Not found: ${names.join(", ")}.`, {
    step: "deploy-workloads",
    evidence: `PATH=${env.PATH ?? ""}`,
    advice: "Install helm (3.x or 4.x) and kubectl on the runner and put them on PATH, or point RK1_HELM / RK1_KUBECTL at them."
  });
}
function discoverKubeTools(env) {
  const { found, missing } = locateKubeTools(env);
  if (missing.length > 0) throw missingToolsError(env, missing);
  return found;
}

// src/kube/install.ts
var execFileAsync = promisify(execFile);
var HELM_BASE_URL = "https://get.helm.sh";
var KUBECTL_BASE_URL = "https://dl.k8s.io/release";
function goArch(arch) {
  if (arch === "x64") return "amd64";
  if (arch === "arm64") return "arm64";
  throw new KubeToolInstallError(`No official helm/kubectl build for CPU architecture ${arch}.`, {
    step: "deploy-workloads",
    advice: "Install helm and kubectl yourself and put them on PATH (or set RK1_HELM / RK1_KUBECTL)."
  });
}
var trimSlash = (url) => url.replace(/\/+$/, "");
function toolRelease(name, version, arch, env) {
  const a = goArch(arch);
  if (name === "helm") {
    const fileName = `helm-${version}-linux-${a}.tar.gz`;
    const base2 = trimSlash(env.RK1_HELM_BASE_URL || HELM_BASE_URL);
    return {
      name,
      version,
      fileName,
      url: new URL(`${base2}/${fileName}`),
      checksumUrl: new URL(`${base2}/${fileName}.sha256sum`)
    };
  }
  const base = trimSlash(env.RK1_KUBECTL_BASE_URL || KUBECTL_BASE_URL);
  const url = new URL(`${base}/${version}/bin/linux/${a}/kubectl`);
  return {
    name,
    version,
    fileName: "kubectl",
    url,
    checksumUrl: new URL(`${url.href}.sha256`)
  };
}
function parseChecksumFile(text, url) {
  const hex = text.trim().split(/\s+/)[0]?.toLowerCase() ?? "";
  if (/^[0-9a-f]{64}$/.test(hex)) return hex;
  throw new KubeToolInstallError(`${displayUrl(url)} is not a sha256 checksum file.`, {
    step: "deploy-workloads",
    evidence: `starts with ${JSON.stringify(text.slice(0, 80))}`,
    advice: "Check the base URL (RK1_HELM_BASE_URL / RK1_KUBECTL_BASE_URL) and the pinned version."
  });
}
async function fetchText(url, signal) {
  const res = await httpRequest(url, { method: "GET", signal });
  if (res.status !== 200) {
    res.body.resume();
    throw statusError(res, url);
  }
  const chunks = [];
  let size = 0;
  for await (const chunk of res.body) {
    size += chunk.length;
    if (size > 64 * 1024) {
      res.body.destroy();
      break;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}
function toolsDir(cacheDir) {
  return join(cacheDir, "tools");
}
function indexPath(cacheDir, release, arch) {
  return join(toolsDir(cacheDir), `${release.name}-${release.version}-linux-${goArch(arch)}.json`);
}
async function cachedTool(cacheDir, release, arch) {
  let entry;
  try {
    entry = JSON.parse(await readFile(indexPath(cacheDir, release, arch), "utf8"));
  } catch {
    return void 0;
  }
  if (typeof entry.sha256 !== "string" || !/^[0-9a-f]{64}$/.test(entry.sha256)) return void 0;
  return findCachedFile(join(toolsDir(cacheDir), "sha256", entry.sha256, "bin"), release.name);
}
async function extractHelm(tarball, dir, arch) {
  const tmp = await mkdtemp(join(dir, ".extract-"));
  const member = `linux-${goArch(arch)}/helm`;
  try {
    await execFileAsync("tar", ["-xzf", tarball, "-C", tmp, member]);
  } catch (error) {
    await rm(tmp, { recursive: true, force: true });
    throw new KubeToolInstallError(`Could not extract ${member} from ${tarball}.`, {
      step: "deploy-workloads",
      evidence: error.stderr?.trim() || error.message,
      advice: "The verified tarball does not have the layout of a helm release; check the base URL."
    });
  }
  return tmp;
}
async function installOne(release, opts, arch) {
  const early = await cachedTool(opts.cacheDir, release, arch);
  if (early) {
    opts.log.info(`${release.name} ${release.version}: cached (${early}).`);
    return early;
  }
  await mkdir(toolsDir(opts.cacheDir), { recursive: true });
  const release_ = await acquireLock(`${indexPath(opts.cacheDir, release, arch)}.lock`, {
    log: opts.log,
    signal: opts.signal,
    what: displayUrl(release.url)
  });
  try {
    const late = await cachedTool(opts.cacheDir, release, arch);
    if (late) return late;
    const expected = parseChecksumFile(
      await fetchText(release.checksumUrl, opts.signal),
      release.checksumUrl
    );
    const dir = join(toolsDir(opts.cacheDir), "sha256", expected);
    await mkdir(join(dir, "bin"), { recursive: true });
    opts.log.info(`Installing ${release.name} ${release.version} from ${displayUrl(release.url)}.`);
    let downloaded;
    try {
      downloaded = (await downloadToPartial({
        url: release.url,
        partialPath: join(dir, `${release.fileName}.partial`),
        expectedSha256: expected,
        label: release.fileName,
        log: opts.log,
        signal: opts.signal
      })).path;
    } catch (error) {
      if (!(error instanceof ImageError)) throw error;
      throw new KubeToolInstallError(
        `${release.name} ${release.version} was not installed: ${error.message}`,
        {
          step: "deploy-workloads",
          evidence: error.evidence,
          advice: "Nothing was run or cached. A checksum mismatch means the artifact is not the published one: check RK1_HELM_BASE_URL / RK1_KUBECTL_BASE_URL (or a proxy), or install the tool yourself and put it on PATH."
        },
        { cause: error }
      );
    }
    const target = join(dir, "bin", release.name);
    if (release.name === "helm") {
      const tmp = await extractHelm(downloaded, dir, arch);
      try {
        const binary = join(tmp, `linux-${goArch(arch)}`, "helm");
        await chmod(binary, 493);
        await rename(binary, target);
      } finally {
        await rm(tmp, { recursive: true, force: true });
      }
    } else {
      await chmod(downloaded, 493);
      await rename(downloaded, target);
    }
    await removeQuietly(downloaded, `${downloaded}.json`);
    await writeJsonAtomic(indexPath(opts.cacheDir, release, arch), {
      url: displayUrl(release.url),
      sha256: expected,
      storedAt: (/* @__PURE__ */ new Date()).toISOString()
    });
    opts.log.info(`${release.name} ${release.version}: verified sha256 ${expected}.`);
    return target;
  } finally {
    await release_();
  }
}
async function ensureKubeTools(opts) {
  const { found, missing } = locateKubeTools(opts.env);
  const broken = missing.filter((m) => m.explicit);
  if (broken.length > 0) throw missingToolsError(opts.env, broken);
  const arch = opts.arch ?? process.arch;
  const paths = { ...found };
  for (const { name } of missing) {
    const release = toolRelease(name, opts.versions[name], arch, opts.env);
    paths[name] = await installOne(release, opts, arch);
  }
  return paths;
}
async function resolveKubeTools(o) {
  if (o.tools) return o.tools;
  if (!o.cacheDir) return discoverKubeTools(o.env);
  return ensureKubeTools({
    env: o.env,
    cacheDir: o.cacheDir,
    versions: o.versions,
    log: o.log,
    signal: o.signal
  });
}

// src/kube/session.ts
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path2 from "node:path";

// src/kube/exec.ts
import { execFile as execFile2 } from "node:child_process";
function execTool(file, args, opts) {
  return new Promise((resolve) => {
    const child = execFile2(
      file,
      args,
      {
        env: opts.env,
        timeout: opts.timeoutMs ?? 15 * 6e4,
        maxBuffer: 64 * 1024 * 1024,
        signal: opts.signal
      },
      (err, stdout, stderr) => {
        const raw = err ? err.code : 0;
        const code = typeof raw === "number" ? raw : err ? 1 : 0;
        const extra = err && typeof raw !== "number" ? `
${err.message}` : "";
        resolve({ code, stdout: String(stdout), stderr: String(stderr) + extra });
      }
    );
    child.stdin?.end(opts.input ?? "");
  });
}

// src/kube/retry.ts
var TRANSIENT = [
  [/etcdserver: (leader changed|no leader|request timed out)/i, "etcd leader change"],
  [/\(TooManyRequests\)|too many requests|\b429\b/i, "429 Too Many Requests"],
  [
    /\(ServiceUnavailable\)|currently unable to handle the request|\b503\b/i,
    "503 Service Unavailable"
  ],
  [
    /\(Timeout\)|\(GatewayTimeout\)|unable to return a response in the time allotted|\b504\b/i,
    "504 Timeout"
  ],
  [/\(BadGateway\)|\b502 Bad Gateway\b|\b502\b/, "502 Bad Gateway"],
  [/\(InternalError\)|an error on the server|\b500\b/i, "500 Internal Error"],
  [
    /connection refused|connection to the server \S+ was refused|connection reset|broken pipe|i\/o timeout|TLS handshake timeout|no route to host|unexpected EOF|": EOF|http2: server sent GOAWAY|net\/http: request canceled|Client\.Timeout exceeded|Unable to connect to the server|cluster unreachable/i,
    "API unreachable"
  ]
];
function transientReason(stderr) {
  return TRANSIENT.find(([re]) => re.test(stderr))?.[1];
}
var DEFAULT_RETRY = { budgetMs: 6e4, baseMs: 250, capMs: 4e3 };
var KubeUnavailableError = class extends KubeCommandError {
};
async function withRetry(policy, call) {
  const started = Date.now();
  const deadline = call.deadline ?? started + policy.budgetMs;
  const random = policy.random ?? Math.random;
  let delay = policy.baseMs;
  for (let attempt = 1; ; attempt++) {
    const r = await call.attempt(Math.max(0, deadline - Date.now()));
    if (r.code === 0) return r;
    const reason = transientReason(r.stderr);
    if (!reason) return r;
    const wait = Math.round(delay * (0.5 + random() / 2));
    if (Date.now() + wait >= deadline || call.signal?.aborted || !await (call.mayRetry?.() ?? true)) {
      if (attempt === 1 && Date.now() < deadline) return r;
      const s = ((Date.now() - started) / 1e3).toFixed(1);
      throw new KubeUnavailableError(
        `${call.label} failed: the Kubernetes API was unavailable for ${s} s (${reason}; ${attempt} attempts)`,
        r,
        {
          step: call.label.split(" ")[0],
          evidence: lastLines(r.stderr, 15),
          advice: "The API server did not recover within the timeout: check the control plane (restart, upgrade, load balancer), then run again; the deploy is idempotent."
        }
      );
    }
    policy.log?.(
      `${call.label}: ${reason} (${lastLines(r.stderr, 1).slice(0, 160)}); retry ${attempt} in ${(wait / 1e3).toFixed(1)} s`
    );
    await sleep(wait, call.signal);
    delay = Math.min(delay * 2, policy.capMs);
  }
}

// src/kube/session.ts
function openKubeSession(opts) {
  const dir = mkdtempSync(path2.join(opts.parentDir ?? tmpdir(), "rk1-kube-"));
  const kubeconfigPath = path2.join(dir, "kubeconfig");
  writeFileSync(kubeconfigPath, opts.kubeconfig, { mode: 384 });
  const env = {
    PATH: [
      path2.dirname(opts.tools.helm),
      path2.dirname(opts.tools.kubectl),
      "/usr/bin",
      "/bin"
    ].join(path2.delimiter),
    HOME: dir,
    KUBECONFIG: kubeconfigPath,
    KUBECACHEDIR: path2.join(dir, "kube-cache"),
    HELM_CACHE_HOME: path2.join(dir, "helm-cache"),
    HELM_CONFIG_HOME: path2.join(dir, "helm-config"),
    HELM_DATA_HOME: path2.join(dir, "helm-data"),
    NO_COLOR: "1"
  };
  return {
    dir,
    kubeconfigPath,
    tools: opts.tools,
    env,
    signal: opts.signal,
    retry: { ...DEFAULT_RETRY, ...opts.retry },
    run: (tool, args, o = {}) => execTool(opts.tools[tool], ["--kubeconfig", kubeconfigPath, ...args], {
      env,
      input: o.input,
      timeoutMs: o.timeoutMs,
      signal: opts.signal
    }),
    writeFile: (name, content) => {
      const file = path2.join(dir, name);
      writeFileSync(file, content, { mode: 384 });
      return file;
    },
    close: () => rmSync(dir, { recursive: true, force: true })
  };
}

// src/kube/kubectl.ts
var REPEATABLE = /* @__PURE__ */ new Set([
  "get",
  "describe",
  "logs",
  "version",
  "api-resources",
  "api-versions",
  "cluster-info",
  "explain",
  "top",
  "wait",
  "patch"
]);
function isRepeatable(args) {
  const verb = args.find((a) => !a.startsWith("-"));
  if (!verb) return false;
  if (REPEATABLE.has(verb)) return true;
  if (verb === "apply") return args.includes("--server-side");
  if (verb === "rollout") return args.includes("status");
  if (verb === "delete") return args.includes("--ignore-not-found");
  return false;
}
function kubectlDriver(session, opts = {}) {
  const call = async (args, o, argsFor = () => args) => {
    const label = `kubectl ${args.slice(0, 4).join(" ")}`;
    const attempt = (remainingMs) => session.run("kubectl", argsFor(remainingMs), { input: o.input, timeoutMs: o.timeoutMs });
    const r = o.retry ?? isRepeatable(args) ? await withRetry(session.retry, {
      label,
      attempt,
      deadline: opts.deadline,
      signal: session.signal
    }) : await attempt(Infinity);
    if (r.code !== 0) throw new KubeCommandError(`${label} failed`, r, { step: "kubectl" });
    return r.stdout;
  };
  const run = (args, o = {}) => call(args, o);
  const waitCall = (args, timeoutS) => call(args, { timeoutMs: (timeoutS + 30) * 1e3 }, (remainingMs) => {
    const left = opts.deadline ? Math.ceil(remainingMs / 1e3) : timeoutS;
    return [...args, `--timeout=${Math.max(1, Math.min(timeoutS, left))}s`];
  });
  const getJson = async (args) => JSON.parse(await run([...args, "-o", "json"]));
  return {
    run,
    getJson,
    find: async (kind, name, namespace) => {
      const args = ["get", kind, name, "--ignore-not-found", "-o", "json"];
      if (namespace) args.push("-n", namespace);
      const out = await run(args);
      return out.trim() ? JSON.parse(out) : void 0;
    },
    apply: (manifest, opts2 = {}) => run(
      [
        "apply",
        "--server-side",
        "--force-conflicts",
        `--field-manager=${opts2.fieldManager ?? "rk1"}`,
        "-f",
        "-"
      ],
      { input: manifest }
    ),
    rolloutStatus: async (kind, name, ns, timeoutS) => {
      await waitCall(["rollout", "status", `${kind}/${name}`, "-n", ns], timeoutS);
    },
    waitFor: async (resource, condition, ns, timeoutS) => {
      const args = ["wait", resource, `--for=${condition}`];
      if (ns) args.push("-n", ns);
      await waitCall(args, timeoutS);
    },
    events: async (ns, namePrefix) => {
      const list = await getJson(["get", "events", "-n", ns]);
      const when = (e) => e.lastTimestamp ?? e.eventTime ?? "";
      return list.items.filter((e) => e.involvedObject.name.startsWith(namePrefix)).sort((a, b) => when(a).localeCompare(when(b)));
    }
  };
}

// src/kube/helm.ts
function parseHelmMajor(short) {
  const m = /^v(\d+)\./.exec(short.trim());
  if (!m) throw new Error(`unexpected helm version: ${short.trim()}`);
  return Number(m[1]);
}
function helmUpgradeArgs(req, major) {
  const args = ["upgrade", "--install", req.release, req.chart, "-n", req.namespace];
  if (req.repo) args.push("--repo", req.repo);
  if (req.version) args.push("--version", req.version);
  args.push("-f", req.valuesFile, "--timeout", `${req.timeoutS}s`);
  if (major >= 4) args.push("--wait=watcher", "--rollback-on-failure");
  else args.push("--wait", "--atomic");
  return args;
}
function helmDriver(session, opts = {}) {
  let majorP;
  const retrying = (args, timeoutMs, mayRetry) => withRetry(session.retry, {
    label: `helm ${args.slice(0, 3).join(" ")}`,
    attempt: () => session.run("helm", args, { timeoutMs }),
    deadline: opts.deadline,
    mayRetry,
    signal: session.signal
  });
  const check = (args, r) => {
    if (r.code !== 0)
      throw new KubeCommandError(`helm ${args.slice(0, 3).join(" ")} failed`, r, { step: "helm" });
    return r.stdout;
  };
  const run = async (args, timeoutMs) => check(args, await retrying(args, timeoutMs));
  const list = async () => JSON.parse(
    await run(["list", "-A", "--deployed", "--failed", "--pending", "-o", "json"])
  );
  const notPending = async (req) => {
    const rel = (await list()).find((r) => r.name === req.release && r.namespace === req.namespace);
    return !rel?.status.startsWith("pending");
  };
  const mayRetryUpgrade = (req) => () => notPending(req).catch(() => true);
  const major = () => majorP ??= session.run("helm", ["version", "--short"]).then((r) => parseHelmMajor(check(["version"], r)));
  const upgradeArgs = async (req) => helmUpgradeArgs(req, await major());
  return {
    major,
    upgradeArgs,
    upgradeInstall: async (req) => {
      const args = await upgradeArgs(req);
      return check(args, await retrying(args, (req.timeoutS + 60) * 1e3, mayRetryUpgrade(req)));
    },
    list,
    getValues: async (release, namespace) => {
      const r = await retrying(["get", "values", release, "-n", namespace, "-o", "json"]);
      if (r.code !== 0 && /release: not found/.test(r.stderr)) return void 0;
      if (r.code !== 0) throw new KubeCommandError(`helm get values ${release} failed`, r);
      return JSON.parse(r.stdout) ?? {};
    },
    uninstall: async (release, namespace, timeoutS) => {
      const args = ["uninstall", release, "-n", namespace, "--wait", "--timeout", `${timeoutS}s`];
      const r = await retrying(args);
      if (r.code !== 0 && /not found/.test(r.stderr) && r.stderr.includes(release)) return;
      check(args, r);
    }
  };
}

export {
  KubeCommandError,
  lastLines,
  resolveKubeTools,
  openKubeSession,
  kubectlDriver,
  helmDriver
};

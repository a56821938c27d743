import { createRequire as __rk1CreateRequire } from 'node:module'; const require = __rk1CreateRequire(import.meta.url);
import {
  DEFAULT_UPLINK_BYTES_PER_SEC,
  ImageServer,
  SharedUplink,
  runnerAddressFor
} from "./chunk-NQZR6PMH.mjs";
import {
  SIMULATED_ANNOTATION,
  readKubeconfig
} from "./chunk-ULUAZJJM.mjs";
import {
  kubectlDriver,
  openKubeSession,
  resolveKubeTools
} from "./chunk-DXDCKLUL.mjs";
import {
  LONGHORN_MOUNT,
  LONGHORN_PATH,
  lockTimeoutMs,
  withInventoryLock
} from "./chunk-SDMNMNHI.mjs";
import {
  commandInventory
} from "./chunk-XT7A4R3X.mjs";
import {
  RECORD_SCHEMA,
  checkRecord,
  formatNumber,
  headlinesOf,
  knownReference
} from "./chunk-KEY3LHKL.mjs";
import "./chunk-PSYIE5SY.mjs";
import {
  BENCH_MODEL_CATALOGUE,
  Backoff,
  isLoopbackIpv4,
  parseIpv4,
  require_ajv,
  require_dist,
  selectNodes,
  sha256File,
  sleep
} from "./chunk-T6JJEBSD.mjs";
import {
  maskConfigSecrets
} from "./chunk-2M5DTWY3.mjs";
import {
  Rk1Error,
  errorText
} from "./chunk-56JNS6Q3.mjs";
import "./chunk-7BRERKNQ.mjs";
import {
  __toESM
} from "./chunk-TJN2CFBI.mjs";

// src/commands/npu-benchmark.ts
import { randomUUID as randomUUID2 } from "node:crypto";
import { mkdir as mkdir2, writeFile as writeFile2 } from "node:fs/promises";
import { join as join2, resolve } from "node:path";

// src/bench/contract.ts
var LINE_PREFIX = "RK1-BENCH ";
var SUITES = ["npu", "cpu", "storage", "llm"];
var STATUSES = ["ok", "skipped", "failed", "degraded"];
function isObject(v) {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
function resultProblem(o) {
  const w = o.workload;
  if (!isObject(w) || typeof w.id !== "string" || !w.id || typeof w.variant !== "string")
    return "result without workload id/variant";
  if (!STATUSES.includes(o.status))
    return `result with status ${JSON.stringify(o.status)}`;
  if (o.metrics !== void 0 && !isObject(o.metrics))
    return "result whose metrics is not an object";
  return void 0;
}
function parseHarnessLog(text2) {
  const out = { results: [], problems: [], logText: [] };
  for (const raw of text2.split("\n")) {
    const line = raw.replace(/\r$/, "");
    if (!line.startsWith(LINE_PREFIX)) {
      if (line.trim()) out.logText.push(line);
      continue;
    }
    let doc;
    try {
      doc = JSON.parse(line.slice(LINE_PREFIX.length));
    } catch {
      out.problems.push(`unreadable contract line: ${line.slice(0, 120)}`);
      continue;
    }
    if (!isObject(doc)) {
      out.problems.push(`contract line is not a JSON object: ${line.slice(0, 120)}`);
      continue;
    }
    switch (doc.type) {
      case "start":
        out.start = doc;
        break;
      case "environment":
        if (isObject(doc.node)) out.environment = doc.node;
        break;
      case "progress":
        if (typeof doc.workload === "string" && typeof doc.variant === "string")
          out.inProgress = {
            workload: doc.workload,
            variant: doc.variant,
            done: typeof doc.done === "number" ? doc.done : void 0,
            total: typeof doc.total === "number" ? doc.total : void 0
          };
        break;
      case "result": {
        const problem = resultProblem(doc);
        if (problem) {
          out.problems.push(problem);
          break;
        }
        const r = { ...doc, metrics: isObject(doc.metrics) ? doc.metrics : {} };
        out.results.push(r);
        const p = out.inProgress;
        if (p && p.workload === r.workload.id && p.variant === r.workload.variant)
          out.inProgress = void 0;
        break;
      }
      case "done":
        out.done = doc;
        break;
      default:
        out.problems.push(`unknown contract line type ${JSON.stringify(doc.type)}`);
    }
  }
  return out;
}
function logTail(text2, n = 20) {
  const lines = text2.split("\n").filter((l) => l.trim());
  return lines.slice(-n).map((l) => l.length > 300 ? `${l.slice(0, 300)}\u2026` : l).join("\n");
}

// src/bench/image-pin.ts
var UnpinnedImageError = class extends Rk1Error {
};
var DIGEST = /@sha256:[0-9a-f]{64}$/;
function isPinnedByDigest(image) {
  return DIGEST.test(image);
}
function chooseBenchImage(input, pinned2) {
  const given = input?.trim();
  if (given) return { image: given, from: "input" };
  return pinned2 ? { image: pinned2, from: "inventory" } : void 0;
}
var NO_IMAGE_ADVICE = "set versions.benchmarkImage in the inventory to the image the bench-image workflow built, pinned by digest (ghcr.io/OWNER/REPO/rk1-bench@sha256:\u2026, printed in its job summary), or give the benchmark-image input";
function checkImagePin(image, simulated, log) {
  if (isPinnedByDigest(image)) return;
  if (simulated) {
    log.warn(
      `The benchmark image ${image} is not pinned by digest; the lab runs the repository's harness whatever the image, but real hardware refuses it.`
    );
    return;
  }
  throw new UnpinnedImageError(
    `The benchmark image ${image} is not pinned by digest: a tag can point at another image on each node or night, and the records would not be comparable. Nothing was run.`,
    {
      step: "npu-benchmark",
      evidence: `benchmark image: ${image}`,
      advice: `Use ${image.replace(/@.*$/, "").replace(/:[^/:]+$/, "")}@sha256:<digest> (\`docker buildx imagetools inspect <image>\` shows the digest; the bench-image workflow prints it) in the benchmark-image input or the inventory's versions.benchmarkImage.`
    }
  );
}

// src/bench/manifest.ts
var BENCH_NAMESPACE = "rk1-bench";
var HARNESS_PATH = "/opt/rk1-bench/rk1_bench.py";
var CONTAINER = "bench";
var DATA_MOUNT = "/bench-data";
var MODEL_CACHE = "/var/lib/rk1-bench/models";
var MODEL_DIR = "/models";
var FETCH_MOUNT = "/rk1-models";
var FETCH_PATH = "/opt/rk1-bench/rk1_models.py";
var LABELS = {
  name: "app.kubernetes.io/name",
  managedBy: "app.kubernetes.io/managed-by",
  job: "rk1.bench/job",
  node: "rk1.bench/node",
  suite: "rk1.bench/suite",
  run: "rk1.bench/run"
};
function nvmeMount(distro) {
  return distro === "talos" ? LONGHORN_PATH : LONGHORN_MOUNT;
}
function benchDataDir(distro) {
  return `${nvmeMount(distro)}/rk1-bench`;
}
function needsPrivilege(suite) {
  return suite === "npu" || suite === "llm";
}
function namespaceManifest() {
  return {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: {
      name: BENCH_NAMESPACE,
      labels: {
        [LABELS.managedBy]: "rk1",
        "pod-security.kubernetes.io/enforce": "privileged",
        "pod-security.kubernetes.io/audit": "privileged",
        "pod-security.kubernetes.io/warn": "privileged"
      }
    }
  };
}
function jobName(suite, node) {
  const clean = node.toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/^-+|-+$/g, "");
  return `rk1-bench-${suite}-${clean}`.slice(0, 63).replace(/-+$/, "");
}
function harnessCommand(j) {
  return [
    "python3",
    HARNESS_PATH,
    "--suites",
    j.suite,
    "--mode",
    j.mode,
    "--node",
    j.node,
    "--distro",
    j.distro,
    "--data-dir",
    DATA_MOUNT,
    "--cooldown",
    String(j.cooldownS),
    ...[...j.modelProblems ?? []].flatMap(([file, why]) => ["--model-problem", `${file}=${why}`])
  ];
}
function readsModels(suite) {
  return suite !== "storage";
}
function volumes(j) {
  const data = j.suite === "storage" && j.hasNvme ? {
    name: "bench-data",
    hostPath: { path: benchDataDir(j.distro), type: "DirectoryOrCreate" }
  } : { name: "bench-data", emptyDir: {} };
  const vols = [data];
  const mounts = [{ name: "bench-data", mountPath: DATA_MOUNT }];
  if (readsModels(j.suite)) {
    vols.push({ name: "models", hostPath: { path: MODEL_CACHE, type: "DirectoryOrCreate" } });
    mounts.push({ name: "models", mountPath: MODEL_DIR, readOnly: true });
  }
  if (needsPrivilege(j.suite) && j.distro === "k3s") {
    vols.push({ name: "debugfs", hostPath: { path: "/sys/kernel/debug", type: "Directory" } });
    mounts.push({ name: "debugfs", mountPath: "/sys/kernel/debug", readOnly: true });
  }
  return { volumes: vols, mounts };
}
function jobManifest(j) {
  const { volumes: vols, mounts } = volumes(j);
  return benchJob({
    suite: j.suite,
    node: j.node,
    image: j.image,
    runLabel: j.runLabel,
    timeoutS: j.timeoutS,
    command: harnessCommand(j),
    privileged: needsPrivilege(j.suite),
    volumes: vols,
    mounts
  });
}
function benchJob(b) {
  const name = jobName(b.suite, b.node);
  const labels = {
    [LABELS.name]: "rk1-bench",
    [LABELS.managedBy]: "rk1",
    [LABELS.job]: name,
    [LABELS.node]: b.node,
    [LABELS.suite]: b.suite,
    [LABELS.run]: b.runLabel
  };
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name, namespace: BENCH_NAMESPACE, labels },
    spec: {
      // A crashed benchmark is a result (a failed record), not something to hide by retrying.
      backoffLimit: 0,
      activeDeadlineSeconds: b.timeoutS,
      // The command deletes its Jobs; this only cleans up after a runner that died mid-run.
      ttlSecondsAfterFinished: 3600,
      template: {
        metadata: { labels },
        spec: {
          nodeName: b.node,
          restartPolicy: "Never",
          // nodeName bypasses the scheduler; a NoExecute taint would still evict the pod.
          tolerations: [{ operator: "Exists" }],
          enableServiceLinks: false,
          automountServiceAccountToken: false,
          containers: [
            {
              name: CONTAINER,
              image: b.image,
              imagePullPolicy: "IfNotPresent",
              command: b.command,
              env: [{ name: "PYTHONUNBUFFERED", value: "1" }],
              securityContext: b.privileged ? { privileged: true } : { privileged: false, allowPrivilegeEscalation: false },
              volumeMounts: b.mounts
            }
          ],
          volumes: b.volumes
        }
      }
    }
  };
}
function fetchJobManifest(f) {
  return benchJob({
    suite: "models",
    node: f.node,
    image: f.image,
    runLabel: f.runLabel,
    timeoutS: f.timeoutS,
    command: ["python3", FETCH_PATH, "--cache", FETCH_MOUNT, "--spec", f.spec],
    privileged: false,
    volumes: [{ name: "models", hostPath: { path: MODEL_CACHE, type: "DirectoryOrCreate" } }],
    mounts: [{ name: "models", mountPath: FETCH_MOUNT }]
  });
}

// src/bench/models.ts
import { stat } from "node:fs/promises";
var MODEL_LINE_PREFIX = "RK1-MODEL ";
function modelsForSuites(suites, distro) {
  return BENCH_MODEL_CATALOGUE.filter((m) => suites.includes(m.suite) && m.distros.includes(distro));
}
function pinned(inventory, m) {
  return inventory.benchmark.models[m.id]?.[m.format];
}
var where = (m) => `benchmark.models.${m.id}.${m.format}`;
function isLoopbackUrl(url) {
  try {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
    const ip = parseIpv4(host);
    return host === "localhost" || host === "::1" || ip !== void 0 && isLoopbackIpv4(ip);
  } catch {
    return false;
  }
}
function problemOf(line, m) {
  const source = line.source ?? "?";
  switch (line.status) {
    case "cached":
    case "fetched":
      return void 0;
    case "mismatch":
      return `model ${line.file} failed its sha256 check: expected ${line.expected}, got ${line.actual} (source ${source}); the download was deleted and nothing of this workload ran`;
    case "unpinned":
      return `model ${line.file} is not pinned: ${source} has sha256 ${line.actual}; check the file and pin it as ${m ? where(m) : "benchmark.models"}.sha256 in the inventory; nothing of this workload ran`;
    default:
      return `model ${line.file} could not be fetched from ${source}: ${line.reason ?? line.status}; nothing of this workload ran`;
  }
}
function parseModelLines(log) {
  const lines = [];
  let done = false;
  for (const raw of log.split("\n")) {
    const at = raw.indexOf(MODEL_LINE_PREFIX);
    if (at < 0) continue;
    try {
      const obj = JSON.parse(raw.slice(at + MODEL_LINE_PREFIX.length));
      if (obj.type === "models-done") done = true;
      else if (obj.type === "model" && typeof obj.file === "string")
        lines.push(obj);
    } catch {
    }
  }
  return { lines, done };
}
function modelPlanRows(inventory, suites, distro) {
  return modelsForSuites(suites, distro).map((m) => {
    const pin = pinned(inventory, m);
    const source = pin?.source ?? m.defaultSource;
    return {
      file: m.file,
      suite: m.suite,
      source: source ? `${source}${pin?.kind === "file" ? " (served by the runner)" : ""}` : "\u2014",
      sha256: pin ? pin.sha256 : source ? `UNPINNED: set ${where(m)}.sha256` : `no source: set ${where(m)} { source, sha256 }`
    };
  });
}
async function prepareModels(o) {
  const fetch = [];
  const problems = /* @__PURE__ */ new Map();
  const entries = /* @__PURE__ */ new Map();
  let server;
  const serve = async () => {
    if (server) return server;
    const nodeIp = o.inventory.nodes[0]?.ip ?? "127.0.0.1";
    const host = await runnerAddressFor(nodeIp, o.runnerAddress);
    server = await ImageServer.start({
      host,
      uplink: new SharedUplink(DEFAULT_UPLINK_BYTES_PER_SEC),
      log: o.log
    });
    o.log.info(`Serving the inventory's local model files to the nodes from ${host}.`);
    return server;
  };
  for (const m of modelsForSuites(o.suites, o.distro)) {
    entries.set(m.file, m);
    const pin = pinned(o.inventory, m);
    const source = pin?.source ?? m.defaultSource;
    if (!source) {
      if (o.simulated) continue;
      problems.set(
        m.file,
        `model ${m.file} has no source: ${m.note}. Set ${where(m)} { source, sha256 } in the inventory; nothing of this workload ran`
      );
      continue;
    }
    if (!pin) {
      if (!o.simulated) fetch.push({ file: m.file, url: source, sha256: null, source });
      continue;
    }
    if (pin.kind === "url") {
      if (o.simulated && !isLoopbackUrl(pin.source)) {
        o.log.info(
          `lab: ${m.file} not fetched: the lab fetches only from 127.0.0.0/8 (SIMULATED engines read no model)`
        );
        continue;
      }
      fetch.push({ file: m.file, url: pin.source, sha256: pin.sha256, source: pin.source });
      continue;
    }
    let actual;
    try {
      actual = await sha256File(pin.source, { signal: o.signal });
    } catch (e) {
      problems.set(
        m.file,
        `model ${m.file}: the local file ${pin.source} cannot be read (${errorText(e).split("\n")[0]}); nothing of this workload ran`
      );
      continue;
    }
    if (actual !== pin.sha256) {
      problems.set(
        m.file,
        `model ${m.file} failed its sha256 check on the runner: expected ${pin.sha256}, got ${actual} (source ${pin.source}); nothing was sent and nothing of this workload ran`
      );
      continue;
    }
    const { size } = await stat(pin.source);
    const offer = (await serve()).offer(`model ${m.file}`, {
      path: pin.source,
      fileName: m.file,
      format: "raw",
      bytes: size,
      sha256: actual,
      rawBytes: size
    });
    fetch.push({ file: m.file, url: offer.imageUrl, sha256: pin.sha256, source: pin.source });
  }
  for (const [file, why] of problems) o.log.warn(`${file}: ${why}`);
  return {
    fetch,
    problems,
    entries,
    close: async () => {
      await server?.close();
    }
  };
}

// src/bench/job.ts
var CANNOT_START = /* @__PURE__ */ new Set([
  "InvalidImageName",
  "ErrImageNeverPull",
  "CreateContainerConfigError",
  "CreateContainerError"
]);
var PULLING = /* @__PURE__ */ new Set(["ErrImagePull", "ImagePullBackOff"]);
var PULL_FINAL = /not found|manifest unknown|unauthorized|denied|forbidden|\b40[13]\b/i;
var PULL_GRACE_MS = 9e4;
var jobFinished = (job) => job?.status?.conditions?.find(
  (c) => (c.type === "Complete" || c.type === "Failed") && c.status === "True"
);
async function podsOf(kubectl, name) {
  const list = await kubectl.getJson([
    "get",
    "pods",
    "-n",
    BENCH_NAMESPACE,
    "-l",
    `${LABELS.job}=${name}`
  ]);
  return [...list.items].sort(
    (a, b) => (a.metadata.creationTimestamp ?? "").localeCompare(b.metadata.creationTimestamp ?? "")
  );
}
var containerState = (pod) => pod?.status?.containerStatuses?.find((c) => c.name === CONTAINER)?.state;
async function readLog(kubectl, pod) {
  if (!pod) return "";
  try {
    return await kubectl.run(["logs", pod.metadata.name, "-n", BENCH_NAMESPACE, "-c", CONTAINER]);
  } catch {
    return "";
  }
}
async function eventText(kubectl, name) {
  try {
    const events = await kubectl.events(BENCH_NAMESPACE, name);
    return events.slice(-8).map((e) => `${e.involvedObject.kind}/${e.involvedObject.name}: ${e.reason}: ${e.message}`).join("\n");
  } catch (e) {
    return `events not readable: ${errorText(e).split("\n")[0]}`;
  }
}
async function pullError(kubectl, pod) {
  if (!pod) return "";
  const events = await kubectl.events(BENCH_NAMESPACE, pod.metadata.name).catch(() => []);
  const failed = events.filter(
    (e) => e.reason === "Failed" && e.message.startsWith("Failed to pull image")
  );
  const last = failed.at(-1)?.message ?? "";
  return last.replace(/^Failed to pull image "[^"]*": /, "");
}
var NODE_NOT_READY_GRACE_MS = 6e4;
async function nodeNotReady(kubectl, node) {
  const n = await kubectl.find("node", node);
  const ready = n?.status?.conditions?.find((c) => c.type === "Ready");
  if (!n)
    return {
      type: "Ready",
      status: "Unknown",
      reason: "NodeGone",
      message: "the Node object was deleted"
    };
  return ready?.status === "True" ? void 0 : ready;
}
async function runJob(kubectl, name, manifest, o) {
  await deleteJob(kubectl, name);
  await kubectl.apply(JSON.stringify(manifest));
  const backoff = new Backoff(o.pollFirstMs ?? 250, o.pollMaxMs ?? 3e3);
  let stuck;
  let imagePull;
  let pullingSince;
  let notReadySince;
  let nodeLost;
  let end;
  for (; ; ) {
    end = jobFinished(await kubectl.find("job", name, BENCH_NAMESPACE));
    if (end) break;
    const down = o.node ? await nodeNotReady(kubectl, o.node) : void 0;
    if (down) {
      notReadySince ??= Date.now();
      if (down.status !== "False" || Date.now() - notReadySince >= NODE_NOT_READY_GRACE_MS) {
        nodeLost = { reason: down.reason ?? "NotReady", message: down.message ?? "" };
        break;
      }
    } else notReadySince = void 0;
    const latest = (await podsOf(kubectl, name)).at(-1);
    const waiting = containerState(latest)?.waiting;
    const reason = waiting?.reason ?? "";
    const text2 = `${reason}${waiting?.message ? `: ${waiting.message}` : ""}`;
    if (CANNOT_START.has(reason)) {
      stuck = text2;
      break;
    }
    if (PULLING.has(reason)) {
      pullingSince ??= Date.now();
      const message = reason === "ErrImagePull" ? waiting?.message ?? "" : await pullError(kubectl, latest);
      if (PULL_FINAL.test(message) || Date.now() - pullingSince >= PULL_GRACE_MS) {
        stuck = text2;
        imagePull = {
          image: latest?.spec?.containers?.find((c) => c.name === CONTAINER)?.image ?? "",
          reason: "ErrImagePull",
          message: message || (waiting?.message ?? "")
        };
        break;
      }
    } else pullingSince = void 0;
    if (Date.now() >= o.deadline) break;
    await sleep(backoff.next(), o.signal);
  }
  const pod = (await podsOf(kubectl, name)).at(-1);
  const log = await readLog(kubectl, pod);
  o.signal?.throwIfAborted();
  const terminated = containerState(pod)?.terminated;
  const exit = terminated?.exitCode !== void 0 ? `exit ${terminated.exitCode} (${terminated.reason ?? "terminated"}${terminated.message ? `: ${terminated.message}` : ""})` : void 0;
  if (end?.type === "Complete")
    return { state: "completed", detail: exit ?? "completed", log, exitCode: terminated?.exitCode };
  const detail = nodeLost ? `node ${o.node} went NotReady while the Job ran (${nodeLost.reason}: ${nodeLost.message})` : stuck ? `pod cannot start: ${stuck}` : end ? [exit, `${end.reason ?? "Failed"}: ${end.message ?? ""}`.trim()].filter(Boolean).join("; ") : `no end within the timeout (pod ${pod?.status?.phase ?? "not created"})`;
  const evidence = log.trim() ? void 0 : await eventText(kubectl, name);
  o.signal?.throwIfAborted();
  return {
    state: "failed",
    detail,
    log,
    exitCode: terminated?.exitCode,
    evidence,
    imagePull,
    nodeLost
  };
}
async function forceDeletePods(kubectl, name) {
  await kubectl.run([
    "delete",
    "pods",
    "-n",
    BENCH_NAMESPACE,
    "-l",
    `${LABELS.job}=${name}`,
    "--ignore-not-found",
    "--force",
    "--grace-period=0"
  ]);
}
async function deleteJob(kubectl, name) {
  await kubectl.run([
    "delete",
    "job",
    name,
    "-n",
    BENCH_NAMESPACE,
    "--ignore-not-found",
    "--cascade=foreground",
    "--wait=true",
    "--timeout=120s"
  ]);
}
async function deleteRunJobs(kubectl, runLabel) {
  await kubectl.run([
    "delete",
    "jobs",
    "-n",
    BENCH_NAMESPACE,
    "-l",
    `${LABELS.run}=${runLabel}`,
    "--ignore-not-found",
    "--cascade=foreground",
    "--wait=true",
    "--timeout=120s"
  ]);
}

// src/bench/model-fetch.ts
function mb(bytes) {
  return bytes === void 0 ? "" : ` (${(bytes / 1e6).toFixed(1)} MB)`;
}
async function fetchModelsOnNode(o) {
  const out = { problems: new Map(o.plan.problems), verified: /* @__PURE__ */ new Map() };
  if (o.plan.fetch.length === 0) return out;
  const name = jobName("models", o.node);
  o.log.info(`${o.node}: models (Job ${name}): ${o.plan.fetch.map((f) => f.file).join(", ")}`);
  let outcome;
  try {
    outcome = await runJob(
      o.kubectl,
      name,
      fetchJobManifest({
        node: o.node,
        image: o.image,
        spec: JSON.stringify(o.plan.fetch),
        timeoutS: o.timeoutS,
        runLabel: o.runLabel
      }),
      { deadline: Date.now() + (o.timeoutS + 60) * 1e3, signal: o.signal }
    );
  } catch (e) {
    if (o.signal?.aborted) throw e;
    outcome = { state: "failed", detail: errorText(e).split("\n")[0] ?? "error", log: "" };
  }
  await o.writer.log(o.node, "models", outcome.log, outcome);
  if (outcome.imagePull) {
    await deleteJob(o.kubectl, name).catch(() => void 0);
    return { ...out, imagePull: outcome.imagePull };
  }
  const { lines } = parseModelLines(outcome.log);
  for (const item of o.plan.fetch) {
    const line = lines.find((l) => l.file === item.file);
    if (!line) {
      out.problems.set(
        item.file,
        `model ${item.file}: the model fetch Job said nothing about it (${outcome.detail}); nothing of this workload ran`
      );
      continue;
    }
    const problem = problemOf({ ...line, source: item.source }, o.plan.entries.get(item.file));
    if (problem) {
      out.problems.set(item.file, problem);
      o.log.warn(`${o.node}: ${problem}`);
      continue;
    }
    out.verified.set(item.file, { sha256: line.sha256 ?? item.sha256 ?? "", source: item.source });
    o.log.info(
      `${o.node}: ${item.file} ${line.status === "cached" ? "cached, sha256 checked" : `fetched and checked${mb(line.bytes)}`}`
    );
  }
  await deleteJob(o.kubectl, name).catch(
    (e) => o.log.warn(`${o.node}: Job ${name} not deleted: ${errorText(e).split("\n")[0]}`)
  );
  return out;
}

// src/bench/records.ts
import { randomUUID } from "node:crypto";
var distroLabel = (d) => d === "talos" ? "talos" : "k3s-armbian";
function cluster(run, node, simulated) {
  return dropEmpty({
    distro: distroLabel(run.distro),
    distro_version: node.info?.osImage,
    kubernetes_version: node.info?.kubeletVersion,
    container_runtime: node.info?.containerRuntimeVersion,
    cluster_id: run.clusterId,
    simulated
  });
}
function nodePart(node) {
  const env = { ...node.environment ?? {} };
  delete env.simulated;
  delete env.distro;
  return dropEmpty({
    ...env,
    name: node.name,
    slot: node.slot,
    kernel: env.kernel ?? node.info?.kernelVersion
  });
}
function dropEmpty(o) {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== void 0 && v !== null));
}
function isSimulated(run, node, r) {
  return run.labSimulated || node.harnessSimulated === true || r?.simulated === true;
}
function referencesFor(record) {
  const refs = [];
  for (const h of headlinesOf(record)) {
    const ref = knownReference(record.workload.id, record.workload.variant, h);
    if (ref && !refs.some((x) => x.metric === ref.metric)) refs.push(ref);
  }
  return refs;
}
function isSpeedup(v) {
  if (typeof v !== "object" || v === null) return false;
  const o = v;
  const b = o.baseline;
  return typeof o.basis === "string" && typeof b?.id === "string" && typeof b.variant === "string";
}
function recordFromResult(run, node, r, files = {}) {
  const simulated = isSimulated(run, node, r);
  const workload = dropEmpty({ ...r.workload });
  const record = {
    schema: RECORD_SCHEMA,
    schema_version: 1,
    run_id: randomUUID(),
    suite_id: run.suiteId,
    started_at: r.started_at,
    finished_at: r.finished_at,
    simulated,
    source: run.source,
    cluster: cluster(run, node, simulated),
    node: nodePart(node),
    workload,
    method: r.method,
    status: r.status,
    reason: r.reason,
    metrics: r.metrics,
    telemetry: r.telemetry,
    references: void 0,
    note: typeof r.note === "string" ? r.note : void 0,
    speedup: isSpeedup(r.speedup) ? r.speedup : void 0,
    harness_version: node.harnessVersion,
    artifacts: dropEmpty({ log: node.log, ...files })
  };
  const refs = referencesFor(record);
  if (refs.length) record.references = refs;
  return dropEmpty(record);
}
function failedRecord(run, node, o) {
  const simulated = isSimulated(run, node);
  return dropEmpty({
    schema: RECORD_SCHEMA,
    schema_version: 1,
    run_id: randomUUID(),
    suite_id: run.suiteId,
    started_at: o.startedAt,
    finished_at: o.finishedAt ?? (/* @__PURE__ */ new Date()).toISOString(),
    simulated,
    source: run.source,
    cluster: cluster(run, node, simulated),
    node: nodePart(node),
    workload: o.workload ?? { id: o.suite, variant: `${o.suite}-suite` },
    status: o.status ?? "failed",
    reason: o.reason,
    metrics: {},
    evidence: o.evidence,
    harness_version: node.harnessVersion,
    artifacts: node.log ? { log: node.log } : void 0
  });
}

// src/bench/validate.ts
var import_ajv = __toESM(require_ajv(), 1);
var import_ajv_formats = __toESM(require_dist(), 1);

// src/bench/record-schema.ts
var text = { type: "string", minLength: 1 };
var optionalText = { type: "string" };
var metric = {
  type: "object",
  properties: {
    unit: optionalText,
    direction: { enum: ["lower", "higher"] }
  },
  // Every other field of a metric is a statistic: n, mean, stddev, cv, min, p50…p99, max, value.
  additionalProperties: { type: ["number", "null"] }
};
var runRecordJsonSchema = {
  $schema: "http://json-schema.org/draft-07/schema#",
  title: "rk1-bench run record",
  description: "One benchmark execution of one workload variant on one node (specs/bench.md \xA78), as written by npu-benchmark and read by report.",
  type: "object",
  required: [
    "schema",
    "schema_version",
    "run_id",
    "started_at",
    "cluster",
    "node",
    "workload",
    "status",
    "metrics"
  ],
  properties: {
    schema: { const: "rk1-bench/run" },
    schema_version: { const: 1 },
    run_id: text,
    suite_id: text,
    started_at: { type: "string", format: "date-time" },
    finished_at: { type: "string", format: "date-time" },
    simulated: { type: "boolean", description: "Made in the virtual lab: never a real figure." },
    harness_version: optionalText,
    source: {
      type: "object",
      properties: {
        repo: optionalText,
        commit: optionalText,
        ref: optionalText,
        workflow: optionalText,
        trigger: optionalText
      }
    },
    cluster: {
      type: "object",
      required: ["distro", "cluster_id"],
      properties: {
        distro: { type: "string", pattern: "^(talos|k3s.*)$" },
        distro_version: optionalText,
        kubernetes_version: optionalText,
        container_runtime: optionalText,
        cluster_id: text,
        simulated: { type: "boolean" }
      }
    },
    node: {
      type: "object",
      required: ["name"],
      properties: {
        name: text,
        slot: { type: "integer", minimum: 1, maximum: 4 },
        kernel: optionalText,
        ram_mb: { type: ["integer", "null"] },
        npu: {
          type: "object",
          properties: {
            driver: { type: ["string", "null"] },
            driver_version: { type: ["string", "null"] },
            device_nodes: { type: "array", items: { type: "string" } }
          }
        },
        storage: { type: "object" },
        cpu: {
          type: "object",
          properties: { policies: { type: "array", items: { type: "object" } } }
        }
      }
    },
    workload: {
      type: "object",
      required: ["id", "variant"],
      properties: {
        id: text,
        variant: text,
        engine: optionalText,
        engine_version: optionalText,
        runtime_lib_version: optionalText,
        model: { type: "object" },
        params: { type: "object" }
      }
    },
    method: {
      type: "object",
      properties: {
        clock_mode: optionalText,
        // bench.md §6: the NPU's own run time (RKNN_QUERY_PERF_RUN), or the caller's clock around
        // the whole inference (optionally with post-processing). Each scope is its own record.
        timing_scope: { enum: ["run_only", "end_to_end", "end_to_end_post"] },
        timer: optionalText,
        warmup: { type: "integer", minimum: 0 },
        iterations: { type: "integer", minimum: 0 },
        mode: { enum: ["quick", "full"] }
      }
    },
    status: { enum: ["ok", "skipped", "failed", "degraded"] },
    reason: optionalText,
    evidence: optionalText,
    metrics: { type: "object", additionalProperties: metric },
    telemetry: {
      type: "object",
      properties: {
        throttled: { type: "boolean" },
        throttle_evidence: { type: "array", items: { type: "string" } },
        max_temp_c: {
          anyOf: [{ type: "number" }, { type: "object", additionalProperties: { type: "number" } }]
        }
      }
    },
    references: {
      type: "array",
      items: {
        type: "object",
        required: ["metric", "value", "source"],
        properties: {
          metric: text,
          value: { type: "number" },
          unit: optionalText,
          source: text,
          conditions: optionalText
        }
      }
    },
    note: optionalText,
    speedup: {
      type: "object",
      description: "This row over the CPU row of the same model (p50 against p50, above 1 when this row is faster), with the basis of the comparison.",
      required: ["baseline", "basis"],
      properties: {
        baseline: {
          type: "object",
          required: ["id", "variant"],
          properties: {
            id: text,
            variant: text,
            engine: optionalText,
            engine_version: optionalText
          }
        },
        stat: { const: "p50" },
        basis: text,
        decode_tok_s: { type: "number", exclusiveMinimum: 0 },
        prefill_tok_s: { type: "number", exclusiveMinimum: 0 },
        ttft_ms: { type: "number", exclusiveMinimum: 0 },
        latency_ms: { type: "number", exclusiveMinimum: 0 }
      }
    },
    artifacts: {
      type: "object",
      description: "Evidence beside the record, paths relative to the results folder.",
      additionalProperties: { type: "string" }
    }
  },
  allOf: [
    {
      // A result that was measured has numbers; one that was not says why.
      if: { properties: { status: { enum: ["skipped", "failed"] } } },
      then: { required: ["reason"] }
    }
  ]
};

// src/bench/validate.ts
var compiled;
function validator() {
  if (!compiled) {
    const ajv = new import_ajv.default({
      allErrors: true,
      strict: true,
      strictRequired: false,
      allowUnionTypes: true
    });
    (0, import_ajv_formats.default)(ajv, ["date-time"]);
    compiled = ajv.compile(runRecordJsonSchema);
  }
  return compiled;
}
function recordProblems(doc) {
  const validate = validator();
  const problems = validate(doc) ? [] : (validate.errors ?? []).map(
    (e) => `${e.instancePath || "(record)"} ${e.message ?? "invalid"}`
  );
  for (const p of checkRecord(doc)) if (!problems.includes(p)) problems.push(p);
  return problems;
}

// src/bench/node-run.ts
async function suiteRecords(o, suite, startedAt, outcome, failures, models) {
  const name = o.node.hostname;
  const parsed = parseHarnessLog(outcome.log);
  const logFile = await o.writer.log(name, suite, outcome.log, outcome);
  const ctx = {
    name,
    slot: o.node.slot,
    info: o.kube?.info,
    environment: parsed.environment,
    harnessVersion: parsed.start?.harness_version,
    harnessSimulated: parsed.start?.simulated === true,
    log: logFile
  };
  const records = [];
  for (const r of parsed.results) {
    const model = r.workload.model;
    const checked = typeof model?.file === "string" ? models?.verified.get(model.file) : void 0;
    if (model && checked)
      Object.assign(model, { sha256: checked.sha256, source_url: checked.source });
    const evidence = await o.writer.evidence(name, r);
    const rec = recordFromResult(o.run, ctx, r, evidence);
    const problems = recordProblems(rec);
    if (problems.length === 0) {
      records.push(rec);
      continue;
    }
    const what = `${r.workload.id}/${r.workload.variant}`;
    failures.push(`${name}: ${what}: the harness result is not a valid record`);
    records.push(
      failedRecord(o.run, ctx, {
        suite,
        workload: { id: r.workload.id, variant: r.workload.variant },
        reason: `the harness result is not a valid run record: ${problems.slice(0, 5).join("; ")}`,
        evidence: JSON.stringify(r).slice(0, 2e3),
        startedAt: r.started_at || startedAt
      })
    );
  }
  for (const p of parsed.problems) o.log.warn(`${name} ${suite}: ${p}`);
  const finished = outcome.state === "completed" && parsed.done !== void 0;
  if (outcome.imagePull) {
    const p = outcome.imagePull;
    failures.push(`${name}: the benchmark image ${p.image} could not be pulled (${p.reason})`);
    records.push(
      failedRecord(o.run, ctx, {
        suite,
        reason: `the benchmark image ${p.image} could not be pulled on ${name}: ${p.reason}: ${p.message}`,
        evidence: outcome.evidence,
        startedAt
      })
    );
  } else if (!finished) {
    const why = outcome.state === "completed" ? `the harness exited (${outcome.detail}) without its done line` : `the benchmark Job failed: ${outcome.detail}`;
    const interrupted = parsed.inProgress ? `; interrupted during ${parsed.inProgress.workload}/${parsed.inProgress.variant}` : "";
    const after = ` after ${parsed.results.length} result(s)`;
    failures.push(`${name}: ${suite}: ${why}`);
    records.push(
      failedRecord(o.run, ctx, {
        suite,
        workload: parsed.inProgress ? { id: parsed.inProgress.workload, variant: parsed.inProgress.variant } : void 0,
        reason: `${why}${after}${interrupted}`,
        evidence: [logTail(outcome.log), outcome.evidence].filter(Boolean).join("\n") || void 0,
        startedAt
      })
    );
  }
  return records;
}
function notRun(o, suites, reason, status) {
  const ctx = { name: o.node.hostname, slot: o.node.slot, info: o.kube?.info };
  const at = (/* @__PURE__ */ new Date()).toISOString();
  return suites.map(
    (suite) => failedRecord(o.run, ctx, { suite, status, reason, startedAt: at, finishedAt: at })
  );
}
async function benchmarkNode(o) {
  const name = o.node.hostname;
  const out = { name, records: [], failures: [] };
  if (!o.kube?.ready) {
    const reason = o.kube ? `node ${name} is not Ready${o.kube.reason ? ` (${o.kube.reason})` : ""}: nothing ran on it` : `node ${name} is not a node of this cluster (kubectl get nodes): nothing ran on it`;
    out.failures.push(reason);
    out.records.push(...notRun(o, o.suites, reason, "failed"));
    return out;
  }
  const runnable = o.suites.filter((s) => s !== "storage" || o.node.disks.data);
  if (runnable.length < o.suites.length)
    out.records.push(
      ...notRun(
        o,
        ["storage"],
        `no NVMe data disk in the inventory for ${name}: storage is measured only on the NVMe filesystem`,
        "skipped"
      )
    );
  const cancel = (from) => {
    out.cancelled = true;
    const suite = runnable[from];
    if (suite && out.started === suite)
      out.records.push(
        ...notRun(o, [suite], `cancelled while it ran (${suite} suite on ${name})`, "skipped")
      );
    const rest = runnable.slice(out.started === suite ? from + 1 : from);
    out.records.push(...notRun(o, rest, `not run: the run was cancelled (${name})`, "skipped"));
    delete out.started;
    return out;
  };
  let models;
  try {
    models = o.models && runnable.some(readsModels) ? await fetchModelsOnNode({
      kubectl: o.kubectl,
      node: name,
      image: o.image,
      plan: o.models,
      // A first fetch of every model can be a few GB; a stalled one ends by the script's read timeout.
      timeoutS: Math.max(o.timeoutS, 1800),
      runLabel: o.runLabel,
      writer: o.writer,
      log: o.log,
      signal: o.signal
    }) : void 0;
  } catch (e) {
    if (!o.signal?.aborted) throw e;
    return cancel(0);
  }
  if (models?.imagePull) {
    const p = models.imagePull;
    out.imagePull = { ...p, suite: "models" };
    out.failures.push(`${name}: the benchmark image ${p.image} could not be pulled (${p.reason})`);
    out.records.push(
      ...notRun(
        o,
        runnable,
        `not run: the benchmark image ${p.image} could not be pulled on ${name} (model fetch): ${p.reason}: ${p.message}`,
        "failed"
      )
    );
    return out;
  }
  for (const suite of runnable)
    for (const why of suiteProblems(o, models, suite).values()) out.failures.push(`${name}: ${why}`);
  for (const [i, suite] of runnable.entries()) {
    try {
      await runSuite(o, out, suite, i > 0, models);
    } catch (e) {
      if (!o.signal?.aborted) throw e;
      return cancel(i);
    }
    if (out.lostDuring) {
      const rest = runnable.slice(i + 1);
      out.records.push(
        ...notRun(
          o,
          rest,
          `not run: node ${name} went NotReady during the ${suite} suite`,
          "failed"
        )
      );
      break;
    }
    if (out.imagePull) {
      const rest = runnable.slice(i + 1);
      out.records.push(
        ...notRun(
          o,
          rest,
          `not run: the benchmark image ${out.imagePull.image} could not be pulled on ${name} (${suite} suite)`,
          "failed"
        )
      );
      break;
    }
  }
  return out;
}
var suiteProblems = (o, models, suite) => new Map(
  [...models?.problems ?? []].filter(([file]) => o.models?.entries.get(file)?.suite === suite)
);
async function runSuite(o, out, suite, coolFirst, models) {
  const name = o.node.hostname;
  o.signal?.throwIfAborted();
  if (coolFirst && o.cooldownS > 0) await sleep(o.cooldownS * 1e3, o.signal);
  out.started = suite;
  const job = jobName(suite, name);
  const startedAt = (/* @__PURE__ */ new Date()).toISOString();
  o.log.info(`${name}: ${suite} suite (Job ${job})`);
  const manifest = jobManifest({
    suite,
    node: name,
    distro: o.distro,
    image: o.image,
    mode: o.mode,
    cooldownS: o.cooldownS,
    timeoutS: o.timeoutS,
    runLabel: o.runLabel,
    hasNvme: o.node.disks.data !== null,
    modelProblems: suiteProblems(o, models, suite)
  });
  let outcome;
  try {
    outcome = await runJob(o.kubectl, job, manifest, {
      // The Job's own activeDeadlineSeconds ends it first; this only covers a lost controller.
      deadline: Date.now() + (o.timeoutS + 60) * 1e3,
      node: name,
      signal: o.signal
    });
  } catch (e) {
    if (o.signal?.aborted) throw e;
    outcome = { state: "failed", detail: errorText(e).split("\n")[0] ?? "error", log: "" };
    outcome.evidence = errorText(e);
  }
  const records = await suiteRecords(o, suite, startedAt, outcome, out.failures, models);
  out.records.push(...records);
  delete out.started;
  if (outcome.imagePull) out.imagePull = { ...outcome.imagePull, suite };
  if (outcome.nodeLost) {
    out.lostDuring = suite;
    o.log.warn(`${name}: ${outcome.detail}; its other suites are not tried`);
    await forceDeletePods(o.kubectl, job).catch(
      (e) => o.log.warn(`${name}: pods of Job ${job} not deleted: ${errorText(e).split("\n")[0]}`)
    );
  }
  const counts = records.reduce(
    (c, r) => ({ ...c, [r.status]: (c[r.status] ?? 0) + 1 }),
    {}
  );
  o.log.info(
    `${name}: ${suite}: ${Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(", ")}`
  );
  await deleteJob(o.kubectl, job).catch(
    (e) => o.log.warn(`${name}: Job ${job} not deleted: ${errorText(e).split("\n")[0]}`)
  );
}

// src/bench/results-dir.ts
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
var safe = (s) => s.replace(/[^A-Za-z0-9._-]+/g, "_");
var ResultsWriter = class {
  constructor(dir) {
    this.dir = dir;
  }
  dir;
  files = [];
  taken = /* @__PURE__ */ new Set();
  async put(rel, text2) {
    const path = join(this.dir, rel);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text2);
    if (!this.files.includes(path)) this.files.push(path);
    return rel;
  }
  /** A name not used before in this run (a workload run twice on a node keeps both). */
  unique(base) {
    let name = base;
    for (let i = 2; this.taken.has(name); i++) name = `${base}-${i}`;
    this.taken.add(name);
    return name;
  }
  async log(node, suite, text2, outcome) {
    const header = `# rk1 npu-benchmark: suite ${suite} on ${node}: ${outcome.state} (${outcome.detail})
`;
    const tail = outcome.evidence ? `
# Kubernetes said:
${outcome.evidence}
` : "";
    return this.put(join("logs", `${safe(node)}-${safe(suite)}.log`), header + text2 + tail);
  }
  async evidence(node, r) {
    const base = this.unique(
      join("evidence", safe(node), `${safe(r.workload.id)}--${safe(r.workload.variant)}`)
    );
    const out = {};
    if (Array.isArray(r.samples_ms) && r.samples_ms.length)
      out.samples = await this.put(`${base}.samples.json`, `${JSON.stringify(r.samples_ms)}
`);
    if (r.fio_json !== void 0)
      out.fio_json = await this.put(`${base}.fio.json`, `${JSON.stringify(r.fio_json, null, 1)}
`);
    return out;
  }
  async record(r) {
    const base = this.unique(
      join("records", safe(r.node.name), `${safe(r.workload.id)}--${safe(r.workload.variant)}`)
    );
    return this.put(`${base}.json`, `${JSON.stringify(r, null, 2)}
`);
  }
};

// src/bench/run.ts
async function readNodes(kubectl) {
  const list = await kubectl.getJson(["get", "nodes"]);
  return new Map(
    list.items.map((n) => {
      const ready = n.status?.conditions?.find((c) => c.type === "Ready");
      return [
        n.metadata.name,
        {
          ready: ready?.status === "True",
          info: n.status?.nodeInfo,
          reason: ready?.status === "True" ? void 0 : ready?.reason ?? ready?.message
        }
      ];
    })
  );
}
async function isLab(kubectl) {
  const ns = await kubectl.find(
    "namespace",
    "kube-system"
  );
  return ns?.metadata.annotations?.[SIMULATED_ANNOTATION] === "true";
}
async function cleanUp(o, tools, runLabel, cancelled) {
  const nsWait = cancelled ? "--timeout=5s" : "--timeout=120s";
  const session = openKubeSession({ kubeconfig: o.kubeconfig, tools, parentDir: o.tempDir });
  const problems = [];
  try {
    const kubectl = kubectlDriver(session);
    await deleteRunJobs(kubectl, runLabel).catch(
      (e) => problems.push(`Jobs of this run not deleted: ${errorText(e).split("\n")[0]}`)
    );
    await kubectl.run(["delete", "namespace", BENCH_NAMESPACE, "--ignore-not-found", nsWait]).catch(
      (e) => problems.push(`namespace ${BENCH_NAMESPACE} not deleted: ${errorText(e).split("\n")[0]}`)
    );
  } finally {
    session.close();
  }
  return problems;
}
async function runBenchmark(o) {
  const tools = await resolveKubeTools({ ...o, versions: o.inventory.versions });
  const session = openKubeSession({
    kubeconfig: o.kubeconfig,
    tools,
    parentDir: o.tempDir,
    signal: o.signal,
    retry: { log: (m) => o.log.info(m), budgetMs: Math.min(o.timeoutS, 300) * 1e3 }
  });
  const writer = new ResultsWriter(o.resultsDir);
  const runLabel = o.suiteId.replace(/[^A-Za-z0-9_.-]+/g, "-").slice(0, 63);
  let outcomes = [];
  let simulated = false;
  let cancelled;
  let cleanupProblems;
  let models;
  try {
    const kubectl = kubectlDriver(session);
    simulated = await isLab(kubectl);
    if (simulated) o.log.warn("This cluster is the rk1 virtual lab: every result is SIMULATED.");
    checkImagePin(o.image, simulated, o.log);
    models = await prepareModels({ ...o, simulated });
    const kubeNodes = await readNodes(kubectl);
    await kubectl.apply(JSON.stringify(namespaceManifest()));
    const run = {
      suiteId: o.suiteId,
      distro: o.distro,
      clusterId: o.inventory.name,
      labSimulated: simulated,
      source: o.source
    };
    const settled = await Promise.allSettled(
      o.nodes.map(
        (node) => benchmarkNode({
          run,
          node,
          kube: kubeNodes.get(node.hostname),
          suites: o.suites,
          distro: o.distro,
          mode: o.mode,
          image: o.image,
          cooldownS: o.cooldownS,
          timeoutS: o.timeoutS,
          runLabel,
          kubectl,
          writer,
          log: o.log,
          signal: o.signal,
          models
        })
      )
    );
    const broken = settled.find((x) => x.status === "rejected");
    if (broken) throw broken.reason;
    outcomes = settled.map((x) => x.value);
    cancelled = o.signal?.aborted === true || outcomes.some((n) => n.cancelled);
    await writeRecords(writer, outcomes);
  } catch (e) {
    if (!o.signal?.aborted) throw e;
    cancelled = true;
  } finally {
    await models?.close();
    session.close();
    if (o.signal?.aborted) o.log.warn("Cancelled: removing the benchmark Jobs and the namespace.");
    cleanupProblems = await cleanUp(o, tools, runLabel, o.signal?.aborted === true);
    for (const p of cleanupProblems) o.log.warn(p);
  }
  const records = outcomes.flatMap((n) => n.records);
  return {
    simulated: simulated || records.some((r) => r.simulated === true),
    cancelled,
    records,
    nodes: outcomes,
    files: writer.files,
    cleanupProblems
  };
}
async function writeRecords(writer, outcomes) {
  for (const r of outcomes.flatMap((n) => n.records)) {
    const problems = recordProblems(r);
    if (problems.length)
      throw new Error(`internal: record ${r.node.name} ${r.workload.id}: ${problems.join("; ")}`);
    await writer.record(r);
  }
}

// src/commands/npu-benchmark-outcome.ts
var BenchmarkFailedError = class extends Rk1Error {
};
var BenchmarkCancelledError = class extends Rk1Error {
};
var CANCEL_UPLOAD_MS = 5e3;
function withinMs(p, ms, why) {
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(why)), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}
function cancelledError(s, report) {
  const kept = report.records.filter((r) => r.status !== "skipped").length;
  const left = report.cleanupProblems;
  return new BenchmarkCancelledError(
    `The run was cancelled: ${kept} record(s) of finished work kept in ${s.resultsDir}; ` + (left.length ? `clean-up incomplete: ${left.join("; ")}` : `the benchmark Jobs and the namespace ${BENCH_NAMESPACE} were removed.`),
    {
      step: "npu-benchmark",
      advice: left.length ? `Remove what is left: kubectl delete namespace ${BENCH_NAMESPACE}` : "Run it again for the rest; result.json says status cancelled."
    }
  );
}
var BenchmarkImageError = class extends BenchmarkFailedError {
};
var IMAGE_ADVICE = "Set benchmark-image to an image the registry has, pinned by its digest: the bench-image workflow's summary prints the one it pushed (RK1_BENCHMARK_IMAGE), and `docker buildx imagetools inspect ghcr.io/OWNER/rk1-bench:TAG` shows the digest of a tag. A private ghcr.io package needs registry credentials on the nodes (K3s: /etc/rancher/k3s/registries.yaml; Talos: machine.registries.config) or public visibility.";
function imagePullError(s, report) {
  const pulled = report.nodes.filter((n) => n.imagePull);
  if (pulled.length === 0) return void 0;
  const others = report.nodes.filter((n) => !n.imagePull && n.failures.length);
  const slot = pulled.length === 1 ? s.nodes.find((n) => n.hostname === pulled[0].name) : void 0;
  return new BenchmarkImageError(
    `The benchmark image ${s.image} could not be pulled on ${pulled.length} node(s): ${pulled.map((n) => n.name).join(", ")}; nothing ran there.` + (others.length ? `
Also failed: ${others.flatMap((n) => n.failures).join("\n")}` : ""),
    {
      node: slot?.slot,
      step: "npu-benchmark",
      evidence: pulled.map((n) => `${n.name}: ${n.imagePull.reason}: ${n.imagePull.message}`).join("\n"),
      advice: IMAGE_ADVICE
    }
  );
}
function nodeStatus(n) {
  if (n.failures.length) return "failed";
  if (n.cancelled) return "cancelled";
  return n.records.some((r) => r.status === "degraded") ? "degraded" : "ok";
}
function runStatus(report) {
  if (report.cancelled) return "cancelled";
  const measured = report.records.some((r) => r.status === "ok" || r.status === "degraded");
  const nodes = report.nodes.map(nodeStatus);
  if (!measured || nodes.includes("failed")) return "failed";
  return nodes.includes("degraded") ? "degraded" : "ok";
}

// src/bench/summary.ts
var SUMMARY_HEADER = [
  "node",
  "workload",
  "variant",
  "status",
  "p50",
  "p90",
  "throughput",
  "throttled",
  "reference (ratio)"
];
var DISTRIBUTIONS = ["latency_ms", "ttft_ms", "clat_p50_us"];
var THROUGHPUTS = ["throughput_fps", "decode_tok_s", "bw_mb_s", "iops"];
function headline(r) {
  const dist = DISTRIBUTIONS.find((m) => r.metrics[m]?.p50 !== void 0);
  const tp = THROUGHPUTS.find((m) => typeof value(r.metrics[m]) === "number");
  const d = dist ? r.metrics[dist] : void 0;
  return {
    metric: dist,
    unit: d?.unit,
    p50: d?.p50,
    p90: d?.p90,
    throughput: tp ? { metric: tp, unit: r.metrics[tp]?.unit, value: value(r.metrics[tp]) } : void 0
  };
}
function value(m) {
  const v = m?.value ?? m?.p50 ?? m?.mean;
  return typeof v === "number" && Number.isFinite(v) ? v : void 0;
}
var withUnit = (v, unit) => v === void 0 ? "" : `${formatNumber(v)}${unit ? ` ${unit}` : ""}`;
function speedupText(r) {
  const s = r.speedup;
  if (!s) return "";
  const metric2 = ["decode_tok_s", "latency_ms", "ttft_ms"].find(
    (m) => typeof s[m] === "number"
  );
  return metric2 ? `\xD7${formatNumber(s[metric2])} ${metric2} vs ${s.baseline.variant}` : "";
}
function reference(r) {
  const ref = r.references?.[0];
  const speedup = speedupText(r);
  if (!ref) return speedup;
  const m = r.metrics[ref.metric];
  const measured = m?.p50 ?? value(m);
  const ratio = measured !== void 0 && ref.value ? ` (\xD7${formatNumber(measured / ref.value)})` : "";
  const text2 = `${formatNumber(ref.value)}${ref.unit ? ` ${ref.unit}` : ""}${ratio}`;
  return speedup ? `${text2}; ${speedup}` : text2;
}
function summaryRows(records) {
  return records.filter((r) => r.status === "ok" || r.status === "degraded").map((r) => {
    const h = headline(r);
    return [
      r.node.name,
      r.workload.id,
      r.workload.variant,
      r.status,
      withUnit(h.p50, h.unit),
      withUnit(h.p90, h.unit),
      h.throughput ? withUnit(h.throughput.value, h.throughput.unit) : "",
      r.telemetry?.throttled ? "\u26A0 yes" : "no",
      reference(r)
    ];
  });
}
function notMeasured(records, status) {
  const byReason = /* @__PURE__ */ new Map();
  for (const r of records.filter((x) => x.status === status)) {
    const reason = r.reason ?? "(no reason given)";
    const nodes = byReason.get(reason) ?? /* @__PURE__ */ new Map();
    nodes.set(r.node.name, [
      ...nodes.get(r.node.name) ?? [],
      `${r.workload.id}/${r.workload.variant}`
    ]);
    byReason.set(reason, nodes);
  }
  return [...byReason].map(
    ([reason, nodes]) => `${reason}: ${[...nodes].map(([n, w]) => `${n} (${w.join(", ")})`).join("; ")}`
  );
}
function throttledLines(records) {
  const byNode = /* @__PURE__ */ new Map();
  for (const r of records.filter((x) => x.telemetry?.throttled === true))
    byNode.set(r.node.name, [...byNode.get(r.node.name) ?? [], r]);
  return [...byNode].map(([node, list]) => {
    const hottest = [...list].sort((a, b) => maxTemp(b) - maxTemp(a))[0];
    const evidence = hottest?.telemetry?.throttle_evidence ?? [];
    const what = list.map((r) => `${r.workload.id}/${r.workload.variant}`).join(", ");
    return `${node}: ${list.length} record(s) throttled (${what})${evidence.length ? `: ${evidence.join("; ")}` : ""}`;
  });
}
function maxTemp(r) {
  const t = r.telemetry?.max_temp_c;
  if (typeof t === "number") return t;
  return Math.max(-Infinity, ...Object.values(t ?? {}));
}

// src/commands/npu-benchmark.ts
function readSuites(context) {
  const text2 = context.inputs.string("suites");
  const words = text2.split(/[\s,]+/).map((w) => w.trim().toLowerCase()).filter(Boolean);
  if (words.length === 0 || words.includes("all")) return [...SUITES];
  const unknown = words.filter((w) => !SUITES.includes(w));
  if (unknown.length)
    context.inputs.problem(
      "suites",
      `unknown suite(s) ${unknown.join(", ")}; known: ${SUITES.join(", ")}, all`
    );
  return SUITES.filter((s) => words.includes(s));
}
async function readSettings(context) {
  const { host, inputs } = context;
  const { inventory, distro } = await commandInventory(context);
  let nodes = [];
  try {
    nodes = selectNodes(inventory, inputs.string("nodes"));
  } catch (e) {
    inputs.problem("nodes", e.message);
  }
  const suites = readSuites(context);
  const mode = inputs.choice("mode", ["quick", "full"], "quick") ?? "quick";
  const chosen = chooseBenchImage(
    inputs.optional("benchmark-image"),
    inventory.versions.benchmarkImage
  );
  if (!chosen) inputs.problem("benchmark-image", `no benchmark image: ${NO_IMAGE_ADVICE}`);
  const image = chosen?.image ?? "";
  const cooldownS = inputs.integer("cooldown", { min: 0, max: 3600 });
  const timeoutS = inputs.integer("timeout", { min: 30, max: 24 * 3600 });
  const lockMs = lockTimeoutMs(inputs);
  const dryRun = inputs.boolean("dry-run");
  const kubeconfig = dryRun ? void 0 : await readKubeconfig(context);
  const stamp = (/* @__PURE__ */ new Date()).toISOString().replace(/[:.]/g, "-");
  const resultsDir = resolve(
    inputs.optional("results-dir") ?? (host.run ? join2(host.tempDir, `rk1-bench-${distro}`) : join2(".rk1", "bench", `${distro}-${stamp}`))
  );
  inputs.assertValid();
  if (kubeconfig) maskConfigSecrets((s) => host.mask(s), kubeconfig);
  return {
    inventory,
    distro,
    nodes,
    suites,
    mode,
    image,
    imageFrom: chosen?.from === "inventory" ? "the inventory's versions.benchmarkImage" : "the benchmark-image input",
    cooldownS,
    timeoutS,
    lockTimeoutMs: lockMs,
    kubeconfig: kubeconfig ?? "",
    resultsDir,
    dryRun
  };
}
function runIdentity(host) {
  const run = host.run;
  if (!run) return { suiteId: host.env.RK1_RUN_ID || `local-${randomUUID2().slice(0, 8)}` };
  return {
    suiteId: `${run.runId}-${run.runAttempt}`,
    source: {
      repo: `${run.owner}/${run.repo}`,
      commit: run.sha,
      ref: run.ref,
      workflow: run.workflowFile,
      trigger: run.eventName
    }
  };
}
function artifactName(host, s) {
  const cluster2 = s.inventory.name.replace(/[^A-Za-z0-9._-]+/g, "-");
  const run = host.run ? `-${host.run.runId}-${host.run.runAttempt}` : "";
  return `rk1-bench-${s.distro}-${cluster2}${run}`;
}
function headlineJson(s, report, suiteId) {
  return {
    status: runStatus(report),
    simulated: report.simulated,
    distro: s.distro,
    cluster: s.inventory.name,
    suite_id: suiteId,
    mode: s.mode,
    suites: s.suites,
    nodes: report.nodes.map((n) => ({
      name: n.name,
      status: nodeStatus(n),
      failures: n.failures
    })),
    records: report.records.map((r) => {
      const h = headline(r);
      return {
        node: r.node.name,
        workload: r.workload.id,
        variant: r.workload.variant,
        status: r.status,
        ...r.reason ? { reason: r.reason } : {},
        ...h.metric ? { metric: h.metric, unit: h.unit, p50: h.p50, p90: h.p90 } : {},
        ...h.throughput ? { throughput: h.throughput } : {},
        throttled: r.telemetry?.throttled === true
      };
    })
  };
}
function summarise(host, s, report, link) {
  const label = report.simulated ? " (SIMULATED: rk1 virtual lab)" : "";
  host.summary.heading(`npu-benchmark ${s.distro} (${s.mode})${label}`, 2);
  if (report.cancelled)
    host.summary.paragraph(
      "Cancelled: the records of the work that finished are kept; the rest is skipped. The benchmark Jobs and the namespace were removed."
    );
  const counts = ["ok", "degraded", "skipped", "failed"].map((st) => `${report.records.filter((r) => r.status === st).length} ${st}`).join(", ");
  host.summary.paragraph(
    `${report.records.length} records on ${report.nodes.length} node(s): ${counts}.` + (report.simulated ? " Stand-in engines: no figure here is a measurement of an RK1." : "")
  );
  const rows = summaryRows(report.records);
  if (rows.length) host.summary.table(SUMMARY_HEADER, rows);
  const throttled = throttledLines(report.records);
  if (throttled.length) {
    host.summary.heading("Throttled", 3);
    host.summary.paragraph(
      "Measured while the node throttled (status degraded): the figures are kept, but they are not comparable with an unthrottled run."
    );
    host.summary.list(throttled);
  }
  const failed = notMeasured(report.records, "failed");
  if (failed.length) {
    host.summary.heading("Failed", 3);
    host.summary.list(failed);
  }
  const skipped = notMeasured(report.records, "skipped");
  if (skipped.length) {
    host.summary.heading("Skipped", 3);
    host.summary.list(skipped);
  }
  if (link) host.summary.paragraph(`Records, evidence and logs: ${link}`);
}
async function plan(host, s) {
  const jobs = s.nodes.flatMap(
    (n) => s.suites.map((suite) => ({
      node: n.hostname,
      suite,
      job: jobName(suite, n.hostname),
      storage: suite === "storage" ? n.disks.data ? benchDataDir(s.distro) : "skipped: no NVMe" : ""
    }))
  );
  if (!isPinnedByDigest(s.image))
    host.log.warn(
      `The benchmark image ${s.image} is not pinned by digest: real hardware refuses it.`
    );
  host.summary.heading(`npu-benchmark plan (${s.distro}, ${s.mode})`, 2);
  host.summary.table(
    ["node", "suite", "Job", "NVMe directory"],
    jobs.map((j) => [j.node, j.suite, j.job, j.storage])
  );
  const first = s.nodes[0];
  if (first && s.suites[0]) {
    const manifest = jobManifest({
      suite: s.suites[0],
      node: first.hostname,
      distro: s.distro,
      image: s.image,
      mode: s.mode,
      cooldownS: s.cooldownS,
      timeoutS: s.timeoutS,
      runLabel: "plan",
      hasNvme: first.disks.data !== null
    });
    host.summary.code(JSON.stringify(manifest, null, 2), "json");
  }
  const models = modelPlanRows(s.inventory, s.suites, s.distro);
  if (models.length) {
    host.summary.heading("Models (fetched into each node cache, checked by SHA-256)", 3);
    host.summary.table(
      ["file", "suite", "source", "sha256"],
      models.map((m) => [m.file, m.suite, m.source, m.sha256])
    );
  }
  for (const j of jobs) host.log.info(`would run ${j.job} (${j.suite} on ${j.node})`);
  host.setOutput("result", JSON.stringify({ plan: true, distro: s.distro, jobs, models }));
  host.setOutput("results-dir", "");
  host.setOutput("artifact-id", "");
  await host.summary.write();
}
async function runNpuBenchmark(context) {
  const { host } = context;
  const s = await readSettings(context);
  if (s.dryRun) return plan(host, s);
  const { suiteId, source } = runIdentity(host);
  await mkdir2(s.resultsDir, { recursive: true });
  host.log.info(
    `npu-benchmark on ${s.distro}: suites ${s.suites.join(", ")} (${s.mode}) on ${s.nodes.map((n) => n.hostname).join(", ")}; results in ${s.resultsDir}`
  );
  host.log.info(`Benchmark image ${s.image} (${s.imageFrom})`);
  const report = await withInventoryLock(
    host,
    s.inventory,
    { timeoutMs: s.lockTimeoutMs, command: "npu-benchmark" },
    () => runBenchmark({
      inventory: s.inventory,
      distro: s.distro,
      nodes: s.nodes,
      suites: s.suites,
      mode: s.mode,
      image: s.image,
      cooldownS: s.cooldownS,
      timeoutS: s.timeoutS,
      kubeconfig: s.kubeconfig,
      resultsDir: s.resultsDir,
      suiteId,
      source,
      log: host.log,
      env: host.env,
      tempDir: host.tempDir,
      cacheDir: host.cacheDir,
      signal: host.signal
    })
  );
  for (const line of throttledLines(report.records)) host.log.warn(line);
  const result = headlineJson(s, report, suiteId);
  const resultFile = join2(s.resultsDir, "result.json");
  await writeFile2(resultFile, `${JSON.stringify(result, null, 2)}
`);
  host.setOutput("result", JSON.stringify(result));
  host.setOutput("results-dir", s.resultsDir);
  let link;
  let uploadError;
  try {
    const upload = host.artifacts.upload(
      artifactName(host, s),
      s.resultsDir,
      [...report.files, resultFile],
      { retentionDays: 90 }
    );
    const uploaded = report.cancelled ? await withinMs(upload, CANCEL_UPLOAD_MS, "the upload was cut short by the cancel") : await upload;
    link = host.artifacts.link(uploaded);
    host.setOutput("artifact-id", String(uploaded.id));
    host.log.info(`Uploaded ${report.files.length + 1} files as artifact ${uploaded.name}: ${link}`);
  } catch (e) {
    uploadError = e;
    host.setOutput("artifact-id", "");
    host.log.error(`The results were not uploaded: ${errorText(e).split("\n")[0]}`);
  }
  summarise(host, s, report, link);
  await host.summary.write();
  if (report.cancelled) throw cancelledError(s, report);
  const pullError2 = imagePullError(s, report);
  if (pullError2) throw pullError2;
  const failures = report.nodes.flatMap((n) => n.failures);
  const measured = report.records.filter((r) => r.status === "ok" || r.status === "degraded");
  if (failures.length > 0) {
    const names = report.nodes.filter((n) => n.failures.length).map((n) => n.name);
    throw new BenchmarkFailedError(
      `${names.length} node(s) failed: ${names.join(", ")}; the other nodes' results stand.
` + failures.join("\n"),
      {
        step: "npu-benchmark",
        advice: "Each failed record carries the reason and the log tail; logs/<node>-<suite>.log in the artifact has the whole pod log."
      }
    );
  }
  if (measured.length === 0)
    throw new BenchmarkFailedError(
      "Nothing could be measured: every workload was skipped.\n" + notMeasured(report.records, "skipped").join("\n"),
      {
        step: "npu-benchmark",
        advice: "Check the suites against the distro (the NPU and LLM need the rknpu driver of K3s/Armbian) and the image."
      }
    );
  if (uploadError) throw uploadError;
}
export {
  runNpuBenchmark
};

import { createRequire as __rk1CreateRequire } from 'node:module'; const require = __rk1CreateRequire(import.meta.url);
import {
  DEFAULT_MEMORY_MARGIN_BYTES,
  DEFAULT_UPLINK_BYTES_PER_SEC,
  FlashNotAttemptedError,
  ImageServer,
  NODE_WRITE_SCRIPT,
  NodeWriteError,
  SharedUplink,
  exitTouched,
  nodeScriptArgs,
  runnerAddressFor,
  writeOverSsh
} from "./chunk-NQZR6PMH.mjs";
import {
  kubectlDriver,
  openKubeSession,
  resolveKubeTools
} from "./chunk-DXDCKLUL.mjs";
import {
  BmcAuthError,
  BmcTlsError,
  BmcUnreachableError,
  HostKeyStore,
  K3S_CONFIG_PATH,
  NodeLink,
  RK1_MARKER_PATH,
  SshCommandError,
  TalosStepError,
  applyInMaintenance,
  bmcProvider,
  bootstrapOnce,
  closeObservations,
  describeImage,
  detectNodes,
  fetchKubeconfig,
  flashNode,
  generateToken,
  health,
  imageFormat,
  locateTalosctl,
  machineStatus,
  prepareImage,
  probeTcp,
  renderAgentConfig,
  renderMarker,
  renderServerConfig,
  requireConfirmation,
  resolveNodeKey,
  rewriteKubeconfig,
  serverNode,
  serverUrl,
  stateText,
  stateText2,
  upgradeNode,
  verdictText,
  waitForBoot,
  waitForConfigured,
  waitForMaintenance
} from "./chunk-EFS23GYO.mjs";
import {
  SSH_KEY_FILE,
  outputDirOf,
  privateDir,
  readSecretFile,
  writeSecretFile
} from "./chunk-S6H66CQV.mjs";
import {
  DATA_REFUSED_EXIT,
  Talosctl,
  endpointNode,
  firstError,
  generateConfigs,
  lockTimeoutMs,
  parseSetupOutput,
  renderSetupScript,
  withInventoryLock
} from "./chunk-SDMNMNHI.mjs";
import {
  commandInventory,
  displayUrl,
  httpRequest,
  statusError
} from "./chunk-XT7A4R3X.mjs";
import "./chunk-DCTKDCN2.mjs";
import {
  factoryImageUrl,
  installerImage,
  resolveRk1Schematic
} from "./chunk-PSYIE5SY.mjs";
import {
  Backoff,
  compileBootPattern,
  formatBytes,
  formatDuration,
  formatRate,
  selectNodes,
  sha256File,
  sleep
} from "./chunk-T6JJEBSD.mjs";
import {
  maskConfigSecrets
} from "./chunk-2M5DTWY3.mjs";
import {
  InputError,
  Rk1Error,
  errorText,
  inputRef
} from "./chunk-56JNS6Q3.mjs";
import {
  require_dist
} from "./chunk-7BRERKNQ.mjs";
import {
  __toESM
} from "./chunk-TJN2CFBI.mjs";

// src/commands/provision.ts
import { existsSync as existsSync3 } from "node:fs";
import { join as join11, resolve } from "node:path";

// src/provision/dry-run.ts
import { join as join4 } from "node:path";

// src/provision/k3s/k3s-talos.ts
import { join as join3 } from "node:path";

// src/distro/talos/known-secrets.ts
import { existsSync } from "node:fs";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
async function findTalosSecrets(host, o) {
  const stored = join(o.dir, "secrets.yaml");
  const text = o.input?.trim() ? o.input : existsSync(stored) ? await readFile(stored, "utf8") : void 0;
  if (!text) return void 0;
  maskConfigSecrets((s) => host.mask(s), text);
  return { text, from: o.input?.trim() ? "input" : "file" };
}
async function knownTalosconfig(o) {
  await mkdir(o.workDir, { recursive: true, mode: 448 });
  await chmod(o.workDir, 448);
  const found = await findTalosSecrets(o.host, { input: o.input, dir: o.dir });
  if (!found) {
    const talosconfig = join(o.workDir, "probe-talosconfig");
    await writeFile(talosconfig, "context: rk1-probe\ncontexts:\n  rk1-probe: {}\n", {
      mode: 384
    });
    return { talosconfig, haveSecrets: false };
  }
  const secretsPath = join(o.workDir, "secrets.yaml");
  const text = found.text.endsWith("\n") ? found.text : `${found.text}
`;
  await writeFile(secretsPath, text, { mode: 384 });
  const configs = await generateConfigs({
    talosctl: o.talosctl,
    inventory: o.inventory,
    nodes: [],
    secretsPath,
    dir: o.workDir
  });
  o.host.log.info(
    `Talos secrets of this cluster from ${found.from === "input" ? "the talos-secrets input" : join(o.dir, "secrets.yaml")}: its Talos nodes can be proven ours.`
  );
  return { talosconfig: configs.talosconfig, haveSecrets: true, from: found.from };
}

// src/node-flash/choose-path.ts
var FLASH_PATH_MODES = ["auto", "bmc", "node"];
function choosePath(mode, facts, need) {
  const bmc = (reason) => ({
    slot: facts.slot,
    path: "bmc",
    reason,
    ...mode === "node" ? { refused: true } : {}
  });
  if (mode === "bmc") return { slot: facts.slot, path: "bmc", reason: "flash-path is bmc" };
  if (facts.os === "none") return bmc("no running OS answers");
  if (!facts.ownedBecause)
    return bmc(
      `not provably this cluster's${facts.notOwnedBecause ? ` (${facts.notOwnedBecause})` : ""}`
    );
  if (facts.unhealthyBecause) return bmc(`unhealthy: ${facts.unhealthyBecause}`);
  const needed = need.bytes + need.marginBytes;
  if (facts.memAvailableBytes !== void 0 && facts.memAvailableBytes < needed)
    return bmc(
      `not enough free RAM to hold the image: ${formatBytes(facts.memAvailableBytes)} available, ${formatBytes(needed)} needed`
    );
  const via = facts.os === "armbian" ? "over SSH" : "by a privileged Job";
  const ram = facts.memAvailableBytes !== void 0 ? `, ${formatBytes(facts.memAvailableBytes)} free RAM` : "";
  return {
    slot: facts.slot,
    path: "node",
    reason: `${facts.os === "armbian" ? "Armbian" : "Talos"} node of this cluster (${facts.ownedBecause}), healthy${ram}: written ${via}`
  };
}

// src/node-flash/image.ts
import { stat } from "node:fs/promises";

// src/image/xz-index.ts
import { open } from "node:fs/promises";
async function xzUncompressedSize(path) {
  const file = await open(path, "r");
  try {
    const { size } = await file.stat();
    let end = size;
    let total = 0;
    while (end > 0) {
      const tail = Buffer.alloc(4);
      await file.read(tail, 0, 4, end - 4);
      if (tail.readUInt32LE(0) === 0) {
        end -= 4;
        continue;
      }
      const footer = Buffer.alloc(12);
      if (end < 12 + 12) return void 0;
      await file.read(footer, 0, 12, end - 12);
      if (footer[10] !== 89 || footer[11] !== 90) return void 0;
      const indexSize = (footer.readUInt32LE(4) + 1) * 4;
      const indexStart = end - 12 - indexSize;
      if (indexStart < 12) return void 0;
      const index = Buffer.alloc(indexSize);
      await file.read(index, 0, indexSize, indexStart);
      const parsed = parseIndex(index);
      if (!parsed) return void 0;
      total += parsed.uncompressed;
      end = indexStart - parsed.blocksBytes - 12;
      if (end < 0) return void 0;
    }
    return total;
  } finally {
    await file.close();
  }
}
function parseIndex(index) {
  if (index[0] !== 0) return void 0;
  let offset = 1;
  const readVarint = () => {
    let value = 0;
    for (let shift = 0; shift < 63; shift += 7) {
      const byte = index[offset++];
      if (byte === void 0) return void 0;
      value += (byte & 127) * 2 ** shift;
      if ((byte & 128) === 0) return value;
    }
    return void 0;
  };
  const records = readVarint();
  if (records === void 0) return void 0;
  let uncompressed = 0;
  let blocksBytes = 0;
  for (let i = 0; i < records; i++) {
    const unpadded = readVarint();
    const size = readVarint();
    if (unpadded === void 0 || size === void 0) return void 0;
    blocksBytes += Math.ceil(unpadded / 4) * 4;
    uncompressed += size;
  }
  return { uncompressed, blocksBytes };
}

// src/node-flash/image.ts
async function describeNodeImage(image, signal) {
  const format = imageFormat(image.fileName) ?? "raw";
  const bytes = image.size || (await stat(image.path)).size;
  const sha2562 = image.sha256 ?? await sha256File(image.path, { signal });
  let rawBytes = bytes;
  if (format === "xz") {
    const size = await xzUncompressedSize(image.path);
    if (size === void 0)
      throw new Rk1Error(`The xz image ${image.fileName} has no readable index.`, {
        step: "node-write",
        advice: "Use the BMC path (flash-path: bmc) or re-download the image."
      });
    rawBytes = size;
  }
  return { path: image.path, fileName: image.fileName, format, bytes, sha256: sha2562, rawBytes };
}

// src/node-flash/scheduler.ts
var describe = (e) => e instanceof Rk1Error ? e.describe() : errorText(e);
var FlashScheduler = class {
  constructor(log) {
    this.log = log;
  }
  log;
  bmcTail = Promise.resolve();
  /** Runs `fn` when the BMC's single transfer slot is free. */
  inBmcSlot(fn) {
    const run2 = this.bmcTail.then(fn);
    this.bmcTail = run2.catch(() => void 0);
    return run2;
  }
  async run(task) {
    const started = performance.now();
    let fallbackFrom;
    let nodeWrite;
    if (task.choice.path === "node" && task.nodeWrite) {
      try {
        nodeWrite = await task.nodeWrite();
        const boot = await task.confirmBoot({ path: "node" });
        return {
          slot: task.slot,
          path: "node",
          reason: task.choice.reason,
          nodeWrite,
          boot,
          durationMs: performance.now() - started
        };
      } catch (error) {
        const touched = error instanceof NodeWriteError ? error.touched : true;
        const what = nodeWrite ? "the node did not come back after writing itself" : describe(error);
        fallbackFrom = { touched, error: nodeWrite ? `${what}: ${describe(error)}` : what };
        this.log.warn(
          `${task.label}: the node path failed ${touched ? "after" : "before"} the write; the BMC flashes it instead.`
        );
      }
    }
    const reason = fallbackFrom ? `fallback after the node path failed ${fallbackFrom.touched ? "after" : "before"} the write` : task.choice.reason;
    let flash2;
    try {
      flash2 = await this.inBmcSlot(() => task.bmcFlash());
    } catch (error) {
      return this.failed(
        task,
        started,
        reason,
        fallbackFrom,
        nodeWrite,
        // A flash never started (board-wide stop, cancel) says why, not "flash failed".
        error instanceof FlashNotAttemptedError ? error.message : `flash failed: ${describe(error)}`
      );
    }
    try {
      const boot = await task.confirmBoot({ path: "bmc", flash: flash2 });
      const durationMs = performance.now() - started;
      this.log.info(
        `${task.label}: flashed by the BMC and booted after ${formatDuration(durationMs)}.`
      );
      return {
        slot: task.slot,
        path: "bmc",
        reason,
        fallbackFrom,
        nodeWrite,
        flash: flash2,
        boot,
        durationMs
      };
    } catch (error) {
      return {
        ...this.failed(
          task,
          started,
          reason,
          fallbackFrom,
          nodeWrite,
          `did not boot: ${describe(error)}`
        ),
        flash: flash2
      };
    }
  }
  failed(task, started, reason, fallbackFrom, nodeWrite, error) {
    this.log.error(`${task.label}: ${error}`);
    return {
      slot: task.slot,
      path: "bmc",
      reason,
      fallbackFrom,
      nodeWrite,
      durationMs: performance.now() - started,
      error
    };
  }
};

// src/node-flash/talos-node.ts
function parseTalosMemAvailable(stdout) {
  const lines = stdout.split("\n").filter((l) => l.trim().length > 0);
  const header = lines[0]?.trim().split(/\s+/) ?? [];
  const column = header.indexOf("AVAILABLE");
  const row = lines[1]?.trim().split(/\s+/);
  const value = column >= 0 ? row?.[column] : void 0;
  return value !== void 0 && /^\d+$/.test(value) ? Number(value) * 2 ** 20 : void 0;
}
async function talosFacts(access2, slot, ownedBecause = "our Talos PKI is accepted") {
  const mem = await access2.talosctl.secure(access2.target, ["memory"], 3e4);
  const status = await machineStatus(access2.talosctl, access2.target.talosconfig, access2.target.node);
  let unhealthyBecause;
  if (status.stage !== "running") unhealthyBecause = `its stage is "${status.stage ?? "unknown"}"`;
  else if (status.ready !== true) unhealthyBecause = "it is running but not ready";
  return {
    slot,
    os: "talos",
    ownedBecause,
    unhealthyBecause,
    memAvailableBytes: mem.code === 0 ? parseTalosMemAvailable(mem.stdout) : void 0
  };
}
async function restartTalosNode(o) {
  const why = await rebootThroughApi(o);
  if (why === void 0) {
    o.log.info(`${o.label}: restarted through the Talos API (reboot --mode powercycle).`);
    return { by: "talos-api" };
  }
  o.log.warn(`${o.label}: ${why}; the BMC power-cycles it.`);
  await o.powerCycle();
  return { by: "bmc", why };
}
async function rebootThroughApi(o) {
  let answer;
  try {
    answer = await o.access.talosctl.secure(
      o.access.target,
      ["reboot", "--mode", "powercycle", "--wait=false"],
      3e4
    );
  } catch (error) {
    return `the Talos API reboot could not be asked (${errorText(error)})`;
  }
  if (answer.code !== 0) return `the Talos API refused the reboot (${firstError(answer)})`;
  const timeout = o.downTimeoutMs ?? 12e4;
  const deadline = performance.now() + timeout;
  while (performance.now() < deadline) {
    o.signal?.throwIfAborted();
    const up = await probeTcp({
      host: o.access.target.node,
      port: o.apiPort,
      connectTimeoutMs: 2e3
    });
    if (!up.ok) return void 0;
    await new Promise((r) => setTimeout(r, o.pollMs ?? 250));
  }
  return `the Talos API accepted the reboot but the node was still up after ${formatDuration(timeout)}`;
}
function restartText(write) {
  if (!write?.restartedBy) return "";
  if (write.restartedBy === "talos-api") return "; restarted through the Talos API";
  return `; restarted by a BMC power cycle${write.restartWhy ? ` (${write.restartWhy})` : ""}`;
}

// src/node-flash/talos-path.ts
import { readFile as readFile2, rm } from "node:fs/promises";
import { join as join2 } from "node:path";

// src/node-flash/talos-job.ts
var NODE_WRITE_NAMESPACE = "rk1-node-flash";
var NODE_WRITE_IMAGE = "busybox:1.37.0";
function jobName(slot) {
  return `rk1-node-write-slot${slot}`;
}
function namespaceManifest() {
  return {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: {
      name: NODE_WRITE_NAMESPACE,
      labels: {
        "pod-security.kubernetes.io/enforce": "privileged",
        "app.kubernetes.io/managed-by": "rk1-actions"
      }
    }
  };
}
function jobManifest(o) {
  const args = nodeScriptArgs({
    source: o.imageUrl,
    image: o.image,
    device: "/dev/mmcblk0",
    reboot: "none",
    stopUnits: [],
    memoryMarginBytes: DEFAULT_MEMORY_MARGIN_BYTES,
    reportUrl: o.reportUrl
  });
  const ramBytes = o.image.bytes + 64 * 2 ** 20;
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: {
      name: jobName(o.slot),
      namespace: NODE_WRITE_NAMESPACE,
      labels: { "app.kubernetes.io/managed-by": "rk1-actions", "rk1.dev/slot": String(o.slot) }
    },
    spec: {
      backoffLimit: 0,
      activeDeadlineSeconds: o.deadlineSeconds ?? 3600,
      template: {
        metadata: { labels: { "rk1.dev/slot": String(o.slot) } },
        spec: {
          nodeName: o.nodeName,
          restartPolicy: "Never",
          tolerations: [{ operator: "Exists" }],
          containers: [
            {
              name: "write",
              image: o.containerImage ?? NODE_WRITE_IMAGE,
              command: ["sh", "-c", NODE_WRITE_SCRIPT, "rk1-node-write", ...args],
              securityContext: { privileged: true },
              volumeMounts: [{ name: "ram", mountPath: "/dev/shm" }]
            }
          ],
          volumes: [{ name: "ram", emptyDir: { medium: "Memory", sizeLimit: String(ramBytes) } }]
        }
      }
    }
  };
}
async function writeThroughTalosJob(o) {
  const started = performance.now();
  const offer = o.server.offer(o.label, o.image);
  const stall = o.stallTimeoutMs ?? 5 * 6e4;
  const fail = (message, touched, evidence) => new NodeWriteError(`${o.label}: ${message}`, {
    node: o.slot,
    step: "node-write",
    touched,
    evidence,
    advice: "The BMC flashes this node instead."
  });
  try {
    try {
      await o.kubectl.apply(JSON.stringify(namespaceManifest()));
      await o.kubectl.run([
        "delete",
        "job",
        jobName(o.slot),
        "-n",
        NODE_WRITE_NAMESPACE,
        "--ignore-not-found"
      ]);
      await o.kubectl.apply(
        JSON.stringify(
          jobManifest({
            slot: o.slot,
            nodeName: o.nodeName,
            image: o.image,
            imageUrl: offer.imageUrl,
            reportUrl: offer.reportUrl,
            containerImage: o.containerImage
          })
        )
      );
    } catch (error) {
      throw fail(
        "the write Job could not be created; the node is untouched.",
        false,
        errorText(error)
      );
    }
    o.log.info(
      `${o.label}: write Job ${NODE_WRITE_NAMESPACE}/${jobName(o.slot)} created (image ${o.containerImage ?? NODE_WRITE_IMAGE}).`
    );
    const { tracker } = offer;
    while (tracker.phase !== "done" && !tracker.failure) {
      o.signal?.throwIfAborted();
      if (performance.now() - offer.lastHeard > stall)
        throw fail(
          `the write Job went silent for ${formatDuration(stall)} (last: ${tracker.phase ?? "nothing"}).`,
          tracker.writeStarted,
          `${offer.sent} of ${o.image.bytes} image bytes fetched`
        );
      await offer.nextReport(1e3);
      if (tracker.phase) o.onStarted?.();
    }
    if (tracker.failure) {
      const touched = exitTouched(tracker.failure.code) || tracker.writeStarted;
      if (!touched) await cleanup(o);
      throw fail(
        `the write Job failed${touched ? " after it started writing the eMMC" : "; the node is untouched"}.`,
        touched,
        tracker.failure.text
      );
    }
    const transferMs = performance.now() - started;
    let restart;
    try {
      restart = await o.restart();
    } catch (error) {
      throw fail("the node could not be restarted after its write.", true, errorText(error));
    }
    const durationMs = performance.now() - started;
    const by = restart ? restart.by === "bmc" ? " by the BMC" : " through the Talos API" : "";
    o.log.info(
      `${o.label}: written and verified by its Job in ${formatDuration(durationMs)}; restarted${by}.`
    );
    return {
      ...restart ? { restartedBy: restart.by, restartWhy: restart.why } : {},
      slot: o.slot,
      bytes: o.image.bytes,
      rawBytes: o.image.rawBytes,
      transferMs,
      durationMs,
      phase: tracker.phase
    };
  } finally {
    o.onStarted?.();
    offer.withdraw();
  }
}
async function cleanup(o) {
  await o.kubectl.run([
    "delete",
    "job",
    jobName(o.slot),
    "-n",
    NODE_WRITE_NAMESPACE,
    "--ignore-not-found",
    "--wait=false"
  ]).catch(() => void 0);
}

// src/node-flash/talos-path.ts
var TalosNodePath = class {
  constructor(o) {
    this.o = o;
    for (const slot of o.writers) {
      let done = () => void 0;
      const promise = new Promise((resolve2) => done = resolve2);
      this.started.set(slot, { promise, done });
    }
  }
  o;
  opened;
  started = /* @__PURE__ */ new Map();
  access(node) {
    return {
      talosctl: this.o.talosctl,
      target: { talosconfig: this.o.talosconfig, endpoint: node.ip, node: node.ip }
    };
  }
  /** Free RAM and stage, read before anything is created on the node. */
  facts(node) {
    return talosFacts(this.access(node), node.slot);
  }
  /** This node will not write itself (BMC path, or its write ended): nobody waits for it. */
  release(slot) {
    this.started.get(slot)?.done();
  }
  async write(o) {
    const { node } = o;
    try {
      if (node.slot === this.o.controlPlane.slot) await this.othersStarted();
      let opened;
      try {
        opened = await this.open();
      } catch (error) {
        throw new NodeWriteError(
          `${o.label}: the node path could not start; the node is untouched.`,
          {
            node: node.slot,
            step: "node-write",
            touched: false,
            evidence: errorText(error),
            advice: "The BMC flashes this node instead."
          }
        );
      }
      const { session, server } = opened;
      return await writeThroughTalosJob({
        kubectl: kubectlDriver(session),
        server,
        slot: node.slot,
        // Talos names the Kubernetes node after the hostname its config gave it.
        nodeName: node.hostname,
        label: o.label,
        image: o.image,
        restart: () => restartTalosNode({
          access: this.access(node),
          slot: node.slot,
          label: o.label,
          apiPort: node.ports.talosApi,
          powerCycle: o.powerCycle,
          downTimeoutMs: this.o.rebootDownTimeoutMs,
          log: this.o.log,
          signal: this.o.signal
        }),
        log: this.o.log,
        signal: this.o.signal,
        stallTimeoutMs: this.o.stallTimeoutMs,
        containerImage: this.o.containerImage || void 0,
        onStarted: () => this.release(node.slot)
      });
    } finally {
      this.release(node.slot);
    }
  }
  async othersStarted() {
    const others = [...this.started].filter(([slot]) => slot !== this.o.controlPlane.slot).map(([, s]) => s.promise);
    if (others.length === 0) return;
    const cap = this.o.stallTimeoutMs ?? 5 * 6e4;
    let timer;
    await Promise.race([
      Promise.all(others),
      new Promise((resolve2) => timer = setTimeout(resolve2, cap))
    ]);
    clearTimeout(timer);
  }
  open() {
    this.opened ??= (async () => {
      const cp = this.o.controlPlane;
      const path = join2(this.o.dir, "talos-kubeconfig");
      await fetchKubeconfig(
        { talosctl: this.o.talosctl, talosconfig: this.o.talosconfig, signal: this.o.signal },
        cp,
        path
      );
      const session = openKubeSession({
        kubeconfig: await readFile2(path, "utf8"),
        tools: await this.o.kubeTools(),
        parentDir: this.o.dir,
        signal: this.o.signal
      });
      const host = await runnerAddressFor(cp.ip, this.o.runnerAddress);
      const server = await ImageServer.start({ host, uplink: this.o.uplink, log: this.o.log });
      this.o.log.info(`Image server for the Talos nodes' own writes on ${host}.`);
      return { session, server };
    })();
    return this.opened;
  }
  async close() {
    const opened = await this.opened?.catch(() => void 0);
    this.opened = void 0;
    opened?.session.close();
    await opened?.server.close();
    await rm(join2(this.o.dir, "talos-kubeconfig"), { force: true });
  }
};

// src/provision/k3s/k3s-talos.ts
async function k3sTalosAccess(host, o) {
  const workDir = o.workDir ?? join3(o.dir, "talos-access");
  const haveSecrets = !!await findTalosSecrets(host, { input: o.secretsInput, dir: o.dir });
  const talosconfig = haveSecrets ? join3(workDir, "config", "talosconfig") : join3(workDir, "probe-talosconfig");
  let found;
  const talosctl = () => found ??= (async () => {
    const binary = await locateTalosctl({
      version: o.inventory.versions.talos,
      env: host.env,
      cacheDir: host.cacheDir,
      log: host.log,
      signal: host.signal
    });
    const tool = new Talosctl({ binary, env: host.env, cwd: workDir, signal: host.signal });
    const known = await knownTalosconfig({
      host,
      talosctl: tool,
      inventory: o.inventory,
      dir: o.dir,
      input: o.secretsInput,
      workDir
    });
    if (known.talosconfig !== talosconfig)
      throw new Error(`talosconfig written to ${known.talosconfig}, expected ${talosconfig}`);
    return tool;
  })();
  return { talosctl, talosconfig, haveSecrets };
}
async function k3sTalosNodePath(host, o) {
  if (!o.access.haveSecrets || o.writers.length === 0) return void 0;
  return new TalosNodePath({
    talosctl: await o.access.talosctl(),
    talosconfig: o.access.talosconfig,
    controlPlane: endpointNode(o.inventory),
    runnerAddress: o.runnerAddress,
    uplink: o.uplink,
    kubeTools: () => resolveKubeTools({
      cacheDir: host.cacheDir,
      env: host.env,
      versions: o.inventory.versions,
      log: host.log,
      signal: host.signal
    }),
    dir: join3(o.dir, "talos-access"),
    log: host.log,
    signal: host.signal,
    writers: o.writers,
    containerImage: o.containerImage,
    // A node that does not go down after the reboot is asked is power-cycled well before its boot deadline.
    rebootDownTimeoutMs: Math.min(12e4, Math.max(5e3, o.bootTimeoutMs / 4))
  });
}

// src/node-flash/facts.ts
function parseMemAvailable(meminfo) {
  const m = /^MemAvailable:\s+(\d+)\s*kB/m.exec(meminfo);
  return m?.[1] ? Number(m[1]) * 1024 : void 0;
}
var HEALTHY_STATES = /* @__PURE__ */ new Set(["running", "degraded"]);
async function armbianFacts(session, slot, ownedBecause = "our SSH key is accepted") {
  const probe = await session.exec(
    'cat /proc/meminfo; echo "state=$(systemctl is-system-running 2>/dev/null || true)"; if [ -e /root/.not_logged_in_yet ]; then echo firstboot=pending; fi',
    { timeoutMs: 2e4 }
  );
  const state = /^state=(.*)$/m.exec(probe.stdout)?.[1]?.trim() ?? "";
  let unhealthyBecause;
  if (!HEALTHY_STATES.has(state)) unhealthyBecause = `systemd reports "${state || "nothing"}"`;
  else if (/^firstboot=pending$/m.test(probe.stdout))
    unhealthyBecause = "its first boot has not finished";
  return {
    slot,
    os: "armbian",
    ownedBecause,
    unhealthyBecause,
    memAvailableBytes: parseMemAvailable(probe.stdout)
  };
}

// src/provision/decide.ts
var flash = { action: "flash" };
var refuse = (reason) => ({ action: "refuse", reason });
var ownCluster = (ctx) => ctx.roleMatches === false ? flash : { action: ctx.versionMatches === false ? "upgrade" : "none" };
var RULES = {
  empty: { talos: flash, k3s: flash },
  unreachable: { talos: flash, k3s: flash },
  maintenance: { talos: { action: "configure" }, k3s: flash },
  "ours-talos": { talos: ownCluster, k3s: refuse("switch") },
  "foreign-talos": { talos: refuse("foreign"), k3s: refuse("foreign") },
  "ours-k3s": { talos: refuse("switch"), k3s: ownCluster },
  "foreign-k3s": { talos: refuse("foreign"), k3s: refuse("foreign") },
  armbian: { talos: flash, k3s: { action: "configure" } },
  "other-os": { talos: flash, k3s: flash },
  "ssh-locked": { talos: refuse("unproven"), k3s: refuse("unproven") }
};
function decide(verdict, ctx) {
  if (ctx.reflash) return flash;
  const rule = RULES[verdict][ctx.distro];
  return typeof rule === "function" ? rule(ctx) : rule;
}

// src/provision/talos/talos-plan.ts
var stateText3 = {
  ...stateText,
  "ours-k3s": "K3s of this cluster (a switch to Talos needs reflash)",
  "foreign-k3s": "K3s of another cluster",
  "ssh-locked": "SSH answers but refuses our key (owner unknown)"
};
var actionText = {
  flash: "flash, configure",
  configure: "configure (no flash)",
  none: "nothing (up to date)",
  upgrade: "upgrade",
  refuse: "refused"
};
function decideAction(state, wanted) {
  const verdict = talosVerdict[state.kind];
  const versionMatches = !state.version || state.version === wanted.version;
  const { action } = decide(verdict, { distro: "talos", reflash: wanted.reflash, versionMatches });
  return action === "configure" ? "configure" : action;
}
var talosVerdict = {
  off: "empty",
  "other-os": "other-os",
  maintenance: "maintenance",
  ours: "ours-talos",
  "other-secrets": "foreign-talos",
  "ours-k3s": "ours-k3s",
  "foreign-k3s": "foreign-k3s",
  "ssh-locked": "ssh-locked"
};
function talosStateOf(seen) {
  const kinds = {
    empty: "off",
    unreachable: "off",
    maintenance: "maintenance",
    "ours-talos": "ours",
    "foreign-talos": "other-secrets",
    "ours-k3s": "ours-k3s",
    "foreign-k3s": "foreign-k3s",
    armbian: "other-os",
    "other-os": "other-os",
    "ssh-locked": "ssh-locked"
  };
  return { ...seen.talos, kind: kinds[seen.verdict], detail: seen.detail };
}
function controlPlaneFirst(nodes) {
  return [...nodes].sort(
    (a, b) => Number(a.role !== "control-plane") - Number(b.role !== "control-plane") || a.slot - b.slot
  );
}
function nodePathProof(kind) {
  return kind === "ours-k3s" ? "our SSH key is accepted, K3s of this cluster" : "our SSH key is accepted, Armbian without K3s";
}
function noNodePathReason(kind) {
  const reasons = {
    off: "no running OS answers",
    maintenance: "Talos maintenance mode: no running OS of this cluster to write with",
    ours: "Talos of this cluster: a Talos run rewrites Talos nodes through the BMC",
    "other-secrets": "not provably this cluster's (Talos configured with other secrets)",
    "other-os": "another OS: the node path needs Armbian of this cluster",
    "ours-k3s": "K3s of this cluster, but this run keeps no SSH session to it",
    "foreign-k3s": "not provably this cluster's (K3s of another cluster)",
    "ssh-locked": "not provably this cluster's (SSH refuses our key)"
  };
  return reasons[kind];
}

// src/provision/path-preview.ts
var TALOS_NODE_PATH = /* @__PURE__ */ new Set(["ours-k3s", "armbian"]);
async function previewPaths(o) {
  const previews = /* @__PURE__ */ new Map();
  if (o.mode === "bmc") {
    for (const n of o.nodes)
      previews.set(n.slot, {
        slot: n.slot,
        path: "bmc",
        reason: "flash-path is bmc",
        found: "not probed"
      });
    return previews;
  }
  const talos = o.distro === "k3s" && o.talos?.haveSecrets ? o.talos : void 0;
  const seen = await detectNodes(o.nodes, {
    talos,
    ssh: o.privateKey ? {
      privateKey: o.privateKey,
      keys: await HostKeyStore.open(o.cacheDir, o.inventory.name, { readOnly: true })
    } : void 0,
    cluster: { name: o.inventory.name, k3sServer: serverUrl(o.inventory) },
    log: o.log,
    signal: o.signal
  });
  try {
    for (const n of o.nodes) {
      const obs = seen.get(n.slot);
      if (obs) previews.set(n.slot, await previewOne(o, n, obs, talos));
    }
  } finally {
    await closeObservations(seen);
  }
  return previews;
}
async function previewOne(o, n, obs, talos) {
  const need = { bytes: o.imageBytes ?? 0, marginBytes: DEFAULT_MEMORY_MARGIN_BYTES };
  const found = verdictText[obs.verdict];
  const bmc = (reason) => ({
    slot: n.slot,
    path: "bmc",
    reason,
    found,
    ...o.mode === "node" ? { refused: true } : {}
  });
  if (obs.verdict === "empty") return bmc("no running OS answers");
  if (obs.verdict === "ours-talos" && talos)
    return talosChoice(talos, n, o.mode, need, found).catch(
      (error) => bmc(`its facts could not be read: ${errorText(error)}`)
    );
  if (obs.verdict === "foreign-talos" && talos)
    return bmc(`not provably this cluster's (${obs.detail})`);
  if (["maintenance", "ours-talos", "foreign-talos"].includes(obs.verdict))
    return bmc(
      o.distro === "k3s" && !talos ? "the Talos API answers; without this cluster's talos-secrets it is not provably ours" : "the Talos API answers: Talos nodes are rewritten through the BMC"
    );
  if (!obs.link) return bmc(`not provably this cluster's (${obs.detail})`);
  if (o.distro === "talos" && !TALOS_NODE_PATH.has(obs.verdict))
    return bmc(noNodePathReason(talosStateOf(obs).kind));
  try {
    const session = await obs.link.connect();
    const proof = o.distro === "talos" ? nodePathProof(talosStateOf(obs).kind) : "our SSH key is accepted";
    return { ...choosePath(o.mode, await armbianFacts(session, n.slot, proof), need), found };
  } catch (error) {
    return bmc(`its facts could not be read: ${errorText(error)}`);
  }
}
async function talosChoice(talos, n, mode, need, found) {
  const access2 = {
    talosctl: await talos.talosctl(),
    target: { talosconfig: talos.talosconfig, endpoint: n.ip, node: n.ip }
  };
  return { ...choosePath(mode, await talosFacts(access2, n.slot), need), found };
}

// src/provision/plan.ts
var flashTimingModel = {
  prepMs: 7e3,
  writeBytesPerSec: 3e6,
  verifyFactor: 0.4,
  bootMs: 6e4
};
var nodePathTimingModel = {
  emmcWriteBytesPerSec: 8e7,
  readBackBytesPerSec: 15e7
};
function estimateNodePathMs(entry, uplinkBytesPerSec, sharing) {
  const sent = entry.uploadBytes ?? entry.writeBytes;
  const written = entry.writeBytes ?? entry.uploadBytes;
  if (sent === void 0 || written === void 0) return void 0;
  const transferS = sent / (uplinkBytesPerSec / Math.max(1, sharing));
  const { emmcWriteBytesPerSec, readBackBytesPerSec } = nodePathTimingModel;
  const writeS = written / emmcWriteBytesPerSec + written / readBackBytesPerSec;
  return (transferS + writeS) * 1e3 + flashTimingModel.bootMs;
}
function estimateFlashMs(writeBytes, skipCrc) {
  if (writeBytes === void 0) return void 0;
  const { prepMs, writeBytesPerSec, verifyFactor, bootMs } = flashTimingModel;
  const writeMs = writeBytes / writeBytesPerSec * 1e3;
  return prepMs + writeMs * (skipCrc ? 1 : 1 + verifyFactor) + bootMs;
}
function logPlan(log, entries, clusterName, distro, o = {}) {
  const own = entries.filter((e) => e.path === "node").length;
  log.info(
    own > 0 ? `Plan for cluster "${clusterName}": flash ${entries.length} node(s) with ${distro}: ${own} write their own eMMC at once, the BMC flashes ${entries.length - own} one after another.` : `Plan for cluster "${clusterName}": flash ${entries.length} node(s) with ${distro}, one after another.`
  );
  for (const e of entries) {
    const size = e.uploadBytes !== void 0 ? formatBytes(e.uploadBytes) : "size unknown";
    const written = e.writeBytes !== void 0 && e.writeBytes !== e.uploadBytes ? `, ${formatBytes(e.writeBytes)} written` : "";
    const eta = e.estimatedMs !== void 0 && !o.simulated ? `, about ${formatDuration(e.estimatedMs)}` : "";
    log.info(
      `  slot ${e.slot} ${e.hostname} (${e.ip}, ${e.role}): ${e.imageName} (${size}${written})${eta}${pathLine(e)}`
    );
  }
  const total = totalEstimate(entries);
  if (o.simulated)
    log.info(
      "No time estimate: the lab flashes a small stand-in image, not a real one (SIMULATED)."
    );
  else if (total !== void 0)
    log.info(`Estimated total on real hardware: ${formatDuration(total)}.`);
}
function pathLine(e) {
  if (!e.path) return "";
  if (e.pathRefused) return ` \u2014 not flashed: flash-path is node, but ${e.pathReason ?? "?"}`;
  return ` \u2014 via ${e.path === "node" ? "its own OS" : "BMC"} (${e.pathReason ?? "?"})`;
}
function totalEstimate(entries) {
  const flashed = entries.filter((e) => !e.pathRefused);
  if (flashed.some((e) => e.estimatedMs === void 0)) return void 0;
  const bmc = flashed.filter((e) => e.path !== "node");
  const bootOverlap = Math.max(0, bmc.length - 1) * flashTimingModel.bootMs;
  const serial = bmc.reduce((sum, e) => sum + (e.estimatedMs ?? 0), 0) - bootOverlap;
  const own = flashed.filter((e) => e.path === "node").map((e) => e.estimatedMs ?? 0);
  return Math.max(serial, ...own);
}
function summarisePlan(summary, entries) {
  const paths = entries.some((e) => e.path);
  summary.heading("Provision plan (dry run: nothing was changed)", 2).table(
    [
      "Slot",
      "Host",
      "Role",
      ...paths ? ["Found", "Path", "Why"] : [],
      "Image",
      "Upload",
      "Estimated time"
    ],
    entries.map((e) => [
      String(e.slot),
      e.hostname,
      e.role,
      ...paths ? [
        e.found ?? "",
        e.pathRefused ? "none (not flashed)" : e.path === "node" ? "its own OS" : "BMC",
        e.pathReason ?? ""
      ] : [],
      e.imageName,
      e.uploadBytes !== void 0 ? formatBytes(e.uploadBytes) : "?",
      e.estimatedMs !== void 0 ? formatDuration(e.estimatedMs) : "?"
    ])
  );
}

// src/provision/dry-run.ts
async function runDryRun(host, settings, image) {
  const { inventory, distro } = settings;
  const entries = await withPaths(host, settings, await image.entries(await image.describe()));
  logPlan(host.log, entries, inventory.name, distro);
  if (settings.steps === "all")
    host.log.info(
      "Each node is checked first: nodes already running this cluster or waiting for their configuration are not flashed" + (settings.reflash ? ` (${inputRef("reflash", "true")}: every selected node is flashed).` : ".")
    );
  summarisePlan(host.summary, entries);
  const { factory } = image;
  host.setOutput(
    "result",
    JSON.stringify({
      dryRun: true,
      plan: entries,
      ...factory ? {
        image: {
          schematicId: factory.schematic.id,
          url: factory.imageUrl,
          installer: factory.installer
        }
      } : {}
    })
  );
  host.setOutput("flashed-nodes", "");
  await host.summary.write();
}
async function dryRunKey(host, settings) {
  const input = settings.sshPrivateKey ?? host.env.RK1_SSH_PRIVATE_KEY;
  const dir = outputDirOf(host, settings.inventory.name, settings.outputDir, settings.distro);
  const stored = input?.trim() ? void 0 : await readSecretFile(dir, SSH_KEY_FILE);
  const given = input?.trim() ? input : stored?.value;
  return given ? resolveNodeKey(host, given).privateKey : void 0;
}
async function dryRunTalos(host, settings) {
  if (settings.distro !== "k3s" || settings.flashPath === "bmc") return void 0;
  return k3sTalosAccess(host, {
    inventory: settings.inventory,
    dir: outputDirOf(host, settings.inventory.name, settings.outputDir, "k3s"),
    secretsInput: settings.talosSecrets,
    workDir: join4(host.tempDir, "dry-run-talos")
  });
}
async function withPaths(host, settings, entries) {
  if (settings.steps === "flash")
    return entries.map((e) => ({ ...e, path: "bmc", pathReason: "steps: flash uses the BMC" }));
  const first = entries[0];
  const privateKey = await dryRunKey(host, settings);
  const talos = await dryRunTalos(host, settings);
  const previews = await host.log.group(
    "Flash path per node (read-only probes)",
    () => previewPaths({
      inventory: settings.inventory,
      nodes: settings.nodes,
      distro: settings.distro,
      mode: settings.flashPath,
      privateKey,
      // The node holds what travels: the personalised raw copy (K3s), the file itself (Talos).
      imageBytes: settings.distro === "k3s" ? first?.writeBytes : first?.uploadBytes,
      talos,
      cacheDir: host.cacheDir,
      log: host.log,
      signal: host.signal
    })
  );
  const own = [...previews.values()].filter((p) => p.path === "node").length;
  return entries.map((e) => {
    const p = previews.get(e.slot);
    if (!p) return e;
    const estimatedMs = p.path === "node" ? estimateNodePathMs(e, settings.uplinkBytesPerSec, own) : p.refused ? void 0 : e.estimatedMs;
    return {
      ...e,
      found: p.found,
      path: p.path,
      pathReason: p.reason,
      ...p.refused ? { pathRefused: true } : {},
      estimatedMs
    };
  });
}

// src/provision/flash-queue.ts
function isBoardWide(error) {
  return error instanceof BmcAuthError || error instanceof BmcUnreachableError || error instanceof BmcTlsError;
}
function flashQueueFor(distro, o) {
  const { inventory, ...setup } = o;
  return new FlashQueue({
    ...setup,
    bootPattern: compileBootPattern(inventory.distros[distro].bootPattern),
    managementPort: (node) => distro === "talos" ? node.ports.talosApi : node.ports.ssh
  });
}
var CANCELLED = "not attempted: the run was cancelled";
var label = (node) => `slot ${node.slot} (${node.hostname})`;
var FlashQueue = class {
  constructor(setup) {
    this.setup = setup;
    this.client = setup.client;
    this.uplink = new SharedUplink(setup.uplinkBytesPerSec ?? DEFAULT_UPLINK_BYTES_PER_SEC);
    this.scheduler = new FlashScheduler(setup.log);
    this.calls = setup.calls ?? { flashNode, waitForBoot };
  }
  setup;
  /** Shared by every node-path write of the run (a node path built outside may pace on it too). */
  uplink;
  /** The run's BMC client (a node path may need it to power-cycle its node). */
  client;
  scheduler;
  calls;
  /** Resolves once the previously added node entered the scheduler: keeps the BMC order. */
  entered = Promise.resolve();
  stopReason;
  /**
   * Adds a node. `prepare` (its path, its image copy) runs at once, in parallel with the other
   * nodes'; the node keeps its place in the BMC order anyway. Rejects only when `prepare` throws.
   */
  async add(node, prepare) {
    const previous = this.entered;
    let enter = () => void 0;
    this.entered = new Promise((resolve2) => enter = resolve2);
    let entry;
    try {
      entry = this.setup.signal?.aborted ? { notFlashed: CANCELLED } : await prepare();
      await previous;
    } catch (error) {
      await previous;
      enter();
      throw error;
    }
    if (this.setup.signal?.aborted) {
      enter();
      return this.stopped(node, "not-attempted", CANCELLED);
    }
    if ("notFlashed" in entry) {
      enter();
      return this.stopped(node, "not-flashed", entry.notFlashed);
    }
    this.setup.log.info(`${label(node)}: flash path ${entry.choice.path} (${entry.choice.reason}).`);
    if (entry.choice.refused) {
      enter();
      const why = `not flashed: flash-path is node, but ${entry.choice.reason}; nothing was touched`;
      return this.stopped(node, "not-flashed", why, entry.choice.reason);
    }
    const running = this.run(node, entry);
    enter();
    return running;
  }
  async run(node, entry) {
    const seen = {};
    const outcome = await this.scheduler.run({
      slot: node.slot,
      label: label(node),
      choice: entry.choice,
      nodeWrite: entry.nodeWrite && (() => entry.nodeWrite(this.uplink)),
      bmcFlash: () => this.bmcFlash(node, entry.image, seen),
      confirmBoot: (after) => this.confirmBoot(node, after).catch((error) => {
        if (after.path === "bmc") Object.assign(seen, { stop: "boot", cause: error });
        throw error;
      })
    });
    if (seen.notAttempted)
      return { ...outcome, stoppedAt: "not-attempted", error: seen.notAttempted };
    if (outcome.boot) {
      const port = this.setup.managementPort(node);
      const via = outcome.boot.via.map((v) => v === "uart" ? "console" : `port ${port}`);
      this.setup.log.info(
        `${label(node)} booted after ${formatDuration(outcome.boot.durationMs)} (${via.join(" and ")}).`
      );
      return outcome;
    }
    return { ...outcome, stoppedAt: seen.stop ?? "flash", cause: seen.cause };
  }
  async bmcFlash(node, image, seen) {
    const { client, log, signal, skipCrc } = this.setup;
    const stop = this.stopReason ?? (signal?.aborted ? CANCELLED : "");
    if (stop) {
      seen.notAttempted = stop;
      throw new FlashNotAttemptedError(stop);
    }
    try {
      return await log.group(
        `Flash ${label(node)}`,
        () => this.calls.flashNode(client, node.slot, image, { log, skipCrc, signal })
      );
    } catch (error) {
      Object.assign(seen, { stop: "flash", cause: error });
      if (isBoardWide(error))
        this.stopReason = `not attempted: the BMC failed for ${label(node)} (${error.message})`;
      throw error;
    }
  }
  confirmBoot(node, after) {
    const { client, log, signal, bootTimeoutMs } = this.setup;
    const tcp = { host: node.ip, port: this.setup.managementPort(node) };
    if (after.path === "node")
      return this.calls.waitForBoot(void 0, node.slot, {
        timeoutMs: bootTimeoutMs,
        tcp,
        signal,
        log
      });
    return this.calls.waitForBoot(client, node.slot, {
      timeoutMs: bootTimeoutMs,
      pattern: this.setup.bootPattern,
      tcp,
      snapshot: after.flash?.uartSnapshot,
      signal,
      log
    });
  }
  stopped(node, stoppedAt, error, reason = error) {
    return { slot: node.slot, path: "bmc", reason, durationMs: 0, stoppedAt, error };
  }
};
var describeError = (e) => e instanceof Rk1Error ? e.describe() : errorText(e);

// src/provision/flash-nodes.ts
async function flashAndBootNodes(options) {
  const queue = new FlashQueue({
    client: options.client,
    skipCrc: options.skipCrc,
    bootTimeoutMs: options.bootTimeoutMs,
    bootPattern: options.bootPattern,
    managementPort: options.managementPort,
    log: options.log,
    signal: options.signal
  });
  const choice = (node) => ({
    slot: node.slot,
    path: "bmc",
    reason: "steps: flash uses the BMC"
  });
  return Promise.all(
    options.nodes.map(
      async (node) => nodeOutcome(
        node,
        await queue.add(node, () => ({ image: options.image, choice: choice(node) }))
      )
    )
  );
}
var statusOf = {
  "not-attempted": "skipped",
  "not-flashed": "skipped",
  flash: "flash-failed",
  boot: "boot-failed"
};
function nodeOutcome(node, queued) {
  const base = { slot: node.slot, hostname: node.hostname, flash: queued.flash };
  if (!queued.stoppedAt)
    return { ...base, status: "booted", bootMs: queued.boot?.durationMs, bootVia: queued.boot?.via };
  const error = queued.cause !== void 0 ? describeError(queued.cause) : queued.error;
  return { ...base, status: statusOf[queued.stoppedAt], error };
}

// src/provision/run-error.ts
var ProvisionRunError = class extends Rk1Error {
};
var firstLine = (text) => (text ?? "").split("\n")[0] ?? "";
function provisionRunFailed(failure) {
  const { failed } = failure;
  const parts = [
    ...failed.map((n) => `slot ${n.slot} (${n.hostname}) ${n.status ?? "failed"}`),
    ...(failure.cluster ?? []).filter((c) => Boolean(c))
  ];
  const evidence = [
    ...failed.map((n) => `slot ${n.slot}: ${firstLine(n.error) || n.status || "failed"}`),
    ...failure.clusterEvidence ? [`cluster: ${firstLine(failure.clusterEvidence)}`] : []
  ];
  return new ProvisionRunError(`${failure.what} did not finish: ${parts.join("; ")}.`, {
    ...failed.length === 1 ? { node: failed[0].slot } : {},
    step: "provision",
    evidence: evidence.join("\n"),
    advice: "The summary lists each failure with what was seen; fix it and run provision again."
  });
}

// src/provision/summary.ts
var statusText = {
  booted: "flashed, booted",
  "flash-failed": "flash failed",
  "boot-failed": "flashed, did not boot",
  skipped: "skipped"
};
function summariseOutcomes(summary, outcomes, context) {
  const title = `Provision: ${context.distro}${context.simulated ? " (SIMULATED: virtual lab, not real hardware)" : ""}`;
  summary.heading(title, 2).table(
    ["Slot", "Host", "Image", "Bytes", "Flash time", "Throughput", "Boot", "Result"],
    outcomes.map((o) => [
      String(o.slot),
      o.hostname,
      context.imageName,
      o.flash ? formatBytes(o.flash.bytes) : "",
      o.flash ? formatDuration(o.flash.durationMs) : "",
      o.flash ? formatRate(o.flash.throughputBytesPerSec) : "",
      o.bootMs !== void 0 ? `${formatDuration(o.bootMs)} (${(o.bootVia ?? []).join("+")})` : "",
      statusText[o.status]
    ])
  );
  summary.paragraph(`Total wall time: ${formatDuration(context.totalMs)}.`);
  const failures = outcomes.filter((o) => o.error);
  if (failures.length > 0) {
    summary.heading("Problems", 3);
    for (const f of failures)
      summary.paragraph(`Slot ${f.slot} (${f.hostname}):`).code(f.error ?? "");
  }
}
function outcomesJson(outcomes, simulated) {
  return JSON.stringify({
    simulated,
    nodes: outcomes.map((o) => ({
      slot: o.slot,
      hostname: o.hostname,
      status: o.status,
      bytes: o.flash?.bytes,
      writtenBytes: o.flash?.writtenBytes,
      flashMs: o.flash ? Math.round(o.flash.durationMs) : void 0,
      throughputBytesPerSec: o.flash ? Math.round(o.flash.throughputBytesPerSec) : void 0,
      bootMs: o.bootMs !== void 0 ? Math.round(o.bootMs) : void 0,
      bootVia: o.bootVia,
      error: o.error
    }))
  });
}

// src/provision/flash-only.ts
function managementPort(distro) {
  return (node) => distro === "talos" ? node.ports.talosApi : node.ports.ssh;
}
async function runFlashOnly(host, settings, bmc) {
  const { inventory, distro } = settings;
  const { client, image, simulated } = await bmc.open();
  const started = performance.now();
  const outcomes = await flashAndBootNodes({
    client,
    nodes: settings.nodes,
    image,
    skipCrc: settings.skipCrc,
    bootTimeoutMs: settings.bootTimeoutMs,
    bootPattern: compileBootPattern(inventory.distros[distro].bootPattern),
    managementPort: managementPort(distro),
    log: host.log,
    signal: host.signal
  }).finally(() => client.close());
  summariseOutcomes(host.summary, outcomes, {
    imageName: image.fileName,
    distro,
    simulated,
    totalMs: performance.now() - started
  });
  host.setOutput("result", outcomesJson(outcomes, simulated));
  host.setOutput(
    "flashed-nodes",
    outcomes.filter((o) => o.flash).map((o) => o.slot).join(",")
  );
  await host.summary.write();
  const failed = outcomes.filter((o) => o.status !== "booted");
  if (failed.length > 0) throw provisionRunFailed({ what: "Flashing", failed });
}

// src/provision/image-plan.ts
import { dirname } from "node:path";

// src/distro/talos/factory.ts
var ImageFactoryError = class extends Rk1Error {
};
var SCHEMATIC_ID = /^[0-9a-f]{64}$/;
async function bodyText(body, limit = 64 * 1024) {
  const chunks = [];
  let size = 0;
  for await (const chunk of body) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    if (size < limit) chunks.push(buf);
    size += buf.length;
  }
  return Buffer.concat(chunks).toString("utf8").slice(0, limit);
}
var firstLine2 = (text) => text.trim().split("\n")[0]?.slice(0, 300) ?? "";
async function postSchematic(factory, schematic, opts) {
  const url = new URL(`${factory.replace(/\/+$/, "")}/schematics`);
  const res = await httpRequest(url, {
    method: "POST",
    headers: { "content-type": "application/yaml", accept: "application/json" },
    body: schematic.yaml,
    signal: opts.signal,
    idleTimeoutMs: 12e4
  });
  const text = await bodyText(res.body);
  if (res.status !== 201)
    throw new ImageFactoryError(
      `The Image Factory did not accept the schematic (HTTP ${res.status}).`,
      {
        step: "image",
        evidence: `POST ${displayUrl(url)}: ${firstLine2(text) || "empty answer"}`,
        advice: res.status === 400 ? "Check distros.talos.extensions: every entry must be an official extension for this Talos version." : "Check distros.talos.factory, or set distros.talos.image to a downloaded image."
      }
    );
  let id;
  try {
    id = JSON.parse(text).id;
  } catch {
    id = void 0;
  }
  if (typeof id !== "string" || !SCHEMATIC_ID.test(id))
    throw new ImageFactoryError("The Image Factory answered without a schematic ID.", {
      step: "image",
      evidence: `POST ${displayUrl(url)}: HTTP 201, body ${firstLine2(text) || "empty"}`,
      advice: "Check that distros.talos.factory points at a Talos Image Factory."
    });
  if (id !== schematic.id)
    throw new ImageFactoryError(
      `The Image Factory returned schematic ID ${id}, but our schematic hashes to ${schematic.id}.`,
      {
        step: "image",
        evidence: `posted:
${schematic.yaml}`,
        advice: "The installer image of the machine configs uses our ID, so upgrades would lose the overlay or extensions. If the factory is right, set distros.talos.schematicId to its ID; otherwise report it."
      }
    );
  return id;
}
async function fetchFactoryChecksum(imageUrl, opts) {
  const url = new URL(`${imageUrl}.sha256`);
  const res = await httpRequest(url, { method: "GET", signal: opts.signal, idleTimeoutMs: 12e4 });
  if (res.status === 402 || res.status === 404) {
    res.body.resume();
    opts.log.info(
      `${displayUrl(url)}: HTTP ${res.status}, no checksum from this factory. The xz stream's own check and the BMC's sha256 of the upload protect the bytes.`
    );
    return void 0;
  }
  if (res.status !== 200) throw statusError(res, url);
  const text = await bodyText(res.body, 4096);
  const hex = /^([0-9a-f]{64})(\s|$)/i.exec(text.trim())?.[1];
  if (!hex)
    throw new ImageFactoryError("The Image Factory sent a checksum file that holds no sha256.", {
      step: "image",
      evidence: `${displayUrl(url)}: ${firstLine2(text) || "empty"}`,
      advice: "Run again; if it persists, set distros.talos.image with a sha256 you trust."
    });
  opts.log.info(`${displayUrl(url)}: sha256 ${hex.toLowerCase()}.`);
  return hex.toLowerCase();
}
function planFactoryImage(talos, version) {
  const schematic = resolveRk1Schematic(talos);
  return {
    schematic,
    factory: talos.factory,
    imageUrl: factoryImageUrl(schematic.id, version, talos.factory),
    installer: installerImage(schematic.id, version, talos.factory)
  };
}
async function resolveFactoryImage(talos, version, opts) {
  const plan = planFactoryImage(talos, version);
  if (plan.schematic.given)
    opts.log.info(
      `Schematic ${plan.schematic.id} from distros.talos.schematicId: not posting it to the factory.`
    );
  else {
    opts.log.info(`Registering schematic ${plan.schematic.id} with ${plan.factory}.`);
    await postSchematic(plan.factory, plan.schematic, opts);
  }
  opts.log.info(`Talos ${version} image from the Image Factory: ${plan.imageUrl}`);
  const sha2562 = await fetchFactoryChecksum(plan.imageUrl, opts);
  return sha2562 ? { source: plan.imageUrl, sha256: sha2562 } : { source: plan.imageUrl };
}

// src/provision/image-plan.ts
function imagePlan(host, settings) {
  const { inventory, distro } = settings;
  const spec = inventory.distros[distro].image;
  const talos = inventory.distros.talos;
  const factory = spec ? void 0 : planFactoryImage(talos, inventory.versions.talos);
  const options = {
    cacheDir: host.cacheDir,
    baseDir: dirname(settings.inventoryPath),
    log: host.log,
    signal: host.signal
  };
  return {
    factory,
    describe: async () => {
      if (!factory) {
        const described = await describeImage(spec, options);
        return { ...described, path: spec?.kind === "file" ? spec.source : void 0 };
      }
      host.log.info(
        `Talos image from the Image Factory: schematic ${factory.schematic.id}${factory.schematic.given ? " (distros.talos.schematicId)" : ""}, ${factory.imageUrl}`
      );
      host.log.info(`Installer image for gen config and upgrades: ${factory.installer}`);
      return { fileName: "metal-arm64.raw.xz" };
    },
    prepare: async () => prepareImage(
      spec ?? await resolveFactoryImage(talos, inventory.versions.talos, options),
      options
    ),
    entries: (image) => planEntries(settings, image)
  };
}
async function planEntries(settings, image) {
  const writeBytes = image.path && image.fileName.endsWith(".xz") ? await xzUncompressedSize(image.path) : image.size;
  return settings.nodes.map((n) => ({
    slot: n.slot,
    hostname: n.hostname,
    ip: n.ip,
    role: n.role,
    imageName: image.fileName,
    uploadBytes: image.size,
    writeBytes,
    estimatedMs: estimateFlashMs(writeBytes, settings.skipCrc)
  }));
}

// src/provision/story.ts
async function runProvisionStory(driver, log) {
  const started = performance.now();
  let run2;
  try {
    await driver.plan();
    const found = await log.group("Node states", () => driver.detect());
    const actions = driver.decide(found);
    driver.refuse(found, actions);
    run2 = await driver.flashAndConfigure(found, actions);
    await driver.clusterReady(run2);
  } catch (error) {
    await driver.close();
    await driver.abandoned?.();
    throw error;
  }
  await driver.close();
  await driver.outputs(run2, performance.now() - started);
}

// src/provision/k3s/k3s-detect.ts
var stateText4 = {
  ...stateText2,
  "talos-maintenance": "Talos maintenance mode (no cluster)",
  "ours-talos": "Talos of this cluster (a switch to K3s needs reflash)",
  "foreign-talos": "Talos of a cluster not provably this one"
};
var foundOf = {
  empty: "unreachable",
  unreachable: "unreachable",
  maintenance: "talos-maintenance",
  "ours-talos": "ours-talos",
  "foreign-talos": "foreign-talos",
  "ours-k3s": "ours",
  "foreign-k3s": "other-cluster",
  armbian: "armbian",
  "other-os": "other-os",
  "ssh-locked": "locked"
};
function detected(seen) {
  const state = { ...seen.k3s, kind: foundOf[seen.verdict], detail: seen.detail };
  return { state, verdict: seen.verdict, link: seen.link };
}
async function detectAll(nodes, ctx) {
  const { host, inventory } = ctx;
  const seen = await detectNodes(nodes, {
    talos: ctx.talos,
    ssh: { privateKey: ctx.privateKey, keys: ctx.keys },
    cluster: { name: inventory.name, k3sServer: serverUrl(inventory) },
    log: host.log,
    signal: host.signal
  });
  return new Map([...seen].map(([slot, o]) => [slot, detected(o)]));
}
function decideAction2(found, node, want) {
  const role = node.slot === want.serverSlot ? "server" : "agent";
  const { action } = decide(found.verdict, {
    distro: "k3s",
    reflash: want.reflash,
    roleMatches: found.state.role === role,
    versionMatches: found.state.k3sVersion === want.version
  });
  return action === "configure" ? "setup" : action;
}

// src/provision/k3s/k3s-driver.ts
import { join as join8 } from "node:path";

// src/distro/k3s/personalise.ts
import { execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { constants, createWriteStream } from "node:fs";
import { copyFile, mkdir as mkdir2, mkdtemp, rm as rm2, stat as stat2, writeFile as writeFile2 } from "node:fs/promises";
import { basename, join as join5 } from "node:path";

// src/distro/k3s/gpt.ts
import { open as open2 } from "node:fs/promises";
var SECTOR = 512;
var GptError = class extends Rk1Error {
};
function guid(b) {
  const hex = (x) => x.toString("hex").toUpperCase();
  const le = (x) => hex(Buffer.from(x).reverse());
  return [
    le(b.subarray(0, 4)),
    le(b.subarray(4, 6)),
    le(b.subarray(6, 8)),
    hex(b.subarray(8, 10)),
    hex(b.subarray(10, 16))
  ].join("-");
}
function parseGptHeader(sector) {
  if (sector.length < 92 || sector.toString("latin1", 0, 8) !== "EFI PART")
    throw new GptError('The image has no GPT (no "EFI PART" signature at LBA 1).', {
      step: "personalise",
      advice: "Use an Armbian image for the RK1 (GPT with a partition named rootfs)."
    });
  const entrySize = sector.readUInt32LE(84);
  const count = sector.readUInt32LE(80);
  if (entrySize < 128 || entrySize > 4096 || count === 0 || count > 1024)
    throw new GptError("The GPT header is corrupt (entry size or count out of range).", {
      step: "personalise",
      evidence: `entries=${count} entrySize=${entrySize}`
    });
  return { entriesLba: Number(sector.readBigUInt64LE(72)), count, entrySize };
}
function parseGptEntries(table, header) {
  const out = [];
  for (let i = 0; i < header.count; i++) {
    const e = table.subarray(i * header.entrySize, (i + 1) * header.entrySize);
    if (e.length < 128 || e.subarray(0, 16).every((b) => b === 0)) continue;
    const firstLba = Number(e.readBigUInt64LE(32));
    const lastLba = Number(e.readBigUInt64LE(40));
    out.push({
      number: i + 1,
      name: e.toString("utf16le", 56, 128).replace(/\0.*$/s, ""),
      typeGuid: guid(e.subarray(0, 16)),
      firstLba,
      lastLba,
      offsetBytes: firstLba * SECTOR,
      sizeBytes: (lastLba - firstLba + 1) * SECTOR
    });
  }
  return out;
}
async function readGptPartitions(imagePath) {
  const file = await open2(imagePath, "r");
  try {
    const sector = Buffer.alloc(SECTOR);
    await file.read(sector, 0, SECTOR, SECTOR);
    const header = parseGptHeader(sector);
    const table = Buffer.alloc(header.count * header.entrySize);
    await file.read(table, 0, table.length, header.entriesLba * SECTOR);
    return parseGptEntries(table, header);
  } finally {
    await file.close();
  }
}
async function findRootfsPartition(imagePath) {
  const parts = await readGptPartitions(imagePath);
  const rootfs = parts.find((p) => p.name === "rootfs");
  if (!rootfs)
    throw new GptError('The image has no GPT partition named "rootfs".', {
      step: "personalise",
      evidence: `partitions: ${parts.map((p) => `${p.number}:${p.name || "(unnamed)"}`).join(", ") || "none"}`,
      advice: "Use an Armbian image built for the RK1 (one partition named rootfs)."
    });
  return rootfs;
}

// src/distro/k3s/image-files.ts
function presetValue(value) {
  if (!/^[A-Za-z0-9 ._@:/+,=-]*$/.test(value))
    throw new Error(
      `preset value has characters that bash would interpret: ${JSON.stringify(value)}`
    );
  return `"${value}"`;
}
function renderPreset(o) {
  const lines = [
    ["PRESET_NET_CHANGE_DEFAULTS", "0"],
    ["PRESET_CONNECT_WIRELESS", "n"],
    ["SET_LANG_BASED_ON_LOCATION", "n"],
    ["PRESET_LOCALE", o.locale ?? "C.UTF-8"],
    ["PRESET_TIMEZONE", o.timezone ?? "Etc/UTC"],
    ["PRESET_ROOT_PASSWORD", o.rootPassword],
    ["PRESET_ROOT_KEY", ""],
    ["PRESET_USER_NAME", o.userName],
    ["PRESET_USER_PASSWORD", o.userPassword],
    ["PRESET_USER_KEY", ""],
    ["PRESET_DEFAULT_REALNAME", o.userName],
    ["PRESET_USER_SHELL", "bash"]
  ];
  return `${lines.map(([k, v]) => `${k}=${presetValue(v)}`).join("\n")}
`;
}
function renderHostname(node) {
  return `${node.hostname}
`;
}
function renderHosts(node, inventory) {
  const lines = ["127.0.0.1	localhost", `127.0.1.1	${node.hostname}`];
  for (const n of inventory.nodes)
    if (n.slot !== node.slot || !n.ip.startsWith("127.")) lines.push(`${n.ip}	${n.hostname}`);
  lines.push("::1	localhost ip6-localhost ip6-loopback", "ff02::1	ip6-allnodes");
  return `${[...new Set(lines)].join("\n")}
`;
}
function prefixLength(cidr) {
  const n = Number(cidr.split("/")[1]);
  return Number.isInteger(n) && n >= 1 && n <= 32 ? n : 24;
}
function renderStaticNetplan(node, inventory) {
  const net = inventory.network;
  return [
    "network:",
    "  version: 2",
    "  renderer: networkd",
    "  ethernets:",
    `    ${net.interface}:`,
    "      dhcp4: false",
    "      dhcp6: false",
    `      addresses: [${node.ip}/${prefixLength(net.cidr)}]`,
    "      routes:",
    "        - to: default",
    `          via: ${net.gateway}`,
    "      nameservers:",
    `        addresses: [${net.dns.join(", ")}]`,
    ""
  ].join("\n");
}

// src/distro/k3s/personalise.ts
var PersonaliseError = class extends Rk1Error {
};
function run(cmd, args, input) {
  return new Promise((resolve2, reject) => {
    const child = execFile(
      cmd,
      args,
      { maxBuffer: 16 << 20 },
      (error, out, err) => error ? reject(
        new PersonaliseError(`\`${cmd}\` failed while personalising the image.`, {
          step: "personalise",
          evidence: String(err || error.message).trim().slice(-2e3),
          advice: `Install e2fsprogs (debugfs), openssl and xz on the runner.`
        })
      ) : resolve2({ out: String(out), err: String(err) })
    );
    if (input !== void 0) child.stdin?.end(input);
  });
}
async function sha512Crypt(password) {
  const salt = randomBytes(12).toString("hex").slice(0, 16);
  const { out } = await run("openssl", ["passwd", "-6", "-salt", salt, "-stdin"], `${password}
`);
  return out.trim();
}
function replaceRootHash(shadow, hash) {
  const lines = shadow.split("\n");
  const i = lines.findIndex((l) => l.startsWith("root:"));
  const day = Math.floor(Date.now() / 864e5);
  const fields = (i >= 0 ? lines[i] : `root::${day}:0:99999:7:::`).split(":");
  fields[1] = hash;
  if (i >= 0) lines[i] = fields.join(":");
  else lines.unshift(fields.join(":"));
  return lines.join("\n").replace(/\n*$/, "\n");
}
var PART = (image, offset) => `${image}?offset=${offset}`;
var HARMLESS = /^debugfs \d|File not found by ext2_lookup|already exists|^\s*$/;
async function debugfs(image, offset, commands) {
  const { err } = await run(
    "debugfs",
    ["-w", "-f", "-", PART(image, offset)],
    `${commands.join("\n")}
`
  );
  const bad = err.split("\n").filter((l) => !HARMLESS.test(l));
  if (bad.length > 0)
    throw new PersonaliseError("debugfs could not write the node files into the image.", {
      step: "personalise",
      evidence: bad.join("\n").slice(0, 2e3)
    });
}
async function readImageFile(image, offset, path) {
  const { out, err } = await run("debugfs", ["-R", `cat ${path}`, PART(image, offset)]);
  return /File not found/.test(err) ? void 0 : out;
}
async function writeImageFiles(image, offset, files, dirs, scratch) {
  const cmds = [];
  for (const d of dirs)
    cmds.push(`mkdir ${d.path}`, `sif ${d.path} mode 0${(16384 | d.mode).toString(8)}`);
  for (const d of dirs) cmds.push(`sif ${d.path} uid 0`, `sif ${d.path} gid 0`);
  let i = 0;
  for (const f of files) {
    const local = join5(scratch, `f${i++}`);
    await writeFile2(local, f.content, { mode: 384 });
    cmds.push(
      `rm ${f.path}`,
      `write ${local} ${f.path}`,
      `sif ${f.path} mode 0${(32768 | f.mode).toString(8)}`,
      `sif ${f.path} uid 0`,
      `sif ${f.path} gid 0`
    );
  }
  await debugfs(image, offset, cmds);
}
async function decompressXz(source, dest) {
  const child = spawn("xz", ["-dc", "--", source], { stdio: ["ignore", "pipe", "pipe"] });
  const out = createWriteStream(dest, { mode: 384 });
  let err = "";
  child.stderr.on("data", (d) => err += d.toString());
  const written = new Promise((resolve2, reject) => {
    out.on("close", resolve2);
    out.on("error", reject);
  });
  const exited = new Promise((resolve2, reject) => {
    child.on("error", reject);
    child.on("close", resolve2);
  });
  child.stdout.pipe(out);
  const [code] = await Promise.all([exited, written]);
  if (code !== 0)
    throw new PersonaliseError(`xz could not decompress ${basename(source)}.`, {
      step: "personalise",
      evidence: err.trim().slice(-1e3),
      advice: "Check the cached image (delete it to download again) and that xz is installed."
    });
}
async function rawBase(source, tempDir) {
  if (!source.endsWith(".xz")) return { path: source, cleanup: async () => void 0 };
  await mkdir2(tempDir, { recursive: true, mode: 448 });
  const dir = await mkdtemp(join5(tempDir, "armbian-base-"));
  const path = join5(dir, basename(source).replace(/\.xz$/, ""));
  try {
    await decompressXz(source, path);
  } catch (error) {
    await rm2(dir, { recursive: true, force: true });
    throw error;
  }
  return { path, cleanup: () => rm2(dir, { recursive: true, force: true }) };
}
async function nodeImageFiles(o, shadow) {
  const secret = () => randomBytes(24).toString("hex");
  const files = [
    { path: "/root/.ssh/authorized_keys", content: `${o.authorizedKeys.trim()}
`, mode: 384 },
    { path: "/etc/hostname", content: renderHostname(o.node), mode: 420 },
    { path: "/etc/hosts", content: renderHosts(o.node, o.inventory), mode: 420 },
    {
      path: "/root/.not_logged_in_yet",
      content: renderPreset({ rootPassword: secret(), userName: "rk1", userPassword: secret() }),
      mode: 384
    },
    {
      path: "/etc/shadow",
      content: replaceRootHash(shadow, await sha512Crypt(secret())),
      mode: 416
    },
    {
      path: "/etc/ssh/sshd_config.d/10-rk1.conf",
      content: "# rk1-actions: key-only root login (the image default allows root passwords)\nPermitRootLogin prohibit-password\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n",
      mode: 420
    }
  ];
  if (o.staticNetwork) {
    files.push({
      path: "/etc/netplan/10-rk1-static.yaml",
      content: renderStaticNetplan(o.node, o.inventory),
      mode: 384
    });
  }
  const dirs = [
    { path: "/root/.ssh", mode: 448 },
    { path: "/etc/ssh/sshd_config.d", mode: 493 }
  ];
  return { files, dirs };
}
async function personaliseImage(base, tempDir, o) {
  const rootfs = await findRootfsPartition(base);
  await mkdir2(tempDir, { recursive: true, mode: 448 });
  const dir = await mkdtemp(join5(tempDir, `armbian-slot${o.node.slot}-`));
  const cleanup2 = () => rm2(dir, { recursive: true, force: true });
  try {
    const fileName = basename(base).replace(/\.img$/, `-${o.node.hostname}.img`);
    const path = join5(dir, fileName.endsWith(".img") ? fileName : `${fileName}.img`);
    await copyFile(base, path, constants.COPYFILE_FICLONE);
    const shadow = await readImageFile(path, rootfs.offsetBytes, "/etc/shadow") ?? "";
    const { files, dirs } = await nodeImageFiles(o, shadow);
    if (o.staticNetwork)
      await debugfs(path, rootfs.offsetBytes, ["rm /etc/netplan/10-dhcp-all-interfaces.yaml"]);
    const scratch = join5(dir, "files");
    await mkdir2(scratch, { mode: 448 });
    await writeImageFiles(path, rootfs.offsetBytes, files, dirs, scratch);
    await rm2(scratch, { recursive: true, force: true });
    return { path, fileName: basename(path), size: (await stat2(path)).size, cleanup: cleanup2 };
  } catch (error) {
    await cleanup2();
    throw error;
  }
}

// src/provision/flash-path.ts
async function nodePathChoice(o) {
  const { mode, slot } = o;
  const need = { bytes: o.bytes, marginBytes: DEFAULT_MEMORY_MARGIN_BYTES };
  if (mode === "bmc") return { slot, path: "bmc", reason: "flash-path is bmc" };
  if (!o.facts)
    return {
      slot,
      path: "bmc",
      reason: o.noNodePath ?? "no running OS answers",
      ...mode === "node" ? { refused: true } : {}
    };
  try {
    return choosePath(mode, await o.facts(), need);
  } catch (error) {
    o.log.warn(`slot ${slot}: reading its facts for the node path failed: ${describeError(error)}`);
    return choosePath(mode, { slot, os: "none", notOwnedBecause: describeError(error) }, need);
  }
}
function sshNodeWrite(link, node, image, o) {
  return async (uplink) => writeOverSsh({
    session: await link.connect(),
    slot: node.slot,
    label: `slot ${node.slot} (${node.hostname})`,
    image: await describeNodeImage(image, o.signal),
    uplink,
    log: o.log,
    signal: o.signal
  });
}

// src/provision/k3s/k3s-pipeline.ts
async function runFlashPipeline(o) {
  const tasks = [];
  for (const p of o.nodes.filter((x) => x.action !== "flash"))
    tasks.push(o.configure({ slot: p.node.slot, link: p.link }));
  const toFlash = o.nodes.filter((x) => x.action === "flash");
  if (toFlash.length > 0 && !o.flash) {
    for (const p of toFlash)
      tasks.push(o.configure({ slot: p.node.slot, error: "not flashed: no BMC for this run" }));
    await Promise.all(tasks);
    return;
  }
  const fc = o.flash;
  if (!fc) {
    await Promise.all(tasks);
    return;
  }
  const talosPath = await fc.talosPath?.(fc.queue.uplink);
  try {
    for (const p of toFlash) tasks.push(flashOne(p, fc, o, talosPath));
    await Promise.all(tasks);
  } finally {
    await talosPath?.close();
  }
}
async function flashOne(p, fc, o, talosPath) {
  const { node } = p;
  let image;
  let outcome;
  try {
    outcome = await fc.queue.add(node, async () => {
      try {
        image = await personaliseImage(fc.base, fc.tempDir, {
          inventory: o.inventory,
          node,
          authorizedKeys: fc.authorizedKeys,
          staticNetwork: fc.staticNetwork
        });
      } catch (error) {
        o.log.error(`${label2(node)}: personalising the image failed: ${describeError(error)}`);
        return { notFlashed: `personalise failed: ${describeError(error)}` };
      }
      return queueEntry(p, fc, o, image, talosPath);
    });
  } finally {
    await image?.cleanup();
    talosPath?.release(node.slot);
  }
  if (outcome.stoppedAt === "not-flashed")
    return o.configure({ slot: node.slot, error: outcome.error });
  if (outcome.path === "node" || outcome.nodeWrite) await p.link?.close();
  return afterBoot(p, o, outcome);
}
async function queueEntry(p, fc, o, image, talosPath) {
  const { node, link } = p;
  const sha2562 = await sha256File(image.path, { signal: o.signal });
  const flashImage = { path: image.path, size: image.size, fileName: image.fileName, sha256: sha2562 };
  const viaJob = p.talos && talosPath;
  const choice = await nodePathChoice({
    mode: fc.flashPath ?? "bmc",
    slot: node.slot,
    bytes: image.size,
    facts: viaJob ? () => talosPath.facts(node) : link && (async () => armbianFacts(await link.connect(), node.slot)),
    log: o.log
  });
  if (choice.path !== "node") talosPath?.release(node.slot);
  const nodeWrite = viaJob ? () => jobWrite(talosPath, node, fc, flashImage, o.signal) : link && sshNodeWrite(link, node, flashImage, o);
  return { image: flashImage, choice, nodeWrite };
}
async function jobWrite(talosPath, node, fc, image, signal) {
  return talosPath.write({
    node,
    label: label2(node),
    image: await describeNodeImage(image, signal),
    powerCycle: async () => {
      await fc.queue.client.setPower(node.slot, false);
      await fc.queue.client.setPower(node.slot, true);
    }
  });
}
var label2 = (node) => `slot ${node.slot} (${node.hostname})`;
async function afterBoot(p, o, outcome) {
  const { node } = p;
  const { log } = o;
  const flashPath = {
    path: outcome.path,
    reason: `${outcome.reason}${restartText(outcome.nodeWrite)}`,
    fallbackFrom: outcome.fallbackFrom
  };
  const base = { slot: node.slot, flash: outcome.flash, flashPath, writeMs: outcome.durationMs };
  if (outcome.error || !outcome.boot) return o.configure({ ...base, error: outcome.error });
  const bootMs = outcome.boot.durationMs;
  const link = new NodeLink({
    node,
    privateKey: o.privateKey,
    hostKey: { mode: "learn-once" },
    log,
    signal: o.signal,
    connectTimeoutMs: o.bootTimeoutMs
  });
  try {
    const session = await link.connect();
    await o.keys.save(node.slot, session.hostKeyFingerprint);
  } catch (error) {
    await link.close();
    return o.configure({
      ...base,
      bootMs,
      error: `no SSH with our key after boot: ${describeError(error)}`
    });
  }
  return o.configure({ ...base, link, bootMs });
}

// src/provision/cluster-summary.ts
var ms = (v) => v !== void 0 ? formatDuration(v) : "";
function summariseCluster(summary, run2) {
  const simulated = run2.simulated ? " (SIMULATED: virtual lab, not real hardware)" : "";
  summary.heading(`Provision: ${run2.distro}${simulated}`, 2);
  if (run2.upToDate)
    summary.paragraph(
      `Cluster "${run2.clusterName}" is already up to date: nothing was ${run2.nothingDone}.`
    );
  summary.table(
    ["Slot", "Host", "Role", "State found", "Action taken", "Flash", "Boot", "Configure", "Result"],
    run2.nodes.map((n) => [
      String(n.slot),
      n.hostname,
      n.role,
      n.found,
      n.action,
      ms(n.flashMs),
      ms(n.bootMs),
      ms(n.configureMs),
      n.ready ? "ready" : "FAILED"
    ])
  );
  summary.list(run2.facts);
  const failures = run2.nodes.filter((n) => n.error);
  if (failures.length > 0 || run2.clusterErrors.length > 0) {
    summary.heading("Problems", 3);
    for (const f of failures)
      summary.paragraph(`Slot ${f.slot} (${f.hostname}):`).code(f.error ?? "");
    for (const e of run2.clusterErrors) summary.paragraph("Cluster:").code(e);
  }
}

// src/provision/node-result.ts
function flashPathText(p) {
  if (!p) return "";
  return ` via ${p.path === "node" ? "its own OS" : "BMC"} (${p.reason})`;
}

// src/provision/k3s/k3s-summary.ts
var actionText2 = {
  flash: "personalise, flash, setup, install K3s",
  setup: "setup, install K3s",
  upgrade: "setup, upgrade K3s in place",
  none: "none (verified)",
  refuse: "refused"
};
function k3sFailed(run2) {
  return run2.nodes.some((n) => n.status === "failed") || !!run2.clusterError;
}
function keyText(run2) {
  if (run2.keyOrigin === "input") return "from the ssh-private-key input";
  if (run2.keyOrigin === "file") return `${run2.keyPath ?? "output-dir"}, kept by an earlier run`;
  return `generated by this run and written to ${run2.keyPath ?? "output-dir"} (0600); later runs with this output-dir find it (in Actions store the ssh-private-key output as a secret)`;
}
function summariseK3s(summary, run2) {
  summariseCluster(summary, {
    distro: "k3s",
    clusterName: run2.clusterName,
    simulated: run2.simulated,
    upToDate: run2.upToDate,
    nothingDone: "flashed or reinstalled",
    nodes: run2.nodes.map((n) => ({
      slot: n.slot,
      hostname: n.hostname,
      role: n.role,
      found: `${stateText4[n.found]}${n.foundVersion ? ` (${n.foundVersion})` : ""}`,
      action: `${actionText2[n.action]}${flashPathText(n.flashPath)}${n.install && n.install !== "unchanged" ? ` [K3s ${n.install}]` : ""}`,
      flashMs: n.flash?.durationMs ?? (n.flashPath?.path === "node" ? n.writeMs : void 0),
      bootMs: n.bootMs,
      configureMs: n.configureMs,
      ready: n.status === "ready",
      error: n.error
    })),
    facts: [
      `K3s: ${run2.version}`,
      `Ready Kubernetes nodes: ${run2.readyNodes ? run2.readyNodes.join(", ") : "not checked"}`,
      `SSH key: ${keyText(run2)}`,
      `Files: ${run2.dir}`,
      `Total wall time: ${formatDuration(run2.totalMs)}`
    ],
    clusterErrors: run2.clusterError ? [run2.clusterError] : []
  });
}
function k3sResultJson(run2) {
  const round = (v) => v !== void 0 ? Math.round(v) : void 0;
  return JSON.stringify({
    simulated: run2.simulated,
    distro: "k3s",
    version: run2.version,
    upToDate: !!run2.upToDate,
    healthy: !k3sFailed(run2),
    readyNodes: run2.readyNodes,
    keyOrigin: run2.keyOrigin,
    outputDir: run2.dir,
    totalMs: Math.round(run2.totalMs),
    nodes: run2.nodes.map((n) => ({
      slot: n.slot,
      hostname: n.hostname,
      role: n.role,
      found: n.found,
      foundVersion: n.foundVersion,
      action: n.action,
      install: n.install,
      status: n.status,
      flashMs: round(n.flash?.durationMs),
      bytes: n.flash?.bytes,
      flashPath: n.flashPath?.path,
      flashPathReason: n.flashPath?.reason,
      nodePathFailure: n.flashPath?.fallbackFrom,
      writeMs: round(n.writeMs),
      bootMs: round(n.bootMs),
      configureMs: round(n.configureMs),
      setupChanges: n.setupChanges,
      npu: n.facts ? { kernel: n.facts.kernel, render: n.facts["npu-render"], version: n.facts["npu-version"] } : void 0,
      dataDisk: n.facts?.["data-disk"],
      error: n.error
    }))
  });
}

// src/provision/k3s/k3s-context.ts
var K3sRefusedError = class extends Rk1Error {
};
var K3sProvisionError = class extends Rk1Error {
};
var describe2 = (e) => e instanceof Rk1Error ? e.describe() : errorText(e);
function gate() {
  let open3 = () => void 0;
  const promise = new Promise((r) => open3 = r);
  return { promise, open: open3 };
}
async function clusterKey(host, settings) {
  const dir = outputDirOf(host, settings.inventory.name, settings.outputDir, "k3s");
  await privateDir(dir);
  const keyInput = settings.sshPrivateKey ?? host.env.RK1_SSH_PRIVATE_KEY;
  const stored = keyInput?.trim() ? void 0 : await readSecretFile(dir, SSH_KEY_FILE);
  const key = resolveNodeKey(host, keyInput, stored);
  if (key.origin === "generated")
    key.path = await writeSecretFile(
      host,
      dir,
      SSH_KEY_FILE,
      key.privateKey,
      "New SSH key of this cluster (its nodes trust only it)"
    );
  else if (key.origin === "file") host.log.info(`SSH key: ${key.path}, kept by an earlier run.`);
  return { key, dir };
}
async function planK3s(host, settings) {
  const { key, dir } = await clusterKey(host, settings);
  const inventory = settings.inventory;
  const keys = await HostKeyStore.open(host.cacheDir, inventory.name);
  const server = serverNode(inventory);
  const selected = [...settings.nodes].sort(
    (a, b) => a.slot === server.slot ? -1 : b.slot === server.slot ? 1 : a.slot - b.slot
  );
  const talos = await k3sTalosAccess(host, { inventory, dir, secretsInput: settings.talosSecrets });
  return {
    ...{ host, settings, inventory, log: host.log, version: inventory.versions.k3s, dir, key },
    ...{ keys, server, selected, talos },
    ...{ detected: /* @__PURE__ */ new Map(), actions: /* @__PURE__ */ new Map(), links: /* @__PURE__ */ new Map(), results: /* @__PURE__ */ new Map() }
  };
}

// src/provision/k3s/k3s-cluster.ts
import { chmod as chmod2, readFile as readFile4, writeFile as writeFile3 } from "node:fs/promises";
import { join as join7 } from "node:path";

// src/distro/k3s/operations.ts
import { createHash } from "node:crypto";
import { readFile as readFile3 } from "node:fs/promises";
var K3sStepError = class extends Rk1Error {
};
var SERVER_TOKEN_PATH = "/var/lib/rancher/k3s/server/token";
var KUBECONFIG_PATH = "/etc/rancher/k3s/k3s.yaml";
async function waitFirstBoot(link, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (; ; ) {
    const r = await link.run(
      "first-boot check",
      (s) => s.exec("test -e /root/.not_logged_in_yet && echo pending || echo done", { timeoutMs: 2e4 })
    );
    if (r.stdout.trim() === "done") return;
    if (Date.now() > deadline)
      throw new K3sStepError(`${link.label}: Armbian's first login did not finish.`, {
        node: link.opts.node.slot,
        step: "first-boot",
        evidence: "/root/.not_logged_in_yet is still present",
        advice: "The console wizard is waiting for input: read the UART (rk1 lab or `tpi uart`); the preset written into the image was incomplete or the image predates Armbian 24.11."
      });
    await sleep(500, link.opts.signal);
  }
}
function dataRefusalAdvice(seen, allowFormatData) {
  if (/root filesystem/.test(seen))
    return "The inventory names the disk holding the root filesystem as the data disk: set disks.data to the NVMe (e.g. /dev/nvme0n1). No setting formats a root disk.";
  if (/mounted/.test(seen))
    return "Unmount the filesystem on the node (and remove it from /etc/fstab), then run provision again.";
  if (allowFormatData)
    return `${inputRef("allow-format-data")} is already set, yet the node refused: see the evidence and check the disk on the node (lsblk -f).`;
  return `Back up what is on the disk, or set ${inputRef("allow-format-data", "true")} to format it for Longhorn (everything on it is lost). A disk with the root filesystem is never formatted.`;
}
async function runSetup(link, opts) {
  const script = renderSetupScript({ node: link.opts.node, allowFormatData: opts.allowFormatData });
  const r = await link.run("node setup", (s) => s.runScript(script, { timeoutMs: opts.timeoutMs }));
  const report = parseSetupOutput(r.stdout);
  if (r.code === DATA_REFUSED_EXIT) {
    const seen = /RK1-REFUSED: (.*)/.exec(r.stderr)?.[1] ?? r.stderr.trim().slice(-500);
    throw new K3sStepError(`${link.label}: the data disk was not formatted.`, {
      node: link.opts.node.slot,
      step: "data-disk",
      evidence: seen,
      advice: dataRefusalAdvice(seen, opts.allowFormatData)
    });
  }
  if (r.code !== 0 || !report.done)
    throw new K3sStepError(`${link.label}: node setup failed (exit ${String(r.code)}).`, {
      node: link.opts.node.slot,
      step: "setup",
      evidence: r.stderr.trim().slice(-1500) || r.stdout.trim().slice(-1500),
      advice: "Fix what the evidence shows, then run provision again (the setup is idempotent)."
    });
  return report;
}
var sha256 = (text) => createHash("sha256").update(text).digest("hex");
async function syncFile(s, path, content, mode) {
  const r = await s.exec(`sha256sum ${path} 2>/dev/null || true`, { timeoutMs: 2e4 });
  if (r.stdout.split(/\s+/)[0] === sha256(content)) return false;
  await s.exec(`mkdir -p "$(dirname ${path})"`, { timeoutMs: 2e4, check: true });
  await s.upload(path, Buffer.from(content), mode, { timeoutMs: 6e4 });
  return true;
}
var STAGED_BINARY = "/usr/local/bin/.rk1-k3s-new/k3s";
var INSTALL_SCRIPT = `set -eu
unit=$RK1_UNIT
want=$INSTALL_K3S_VERSION
version() { [ -x "$1" ] && "$1" --version 2>/dev/null | head -n1 | awk '{print $3}' || true; }
have=$(version /usr/local/bin/k3s)
if [ "$have" = "$want" ] && [ -z "$RK1_STAGED" ] && [ -f /etc/systemd/system/$unit.service ]; then
  rm -f /root/rk1-k3s-install.sh
  if [ "$RK1_CONFIG_CHANGED" = 1 ] || ! systemctl is-active --quiet $unit; then
    systemctl restart $unit
    echo "RK1 k3s=restarted"
  else
    echo "RK1 k3s=unchanged"
  fi
  exit 0
fi
if [ "$RK1_AIRGAP" = 1 ]; then
  # The folder's binary must be the pinned version, or every run would "upgrade" again.
  got=$(version "\${RK1_STAGED:-/usr/local/bin/k3s}")
  if [ "$got" != "$want" ]; then
    [ -z "$RK1_STAGED" ] || rm -rf "$(dirname "$RK1_STAGED")"
    echo "RK1-VERSION: the air-gap k3s-arm64 reports '$got', the inventory pins $want" >&2
    exit 3
  fi
  # A rename, not a write: the running k3s keeps its old inode (writing it fails: ETXTBSY).
  if [ -n "$RK1_STAGED" ]; then
    mv -f "$RK1_STAGED" /usr/local/bin/k3s
    rmdir "$(dirname "$RK1_STAGED")" 2>/dev/null || true
  fi
  INSTALL_K3S_SKIP_DOWNLOAD=true sh /root/rk1-k3s-install.sh
else
  curl -sfL https://get.k3s.io -o /root/rk1-k3s-install.sh
  sh /root/rk1-k3s-install.sh
fi
rm -f /root/rk1-k3s-install.sh
if [ -z "$have" ]; then echo "RK1 k3s=installed"
elif [ "$have" != "$want" ]; then echo "RK1 k3s=upgraded"
else echo "RK1 k3s=restarted"; fi
`;
async function syncLocalFile(s, compareWith, uploadTo, local, mode, timeoutMs) {
  const r = await s.exec(`sha256sum ${compareWith} 2>/dev/null || true`, { timeoutMs: 6e4 });
  if (r.stdout.split(/\s+/)[0] === createHash("sha256").update(local).digest("hex")) return false;
  await s.exec(`mkdir -p "$(dirname ${uploadTo})"`, { timeoutMs: 2e4, check: true });
  await s.upload(uploadTo, local, mode, { timeoutMs });
  return true;
}
async function installK3s(link, o) {
  const airGap = o.airGap ? {
    binary: await readFile3(o.airGap.binary),
    script: await readFile3(o.airGap.installScript),
    images: o.airGap.images ? await readFile3(o.airGap.images) : void 0
  } : void 0;
  return link.run("K3s install", async (s) => {
    const changed = await syncFile(s, K3S_CONFIG_PATH, o.config, 384);
    await syncFile(s, RK1_MARKER_PATH, o.marker, 420);
    let staged = false;
    if (airGap) {
      await s.exec(`rm -rf "$(dirname ${STAGED_BINARY})"`, { timeoutMs: 2e4, check: true });
      staged = await syncLocalFile(
        s,
        "/usr/local/bin/k3s",
        STAGED_BINARY,
        airGap.binary,
        493,
        o.timeoutMs
      );
      await s.upload("/root/rk1-k3s-install.sh", airGap.script, 493, { timeoutMs: 6e4 });
      if (airGap.images) {
        const images = "/var/lib/rancher/k3s/agent/images/k3s-airgap-images-arm64.tar.zst";
        await syncLocalFile(s, images, images, airGap.images, 420, o.timeoutMs);
      }
    }
    const r = await s.runScript(INSTALL_SCRIPT, {
      timeoutMs: o.timeoutMs,
      env: {
        INSTALL_K3S_VERSION: o.version,
        INSTALL_K3S_EXEC: o.role,
        RK1_UNIT: o.role === "server" ? "k3s" : "k3s-agent",
        RK1_CONFIG_CHANGED: changed ? "1" : "0",
        RK1_AIRGAP: airGap ? "1" : "0",
        RK1_STAGED: staged ? STAGED_BINARY : ""
      }
    });
    const outcome = /RK1 k3s=(\w+)/.exec(r.stdout)?.[1];
    if (r.code !== 0 || !outcome)
      throw new K3sStepError(`${link.label}: the K3s ${o.role} did not start.`, {
        node: link.opts.node.slot,
        step: "k3s-install",
        evidence: (r.stderr.trim() || r.stdout.trim()).slice(-1500),
        advice: /RK1-VERSION/.test(r.stderr) ? "Put the k3s-arm64 of the pinned version (versions.k3s) into k3s-airgap-dir, or pin the version the folder holds." : o.role === "agent" ? "Check that the server is up and reachable on :6443 from this node, then run provision again." : "Check `journalctl -u k3s` on the node, then run provision again."
      });
    return outcome;
  });
}
async function readServerToken(link, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (; ; ) {
    try {
      const token = (await link.run("token read", (s) => s.download(SERVER_TOKEN_PATH))).toString().trim();
      if (token) return token;
    } catch (error) {
      if (!(error instanceof SshCommandError) || Date.now() > deadline) throw error;
    }
    await sleep(500, link.opts.signal);
  }
}
async function readKubeconfig(link) {
  return (await link.run("kubeconfig read", (s) => s.download(KUBECONFIG_PATH))).toString();
}
async function readConfigToken(link) {
  try {
    const text = (await link.run("config read", (s) => s.download(K3S_CONFIG_PATH))).toString();
    return /^token:\s*"?([^"\s]+)"?\s*$/m.exec(text)?.[1];
  } catch (error) {
    if (error instanceof SshCommandError) return void 0;
    throw error;
  }
}

// src/kube/nodes-ready.ts
import { execFile as execFile2 } from "node:child_process";
import { constants as constants2 } from "node:fs";
import { access } from "node:fs/promises";
import { delimiter, join as join6 } from "node:path";
async function findKubectl(pathVar) {
  for (const dir of (pathVar ?? "").split(delimiter).filter(Boolean)) {
    try {
      await access(join6(dir, "kubectl"), constants2.X_OK);
      return join6(dir, "kubectl");
    } catch {
    }
  }
  return void 0;
}
function kubectlJson(kubectl, kubeconfig, env) {
  return new Promise((resolve2) => {
    execFile2(
      kubectl,
      ["--kubeconfig", kubeconfig, "get", "nodes", "-o", "json", "--request-timeout=20s"],
      { env, timeout: 6e4, maxBuffer: 16 << 20 },
      (error, stdout, stderr) => {
        if (error) return resolve2({ ok: false, error: (stderr || error.message).trim() });
        try {
          resolve2({ ok: true, list: JSON.parse(stdout) });
        } catch (e) {
          resolve2({ ok: false, error: `unreadable kubectl output: ${String(e)}` });
        }
      }
    );
  });
}
async function readyNodes(kubectl, kubeconfig, env) {
  const r = await kubectlJson(kubectl, kubeconfig, env);
  if (!r.ok) return { ready: [], all: [], error: r.error };
  const items = r.list?.items ?? [];
  return {
    all: items.map((i) => i.metadata?.name ?? ""),
    ready: items.filter((i) => i.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True")).map((i) => i.metadata?.name ?? "")
  };
}
async function waitNodesReady(options) {
  const deadline = Date.now() + options.timeoutMs;
  const backoff = new Backoff(100, 3e3);
  const env = { ...options.env };
  delete env.KUBECONFIG;
  let last = { ready: [], all: [] };
  while (Date.now() < deadline) {
    last = await readyNodes(options.kubectl, options.kubeconfig, env);
    if (!last.error && options.names.every((n) => last.ready.includes(n))) return last.ready;
    await sleep(backoff.next(), options.signal);
  }
  const missing = options.names.filter((n) => !last.ready.includes(n));
  throw options.fail(
    last.error ?? `not Ready: ${missing.join(", ")}; nodes seen: ${last.all.join(", ") || "none"}`
  );
}

// src/provision/k3s/k3s-errors.ts
var K3sProvisionStepError = class extends Rk1Error {
};

// src/provision/k3s/k3s-cluster.ts
async function checkCluster(ctx, run2) {
  const { log } = ctx;
  try {
    await log.group("Cluster", async () => {
      const link = ctx.links.get(ctx.server.slot);
      if (!link) throw new K3sProvisionError("The K3s server is not reachable: no kubeconfig.");
      const kubeconfig = rewriteKubeconfig(await readKubeconfig(link), serverUrl(ctx.inventory));
      const path = join7(ctx.dir, "kubeconfig");
      await writeFile3(path, kubeconfig, { mode: 384 });
      await chmod2(path, 384);
      run2.kubeconfigPath = path;
      await checkReady(ctx, run2, path);
    });
  } catch (error) {
    run2.clusterError = describe2(error);
    log.error(run2.clusterError);
  }
}
async function checkReady(ctx, run2, kubeconfig) {
  const { host, log } = ctx;
  const kubectl = await findKubectl(host.env.PATH);
  const names = run2.nodes.filter((n) => n.status === "ready").map((n) => n.hostname);
  if (!kubectl) {
    log.warn("kubectl is not on PATH: node readiness was not checked.");
    return;
  }
  run2.readyNodes = await waitNodesReady({
    kubectl,
    kubeconfig,
    names,
    timeoutMs: ctx.settings.bootTimeoutMs,
    env: host.env,
    signal: host.signal,
    fail: (evidence) => new K3sProvisionStepError("Not every node became a Ready Kubernetes node.", {
      step: "nodes-ready",
      evidence,
      advice: "Check `kubectl get nodes` and `journalctl -u k3s-agent` on the missing nodes."
    })
  });
  log.info(`Kubernetes nodes Ready: ${run2.readyNodes.join(", ")}.`);
}
async function finishRun(ctx, run2, totalMs) {
  const { host, log, inventory } = ctx;
  run2.upToDate = run2.nodes.every(
    (n) => n.action === "none" && n.status === "ready" && n.install === "unchanged"
  ) && !run2.clusterError;
  if (run2.upToDate)
    log.info(
      `Cluster "${inventory.name}" is already up to date: nothing flashed, nothing reinstalled.`
    );
  run2.totalMs = totalMs;
  await setK3sOutputs(host, run2, ctx.key);
  summariseK3s(host.summary, run2);
  await host.summary.write();
  if (k3sFailed(run2))
    throw provisionRunFailed({
      what: "K3s provisioning",
      failed: run2.nodes.filter((n) => n.status === "failed"),
      cluster: [run2.clusterError && "the cluster is not healthy"],
      clusterEvidence: run2.clusterError
    });
}
async function setK3sOutputs(host, run2, key) {
  if (run2.kubeconfigPath) {
    const text = await readFile4(run2.kubeconfigPath, "utf8");
    maskConfigSecrets((s) => host.mask(s), text);
    host.setOutput("kubeconfig", text);
    host.setOutput("kubeconfig-path", run2.kubeconfigPath);
  }
  if (key.origin === "generated") host.setOutput("ssh-private-key", key.privateKey);
  host.setOutput("result", k3sResultJson(run2));
  host.setOutput(
    "flashed-nodes",
    // Written on either path: by the BMC, or by the node itself (flash-path).
    run2.nodes.filter((n) => n.flash || n.flashPath?.path === "node").map((n) => n.slot).join(",")
  );
}

// src/provision/k3s/k3s-configure.ts
async function serverTokens(ctx) {
  const { server, actions, host } = ctx;
  const serverState = ctx.detected.get(server.slot).state;
  const serverLink = ctx.links.get(server.slot);
  let serverToken;
  if (serverState.kind === "ours" && serverLink && actions.get(server.slot) !== "flash")
    serverToken = await readConfigToken(serverLink);
  serverToken ??= generateToken();
  host.mask(serverToken);
  const joinToken = gate();
  if (!actions.has(server.slot) && serverLink) {
    const full = await readServerToken(serverLink, 3e4);
    host.mask(full);
    joinToken.open(full);
  }
  return { server: serverToken, join: joinToken };
}
async function configureNode(ctx, tokens, reached) {
  const { settings, inventory, log, host } = ctx;
  const node = ctx.selected.find((n) => n.slot === reached.slot);
  const res = ctx.results.get(node.slot);
  const isServer = node.slot === ctx.server.slot;
  res.flash = reached.flash;
  res.flashPath = reached.flashPath;
  res.writeMs = reached.writeMs;
  res.bootMs = reached.bootMs;
  const link = reached.link;
  try {
    if (reached.error || !link) throw new K3sProvisionError(reached.error ?? "no SSH link");
    ctx.links.set(node.slot, link);
    const t0 = performance.now();
    await waitFirstBoot(link, settings.bootTimeoutMs);
    const setup = await runSetup(link, {
      allowFormatData: settings.allowFormatData,
      timeoutMs: 15 * 6e4
    });
    res.setupChanges = setup.changed;
    res.facts = setup.facts;
    const token = isServer ? tokens.server : await tokens.join.promise;
    if (!isServer && !token)
      throw new K3sProvisionError("not joined: the K3s server did not come up (see its error).");
    const config = isServer ? renderServerConfig(inventory, node, token) : renderAgentConfig(inventory, node, token);
    res.install = await installK3s(link, {
      role: isServer ? "server" : "agent",
      version: ctx.version,
      config,
      marker: renderMarker(inventory, node),
      airGap: settings.airGap,
      timeoutMs: 10 * 6e4
    });
    if (isServer) {
      const full = await readServerToken(link, settings.bootTimeoutMs);
      host.mask(full);
      tokens.join.open(full);
    }
    res.configureMs = performance.now() - t0;
    res.status = "ready";
    log.info(
      `slot ${node.slot} (${node.hostname}): set up${setup.changed.length ? ` (${setup.changed.join(", ")})` : " (no change)"}; K3s ${res.install}.`
    );
  } catch (error) {
    res.status = "failed";
    res.error = describe2(error);
    log.error(`slot ${node.slot} (${node.hostname}): ${res.error}`);
    if (isServer) tokens.join.open(void 0);
  }
}

// src/provision/k3s/k3s-driver.ts
function refusalAdvice(verdicts) {
  const talos = verdicts.some((v) => v.endsWith("-talos"));
  return (talos ? `Talos nodes are only flashed with ${inputRef("reflash", "true")} (switching a cluster from Talos to K3s wipes it). ` : "") + `If these nodes are yours, pass the ${inputRef("ssh-private-key")} of the run that set them up (or its output-dir). To wipe and re-provision them, re-run with ${inputRef("reflash", "true")}.`;
}
function initialResult(n, detected2, actions) {
  const st = detected2.get(n.slot).state;
  return {
    slot: n.slot,
    hostname: n.hostname,
    role: n.role,
    found: st.kind,
    foundDetail: st.detail,
    foundVersion: st.k3sVersion,
    action: actions.get(n.slot),
    status: "failed"
  };
}
function refuseUnsafe(ctx) {
  const { selected, actions, detected: detected2, server } = ctx;
  const refused = selected.filter((n) => actions.get(n.slot) === "refuse");
  const serverState = detected2.get(server.slot).state;
  if (refused.length > 0)
    throw new K3sRefusedError(
      `Refusing to touch ${refused.length} node(s) that may belong to another cluster: flashing them could destroy it.`,
      {
        step: "detect",
        evidence: refused.map((n) => {
          const st = detected2.get(n.slot).state;
          return `slot ${n.slot} (${n.hostname}, ${n.ip}): ${stateText4[st.kind]}; ${st.detail}`;
        }).join("\n"),
        advice: refusalAdvice(refused.map((n) => detected2.get(n.slot).verdict))
      }
    );
  if (!actions.has(server.slot) && serverState.kind !== "ours")
    throw new K3sRefusedError(
      `The K3s server slot ${server.slot} (${server.hostname}) is not part of this run and does not run this cluster.`,
      {
        step: "detect",
        evidence: `${stateText4[serverState.kind]}: ${serverState.detail}`,
        advice: `Include the server in ${inputRef("nodes")} (e.g. ${inputRef("nodes", "all")}).`
      }
    );
}
async function flashAndConfigure(ctx, configure2) {
  const { host, settings, log, actions } = ctx;
  let simulated;
  let flash2;
  let cleanupBase;
  let closeClient;
  try {
    if (ctx.selected.some((n) => actions.get(n.slot) === "flash")) {
      const opened = await settings.bmc.open();
      simulated = opened.simulated;
      closeClient = () => opened.client.close();
      const queue = flashQueueFor("k3s", {
        client: opened.client,
        inventory: ctx.inventory,
        skipCrc: settings.skipCrc,
        bootTimeoutMs: settings.bootTimeoutMs,
        uplinkBytesPerSec: settings.uplinkBytesPerSec,
        log,
        signal: host.signal
      });
      const base = await log.group(
        "Image base",
        () => rawBase(opened.image.path, join8(host.tempDir, "k3s-images"))
      );
      cleanupBase = base.cleanup;
      flash2 = {
        queue,
        base: base.path,
        tempDir: join8(host.tempDir, "k3s-images"),
        flashPath: settings.flashPath,
        authorizedKeys: ctx.key.publicKey,
        staticNetwork: !!settings.staticNetwork,
        talosPath: (uplink) => talosNodePath(ctx, uplink)
      };
    } else simulated = await settings.bmc.simulated?.() ?? false;
    await runFlashPipeline({
      inventory: ctx.inventory,
      nodes: ctx.selected.map((node) => ({
        node,
        action: actions.get(node.slot),
        link: ctx.links.get(node.slot),
        talos: ctx.detected.get(node.slot)?.verdict === "ours-talos"
      })),
      flash: flash2,
      privateKey: ctx.key.privateKey,
      keys: ctx.keys,
      bootTimeoutMs: settings.bootTimeoutMs,
      log,
      signal: host.signal,
      configure: configure2
    });
  } finally {
    closeClient?.();
    await cleanupBase?.();
  }
  return simulated;
}
function talosNodePath(ctx, uplink) {
  const writers = ctx.selected.filter((n) => ctx.actions.get(n.slot) === "flash").filter((n) => ctx.detected.get(n.slot)?.verdict === "ours-talos").map((n) => n.slot);
  if ((ctx.settings.flashPath ?? "bmc") === "bmc") return Promise.resolve(void 0);
  return k3sTalosNodePath(ctx.host, {
    ...{ access: ctx.talos, inventory: ctx.inventory, dir: ctx.dir, writers, uplink },
    ...{ runnerAddress: ctx.settings.runnerAddress, bootTimeoutMs: ctx.settings.bootTimeoutMs },
    containerImage: ctx.settings.nodeWriteImage
  });
}
var K3sDriver = class {
  constructor(host, settings) {
    this.host = host;
    this.settings = settings;
  }
  host;
  settings;
  distro = "k3s";
  ctx;
  async plan() {
    this.ctx = await planK3s(this.host, this.settings);
  }
  /** The server is probed even when not selected: agents need its token. */
  async detect() {
    const { ctx } = this;
    const { selected, server, log } = ctx;
    const probed = selected.some((n) => n.slot === server.slot) ? selected : [server, ...selected];
    const found = await detectAll(probed, { ...ctx, privateKey: ctx.key.privateKey });
    for (const [slot, d] of found) {
      ctx.detected.set(slot, d);
      if (d.link) ctx.links.set(slot, d.link);
    }
    for (const n of probed) {
      const st = found.get(n.slot).state;
      log.info(`slot ${n.slot} (${n.hostname}): ${stateText4[st.kind]}; ${st.detail}`);
    }
    return found;
  }
  decide(found) {
    const { ctx } = this;
    const rules = {
      version: ctx.version,
      reflash: ctx.settings.reflash,
      serverSlot: ctx.server.slot
    };
    for (const n of ctx.selected)
      ctx.actions.set(n.slot, decideAction2(found.get(n.slot), n, rules));
    for (const n of ctx.selected)
      ctx.results.set(n.slot, initialResult(n, ctx.detected, ctx.actions));
    return ctx.actions;
  }
  refuse() {
    refuseUnsafe(this.ctx);
  }
  async flashAndConfigure() {
    const { ctx } = this;
    const tokens = await serverTokens(ctx);
    const simulated = await flashAndConfigure(ctx, (reached) => configureNode(ctx, tokens, reached));
    return {
      clusterName: ctx.inventory.name,
      simulated,
      version: ctx.version,
      nodes: ctx.selected.map((n) => ctx.results.get(n.slot)),
      keyOrigin: ctx.key.origin,
      keyPath: ctx.key.path,
      totalMs: 0,
      dir: ctx.dir
    };
  }
  clusterReady(run2) {
    return checkCluster(this.ctx, run2);
  }
  outputs(run2, totalMs) {
    return finishRun(this.ctx, run2, totalMs);
  }
  /** A refusal, an unreachable BMC or the end of the run: no SSH link may stay open. */
  async close() {
    const links = [...this.ctx?.links.values() ?? []];
    this.ctx?.links.clear();
    await Promise.all(links.map((l) => l.close()));
  }
};

// src/provision/k3s/k3s-provision.ts
function runK3sProvision(host, settings) {
  return runProvisionStory(new K3sDriver(host, settings), host.log);
}

// src/provision/talos/talos-driver.ts
import { readFile as readFile6 } from "node:fs/promises";

// src/provision/talos/talos-pipeline.ts
function gate2() {
  let open3 = () => void 0;
  const promise = new Promise((resolve2) => open3 = resolve2);
  return { promise, open: open3 };
}
function startRun(options) {
  const run2 = { options, results: /* @__PURE__ */ new Map(), cpApplied: gate2(), cpRunning: gate2() };
  const cpEntry = options.nodes.find((p) => p.node.slot === options.controlPlane.slot);
  if (options.controlPlaneReady) {
    run2.cpApplied.open(true);
    run2.cpRunning.open(true);
  } else if (!cpEntry) failControlPlane(run2, options.controlPlane.slot);
  return run2;
}
function failControlPlane(run2, slot) {
  if (slot !== run2.options.controlPlane.slot) return;
  run2.cpApplied.open(false);
  run2.cpRunning.open(false);
}
async function runPipeline(options) {
  const run2 = startRun(options);
  const bootstrap = bootstrapWhenRunning(run2);
  const tasks = [];
  for (const p of options.nodes.filter((q) => q.action === "configure")) {
    const result = { slot: p.node.slot, ok: false };
    run2.results.set(p.node.slot, result);
    tasks.push(configure(run2, p, result));
  }
  tasks.push(
    ...await flashAll(
      run2,
      options.nodes.filter((p) => p.action === "flash")
    )
  );
  await Promise.all(tasks);
  return { results: run2.results, bootstrap: await bootstrap };
}
async function configure(run2, p, result) {
  const { ops, log, controlPlane, bootTimeoutMs } = run2.options;
  const { node } = p;
  const label3 = `slot ${node.slot} (${node.hostname})`;
  const isCp = node.slot === controlPlane.slot;
  try {
    const waited = performance.now();
    await waitForMaintenance(ops, node, bootTimeoutMs);
    if (result.bootMs !== void 0) result.bootMs += performance.now() - waited;
    if (!isCp && !await run2.cpApplied.promise)
      throw new Rk1Error(`${label3} was not configured: the control plane failed first.`, {
        node: node.slot,
        step: "configure",
        advice: "Fix the control plane (see its error) and run again; this node stays in maintenance mode."
      });
    const started = performance.now();
    const said = await applyInMaintenance(ops, node, p.configFile);
    log.info(`${label3}: config applied (${said}).`);
    if (isCp) run2.cpApplied.open(true);
    await waitForConfigured(ops, node, bootTimeoutMs);
    result.configureMs = performance.now() - started;
    result.ok = true;
    if (isCp) run2.cpRunning.open(true);
    log.info(`${label3}: configured and running after ${formatDuration(result.configureMs)}.`);
  } catch (error) {
    result.ok = false;
    result.error = describeError(error);
    log.error(`${label3}: ${result.error}`);
    failControlPlane(run2, node.slot);
  }
}
async function bootstrapWhenRunning(run2) {
  const { ops, log, controlPlane, bootTimeoutMs } = run2.options;
  if (!await run2.cpRunning.promise) return { error: "the control plane did not come up" };
  const started = performance.now();
  let retries = 0;
  try {
    const outcome = await bootstrapOnce(ops, controlPlane, bootTimeoutMs, (reason) => {
      retries++;
      log.info(`bootstrap: not yet (${reason}); retrying.`);
    });
    return { outcome, ms: performance.now() - started, retries };
  } catch (error) {
    return { error: describeError(error) };
  }
}
async function flashAll(run2, toFlash) {
  const { options, results } = run2;
  const fc = options.flash;
  if (!fc) {
    for (const p of toFlash) {
      results.set(p.node.slot, {
        slot: p.node.slot,
        ok: false,
        error: "not flashed: no BMC for this run"
      });
      failControlPlane(run2, p.node.slot);
    }
    return [];
  }
  const { log, signal } = options;
  return toFlash.map((p) => {
    const result = { slot: p.node.slot, ok: false };
    results.set(p.node.slot, result);
    const queued = fc.queue.add(p.node, async () => ({
      image: fc.image,
      choice: await nodePathChoice({
        mode: fc.flashPath ?? "bmc",
        slot: p.node.slot,
        bytes: fc.image.size,
        facts: p.link && (async () => armbianFacts(await p.link.connect(), p.node.slot, p.oursBecause)),
        noNodePath: p.noNodePath ?? "no running OS of this cluster answers",
        log
      }),
      nodeWrite: p.link && sshNodeWrite(p.link, p.node, fc.image, { log, signal })
    }));
    return queued.then(async (outcome) => {
      if (outcome.path === "node" || outcome.nodeWrite) await p.link?.close();
      return afterFlash(run2, p, result, outcome);
    });
  });
}
function afterFlash(run2, p, result, outcome) {
  result.flash = outcome.flash;
  result.flashPath = {
    path: outcome.path,
    reason: outcome.reason,
    fallbackFrom: outcome.fallbackFrom
  };
  if (outcome.path === "node") result.writeMs = outcome.nodeWrite?.durationMs;
  if (outcome.stoppedAt || !outcome.boot) {
    result.error = outcome.error ?? "did not boot";
    failControlPlane(run2, p.node.slot);
    return;
  }
  result.bootMs = outcome.boot.durationMs;
  return configure(run2, p, result);
}

// src/distro/talos/secrets.ts
var import_yaml = __toESM(require_dist(), 1);
import { existsSync as existsSync2 } from "node:fs";
import { chmod as chmod3, readFile as readFile5, writeFile as writeFile4 } from "node:fs/promises";
import { join as join9 } from "node:path";
var TalosSecretsError = class extends Rk1Error {
};
function check(text, where) {
  let doc;
  try {
    doc = (0, import_yaml.parse)(text);
  } catch {
    doc = void 0;
  }
  if (!doc?.cluster?.id || !doc.certs?.os)
    throw new TalosSecretsError(`The Talos secrets from ${where} are not a secrets bundle.`, {
      step: "secrets",
      evidence: "expected the YAML written by `talosctl gen secrets` (cluster.id, certs.os, ...)",
      advice: "Pass the talos-secrets output of the run that created the cluster, unchanged."
    });
}
async function resolveSecrets(options) {
  const { host, dir } = options;
  const mask = (secret) => host.mask(secret);
  const path = join9(dir, "secrets.yaml");
  if (options.input) {
    maskConfigSecrets(mask, options.input);
    check(options.input, "the talos-secrets input");
    await writeFile4(path, options.input.endsWith("\n") ? options.input : `${options.input}
`, {
      mode: 384
    });
    await chmod3(path, 384);
    return { path, text: options.input, origin: "input" };
  }
  if (existsSync2(path)) {
    const text2 = await readFile5(path, "utf8");
    maskConfigSecrets(mask, text2);
    check(text2, path);
    await chmod3(path, 384);
    host.log.info(`Talos cluster secrets: ${path}, kept by an earlier run.`);
    return { path, text: text2, origin: "file" };
  }
  const r = await options.talosctl.run(["gen", "secrets", "-o", path]);
  if (r.code !== 0)
    throw new TalosSecretsError("talosctl could not generate the cluster secrets.", {
      step: "secrets",
      evidence: firstError(r),
      advice: "Check that talosctl works on this runner (`talosctl version --client`)."
    });
  await chmod3(path, 384);
  const text = await readFile5(path, "utf8");
  maskConfigSecrets(mask, text);
  host.log.info(
    `Generated new Talos cluster secrets, written to ${path} (mode 0600): later runs with this output-dir reuse them (in Actions store the talos-secrets output as a secret).`
  );
  return { path, text, origin: "generated" };
}

// src/provision/talos/talos-context.ts
var TalosRefusedError = class extends Rk1Error {
};
async function prepareTalosRun(host, settings) {
  const { inventory, log } = { inventory: settings.inventory, log: host.log };
  const dir = outputDirOf(host, inventory.name, settings.outputDir, "talos");
  await privateDir(dir);
  const binary = await locateTalosctl({
    version: inventory.versions.talos,
    env: host.env,
    cacheDir: host.cacheDir,
    log,
    signal: host.signal
  });
  const talosctl = new Talosctl({ binary, env: host.env, cwd: dir, signal: host.signal });
  const secrets = await resolveSecrets({ host, talosctl, dir, input: settings.talosSecrets });
  const selected = controlPlaneFirst(settings.nodes);
  const configs = await generateConfigs({
    talosctl,
    inventory,
    nodes: selected,
    secretsPath: secrets.path,
    dir
  });
  return {
    host,
    settings,
    inventory,
    log,
    dir,
    talosctl,
    secrets,
    haveSecrets: secrets.origin !== "generated",
    // The K3s key an earlier run kept tells this cluster's own K3s nodes apart (a distro switch).
    sshPrivateKey: settings.sshPrivateKey || host.env.RK1_SSH_PRIVATE_KEY || (await readSecretFile(dir, SSH_KEY_FILE))?.value,
    cp: endpointNode(inventory),
    selected,
    configs,
    ops: { talosctl, talosconfig: configs.talosconfig, signal: host.signal }
  };
}

// src/provision/talos/talos-detect.ts
var NODE_PATH_VERDICTS = /* @__PURE__ */ new Set(["ours-k3s", "armbian"]);
async function detectAll2(nodes, host, ctx) {
  const key = ctx.sshPrivateKey;
  const seen = await detectNodes(nodes, {
    talos: { ...ctx, talosctl: async () => ctx.talosctl },
    // Without a key an SSH-answering node stays unproven (refused), never taken for empty.
    ssh: key ? { privateKey: key, keys: await HostKeyStore.open(host.cacheDir, ctx.inventory.name) } : void 0,
    cluster: { name: ctx.inventory.name, k3sServer: serverUrl(ctx.inventory) },
    log: host.log,
    signal: host.signal
  });
  const found = /* @__PURE__ */ new Map();
  for (const [slot, o] of seen) {
    const keep = ctx.keepLinks && o.link && NODE_PATH_VERDICTS.has(o.verdict);
    found.set(slot, { verdict: o.verdict, state: talosStateOf(o), link: keep ? o.link : void 0 });
    if (keep) seen.set(slot, { ...o, link: void 0 });
  }
  await closeObservations(seen);
  return found;
}
function refusal(refused, haveSecrets) {
  const lines = refused.map(
    ({ node, state }) => `slot ${node.slot} (${node.hostname}, ${node.ip}): ${stateText3[state.kind]}; ${state.detail}`
  );
  const onlyTalos = refused.every(({ state }) => state.kind === "other-secrets");
  const switching = refused.some(({ state }) => state.kind === "ours-k3s");
  const message = onlyTalos ? `Refusing to touch ${refused.length} node(s) that run Talos configured with other secrets: flashing them could destroy a running cluster.` : `Refusing to touch ${refused.length} node(s) that run a cluster this run cannot prove is this Talos cluster: flashing them could destroy it.`;
  const talosAdvice = haveSecrets ? `Nodes of another cluster: re-run with ${inputRef("reflash", "true")} to wipe and re-provision them.` : `If this is your cluster, pass its ${inputRef("talos-secrets")} (the output of the run that created it, or its output-dir). To wipe it and start over, re-run with ${inputRef("reflash", "true")}.`;
  const sshAdvice = (switching ? "Switching this cluster from K3s to Talos wipes its nodes: " : "") + `K3s/SSH nodes are only flashed with ${inputRef("reflash", "true")} (pass ${inputRef("ssh-private-key")} to tell this cluster's own K3s nodes apart).`;
  return new TalosRefusedError(message, {
    step: "detect",
    evidence: lines.join("\n"),
    advice: onlyTalos ? talosAdvice : `${sshAdvice} ${talosAdvice}`
  });
}
async function detectTalos(ctx) {
  const { host, log, inventory, selected, cp, settings } = ctx;
  const probed = selected.some((n) => n.slot === cp.slot) ? selected : [cp, ...selected];
  const found = await detectAll2(probed, host, {
    inventory,
    talosctl: ctx.talosctl,
    talosconfig: ctx.configs.talosconfig,
    haveSecrets: ctx.haveSecrets,
    sshPrivateKey: ctx.sshPrivateKey,
    keepLinks: (settings.flashPath ?? "bmc") !== "bmc"
  });
  for (const n of probed) {
    const st = found.get(n.slot).state;
    log.info(
      `slot ${n.slot} (${n.hostname}): ${stateText3[st.kind]}${st.version ? ` ${st.version}` : ""}${st.stage ? `, stage ${st.stage}` : ""}`
    );
  }
  return found;
}
function decideTalos(ctx, found) {
  const rules = { version: ctx.inventory.versions.talos, reflash: ctx.settings.reflash };
  return new Map(
    ctx.selected.map((n) => [
      n.slot,
      decideAction(found.get(n.slot).state, rules)
    ])
  );
}
function decided(found, actions) {
  const states = new Map([...found].map(([slot, d]) => [slot, d.state]));
  const links = /* @__PURE__ */ new Map();
  for (const [slot, d] of found) if (d.link) links.set(slot, d.link);
  return { states, actions, links };
}
function refuseUnsafe2(ctx, { states, actions }) {
  const { cp } = ctx;
  const refused = ctx.selected.filter((n) => actions.get(n.slot) === "refuse").map((node) => ({ node, state: states.get(node.slot) }));
  if (refused.length > 0) throw refusal(refused, ctx.haveSecrets);
  const cpState = states.get(cp.slot);
  if (!actions.has(cp.slot) && cpState.kind !== "ours")
    throw new TalosRefusedError(
      `The control plane slot ${cp.slot} (${cp.hostname}) is not part of this run and does not run this cluster.`,
      {
        step: "detect",
        evidence: `${stateText3[cpState.kind]}: ${cpState.detail}`,
        advice: `Include the control plane in ${inputRef("nodes")} (e.g. ${inputRef("nodes", "all")}) or pass the ${inputRef("talos-secrets")} of its cluster.`
      }
    );
}

// src/provision/talos/talos-cluster.ts
import { chmod as chmod4 } from "node:fs/promises";
import { join as join10 } from "node:path";
function recordBootstrap(ctx, run2, bootstrap) {
  const { log, cp } = ctx;
  if (bootstrap && "error" in bootstrap) run2.bootstrapError = bootstrap.error;
  else if (bootstrap) {
    run2.bootstrap = bootstrap.outcome;
    run2.bootstrapMs = bootstrap.ms;
    if (bootstrap.outcome === "raced")
      log.warn(
        "bootstrap: etcd answered AlreadyExists: another client bootstrapped it first; treated as done (never bootstrapped twice)."
      );
    else if (bootstrap.outcome === "already-bootstrapped")
      log.info("bootstrap: etcd already has members; not bootstrapping again.");
    else log.info(`bootstrap: etcd bootstrapped on slot ${cp.slot} (${cp.hostname}).`);
  }
}
async function upgradeInPlace(ctx, actions, results) {
  const { log, inventory } = ctx;
  const upgrades = controlPlaneFirst(ctx.selected).filter((n) => actions.get(n.slot) === "upgrade");
  if (upgrades.length > 0)
    log.info(
      `Upgrading ${upgrades.length} node(s) to Talos ${inventory.versions.talos} in place, one at a time, control plane first (no flash).`
    );
  let blocked;
  for (const r of upgrades) {
    const res = results.find((x) => x.slot === r.slot);
    if (blocked) {
      res.status = "failed";
      res.error = `Not upgraded: ${blocked} failed to upgrade first.`;
      continue;
    }
    try {
      log.info(
        `slot ${r.slot} (${r.hostname}): upgrading ${res.foundVersion ?? ""} to ${ctx.configs.installImage}.`
      );
      await upgradeNode(ctx.ops, r, ctx.configs.installImage, ctx.settings.bootTimeoutMs);
      res.upgradedTo = inventory.versions.talos;
      log.info(`slot ${r.slot} (${r.hostname}): upgraded to Talos ${inventory.versions.talos}.`);
    } catch (error) {
      res.status = "failed";
      res.error = error instanceof Rk1Error ? error.describe() : String(error);
      blocked = `slot ${r.slot} (${r.hostname})`;
    }
  }
}
async function checkCluster2(ctx, run2) {
  const { log, cp } = ctx;
  const healthy = ctx.selected.filter(
    (n) => run2.nodes.find((r) => r.slot === n.slot)?.status === "ready"
  );
  const checked = healthy.some((n) => n.slot === cp.slot) ? healthy : [cp, ...healthy];
  try {
    await log.group("Cluster health", async () => {
      await health(ctx.ops, cp, checked, ctx.settings.bootTimeoutMs);
      const kubeconfigPath = join10(ctx.dir, "kubeconfig");
      await fetchKubeconfig(ctx.ops, cp, kubeconfigPath);
      await chmod4(kubeconfigPath, 384);
      run2.kubeconfigPath = kubeconfigPath;
      await checkReady2(ctx, run2, kubeconfigPath, checked);
    });
  } catch (error) {
    run2.healthError = error instanceof Rk1Error ? error.describe() : String(error);
    log.error(run2.healthError);
  }
}
async function checkReady2(ctx, run2, kubeconfig, checked) {
  const { host, log } = ctx;
  const kubectl = await findKubectl(host.env.PATH);
  if (!kubectl) {
    log.info(
      "kubectl is not on PATH: node readiness rests on `talosctl health` (all k8s nodes ready)."
    );
    return;
  }
  run2.readyNodes = await waitNodesReady({
    kubectl,
    kubeconfig,
    names: checked.map((n) => n.hostname),
    timeoutMs: ctx.settings.bootTimeoutMs,
    env: host.env,
    signal: host.signal,
    fail: (evidence) => new TalosStepError("Not every node became a Ready Kubernetes node.", {
      step: "nodes-ready",
      evidence,
      advice: "Check `kubectl get nodes` and the kubelet of the missing nodes (`talosctl logs kubelet`)."
    })
  });
  log.info(`Kubernetes nodes Ready: ${run2.readyNodes.join(", ")}.`);
}
function markUpToDate(ctx, run2) {
  run2.upToDate = run2.nodes.every((r) => r.action === "none" && r.status === "ready") && run2.bootstrap === "already-bootstrapped" && !run2.healthError;
  if (run2.upToDate)
    ctx.log.info(
      `Cluster "${ctx.inventory.name}" is already up to date: nothing flashed, nothing bootstrapped.`
    );
}

// src/provision/talos/talos-summary.ts
var bootstrapText = {
  bootstrapped: "bootstrapped etcd",
  "already-bootstrapped": "already bootstrapped: not run again",
  raced: "another client bootstrapped first (AlreadyExists): treated as done"
};
function talosFailed(run2) {
  return run2.nodes.some((n) => n.status === "failed") || !!run2.bootstrapError || !!run2.healthError;
}
function healthText(run2) {
  if (run2.healthError) return "FAILED";
  if (run2.bootstrapError) return "not checked";
  const failed = run2.nodes.filter((n) => n.status === "failed");
  if (failed.length > 0)
    return `degraded: ${failed.length} of ${run2.nodes.length} node(s) failed (${failed.map((n) => `slot ${n.slot}`).join(", ")}); the others are healthy`;
  return "healthy";
}
function flashedSlots(run2) {
  return run2.nodes.filter((n) => n.flash || n.flashPath?.path === "node").map((n) => n.slot);
}
var ms2 = (v) => v !== void 0 ? formatDuration(v) : "";
function summariseTalos(summary, run2) {
  summariseCluster(summary, {
    distro: "talos",
    clusterName: run2.clusterName,
    simulated: run2.simulated,
    upToDate: run2.upToDate,
    nothingDone: "flashed or bootstrapped",
    nodes: run2.nodes.map((n) => ({
      slot: n.slot,
      hostname: n.hostname,
      role: n.role,
      found: `${stateText3[n.found]}${n.foundVersion ? ` (${n.foundVersion})` : ""}`,
      action: n.upgradedTo ? `upgraded in place (no flash): ${n.foundVersion ?? "?"} \u2192 ${n.upgradedTo}` : `${actionText[n.action]}${flashPathText(n.flashPath)}`,
      flashMs: n.flash?.durationMs ?? (n.flashPath?.path === "node" ? n.writeMs : void 0),
      bootMs: n.bootMs,
      configureMs: n.configureMs,
      ready: n.status === "ready",
      error: n.error
    })),
    facts: [
      `Bootstrap: ${run2.bootstrap ? `${bootstrapText[run2.bootstrap]}${run2.bootstrapMs !== void 0 ? ` (${ms2(run2.bootstrapMs)})` : ""}` : `failed: ${run2.bootstrapError ?? "not reached"}`}`,
      `Health: ${healthText(run2)}`,
      `Ready Kubernetes nodes: ${run2.readyNodes ? run2.readyNodes.join(", ") : "checked by talosctl health"}`,
      `Talos secrets: ${run2.secretsOrigin === "generated" ? "generated by this run: store the talos-secrets output as a secret" : `from ${run2.secretsOrigin === "input" ? "the talos-secrets input" : "the output directory"}`}`,
      `Total wall time: ${formatDuration(run2.totalMs)}`
    ],
    clusterErrors: [run2.bootstrapError, run2.healthError].filter((e) => !!e)
  });
}
function talosResultJson(run2) {
  return JSON.stringify({
    simulated: run2.simulated,
    distro: "talos",
    upToDate: !!run2.upToDate,
    bootstrap: run2.bootstrap ?? null,
    bootstrapMs: run2.bootstrapMs !== void 0 ? Math.round(run2.bootstrapMs) : void 0,
    healthy: !run2.healthError && !run2.bootstrapError,
    readyNodes: run2.readyNodes,
    totalMs: Math.round(run2.totalMs),
    tailMs: run2.tailMs !== void 0 ? Math.round(run2.tailMs) : void 0,
    pipelineMs: run2.pipelineMs !== void 0 ? Math.round(run2.pipelineMs) : void 0,
    nodes: run2.nodes.map((n) => ({
      slot: n.slot,
      hostname: n.hostname,
      role: n.role,
      found: n.found,
      foundVersion: n.foundVersion,
      action: n.action,
      upgradedTo: n.upgradedTo,
      status: n.status,
      flashMs: n.flash ? Math.round(n.flash.durationMs) : n.writeMs !== void 0 ? Math.round(n.writeMs) : void 0,
      bytes: n.flash?.bytes,
      flashPath: n.flashPath?.path,
      flashPathReason: n.flashPath?.reason,
      nodePathFailure: n.flashPath?.fallbackFrom,
      bootMs: n.bootMs !== void 0 ? Math.round(n.bootMs) : void 0,
      configureMs: n.configureMs !== void 0 ? Math.round(n.configureMs) : void 0,
      error: n.error
    }))
  });
}

// src/provision/talos/talos-driver.ts
var TalosDriver = class {
  constructor(host, settings, bmc) {
    this.host = host;
    this.settings = settings;
    this.bmc = bmc;
  }
  host;
  settings;
  bmc;
  distro = "talos";
  ctx;
  /** SSH links detection kept for the node path; closed once the pipeline ends. */
  links = /* @__PURE__ */ new Map();
  actions = /* @__PURE__ */ new Map();
  async plan() {
    this.ctx = await prepareTalosRun(this.host, this.settings);
  }
  async detect() {
    const found = await detectTalos(this.ctx);
    for (const [slot, d] of found) if (d.link) this.links.set(slot, d.link);
    return found;
  }
  decide(found) {
    return decideTalos(this.ctx, found);
  }
  refuse(found, actions) {
    refuseUnsafe2(this.ctx, decided(found, actions));
  }
  async flashAndConfigure(found, actions) {
    const { ctx } = this;
    const d = decided(found, actions);
    this.actions = actions;
    const pipeline = await flashAndConfigure2(ctx, d, this.bmc).finally(() => this.close());
    const run2 = {
      clusterName: ctx.inventory.name,
      simulated: pipeline.simulated,
      nodes: nodeResults(ctx, d, pipeline.outcome),
      secretsOrigin: ctx.secrets.origin,
      totalMs: 0,
      pipelineMs: pipeline.ms,
      dir: ctx.dir,
      // Set before anything can fail: configured nodes are lost without these files.
      talosconfigPath: ctx.configs.talosconfig,
      secretsPath: ctx.secrets.path
    };
    recordBootstrap(ctx, run2, pipeline.outcome.bootstrap);
    return run2;
  }
  /** Without a bootstrapped control plane there is no cluster to upgrade or check. */
  async clusterReady(run2) {
    if (run2.bootstrapError) return;
    const tailStarted = performance.now();
    await upgradeInPlace(this.ctx, this.actions, run2.nodes);
    await checkCluster2(this.ctx, run2);
    run2.tailMs = performance.now() - tailStarted;
    markUpToDate(this.ctx, run2);
  }
  async outputs(run2, totalMs) {
    const { host } = this;
    run2.totalMs = totalMs;
    await setTalosOutputs(host, run2);
    summariseTalos(host.summary, run2);
    host.setOutput("result", talosResultJson(run2));
    host.setOutput("flashed-nodes", flashedSlots(run2).join(","));
    await host.summary.write();
    if (talosFailed(run2))
      throw provisionRunFailed({
        what: "Talos provisioning",
        failed: run2.nodes.filter((n) => n.status === "failed"),
        cluster: [
          run2.bootstrapError && "bootstrap failed",
          run2.healthError && "the cluster is not healthy"
        ],
        clusterEvidence: run2.bootstrapError ?? run2.healthError
      });
  }
  async close() {
    const links = [...this.links.values()];
    this.links.clear();
    await Promise.all(links.map((l) => l.close()));
  }
  /** A refusal or a failed plan still leaves the summary written so far. */
  async abandoned() {
    await this.host.summary.write();
  }
};
function provisionTalos(host, settings, bmc) {
  return runProvisionStory(new TalosDriver(host, settings, bmc), host.log);
}
async function flashAndConfigure2(ctx, { states, actions, links }, bmc) {
  const { cp, settings } = ctx;
  let simulated;
  let flash2;
  let closeClient;
  if (ctx.selected.some((n) => actions.get(n.slot) === "flash")) {
    const opened = await bmc.open();
    simulated = opened.simulated;
    closeClient = () => opened.client.close();
    const queue = flashQueueFor("talos", {
      client: opened.client,
      inventory: ctx.inventory,
      skipCrc: settings.skipCrc,
      bootTimeoutMs: settings.bootTimeoutMs,
      uplinkBytesPerSec: settings.uplinkBytesPerSec,
      log: ctx.log,
      signal: ctx.host.signal
    });
    flash2 = { queue, image: opened.image, flashPath: settings.flashPath };
  } else simulated = await bmc.simulated?.() ?? false;
  const started = performance.now();
  try {
    const outcome = await runPipeline({
      ops: ctx.ops,
      nodes: ctx.selected.map((node) => pipelineNode(ctx, node, states, actions, links)),
      controlPlane: cp,
      controlPlaneReady: !actions.has(cp.slot) || ["none", "upgrade"].includes(actions.get(cp.slot)),
      flash: flash2,
      bootTimeoutMs: settings.bootTimeoutMs,
      log: ctx.log,
      signal: ctx.host.signal
    });
    return { outcome, simulated, ms: performance.now() - started };
  } finally {
    closeClient?.();
  }
}
function pipelineNode(ctx, node, states, actions, links) {
  const st = states.get(node.slot);
  const link = links.get(node.slot);
  return {
    node,
    action: actions.get(node.slot),
    configFile: ctx.configs.files.get(node.slot),
    link,
    oursBecause: link ? nodePathProof(st.kind) : void 0,
    noNodePath: link ? void 0 : noNodePathReason(st.kind)
  };
}
function nodeResults(ctx, { states, actions }, outcome) {
  return ctx.selected.map((node) => {
    const st = states.get(node.slot);
    const r = outcome.results.get(node.slot);
    return {
      slot: node.slot,
      hostname: node.hostname,
      role: node.role,
      found: st.kind,
      foundVersion: st.version,
      action: actions.get(node.slot),
      status: r ? r.ok ? "ready" : "failed" : "ready",
      flash: r?.flash,
      flashPath: r?.flashPath,
      writeMs: r?.writeMs,
      bootMs: r?.bootMs,
      configureMs: r?.configureMs,
      error: r?.error
    };
  });
}
async function setTalosOutputs(host, run2) {
  const emit = async (name, path) => {
    if (!path) return;
    const text = await readFile6(path, "utf8");
    maskConfigSecrets((s) => host.mask(s), text);
    host.setOutput(name, text);
    host.setOutput(`${name}-path`, path);
  };
  await emit("kubeconfig", run2.kubeconfigPath);
  await emit("talosconfig", run2.talosconfigPath);
  await emit("talos-secrets", run2.secretsPath);
}

// src/commands/provision.ts
function airGapFrom(dir, inputs) {
  if (!dir) return void 0;
  const path = resolve(dir);
  const file = (name) => join11(path, name);
  for (const name of ["install.sh", "k3s-arm64"])
    if (!existsSync3(file(name)))
      inputs.problem("k3s-airgap-dir", `has no ${name} (looked in ${path})`);
  const images = file("k3s-airgap-images-arm64.tar.zst");
  return {
    installScript: file("install.sh"),
    binary: file("k3s-arm64"),
    images: existsSync3(images) ? images : void 0
  };
}
async function readSettings({ host, inputs }) {
  const { inventoryPath, inventory, distro } = await commandInventory({ host, inputs });
  const dryRun = inputs.boolean("dry-run");
  const bmcPassword = inputs.optional("bmc-password") ?? "";
  if (!dryRun && !bmcPassword)
    inputs.problem("bmc-password", "is required (the BMC password; pass a secret)");
  const settings = {
    inventoryPath,
    inventory,
    distro,
    steps: inputs.choice("steps", ["all", "flash"], "all") ?? "all",
    dryRun,
    confirm: inputs.optional("confirm"),
    skipCrc: inputs.boolean("skip-crc"),
    flashPath: inputs.choice("flash-path", FLASH_PATH_MODES, "auto") ?? "auto",
    uplinkBytesPerSec: inputs.integer("flash-uplink-mbps", { min: 1, max: 1e5 }) * 1e6 / 8,
    bootTimeoutMs: inputs.integer("boot-timeout", { min: 1, max: 24 * 3600 }) * 1e3,
    bmcUser: inputs.string("bmc-user"),
    bmcPassword,
    reflash: inputs.boolean("reflash"),
    talosSecrets: inputs.optional("talos-secrets"),
    runnerAddress: inputs.optional("runner-address"),
    nodeWriteImage: inputs.optional("node-write-image"),
    outputDir: inputs.optional("output-dir"),
    sshPrivateKey: inputs.optional("ssh-private-key"),
    allowFormatData: inputs.boolean("allow-format-data"),
    staticNetwork: inputs.boolean("static-network"),
    airGap: airGapFrom(inputs.optional("k3s-airgap-dir"), inputs),
    lockTimeoutMs: lockTimeoutMs(inputs)
  };
  inputs.assertValid();
  const nodes = selectNodes(inventory, inputs.string("nodes"));
  if (distro === "k3s" && !inventory.distros[distro].image) {
    throw new InputError("No image to flash", [
      {
        file: inventoryPath,
        path: `distros.${distro}.image`,
        message: `is not set; give the ${distro} image as { source: <https URL or path>, sha256: <hex> }`
      }
    ]);
  }
  return { ...settings, nodes };
}
async function runProvision(context) {
  const { host } = context;
  const settings = await readSettings(context);
  const image = imagePlan(host, settings);
  if (settings.dryRun) return runDryRun(host, settings, image);
  const { inventory, distro } = settings;
  const what = `flash node(s) of "${inventory.name}"`;
  if (settings.confirm !== void 0 || settings.steps === "flash")
    requireConfirmation(inventory.name, settings.confirm, what);
  const bmc = bmcProvider(
    host,
    inventory,
    { user: settings.bmcUser, password: settings.bmcPassword },
    async () => {
      requireConfirmation(inventory.name, settings.confirm, what);
      return image.prepare();
    },
    async (prepared, simulated) => logPlan(host.log, await image.entries(prepared), inventory.name, distro, { simulated })
  );
  const lock = { timeoutMs: settings.lockTimeoutMs, command: "provision" };
  return withInventoryLock(host, inventory, lock, () => {
    if (settings.steps === "flash") return runFlashOnly(host, settings, bmc);
    if (distro === "talos") return provisionTalos(host, settings, bmc);
    return runK3sProvision(host, { ...settings, bmc });
  });
}
export {
  runProvision
};

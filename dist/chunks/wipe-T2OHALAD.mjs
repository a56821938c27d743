import { createRequire as __rk1CreateRequire } from 'node:module'; const require = __rk1CreateRequire(import.meta.url);
import {
  HostKeyStore,
  RK1_MARKER_PATH,
  TalosStepError,
  bmcClient,
  detectBmc,
  detectNode,
  flashNode,
  locateTalosctl,
  requireConfirmation,
  resolveNodeKey,
  serverUrl,
  verdictText
} from "./chunk-EFS23GYO.mjs";
import {
  GRAFANA_PASSWORD_FILE,
  SSH_KEY_FILE,
  readSecretFile
} from "./chunk-S6H66CQV.mjs";
import {
  LONGHORN_MOUNT,
  Talosctl,
  firstError,
  generateConfigs,
  lockTimeoutMs,
  withInventoryLock
} from "./chunk-SDMNMNHI.mjs";
import {
  loadCommandInventory
} from "./chunk-XT7A4R3X.mjs";
import "./chunk-DCTKDCN2.mjs";
import "./chunk-PSYIE5SY.mjs";
import {
  Backoff,
  formatDuration,
  selectNodes,
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
import "./chunk-7BRERKNQ.mjs";
import "./chunk-TJN2CFBI.mjs";

// src/distro/k3s/reset.ts
var K3sResetError = class extends Rk1Error {
};
var ROOT_ON_DATA_EXIT = 3;
var q = (s) => `'${s.replace(/'/g, `'\\''`)}'`;
function rootCheckScript(dataDisk) {
  return `DATA=${q(dataDisk)}
root=$(findmnt -n -o SOURCE / 2>/dev/null || true)
echo "RK1 root=$root"
if [ -z "$DATA" ] || ! lsblk "$DATA" >/dev/null 2>&1; then echo "RK1 root-on-data=absent"; exit 0; fi
if lsblk -J -o NAME,PATH,MOUNTPOINT "$DATA" | grep -Eq "\\"mountpoint\\": *\\"/\\"|\\"path\\": *\\"$root\\""; then
  echo "RK1 root-on-data=yes"
else
  echo "RK1 root-on-data=no"
fi
`;
}
function renderResetScript(o) {
  const data = o.node.disks.data ?? "";
  return `set -uo pipefail
DATA=${q(data)}
WIPE_DATA=${o.wipeData ? 1 : 0}
MOUNT=${q(LONGHORN_MOUNT)}
BIN=/usr/local/bin
say() { printf 'RK1 %s=%s\\n' "$1" "$2"; }
fail() { echo "RK1-FAILED: $*" >&2; exit 1; }

# 1. Stop K3s and everything it started (units, shims, mounts, CNI links, iptables rules).
if [ -x $BIN/k3s-killall.sh ]; then $BIN/k3s-killall.sh >/dev/null || fail "k3s-killall.sh failed"; say killall done; fi

# 2. The uninstall script of each role present (an agent's, then a server's).
for s in k3s-agent-uninstall.sh k3s-uninstall.sh; do
  if [ -x $BIN/$s ]; then $BIN/$s >/dev/null || fail "$s failed"; say uninstall "$s"; fi
done
[ ! -e $BIN/k3s ] || fail "$BIN/k3s is still present after the uninstall scripts"
rm -f ${RK1_MARKER_PATH} /etc/rancher/k3s/config.yaml
rmdir /etc/rk1 /etc/rancher/k3s /etc/rancher 2>/dev/null || true

# 3. Longhorn's data path: replicas, backing images, longhorn-disk.cfg (a stale one breaks a reinstall).
if [ -d "$MOUNT" ]; then
  n=$(find "$MOUNT" -mindepth 1 -maxdepth 1 | wc -l)
  find "$MOUNT" -mindepth 1 -delete || fail "could not empty $MOUNT"
  say longhorn-emptied "$n"
fi

# 4. With wipe-data: the data disk's signatures, never the disk that holds /.
if [ "$WIPE_DATA" = 1 ] && [ -n "$DATA" ]; then
  if ! lsblk "$DATA" >/dev/null 2>&1; then
    say data-disk "absent:$DATA"
  else
    root=$(findmnt -n -o SOURCE / 2>/dev/null || true)
    tree=$(lsblk -J -o NAME,PATH,MOUNTPOINT "$DATA")
    if printf '%s' "$tree" | grep -Eq "\\"mountpoint\\": *\\"/\\"|\\"path\\": *\\"$root\\""; then
      echo "RK1-REFUSED: $DATA holds the root filesystem ($root); it is never wiped." >&2
      exit ${ROOT_ON_DATA_EXIT}
    fi
    for m in $(printf '%s' "$tree" | grep -o '"mountpoint": *"[^"]*"' | sed 's/.*: *"\\(.*\\)"/\\1/' | sort -r); do
      umount "$m" || fail "could not unmount $m"
    done
    if [ -f /etc/fstab ] && grep -q "[[:space:]]$MOUNT[[:space:]]" /etc/fstab; then
      grep -v "[[:space:]]$MOUNT[[:space:]]" /etc/fstab >/etc/fstab.rk1 || true
      cat /etc/fstab.rk1 >/etc/fstab; rm -f /etc/fstab.rk1
    fi
    for p in $(lsblk -ln -o PATH "$DATA" | tac); do wipefs -a "$p" >/dev/null || fail "wipefs -a $p failed"; done
    left=$(wipefs -n "$DATA" 2>/dev/null | tail -n +2)
    [ -z "$left" ] || fail "signatures left on $DATA: $left"
    say data-disk "wiped:$DATA"
  fi
fi
say reset done
`;
}
function parseResetOutput(stdout) {
  const steps = [];
  let longhornEntries;
  let dataDisk;
  let done = false;
  for (const line of stdout.split("\n")) {
    const m = /^RK1 ([a-z-]+)=(.*)$/.exec(line.trim());
    if (!m) continue;
    const [, key, value = ""] = m;
    if (key === "reset") done = value === "done";
    else if (key === "longhorn-emptied") longhornEntries = Number(value);
    else if (key === "data-disk") dataDisk = value;
    else steps.push(`${key} ${value}`);
  }
  return { steps, longhornEntries, dataDisk, done };
}
async function resetK3sNode(link, o) {
  const node = link.opts.node;
  const script = renderResetScript({ node, wipeData: o.wipeData });
  const r = await link.run("K3s reset", (s) => s.runScript(script, { timeoutMs: o.timeoutMs }));
  const report2 = parseResetOutput(r.stdout);
  if (r.code === ROOT_ON_DATA_EXIT)
    throw new K3sResetError(`${link.label}: the data disk holds the root filesystem.`, {
      node: node.slot,
      step: "wipe-data",
      evidence: /RK1-REFUSED: (.*)/.exec(r.stderr)?.[1] ?? r.stderr.trim().slice(-500),
      advice: `Fix disks.data of slot ${node.slot} in the inventory (it boots from that disk), or wipe without wipe-data.`
    });
  if (r.code !== 0 || !report2.done)
    throw new K3sResetError(`${link.label}: the K3s reset failed (exit ${String(r.code)}).`, {
      node: node.slot,
      step: /RK1-FAILED: (\S+)/.exec(r.stderr)?.[1]?.replace(/[^\w.-]/g, "") ?? "k3s-reset",
      evidence: (r.stderr.trim() || r.stdout.trim()).slice(-1500),
      advice: "Fix what the evidence shows, then run wipe again (each step is safe to repeat)."
    });
  return report2;
}
async function dataDiskHoldsRoot(link) {
  const data = link.opts.node.disks.data;
  if (!data) return { holdsRoot: false, root: "", absent: true };
  const r = await link.run(
    "root check",
    (s) => s.runScript(rootCheckScript(data), { timeoutMs: 3e4, check: true })
  );
  const value = /RK1 root-on-data=(\w+)/.exec(r.stdout)?.[1];
  return {
    holdsRoot: value === "yes",
    absent: value === "absent",
    root: /RK1 root=(.*)/.exec(r.stdout)?.[1]?.trim() ?? ""
  };
}

// src/wipe/detect.ts
var foundText = {
  ...verdictText,
  empty: "powered on, nothing answers",
  "powered-off": "powered off (BMC)"
};
var ROOT_CHECKED = ["ours-k3s", "foreign-k3s", "armbian"];
async function withRootCheck(found) {
  if (!found.link || !found.node.disks.data || !ROOT_CHECKED.includes(found.kind)) return found;
  const r = await dataDiskHoldsRoot(found.link);
  return { ...found, dataHoldsRoot: r.holdsRoot, rootSource: r.root };
}
async function detectForWipe(node, ctx) {
  if (ctx.power[node.slot] === false)
    return { node, kind: "powered-off", detail: "the BMC holds the node powered off" };
  const seen = await detectNode(node, {
    talos: {
      talosctl: async () => ctx.talosctl,
      talosconfig: ctx.talosconfig,
      haveSecrets: ctx.haveSecrets
    },
    ssh: ctx.ssh,
    cluster: { name: ctx.inventory.name, k3sServer: serverUrl(ctx.inventory) },
    log: ctx.log,
    signal: ctx.signal
  });
  return withRootCheck({
    node,
    kind: seen.verdict,
    detail: seen.detail,
    k3sRole: seen.k3s?.role,
    link: seen.link
  });
}
async function detectAllForWipe(nodes, ctx) {
  return Promise.all(
    nodes.map(
      (n) => detectForWipe(n, ctx).catch((error) => ({
        node: n,
        kind: "unreachable",
        detail: `detection failed: ${error.message.split("\n")[0] ?? ""}`
      }))
    )
  );
}

// src/wipe/guards.ts
var WipeRefusedError = class extends Rk1Error {
};
var where = (inventory, node) => `nodes[${inventory.nodes.indexOf(node)}].disks.data`;
function inventoryProblems(inventory, nodes, wipeData) {
  if (!wipeData) return [];
  return nodes.filter((n) => n.disks.data && n.disks.data === n.disks.system).map((n) => ({
    file: "inventory",
    path: where(inventory, n),
    message: `is the system disk ${n.disks.system} (slot ${n.slot}); wipe-data would destroy the OS`
  }));
}
async function checkPlan(plan, s) {
  const rootOnData = s.wipeData ? plan.filter((p) => p.found.dataHoldsRoot) : [];
  const refused = plan.filter((p) => p.action === "refuse");
  if (rootOnData.length === 0 && refused.length === 0) return;
  await Promise.all(plan.map((p) => p.found.link?.close()));
  if (rootOnData.length > 0)
    throw new InputError(
      `wipe-data refused: the data disk holds the root filesystem on ${rootOnData.length} node(s)`,
      rootOnData.map((p) => ({
        file: s.inventoryPath,
        path: where(s.inventory, p.node),
        message: `${p.node.disks.data ?? ""} holds / on slot ${p.node.slot} (${p.node.hostname}; findmnt / = ${p.found.rootSource ?? "?"}); the node boots from it, so it is never wiped. Fix disks.data or wipe without wipe-data`
      }))
    );
  throw new WipeRefusedError(
    `Refusing to wipe ${refused.length} node(s) that are not provably this cluster's.`,
    {
      step: "detect",
      evidence: refused.map(
        (p) => `slot ${p.node.slot} (${p.node.hostname}, ${p.node.ip}): ${foundText[p.found.kind]}; ${p.found.detail}`
      ).join("\n"),
      advice: `If they are yours, pass the ${inputRef("talos-secrets")} / ${inputRef("ssh-private-key")} of the run that set them up. To wipe them anyway, re-run with ${inputRef("force", "true")}, or leave them out of ${inputRef("nodes")}. Nothing was touched.`
    }
  );
}

// src/wipe/access.ts
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
async function secretsFile(host, talosctl, dir, o) {
  const path = join(dir, "secrets.yaml");
  const stored = o.outputDir ? join(o.outputDir, "secrets.yaml") : void 0;
  const text = o.input ?? (stored && existsSync(stored) ? await readFile(stored, "utf8") : void 0);
  if (text) {
    maskConfigSecrets((s) => host.mask(s), text);
    await writeFile(path, text.endsWith("\n") ? text : `${text}
`, { mode: 384 });
    return { path, given: true };
  }
  const r = await talosctl.run(["gen", "secrets", "-o", path, "--force"]);
  if (r.code !== 0)
    throw new TalosStepError("talosctl could not prepare a client configuration.", {
      step: "talosctl",
      evidence: firstError(r),
      advice: "Check that talosctl works on this runner (`talosctl version --client`)."
    });
  return { path, given: false };
}
async function openNodeAccess(host, inventory, o) {
  const dir = join(host.tempDir, "wipe");
  await mkdir(dir, { recursive: true, mode: 448 });
  const binary = await locateTalosctl({
    version: inventory.versions.talos,
    env: host.env,
    cacheDir: host.cacheDir,
    log: host.log,
    signal: host.signal
  });
  const talosctl = new Talosctl({ binary, env: host.env, cwd: dir, signal: host.signal });
  const secrets = await secretsFile(host, talosctl, dir, o);
  const configs = await generateConfigs({
    talosctl,
    inventory,
    nodes: [],
    secretsPath: secrets.path,
    dir
  });
  const keyInput = o.sshPrivateKey || host.env.RK1_SSH_PRIVATE_KEY;
  const stored = keyInput?.trim() ? void 0 : await readSecretFile(o.outputDir, SSH_KEY_FILE);
  const key = keyInput?.trim() || stored ? resolveNodeKey(host, keyInput, stored) : void 0;
  if (key?.origin === "file") host.log.info(`SSH key: ${key.path}, kept by provision.`);
  if (!secrets.given)
    host.log.info(
      "No Talos secrets (talos-secrets input or output-dir/secrets.yaml): configured Talos nodes cannot be proven ours."
    );
  if (!key) host.log.info("No ssh-private-key: Armbian nodes cannot be logged into or proven ours.");
  return {
    talosctl,
    talosconfig: configs.talosconfig,
    haveSecrets: secrets.given,
    ssh: key && {
      privateKey: key.privateKey,
      keys: await HostKeyStore.open(host.cacheDir, inventory.name)
    }
  };
}

// src/distro/talos/reset.ts
var seconds = (ms) => `${Math.max(1, Math.round(ms / 1e3))}s`;
function resetArgs(node, o) {
  const args = [
    "reset",
    `--graceful=${String(o.graceful)}`,
    `--reboot=${String(o.reboot)}`,
    "--system-labels-to-wipe",
    "STATE",
    "--system-labels-to-wipe",
    "EPHEMERAL"
  ];
  if (o.wipeData && node.disks.data) args.push("--user-disks-to-wipe", node.disks.data);
  args.push("--wait", "--timeout", seconds(o.timeoutMs));
  return args;
}
async function attempt(ctx, node, o, timeoutMs) {
  return ctx.talosctl.secure(
    { talosconfig: ctx.talosconfig, endpoint: node.ip, node: node.ip },
    resetArgs(node, { ...o, timeoutMs }),
    timeoutMs + 3e4
  );
}
async function waitMaintenance(ctx, node, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  const backoff = new Backoff(100, 3e3);
  while (Date.now() < deadline) {
    const r = await ctx.talosctl.insecure(ctx.talosconfig, node.ip, ["version"], 2e4);
    if (r.code === 0) return true;
    await sleep(backoff.next(), ctx.signal);
  }
  return false;
}
async function resetTalosNode(ctx, node, o) {
  const started = Date.now();
  let fallback;
  if (o.graceful) {
    const bound = Math.min(o.gracefulTimeoutMs ?? o.timeoutMs / 3, o.timeoutMs);
    const r2 = await attempt(ctx, node, { ...o, graceful: true }, bound);
    if (r2.code === 0) return finish(ctx, node, o, started, true);
    fallback = firstError(r2);
    o.onFallback?.(fallback);
  }
  const left = Math.max(5e3, o.timeoutMs - (Date.now() - started));
  const r = await attempt(ctx, node, { ...o, graceful: false }, left);
  if (r.code !== 0)
    throw new TalosStepError(`talosctl reset of slot ${node.slot} (${node.hostname}) failed.`, {
      node: node.slot,
      step: "talos-reset",
      evidence: fallback ? `graceful: ${fallback}; non-graceful: ${firstError(r)}` : firstError(r),
      advice: `The node keeps its configuration. Check it answers on its own address (\`talosctl -e <ip> -n <ip> version\`); wipe again, or power it off and re-flash it (provision with ${inputRef("reflash", "true")}).`
    });
  return { ...await finish(ctx, node, o, started, false), fallback };
}
async function finish(ctx, node, o, started, graceful) {
  if (!o.reboot) return { graceful, end: "stopped" };
  const left = Math.max(5e3, o.timeoutMs - (Date.now() - started));
  if (await waitMaintenance(ctx, node, left)) return { graceful, end: "maintenance" };
  throw new TalosStepError(
    `slot ${node.slot} (${node.hostname}) was reset but does not answer in maintenance mode.`,
    {
      node: node.slot,
      step: "maintenance",
      evidence: `\`talosctl version --insecure -n ${node.ip}\` did not answer within ${seconds(left)}`,
      advice: "Read the node console (`tpi uart -n <slot> get`); power it off through the BMC."
    }
  );
}
async function wipeDiskInMaintenance(ctx, node) {
  if (!node.disks.data) return;
  const disk = node.disks.data.replace(/^\/dev\//, "");
  const r = await ctx.talosctl.insecure(ctx.talosconfig, node.ip, ["wipe", "disk", disk], 12e4);
  if (r.code !== 0)
    throw new TalosStepError(`Wiping ${node.disks.data} on slot ${node.slot} failed.`, {
      node: node.slot,
      step: "wipe-disk",
      evidence: firstError(r),
      advice: "The disk may be in use by a volume: reset the node first, then wipe again."
    });
}

// src/wipe/plan.ts
var FOREIGN = ["foreign-talos", "foreign-k3s", "ssh-locked", "other-os"];
function isForeign(kind) {
  return FOREIGN.includes(kind);
}
function decideWipe(found, o) {
  switch (found.kind) {
    case "powered-off":
      return "none";
    case "empty":
    case "unreachable":
      return "power-off";
    case "maintenance":
      if (o.wipeData && found.node.disks.data) return "wipe-disk";
      return o.powerOff ? "power-off" : "none";
    case "ours-talos":
      return "talos-reset";
    case "ours-k3s":
    case "armbian":
      return "k3s-reset";
    case "foreign-k3s":
      return o.force ? "k3s-reset" : "refuse";
    case "foreign-talos":
    case "ssh-locked":
    case "other-os":
      return o.force ? "power-off" : "refuse";
  }
}
function stepsFor(p, o) {
  const data = p.node.disks.data;
  const steps = [];
  switch (p.action) {
    case "talos-reset":
      steps.push(
        `talosctl reset -e ${p.node.ip} -n ${p.node.ip}: STATE and EPHEMERAL${o.wipeData && data ? `, user disk ${data}` : ""}, ${o.powerOff ? "then shut down" : "reboot to maintenance mode"}`
      );
      break;
    case "k3s-reset":
      steps.push(
        "k3s-killall.sh, the uninstall script of its role, cluster marker, Longhorn data path contents" + (o.wipeData && data ? `, wipefs of ${data} (never the disk holding /)` : "")
      );
      break;
    case "wipe-disk":
      steps.push(`talosctl wipe disk ${data ?? ""} --insecure (maintenance mode)`);
      break;
    case "power-off":
      steps.push(`nothing to reset (${foundText[p.found.kind]})`);
      break;
    case "none":
      steps.push(
        p.found.kind === "powered-off" ? "nothing: already powered off" : "nothing to reset"
      );
      break;
    case "refuse":
      steps.push(`refused: another cluster (${inputRef("force", "true")} wipes it)`);
  }
  if (o.wipeData && data && p.action === "power-off" && isForeign(p.found.kind))
    steps.push(`${data} not wiped: no login to this node`);
  if (p.powerOff) steps.push("BMC power off, verified");
  if (p.blankEmmc) steps.push("BMC writes zeros over the start of the eMMC (unbootable)");
  return steps;
}
function planNode(found, o) {
  const action = decideWipe(found, o);
  const active = action !== "refuse" && found.kind !== "powered-off";
  const forcedBlind = action === "power-off" && isForeign(found.kind);
  const p = {
    node: found.node,
    found,
    action,
    // Dead and maintenance nodes are always turned off: there is nothing else to do with them.
    powerOff: active && (o.powerOff || action === "power-off" || forcedBlind),
    blankEmmc: action !== "refuse" && (o.emmc || forcedBlind)
  };
  return { ...p, steps: stepsFor(p, o) };
}
function phases(plan) {
  const last = (p) => p.node.role === "control-plane" || p.found.k3sRole === "server";
  return [plan.filter((p) => !last(p)), plan.filter(last)].filter((g) => g.length > 0);
}

// src/wipe/execute.ts
function errorOf(error, fallbackStep) {
  if (error instanceof Rk1Error)
    return {
      step: error.step ?? fallbackStep,
      message: error.message,
      evidence: error.evidence,
      advice: error.advice
    };
  return { step: fallbackStep, message: errorText(error) };
}
function initialResult(p, kind) {
  return {
    slot: p.node.slot,
    hostname: p.node.hostname,
    role: p.node.role,
    found: p.found.kind,
    foundDetail: p.found.detail,
    action: p.action,
    result: kind,
    done: [],
    ms: 0
  };
}
async function talosReset(p, r, ctx) {
  const isCp = p.node.role === "control-plane";
  const graceful = isCp ? ctx.controlPlaneStays : ctx.controlPlaneAlive;
  const wipeData = ctx.options.wipeData && !!p.node.disks.data;
  const outcome = await resetTalosNode(ctx.ops, p.node, {
    graceful,
    wipeData,
    reboot: !ctx.options.powerOff,
    timeoutMs: ctx.options.timeoutMs,
    onFallback: (seen) => ctx.log.warn(
      `slot ${p.node.slot} (${p.node.hostname}): graceful reset did not go through (${seen}); resetting without drain.`
    )
  });
  r.done.push(
    `talosctl reset (${outcome.graceful ? "graceful" : "non-graceful"}${outcome.fallback ? " after a failed graceful attempt" : ""}): STATE, EPHEMERAL${wipeData ? `, ${p.node.disks.data}` : ""}`
  );
  r.dataWiped = wipeData;
  r.done.push(outcome.end === "maintenance" ? "answers in maintenance mode" : "shut down");
  r.result = "wiped";
}
async function k3sReset(p, r, ctx) {
  const link = p.found.link;
  if (!link) throw new Error("no SSH link to the node");
  const report2 = await resetK3sNode(link, {
    wipeData: ctx.options.wipeData,
    timeoutMs: ctx.options.timeoutMs
  });
  r.done.push(...report2.steps);
  if (report2.longhornEntries)
    r.done.push(`Longhorn data path emptied (${report2.longhornEntries} entries)`);
  if (report2.dataDisk?.startsWith("wiped:")) {
    r.dataWiped = true;
    r.done.push(`signatures of ${report2.dataDisk.slice(6)} erased`);
  }
  const changed = report2.steps.length > 0 || !!report2.longhornEntries;
  r.result = changed || r.dataWiped ? "wiped" : "already-clean";
}
async function runOne(p, ctx) {
  const started = performance.now();
  const r = initialResult(p, "nothing");
  const label = `slot ${p.node.slot} (${p.node.hostname})`;
  try {
    switch (p.action) {
      case "talos-reset":
        ctx.log.info(`${label}: resetting Talos on its own endpoint ${p.node.ip}.`);
        await talosReset(p, r, ctx);
        break;
      case "k3s-reset":
        ctx.log.info(`${label}: stopping and uninstalling K3s.`);
        await k3sReset(p, r, ctx);
        break;
      case "wipe-disk":
        await wipeDiskInMaintenance(ctx.ops, p.node);
        r.done.push(`talosctl wipe disk ${p.node.disks.data ?? ""}`);
        r.dataWiped = true;
        r.result = "wiped";
        break;
      case "power-off":
        r.done.push(`nothing to reset: ${foundText[p.found.kind]}`);
        r.result = "powered-off";
        break;
      case "none":
        r.result = p.found.kind === "powered-off" ? "already-off" : "nothing";
        break;
      case "refuse":
        r.result = "refused";
    }
  } catch (error) {
    r.result = "failed";
    r.error = errorOf(error, p.action);
    ctx.log.error(`${label}: ${errorText(error)}`);
  } finally {
    await p.found.link?.close();
  }
  r.ms = performance.now() - started;
  return r;
}
async function executePlan(plan, ctx) {
  const results = /* @__PURE__ */ new Map();
  for (const group of phases(plan)) {
    const done = await Promise.all(group.map((p) => runOne(p, ctx)));
    for (const r of done) results.set(r.slot, r);
  }
  return results;
}

// src/wipe/power.ts
import { open } from "node:fs/promises";
import { join as join2 } from "node:path";
var WipePowerError = class extends Rk1Error {
};
var BLANK_BYTES = 16 * 1024 * 1024;
async function powerOffVerified(client, slots, o = {}) {
  const errors = /* @__PURE__ */ new Map();
  if (slots.length === 0) return errors;
  const states = {};
  for (const s of slots) states[s] = false;
  try {
    await client.setPowers(states);
  } catch (error) {
    for (const s of slots) errors.set(s, `power off request failed: ${error.message}`);
    return errors;
  }
  const deadline = Date.now() + (o.timeoutMs ?? 1e4);
  const backoff = new Backoff(100, 1e3);
  let seen = {};
  for (; ; ) {
    try {
      seen = await client.getPower();
    } catch (error) {
      seen = {};
      if (Date.now() > deadline)
        for (const s of slots) errors.set(s, `power state unreadable: ${error.message}`);
    }
    if (slots.every((s) => seen[s] === false) || Date.now() > deadline) break;
    await sleep(backoff.next(), o.signal);
  }
  for (const s of slots) {
    if (errors.has(s)) continue;
    errors.set(s, seen[s] === false ? void 0 : `the BMC still reports node${s} powered on`);
  }
  return errors;
}
async function blankImage(dir) {
  const path = join2(dir, "rk1-blank.img");
  const file = await open(path, "w", 384);
  try {
    await file.truncate(BLANK_BYTES);
  } finally {
    await file.close();
  }
  return { path, size: BLANK_BYTES, fileName: "rk1-blank.img" };
}
async function blankEmmc(client, slot, image, o) {
  try {
    await flashNode(client, slot, image, { log: o.log, signal: o.signal, powerOn: false });
  } catch (error) {
    throw new WipePowerError(`Blanking the eMMC of slot ${slot} through the BMC failed.`, {
      node: slot,
      step: "emmc",
      evidence: error instanceof Rk1Error ? error.describe() : String(error),
      advice: "The node is off and its eMMC may still boot; run wipe again with emmc: true, or flash it with provision."
    });
  }
}

// src/wipe/runner-state.ts
import { existsSync as existsSync2 } from "node:fs";
import { rm } from "node:fs/promises";
import { join as join3, resolve } from "node:path";
var CLUSTER_FILES = [
  "kubeconfig",
  "talosconfig",
  "config",
  join3("k3s", "kubeconfig"),
  GRAFANA_PASSWORD_FILE
];
var SECRET_FILES = ["secrets.yaml", SSH_KEY_FILE];
async function clearRunnerState(o) {
  const keys = await HostKeyStore.open(o.cacheDir, o.cluster);
  const cleared = { hostKeys: await keys.forget(o.slots), files: [] };
  if (!o.wholeCluster || !o.outputDir) return cleared;
  const dir = resolve(o.outputDir);
  const names = o.forgetSecrets ? [...CLUSTER_FILES, ...SECRET_FILES] : CLUSTER_FILES;
  for (const name of names) {
    const path = join3(dir, name);
    if (!existsSync2(path)) continue;
    await rm(path, { recursive: true, force: true });
    cleared.files.push(path);
  }
  return cleared;
}

// src/wipe/summary.ts
var resultText = {
  wiped: "wiped",
  "already-clean": "already clean",
  "powered-off": "powered off",
  "already-off": "already off",
  nothing: "nothing to do",
  refused: "REFUSED",
  failed: "FAILED",
  planned: "planned"
};
function resultLine(n) {
  const extras = [
    n.power === "off" ? "off (verified)" : n.power === "on" ? "still on" : void 0,
    n.emmc === "blanked" ? "eMMC blanked" : void 0,
    n.dataWiped ? "data disk wiped" : void 0
  ].filter(Boolean);
  return `${resultText[n.result]}${extras.length ? `, ${extras.join(", ")}` : ""}`;
}
function wipeFailed(run) {
  return run.nodes.some((n) => n.result === "failed" || n.result === "refused");
}
function summariseWipe(summary, run) {
  const simulated = run.simulated ? " (SIMULATED: virtual lab, not real hardware)" : "";
  const title = run.dryRun ? "Wipe plan (dry run: nothing was changed)" : "Wipe";
  summary.heading(`${title}: ${run.clusterName}${simulated}`, 2);
  if (run.nothingToDo)
    summary.paragraph(
      `Cluster "${run.clusterName}" is already wiped: every node was off or clean; nothing was done.`
    );
  summary.table(
    ["Node", "State found", "Action", "Result", "Time"],
    run.nodes.map((n) => [
      `${n.slot} ${n.hostname}`,
      foundText[n.found] ?? n.found,
      run.dryRun ? n.done.join("; ") : n.action,
      resultLine(n),
      run.dryRun ? "" : formatDuration(n.ms)
    ])
  );
  if (run.runner && (run.runner.hostKeys > 0 || run.runner.files.length > 0))
    summary.list([
      `Runner: ${run.runner.hostKeys} pinned host key(s) forgotten` + (run.runner.files.length ? `; removed ${run.runner.files.join(", ")}` : "")
    ]);
  const problems = run.nodes.filter((n) => n.error);
  if (problems.length === 0) return;
  summary.heading("Problems", 3);
  for (const n of problems) {
    const e = n.error;
    summary.paragraph(`Slot ${n.slot} (${n.hostname}), step ${e.step}:`).code(
      [
        e.message,
        e.evidence ? `Seen: ${e.evidence}` : "",
        e.advice ? `What to do: ${e.advice}` : ""
      ].filter(Boolean).join("\n")
    );
  }
}
function wipeResultJson(run) {
  return JSON.stringify({
    cluster: run.clusterName,
    simulated: run.simulated,
    dryRun: run.dryRun,
    nothingToDo: run.nothingToDo,
    totalMs: Math.round(run.totalMs),
    runner: run.runner,
    nodes: run.nodes.map(({ ms, ...n }) => ({ ...n, ms: Math.round(ms) }))
  });
}

// src/wipe/run.ts
var WipeFailedError = class extends Rk1Error {
};
async function detectStates(host, s, client) {
  const power = await client.getPower();
  const access = await openNodeAccess(host, s.inventory, s);
  const cps = s.inventory.nodes.filter((n) => n.role === "control-plane");
  const probed = [...s.nodes, ...cps.filter((c) => !s.nodes.includes(c))];
  const all = await host.log.group("Node states", async () => {
    const found2 = await detectAllForWipe(probed, {
      talosctl: access.talosctl,
      talosconfig: access.talosconfig,
      haveSecrets: access.haveSecrets,
      ssh: access.ssh,
      inventory: s.inventory,
      power,
      log: host.log,
      signal: host.signal
    });
    for (const f of found2)
      host.log.info(`slot ${f.node.slot} (${f.node.hostname}): ${foundText[f.kind]}; ${f.detail}`);
    return found2;
  });
  const found = all.filter((f) => s.nodes.includes(f.node));
  for (const f of all) if (!s.nodes.includes(f.node)) await f.link?.close();
  return { found, controlPlane: all.find((f) => f.node === cps[0]), access };
}
function logPlan(host, plan, s) {
  host.log.info(
    `Plan for cluster "${s.inventory.name}": ${plan.length} node(s)${s.wipeData ? ", with the data disks" : ""}${s.emmc ? ", eMMC made unbootable" : ""}.`
  );
  for (const p of plan)
    host.log.info(`  slot ${p.node.slot} (${p.node.hostname}): ${p.steps.join("; ")}`);
}
async function finishOnBmc(host, client, plan, results) {
  const ok = (p) => results.get(p.node.slot)?.result !== "failed";
  const off = plan.filter((p) => p.powerOff && ok(p)).map((p) => p.node.slot);
  const errors = await powerOffVerified(client, off, { signal: host.signal });
  for (const [slot, error] of errors) {
    const r = results.get(slot);
    r.power = error ? "on" : "off";
    if (error) {
      r.result = "failed";
      r.error = {
        step: "power-off",
        message: `slot ${slot} was not powered off.`,
        evidence: error,
        advice: "Check the BMC (`tpi power status`) and power the node off by hand."
      };
    }
  }
  const blank = plan.filter((p) => p.blankEmmc && ok(p));
  if (blank.length === 0) return;
  const image = await blankImage(host.tempDir);
  for (const p of blank) {
    const r = results.get(p.node.slot);
    try {
      await blankEmmc(client, p.node.slot, image, { log: host.log, signal: host.signal });
      r.emmc = "blanked";
      r.power = "off";
      if (r.result === "already-off" || r.result === "nothing") r.result = "wiped";
    } catch (error) {
      r.result = "failed";
      r.error = errorOf(error, "emmc");
    }
  }
}
function isNothing(r) {
  return ["already-off", "nothing", "already-clean"].includes(r.result) && r.power !== "off";
}
async function report(host, run) {
  host.setOutput("result", wipeResultJson(run));
  summariseWipe(host.summary, run);
  await host.summary.write();
  if (run.nothingToDo)
    host.log.info(`Cluster "${run.clusterName}" is already wiped: nothing was done.`);
  if (wipeFailed(run) && !run.dryRun) {
    const bad = run.nodes.filter((n) => n.result === "failed");
    throw new WipeFailedError(`Wipe failed on ${bad.length} of ${run.nodes.length} node(s).`, {
      step: "wipe",
      evidence: bad.map(
        (n) => `slot ${n.slot} (${n.hostname}), step ${n.error?.step ?? "?"}: ${n.error?.message ?? ""}`
      ).join("\n"),
      advice: "The other nodes were wiped. Fix what each failure says, then run wipe again: it only acts on what is left."
    });
  }
}
async function runWipe(host, s) {
  const started = performance.now();
  if (!s.dryRun)
    requireConfirmation(
      s.inventory.name,
      s.confirm,
      `wipe ${s.nodes.length} node(s) of "${s.inventory.name}"`
    );
  const client = await bmcClient(host, s.inventory, s.bmc);
  try {
    const simulated = await detectBmc(host, client, s.inventory);
    const { found, controlPlane, access } = await detectStates(host, s, client);
    const plan = found.map((f) => planNode(f, s));
    await checkPlan(plan, s);
    logPlan(host, plan, s);
    const base = { clusterName: s.inventory.name, simulated, dryRun: s.dryRun };
    if (s.dryRun) {
      await Promise.all(found.map((f) => f.link?.close()));
      const nodes2 = plan.map((p) => ({ ...initialResult(p, "planned"), done: p.steps }));
      const run2 = { ...base, nodes: nodes2, nothingToDo: false, totalMs: performance.now() - started };
      await report(host, run2);
      return run2;
    }
    const wiped = new Set(s.nodes.map((n) => n.slot));
    const results = await executePlan(plan, {
      ops: { talosctl: access.talosctl, talosconfig: access.talosconfig, signal: host.signal },
      options: s,
      log: host.log,
      controlPlaneAlive: controlPlane?.kind === "ours-talos",
      controlPlaneStays: s.inventory.nodes.some(
        (n) => n.role === "control-plane" && !wiped.has(n.slot)
      )
    });
    await finishOnBmc(host, client, plan, results);
    const nodes = plan.map((p) => results.get(p.node.slot));
    const runner = await clearRunnerState({
      cacheDir: host.cacheDir,
      cluster: s.inventory.name,
      slots: nodes.filter((n) => n.result !== "failed").map((n) => n.slot),
      wholeCluster: s.inventory.nodes.every((n) => wiped.has(n.slot)) && nodes.every((n) => n.result !== "failed"),
      outputDir: s.outputDir,
      forgetSecrets: s.forgetSecrets
    });
    const run = {
      ...base,
      nodes,
      runner,
      nothingToDo: nodes.every(isNothing),
      totalMs: performance.now() - started
    };
    await report(host, run);
    return run;
  } finally {
    client.close();
  }
}

// src/commands/wipe.ts
async function readSettings(context) {
  const { host, inputs } = context;
  const { inventoryPath, inventory } = await loadCommandInventory(context);
  const dryRun = inputs.boolean("dry-run");
  const bmcPassword = inputs.optional("bmc-password") ?? "";
  if (!bmcPassword) inputs.problem("bmc-password", "is required (the BMC password; pass a secret)");
  const confirm = inputs.optional("confirm");
  if (!dryRun && confirm !== inventory.name)
    inputs.problem(
      "confirm",
      `must equal the cluster name "${inventory.name}" to wipe (got ${confirm ? `"${confirm}"` : "nothing"}); ${inputRef("dry-run", "true")} shows the plan without it`
    );
  const settings = {
    inventory,
    inventoryPath,
    dryRun,
    confirm,
    bmc: { user: inputs.string("bmc-user"), password: bmcPassword },
    sshPrivateKey: inputs.optional("ssh-private-key"),
    talosSecrets: inputs.optional("talos-secrets"),
    // The CLI's folder of this cluster, as provision uses it: its key, secrets and files.
    outputDir: inputs.optional("output-dir") ?? host.clusterDir?.(inventory.name),
    wipeData: inputs.boolean("wipe-data"),
    powerOff: inputs.boolean("power-off"),
    emmc: inputs.boolean("emmc"),
    force: inputs.boolean("force"),
    forgetSecrets: inputs.boolean("forget-secrets"),
    timeoutMs: inputs.integer("timeout", { min: 10, max: 24 * 3600 }) * 1e3,
    lockTimeoutMs: lockTimeoutMs(inputs)
  };
  inputs.assertValid();
  const nodes = selectNodes(inventory, inputs.string("nodes"));
  const problems = inventoryProblems(inventory, nodes, settings.wipeData).map((p) => ({
    ...p,
    file: inventoryPath
  }));
  if (problems.length > 0) throw new InputError("wipe-data refused", problems);
  return { ...settings, nodes };
}
async function runWipeCommand(context) {
  const { host } = context;
  const settings = await readSettings(context);
  if (settings.dryRun) return void await runWipe(host, settings);
  const lock = { timeoutMs: settings.lockTimeoutMs, command: "wipe" };
  await withInventoryLock(host, settings.inventory, lock, () => runWipe(host, settings));
}
export {
  runWipeCommand
};

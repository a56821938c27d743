import { createRequire as __rk1CreateRequire } from 'node:module'; const require = __rk1CreateRequire(import.meta.url);
import {
  installerImage,
  resolveRk1Schematic
} from "./chunk-PSYIE5SY.mjs";
import {
  formatDuration,
  sleep
} from "./chunk-T6JJEBSD.mjs";
import {
  Rk1Error
} from "./chunk-56JNS6Q3.mjs";
import {
  require_dist
} from "./chunk-7BRERKNQ.mjs";
import {
  __toESM
} from "./chunk-TJN2CFBI.mjs";

// src/common/cluster-lock.ts
import { hostname } from "node:os";
import { link, mkdir, readFile, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
var ClusterLockError = class extends Rk1Error {
};
var safe = (text) => text.replace(/[^\w.-]/g, "_");
function clusterLockPath(cacheDir, key) {
  return join(cacheDir, "locks", `${safe(key.clusterName)}@${safe(key.bmcAddress)}.lock`);
}
function describeHolder(holder) {
  return `${holder.command} (pid ${holder.pid} on ${holder.host}, since ${holder.startedAt})`;
}
async function readHolder(path) {
  try {
    return JSON.parse(await readFile(path, "utf8"));
  } catch {
    return void 0;
  }
}
function isStale(holder) {
  if (holder.host !== hostname()) return false;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (error) {
    return error.code === "ESRCH";
  }
}
async function tryAcquire(path, me) {
  const temp = `${path}.${me.token}.tmp`;
  await writeFile(temp, `${JSON.stringify(me)}
`, { mode: 384 });
  try {
    await link(temp, path);
    return void 0;
  } catch (error) {
    if (error.code !== "EEXIST") throw error;
    return await readHolder(path) ?? {
      pid: 0,
      host: "?",
      command: "unknown",
      startedAt: "?",
      token: ""
    };
  } finally {
    await unlink(temp).catch(() => void 0);
  }
}
async function takeOver(path, stale, log) {
  const now = await readHolder(path);
  if (now?.token !== stale.token) return;
  log.warn(
    `Taking over the cluster lock of ${describeHolder(stale)}: that process no longer exists.`
  );
  await unlink(path).catch(() => void 0);
}
async function acquire(path, me, key, options, log) {
  const started = Date.now();
  let announced;
  for (; ; ) {
    const holder = await tryAcquire(path, me);
    if (!holder) return;
    if (isStale(holder)) {
      await takeOver(path, holder, log);
      continue;
    }
    const waited = Date.now() - started;
    if (waited >= options.timeoutMs)
      throw new ClusterLockError(
        `Another run holds cluster "${key.clusterName}" (BMC ${key.bmcAddress}): ${describeHolder(holder)}.`,
        {
          step: "lock",
          evidence: `waited ${formatDuration(waited)} (lock-timeout ${formatDuration(options.timeoutMs)}); lock file ${path}`,
          advice: "Let that run finish (or cancel it), then run again; raise lock-timeout to wait longer. If no such run exists on that machine, delete the lock file."
        }
      );
    if (announced !== holder.token) {
      announced = holder.token;
      log.info(
        `Cluster "${key.clusterName}" is busy: waiting up to ${formatDuration(options.timeoutMs)} for ${describeHolder(holder)} to finish.`
      );
    }
    await sleep(
      Math.min(options.pollMs ?? 500, Math.max(1, options.timeoutMs - waited)),
      options.signal
    );
  }
}
async function withClusterLock(host, key, options, fn) {
  const path = clusterLockPath(host.cacheDir, key);
  await mkdir(join(host.cacheDir, "locks"), { recursive: true, mode: 448 });
  const me = {
    pid: process.pid,
    host: hostname(),
    command: options.command ?? "rk1",
    startedAt: (/* @__PURE__ */ new Date()).toISOString(),
    token: randomUUID()
  };
  await acquire(path, me, key, options, host.log);
  try {
    return await fn();
  } finally {
    if ((await readHolder(path))?.token === me.token) await unlink(path).catch(() => void 0);
  }
}

// src/commands/cluster-lock-input.ts
function lockTimeoutMs(inputs) {
  return inputs.integer("lock-timeout", { min: 0, max: 24 * 3600 }) * 1e3;
}
function withInventoryLock(host, inventory, lock, fn) {
  return withClusterLock(
    host,
    { clusterName: inventory.name, bmcAddress: `${inventory.bmc.host}:${inventory.bmc.port}` },
    { timeoutMs: lock.timeoutMs, command: lock.command, signal: host.signal },
    fn
  );
}

// src/distro/talos/config.ts
var import_yaml = __toESM(require_dist(), 1);
import { chmod, mkdir as mkdir2, writeFile as writeFile2 } from "node:fs/promises";
import { join as join2 } from "node:path";

// src/distro/talos/talosctl.ts
import { spawn } from "node:child_process";
var Talosctl = class {
  constructor(options) {
    this.options = options;
  }
  options;
  /** Runs `talosctl <args>`; resolves with the exit code and both streams (never rejects on exit 1). */
  run(args, timeoutMs = 12e4) {
    const env = { ...this.options.env };
    delete env.TALOSCONFIG;
    return new Promise((resolve, reject) => {
      const child = spawn(this.options.binary, args, {
        cwd: this.options.cwd,
        env,
        stdio: ["ignore", "pipe", "pipe"],
        signal: this.options.signal
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d) => stdout += d.toString());
      child.stderr.on("data", (d) => stderr += d.toString());
      const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
      child.once("error", (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.once("close", (code, signal) => {
        clearTimeout(timer);
        resolve({
          code: code ?? 1,
          stdout,
          stderr: signal ? `${stderr}
talosctl was stopped (${signal})` : stderr
        });
      });
    });
  }
  /** A call over mutual TLS with our PKI. */
  secure(target, args, timeoutMs) {
    return this.run(
      [...args, "--talosconfig", target.talosconfig, "-e", target.endpoint, "-n", target.node],
      timeoutMs
    );
  }
  /**
   * A maintenance-mode call: one node at a time (with several `-n` gRPC picks one at random). The
   * talosconfig is passed anyway so a stray `~/.talos/config` can never be read.
   */
  insecure(talosconfig, node, args, timeoutMs) {
    return this.run([...args, "--insecure", "--talosconfig", talosconfig, "-n", node], timeoutMs);
  }
};
function firstError(result) {
  const line = result.stderr.split("\n").map((l) => l.trim()).find((l) => l.length > 0);
  return line ?? `exit code ${result.code}`;
}
function serverTag(stdout) {
  const server = stdout.split(/^Server:\s*$/m)[1];
  return server ? /Tag:\s*(\S+)/.exec(server)?.[1] : void 0;
}
function parseJsonStream(text) {
  const out = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  let escaped = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (c === "\\") escaped = true;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === "{") {
      if (depth === 0) start = i;
      depth++;
    } else if (c === "}") {
      depth--;
      if (depth === 0 && start >= 0) {
        out.push(JSON.parse(text.slice(start, i + 1)));
        start = -1;
      }
    }
  }
  return out;
}

// src/distro/talos/config.ts
var TalosConfigError = class extends Rk1Error {
};
var LONGHORN_PATH = "/var/mnt/longhorn";
function rk1SchematicId(settings = {}) {
  return resolveRk1Schematic(settings).id;
}
function inventoryInstallerImage(inventory) {
  const talos = inventory.distros.talos;
  return installerImage(rk1SchematicId(talos), inventory.versions.talos, talos.factory);
}
function controlPlanes(inventory) {
  return inventory.nodes.filter((n) => n.role === "control-plane");
}
function endpointNode(inventory) {
  const cp = controlPlanes(inventory)[0];
  if (!cp)
    throw new TalosConfigError("The inventory has no control-plane node.", {
      step: "config",
      advice: "Give one node `role: control-plane`."
    });
  return cp;
}
function clusterEndpoint(inventory) {
  const cp = endpointNode(inventory);
  return `https://${cp.ip}:${cp.ports.kubernetes}`;
}
function talosMinor(version) {
  return Number(/^v?1\.(\d+)/.exec(version)?.[1] ?? 0);
}
function allowSchedulingOnControlPlanes(inventory) {
  return inventory.nodes.filter((n) => n.role === "worker").length < 3;
}
function diskSelector(dataDisk) {
  return dataDisk.startsWith("/dev/nvme") ? "disk.transport == 'nvme' && !system_disk" : `disk.dev_path == '${dataDisk}' && !system_disk`;
}
function nodePatch(node, inventory) {
  const modern = talosMinor(inventory.versions.talos) >= 13;
  const machine = {};
  const cluster = {};
  if (!modern) machine.network = { hostname: node.hostname };
  if (node.disks.data)
    machine.kubelet = {
      extraMounts: [
        {
          destination: LONGHORN_PATH,
          type: "bind",
          source: LONGHORN_PATH,
          options: ["bind", "rshared", "rw"]
        }
      ]
    };
  if (node.role === "control-plane") {
    machine.nodeLabels = { "node.kubernetes.io/exclude-from-external-load-balancers": "" };
    if (allowSchedulingOnControlPlanes(inventory)) cluster.allowSchedulingOnControlPlanes = true;
  }
  const main = { machine };
  if (Object.keys(cluster).length > 0) main.cluster = cluster;
  const docs = [main];
  if (modern) docs.push({ apiVersion: "v1alpha1", kind: "HostnameConfig", hostname: node.hostname });
  if (node.disks.data)
    docs.push({
      apiVersion: "v1alpha1",
      kind: "UserVolumeConfig",
      name: "longhorn",
      provisioning: {
        diskSelector: { match: diskSelector(node.disks.data) },
        minSize: "10GiB",
        grow: true
      },
      filesystem: { type: "xfs" }
    });
  return docs.map((d) => (0, import_yaml.stringify)(d, { lineWidth: 0 })).join("---\n");
}
async function must(talosctl, args, what) {
  const r = await talosctl.run(args);
  if (r.code !== 0)
    throw new TalosConfigError(`talosctl could not ${what}.`, {
      step: "config",
      evidence: firstError(r),
      advice: "Check the inventory versions and the Talos secrets."
    });
}
async function generateConfigs(options) {
  const { talosctl, inventory } = options;
  const dir = join2(options.dir, "config");
  await mkdir2(dir, { recursive: true, mode: 448 });
  await chmod(dir, 448);
  const installImage = inventoryInstallerImage(inventory);
  const systemDisks = new Set(inventory.nodes.map((n) => n.disks.system));
  if (systemDisks.size > 1)
    throw new TalosConfigError("The nodes use different system disks.", {
      step: "config",
      evidence: [...systemDisks].join(", "),
      advice: "Give every node the same disks.system (the RK1 eMMC is /dev/mmcblk0)."
    });
  await must(
    talosctl,
    [
      "gen",
      "config",
      inventory.name,
      clusterEndpoint(inventory),
      "--with-secrets",
      options.secretsPath,
      "--kubernetes-version",
      inventory.versions.kubernetes,
      "--install-disk",
      [...systemDisks][0],
      "--install-image",
      installImage,
      "--additional-sans",
      controlPlanes(inventory).map((n) => n.ip).join(","),
      "--with-docs=false",
      "--with-examples=false",
      "-o",
      dir,
      "--force"
    ],
    "generate the machine configs"
  );
  const talosconfig = join2(dir, "talosconfig");
  const apiAddress = (n) => n.ports.talosApi === 5e4 ? n.ip : `${n.ip}:${n.ports.talosApi}`;
  await must(
    talosctl,
    [
      "config",
      "endpoint",
      ...controlPlanes(inventory).map(apiAddress),
      "--talosconfig",
      talosconfig
    ],
    "set the talosconfig endpoints"
  );
  await must(
    talosctl,
    ["config", "node", endpointNode(inventory).ip, "--talosconfig", talosconfig],
    "set the talosconfig default node"
  );
  const files = /* @__PURE__ */ new Map();
  for (const node of options.nodes) {
    const patch = join2(dir, `patch-${node.slot}.yaml`);
    await writeFile2(patch, nodePatch(node, inventory), { mode: 384 });
    const out = join2(dir, `node-${node.slot}.yaml`);
    const base = join2(dir, node.role === "control-plane" ? "controlplane.yaml" : "worker.yaml");
    await must(
      talosctl,
      ["machineconfig", "patch", base, "--patch", `@${patch}`, "-o", out],
      `patch the config of ${node.hostname}`
    );
    await chmod(out, 384);
    files.set(node.slot, out);
  }
  for (const f of ["controlplane.yaml", "worker.yaml", "talosconfig"])
    await chmod(join2(dir, f), 384);
  return { dir, talosconfig, installImage, files };
}

// src/distro/k3s/setup-script.ts
var SETUP_PACKAGES = ["open-iscsi", "nfs-common", "parted", "jq"];
var K3S_MODULES = ["br_netfilter", "overlay", "iscsi_tcp", "dm_crypt"];
var K3S_SYSCTL = [
  ["net.bridge.bridge-nf-call-iptables", "1"],
  ["net.bridge.bridge-nf-call-ip6tables", "1"],
  ["net.ipv4.ip_forward", "1"],
  ["net.ipv4.conf.all.forwarding", "1"],
  ["fs.inotify.max_user_instances", "512"],
  ["fs.inotify.max_user_watches", "524288"]
];
var LONGHORN_MOUNT = "/var/lib/longhorn";
var LONGHORN_LABEL = "longhorn";
var DATA_REFUSED_EXIT = 3;
var q = (s) => `'${s.replace(/'/g, `'\\''`)}'`;
function renderSetupScript(o) {
  const data = o.node.disks.data ?? "";
  return `set -euo pipefail
export DEBIAN_FRONTEND=noninteractive LC_ALL=C
HOSTNAME_WANTED=${q(o.node.hostname)}
DATA_DISK=${q(data)}
ALLOW_FORMAT=${o.allowFormatData ? 1 : 0}
MOUNT=${q(LONGHORN_MOUNT)}
LABEL=${q(LONGHORN_LABEL)}
say() { printf 'RK1 %s=%s\\n' "$1" "$2"; }
changed() { say changed "$1"; }
# Writes stdin to a file only when the content differs (keeps mtimes and reruns quiet).
put() {
  local path=$1 mode=$2 tmp
  tmp=$(mktemp)
  cat >"$tmp"
  if [ -f "$path" ] && cmp -s "$tmp" "$path"; then rm -f "$tmp"; return 1; fi
  install -D -m "$mode" "$tmp" "$path"; rm -f "$tmp"; return 0
}

# 1. Identity
if [ "$(cat /etc/hostname 2>/dev/null)" != "$HOSTNAME_WANTED" ]; then
  hostnamectl set-hostname "$HOSTNAME_WANTED"; changed hostname
fi

# 2. Packages (apt-get install is idempotent; refresh the lists only when apt needs them)
pkgs=(${SETUP_PACKAGES.join(" ")})
if ! out=$(apt-get install -y -q --no-install-recommends "\${pkgs[@]}" 2>&1); then
  apt-get update -q >/dev/null
  out=$(apt-get install -y -q --no-install-recommends "\${pkgs[@]}" 2>&1) || { printf '%s
' "$out" >&2; exit 1; }
fi
if ! printf '%s' "$out" | grep -q ' 0 newly installed'; then changed packages; fi

# 3. Kernel modules and sysctl, now and at every boot
if printf '%s\\n' ${K3S_MODULES.join(" ")} | put /etc/modules-load.d/rk1-k3s.conf 0644; then changed modules; fi
for m in ${K3S_MODULES.join(" ")}; do modprobe "$m"; done
if printf '%s\\n' ${K3S_SYSCTL.map(([k, v]) => q(`${k} = ${v}`)).join(" ")} | put /etc/sysctl.d/90-rk1-k3s.conf 0644; then changed sysctl; fi
sysctl --system >/dev/null

# 4. iSCSI for Longhorn: a unique initiator name, iscsid enabled
if ! grep -q '^InitiatorName=' /etc/iscsi/initiatorname.iscsi 2>/dev/null; then
  echo "InitiatorName=$(iscsi-iname)" | put /etc/iscsi/initiatorname.iscsi 0600 || true
  changed initiator-name
fi
systemctl enable --now iscsid.service >/dev/null 2>&1
say iscsid "$(systemctl is-active iscsid.service || true)"

# 5. No swap: kubelet refuses it, and Armbian's zram swap returns at boot unless disabled
if [ -n "$(swapon --show --noheadings 2>/dev/null)" ]; then swapoff -a; changed swapoff; fi
if [ -f /etc/fstab ] && grep -qE '^[^#].*\\sswap\\s' /etc/fstab; then
  sed -i -E 's/^([^#].*\\sswap\\s.*)$/# rk1: \\1/' /etc/fstab; changed fstab-swap
fi
if [ -f /etc/default/armbian-zram-config ] && ! grep -q '^ENABLED=false' /etc/default/armbian-zram-config; then
  sed -i 's/^#\\?\\s*ENABLED=.*/ENABLED=false/' /etc/default/armbian-zram-config; changed zram-config
fi
if systemctl is-enabled armbian-zram-config.service >/dev/null 2>&1; then
  systemctl disable --now armbian-zram-config.service >/dev/null 2>&1; changed zram
fi

# 6. NVMe data disk for Longhorn (ext4, by UUID, nofail so a missing disk never blocks boot)
mkdir -p "$MOUNT"
if [ -z "$DATA_DISK" ]; then
  say data-disk none
elif [ ! -e "$DATA_DISK" ] && ! lsblk "$DATA_DISK" >/dev/null 2>&1; then
  say data-disk "absent:$DATA_DISK"
else
  tree=$(lsblk -J -b -o NAME,PATH,TYPE,FSTYPE,LABEL,UUID,PTTYPE,MOUNTPOINT "$DATA_DISK")
  root_src=$(findmnt -n -o SOURCE / 2>/dev/null || true)
  if printf '%s' "$tree" | jq -e --arg r "$root_src" '[.. | objects | select(.mountpoint? == "/" or (.path? != null and .path == $r))] | length > 0' >/dev/null; then
    echo "RK1-REFUSED: $DATA_DISK holds the root filesystem; it is never formatted." >&2
    exit ${DATA_REFUSED_EXIT}
  fi
  ours=$(printf '%s' "$tree" | jq -r --arg l "$LABEL" '[.. | objects | select(.label? == $l and (.fstype? == "ext4" or .fstype? == "xfs"))][0].path // empty')
  if [ -z "$ours" ]; then
    signatures=$(printf '%s' "$tree" | jq -r '[.. | objects | select(.fstype? != null or .pttype? != null) | "\\(.path) \\(.fstype // .pttype) \\(.label // "")"] | join("; ")')
    if [ -n "$signatures" ] && [ "$ALLOW_FORMAT" != 1 ]; then
      echo "RK1-REFUSED: $DATA_DISK is not empty ($signatures); not formatting it without allow-format-data." >&2
      exit ${DATA_REFUSED_EXIT}
    fi
    if printf '%s' "$tree" | jq -e '[.. | objects | select(.mountpoint? != null)] | length > 0' >/dev/null; then
      echo "RK1-REFUSED: $DATA_DISK has a mounted filesystem; unmount it first." >&2
      exit ${DATA_REFUSED_EXIT}
    fi
    wipefs -a "$DATA_DISK" >/dev/null
    parted -s "$DATA_DISK" mklabel gpt mkpart "$LABEL" ext4 0% 100%
    case "$DATA_DISK" in *[0-9]) part="\${DATA_DISK}p1" ;; *) part="\${DATA_DISK}1" ;; esac
    mkfs.ext4 -q -F -L "$LABEL" "$part" >/dev/null
    ours=$part
    changed "formatted:$DATA_DISK"
  fi
  uuid=$(blkid -s UUID -o value "$ours")
  line="UUID=$uuid $MOUNT ext4 defaults,noatime,nofail,x-systemd.device-timeout=10s 0 2"
  if ! grep -qxF "$line" /etc/fstab; then
    grep -v "[[:space:]]$MOUNT[[:space:]]" /etc/fstab >/etc/fstab.rk1 || true
    echo "$line" >>/etc/fstab.rk1
    cat /etc/fstab.rk1 >/etc/fstab; rm -f /etc/fstab.rk1
    changed fstab-longhorn
  fi
  if ! findmnt -n "$MOUNT" >/dev/null 2>&1; then mount "$MOUNT"; changed mount; fi
  say data-disk "$ours"
fi

# 7. NPU facts (recorded, never fatal: the vendor kernel is what makes them present)
say kernel "$(uname -r)"
say npu-render "$(ls /dev/dri/renderD129 2>/dev/null || echo missing)"
say npu-version "$(cat /sys/kernel/debug/rknpu/version 2>/dev/null | tr -d '\\n' || true)"
say setup done
`;
}
function parseSetupOutput(stdout) {
  const changed = [];
  const facts = {};
  for (const line of stdout.split("\n")) {
    const m = /^RK1 ([a-z-]+)=(.*)$/.exec(line.trim());
    if (!m?.[1]) continue;
    if (m[1] === "changed") changed.push(m[2] ?? "");
    else facts[m[1]] = m[2] ?? "";
  }
  return { changed, facts, done: facts.setup === "done" };
}

export {
  Talosctl,
  firstError,
  serverTag,
  parseJsonStream,
  LONGHORN_PATH,
  endpointNode,
  generateConfigs,
  LONGHORN_MOUNT,
  DATA_REFUSED_EXIT,
  renderSetupScript,
  parseSetupOutput,
  lockTimeoutMs,
  withInventoryLock
};

import { createRequire as __rk1CreateRequire } from 'node:module'; const require = __rk1CreateRequire(import.meta.url);
import {
  generateEd25519KeyPair,
  require_lib
} from "./chunk-DCTKDCN2.mjs";
import {
  LONGHORN_EXTENSIONS,
  resolveRk1Schematic,
  shellQuote
} from "./chunk-PSYIE5SY.mjs";
import {
  DEFAULT_VERSIONS,
  sha256File,
  sleep
} from "./chunk-T6JJEBSD.mjs";
import {
  DEFAULT_LAB_DIR,
  UsageError,
  commandHelp,
  labCommands,
  parseCommandLine,
  usageLine
} from "./chunk-GEG5UVAV.mjs";
import {
  RpcError,
  call,
  configFacts,
  findType,
  issue,
  listResources,
  loadX509,
  newKeyPair,
  spkiFingerprint
} from "./chunk-ADKNQ45P.mjs";
import "./chunk-BJX5V6TN.mjs";
import "./chunk-2M5DTWY3.mjs";
import {
  Rk1Error,
  errorText
} from "./chunk-56JNS6Q3.mjs";
import {
  require_dist
} from "./chunk-7BRERKNQ.mjs";
import {
  __toESM
} from "./chunk-TJN2CFBI.mjs";

// src/cli/lab-command.ts
import { existsSync as existsSync9 } from "node:fs";
import { mkdir as mkdir7, readdir, rm as rm3, writeFile as writeFile5 } from "node:fs/promises";
import { join as join18, relative, resolve as resolve2 } from "node:path";
import { execFileSync as execFileSync4 } from "node:child_process";

// scripts/system-packages.mjs
import { execFileSync } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";
var REQUIREMENTS = [
  { program: "xz", pkg: "xz-utils", scope: "lab", why: "lab images, BMC emulator, K3s images" },
  { program: "sfdisk", pkg: "fdisk", scope: "lab", why: "lab Armbian images: GPT on a file" },
  { program: "mke2fs", pkg: "e2fsprogs", scope: "lab", why: "lab images: ext4 from a folder" },
  { program: "debugfs", pkg: "e2fsprogs", scope: "lab", why: "reading and patching ext4 images" },
  { program: "unshare", pkg: "util-linux", scope: "lab", why: "lab node sandboxes" },
  { program: "setpriv", pkg: "util-linux", scope: "lab", why: "lab node sandboxes" },
  { program: "mount", pkg: "mount", scope: "lab", why: "lab node sandboxes" },
  { program: "openssl", pkg: "openssl", scope: "lab", why: "password hashes in Armbian images" },
  { program: "unzip", pkg: "unzip", scope: "lab", why: "kubectl and helm from the npm layer" },
  { program: "tar", pkg: "tar", scope: "lab", why: "tool installs" },
  {
    program: "wget",
    pkg: "wget",
    scope: "lab",
    why: "lab Talos nodes: the node-path write Job downloads its image (busybox wget on hardware)"
  },
  { program: "curl", pkg: "curl", scope: "tests", why: "contract tests against real curl" },
  { program: "ssh", pkg: "openssh-client", scope: "tests", why: "real ssh against lab nodes" },
  {
    program: "sshd",
    pkg: "openssh-server",
    scope: "tests",
    why: "contract test of the SSH layer against real sshd",
    paths: ["/usr/sbin/sshd"]
  },
  {
    program: "fio",
    pkg: "fio",
    scope: "lab",
    why: "storage benchmark suite run for real (lab rk1-bench Jobs and the harness tests)"
  },
  {
    program: "python3",
    pkg: "python3",
    scope: "lab",
    why: "lab rk1-bench Jobs run the benchmark harness (bench-image/harness/rk1_bench.py)"
  },
  { program: "chromium", pkg: "chromium", scope: "tests", why: "HTML report in headless Chromium" },
  {
    program: "ip",
    pkg: "iproute2",
    scope: "tests",
    why: "the demo e2e runs in a network namespace that has only loopback"
  }
];
var PREFIX = "rk1 set-up:";
function present(requirement, env) {
  const candidates = requirement.paths ?? [...(env.PATH ?? "").split(delimiter).filter(Boolean)].map(
    (dir) => join(dir, requirement.program)
  );
  return candidates.some((file) => {
    try {
      accessSync(file, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}
function missingRequirements(scope = "tests", env = process.env) {
  return REQUIREMENTS.filter((r) => (scope === "tests" || r.scope === "lab") && !present(r, env));
}
var unique = (items) => [...new Set(items)];
var packagesOf = (missing) => unique(missing.map((r) => r.pkg));
var programList = (missing) => missing.map((r) => `${r.program} (${r.pkg})`).join(", ");
function isRoot() {
  return typeof process.getuid === "function" && process.getuid() === 0;
}
function canInstall(env) {
  return isRoot() && present({ program: "apt-get" }, env);
}
function describeMissing(missing, env) {
  const pkgs = packagesOf(missing).join(" ");
  const sudo = isRoot() ? "" : "sudo ";
  const how = present({ program: "apt-get" }, env) ? `${sudo}apt-get update && ${sudo}apt-get install -y ${pkgs}` : `your package manager (Debian/Ubuntu package names: ${pkgs})`;
  return `${programList(missing)}; install with: ${how}`;
}
function missingLine(missing, env = process.env) {
  return `${PREFIX} missing ${describeMissing(missing, env)}`;
}
function aptInstall(pkgs, env) {
  const aptEnv = { ...env, DEBIAN_FRONTEND: "noninteractive" };
  const run4 = (args) => execFileSync("apt-get", args, { env: aptEnv, stdio: ["ignore", "ignore", "pipe"] });
  try {
    run4(["update", "-qq"]);
    run4(["install", "-y", "-qq", "--no-install-recommends", ...pkgs]);
    return void 0;
  } catch (error) {
    const stderr = String(error.stderr ?? error.message).trim().split("\n").slice(-3).join(" / ");
    return stderr;
  }
}
function ensureSystem(options2 = {}) {
  const scope = options2.scope ?? "tests";
  const env = options2.env ?? process.env;
  const log = options2.log ?? ((line) => process.stderr.write(`${line}
`));
  const missingAll = missingRequirements("tests", env);
  if (missingAll.length === 0) return { ok: true, installed: [] };
  let installed = [];
  if (canInstall(env) && options2.install !== false) {
    const pkgs = packagesOf(missingAll);
    log(
      `${PREFIX} installing ${pkgs.join(" ")} with apt-get (missing: ${missingAll.map((r) => r.program).join(", ")})`
    );
    const started = Date.now();
    const failure = aptInstall(pkgs, env);
    const seconds2 = Math.round((Date.now() - started) / 1e3);
    if (failure) log(`${PREFIX} apt-get install failed: ${failure}`);
    else {
      installed = pkgs;
      log(`${PREFIX} installed ${pkgs.join(" ")} in ${seconds2} s`);
    }
  }
  const stillMissing = missingRequirements(scope, env);
  if (stillMissing.length > 0) {
    log(missingLine(stillMissing, env));
    return { ok: false, installed };
  }
  const forTests = missingRequirements("tests", env);
  if (forTests.length > 0)
    log(`${PREFIX} note: npm test also needs ${describeMissing(forTests, env)}`);
  return { ok: true, installed };
}

// src/lab/addresses.ts
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
var INGRESS_HOST = 80;
function randomBlock() {
  const [a, b] = randomBytes(2);
  return { prefix: `127.${16 + a % 239}.${b}` };
}
function labNodeIps(block) {
  return [1, 2, 3, 4].map((n) => `${block.prefix}.${n}`);
}
function blockCidr(block) {
  return `${block.prefix}.0/24`;
}
function parseSubnet(text2) {
  const m = /^127\.(\d{1,3})\.(\d{1,3})(?:\.0)?(?:\/24)?$/.exec(text2.trim());
  if (!m) return void 0;
  const [b, c] = [Number(m[1]), Number(m[2])];
  if (b > 255 || c > 255) return void 0;
  return { prefix: `127.${b}.${c}` };
}
function nextBlock(block) {
  const [, b, c] = block.prefix.split(".").map(Number);
  return `127.${b}.${(c + 1) % 256}.0/24`;
}
var LabAddressInUseError = class extends Rk1Error {
};
function tryListen(host, port) {
  return new Promise((resolve3) => {
    const server = createServer();
    server.once("error", (e) => resolve3(e.code ?? e.message));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve3(void 0)));
  });
}
async function assertBlockFree(block, ports) {
  const targets = labNodeIps(block).flatMap((ip) => ports.map((port) => ({ ip, port })));
  targets.push({ ip: `${block.prefix}.${INGRESS_HOST}`, port: 80 });
  const results = await Promise.all(
    targets.map(async (t) => ({ ...t, code: await tryListen(t.ip, t.port) }))
  );
  const taken = results.filter((r) => r.code === "EADDRINUSE");
  if (taken.length === 0) return;
  throw new LabAddressInUseError(
    `The lab's addresses ${blockCidr(block)} are in use: ${taken.map((t) => `${t.ip}:${t.port}`).join(", ")}`,
    {
      step: "lab",
      evidence: "listen EADDRINUSE (another lab, or another program, serves there)",
      advice: `Stop the other lab (rk1 lab down), or choose a free block with --subnet, e.g. --subnet ${nextBlock(block)}.`
    }
  );
}

// src/lab/lab.ts
import { randomBytes as randomBytes15 } from "node:crypto";
import { existsSync as existsSync7, mkdtempSync, rmSync as rmSync7 } from "node:fs";
import { tmpdir as tmpdir4 } from "node:os";
import { chmod as chmod2, mkdir as mkdir5, symlink, writeFile as writeFile3 } from "node:fs/promises";
import { dirname as dirname3, join as join15, resolve } from "node:path";

// src/lab/cluster.ts
import { randomBytes as randomBytes12 } from "node:crypto";
import { writeFileSync as writeFileSync8 } from "node:fs";
import { join as join12 } from "node:path";

// src/lab/bmc/emulator.ts
import { createHash as createHash6 } from "node:crypto";
import { createReadStream as createReadStream2, existsSync as existsSync2 } from "node:fs";
import { mkdir as mkdir2, mkdtemp, rm, stat as stat2 } from "node:fs/promises";
import { createServer as createServer2 } from "node:https";
import { tmpdir } from "node:os";
import { join as join5 } from "node:path";

// src/lab/bmc/board.ts
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { open } from "node:fs/promises";
import { join as join2 } from "node:path";

// src/lab/bmc/boot-logs.ts
import { createHash } from "node:crypto";

// src/lab/console.ts
function kernelLine(atMs, text2) {
  const secs = Math.floor(atMs / 1e3);
  const micros = Math.round(atMs % 1e3 * 1e3);
  return {
    atMs,
    text: `[${String(secs).padStart(5)}.${String(micros).padStart(6, "0")}] ${text2}\r
`
  };
}
function rawLine(atMs, text2) {
  return { atMs, text: `${text2}\r
` };
}
function bootloader() {
  return [
    rawLine(600, "DDR Version V1.08 20220617"),
    rawLine(900, "U-Boot SPL board init"),
    rawLine(1500, "U-Boot 2024.07 (turing-rk1)"),
    rawLine(1600, "Model: Turing Machines RK1"),
    rawLine(2500, "Starting kernel ..."),
    rawLine(2510, "")
  ];
}
function kernel(startMs, version2) {
  return [
    kernelLine(startMs, "Booting Linux on physical CPU 0x0000000000 [0x412fd050]"),
    kernelLine(startMs + 1, `Linux version ${version2} (builder@lab) #1 SMP PREEMPT`),
    kernelLine(startMs + 2, "Machine model: Turing Machines RK1"),
    kernelLine(startMs + 400, "rk_gmac-dwmac fe1c0000.ethernet: eth0: Link is Up - 1Gbps/Full"),
    kernelLine(startMs + 900, "mmcblk0: mmc0:0001 A3A562 29.1 GiB")
  ];
}

// src/lab/talos/node-boot.ts
var ctx = (controller, extra = "") => ` {"component": "controller-runtime", "controller": "${controller}"${extra}}`;
function firmwareAndKernel(version2) {
  return [
    ...bootloader(),
    ...kernel(3e3, "6.12.40-talos"),
    kernelLine(6e3, `[talos] [initramfs] booting Talos ${version2}`),
    kernelLine(6100, "[talos] [initramfs] mounting the rootfs"),
    kernelLine(9e3, "[talos] task setupLogger (1/1): done")
  ];
}
function maintenanceLines(ip, version2, fingerprint) {
  const maint = ctx("runtime.MaintenanceServiceController");
  const at = 14e3;
  return [
    ...firmwareAndKernel(version2),
    kernelLine(12e3, `[talos] entering maintenance service${ctx("config.AcquireController")}`),
    kernelLine(at, `[talos] this machine is reachable at:${maint}`),
    kernelLine(at + 1, `[talos] 	${ip}${maint}`),
    kernelLine(
      at + 20,
      `[talos] server certificate issued${ctx("runtime.MaintenanceServiceController", `, "fingerprint": "${fingerprint}"`)}`
    ),
    kernelLine(at + 21, `[talos] upload configuration using talosctl:${maint}`),
    kernelLine(
      at + 22,
      `[talos] 	talosctl apply-config --insecure --nodes ${ip} --file <config.yaml>${maint}`
    ),
    kernelLine(at + 23, `[talos] optionally with node fingerprint check:${maint}`),
    kernelLine(
      at + 24,
      `[talos] 	talosctl apply-config --insecure --nodes ${ip} --cert-fingerprint '${fingerprint}' --file <config.yaml>${maint}`
    )
  ];
}
function configuredLines(version2, hostname) {
  return [
    ...firmwareAndKernel(version2),
    kernelLine(1e4, "[talos] loaded machine configuration from STATE"),
    kernelLine(
      11e3,
      `[talos] setting hostname${ctx("network.HostnameSpecController", `, "hostname": "${hostname}"`)}`
    ),
    kernelLine(14e3, "[talos] service[apid](Running): Health check successful")
  ];
}
function consoleLine(uptimeMs, text2) {
  return kernelLine(uptimeMs, `[talos] ${text2}`).text;
}
var RUNNING_LINE = `machine is running and ready${ctx("runtime.MachineStatusController")}`;

// src/lab/bmc/boot-logs.ts
var MARKER = "RK1LAB-IMAGE";
var MARKER_SCAN_BYTES = 64 * 1024;
function parseImageMarker(head) {
  const scan = head.subarray(0, MARKER_SCAN_BYTES);
  const at = scan.indexOf(MARKER);
  if (at < 0) return void 0;
  let end = at + MARKER.length;
  while (end < scan.length && scan[end] !== 10 && scan[end] !== 13 && scan[end] !== 0) end++;
  const fields = {};
  for (const word of scan.subarray(at + MARKER.length, end).toString("latin1").split(/\s+/)) {
    const eq = word.indexOf("=");
    if (eq > 0) fields[word.slice(0, eq)] = word.slice(eq + 1);
  }
  return fields;
}
function isErased(emmc) {
  return emmc.bytesWritten === 0 || emmc.head.every((b) => b === 0);
}
function defaultBootScript(slot, emmc) {
  if (isErased(emmc)) return void 0;
  const marker = parseImageMarker(emmc.head);
  const ip = marker?.ip ?? `127.0.1.${slot}`;
  switch (marker?.distro) {
    case "talos":
      return talosMaintenance(ip, marker.version ?? "v1.9.5", emmc);
    case "armbian":
      return armbian(marker.hostname ?? "turing-rk1", marker.version ?? "25.8.1");
    default:
      return genericLinux(marker?.hostname ?? "localhost");
  }
}
function talosMaintenance(ip, version2, emmc) {
  const fingerprint = createHash("sha256").update(`talos-maintenance:${ip}:${emmc.sha256 ?? ""}`).digest("base64");
  return { lines: maintenanceLines(ip, version2, fingerprint) };
}
function armbian(hostname, version2) {
  return {
    lines: [
      ...bootloader(),
      ...kernel(3e3, "6.1.115-vendor-rk35xx"),
      kernelLine(5e3, "EXT4-fs (mmcblk0p1): mounted filesystem with writeback data mode"),
      kernelLine(6e3, "systemd[1]: systemd 257 running in system mode"),
      rawLine(9e3, "[  OK  ] Started armbian-firstrun.service - Armbian first run tasks."),
      rawLine(11e3, "[  OK  ] Started ssh.service - OpenBSD Secure Shell server."),
      rawLine(12e3, "[  OK  ] Reached target multi-user.target - Multi-User System."),
      rawLine(14e3, ""),
      rawLine(14001, `Armbian ${version2} Trixie ttyS9`),
      rawLine(14002, ""),
      { atMs: 14003, text: `${hostname} login: ` }
    ]
  };
}
function genericLinux(hostname) {
  return {
    lines: [
      ...bootloader(),
      ...kernel(3e3, "6.1.0-generic"),
      kernelLine(6e3, "systemd[1]: Detected architecture arm64."),
      rawLine(1e4, "[  OK  ] Reached target multi-user.target - Multi-User System."),
      rawLine(10001, ""),
      { atMs: 10002, text: `${hostname} login: ` }
    ]
  };
}

// src/lab/bmc/board.ts
var SLOTS = [1, 2, 3, 4];
var Board = class {
  constructor(options2) {
    this.options = options2;
    this.nodes = SLOTS.map((slot) => ({
      slot,
      powerBit: false,
      powered: false,
      mode: "off",
      usbBoot: false,
      powerOnCount: 0,
      bootCount: 0,
      powerOnAt: null,
      info: { name: null, module_name: null, uart_baud: null },
      emmc: loadEmmcState(options2.storageDir, slot),
      epoch: 0,
      timers: /* @__PURE__ */ new Set()
    }));
    this.load();
  }
  options;
  nodes;
  usb = { mode: "Device", node: 0, route: "AlternativePort" };
  /** Set while a flash or node_to_msd has taken the USB bus; the stored config is re-applied after. */
  usbOverride;
  usbNode1Alt = false;
  cooling = [{ device: "system fan", speed: 2, max_speed: 4 }];
  /** Where console bytes go: bmcd's UART rings while the daemon runs, nowhere otherwise. */
  serialSink;
  closed = false;
  node(slot) {
    return this.nodes[slot - 1];
  }
  /** The USB configuration `get usb` reports. */
  get activeUsb() {
    return this.usbOverride ?? this.usb;
  }
  /** `set power` for one node: ≈100 ms per changed node (§4.1). */
  async setPower(slot, on) {
    const node = this.node(slot);
    if (node.powerBit === on && node.powered === on) return;
    await sleep(this.options.scale(100));
    if (node.powerBit !== on) node.powerOnAt = on ? performance.now() : null;
    node.powerBit = on;
    if (on) this.physicalOn(slot);
    else this.physicalOff(slot);
    this.save();
  }
  /** `reset`: off, 1 s, on; the stored bit is not touched (§4.2). */
  async reset(slot) {
    this.physicalOff(slot);
    await sleep(this.options.scale(1e3));
    this.physicalOn(slot);
  }
  /** Power rail on; boots the eMMC unless the usbboot strap is raised (then maskrom, silent). */
  physicalOn(slot, mode) {
    const node = this.node(slot);
    if (node.powered || this.closed) return;
    node.powered = true;
    node.powerOnCount++;
    node.epoch++;
    node.mode = mode ?? (node.usbBoot ? "maskrom" : "os");
    this.options.onNodePower?.(slot, true, node.mode);
    if (node.mode === "os") void this.boot(node);
  }
  physicalOff(slot) {
    const node = this.node(slot);
    if (!node.powered) return;
    node.powered = false;
    node.mode = "off";
    node.epoch++;
    for (const timer of node.timers) clearTimeout(timer);
    node.timers.clear();
    this.options.onNodePower?.(slot, false, "off");
  }
  /** After a daemon start: bmcd re-applies the stored power bits. */
  reapplyPowerBits() {
    for (const node of this.nodes) if (node.powerBit && !node.powered) this.physicalOn(node.slot);
  }
  setUsbBootPin(slot, raised) {
    this.node(slot).usbBoot = raised;
  }
  clearUsbBootPins() {
    for (const node of this.nodes) node.usbBoot = false;
  }
  /** A node prints on its console. */
  consoleOutput(slot, text2) {
    this.serialSink?.(slot, typeof text2 === "string" ? Buffer.from(text2, "utf8") : text2);
  }
  /** Bytes written to a node's UART: a running OS echoes them; the lab node hook sees them. */
  consoleInput(slot, text2) {
    if (this.node(slot).mode === "os") this.consoleOutput(slot, text2);
    this.options.onUartWrite?.(slot, text2);
  }
  /** The eMMC state plus its first 64 KiB. */
  async emmcInfo(slot) {
    const emmc = this.node(slot).emmc;
    let head = Buffer.alloc(0);
    try {
      const file = await open(emmc.path, "r");
      try {
        const buf = Buffer.alloc(MARKER_SCAN_BYTES);
        const { bytesRead } = await file.read(buf, 0, buf.length, 0);
        head = buf.subarray(0, bytesRead);
      } finally {
        await file.close();
      }
    } catch {
    }
    return { ...emmc, head };
  }
  saveEmmcState(slot) {
    const emmc = this.node(slot).emmc;
    try {
      writeFileSync(metaPath(this.options.storageDir, slot), JSON.stringify(emmc, null, 2));
    } catch {
    }
  }
  save() {
    if (this.closed) return;
    const state = {
      power: this.nodes.map((n) => n.powerBit),
      usb: this.usb,
      usbNode1Alt: this.usbNode1Alt,
      nodeInfo: this.nodes.map((n) => n.info),
      cooling: this.cooling
    };
    try {
      writeFileSync(join2(this.options.storageDir, "board.json"), JSON.stringify(state, null, 2));
    } catch {
    }
  }
  close() {
    this.closed = true;
    for (const node of this.nodes) {
      for (const timer of node.timers) clearTimeout(timer);
      node.timers.clear();
      node.epoch++;
    }
  }
  load() {
    const file = join2(this.options.storageDir, "board.json");
    if (!existsSync(file)) return;
    try {
      const state = JSON.parse(readFileSync(file, "utf8"));
      state.power.forEach((on, i) => {
        const node = this.nodes[i];
        if (node) node.powerBit = on;
      });
      this.usb = state.usb;
      this.usbNode1Alt = state.usbNode1Alt;
      state.nodeInfo.forEach((info3, i) => {
        const node = this.nodes[i];
        if (node) node.info = info3;
      });
      this.cooling = state.cooling;
    } catch {
    }
  }
  async boot(node) {
    const epoch = node.epoch;
    await this.options.beforeBoot?.(node.slot);
    if (node.epoch !== epoch) return;
    const info3 = await this.emmcInfo(node.slot);
    if (node.epoch !== epoch) return;
    node.bootCount++;
    const script = this.options.bootLog?.(node.slot, info3) ?? defaultBootScript(node.slot, info3);
    if (!script) return;
    const lines = [...script.lines].sort((a, b) => a.atMs - b.atMs);
    const last = lines.length ? lines[lines.length - 1].atMs : 0;
    for (const line of lines) {
      this.at(node, epoch, line.atMs, () => this.consoleOutput(node.slot, line.text));
    }
    if (script.onBooted) this.at(node, epoch, last, script.onBooted);
  }
  at(node, epoch, simulatedMs, fn) {
    const timer = setTimeout(() => {
      node.timers.delete(timer);
      if (node.epoch === epoch) fn();
    }, this.options.scale(simulatedMs));
    timer.unref();
    node.timers.add(timer);
  }
};
function metaPath(dir, slot) {
  return join2(dir, `node${slot}.json`);
}
function loadEmmcState(dir, slot) {
  const path3 = join2(dir, `node${slot}.img`);
  const fresh = {
    path: path3,
    bytesWritten: 0,
    sha256: null,
    flashedFileName: null,
    flashedAt: null
  };
  try {
    const saved = JSON.parse(readFileSync(metaPath(dir, slot), "utf8"));
    if (existsSync(path3)) return { ...saved, path: path3 };
  } catch {
  }
  return fresh;
}

// src/lab/bmc/auth.ts
import { createHash as createHash2, randomBytes as randomBytes2 } from "node:crypto";

// src/lab/bmc/format.ts
function humanDuration(ms) {
  let ns = BigInt(Math.max(0, Math.round(ms * 1e6)));
  const units = [
    [86400n * 1000000000n, "day", true],
    [3600n * 1000000000n, "h", false],
    [60n * 1000000000n, "m", false],
    [1000000000n, "s", false],
    [1000000n, "ms", false],
    [1000n, "us", false],
    [1n, "ns", false]
  ];
  const parts = [];
  for (const [size, name2, plural] of units) {
    const n = ns / size;
    ns %= size;
    if (n > 0n) parts.push(plural ? `${n}${name2}${n > 1n ? "s" : ""}` : `${n}${name2}`);
  }
  return parts.length ? parts.join(" ") : "0s";
}
function humanSizeDecimal(bytes) {
  const units = ["B", "kB", "MB", "GB", "TB", "PB", "EB"];
  let value = Number(bytes);
  let unit = 0;
  while (value >= 1e3 && unit < units.length - 1) {
    value /= 1e3;
    unit++;
  }
  if (unit === 0) return `${value} B`;
  const text2 = value.toFixed(2).replace(/\.?0+$/, "");
  return `${text2} ${units[unit]}`;
}
function sortedJson(value) {
  return JSON.stringify(sortKeys(value));
}
function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object" && !Buffer.isBuffer(value)) {
    const out = {};
    for (const key3 of Object.keys(value).sort())
      out[key3] = sortKeys(value[key3]);
    return out;
  }
  return value;
}

// src/lab/bmc/auth.ts
var REALM = "Access to Baseboard Management Controller";
var BASIC_CHALLENGE = `Basic realm="${REALM}"`;
var TOKEN_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
function banDurationMs(failures, threshold, baseMs) {
  return baseMs * 2 ** Math.min(Math.max(failures - threshold, 0), 10);
}
function newToken() {
  let out = "";
  while (out.length < 64) {
    for (const byte of randomBytes2(96)) {
      if (byte < 248 && out.length < 64) out += TOKEN_ALPHABET[byte % 62];
    }
  }
  return out;
}
function tokenRef(token) {
  return createHash2("sha256").update(token).digest("hex").slice(0, 12);
}
var AuthService = class {
  constructor(options2) {
    this.options = options2;
    this.now = options2.now ?? (() => performance.now());
  }
  options;
  tokens = /* @__PURE__ */ new Map();
  peers = /* @__PURE__ */ new Map();
  now;
  get tokenCount() {
    return this.tokens.size;
  }
  /** Failures counted for a peer so far (for tests and the request log). */
  failures(peer) {
    return this.peers.get(peer)?.failures ?? 0;
  }
  /** Remaining ban of a peer in ms, 0 when not banned. */
  banRemainingMs(peer) {
    const record = this.peers.get(peer);
    return record ? Math.max(0, record.bannedUntil - this.now()) : 0;
  }
  /** `POST /api/bmc/authenticate` with the raw body. */
  login(peer, rawBody) {
    const banned = this.bannedText(peer);
    if (banned) return { ok: false, status: 403, body: banned };
    const parsed = parseCredentials(rawBody);
    if (typeof parsed === "string") {
      return { ok: false, status: 403, body: `error trying to parse credentials: ${parsed}` };
    }
    if (!this.checkPassword(parsed.username, parsed.password)) {
      return { ok: false, status: 403, body: this.fail(peer, "credentials incorrect") };
    }
    this.succeed(peer);
    const now2 = this.now();
    for (const [token2, entry] of this.tokens) {
      if (now2 - entry.lastUsed >= this.options.tokenTtlMs) this.tokens.delete(token2);
    }
    const token = newToken();
    this.tokens.set(token, { user: parsed.username, lastUsed: now2 });
    const body = JSON.stringify({
      id: token,
      name: "User Session",
      description: "User Session",
      username: parsed.username
    });
    return { ok: true, token, body, user: parsed.username };
  }
  /** Checks the `Authorization` header of a request under /api/bmc. */
  authorize(peer, header) {
    if (header === void 0) return reject(BASIC_CHALLENGE, "no authorization header provided");
    const space = header.indexOf(" ");
    if (space < 0 || /[^\x00-\x7f]/.test(header)) {
      const why = space < 0 ? "missing space separator" : "header contains non-ASCII characters";
      return reject(BASIC_CHALLENGE, `cannot parse authorization header: ${why}`);
    }
    const scheme = header.slice(0, space);
    const value = header.slice(space + 1);
    if (scheme !== "Bearer" && scheme !== "Basic") {
      return reject(`realm="${REALM}"`, `${scheme} authentication not supported`);
    }
    const banned = this.bannedText(peer);
    if (banned) {
      return reject(scheme === "Basic" ? BASIC_CHALLENGE : bearerChallenge(banned), banned);
    }
    return scheme === "Bearer" ? this.bearer(peer, value) : this.basic(peer, value);
  }
  bearer(peer, token) {
    const ref = tokenRef(token);
    const entry = this.tokens.get(token);
    if (!entry) {
      const body = this.fail(peer, `token ${token} is not registered`);
      return { ...reject(bearerChallenge(body), body), tokenRef: ref };
    }
    const idle = this.now() - entry.lastUsed;
    if (idle >= this.options.tokenTtlMs) {
      this.tokens.delete(token);
      const body = `token expired ${humanDuration(idle)} ago`;
      return { ...reject(bearerChallenge(body), body), tokenRef: ref };
    }
    entry.lastUsed = this.now();
    this.succeed(peer);
    return { ok: true, kind: "bearer", user: entry.user, tokenRef: ref };
  }
  basic(peer, value) {
    const decoded = decodeBasic(value);
    if (typeof decoded === "string") {
      return reject(BASIC_CHALLENGE, `error trying to parse credentials: ${decoded}`);
    }
    if (!this.checkPassword(decoded.username, decoded.password)) {
      return reject(BASIC_CHALLENGE, this.fail(peer, "credentials incorrect"));
    }
    this.succeed(peer);
    return { ok: true, kind: "basic", user: decoded.username };
  }
  checkPassword(user, password) {
    return Object.hasOwn(this.options.users, user) && this.options.users[user] === password;
  }
  /** Counts a failure; returns the ban text when this failure reached the threshold, else `text`. */
  fail(peer, text2) {
    const record = this.peers.get(peer) ?? { failures: 0, bannedUntil: 0 };
    this.peers.set(peer, record);
    record.failures++;
    if (record.failures >= this.options.banThreshold) {
      const duration = banDurationMs(
        record.failures,
        this.options.banThreshold,
        this.options.banBaseMs
      );
      record.bannedUntil = this.now() + duration;
      return blockedText(duration);
    }
    return text2;
  }
  succeed(peer) {
    this.peers.delete(peer);
  }
  bannedText(peer) {
    const remaining = this.banRemainingMs(peer);
    return remaining > 0 ? blockedText(remaining) : void 0;
  }
};
function blockedText(ms) {
  return `Exceeded allowed authentication attempts. Access blocked for ${humanDuration(ms)}`;
}
function bearerChallenge(description) {
  return `Bearer realm="${REALM}" error="invalid_token" error_description="${description}"`;
}
function reject(wwwAuthenticate, body) {
  return { ok: false, status: 401, wwwAuthenticate, body };
}
function parseCredentials(raw2) {
  const end = `at line 1 column ${raw2.length}`;
  if (raw2.trim() === "") return `EOF while parsing a value ${end}`;
  let value;
  try {
    value = JSON.parse(raw2);
  } catch {
    return `expected value at line 1 column 1`;
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return `invalid type: ${Array.isArray(value) ? "sequence" : typeof value}, expected struct Login ${end}`;
  }
  const record = value;
  for (const field of ["username", "password"]) {
    if (!(field in record)) return `missing field \`${field}\` ${end}`;
    if (typeof record[field] !== "string") {
      return `invalid type: ${typeof record[field]}, expected a string ${end}`;
    }
  }
  return { username: record.username, password: record.password };
}
function decodeBasic(value) {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(value) || value.length % 4 === 1) {
    return "Invalid input: not base64";
  }
  const bytes = Buffer.from(value, "base64");
  let text2;
  try {
    text2 = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return "invalid utf-8 sequence";
  }
  const colon = text2.indexOf(":");
  if (colon < 0) return "missing colon";
  return { username: text2.slice(0, colon), password: text2.slice(colon + 1) };
}

// src/lab/bmc/backup.ts
import { gzipSync } from "node:zlib";
function backupArchive(board) {
  const now2 = /* @__PURE__ */ new Date();
  const dd = String(now2.getDate()).padStart(2, "0");
  const mm = String(now2.getMonth() + 1).padStart(2, "0");
  const state = {
    power: board.nodes.map((n) => n.powerBit),
    usb: board.usb,
    node_info: board.nodes.map((n) => n.info),
    cooling: board.cooling
  };
  const files = [
    ["etc/bmcd/config.yaml", 'host: "::"\nport: 443\nredirect_http: true\n'],
    ["var/lib/bmcd/bmcd.json", `${JSON.stringify(state, null, 2)}
`]
  ];
  const blocks = [];
  for (const [name2, text2] of files) {
    const content = Buffer.from(text2);
    blocks.push(tarHeader(name2, content.length, now2), content);
    blocks.push(Buffer.alloc((512 - content.length % 512) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return {
    name: `tp2-backup-${dd}-${mm}-${now2.getFullYear()}.tar.gz`,
    data: gzipSync(Buffer.concat(blocks))
  };
}
function tarHeader(name2, size, mtime) {
  const h = Buffer.alloc(512);
  const field = (offset, length, value) => {
    h.write(value, offset, length, "ascii");
  };
  const octal = (value, length) => `${value.toString(8).padStart(length - 1, "0")}\0`;
  field(0, 100, name2);
  field(100, 8, octal(420, 8));
  field(108, 8, octal(0, 8));
  field(116, 8, octal(0, 8));
  field(124, 12, octal(size, 12));
  field(136, 12, octal(Math.floor(mtime.getTime() / 1e3), 12));
  field(148, 8, "        ");
  field(156, 1, "0");
  field(257, 6, "ustar\0");
  field(263, 2, "00");
  field(265, 32, "root");
  field(297, 32, "root");
  let sum = 0;
  for (const byte of h) sum += byte;
  field(148, 8, `${sum.toString(8).padStart(6, "0")}\0 `);
  return h;
}

// src/lab/bmc/params.ts
var ParamError = class extends Error {
  constructor(message, status = 400) {
    super(message);
    this.status = status;
  }
  status;
};
var INTEGER = /^[+-]?\d+$/;
function parseNode(q) {
  const raw2 = q.get("node");
  if (raw2 === null) throw new ParamError("Missing `node` parameter");
  if (!INTEGER.test(raw2)) throw new ParamError("Parameter `node` is not a number");
  const node = Number(BigInt.asUintN(8, BigInt(raw2)));
  if (node > 3) throw new ParamError("Parameter `node` is out of range 0..3 of node IDs");
  return node;
}
function parseInteger(q, name2) {
  const raw2 = q.get(name2);
  if (raw2 === null) throw new ParamError(`Missing \`${name2}\` parameter`);
  if (!INTEGER.test(raw2)) throw new ParamError(`Parameter \`${name2}\` is not a number`);
  return Number(raw2);
}
function requireParam(q, name2) {
  const raw2 = q.get(name2);
  if (raw2 === null) throw new ParamError(`Missing \`${name2}\` parameter`);
  return raw2;
}
function sha256HexError(value) {
  if (value.length % 2 !== 0) return "Odd number of digits";
  const bad = value.search(/[^0-9a-fA-F]/);
  if (bad >= 0) return `Invalid character '${value[bad]}' at position ${bad}`;
  if (value.length !== 64) return "Invalid string length";
  return void 0;
}

// src/lab/bmc/profiles.ts
var BUILDROOT = { "2.0.5": "Buildroot 2023.02.4", modern: "Buildroot 2024.05.1" };
var BUILDTIME = {
  "2.0.5": "2023-12-19 09:40:52-00:00",
  "2.3.4": "2024-08-30 15:34:16-00:00",
  "2.3.7": "2025-02-23 11:53:49-00:00"
};
var OS_VERSION = { "2.0.5": "2.0.5", "2.3.4": "2.1.0", "2.3.7": "2.1.0" };
function makeProfile(firmware, board, host) {
  return { firmware, board, modern: firmware !== "2.0.5", host, mac: "02:42:54:50:49:32" };
}
function buildroot(p) {
  return p.modern ? BUILDROOT.modern : BUILDROOT["2.0.5"];
}
function aboutPayload(p) {
  const common = {
    api: "1.1",
    buildroot: buildroot(p),
    buildtime: BUILDTIME[p.firmware]
  };
  if (p.firmware === "2.0.5") {
    return { ...common, build_version: OS_VERSION["2.0.5"], version: "2.0.5" };
  }
  const board = {
    board_model: `${p.board === "v2.5" ? "Turing Pi 2.5" : "Turing Pi 2"} (rk1 lab emulator)`,
    board_revision: p.board === "v2.5" ? "v2.5.2" : "v2.4.0",
    hostname: "rk1-lab"
  };
  if (p.firmware === "2.3.4") {
    return { ...common, ...board, build_version: OS_VERSION["2.3.4"], version: "2.3.4" };
  }
  return { ...common, ...board, bmcd_version: "2.3.7", version: OS_VERSION["2.3.7"] };
}
function otherPayload(p) {
  const base = {
    api: "1.1",
    buildroot: `"${buildroot(p)}"`,
    buildtime: BUILDTIME[p.firmware],
    mac: p.mac
  };
  if (p.firmware === "2.3.7") return { ...base, ip: p.host, version: OS_VERSION["2.3.7"] };
  const ip = p.firmware === "2.3.4" ? "Unknown" : p.host;
  return { ...base, build_version: OS_VERSION[p.firmware], ip, version: p.firmware };
}
function infoPayload(p) {
  return {
    ip: [{ device: "br0", ip: p.host, mac: p.mac }],
    storage: [
      { name: "BMC", total_bytes: 51462144, bytes_free: 23130112 },
      { name: "SD card", total_bytes: 31254904832, bytes_free: 30981652480 }
    ]
  };
}
function sdcardPayload() {
  const total = 31254904832;
  const free = 30981652480;
  return { free, total, use: total - free };
}
function processName(p, slot) {
  if (slot === void 0) return p.modern ? "firmware upgrade service" : "os upgrade service";
  return p.modern ? `Node ${slot} os install service` : `Node ${slot} upgrade service`;
}
function routeName(p, route2) {
  return route2 === "Bmc" ? "Bmc" : p.modern ? "AlternativePort" : "UsbA";
}

// src/lab/bmc/uart.ts
var UART_RING_BYTES = 16 * 1024;
var RingBuffer = class {
  constructor(capacity = UART_RING_BYTES) {
    this.capacity = capacity;
    this.buf = Buffer.alloc(capacity);
  }
  capacity;
  buf;
  start = 0;
  length = 0;
  get size() {
    return this.length;
  }
  append(data) {
    let bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
    if (bytes.length >= this.capacity) {
      bytes = bytes.subarray(bytes.length - this.capacity);
      bytes.copy(this.buf, 0);
      this.start = 0;
      this.length = this.capacity;
      return;
    }
    const overflow = Math.max(0, this.length + bytes.length - this.capacity);
    this.start = (this.start + overflow) % this.capacity;
    this.length -= overflow;
    const end = (this.start + this.length) % this.capacity;
    const first = Math.min(bytes.length, this.capacity - end);
    bytes.copy(this.buf, end, 0, first);
    if (first < bytes.length) bytes.copy(this.buf, 0, first);
    this.length += bytes.length;
  }
  /** The whole content, oldest byte first; the ring is unchanged (bmcd 2.3.x). */
  snapshot() {
    const out = Buffer.alloc(this.length);
    const first = Math.min(this.length, this.capacity - this.start);
    this.buf.copy(out, 0, this.start, this.start + first);
    if (first < this.length) this.buf.copy(out, first, 0, this.length - first);
    return out;
  }
  /** The whole content, then empty (bmcd 2.0.x reads drain). */
  drain() {
    const out = this.snapshot();
    this.clear();
    return out;
  }
  clear() {
    this.start = 0;
    this.length = 0;
  }
};
var UART_ENCODINGS = ["utf8", "utf16", "utf16le", "utf16be", "utf32", "utf32le", "utf32be"];
function decodeUart(bytes, encoding) {
  switch (encoding) {
    case "utf8":
      return new TextDecoder("utf-8").decode(bytes);
    case "utf16":
    case "utf16le":
      return new TextDecoder("utf-16le").decode(bytes);
    case "utf16be":
      return new TextDecoder("utf-16be").decode(bytes);
    case "utf32":
    case "utf32le":
      return decodeUtf32(bytes, true);
    case "utf32be":
      return decodeUtf32(bytes, false);
    default:
      return void 0;
  }
}
function decodeUtf32(bytes, littleEndian) {
  let out = "";
  for (let i = 0; i + 4 <= bytes.length; i += 4) {
    const cp = littleEndian ? bytes.readUInt32LE(i) : bytes.readUInt32BE(i);
    out += cp <= 1114111 && (cp < 55296 || cp > 57343) ? String.fromCodePoint(cp) : "\uFFFD";
  }
  if (bytes.length % 4 !== 0) out += "\uFFFD";
  return out;
}

// src/lab/bmc/dispatcher.ts
var OK = { status: 200, json: '"ok"' };
var ok = (result, sorted = true) => ({
  status: 200,
  json: sorted ? sortedJson(result) : JSON.stringify(result)
});
var fail = (status, message) => ({ status, json: JSON.stringify(message) });
var slotOf = (q) => parseNode(q) + 1;
var HOST_NOT_SUPPORTED = "Failed to set USB mode: Selecting one of the nodes as USB Host role is not supported by the current hardware";
var V25_ONLY = "This command is only available on v2.5+ boards";
var HANDLERS = {
  "get:power": ({ board }) => {
    const result = {};
    for (const n of board.nodes) result[`node${n.slot}`] = n.powerBit ? "1" : "0";
    return ok([result]);
  },
  "set:power": async ({ board }, q) => {
    const changes = [];
    for (const slot of [1, 2, 3, 4]) {
      const value = q.get(`node${slot}`);
      if (value === null) continue;
      if (value !== "0" && value !== "1") {
        return fail(400, `Invalid value \`${value}\` for parameter \`node${slot}\``);
      }
      changes.push([slot, value === "1"]);
    }
    if (changes.length === 0) {
      return fail(500, "Failed to set power state: Condition failed: `node_states != 0`");
    }
    for (const [slot, on] of changes) await board.setPower(slot, on);
    return OK;
  },
  "set:reset": async ({ board }, q) => {
    await board.reset(slotOf(q));
    return OK;
  },
  "get:usb": ({ board, profile }) => {
    const usb = board.activeUsb;
    const result = {
      mode: usb.mode,
      node: `Node ${usb.node + 1}`,
      route: routeName(profile, usb.route)
    };
    if (profile.modern) result.bus_type = profile.board === "v2.5" ? "Usb hub" : "Single bus";
    return ok([result]);
  },
  "set:usb": ({ board, profile }, q) => {
    const node = parseNode(q);
    const mode = parseInteger(q, "mode");
    const low = mode & 3;
    if (low === 3) return { panic: true };
    if (low === 0 && profile.board === "v2.5") return fail(500, HOST_NOT_SUPPORTED);
    board.usb = {
      mode: low === 0 ? "Host" : low === 1 ? "Device" : "Flash",
      node,
      route: mode & 4 ? "Bmc" : "AlternativePort"
    };
    if (low === 2) board.setUsbBootPin(node + 1, true);
    else board.clearUsbBootPins();
    board.save();
    return OK;
  },
  "set:usb_boot": ({ board }, q) => {
    board.setUsbBootPin(slotOf(q), true);
    return OK;
  },
  "set:clear_usb_boot": ({ board }) => {
    board.clearUsbBootPins();
    return OK;
  },
  "set:node_to_msd": async ({ board, scale: scale2 }, q) => {
    const slot = slotOf(q);
    await board.setPower(slot, false);
    board.setUsbBootPin(slot, true);
    board.physicalOn(slot);
    await sleep(scale2(1e3));
    board.clearUsbBootPins();
    await sleep(scale2(5e3));
    const node = board.node(slot);
    if (node.powered) node.mode = "msd";
    return OK;
  },
  "get:uart": ({ rings, profile }, q) => {
    const node = parseNode(q);
    const encoding = q.get("encoding") ?? "utf8";
    const ring = rings[node];
    if (decodeUart(Buffer.alloc(0), encoding) === void 0) {
      return fail(
        400,
        `Invalid \`encoding\` parameter. Expected one of: ${UART_ENCODINGS.join(", ")}`
      );
    }
    return { uart: decodeUart(profile.modern ? ring.snapshot() : ring.drain(), encoding) ?? "" };
  },
  "set:uart": ({ board }, q) => {
    const slot = slotOf(q);
    const cmd = requireParam(q, "cmd");
    board.consoleInput(slot, `${cmd}\r
`);
    return OK;
  },
  "get:other": ({ profile }) => ok([otherPayload(profile)]),
  "get:info": ({ profile }) => ok(infoPayload(profile), false),
  "get:about": ({ profile }) => ok(aboutPayload(profile)),
  "get:sdcard": () => ok([sdcardPayload()]),
  "set:sdcard": () => fail(501, "not implemented"),
  "get:nodeinfo": () => ok([{ node1: 0, node2: 0, node3: 0, node4: 0 }]),
  "set:nodeinfo": () => fail(501, "not implemented"),
  "set:network": () => OK,
  "set:reboot": (env, q) => {
    env.scheduleRestart(env.profile.modern && q.has("fel") ? "fel" : "reboot");
    return OK;
  },
  "set:reload": (env) => {
    env.scheduleRestart("reload");
    return OK;
  }
};
var MODERN_HANDLERS = {
  "get:usb_node1": ({ board }) => ok(board.usbNode1Alt),
  "set:usb_node1": ({ board, profile }, q) => {
    if (profile.board !== "v2.5") return fail(500, `Failed to ${V25_ONLY}: ${V25_ONLY}`);
    board.usbNode1Alt = q.has("alternative_port");
    board.save();
    return OK;
  },
  "get:node_info": ({ board, timeScale }) => {
    const now2 = performance.now();
    const result = board.nodes.map((n) => ({
      name: n.info.name,
      module_name: n.info.module_name,
      power_on_time: n.powerOnAt === null ? null : Math.floor((now2 - n.powerOnAt) * timeScale / 1e3),
      uart_baud: n.info.uart_baud
    }));
    return ok(result, false);
  },
  "get:cooling": ({ board }) => ok(board.cooling, false),
  "set:cooling": ({ board }, q) => {
    const device = requireParam(q, "device");
    const speed = parseInteger(q, "speed");
    const target = board.cooling.find((c) => c.device === device);
    if (!target) {
      return fail(500, `Failed to set Cooling state: cooling device: \`${device}\` does not exist`);
    }
    if (speed > target.max_speed || speed < 0) {
      return fail(
        500,
        `Failed to set Cooling state: given speed '${speed}' exceeds maximum speed of '${target.max_speed}'`
      );
    }
    target.speed = speed;
    board.save();
    return OK;
  }
};
function resolveHandler(profile, q) {
  const opt = q.get("opt");
  if (opt !== "get" && opt !== "set") return fail(400, "Missing `opt` parameter");
  const type = q.get("type");
  if (type === null) return fail(400, "Missing `type` parameter");
  const key3 = `${opt}:${type}`;
  const handler = HANDLERS[key3] ?? (profile.modern ? MODERN_HANDLERS[key3] : void 0);
  if (!handler) return fail(400, `Invalid \`type\` parameter ${type}`);
  return { handler, opt, type };
}
async function runHandler(handler, env, q) {
  try {
    return await handler(env, q);
  } catch (error) {
    if (error instanceof ParamError) return fail(error.status, error.message);
    const message = error instanceof Error ? error.message : String(error);
    return fail(500, `${message}: ${message}`);
  }
}

// src/lab/bmc/http-util.ts
var TEXT_PLAIN = "text/plain; charset=utf-8";
function sendText(res, status, body, headers = {}) {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, {
    "Content-Type": TEXT_PLAIN,
    "Content-Length": Buffer.byteLength(body),
    ...headers
  });
  res.end(body);
}
function sendEnvelope(res, status, resultJson) {
  if (res.headersSent || res.destroyed) return;
  sendJson(res, status, `{"response":[{"result":${resultJson}}]}`);
}
function sendUart(res, text2) {
  if (res.headersSent || res.destroyed) return;
  sendJson(res, 200, JSON.stringify({ response: [{ uart: text2 }] }));
}
function sendJson(res, status, body) {
  res.writeHead(status, {
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(body)
  });
  res.end(body);
}
function sendEmpty(res, status) {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { "Content-Length": "0" });
  res.end();
}
var INDEX_HTML = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Turing Pi (lab BMC)</title></head><body><div id="root"></div></body></html>\n';
function sendIndex(res) {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(200, {
    "Content-Type": "text/html",
    "Content-Length": Buffer.byteLength(INDEX_HTML)
  });
  res.end(INDEX_HTML);
}
function dropConnection(req, res) {
  res.destroy();
  req.socket.destroy();
}
async function readBody(req, limit) {
  const chunks = [];
  let size = 0;
  let tooLarge = false;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > limit) tooLarge = true;
    else chunks.push(chunk);
  }
  return tooLarge ? void 0 : Buffer.concat(chunks);
}
function responseDone(res) {
  if (res.writableFinished || res.destroyed) return Promise.resolve();
  return new Promise((resolve3) => {
    res.once("finish", () => resolve3());
    res.once("close", () => resolve3());
  });
}

// src/lab/bmc/node-info.ts
var LIMIT = 2 * 1024 * 1024;
var FIELDS = ["name", "module_name", "uart_baud"];
async function setNodeInfo(board, req, res) {
  const type = (req.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
  if (type !== "application/json") {
    req.resume();
    return sendText(res, 400, "Content type error");
  }
  const body = await readBody(req, LIMIT);
  if (!body) {
    return sendText(res, 413, `JSON payload is larger than allowed (limit: ${LIMIT} bytes).`);
  }
  let parsed;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch (error) {
    return sendText(res, 400, `Json deserialize error: ${error.message}`);
  }
  const updates = validate(parsed);
  if (typeof updates === "string") return sendText(res, 400, `Json deserialize error: ${updates}`);
  for (const [index, update] of updates) Object.assign(board.nodes[index].info, update);
  board.save();
  sendEmpty(res, 200);
}
function validate(value) {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return "invalid type: expected struct SetNodeInfos";
  }
  const out = [];
  for (const [index, key3] of ["Node1", "Node2", "Node3", "Node4"].entries()) {
    const entry = value[key3];
    if (entry === void 0 || entry === null) continue;
    if (typeof entry !== "object" || Array.isArray(entry)) {
      return `invalid type for ${key3}: expected struct SetNodeInfo`;
    }
    const update = {};
    for (const field of FIELDS) {
      if (!(field in entry)) continue;
      const v = entry[field];
      const okType = v === null || (field === "uart_baud" ? Number.isInteger(v) : typeof v === "string");
      if (!okType) return `invalid type for ${key3}.${field}`;
      Object.assign(update, { [field]: v });
    }
    out.push([index, update]);
  }
  return out;
}

// src/lab/bmc/request-lock.ts
var RequestLock = class {
  held = false;
  queue = [];
  /** Number of requests waiting (not counting the holder). */
  get waiting() {
    return this.queue.length;
  }
  get locked() {
    return this.held;
  }
  /** Resolves with a release function once the caller is first in line. */
  acquire() {
    return new Promise((resolve3) => {
      const grant = () => {
        this.held = true;
        let released = false;
        resolve3(() => {
          if (released) return;
          released = true;
          this.release();
        });
      };
      if (!this.held) grant();
      else this.queue.push(grant);
    });
  }
  /** Runs `fn` holding the lock; the lock is released even when `fn` throws. */
  async run(fn) {
    const release = await this.acquire();
    try {
      return await fn();
    } finally {
      release();
    }
  }
  release() {
    const next = this.queue.shift();
    if (next) next();
    else this.held = false;
  }
};

// src/lab/bmc/transfer-model.ts
import { randomInt } from "node:crypto";

// src/lab/bmc/channel.ts
var ChunkChannel = class {
  constructor(capacity = 16) {
    this.capacity = capacity;
  }
  capacity;
  items = [];
  closed = false;
  failure;
  wakeConsumer;
  producers = [];
  get failed() {
    return this.failure;
  }
  /** Queues a chunk; resolves once it fits, rejects when the channel failed. */
  push(chunk) {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closed) return Promise.reject(new Error("channel closed"));
    this.items.push(chunk);
    this.wake();
    if (this.items.length <= this.capacity) return Promise.resolve();
    return new Promise((resolve3, reject2) => this.producers.push({ resolve: resolve3, reject: reject2 }));
  }
  /** No more chunks; the consumer ends after the queued ones. */
  close() {
    this.closed = true;
    this.wake();
  }
  /** Aborts both sides: pending and later pushes and the consumer reject with `error`. */
  fail(error) {
    if (this.failure) return;
    this.failure = error;
    this.items.length = 0;
    for (const p of this.producers.splice(0)) p.reject(error);
    this.wake();
  }
  async *[Symbol.asyncIterator]() {
    for (; ; ) {
      if (this.failure) throw this.failure;
      const item = this.items.shift();
      if (item) {
        while (this.producers.length && this.items.length - this.producers.length < this.capacity) {
          this.producers.shift()?.resolve();
        }
        yield item;
        continue;
      }
      if (this.closed) return;
      await new Promise((resolve3) => this.wakeConsumer = resolve3);
    }
  }
  wake() {
    const wake = this.wakeConsumer;
    this.wakeConsumer = void 0;
    wake?.();
  }
};

// src/lab/bmc/transfer-model.ts
var TransferError = class extends Error {
};
var Transfer = class {
  constructor(request, faults, profile) {
    this.request = request;
    this.faults = faults;
    this.id = randomInt(0, 4294967296);
    this.processName = processName(profile, request.slot);
    this.abort.signal.addEventListener("abort", () => {
      this.channel.fail(new Error("transfer canceled"));
    });
  }
  request;
  faults;
  id;
  processName;
  startedAt = performance.now();
  bytesWritten = 0;
  channel = new ChunkChannel(16);
  uploadClaimed = false;
  abort = new AbortController();
  /** Daemon stopped: no clean-up, no state change (the process is gone). */
  killed = false;
  /** The worker's error text, read by a failing upload (§5.3). */
  workerError;
  deadline;
  done = Promise.resolve();
  fault(kind) {
    return this.faults.find((f) => f.kind === kind);
  }
};

// src/lab/bmc/transfer-worker.ts
import { createHash as createHash4 } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import { basename, join as join3 } from "node:path";

// src/lab/bmc/emmc-writer.ts
import { createHash as createHash3 } from "node:crypto";
import { open as open2 } from "node:fs/promises";

// src/lab/bmc/crc64.ts
var POLY_HI = 2511115049;
var POLY_LO = 2890647989;
var TABLE_LO = [];
var TABLE_HI = [];
function buildTables() {
  const lo0 = new Uint32Array(256);
  const hi0 = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let lo = n;
    let hi = 0;
    for (let k = 0; k < 8; k++) {
      const carry = lo & 1;
      lo = (lo >>> 1 | (hi & 1) << 31) >>> 0;
      hi = hi >>> 1;
      if (carry) {
        lo = (lo ^ POLY_LO) >>> 0;
        hi = (hi ^ POLY_HI) >>> 0;
      }
    }
    lo0[n] = lo;
    hi0[n] = hi;
  }
  TABLE_LO.push(lo0);
  TABLE_HI.push(hi0);
  for (let t = 1; t < 8; t++) {
    const prevLo = TABLE_LO[t - 1];
    const prevHi = TABLE_HI[t - 1];
    const lo = new Uint32Array(256);
    const hi = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      const pl = prevLo[n];
      const ph = prevHi[n];
      const idx = pl & 255;
      lo[n] = ((pl >>> 8 | ph << 24) ^ lo0[idx]) >>> 0;
      hi[n] = (ph >>> 8 ^ hi0[idx]) >>> 0;
    }
    TABLE_LO.push(lo);
    TABLE_HI.push(hi);
  }
}
buildTables();
var [L0, L1, L2, L3, L4, L5, L6, L7] = TABLE_LO;
var [H0, H1, H2, H3, H4, H5, H6, H7] = TABLE_HI;
var Crc64 = class {
  lo = 0;
  hi = 0;
  update(data) {
    let lo = this.lo;
    let hi = this.hi;
    let i = 0;
    const n = data.length;
    const end8 = n - n % 8;
    while (i < end8) {
      const a = (lo ^ (data[i] | data[i + 1] << 8 | data[i + 2] << 16 | data[i + 3] << 24)) >>> 0;
      const b = (hi ^ (data[i + 4] | data[i + 5] << 8 | data[i + 6] << 16 | data[i + 7] << 24)) >>> 0;
      lo = (L7[a & 255] ^ L6[a >>> 8 & 255] ^ L5[a >>> 16 & 255] ^ L4[a >>> 24] ^ L3[b & 255] ^ L2[b >>> 8 & 255] ^ L1[b >>> 16 & 255] ^ L0[b >>> 24]) >>> 0;
      hi = (H7[a & 255] ^ H6[a >>> 8 & 255] ^ H5[a >>> 16 & 255] ^ H4[a >>> 24] ^ H3[b & 255] ^ H2[b >>> 8 & 255] ^ H1[b >>> 16 & 255] ^ H0[b >>> 24]) >>> 0;
      i += 8;
    }
    for (; i < n; i++) {
      const idx = (lo ^ data[i]) & 255;
      lo = ((lo >>> 8 | hi << 24) ^ L0[idx]) >>> 0;
      hi = (hi >>> 8 ^ H0[idx]) >>> 0;
    }
    this.lo = lo;
    this.hi = hi;
    return this;
  }
  /** The CRC as an unsigned 64-bit integer. */
  digest() {
    return BigInt(this.hi) << 32n | BigInt(this.lo);
  }
};

// src/lab/bmc/emmc-writer.ts
var ENOSPC_TEXT = "No space left on device (os error 28)";
var Pacer = class {
  constructor(bytesPerSecond) {
    this.bytesPerSecond = bytesPerSecond;
  }
  bytesPerSecond;
  start = performance.now();
  bytes = 0;
  async account(n, signal) {
    this.bytes += n;
    if (!Number.isFinite(this.bytesPerSecond) || this.bytesPerSecond <= 0) return;
    const due = this.start + this.bytes / this.bytesPerSecond * 1e3;
    const wait = due - performance.now();
    if (wait > 2) await sleep(wait, signal);
  }
};
var EmmcWriter = class _EmmcWriter {
  constructor(file, options2) {
    this.file = file;
    this.options = options2;
    this.pacer = new Pacer(options2.bytesPerSecond);
  }
  file;
  options;
  written = 0;
  crc = new Crc64();
  hash = createHash3("sha256");
  pacer;
  closed = false;
  /** Opens (and empties) the eMMC image file. */
  static async open(path3, options2) {
    return new _EmmcWriter(await open2(path3, "w"), options2);
  }
  async write(chunk) {
    const room = this.options.capacity - this.written;
    const part = chunk.length > room ? chunk.subarray(0, Math.max(0, room)) : chunk;
    if (part.length > 0) {
      await this.file.write(part, 0, part.length, this.written);
      this.crc.update(part);
      this.hash.update(part);
      this.written += part.length;
    }
    if (part.length < chunk.length) throw new Error(ENOSPC_TEXT);
    await this.pacer.account(part.length, this.options.signal);
  }
  get crcValue() {
    return this.crc.digest();
  }
  /** sha256 of everything written (call once, after the last write). */
  contentSha256() {
    return this.hash.copy().digest("hex");
  }
  async close() {
    if (this.closed) return;
    this.closed = true;
    await this.file.close();
  }
};
async function readBackCrc(path3, length, bytesPerSecond, signal, onProgress) {
  const crc = new Crc64();
  const pacer = new Pacer(bytesPerSecond);
  const file = await open2(path3, "r");
  try {
    const buf = Buffer.alloc(512 * 1024);
    let done = 0;
    while (done < length) {
      signal.throwIfAborted();
      const { bytesRead } = await file.read(buf, 0, Math.min(buf.length, length - done), done);
      if (bytesRead === 0) break;
      crc.update(buf.subarray(0, bytesRead));
      done += bytesRead;
      onProgress(done);
      await pacer.account(bytesRead, signal);
    }
  } finally {
    await file.close();
  }
  return crc.digest();
}

// src/lab/bmc/xz.ts
import { spawn } from "node:child_process";
async function* xzDecompress(input, signal) {
  const child = spawn("xz", ["-dc"], { stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  let spawnError;
  child.stderr.on("data", (d) => {
    if (stderr.length < 4096) stderr += d.toString();
  });
  child.on("error", (e) => spawnError = e);
  child.stdin.on("error", () => void 0);
  const exited = new Promise((resolve3) => child.on("close", (code) => resolve3(code)));
  const kill = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  };
  signal.addEventListener("abort", kill, { once: true });
  let feedError;
  const feeding = (async () => {
    try {
      for await (const chunk of input) {
        if (!child.stdin.write(chunk)) await drained(child.stdin);
        if (child.stdin.destroyed) break;
      }
      child.stdin.end();
    } catch (error) {
      feedError = error;
      kill();
    }
  })();
  try {
    for await (const chunk of child.stdout) yield chunk;
    const code = await exited;
    await feeding;
    if (feedError) throw feedError;
    signal.throwIfAborted();
    if (spawnError) throw new Error(`xz decompression failed: ${spawnError.message}`);
    if (code !== 0) {
      const why = stderr.trim().replace(/^xz: \(stdin\): /, "") || `exit status ${code}`;
      throw new Error(`xz decompression failed: ${why}`);
    }
  } finally {
    signal.removeEventListener("abort", kill);
    kill();
    child.stdin.destroy();
  }
}
function drained(stream) {
  return new Promise((resolve3) => {
    const done = () => {
      stream.off("drain", done);
      stream.off("close", done);
      stream.off("error", done);
      resolve3();
    };
    stream.on("drain", done);
    stream.on("close", done);
    stream.on("error", done);
  });
}

// src/lab/bmc/transfer-worker.ts
var DEVICE_NOT_FOUND = "Compute module's USB interface not found or supported";
async function runWorker(host, t) {
  const s = host.settings;
  const signal = t.abort.signal;
  const request = t.request;
  const slot = request.slot;
  let writer;
  let outcome;
  try {
    if (slot) await prepareNode(host, t, slot);
    const target = slot ? s.board.node(slot).emmc.path : await firmwarePath(s.storageDir, request.fileName);
    if (slot) {
      const emmc = s.board.node(slot).emmc;
      Object.assign(emmc, { bytesWritten: 0, sha256: null, flashedFileName: request.fileName });
    }
    const noSpace = t.fault("noSpace");
    writer = await EmmcWriter.open(target, {
      bytesPerSecond: s.writeRateBytesPerSec * s.timeScale,
      capacity: Math.min(s.emmcCapacityBytes, noSpace ? noSpace.afterBytes ?? 0 : Infinity),
      signal
    });
    const validator = request.sha256 ? createHash4("sha256") : void 0;
    const uploaded = sourceBytes(t, validator);
    const data = request.xz ? xzDecompress(uploaded, signal) : uploaded;
    const triggers = byteTriggers(host, t);
    for await (const chunk of data) {
      triggers(writer.written);
      signal.throwIfAborted();
      await writer.write(chunk);
      t.bytesWritten = writer.written;
      if (slot) s.board.node(slot).emmc.bytesWritten = writer.written;
    }
    triggers(writer.written);
    signal.throwIfAborted();
    await writer.close();
    if (validator && request.sha256) {
      const got = validator.digest("hex");
      if (got !== request.sha256.toLowerCase()) {
        throw new Error(`sha256 checksum failed. Expected: ${request.sha256}, got: ${got}`);
      }
    }
    if (slot && !request.skipCrc) {
      t.bytesWritten = 0;
      const read = await readBackCrc(
        target,
        writer.written,
        s.verifyRateBytesPerSec * s.timeScale,
        signal,
        (n) => t.bytesWritten = n
      );
      const calculated = t.fault("crcMismatch") ? read ^ 0x5a5a0000000000a5n : read;
      if (calculated !== writer.crcValue) {
        throw new Error(`crc error. expected ${writer.crcValue}, calculated ${calculated}`);
      }
    }
    if (!slot) await osUpdate(host, t);
    const elapsedMs = (performance.now() - t.startedAt) * s.timeScale;
    outcome = { kind: "Done", elapsedMs, size: request.size };
  } catch (error) {
    if (!signal.aborted && !t.killed) {
      const message = error instanceof Error ? error.message : String(error);
      t.workerError = message;
      outcome = { kind: "Error", message };
      t.channel.fail(new Error(message));
    }
  } finally {
    await writer?.close().catch(() => void 0);
    if (slot && writer) {
      const emmc = s.board.node(slot).emmc;
      emmc.bytesWritten = writer.written;
      emmc.sha256 = writer.contentSha256();
      emmc.flashedAt = (/* @__PURE__ */ new Date()).toISOString();
      s.board.saveEmmcState(slot);
    }
    if (request.source.kind === "url") request.source.stream.destroy();
    if (slot && !t.killed) await leaveFlashMode(s.board, slot);
    t.channel.fail(new Error(t.workerError ?? "transfer canceled"));
    if (outcome) host.finish(t, outcome);
  }
}
async function prepareNode(host, t, slot) {
  const board = host.settings.board;
  const signal = t.abort.signal;
  await board.setPower(slot, false);
  board.usbOverride = { mode: "Flash", node: slot - 1, route: "Bmc" };
  board.setUsbBootPin(slot, true);
  await board.setPower(slot, true);
  await sleep(host.scale(1e3), signal);
  board.clearUsbBootPins();
  if (t.fault("deviceNotFound")) throw new Error(DEVICE_NOT_FOUND);
  const loadError = t.fault("usbLoadError");
  if (loadError) {
    throw new Error(
      `Error loading USB device: ${loadError.detail ?? "No supported USB devices found"}`
    );
  }
  const others = board.nodes.filter((n) => n.slot !== slot && n.mode === "msd");
  if (host.settings.profile.board === "v2.5" && others.length > 0) {
    throw new Error("Error loading USB device: Several supported devices found");
  }
  await sleep(host.scale(Math.max(0, host.settings.prepDelayMs - 1200)), signal);
}
async function leaveFlashMode(board, slot) {
  board.setUsbBootPin(slot, false);
  board.usbOverride = void 0;
  await board.setPower(slot, false);
  board.save();
}
async function* sourceBytes(t, validator) {
  const source = t.request.source;
  const corrupt = t.fault("corruptUpload");
  const corruptAt = corrupt ? corrupt.atByte ?? 0 : -1;
  const iterable = source.kind === "upload" ? t.channel : source.kind === "local" ? createReadStream(source.path, { highWaterMark: 512 * 1024, signal: t.abort.signal }) : source.stream;
  let offset = 0;
  for await (const raw2 of iterable) {
    let chunk = raw2;
    if (corruptAt >= offset && corruptAt < offset + chunk.length) {
      chunk = Buffer.from(chunk);
      chunk[corruptAt - offset] = chunk[corruptAt - offset] ^ 255;
    }
    offset += chunk.length;
    validator?.update(chunk);
    yield chunk;
  }
}
function byteTriggers(host, t) {
  const crash = t.fault("daemonCrash");
  const foreign = t.fault("foreignTransfer");
  let crashed = false;
  let preempted = false;
  return (written) => {
    if (crash && !crashed && written >= (crash.afterBytes ?? 0)) {
      crashed = true;
      host.settings.crashDaemon();
    }
    if (foreign && !preempted && !t.abort.signal.aborted && written >= (foreign.afterBytes ?? 0)) {
      preempted = true;
      host.startForeign(foreign, t.request.slot);
    }
  };
}
async function firmwarePath(storageDir, fileName) {
  const dir = join3(storageDir, "firmware");
  await mkdir(dir, { recursive: true });
  return join3(dir, basename(fileName).replace(/\.xz$/, "") || "firmware.tpu");
}
async function osUpdate(host, t) {
  await sleep(host.scale(5e3), t.abort.signal);
  const failure = t.fault("firmwareFailure");
  if (failure) {
    const status = failure.exitStatus ?? 1;
    throw new Error(
      host.settings.profile.modern ? `failed firmware upgrade (exit status: ${status})` : `failed os_update (exit status: ${status})`
    );
  }
}

// src/lab/bmc/transfer.ts
var TransferEngine = class {
  constructor(settings) {
    this.settings = settings;
  }
  settings;
  state = { kind: "Ready" };
  workers = /* @__PURE__ */ new Set();
  stopped = false;
  /** Real milliseconds for a simulated duration. */
  scale(ms) {
    return ms / this.settings.timeScale;
  }
  get current() {
    return this.state.kind === "Transferring" ? this.state.transfer : void 0;
  }
  /** Body of `opt=get&type=flash|firmware`: the bare serde enum, field order as bmcd. */
  statusBody() {
    const s = this.state;
    switch (s.kind) {
      case "Ready":
        return '"Ready"';
      case "Transferring": {
        const t = s.transfer;
        return JSON.stringify({
          Transferring: {
            id: t.id,
            process_name: t.processName,
            size: t.request.size,
            cancelled: false,
            bytes_written: t.bytesWritten
          }
        });
      }
      case "Done": {
        const secs = Math.floor(s.elapsedMs / 1e3);
        const nanos = Math.round((s.elapsedMs - secs * 1e3) * 1e6) % 1e9;
        return JSON.stringify({ Done: [{ secs, nanos }, s.size] });
      }
      case "Error":
        return JSON.stringify({ Error: s.message });
    }
  }
  /** Starts a transfer, replacing any current one; returns its handle. */
  start(request, options2 = {}) {
    const faults = options2.faults === false ? [] : this.settings.faults.takeTransferFaults(
      request.kind,
      request.slot ? `node ${request.slot}` : "firmware"
    );
    const previous = [...this.workers].filter((w) => w.request.slot === request.slot);
    const old = this.current;
    const t = new Transfer(request, faults, this.settings.profile);
    this.state = { kind: "Transferring", transfer: t };
    if (old) old.abort.abort(new Error("replaced"));
    this.workers.add(t);
    t.done = (async () => {
      await Promise.all(previous.map((w) => w.done));
      if (t.abort.signal.aborted) {
        if (request.source.kind === "url") request.source.stream.destroy();
        return;
      }
      await runWorker(this, t);
    })().finally(() => this.workers.delete(t));
    if (request.source.kind === "upload") {
      t.deadline = setTimeout(() => {
        if (!t.uploadClaimed && this.current === t) this.fail(t, "Send timeout");
      }, this.settings.uploadDeadlineMs);
      t.deadline.unref();
    }
    return t;
  }
  /** The upload handler took the data slot: the 10 s deadline no longer applies. */
  claimUpload(t) {
    t.uploadClaimed = true;
    clearTimeout(t.deadline);
  }
  /** `GET /api/bmc/upload/{any}/cancel`, and a short upload: the current transfer ends cancelled. */
  cancelCurrent() {
    const t = this.current;
    if (t) this.fail(t, "cancelled by user");
  }
  /** Ends `t` in Error (if it is still the current transfer) and aborts its worker. */
  fail(t, message) {
    if (this.current === t) this.state = { kind: "Error", message };
    clearTimeout(t.deadline);
    t.abort.abort(new Error(message));
  }
  /** Called by the worker at its end; ignored once `t` was replaced or cancelled. */
  finish(t, state) {
    clearTimeout(t.deadline);
    if (this.current === t && !this.stopped) this.state = state;
  }
  /** The worker's error text for a failed upload: waits up to 5 s (scaled), else `transfer canceled`. */
  async workerErrorText(t) {
    const until = performance.now() + this.scale(5e3);
    while (t.workerError === void 0 && performance.now() < until) {
      await sleep(Math.min(20, Math.max(1, until - performance.now())));
    }
    return t.workerError ?? "transfer canceled";
  }
  /** Simulates another client starting a flash (fault `foreignTransfer`). */
  startForeign(f, from) {
    const slot = f.slot ?? (from ?? 1) % 4 + 1;
    const size = f.length ?? 1024 * 1024;
    const t = this.start(
      {
        kind: "flash",
        slot,
        fileName: "foreign-client.img",
        size,
        skipCrc: false,
        xz: false,
        source: { kind: "upload" }
      },
      { faults: false }
    );
    if (f.upload === false) return;
    this.claimUpload(t);
    void (async () => {
      const chunk = Buffer.alloc(64 * 1024);
      try {
        for (let sent = 0; sent < size; sent += chunk.length) {
          await t.channel.push(chunk.subarray(0, Math.min(chunk.length, size - sent)));
        }
        t.channel.close();
      } catch {
      }
    })();
  }
  /** The daemon stops (reload, reboot, crash): workers die without clean-up. */
  stop() {
    this.stopped = true;
    for (const t of this.workers) {
      t.killed = true;
      clearTimeout(t.deadline);
      t.abort.abort(new Error("daemon stopped"));
    }
  }
  /** Resolves when every worker has ended (tests, close). */
  async settle() {
    await Promise.all([...this.workers].map((w) => w.done.catch(() => void 0)));
  }
};

// src/lab/bmc/transfer-source.ts
import { stat } from "node:fs/promises";
import { get as httpGet } from "node:http";
import { get as httpsGet } from "node:https";
import { isIP } from "node:net";
import { join as join4, posix } from "node:path";
function labPathOf(bmcPath, storageDir) {
  const normal = posix.normalize(bmcPath);
  if (!normal.startsWith("/mnt/sdcard/")) return void 0;
  return join4(storageDir, "sdcard", normal.slice("/mnt/sdcard/".length));
}
async function parseTransferStart(q, kind, profile, storageDir) {
  let slot;
  if (kind === "flash") {
    try {
      slot = parseNode(q) + 1;
    } catch (error) {
      throw new TransferError(error.message);
    }
  }
  const file = q.get("file");
  if (!file) throw new TransferError("Invalid `file` query parameter");
  const modern = profile.modern;
  const xz = modern && posix.extname(file.split("?")[0] ?? "") === ".xz";
  const skipCrc = modern && q.has("skip_crc");
  if (q.has("local")) {
    const path3 = labPathOf(file, storageDir);
    const size2 = path3 ? await fileSize(path3) : void 0;
    if (!path3 || size2 === void 0) {
      throw new TransferError(`Failed to ${file}: No such file or directory (os error 2)`);
    }
    return { kind, slot, fileName: file, size: size2, skipCrc, xz, source: { kind: "local", path: path3 } };
  }
  const sha2562 = modern ? q.get("sha256") ?? void 0 : void 0;
  if (sha2562 !== void 0) {
    const why = sha256HexError(sha2562);
    if (why) throw new TransferError(`\`sha256\` parameter contains invalid hex values: ${why}`);
  }
  if (modern && file.startsWith("http")) {
    const stream = await fetchSource(file);
    const size2 = Number(stream.headers["content-length"]);
    return {
      kind,
      slot,
      fileName: file,
      size: size2,
      sha256: sha2562,
      skipCrc,
      xz,
      source: { kind: "url", stream }
    };
  }
  const length = q.get("length");
  if (length === null) throw new TransferError("Invalid `length` query parameter");
  if (!/^\+?\d+$/.test(length)) throw new TransferError("`length` parameter is not a number");
  const size = Number(length);
  return { kind, slot, fileName: file, size, sha256: sha2562, skipCrc, xz, source: { kind: "upload" } };
}
async function fileSize(path3) {
  try {
    const s = await stat(path3);
    return s.isFile() ? s.size : void 0;
  } catch {
    return void 0;
  }
}
function isLoopback(host) {
  const bare = host.replace(/^\[|\]$/g, "");
  if (bare === "localhost") return true;
  if (isIP(bare) === 4) return bare.startsWith("127.");
  return bare === "::1";
}
function fetchSource(url) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch (error) {
    return Promise.reject(new TransferError(`Failed to ${url}: ${error.message}`));
  }
  if (!isLoopback(parsed.hostname)) {
    return Promise.reject(
      new TransferError(`Failed to ${url}: the lab BMC only fetches from loopback addresses`)
    );
  }
  return new Promise((resolve3, reject2) => {
    const onResponse = (res) => {
      const status = res.statusCode ?? 0;
      if (status < 200 || status > 299) {
        res.resume();
        reject2(new TransferError(`Failed to ${url}: HTTP status ${status}`));
      } else if (res.headers["content-length"] === void 0) {
        res.destroy();
        reject2(new TransferError(`Failed to ${url}: content-length header missing`));
      } else resolve3(res);
    };
    const req = parsed.protocol === "https:" ? httpsGet(parsed, { rejectUnauthorized: false }, onResponse) : httpGet(parsed, onResponse);
    req.on("error", (e) => reject2(new TransferError(`Failed to ${url}: ${e.message}`)));
  });
}

// src/lab/bmc/multipart.ts
var MAX_HEADER_BYTES = 16 * 1024;
var CRLF = Buffer.from("\r\n");
var HEADER_END = Buffer.from("\r\n\r\n");
var MultipartError = class extends Error {
};
function boundaryOf(contentType) {
  if (!contentType) return void 0;
  const [type, ...params] = contentType.split(";");
  if (type?.trim().toLowerCase() !== "multipart/form-data") return void 0;
  for (const param of params) {
    const eq = param.indexOf("=");
    if (eq < 0) continue;
    if (param.slice(0, eq).trim().toLowerCase() !== "boundary") continue;
    let value = param.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2)
      value = value.slice(1, -1);
    return value.length > 0 && value.length <= 70 ? value : void 0;
  }
  return void 0;
}
var MultipartParser = class {
  /** `\r\n--boundary`: the stream is treated as if it began with CRLF, so the first one matches too. */
  delimiter;
  carry = CRLF;
  state = "preamble";
  parts = 0;
  constructor(boundary) {
    this.delimiter = Buffer.from(`\r
--${boundary}`);
  }
  get done() {
    return this.state === "epilogue";
  }
  get partCount() {
    return this.parts;
  }
  /** Parses one more chunk; body slices reference the chunk (copy them if kept after the next push). */
  push(chunk) {
    const events = [];
    let buf = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    this.carry = Buffer.alloc(0);
    for (; ; ) {
      if (this.state === "epilogue") return events;
      if (this.state === "preamble") {
        const at = buf.indexOf(this.delimiter);
        if (at < 0) {
          this.carry = keepTail(buf, this.delimiter.length - 1);
          return events;
        }
        buf = buf.subarray(at + this.delimiter.length);
        this.state = "afterBoundary";
      }
      if (this.state === "afterBoundary") {
        let i = 0;
        while (i < buf.length && (buf[i] === 32 || buf[i] === 9)) i++;
        if (buf.length - i < 2) {
          this.carry = buf;
          return events;
        }
        if (buf[i] === 45 && buf[i + 1] === 45) {
          this.state = "epilogue";
          events.push({ type: "end" });
          return events;
        }
        if (buf[i] !== 13 || buf[i + 1] !== 10) throw new MultipartError("bad boundary line");
        buf = buf.subarray(i + 2);
        this.state = "headers";
      }
      if (this.state === "headers") {
        let headerBlock;
        if (buf.length >= 2 && buf[0] === 13 && buf[1] === 10) {
          headerBlock = Buffer.alloc(0);
          buf = buf.subarray(2);
        } else {
          const at = buf.indexOf(HEADER_END);
          if (at < 0) {
            if (buf.length > MAX_HEADER_BYTES) throw new MultipartError("part headers too large");
            this.carry = buf;
            return events;
          }
          headerBlock = buf.subarray(0, at);
          buf = buf.subarray(at + HEADER_END.length);
        }
        events.push({ type: "partStart", headers: parseHeaders(headerBlock) });
        this.parts++;
        this.state = "body";
      }
      if (this.state === "body") {
        const at = buf.indexOf(this.delimiter);
        if (at < 0) {
          const keep = Math.min(buf.length, this.delimiter.length - 1);
          if (buf.length > keep)
            events.push({ type: "data", data: buf.subarray(0, buf.length - keep) });
          this.carry = keepTail(buf, keep);
          return events;
        }
        if (at > 0) events.push({ type: "data", data: buf.subarray(0, at) });
        events.push({ type: "partEnd" });
        buf = buf.subarray(at + this.delimiter.length);
        this.state = "afterBoundary";
      }
    }
  }
};
function keepTail(buf, n) {
  return Buffer.from(buf.subarray(Math.max(0, buf.length - n)));
}
function parseHeaders(block) {
  const headers = {};
  for (const line of block.toString("latin1").split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

// src/lab/bmc/upload.ts
var NOT_OURS = "cannot transfer bytes to worker. This is either because the transfer happens locally, or is already ongoing.";
async function handleUpload(engine, handle, req, res) {
  const state = engine.state;
  if (state.kind !== "Transferring") {
    return sendText(
      res,
      500,
      `cannot execute command in current state. current=${state.kind}, expected=Transferring`
    );
  }
  const t = state.transfer;
  if (t.id !== handle) return sendText(res, 500, "unauthorized request for handle");
  if (t.request.source.kind !== "upload" || t.uploadClaimed) return sendText(res, 500, NOT_OURS);
  engine.claimUpload(t);
  const boundary = boundaryOf(req.headers["content-type"]);
  if (!boundary) {
    t.channel.close();
    req.resume();
    return sendText(res, 500, "Multipart form invalid");
  }
  const parser = new MultipartParser(boundary);
  const expected = t.request.size;
  let inFirst = false;
  let firstSeen = false;
  let firstEnded = false;
  let count = 0;
  let failed = false;
  const outcome = await new Promise((resolve3) => {
    let settled = false;
    const settle = (how) => {
      if (settled) return;
      settled = true;
      resolve3(how);
    };
    req.on("data", (chunk) => {
      if (failed || firstEnded || settled) return;
      let events;
      try {
        events = parser.push(chunk);
      } catch {
        return firstSeen ? settle("aborted") : settle("invalid");
      }
      let last;
      for (const ev of events) {
        if (ev.type === "partStart" && !firstSeen) {
          firstSeen = inFirst = true;
        } else if (ev.type === "data" && inFirst) {
          count += ev.data.length;
          last = t.channel.push(ev.data);
          last.catch(() => void 0);
        } else if (ev.type === "partEnd" && inFirst) {
          inFirst = false;
          firstEnded = true;
        }
      }
      if (!last) return;
      req.pause();
      last.then(
        () => req.resume(),
        () => {
          failed = true;
          req.resume();
          settle("failed");
        }
      );
    });
    req.on("end", () => settle(firstSeen ? "end" : "invalid"));
    req.on("error", () => settle("aborted"));
    req.on("close", () => settle(req.complete ? "end" : "aborted"));
  });
  if (outcome === "failed") {
    const text2 = await engine.workerErrorText(t);
    return sendText(res, 500, text2, { Connection: "close" });
  }
  if (outcome === "invalid") {
    t.channel.close();
    return sendText(res, 500, "Multipart form invalid");
  }
  if (count !== expected) {
    engine.fail(t, "cancelled by user");
    const missing = count < expected ? BigInt(expected - count) : 2n ** 64n - BigInt(count - expected);
    return sendText(res, 500, `missing ${humanSizeDecimal(missing)} bytes`);
  }
  t.channel.close();
  sendEmpty(res, 200);
}

// src/lab/bmc/daemon.ts
var Daemon = class {
  constructor(s) {
    this.s = s;
    this.auth = new AuthService(s);
    this.engine = new TransferEngine(s);
    this.env = {
      board: s.board,
      profile: s.profile,
      rings: this.rings,
      timeScale: s.timeScale,
      scale: (ms) => ms / s.timeScale,
      scheduleRestart: (kind) => s.scheduleRestart(kind)
    };
    s.board.serialSink = this.sink;
  }
  s;
  auth;
  lock = new RequestLock();
  rings = [new RingBuffer(), new RingBuffer(), new RingBuffer(), new RingBuffer()];
  engine;
  env;
  stopped = false;
  sink = (slot, data) => this.rings[slot - 1].append(data);
  /** The process ends: workers die, console output goes nowhere. */
  stop() {
    this.stopped = true;
    this.engine.stop();
    if (this.s.board.serialSink === this.sink) this.s.board.serialSink = void 0;
  }
  async handle(req, res, log) {
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    const path3 = q < 0 ? url : url.slice(0, q);
    const rawQuery = q < 0 ? "" : url.slice(q + 1);
    const peer = log.peer;
    const ctx2 = { req, res, path: path3, rawQuery, query: new URLSearchParams(rawQuery), peer, log };
    if (path3 !== "/api/bmc" && !path3.startsWith("/api/bmc/")) {
      log.authKind = "public";
      return sendIndex(res);
    }
    if (this.s.loopbackBypass && isLoopback2(peer)) {
      log.authKind = "bypass";
      if (path3 === "/api/bmc/authenticate") return sendIndex(res);
      return this.api(ctx2);
    }
    if (!this.s.globalLock) return this.authenticated(ctx2);
    const waitStart = performance.now();
    const release = await this.lock.acquire();
    log.handledAtMs = performance.now();
    log.lockWaitMs = log.handledAtMs - waitStart;
    try {
      if (this.stopped || req.socket.destroyed) return;
      await this.authenticated(ctx2);
      await responseDone(res);
    } finally {
      release();
    }
  }
  async authenticated(ctx2) {
    const { req, res, log } = ctx2;
    if (ctx2.path === "/api/bmc/authenticate") {
      log.authKind = "login";
      if (this.requestFault(ctx2, "authenticate", void 0, false)) return;
      const body = await readBody(req, 64 * 1024) ?? Buffer.alloc(0);
      const result = this.auth.login(ctx2.peer, body.toString("utf8"));
      if (!result.ok) return sendText(res, result.status, result.body);
      log.user = result.user;
      res.writeHead(200, {
        "X-Auth-Token": result.token,
        "Content-Length": Buffer.byteLength(result.body)
      });
      res.end(result.body);
      return;
    }
    const auth = this.auth.authorize(ctx2.peer, req.headers.authorization);
    log.tokenRef = auth.tokenRef;
    if (!auth.ok) {
      log.authKind = "rejected";
      req.resume();
      return sendText(res, auth.status, auth.body, { "WWW-Authenticate": auth.wwwAuthenticate });
    }
    log.authKind = auth.kind;
    log.user = auth.user;
    await this.api(ctx2);
  }
  async api(ctx2) {
    const { req, res, path: path3, rawQuery, query } = ctx2;
    const method = req.method ?? "GET";
    if (path3 === "/api/bmc") {
      const isSet = rawQuery.includes("opt=set");
      const transferType = rawQuery.includes("type=flash") ? "flash" : rawQuery.includes("type=firmware") ? "firmware" : void 0;
      if (method === "GET" && transferType && rawQuery.includes("opt=get")) {
        if (this.requestFault(ctx2, transferType, "get", false)) return;
        return sendText(res, 200, this.engine.statusBody());
      }
      if (method === "GET" && transferType && isSet) return this.startTransfer(ctx2, transferType);
      if (method === "POST" && isSet && rawQuery.includes("type=node_info") && this.s.profile.modern) {
        if (this.requestFault(ctx2, "node_info", "set", false)) return;
        return setNodeInfo(this.s.board, req, res);
      }
      if (method !== "GET") return sendEmpty(res, 405);
      return this.dispatch(ctx2, query);
    }
    const upload = /^\/api\/bmc\/upload\/([^/]+)(\/cancel)?$/.exec(path3);
    if (upload) {
      if (upload[2]) {
        if (method !== "GET") return sendEmpty(res, 405);
        if (this.requestFault(ctx2, "cancel", void 0, false)) return;
        this.engine.cancelCurrent();
        return sendEmpty(res, 200);
      }
      if (method !== "POST") return sendEmpty(res, 405);
      const handle = /^\d+$/.test(upload[1]) ? Number(upload[1]) : NaN;
      if (!(handle <= 4294967295)) {
        req.resume();
        return sendText(res, 404, `can not parse "${upload[1]}" to a u32`);
      }
      if (this.requestFault(ctx2, "upload", void 0, false)) return;
      return handleUpload(this.engine, handle, req, res);
    }
    if (path3 === "/api/bmc/backup" && method === "GET") {
      const { name: name2, data } = backupArchive(this.s.board);
      res.writeHead(200, {
        "Content-Type": "application/gzip",
        "Content-Disposition": `attachment; filename="${name2}"`
      });
      res.end(data);
      return;
    }
    if (path3 === "/api/bmc/serial/status" && method === "POST") {
      return sendText(res, 200, '["Running","Running","Running","Running"]');
    }
    sendIndex(res);
  }
  async startTransfer(ctx2, kind) {
    if (this.requestFault(ctx2, kind, "set", false)) return;
    try {
      const request = await parseTransferStart(ctx2.query, kind, this.s.profile, this.s.storageDir);
      const t = this.engine.start(request);
      sendText(ctx2.res, 200, JSON.stringify({ handle: t.id }));
    } catch (error) {
      const message = error instanceof TransferError ? error.message : String(error);
      sendText(ctx2.res, 500, message);
    }
  }
  async dispatch(ctx2, q) {
    const resolved = resolveHandler(this.s.profile, q);
    if (!("handler" in resolved)) return this.reply(ctx2, resolved);
    if (this.requestFault(ctx2, resolved.type, resolved.opt, true)) return;
    const reply = await runHandler(resolved.handler, this.env, q);
    this.reply(ctx2, reply);
  }
  reply(ctx2, reply) {
    if ("panic" in reply) {
      ctx2.log.note = "panic";
      return dropConnection(ctx2.req, ctx2.res);
    }
    if ("uart" in reply) return sendUart(ctx2.res, reply.uart);
    sendEnvelope(ctx2.res, reply.status, reply.json);
  }
  /** Injected `http500` / `dropConnection` faults; true when one answered the request. */
  requestFault(ctx2, type, opt, envelope) {
    const faults = this.s.faults;
    if (faults.takeRequestFault("dropConnection", type, opt)) {
      ctx2.log.note = "fault:dropConnection";
      dropConnection(ctx2.req, ctx2.res);
      return true;
    }
    const f = faults.takeRequestFault("http500", type, opt);
    if (f?.kind !== "http500") return false;
    ctx2.log.note = "fault:http500";
    const message = f.message ?? `Failed to ${opt ?? "handle"} ${type}: injected fault`;
    ctx2.req.resume();
    if (envelope) sendEnvelope(ctx2.res, 500, JSON.stringify(message));
    else {
      ctx2.res.writeHead(500, { "Content-Type": TEXT_PLAIN, Connection: "close" });
      ctx2.res.end(message);
    }
    return true;
  }
};
function isLoopback2(peer) {
  return peer.startsWith("127.") || peer === "::1" || peer.startsWith("::ffff:127.");
}

// src/lab/bmc/faults.ts
var FLASH_FAULTS = [
  "deviceNotFound",
  "usbLoadError",
  "crcMismatch",
  "corruptUpload",
  "noSpace",
  "daemonCrash",
  "foreignTransfer"
];
var FIRMWARE_FAULTS = [
  "corruptUpload",
  "noSpace",
  "daemonCrash",
  "foreignTransfer",
  "firmwareFailure"
];
var Faults = class {
  constructor(crash) {
    this.crash = crash;
  }
  crash;
  list = [];
  log = [];
  nextId = 1;
  get armed() {
    return [...this.list];
  }
  get fired() {
    return [...this.log];
  }
  inject(fault, options2 = {}) {
    const armed = {
      id: this.nextId++,
      fault: { ...fault },
      persistent: options2.persistent ?? false,
      fireCount: 0
    };
    this.list.push(armed);
    return armed;
  }
  clear(target) {
    for (let i = this.list.length - 1; i >= 0; i--) {
      const armed = this.list[i];
      const hit = target === void 0 || (typeof target === "string" ? armed.fault.kind === target : armed.id === target.id);
      if (hit) this.list.splice(i, 1);
    }
  }
  crashNow() {
    this.log.push({ id: 0, kind: "daemonCrash", at: (/* @__PURE__ */ new Date()).toISOString(), detail: "crashNow" });
    this.crash();
  }
  /** The faults for a transfer that starts now (one of each kind); one-shot ones are used up. */
  takeTransferFaults(kind, detail) {
    const kinds = kind === "flash" ? FLASH_FAULTS : FIRMWARE_FAULTS;
    const taken = [];
    for (const armed of [...this.list]) {
      if (!kinds.includes(armed.fault.kind)) continue;
      if (taken.some((f) => f.kind === armed.fault.kind)) continue;
      this.fire(armed, detail);
      taken.push(armed.fault);
    }
    return taken;
  }
  /** The first request fault matching this request, fired (and used up unless persistent). */
  takeRequestFault(kind, type, opt) {
    for (const armed of this.list) {
      const f = armed.fault;
      if (f.kind !== kind || f.type !== type) continue;
      if (f.opt !== void 0 && f.opt !== opt) continue;
      this.fire(armed, `${opt ?? ""} ${type}`.trim());
      return f;
    }
    return void 0;
  }
  fire(armed, detail) {
    armed.fireCount++;
    this.log.push({ id: armed.id, kind: armed.fault.kind, at: (/* @__PURE__ */ new Date()).toISOString(), detail });
    if (!armed.persistent) this.clear(armed);
  }
};

// src/lab/bmc/tls.ts
import { createHash as createHash5, webcrypto } from "node:crypto";
var cached;
function labCertificate() {
  cached ??= generate().catch((error) => {
    cached = void 0;
    throw error;
  });
  return cached;
}
async function generate() {
  const x509 = await loadX509();
  const crypto = webcrypto;
  const algorithm = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" };
  const keys = await crypto.subtle.generateKey(algorithm, true, [
    "sign",
    "verify"
  ]);
  const now2 = Date.now();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: Buffer.from(webcrypto.getRandomValues(new Uint8Array(8))).toString("hex").replace(/^[89a-f]/, "1"),
    name: "CN=Turing-Pi self signed",
    notBefore: new Date(now2 - 24 * 36e5),
    notAfter: new Date(now2 + 3650 * 24 * 36e5),
    signingAlgorithm: algorithm,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(false, void 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([
        { type: "dns", value: "localhost" },
        { type: "dns", value: "turingpi.local" },
        { type: "ip", value: "127.0.0.1" },
        { type: "ip", value: "::1" }
      ])
    ]
  });
  const pkcs8 = await crypto.subtle.exportKey("pkcs8", keys.privateKey);
  const keyPem = x509.PemConverter.encode(pkcs8, "PRIVATE KEY");
  const der = Buffer.from(cert.rawData);
  return {
    certPem: cert.toString("pem"),
    keyPem,
    fingerprintSha256: createHash5("sha256").update(der).digest("hex")
  };
}

// src/lab/bmc/emulator.ts
var DEFAULTS = {
  host: "127.0.0.1",
  tokenTtlMs: 3 * 36e5,
  banThreshold: 5,
  banBaseMs: 6e4,
  timeScale: 1,
  writeRateBytesPerSec: 4e6,
  verifyRateBytesPerSec: 12e6,
  prepDelayMs: 7e3,
  uploadDeadlineMs: 1e4,
  reloadDowntimeMs: 3e3,
  rebootDowntimeMs: 6e4,
  emmcCapacityBytes: 31268536320
};
async function startBmcEmulator(opts = {}) {
  const host = opts.host ?? DEFAULTS.host;
  if (!host.startsWith("127.") && host !== "::1" && host !== "localhost") {
    throw new Error(`The lab BMC emulator only listens on loopback addresses, not ${host}`);
  }
  const ownsStorage = opts.storageDir === void 0;
  const storageDir = opts.storageDir ?? await mkdtemp(join5(tmpdir(), "rk1-lab-bmc-"));
  await mkdir2(storageDir, { recursive: true });
  const tls = await labCertificate();
  const emulator = new LabBmc(opts, host, storageDir, ownsStorage, tls);
  await emulator.adoptImages();
  await emulator.startDaemon(opts.port ?? 0);
  return emulator;
}
var LabBmc = class {
  constructor(opts, host, storageDir, ownsStorage, tls) {
    this.opts = opts;
    this.host = host;
    this.storageDir = storageDir;
    this.ownsStorage = ownsStorage;
    this.certificatePem = tls.certPem;
    this.fingerprintSha256 = tls.fingerprintSha256;
    const timeScale = opts.timeScale ?? DEFAULTS.timeScale;
    if (!(timeScale > 0)) throw new Error("timeScale must be a positive number");
    const scale2 = (ms) => ms / timeScale;
    this.board = new Board({
      storageDir,
      revision: opts.board ?? "v2.5",
      scale: scale2,
      bootLog: opts.bootLog,
      beforeBoot: (slot) => this.noticeNodeWrites(slot),
      onNodePower: opts.onNodePower,
      onUartWrite: opts.onUartWrite
    });
    this.faultInjector = new Faults(() => this.crash());
    this.settings = {
      board: this.board,
      faults: this.faultInjector,
      profile: makeProfile(opts.firmware ?? "2.3.4", opts.board ?? "v2.5", host),
      storageDir,
      timeScale,
      writeRateBytesPerSec: opts.writeRateBytesPerSec ?? DEFAULTS.writeRateBytesPerSec,
      verifyRateBytesPerSec: opts.verifyRateBytesPerSec ?? DEFAULTS.verifyRateBytesPerSec,
      prepDelayMs: opts.prepDelayMs ?? DEFAULTS.prepDelayMs,
      uploadDeadlineMs: opts.uploadDeadlineMs ?? DEFAULTS.uploadDeadlineMs,
      emmcCapacityBytes: opts.emmcCapacityBytes ?? DEFAULTS.emmcCapacityBytes,
      crashDaemon: () => this.crash(),
      users: opts.users ?? { root: "turing" },
      tokenTtlMs: opts.tokenTtlMs ?? DEFAULTS.tokenTtlMs,
      banThreshold: opts.banThreshold ?? DEFAULTS.banThreshold,
      banBaseMs: opts.banBaseMs ?? DEFAULTS.banBaseMs,
      globalLock: opts.globalLock ?? true,
      loopbackBypass: opts.loopbackBypass ?? false,
      scheduleRestart: (kind) => this.scheduleRestart(kind)
    };
    this.server = createServer2({ key: tls.keyPem, cert: tls.certPem, requestTimeout: 0 });
    this.server.timeout = 0;
    this.server.on("connection", (socket) => {
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
    });
    this.server.on("request", (req, res) => {
      const daemon = this.daemon;
      const log = this.logEntry(req.method ?? "GET", req.url ?? "/", req.socket.remoteAddress);
      const started = performance.now();
      log.handledAtMs = started;
      const done = () => {
        if (log.doneAtMs) return;
        log.status = res.headersSent ? res.statusCode : 0;
        log.doneAtMs = performance.now();
        log.durationMs = log.doneAtMs - started;
      };
      res.once("finish", done);
      res.once("close", done);
      if (!daemon) {
        log.note = "daemon down";
        res.destroy();
        return;
      }
      daemon.handle(req, res, log).catch((error) => {
        log.note = `internal error: ${error instanceof Error ? error.message : String(error)}`;
        if (!res.headersSent) res.destroy();
      });
    });
  }
  opts;
  host;
  storageDir;
  ownsStorage;
  requestLog = [];
  certificatePem;
  fingerprintSha256;
  server;
  sockets = /* @__PURE__ */ new Set();
  board;
  faultInjector;
  settings;
  daemon;
  boundPort = 0;
  closed = false;
  seq = 0;
  timers = /* @__PURE__ */ new Set();
  get url() {
    const host = this.host.includes(":") ? `[${this.host}]` : this.host;
    return `https://${host}:${this.boundPort}`;
  }
  get port() {
    return this.boundPort;
  }
  get faults() {
    return this.faultInjector;
  }
  get daemonUp() {
    return this.daemon !== void 0;
  }
  node(slot) {
    const n = this.board.node(slot);
    const ring = this.daemon?.rings[slot - 1];
    return {
      slot,
      power: n.powerBit,
      powered: n.powered,
      mode: n.mode,
      usbBoot: n.usbBoot,
      powerOnCount: n.powerOnCount,
      bootCount: n.bootCount,
      emmc: { ...n.emmc },
      uart: ring ? new TextDecoder().decode(ring.snapshot()) : ""
    };
  }
  writeConsole(slot, text2) {
    this.board.consoleOutput(slot, text2);
  }
  /** mtime of each eMMC file when its content was last known. */
  knownEmmcMtime = /* @__PURE__ */ new Map();
  /**
   * A node's own OS may have rewritten its eMMC (node-path flashing writes the image file
   * directly): a changed file is hashed again before the node boots, so the boot sees a new flash.
   */
  async noticeNodeWrites(slot) {
    const emmc = this.board.node(slot).emmc;
    if (!existsSync2(emmc.path)) return;
    const { mtimeMs, size } = await stat2(emmc.path);
    if (this.knownEmmcMtime.get(slot) === mtimeMs) return;
    const hash = createHash6("sha256");
    for await (const chunk of createReadStream2(emmc.path)) hash.update(chunk);
    const digest = hash.digest("hex");
    this.knownEmmcMtime.set(slot, mtimeMs);
    if (digest === emmc.sha256) return;
    Object.assign(emmc, {
      bytesWritten: size,
      sha256: digest,
      flashedFileName: "written by the node itself",
      flashedAt: (/* @__PURE__ */ new Date()).toISOString()
    });
    this.board.saveEmmcState(slot);
  }
  /** The node's own OS rebooted it at once (`reboot -f` after a node-path write). */
  async rebootAfterNodeWrite(slot) {
    await this.board.reset(slot);
  }
  /** eMMC images found in storageDir without metadata are hashed once, so their state is known. */
  async adoptImages() {
    for (const slot of SLOTS) {
      const emmc = this.board.node(slot).emmc;
      if (emmc.sha256 !== null || !existsSync2(emmc.path)) continue;
      const size = (await stat2(emmc.path)).size;
      const hash = createHash6("sha256");
      for await (const chunk of createReadStream2(emmc.path)) hash.update(chunk);
      Object.assign(emmc, { bytesWritten: size, sha256: hash.digest("hex") });
      this.board.saveEmmcState(slot);
    }
  }
  async startDaemon(port = this.boundPort) {
    if (this.closed || this.daemon) return;
    await new Promise((resolve3, reject2) => {
      const onError = (error) => reject2(error);
      this.server.once("error", onError);
      this.server.listen(port, this.host, () => {
        this.server.off("error", onError);
        resolve3();
      });
    });
    const address = this.server.address();
    if (address && typeof address === "object") this.boundPort = address.port;
    this.daemon = new Daemon(this.settings);
    this.board.reapplyPowerBits();
  }
  /** bmcd is gone: listener closed, connections dropped, in-memory state lost. */
  stopDaemon() {
    const daemon = this.daemon;
    this.daemon = void 0;
    daemon?.stop();
    if (this.server.listening) this.server.close();
    for (const socket of this.sockets) socket.destroy();
  }
  crash() {
    this.stopDaemon();
  }
  async restartDaemon(downMs) {
    this.stopDaemon();
    const wait = downMs ?? DEFAULTS.reloadDowntimeMs / this.settings.timeScale;
    await new Promise((resolve3) => this.after(wait, resolve3));
    await this.startDaemon();
  }
  scheduleRestart(kind) {
    const scale2 = (ms) => ms / this.settings.timeScale;
    this.after(scale2(300), () => {
      if (this.closed) return;
      this.stopDaemon();
      if (kind === "fel") return;
      if (kind === "reboot" && this.settings.profile.board === "v2.4") {
        for (const slot of SLOTS) this.board.physicalOff(slot);
      }
      const down = kind === "reload" ? this.opts.reloadDowntimeMs ?? DEFAULTS.reloadDowntimeMs : this.opts.rebootDowntimeMs ?? DEFAULTS.rebootDowntimeMs;
      this.after(scale2(down), () => void this.startDaemon().catch(() => void 0));
    });
  }
  after(ms, fn) {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
  }
  logEntry(method, url, remote) {
    const q = url.indexOf("?");
    const entry = {
      seq: ++this.seq,
      at: (/* @__PURE__ */ new Date()).toISOString(),
      method,
      path: q < 0 ? url : url.slice(0, q),
      query: q < 0 ? "" : redactQuery(url.slice(q + 1)),
      status: 0,
      peer: (remote ?? "").replace(/^::ffff:/, ""),
      lockWaitMs: 0,
      durationMs: 0,
      handledAtMs: 0,
      doneAtMs: 0,
      authKind: "public"
    };
    this.requestLog.push(entry);
    return entry;
  }
  async close() {
    if (this.closed) return;
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    const daemon = this.daemon;
    this.stopDaemon();
    await daemon?.engine.settle();
    this.board.close();
    await new Promise((resolve3) => {
      if (!this.server.listening) return resolve3();
      this.server.close(() => resolve3());
    });
    if (this.ownsStorage) await rm(this.storageDir, { recursive: true, force: true });
  }
};
var SECRET_PARAMS = /* @__PURE__ */ new Set(["password", "token", "cmd"]);
function redactQuery(raw2) {
  return raw2.split("&").map((pair) => {
    const eq = pair.indexOf("=");
    const key3 = eq < 0 ? pair : pair.slice(0, eq);
    return eq >= 0 && SECRET_PARAMS.has(key3) ? `${key3}=[redacted]` : pair;
  }).join("&");
}

// src/lab/kube/emulator.ts
import { randomBytes as randomBytes4 } from "node:crypto";

// src/lab/kube/api.ts
var import_yaml = __toESM(require_dist(), 1);
import { randomUUID } from "node:crypto";

// src/lab/kube/status.ts
var ApiError = class extends Error {
  constructor(code, reason, message, details2) {
    super(message);
    this.code = code;
    this.reason = reason;
    this.details = details2;
  }
  code;
  reason;
  details;
  toStatus() {
    return {
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: this.message,
      reason: this.reason,
      ...this.details ? { details: this.details } : {},
      code: this.code
    };
  }
};
function qualifiedResource(rt) {
  return rt.group ? `${rt.resource}.${rt.group}` : rt.resource;
}
function details(rt, name2) {
  return { name: name2, ...rt.group ? { group: rt.group } : {}, kind: rt.resource };
}
function notFound(rt, name2) {
  return new ApiError(
    404,
    "NotFound",
    `${qualifiedResource(rt)} "${name2}" not found`,
    details(rt, name2)
  );
}
function alreadyExists(rt, name2) {
  return new ApiError(
    409,
    "AlreadyExists",
    `${qualifiedResource(rt)} "${name2}" already exists`,
    details(rt, name2)
  );
}
function conflict(rt, name2) {
  return new ApiError(
    409,
    "Conflict",
    `Operation cannot be fulfilled on ${qualifiedResource(rt)} "${name2}": the object has been modified; please apply your changes to the latest version and try again`,
    details(rt, name2)
  );
}
function badRequest(message) {
  return new ApiError(400, "BadRequest", message);
}
function invalid(rt, name2, message) {
  return new ApiError(
    422,
    "Invalid",
    `${rt.kind} "${name2}" is invalid: ${message}`,
    details(rt, name2)
  );
}
function namespaceNotFound(ns) {
  return new ApiError(404, "NotFound", `namespaces "${ns}" not found`, {
    name: ns,
    kind: "namespaces"
  });
}
function methodNotAllowed(message = "the server does not allow this method on the requested resource") {
  return new ApiError(405, "MethodNotAllowed", message);
}
function unsupportedMediaType(contentType) {
  return new ApiError(
    415,
    "UnsupportedMediaType",
    `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml; got ${contentType}`
  );
}

// src/lab/kube/patch.ts
function isObject(v) {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}
function jsonMergePatch(target, patch) {
  if (!isObject(patch)) return structuredClone(patch);
  const out = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = jsonMergePatch(out[k], v);
  }
  return out;
}
function unescapePointer(seg) {
  return seg.replace(/~1/g, "/").replace(/~0/g, "~");
}
function parsePointer(p) {
  if (p === "") return [];
  if (!p.startsWith("/")) throw badRequest(`invalid JSON pointer "${p}"`);
  return p.slice(1).split("/").map(unescapePointer);
}
function walk(doc, path3) {
  let cur = doc;
  for (const seg of path3.slice(0, -1)) {
    if (Array.isArray(cur)) cur = cur[Number(seg)];
    else if (isObject(cur)) cur = cur[seg];
    else cur = void 0;
    if (cur === void 0)
      throw badRequest(
        `the server rejected our request due to an error in our request: path ${path3.join("/")} does not exist`
      );
  }
  return { parent: cur, key: path3[path3.length - 1] ?? "" };
}
function getAt(doc, path3) {
  let cur = doc;
  for (const seg of path3) {
    if (Array.isArray(cur)) cur = cur[Number(seg)];
    else if (isObject(cur)) cur = cur[seg];
    else return void 0;
  }
  return cur;
}
function removeAt(doc, path3) {
  const { parent, key: key3 } = walk(doc, path3);
  if (Array.isArray(parent)) {
    const i = Number(key3);
    if (!(i >= 0 && i < parent.length))
      throw badRequest(`unable to remove nonexistent index ${key3}`);
    return parent.splice(i, 1)[0];
  }
  if (isObject(parent) && key3 in parent) {
    const v = parent[key3];
    delete parent[key3];
    return v;
  }
  throw badRequest(`unable to remove nonexistent key: ${key3}: missing value`);
}
function addAt(doc, path3, value, replace) {
  if (path3.length === 0) return value;
  const { parent, key: key3 } = walk(doc, path3);
  if (Array.isArray(parent)) {
    const i = key3 === "-" ? parent.length : Number(key3);
    if (!(i >= 0 && i <= parent.length)) throw badRequest(`index ${key3} out of bounds`);
    if (replace) parent[i] = value;
    else parent.splice(i, 0, value);
  } else if (isObject(parent)) {
    if (replace && !(key3 in parent))
      throw badRequest(
        `replace operation does not apply: doc is missing key: /${path3.join("/")}: missing value`
      );
    parent[key3] = value;
  } else throw badRequest(`doc is missing path: /${path3.join("/")}: missing value`);
  return doc;
}
function jsonPatch(target, ops) {
  if (!Array.isArray(ops)) throw badRequest("json patch must be an array of operations");
  let doc = structuredClone(target);
  for (const raw2 of ops) {
    if (!isObject(raw2)) throw badRequest("invalid json patch operation");
    const op = String(raw2.op);
    const path3 = parsePointer(String(raw2.path ?? ""));
    switch (op) {
      case "add":
        doc = addAt(doc, path3, structuredClone(raw2.value), false);
        break;
      case "replace":
        doc = addAt(doc, path3, structuredClone(raw2.value), true);
        break;
      case "remove":
        removeAt(doc, path3);
        break;
      case "move": {
        const v = removeAt(doc, parsePointer(String(raw2.from)));
        doc = addAt(doc, path3, v, false);
        break;
      }
      case "copy":
        doc = addAt(doc, path3, structuredClone(getAt(doc, parsePointer(String(raw2.from)))), false);
        break;
      case "test":
        if (JSON.stringify(getAt(doc, path3)) !== JSON.stringify(raw2.value)) {
          throw badRequest(`testing value /${path3.join("/")} failed: test failed`);
        }
        break;
      default:
        throw badRequest(`Unexpected kind: ${op}`);
    }
  }
  return doc;
}
function mergeKeyFor(field, items) {
  switch (field) {
    case "containers":
    case "initContainers":
    case "ephemeralContainers":
    case "env":
    case "volumes":
    case "imagePullSecrets":
    case "resourceClaims":
    case "schedulingGates":
      return "name";
    case "volumeMounts":
      return "mountPath";
    case "volumeDevices":
      return "devicePath";
    case "conditions":
      return "type";
    case "ownerReferences":
      return "uid";
    case "hostAliases":
      return "ip";
    case "topologySpreadConstraints":
      return "topologyKey";
    case "ports":
      return items.some((i) => isObject(i) && "containerPort" in i) ? "containerPort" : "port";
    default:
      return void 0;
  }
}
var PRIMITIVE_MERGE = /* @__PURE__ */ new Set(["finalizers"]);
function sameKey(a, b, key3) {
  return isObject(a) && isObject(b) && a[key3] !== void 0 && JSON.stringify(a[key3]) === JSON.stringify(b[key3]);
}
function strategicList(field, target, patch, order) {
  const current = Array.isArray(target) ? target : [];
  if (patch.some((p) => isObject(p) && p.$patch === "replace")) {
    return patch.filter((p) => !(isObject(p) && p.$patch === "replace")).map(stripDirectives);
  }
  if (PRIMITIVE_MERGE.has(field)) {
    const out2 = [...current];
    for (const v of patch) if (!out2.includes(v)) out2.push(v);
    return out2;
  }
  const key3 = mergeKeyFor(field, [...current, ...patch]);
  if (!key3 || patch.some((p) => !isObject(p))) return patch.map(stripDirectives);
  const out = current.map((c) => structuredClone(c));
  for (const p of patch) {
    const idx = out.findIndex((c) => sameKey(c, p, key3));
    if (isObject(p) && p.$patch === "delete") {
      if (idx >= 0) out.splice(idx, 1);
      continue;
    }
    if (idx >= 0) out[idx] = strategicMerge(out[idx], p);
    else out.push(stripDirectives(p));
  }
  if (order && order.length > 0) {
    const rank = (v) => {
      const i = order.findIndex((o) => sameKey(o, v, key3));
      return i < 0 ? order.length : i;
    };
    out.sort((a, b) => rank(a) - rank(b));
  }
  return out;
}
function stripDirectives(v) {
  if (Array.isArray(v)) return v.map(stripDirectives);
  if (!isObject(v)) return v;
  const out = {};
  for (const [k, x] of Object.entries(v)) if (!k.startsWith("$")) out[k] = stripDirectives(x);
  return out;
}
function strategicMerge(target, patch) {
  if (!isObject(patch)) return structuredClone(patch);
  if (patch.$patch === "replace") return stripDirectives(patch);
  if (patch.$patch === "delete") return void 0;
  const out = isObject(target) ? { ...target } : {};
  const retain = patch.$retainKeys;
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith("$")) {
      const dm = /^\$deleteFromPrimitiveList\/(.+)$/.exec(k);
      if (dm && Array.isArray(v)) {
        const f = dm[1] ?? "";
        if (Array.isArray(out[f])) out[f] = out[f].filter((x) => !v.includes(x));
      }
      continue;
    }
    if (v === null) {
      delete out[k];
      continue;
    }
    if (Array.isArray(v)) {
      out[k] = strategicList(k, out[k], v, patch[`$setElementOrder/${k}`]);
    } else if (isObject(v)) {
      const merged = strategicMerge(out[k], v);
      if (merged === void 0) delete out[k];
      else out[k] = merged;
    } else out[k] = v;
  }
  if (Array.isArray(retain)) {
    for (const k of Object.keys(out)) if (!retain.includes(k)) delete out[k];
  }
  return out;
}

// src/lab/kube/apply.ts
function listKind(field, items, builtin) {
  if (!builtin) return {};
  if (field === "finalizers") return { set: true };
  const key3 = mergeKeyFor(field, items);
  return key3 && items.every(isObject) ? { key: key3 } : {};
}
function itemId(item, key3) {
  return isObject(item) ? JSON.stringify(item[key3] ?? null) : JSON.stringify(item);
}
function merge(live, applied, field, builtin) {
  if (isObject(applied)) {
    const out = isObject(live) ? { ...live } : {};
    for (const [k, v] of Object.entries(applied)) {
      if (v === null) delete out[k];
      else out[k] = merge(out[k], v, k, builtin);
    }
    return out;
  }
  if (Array.isArray(applied) && Array.isArray(live)) {
    const kind = listKind(field, [...live, ...applied], builtin);
    if (kind.set) return [...live, ...applied.filter((v) => !live.includes(v))];
    if (kind.key) {
      const key3 = kind.key;
      const out = live.map((x) => x);
      const appliedIds = applied.map((a) => itemId(a, key3));
      for (const a of applied) {
        const i = out.findIndex((x) => itemId(x, key3) === itemId(a, key3));
        if (i >= 0) out[i] = merge(out[i], a, "", builtin);
        else out.push(structuredClone(a));
      }
      const rank = (x) => {
        const i = appliedIds.indexOf(itemId(x, key3));
        return i < 0 ? appliedIds.length : i;
      };
      return out.sort((a, b) => rank(a) - rank(b));
    }
  }
  return structuredClone(applied);
}
function prune(live, prev, next, others, builtin) {
  for (const [k, pv] of Object.entries(prev)) {
    if (k === "apiVersion" || k === "kind") continue;
    const nv = next?.[k];
    const ov = others.map((o) => o[k]).filter((x) => x !== void 0);
    const lv = live[k];
    if (nv === void 0 && ov.length === 0) {
      delete live[k];
      continue;
    }
    if (isObject(pv) && isObject(lv)) {
      prune(lv, pv, isObject(nv) ? nv : void 0, ov.filter(isObject), builtin);
      continue;
    }
    if (Array.isArray(pv) && Array.isArray(lv)) {
      const kind = listKind(k, [...lv, ...pv], builtin);
      if (!kind.key && !kind.set) continue;
      const id = (x) => kind.key ? itemId(x, kind.key) : JSON.stringify(x);
      const keep = /* @__PURE__ */ new Set();
      for (const src of [nv, ...ov]) if (Array.isArray(src)) for (const x of src) keep.add(id(x));
      live[k] = lv.filter((x) => keep.has(id(x)) || !pv.some((p) => id(p) === id(x)));
    }
  }
}
var ApplyTracker = class {
  byObject = /* @__PURE__ */ new Map();
  /** Computes the object after `manager` applies `config` to `live` (undefined = create). */
  apply(uid, live, config, manager, builtin) {
    const cfg = structuredClone(config);
    const meta = isObject(cfg.metadata) ? cfg.metadata : {};
    delete meta.managedFields;
    delete meta.resourceVersion;
    if (!live) return cfg;
    const managers = uid ? this.byObject.get(uid) : void 0;
    const prev = managers?.get(manager);
    const result = structuredClone(live);
    if (prev) {
      const others = [...managers?.entries() ?? []].filter(([m]) => m !== manager).map(([, c]) => c);
      prune(result, prev, cfg, others, builtin);
    }
    return merge(result, cfg, "", builtin);
  }
  record(uid, manager, config) {
    let m = this.byObject.get(uid);
    if (!m) {
      m = /* @__PURE__ */ new Map();
      this.byObject.set(uid, m);
    }
    const cfg = structuredClone(config);
    if (isObject(cfg.metadata)) {
      delete cfg.metadata.managedFields;
      delete cfg.metadata.resourceVersion;
    }
    m.set(manager, cfg);
  }
  managers(uid) {
    return [...this.byObject.get(uid)?.keys() ?? []];
  }
  forget(uid) {
    this.byObject.delete(uid);
  }
};

// src/lab/kube/clock.ts
function now() {
  return (/* @__PURE__ */ new Date()).toISOString().replace(/\.\d+Z$/, "Z");
}

// src/lab/kube/builtins.ts
var RW = [
  "create",
  "delete",
  "deletecollection",
  "get",
  "list",
  "patch",
  "update",
  "watch"
];
var BUILTINS = [
  { gv: "v1", resource: "configmaps", kind: "ConfigMap", namespaced: true, short: ["cm"] },
  { gv: "v1", resource: "endpoints", kind: "Endpoints", namespaced: true, short: ["ep"] },
  { gv: "v1", resource: "events", kind: "Event", namespaced: true, short: ["ev"] },
  { gv: "v1", resource: "limitranges", kind: "LimitRange", namespaced: true, short: ["limits"] },
  {
    gv: "v1",
    resource: "namespaces",
    kind: "Namespace",
    namespaced: false,
    short: ["ns"],
    sub: ["status"],
    verbs: ["create", "delete", "get", "list", "patch", "update", "watch"]
  },
  { gv: "v1", resource: "nodes", kind: "Node", namespaced: false, short: ["no"], sub: ["status"] },
  {
    gv: "v1",
    resource: "persistentvolumeclaims",
    kind: "PersistentVolumeClaim",
    namespaced: true,
    short: ["pvc"],
    sub: ["status"]
  },
  {
    gv: "v1",
    resource: "persistentvolumes",
    kind: "PersistentVolume",
    namespaced: false,
    short: ["pv"],
    sub: ["status"]
  },
  {
    gv: "v1",
    resource: "pods",
    kind: "Pod",
    namespaced: true,
    short: ["po"],
    all: true,
    sub: ["status", "log"]
  },
  { gv: "v1", resource: "podtemplates", kind: "PodTemplate", namespaced: true },
  {
    gv: "v1",
    resource: "replicationcontrollers",
    kind: "ReplicationController",
    namespaced: true,
    short: ["rc"],
    all: true,
    sub: ["status", "scale"]
  },
  {
    gv: "v1",
    resource: "resourcequotas",
    kind: "ResourceQuota",
    namespaced: true,
    short: ["quota"],
    sub: ["status"]
  },
  { gv: "v1", resource: "secrets", kind: "Secret", namespaced: true },
  {
    gv: "v1",
    resource: "serviceaccounts",
    kind: "ServiceAccount",
    namespaced: true,
    short: ["sa"]
  },
  {
    gv: "v1",
    resource: "services",
    kind: "Service",
    namespaced: true,
    short: ["svc"],
    all: true,
    sub: ["status"],
    verbs: ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]
  },
  { gv: "apps/v1", resource: "controllerrevisions", kind: "ControllerRevision", namespaced: true },
  {
    gv: "apps/v1",
    resource: "daemonsets",
    kind: "DaemonSet",
    namespaced: true,
    short: ["ds"],
    all: true,
    sub: ["status"]
  },
  {
    gv: "apps/v1",
    resource: "deployments",
    kind: "Deployment",
    namespaced: true,
    short: ["deploy"],
    all: true,
    sub: ["status", "scale"]
  },
  {
    gv: "apps/v1",
    resource: "replicasets",
    kind: "ReplicaSet",
    namespaced: true,
    short: ["rs"],
    all: true,
    sub: ["status", "scale"]
  },
  {
    gv: "apps/v1",
    resource: "statefulsets",
    kind: "StatefulSet",
    namespaced: true,
    short: ["sts"],
    all: true,
    sub: ["status", "scale"]
  },
  {
    gv: "batch/v1",
    resource: "cronjobs",
    kind: "CronJob",
    namespaced: true,
    short: ["cj"],
    all: true,
    sub: ["status"]
  },
  { gv: "batch/v1", resource: "jobs", kind: "Job", namespaced: true, all: true, sub: ["status"] },
  {
    gv: "autoscaling/v2",
    resource: "horizontalpodautoscalers",
    kind: "HorizontalPodAutoscaler",
    namespaced: true,
    short: ["hpa"],
    all: true,
    sub: ["status"]
  },
  {
    gv: "policy/v1",
    resource: "poddisruptionbudgets",
    kind: "PodDisruptionBudget",
    namespaced: true,
    short: ["pdb"],
    sub: ["status"]
  },
  {
    gv: "networking.k8s.io/v1",
    resource: "ingressclasses",
    kind: "IngressClass",
    namespaced: false
  },
  {
    gv: "networking.k8s.io/v1",
    resource: "ingresses",
    kind: "Ingress",
    namespaced: true,
    short: ["ing"],
    sub: ["status"]
  },
  {
    gv: "networking.k8s.io/v1",
    resource: "networkpolicies",
    kind: "NetworkPolicy",
    namespaced: true,
    short: ["netpol"]
  },
  {
    gv: "discovery.k8s.io/v1",
    resource: "endpointslices",
    kind: "EndpointSlice",
    namespaced: true
  },
  {
    gv: "rbac.authorization.k8s.io/v1",
    resource: "clusterrolebindings",
    kind: "ClusterRoleBinding",
    namespaced: false
  },
  {
    gv: "rbac.authorization.k8s.io/v1",
    resource: "clusterroles",
    kind: "ClusterRole",
    namespaced: false
  },
  {
    gv: "rbac.authorization.k8s.io/v1",
    resource: "rolebindings",
    kind: "RoleBinding",
    namespaced: true
  },
  { gv: "rbac.authorization.k8s.io/v1", resource: "roles", kind: "Role", namespaced: true },
  { gv: "storage.k8s.io/v1", resource: "csidrivers", kind: "CSIDriver", namespaced: false },
  { gv: "storage.k8s.io/v1", resource: "csinodes", kind: "CSINode", namespaced: false },
  {
    gv: "storage.k8s.io/v1",
    resource: "storageclasses",
    kind: "StorageClass",
    namespaced: false,
    short: ["sc"]
  },
  {
    gv: "storage.k8s.io/v1",
    resource: "volumeattachments",
    kind: "VolumeAttachment",
    namespaced: false,
    sub: ["status"]
  },
  {
    gv: "apiextensions.k8s.io/v1",
    resource: "customresourcedefinitions",
    kind: "CustomResourceDefinition",
    namespaced: false,
    short: ["crd", "crds"],
    sub: ["status"]
  },
  {
    gv: "admissionregistration.k8s.io/v1",
    resource: "mutatingwebhookconfigurations",
    kind: "MutatingWebhookConfiguration",
    namespaced: false
  },
  {
    gv: "admissionregistration.k8s.io/v1",
    resource: "validatingwebhookconfigurations",
    kind: "ValidatingWebhookConfiguration",
    namespaced: false
  },
  {
    gv: "apiregistration.k8s.io/v1",
    resource: "apiservices",
    kind: "APIService",
    namespaced: false,
    sub: ["status"]
  },
  {
    gv: "scheduling.k8s.io/v1",
    resource: "priorityclasses",
    kind: "PriorityClass",
    namespaced: false,
    short: ["pc"]
  },
  { gv: "coordination.k8s.io/v1", resource: "leases", kind: "Lease", namespaced: true },
  { gv: "node.k8s.io/v1", resource: "runtimeclasses", kind: "RuntimeClass", namespaced: false },
  {
    gv: "certificates.k8s.io/v1",
    resource: "certificatesigningrequests",
    kind: "CertificateSigningRequest",
    namespaced: false,
    short: ["csr"],
    sub: ["status"]
  },
  {
    gv: "authorization.k8s.io/v1",
    resource: "selfsubjectaccessreviews",
    kind: "SelfSubjectAccessReview",
    namespaced: false,
    verbs: ["create"]
  },
  {
    gv: "authorization.k8s.io/v1",
    resource: "selfsubjectrulesreviews",
    kind: "SelfSubjectRulesReview",
    namespaced: false,
    verbs: ["create"]
  },
  {
    gv: "authentication.k8s.io/v1",
    resource: "selfsubjectreviews",
    kind: "SelfSubjectReview",
    namespaced: false,
    verbs: ["create"]
  }
];

// src/lab/kube/resources.ts
function groupResource(rt) {
  return rt.group ? `${rt.resource}.${rt.group}` : rt.resource;
}
function apiVersionOf(rt) {
  return rt.group ? `${rt.group}/${rt.version}` : rt.version;
}
function singularOf(kind) {
  return kind.toLowerCase();
}
var Registry = class {
  types = [];
  /** Bumped on every change so discovery documents can carry a fresh hash. */
  generation = 0;
  constructor() {
    for (const b of BUILTINS) {
      const [group, version2] = b.gv.includes("/") ? b.gv.split("/") : ["", b.gv];
      this.types.push({
        group,
        version: version2,
        resource: b.resource,
        kind: b.kind,
        listKind: `${b.kind}List`,
        singular: singularOf(b.kind),
        namespaced: b.namespaced,
        shortNames: b.short ?? [],
        categories: b.all ? ["all"] : [],
        verbs: b.verbs ?? RW,
        subresources: b.sub ?? []
      });
    }
  }
  all() {
    return this.types;
  }
  find(group, version2, resource) {
    return this.types.find(
      (t) => t.group === group && t.version === version2 && t.resource === resource
    );
  }
  byKind(apiVersion, kind) {
    const [group, version2] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
    return this.types.find((t) => t.group === group && t.version === version2 && t.kind === kind);
  }
  /** Any served version of a group/resource, for internal lookups that do not care which. */
  byGroupResource(group, resource) {
    return this.types.find((t) => t.group === group && t.resource === resource);
  }
  /** Any version of a group+kind. */
  byGroupKind(group, kind) {
    return this.types.find((t) => t.group === group && t.kind === kind);
  }
  groupVersions() {
    const out = /* @__PURE__ */ new Map();
    for (const t of this.types) {
      const list2 = out.get(t.group) ?? [];
      if (!list2.includes(t.version)) list2.push(t.version);
      out.set(t.group, list2);
    }
    return [...out].map(([group, versions]) => ({ group, versions: sortVersions(versions) }));
  }
  /** (Re)registers the served versions of a CRD. Returns an error text when names clash. */
  registerCrd(crd) {
    const spec = crd.spec ?? {};
    const names = spec.names ?? {};
    const group = String(spec.group ?? "");
    const plural = String(names.plural ?? "");
    const kind = String(names.kind ?? "");
    if (!group || !plural || !kind)
      return "spec.group, spec.names.plural and spec.names.kind are required";
    const clash = this.types.find((t) => t.group === group && t.resource === plural && !t.crd);
    if (clash) return `${plural}.${group} is a built-in resource`;
    this.unregisterCrd(String(crd.metadata.name));
    const versions = spec.versions ?? [];
    for (const v of versions) {
      if (v.served === false) continue;
      const sub = v.subresources ?? {};
      const cols = (v.additionalPrinterColumns ?? []).map((c) => ({ ...c }));
      this.types.push({
        group,
        version: String(v.name),
        resource: plural,
        kind,
        listKind: String(names.listKind ?? `${kind}List`),
        singular: String(names.singular ?? kind.toLowerCase()),
        namespaced: spec.scope !== "Cluster",
        shortNames: names.shortNames ?? [],
        categories: names.categories ?? [],
        verbs: RW,
        subresources: [...sub.status ? ["status"] : [], ...sub.scale ? ["scale"] : []],
        crd: String(crd.metadata.name),
        printerColumns: cols
      });
    }
    this.generation++;
    return void 0;
  }
  unregisterCrd(name2) {
    const before = this.types.length;
    this.types = this.types.filter((t) => t.crd !== name2);
    if (this.types.length !== before) this.generation++;
  }
};
function sortVersions(versions) {
  const rank = (v) => {
    const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
    if (!m) return [3, 0, 0];
    const level = m[2] === "alpha" ? 2 : m[2] === "beta" ? 1 : 0;
    return [level, -Number(m[1]), -Number(m[3] ?? 0)];
  };
  return [...versions].sort((a, b) => {
    const ra = rank(a);
    const rb = rank(b);
    for (let i = 0; i < 3; i++) if (ra[i] !== rb[i]) return (ra[i] ?? 0) - (rb[i] ?? 0);
    return a.localeCompare(b);
  });
}

// src/lab/kube/deletion.ts
function deleteObject(api, rt, ns, name2, opts) {
  const gr = groupResource(rt);
  const old = api.store.get(gr, ns, name2);
  if (!old) throw notFound(rt, name2);
  const pre = opts.preconditions;
  if (pre?.uid && pre.uid !== old.metadata.uid) throw conflict(rt, name2);
  if (pre?.resourceVersion && pre.resourceVersion !== old.metadata.resourceVersion)
    throw conflict(rt, name2);
  if (opts.dryRun) return api.view(rt, old);
  if (rt.kind === "Namespace" && rt.group === "") return terminateNamespace(api, rt, old);
  const gone = api.store.remove(gr, ns, name2) ?? old;
  afterDelete(api, gone, opts.propagationPolicy);
  return api.view(rt, gone);
}
function afterDelete(api, gone, policy) {
  const uid = gone.metadata.uid;
  if (uid) api.applies.forget(uid);
  if (gone.kind === "CustomResourceDefinition") {
    const spec = gone.spec ?? {};
    const names = spec.names ?? {};
    const gr = `${String(names.plural)}.${String(spec.group)}`;
    api.registry.unregisterCrd(String(gone.metadata.name));
    for (const o of api.store.scan(gr))
      api.store.remove(gr, o.metadata.namespace, o.metadata.name ?? "");
  }
  if (!uid) return;
  const collect = () => collectDependents(api, uid, policy === "Orphan");
  if (policy === "Foreground") collect();
  else api.later(collect);
}
function collectDependents(api, ownerUid, orphan) {
  for (const gr of api.store.resources()) {
    for (const o of api.store.scan(gr)) {
      const refs = o.metadata.ownerReferences ?? [];
      if (!refs.some((r) => r.uid === ownerUid)) continue;
      const rest = refs.filter((r) => r.uid !== ownerUid);
      if (orphan || rest.length > 0) {
        const c = structuredClone(o);
        if (rest.length > 0) c.metadata.ownerReferences = rest;
        else delete c.metadata.ownerReferences;
        api.store.put(gr, c);
        continue;
      }
      const gone = api.store.remove(gr, o.metadata.namespace, o.metadata.name ?? "");
      if (gone) afterDelete(api, gone, "Background");
    }
  }
}
function terminateNamespace(api, rt, ns) {
  const name2 = ns.metadata.name ?? "";
  if (!ns.metadata.deletionTimestamp) {
    ns.metadata.deletionTimestamp = now();
    ns.status = { ...ns.status ?? {}, phase: "Terminating" };
    api.store.put("namespaces", ns);
  }
  api.later(() => {
    for (const t of api.registry.all()) {
      if (!t.namespaced) continue;
      const gr = groupResource(t);
      for (const o of api.store.scan(gr, name2)) {
        const gone = api.store.remove(gr, name2, o.metadata.name ?? "");
        if (gone?.metadata.uid) api.applies.forget(gone.metadata.uid);
      }
    }
    api.store.remove("namespaces", void 0, name2);
  });
  return api.view(rt, api.store.get("namespaces", void 0, name2) ?? ns);
}

// src/lab/kube/defaults.ts
function obj(parent, key3) {
  const v = parent[key3];
  if (isObject(v)) return v;
  const fresh = {};
  parent[key3] = fresh;
  return fresh;
}
function dflt(o, key3, value) {
  if (o[key3] === void 0 || o[key3] === null) o[key3] = value;
}
function containerDefaults(c) {
  const image = String(c.image ?? "");
  const tagless = !image.includes("@") && !/:[^/]+$/.test(image);
  dflt(c, "imagePullPolicy", tagless || image.endsWith(":latest") ? "Always" : "IfNotPresent");
  dflt(c, "terminationMessagePath", "/dev/termination-log");
  dflt(c, "terminationMessagePolicy", "File");
  dflt(c, "resources", {});
  if (Array.isArray(c.ports)) {
    for (const p of c.ports) if (isObject(p)) dflt(p, "protocol", "TCP");
  }
}
function podSpecDefaults(spec) {
  dflt(spec, "restartPolicy", "Always");
  dflt(spec, "dnsPolicy", "ClusterFirst");
  dflt(spec, "schedulerName", "default-scheduler");
  dflt(spec, "terminationGracePeriodSeconds", 30);
  dflt(spec, "securityContext", {});
  dflt(spec, "containers", []);
  for (const list2 of ["containers", "initContainers"]) {
    const l = spec[list2];
    if (Array.isArray(l)) {
      for (const c of l) if (isObject(c)) containerDefaults(c);
    }
  }
}
function templateDefaults(spec) {
  const tpl = obj(spec, "template");
  obj(tpl, "metadata");
  podSpecDefaults(obj(tpl, "spec"));
}
function applyDefaults(o) {
  const spec = isObject(o.spec) ? o.spec : void 0;
  switch (o.kind) {
    case "Deployment": {
      if (!spec) break;
      dflt(spec, "replicas", 1);
      dflt(spec, "revisionHistoryLimit", 10);
      dflt(spec, "progressDeadlineSeconds", 600);
      const strategy = obj(spec, "strategy");
      dflt(strategy, "type", "RollingUpdate");
      if (strategy.type === "RollingUpdate") {
        const ru = obj(strategy, "rollingUpdate");
        dflt(ru, "maxSurge", "25%");
        dflt(ru, "maxUnavailable", "25%");
      }
      templateDefaults(spec);
      break;
    }
    case "ReplicaSet":
      if (!spec) break;
      dflt(spec, "replicas", 1);
      templateDefaults(spec);
      break;
    case "DaemonSet": {
      if (!spec) break;
      dflt(spec, "revisionHistoryLimit", 10);
      const us = obj(spec, "updateStrategy");
      dflt(us, "type", "RollingUpdate");
      if (us.type === "RollingUpdate") {
        const ru = obj(us, "rollingUpdate");
        dflt(ru, "maxUnavailable", 1);
        dflt(ru, "maxSurge", 0);
      }
      templateDefaults(spec);
      break;
    }
    case "StatefulSet": {
      if (!spec) break;
      dflt(spec, "replicas", 1);
      dflt(spec, "podManagementPolicy", "OrderedReady");
      dflt(spec, "revisionHistoryLimit", 10);
      const us = obj(spec, "updateStrategy");
      dflt(us, "type", "RollingUpdate");
      if (us.type === "RollingUpdate") dflt(obj(us, "rollingUpdate"), "partition", 0);
      const retention = obj(spec, "persistentVolumeClaimRetentionPolicy");
      dflt(retention, "whenDeleted", "Retain");
      dflt(retention, "whenScaled", "Retain");
      templateDefaults(spec);
      break;
    }
    case "Job": {
      if (!spec) break;
      dflt(spec, "parallelism", 1);
      dflt(spec, "completions", 1);
      dflt(spec, "backoffLimit", 6);
      dflt(spec, "completionMode", "NonIndexed");
      dflt(spec, "suspend", false);
      dflt(spec, "manualSelector", void 0);
      templateDefaults(spec);
      const uid = o.metadata.uid ?? "";
      if (spec.manualSelector !== true && uid) {
        const tplMeta = obj(obj(spec, "template"), "metadata");
        const labels = obj(tplMeta, "labels");
        labels["batch.kubernetes.io/controller-uid"] ??= uid;
        labels["batch.kubernetes.io/job-name"] ??= o.metadata.name ?? "";
        labels["controller-uid"] ??= uid;
        labels["job-name"] ??= o.metadata.name ?? "";
        dflt(spec, "selector", { matchLabels: { "batch.kubernetes.io/controller-uid": uid } });
      }
      if (spec.manualSelector === void 0) delete spec.manualSelector;
      break;
    }
    case "CronJob":
      if (!spec) break;
      dflt(spec, "concurrencyPolicy", "Allow");
      dflt(spec, "suspend", false);
      dflt(spec, "successfulJobsHistoryLimit", 3);
      dflt(spec, "failedJobsHistoryLimit", 1);
      break;
    case "Pod":
      podSpecDefaults(obj(o, "spec"));
      dflt(obj(o, "status"), "phase", "Pending");
      break;
    case "Service": {
      const s = obj(o, "spec");
      dflt(s, "type", "ClusterIP");
      dflt(s, "sessionAffinity", "None");
      if (s.type !== "ExternalName") {
        dflt(s, "ipFamilies", ["IPv4"]);
        dflt(s, "ipFamilyPolicy", "SingleStack");
        dflt(s, "internalTrafficPolicy", "Cluster");
      }
      if (s.type === "NodePort" || s.type === "LoadBalancer")
        dflt(s, "externalTrafficPolicy", "Cluster");
      if (s.type === "LoadBalancer") dflt(s, "allocateLoadBalancerNodePorts", true);
      if (Array.isArray(s.ports)) {
        for (const p of s.ports) {
          if (!isObject(p)) continue;
          dflt(p, "protocol", "TCP");
          dflt(p, "targetPort", p.port);
        }
      }
      obj(obj(o, "status"), "loadBalancer");
      break;
    }
    case "PersistentVolumeClaim": {
      const s = obj(o, "spec");
      dflt(s, "volumeMode", "Filesystem");
      dflt(obj(o, "status"), "phase", "Pending");
      break;
    }
    case "PersistentVolume":
      dflt(obj(o, "spec"), "persistentVolumeReclaimPolicy", "Retain");
      dflt(obj(o, "status"), "phase", "Available");
      break;
    case "Namespace": {
      const labels = o.metadata.labels ??= {};
      labels["kubernetes.io/metadata.name"] = o.metadata.name ?? "";
      dflt(obj(o, "spec"), "finalizers", ["kubernetes"]);
      dflt(obj(o, "status"), "phase", "Active");
      break;
    }
    case "Secret": {
      dflt(o, "type", "Opaque");
      if (isObject(o.stringData)) {
        const data = obj(o, "data");
        for (const [k, v] of Object.entries(o.stringData))
          data[k] = Buffer.from(String(v)).toString("base64");
        delete o.stringData;
      }
      break;
    }
    case "StorageClass":
      dflt(o, "reclaimPolicy", "Delete");
      dflt(o, "volumeBindingMode", "Immediate");
      break;
  }
}

// src/lab/kube/api.ts
var GENERATION_KINDS = /* @__PURE__ */ new Set([
  "Deployment",
  "ReplicaSet",
  "DaemonSet",
  "StatefulSet",
  "Job",
  "CronJob",
  "CustomResourceDefinition",
  "PodDisruptionBudget",
  "HorizontalPodAutoscaler",
  "Ingress"
]);
function randomSuffix(n = 5) {
  const alphabet = "bcdfghjklmnpqrstvwxz2456789";
  let s = "";
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(Math.random() * alphabet.length)];
  return s;
}
function canonical(v) {
  return JSON.stringify(
    v,
    (_k, x) => isObject(x) ? Object.fromEntries(
      Object.keys(x).sort().map((k) => [k, x[k]])
    ) : x
  );
}
function withoutMetaAndStatus(o) {
  const { metadata: _m, status: _s, ...rest } = o;
  return canonical(rest);
}
var KubeApi = class {
  constructor(store, registry) {
    this.store = store;
    this.registry = registry;
  }
  store;
  registry;
  applies = new ApplyTracker();
  admissions = [];
  pending = /* @__PURE__ */ new Set();
  closed = false;
  addAdmission(fn) {
    this.admissions.push(fn);
  }
  /** Work the real server does asynchronously (GC, namespace cleanup). */
  later(fn) {
    if (this.closed) return;
    const h = setImmediate(() => {
      this.pending.delete(h);
      if (!this.closed) fn();
    });
    this.pending.add(h);
  }
  close() {
    this.closed = true;
    for (const h of this.pending) clearImmediate(h);
    this.pending.clear();
  }
  rt(apiVersion, kind) {
    const rt = this.registry.byKind(apiVersion, kind);
    if (!rt)
      throw new ApiError(
        404,
        "NotFound",
        `the server could not find the requested resource (${kind} ${apiVersion})`
      );
    return rt;
  }
  view(rt, o) {
    const c = structuredClone(o);
    c.apiVersion = apiVersionOf(rt);
    c.kind = rt.kind;
    return c;
  }
  nsFor(rt, ns) {
    return rt.namespaced ? ns : void 0;
  }
  find(rt, ns, name2) {
    const o = this.store.peek(groupResource(rt), this.nsFor(rt, ns), name2);
    return o ? this.view(rt, o) : void 0;
  }
  get(rt, ns, name2) {
    const o = this.find(rt, ns, name2);
    if (!o) throw notFound(rt, name2);
    return o;
  }
  list(rt, ns, label, field) {
    const items = this.store.scan(groupResource(rt), this.nsFor(rt, ns)).filter((o) => (!label || label(o)) && (!field || field(o))).map((o) => this.view(rt, o));
    return { items, resourceVersion: String(this.store.resourceVersion) };
  }
  checkNamespace(rt, ns, creating) {
    if (!rt.namespaced) return;
    if (!ns)
      throw badRequest("the server could not find the requested resource: a namespace is required");
    const nso = this.store.peek("namespaces", void 0, ns);
    if (!nso) throw namespaceNotFound(ns);
    if (creating && nso.metadata.deletionTimestamp) {
      throw new ApiError(
        403,
        "Forbidden",
        `${rt.resource} "" is forbidden: unable to create new content in namespace ${ns} because it is being terminated`
      );
    }
  }
  prepare(rt, ns, body) {
    if (!isObject(body)) throw badRequest("the request body must be a JSON or YAML object");
    const o = structuredClone(body);
    if (o.kind !== void 0 && o.kind !== rt.kind) {
      throw badRequest(
        `the kind of the object (${String(o.kind)}) does not match the kind of the resource (${rt.kind})`
      );
    }
    o.apiVersion = apiVersionOf(rt);
    o.kind = rt.kind;
    if (!isObject(o.metadata)) o.metadata = {};
    delete o.metadata.managedFields;
    if (rt.namespaced) {
      if (o.metadata.namespace && ns && o.metadata.namespace !== ns) {
        throw badRequest(
          "the namespace of the provided object does not match the namespace sent on the request"
        );
      }
      o.metadata.namespace = ns ?? o.metadata.namespace;
    } else delete o.metadata.namespace;
    return o;
  }
  create(rt, ns, body, opts = {}) {
    const o = this.prepare(rt, ns, body);
    const nsName = this.nsFor(rt, o.metadata.namespace);
    this.checkNamespace(rt, nsName, true);
    if (!o.metadata.name && o.metadata.generateName)
      o.metadata.name = o.metadata.generateName + randomSuffix();
    const name2 = o.metadata.name;
    if (!name2)
      throw invalid(rt, "", "metadata.name: Required value: name or generateName is required");
    if (this.store.peek(groupResource(rt), nsName, name2)) throw alreadyExists(rt, name2);
    o.metadata.uid = randomUUID();
    o.metadata.creationTimestamp = now();
    delete o.metadata.deletionTimestamp;
    delete o.metadata.resourceVersion;
    if (GENERATION_KINDS.has(rt.kind) || rt.crd) o.metadata.generation = 1;
    else delete o.metadata.generation;
    if (rt.subresources.includes("status")) delete o.status;
    applyDefaults(o);
    for (const a of this.admissions) a(rt, o, void 0);
    if (opts.dryRun) return this.view(rt, o);
    return this.view(rt, this.store.put(groupResource(rt), o));
  }
  update(rt, ns, name2, body, opts = {}) {
    const old = this.store.get(groupResource(rt), this.nsFor(rt, ns), name2);
    if (!old) throw notFound(rt, name2);
    const incoming = this.prepare(rt, ns, body);
    if (incoming.metadata.name && incoming.metadata.name !== name2) {
      throw badRequest(
        `the name of the object (${incoming.metadata.name}) does not match the name on the URL (${name2})`
      );
    }
    const rv = incoming.metadata.resourceVersion;
    if (rv && rv !== old.metadata.resourceVersion) throw conflict(rt, name2);
    let next;
    if (opts.subresource === "status") {
      next = structuredClone(old);
      next.status = incoming.status;
    } else {
      next = incoming;
      if (rt.subresources.includes("status")) {
        if (old.status === void 0) delete next.status;
        else next.status = old.status;
      }
    }
    return this.commit(rt, old, next, opts);
  }
  commit(rt, old, next, opts) {
    const m = next.metadata;
    m.name = old.metadata.name;
    m.namespace = old.metadata.namespace;
    m.uid = old.metadata.uid;
    m.creationTimestamp = old.metadata.creationTimestamp;
    if (old.metadata.deletionTimestamp) m.deletionTimestamp = old.metadata.deletionTimestamp;
    else delete m.deletionTimestamp;
    delete m.managedFields;
    m.resourceVersion = old.metadata.resourceVersion;
    applyDefaults(next);
    for (const a of this.admissions) a(rt, next, old);
    if (old.metadata.generation !== void 0) {
      m.generation = old.metadata.generation;
      if (opts.subresource !== "status" && withoutMetaAndStatus(old) !== withoutMetaAndStatus(next)) {
        m.generation = old.metadata.generation + 1;
      }
    }
    if (canonical(old) === canonical(next)) return this.view(rt, old);
    if (opts.dryRun) return this.view(rt, next);
    return this.view(rt, this.store.put(groupResource(rt), next));
  }
  patch(rt, ns, name2, contentType, raw2, opts = {}) {
    const type = contentType.split(";")[0]?.trim() ?? "";
    const old = this.store.get(groupResource(rt), this.nsFor(rt, ns), name2);
    if (type === "application/apply-patch+yaml" || type === "application/apply-patch+json") {
      return this.serverSideApply(rt, ns, name2, raw2, old, opts);
    }
    if (!old) throw notFound(rt, name2);
    let body;
    try {
      body = JSON.parse(raw2);
    } catch {
      throw badRequest("the body of the request was not valid JSON");
    }
    let patched;
    const base = this.view(rt, old);
    if (type === "application/merge-patch+json") patched = jsonMergePatch(base, body);
    else if (type === "application/json-patch+json") patched = jsonPatch(base, body);
    else if (type === "application/strategic-merge-patch+json") {
      if (rt.crd) {
        throw new ApiError(
          415,
          "UnsupportedMediaType",
          "strategic merge patch is not supported for custom resources; use --type=merge or --type=json"
        );
      }
      patched = strategicMerge(base, body);
    } else throw unsupportedMediaType(contentType);
    if (!isObject(patched)) throw badRequest("the patch produced something that is not an object");
    const pm = isObject(patched.metadata) ? patched.metadata : {};
    const bodyMeta = isObject(body) && isObject(body.metadata) ? body.metadata : {};
    if (!bodyMeta.resourceVersion) pm.resourceVersion = void 0;
    return { object: this.update(rt, ns, name2, patched, opts), created: false };
  }
  serverSideApply(rt, ns, name2, raw2, old, opts) {
    let cfg;
    try {
      cfg = (0, import_yaml.parse)(raw2);
    } catch (e) {
      throw badRequest(`error decoding YAML: ${e.message}`);
    }
    if (!isObject(cfg)) throw badRequest("apply configuration must be an object");
    const manager = opts.fieldManager;
    if (!manager)
      throw badRequest("PATCH request with apply content type requires a non-empty fieldManager");
    const meta = isObject(cfg.metadata) ? cfg.metadata : {};
    if (meta.name && meta.name !== name2)
      throw badRequest(
        `the name of the object (${String(meta.name)}) does not match the name on the URL (${name2})`
      );
    if (!cfg.apiVersion || !cfg.kind)
      throw badRequest("apiVersion and kind must be set in an apply configuration");
    const builtin = !rt.crd;
    if (opts.subresource === "status") {
      if (!old) throw notFound(rt, name2);
      const merged = this.applies.apply(old.metadata.uid, old, cfg, `${manager}/status`, builtin);
      const obj3 = this.update(rt, ns, name2, { ...old, status: merged.status }, opts);
      return { object: obj3, created: false };
    }
    const next = this.applies.apply(old?.metadata.uid, old, cfg, manager, builtin);
    if (isObject(next.metadata)) next.metadata.name = name2;
    let obj2;
    let created = false;
    if (!old) {
      obj2 = this.create(rt, ns, next, opts);
      created = true;
    } else {
      if (rt.subresources.includes("status")) next.status = old.status;
      if (isObject(next.metadata)) delete next.metadata.resourceVersion;
      obj2 = this.commit(rt, old, next, opts);
    }
    if (!opts.dryRun && obj2.metadata.uid) this.applies.record(obj2.metadata.uid, manager, cfg);
    return { object: obj2, created };
  }
  delete(rt, ns, name2, opts = {}) {
    return deleteObject(this, rt, this.nsFor(rt, ns), name2, opts);
  }
};

// src/lab/kube/selectors.ts
function splitTop(s) {
  const out = [];
  let depth = 0;
  let cur = "";
  for (const ch of s) {
    if (ch === "(") depth++;
    if (ch === ")") depth--;
    if (ch === "," && depth === 0) {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out.map((p) => p.trim()).filter((p) => p.length > 0);
}
function parseLabelRequirement(part) {
  let m = /^([^\s!=<>()]+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(part);
  if (m) {
    const values = (m[3] ?? "").split(",").map((v) => v.trim()).filter((v) => v !== "");
    return { key: m[1] ?? "", op: m[2] === "in" ? "in" : "notin", values };
  }
  m = /^([^\s!=<>]+)\s*(==|=|!=|>|<)\s*(.*)$/.exec(part);
  if (m) {
    const op = m[2] === "!=" ? "neq" : m[2] === ">" ? "gt" : m[2] === "<" ? "lt" : "eq";
    return { key: m[1] ?? "", op, values: [(m[3] ?? "").trim()] };
  }
  m = /^!\s*([^\s!=<>]+)$/.exec(part);
  if (m) return { key: m[1] ?? "", op: "!exists", values: [] };
  if (/^[^\s!=<>()]+$/.test(part)) return { key: part, op: "exists", values: [] };
  throw badRequest(`unable to parse requirement: ${part}`);
}
function test(req, labels) {
  const has = Object.prototype.hasOwnProperty.call(labels, req.key);
  const v = labels[req.key];
  switch (req.op) {
    case "eq":
      return has && v === req.values[0];
    case "neq":
      return !has || v !== req.values[0];
    case "in":
      return has && req.values.includes(v ?? "");
    case "notin":
      return !has || !req.values.includes(v ?? "");
    case "exists":
      return has;
    case "!exists":
      return !has;
    case "gt":
      return has && Number(v) > Number(req.values[0]);
    case "lt":
      return has && Number(v) < Number(req.values[0]);
  }
}
function parseLabelSelector(s) {
  if (!s) return () => true;
  const reqs = splitTop(s).map(parseLabelRequirement);
  return (obj2) => {
    const labels = obj2.metadata.labels ?? {};
    return reqs.every((r) => test(r, labels));
  };
}
function labelSelectorMatches(sel, labels) {
  if (!sel) return false;
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of sel.matchExpressions ?? []) {
    const op = e.operator;
    const req = {
      key: e.key,
      op: op === "In" ? "in" : op === "NotIn" ? "notin" : op === "Exists" ? "exists" : "!exists",
      values: e.values ?? []
    };
    if (!test(req, labels)) return false;
  }
  return true;
}
function selectorToString(sel) {
  const parts = Object.entries(sel?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of sel?.matchExpressions ?? []) {
    const vals = (e.values ?? []).join(",");
    if (e.operator === "In") parts.push(`${e.key} in (${vals})`);
    else if (e.operator === "NotIn") parts.push(`${e.key} notin (${vals})`);
    else if (e.operator === "Exists") parts.push(e.key);
    else parts.push(`!${e.key}`);
  }
  return parts.join(",");
}
function fieldValue(obj2, path3) {
  let cur = obj2;
  for (const seg of path3.split(".")) {
    if (cur === null || typeof cur !== "object") return "";
    cur = cur[seg];
  }
  if (cur === void 0 || cur === null) return "";
  return typeof cur === "object" ? JSON.stringify(cur) : String(cur);
}
function parseFieldSelector(s) {
  if (!s) return () => true;
  const reqs = splitTop(s).map((part) => {
    const m = /^([^!=]+?)\s*(==|=|!=)\s*(.*)$/.exec(part);
    if (!m) throw badRequest(`invalid field selector: ${part}`);
    const value = (m[3] ?? "").replace(/\\(.)/g, "$1");
    return { path: (m[1] ?? "").trim(), neg: m[2] === "!=", value };
  });
  return (obj2) => reqs.every((r) => fieldValue(obj2, r.path) === r.value !== r.neg);
}

// src/lab/kube/controllers/runtime.ts
var Clock = class {
  constructor(timeScale) {
    this.timeScale = timeScale;
  }
  timeScale;
  timers = /* @__PURE__ */ new Set();
  stopped = false;
  /** Runs fn after a modelled duration (scaled). */
  after(modelMs, fn) {
    return this.afterReal(Math.max(0, modelMs / this.timeScale), fn);
  }
  afterReal(ms, fn) {
    if (this.stopped) return void 0;
    const t = setTimeout(() => {
      this.timers.delete(t);
      if (!this.stopped) fn();
    }, ms);
    t.unref();
    this.timers.add(t);
    return t;
  }
  cancel(t) {
    if (!t) return;
    clearTimeout(t);
    this.timers.delete(t);
  }
  stop() {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
};
var WorkQueue = class {
  constructor(name2, handle) {
    this.name = name2;
    this.handle = handle;
  }
  name;
  handle;
  keys = /* @__PURE__ */ new Set();
  scheduled;
  stopped = false;
  add(key3) {
    if (this.stopped) return;
    this.keys.add(key3);
    this.scheduled ??= setImmediate(() => this.drain());
  }
  drain() {
    this.scheduled = void 0;
    const batch = [...this.keys];
    this.keys.clear();
    for (const k of batch) {
      try {
        this.handle(k);
      } catch (e) {
        if (!(e instanceof ApiError))
          console.error(`lab kube controller ${this.name} failed on ${k}:`, e);
      }
    }
  }
  stop() {
    this.stopped = true;
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = void 0;
  }
};
function key(o) {
  return `${o.metadata.namespace ?? ""}/${o.metadata.name ?? ""}`;
}
function splitKey(k) {
  const i = k.indexOf("/");
  const ns = k.slice(0, i);
  return [ns === "" ? void 0 : ns, k.slice(i + 1)];
}
function controllerOf(o) {
  return (o.metadata.ownerReferences ?? []).find((r) => r.controller === true);
}
function ownerRef(owner) {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name ?? "",
    uid: owner.metadata.uid ?? "",
    controller: true,
    blockOwnerDeletion: true
  };
}
function owned(api, rt, owner) {
  return api.store.scan(groupResource(rt), owner.metadata.namespace).filter((o) => controllerOf(o)?.uid === owner.metadata.uid);
}
function conditions(o) {
  const st = o.status;
  return st?.conditions ?? [];
}
function isTrue(o, type) {
  return conditions(o).some((c) => c.type === type && c.status === "True");
}
function setCondition(list2, c, opts = {}) {
  const t = now();
  const prev = list2.find((x) => x.type === c.type);
  const same = prev && prev.status === c.status && prev.reason === c.reason && prev.message === c.message;
  const next = { ...c };
  next.lastTransitionTime = prev && prev.status === c.status ? prev.lastTransitionTime ?? t : t;
  if (opts.updateTime) next.lastUpdateTime = same ? prev.lastUpdateTime ?? t : t;
  if (same && !opts.updateTime && prev.lastProbeTime !== void 0)
    next.lastProbeTime = prev.lastProbeTime;
  const out = list2.filter((x) => x.type !== c.type);
  out.push(next);
  const order = list2.map((x) => x.type);
  return out.sort((a, b) => {
    const ia = order.indexOf(a.type);
    const ib = order.indexOf(b.type);
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib);
  });
}
function writeStatus(api, rt, o, status) {
  if (canonical(o.status ?? {}) === canonical(status)) return void 0;
  const current = api.store.peek(groupResource(rt), o.metadata.namespace, o.metadata.name ?? "");
  if (!current || current.metadata.uid !== o.metadata.uid) return void 0;
  try {
    return api.update(
      rt,
      o.metadata.namespace,
      o.metadata.name ?? "",
      { ...current, status },
      { subresource: "status" }
    );
  } catch (e) {
    if (e instanceof ApiError) return void 0;
    throw e;
  }
}
function podReady(p) {
  return isTrue(p, "Ready");
}
function podPhase(p) {
  return String(p.status?.phase ?? "Pending");
}
function randomSuffix2(n = 5) {
  const alphabet = "bcdfghjklmnpqrstvwxz2456789";
  let s = "";
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(Math.random() * alphabet.length)];
  return s;
}
function templateHash(template) {
  const text2 = canonical(template);
  let h = 2166136261;
  for (let i = 0; i < text2.length; i++) {
    h ^= text2.charCodeAt(i);
    h = Math.imul(h, 16777619) >>> 0;
  }
  const alphabet = "bcdfghjklmnpqrstvwxz2456789";
  let s = "";
  let x = h;
  for (let i = 0; i < 10; i++) {
    s += alphabet[x % alphabet.length];
    x = Math.floor(x / alphabet.length) + (i + 1) * 7919;
  }
  return s;
}
function intOrPercent(v, total, roundUp) {
  if (typeof v === "number") return v;
  const m = /^(\d+)%$/.exec(String(v ?? ""));
  if (!m) return Number(v ?? 0) || 0;
  const x = Number(m[1]) * total / 100;
  return roundUp ? Math.ceil(x) : Math.floor(x);
}

// src/lab/kube/controllers/image-pull.ts
var PULL_BACKOFF_MS = 1e4;
function missingImage(ctx2, pod) {
  const rules = ctx2.faults.missingImages ?? [];
  if (rules.length === 0) return void 0;
  const spec = pod.spec;
  const images2 = [...spec.initContainers ?? [], ...spec.containers].map((c) => c.image ?? "");
  return images2.find(
    (image) => rules.some((r) => r instanceof RegExp ? r.test(image) : r === image)
  );
}
function notFoundMessage(image) {
  return `rpc error: code = NotFound desc = failed to pull and unpack image "${image}": failed to resolve reference "${image}": ${image}: not found`;
}
function waitingStatus(pod, image, reason, message) {
  const spec = pod.spec;
  const st = pod.status ?? {};
  const names = spec.containers.map((c) => c.name).join(" ");
  const notReady = {
    status: "False",
    reason: "ContainersNotReady",
    message: `containers with unready status: [${names}]`
  };
  let conditions2 = st.conditions ?? [];
  conditions2 = setCondition(conditions2, { type: "PodReadyToStartContainers", status: "True" });
  conditions2 = setCondition(conditions2, { type: "Initialized", status: "True" });
  conditions2 = setCondition(conditions2, { type: "Ready", ...notReady });
  conditions2 = setCondition(conditions2, { type: "ContainersReady", ...notReady });
  return {
    ...st,
    phase: "Pending",
    startTime: st.startTime ?? now(),
    conditions: conditions2,
    containerStatuses: spec.containers.map((c) => ({
      name: c.name,
      image: c.image ?? "",
      imageID: "",
      ready: false,
      started: false,
      restartCount: 0,
      state: {
        waiting: c.image === image ? { reason, message } : { reason: "PodInitializing", message: "" }
      }
    }))
  };
}
function failImagePull(ctx2, pod, image) {
  const { api, events, clock } = ctx2;
  const podRt = api.rt("v1", "Pod");
  const message = notFoundMessage(image);
  events.record(pod, "Normal", "Pulling", `Pulling image "${image}"`, "kubelet");
  writeStatus(api, podRt, pod, waitingStatus(pod, image, "ErrImagePull", message));
  events.record(pod, "Warning", "Failed", `Failed to pull image "${image}": ${message}`, "kubelet");
  events.record(pod, "Warning", "Failed", "Error: ErrImagePull", "kubelet");
  clock.after(PULL_BACKOFF_MS, () => {
    const cur = api.store.peek("pods", pod.metadata.namespace, pod.metadata.name ?? "");
    if (!cur || cur.metadata.uid !== pod.metadata.uid || cur.metadata.deletionTimestamp) return;
    const backOff = `Back-off pulling image "${image}"`;
    writeStatus(api, podRt, cur, waitingStatus(cur, image, "ImagePullBackOff", backOff));
    events.record(cur, "Normal", "BackOff", backOff, "kubelet");
    events.record(cur, "Warning", "Failed", "Error: ImagePullBackOff", "kubelet");
  });
}

// src/lab/kube/controllers/pods.ts
var NEVER_READY_ANNOTATION = "lab.rk1/never-ready";
var AUTO_TOLERATED = /* @__PURE__ */ new Set([
  "node.kubernetes.io/not-ready",
  "node.kubernetes.io/unreachable",
  "node.kubernetes.io/disk-pressure",
  "node.kubernetes.io/memory-pressure",
  "node.kubernetes.io/pid-pressure",
  "node.kubernetes.io/unschedulable"
]);
function tolerates(spec, taints, daemon) {
  return taints.every((t) => {
    if (t.effect === "PreferNoSchedule") return true;
    if (daemon && AUTO_TOLERATED.has(t.key)) return true;
    return (spec.tolerations ?? []).some((tol) => {
      if (tol.effect && tol.effect !== t.effect) return false;
      if (tol.operator === "Exists") return !tol.key || tol.key === t.key;
      return tol.key === t.key && (tol.value ?? "") === (t.value ?? "");
    });
  });
}
function nodeFits(spec, node, daemon) {
  const labels = node.metadata.labels ?? {};
  for (const [k, v] of Object.entries(spec.nodeSelector ?? {})) if (labels[k] !== v) return false;
  const ns = node.spec ?? {};
  if (!daemon && ns.unschedulable === true) return false;
  return tolerates(spec, ns.taints ?? [], daemon);
}
function matches(m, o) {
  if (m.kind && m.kind !== o.kind) return false;
  if (m.namespace && m.namespace !== o.metadata.namespace) return false;
  const name2 = o.metadata.name ?? "";
  if (m.name instanceof RegExp ? !m.name.test(name2) : m.name && m.name !== name2) return false;
  if (m.labels && !labelSelectorMatches({ matchLabels: m.labels }, o.metadata.labels ?? {}))
    return false;
  return true;
}
var PodController = class {
  constructor(ctx2, startJobPod) {
    this.ctx = ctx2;
    this.startJobPod = startJobPod;
  }
  ctx;
  startJobPod;
  starting = /* @__PURE__ */ new Map();
  /** True when the pod or any of its controllers carries the never-ready fault. */
  neverReady(pod) {
    const { api } = this.ctx;
    let cur = pod;
    for (let depth = 0; cur && depth < 4; depth++) {
      if (cur.metadata.annotations?.[NEVER_READY_ANNOTATION] === "true") return true;
      const c = cur;
      if ((this.ctx.faults.neverReady ?? []).some((m) => matches(m, c))) return true;
      const ref = (cur.metadata.ownerReferences ?? []).find(
        (r) => r.controller
      );
      const rt = ref ? api.registry.byKind(ref.apiVersion, ref.kind) : void 0;
      cur = rt && ref ? api.store.peek(groupResource(rt), pod.metadata.namespace, ref.name) : void 0;
    }
    return false;
  }
  handle(ns, name2) {
    const { api } = this.ctx;
    const pod = api.store.peek("pods", ns, name2);
    if (!pod) {
      this.forget(ns, name2);
      return;
    }
    const phase = podPhase(pod);
    if (phase === "Succeeded" || phase === "Failed" || pod.metadata.deletionTimestamp) return;
    const spec = pod.spec;
    if (!spec.nodeName) {
      this.schedule(pod);
      return;
    }
    const node = api.store.peek("nodes", void 0, spec.nodeName);
    if (!node || !isTrue(node, "Ready")) return;
    if (this.ctx.faults.stoppedKubelets?.includes(spec.nodeName)) return;
    if (isTrue(pod, "PodReadyToStartContainers")) {
      if (phase === "Running" && controllerOf(pod)?.kind !== "Job") this.syncReadiness(pod);
      return;
    }
    if (this.starting.has(`${ns}/${name2}`)) return;
    this.starting.set(
      `${ns}/${name2}`,
      this.ctx.clock.after(this.ctx.readyDelayMs, () => this.start(ns, name2, pod.metadata.uid))
    );
  }
  forget(ns, name2) {
    const k = `${ns}/${name2}`;
    this.ctx.clock.cancel(this.starting.get(k));
    this.starting.delete(k);
  }
  unboundClaims(pod) {
    const spec = pod.spec;
    const out = [];
    for (const v of spec.volumes ?? []) {
      const claim = v.persistentVolumeClaim?.claimName;
      if (!claim) continue;
      const pvc = this.ctx.api.store.peek("persistentvolumeclaims", pod.metadata.namespace, claim);
      if (!pvc || pvc.status?.phase !== "Bound") out.push(claim);
    }
    return out;
  }
  schedule(pod) {
    const { api, events } = this.ctx;
    const spec = pod.spec;
    const nodes2 = api.store.scan("nodes");
    const ready = nodes2.filter((n) => isTrue(n, "Ready"));
    const fitting = ready.filter((n) => nodeFits(spec, n, false));
    const unbound = this.unboundClaims(pod);
    const podsRt = api.rt("v1", "Pod");
    let reason;
    if (unbound.length > 0)
      reason = `0/${nodes2.length} nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: not eligible due to preemptionPolicy=Never.`;
    else if (fitting.length === 0) {
      const notReady = nodes2.length - ready.length;
      const parts = [
        notReady > 0 ? `${notReady} node(s) had untolerated taint {node.kubernetes.io/not-ready: }` : "",
        ready.length - fitting.length > 0 ? `${ready.length - fitting.length} node(s) didn't match Pod's node affinity/selector or had untolerated taints` : ""
      ];
      reason = `0/${nodes2.length} nodes are available${parts.filter(Boolean).length > 0 ? ": " + parts.filter(Boolean).join(", ") : ""}. preemption: 0/${nodes2.length} nodes are available.`;
    }
    if (reason) {
      const st2 = pod.status ?? {};
      const conditions3 = setCondition(st2.conditions ?? [], {
        type: "PodScheduled",
        status: "False",
        reason: "Unschedulable",
        message: reason,
        lastProbeTime: null
      });
      if (writeStatus(api, podsRt, pod, { ...st2, phase: "Pending", conditions: conditions3 })) {
        events.record(pod, "Warning", "FailedScheduling", reason, "default-scheduler");
      }
      return;
    }
    const load = (n) => api.store.scan("pods").filter((p) => p.spec.nodeName === n.metadata.name).length;
    const node = [...fitting].sort((a, b) => load(a) - load(b))[0];
    const nodeName = node.metadata.name ?? "";
    const bound = api.update(podsRt, pod.metadata.namespace, pod.metadata.name ?? "", {
      ...pod,
      spec: { ...spec, nodeName }
    });
    const st = bound.status ?? {};
    const conditions2 = setCondition(
      (st.conditions ?? []).filter((c) => c.type !== "PodScheduled"),
      { type: "PodScheduled", status: "True", lastProbeTime: null }
    );
    writeStatus(api, podsRt, bound, {
      ...st,
      phase: "Pending",
      ...this.addresses(node),
      conditions: conditions2
    });
    events.record(
      bound,
      "Normal",
      "Scheduled",
      `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${nodeName}`,
      "default-scheduler"
    );
  }
  addresses(node) {
    const addrs = node.status?.addresses ?? [];
    const hostIP = addrs.find((a) => a.type === "InternalIP")?.address ?? "";
    const cidr2 = String(node.spec?.podCIDR ?? "10.42.0.0/24");
    const base = cidr2.split("/")[0]?.split(".").slice(0, 3).join(".") ?? "10.42.0";
    const podIP = `${base}.${2 + Math.floor(Math.random() * 250)}`;
    return { hostIP, hostIPs: [{ ip: hostIP }], podIP, podIPs: [{ ip: podIP }] };
  }
  /** Faults can be added or removed on a running workload: readiness follows them. */
  syncReadiness(pod) {
    const want = !this.neverReady(pod);
    if (isTrue(pod, "Ready") === want) return;
    const st = pod.status ?? {};
    const names = pod.spec.containers.map((c) => c.name).join(" ");
    const cond = want ? { status: "True" } : {
      status: "False",
      reason: "ContainersNotReady",
      message: `containers with unready status: [${names}]`
    };
    let conditions2 = st.conditions ?? [];
    conditions2 = setCondition(conditions2, { type: "Ready", ...cond });
    conditions2 = setCondition(conditions2, { type: "ContainersReady", ...cond });
    const containerStatuses = (st.containerStatuses ?? []).map((c) => ({
      ...c,
      ready: want
    }));
    writeStatus(this.ctx.api, this.ctx.api.rt("v1", "Pod"), pod, {
      ...st,
      conditions: conditions2,
      containerStatuses
    });
    if (!want)
      this.ctx.events.record(
        pod,
        "Warning",
        "Unhealthy",
        "Readiness probe failed: lab fault injection (never-ready)",
        "kubelet"
      );
  }
  start(ns, name2, uid) {
    this.starting.delete(`${ns}/${name2}`);
    const { api, events } = this.ctx;
    const pod = api.store.peek("pods", ns, name2);
    if (!pod || pod.metadata.uid !== uid) return;
    const missing = missingImage(this.ctx, pod);
    if (missing) {
      failImagePull(this.ctx, pod, missing);
      return;
    }
    if (this.startJobPod(pod)) return;
    const never = this.neverReady(pod);
    const spec = pod.spec;
    const t = now();
    const st = pod.status ?? {};
    let conditions2 = st.conditions ?? [];
    conditions2 = setCondition(conditions2, { type: "PodReadyToStartContainers", status: "True" });
    conditions2 = setCondition(conditions2, { type: "Initialized", status: "True" });
    const notReady = {
      status: "False",
      reason: "ContainersNotReady",
      message: `containers with unready status: [${spec.containers.map((c) => c.name).join(" ")}]`
    };
    conditions2 = setCondition(conditions2, {
      type: "Ready",
      ...never ? notReady : { status: "True" }
    });
    conditions2 = setCondition(conditions2, {
      type: "ContainersReady",
      ...never ? notReady : { status: "True" }
    });
    const containerStatuses = spec.containers.map((c) => ({
      name: c.name,
      image: c.image ?? "",
      imageID: `${c.image ?? ""}@sha256:${"0".repeat(64)}`,
      containerID: `containerd://${(uid ?? "").replace(/-/g, "")}${c.name}`.slice(0, 77),
      ready: !never,
      started: true,
      restartCount: 0,
      state: { running: { startedAt: t } }
    }));
    writeStatus(api, api.rt("v1", "Pod"), pod, {
      ...st,
      phase: "Running",
      startTime: st.startTime ?? t,
      conditions: conditions2,
      containerStatuses
    });
    if (never) {
      events.record(
        pod,
        "Warning",
        "Unhealthy",
        "Readiness probe failed: lab fault injection (never-ready)",
        "kubelet"
      );
    }
  }
};

// src/lab/kube/controllers/daemonsets.ts
var HASH_LABEL = "controller-revision-hash";
var DaemonSetController = class {
  constructor(ctx2) {
    this.ctx = ctx2;
  }
  ctx;
  handle(ns, name2) {
    const { api } = this.ctx;
    const dsRt = api.rt("apps/v1", "DaemonSet");
    const podRt = api.rt("v1", "Pod");
    const ds = api.find(dsRt, ns, name2);
    if (!ds) return;
    const spec = ds.spec;
    const hash = templateHash(spec.template);
    const nodes2 = api.store.scan("nodes").filter((n) => nodeFits(spec.template.spec, n, true));
    const eligible = new Set(nodes2.map((n) => n.metadata.name ?? ""));
    let pods = owned(api, podRt, ds);
    for (const p of pods) {
      const node = p.spec.nodeName ?? "";
      if (!eligible.has(node) || p.metadata.labels?.[HASH_LABEL] !== hash) this.remove(ns, p);
    }
    pods = owned(api, podRt, ds);
    for (const node of nodes2) {
      const nodeName = node.metadata.name ?? "";
      if (pods.some((p) => p.spec.nodeName === nodeName)) continue;
      const tpl = structuredClone(spec.template);
      api.create(podRt, ns, {
        apiVersion: "v1",
        kind: "Pod",
        metadata: {
          ...tpl.metadata ?? {},
          name: `${name2}-${randomSuffix2()}`,
          namespace: ns,
          labels: {
            ...tpl.metadata?.labels ?? {},
            [HASH_LABEL]: hash,
            "pod-template-generation": String(ds.metadata.generation ?? 1)
          },
          ownerReferences: [ownerRef(ds)]
        },
        spec: { ...tpl.spec, nodeName }
      });
    }
    pods = owned(api, podRt, ds);
    const desired = nodes2.length;
    const ready = pods.filter(podReady).length;
    const status = {
      currentNumberScheduled: pods.length,
      desiredNumberScheduled: desired,
      numberMisscheduled: 0,
      numberReady: ready,
      observedGeneration: ds.metadata.generation,
      updatedNumberScheduled: pods.filter((p) => p.metadata.labels?.[HASH_LABEL] === hash).length,
      numberAvailable: ready,
      ...desired - ready > 0 ? { numberUnavailable: desired - ready } : {}
    };
    if (status.numberAvailable === 0) delete status.numberAvailable;
    if (status.updatedNumberScheduled === 0) delete status.updatedNumberScheduled;
    writeStatus(api, dsRt, ds, status);
  }
  remove(ns, p) {
    try {
      this.ctx.api.delete(this.ctx.api.rt("v1", "Pod"), ns, p.metadata.name ?? "");
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
  }
};

// src/lab/kube/controllers/deployments.ts
var REVISION = "deployment.kubernetes.io/revision";
var DeploymentController = class {
  constructor(ctx2) {
    this.ctx = ctx2;
  }
  ctx;
  /** When the current rollout of a deployment (uid/generation) started, for the progress deadline. */
  rolloutStart = /* @__PURE__ */ new Map();
  handleReplicaSet(ns, name2) {
    const { api } = this.ctx;
    const rsRt = api.rt("apps/v1", "ReplicaSet");
    const podRt = api.rt("v1", "Pod");
    const rs = api.find(rsRt, ns, name2);
    if (!rs) return;
    const spec = rs.spec;
    const want = spec.replicas ?? 1;
    const pods = owned(api, podRt, rs).filter((p) => {
      const phase = podPhase(p);
      return phase !== "Succeeded" && phase !== "Failed";
    });
    for (let i = pods.length; i < want; i++) {
      const tpl = structuredClone(spec.template);
      api.create(podRt, ns, {
        apiVersion: "v1",
        kind: "Pod",
        metadata: {
          ...tpl.metadata ?? {},
          name: `${name2}-${randomSuffix2()}`,
          namespace: ns,
          ownerReferences: [ownerRef(rs)]
        },
        spec: tpl.spec
      });
    }
    if (pods.length > want) {
      const victims = [...pods].sort((a, b) => Number(podReady(a)) - Number(podReady(b))).slice(0, pods.length - want);
      for (const p of victims) this.deleteQuietly(podRt, ns, p.metadata.name ?? "");
    }
    const live = owned(api, podRt, rs).filter((p) => !["Succeeded", "Failed"].includes(podPhase(p)));
    const ready = live.filter(podReady).length;
    writeStatus(api, rsRt, rs, {
      replicas: live.length,
      fullyLabeledReplicas: live.length,
      readyReplicas: ready,
      availableReplicas: ready,
      observedGeneration: rs.metadata.generation
    });
  }
  deleteQuietly(rt, ns, name2) {
    try {
      this.ctx.api.delete(rt, ns, name2);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
  }
  handleDeployment(ns, name2) {
    const { api, clock } = this.ctx;
    const depRt = api.rt("apps/v1", "Deployment");
    const rsRt = api.rt("apps/v1", "ReplicaSet");
    let dep = api.find(depRt, ns, name2);
    if (!dep) return;
    const spec = dep.spec;
    const replicas = spec.replicas ?? 1;
    const hash = templateHash(spec.template);
    const sets = owned(api, rsRt, dep);
    const revisionOf = (rs) => Number(rs.metadata.annotations?.[REVISION] ?? 0);
    let newRs = sets.find((rs) => rs.metadata.labels?.["pod-template-hash"] === hash);
    const maxRevision = sets.reduce((m, rs) => Math.max(m, revisionOf(rs)), 0);
    if (!newRs) {
      const tpl = structuredClone(spec.template);
      tpl.metadata = {
        ...tpl.metadata ?? {},
        labels: { ...tpl.metadata?.labels ?? {}, "pod-template-hash": hash }
      };
      const sel = structuredClone(spec.selector ?? {});
      sel.matchLabels = {
        ...sel.matchLabels ?? {},
        "pod-template-hash": hash
      };
      newRs = api.create(rsRt, ns, {
        apiVersion: "apps/v1",
        kind: "ReplicaSet",
        metadata: {
          name: `${name2}-${hash}`,
          namespace: ns,
          labels: { ...tpl.metadata.labels ?? {} },
          annotations: {
            [REVISION]: String(maxRevision + 1),
            "deployment.kubernetes.io/desired-replicas": String(replicas),
            "deployment.kubernetes.io/max-replicas": String(
              replicas + intOrPercent(
                spec.strategy?.rollingUpdate ? spec.strategy.rollingUpdate.maxSurge : 0,
                replicas,
                true
              )
            )
          },
          ownerReferences: [ownerRef(dep)]
        },
        spec: { replicas, selector: sel, template: tpl }
      });
    } else if (newRs.spec.replicas !== replicas) {
      newRs = api.update(rsRt, ns, newRs.metadata.name ?? "", {
        ...newRs,
        spec: { ...newRs.spec, replicas }
      });
    }
    for (const rs of sets) {
      if (rs.metadata.uid === newRs.metadata.uid || rs.spec.replicas === 0) continue;
      api.update(rsRt, ns, rs.metadata.name ?? "", {
        ...rs,
        spec: { ...rs.spec, replicas: 0 }
      });
    }
    const limit = Number(spec.revisionHistoryLimit ?? 10);
    const old = sets.filter((rs) => rs.metadata.uid !== newRs?.metadata.uid).sort((a, b) => revisionOf(a) - revisionOf(b));
    for (const rs of old.slice(0, Math.max(0, old.length - limit)))
      this.deleteQuietly(rsRt, ns, rs.metadata.name ?? "");
    const revision = newRs.metadata.annotations?.[REVISION] ?? "1";
    if (dep.metadata.annotations?.[REVISION] !== revision) {
      dep = api.update(depRt, ns, name2, {
        ...dep,
        metadata: {
          ...dep.metadata,
          annotations: { ...dep.metadata.annotations ?? {}, [REVISION]: revision }
        }
      });
    }
    const current = owned(api, rsRt, dep);
    const st = (o, f) => Number(o.status?.[f] ?? 0);
    const newOne = current.find((rs) => rs.metadata.uid === newRs?.metadata.uid);
    const total = current.reduce((n, rs) => n + st(rs, "replicas"), 0);
    const updated = newOne ? st(newOne, "replicas") : 0;
    const ready = current.reduce((n, rs) => n + st(rs, "readyReplicas"), 0);
    const available = current.reduce((n, rs) => n + st(rs, "availableReplicas"), 0);
    const strategy = spec.strategy ?? {};
    const maxUnavailable = strategy.type === "RollingUpdate" && replicas > 0 ? Math.min(
      replicas,
      intOrPercent(
        strategy.rollingUpdate?.maxUnavailable,
        replicas,
        false
      )
    ) : 0;
    const prev = dep.status ?? {};
    let conds2 = prev.conditions ?? [];
    conds2 = setCondition(
      conds2,
      available >= replicas - maxUnavailable ? {
        type: "Available",
        status: "True",
        reason: "MinimumReplicasAvailable",
        message: "Deployment has minimum availability."
      } : {
        type: "Available",
        status: "False",
        reason: "MinimumReplicasUnavailable",
        message: "Deployment does not have minimum availability."
      },
      { updateTime: true }
    );
    const rsName = newRs.metadata.name ?? "";
    const complete = updated === replicas && available >= replicas && total === replicas;
    const rolloutKey = `${dep.metadata.uid}/${dep.metadata.generation}/${rsName}`;
    if (!this.rolloutStart.has(rolloutKey)) {
      this.rolloutStart.set(rolloutKey, Date.now());
      const deadline = Number(spec.progressDeadlineSeconds ?? 600) * 1e3;
      clock.after(deadline, () => this.handleDeployment(ns, name2));
    }
    const started = this.rolloutStart.get(rolloutKey) ?? Date.now();
    const deadlineMs = Number(spec.progressDeadlineSeconds ?? 600) * 1e3 / clock.timeScale;
    const prevProgress = conds2.find((c) => c.type === "Progressing");
    if (complete) {
      conds2 = setCondition(
        conds2,
        {
          type: "Progressing",
          status: "True",
          reason: "NewReplicaSetAvailable",
          message: `ReplicaSet "${rsName}" has successfully progressed.`
        },
        { updateTime: true }
      );
    } else if (Date.now() - started >= deadlineMs) {
      conds2 = setCondition(
        conds2,
        {
          type: "Progressing",
          status: "False",
          reason: "ProgressDeadlineExceeded",
          message: `ReplicaSet "${rsName}" has timed out progressing.`
        },
        { updateTime: true }
      );
      if (prevProgress?.reason !== "ProgressDeadlineExceeded") {
        this.ctx.events.record(
          dep,
          "Warning",
          "ProgressDeadlineExceeded",
          `Deployment "${name2}" exceeded its progress deadline`,
          "deployment-controller"
        );
      }
    } else {
      const reason = prevProgress?.reason === "NewReplicaSetAvailable" && prevProgress.message?.includes(`"${rsName}"`) ? "NewReplicaSetAvailable" : "ReplicaSetUpdated";
      const message = reason === "ReplicaSetUpdated" ? `ReplicaSet "${rsName}" is progressing.` : prevProgress?.message ?? "";
      conds2 = setCondition(
        conds2,
        { type: "Progressing", status: "True", reason, message },
        { updateTime: true }
      );
    }
    conds2.sort((a, b) => a.type === "Available" ? -1 : b.type === "Available" ? 1 : 0);
    const status = {
      observedGeneration: dep.metadata.generation,
      replicas: total,
      updatedReplicas: updated,
      readyReplicas: ready,
      availableReplicas: available,
      ...replicas - available > 0 ? { unavailableReplicas: replicas - available } : {},
      conditions: conds2
    };
    for (const k of ["replicas", "updatedReplicas", "readyReplicas", "availableReplicas"])
      if (status[k] === 0) delete status[k];
    writeStatus(api, depRt, dep, status);
  }
  /** The Deployment a ReplicaSet belongs to, for re-queueing. */
  static ownerOf(rs) {
    const ref = controllerOf(rs);
    return ref?.kind === "Deployment" ? ref.name : void 0;
  }
};

// src/lab/kube/controllers/events.ts
import { randomBytes as randomBytes3 } from "node:crypto";
var EventRecorder = class {
  constructor(api) {
    this.api = api;
  }
  api;
  record(involved, type, reason, message, component) {
    const ns = involved.metadata.namespace ?? "default";
    const rt = this.api.rt("v1", "Event");
    const t = now();
    const existing = this.api.store.scan("events", ns).find(
      (e) => e.involvedObject?.uid === involved.metadata.uid && e.reason === reason && e.message === message
    );
    try {
      if (existing) {
        this.api.update(rt, ns, existing.metadata.name ?? "", {
          ...existing,
          count: Number(existing.count ?? 1) + 1,
          lastTimestamp: t
        });
        return;
      }
      const hex = randomBytes3(8).toString("hex");
      this.api.create(rt, ns, {
        apiVersion: "v1",
        kind: "Event",
        metadata: { name: `${involved.metadata.name ?? "object"}.${hex}`, namespace: ns },
        involvedObject: {
          apiVersion: involved.apiVersion,
          kind: involved.kind,
          name: involved.metadata.name,
          namespace: involved.metadata.namespace,
          uid: involved.metadata.uid,
          resourceVersion: involved.metadata.resourceVersion
        },
        reason,
        message,
        type,
        count: 1,
        firstTimestamp: t,
        lastTimestamp: t,
        source: { component },
        reportingComponent: component,
        reportingInstance: ""
      });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
  }
};

// src/lab/kube/controllers/ingress-http.ts
import { createServer as createServer3 } from "node:http";
var HTTP_PORT = 80;
var LOOPBACK_V4 = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;
var DEFAULT_CLASS = "ingressclass.kubernetes.io/is-default-class";
function controllerContainers(ctx2, svc) {
  const ns = svc.metadata.namespace ?? "";
  const selector = svc.spec.selector;
  if (!selector || Object.keys(selector).length === 0) return [];
  const out = [];
  for (const gr of ["deployments.apps", "daemonsets.apps"]) {
    for (const w of ctx2.api.store.scan(gr, ns)) {
      const template = w.spec?.template;
      const labels = template?.metadata?.labels ?? {};
      if (!labelSelectorMatches({ matchLabels: selector }, labels)) continue;
      out.push(...template?.spec?.containers ?? []);
    }
  }
  return out;
}
function servedClasses(ctx2, svc) {
  const containers = controllerContainers(ctx2, svc);
  const classes = ctx2.api.store.scan("ingressclasses.networking.k8s.io");
  const byController = (controller) => classes.filter((c) => c.spec?.controller === controller).map((c) => c.metadata.name ?? "");
  const out = /* @__PURE__ */ new Set();
  for (const c of containers) {
    const image = c.image ?? "";
    const args = c.args ?? [];
    if (/traefik/.test(image)) {
      if (args.some((a) => a === "--providers.kubernetesingress"))
        for (const n of byController("traefik.io/ingress-controller")) out.add(n);
      for (const a of args) {
        const m = /^--providers\.kubernetesingressnginx\.ingressclass=(.+)$/.exec(a);
        if (m?.[1]) out.add(m[1]);
      }
    } else if (/ingress-nginx/.test(image)) {
      const flag = args.map((a) => /^--ingress-class=(.+)$/.exec(a)?.[1]).find(Boolean);
      if (flag) out.add(flag);
      else for (const n of byController("k8s.io/ingress-nginx")) out.add(n);
    }
  }
  return [...out];
}
function pathMatches(rulePath, type, path3) {
  if (type === "Exact") return path3 === rulePath ? rulePath.length + 1 : -1;
  const base = rulePath.replace(/\/+$/, "");
  if (base === "") return 0;
  return path3 === base || path3.startsWith(`${base}/`) ? base.length : -1;
}
function route(ingresses, classes, defaultClass, host, path3) {
  let best;
  for (const ing of ingresses) {
    const spec = ing.spec ?? {};
    const cls = spec.ingressClassName ?? defaultClass;
    if (!cls || !classes.includes(cls)) continue;
    for (const rule of spec.rules ?? []) {
      const ruleHost = rule.host;
      const hostScore = !ruleHost ? 0 : ruleHost === host ? 2 : ruleHost.startsWith("*.") && host.endsWith(ruleHost.slice(1)) ? 1 : -1;
      if (hostScore < 0) continue;
      for (const p of rule.http?.paths ?? []) {
        const len = pathMatches(String(p.path ?? "/"), String(p.pathType ?? "Prefix"), path3);
        if (len < 0) continue;
        const svc = p.backend?.service;
        if (!svc) continue;
        const port = svc.port ?? {};
        const score = hostScore * 1e5 + len;
        if (!best || score > best.score)
          best = {
            score,
            route: {
              ingress: ing,
              service: String(svc.name),
              port: String(port.number ?? port.name)
            }
          };
      }
    }
  }
  return best?.route;
}
var IngressHttpController = class {
  constructor(ctx2) {
    this.ctx = ctx2;
  }
  ctx;
  listeners = /* @__PURE__ */ new Map();
  scheduled = false;
  closed = false;
  /** Re-checks which controller Services should be served; cheap, coalesced per event-loop turn. */
  sync() {
    if (this.scheduled || this.closed) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (!this.closed) this.reconcile();
    });
  }
  reconcile() {
    const want = /* @__PURE__ */ new Map();
    for (const svc of this.ctx.api.store.scan("services")) {
      const spec = svc.spec;
      if (spec.type !== "LoadBalancer") continue;
      if (!(spec.ports ?? []).some((p) => p.port === HTTP_PORT)) continue;
      const ingress = svc.status?.loadBalancer?.ingress;
      const ip = String(ingress?.[0]?.ip ?? "");
      if (!LOOPBACK_V4.test(ip)) continue;
      if (servedClasses(this.ctx, svc).length === 0) continue;
      want.set(`${svc.metadata.namespace}/${svc.metadata.name}`, { svc, address: ip });
    }
    for (const [k, l] of this.listeners) {
      if (want.get(k)?.address === l.address) continue;
      this.listeners.delete(k);
      l.server.close();
      l.server.closeAllConnections();
    }
    for (const [k, { svc, address }] of want)
      if (!this.listeners.has(k)) this.listen(k, svc, address);
  }
  listen(k, svc, address) {
    const [ns, name2] = k.split("/");
    const server = createServer3((req, res) => this.answer(ns, name2, req, res));
    this.listeners.set(k, { address, server });
    server.on("error", (e) => {
      if (this.listeners.get(k)?.server === server) this.listeners.delete(k);
      this.ctx.events.record(
        svc,
        "Warning",
        "LabIngressListenFailed",
        `the lab cannot serve HTTP on ${address}:${HTTP_PORT}: ${e.code ?? e.message}`,
        "lab-ingress"
      );
    });
    server.listen(HTTP_PORT, address);
  }
  answer(ns, name2, req, res) {
    const reply = (status, body) => {
      res.writeHead(status, { "content-type": "text/plain", "x-rk1-lab": "simulated" });
      res.end(`${body}
`);
    };
    const { store } = this.ctx.api;
    const svc = store.peek("services", ns, name2);
    if (!svc) return reply(503, "ingress controller service is gone");
    const classes = servedClasses(this.ctx, svc);
    const defaultClass = store.scan("ingressclasses.networking.k8s.io").find((c) => c.metadata.annotations?.[DEFAULT_CLASS] === "true")?.metadata.name;
    const host = (req.headers.host ?? "").replace(/:\d+$/, "").toLowerCase();
    const path3 = (req.url ?? "/").split("?")[0] ?? "/";
    const found = route(
      store.scan("ingresses.networking.k8s.io"),
      classes,
      defaultClass,
      host,
      path3
    );
    if (!found) return reply(404, "404 page not found");
    const backendNs = found.ingress.metadata.namespace ?? "";
    const backend = store.peek("services", backendNs, found.service);
    const target = `${backendNs}/${found.service}:${found.port}`;
    if (!backend) return reply(503, `no service ${target}`);
    const selector = backend.spec.selector;
    const ready = store.scan("pods", backendNs).filter(
      (p) => selector && labelSelectorMatches({ matchLabels: selector }, p.metadata.labels ?? {}) && podReady(p)
    ).length;
    if (ready === 0) return reply(503, `no ready endpoints for ${target}`);
    reply(
      200,
      `SIMULATED rk1 lab ingress: ${host}${path3} -> ingress ${backendNs}/${found.ingress.metadata.name} -> service ${target} (${ready} ready)`
    );
  }
  async close() {
    this.closed = true;
    const servers = [...this.listeners.values()].map((l) => l.server);
    this.listeners.clear();
    await Promise.all(
      servers.map(
        (s) => new Promise((done) => {
          if (!s.listening) return done();
          s.close(() => done());
          s.closeAllConnections();
        })
      )
    );
  }
};

// src/lab/kube/controllers/jobs.ts
import { rmSync } from "node:fs";
import { tmpdir as tmpdir2 } from "node:os";
import path2 from "node:path";

// src/lab/kube/controllers/bench-job.ts
import { existsSync as existsSync3, mkdirSync, writeFileSync as writeFileSync2 } from "node:fs";
import path from "node:path";
var BENCH_FAULT_ANNOTATION = "lab.rk1/bench-fault";
var BENCH_FAULTS = ["no-npu", "throttle", "crash", "no-perf"];
var BENCH_NPU_ANNOTATION = "lab.rk1/bench-npu";
var HARNESS_IN_IMAGE = "/opt/rk1-bench/rk1_bench.py";
var FETCHER_IN_IMAGE = "/opt/rk1-bench/rk1_models.py";
var MODEL_CACHE_IN_POD = "/rk1-models";
var BENCH_DATA_IN_POD = "/bench-data";
var HARNESS_IN_REPO = path.join("bench-image", "harness", "rk1_bench.py");
var LAB_ENV = {
  RK1_BENCH_SIMULATED: "1",
  RK1_BENCH_QUICK_N: "12",
  RK1_BENCH_FIO_SIZE: "16m",
  RK1_BENCH_FIO_RUNTIME: "1"
};
function harnessPath(from = import.meta.dirname) {
  let dir = from;
  for (; ; ) {
    const candidate = path.join(dir, HARNESS_IN_REPO);
    if (existsSync3(candidate)) return candidate;
    const up = path.dirname(dir);
    if (up === dir) return void 0;
    dir = up;
  }
}
function harnessArgs(image, command) {
  if (!/rk1-bench/.test(image)) return void 0;
  const at = command.indexOf(HARNESS_IN_IMAGE);
  if (at >= 0) return command.slice(at + 1);
  if (command.length === 0 || command[0].startsWith("--")) return command;
  return void 0;
}
function mapDataDir(args, dataDir) {
  const map = (v) => v === BENCH_DATA_IN_POD || v.startsWith(`${BENCH_DATA_IN_POD}/`) ? dataDir + v.slice(BENCH_DATA_IN_POD.length) : v;
  return args.map(
    (a) => a.startsWith("--data-dir=") ? `--data-dir=${map(a.slice("--data-dir=".length))}` : map(a)
  );
}
function distroOf(args) {
  const i = args.findIndex((a) => a === "--distro" || a.startsWith("--distro="));
  if (i < 0) return "k3s";
  const v = args[i].includes("=") ? args[i].split("=")[1] : args[i + 1];
  return v === "talos" ? "talos" : "k3s";
}
function put(file, text2) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync2(file, text2.endsWith("\n") ? text2 : `${text2}
`);
}
function labNodeSysfs(dir, stack) {
  if (existsSync3(path.join(dir, ".complete"))) return dir;
  const distro = stack === "k3s" ? "k3s" : "talos";
  const zones = distro === "talos" ? ["package-thermal", "bigcore0-thermal", "bigcore1-thermal", "littlecore-thermal"] : ["soc-thermal", "bigcore0-thermal", "bigcore1-thermal", "littlecore-thermal", "npu-thermal"];
  zones.forEach((type, i) => {
    const z = path.join(dir, "sys/class/thermal", `thermal_zone${i}`);
    put(path.join(z, "type"), type);
    put(path.join(z, "temp"), String(41e3 + i * 500));
    put(path.join(z, "trip_point_0_type"), "passive");
    put(path.join(z, "trip_point_0_temp"), "85000");
    put(path.join(z, "trip_point_1_type"), "critical");
    put(path.join(z, "trip_point_1_temp"), "115000");
  });
  put(path.join(dir, "sys/class/thermal/cooling_device0/cur_state"), "0");
  const governor = distro === "talos" ? "schedutil" : "ondemand";
  for (const [policy, cpus, max] of [
    ["policy0", "0 1 2 3", 18e5],
    ["policy4", "4 5", 2352e3],
    ["policy6", "6 7", 2352e3]
  ]) {
    const p = path.join(dir, "sys/devices/system/cpu/cpufreq", policy);
    put(path.join(p, "related_cpus"), cpus);
    put(path.join(p, "scaling_governor"), governor);
    put(path.join(p, "scaling_min_freq"), "408000");
    for (const f of ["cpuinfo_max_freq", "scaling_max_freq", "scaling_cur_freq"])
      put(path.join(p, f), String(max));
  }
  put(path.join(dir, "sys/devices/system/cpu/online"), "0-7");
  const npu = path.join(dir, "sys/class/devfreq/fdab0000.npu");
  put(path.join(npu, "cur_freq"), "1000000000");
  put(path.join(npu, "max_freq"), "1000000000");
  const nvme = path.join(dir, "sys/class/nvme/nvme0");
  put(path.join(nvme, "model"), "LAB SIMULATED NVMe");
  put(path.join(nvme, "firmware_rev"), "LAB0001");
  put(path.join(nvme, "device/current_link_speed"), "8.0 GT/s PCIe");
  put(path.join(nvme, "device/current_link_width"), "4");
  put(path.join(dir, "proc/meminfo"), "MemTotal:       16337912 kB");
  if (stack === "talos-rocket") {
    put(path.join(dir, "dev/accel/accel0"), "");
    put(path.join(dir, "sys/module/rocket/initstate"), "live");
  } else if (stack === "k3s") {
    put(path.join(dir, "dev/rknpu"), "");
    put(path.join(dir, "sys/kernel/debug/rknpu/version"), "RKNPU driver: v0.9.8");
  }
  put(path.join(dir, ".complete"), "lab node tree for rk1-bench (simulated)");
  return dir;
}
function labBenchCommand(ctx2) {
  const fetch = /rk1-bench/.test(ctx2.image) ? ctx2.command.indexOf(FETCHER_IN_IMAGE) : -1;
  if (fetch >= 0) return labFetchCommand(ctx2, ctx2.command.slice(fetch + 1));
  const args = harnessArgs(ctx2.image, ctx2.command);
  if (!args) return void 0;
  const harness = harnessPath();
  if (!harness)
    return [
      "sh",
      "-c",
      `echo "lab: the rk1-bench harness (${HARNESS_IN_REPO}) is not in this checkout" >&2; exit 1`
    ];
  const node = (ctx2.nodeName ?? "unscheduled").replace(/[^A-Za-z0-9._-]/g, "_");
  const distro = distroOf(args);
  const nodeDir = path.join(ctx2.sandboxDir, "bench-nodes", node);
  const stack = distro === "k3s" ? "k3s" : ctx2.nodeAnnotations[BENCH_NPU_ANNOTATION] === "rocket" ? "talos-rocket" : "talos";
  const sysfs = labNodeSysfs(path.join(nodeDir, `sysfs-${stack}`), stack);
  const dataDir = path.join(nodeDir, "bench-data");
  mkdirSync(dataDir, { recursive: true });
  const fault = ctx2.nodeAnnotations[BENCH_FAULT_ANNOTATION] ?? "";
  const env = { ...LAB_ENV, RK1_BENCH_SYSFS: sysfs };
  if (BENCH_FAULTS.includes(fault)) env.RK1_BENCH_LAB_FAULT = fault;
  return [
    "env",
    ...Object.entries(env).map(([k, v]) => `${k}=${v}`),
    "python3",
    harness,
    ...mapDataDir(args, dataDir)
  ];
}
function labFetchCommand(ctx2, args) {
  const harness = harnessPath();
  const fetcher = harness ? path.join(path.dirname(harness), "rk1_models.py") : void 0;
  if (!fetcher || !existsSync3(fetcher))
    return [
      "sh",
      "-c",
      'echo "lab: bench-image/harness/rk1_models.py is not in this checkout" >&2; exit 1'
    ];
  const node = (ctx2.nodeName ?? "unscheduled").replace(/[^A-Za-z0-9._-]/g, "_");
  const cache = labModelCache(ctx2.sandboxDir, node);
  mkdirSync(cache, { recursive: true });
  const mapped = args.map(
    (a) => a === MODEL_CACHE_IN_POD || a.startsWith(`${MODEL_CACHE_IN_POD}/`) ? cache + a.slice(MODEL_CACHE_IN_POD.length) : a
  );
  return ["env", "RK1_MODELS_LOOPBACK_ONLY=1", "python3", fetcher, ...mapped];
}
function labModelCache(sandboxDir, node) {
  return path.join(sandboxDir, "bench-nodes", node, "models");
}

// src/lab/kube/controllers/job-runner.ts
import { spawn as spawn2 } from "node:child_process";
import { mkdirSync as mkdirSync2 } from "node:fs";
var JobRunner = class {
  constructor(logs) {
    this.logs = logs;
  }
  logs;
  procs = /* @__PURE__ */ new Map();
  exits = /* @__PURE__ */ new Set();
  run(req, onExit) {
    const id = `${req.ns}/${req.pod}`;
    this.logs.open(req.ns, req.pod, req.container);
    const [file, ...args] = req.command;
    if (!file) {
      this.logs.finish(req.ns, req.pod, req.container);
      onExit({ exitCode: 128, reason: "StartError", message: "no command specified" });
      return;
    }
    mkdirSync2(req.cwd, { recursive: true });
    let child;
    try {
      child = spawn2(file, args, {
        cwd: req.cwd,
        env: req.env,
        detached: true,
        stdio: ["ignore", "pipe", "pipe"]
      });
    } catch (e) {
      this.logs.finish(req.ns, req.pod, req.container);
      onExit({ exitCode: 128, reason: "StartError", message: String(e.message) });
      return;
    }
    this.procs.set(id, child);
    const append = (b) => this.logs.append(req.ns, req.pod, req.container, b.toString("utf8"));
    child.stdout?.on("data", append);
    child.stderr?.on("data", append);
    let settled = false;
    let resolveExit = () => void 0;
    const exited = new Promise((r) => resolveExit = r);
    this.exits.add(exited);
    const finish = (r) => {
      if (settled) return;
      settled = true;
      this.procs.delete(id);
      this.exits.delete(exited);
      resolveExit();
      this.logs.finish(req.ns, req.pod, req.container);
      onExit(r);
    };
    child.on("error", (e) => {
      const message = e.code === "ENOENT" ? `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "${file}": executable file not found in $PATH: unknown` : e.message;
      finish({ exitCode: 128, reason: "StartError", message });
    });
    child.on("close", (code, signal) => {
      if (signal) finish({ exitCode: 128 + signalNumber(signal), reason: "Error", signal });
      else finish({ exitCode: code ?? 1, reason: code === 0 ? "Completed" : "Error" });
    });
  }
  isRunning(ns, pod) {
    return this.procs.has(`${ns}/${pod}`);
  }
  kill(ns, pod, signal = "SIGKILL") {
    const child = this.procs.get(`${ns}/${pod}`);
    if (!child?.pid) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
    }
  }
  async closeAll() {
    for (const id of this.procs.keys()) {
      const [ns, pod] = id.split("/");
      this.kill(ns, pod, "SIGKILL");
    }
    await Promise.race([
      Promise.all([...this.exits]),
      new Promise((r) => setTimeout(r, 2e3).unref())
    ]);
  }
};
function signalNumber(signal) {
  const table = {
    SIGHUP: 1,
    SIGINT: 2,
    SIGQUIT: 3,
    SIGKILL: 9,
    SIGTERM: 15
  };
  return table[signal] ?? 9;
}

// src/lab/kube/controllers/jobs.ts
var JobController = class {
  constructor(ctx2, opts) {
    this.ctx = ctx2;
    this.opts = opts;
    this.runner = new JobRunner(ctx2.logs);
    this.ownSandbox = opts.sandboxDir === void 0;
    this.sandbox = opts.sandboxDir ?? path2.join(tmpdir2(), `rk1-lab-jobs-${process.pid}-${randomSuffix2(8)}`);
  }
  ctx;
  opts;
  runner;
  sandbox;
  /** A sandbox we made ourselves is removed on close; a caller's one is left for inspection. */
  ownSandbox;
  retryTimers = /* @__PURE__ */ new Map();
  handle(ns, name2) {
    const { api, events } = this.ctx;
    const jobRt = api.rt("batch/v1", "Job");
    const podRt = api.rt("v1", "Pod");
    const job = api.find(jobRt, ns, name2);
    if (!job) return;
    if (isTrue(job, "Complete") || isTrue(job, "Failed")) {
      this.scheduleTtl(job);
      return;
    }
    const spec = job.spec;
    const prev = job.status ?? {};
    const pods = owned(api, podRt, job);
    const active = pods.filter((p) => !["Succeeded", "Failed"].includes(podPhase(p)));
    const succeeded = pods.filter((p) => podPhase(p) === "Succeeded").length;
    const failed = pods.filter((p) => podPhase(p) === "Failed").length;
    const completions = Number(spec.completions ?? 1);
    const backoffLimit = Number(spec.backoffLimit ?? 6);
    const t = now();
    const status = {
      ...prev,
      startTime: prev.startTime ?? (spec.suspend ? void 0 : t),
      active: active.length,
      ready: active.filter(podReady).length,
      succeeded,
      failed,
      terminating: 0,
      uncountedTerminatedPods: {}
    };
    let conds2 = conditions(job);
    const deadline = Number(spec.activeDeadlineSeconds ?? 0);
    const overDeadline = deadline > 0 && typeof status.startTime === "string" && Date.now() - Date.parse(status.startTime) >= deadline * 1e3;
    if (succeeded >= completions) {
      conds2 = setCondition(conds2, {
        type: "SuccessCriteriaMet",
        status: "True",
        reason: "CompletionsReached",
        message: "Reached expected number of succeeded pods",
        lastProbeTime: t
      });
      conds2 = setCondition(conds2, {
        type: "Complete",
        status: "True",
        reason: "CompletionsReached",
        message: "Reached expected number of succeeded pods",
        lastProbeTime: t
      });
      status.completionTime = t;
      events.record(job, "Normal", "Completed", "Job completed", "job-controller");
    } else if (failed > backoffLimit || overDeadline) {
      const reason = overDeadline ? "DeadlineExceeded" : "BackoffLimitExceeded";
      const message = overDeadline ? "Job was active longer than specified deadline" : "Job has reached the specified backoff limit";
      for (const p of active) this.deletePod(ns, p);
      status.active = 0;
      status.ready = 0;
      conds2 = setCondition(conds2, {
        type: "FailureTarget",
        status: "True",
        reason,
        message,
        lastProbeTime: t
      });
      conds2 = setCondition(conds2, {
        type: "Failed",
        status: "True",
        reason,
        message,
        lastProbeTime: t
      });
      events.record(job, "Warning", reason, message, "job-controller");
    } else if (!spec.suspend) {
      const want = Math.min(Number(spec.parallelism ?? 1), completions - succeeded) - active.length;
      if (want > 0) this.createPods(job, want, failed);
      if (deadline > 0) this.ctx.clock.afterReal(deadline * 1e3, () => this.handle(ns, name2));
    }
    status.conditions = conds2.length > 0 ? conds2 : void 0;
    for (const k of ["active", "ready", "succeeded", "failed"])
      if (status[k] === 0) delete status[k];
    if (status.conditions === void 0) delete status.conditions;
    if (status.startTime === void 0) delete status.startTime;
    writeStatus(api, jobRt, job, status);
  }
  /** ttlSecondsAfterFinished: finished Jobs (and, through GC, their pods) go away. */
  scheduleTtl(job) {
    const ttl = job.spec.ttlSecondsAfterFinished;
    const uid = job.metadata.uid ?? "";
    if (typeof ttl !== "number" || this.retryTimers.has(`ttl/${uid}`)) return;
    this.retryTimers.set(
      `ttl/${uid}`,
      this.ctx.clock.after(ttl * 1e3, () => {
        const { api } = this.ctx;
        const cur = api.store.peek("jobs.batch", job.metadata.namespace, job.metadata.name ?? "");
        if (cur?.metadata.uid !== uid) return;
        try {
          api.delete(api.rt("batch/v1", "Job"), job.metadata.namespace, job.metadata.name ?? "", {
            propagationPolicy: "Background"
          });
        } catch (e) {
          if (!(e instanceof ApiError)) throw e;
        }
      })
    );
  }
  createPods(job, count, failed) {
    const { api, clock } = this.ctx;
    const ns = job.metadata.namespace ?? "";
    const name2 = job.metadata.name ?? "";
    if (failed > 0) {
      const delay = Math.min(1e4 * 2 ** (failed - 1), 36e4);
      const lastFailure = owned(api, api.rt("v1", "Pod"), job).filter((p) => podPhase(p) === "Failed").map(finishedAt).reduce((a, b) => Math.max(a, b), 0);
      const wait = lastFailure + delay / clock.timeScale - Date.now();
      if (wait > 0) {
        const k = `${job.metadata.uid}/${failed}`;
        if (!this.retryTimers.has(k))
          this.retryTimers.set(
            k,
            clock.afterReal(wait, () => this.handle(ns, name2))
          );
        return;
      }
    }
    const tpl = structuredClone(job.spec.template);
    for (let i = 0; i < count; i++) {
      api.create(api.rt("v1", "Pod"), ns, {
        apiVersion: "v1",
        kind: "Pod",
        metadata: {
          ...tpl.metadata ?? {},
          name: `${name2}-${randomSuffix2()}`,
          namespace: ns,
          ownerReferences: [ownerRef(job)]
        },
        spec: tpl.spec
      });
    }
  }
  deletePod(ns, p) {
    this.runner.kill(ns, p.metadata.name ?? "");
    try {
      this.ctx.api.delete(this.ctx.api.rt("v1", "Pod"), ns, p.metadata.name ?? "");
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
  }
  resolveEnv(pod, c) {
    const { store } = this.ctx.api;
    const ns = pod.metadata.namespace;
    const env = {};
    const decode = (s) => Buffer.from(String(s ?? ""), "base64").toString("utf8");
    for (const from of c.envFrom ?? []) {
      const cm = from.configMapRef;
      const sec = from.secretRef;
      const prefix = String(from.prefix ?? "");
      if (cm)
        for (const [k, v] of Object.entries(
          store.peek("configmaps", ns, String(cm.name))?.data ?? {}
        ))
          env[prefix + k] = String(v);
      if (sec)
        for (const [k, v] of Object.entries(
          store.peek("secrets", ns, String(sec.name))?.data ?? {}
        ))
          env[prefix + k] = decode(v);
    }
    for (const e of c.env ?? []) {
      if (e.value !== void 0)
        env[e.name] = e.value.replace(
          /\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g,
          (m, v) => env[v] ?? m
        );
      const vf = e.valueFrom;
      if (vf?.secretKeyRef) {
        const d = store.peek("secrets", ns, vf.secretKeyRef.name)?.data ?? {};
        if (d[vf.secretKeyRef.key] !== void 0) env[e.name] = decode(d[vf.secretKeyRef.key]);
      } else if (vf?.configMapKeyRef) {
        const d = store.peek("configmaps", ns, vf.configMapKeyRef.name)?.data ?? {};
        if (d[vf.configMapKeyRef.key] !== void 0) env[e.name] = String(d[vf.configMapKeyRef.key]);
      } else if (vf?.fieldRef) {
        const f = vf.fieldRef.fieldPath;
        const st = pod.status ?? {};
        const map = {
          "metadata.name": pod.metadata.name,
          "metadata.namespace": ns,
          "metadata.uid": pod.metadata.uid,
          "spec.nodeName": pod.spec.nodeName,
          "spec.serviceAccountName": pod.spec.serviceAccountName ?? "default",
          "status.podIP": st.podIP,
          "status.hostIP": st.hostIP
        };
        env[e.name] = String(map[f] ?? "");
      }
    }
    return env;
  }
  /** Kubelet hook: starts a Job pod's first container. Returns false for non-Job pods. */
  startPod(pod) {
    const ref = controllerOf(pod);
    if (ref?.kind !== "Job") return false;
    const { api, events } = this.ctx;
    const podRt = api.rt("v1", "Pod");
    const ns = pod.metadata.namespace ?? "";
    const podName = pod.metadata.name ?? "";
    const c = pod.spec.containers[0];
    if (!c) return false;
    const job = api.store.peek("jobs.batch", ns, ref.name);
    let command = [...c.command ?? [], ...c.args ?? []];
    const nodeName = pod.spec.nodeName;
    const bench = labBenchCommand({
      image: c.image ?? "",
      command,
      nodeName,
      nodeAnnotations: nodeName ? api.store.peek("nodes", void 0, nodeName)?.metadata.annotations ?? {} : {},
      sandboxDir: this.sandbox
    });
    if (bench) command = bench;
    else if (this.opts.resolveCommand) {
      command = this.opts.resolveCommand({
        namespace: ns,
        job: ref.name,
        pod: podName,
        image: c.image ?? "",
        command,
        nodeName: pod.spec.nodeName
      });
    } else if (command.length === 0) command = null;
    const t = now();
    const running = (ready, state) => {
      const cur = api.store.peek("pods", ns, podName) ?? pod;
      const st = cur.status ?? {};
      let conds2 = st.conditions ?? [];
      conds2 = setCondition(conds2, { type: "PodReadyToStartContainers", status: "True" });
      conds2 = setCondition(conds2, { type: "Initialized", status: "True" });
      const r = ready ? { status: "True" } : { status: "False", reason: "PodCompleted" };
      conds2 = setCondition(conds2, { type: "Ready", ...r });
      conds2 = setCondition(conds2, { type: "ContainersReady", ...r });
      return {
        ...st,
        startTime: st.startTime ?? t,
        conditions: conds2,
        containerStatuses: [
          {
            name: c.name,
            image: c.image ?? "",
            imageID: "",
            ready,
            started: ready,
            restartCount: 0,
            state
          }
        ]
      };
    };
    const finish = (exitCode, reason, message) => {
      const cur = api.store.peek("pods", ns, podName);
      if (!cur || cur.metadata.uid !== pod.metadata.uid) return;
      if (nodeName && this.ctx.faults.stoppedKubelets?.includes(nodeName)) return;
      const terminated = {
        exitCode,
        reason,
        startedAt: t,
        finishedAt: now(),
        ...message ? { message } : {}
      };
      const phase = exitCode === 0 ? "Succeeded" : "Failed";
      writeStatus(api, podRt, cur, { ...running(false, { terminated }), phase });
      if (exitCode !== 0) {
        const text2 = message ?? `Container ${c.name} failed with exit code ${exitCode}`;
        events.record(
          cur,
          "Warning",
          reason === "StartError" ? "Failed" : "BackOff",
          text2,
          "kubelet"
        );
      }
    };
    writeStatus(api, podRt, pod, {
      ...running(true, { running: { startedAt: t } }),
      phase: "Running"
    });
    if (command === null) {
      this.ctx.logs.open(ns, podName, c.name);
      this.ctx.logs.append(
        ns,
        podName,
        c.name,
        `lab: image ${c.image ?? ""} has no command to run here; simulated success
`
      );
      this.ctx.logs.finish(ns, podName, c.name);
      this.ctx.clock.afterReal(0, () => finish(0, "Completed"));
      return true;
    }
    const base = this.opts.baseEnv ?? {};
    const env = {
      PATH: process.env.PATH ?? "/usr/local/bin:/usr/bin:/bin",
      HOSTNAME: podName,
      ...base,
      ...this.resolveEnv(pod, c)
    };
    const cwd = path2.join(
      this.sandbox,
      ns,
      `${ref.name}-${(job?.metadata.uid ?? ref.uid).slice(0, 8)}`
    );
    env.HOME ??= cwd;
    this.runner.run(
      { ns, pod: podName, container: c.name, command, env, cwd },
      (r) => finish(r.exitCode, r.reason, r.message)
    );
    return true;
  }
  /** The node's kubelet stopped: its containers die with it, unreported. */
  kubeletStopped(node) {
    for (const p of this.ctx.api.store.scan("pods"))
      if (p.spec?.nodeName === node)
        this.runner.kill(p.metadata.namespace ?? "", p.metadata.name ?? "");
  }
  onPodDeleted(ns, name2) {
    this.runner.kill(ns, name2);
  }
  async close() {
    await this.runner.closeAll();
    if (this.ownSandbox) rmSync(this.sandbox, { recursive: true, force: true });
  }
};
function finishedAt(p) {
  const cs = p.status?.containerStatuses?.[0];
  const term = cs?.state?.terminated;
  return Date.parse(String(term?.finishedAt ?? "")) || 0;
}

// src/lab/kube/controllers/logs.ts
var MAX_LOG = 8 * 1024 * 1024;
var PodLogs = class {
  buffers = /* @__PURE__ */ new Map();
  id(ns, pod, container) {
    return `${ns}/${pod}/${container}`;
  }
  open(ns, pod, container) {
    const id = this.id(ns, pod, container);
    if (!this.buffers.has(id)) this.buffers.set(id, { text: "", done: false, listeners: /* @__PURE__ */ new Set() });
  }
  append(ns, pod, container, chunk) {
    const b = this.buffers.get(this.id(ns, pod, container));
    if (!b || b.done) return;
    if (b.text.length < MAX_LOG) b.text += chunk.slice(0, MAX_LOG - b.text.length);
    for (const l of b.listeners) l(chunk);
  }
  finish(ns, pod, container) {
    const b = this.buffers.get(this.id(ns, pod, container));
    if (!b || b.done) return;
    b.done = true;
    for (const l of b.listeners) l(null);
    b.listeners.clear();
  }
  get(ns, pod, container) {
    const b = this.buffers.get(this.id(ns, pod, container));
    return b ? { text: b.text, done: b.done } : void 0;
  }
  /** Calls fn with each new chunk, then with null at the end. Returns an unsubscribe function. */
  follow(ns, pod, container, fn) {
    const b = this.buffers.get(this.id(ns, pod, container));
    if (!b || b.done) {
      fn(null);
      return () => void 0;
    }
    b.listeners.add(fn);
    return () => b.listeners.delete(fn);
  }
  drop(ns, pod) {
    for (const [id, b] of this.buffers) {
      if (!id.startsWith(`${ns}/${pod}/`)) continue;
      for (const l of b.listeners) l(null);
      this.buffers.delete(id);
    }
  }
  closeAll() {
    for (const b of this.buffers.values()) {
      for (const l of b.listeners) l(null);
      b.listeners.clear();
    }
  }
};

// src/lab/kube/controllers/nodes.ts
import { randomUUID as randomUUID2 } from "node:crypto";
function nodeConditions(ready, prev) {
  const t = now();
  let list2 = prev;
  for (const [type, reason, message] of [
    ["MemoryPressure", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"],
    ["DiskPressure", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"],
    ["PIDPressure", "KubeletHasSufficientPID", "kubelet has sufficient PID available"]
  ]) {
    list2 = setCondition(list2, { type, status: "False", reason, message, lastHeartbeatTime: t });
  }
  list2 = setCondition(
    list2,
    ready ? {
      type: "Ready",
      status: "True",
      reason: "KubeletReady",
      message: "kubelet is posting ready status",
      lastHeartbeatTime: t
    } : {
      type: "Ready",
      status: "False",
      reason: "KubeletNotReady",
      message: "container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized",
      lastHeartbeatTime: t
    }
  );
  return list2;
}
var NODE_MONITOR_GRACE_MS = 4e4;
var NodeController = class {
  constructor(ctx2) {
    this.ctx = ctx2;
  }
  ctx;
  readyTimers = /* @__PURE__ */ new Map();
  register(name2, reg) {
    const { api, clock, faults } = this.ctx;
    if (faults.stoppedKubelets?.includes(name2))
      faults.stoppedKubelets = faults.stoppedKubelets.filter((n) => n !== name2);
    const rt = api.rt("v1", "Node");
    const labels = {
      "beta.kubernetes.io/arch": "arm64",
      "beta.kubernetes.io/os": "linux",
      "kubernetes.io/arch": "arm64",
      "kubernetes.io/hostname": name2,
      "kubernetes.io/os": "linux"
    };
    for (const r of reg.roles ?? []) labels[`node-role.kubernetes.io/${r}`] = "";
    Object.assign(labels, reg.labels ?? {});
    const index = api.store.scan("nodes").length;
    const spec = { podCIDR: `10.42.${index}.0/24`, podCIDRs: [`10.42.${index}.0/24`] };
    if (reg.taints && reg.taints.length > 0) spec.taints = reg.taints;
    const existing = api.find(rt, void 0, name2);
    const node = existing ? api.update(rt, void 0, name2, {
      ...existing,
      metadata: { ...existing.metadata, labels: { ...existing.metadata.labels, ...labels } },
      spec: { ...existing.spec, ...spec }
    }) : api.create(rt, void 0, {
      apiVersion: "v1",
      kind: "Node",
      metadata: {
        name: name2,
        labels,
        annotations: { "node.alpha.kubernetes.io/ttl": "0", "lab.rk1/simulated": "true" }
      },
      spec
    });
    const capacity = {
      cpu: "8",
      "ephemeral-storage": "30Gi",
      memory: "32Gi",
      pods: "110",
      ...reg.capacity ?? {}
    };
    const status = {
      addresses: [
        { type: "InternalIP", address: reg.ip },
        { type: "Hostname", address: name2 }
      ],
      capacity,
      allocatable: capacity,
      conditions: nodeConditions(false, []),
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        architecture: "arm64",
        bootID: randomUUID2(),
        containerRuntimeVersion: "containerd://2.1.4",
        kernelVersion: "6.1.115-vendor-rk35xx",
        kubeProxyVersion: "",
        kubeletVersion: "v1.35.2",
        machineID: name2.replace(/[^a-z0-9]/g, "").padEnd(32, "0").slice(0, 32),
        operatingSystem: "linux",
        osImage: "rk1 lab node (simulated)",
        systemUUID: randomUUID2(),
        ...reg.nodeInfo ?? {}
      }
    };
    api.update(rt, void 0, name2, { ...node, status }, { subresource: "status" });
    this.renewLease(name2, node);
    clock.cancel(this.readyTimers.get(name2));
    this.readyTimers.set(
      name2,
      clock.after(this.ctx.nodeReadyDelayMs, () => this.markReady(name2))
    );
  }
  /** The kubelet's heartbeat Lease in kube-node-lease (what `kubectl describe node` shows). */
  renewLease(name2, node) {
    const { api } = this.ctx;
    const rt = api.rt("coordination.k8s.io/v1", "Lease");
    const renewTime = (/* @__PURE__ */ new Date()).toISOString().replace(/(\.\d{3})\d*Z$/, "$1000Z");
    const spec = { holderIdentity: name2, leaseDurationSeconds: 40, renewTime };
    const existing = api.find(rt, "kube-node-lease", name2);
    const metadata = {
      name: name2,
      namespace: "kube-node-lease",
      ownerReferences: [{ apiVersion: "v1", kind: "Node", name: name2, uid: node.metadata.uid ?? "" }]
    };
    if (existing)
      api.update(rt, "kube-node-lease", name2, {
        ...existing,
        metadata: { ...existing.metadata, ...metadata },
        spec
      });
    else
      api.create(rt, "kube-node-lease", {
        apiVersion: "coordination.k8s.io/v1",
        kind: "Lease",
        metadata,
        spec
      });
  }
  markReady(name2) {
    const { api } = this.ctx;
    const rt = api.rt("v1", "Node");
    const node = api.find(rt, void 0, name2);
    if (!node) return;
    const st = node.status ?? {};
    const conditions2 = nodeConditions(true, st.conditions ?? []);
    api.update(
      rt,
      void 0,
      name2,
      { ...node, status: { ...st, conditions: conditions2 } },
      { subresource: "status" }
    );
    this.ctx.events.record(
      node,
      "Normal",
      "NodeReady",
      `Node ${name2} status is now: NodeReady`,
      "kubelet"
    );
  }
  /**
   * The kubelet stops posting status (power lost, network cut): after the node monitor's grace
   * period (40 s, scaled) the node lifecycle controller marks it Ready=Unknown and taints it
   * unreachable, as a real control plane does.
   */
  stopKubelet(name2) {
    const { api, clock, faults } = this.ctx;
    faults.stoppedKubelets = [.../* @__PURE__ */ new Set([...faults.stoppedKubelets ?? [], name2])];
    clock.cancel(this.readyTimers.get(name2));
    this.readyTimers.set(
      name2,
      clock.after(NODE_MONITOR_GRACE_MS, () => {
        const rt = api.rt("v1", "Node");
        const node = api.find(rt, void 0, name2);
        if (!node) return;
        const st = node.status ?? {};
        let conditions2 = st.conditions ?? [];
        for (const type of ["Ready", "MemoryPressure", "DiskPressure", "PIDPressure"])
          conditions2 = setCondition(conditions2, {
            type,
            status: "Unknown",
            reason: "NodeStatusUnknown",
            message: "Kubelet stopped posting node status.",
            lastTransitionTime: now()
          });
        const spec = node.spec ?? {};
        const taints = (spec.taints ?? []).filter(
          (t) => t.key !== "node.kubernetes.io/unreachable"
        );
        for (const effect of ["NoSchedule", "NoExecute"])
          taints.push({ key: "node.kubernetes.io/unreachable", effect, timeAdded: now() });
        const tainted = api.update(rt, void 0, name2, { ...node, spec: { ...spec, taints } });
        api.update(
          rt,
          void 0,
          name2,
          { ...tainted, status: { ...st, conditions: conditions2 } },
          { subresource: "status" }
        );
        this.ctx.events.record(
          node,
          "Normal",
          "NodeNotReady",
          `Node ${name2} status is now: NodeNotReady`,
          "node-controller"
        );
      })
    );
  }
  remove(name2) {
    const { api, clock } = this.ctx;
    clock.cancel(this.readyTimers.get(name2));
    this.readyTimers.delete(name2);
    try {
      api.delete(api.rt("v1", "Node"), void 0, name2);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
  }
  /** Pods bound to a node that no longer exists are deleted. */
  onNodeDeleted(node) {
    const { api } = this.ctx;
    const pods = api.rt("v1", "Pod");
    for (const p of api.store.scan("pods")) {
      if (p.spec?.nodeName !== node.metadata.name) continue;
      try {
        api.delete(pods, p.metadata.namespace, p.metadata.name ?? "");
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
      }
    }
  }
};

// src/lab/kube/controllers/services.ts
var LB_IPS = "metallb.io/loadBalancerIPs";
var POOL = "metallb.io/address-pool";
var FROM_POOL = "metallb.io/ip-allocated-from-pool";
function ipToInt(ip) {
  const p = ip.split(".").map(Number);
  if (p.length !== 4 || p.some((x) => !(x >= 0 && x <= 255))) return void 0;
  return ((p[0] ?? 0) << 24 >>> 0) + ((p[1] ?? 0) << 16) + ((p[2] ?? 0) << 8) + (p[3] ?? 0);
}
function intToIp(n) {
  return [n >>> 24, n >>> 16 & 255, n >>> 8 & 255, n & 255].join(".");
}
function poolRanges(pool) {
  const out = [];
  for (const a of pool.spec?.addresses ?? []) {
    const cidr2 = /^([\d.]+)\/(\d+)$/.exec(a.trim());
    if (cidr2) {
      const base = ipToInt(cidr2[1] ?? "");
      const bits = Number(cidr2[2]);
      if (base === void 0 || bits > 32) continue;
      const size = 2 ** (32 - bits);
      const start = Math.floor(base / size) * size;
      out.push([start, start + size - 1]);
      continue;
    }
    const range = /^([\d.]+)\s*-\s*([\d.]+)$/.exec(a.trim());
    if (range) {
      const s = ipToInt(range[1] ?? "");
      const e = ipToInt(range[2] ?? "");
      if (s !== void 0 && e !== void 0) out.push([s, e]);
    }
  }
  return out;
}
function inPool(pool, ip) {
  const n = ipToInt(ip);
  return n !== void 0 && poolRanges(pool).some(([s, e]) => n >= s && n <= e);
}
function serviceAdmission(serviceCidr) {
  const [baseIp, bitsText] = serviceCidr.split("/");
  const base = ipToInt(baseIp ?? "10.43.0.0") ?? 0;
  const size = 2 ** (32 - Number(bitsText ?? 16));
  return (api, rt, svc, old) => {
    if (rt.kind !== "Service" || rt.group !== "") return;
    const spec = svc.spec;
    const oldSpec = old?.spec ?? {};
    const all = api.store.scan("services");
    if (spec.type !== "ExternalName") {
      if (!spec.clusterIP && oldSpec.clusterIP) spec.clusterIP = oldSpec.clusterIP;
      if (!spec.clusterIP) {
        const used2 = new Set(all.map((s) => String(s.spec.clusterIP ?? "")));
        const first = svc.metadata.name === "kubernetes" && svc.metadata.namespace === "default" ? 1 : 10;
        for (let i = first; i < size - 1; i++) {
          const ip = intToIp(base + i);
          if (!used2.has(ip)) {
            spec.clusterIP = ip;
            break;
          }
        }
      }
      spec.clusterIPs = [spec.clusterIP];
    }
    const ports = spec.ports ?? [];
    const needNodePorts = spec.type === "NodePort" || spec.type === "LoadBalancer" && spec.allocateLoadBalancerNodePorts !== false;
    if (!needNodePorts) {
      for (const p of ports) delete p.nodePort;
      return;
    }
    const used = /* @__PURE__ */ new Set();
    for (const s of all) {
      if (s.metadata.uid === svc.metadata.uid) continue;
      for (const p of s.spec.ports ?? [])
        if (p.nodePort) used.add(Number(p.nodePort));
    }
    const oldPorts = oldSpec.ports ?? [];
    for (const p of ports) {
      if (p.nodePort) continue;
      const prev = oldPorts.find((o) => o.port === p.port && o.protocol === p.protocol);
      if (prev?.nodePort) {
        p.nodePort = prev.nodePort;
        continue;
      }
      for (let n = 3e4; n <= 32767; n++) {
        if (!used.has(n)) {
          p.nodePort = n;
          used.add(n);
          break;
        }
      }
    }
  };
}
var LoadBalancerController = class {
  constructor(ctx2) {
    this.ctx = ctx2;
  }
  ctx;
  pools() {
    const rt = this.ctx.api.registry.byGroupResource("metallb.io", "ipaddresspools");
    if (!rt) return [];
    return [...this.ctx.api.store.scan(groupResource(rt))].sort(
      (a, b) => `${a.metadata.creationTimestamp}/${a.metadata.name}`.localeCompare(
        `${b.metadata.creationTimestamp}/${b.metadata.name}`
      )
    );
  }
  handle(ns, name2) {
    const { api, events } = this.ctx;
    const rt = api.rt("v1", "Service");
    const svc = api.find(rt, ns, name2);
    if (!svc) return;
    const spec = svc.spec;
    const status = svc.status ?? {};
    const lb = status.loadBalancer ?? {};
    const current = (lb.ingress ?? []).map((i) => String(i.ip ?? ""));
    if (spec.type !== "LoadBalancer") {
      if (current.length > 0) writeStatus(api, rt, svc, { ...status, loadBalancer: {} });
      return;
    }
    if (!api.registry.byGroupResource("metallb.io", "ipaddresspools")) return;
    const pools = this.pools();
    const ann = svc.metadata.annotations ?? {};
    const requested = (ann[LB_IPS] ?? String(spec.loadBalancerIP ?? "")).split(",").map((s) => s.trim()).filter(Boolean);
    const poolName = ann[POOL];
    const candidates = poolName ? pools.filter((p) => p.metadata.name === poolName) : pools.filter(
      (p) => p.spec?.autoAssign !== false || requested.length > 0
    );
    const taken = /* @__PURE__ */ new Set();
    for (const s of api.store.scan("services")) {
      if (s.metadata.uid === svc.metadata.uid) continue;
      for (const i of s.status?.loadBalancer?.ingress ?? [])
        taken.add(String(i.ip));
    }
    const fits = (ip) => candidates.find((p) => inPool(p, ip));
    if (current.length > 0 && current.every((ip) => fits(ip) && !taken.has(ip)) && (requested.length === 0 || requested.every((r) => current.includes(r))))
      return;
    let chosen = [];
    let pool;
    let failure;
    if (poolName && candidates.length === 0) failure = `pool ${poolName} does not exist`;
    else if (requested.length > 0) {
      const bad = requested.filter((ip) => !fits(ip));
      const busy2 = requested.filter((ip) => taken.has(ip));
      if (bad.length > 0) failure = `["${bad.join('","')}"] is not allowed in config`;
      else if (busy2.length > 0)
        failure = `can't change sharing key for "${ns}/${name2}", address also in use by another service`;
      else {
        chosen = requested;
        pool = fits(requested[0] ?? "");
      }
    } else {
      for (const p of candidates) {
        const avoid = p.spec?.avoidBuggyIPs === true;
        for (const [s, e] of poolRanges(p)) {
          for (let n = s; n <= e && chosen.length === 0; n++) {
            const ip = intToIp(n);
            if (avoid && (n % 256 === 0 || n % 256 === 255)) continue;
            if (!taken.has(ip)) chosen = [ip];
          }
        }
        if (chosen.length > 0) {
          pool = p;
          break;
        }
      }
      if (chosen.length === 0) failure = "no available IPs";
    }
    if (failure || !pool) {
      if (current.length > 0) writeStatus(api, rt, svc, { ...status, loadBalancer: {} });
      events.record(
        svc,
        "Warning",
        "AllocationFailed",
        `Failed to allocate IP for "${ns}/${name2}": ${failure ?? "no pool"}`,
        "metallb-controller"
      );
      return;
    }
    const poolLabel = pool.metadata.name ?? "";
    let updated = svc;
    if (ann[FROM_POOL] !== poolLabel) {
      updated = api.update(rt, ns, name2, {
        ...svc,
        metadata: { ...svc.metadata, annotations: { ...ann, [FROM_POOL]: poolLabel } }
      });
    }
    writeStatus(api, rt, updated, {
      ...updated.status ?? {},
      loadBalancer: { ingress: chosen.map((ip) => ({ ip, ipMode: "VIP" })) }
    });
    events.record(
      updated,
      "Normal",
      "IPAllocated",
      `Assigned IP ["${chosen.join('","')}"]`,
      "metallb-controller"
    );
  }
};

// src/lab/kube/controllers/statefulsets.ts
var HASH_LABEL2 = "controller-revision-hash";
var StatefulSetController = class {
  constructor(ctx2) {
    this.ctx = ctx2;
  }
  ctx;
  handle(ns, name2) {
    const { api } = this.ctx;
    const stsRt = api.rt("apps/v1", "StatefulSet");
    const podRt = api.rt("v1", "Pod");
    const pvcRt = api.rt("v1", "PersistentVolumeClaim");
    const sts = api.find(stsRt, ns, name2);
    if (!sts) return;
    const spec = sts.spec;
    const replicas = spec.replicas ?? 1;
    const revision = `${name2}-${templateHash(spec.template)}`;
    const ordered = spec.podManagementPolicy !== "Parallel";
    const pods = owned(api, podRt, sts);
    const byOrdinal = /* @__PURE__ */ new Map();
    for (const p of pods) {
      const ord = Number((p.metadata.name ?? "").slice(name2.length + 1));
      if (ord >= replicas) this.remove(podRt, ns, p);
      else if (p.metadata.labels?.[HASH_LABEL2] !== revision && (!ordered || pods.every((q) => podReady(q) || q === p))) {
        this.remove(podRt, ns, p);
      } else byOrdinal.set(ord, p);
    }
    for (let i = 0; i < replicas; i++) {
      const existing = byOrdinal.get(i);
      if (existing) {
        if (ordered && !podReady(existing)) break;
        continue;
      }
      const podName = `${name2}-${i}`;
      if (api.store.peek("pods", ns, podName)) break;
      const tpl = structuredClone(spec.template);
      const volumes = [...tpl.spec.volumes ?? []];
      for (const vct of spec.volumeClaimTemplates ?? []) {
        const claim = `${vct.metadata.name}-${podName}`;
        if (!api.store.peek("persistentvolumeclaims", ns, claim)) {
          api.create(pvcRt, ns, {
            apiVersion: "v1",
            kind: "PersistentVolumeClaim",
            metadata: {
              name: claim,
              namespace: ns,
              labels: { ...tpl.metadata?.labels ?? {}, ...vct.metadata.labels ?? {} }
            },
            spec: structuredClone(vct.spec)
          });
        }
        if (!volumes.some((v) => v.name === vct.metadata.name))
          volumes.push({ name: vct.metadata.name, persistentVolumeClaim: { claimName: claim } });
      }
      api.create(podRt, ns, {
        apiVersion: "v1",
        kind: "Pod",
        metadata: {
          ...tpl.metadata ?? {},
          name: podName,
          namespace: ns,
          labels: {
            ...tpl.metadata?.labels ?? {},
            [HASH_LABEL2]: revision,
            "statefulset.kubernetes.io/pod-name": podName,
            "apps.kubernetes.io/pod-index": String(i)
          },
          ownerReferences: [ownerRef(sts)]
        },
        spec: {
          ...tpl.spec,
          volumes,
          hostname: podName,
          ...spec.serviceName ? { subdomain: spec.serviceName } : {}
        }
      });
      if (ordered) break;
    }
    const live = owned(api, podRt, sts);
    const ready = live.filter(podReady).length;
    const updated = live.filter((p) => p.metadata.labels?.[HASH_LABEL2] === revision).length;
    const prev = sts.status ?? {};
    const done = updated === replicas && ready === replicas && live.length === replicas;
    const currentRevision = done ? revision : String(prev.currentRevision ?? revision);
    const current = live.filter((p) => p.metadata.labels?.[HASH_LABEL2] === currentRevision).length;
    const status = {
      observedGeneration: sts.metadata.generation,
      replicas: live.length,
      readyReplicas: ready,
      currentReplicas: current,
      updatedReplicas: updated,
      availableReplicas: ready,
      currentRevision,
      updateRevision: revision,
      collisionCount: 0
    };
    for (const k of ["readyReplicas", "currentReplicas", "updatedReplicas"])
      if (status[k] === 0) delete status[k];
    writeStatus(api, stsRt, sts, status);
  }
  remove(rt, ns, p) {
    try {
      this.ctx.api.delete(rt, ns, p.metadata.name ?? "");
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
  }
};

// src/lab/kube/controllers/volumes.ts
var DEFAULT_CLASS2 = "storageclass.kubernetes.io/is-default-class";
var VolumeController = class {
  constructor(ctx2) {
    this.ctx = ctx2;
  }
  ctx;
  defaultClass() {
    return this.ctx.api.store.scan("storageclasses.storage.k8s.io").filter(
      (sc) => sc.metadata.annotations?.[DEFAULT_CLASS2] === "true" || sc.metadata.annotations?.["storageclass.beta.kubernetes.io/is-default-class"] === "true"
    ).sort(
      (a, b) => String(b.metadata.creationTimestamp).localeCompare(String(a.metadata.creationTimestamp))
    )[0];
  }
  handle(ns, name2) {
    const { api, events } = this.ctx;
    const pvcRt = api.rt("v1", "PersistentVolumeClaim");
    const pvRt = api.rt("v1", "PersistentVolume");
    let pvc = api.find(pvcRt, ns, name2);
    if (!pvc) return;
    const status = pvc.status ?? {};
    if (status.phase === "Bound") return;
    const spec = pvc.spec;
    const className = spec.storageClassName;
    if (className === "") return;
    const sc = className === void 0 ? this.defaultClass() : api.store.peek("storageclasses.storage.k8s.io", void 0, className);
    if (!sc) {
      if (className === void 0)
        events.record(
          pvc,
          "Normal",
          "FailedBinding",
          "no persistent volumes available for this claim and no storage class is set",
          "persistentvolume-controller"
        );
      else
        events.record(
          pvc,
          "Warning",
          "ProvisioningFailed",
          `storageclass.storage.k8s.io "${className}" not found`,
          "persistentvolume-controller"
        );
      return;
    }
    const scName = sc.metadata.name ?? "";
    const provisioner = String(sc.provisioner ?? "kubernetes.io/no-provisioner");
    const storage = String(
      spec.resources?.requests?.storage ?? "1Gi"
    );
    const accessModes = spec.accessModes ?? ["ReadWriteOnce"];
    const pvName = `pvc-${pvc.metadata.uid}`;
    if (!api.store.peek("persistentvolumes", void 0, pvName)) {
      const pv = api.create(pvRt, void 0, {
        apiVersion: "v1",
        kind: "PersistentVolume",
        metadata: {
          name: pvName,
          annotations: {
            "pv.kubernetes.io/provisioned-by": provisioner,
            "lab.rk1/simulated": "true"
          },
          finalizers: ["kubernetes.io/pv-protection"]
        },
        spec: {
          capacity: { storage },
          accessModes,
          persistentVolumeReclaimPolicy: String(sc.reclaimPolicy ?? "Delete"),
          storageClassName: scName,
          volumeMode: spec.volumeMode ?? "Filesystem",
          claimRef: {
            apiVersion: "v1",
            kind: "PersistentVolumeClaim",
            name: name2,
            namespace: ns,
            uid: pvc.metadata.uid,
            resourceVersion: pvc.metadata.resourceVersion
          },
          csi: { driver: provisioner, volumeHandle: pvName, fsType: "ext4" }
        }
      });
      writeStatus(api, pvRt, pv, { phase: "Bound" });
    }
    const annotations = {
      ...pvc.metadata.annotations ?? {},
      "pv.kubernetes.io/bind-completed": "yes",
      "pv.kubernetes.io/bound-by-controller": "yes",
      "volume.beta.kubernetes.io/storage-provisioner": provisioner,
      "volume.kubernetes.io/storage-provisioner": provisioner
    };
    pvc = api.update(pvcRt, ns, name2, {
      ...pvc,
      metadata: { ...pvc.metadata, annotations },
      spec: { ...spec, storageClassName: scName, volumeName: pvName }
    });
    writeStatus(api, pvcRt, pvc, { phase: "Bound", accessModes, capacity: { storage } });
    events.record(
      pvc,
      "Normal",
      "ProvisioningSucceeded",
      `Successfully provisioned volume ${pvName}`,
      `${provisioner}_lab`
    );
  }
  /** Reclaim: the PV of a deleted claim goes away (Delete) or turns Released (Retain). */
  onClaimDeleted(pvc) {
    const { api } = this.ctx;
    const pvRt = api.rt("v1", "PersistentVolume");
    for (const pv of api.store.scan("persistentvolumes")) {
      const ref = pv.spec.claimRef;
      if (ref?.uid !== pvc.metadata.uid) continue;
      try {
        if (pv.spec.persistentVolumeReclaimPolicy === "Delete")
          api.delete(pvRt, void 0, pv.metadata.name ?? "");
        else writeStatus(api, pvRt, pv, { phase: "Released" });
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
      }
    }
  }
};

// src/lab/kube/controllers/manager.ts
var ControllerManager = class {
  constructor(api, opts) {
    this.api = api;
    this.clock = new Clock(opts.timeScale);
    const events = new EventRecorder(api);
    this.ctx = {
      api,
      clock: this.clock,
      events,
      logs: this.logs,
      faults: opts.faults,
      readyDelayMs: opts.readyDelayMs,
      nodeReadyDelayMs: opts.nodeReadyDelayMs,
      caPem: opts.caPem,
      enqueuePod: (ns, name2) => this.q.pod.add(`${ns}/${name2}`)
    };
    this.jobs = new JobController(this.ctx, {
      sandboxDir: opts.jobSandboxDir,
      baseEnv: opts.jobBaseEnv,
      resolveCommand: opts.resolveJobCommand
    });
    const pods = new PodController(this.ctx, (p) => this.jobs.startPod(p));
    const deployments = new DeploymentController(this.ctx);
    const daemonsets = new DaemonSetController(this.ctx);
    const statefulsets = new StatefulSetController(this.ctx);
    const lbs = new LoadBalancerController(this.ctx);
    const volumes = new VolumeController(this.ctx);
    this.nodes = new NodeController(this.ctx);
    this.ingressHttp = new IngressHttpController(this.ctx);
    const queue = (name2, fn) => {
      const wq = new WorkQueue(name2, (k) => {
        const [ns, n] = splitKey(k);
        fn(ns ?? "", n);
      });
      this.queues.push(wq);
      return wq;
    };
    this.q = {
      pod: queue("pods", (ns, n) => pods.handle(ns, n)),
      rs: queue("replicasets", (ns, n) => deployments.handleReplicaSet(ns, n)),
      deploy: queue("deployments", (ns, n) => deployments.handleDeployment(ns, n)),
      ds: queue("daemonsets", (ns, n) => daemonsets.handle(ns, n)),
      sts: queue("statefulsets", (ns, n) => statefulsets.handle(ns, n)),
      job: queue("jobs", (ns, n) => this.jobs.handle(ns, n)),
      svc: queue("services", (ns, n) => lbs.handle(ns, n)),
      pvc: queue("pvcs", (ns, n) => volumes.handle(ns, n))
    };
    this.unsubscribe = api.store.subscribe((e) => {
      this.route(e, pods, volumes);
      if (/^(services|deployments\.apps|daemonsets\.apps|ingressclasses\.)/.test(e.gr))
        this.ingressHttp.sync();
    });
  }
  api;
  logs = new PodLogs();
  clock;
  nodes;
  ctx;
  queues = [];
  unsubscribe;
  jobs;
  ingressHttp;
  q;
  all(gr, q, filter = () => true) {
    for (const o of this.api.store.scan(gr)) if (filter(o)) q.add(key(o));
  }
  route(e, pods, volumes) {
    const o = e.object;
    const k = key(o);
    const ns = o.metadata.namespace ?? "";
    const owner = controllerOf(o);
    const ownerKey = owner ? `${ns}/${owner.name}` : "";
    switch (e.gr) {
      case "pods": {
        if (e.type === "DELETED") {
          pods.forget(ns, o.metadata.name ?? "");
          this.jobs.onPodDeleted(ns, o.metadata.name ?? "");
          this.logs.drop(ns, o.metadata.name ?? "");
        } else this.q.pod.add(k);
        const target = {
          ReplicaSet: this.q.rs,
          DaemonSet: this.q.ds,
          StatefulSet: this.q.sts,
          Job: this.q.job
        }[owner?.kind ?? ""];
        target?.add(ownerKey);
        break;
      }
      case "replicasets.apps":
        if (e.type !== "DELETED") this.q.rs.add(k);
        if (owner?.kind === "Deployment") this.q.deploy.add(ownerKey);
        this.runningPods(ns);
        break;
      case "deployments.apps":
        if (e.type !== "DELETED") this.q.deploy.add(k);
        this.runningPods(ns);
        break;
      case "daemonsets.apps":
        if (e.type !== "DELETED") this.q.ds.add(k);
        this.runningPods(ns);
        break;
      case "statefulsets.apps":
        if (e.type !== "DELETED") this.q.sts.add(k);
        this.runningPods(ns);
        break;
      case "jobs.batch":
        if (e.type !== "DELETED") this.q.job.add(k);
        break;
      case "nodes":
        if (e.type === "DELETED") this.nodes.onNodeDeleted(o);
        this.all("daemonsets.apps", this.q.ds);
        this.all("statefulsets.apps", this.q.sts);
        this.all("pods", this.q.pod, (p) => {
          const node = p.spec.nodeName;
          return (!node || node === o.metadata.name) && podPhase(p) === "Pending";
        });
        break;
      case "services":
        if (e.type !== "DELETED") this.q.svc.add(k);
        else this.all("services", this.q.svc, (s) => s.spec.type === "LoadBalancer");
        break;
      case "ipaddresspools.metallb.io":
        this.all("services", this.q.svc, (s) => s.spec.type === "LoadBalancer");
        break;
      case "persistentvolumeclaims":
        if (e.type === "DELETED") volumes.onClaimDeleted(o);
        else this.q.pvc.add(k);
        this.all(
          "pods",
          this.q.pod,
          (p) => p.metadata.namespace === ns && !p.spec.nodeName
        );
        break;
      case "storageclasses.storage.k8s.io":
        this.all(
          "persistentvolumeclaims",
          this.q.pvc,
          (c) => c.status?.phase !== "Bound"
        );
        break;
      case "namespaces":
        if (e.type === "ADDED") this.api.later(() => this.seedNamespace(o.metadata.name ?? ""));
        break;
    }
  }
  /** A workload change may add or remove a never-ready fault: re-check its namespace's pods. */
  runningPods(ns) {
    for (const p of this.api.store.scan("pods", ns))
      if (podPhase(p) === "Running") this.q.pod.add(key(p));
  }
  /** What the service-account and root-CA publishers put in every namespace. */
  seedNamespace(ns) {
    const { api } = this;
    try {
      if (!api.store.peek("serviceaccounts", ns, "default")) {
        api.create(api.rt("v1", "ServiceAccount"), ns, {
          apiVersion: "v1",
          kind: "ServiceAccount",
          metadata: { name: "default", namespace: ns }
        });
      }
      if (!api.store.peek("configmaps", ns, "kube-root-ca.crt")) {
        api.create(api.rt("v1", "ConfigMap"), ns, {
          apiVersion: "v1",
          kind: "ConfigMap",
          metadata: { name: "kube-root-ca.crt", namespace: ns },
          data: { "ca.crt": this.ctx.caPem }
        });
      }
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
  }
  registerNode(name2, reg) {
    this.nodes.register(name2, reg);
  }
  removeNode(name2) {
    this.nodes.remove(name2);
  }
  stopKubelet(name2) {
    this.nodes.stopKubelet(name2);
    this.jobs.kubeletStopped(name2);
  }
  async close() {
    this.unsubscribe();
    for (const q of this.queues) q.stop();
    this.clock.stop();
    this.logs.closeAll();
    await this.ingressHttp.close();
    await this.jobs.close();
  }
};

// src/lab/kube/crds.ts
function crdAdmission(registry) {
  return (rt, obj2) => {
    if (rt.kind !== "CustomResourceDefinition" || rt.group !== "apiextensions.k8s.io") return;
    const spec = obj2.spec ?? {};
    const names = spec.names ?? {};
    const expected = `${String(names.plural ?? "")}.${String(spec.group ?? "")}`;
    if (obj2.metadata.name !== expected) {
      throw invalid(
        rt,
        obj2.metadata.name ?? "",
        `metadata.name: Invalid value: "${obj2.metadata.name ?? ""}": must be spec.names.plural+"."+spec.group`
      );
    }
    const versions = spec.versions ?? [];
    if (versions.length === 0)
      throw invalid(
        rt,
        expected,
        "spec.versions: Invalid value: must have exactly one version marked as storage version"
      );
    const problem = registry.registerCrd(obj2);
    if (problem) throw invalid(rt, expected, problem);
    const t = now();
    const prev = obj2.status?.conditions ?? [];
    const keep = (type) => prev.find((c) => c.type === type && c.status === "True")?.lastTransitionTime ?? t;
    const storage = versions.find((v) => v.storage === true) ?? versions[0];
    const stored = new Set(
      obj2.status?.storedVersions ?? []
    );
    stored.add(String(storage?.name));
    obj2.status = {
      acceptedNames: {
        ...names,
        listKind: names.listKind ?? `${String(names.kind)}List`,
        singular: names.singular ?? String(names.kind ?? "").toLowerCase()
      },
      conditions: [
        {
          type: "NamesAccepted",
          status: "True",
          reason: "NoConflicts",
          message: "no conflicts found",
          lastTransitionTime: keep("NamesAccepted")
        },
        {
          type: "Established",
          status: "True",
          reason: "InitialNamesAccepted",
          message: "the initial names have been accepted",
          lastTransitionTime: keep("Established")
        }
      ],
      storedVersions: [...stored]
    };
  };
}

// src/lab/kube/kubeconfig.ts
var import_yaml2 = __toESM(require_dist(), 1);
function renderKubeconfig(p) {
  const cluster = p.cluster ?? "rk1-lab";
  const context = p.context ?? `${p.user}@${cluster}`;
  return (0, import_yaml2.stringify)({
    apiVersion: "v1",
    kind: "Config",
    preferences: {},
    clusters: [
      {
        name: cluster,
        cluster: {
          server: p.server,
          "certificate-authority-data": Buffer.from(p.caPem).toString("base64")
        }
      }
    ],
    users: [{ name: p.user, user: { token: p.token } }],
    contexts: [{ name: context, context: { cluster, user: p.user } }],
    "current-context": context
  });
}

// src/lab/kube/server.ts
import { createServer as createServer4 } from "node:https";

// src/lab/kube/discovery.ts
import { createHash as createHash7 } from "node:crypto";
var AGGREGATED_CONTENT_TYPE = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";
function versionInfo(gitVersion) {
  const m = /^v(\d+)\.(\d+)/.exec(gitVersion);
  return {
    major: m?.[1] ?? "1",
    minor: m?.[2] ?? "35",
    emulationMajor: m?.[1] ?? "1",
    emulationMinor: m?.[2] ?? "35",
    gitVersion,
    gitCommit: "0000000000000000000000000000000000000000",
    gitTreeState: "clean",
    buildDate: "2026-01-01T00:00:00Z",
    goVersion: "go1.25.0",
    compiler: "gc",
    platform: "linux/arm64"
  };
}
function apiVersions(serverAddress) {
  return {
    kind: "APIVersions",
    versions: ["v1"],
    serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress }]
  };
}
function groupDoc(registry, group) {
  const entry = registry.groupVersions().find((g) => g.group === group);
  if (!entry) return void 0;
  const versions = entry.versions.map((v) => ({ groupVersion: `${group}/${v}`, version: v }));
  return { name: group, versions, preferredVersion: versions[0] };
}
function apiGroupList(registry) {
  const groups = registry.groupVersions().filter((g) => g.group !== "").map((g) => groupDoc(registry, g.group));
  return { kind: "APIGroupList", apiVersion: "v1", groups };
}
function apiGroup(registry, group) {
  const doc = groupDoc(registry, group);
  return doc ? { kind: "APIGroup", apiVersion: "v1", ...doc } : void 0;
}
function storageVersionHash(rt) {
  return createHash7("sha256").update(`${rt.group}/${rt.version}/${rt.kind}`).digest("base64").slice(0, 11);
}
function subVerbs(sub) {
  return sub === "log" ? ["get"] : ["get", "patch", "update"];
}
function apiResourceList(registry, group, version2) {
  const types = registry.all().filter((t) => t.group === group && t.version === version2);
  if (types.length === 0) return void 0;
  const resources = [];
  for (const t of types) {
    resources.push({
      name: t.resource,
      singularName: t.singular,
      namespaced: t.namespaced,
      kind: t.kind,
      verbs: t.verbs,
      ...t.shortNames.length > 0 ? { shortNames: t.shortNames } : {},
      ...t.categories.length > 0 ? { categories: t.categories } : {},
      storageVersionHash: storageVersionHash(t)
    });
    for (const sub of t.subresources) {
      resources.push({
        name: `${t.resource}/${sub}`,
        singularName: "",
        namespaced: t.namespaced,
        ...sub === "scale" ? { group: "autoscaling", version: "v1", kind: "Scale" } : { kind: t.kind },
        verbs: subVerbs(sub)
      });
    }
  }
  return {
    kind: "APIResourceList",
    apiVersion: "v1",
    groupVersion: apiVersionOf({ group, version: version2 }),
    resources
  };
}
function discoveryResource(t) {
  return {
    resource: t.resource,
    responseKind: { group: t.group, version: t.version, kind: t.kind },
    scope: t.namespaced ? "Namespaced" : "Cluster",
    singularResource: t.singular,
    verbs: t.verbs,
    ...t.shortNames.length > 0 ? { shortNames: t.shortNames } : {},
    ...t.categories.length > 0 ? { categories: t.categories } : {},
    ...t.subresources.length > 0 ? {
      subresources: t.subresources.map((s) => ({
        subresource: s,
        responseKind: s === "scale" ? { group: "autoscaling", version: "v1", kind: "Scale" } : { group: t.group, version: t.version, kind: t.kind },
        verbs: subVerbs(s)
      }))
    } : {}
  };
}
function aggregatedDiscovery(registry, core) {
  const items = registry.groupVersions().filter((g) => g.group === "" === core).map((g) => ({
    metadata: { name: g.group, creationTimestamp: null },
    versions: sortVersions(g.versions).map((v) => ({
      version: v,
      resources: registry.all().filter((t) => t.group === g.group && t.version === v).map(discoveryResource),
      freshness: "Current"
    }))
  }));
  return {
    kind: "APIGroupDiscoveryList",
    apiVersion: "apidiscovery.k8s.io/v2",
    metadata: {},
    items
  };
}
function gvPath(group, version2) {
  return group ? `apis/${group}/${version2}` : `api/${version2}`;
}
function openApiV3Index(registry) {
  const paths = {};
  for (const g of registry.groupVersions()) {
    for (const v of g.versions) {
      const p = gvPath(g.group, v);
      const hash = openApiHash(registry, g.group, v);
      paths[p] = { serverRelativeURL: `/openapi/v3/${p}?hash=${hash}` };
    }
  }
  return { paths };
}
function openApiHash(registry, group, version2) {
  const types = registry.all().filter((t) => t.group === group && t.version === version2);
  return createHash7("sha512").update(JSON.stringify(types)).digest("hex").slice(0, 64).toUpperCase();
}
var QUERY_PARAMS = ["dryRun", "fieldManager", "fieldValidation", "force", "pretty"];
function operation(t, action, verb) {
  return {
    description: `${verb} the specified ${t.kind}`,
    operationId: `${verb}${t.kind}`,
    parameters: QUERY_PARAMS.map((name2) => ({
      name: name2,
      in: "query",
      description: name2,
      schema: { type: name2 === "force" ? "boolean" : "string", uniqueItems: true }
    })),
    responses: { "200": { description: "OK" } },
    "x-kubernetes-action": action,
    "x-kubernetes-group-version-kind": { group: t.group, version: t.version, kind: t.kind }
  };
}
function openApiV3Doc(registry, path3) {
  const m = /^(?:api\/(v1)|apis\/([^/]+)\/([^/]+))$/.exec(path3);
  if (!m) return void 0;
  const group = m[2] ?? "";
  const version2 = m[1] ?? m[3] ?? "";
  const types = registry.all().filter((t) => t.group === group && t.version === version2);
  if (types.length === 0) return void 0;
  const paths = {};
  for (const t of types) {
    const base = `/${gvPath(group, version2)}${t.namespaced ? "/namespaces/{namespace}" : ""}/${t.resource}`;
    paths[base] = { get: operation(t, "list", "list"), post: operation(t, "post", "create") };
    paths[`${base}/{name}`] = {
      get: operation(t, "get", "read"),
      put: operation(t, "put", "replace"),
      patch: operation(t, "patch", "patch"),
      delete: operation(t, "delete", "delete")
    };
  }
  return {
    openapi: "3.0.0",
    info: { title: "Kubernetes (rk1 lab, simulated)", version: apiVersionOf({ group, version: version2 }) },
    paths,
    components: { schemas: {} }
  };
}

// src/lab/kube/http.ts
var import_yaml3 = __toESM(require_dist(), 1);

// src/lab/kube/proto.ts
var TIME = "time";
var TYPE_META = {
  1: { name: "apiVersion", type: "string" },
  2: { name: "kind", type: "string" }
};
var UNKNOWN = {
  1: { name: "typeMeta", type: TYPE_META },
  2: { name: "raw", type: "bytes" },
  3: { name: "contentEncoding", type: "string" },
  4: { name: "contentType", type: "string" }
};
var OWNER_REF = {
  1: { name: "kind", type: "string" },
  3: { name: "name", type: "string" },
  4: { name: "uid", type: "string" },
  5: { name: "apiVersion", type: "string" },
  6: { name: "controller", type: "bool" },
  7: { name: "blockOwnerDeletion", type: "bool" }
};
var OBJECT_META = {
  1: { name: "name", type: "string" },
  2: { name: "generateName", type: "string" },
  3: { name: "namespace", type: "string" },
  5: { name: "uid", type: "string" },
  6: { name: "resourceVersion", type: "string" },
  7: { name: "generation", type: "int" },
  8: { name: "creationTimestamp", type: TIME },
  9: { name: "deletionTimestamp", type: TIME },
  10: { name: "deletionGracePeriodSeconds", type: "int" },
  11: { name: "labels", type: "strmap" },
  12: { name: "annotations", type: "strmap" },
  13: { name: "ownerReferences", type: OWNER_REF, repeated: true },
  14: { name: "finalizers", type: "string", repeated: true }
};
var OBJECT_REF = {
  1: { name: "kind", type: "string" },
  2: { name: "namespace", type: "string" },
  3: { name: "name", type: "string" },
  4: { name: "uid", type: "string" },
  5: { name: "apiVersion", type: "string" },
  6: { name: "resourceVersion", type: "string" },
  7: { name: "fieldPath", type: "string" }
};
var LOCAL_REF = { 1: { name: "name", type: "string" } };
var KINDS = {
  "v1/Namespace": {
    1: { name: "metadata", type: OBJECT_META },
    2: { name: "spec", type: { 1: { name: "finalizers", type: "string", repeated: true } } },
    3: { name: "status", type: { 1: { name: "phase", type: "string" } } }
  },
  "v1/ConfigMap": {
    1: { name: "metadata", type: OBJECT_META },
    2: { name: "data", type: "strmap" },
    3: { name: "binaryData", type: "bytesmap" },
    4: { name: "immutable", type: "bool" }
  },
  "v1/Secret": {
    1: { name: "metadata", type: OBJECT_META },
    2: { name: "data", type: "bytesmap" },
    3: { name: "type", type: "string" },
    4: { name: "stringData", type: "strmap" },
    5: { name: "immutable", type: "bool" }
  },
  "v1/ServiceAccount": {
    1: { name: "metadata", type: OBJECT_META },
    2: { name: "secrets", type: OBJECT_REF, repeated: true },
    3: { name: "imagePullSecrets", type: LOCAL_REF, repeated: true },
    4: { name: "automountServiceAccountToken", type: "bool" }
  },
  "v1/DeleteOptions": {
    1: { name: "gracePeriodSeconds", type: "int" },
    2: {
      name: "preconditions",
      type: { 1: { name: "uid", type: "string" }, 2: { name: "resourceVersion", type: "string" } }
    },
    3: { name: "orphanDependents", type: "bool" },
    4: { name: "propagationPolicy", type: "string" },
    5: { name: "dryRun", type: "string", repeated: true }
  }
};
KINDS["meta.k8s.io/v1/DeleteOptions"] = KINDS["v1/DeleteOptions"];
KINDS["authorization.k8s.io/v1/SelfSubjectAccessReview"] = {
  1: { name: "metadata", type: OBJECT_META },
  2: {
    name: "spec",
    type: {
      1: {
        name: "resourceAttributes",
        type: {
          1: { name: "namespace", type: "string" },
          2: { name: "verb", type: "string" },
          3: { name: "group", type: "string" },
          4: { name: "version", type: "string" },
          5: { name: "resource", type: "string" },
          6: { name: "subresource", type: "string" },
          7: { name: "name", type: "string" }
        }
      },
      2: {
        name: "nonResourceAttributes",
        type: { 1: { name: "path", type: "string" }, 2: { name: "verb", type: "string" } }
      }
    }
  }
};
KINDS["authorization.k8s.io/v1/SelfSubjectRulesReview"] = {
  1: { name: "metadata", type: OBJECT_META },
  2: { name: "spec", type: { 1: { name: "namespace", type: "string" } } }
};
KINDS["authentication.k8s.io/v1/SelfSubjectReview"] = { 1: { name: "metadata", type: OBJECT_META } };
var Reader = class {
  constructor(buf) {
    this.buf = buf;
  }
  buf;
  pos = 0;
  get done() {
    return this.pos >= this.buf.length;
  }
  varint() {
    let result = 0n;
    let shift = 0n;
    for (; ; ) {
      if (this.pos >= this.buf.length) throw malformed();
      const b = this.buf[this.pos++] ?? 0;
      result |= BigInt(b & 127) << shift;
      if ((b & 128) === 0) return result;
      shift += 7n;
    }
  }
  bytes() {
    const len = Number(this.varint());
    if (this.pos + len > this.buf.length) throw malformed();
    const out = this.buf.subarray(this.pos, this.pos + len);
    this.pos += len;
    return out;
  }
  skip(wire) {
    if (wire === 0) this.varint();
    else if (wire === 1) this.pos += 8;
    else if (wire === 2) this.bytes();
    else if (wire === 5) this.pos += 4;
    else throw malformed();
  }
};
function malformed() {
  return new ApiError(400, "BadRequest", "the body of the request could not be decoded as protobuf");
}
function toInt64(v) {
  return Number(BigInt.asIntN(64, v));
}
function decodeMap(buf, bytesValue) {
  const r = new Reader(buf);
  let k = "";
  let v = "";
  while (!r.done) {
    const tag = Number(r.varint());
    const field = tag >> 3;
    if ((tag & 7) !== 2) {
      r.skip(tag & 7);
      continue;
    }
    const b = r.bytes();
    if (field === 1) k = b.toString("utf8");
    else if (field === 2) v = bytesValue ? b.toString("base64") : b.toString("utf8");
  }
  return [k, v];
}
function decodeTime(buf) {
  const r = new Reader(buf);
  let seconds2 = 0;
  while (!r.done) {
    const tag = Number(r.varint());
    if (tag >> 3 === 1 && (tag & 7) === 0) seconds2 = toInt64(r.varint());
    else r.skip(tag & 7);
  }
  return new Date(seconds2 * 1e3).toISOString().replace(/\.\d+Z$/, "Z");
}
function decodeMessage(buf, schema) {
  const out = {};
  const r = new Reader(buf);
  while (!r.done) {
    const tag = Number(r.varint());
    const f = schema[tag >> 3];
    const wire = tag & 7;
    if (!f) {
      r.skip(wire);
      continue;
    }
    let value;
    if (f.type === "int") value = toInt64(r.varint());
    else if (f.type === "bool") value = r.varint() !== 0n;
    else {
      const b = r.bytes();
      if (f.type === "string") value = b.toString("utf8");
      else if (f.type === "bytes") value = b;
      else if (f.type === "time") value = decodeTime(b);
      else if (f.type === "strmap" || f.type === "bytesmap") {
        const [k, v] = decodeMap(b, f.type === "bytesmap");
        const m = out[f.name] ??= {};
        m[k] = v;
        continue;
      } else value = decodeMessage(b, f.type);
    }
    if (f.repeated) (out[f.name] ??= []).push(value);
    else out[f.name] = value;
  }
  return out;
}
var PROTOBUF = "application/vnd.kubernetes.protobuf";
function decodeProtobuf(body) {
  if (body.length < 4 || body.subarray(0, 4).toString("latin1") !== "k8s\0") throw malformed();
  const env = decodeMessage(body.subarray(4), UNKNOWN);
  const tm = env.typeMeta ?? {};
  const apiVersion = String(tm.apiVersion ?? "");
  const kind = String(tm.kind ?? "");
  const schema = KINDS[`${apiVersion}/${kind}`];
  if (!schema) {
    throw new ApiError(
      415,
      "UnsupportedMediaType",
      `rk1 lab API: protobuf bodies are only decoded for Namespace, ConfigMap, Secret, ServiceAccount, DeleteOptions and access reviews, not ${apiVersion} ${kind}; send JSON (e.g. kubectl apply -f)`
    );
  }
  const obj2 = decodeMessage(env.raw ?? Buffer.alloc(0), schema);
  return { apiVersion, kind, ...obj2 };
}

// src/lab/kube/http.ts
var MAX_BODY = 16 * 1024 * 1024;
function readBody2(req) {
  return new Promise((resolve3, reject2) => {
    const chunks = [];
    let size = 0;
    req.on("data", (c) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject2(new ApiError(413, "RequestEntityTooLarge", "request is too large"));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on("end", () => resolve3(Buffer.concat(chunks)));
    req.on("error", reject2);
  });
}
function parseBody(body, contentType) {
  const type = (contentType ?? "application/json").split(";")[0]?.trim();
  if (type === PROTOBUF && typeof body !== "string")
    return body.length === 0 ? void 0 : decodeProtobuf(body);
  const raw2 = body.toString();
  if (raw2.trim() === "") return void 0;
  if (type === PROTOBUF || type === "application/cbor") {
    throw new ApiError(
      415,
      "UnsupportedMediaType",
      `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml`
    );
  }
  try {
    return type === "application/yaml" ? (0, import_yaml3.parse)(raw2) : JSON.parse(raw2);
  } catch {
    try {
      return (0, import_yaml3.parse)(raw2);
    } catch (e) {
      throw badRequest(`the body of the request could not be decoded: ${e.message}`);
    }
  }
}
function parseAccept(header) {
  if (!header) return [{ type: "*/*", params: {} }];
  return header.split(",").map((part) => {
    const [type, ...params] = part.split(";").map((s) => s.trim());
    const p = {};
    for (const kv of params) {
      const i = kv.indexOf("=");
      if (i > 0) p[kv.slice(0, i).trim()] = kv.slice(i + 1).trim();
    }
    return { type: type ?? "*/*", params: p };
  });
}
function negotiate(accept, discovery = false) {
  for (const m of accept) {
    if (m.type !== "application/json" && m.type !== "*/*" && m.type !== "application/*") continue;
    const as = m.params.as;
    if (!as) return "json";
    if (as === "Table" && m.params.g === "meta.k8s.io") return "table";
    if ((as === "PartialObjectMetadata" || as === "PartialObjectMetadataList") && m.params.g === "meta.k8s.io")
      return "partial";
    if (discovery && as === "APIGroupDiscoveryList" && m.params.g === "apidiscovery.k8s.io" && m.params.v === "v2")
      return "aggregated";
  }
  return void 0;
}
function tableVersion(accept) {
  const m = accept.find((a) => a.params.as === "Table");
  return `meta.k8s.io/${m?.params.v ?? "v1"}`;
}
function sendJson2(res, code, body, contentType = "application/json") {
  const text2 = JSON.stringify(body);
  res.writeHead(code, {
    "Content-Type": contentType,
    "Content-Length": Buffer.byteLength(text2),
    "Cache-Control": "no-cache, private",
    "Audit-Id": "lab"
  });
  res.end(text2);
}
function sendText2(res, code, text2) {
  res.writeHead(code, {
    "Content-Type": "text/plain; charset=utf-8",
    "Content-Length": Buffer.byteLength(text2)
  });
  res.end(text2);
}
function sendError(res, err) {
  if (res.headersSent) {
    res.end();
    return;
  }
  const e = err instanceof ApiError ? err : new ApiError(
    500,
    "InternalError",
    `Internal error occurred: ${err?.message ?? String(err)}`
  );
  sendJson2(res, e.code, e.toStatus());
}

// src/lab/kube/jsonpath.ts
function dig(o, path3) {
  let cur = o;
  for (const seg of path3.split(".").filter((p) => p !== "")) {
    if (!isObject(cur)) return void 0;
    cur = cur[seg];
  }
  return cur;
}
function jsonPath(o, path3) {
  const tokens = path3.replace(/^\{|\}$/g, "").match(/\.[^.[]+|\[[^\]]*\]/g) ?? [];
  let cur = [o];
  for (const t of tokens) {
    const next = [];
    for (const v of cur) {
      if (t.startsWith(".")) {
        if (isObject(v) && v[t.slice(1)] !== void 0) next.push(v[t.slice(1)]);
        continue;
      }
      if (!Array.isArray(v)) continue;
      const inner = t.slice(1, -1);
      const f = /^\?\(@\.([\w.-]+)\s*==\s*["']([^"']*)["']\)$/.exec(inner);
      if (inner === "*") next.push(...v);
      else if (f) next.push(...v.filter((x) => String(dig(x, f[1] ?? "")) === f[2]));
      else if (/^-?\d+$/.test(inner)) {
        const i = Number(inner);
        const x = v[i < 0 ? v.length + i : i];
        if (x !== void 0) next.push(x);
      }
    }
    cur = next;
  }
  return cur;
}

// src/lab/kube/tables.ts
function humanAge(since, at = Date.now()) {
  if (!since) return "<unknown>";
  const s = Math.floor((at - Date.parse(since)) / 1e3);
  if (s < 0) return "0s";
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 10) return s % 60 === 0 ? `${m}m` : `${m}m${s % 60}s`;
  if (m < 180) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 8) return m % 60 === 0 ? `${h}h` : `${h}h${m % 60}m`;
  if (h < 48) return `${h}h`;
  const d = Math.floor(h / 24);
  if (d < 8) return h % 24 === 0 ? `${d}d` : `${d}d${h % 24}h`;
  return d < 730 ? `${d}d` : `${Math.floor(d / 365)}y`;
}
function dig2(o, path3) {
  let cur = o;
  for (const seg of path3.split(".").filter((p) => p !== "")) {
    if (!isObject(cur)) return void 0;
    cur = cur[seg];
  }
  return cur;
}
var str = (v, empty = "<none>") => v === void 0 || v === null || v === "" ? empty : String(v);
var num = (o, p) => Number(dig2(o, p) ?? 0);
var conds = (o) => dig2(o, "status.conditions") ?? [];
var age = { name: "Age", cell: (o) => humanAge(o.metadata.creationTimestamp) };
var name = { name: "Name", format: "name", cell: (o) => o.metadata.name };
function images(o, which) {
  const cs = dig2(o, "spec.template.spec.containers") ?? [];
  return cs.map((c) => String(c[which] ?? "")).join(",");
}
function podStatus(o) {
  if (o.metadata.deletionTimestamp) return "Terminating";
  const cs = dig2(o, "status.containerStatuses") ?? [];
  for (const c of cs) {
    const st = c.state ?? {};
    const w = st.waiting;
    const t = st.terminated;
    if (w?.reason) return String(w.reason);
    if (t?.reason && dig2(o, "status.phase") !== "Succeeded") return String(t.reason);
  }
  return dig2(o, "status.phase") === "Succeeded" ? "Completed" : str(dig2(o, "status.phase"), "Unknown");
}
function nodeRoles(o) {
  const roles = Object.keys(o.metadata.labels ?? {}).filter((k) => k.startsWith("node-role.kubernetes.io/")).map((k) => k.slice("node-role.kubernetes.io/".length));
  return roles.length > 0 ? roles.sort().join(",") : "<none>";
}
function nodeAddress(o, type) {
  const a = (dig2(o, "status.addresses") ?? []).find((x) => x.type === type);
  return str(a?.address);
}
function servicePorts(o) {
  const ps = dig2(o, "spec.ports") ?? [];
  if (ps.length === 0) return "<none>";
  return ps.map(
    (p) => `${String(p.port)}${p.nodePort ? `:${String(p.nodePort)}` : ""}/${String(p.protocol ?? "TCP")}`
  ).join(",");
}
function externalIp(o) {
  const ing = (dig2(o, "status.loadBalancer.ingress") ?? []).map(
    (i) => String(i.ip ?? i.hostname ?? "")
  );
  if (ing.length > 0) return ing.join(",");
  return dig2(o, "spec.type") === "LoadBalancer" ? "<pending>" : "<none>";
}
var COLUMNS = {
  Node: [
    name,
    {
      name: "Status",
      cell: (o) => {
        const r = conds(o).find((c) => c.type === "Ready");
        const s = r?.status === "True" ? "Ready" : r?.status === "False" ? "NotReady" : "Unknown";
        return dig2(o, "spec.unschedulable") ? `${s},SchedulingDisabled` : s;
      }
    },
    { name: "Roles", cell: nodeRoles },
    age,
    { name: "Version", cell: (o) => str(dig2(o, "status.nodeInfo.kubeletVersion"), "") },
    { name: "Internal-IP", priority: 1, cell: (o) => nodeAddress(o, "InternalIP") },
    { name: "External-IP", priority: 1, cell: (o) => nodeAddress(o, "ExternalIP") },
    {
      name: "OS-Image",
      priority: 1,
      cell: (o) => str(dig2(o, "status.nodeInfo.osImage"), "<unknown>")
    },
    {
      name: "Kernel-Version",
      priority: 1,
      cell: (o) => str(dig2(o, "status.nodeInfo.kernelVersion"), "<unknown>")
    },
    {
      name: "Container-Runtime",
      priority: 1,
      cell: (o) => str(dig2(o, "status.nodeInfo.containerRuntimeVersion"), "<unknown>")
    }
  ],
  Pod: [
    name,
    {
      name: "Ready",
      cell: (o) => {
        const cs = dig2(o, "status.containerStatuses") ?? [];
        const total = (dig2(o, "spec.containers") ?? []).length;
        return `${cs.filter((c) => c.ready === true).length}/${total}`;
      }
    },
    { name: "Status", cell: podStatus },
    {
      name: "Restarts",
      type: "integer",
      cell: (o) => (dig2(o, "status.containerStatuses") ?? []).reduce(
        (n, c) => n + Number(c.restartCount ?? 0),
        0
      )
    },
    age,
    { name: "IP", priority: 1, cell: (o) => str(dig2(o, "status.podIP")) },
    { name: "Node", priority: 1, cell: (o) => str(dig2(o, "spec.nodeName")) },
    { name: "Nominated Node", priority: 1, cell: () => "<none>" },
    { name: "Readiness Gates", priority: 1, cell: () => "<none>" }
  ],
  Deployment: [
    name,
    { name: "Ready", cell: (o) => `${num(o, "status.readyReplicas")}/${num(o, "spec.replicas")}` },
    { name: "Up-to-date", type: "integer", cell: (o) => num(o, "status.updatedReplicas") },
    { name: "Available", type: "integer", cell: (o) => num(o, "status.availableReplicas") },
    age,
    { name: "Containers", priority: 1, cell: (o) => images(o, "name") },
    { name: "Images", priority: 1, cell: (o) => images(o, "image") }
  ],
  ReplicaSet: [
    name,
    { name: "Desired", type: "integer", cell: (o) => num(o, "spec.replicas") },
    { name: "Current", type: "integer", cell: (o) => num(o, "status.replicas") },
    { name: "Ready", type: "integer", cell: (o) => num(o, "status.readyReplicas") },
    age
  ],
  StatefulSet: [
    name,
    { name: "Ready", cell: (o) => `${num(o, "status.readyReplicas")}/${num(o, "spec.replicas")}` },
    age
  ],
  DaemonSet: [
    name,
    { name: "Desired", type: "integer", cell: (o) => num(o, "status.desiredNumberScheduled") },
    { name: "Current", type: "integer", cell: (o) => num(o, "status.currentNumberScheduled") },
    { name: "Ready", type: "integer", cell: (o) => num(o, "status.numberReady") },
    { name: "Up-to-date", type: "integer", cell: (o) => num(o, "status.updatedNumberScheduled") },
    { name: "Available", type: "integer", cell: (o) => num(o, "status.numberAvailable") },
    {
      name: "Node Selector",
      cell: (o) => {
        const sel = dig2(o, "spec.template.spec.nodeSelector") ?? {};
        const s = Object.entries(sel).map(([k, v]) => `${k}=${v}`).join(",");
        return s || "<none>";
      }
    },
    age
  ],
  Job: [
    name,
    {
      name: "Status",
      cell: (o) => {
        const c = conds(o).find(
          (x) => (x.type === "Complete" || x.type === "Failed") && x.status === "True"
        );
        return c ? c.type : dig2(o, "spec.suspend") ? "Suspended" : "Running";
      }
    },
    {
      name: "Completions",
      cell: (o) => `${num(o, "status.succeeded")}/${num(o, "spec.completions") || 1}`
    },
    {
      name: "Duration",
      cell: (o) => {
        const start = dig2(o, "status.startTime");
        const end = dig2(o, "status.completionTime");
        return start ? humanAge(start, end ? Date.parse(end) : Date.now()) : "";
      }
    },
    age
  ],
  Service: [
    name,
    { name: "Type", cell: (o) => str(dig2(o, "spec.type")) },
    { name: "Cluster-IP", cell: (o) => str(dig2(o, "spec.clusterIP")) },
    { name: "External-IP", cell: externalIp },
    { name: "Port(s)", cell: servicePorts },
    age,
    {
      name: "Selector",
      priority: 1,
      cell: (o) => {
        const sel = dig2(o, "spec.selector") ?? {};
        const s = Object.entries(sel).map(([k, v]) => `${k}=${v}`).join(",");
        return s || "<none>";
      }
    }
  ],
  Namespace: [name, { name: "Status", cell: (o) => str(dig2(o, "status.phase")) }, age],
  PersistentVolumeClaim: [
    name,
    { name: "Status", cell: (o) => str(dig2(o, "status.phase")) },
    { name: "Volume", cell: (o) => str(dig2(o, "spec.volumeName"), "") },
    { name: "Capacity", cell: (o) => str(dig2(o, "status.capacity.storage"), "") },
    {
      name: "Access Modes",
      cell: (o) => (dig2(o, "status.accessModes") ?? []).map(
        (m) => m.replace("ReadWriteOnce", "RWO").replace("ReadOnlyMany", "ROX").replace("ReadWriteMany", "RWX")
      ).join(",")
    },
    { name: "StorageClass", cell: (o) => str(dig2(o, "spec.storageClassName")) },
    { name: "VolumeAttributesClass", cell: () => "<unset>" },
    age
  ],
  PersistentVolume: [
    name,
    { name: "Capacity", cell: (o) => str(dig2(o, "spec.capacity.storage"), "") },
    { name: "Reclaim Policy", cell: (o) => str(dig2(o, "spec.persistentVolumeReclaimPolicy")) },
    { name: "Status", cell: (o) => str(dig2(o, "status.phase")) },
    {
      name: "Claim",
      cell: (o) => {
        const ref = dig2(o, "spec.claimRef");
        return ref ? `${String(ref.namespace)}/${String(ref.name)}` : "";
      }
    },
    { name: "StorageClass", cell: (o) => str(dig2(o, "spec.storageClassName"), "") },
    age
  ],
  StorageClass: [
    {
      ...name,
      cell: (o) => `${String(o.metadata.name)}${o.metadata.annotations?.["storageclass.kubernetes.io/is-default-class"] === "true" ? " (default)" : ""}`
    },
    { name: "Provisioner", cell: (o) => str(o.provisioner) },
    { name: "ReclaimPolicy", cell: (o) => str(o.reclaimPolicy) },
    { name: "VolumeBindingMode", cell: (o) => str(o.volumeBindingMode) },
    { name: "AllowVolumeExpansion", cell: (o) => String(o.allowVolumeExpansion === true) },
    age
  ],
  ConfigMap: [
    name,
    {
      name: "Data",
      type: "integer",
      cell: (o) => Object.keys(o.data ?? {}).length + Object.keys(o.binaryData ?? {}).length
    },
    age
  ],
  Secret: [
    name,
    { name: "Type", cell: (o) => str(o.type) },
    { name: "Data", type: "integer", cell: (o) => Object.keys(o.data ?? {}).length },
    age
  ],
  Event: [
    {
      name: "Last Seen",
      cell: (o) => humanAge(String(o.lastTimestamp ?? o.metadata.creationTimestamp))
    },
    { name: "Type", cell: (o) => str(o.type) },
    { name: "Reason", cell: (o) => str(o.reason) },
    {
      name: "Object",
      cell: (o) => {
        const io = o.involvedObject ?? {};
        return `${String(io.kind ?? "").toLowerCase()}/${String(io.name ?? "")}`;
      }
    },
    { name: "Message", cell: (o) => str(o.message, "") }
  ],
  CustomResourceDefinition: [
    name,
    { name: "Created At", type: "date", cell: (o) => o.metadata.creationTimestamp }
  ]
};
function columnsFor(rt) {
  const builtIn = !rt.crd ? COLUMNS[rt.kind] : void 0;
  if (builtIn) return builtIn;
  const extra = (rt.printerColumns ?? []).map((c) => ({
    name: c.name,
    type: c.type === "date" ? "string" : c.type,
    priority: c.priority ?? 0,
    cell: (o) => {
      const vals = jsonPath(o, c.jsonPath);
      if (vals.length === 0) return c.type === "date" ? "<unknown>" : null;
      if (c.type === "date") return humanAge(String(vals[0]));
      return vals.map((v) => isObject(v) || Array.isArray(v) ? JSON.stringify(v) : v).join(",");
    }
  }));
  if (rt.crd) return [name, ...extra, ...extra.some((c) => c.name === "Age") ? [] : [age]];
  return [name, { name: "Created At", type: "date", cell: (o) => o.metadata.creationTimestamp }];
}
function partialMetadata(o) {
  return { kind: "PartialObjectMetadata", apiVersion: "meta.k8s.io/v1", metadata: o.metadata };
}
function toTable(rt, items, resourceVersion, include) {
  const cols = columnsFor(rt);
  return {
    kind: "Table",
    apiVersion: "meta.k8s.io/v1",
    metadata: { resourceVersion },
    columnDefinitions: cols.map((c) => ({
      name: c.name,
      type: c.type ?? "string",
      format: c.format ?? "",
      description: c.name,
      priority: c.priority ?? 0
    })),
    rows: items.map((o) => ({
      cells: cols.map((c) => {
        const v = c.cell(o);
        return v === void 0 ? null : v;
      }),
      object: include === "Object" ? o : include === "None" ? void 0 : partialMetadata(o)
    }))
  };
}

// src/lab/kube/watch.ts
function serveWatch(api, res, p, onClose) {
  const gr = groupResource(p.rt);
  const apiVersion = apiVersionOf(p.rt);
  const visible = /* @__PURE__ */ new Set();
  let lastRv = 0;
  let ended = false;
  res.writeHead(200, {
    "Content-Type": "application/json",
    "Cache-Control": "no-cache, private",
    "Transfer-Encoding": "chunked"
  });
  res.socket?.setNoDelay(true);
  const encode = (o) => {
    const c = { ...o, apiVersion, kind: p.rt.kind };
    if (p.representation === "partial") return partialMetadata(c);
    if (p.representation === "table") {
      const t = toTable(p.rt, [c], c.metadata.resourceVersion ?? "", p.include);
      t.apiVersion = p.tableApiVersion;
      return t;
    }
    return c;
  };
  const send = (type, object) => {
    if (!ended) res.write(JSON.stringify({ type, object }) + "\n");
  };
  const inScope = (o) => p.ns === void 0 || o.metadata.namespace === p.ns;
  const matches2 = (o) => inScope(o) && p.label(o) && p.field(o);
  const id = (o) => `${o.metadata.namespace ?? ""}/${o.metadata.name ?? ""}`;
  const deliver = (e) => {
    if (e.gr !== gr || e.rv <= lastRv) return;
    lastRv = e.rv;
    const o = e.object;
    if (!inScope(o)) return;
    const k = id(o);
    if (e.type === "DELETED") {
      if (visible.delete(k) || matches2(o)) send("DELETED", encode(o));
      return;
    }
    const now2 = matches2(o);
    if (now2 && visible.has(k)) send("MODIFIED", encode(o));
    else if (now2) {
      visible.add(k);
      send("ADDED", encode(o));
    } else if (visible.delete(k)) send("DELETED", encode(o));
  };
  const buffered = [];
  let replaying = true;
  const unsubscribe = api.store.subscribe((e) => {
    if (replaying) buffered.push(e);
    else deliver(e);
  });
  const rv = p.resourceVersion;
  const initialSnapshot = p.sendInitialEvents || rv === void 0 || rv === "" || rv === "0";
  lastRv = api.store.resourceVersion;
  if (initialSnapshot) {
    for (const o of api.store.scan(gr, p.rt.namespaced ? p.ns : void 0)) {
      if (!matches2(o)) continue;
      visible.add(id(o));
      send("ADDED", encode(o));
    }
    if (p.sendInitialEvents && p.allowBookmarks) {
      send("BOOKMARK", {
        kind: p.rt.kind,
        apiVersion,
        metadata: {
          resourceVersion: String(lastRv),
          annotations: { "k8s.io/initial-events-end": "true" }
        }
      });
    }
  } else {
    const history = api.store.eventsSince(gr, Number(rv));
    if (!history) {
      send("ERROR", {
        kind: "Status",
        apiVersion: "v1",
        metadata: {},
        status: "Failure",
        message: `too old resource version: ${rv} (${api.store.resourceVersion})`,
        reason: "Expired",
        code: 410
      });
      finish();
      return;
    }
    lastRv = Number(rv);
    for (const e of history) {
      if (e.type !== "ADDED" && matches2(e.object)) visible.add(id(e.object));
      deliver(e);
    }
  }
  replaying = false;
  for (const e of buffered) deliver(e);
  const timer = p.timeoutSeconds && p.timeoutSeconds > 0 ? setTimeout(finish, p.timeoutSeconds * 1e3) : void 0;
  timer?.unref();
  res.on("close", finish);
  onClose(finish);
  function finish() {
    if (ended) return;
    ended = true;
    unsubscribe();
    if (timer) clearTimeout(timer);
    res.end();
  }
}

// src/lab/kube/handlers.ts
function writeOpts(q) {
  return {
    dryRun: q.getAll("dryRun").includes("All"),
    fieldManager: q.get("fieldManager") ?? void 0,
    force: q.get("force") === "true"
  };
}
function respondObject(req, res, rt, o, code = 200) {
  const accept = parseAccept(req.headers.accept);
  const rep = negotiate(accept);
  if (rep === "table") {
    const t = toTable(
      rt,
      [o],
      o.metadata.resourceVersion ?? "",
      new URL(req.url ?? "/", "https://x").searchParams.get(
        "includeObject"
      ) ?? "Metadata"
    );
    t.apiVersion = tableVersion(accept);
    sendJson2(res, code, t);
  } else if (rep === "partial") sendJson2(res, code, partialMetadata(o));
  else sendJson2(res, code, o);
}
async function handleResource(ctx2, req, res, r) {
  const { api } = ctx2;
  const { rt, ns, name: name2, sub, query } = r;
  const method = req.method ?? "GET";
  if (sub && sub !== "status" && sub !== "scale" && sub !== "log")
    throw notFound(rt, `${name2 ?? ""}/${sub}`);
  if (sub && !rt.subresources.includes(sub))
    throw new ApiError(404, "NotFound", "the server could not find the requested resource");
  if (!name2) {
    if (method === "GET") return list(ctx2, req, res, r);
    if (method === "POST") {
      const body = parseBody(await readBody2(req), req.headers["content-type"]);
      if (rt.verbs.length === 1 && rt.verbs[0] === "create") return review(ctx2, res, rt, body);
      const created = api.create(rt, ns, body, writeOpts(query));
      return respondObject(req, res, rt, created, 201);
    }
    if (method === "DELETE") {
      const items = api.list(
        rt,
        ns,
        parseLabelSelector(query.get("labelSelector")),
        parseFieldSelector(query.get("fieldSelector"))
      ).items;
      const deleted = items.map(
        (o) => api.delete(rt, o.metadata.namespace, o.metadata.name ?? "", {
          dryRun: writeOpts(query).dryRun
        })
      );
      return sendJson2(res, 200, {
        apiVersion: apiVersionOf(rt),
        kind: rt.listKind,
        metadata: { resourceVersion: String(api.store.resourceVersion) },
        items: deleted
      });
    }
    throw methodNotAllowed();
  }
  if (sub === "log") {
    if (method !== "GET") throw methodNotAllowed();
    return podLog(ctx2, res, rt, ns ?? "", name2, query);
  }
  if (sub === "scale") return scale(ctx2, req, res, rt, ns, name2);
  switch (method) {
    case "GET":
      return respondObject(req, res, rt, api.get(rt, ns, name2));
    case "PUT": {
      const body = parseBody(await readBody2(req), req.headers["content-type"]);
      const updated = api.update(rt, ns, name2, body, { ...writeOpts(query), subresource: sub });
      return respondObject(req, res, rt, updated);
    }
    case "PATCH": {
      const raw2 = (await readBody2(req)).toString("utf8");
      const { object, created } = api.patch(
        rt,
        ns,
        name2,
        String(req.headers["content-type"] ?? ""),
        raw2,
        { ...writeOpts(query), subresource: sub }
      );
      return respondObject(req, res, rt, object, created ? 201 : 200);
    }
    case "DELETE": {
      const body = parseBody(await readBody2(req), req.headers["content-type"]) ?? {};
      const deleted = api.delete(rt, ns, name2, {
        dryRun: writeOpts(query).dryRun || Array.isArray(body.dryRun) && body.dryRun.includes("All"),
        propagationPolicy: query.get("propagationPolicy") ?? body.propagationPolicy,
        preconditions: body.preconditions
      });
      return sendJson2(res, 200, deleted);
    }
    default:
      throw methodNotAllowed();
  }
}
function list(ctx2, req, res, r) {
  const { api } = ctx2;
  const { rt, ns, query } = r;
  if (!rt.verbs.includes("list")) throw methodNotAllowed();
  const accept = parseAccept(req.headers.accept);
  const rep = negotiate(accept) ?? "json";
  const label = parseLabelSelector(query.get("labelSelector"));
  const field = parseFieldSelector(query.get("fieldSelector"));
  const include = query.get("includeObject") ?? "Metadata";
  const watch = query.get("watch");
  if (watch === "true" || watch === "1") {
    serveWatch(
      api,
      res,
      {
        rt,
        ns,
        label,
        field,
        resourceVersion: query.get("resourceVersion") ?? void 0,
        sendInitialEvents: query.get("sendInitialEvents") === "true",
        allowBookmarks: query.get("allowWatchBookmarks") === "true",
        timeoutSeconds: query.has("timeoutSeconds") ? Number(query.get("timeoutSeconds")) : void 0,
        representation: rep === "aggregated" ? "json" : rep,
        include,
        tableApiVersion: tableVersion(accept)
      },
      ctx2.onClose
    );
    return;
  }
  const { items, resourceVersion } = api.list(rt, ns, label, field);
  if (rep === "table") {
    const t = toTable(rt, items, resourceVersion, include);
    t.apiVersion = tableVersion(accept);
    return sendJson2(res, 200, t);
  }
  if (rep === "partial") {
    return sendJson2(res, 200, {
      kind: "PartialObjectMetadataList",
      apiVersion: "meta.k8s.io/v1",
      metadata: { resourceVersion },
      items: items.map(partialMetadata)
    });
  }
  sendJson2(res, 200, {
    apiVersion: apiVersionOf(rt),
    kind: rt.listKind,
    metadata: { resourceVersion },
    items
  });
}
function review(ctx2, res, rt, body) {
  const o = isObject(body) ? structuredClone(body) : {};
  o.apiVersion = apiVersionOf(rt);
  o.kind = rt.kind;
  o.metadata = { creationTimestamp: null };
  if (rt.kind === "SelfSubjectAccessReview")
    o.status = { allowed: true, reason: "rk1 lab: every authenticated user is cluster-admin" };
  else if (rt.kind === "SelfSubjectRulesReview") {
    o.status = {
      resourceRules: [{ verbs: ["*"], apiGroups: ["*"], resources: ["*"] }],
      nonResourceRules: [{ verbs: ["*"], nonResourceURLs: ["*"] }],
      incomplete: false
    };
  } else
    o.status = {
      userInfo: { username: ctx2.username, groups: ["system:masters", "system:authenticated"] }
    };
  sendJson2(res, 201, o);
}
function scale(ctx2, req, res, rt, ns, name2) {
  const { api } = ctx2;
  const toScale = (o) => {
    const spec = o.spec ?? {};
    const status = o.status ?? {};
    return {
      kind: "Scale",
      apiVersion: "autoscaling/v1",
      metadata: {
        name: o.metadata.name,
        namespace: o.metadata.namespace,
        uid: o.metadata.uid,
        resourceVersion: o.metadata.resourceVersion,
        creationTimestamp: o.metadata.creationTimestamp
      },
      spec: { replicas: spec.replicas ?? 1 },
      status: {
        replicas: status.replicas ?? 0,
        selector: selectorToString(spec.selector)
      }
    };
  };
  const method = req.method ?? "GET";
  const obj2 = api.get(rt, ns, name2);
  if (method === "GET") {
    sendJson2(res, 200, toScale(obj2));
    return Promise.resolve();
  }
  return readBody2(req).then((buf) => {
    const raw2 = buf.toString("utf8");
    const current = toScale(obj2);
    let next;
    const type = String(req.headers["content-type"] ?? "").split(";")[0];
    if (method === "PUT") next = parseBody(raw2, req.headers["content-type"]);
    else if (method === "PATCH" && type === "application/json-patch+json")
      next = jsonPatch(current, JSON.parse(raw2));
    else if (method === "PATCH" && type === "application/strategic-merge-patch+json")
      next = strategicMerge(current, JSON.parse(raw2));
    else if (method === "PATCH") next = jsonMergePatch(current, parseBody(raw2, "application/yaml"));
    else throw methodNotAllowed();
    const replicas = Number(next.spec?.replicas);
    if (!Number.isInteger(replicas) || replicas < 0)
      throw badRequest("spec.replicas must be a non-negative integer");
    const updated = api.update(rt, ns, name2, { ...obj2, spec: { ...obj2.spec, replicas } });
    sendJson2(res, 200, toScale(updated));
  });
}
function podLog(ctx2, res, rt, ns, name2, q) {
  const pod = ctx2.api.get(rt, ns, name2);
  const spec = pod.spec;
  const names = spec.containers.map((c) => c.name);
  let container = q.get("container") ?? void 0;
  if (!container) {
    const dflt2 = pod.metadata.annotations?.["kubectl.kubernetes.io/default-container"];
    if (names.length === 1 || dflt2 && names.includes(dflt2))
      container = names.length === 1 ? names[0] : dflt2;
    else
      throw badRequest(
        `a container name must be specified for pod ${name2}, choose one of: [${names.join(" ")}]`
      );
  }
  if (!container || !names.includes(container))
    throw badRequest(`container ${container ?? ""} is not valid for pod ${name2}`);
  const log = ctx2.logs.get(ns, name2, container);
  const phase = String(pod.status?.phase ?? "Pending");
  if (!log) {
    if (phase === "Pending")
      throw badRequest(
        `container "${container}" in pod "${name2}" is waiting to start: ContainerCreating`
      );
    return sendText2(res, 200, "");
  }
  let text2 = log.text;
  const tail = q.get("tailLines");
  if (tail !== null) {
    const lines = text2.split("\n");
    const trailing = text2.endsWith("\n") ? lines.pop() : void 0;
    text2 = lines.slice(-Number(tail)).join("\n") + (trailing !== void 0 && lines.length > 0 ? "\n" : "");
    if (Number(tail) === 0) text2 = "";
  }
  const limit = q.get("limitBytes");
  if (limit !== null) text2 = text2.slice(0, Number(limit));
  if (q.get("follow") !== "true" || log.done) return sendText2(res, 200, text2);
  res.writeHead(200, { "Content-Type": "text/plain", "Transfer-Encoding": "chunked" });
  res.write(text2);
  const stop = ctx2.logs.follow(ns, name2, container, (chunk) => {
    if (chunk === null) {
      stop();
      res.end();
    } else res.write(chunk);
  });
  res.on("close", stop);
  ctx2.onClose(() => {
    stop();
    res.end();
  });
}

// src/lab/kube/server.ts
var HEALTH_CHECKS = [
  "ping",
  "log",
  "etcd",
  "informer-sync",
  "poststarthook/start-apiextensions-controllers",
  "poststarthook/crd-informer-synced"
];
function health(path3, verbose) {
  const kind = path3.split("/")[1] ?? "healthz";
  if (!verbose) return "ok";
  return `${HEALTH_CHECKS.map((c) => `[+]${c} ok`).join("\n")}
${kind} check passed
`;
}
function notFoundStatus() {
  return new ApiError(404, "NotFound", "the server could not find the requested resource");
}
var KubeHttpServer = class {
  constructor(deps) {
    this.deps = deps;
    this.server = createServer4(
      { key: deps.tls.keyPem, cert: deps.tls.certPem, noDelay: true },
      (req, res) => {
        this.dispatch(req, res).catch((e) => sendError(res, e));
      }
    );
    this.server.requestTimeout = 0;
    this.server.headersTimeout = 6e4;
    this.server.keepAliveTimeout = 3e4;
  }
  deps;
  server;
  streams = /* @__PURE__ */ new Set();
  closeStreams() {
    for (const fn of [...this.streams]) fn();
    this.streams.clear();
  }
  checkFault(method, path3) {
    for (const rule of this.deps.faults.apiErrors ?? []) {
      if (rule.method && rule.method.toUpperCase() !== method) continue;
      if (typeof rule.path === "string" ? rule.path !== path3 : !rule.path.test(path3)) continue;
      const now2 = Date.now();
      if (rule.from !== void 0 && now2 < rule.from || rule.until !== void 0 && now2 >= rule.until)
        continue;
      if (rule.times !== void 0) {
        if (rule.times <= 0) continue;
        rule.times--;
      }
      const reason = rule.status === 500 ? "InternalError" : rule.status === 503 ? "ServiceUnavailable" : rule.status === 429 ? "TooManyRequests" : rule.status === 403 ? "Forbidden" : rule.status === 504 ? "Timeout" : rule.status >= 500 ? "InternalError" : "BadRequest";
      throw new ApiError(
        rule.status,
        reason,
        rule.message ?? `lab fault injection: ${method} ${path3} fails with ${rule.status}`
      );
    }
  }
  authenticate(req) {
    const h = req.headers.authorization ?? "";
    const m = /^Bearer\s+(.+)$/i.exec(h);
    return m ? this.deps.tokens.get(m[1]?.trim() ?? "") : void 0;
  }
  async dispatch(req, res) {
    const url = new URL(req.url ?? "/", "https://lab.invalid");
    const path3 = url.pathname.replace(/\/+$/, "") || "/";
    const method = (req.method ?? "GET").toUpperCase();
    if (process.env.RK1_KUBE_DEBUG)
      console.error(
        `[kube] ${method} ${req.url} ct=${req.headers["content-type"] ?? ""} accept=${req.headers.accept ?? ""} ua=${req.headers["user-agent"] ?? ""}`
      );
    this.checkFault(method, path3);
    const { api } = this.deps;
    if (path3 === "/version") return sendJson2(res, 200, versionInfo(this.deps.gitVersion));
    if (/^\/(healthz|livez|readyz)(\/.*)?$/.test(path3))
      return sendText2(res, 200, health(path3, url.searchParams.has("verbose")));
    const user = this.authenticate(req);
    if (!user) {
      return sendJson2(res, 401, {
        kind: "Status",
        apiVersion: "v1",
        metadata: {},
        status: "Failure",
        message: "Unauthorized",
        reason: "Unauthorized",
        code: 401
      });
    }
    const accept = parseAccept(req.headers.accept);
    const segs = path3.split("/").filter((s) => s !== "").map(decodeURIComponent);
    if (path3 === "/api" || path3 === "/apis") {
      if (method !== "GET") throw notFoundStatus();
      const rep = negotiate(accept, true);
      if (rep === "aggregated")
        return sendJson2(
          res,
          200,
          aggregatedDiscovery(api.registry, path3 === "/api"),
          AGGREGATED_CONTENT_TYPE
        );
      if (rep === void 0)
        throw new ApiError(
          406,
          "NotAcceptable",
          "only the following media types are accepted: application/json"
        );
      return sendJson2(
        res,
        200,
        path3 === "/api" ? apiVersions(this.deps.address()) : apiGroupList(api.registry)
      );
    }
    if (segs[0] === "openapi") {
      if (segs[1] === "v3") {
        if (segs.length === 2) return sendJson2(res, 200, openApiV3Index(api.registry));
        const doc = openApiV3Doc(api.registry, segs.slice(2).join("/"));
        if (doc) return sendJson2(res, 200, doc);
      }
      throw notFoundStatus();
    }
    let group;
    let version2;
    let rest;
    if (segs[0] === "api" && segs.length >= 2) {
      group = "";
      version2 = segs[1] ?? "";
      rest = segs.slice(2);
    } else if (segs[0] === "apis" && segs.length >= 2) {
      group = segs[1] ?? "";
      if (segs.length === 2) {
        const doc = apiGroup(api.registry, group);
        if (!doc) throw notFoundStatus();
        return sendJson2(res, 200, doc);
      }
      version2 = segs[2] ?? "";
      rest = segs.slice(3);
    } else throw notFoundStatus();
    if (rest.length === 0) {
      const doc = apiResourceList(api.registry, group, version2);
      if (!doc) throw notFoundStatus();
      return sendJson2(res, 200, doc);
    }
    let ns;
    let resource;
    let name2;
    let sub;
    let extra;
    if (rest[0] === "namespaces" && rest.length >= 3 && rest[2] !== "status" && rest[2] !== "finalize") {
      ns = rest[1];
      [resource = "", name2, sub, ...extra] = rest.slice(2);
    } else {
      ;
      [resource = "", name2, sub, ...extra] = rest;
    }
    const rt = api.registry.find(group, version2, resource);
    if (!rt || extra.length > 0) throw notFoundStatus();
    if (ns !== void 0 && !rt.namespaced) throw notFoundStatus();
    if (rt.namespaced && ns === void 0 && name2 !== void 0) throw notFoundStatus();
    await handleResource(
      {
        api,
        logs: this.deps.logs,
        username: user,
        onClose: (fn) => {
          this.streams.add(fn);
          res.on("close", () => this.streams.delete(fn));
        }
      },
      req,
      res,
      { rt, ns, name: name2, sub, query: url.searchParams }
    );
  }
};

// src/lab/kube/store.ts
var HISTORY = 2e4;
function key2(ns, name2) {
  return `${ns ?? ""}/${name2}`;
}
var Store = class {
  rv = 1e3;
  data = /* @__PURE__ */ new Map();
  history = [];
  listeners = /* @__PURE__ */ new Set();
  get resourceVersion() {
    return this.rv;
  }
  /** Returns the stored object itself; callers must not mutate it. */
  peek(gr, ns, name2) {
    return this.data.get(gr)?.get(key2(ns, name2));
  }
  get(gr, ns, name2) {
    const o = this.peek(gr, ns, name2);
    return o ? structuredClone(o) : void 0;
  }
  /** Stored objects (not copies) of one resource, optionally one namespace, sorted by ns/name. */
  scan(gr, ns) {
    const m = this.data.get(gr);
    if (!m) return [];
    const out = [];
    for (const o of m.values()) if (ns === void 0 || o.metadata.namespace === ns) out.push(o);
    return out.sort(
      (a, b) => key2(a.metadata.namespace, a.metadata.name ?? "").localeCompare(
        key2(b.metadata.namespace, b.metadata.name ?? "")
      )
    );
  }
  resources() {
    return [...this.data.keys()];
  }
  /** Stores a new version of an object (assigning its resourceVersion) and emits the event. */
  put(gr, obj2) {
    let m = this.data.get(gr);
    if (!m) {
      m = /* @__PURE__ */ new Map();
      this.data.set(gr, m);
    }
    const k = key2(obj2.metadata.namespace, obj2.metadata.name ?? "");
    const type = m.has(k) ? "MODIFIED" : "ADDED";
    const rv = ++this.rv;
    obj2.metadata.resourceVersion = String(rv);
    m.set(k, obj2);
    this.emit({ type, gr, rv, object: obj2 });
    return structuredClone(obj2);
  }
  remove(gr, ns, name2) {
    const m = this.data.get(gr);
    const k = key2(ns, name2);
    const old = m?.get(k);
    if (!m || !old) return void 0;
    m.delete(k);
    const rv = ++this.rv;
    const gone = { ...old, metadata: { ...old.metadata, resourceVersion: String(rv) } };
    this.emit({ type: "DELETED", gr, rv, object: gone });
    return structuredClone(gone);
  }
  /** Events of one resource after `rv`, or undefined when the history no longer reaches back. */
  eventsSince(gr, rv) {
    const first = this.history[0];
    if (first && rv < first.rv - 1 && this.history.length >= HISTORY) return void 0;
    return this.history.filter((e) => e.gr === gr && e.rv > rv);
  }
  subscribe(fn) {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }
  emit(e) {
    this.history.push(e);
    if (this.history.length > HISTORY * 1.25) this.history = this.history.slice(-HISTORY);
    for (const fn of [...this.listeners]) {
      try {
        fn(e);
      } catch {
      }
    }
  }
};

// src/lab/kube/controllers/longhorn-manager.ts
var DISK_NAME_PREFIX = "default-disk-";
function isReady(pod) {
  const conditions2 = pod.status?.conditions;
  return (conditions2 ?? []).some((c) => c.type === "Ready" && c.status === "True");
}
function longhornDataPath(host) {
  const settings = host.objects({
    kind: "ConfigMap",
    namespace: "longhorn-system",
    name: "longhorn-default-setting"
  })[0];
  const text2 = settings?.data?.["default-setting.yaml"];
  return /default-data-path:\s*(\S+)/.exec(text2 ?? "")?.[1] ?? "/var/lib/longhorn";
}
function reconcileLonghornNodes(host) {
  if (host.objects({ kind: "CustomResourceDefinition", name: "nodes.longhorn.io" }).length === 0)
    return;
  const pods = host.objects({ kind: "Pod", namespace: "longhorn-system" }).filter((p) => p.metadata.name?.startsWith("longhorn-manager-") && isReady(p));
  for (const pod of pods) {
    const node = pod.spec.nodeName;
    if (!node) continue;
    if (host.objects({ kind: "Node", apiVersion: "longhorn.io/v1beta2", name: node }).length > 0)
      continue;
    const disk = `${DISK_NAME_PREFIX}${Buffer.from(node).toString("hex").padEnd(12, "0").slice(0, 12)}`;
    const obj2 = {
      apiVersion: "longhorn.io/v1beta2",
      kind: "Node",
      metadata: { name: node, namespace: "longhorn-system" },
      spec: {
        allowScheduling: true,
        disks: {
          [disk]: {
            path: longhornDataPath(host),
            allowScheduling: true,
            diskType: "filesystem",
            tags: []
          }
        }
      },
      status: { diskStatus: { [disk]: { conditions: [{ type: "Ready", status: "True" }] } } }
    };
    host.applyObject(obj2);
    host.applyObject(obj2);
  }
}
function concernsLonghorn(e) {
  return e.gr === "pods" && e.object.metadata.namespace === "longhorn-system" || e.gr.startsWith("customresourcedefinitions.");
}

// src/lab/kube/tls.ts
import { webcrypto as webcrypto2 } from "node:crypto";
import { isIP as isIP2 } from "node:net";
var ALG = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" };
var caPromise;
var serving = /* @__PURE__ */ new Map();
function serial() {
  const b = webcrypto2.getRandomValues(new Uint8Array(16));
  b[0] = (b[0] ?? 0) & 127 | 1;
  return Buffer.from(b).toString("hex");
}
function pem(label, der) {
  const b64 = Buffer.from(der).toString("base64").replace(/(.{64})/g, "$1\n");
  return `-----BEGIN ${label}-----
${b64.trim()}
-----END ${label}-----
`;
}
async function makeCa() {
  const x509 = await loadX509();
  const keys = await webcrypto2.subtle.generateKey(ALG, true, [
    "sign",
    "verify"
  ]);
  const now2 = Date.now();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: "CN=rk1-lab-kubernetes-ca, O=rk1-lab (simulated)",
    notBefore: new Date(now2 - 36e5),
    notAfter: new Date(now2 + 3650 * 864e5),
    keys,
    signingAlgorithm: ALG,
    extensions: [
      new x509.BasicConstraintsExtension(true, void 0, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature,
        true
      ),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey)
    ]
  });
  return { cert, keys, pem: cert.toString("pem") + "\n" };
}
async function servingCertificate(sans) {
  const names = [...new Set(sans)].sort();
  const cacheKey = names.join(",");
  let p = serving.get(cacheKey);
  if (!p) {
    p = issue2(names);
    serving.set(cacheKey, p);
  }
  return p;
}
async function issue2(names) {
  const x509 = await loadX509();
  caPromise ??= makeCa();
  const ca = await caPromise;
  const keys = await webcrypto2.subtle.generateKey(ALG, true, [
    "sign",
    "verify"
  ]);
  const now2 = Date.now();
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: "CN=kube-apiserver, O=rk1-lab (simulated)",
    issuer: ca.cert.subject,
    notBefore: new Date(now2 - 36e5),
    notAfter: new Date(now2 + 365 * 864e5),
    publicKey: keys.publicKey,
    signingKey: ca.keys.privateKey,
    signingAlgorithm: ALG,
    extensions: [
      new x509.BasicConstraintsExtension(false, void 0, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment,
        true
      ),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth], false),
      new x509.SubjectAlternativeNameExtension(
        names.map((n) => ({ type: isIP2(n) ? "ip" : "dns", value: n })),
        false
      ),
      await x509.AuthorityKeyIdentifierExtension.create(ca.keys.publicKey)
    ]
  });
  const pkcs8 = await webcrypto2.subtle.exportKey("pkcs8", keys.privateKey);
  return { caPem: ca.pem, certPem: cert.toString("pem") + "\n", keyPem: pem("PRIVATE KEY", pkcs8) };
}

// src/lab/kube/emulator.ts
var SIMULATED_ANNOTATION = "lab.rk1/simulated";
var LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|localhost)$/;
async function startKubeApiEmulator(opts = {}) {
  const host = opts.host ?? "127.0.0.1";
  if (!LOOPBACK.test(host))
    throw new Error(`the lab Kubernetes API only listens on loopback addresses, not ${host}`);
  const timeScale = opts.timeScale ?? 1;
  const faults = opts.faults ?? {};
  faults.neverReady ??= [];
  faults.apiErrors ??= [];
  const sans = [
    "127.0.0.1",
    "::1",
    "localhost",
    "kubernetes",
    "kubernetes.default",
    "kubernetes.default.svc",
    "kubernetes.default.svc.cluster.local",
    host,
    ...opts.sans ?? []
  ];
  const tls = await servingCertificate(sans);
  const store = new Store();
  const registry = new Registry();
  const api = new KubeApi(store, registry);
  api.addAdmission(crdAdmission(registry));
  const svc = serviceAdmission("10.43.0.0/16");
  api.addAdmission((rt, o, old) => svc(api, rt, o, old));
  const manager = new ControllerManager(api, {
    timeScale,
    readyDelayMs: opts.readyDelayMs ?? 3e3,
    nodeReadyDelayMs: opts.nodeReadyDelayMs ?? 5e3,
    faults,
    caPem: tls.caPem,
    jobSandboxDir: opts.jobSandboxDir,
    jobBaseEnv: opts.jobBaseEnv,
    resolveJobCommand: opts.resolveJobCommand
  });
  const nsRt = api.rt("v1", "Namespace");
  for (const ns of ["default", "kube-system", "kube-public", "kube-node-lease"]) {
    const annotations = ns === "kube-system" ? { [SIMULATED_ANNOTATION]: "true" } : void 0;
    api.create(nsRt, void 0, {
      apiVersion: "v1",
      kind: "Namespace",
      metadata: { name: ns, ...annotations ? { annotations } : {} }
    });
  }
  api.create(api.rt("v1", "Service"), "default", {
    apiVersion: "v1",
    kind: "Service",
    metadata: {
      name: "kubernetes",
      namespace: "default",
      labels: { component: "apiserver", provider: "kubernetes" }
    },
    spec: {
      ports: [{ name: "https", port: 443, protocol: "TCP", targetPort: 6443 }],
      type: "ClusterIP"
    }
  });
  const tokens = /* @__PURE__ */ new Map();
  const tokenFor = /* @__PURE__ */ new Map();
  let port = 0;
  const http = new KubeHttpServer({
    api,
    logs: manager.logs,
    tls,
    faults,
    tokens,
    gitVersion: opts.version ?? "v1.35.2",
    address: () => `${host}:${port}`
  });
  await new Promise((resolve3, reject2) => {
    http.server.once("error", reject2);
    http.server.listen(opts.port ?? 0, host, () => {
      http.server.off("error", reject2);
      resolve3();
    });
  });
  port = http.server.address().port;
  const urlHost = host.includes(":") ? `[${host}]` : host;
  const url = `https://${urlHost}:${port}`;
  let closed = false;
  const emulator = {
    url,
    host,
    port,
    caPem: tls.caPem,
    faults,
    kubeconfig(o = {}) {
      const user = o.user ?? "admin";
      let token = tokenFor.get(user);
      if (!token) {
        token = randomBytes4(24).toString("base64url");
        tokenFor.set(user, token);
        tokens.set(token, user);
      }
      return renderKubeconfig({
        server: o.server ?? url,
        caPem: tls.caPem,
        user,
        token,
        cluster: o.cluster,
        context: o.context
      });
    },
    registerNode(name2, reg) {
      manager.registerNode(name2, reg);
    },
    stopKubelet(name2) {
      manager.stopKubelet(name2);
    },
    removeNode(name2) {
      manager.removeNode(name2);
    },
    objects(filter = {}) {
      const out = [];
      for (const gr of store.resources().sort()) {
        for (const o of store.scan(gr)) {
          if (filter.apiVersion && o.apiVersion !== filter.apiVersion) continue;
          if (filter.kind && o.kind !== filter.kind) continue;
          if (filter.namespace !== void 0 && o.metadata.namespace !== filter.namespace) continue;
          if (filter.name && o.metadata.name !== filter.name) continue;
          out.push(structuredClone(o));
        }
      }
      return out;
    },
    applyObject(obj2) {
      const rt = api.rt(obj2.apiVersion, obj2.kind);
      const ns = rt.namespaced ? obj2.metadata.namespace ?? "default" : void 0;
      const existing = store.peek(groupResource(rt), ns, obj2.metadata.name ?? "");
      if (!existing) return api.create(rt, ns, obj2);
      const next = structuredClone(obj2);
      next.metadata.resourceVersion = void 0;
      const updated = api.update(rt, ns, obj2.metadata.name ?? "", next);
      return obj2.status !== void 0 && rt.subresources.includes("status") ? api.update(
        rt,
        ns,
        obj2.metadata.name ?? "",
        { ...updated, status: obj2.status },
        { subresource: "status" }
      ) : updated;
    },
    podLog(namespace, pod, container) {
      const p = store.peek("pods", namespace, pod);
      const c = container ?? p?.spec?.containers?.[0]?.name ?? "";
      return manager.logs.get(namespace, pod, c)?.text;
    },
    async close() {
      if (closed) return;
      closed = true;
      http.closeStreams();
      await manager.close();
      api.close();
      stopLonghorn();
      await new Promise((resolve3) => {
        http.server.close(() => resolve3());
        http.server.closeAllConnections();
      });
    }
  };
  let longhornPending = false;
  const stopLonghorn = store.subscribe((e) => {
    if (!concernsLonghorn(e) || longhornPending) return;
    longhornPending = true;
    setImmediate(() => {
      longhornPending = false;
      if (!closed) reconcileLonghornNodes(emulator);
    });
  });
  return emulator;
}

// src/lab/kube-hub.ts
var KubeHub = class {
  constructor(options2 = {}) {
    this.options = options2;
  }
  options;
  servers = /* @__PURE__ */ new Map();
  starting = /* @__PURE__ */ new Map();
  async startApiServer({
    ip,
    port,
    clusterId
  }) {
    const running = this.servers.get(ip);
    if (running && running.clusterId === clusterId) return running.server;
    if (running) await this.stopApiServer(ip);
    const pending = this.starting.get(ip);
    if (pending) return pending;
    const start = (async () => {
      const emulator = await startKubeApiEmulator({
        host: ip,
        port,
        timeScale: this.options.timeScale,
        jobSandboxDir: this.options.jobSandboxDir,
        resolveJobCommand: this.options.resolveJobCommand
      });
      const server = {
        url: emulator.url,
        kubeconfig: (override) => emulator.kubeconfig(override ? { server: override } : void 0)
      };
      this.servers.set(ip, { clusterId, emulator, server });
      return server;
    })();
    this.starting.set(ip, start);
    try {
      return await start;
    } finally {
      this.starting.delete(ip);
    }
  }
  async stopApiServer(ip) {
    const running = this.servers.get(ip);
    this.servers.delete(ip);
    await running?.emulator.close();
  }
  apiServer(ip) {
    return this.servers.get(ip)?.server;
  }
  /** The emulator itself, for tests and the lab's own checks. */
  emulator(ip) {
    return this.servers.get(ip)?.emulator;
  }
  registerNode(apiIp, node) {
    const running = this.servers.get(apiIp);
    if (!running) throw new Error(`no lab API server on ${apiIp}`);
    running.emulator.registerNode(node.name, {
      ip: node.ip,
      roles: node.roles,
      labels: node.labels
    });
  }
  removeNode(apiIp, name2) {
    this.servers.get(apiIp)?.emulator.removeNode(name2);
  }
  async close() {
    await Promise.all([...this.servers.keys()].map((ip) => this.stopApiServer(ip)));
  }
};

// src/lab/nodes/armbian/node.ts
var import_ssh22 = __toESM(require_lib(), 1);
import { existsSync as existsSync6, mkdirSync as mkdirSync6, readFileSync as readFileSync3, writeFileSync as writeFileSync6 } from "node:fs";
import { tmpdir as tmpdir3 } from "node:os";
import { join as join10 } from "node:path";
import { randomBytes as randomBytes9 } from "node:crypto";

// src/lab/nodes/armbian/tools/system.ts
var import_yaml4 = __toESM(require_dist(), 1);

// src/lab/nodes/armbian/tool-context.ts
import {
  existsSync as existsSync4,
  lstatSync,
  mkdirSync as mkdirSync4,
  readdirSync,
  readFileSync as readFileSync2,
  realpathSync,
  rmSync as rmSync2,
  symlinkSync,
  writeFileSync as writeFileSync4,
  chmodSync as chmodSync2
} from "node:fs";
import { dirname, join as join7, posix as posix2 } from "node:path";

// src/lab/nodes/armbian/sandbox.ts
import { execFileSync as execFileSync2, spawn as spawn3 } from "node:child_process";
import { chmodSync, mkdirSync as mkdirSync3, writeFileSync as writeFileSync3 } from "node:fs";
import { join as join6 } from "node:path";

// src/lab/nodes/armbian/standin-files.ts
var STANDIN_PATHS = {
  "apt-get": ["/usr/bin/apt-get", "/usr/bin/apt"],
  systemctl: ["/usr/bin/systemctl"],
  hostnamectl: ["/usr/bin/hostnamectl"],
  netplan: ["/usr/sbin/netplan"],
  modprobe: ["/usr/sbin/modprobe"],
  lsmod: ["/usr/sbin/lsmod"],
  sysctl: ["/usr/sbin/sysctl"],
  lsblk: ["/usr/bin/lsblk"],
  blkid: ["/usr/sbin/blkid"],
  findmnt: ["/usr/bin/findmnt"],
  wipefs: ["/usr/sbin/wipefs"],
  sgdisk: ["/usr/sbin/sgdisk"],
  parted: ["/usr/sbin/parted"],
  "mkfs.ext4": ["/usr/sbin/mkfs.ext4"],
  "mkfs.xfs": ["/usr/sbin/mkfs.xfs"],
  mount: ["/usr/bin/mount"],
  umount: ["/usr/bin/umount"],
  swapoff: ["/usr/sbin/swapoff"],
  swapon: ["/usr/sbin/swapon"],
  "iscsi-iname": ["/usr/sbin/iscsi-iname"],
  curl: ["/usr/bin/curl"],
  reboot: ["/usr/sbin/reboot"]
};
var TOOL_HELPER_SOURCE = `// rk1 lab stand-in helper: forwards one call to the lab process.
import { connect } from 'node:net'
const [tool, ...args] = process.argv.slice(2)
const chunks = []
const sock = connect('/usr/lib/rk1lab/lab.sock')
sock.on('connect', () => {
  sock.end(JSON.stringify({ tool, args, env: process.env, cwd: process.cwd() }) + '\\n')
})
sock.on('data', (d) => chunks.push(d))
sock.on('end', () => {
  let r
  try {
    r = JSON.parse(Buffer.concat(chunks).toString('utf8'))
  } catch {
    process.stderr.write(tool + ': lab stand-in: no answer from the lab\\n')
    process.exitCode = 1
    return
  }
  if (r.stdout) process.stdout.write(r.stdout)
  if (r.stderr) process.stderr.write(r.stderr)
  process.exitCode = r.code
})
sock.on('error', (e) => {
  process.stderr.write(tool + ': lab stand-in: ' + e.message + '\\n')
  process.exitCode = 1
})
`;

// src/lab/nodes/armbian/sandbox.ts
var NODE_WRITABLE_DIRS = [
  "etc",
  "root",
  "var",
  "tmp",
  "run",
  "home",
  "srv",
  "mnt",
  "boot",
  "opt",
  "media",
  "usr/local"
];
var DROPPED_CAPS = [
  "sys_admin",
  "mknod",
  "sys_rawio",
  "sys_module",
  "sys_boot",
  "sys_time",
  "sys_chroot",
  "sys_ptrace",
  "sys_pacct",
  "sys_tty_config",
  "sys_resource",
  "syslog",
  "net_admin",
  "net_raw",
  "dac_read_search",
  "linux_immutable",
  "mac_admin",
  "mac_override",
  "audit_control",
  "audit_write",
  "wake_alarm",
  "block_suspend",
  "bpf",
  "perfmon",
  "checkpoint_restore",
  "lease",
  "setpcap",
  "setfcap"
];
var BASE_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
var ENTER_SCRIPT = `# Runs as host root inside fresh namespaces; builds the node's root, then drops into it.
set -eu
PATH=/usr/sbin:/usr/bin:/sbin:/bin
R="$RK1LAB_ROOT"; N="$RK1LAB_NODE"; S="$RK1LAB_SANDBOX"
mount -t tmpfs -o mode=755 rk1lab-root "$R"
mkdir "$R/usr"
mount -t overlay rk1lab-usr -o "ro,lowerdir=$S/usr:/usr" "$R/usr"
for l in bin sbin lib lib32 lib64 libx32; do
  if [ -L "/$l" ]; then ln -s "$(readlink "/$l")" "$R/$l"
  elif [ -d "/$l" ]; then mkdir "$R/$l"; mount --bind "/$l" "$R/$l"; mount -o remount,bind,ro "$R/$l"
  fi
done
for d in $RK1LAB_DIRS; do
  [ -d "$R/$d" ] || mkdir -p "$R/$d"
  mount --bind "$N/fs/$d" "$R/$d"
done
mkdir "$R/dev"
mount -t tmpfs -o mode=755,nosuid rk1lab-dev "$R/dev"
for n in null zero full random urandom tty; do : > "$R/dev/$n"; mount --bind "/dev/$n" "$R/dev/$n"; done
ln -s /proc/self/fd "$R/dev/fd"
ln -s /proc/self/fd/0 "$R/dev/stdin"; ln -s /proc/self/fd/1 "$R/dev/stdout"; ln -s /proc/self/fd/2 "$R/dev/stderr"
mkdir "$R/dev/shm" "$R/dev/pts" "$R/dev/disk"
for disk in $RK1LAB_DISKS; do : > "$R/dev/$disk"; done
mkdir "$R/proc" "$R/sys"
mount -t proc rk1lab-proc "$R/proc"
mount --bind "$R/proc/sys" "$R/proc/sys"; mount -o remount,bind,ro "$R/proc/sys"
if [ -e "$R/proc/sysrq-trigger" ]; then mount --bind /dev/null "$R/proc/sysrq-trigger"; fi
if [ -n "\${RK1LAB_MEMINFO:-}" ]; then mount --bind "$RK1LAB_MEMINFO" "$R/proc/meminfo"; fi
if [ -n "\${RK1LAB_EMMC:-}" ] && [ -f "$RK1LAB_EMMC" ]; then : > "$R/dev/mmcblk0"; mount --bind "$RK1LAB_EMMC" "$R/dev/mmcblk0"; fi
mount --bind "$RK1LAB_SOCK" "$R/usr/lib/rk1lab/lab.sock"
mount --bind "$RK1LAB_NODEBIN" "$R/usr/lib/rk1lab/node"
hostname "$RK1LAB_HOSTNAME"
readarray -d '' -t envv < "$RK1LAB_ENVFILE"
cmd="$RK1LAB_CMD"
exec chroot "$R" /usr/bin/setpriv --bounding-set "$RK1LAB_CAPS" -- /usr/bin/env -i -C /root "\${envv[@]}" /bin/bash -c "$cmd"
`;
var SandboxUnavailableError = class extends Rk1Error {
};
var namespacesChecked;
function namespacesAvailable() {
  if (namespacesChecked === void 0) {
    try {
      execFileSync2("unshare", ["--mount", "--pid", "--uts", "--ipc", "--fork", "--", "true"], {
        stdio: "ignore",
        timeout: 1e4
      });
      namespacesChecked = true;
    } catch {
      namespacesChecked = false;
    }
  }
  return namespacesChecked;
}
function assertSandboxAvailable(slot, simulateUnavailable) {
  if (simulateUnavailable || !namespacesAvailable()) {
    throw new SandboxUnavailableError(
      "The lab Armbian node cannot isolate node commands from this host, so it refuses to start",
      {
        node: slot,
        step: "lab-node",
        evidence: simulateUnavailable ? "namespaces reported unavailable (simulated)" : "`unshare --mount --pid --uts --ipc --fork true` failed",
        advice: "Run the lab as root on Linux with mount/PID namespaces (a privileged container or a VM); the lab never runs node commands on the host itself."
      }
    );
  }
}
function prepareSandbox(layout) {
  const { sandboxDir, rootMount, fsDir } = layout;
  mkdirSync3(rootMount, { recursive: true });
  for (const d of NODE_WRITABLE_DIRS) mkdirSync3(join6(fsDir, d), { recursive: true });
  const usr = join6(sandboxDir, "usr");
  mkdirSync3(join6(usr, "lib/rk1lab"), { recursive: true });
  writeFileSync3(join6(usr, "lib/rk1lab/tool.mjs"), TOOL_HELPER_SOURCE);
  writeFileSync3(join6(usr, "lib/rk1lab/lab.sock"), "");
  writeFileSync3(join6(usr, "lib/rk1lab/node"), "");
  for (const [tool, paths] of Object.entries(STANDIN_PATHS)) {
    for (const p of paths) {
      const target = join6(usr, p.replace(/^\/usr\//, ""));
      mkdirSync3(join6(target, ".."), { recursive: true });
      writeFileSync3(target, standinScript(tool));
      chmodSync(target, 493);
    }
  }
  writeFileSync3(join6(sandboxDir, "enter.sh"), ENTER_SCRIPT);
}
function standinScript(tool) {
  return `#!/bin/bash
exec /usr/lib/rk1lab/node /usr/lib/rk1lab/tool.mjs ${tool} "$@"
`;
}
function sandboxInvocation(layout, cmd) {
  const env = {
    HOME: "/root",
    USER: "root",
    LOGNAME: "root",
    SHELL: "/bin/bash",
    LANG: "C.UTF-8",
    PATH: BASE_PATH,
    ...cmd.env
  };
  const envFile = join6(layout.sandboxDir, `env-${cmd.id}`);
  writeFileSync3(
    envFile,
    Object.entries(env).map(([k, v]) => `${k}=${v}\0`).join(""),
    { mode: 384 }
  );
  return {
    file: "unshare",
    args: [
      "--mount",
      "--pid",
      "--uts",
      "--ipc",
      "--fork",
      "--kill-child",
      "--propagation",
      "private",
      "--",
      "/bin/bash",
      join6(layout.sandboxDir, "enter.sh")
    ],
    env: {
      PATH: "/usr/sbin:/usr/bin:/sbin:/bin",
      RK1LAB_ROOT: layout.rootMount,
      RK1LAB_NODE: layout.dir,
      RK1LAB_SANDBOX: layout.sandboxDir,
      RK1LAB_DIRS: NODE_WRITABLE_DIRS.join(" "),
      RK1LAB_DISKS: cmd.devices.join(" "),
      RK1LAB_SOCK: layout.socketPath,
      RK1LAB_NODEBIN: process.execPath,
      RK1LAB_HOSTNAME: cmd.hostname,
      RK1LAB_ENVFILE: envFile,
      RK1LAB_CMD: cmd.command,
      RK1LAB_CAPS: DROPPED_CAPS.map((c) => `-${c}`).join(","),
      RK1LAB_EMMC: layout.emmcPath ?? "",
      RK1LAB_MEMINFO: layout.meminfoPath ?? ""
    }
  };
}
function spawnInSandbox(layout, cmd) {
  const run4 = sandboxInvocation(layout, cmd);
  return spawn3(run4.file, run4.args, {
    env: run4.env,
    stdio: ["pipe", "pipe", "pipe"],
    detached: true
  });
}

// src/lab/nodes/armbian/tool-context.ts
var ok2 = (stdout = "") => ({ stdout, stderr: "", code: 0 });
var fail2 = (code, stderr, stdout = "") => ({
  stdout,
  stderr: stderr.endsWith("\n") || stderr === "" ? stderr : `${stderr}
`,
  code
});
var NodeFiles = class {
  constructor(fsDir) {
    this.fsDir = fsDir;
  }
  fsDir;
  hostPath(nodePath, cwd = "/") {
    const abs = posix2.resolve(cwd, nodePath);
    const top = NODE_WRITABLE_DIRS.find((d) => abs === `/${d}` || abs.startsWith(`/${d}/`));
    if (!top) return void 0;
    const host = join7(this.fsDir, abs);
    let probe = host;
    while (!existsSync4(probe) && probe !== this.fsDir) probe = dirname(probe);
    let real;
    try {
      real = realpathSync(probe);
    } catch {
      return void 0;
    }
    const root = realpathSync(this.fsDir);
    return real === root || real.startsWith(`${root}/`) ? host : void 0;
  }
  read(nodePath, cwd = "/") {
    const p = this.hostPath(nodePath, cwd);
    if (!p) return void 0;
    try {
      return readFileSync2(p, "utf8");
    } catch {
      return void 0;
    }
  }
  exists(nodePath, cwd = "/") {
    const p = this.hostPath(nodePath, cwd);
    if (!p) return false;
    try {
      lstatSync(p);
      return true;
    } catch {
      return false;
    }
  }
  isDir(nodePath) {
    const p = this.hostPath(nodePath);
    try {
      return !!p && lstatSync(p).isDirectory();
    } catch {
      return false;
    }
  }
  write(nodePath, content, mode = 420) {
    const p = this.hostPath(nodePath);
    if (!p) throw new Error(`lab: ${nodePath} is outside the node's writable tree`);
    mkdirSync4(dirname(p), { recursive: true });
    rmSync2(p, { force: true });
    writeFileSync4(p, content, { mode });
    chmodSync2(p, mode);
  }
  symlink(target, nodePath) {
    const p = this.hostPath(nodePath);
    if (!p) throw new Error(`lab: ${nodePath} is outside the node's writable tree`);
    mkdirSync4(dirname(p), { recursive: true });
    rmSync2(p, { force: true });
    symlinkSync(target, p);
  }
  mkdir(nodePath) {
    const p = this.hostPath(nodePath);
    if (p) mkdirSync4(p, { recursive: true });
  }
  remove(nodePath) {
    const p = this.hostPath(nodePath);
    if (p) rmSync2(p, { recursive: true, force: true });
  }
  list(nodeDir) {
    const p = this.hostPath(nodeDir);
    try {
      return p ? readdirSync(p).sort() : [];
    } catch {
      return [];
    }
  }
};

// src/lab/nodes/armbian/tools/packages.ts
import { randomBytes as randomBytes5 } from "node:crypto";
var PREINSTALLED = [
  "bash",
  "coreutils",
  "util-linux",
  "e2fsprogs",
  "openssh-server",
  "systemd",
  "netplan.io",
  "curl",
  "ca-certificates",
  "iproute2",
  "kmod",
  "procps"
];
var PACKAGE_UNITS = {
  "open-iscsi": [
    { unit: "iscsid.service", enabled: false },
    { unit: "iscsid.socket", enabled: true },
    { unit: "open-iscsi.service", enabled: true }
  ],
  "nfs-common": [
    { unit: "rpcbind.service", enabled: true },
    { unit: "nfs-client.target", enabled: true }
  ]
};
var TOOL_PACKAGE = {
  "mkfs.xfs": "xfsprogs",
  sgdisk: "gdisk",
  parted: "parted",
  "iscsi-iname": "open-iscsi"
};
function requirePackage(ctx2, tool) {
  const pkg = TOOL_PACKAGE[tool];
  if (pkg && !ctx2.state.packages.includes(pkg)) {
    return fail2(127, `bash: line 1: ${tool}: command not found`);
  }
  return void 0;
}
var PKG_NAME = /^[a-z0-9][a-z0-9+.-]+$/;
var MISSING = /^(rk1lab-missing|nonexistent)/;
function version(pkg) {
  const n = [...pkg].reduce((a, c) => a + c.charCodeAt(0), 0);
  return `${1 + n % 5}.${n % 17}.${n % 7}-1`;
}
function installPackage(ctx2, pkg) {
  if (ctx2.state.packages.includes(pkg)) return;
  ctx2.state.packages.push(pkg);
  for (const { unit, enabled } of PACKAGE_UNITS[pkg] ?? []) {
    ctx2.state.services[unit] = { enabled, active: enabled };
  }
  if (pkg === "open-iscsi" && !ctx2.files.exists("/etc/iscsi/initiatorname.iscsi")) {
    ctx2.files.write(
      "/etc/iscsi/initiatorname.iscsi",
      `## DO NOT EDIT OR REMOVE THIS FILE!
InitiatorName=${iscsiName()}
`,
      384
    );
  }
}
function iscsiName() {
  return `iqn.2005-03.org.open-iscsi:${randomBytes5(6).toString("hex")}`;
}
var HEADER = "Reading package lists...\nBuilding dependency tree...\nReading state information...\n";
function aptGet(ctx2) {
  const words = [];
  let yes = false;
  const args = ctx2.call.args;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? "";
    if (a === "-y" || a === "--yes" || a === "--assume-yes" || /^-[a-z]*y[a-z]*$/.test(a))
      yes = true;
    else if (a === "-o" || a === "-t" || a === "-c") i++;
    else if (!a.startsWith("-")) words.push(a);
  }
  const [verb, ...pkgs] = words;
  switch (verb) {
    case void 0:
      return fail2(
        100,
        "E: No command given",
        "apt 3.0.3 (arm64)\nUsage: apt-get [options] command\n"
      );
    case "update":
      return ok2(
        "Hit:1 http://deb.debian.org/debian trixie InRelease\nHit:2 http://apt.armbian.com trixie InRelease\nReading package lists...\n"
      );
    case "upgrade":
    case "dist-upgrade":
    case "full-upgrade":
      return ok2(
        `${HEADER}Calculating upgrade...
0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.
`
      );
    case "clean":
    case "autoclean":
      return ok2();
    case "autoremove":
      return ok2(`${HEADER}0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.
`);
    case "install": {
      for (const p of pkgs) {
        if (!PKG_NAME.test(p) || MISSING.test(p)) {
          return fail2(100, `E: Unable to locate package ${p}`, HEADER);
        }
      }
      const fresh = [...new Set(pkgs.filter((p) => !ctx2.state.packages.includes(p)))];
      let out = HEADER;
      for (const p of pkgs.filter((x) => ctx2.state.packages.includes(x))) {
        out += `${p} is already the newest version (${version(p)}).
`;
      }
      if (fresh.length === 0) {
        return ok2(`${out}0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.
`);
      }
      out += `The following NEW packages will be installed:
  ${fresh.join(" ")}
`;
      out += `0 upgraded, ${fresh.length} newly installed, 0 to remove and 0 not upgraded.
`;
      if (!yes) return fail2(1, "", `${out}Do you want to continue? [Y/n] Abort.
`);
      for (const p of fresh) {
        out += `Get: http://deb.debian.org/debian trixie/main arm64 ${p} arm64 ${version(p)}
`;
      }
      for (const p of fresh) {
        out += `Setting up ${p} (${version(p)}) ...
`;
        installPackage(ctx2, p);
      }
      ctx2.save();
      return ok2(out);
    }
    case "remove":
    case "purge": {
      const present2 = pkgs.filter((p) => ctx2.state.packages.includes(p));
      ctx2.state.packages = ctx2.state.packages.filter((p) => !present2.includes(p));
      for (const p of present2) {
        for (const { unit } of PACKAGE_UNITS[p] ?? []) delete ctx2.state.services[unit];
      }
      ctx2.save();
      return ok2(
        `${HEADER}0 upgraded, 0 newly installed, ${present2.length} to remove and 0 not upgraded.
`
      );
    }
    default:
      return fail2(100, `E: Invalid operation ${verb}`);
  }
}

// src/lab/nodes/armbian/tools/system.ts
var KERNEL_RELEASE = "6.1.115-vendor-rk35xx";
function hostnamectl(ctx2) {
  const args = ctx2.call.args.filter((a) => !a.startsWith("--") || a === "--static");
  const [verb, name2] = args.filter((a) => !a.startsWith("-"));
  if ((verb === "set-hostname" || verb === "hostname") && name2 !== void 0) {
    if (!/^[a-zA-Z0-9]([a-zA-Z0-9-]{0,62})(\.[a-zA-Z0-9-]{1,63})*$/.test(name2)) {
      return fail2(1, `Invalid hostname '${name2}'`);
    }
    ctx2.state.hostname = name2;
    ctx2.files.write("/etc/hostname", `${name2}
`);
    ctx2.save();
    return ok2();
  }
  if (verb === "hostname" || ctx2.call.args.includes("--static"))
    return ok2(`${ctx2.state.hostname}
`);
  if (verb === void 0 || verb === "status") {
    return ok2(
      ` Static hostname: ${ctx2.state.hostname}
       Icon name: computer
Operating System: Armbian ${ctx2.state.armbianVersion} trixie
          Kernel: Linux ${KERNEL_RELEASE}
    Architecture: arm64
`
    );
  }
  return fail2(1, `Unknown command verb '${verb}'.`);
}
function netplan(ctx2) {
  const verb = ctx2.call.args.find((a) => !a.startsWith("-"));
  if (verb !== "apply" && verb !== "generate" && verb !== "get" && verb !== "try") {
    return fail2(1, `netplan: error: invalid choice: '${verb ?? ""}'`);
  }
  const files = {};
  const stderr = "";
  for (const name2 of ctx2.files.list("/etc/netplan").filter((n) => n.endsWith(".yaml"))) {
    const path3 = `/etc/netplan/${name2}`;
    const text2 = ctx2.files.read(path3) ?? "";
    const doc = (0, import_yaml4.parseDocument)(text2);
    const error = doc.errors[0];
    if (error) {
      const [line, col] = error.linePos?.[0] ? [error.linePos[0].line, error.linePos[0].col] : [1, 1];
      return fail2(
        1,
        `${stderr}${path3}:${line}:${col}: Invalid YAML: ${error.message.split("\n")[0]}`
      );
    }
    const value = doc.toJS();
    if (value !== null && (typeof value !== "object" || !("network" in value))) {
      return fail2(1, `${stderr}${path3}: Error in network definition: expected a 'network' mapping`);
    }
    files[name2] = text2;
  }
  if (verb === "get") return ok2(Object.values(files).join(""));
  if (verb === "apply" || verb === "try") {
    ctx2.state.netplanApplied = files;
    ctx2.save();
  }
  return { stdout: "", stderr, code: 0 };
}
var MODULES = /* @__PURE__ */ new Set([
  "br_netfilter",
  "overlay",
  "ip_vs",
  "ip_vs_rr",
  "ip_vs_wrr",
  "ip_vs_sh",
  "nf_conntrack",
  "iscsi_tcp",
  "libiscsi",
  "dm_crypt",
  "dm_mod",
  "dm_snapshot",
  "dm_thin_pool",
  "nfs",
  "nfsv4",
  "vxlan",
  "wireguard",
  "rknpu",
  "xfs",
  "iptable_nat",
  "iptable_filter",
  "ip_tables",
  "xt_conntrack",
  "nvme_tcp",
  "uio",
  "uio_pci_generic"
]);
function modprobe(ctx2) {
  const remove = ctx2.call.args.some((a) => a === "-r" || a === "--remove");
  const all = ctx2.call.args.some((a) => a === "-a" || a === "--all" || remove);
  let names = ctx2.call.args.filter((a) => !a.startsWith("-"));
  if (!all) names = names.slice(0, 1);
  if (names.length === 0) return fail2(1, "modprobe: ERROR: missing parameters. See -h.");
  for (const raw2 of names) {
    const name2 = raw2.replace(/-/g, "_");
    if (!MODULES.has(name2)) {
      return fail2(
        1,
        `modprobe: FATAL: Module ${raw2} not found in directory /lib/modules/${KERNEL_RELEASE}`
      );
    }
    if (remove) ctx2.state.modules = ctx2.state.modules.filter((m) => m !== name2);
    else if (!ctx2.state.modules.includes(name2)) ctx2.state.modules.push(name2);
  }
  ctx2.save();
  return ok2();
}
function lsmod(ctx2) {
  return ok2(
    "Module                  Size  Used by\n" + ctx2.state.modules.map((m) => `${m.padEnd(24)}${"16384".padStart(6)}  0
`).join("")
  );
}
var SYSCTL_DEFAULTS = {
  "net.ipv4.ip_forward": "0",
  "net.ipv4.conf.all.forwarding": "0",
  "net.ipv6.conf.all.forwarding": "0",
  "fs.inotify.max_user_instances": "128",
  "fs.inotify.max_user_watches": "29794",
  "fs.file-max": "9223372036854775807",
  "vm.swappiness": "100",
  "vm.max_map_count": "65530",
  "vm.overcommit_memory": "0",
  "vm.panic_on_oom": "0",
  "kernel.panic": "0",
  "kernel.panic_on_oops": "0",
  "net.core.somaxconn": "4096",
  "net.ipv4.conf.all.rp_filter": "0",
  "net.ipv4.ip_nonlocal_bind": "0"
};
var BRIDGE_KEYS = [
  "net.bridge.bridge-nf-call-iptables",
  "net.bridge.bridge-nf-call-ip6tables",
  "net.bridge.bridge-nf-call-arptables"
];
function sysctlGet(ctx2, key3) {
  if (BRIDGE_KEYS.includes(key3)) {
    return ctx2.state.modules.includes("br_netfilter") ? ctx2.state.sysctl[key3] ?? "1" : void 0;
  }
  if (key3 in SYSCTL_DEFAULTS) return ctx2.state.sysctl[key3] ?? SYSCTL_DEFAULTS[key3];
  return void 0;
}
var missingKey = (key3) => `sysctl: cannot stat /proc/sys/${key3.replace(/\./g, "/")}: No such file or directory
`;
function applySysctlText(ctx2, text2, echo) {
  let out = "";
  let err = "";
  for (const line of text2.split("\n")) {
    const t = line.trim();
    if (!t || t.startsWith("#") || t.startsWith(";")) continue;
    const m = /^-?\s*([^=\s]+)\s*=\s*(.*)$/.exec(t);
    if (!m?.[1]) continue;
    const key3 = m[1].replace(/\//g, ".");
    const value = (m[2] ?? "").trim();
    if (sysctlGet(ctx2, key3) === void 0) {
      if (!t.startsWith("-")) err += missingKey(key3);
      continue;
    }
    ctx2.state.sysctl[key3] = value;
    if (echo) out += `${key3} = ${value}
`;
  }
  return [out, err];
}
function sysctl(ctx2) {
  const args = ctx2.call.args;
  const valueOnly = args.includes("-n") || args.includes("--values");
  const quiet = args.includes("-q") || args.includes("--quiet");
  if (args.includes("--system")) {
    let stdout2 = "";
    let stderr2 = "";
    const files = ctx2.files.list("/etc/sysctl.d").filter((n) => n.endsWith(".conf")).map((n) => `/etc/sysctl.d/${n}`);
    if (ctx2.files.exists("/etc/sysctl.conf")) files.push("/etc/sysctl.conf");
    for (const f of files) {
      stdout2 += `* Applying ${f} ...
`;
      const [o, e] = applySysctlText(ctx2, ctx2.files.read(f) ?? "", !quiet);
      stdout2 += o;
      stderr2 += e;
    }
    ctx2.save();
    return { stdout: stdout2, stderr: stderr2, code: 0 };
  }
  const pIndex = args.findIndex((a) => a === "-p" || a.startsWith("--load"));
  if (pIndex >= 0) {
    const file = args[pIndex + 1] && !args[pIndex + 1]?.startsWith("-") ? args[pIndex + 1] : "/etc/sysctl.conf";
    const text2 = ctx2.files.read(file ?? "/etc/sysctl.conf", ctx2.call.cwd);
    if (text2 === void 0)
      return fail2(255, `sysctl: cannot open "${file}": No such file or directory`);
    const [o, e] = applySysctlText(ctx2, text2, !quiet);
    ctx2.save();
    return { stdout: o, stderr: e, code: e ? 255 : 0 };
  }
  if (args.includes("-a") || args.includes("--all")) {
    const keys = [...Object.keys(SYSCTL_DEFAULTS), ...BRIDGE_KEYS].sort();
    return ok2(
      keys.map((k) => [k, sysctlGet(ctx2, k)]).filter(([, v]) => v !== void 0).map(([k, v]) => `${k} = ${v}
`).join("")
    );
  }
  let stdout = "";
  let stderr = "";
  for (const a of args.filter((x) => !x.startsWith("-"))) {
    const eq = a.indexOf("=");
    const key3 = (eq >= 0 ? a.slice(0, eq) : a).replace(/\//g, ".").trim();
    const current = sysctlGet(ctx2, key3);
    if (current === void 0) {
      stderr += missingKey(key3);
      continue;
    }
    if (eq >= 0) {
      const value = a.slice(eq + 1).trim();
      ctx2.state.sysctl[key3] = value;
      if (!quiet) stdout += valueOnly ? `${value}
` : `${key3} = ${value}
`;
    } else {
      stdout += valueOnly ? `${current}
` : `${key3} = ${current}
`;
    }
  }
  ctx2.save();
  return { stdout, stderr, code: stderr ? 255 : 0 };
}
function swapoff(ctx2) {
  const args = ctx2.call.args;
  if (args.includes("-a") || args.includes("--all")) ctx2.state.swap = [];
  else {
    for (const dev of args.filter((a) => !a.startsWith("-"))) {
      if (!ctx2.state.swap.some((s) => s.name === dev)) {
        return fail2(4, `swapoff: ${dev}: swapoff failed: Invalid argument`);
      }
      ctx2.state.swap = ctx2.state.swap.filter((s) => s.name !== dev);
    }
  }
  ctx2.save();
  return ok2();
}
function swapon(ctx2) {
  const args = ctx2.call.args;
  if (!args.some((a) => a.startsWith("--show") || a === "-s" || a === "--summary")) {
    return fail2(1, "lab: only `swapon --show` is emulated");
  }
  if (ctx2.state.swap.length === 0) return ok2();
  const header = !args.includes("--noheadings");
  const bytes = args.includes("--bytes");
  const rows = ctx2.state.swap.map(
    (s) => `${s.name.padEnd(11)}${"partition".padEnd(10)}${(bytes ? String(s.sizeBytes) : `${Math.round(s.sizeBytes / 2 ** 20)}M`).padStart(6)}   0B  100
`
  );
  return ok2(`${header ? "NAME       TYPE       SIZE USED PRIO\n" : ""}${rows.join("")}`);
}
function iscsiInameTool(ctx2) {
  return requirePackage(ctx2, "iscsi-iname") ?? ok2(`${iscsiName()}
`);
}
function reboot(ctx2) {
  const force = ctx2.call.args.some((a) => a === "-f" || a === "--force");
  if (!force) return fail2(1, "reboot: lab stand-in: only `reboot -f` is emulated");
  if (!ctx2.reboot) return fail2(1, "reboot: lab stand-in: this node cannot reboot from here");
  const now2 = ctx2.reboot.bind(ctx2);
  setTimeout(now2, 50);
  return ok2();
}

// src/lab/nodes/armbian/boot-console.ts
var raw = (atMs, text2) => ({ atMs, text: `${text2}\r
` });
function earlyBoot() {
  return [
    raw(0, "DDR V1.16 fwver: 2023-11-10"),
    raw(300, "U-Boot SPL 2026.07-armbian (Jul 14 2026 - 10:00:00 +0000)"),
    raw(900, "U-Boot 2026.07-armbian (Jul 14 2026 - 10:00:00 +0000)"),
    raw(1e3, "Model: Turing Machines RK1"),
    raw(1500, "Hit any key to stop autoboot:  0"),
    raw(2e3, "Starting kernel ..."),
    kernelLine(2100, `Booting Linux on physical CPU 0x0000000000 [0x412fd050]`),
    kernelLine(2101, `Linux version ${KERNEL_RELEASE} (armbian@next) #1 SMP`),
    kernelLine(2102, "Machine model: Turing Machines RK1"),
    kernelLine(3500, "mmcblk0: mmc0:0001 A3A562 29.1 GiB"),
    kernelLine(3501, " mmcblk0: p1")
  ];
}
function fullBoot(opts) {
  const lines = [
    ...earlyBoot(),
    kernelLine(
      5e3,
      "EXT4-fs (mmcblk0p1): mounted filesystem with writeback data mode. Quota mode: none."
    ),
    kernelLine(6e3, "systemd[1]: systemd 257 running in system mode"),
    kernelLine(6001, `systemd[1]: Hostname set to <${opts.hostname}>.`)
  ];
  if (opts.firstRun) {
    lines.push(raw(8e3, "[  OK  ] Started armbian-firstrun.service - Armbian first run tasks."));
    lines.push(
      raw(8500, "[  OK  ] Finished armbian-resize-filesystem.service - Armbian filesystem resize.")
    );
  }
  lines.push(
    raw(11e3, "[  OK  ] Started ssh.service - OpenBSD Secure Shell server."),
    raw(12e3, "[  OK  ] Reached target multi-user.target - Multi-User System."),
    raw(14e3, ""),
    raw(14001, `Armbian ${opts.version} Trixie ttyS9`),
    raw(14002, ""),
    raw(14003, `${opts.hostname} login: root (automatic login)`),
    { atMs: 14500, text: opts.afterLogin }
  );
  return lines;
}
function panicBoot() {
  return [
    ...earlyBoot(),
    kernelLine(13e3, 'VFS: Cannot open root device "UUID=" or unknown-block(0,0): error -6'),
    kernelLine(
      13001,
      "Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0)"
    )
  ];
}
function hungBoot() {
  return [...earlyBoot(), kernelLine(5e3, "Waiting for root device UUID=\u2026")];
}
function motd(hostname, version2) {
  return `\r
  Armbian ${version2} Trixie ttyS9\r
  Kernel: Linux ${KERNEL_RELEASE}\r
\r
root@${hostname}:~# `;
}

// src/lab/nodes/armbian/k3s-directory.ts
var K3sDirectory = class {
  servers = /* @__PURE__ */ new Map();
  publish(entry) {
    this.servers.set(entry.ip, entry);
  }
  withdraw(ip) {
    this.servers.delete(ip);
  }
  server(ip) {
    return this.servers.get(ip);
  }
  /** Agents may present the full secure token or the bare password. */
  accepts(ip, token) {
    const entry = this.servers.get(ip);
    if (!entry) return false;
    return token === entry.token || token === entry.password;
  }
};
var defaultK3sDirectory = new K3sDirectory();

// src/lab/nodes/armbian/rootfs.ts
import { execFileSync as execFileSync3 } from "node:child_process";
import { createHash as createHash8, randomBytes as randomBytes6 } from "node:crypto";
import {
  closeSync,
  cpSync,
  existsSync as existsSync5,
  mkdirSync as mkdirSync5,
  openSync,
  readSync,
  renameSync,
  rmSync as rmSync3,
  statSync,
  writeFileSync as writeFileSync5,
  chmodSync as chmodSync3
} from "node:fs";
import { join as join8 } from "node:path";
function findRootfs(imagePath) {
  const fd = openSync(imagePath, "r");
  try {
    const header = Buffer.alloc(92);
    if (readSync(fd, header, 0, 92, 512) < 92) return void 0;
    if (header.toString("latin1", 0, 8) !== "EFI PART") return void 0;
    const entriesLba = Number(header.readBigUInt64LE(72));
    const count = Math.min(header.readUInt32LE(80), 128);
    const size = header.readUInt32LE(84);
    const table = Buffer.alloc(count * size);
    readSync(fd, table, 0, table.length, entriesLba * 512);
    let first;
    for (let i = 0; i < count; i++) {
      const e = table.subarray(i * size, (i + 1) * size);
      if (e.subarray(0, 16).every((b) => b === 0)) continue;
      const name2 = e.toString("utf16le", 56, 128).replace(/\0.*$/s, "");
      const loc = { offsetBytes: Number(e.readBigUInt64LE(32)) * 512, name: name2 };
      if (name2 === "rootfs") return loc;
      first ??= loc;
    }
    return first;
  } finally {
    closeSync(fd);
  }
}
function flashIdentity(imagePath, head, sha2562) {
  const st = statSync(imagePath);
  return createHash8("sha256").update(`${sha2562 ?? ""}:${st.size}:${st.mtimeMs}:`).update(head).digest("hex").slice(0, 32);
}
var HOST_ETC = [
  "alternatives",
  "ld.so.cache",
  "ld.so.conf",
  "ld.so.conf.d",
  "nsswitch.conf",
  "bash.bashrc",
  "profile",
  "services",
  "protocols",
  "localtime",
  "shells",
  "environment",
  "inputrc"
];
function extractRootfs(imagePath, loc, fsDir, scratch) {
  rmSync3(scratch, { recursive: true, force: true });
  mkdirSync5(join8(scratch, "usr"), { recursive: true });
  const commands = NODE_WRITABLE_DIRS.map(
    (d) => d === "usr/local" ? `rdump /usr/local ${join8(scratch, "usr")}` : `rdump /${d} ${scratch}`
  );
  writeFileSync5(join8(scratch, ".cmds"), `${commands.join("\n")}
`);
  execFileSync3(
    "debugfs",
    ["-f", join8(scratch, ".cmds"), `${imagePath}?offset=${loc.offsetBytes}`],
    {
      stdio: ["ignore", "ignore", "pipe"],
      timeout: 6e4
    }
  );
  rmSync3(fsDir, { recursive: true, force: true });
  mkdirSync5(join8(fsDir, "usr"), { recursive: true });
  for (const d of NODE_WRITABLE_DIRS) {
    const from = join8(scratch, d);
    if (existsSync5(from)) renameSync(from, join8(fsDir, d));
    else mkdirSync5(join8(fsDir, d), { recursive: true });
  }
  rmSync3(scratch, { recursive: true, force: true });
  for (const name2 of HOST_ETC) {
    const target = join8(fsDir, "etc", name2);
    if (existsSync5(`/etc/${name2}`) && !existsSync5(target)) {
      cpSync(`/etc/${name2}`, target, { recursive: true, verbatimSymlinks: true });
    }
  }
  for (const d of ["tmp", "var/tmp"]) {
    mkdirSync5(join8(fsDir, d), { recursive: true });
    chmodSync3(join8(fsDir, d), 1023);
  }
  mkdirSync5(join8(fsDir, "var/lib"), { recursive: true });
}
function parsePreset(text2) {
  const out = {};
  for (const raw2 of text2.replace(/\r/g, "").split("\n")) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(raw2);
    if (!m?.[1]) continue;
    let v = (m[2] ?? "").trim();
    if (v.startsWith('"') && v.endsWith('"') || v.startsWith("'") && v.endsWith("'"))
      v = v.slice(1, -1);
    out[m[1]] = v;
  }
  return out;
}
function sha512Crypt(password) {
  const salt = randomBytes6(12).toString("base64").replace(/[^A-Za-z0-9]/g, "").slice(0, 16);
  return execFileSync3("openssl", ["passwd", "-6", "-salt", salt, "-stdin"], {
    input: `${password}
`
  }).toString().trim();
}
function setShadowHash(files, user, hash) {
  const lines = (files.read("/etc/shadow") ?? "").split("\n").filter(Boolean);
  const day = Math.floor(Date.now() / 864e5);
  const i = lines.findIndex((l) => l.startsWith(`${user}:`));
  const fields = (lines[i] ?? `${user}:*:${day}:0:99999:7:::`).split(":");
  fields[1] = hash;
  if (i >= 0) lines[i] = fields.join(":");
  else lines.push(fields.join(":"));
  files.write("/etc/shadow", `${lines.join("\n")}
`, 416);
}
function cidr(mask) {
  return mask.split(".").reduce((n, o) => n + (Number(o) >>> 0).toString(2).replace(/0/g, "").length, 0);
}
function runFirstLogin(files, hostname) {
  const p = parsePreset(files.read("/root/.not_logged_in_yet") ?? "");
  let text2 = "\r\nWaiting for system to finish booting ...\r\n\r\n Welcome to Armbian!\r\n\r\n";
  const prompt = (q) => ({
    console: `${text2}${q}`,
    done: false,
    provisioning: false
  });
  if (p.PRESET_ROOT_KEY) {
    if (!p.PRESET_ROOT_KEY.startsWith("file://")) {
      text2 += `curl: (6) Could not resolve host: ${/^[a-z]+:\/\/([^/:]+)/.exec(p.PRESET_ROOT_KEY)?.[1] ?? p.PRESET_ROOT_KEY}\r
`;
      return { console: `${text2}root@${hostname}:~# `, done: false, provisioning: false };
    }
    const key3 = files.read(p.PRESET_ROOT_KEY.slice("file://".length));
    if (key3 === void 0)
      return { console: `${text2}root@${hostname}:~# `, done: false, provisioning: false };
    files.write("/root/.ssh/authorized_keys", key3, 384);
  }
  if (!p.PRESET_ROOT_PASSWORD) return prompt("Create root password: ");
  const langAuto = /^[yY1]/.test(p.SET_LANG_BASED_ON_LOCATION ?? "");
  if (!p.PRESET_USER_SHELL)
    return prompt("Choose default system command shell:\r\n1) bash\r\n2) zsh\r\n");
  if (!p.PRESET_USER_NAME) {
    return prompt(
      "Creating a new user account. Press <Ctrl-C> to abort\r\n\r\nPlease provide a username (eg. your first name): "
    );
  }
  if (!p.PRESET_USER_PASSWORD) return prompt("Create user (" + p.PRESET_USER_NAME + ") password: ");
  if (!langAuto && (!p.PRESET_LOCALE || !p.PRESET_TIMEZONE)) {
    return prompt("At your location, more locales are possible:\r\n\r\n1) en_US.UTF-8\r\n#? ");
  }
  setShadowHash(files, "root", sha512Crypt(p.PRESET_ROOT_PASSWORD));
  const user = p.PRESET_USER_NAME;
  const passwd = files.read("/etc/passwd") ?? "";
  if (!passwd.split("\n").some((l) => l.startsWith(`${user}:`))) {
    const shell = p.PRESET_USER_SHELL === "zsh" ? "/usr/bin/zsh" : "/bin/bash";
    files.write(
      "/etc/passwd",
      `${passwd}${user}:x:1000:1000:${p.PRESET_DEFAULT_REALNAME ?? user}:/home/${user}:${shell}
`
    );
    files.write("/etc/group", `${files.read("/etc/group") ?? ""}${user}:x:1000:
`);
    files.mkdir(`/home/${user}`);
  }
  setShadowHash(files, user, sha512Crypt(p.PRESET_USER_PASSWORD));
  if (p.PRESET_NET_CHANGE_DEFAULTS === "1") {
    const useStatic = p.PRESET_NET_USE_STATIC === "1";
    const body = useStatic ? `      addresses:
      - ${p.PRESET_NET_STATIC_IP ?? ""}/${cidr(p.PRESET_NET_STATIC_MASK ?? "255.255.255.0")}
      routes:
      - to: default
        via: ${p.PRESET_NET_STATIC_GATEWAY ?? ""}
      nameservers:
        addresses: [${(p.PRESET_NET_STATIC_DNS ?? "").split(/\s+/).filter(Boolean).join(", ")}]
` : "      dhcp4: yes\n";
    files.write(
      `/etc/netplan/30-ethernets-${useStatic ? "static" : "dhcp"}.yaml`,
      `network:
  version: 2
  renderer: networkd
  ethernets:
    all-eth-interfaces:
      match:
        name: "e*"
${body}`,
      384
    );
    files.remove("/etc/netplan/10-dhcp-all-interfaces.yaml");
  }
  text2 += `Create root password: \r
Repeat root password: \r
\r
Choose default system command shell:\r
Shell: ${(p.PRESET_USER_SHELL ?? "bash").toUpperCase()}\r
\r
Creating a new user account. Press <Ctrl-C> to abort\r
\r
Dear ${user}, your account ${user} has been created and is sudo enabled.\r
\r
`;
  const provisioning = files.exists("/root/provisioning.sh");
  if (!provisioning) files.remove("/root/.not_logged_in_yet");
  return { console: `${text2}root@${hostname}:~# `, done: true, provisioning };
}
function randomiseEthaddr(files) {
  const env = files.read("/boot/armbianEnv.txt");
  if (!env || !/^ethaddr=/m.test(env)) return;
  files.write(
    "/boot/armbianEnv.txt",
    env.replace(/^ethaddr=.*$/gm, () => {
      const b = randomBytes6(6);
      b[0] = (b[0] ?? 0) & 254 | 2;
      return `ethaddr=${[...b].map((x) => x.toString(16).padStart(2, "0")).join(":")}`;
    })
  );
}

// src/lab/nodes/armbian/ssh-session.ts
import { randomBytes as randomBytes7 } from "node:crypto";
import { rmSync as rmSync4 } from "node:fs";
import { join as join9 } from "node:path";

// src/lab/nodes/armbian/ssh-auth.ts
var import_ssh2 = __toESM(require_lib(), 1);
import { execFile } from "node:child_process";
import { statSync as statSync2 } from "node:fs";
import { timingSafeEqual } from "node:crypto";
function readSshdConfig(files) {
  const texts = [files.read("/etc/ssh/sshd_config") ?? ""];
  for (const n of files.list("/etc/ssh/sshd_config.d")) {
    if (n.endsWith(".conf")) texts.unshift(files.read(`/etc/ssh/sshd_config.d/${n}`) ?? "");
  }
  const seen = /* @__PURE__ */ new Map();
  for (const line of texts.join("\n").split("\n")) {
    const m = /^\s*(\w+)\s+(\S+)/.exec(line);
    if (m?.[1] && m[2] && !seen.has(m[1].toLowerCase()))
      seen.set(m[1].toLowerCase(), m[2].toLowerCase());
  }
  return {
    permitRootLogin: seen.get("permitrootlogin") ?? "prohibit-password",
    passwordAuthentication: seen.get("passwordauthentication") !== "no",
    pubkeyAuthentication: seen.get("pubkeyauthentication") !== "no"
  };
}
function strictModesOk(files) {
  for (const p of ["/root", "/root/.ssh", "/root/.ssh/authorized_keys"]) {
    const host = files.hostPath(p);
    if (!host) return false;
    try {
      const st = statSync2(host);
      if (st.uid !== 0 || (st.mode & 18) !== 0) return false;
    } catch {
      return false;
    }
  }
  return true;
}
function authorizedKeys(files) {
  const text2 = files.read("/root/.ssh/authorized_keys");
  if (!text2 || !strictModesOk(files)) return [];
  const keys = [];
  for (const line of text2.split("\n")) {
    const m = /(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp\d+)\s+([A-Za-z0-9+/=]+)/.exec(line);
    if (!m) continue;
    const parsed = import_ssh2.default.utils.parseKey(`${m[1]} ${m[2]}`);
    if (!(parsed instanceof Error) && !Array.isArray(parsed)) keys.push(parsed);
  }
  return keys;
}
function rootHash(files) {
  const line = (files.read("/etc/shadow") ?? "").split("\n").find((l) => l.startsWith("root:"));
  return line?.split(":")[1];
}
function run(cmd, args, input) {
  return new Promise((resolve3) => {
    const child = execFile(
      cmd,
      args,
      { timeout: 1e4 },
      (error, stdout) => resolve3(error ? void 0 : String(stdout).trim())
    );
    child.stdin?.end(input);
  });
}
async function verifyPassword(hash, password) {
  if (!hash || hash.startsWith("!") || hash.startsWith("*") || hash === "") return false;
  const m = /^\$([156])\$(?:rounds=\d+\$)?([^$]*)\$/.exec(hash);
  let computed;
  if (m?.[1] && m[2] !== void 0 && !hash.includes("rounds=")) {
    computed = await run(
      "openssl",
      ["passwd", `-${m[1]}`, "-salt", m[2], "-stdin"],
      `${password}
`
    );
  } else {
    computed = await run(
      "python3",
      [
        "-W",
        "ignore",
        "-c",
        'import crypt,sys; print(crypt.crypt(sys.stdin.readline().rstrip("\\n"), sys.argv[1]))',
        hash
      ],
      `${password}
`
    );
  }
  if (!computed || computed.length !== hash.length) return false;
  return timingSafeEqual(Buffer.from(computed), Buffer.from(hash));
}

// src/lab/nodes/armbian/ssh-session.ts
function drop(client) {
  const sock = client._sock;
  if (sock) sock.destroy();
  else client.end();
}
function handleClient(client, host) {
  client.on("error", () => void 0);
  client.on("authentication", (ctx2) => {
    const settings = readSshdConfig(host.files);
    const methods = [];
    if (settings.pubkeyAuthentication) methods.push("publickey");
    const rootPassword = settings.permitRootLogin === "yes";
    if (settings.passwordAuthentication && rootPassword) methods.push("password");
    if (ctx2.username !== "root" || settings.permitRootLogin === "no") return ctx2.reject(methods);
    if (ctx2.method === "publickey" && settings.pubkeyAuthentication) {
      const offered = ctx2.key;
      const match = authorizedKeys(host.files).find(
        (k) => k.type === offered.algo && k.getPublicSSH().equals(offered.data)
      );
      if (!match) return ctx2.reject(methods);
      if (!ctx2.signature || !ctx2.blob) return ctx2.accept();
      return match.verify(ctx2.blob, ctx2.signature, ctx2.hashAlgo) === true ? ctx2.accept() : ctx2.reject(methods);
    }
    if (ctx2.method === "password" && methods.includes("password")) {
      void verifyPassword(rootHash(host.files), ctx2.password).then(
        (good) => good ? ctx2.accept() : ctx2.reject(methods)
      );
      return;
    }
    return ctx2.reject(methods);
  });
  client.on("ready", () => {
    client.on("session", (acceptSession) => {
      const session = acceptSession();
      const env = {};
      session.on("env", (accept, _reject, info3) => {
        if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(info3.key)) env[info3.key] = info3.val;
        accept?.();
      });
      session.on("pty", (accept) => accept?.());
      session.on("window-change", (accept) => accept?.());
      session.on("shell", (_accept, reject2) => reject2?.());
      session.on("sftp", (_accept, reject2) => reject2?.());
      session.on("subsystem", (_accept, reject2) => reject2?.());
      session.on("exec", (accept, _reject, info3) => {
        const channel = accept();
        runExec(client, channel, info3.command, env, host);
      });
    });
  });
}
function runExec(client, channel, command, env, host) {
  const id = randomBytes7(8).toString("hex");
  host.beforeExec?.();
  const child = spawnInSandbox(host.layout, {
    command,
    env,
    hostname: host.hostname(),
    devices: host.devices(),
    id
  });
  host.processes.add(child);
  const { dropAfterBytes, dropOnCommand } = host.faults;
  const matched = dropOnCommand?.match.test(command) ?? false;
  let sent = 0;
  let dropped = false;
  const kill = () => {
    try {
      if (child.pid) process.kill(-child.pid, "SIGKILL");
    } catch {
    }
  };
  const dropNow = () => {
    if (dropped) return;
    dropped = true;
    kill();
    drop(client);
  };
  if (matched && (dropOnCommand?.when ?? "start") === "start") {
    dropNow();
    return;
  }
  const forward = (stream) => (data) => {
    if (dropped) return;
    if (dropAfterBytes !== void 0 && sent + data.length > dropAfterBytes) {
      const part = data.subarray(0, Math.max(0, dropAfterBytes - sent));
      if (part.length) (stream === "out" ? channel : channel.stderr).write(part);
      dropNow();
      return;
    }
    sent += data.length;
    (stream === "out" ? channel : channel.stderr).write(data);
  };
  child.stdout?.on("data", forward("out"));
  child.stderr?.on("data", forward("err"));
  child.stdin?.on("error", () => void 0);
  let received = 0;
  const { dropAfterInputBytes, corruptInputAt } = host.faults;
  channel.on("data", (d) => {
    if (dropped) return;
    const at = received;
    received += d.length;
    if (dropAfterInputBytes !== void 0 && received > dropAfterInputBytes) {
      const part = d.subarray(0, Math.max(0, dropAfterInputBytes - at));
      if (part.length) child.stdin?.write(part);
      dropNow();
      return;
    }
    if (corruptInputAt !== void 0 && corruptInputAt >= at && corruptInputAt < received) {
      d = Buffer.from(d);
      d[corruptInputAt - at] = (d[corruptInputAt - at] ?? 0) ^ 255;
    }
    child.stdin?.write(d);
  });
  channel.on("end", () => child.stdin?.end());
  channel.on("close", () => {
    if (child.exitCode === null) kill();
  });
  child.on("error", (error) => {
    if (!dropped) channel.stderr.write(`lab: cannot start the sandbox: ${error.message}
`);
  });
  child.on("close", (code, signal) => {
    host.processes.delete(child);
    rmSync4(join9(host.layout.sandboxDir, `env-${id}`), { force: true });
    if (dropped) return;
    if (matched) {
      dropNow();
      return;
    }
    if (signal) channel.exit(signal.replace(/^SIG/, ""), false, "");
    else channel.exit(code ?? 255);
    channel.end();
  });
}

// src/lab/nodes/armbian/tool-server.ts
import { rmSync as rmSync5 } from "node:fs";
import { createServer as createServer5 } from "node:net";

// src/lab/nodes/armbian/tools/disk-tools.ts
import { randomUUID as randomUUID4 } from "node:crypto";

// src/lab/nodes/armbian/tools/disk-model.ts
import { randomUUID as randomUUID3 } from "node:crypto";
var EMMC_BYTES = 31268536320;
var NVME_BYTES = 500107862016;
function initialDisks(nvme) {
  const emmc = {
    name: "mmcblk0",
    sizeBytes: EMMC_BYTES,
    model: "",
    serial: "0x6a1b2c3d",
    pttype: "gpt",
    system: true,
    partitions: [
      {
        name: "mmcblk0p1",
        number: 1,
        sizeBytes: EMMC_BYTES - 16 * 2 ** 20 - 17 * 1024,
        partlabel: "rootfs",
        fstype: "ext4",
        label: "armbi_root",
        uuid: randomUUID3(),
        mountpoint: "/",
        hasData: true
      }
    ]
  };
  const disks = [emmc];
  if (nvme !== "none") {
    const disk = {
      name: "nvme0n1",
      sizeBytes: NVME_BYTES,
      model: "Samsung SSD 980 500GB",
      serial: "S64DNL0T000000X",
      partitions: []
    };
    if (nvme === "data") {
      disk.pttype = "gpt";
      disk.partitions.push({
        name: "nvme0n1p1",
        number: 1,
        sizeBytes: NVME_BYTES - 2 ** 20,
        fstype: "ext4",
        uuid: randomUUID3(),
        label: "old-data",
        hasData: true
      });
    }
    disks.push(disk);
  }
  return disks;
}
function partName(disk, n) {
  return /\d$/.test(disk) ? `${disk}p${n}` : `${disk}${n}`;
}
function findDevice(state, spec) {
  let s = spec.replace(/^"(.*)"$/, "$1");
  const by = /^\/dev\/disk\/by-(uuid|label|partlabel)\/(.+)$/.exec(s);
  if (by?.[1] && by[2]) s = `${by[1].toUpperCase()}=${by[2]}`;
  const kv = /^(UUID|LABEL|PARTLABEL)=(.+)$/.exec(s);
  for (const disk of state.disks) {
    const all = [disk, ...disk.partitions];
    for (const t of all) {
      const part = t === disk ? void 0 : t;
      const hit = kv ? kv[1] === "UUID" && t.uuid === kv[2] || kv[1] === "LABEL" && t.label === kv[2] || kv[1] === "PARTLABEL" && part?.partlabel === kv[2] : s === `/dev/${t.name}`;
      if (hit) return part ? { disk, part, target: part } : { disk, target: disk };
    }
  }
  return void 0;
}
function allMounts(state) {
  const out = [];
  for (const disk of state.disks) {
    for (const t of [disk, ...disk.partitions]) {
      if (t.mountpoint) out.push({ dev: `/dev/${t.name}`, t });
    }
  }
  return out;
}
function busy(found) {
  if (found.part) return !!found.part.mountpoint;
  return !!found.disk.mountpoint || found.disk.partitions.some((p) => p.mountpoint);
}
function deviceNames(state) {
  return state.disks.flatMap((d) => [d.name, ...d.partitions.map((p) => p.name)]);
}
function humanSize(bytes) {
  const units = ["B", "K", "M", "G", "T", "P"];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  const r = Math.round(v * 10) / 10;
  return `${Number.isInteger(r) ? r.toFixed(0) : r.toFixed(1)}${units[i]}`;
}

// src/lab/nodes/armbian/tools/disk-tools.ts
function clearFs(t) {
  delete t.fstype;
  delete t.uuid;
  delete t.label;
  t.hasData = false;
}
function wipefs(ctx2) {
  const args = ctx2.call.args;
  const all = args.some((a) => a === "-a" || a === "--all" || /^-[a-z]*a/.test(a));
  const devs = args.filter((a) => !a.startsWith("-"));
  let out = "";
  for (const dev of devs) {
    const found = findDevice(ctx2.state, dev);
    if (!found)
      return fail2(
        1,
        `wipefs: error: ${dev}: probing initialization failed: No such file or directory`
      );
    const t = found.target;
    if (!all) {
      const sigs = [];
      if (!found.part && found.disk.pttype) sigs.push(`0x200    gpt   `);
      if (t.fstype) sigs.push(`0x438    ${t.fstype} ${t.uuid ?? ""} ${t.label ?? ""}`);
      if (sigs.length)
        out += `DEVICE  OFFSET TYPE UUID LABEL
${sigs.map((s) => `${t.name} ${s}
`).join("")}`;
      continue;
    }
    if (busy(found)) {
      return fail2(
        1,
        `wipefs: error: ${dev}: probing initialization failed: Device or resource busy`,
        out
      );
    }
    if (t.fstype) out += `${dev}: 2 bytes were erased at offset 0x00000438 (${t.fstype}): 53 ef
`;
    if (!found.part && found.disk.pttype) {
      out += `${dev}: 8 bytes were erased at offset 0x00000200 (gpt): 45 46 49 20 50 41 52 54
`;
      out += `${dev}: 2 bytes were erased at offset 0x000001fe (PMBR): 55 aa
`;
      delete found.disk.pttype;
    }
    clearFs(t);
  }
  ctx2.save();
  return ok2(out);
}
function diskFor(ctx2, dev) {
  const found = dev ? findDevice(ctx2.state, dev) : void 0;
  return found && !found.part ? found : void 0;
}
function addPartition(disk, n, sizeBytes, partlabel) {
  disk.partitions = disk.partitions.filter((p2) => p2.number !== n);
  const p = { name: partName(disk.name, n), number: n, sizeBytes };
  if (partlabel) p.partlabel = partlabel;
  disk.partitions.push(p);
  disk.partitions.sort((a, b) => a.number - b.number);
}
function freeBytes(disk) {
  return disk.sizeBytes - 2 ** 20 - disk.partitions.reduce((s, p) => s + p.sizeBytes, 0);
}
function sgdisk(ctx2) {
  const gated = requirePackage(ctx2, "sgdisk");
  if (gated) return gated;
  const args = ctx2.call.args;
  const dev = args.filter((a) => !a.startsWith("-")).pop();
  const found = diskFor(ctx2, dev);
  if (!found)
    return fail2(
      2,
      `Problem opening ${dev ?? ""} for reading! Error is 2.
The specified file does not exist!`
    );
  const disk = found.disk;
  let out = "";
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? "";
    const v = () => a.includes("=") ? a.slice(a.indexOf("=") + 1) : args[++i] ?? "";
    if (a === "-Z" || a === "--zap-all" || a === "-z" || a === "--zap") {
      if (busy(found))
        return fail2(2, "Unable to open device for writing: Device or resource busy", out);
      disk.partitions = [];
      delete disk.pttype;
      clearFs(disk);
      out += "GPT data structures destroyed! You may now partition the disk using fdisk or\nother utilities.\n";
      continue;
    }
    if (a === "-o" || a === "--clear") {
      disk.partitions = [];
      disk.pttype = "gpt";
      clearFs(disk);
    } else if (a.startsWith("-n") || a.startsWith("--new")) {
      const [num2, , end] = v().split(":");
      const n = Number(num2) || disk.partitions.length + 1;
      const size = /^\+(\d+)([KMGT])$/.exec(end ?? "");
      const bytes = size ? Number(size[1]) * 1024 ** " KMGT".indexOf(size[2] ?? "K") : freeBytes(disk);
      disk.pttype ??= "gpt";
      addPartition(disk, n, Math.min(bytes, freeBytes(disk)));
    } else if (a.startsWith("-c") || a.startsWith("--change-name")) {
      const [num2, name2] = v().split(":");
      const p = disk.partitions.find((x) => x.number === Number(num2));
      if (p && name2) p.partlabel = name2;
    } else if (a.startsWith("-t") || a.startsWith("--typecode")) {
      v();
    } else if (a === "-p" || a === "--print") {
      out += `Disk /dev/${disk.name}: ${disk.sizeBytes / 512} sectors
Number  Start (sector)    End (sector)  Size       Code  Name
`;
      out += disk.partitions.map(
        (p) => `   ${p.number}            2048   ${p.sizeBytes / 512}   8300  ${p.partlabel ?? ""}
`
      ).join("");
      continue;
    } else continue;
  }
  if (!args.some((a) => a === "-p" || a === "--print")) {
    if (!args.some((a) => /^(-Z|--zap-all|-z|--zap)$/.test(a)))
      out = "Creating new GPT entries in memory.\n" + out;
    out += "The operation has completed successfully.\n";
  }
  ctx2.save();
  return ok2(out);
}
function percentOrBytes(disk, s) {
  const pct = /^(\d+(?:\.\d+)?)%$/.exec(s);
  if (pct) return Number(pct[1]) / 100 * disk.sizeBytes;
  const unit = /^(\d+(?:\.\d+)?)(B|KiB|MiB|GiB|TiB|kB|MB|GB|TB|s)?$/.exec(s);
  if (!unit) return 0;
  const mult = {
    B: 1,
    s: 512,
    KiB: 1024,
    MiB: 2 ** 20,
    GiB: 2 ** 30,
    TiB: 2 ** 40,
    kB: 1e3,
    MB: 1e6,
    GB: 1e9,
    TB: 1e12
  };
  return Number(unit[1]) * (mult[unit[2] ?? "MB"] ?? 1e6);
}
function parted(ctx2) {
  const gated = requirePackage(ctx2, "parted");
  if (gated) return gated;
  const args = ctx2.call.args.filter(
    (a) => !["-s", "--script", "-a", "optimal", "-m"].includes(a) && !a.startsWith("--align")
  );
  const [dev, ...words] = args;
  const found = diskFor(ctx2, dev);
  if (!found)
    return fail2(1, `Error: Could not stat device ${dev ?? ""} - No such file or directory.`);
  const disk = found.disk;
  let out = "";
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w === "mklabel") {
      if (busy(found)) return fail2(1, `Error: Partition(s) on ${dev} are being used.`);
      disk.pttype = words[++i] === "msdos" ? "dos" : "gpt";
      disk.partitions = [];
      clearFs(disk);
    } else if (w === "mkpart") {
      if (!disk.pttype) return fail2(1, `Error: ${dev}: unrecognised disk label`);
      const rest = [];
      while (i + 1 < words.length && !["mklabel", "mkpart", "print", "name"].includes(words[i + 1] ?? "")) {
        rest.push(words[++i] ?? "");
      }
      const end = rest.pop() ?? "100%";
      const start = rest.pop() ?? "0%";
      const name2 = disk.pttype === "gpt" && rest[0] && !["primary", "logical", "extended"].includes(rest[0]) ? rest[0] : void 0;
      const bytes = Math.max(0, percentOrBytes(disk, end) - percentOrBytes(disk, start)) || freeBytes(disk);
      addPartition(
        disk,
        disk.partitions.length + 1,
        Math.floor(Math.min(bytes, freeBytes(disk)) / 512) * 512,
        name2
      );
    } else if (w === "name") {
      const p = disk.partitions.find((x) => x.number === Number(words[i + 1]));
      if (p) p.partlabel = words[i + 2] ?? "";
      i += 2;
    } else if (w === "print") {
      out += `Model: ${disk.model || "MMC"} (nvme)
Disk /dev/${disk.name}: ${Math.round(disk.sizeBytes / 1e9)}GB
`;
      out += `Partition Table: ${disk.pttype ?? "unknown"}

Number  Start   End     Size    File system  Name  Flags
`;
      out += disk.partitions.map(
        (p) => ` ${p.number}      1049kB  ${Math.round(p.sizeBytes / 1e9)}GB  ${Math.round(p.sizeBytes / 1e9)}GB  ${p.fstype ?? ""}  ${p.partlabel ?? ""}
`
      ).join("");
    } else if (w !== void 0) {
      return fail2(1, `parted: invalid token: ${w}`);
    }
  }
  ctx2.save();
  return ok2(out);
}
var MKFS_ARG_OPTS = /* @__PURE__ */ new Set([
  "-L",
  "-U",
  "-m",
  "-E",
  "-b",
  "-i",
  "-N",
  "-O",
  "-T",
  "-t",
  "-d",
  "-l",
  "-n",
  "-s",
  "-r",
  "-I",
  "-G",
  "-J",
  "-C",
  "-e",
  "-M",
  "-o",
  "-g"
]);
function mkfs(ctx2, fstype) {
  const tool = `mkfs.${fstype}`;
  const gated = requirePackage(ctx2, tool);
  if (gated) return gated;
  const args = ctx2.call.args;
  let label;
  let force = false;
  const positional = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? "";
    if (a === "-L") label = args[++i];
    else if (a === "-f" || a === "-F" || a === "-FF") force = true;
    else if (MKFS_ARG_OPTS.has(a)) i++;
    else if (!a.startsWith("-")) positional.push(a);
  }
  const dev = positional[0];
  if (!dev)
    return fail2(
      1,
      fstype === "ext4" ? "Usage: mkfs.ext4 [-c|-l filename] [-b block-size] ... device [blocks-count]" : "mkfs.xfs: no device name given in argument list"
    );
  const found = findDevice(ctx2.state, dev);
  if (!found) {
    return fstype === "ext4" ? fail2(
      1,
      `The file ${dev} does not exist and no size was specified.`,
      "mke2fs 1.47.2 (1-Jan-2025)\n"
    ) : fail2(1, `mkfs.xfs: cannot open ${dev}: No such file or directory`);
  }
  const t = found.target;
  if (busy(found)) {
    return fstype === "ext4" ? fail2(
      1,
      `${dev} is mounted; will not make a filesystem here!`,
      "mke2fs 1.47.2 (1-Jan-2025)\n"
    ) : fail2(1, `mkfs.xfs: ${dev} contains a mounted filesystem
Usage: mkfs.xfs`);
  }
  const existing = t.fstype ?? (!found.part && found.disk.pttype ? `${found.disk.pttype} partition table` : void 0);
  if (fstype === "xfs" && existing && !force) {
    return fail2(
      1,
      `mkfs.xfs: ${dev} appears to contain an existing filesystem (${existing}).
mkfs.xfs: Use the -f option to force overwrite.`
    );
  }
  if (!found.part) {
    found.disk.partitions = [];
    delete found.disk.pttype;
  }
  const uuid = randomUUID4();
  t.fstype = fstype;
  t.uuid = uuid;
  t.hasData = false;
  if (label) t.label = label;
  else delete t.label;
  ctx2.save();
  const blocks = Math.floor(t.sizeBytes / 4096);
  if (fstype === "ext4") {
    let out = "mke2fs 1.47.2 (1-Jan-2025)\n";
    if (existing)
      out += `${dev} contains a ${existing} file system${t.label ? ` labelled '${t.label}'` : ""}
`;
    out += `Discarding device blocks: done
Creating filesystem with ${blocks} 4k blocks and ${Math.floor(blocks / 4)} inodes
`;
    out += `Filesystem UUID: ${uuid}
Allocating group tables: done
Writing inode tables: done
`;
    out += "Creating journal (262144 blocks): done\nWriting superblocks and filesystem accounting information: done\n\n";
    return ok2(out);
  }
  return ok2(
    `meta-data=${dev}        isize=512    agcount=4, agsize=${Math.floor(blocks / 4)} blks
data     =                       bsize=4096   blocks=${blocks}, imaxpct=25
naming   =version 2              bsize=4096   ascii-ci=0, ftype=1
log      =internal log           bsize=4096   blocks=16384, version=2
realtime =none                   extsz=4096   blocks=0, rtextents=0
`
  );
}

// src/lab/nodes/armbian/tools/mount.ts
var PSEUDO_FS = /* @__PURE__ */ new Set([
  "tmpfs",
  "proc",
  "sysfs",
  "devpts",
  "none",
  "overlay",
  "cgroup2",
  "bind"
]);
function mountOne(ctx2, source, target, nofail) {
  if (PSEUDO_FS.has(source)) return void 0;
  const found = findDevice(ctx2.state, source);
  if (!found) {
    if (nofail) return void 0;
    return /^(UUID|LABEL)=/.test(source) ? `mount: ${target}: can't find ${source}.` : `mount: ${target}: special device ${source} does not exist.`;
  }
  const t = found.target;
  if (t.mountpoint === target) return void 0;
  if (!ctx2.files.isDir(target)) return `mount: ${target}: mount point does not exist.`;
  if (!t.fstype) {
    return `mount: ${target}: wrong fs type, bad option, bad superblock on /dev/${t.name}, missing codepage or helper program, or other error.`;
  }
  if (t.mountpoint) return `mount: ${target}: /dev/${t.name} already mounted on ${t.mountpoint}.`;
  t.mountpoint = target;
  return void 0;
}
function readFstab(ctx2) {
  return (ctx2.files.read("/etc/fstab") ?? "").split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("#")).map((l) => l.split(/\s+/)).filter((f) => f.length >= 3).map((f) => ({
    source: f[0] ?? "",
    target: f[1] ?? "",
    fstype: f[2] ?? "",
    options: (f[3] ?? "defaults").split(",")
  }));
}
function mountAll(ctx2) {
  const errors = [];
  for (const e of readFstab(ctx2)) {
    if (e.fstype === "swap" || e.target === "/" || e.options.includes("noauto")) continue;
    const error = mountOne(ctx2, e.source, e.target, e.options.includes("nofail"));
    if (error) errors.push(error);
  }
  return errors;
}
function mount(ctx2) {
  const args = ctx2.call.args;
  const positional = [];
  let all = false;
  let options2 = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? "";
    if (a === "-a" || a === "--all") all = true;
    else if (a === "-t" || a === "--types") i++;
    else if (a === "-o" || a === "--options") options2 = (args[++i] ?? "").split(",");
    else if (!a.startsWith("-")) positional.push(a);
  }
  if (all) {
    const errors = mountAll(ctx2);
    ctx2.save();
    return errors.length ? fail2(32, errors.join("\n")) : ok2();
  }
  if (positional.length === 0) {
    return ok2(
      allMounts(ctx2.state).map((m) => `${m.dev} on ${m.t.mountpoint} type ${m.t.fstype} (rw,noatime)
`).join("")
    );
  }
  let [source, target] = positional;
  if (target === void 0) {
    const entry = readFstab(ctx2).find((e) => e.target === source || e.source === source);
    if (!entry) return fail2(1, `mount: ${source}: can't find in /etc/fstab.`);
    [source, target] = [entry.source, entry.target];
    options2 = entry.options;
  }
  const error = mountOne(ctx2, source ?? "", target ?? "", options2.includes("nofail"));
  ctx2.save();
  return error ? fail2(32, error) : ok2();
}
function umount(ctx2) {
  const targets = ctx2.call.args.filter((a) => !a.startsWith("-"));
  for (const target of targets) {
    const m = allMounts(ctx2.state).find((x) => x.t.mountpoint === target || x.dev === target);
    if (!m) return fail2(32, `umount: ${target}: not mounted.`);
    if (m.t.mountpoint === "/") return fail2(32, `umount: /: target is busy.`);
    delete m.t.mountpoint;
  }
  ctx2.save();
  return ok2();
}

// src/lab/nodes/armbian/tools/k3s.ts
var import_yaml5 = __toESM(require_dist(), 1);
import { createHash as createHash9, randomBytes as randomBytes8, randomUUID as randomUUID5 } from "node:crypto";
import { posix as posix3 } from "node:path";
var LAB_K3S_STABLE = "v1.35.6+k3s1";
var BIN = "/usr/local/bin";
var LINKS = ["kubectl", "crictl", "ctr"];
var LAB_K3S_INSTALL_SCRIPT = `#!/bin/sh
# rk1 lab: stand-in for the K3s install script (https://get.k3s.io)
exec /usr/lib/rk1lab/node /usr/lib/rk1lab/tool.mjs k3s-install "$@"
`;
var binaryVersion = (text2) => /^# rk1 lab: k3s-arm64 (\S+)$/m.exec(text2 ?? "")?.[1];
function curl(ctx2) {
  const args = ctx2.call.args;
  let out;
  const urls = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? "";
    if (a === "-o" || a === "--output") out = args[++i];
    else if ([
      "-H",
      "-X",
      "-d",
      "--data",
      "-u",
      "-A",
      "-m",
      "--max-time",
      "--connect-timeout",
      "--retry"
    ].includes(a))
      i++;
    else if (!a.startsWith("-")) urls.push(a);
  }
  const silent = args.some((a) => /^-[a-zA-Z]*s/.test(a) || a === "--silent");
  const showErr = args.some((a) => /^-[a-zA-Z]*S/.test(a) || a === "--show-error");
  const url = urls[0];
  if (!url) return fail2(2, "curl: no URL specified!");
  if (!/^https?:\/\/get\.k3s\.io\/?$/.test(url)) {
    const host = /^[a-z]+:\/\/([^/:]+)/.exec(url)?.[1] ?? url;
    return fail2(6, silent && !showErr ? "" : `curl: (6) Could not resolve host: ${host}`);
  }
  if (out) {
    const path3 = posix3.resolve(ctx2.call.cwd, out);
    if (!ctx2.files.hostPath(path3))
      return fail2(23, `curl: (23) Failure writing output to destination`);
    ctx2.files.write(path3, LAB_K3S_INSTALL_SCRIPT, 420);
    return ok2();
  }
  return ok2(LAB_K3S_INSTALL_SCRIPT);
}
function readConfig(ctx2) {
  const merged = {};
  const texts = [ctx2.files.read("/etc/rancher/k3s/config.yaml") ?? ""];
  for (const n of ctx2.files.list("/etc/rancher/k3s/config.yaml.d")) {
    if (n.endsWith(".yaml")) texts.push(ctx2.files.read(`/etc/rancher/k3s/config.yaml.d/${n}`) ?? "");
  }
  for (const t of texts) {
    try {
      const v = (0, import_yaml5.parse)(t);
      if (v && typeof v === "object") Object.assign(merged, v);
    } catch {
    }
  }
  return merged;
}
function flagValue(flags, name2) {
  for (let i = 0; i < flags.length; i++) {
    const f = flags[i] ?? "";
    if (f === `--${name2}`) return flags[i + 1];
    if (f.startsWith(`--${name2}=`)) return f.slice(name2.length + 3);
  }
  return void 0;
}
function info(lines) {
  return lines.map((l) => `[INFO]  ${l}
`).join("");
}
async function k3sInstall(ctx2) {
  const env = ctx2.call.env;
  const words = [...(env.INSTALL_K3S_EXEC ?? "").split(/\s+/).filter(Boolean), ...ctx2.call.args];
  let role = env.K3S_URL ? "agent" : "server";
  if (words[0] === "server" || words[0] === "agent") role = words.shift();
  const flags = words;
  const config = readConfig(ctx2);
  const skipDownload = env.INSTALL_K3S_SKIP_DOWNLOAD === "true" || env.INSTALL_K3S_SKIP_DOWNLOAD === "binary";
  const version2 = (skipDownload ? binaryVersion(ctx2.files.read(`${BIN}/k3s`)) : void 0) ?? (env.INSTALL_K3S_VERSION || LAB_K3S_STABLE);
  let out = "";
  if (env.K3S_URL && !env.K3S_URL.startsWith("https://")) {
    return fail2(1, `[ERROR]  Only https:// URLs are supported for K3S_URL (have ${env.K3S_URL})`);
  }
  const fileToken = env.K3S_TOKEN_FILE ? ctx2.files.read(env.K3S_TOKEN_FILE, ctx2.call.cwd)?.trim() : void 0;
  if (env.K3S_TOKEN_FILE && fileToken === void 0) {
    return fail2(1, `[ERROR]  File '${env.K3S_TOKEN_FILE}' not found`);
  }
  const token = flagValue(flags, "token") ?? env.K3S_TOKEN ?? fileToken ?? config.token;
  const serverUrl = flagValue(flags, "server") ?? env.K3S_URL ?? config.server;
  if (role === "agent" && !serverUrl) return fail2(1, "[ERROR]  Agent requires --server or K3S_URL");
  if (role === "agent" && !token) {
    return fail2(
      1,
      "[ERROR]  Defaulted k3s exec command to 'agent' because K3S_URL is defined, but K3S_TOKEN or K3S_TOKEN_FILE is not defined."
    );
  }
  if (!env.INSTALL_K3S_VERSION && !skipDownload)
    out += info([`Finding release for channel ${env.INSTALL_K3S_CHANNEL ?? "stable"}`]);
  if (!skipDownload && !/^v1\.\d+\.\d+(-rc\d+)?\+k3s\d+$/.test(version2)) {
    return fail2(1, `[ERROR]  Download failed`, out + info([`Using ${version2} as release`]));
  }
  if (skipDownload) {
    if (!ctx2.files.exists(`${BIN}/k3s`))
      return fail2(1, `[ERROR]  Executing ${BIN}/k3s binary failed`, out);
    out += info(["Skipping k3s download and verify"]);
  } else {
    out += info([`Using ${version2} as release`]);
    const base = `https://github.com/k3s-io/k3s/releases/download/${version2}`;
    out += info([
      `Downloading hash ${base}/sha256sum-arm64.txt`,
      `Downloading binary ${base}/k3s-arm64`,
      "Verifying binary download",
      `Installing k3s to ${BIN}/k3s`
    ]);
    ctx2.files.write(`${BIN}/k3s`, standinScript('"k3s:${0##*/}"'), 493);
  }
  out += info(["Skipping installation of SELinux RPM"]);
  if (env.INSTALL_K3S_SYMLINK !== "skip") {
    for (const l of LINKS) {
      if (!ctx2.files.exists(`${BIN}/${l}`) || env.INSTALL_K3S_SYMLINK === "force") {
        ctx2.files.symlink(`${BIN}/k3s`, `${BIN}/${l}`);
        out += info([`Creating ${BIN}/${l} symlink to k3s`]);
      }
    }
  }
  const service = role === "server" ? "k3s" : "k3s-agent";
  const uninstall = role === "server" ? "k3s-uninstall.sh" : "k3s-agent-uninstall.sh";
  ctx2.files.write(`${BIN}/k3s-killall.sh`, standinScript("k3s-killall"), 493);
  ctx2.files.write(
    `${BIN}/${uninstall}`,
    standinScript(role === "server" ? "k3s-uninstall" : "k3s-agent-uninstall"),
    493
  );
  out += info([
    `Creating killall script ${BIN}/k3s-killall.sh`,
    `Creating uninstall script ${BIN}/${uninstall}`
  ]);
  const k3sEnv = Object.fromEntries(
    Object.entries(env).filter(
      ([k]) => k.startsWith("K3S_") || /^(https?_proxy|no_proxy|CONTAINERD_)/i.test(k)
    )
  );
  ctx2.files.write(
    `/etc/systemd/system/${service}.service.env`,
    Object.entries(k3sEnv).map(([k, v]) => `${k}='${v}'
`).join(""),
    384
  );
  ctx2.files.write(
    `/etc/systemd/system/${service}.service`,
    `[Unit]
Description=Lightweight Kubernetes
After=network-online.target

[Service]
Type=notify
EnvironmentFile=-/etc/systemd/system/${service}.service.env
ExecStart=${BIN}/k3s \\
    ${role} \\
${flags.map((f) => `	'${f}' \\
`).join("")}

[Install]
WantedBy=multi-user.target
`
  );
  out += info([
    `env: Creating environment file /etc/systemd/system/${service}.service.env`,
    `systemd: Creating service file /etc/systemd/system/${service}.service`
  ]);
  const previous = ctx2.state.k3s;
  const next = {
    role,
    version: version2,
    flags,
    env: k3sEnv,
    nodeName: flagValue(flags, "node-name") ?? env.K3S_NODE_NAME ?? config["node-name"] ?? ctx2.state.hostname
  };
  if (token) next.token = token;
  if (serverUrl && role === "agent") next.serverUrl = serverUrl;
  if (previous?.clusterId && previous.role === role) next.clusterId = previous.clusterId;
  const unit = `${service}.service`;
  const unchanged = previous !== null && JSON.stringify({ ...previous, clusterId: void 0 }) === JSON.stringify({ ...next, clusterId: void 0 }) && !!ctx2.state.services[unit]?.active;
  ctx2.state.k3s = next;
  const svc = ctx2.state.services[unit] ??= { enabled: false, active: false };
  ctx2.save();
  if (env.INSTALL_K3S_SKIP_ENABLE !== "true") {
    svc.enabled = true;
    out += info([`systemd: Enabling ${service} unit`]);
  }
  if (env.INSTALL_K3S_SKIP_START === "true" || env.INSTALL_K3S_SKIP_ENABLE === "true") {
    ctx2.save();
    return ok2(out);
  }
  if (unchanged && env.INSTALL_K3S_FORCE_RESTART !== "true") {
    ctx2.save();
    return ok2(out + info(["No change detected so skipping service start"]));
  }
  out += info([`systemd: Starting ${service}`]);
  if (svc.active) await stopK3sUnit(ctx2, unit);
  const error = await startK3sUnit(ctx2, unit);
  ctx2.save();
  if (error) return fail2(1, error, out);
  svc.active = true;
  ctx2.save();
  return ok2(out);
}
var jobFailed = (unit) => `Job for ${unit} failed because the control process exited with error code.
See "systemctl status ${unit}" and "journalctl -xeu ${unit}" for details.`;
function kubeconfigMode(k, config) {
  const m = flagValue(k.flags, "write-kubeconfig-mode") ?? k.env.K3S_KUBECONFIG_MODE ?? config["write-kubeconfig-mode"];
  return m === void 0 ? 384 : parseInt(String(m), 8);
}
async function startK3sUnit(ctx2, unit) {
  const k = ctx2.state.k3s;
  const role = unit === "k3s.service" ? "server" : "agent";
  if (!k || k.role !== role || !ctx2.files.exists(`${BIN}/k3s`)) return jobFailed(unit);
  if (role === "server") {
    const tokenPath = "/var/lib/rancher/k3s/server/token";
    let full = ctx2.files.read(tokenPath)?.trim();
    if (!full) {
      const given = k.token ?? readConfig(ctx2).token;
      const password2 = given ? given.split("::server:")[1] ?? given : randomBytes8(16).toString("hex");
      full = `K10${randomBytes8(32).toString("hex")}::server:${password2}`;
    }
    const password = full.split("::server:")[1] ?? full;
    k.clusterId ??= randomUUID5();
    const api = await ctx2.hub.startApiServer({ ip: ctx2.ip, port: 6443, clusterId: k.clusterId });
    ctx2.files.write(tokenPath, `${full}
`, 384);
    ctx2.files.write("/var/lib/rancher/k3s/server/node-token", `${full}
`, 384);
    ctx2.files.symlink(
      "/var/lib/rancher/k3s/server/token",
      "/var/lib/rancher/k3s/server/agent-token"
    );
    ctx2.files.write(
      "/etc/rancher/k3s/k3s.yaml",
      api.kubeconfig("https://127.0.0.1:6443"),
      kubeconfigMode(k, readConfig(ctx2))
    );
    ctx2.k3s.publish({ ip: ctx2.ip, token: full, password });
    const roles = ["control-plane", "master"];
    if (k.flags.includes("--cluster-init") || readConfig(ctx2)["cluster-init"] === true)
      roles.push("etcd");
    ctx2.hub.registerNode(ctx2.ip, { name: k.nodeName, ip: ctx2.ip, roles });
    return void 0;
  }
  const apiIp = /^https:\/\/([^/:]+)/.exec(k.serverUrl ?? "")?.[1];
  if (!apiIp || !k.token || !ctx2.k3s.accepts(apiIp, k.token) || !ctx2.hub.apiServer(apiIp)) {
    return jobFailed(unit);
  }
  ctx2.hub.registerNode(apiIp, { name: k.nodeName, ip: ctx2.ip, roles: [] });
  return void 0;
}
async function stopK3sUnit(ctx2, unit) {
  const s = ctx2.state.services[unit];
  if (s) s.active = false;
  if (unit === "k3s.service" && ctx2.hub.apiServer(ctx2.ip)) {
    ctx2.k3s.withdraw(ctx2.ip);
    await ctx2.hub.stopApiServer(ctx2.ip);
  }
}
async function k3sKillall(ctx2) {
  for (const unit of ["k3s.service", "k3s-agent.service"]) {
    if (ctx2.state.services[unit]) await stopK3sUnit(ctx2, unit);
  }
  ctx2.files.remove("/run/k3s");
  ctx2.files.remove("/run/flannel");
  ctx2.save();
  return ok2(`+ systemctl stop k3s.service
+ systemctl stop k3s-agent.service
`);
}
async function k3sUninstall(ctx2, role) {
  const out = (await k3sKillall(ctx2)).stdout;
  const service = role === "server" ? "k3s" : "k3s-agent";
  delete ctx2.state.services[`${service}.service`];
  const other = role === "server" ? "k3s-agent.service" : "k3s.service";
  for (const p of [
    `/etc/systemd/system/${service}.service`,
    `/etc/systemd/system/${service}.service.env`
  ]) {
    ctx2.files.remove(p);
  }
  ctx2.files.remove(`${BIN}/${role === "server" ? "k3s-uninstall.sh" : "k3s-agent-uninstall.sh"}`);
  if (!ctx2.state.services[other]) {
    for (const p of [
      "/etc/rancher/k3s",
      "/run/k3s",
      "/run/flannel",
      "/var/lib/rancher/k3s",
      "/var/lib/kubelet"
    ]) {
      ctx2.files.remove(p);
    }
    for (const b of ["k3s", "k3s-killall.sh", ...LINKS]) ctx2.files.remove(`${BIN}/${b}`);
    ctx2.state.k3s = null;
  }
  ctx2.save();
  return ok2(
    `${out}+ systemctl disable ${service}
+ rm -f /etc/systemd/system/${service}.service
`
  );
}
function k3sBinary(ctx2, argv0) {
  const k = ctx2.state.k3s;
  const version2 = ctx2.call.env.RK1LAB_K3S_VERSION ?? k?.version ?? LAB_K3S_STABLE;
  const hash = createHash9("sha1").update(version2).digest("hex").slice(0, 8);
  const args = ctx2.call.args;
  if (argv0 === "k3s" && (args[0] === "--version" || args[0] === "-v" || args[0] === "version")) {
    return ok2(`k3s version ${version2} (${hash})
go version go1.24.6
`);
  }
  const sub = argv0 === "k3s" ? args[0] : argv0;
  return fail2(
    1,
    `lab: \`k3s ${sub ?? ""}\` is not emulated on lab nodes; use kubectl with the kubeconfig from /etc/rancher/k3s/k3s.yaml`
  );
}

// src/lab/nodes/armbian/tools/lsblk.ts
var COLS = {
  NAME: (t, _d, o) => o.paths ? `/dev/${t.name}` : t.name,
  KNAME: (t) => t.name,
  PATH: (t) => `/dev/${t.name}`,
  "MAJ:MIN": (t, d) => `${d.name.startsWith("nvme") ? 259 : 179}:${t === d ? 0 : t.number}`,
  RM: () => false,
  RO: () => false,
  SIZE: (t, _d, o) => o.bytes ? t.sizeBytes : humanSize(t.sizeBytes),
  TYPE: (t, d) => t === d ? "disk" : "part",
  MOUNTPOINT: (t) => t.mountpoint ?? null,
  MOUNTPOINTS: (t) => [t.mountpoint ?? null],
  FSTYPE: (t) => t.fstype ?? null,
  FSVER: (t) => t.fstype === "ext4" ? "1.0" : t.fstype ? "V5" : null,
  LABEL: (t) => t.label ?? null,
  UUID: (t) => t.uuid ?? null,
  PARTLABEL: (t, d) => t === d ? null : t.partlabel ?? null,
  MODEL: (t, d) => t === d ? d.model || null : null,
  SERIAL: (t, d) => t === d ? d.serial : null,
  PTTYPE: (_t, d) => d.pttype ?? null,
  FSAVAIL: (t) => t.mountpoint ? humanSize(Math.floor(t.sizeBytes * 0.9)) : null,
  "FSUSE%": (t) => t.mountpoint ? "8%" : null
};
function optionValue(args, short, long) {
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? "";
    if (a === short || a === long) return args[i + 1];
    if (a.startsWith(`${long}=`)) return a.slice(long.length + 1);
  }
  return void 0;
}
function text(v) {
  if (v === null || v === void 0) return "";
  if (Array.isArray(v)) return v.filter((x) => x !== null).join(",");
  if (typeof v === "boolean") return v ? "1" : "0";
  return String(v);
}
function lsblk(ctx2) {
  const args = ctx2.call.args;
  const flag = (s, l) => args.some((a) => a === l || /^-[a-zA-Z]+$/.test(a) && a.includes(s.slice(1)));
  const json = flag("-J", "--json");
  const o = { bytes: flag("-b", "--bytes"), paths: flag("-p", "--paths") };
  const nodeps = flag("-d", "--nodeps");
  const noheadings = flag("-n", "--noheadings");
  const list2 = flag("-l", "--list") || flag("-r", "--raw");
  const outArg = optionValue(args, "-o", "--output");
  let cols = ["NAME", "MAJ:MIN", "RM", "SIZE", "RO", "TYPE", "MOUNTPOINTS"];
  if (flag("-f", "--fs"))
    cols = ["NAME", "FSTYPE", "FSVER", "LABEL", "UUID", "FSAVAIL", "FSUSE%", "MOUNTPOINTS"];
  if (outArg) cols = outArg.split(",").map((c) => c.trim().toUpperCase());
  for (const c of cols) if (!COLS[c]) return fail2(1, `lsblk: unknown column: ${c}`);
  const positional = args.filter(
    (a, i) => !a.startsWith("-") && !["-o", "--output"].includes(args[i - 1] ?? "")
  );
  const rows = [];
  for (const dev of positional) {
    const found = findDevice(ctx2.state, dev);
    if (!found) return fail2(32, `lsblk: ${dev}: not a block device`);
    rows.push({ t: found.target, disk: found.disk });
  }
  if (positional.length === 0) for (const disk of ctx2.state.disks) rows.push({ t: disk, disk });
  const children = (r) => r.t === r.disk && !nodeps ? r.disk.partitions.map((p) => ({ t: p, disk: r.disk })) : [];
  if (json) {
    const obj2 = (r) => {
      const e = {};
      for (const c of cols) e[c.toLowerCase()] = COLS[c]?.(r.t, r.disk, o);
      const kids = children(r);
      if (kids.length > 0 && !list2) e.children = kids.map(obj2);
      return e;
    };
    const flat = list2 ? rows.flatMap((r) => [r, ...children(r)]) : rows;
    return ok2(`${JSON.stringify({ blockdevices: flat.map(obj2) }, null, 3)}
`);
  }
  const table = [];
  const walk2 = (r, prefix) => {
    table.push(cols.map((c, i) => (i === 0 ? prefix : "") + text(COLS[c]?.(r.t, r.disk, o))));
    const kids = children(r);
    kids.forEach((k, i) => walk2(k, list2 ? "" : i === kids.length - 1 ? "\u2514\u2500" : "\u251C\u2500"));
  };
  for (const r of rows) walk2(r, "");
  if (!noheadings) table.unshift(cols);
  const widths = cols.map((_, i) => Math.max(...table.map((row) => (row[i] ?? "").length)));
  return ok2(
    table.map(
      (row) => row.map((cell, i) => i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)).join(" ").trimEnd()
    ).join("\n") + "\n"
  );
}
function blkid(ctx2) {
  const args = ctx2.call.args;
  const tags = [];
  let format = "full";
  const devs = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? "";
    if (a === "-s") tags.push(args[++i] ?? "");
    else if (a === "-o") format = args[++i] ?? "full";
    else if (a === "-U" || a === "-L") {
      const found = findDevice(ctx2.state, `${a === "-U" ? "UUID" : "LABEL"}=${args[i + 1] ?? ""}`);
      return found ? ok2(`/dev/${found.target.name}
`) : fail2(2, "");
    } else if (!a.startsWith("-")) devs.push(a);
  }
  const targets = [];
  if (devs.length > 0) {
    for (const d of devs) {
      const found = findDevice(ctx2.state, d);
      if (found?.target.fstype) targets.push(found.target);
    }
  } else {
    for (const disk of ctx2.state.disks) {
      for (const t of [disk, ...disk.partitions]) if (t.fstype) targets.push(t);
    }
  }
  if (targets.length === 0) return fail2(2, "");
  let out = "";
  for (const t of targets) {
    const all = [
      ["LABEL", t.label],
      ["UUID", t.uuid],
      ["BLOCK_SIZE", "4096"],
      ["TYPE", t.fstype],
      ["PARTLABEL", "partlabel" in t ? t.partlabel : void 0]
    ];
    const pairs = all.filter(([k, v]) => v !== void 0 && (tags.length === 0 || tags.includes(k)));
    if (format === "value") out += pairs.map(([, v]) => `${v}
`).join("");
    else if (format === "export")
      out += `DEVNAME=/dev/${t.name}
${pairs.map(([k, v]) => `${k}=${v}
`).join("")}
`;
    else out += `/dev/${t.name}: ${pairs.map(([k, v]) => `${k}="${v}"`).join(" ")}
`;
  }
  return ok2(out);
}
function findmnt(ctx2) {
  const args = ctx2.call.args;
  const noheadings = args.includes("-n") || args.includes("--noheadings");
  const outArg = optionValue(args, "-o", "--output");
  const cols = (outArg ?? "TARGET,SOURCE,FSTYPE,OPTIONS").split(",").map((c) => c.trim().toUpperCase());
  const positional = args.filter(
    (a, i) => !a.startsWith("-") && !["-o", "--output"].includes(args[i - 1] ?? "")
  );
  let mounts = allMounts(ctx2.state);
  if (positional[0]) {
    const want = positional[0];
    mounts = mounts.filter(
      (m) => m.t.mountpoint === want || m.dev === want || findDevice(ctx2.state, want)?.target === m.t
    );
    if (mounts.length === 0) return fail2(1, "");
  }
  const value = (m, c) => ({
    TARGET: m.t.mountpoint ?? "",
    SOURCE: m.dev,
    FSTYPE: m.t.fstype ?? "",
    OPTIONS: "rw,noatime",
    UUID: m.t.uuid ?? "",
    LABEL: m.t.label ?? ""
  })[c] ?? "";
  const rows = mounts.map((m) => cols.map((c) => value(m, c)));
  if (!noheadings) rows.unshift(cols);
  const widths = cols.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  return ok2(
    rows.map(
      (r) => r.map((v, i) => v.padEnd(widths[i] ?? 0)).join(" ").trimEnd()
    ).join("\n") + "\n"
  );
}

// src/lab/nodes/armbian/tools/systemctl.ts
var BASE_UNITS = {
  "ssh.service": { enabled: true, active: true },
  "systemd-networkd.service": { enabled: true, active: true },
  "systemd-resolved.service": { enabled: true, active: true },
  "systemd-timesyncd.service": { enabled: true, active: true },
  "armbian-zram-config.service": { enabled: true, active: true },
  "armbian-firstrun.service": { enabled: true, active: false },
  "cron.service": { enabled: true, active: true }
};
function unitName(name2) {
  return /\.(service|socket|target|timer|mount|path)$/.test(name2) ? name2 : `${name2}.service`;
}
function isK3sUnit(unit) {
  return unit === "k3s.service" || unit === "k3s-agent.service";
}
function known(ctx2, unit) {
  return unit in ctx2.state.services || ctx2.files.exists(`/etc/systemd/system/${unit}`);
}
function ensure(ctx2, unit) {
  return ctx2.state.services[unit] ??= { enabled: false, active: false };
}
async function startUnit(ctx2, unit) {
  if (!known(ctx2, unit)) return `Failed to start ${unit}: Unit ${unit} not found.`;
  if (isK3sUnit(unit)) {
    const error = await startK3sUnit(ctx2, unit);
    if (error) return error;
  }
  ensure(ctx2, unit).active = true;
  return void 0;
}
async function stopUnit(ctx2, unit) {
  if (isK3sUnit(unit)) await stopK3sUnit(ctx2, unit);
  const s = ctx2.state.services[unit];
  if (s) s.active = false;
}
function statusText(ctx2, unit) {
  const s = ctx2.state.services[unit];
  const enabled = s?.enabled ? "enabled" : "disabled";
  const active = s?.active ? "active (running)" : "inactive (dead)";
  return `${s?.active ? "\u25CF" : "\u25CB"} ${unit}
     Loaded: loaded (/usr/lib/systemd/system/${unit}; ${enabled}; preset: enabled)
     Active: ${active}
`;
}
async function systemctl(ctx2) {
  const flags = ctx2.call.args.filter((a) => a.startsWith("-"));
  const [verb, ...names] = ctx2.call.args.filter((a) => !a.startsWith("-"));
  const quiet = flags.includes("-q") || flags.includes("--quiet");
  const now2 = flags.includes("--now");
  const units = names.map(unitName);
  let stdout = "";
  let stderr = "";
  const done = (code) => {
    ctx2.save();
    return { stdout, stderr, code };
  };
  switch (verb) {
    case "daemon-reload":
    case "reset-failed":
      return ok2();
    case "is-system-running":
      return ok2(quiet ? "" : "running\n");
    case "enable":
    case "disable":
      for (const unit of units) {
        if (!known(ctx2, unit)) {
          stderr += `Failed to ${verb} unit: Unit file ${unit} does not exist.
`;
          return done(1);
        }
        const s = ensure(ctx2, unit);
        if (verb === "enable" && !s.enabled) {
          stderr += `Created symlink /etc/systemd/system/multi-user.target.wants/${unit} \u2192 /usr/lib/systemd/system/${unit}.
`;
        }
        if (verb === "disable" && s.enabled) {
          stderr += `Removed "/etc/systemd/system/multi-user.target.wants/${unit}".
`;
        }
        s.enabled = verb === "enable";
        if (now2 && verb === "enable") {
          const error = await startUnit(ctx2, unit);
          if (error) {
            stderr += `${error}
`;
            return done(1);
          }
        }
        if (now2 && verb === "disable") await stopUnit(ctx2, unit);
      }
      return done(0);
    case "start":
    case "restart":
    case "reload-or-restart":
    case "try-restart":
    case "reload":
      for (const unit of units) {
        if (verb === "try-restart" && !ctx2.state.services[unit]?.active) continue;
        if (verb === "restart" || verb === "reload-or-restart") await stopUnit(ctx2, unit);
        const error = await startUnit(ctx2, unit);
        if (error) {
          stderr += `${error}
`;
          return done(error.includes("not found") ? 5 : 1);
        }
      }
      return done(0);
    case "stop":
      for (const unit of units) {
        if (!known(ctx2, unit)) {
          stderr += `Failed to stop ${unit}: Unit ${unit} not loaded.
`;
          return done(5);
        }
        await stopUnit(ctx2, unit);
      }
      return done(0);
    case "is-active": {
      let code = 0;
      for (const unit of units) {
        const active = !!ctx2.state.services[unit]?.active;
        if (!quiet) stdout += active ? "active\n" : "inactive\n";
        if (!active) code = 3;
      }
      return { stdout, stderr, code };
    }
    case "is-enabled": {
      let code = 0;
      for (const unit of units) {
        if (!known(ctx2, unit)) {
          stderr += `Failed to get unit file state for ${unit}: No such file or directory
`;
          code = 1;
          continue;
        }
        const enabled = !!ctx2.state.services[unit]?.enabled;
        if (!quiet) stdout += enabled ? "enabled\n" : "disabled\n";
        if (!enabled) code = 1;
      }
      return { stdout, stderr, code };
    }
    case "is-failed":
      return { stdout: quiet ? "" : units.map(() => "inactive\n").join(""), stderr: "", code: 1 };
    case "status": {
      let code = 0;
      for (const unit of units) {
        if (!known(ctx2, unit)) {
          stderr += `Unit ${unit} could not be found.
`;
          code = 4;
          continue;
        }
        stdout += statusText(ctx2, unit);
        if (!ctx2.state.services[unit]?.active && code === 0) code = 3;
      }
      return { stdout, stderr, code };
    }
    case void 0:
      return fail2(1, "lab: systemctl without a verb is not emulated");
    default:
      return fail2(1, `Unknown command verb '${verb}'.`);
  }
}

// src/lab/nodes/armbian/tool-server.ts
var TOOLS = {
  "apt-get": aptGet,
  systemctl,
  hostnamectl,
  netplan,
  modprobe,
  lsmod,
  sysctl,
  lsblk,
  blkid,
  findmnt,
  wipefs,
  sgdisk,
  parted,
  "mkfs.ext4": (ctx2) => mkfs(ctx2, "ext4"),
  "mkfs.xfs": (ctx2) => mkfs(ctx2, "xfs"),
  mount,
  umount,
  swapoff,
  swapon,
  "iscsi-iname": iscsiInameTool,
  curl,
  "k3s-install": k3sInstall,
  "k3s-killall": k3sKillall,
  "k3s-uninstall": (ctx2) => k3sUninstall(ctx2, "server"),
  "k3s-agent-uninstall": (ctx2) => k3sUninstall(ctx2, "agent"),
  reboot
};
async function runTool(ctx2) {
  const { tool } = ctx2.call;
  ctx2.state.calls.push([tool, ...ctx2.call.args].join(" "));
  if (ctx2.state.calls.length > 1e3) ctx2.state.calls.splice(0, ctx2.state.calls.length - 1e3);
  try {
    if (tool.startsWith("k3s:")) return k3sBinary(ctx2, tool.slice(4));
    const impl = TOOLS[tool];
    if (!impl) return fail2(127, `lab: unknown stand-in ${tool}`);
    return await impl(ctx2);
  } catch (error) {
    return fail2(1, `${tool}: lab stand-in failed: ${error.message}`);
  } finally {
    ctx2.save();
  }
}
var ToolServer = class {
  constructor(socketPath, context) {
    this.socketPath = socketPath;
    this.context = context;
  }
  socketPath;
  context;
  server;
  queue = Promise.resolve();
  sockets = /* @__PURE__ */ new Set();
  async start() {
    rmSync5(this.socketPath, { force: true });
    const server = createServer5({ allowHalfOpen: true }, (socket) => this.accept(socket));
    this.server = server;
    await new Promise((resolve3, reject2) => {
      server.once("error", reject2);
      server.listen(this.socketPath, () => resolve3());
    });
  }
  accept(socket) {
    this.sockets.add(socket);
    socket.on("close", () => this.sockets.delete(socket));
    socket.on("error", () => socket.destroy());
    const chunks = [];
    socket.on("data", (d) => chunks.push(d));
    socket.on("end", () => {
      let call2;
      try {
        const raw2 = JSON.parse(Buffer.concat(chunks).toString("utf8"));
        call2 = {
          tool: String(raw2.tool ?? ""),
          args: Array.isArray(raw2.args) ? raw2.args.map(String) : [],
          env: raw2.env && typeof raw2.env === "object" ? raw2.env : {},
          cwd: typeof raw2.cwd === "string" ? raw2.cwd : "/"
        };
      } catch {
        socket.end(JSON.stringify(fail2(2, "lab: malformed stand-in call")));
        return;
      }
      const work = this.queue.then(() => runTool(this.context(call2)));
      this.queue = work.catch(() => void 0);
      void work.then(
        (result) => socket.end(JSON.stringify(result)),
        (error) => socket.end(JSON.stringify(fail2(1, String(error))))
      );
    });
  }
  async close() {
    for (const s of this.sockets) s.destroy();
    const server = this.server;
    this.server = void 0;
    if (server) await new Promise((resolve3) => server.close(() => resolve3()));
    rmSync5(this.socketPath, { force: true });
  }
};

// src/lab/nodes/armbian/node.ts
var ArmbianNode = class {
  slot;
  ip;
  sshPort;
  /** Mutable: tests arm and disarm faults between commands. */
  faults;
  layout;
  files;
  hub;
  k3s;
  timeScale;
  nvme;
  current;
  flash;
  ssh;
  clients = /* @__PURE__ */ new Set();
  processes = /* @__PURE__ */ new Set();
  tools;
  readyWaiters = [];
  listening = false;
  generation = 0;
  stopping = Promise.resolve();
  /** Why the services after boot failed to start (e.g. the SSH port is taken). */
  runtimeError;
  onForcedReboot;
  constructor(opts) {
    if (!/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(opts.ip)) {
      throw new Error(`lab Armbian node ${opts.slot}: ${opts.ip} is not a loopback address`);
    }
    this.faults = opts.faults ?? {};
    assertSandboxAvailable(opts.slot, !!this.faults.namespacesUnavailable);
    this.slot = opts.slot;
    this.ip = opts.ip;
    this.sshPort = opts.sshPort;
    this.hub = opts.hub;
    this.k3s = opts.k3s ?? defaultK3sDirectory;
    this.timeScale = opts.timeScale ?? 1;
    this.nvme = opts.nvme ?? "blank";
    mkdirSync6(opts.dir, { recursive: true });
    let socketPath = join10(opts.dir, "lab.sock");
    if (socketPath.length > 100)
      socketPath = join10(tmpdir3(), `rk1lab-${randomBytes9(6).toString("hex")}.sock`);
    this.layout = {
      dir: opts.dir,
      fsDir: join10(opts.dir, "fs"),
      sandboxDir: join10(opts.dir, "sandbox"),
      rootMount: join10(opts.dir, "sandbox", "root"),
      socketPath,
      emmcPath: opts.emmcPath,
      meminfoPath: join10(opts.dir, "meminfo")
    };
    this.onForcedReboot = opts.onForcedReboot;
    this.writeMeminfo();
    prepareSandbox(this.layout);
    this.files = new NodeFiles(this.layout.fsDir);
    const statePath = join10(opts.dir, "state.json");
    this.current = existsSync6(statePath) ? JSON.parse(readFileSync3(statePath, "utf8")) : this.freshState(null);
    const flashPath = join10(opts.dir, "flash.json");
    if (existsSync6(flashPath))
      this.flash = JSON.parse(readFileSync3(flashPath, "utf8"));
  }
  /** /proc/meminfo of the node: 16 GiB, MemAvailable as the faults say. */
  writeMeminfo() {
    const kib = (bytes) => `${Math.floor(bytes / 1024)} kB`;
    const total = 16 * 2 ** 30;
    const avail = this.faults.memAvailableBytes ?? 14 * 2 ** 30;
    writeFileSync6(
      this.layout.meminfoPath,
      `MemTotal:       ${kib(total)}
MemFree:        ${kib(avail)}
MemAvailable:   ${kib(avail)}
`
    );
  }
  /** `reboot -f`: at once, no shutdown (the node path's filesystems are read-only by then). */
  rebootNow() {
    if (this.faults.hangOnReboot) {
      void this.powerOff();
      return;
    }
    this.onForcedReboot?.();
  }
  /** The recorded state (live object; read-only by convention). */
  get state() {
    return this.current;
  }
  /** The node's files as the lab sees them (for tests and the lab cluster). */
  get filesystem() {
    return this.files;
  }
  /** OpenSSH public host key of the current flash (`ssh-ed25519 AAAA…`). */
  get hostKeyPublic() {
    return this.flash?.hostKeyPublic;
  }
  get sshListening() {
    return this.listening;
  }
  /** Resolves once SSH listens (after the boot script's last line). */
  whenSshReady() {
    const settle = () => this.listening || !this.runtimeError ? Promise.resolve() : Promise.reject(this.runtimeError);
    if (this.listening) return Promise.resolve();
    return new Promise((resolve3) => this.readyWaiters.push(resolve3)).then(settle);
  }
  freshState(flashId) {
    const services = {};
    for (const [k, v] of Object.entries(BASE_UNITS)) services[k] = { ...v };
    return {
      slot: this.slot,
      ip: this.ip,
      flashId,
      bootCount: 0,
      hostname: "turing-rk1",
      armbianVersion: "",
      firstLoginDone: false,
      consoleBlocked: false,
      packages: [...PREINSTALLED],
      services,
      modules: [],
      sysctl: {},
      disks: initialDisks(this.nvme),
      swap: [{ name: "/dev/zram0", sizeBytes: 8 * 2 ** 30 }],
      netplanApplied: null,
      k3s: null,
      calls: []
    };
  }
  save() {
    writeFileSync6(join10(this.layout.dir, "state.json"), `${JSON.stringify(this.current, null, 2)}
`);
  }
  context(call2) {
    return {
      call: call2,
      state: this.current,
      files: this.files,
      hub: this.hub,
      k3s: this.k3s,
      ip: this.ip,
      timeScale: this.timeScale,
      save: () => this.save(),
      reboot: () => this.rebootNow()
    };
  }
  /** For the BMC's `bootLog` hook: what the node prints after power-on; `onBooted` starts SSH. */
  bootScript(emmc) {
    this.stopping = this.stopRuntime();
    const generation = ++this.generation;
    if (this.faults.neverBoots) return { lines: hungBoot() };
    const loc = existsSync6(emmc.path) ? findRootfs(emmc.path) : void 0;
    if (!loc) return { lines: panicBoot() };
    const flashId = flashIdentity(emmc.path, emmc.head, emmc.sha256);
    const newFlash = this.flash?.flashId !== flashId || !existsSync6(join10(this.layout.fsDir, "etc"));
    if (newFlash) {
      try {
        extractRootfs(emmc.path, loc, this.layout.fsDir, join10(this.layout.dir, "extract"));
      } catch {
        return { lines: panicBoot() };
      }
      const keys = generateEd25519KeyPair();
      this.flash = { flashId, hostKey: keys.private, hostKeyPublic: keys.public };
      writeFileSync6(join10(this.layout.dir, "flash.json"), JSON.stringify(this.flash), {
        mode: 384
      });
      this.files.write("/etc/ssh/ssh_host_ed25519_key.pub", `${keys.public}
`);
      this.current = this.freshState(flashId);
      randomiseEthaddr(this.files);
    }
    const ctx2 = this.context({ tool: "boot", args: [], env: {}, cwd: "/" });
    const state = this.current;
    state.bootCount++;
    state.hostname = (this.files.read("/etc/hostname") ?? "turing-rk1").trim() || "turing-rk1";
    const release = this.files.read("/etc/armbian-release") ?? "";
    state.armbianVersion = /^VERSION=(.*)$/m.exec(release)?.[1]?.trim() ?? "unknown";
    this.applyPersistentConfig(ctx2);
    let afterLogin = motd(state.hostname, state.armbianVersion);
    let provisioning = false;
    if (this.files.exists("/root/.not_logged_in_yet")) {
      const result = runFirstLogin(this.files, state.hostname);
      afterLogin = result.console;
      state.consoleBlocked = !result.done;
      state.firstLoginDone = result.done && !result.provisioning;
      provisioning = result.provisioning;
    } else {
      state.consoleBlocked = false;
    }
    this.save();
    return {
      lines: fullBoot({
        hostname: state.hostname,
        version: state.armbianVersion,
        firstRun: newFlash,
        afterLogin
      }),
      onBooted: () => {
        this.startRuntime(generation, provisioning).catch((error) => {
          this.runtimeError = error instanceof Error ? error : new Error(String(error));
          for (const w of this.readyWaiters.splice(0)) w();
        });
      }
    };
  }
  /** What systemd brings back at boot: enabled units, modules-load.d, sysctl.d, fstab, zram swap. */
  applyPersistentConfig(ctx2) {
    const s = this.current;
    for (const unit of Object.values(s.services)) unit.active = unit.enabled;
    for (const [k, v] of Object.entries(BASE_UNITS))
      if (v.active && s.services[k]) s.services[k].active = true;
    s.modules = [];
    for (const f of this.files.list("/etc/modules-load.d").filter((n) => n.endsWith(".conf"))) {
      for (const line of (this.files.read(`/etc/modules-load.d/${f}`) ?? "").split("\n")) {
        const m = line.trim();
        if (m && !m.startsWith("#") && !s.modules.includes(m)) s.modules.push(m);
      }
    }
    s.sysctl = {};
    for (const f of this.files.list("/etc/sysctl.d").filter((n) => n.endsWith(".conf"))) {
      applySysctlText(ctx2, this.files.read(`/etc/sysctl.d/${f}`) ?? "", false);
    }
    for (const d of s.disks)
      for (const t of [d, ...d.partitions]) if (t.mountpoint !== "/") delete t.mountpoint;
    mountAll(ctx2);
    s.swap = [{ name: "/dev/zram0", sizeBytes: 8 * 2 ** 30 }];
  }
  async startRuntime(generation, provisioning) {
    await this.stopping;
    this.runtimeError = void 0;
    if (generation !== this.generation || !this.flash) return;
    this.tools = new ToolServer(this.layout.socketPath, (call2) => this.context(call2));
    await this.tools.start();
    if (provisioning) {
      await this.runInSandbox(". /root/provisioning.sh");
      this.files.remove("/root/.not_logged_in_yet");
      this.current.firstLoginDone = true;
      this.save();
    }
    for (const unit of ["k3s.service", "k3s-agent.service"]) {
      if (this.current.services[unit]?.enabled) {
        this.current.services[unit].active = false;
        await startUnit(this.context({ tool: "systemd", args: [], env: {}, cwd: "/" }), unit);
      }
    }
    this.save();
    if (generation !== this.generation) return;
    const server = new import_ssh22.default.Server({ hostKeys: [this.flash.hostKey] }, (client) => {
      this.clients.add(client);
      client.on("close", () => this.clients.delete(client));
      handleClient(client, {
        files: this.files,
        layout: this.layout,
        faults: this.faults,
        hostname: () => this.current.hostname,
        devices: () => deviceNames(this.current),
        processes: this.processes,
        beforeExec: () => this.writeMeminfo()
      });
    });
    this.ssh = server;
    await new Promise((resolve3, reject2) => {
      server.once("error", reject2);
      server.listen(this.sshPort, this.ip, () => resolve3());
    });
    this.listening = true;
    for (const w of this.readyWaiters.splice(0)) w();
  }
  /** Runs a command in the node's sandbox outside SSH (first-login provisioning). */
  runInSandbox(command) {
    const child = spawnInSandbox(this.layout, {
      command,
      env: {},
      hostname: this.current.hostname,
      devices: deviceNames(this.current),
      id: randomBytes9(8).toString("hex")
    });
    this.processes.add(child);
    child.stdout?.resume();
    child.stderr?.resume();
    return new Promise(
      (resolve3) => child.on("close", (code) => {
        this.processes.delete(child);
        resolve3(code ?? 255);
      })
    );
  }
  async stopRuntime() {
    this.listening = false;
    const server = this.ssh;
    this.ssh = void 0;
    for (const c of this.clients) {
      const sock = c._sock;
      if (sock) sock.destroy();
    }
    this.clients.clear();
    for (const p of this.processes) {
      try {
        if (p.pid) process.kill(-p.pid, "SIGKILL");
      } catch {
      }
    }
    const tools = this.tools;
    this.tools = void 0;
    await Promise.all([
      server ? new Promise((resolve3) => server.close(() => resolve3())) : void 0,
      tools?.close()
    ]);
  }
  /** Power cut: SSH and services stop; files and enabled units survive for the next boot. */
  async powerOff() {
    this.generation++;
    this.stopping = this.stopRuntime();
    await this.stopping;
    if (this.current.services["k3s.service"]?.active && this.hub.apiServer(this.ip)) {
      this.k3s.withdraw(this.ip);
      await this.hub.stopApiServer(this.ip);
    }
    for (const unit of Object.values(this.current.services)) unit.active = false;
    this.save();
  }
  async close() {
    await this.powerOff();
  }
};

// src/lab/talos/node.ts
import { randomBytes as randomBytes11 } from "node:crypto";
import {
  closeSync as closeSync2,
  mkdirSync as mkdirSync7,
  openSync as openSync2,
  readFileSync as readFileSync4,
  readSync as readSync2,
  rmSync as rmSync6,
  statSync as statSync3,
  writeFileSync as writeFileSync7,
  writeSync
} from "node:fs";
import { join as join11 } from "node:path";

// src/lab/talos/node-api.ts
import { createServer as createServer6 } from "node:https";
import { randomBytes as randomBytes10 } from "node:crypto";

// src/lab/talos/registry.ts
var nodes = /* @__PURE__ */ new Map();
function registerLabTalosNode(node) {
  nodes.set(node.ip, node);
}
function unregisterLabTalosNode(node) {
  if (nodes.get(node.ip) === node) nodes.delete(node.ip);
}
function labTalosNode(ip) {
  return nodes.get(ip);
}
function clusterMembers(clusterId) {
  return [...nodes.values()].filter(
    (n) => n.state === "configured" && n.facts?.clusterId === clusterId
  );
}

// src/lab/talos/health.ts
var HEALTH_CONDITIONS = [
  ["etcd to be healthy", "etcd"],
  ["etcd members to be consistent across nodes", "etcd"],
  ["etcd members to be control plane nodes", "etcd"],
  ["apid to be ready", "apid"],
  ["all nodes memory sizes", "apid"],
  ["all nodes disk sizes", "apid"],
  ["no diagnostics", "apid"],
  ["kubelet to be healthy", "booted"],
  ["all nodes to finish boot sequence", "booted"],
  ["all k8s nodes to report", "k8s"],
  ["all control plane static pods to be running", "api"],
  ["all control plane components to be ready", "api"],
  ["all k8s nodes to report ready", "k8s"],
  ["kube-proxy to report ready", "api"],
  ["coredns to report ready", "api"],
  ["all k8s nodes to report schedulable", "k8s"]
];
function multi(errors) {
  if (errors.length === 0) return "";
  const n = errors.length;
  return `${n} error${n > 1 ? "s" : ""} occurred:
${errors.map((e) => `	* ${e}`).join("\n")}`;
}
function healthConditions(m, body) {
  const clusterId = m.facts?.clusterId ?? "";
  const members = clusterMembers(clusterId);
  const list2 = (v, type) => Array.isArray(v) && v.length ? v.map(String) : members.filter((n) => n.facts?.type === type).map((n) => n.ip);
  const cps = list2(body.controlPlaneNodes, "controlplane");
  const workers = list2(body.workerNodes, "worker");
  const all = [...cps, ...workers];
  const cp = labTalosNode(m.endpointIp ?? m.ip) ?? m;
  const api = m.endpointIp ? m.hub.apiServer(m.endpointIp) : void 0;
  const reach = (ip) => {
    const n = labTalosNode(ip);
    if (!n || n.state !== "configured")
      return `${ip}: rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial tcp ${ip}:50000: connect: connection refused"`;
    if (n.facts?.clusterId !== clusterId)
      return `${ip}: rpc error: code = Unavailable desc = connection error: desc = "transport: authentication handshake failed: tls: failed to verify certificate: x509: certificate signed by unknown authority"`;
    return void 0;
  };
  const check = (kind) => {
    switch (kind) {
      case "etcd":
        return cp.persisted?.bootstrapped ? "" : multi([
          `${cp.ip}: service "etcd" not in expected state "Running": current state [Preparing] Running pre state`
        ]);
      case "apid":
        return multi(all.map(reach).filter((e) => !!e));
      case "booted":
        return multi(
          all.map(
            (ip) => reach(ip) ?? (labTalosNode(ip)?.stage === "running" ? void 0 : `${ip}: boot sequence not finished`)
          ).filter((e) => !!e)
        );
      case "api":
        return api && cp.apiServerUp ? "" : 'Get "https://' + (m.endpointIp ?? m.ip) + ':6443/api/v1/namespaces/kube-system/pods": connection refused';
      case "k8s": {
        if (!api) return "kubernetes API is not available yet";
        const joined = all.filter((ip) => labTalosNode(ip)?.registeredWith === api).length;
        return joined === all.length ? "" : `expected number of nodes ${all.length}, got ${joined}`;
      }
    }
  };
  return HEALTH_CONDITIONS.map(([name2, kind]) => ({ name: name2, error: check(kind) }));
}

// src/lab/talos/node-api.ts
function listen(ip, port, tls, ca, handler) {
  const server = createServer6(
    {
      cert: tls.crt,
      key: tls.key,
      ...ca ? { ca, requestCert: true, rejectUnauthorized: true } : {}
    },
    (req, res) => {
      const chunks = [];
      req.on("data", (c) => chunks.push(c));
      req.on("end", () => {
        const method = (req.url ?? "").replace(/^\/rpc\//, "");
        let body = {};
        try {
          body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
        } catch {
        }
        handler(method, body, !!ca).then((result) => ({ result: result ?? {} })).catch((e) => ({
          error: e instanceof RpcError ? { code: e.code, message: e.desc } : { code: "Unknown", message: e instanceof Error ? e.message : String(e) }
        })).then((out) => {
          res.writeHead(200, { "content-type": "application/json", connection: "close" });
          res.end(JSON.stringify(out));
        });
      });
    }
  );
  return new Promise((resolve3, reject2) => {
    server.once("error", reject2);
    server.listen(port, ip, () => {
      server.off("error", reject2);
      resolve3(server);
    });
  });
}
var MAINTENANCE_OPS = /* @__PURE__ */ new Set(["version", "get", "applyConfig", "reset", "wipeDisk"]);
async function handleRpc(m, method, body, secure) {
  if (m.faults.apiGoneAfterDiskWrite && m.systemDiskRewritten) {
    await m.dropApi();
    throw new RpcError("Unavailable", "error reading from server: EOF");
  }
  if (secure && body.node && body.node !== m.ip) {
    if (!m.certs || !m.facts) throw new RpcError("Unavailable", "apid is not ready yet");
    const { node: target, ...rest } = body;
    return call(
      {
        host: target,
        port: m.opts.apiPort,
        insecure: false,
        ca: m.facts.osCa.crt,
        cert: m.certs.client.crt,
        key: m.certs.client.key
      },
      method,
      rest
    );
  }
  if (!secure && !MAINTENANCE_OPS.has(method))
    throw new RpcError("Unimplemented", "API is not implemented in maintenance mode");
  switch (method) {
    case "version":
      return {
        node: secure ? m.ip : void 0,
        tag: m.version,
        sha: m.version === "v1.13.9" ? "2b1c3d4e" : "a0b1c2d3",
        built: "",
        goVersion: "go1.25.1",
        osArch: "linux/arm64",
        enabled: secure ? ["RBAC"] : [],
        bootId: m.bootId
      };
    case "get":
      return get(m, body, secure);
    case "applyConfig":
      return applyConfig(m, body, secure);
    case "bootstrap":
      return bootstrap(m);
    case "health":
      return { conditions: healthConditions(m, body) };
    case "kubeconfig": {
      const api = m.apiServerUp ? m.hub.apiServer(m.ip) : void 0;
      if (m.facts?.type !== "controlplane" || !api)
        throw new RpcError(
          "NotFound",
          "kubeconfig is not available: Kubernetes is not running on this node"
        );
      return { kubeconfig: api.kubeconfig() };
    }
    case "reset":
      return reset(m, body, secure);
    case "upgrade":
      return upgrade(m, body);
    case "etcdMembers":
      if (m.facts?.type !== "controlplane" || !m.persisted?.bootstrapped)
        throw new RpcError("Unavailable", "etcd is not running on this node");
      return {
        members: [
          {
            id: Buffer.from(m.ip).toString("hex").slice(0, 16).padEnd(16, "0"),
            hostname: m.hostname,
            peerUrls: [`https://${m.ip}:2380`],
            clientUrls: [`https://${m.ip}:2379`],
            learner: false
          }
        ]
      };
    case "wipeDisk":
      return wipeDisk(m, body);
    case "memory":
      return memory(m);
    case "reboot":
      return reboot2(m, body);
    default:
      throw new RpcError("Unimplemented", `unknown method ${method}`);
  }
}
function get(m, body, secure) {
  const type = String(body.type ?? "");
  const def = findType(type);
  if (!def) throw new RpcError("NotFound", `resource type "${type}" is not registered`);
  if (!secure && def.sensitive) throw new RpcError("PermissionDenied", "not authorized");
  const members = m.facts ? clusterMembers(m.facts.clusterId).map((n) => ({
    hostname: n.hostname,
    machineType: n.facts?.type ?? "unknown",
    addresses: [n.ip]
  })) : [];
  const unmet = m.ready ? [] : [m.stage === "maintenance" ? "config" : "services"];
  const resources = listResources(
    {
      ip: secure ? m.ip : "",
      stage: m.stage,
      ready: m.ready,
      unmet,
      hostname: m.hostname,
      machineType: m.facts?.type ?? "unknown",
      version: m.version,
      schematic: m.schematic,
      extensions: m.extensions,
      userVolumes: m.facts?.userVolumes ?? [],
      configured: !!m.facts && m.state === "configured",
      members,
      config: m.persisted?.config,
      hasNvme: m.hasNvme,
      createdAt: m.createdAt
    },
    type,
    typeof body.id === "string" ? body.id : void 0
  );
  return { resources };
}
function validate2(config) {
  try {
    return configFacts(config);
  } catch (e) {
    throw new RpcError("InvalidArgument", e instanceof Error ? e.message : String(e));
  }
}
function applyConfig(m, body, secure) {
  const data = String(body.data ?? "");
  const mode = String(body.mode ?? "auto");
  const facts = validate2(data);
  if (body.dryRun)
    return {
      message: "Dry run summary:\nApplied configuration without a reboot (skipped in dry-run)."
    };
  if (!secure) {
    if (mode === "staged" || mode === "try")
      throw new RpcError(
        "InvalidArgument",
        `apply mode ${mode} is not supported in maintenance mode`
      );
    m.acceptConfig(data);
    return { message: "Applied configuration without a reboot" };
  }
  if (!m.persisted) throw new RpcError("FailedPrecondition", "machine is not configured");
  if (mode === "staged") return { message: "Staged configuration to be applied after a reboot" };
  const oldName = m.hostname;
  m.persisted.config = data;
  m.facts = facts;
  m.savePersisted();
  if (m.hostname !== oldName && m.registeredWith && m.endpointIp) {
    m.hub.removeNode(m.endpointIp, oldName);
    m.registeredWith = void 0;
  }
  if (mode === "reboot") {
    m.after(50, () => m.reboot());
    return { message: "Applied configuration with a reboot" };
  }
  if (mode === "try")
    return { message: "Applied configuration with a try: it will be rolled back in 1m0s" };
  return { message: "Applied configuration without a reboot" };
}
async function bootstrap(m) {
  if (m.facts?.type !== "controlplane")
    throw new RpcError(
      "FailedPrecondition",
      "bootstrap can only be performed on a control plane node"
    );
  if (m.stage !== "running" || !m.persisted)
    throw new RpcError("FailedPrecondition", "bootstrap is not available yet");
  if (m.timeNotSyncedLeft > 0) {
    m.timeNotSyncedLeft--;
    throw new RpcError("FailedPrecondition", "time is not in sync yet");
  }
  const raced = m.faults.bootstrapRace && !m.persisted.bootstrapped;
  if (m.persisted.bootstrapped && !raced)
    throw new RpcError("AlreadyExists", "etcd data directory is not empty");
  m.persisted.bootstrapped = true;
  m.savePersisted();
  m.say("etcd bootstrapped");
  m.after(3e3, () => m.startKubernetes());
  if (raced) {
    m.faults.bootstrapRace = false;
    throw new RpcError("AlreadyExists", "etcd data directory is not empty");
  }
  return {};
}
var LABELS = /* @__PURE__ */ new Set(["STATE", "EPHEMERAL", "META"]);
async function reset(m, body, secure) {
  const labels = body.labels ?? [];
  const bad = labels.find((l) => !LABELS.has(l));
  if (bad) throw new RpcError("InvalidArgument", `failed to reset: unknown system label "${bad}"`);
  const wipeMode = String(body.wipeMode ?? "all");
  const userDisks = body.userDisks ?? [];
  for (const disk of userDisks) checkUserDisk(m, disk, wipeMode);
  if (secure && body.graceful !== false && m.facts?.type === "controlplane" && m.persisted?.bootstrapped) {
    const others = clusterMembers(m.facts.clusterId).filter(
      (n) => n.ip !== m.ip && n.facts?.type === "controlplane"
    );
    if (others.length === 0)
      throw new RpcError(
        "FailedPrecondition",
        "1 error occurred:\n	* failed to leave etcd cluster: this is the only etcd member, use --graceful=false"
      );
  }
  m.after(50, async () => {
    m.stage = "resetting";
    m.say("resetting the node");
    await m.leaveKubernetes();
    if (labels.length > 0) {
      if (labels.includes("STATE")) m.persisted = void 0;
      else if (labels.includes("EPHEMERAL") && m.persisted) m.persisted.bootstrapped = false;
    } else if (wipeMode !== "user-disks") {
      m.wipeSystemDisk();
      m.persisted = void 0;
    }
    if (userDisks.length > 0) m.wipeNvme();
    m.savePersisted();
    m.after(2e3, () => body.reboot ? m.reboot() : m.halt());
  });
  return {};
}
function checkUserDisk(m, disk, wipeMode) {
  if (wipeMode === "system-disk")
    throw new RpcError("InvalidArgument", "user disks cannot be wiped with wipe mode system-disk");
  const name2 = disk.replace(/^\/dev\//, "");
  if (name2 === "mmcblk0")
    throw new RpcError("InvalidArgument", `failed to reset: device "${disk}" is the system disk`);
  if (name2 !== "nvme0n1" || !m.hasNvme)
    throw new RpcError("NotFound", `failed to reset: device "${disk}" not found`);
}
async function upgrade(m, body) {
  const image = String(body.image ?? "");
  const tag = /:([^:/]+)$/.exec(image)?.[1];
  if (!tag) throw new RpcError("InvalidArgument", `invalid image reference "${image}"`);
  const schematic = /\/(?:metal-)?installer\/([0-9a-f]{64}):/.exec(image)?.[1];
  m.after(50, () => {
    m.stage = "upgrading";
    m.say(`upgrading to ${image}`);
    m.after(3e3, () => {
      if (!m.persisted) return;
      m.persisted.version = tag;
      m.persisted.installImage = image;
      if (schematic) m.persisted.schematic = schematic;
      m.savePersisted();
      m.reboot();
    });
  });
  return { ack: "Upgrade request received", actorId: randomBytes10(8).toString("hex") };
}
function memory(m) {
  const kb = (bytes) => Math.floor(bytes / 1024);
  const total = 16 * 2 ** 30;
  const available = Math.min(m.memAvailableBytes, total);
  return {
    memtotal: kb(total),
    memfree: kb(available),
    memavailable: kb(available),
    buffers: 0,
    cached: 0,
    shmem: 0
  };
}
var REBOOT_MODES = ["default", "powercycle", "force"];
function reboot2(m, body) {
  const mode = String(body.mode ?? "default");
  if (!REBOOT_MODES.includes(mode))
    throw new RpcError("InvalidArgument", `unknown reboot mode "${mode}"`);
  m.requestReboot(mode);
  return {};
}
function wipeDisk(m, body) {
  for (const disk of body.disks ?? []) {
    if (disk === "mmcblk0")
      throw new RpcError("FailedPrecondition", `blockdevice "${disk}" is in use by volume "META"`);
    if (disk !== "nvme0n1" || !m.hasNvme)
      throw new RpcError("NotFound", `blockdevice "${disk}" not found`);
    const volume = m.state === "configured" ? m.facts?.userVolumes[0] : void 0;
    if (volume)
      throw new RpcError(
        "FailedPrecondition",
        `blockdevice "${disk}" is in use by volume "u-${volume}"`
      );
  }
  if ((body.disks ?? []).length > 0) m.wipeNvme();
  return {};
}

// src/lab/talos/node.ts
var stamp = (path3) => {
  try {
    const s = statSync3(path3);
    return { size: s.size, mtimeMs: s.mtimeMs, ino: s.ino };
  } catch {
    return void 0;
  }
};
var TalosNode = class {
  constructor(opts) {
    this.opts = opts;
    if (!opts.ip.startsWith("127."))
      throw new Error(`lab Talos nodes only use loopback, not ${opts.ip}`);
    this.ip = opts.ip;
    this.slot = opts.slot;
    this.timeNotSyncedLeft = opts.faults?.timeNotSynced ?? 0;
    mkdirSync7(opts.dir, { recursive: true });
    registerLabTalosNode(this);
  }
  opts;
  ip;
  slot;
  gen = 0;
  _state = "off";
  stage = "unknown";
  ready = false;
  bootId = "";
  persisted;
  facts;
  certs;
  apiServerUp = false;
  registeredWith;
  server;
  emmc;
  marker = {};
  timers = /* @__PURE__ */ new Set();
  bootAt = 0;
  /** The eMMC as it was when this boot started: a different stamp means it was rewritten. */
  bootStamp;
  /** Reboot modes asked through the API, in order (tests check what the product asked for). */
  rebootRequests = [];
  timeNotSyncedLeft;
  createdAt = (/* @__PURE__ */ new Date()).toISOString();
  get state() {
    return this._state;
  }
  get hub() {
    return this.opts.hub;
  }
  get faults() {
    return this.opts.faults ?? {};
  }
  get version() {
    return this.persisted?.version ?? this.marker.version ?? "v1.13.9";
  }
  get schematic() {
    return this.persisted?.schematic ?? this.marker.schematic ?? "";
  }
  get extensions() {
    return (this.marker.extensions ?? "").split(",").filter(Boolean);
  }
  get hasNvme() {
    return this.opts.nvme ?? true;
  }
  get hostname() {
    if (this.facts?.hostname) return this.facts.hostname;
    const h = Buffer.from(`${this.ip}/${this.slot}`).toString("hex");
    return `talos-${h.slice(-6, -3)}-${h.slice(-3)}`;
  }
  get kubePort() {
    const fromEndpoint = this.facts ? Number(new URL(this.facts.endpoint).port || 6443) : 6443;
    return this.opts.kubePort ?? fromEndpoint;
  }
  /** The control-plane address the config points at. */
  get endpointIp() {
    return this.facts ? new URL(this.facts.endpoint).hostname : void 0;
  }
  get statePath() {
    return join11(this.opts.dir, "talos-state.json");
  }
  /** The NVMe is its own disk: it keeps its contents across re-flashes of the eMMC. */
  get nvmePath() {
    return join11(this.opts.dir, "nvme.json");
  }
  nvmeContents() {
    try {
      return JSON.parse(readFileSync4(this.nvmePath, "utf8"));
    } catch {
      return { partitions: [], files: {} };
    }
  }
  saveNvme(c) {
    if (!this.hasNvme) return;
    writeFileSync7(this.nvmePath, JSON.stringify(c), { mode: 384 });
  }
  /** Data a workload wrote to a user volume (tests plant Longhorn replicas this way). */
  writeNvmeFile(path3, content) {
    const c = this.nvmeContents();
    c.files[path3] = content;
    this.saveNvme(c);
  }
  /** `--user-disks-to-wipe` / `talosctl wipe disk`: signatures and partitions gone. */
  wipeNvme() {
    rmSync6(this.nvmePath, { force: true });
  }
  /** A configured user volume gets its partition on the NVMe (Talos creates it at boot). */
  provisionUserVolumes(facts) {
    if (!this.hasNvme || facts.userVolumes.length === 0) return;
    const c = this.nvmeContents();
    const missing = facts.userVolumes.map((v) => `u-${v}`).filter((v) => !c.partitions.includes(v));
    if (missing.length === 0) return;
    c.partitions.push(...missing);
    this.saveNvme(c);
  }
  ms(simulated) {
    return Math.max(1, simulated / (this.opts.timeScale ?? 1));
  }
  /** Runs fn after `simulated` ms unless the node powered off or rebooted meanwhile. */
  after(simulated, fn) {
    const gen = this.gen;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (gen === this.gen)
        void Promise.resolve(fn()).catch((e) => this.say(`error: ${String(e)}`));
    }, this.ms(simulated));
    timer.unref();
    this.timers.add(timer);
  }
  say(text2) {
    this.opts.console?.(consoleLine(Date.now() - this.bootAt, text2));
  }
  savePersisted() {
    if (this.persisted)
      writeFileSync7(this.statePath, JSON.stringify(this.persisted), { mode: 384 });
    else rmSync6(this.statePath, { force: true });
  }
  loadPersisted(path3) {
    this.persisted = void 0;
    this.facts = void 0;
    try {
      const p = JSON.parse(readFileSync4(this.statePath, "utf8"));
      const now2 = stamp(path3);
      const same = now2 && now2.size === p.emmc.size && now2.mtimeMs === p.emmc.mtimeMs && now2.ino === p.emmc.ino;
      if (!same) return rmSync6(this.statePath, { force: true });
      this.persisted = p;
      this.facts = configFacts(p.config);
    } catch {
      this.persisted = void 0;
    }
  }
  /** What the node prints after power-on; `onBooted` brings the API up. */
  bootScript(emmc) {
    this.stop();
    const gen = this.gen;
    this.emmc = emmc;
    this.marker = parseImageMarker(emmc.head) ?? {};
    this.loadPersisted(emmc.path);
    this.bootStamp = stamp(emmc.path);
    this._state = "booting";
    this.stage = "booting";
    this.ready = false;
    this.bootId = randomBytes11(8).toString("hex");
    this.bootAt = Date.now();
    if (this.persisted) {
      return {
        lines: configuredLines(this.version, this.hostname),
        onBooted: () => gen === this.gen && void this.enterConfigured()
      };
    }
    const key3 = newKeyPair();
    return {
      lines: maintenanceLines(this.ip, this.version, spkiFingerprint(key3.publicKey)),
      onBooted: () => {
        if (gen !== this.gen) return;
        void issue(void 0, {
          cn: "maintenance-service",
          ips: [this.ip],
          server: true,
          privateKey: key3.privateKey
        }).then((tls) => gen === this.gen ? this.serve(tls) : void 0).then(() => {
          if (gen !== this.gen) return;
          this._state = "maintenance";
          this.stage = "maintenance";
        });
      }
    };
  }
  async serve(tls, ca) {
    await this.closeServer();
    this.server = await listen(
      this.ip,
      this.opts.apiPort,
      tls,
      ca,
      (method, body, secure) => handleRpc(this, method, body, secure)
    );
  }
  async closeServer() {
    const server = this.server;
    this.server = void 0;
    if (!server) return;
    server.closeAllConnections();
    await new Promise((resolve3) => server.close(() => resolve3()));
  }
  /** Certificates: a control plane signs its own; a worker asks trustd on the control plane. */
  async obtainCerts(facts) {
    let ca = facts.osCa.key ? facts.osCa : void 0;
    if (!ca) {
      const cp = labTalosNode(new URL(facts.endpoint).hostname);
      const cpFacts = cp?.state === "configured" ? cp.facts : void 0;
      if (cpFacts?.clusterId === facts.clusterId && cpFacts.osCa.key) ca = cpFacts.osCa;
    }
    if (!ca) return false;
    const server = await issue(ca, { cn: this.hostname, ips: [this.ip], server: true });
    const client = await issue(ca, { cn: this.hostname, org: "os:impersonator", client: true });
    this.certs = { server, client };
    return true;
  }
  async enterConfigured() {
    const gen = this.gen;
    const facts = this.facts;
    if (!facts || !this.persisted) return;
    if (!await this.obtainCerts(facts)) {
      this.after(2e3, () => this.enterConfigured());
      return;
    }
    if (gen !== this.gen || !this.certs) return;
    await this.serve(this.certs.server, facts.osCa.crt);
    if (gen !== this.gen) return this.closeServer();
    this._state = "configured";
    this.stage = "booting";
    this.provisionUserVolumes(facts);
    this.after(1e4, async () => {
      this.stage = "running";
      this.ready = true;
      this.say(RUNNING_LINE);
      if (facts.type === "controlplane" && this.persisted?.bootstrapped)
        await this.startKubernetes();
      this.registrationLoop();
    });
  }
  /** kubelet: (re-)register with the control plane's API server whenever one is up. */
  registrationLoop() {
    const cpIp = this.endpointIp;
    const api = cpIp ? this.hub.apiServer(cpIp) : void 0;
    if (cpIp && api && api !== this.registeredWith && this.facts) {
      this.hub.registerNode(cpIp, {
        name: this.hostname,
        ip: this.ip,
        roles: this.facts.type === "controlplane" ? ["control-plane"] : []
      });
      this.registeredWith = api;
    }
    this.after(1e3, () => this.registrationLoop());
  }
  async startKubernetes() {
    if (!this.facts || this.apiServerUp) return;
    await this.hub.startApiServer({
      ip: this.ip,
      port: this.kubePort,
      clusterId: this.facts.clusterId
    });
    this.apiServerUp = true;
    this.say("kubernetes API server is up");
  }
  /** After apply-config in maintenance mode: keep the config in STATE and continue booting. */
  acceptConfig(config) {
    const facts = configFacts(config);
    const emmcStamp = this.emmc ? stamp(this.emmc.path) : void 0;
    if (this.faults.neverLeaveMaintenance || !emmcStamp) {
      this.say("failed to apply configuration: STATE partition is not available");
      return;
    }
    this.persisted = { config, emmc: emmcStamp, bootstrapped: false };
    this.facts = facts;
    this.savePersisted();
    this._state = "configuring";
    this.stage = "installing";
    this.after(50, async () => {
      await this.closeServer();
      this.say("applying configuration, leaving maintenance mode");
      this.after(5e3, () => this.enterConfigured());
    });
  }
  get memAvailableBytes() {
    return this.faults.memAvailableBytes ?? 14 * 2 ** 30;
  }
  /** True when the eMMC no longer holds what this boot started from (someone rewrote it). */
  get systemDiskRewritten() {
    const path3 = this.emmc?.path;
    const now2 = path3 ? stamp(path3) : void 0;
    const was = this.bootStamp;
    if (!was || !now2) return false;
    return now2.size !== was.size || now2.mtimeMs !== was.mtimeMs || now2.ino !== was.ino;
  }
  /** apid lost with its disk (fault): the port closes, nothing answers until the next boot. */
  async dropApi() {
    await this.closeServer();
  }
  /**
   * `talosctl reboot`: the shutdown sequence, then the firmware boots what the eMMC holds. Both
   * modes end the same way in the lab: `default` would first try to kexec the kernel named on
   * the BOOT partition, which a rewritten disk no longer has (Talos then reboots normally);
   * `powercycle` skips kexec.
   */
  requestReboot(mode) {
    this.rebootRequests.push(mode);
    this.stage = "rebooting";
    this.say(`rebooting (mode ${mode})`);
    if (this.faults.rebootNeverComes) return;
    this.after(2e3, async () => {
      if (this.opts.restart) await this.opts.restart();
      else this.reboot();
    });
  }
  /** Reboot without the BMC: boot again from what the eMMC now holds. */
  reboot() {
    const path3 = this.emmc?.path;
    this.stop();
    this._state = "rebooting";
    this.stage = "rebooting";
    if (!path3) return;
    const head = Buffer.alloc(64 * 1024);
    try {
      const fd = openSync2(path3, "r");
      readSync2(fd, head, 0, head.length, 0);
      closeSync2(fd);
    } catch {
    }
    if (!parseImageMarker(head)) {
      this._state = "halted";
      return;
    }
    const script = this.bootScript({ path: path3, head });
    const last = Math.max(...script.lines.map((l) => l.atMs));
    for (const line of script.lines) this.after(line.atMs, () => this.opts.console?.(line.text));
    this.after(last, () => script.onBooted?.());
  }
  halt() {
    this.stop();
    this._state = "halted";
    this.stage = "shutting down";
  }
  /** Wipes the start of the system disk: the node will not boot until it is flashed again. */
  wipeSystemDisk() {
    if (!this.emmc) return;
    try {
      const fd = openSync2(this.emmc.path, "r+");
      const { size } = statSync3(this.emmc.path);
      const zeros = Buffer.alloc(Math.min(size, 1024 * 1024));
      writeSync(fd, zeros, 0, zeros.length, 0);
      closeSync2(fd);
    } catch {
    }
  }
  /** Leaves Kubernetes (node removed; a control plane stops its API server). */
  async leaveKubernetes() {
    const cpIp = this.endpointIp;
    if (cpIp && this.registeredWith) this.hub.removeNode(cpIp, this.hostname);
    this.registeredWith = void 0;
    if (this.apiServerUp) {
      this.apiServerUp = false;
      await this.hub.stopApiServer(this.ip);
    }
  }
  stop() {
    this.gen++;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    void this.closeServer();
    this.certs = void 0;
    this.registeredWith = void 0;
    if (this.apiServerUp) {
      this.apiServerUp = false;
      void this.hub.stopApiServer(this.ip);
    }
  }
  /** Power removed (BMC `onNodePower(slot, false)`). */
  async powerOff() {
    this.stop();
    this._state = "off";
    this.stage = "unknown";
    this.ready = false;
    await this.closeServer();
  }
  async close() {
    await this.powerOff();
    unregisterLabTalosNode(this);
  }
};

// src/lab/cluster.ts
var LabCluster = class _LabCluster {
  constructor(options2, hub) {
    this.options = options2;
    this.hub = hub;
  }
  options;
  hub;
  talos = /* @__PURE__ */ new Map();
  armbian = /* @__PURE__ */ new Map();
  jobSandboxes = /* @__PURE__ */ new Map();
  bmcRef;
  static async start(options2) {
    const ref = {};
    const hub = new KubeHub({
      timeScale: options2.timeScale,
      jobSandboxDir: join12(options2.dir, "jobs"),
      resolveJobCommand: (ctx2) => ref.cluster?.nodeJobCommand(ctx2) ?? ctx2.command
    });
    const cluster = new _LabCluster(options2, hub);
    ref.cluster = cluster;
    cluster.bmcRef = await startBmcEmulator({
      ...options2.bmc,
      timeScale: options2.timeScale,
      storageDir: join12(options2.dir, "emmc"),
      bootLog: (slot, emmc) => cluster.boot(slot, emmc),
      onNodePower: (slot, on) => {
        if (!on) void cluster.powerOff(slot);
      }
    });
    return cluster;
  }
  get bmc() {
    if (!this.bmcRef) throw new Error("the lab BMC is not running");
    return this.bmcRef;
  }
  ip(slot) {
    return this.options.nodeIps[slot - 1];
  }
  /** The running OS of a node, if it booted one the lab knows. */
  node(slot) {
    return this.talos.get(slot) ?? this.armbian.get(slot);
  }
  boot(slot, emmc) {
    const distro = parseImageMarker(emmc.head)?.distro;
    if (distro === "talos") return this.talosNode(slot).bootScript(emmc);
    if (distro === "armbian") return this.armbianNode(slot).bootScript(emmc);
    return void 0;
  }
  talosNode(slot) {
    let node = this.talos.get(slot);
    if (!node) {
      node = new TalosNode({
        slot,
        ip: this.ip(slot),
        apiPort: this.options.ports.talosApi,
        kubePort: this.options.ports.kubernetes,
        dir: join12(this.options.dir, "nodes", String(slot), "talos"),
        hub: this.hub,
        timeScale: this.options.timeScale,
        console: (text2) => this.bmcRef?.writeConsole(slot, text2),
        // A reboot through the Talos API boots whatever the eMMC holds now (Talos or Armbian).
        restart: () => this.bmc.rebootAfterNodeWrite(slot)
      });
      this.talos.set(slot, node);
    }
    return node;
  }
  armbianNode(slot) {
    let node = this.armbian.get(slot);
    if (!node) {
      node = new ArmbianNode({
        slot,
        ip: this.ip(slot),
        sshPort: this.options.ports.ssh,
        dir: join12(this.options.dir, "nodes", String(slot), "armbian"),
        hub: this.hub,
        timeScale: this.options.timeScale,
        emmcPath: this.bmc.node(slot).emmc.path,
        onForcedReboot: () => void this.bmc.rebootAfterNodeWrite(slot).catch(() => void 0)
      });
      this.armbian.set(slot, node);
    }
    return node;
  }
  /**
   * Node-writing Jobs (namespace rk1-node-flash) pinned to a lab Talos node run inside a sandbox
   * of that node: its emulated eMMC is their /dev/mmcblk0, never anything of this host. Other Jobs
   * run as they are.
   */
  nodeJobCommand(ctx2) {
    if (ctx2.namespace !== "rk1-node-flash") return ctx2.command;
    const entry = [...this.talos.entries()].find(([, n]) => n.hostname === ctx2.nodeName);
    if (!entry)
      return [
        "sh",
        "-c",
        `echo "lab: no lab Talos node named '$0'" >&2; exit 1`,
        `${ctx2.nodeName}`
      ];
    const [slot, node] = entry;
    let layout = this.jobSandboxes.get(slot);
    if (!layout) {
      const dir = join12(this.options.dir, "nodes", String(slot), "talos-jobs");
      layout = {
        dir,
        fsDir: join12(dir, "fs"),
        sandboxDir: join12(dir, "sandbox"),
        rootMount: join12(dir, "sandbox", "root"),
        // No stand-in server on a Talos node: the bind target just has to exist.
        socketPath: join12(dir, "no-tools.sock"),
        emmcPath: this.bmc.node(slot).emmc.path,
        meminfoPath: join12(dir, "meminfo")
      };
      prepareSandbox(layout);
      writeFileSync8(layout.socketPath, "");
      this.jobSandboxes.set(slot, layout);
    }
    const kib = (bytes) => `${Math.floor(bytes / 1024)} kB`;
    writeFileSync8(
      layout.meminfoPath,
      `MemTotal:       ${kib(16 * 2 ** 30)}
MemFree:        ${kib(node.memAvailableBytes)}
MemAvailable:   ${kib(node.memAvailableBytes)}
`
    );
    const run4 = sandboxInvocation(layout, {
      command: ctx2.command.map(shellQuote).join(" "),
      env: {},
      hostname: node.hostname,
      devices: ["mmcblk0"],
      id: randomBytes12(8).toString("hex")
    });
    return ["env", ...Object.entries(run4.env).map(([k, v]) => `${k}=${v}`), run4.file, ...run4.args];
  }
  /** Power went off (or the BMC took the node for flashing): every OS service of the node stops. */
  async powerOff(slot) {
    await Promise.all([this.talos.get(slot)?.powerOff(), this.armbian.get(slot)?.powerOff()]);
  }
  async close() {
    await this.bmcRef?.close();
    await Promise.all([...this.talos.values(), ...this.armbian.values()].map((n) => n.close()));
    await this.hub.close();
  }
};

// src/lab/images/armbian-image.ts
import { execFile as execFile2 } from "node:child_process";
import { createHash as createHash10, randomBytes as randomBytes13, randomUUID as randomUUID6 } from "node:crypto";
import { createReadStream as createReadStream3 } from "node:fs";
import { chmod, mkdir as mkdir3, mkdtemp as mkdtemp2, open as open3, rm as rm2, writeFile } from "node:fs/promises";
import { basename as basename2, dirname as dirname2, join as join13 } from "node:path";
import { promisify } from "node:util";
var run2 = promisify(execFile2);
var ARMBIAN_ROOTFS_START_SECTOR = 32768;
var ARMBIAN_DEFAULT_VERSION = "25.8.1";
var MARKER_OFFSET = 32768;
var LINUX_FS_GUID = "0FC63DAF-8483-4772-8E79-3D69D8477DE4";
function armbianMarker(version2) {
  return `RK1LAB-IMAGE distro=armbian version=${version2}
`;
}
function armbianImageName(version2) {
  return `Armbian_community_${version2}_Turing-rk1_trixie_vendor_6.1.115_minimal.img`;
}
async function rootfsFiles(version2) {
  const hash = await sha512Crypt2("1234");
  const days = Math.floor(Date.UTC(2025, 7, 1) / 864e5);
  return {
    "etc/armbian-release": [
      [
        "# PLEASE DO NOT EDIT THIS FILE",
        "BOARD=turing-rk1",
        'BOARD_NAME="Turing RK1"',
        "BOARDFAMILY=rockchip-rk3588",
        "BUILD_REPOSITORY_URL=https://github.com/armbian/build",
        `VERSION=${version2}`,
        "LINUXFAMILY=rk35xx",
        "ARCH=arm64",
        "BRANCH=vendor",
        "BOARD_TYPE=csc",
        "IMAGE_TYPE=stable",
        "DISTRIBUTION_CODENAME=trixie",
        ""
      ].join("\n"),
      420
    ],
    "etc/rk1lab-image": [armbianMarker(version2), 420],
    "etc/hostname": ["turing-rk1\n", 420],
    "etc/hosts": [
      "127.0.0.1   localhost\n127.0.1.1   turing-rk1\n::1         localhost ip6-localhost ip6-loopback\n",
      420
    ],
    "etc/netplan/10-dhcp-all-interfaces.yaml": [
      [
        "network:",
        "  version: 2",
        "  renderer: networkd",
        "  ethernets:",
        "    all-eth-interfaces:",
        "      match:",
        '        name: "e*"',
        "      dhcp4: yes",
        "      dhcp6: yes",
        "      ipv6-privacy: yes",
        ""
      ].join("\n"),
      384
    ],
    "etc/ssh/sshd_config": [
      "Include /etc/ssh/sshd_config.d/*.conf\nPermitRootLogin yes\nPubkeyAuthentication yes\nKbdInteractiveAuthentication no\nUsePAM yes\nX11Forwarding yes\nPrintMotd no\nAcceptEnv LANG LC_*\nSubsystem sftp /usr/lib/openssh/sftp-server\n",
      420
    ],
    "etc/passwd": [
      "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n",
      420
    ],
    "etc/group": ["root:x:0:\ndaemon:x:1:\nshadow:x:42:\nnogroup:x:65534:\n", 420],
    "etc/shadow": [`root:${hash}:${days}:0:99999:7:::
daemon:*:${days}:0:99999:7:::
`, 416],
    "etc/fstab": [
      "UUID=ROOTFS_UUID / ext4 defaults,noatime,commit=600,errors=remount-ro 0 1\ntmpfs /tmp tmpfs defaults,nosuid 0 0\n",
      420
    ],
    "etc/modules-load.d/.keep": ["", 420],
    "etc/sysctl.d/.keep": ["", 420],
    "root/.not_logged_in_yet": ["", 420],
    "boot/armbianEnv.txt": [
      "verbosity=1\nbootlogo=false\nconsole=both\noverlay_prefix=rockchip-rk3588\nfdtfile=rockchip/rk3588-turing-rk1.dtb\nrootdev=UUID=ROOTFS_UUID\nrootfstype=ext4\nethaddr=b6:7c:20:00:00:01\nusbstoragequirks=0x2537:0x1066:u,0x2537:0x1068:u\n",
      420
    ],
    "boot/boot.scr": ["# lab: U-Boot script placeholder\n", 420],
    "var/lib/.keep": ["", 420],
    "var/log/.keep": ["", 420]
  };
}
async function sha512Crypt2(password) {
  const salt = randomBytes13(12).toString("base64").replace(/[^A-Za-z0-9]/g, "").slice(0, 16);
  return new Promise((resolve3, reject2) => {
    const child = execFile2(
      "openssl",
      ["passwd", "-6", "-salt", salt, "-stdin"],
      (error, out) => error ? reject2(error) : resolve3(String(out).trim())
    );
    child.stdin?.end(`${password}
`);
  });
}
async function sha256Of(path3) {
  const hash = createHash10("sha256");
  for await (const chunk of createReadStream3(path3)) hash.update(chunk);
  return hash.digest("hex");
}
async function writeSha(path3, hex) {
  await writeFile(`${path3}.sha`, `${hex}  ${basename2(path3)}
`);
}
async function buildArmbianImage(dir, opts = {}) {
  const version2 = opts.version ?? ARMBIAN_DEFAULT_VERSION;
  const sizeMiB = opts.sizeMiB ?? 64;
  if (sizeMiB < 32)
    throw new Error(`lab Armbian image: sizeMiB must be at least 32 (got ${sizeMiB})`);
  await mkdir3(dir, { recursive: true });
  const raw2 = join13(dir, armbianImageName(version2));
  const stage = await mkdtemp2(join13(dir, ".stage-"));
  try {
    const rootfsUuid = randomUUID6();
    for (const [rel, [content, mode]] of Object.entries(await rootfsFiles(version2))) {
      const path3 = join13(stage, rel);
      await mkdir3(dirname2(path3), { recursive: true });
      await writeFile(path3, content.replaceAll("ROOTFS_UUID", rootfsUuid));
      await chmod(path3, mode);
    }
    await chmod(join13(stage, "root"), 448);
    await rm2(raw2, { force: true });
    const file = await open3(raw2, "w");
    await file.truncate(sizeMiB * 1024 * 1024);
    await file.close();
    const table = `label: gpt
start=${ARMBIAN_ROOTFS_START_SECTOR}, type=${LINUX_FS_GUID}, name=rootfs
`;
    await new Promise((resolve3, reject2) => {
      const child = execFile2(
        "sfdisk",
        ["--no-reread", "--no-tell-kernel", "-q", raw2],
        (error) => error ? reject2(error) : resolve3()
      );
      child.stdin?.end(table);
    });
    const { stdout } = await run2("sfdisk", ["--json", raw2]);
    const layout = JSON.parse(stdout);
    const partBytes = (layout.partitiontable.partitions[0]?.size ?? 0) * 512;
    const blocks = Math.floor(partBytes / 4096);
    await run2("mke2fs", [
      "-q",
      "-F",
      "-t",
      "ext4",
      "-b",
      "4096",
      "-L",
      "armbi_root",
      "-U",
      rootfsUuid,
      "-E",
      `offset=${ARMBIAN_ROOTFS_START_SECTOR * 512},root_owner=0:0,nodiscard`,
      "-d",
      stage,
      raw2,
      String(blocks)
    ]);
    const marker = await open3(raw2, "r+");
    await marker.write(Buffer.from(armbianMarker(version2)), 0, void 0, MARKER_OFFSET);
    await marker.close();
  } finally {
    await rm2(stage, { recursive: true, force: true });
  }
  await run2("xz", ["-k", "-f", "-T1", "-1", raw2]);
  const xz = `${raw2}.xz`;
  const [rawSha256, xzSha256] = await Promise.all([sha256Of(raw2), sha256Of(xz)]);
  await Promise.all([writeSha(raw2, rawSha256), writeSha(xz, xzSha256)]);
  return { raw: raw2, xz, rawSha256, xzSha256 };
}

// src/lab/images/talos-image.ts
import { execFile as execFile3 } from "node:child_process";
import { randomBytes as randomBytes14 } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir as mkdir4, writeFile as writeFile2 } from "node:fs/promises";
import { basename as basename3, join as join14 } from "node:path";
import { promisify as promisify2 } from "node:util";
var run3 = promisify2(execFile3);
function talosImageMarker(opts) {
  const ext = opts.extensions?.length ? ` extensions=${opts.extensions.join(",")}` : "";
  return `RK1LAB-IMAGE distro=talos version=${opts.version} schematic=${opts.schematicId}${ext}
`;
}
async function sha256(path3) {
  const hex = await sha256File(path3);
  await writeFile2(`${path3}.sha256`, `${hex}  ${basename3(path3)}
`);
  return hex;
}
async function buildTalosImage(dir, opts) {
  await mkdir4(dir, { recursive: true });
  const raw2 = join14(dir, "metal-arm64.raw");
  const size = Math.max(1, opts.sizeMiB ?? 4) * 1024 * 1024;
  const out = createWriteStream(raw2);
  const head = Buffer.alloc(64 * 1024);
  head.write("EFI PART", 512, "latin1");
  head.write(talosImageMarker(opts), 4096, "latin1");
  out.write(head);
  let written = head.length;
  for (let i = 0; written < size; i++) {
    const n = Math.min(64 * 1024, size - written);
    out.write(i % 8 === 0 ? randomBytes14(n) : Buffer.alloc(n, i % 251));
    written += n;
  }
  await new Promise(
    (resolve3, reject2) => out.end((error) => error ? reject2(error) : resolve3())
  );
  const xz = `${raw2}.xz`;
  await run3("xz", ["-f", "-k", "-T1", "-3", raw2]);
  return { raw: raw2, xz, rawSha256: await sha256(raw2), xzSha256: await sha256(xz) };
}

// src/lab/inventory.ts
function labInventory(lab) {
  const nodes2 = lab.nodeIps.map(
    (ip, i) => `  - slot: ${i + 1}
    hostname: ${i === 0 ? "lab-cp1" : `lab-w${i}`}
    ip: ${ip}
    role: ${i === 0 ? "control-plane" : "worker"}
    ports: { ssh: ${lab.ports.ssh}, talosApi: ${lab.ports.talosApi}, kubernetes: ${lab.ports.kubernetes} }`
  ).join("\n");
  return `# The rk1 virtual lab (SIMULATED): an emulated Turing Pi 2 on loopback, written by \`rk1 lab up\`.
name: ${lab.name}
distro: talos
bmc:
  host: 127.0.0.1
  port: ${lab.bmc.port}
  tls:
    mode: fingerprint
    fingerprint: ${lab.bmc.fingerprintSha256}
nodes:
${nodes2}
network:
  cidr: 127.0.0.0/8
  gateway: 127.0.0.1
  dns: [127.0.0.1]
  metallbPool: ${lab.block.prefix}.80-${lab.block.prefix}.89
  ingressIp: ${lab.block.prefix}.80
distros:
  talos:
    image: { source: ${lab.images.talos.path}, sha256: ${lab.images.talos.sha256} }
  k3s:
    image: { source: ${lab.images.armbian.path}, sha256: ${lab.images.armbian.sha256} }
`;
}

// src/lab/lab.ts
var LAB_CLUSTER_NAME = "rk1-lab";
var LAB_PORTS = { ssh: 2222, talosApi: 5e4, kubernetes: 6443 };
function repositoryRoot() {
  let dir = import.meta.dirname;
  while (!existsSync7(join15(dir, "package.json")) && dirname3(dir) !== dir) dir = dirname3(dir);
  return dir;
}
async function writeLabBin(dir) {
  const bin = join15(dir, "bin");
  await mkdir5(bin, { recursive: true });
  const root = repositoryRoot();
  const talosctl = join15(bin, "talosctl");
  const entry = join15(root, "dist", "lab-talosctl.mjs");
  await writeFile3(talosctl, `#!/bin/sh
exec "${process.execPath}" "${entry}" "$@"
`);
  await chmod2(talosctl, 493);
  for (const tool of ["kubectl", "helm"]) {
    const real = join15(root, ".tools", "bin", tool);
    if (existsSync7(real) && !existsSync7(join15(bin, tool))) await symlink(real, join15(bin, tool));
  }
  return bin;
}
var sharedImages;
function labImages() {
  sharedImages ??= (async () => {
    const dir = mkdtempSync(join15(tmpdir4(), "rk1-lab-images-"));
    process.once("exit", () => rmSync7(dir, { recursive: true, force: true }));
    return buildImages(dir);
  })();
  return sharedImages;
}
async function buildImages(dir) {
  const version2 = DEFAULT_VERSIONS.talos;
  const extensions = [...LONGHORN_EXTENSIONS];
  const talos = await buildTalosImage(join15(dir, "talos"), {
    version: version2,
    // The schematic the product computes for the default inventory, so lab nodes report it.
    schematicId: resolveRk1Schematic().id,
    extensions
  });
  const armbian2 = await buildArmbianImage(join15(dir, "armbian"), { sizeMiB: 32 });
  return {
    talos: { path: talos.xz, sha256: talos.xzSha256 },
    armbian: { path: armbian2.raw, sha256: armbian2.rawSha256 }
  };
}
var shellQuote2 = (value) => `'${value.replace(/'/g, `'\\''`)}'`;
async function freeBlock(given) {
  const ports = [LAB_PORTS.ssh, LAB_PORTS.talosApi, LAB_PORTS.kubernetes];
  if (given) {
    await assertBlockFree(given, ports);
    return given;
  }
  for (let attempt = 1; ; attempt++) {
    const block = randomBlock();
    try {
      await assertBlockFree(block, ports);
      return block;
    } catch (error) {
      if (attempt >= 5) throw error;
    }
  }
}
async function startLab(options2) {
  const dir = options2.dir;
  await mkdir5(dir, { recursive: true });
  const password = randomBytes15(12).toString("base64url");
  const images2 = await labImages();
  const block = await freeBlock(options2.addresses);
  const nodeIps = labNodeIps(block);
  const cluster = await LabCluster.start({
    dir,
    nodeIps,
    ports: LAB_PORTS,
    timeScale: options2.timeScale ?? 50,
    bmc: { ...options2.bmc, users: { root: password } }
  });
  const inventoryPath = join15(dir, "cluster.yaml");
  await writeFile3(
    inventoryPath,
    labInventory({
      name: LAB_CLUSTER_NAME,
      bmc: cluster.bmc,
      block,
      nodeIps,
      ports: LAB_PORTS,
      images: images2
    })
  );
  const bin = await writeLabBin(dir);
  const common = {
    RK1_BMC_USER: "root",
    RK1_BMC_PASSWORD: password,
    RK1_CHART_SOURCE: `lab:${join15(repositoryRoot(), "lab", "charts")}`,
    RK1_OFFLINE: "1",
    // The CLI's cluster files (key, secrets, kubeconfig) of the lab cluster stay in the lab.
    RK1_STATE_DIR: resolve(dir, "state")
  };
  const env = { ...common, PATH: `${bin}:${process.env.PATH ?? ""}` };
  const envPath = join15(dir, "lab.env");
  const envText = Object.entries(common).map(([key3, value]) => `${key3}=${shellQuote2(value)}
`).join("");
  await writeFile3(envPath, `${envText}PATH=${shellQuote2(bin)}:"$PATH"
`, { mode: 384 });
  return {
    dir,
    inventoryPath,
    envPath,
    env,
    nodeIps,
    cluster,
    bmc: cluster.bmc,
    images: images2,
    close: () => cluster.close()
  };
}

// src/cli/demo-life.ts
import { existsSync as existsSync8 } from "node:fs";
import { mkdir as mkdir6, readFile, writeFile as writeFile4 } from "node:fs/promises";
import { join as join16 } from "node:path";
var DISTRO_NAME = { talos: "Talos", k3s: "K3s" };
async function outputsOf(file) {
  if (!existsSync8(file)) return {};
  return JSON.parse(await readFile(file, "utf8"));
}
function distroPaths(out, distro) {
  const dir = join16(out, distro);
  return {
    dir,
    /** provision's output-dir: kubeconfig, talosconfig, secrets.yaml (Talos), machine configs. */
    cluster: join16(dir, "cluster"),
    /** npu-benchmark's results-dir: records/, evidence/, logs/, result.json; the report reads it. */
    results: join16(dir, "bench"),
    outputs: (command) => join16(dir, "outputs", `${command}.json`)
  };
}
function distroSteps(lab, out, distro) {
  const paths = distroPaths(out, distro);
  const name2 = DISTRO_NAME[distro];
  const common = ["--inventory", lab.inventoryPath];
  const sshKey = async () => {
    const key3 = (await outputsOf(paths.outputs("provision")))["ssh-private-key"];
    return key3 ? { RK1_SSH_PRIVATE_KEY: key3 } : {};
  };
  return [
    {
      title: `Provision ${name2} on all four nodes`,
      distro,
      args: async () => [
        "provision",
        ...common,
        "--distro",
        distro,
        "--confirm",
        lab.clusterName,
        "--output-dir",
        paths.cluster,
        "--output-file",
        paths.outputs("provision")
      ]
    },
    {
      title: `Deploy the workloads on ${name2}`,
      distro,
      args: async () => [
        "deploy-workloads",
        ...common,
        "--distro",
        distro,
        "--kubeconfig-path",
        (await outputsOf(paths.outputs("provision")))["kubeconfig-path"] ?? join16(paths.cluster, "kubeconfig"),
        "--output-file",
        paths.outputs("deploy-workloads")
      ]
    },
    {
      title: `Benchmark NPU, CPU, storage and LLM on ${name2} (quick)`,
      distro,
      args: async () => [
        "npu-benchmark",
        ...common,
        "--distro",
        distro,
        "--kubeconfig-path",
        (await outputsOf(paths.outputs("provision")))["kubeconfig-path"] ?? join16(paths.cluster, "kubeconfig"),
        "--benchmark-image",
        lab.benchmarkImage,
        "--mode",
        "quick",
        // The lab's nodes do not heat up: waiting for them to cool would only make the demo slow.
        "--cooldown",
        "0",
        "--results-dir",
        paths.results,
        "--output-file",
        paths.outputs("npu-benchmark")
      ]
    },
    {
      title: `Wipe the ${name2} cluster (nodes powered off)`,
      distro,
      args: async () => [
        "wipe",
        ...common,
        "--confirm",
        lab.clusterName,
        "--output-dir",
        paths.cluster,
        "--output-file",
        paths.outputs("wipe")
      ],
      env: sshKey
    }
  ];
}
function reportStep(out, distros) {
  return {
    title: `Report over ${distros.map((d) => DISTRO_NAME[d]).join(" and ")}`,
    args: async () => [
      "report",
      "--results",
      distros.map((d) => distroPaths(out, d).results).join(","),
      "--report-dir",
      join16(out, "report"),
      "--output-file",
      join16(out, "report", "outputs.json")
    ]
  };
}
var seconds = (ms) => Math.round(ms / 100) / 10;
var shown = (args) => `rk1 ${args.map((a) => /^[\w./,:@=-]+$/.test(a) ? a : `'${a}'`).join(" ")}`;
async function readReport(dir) {
  const json = join16(dir, "report.json");
  if (!existsSync8(json)) return void 0;
  const model = JSON.parse(await readFile(json, "utf8"));
  return {
    dir,
    html: join16(dir, "report.html"),
    markdown: join16(dir, "report.md"),
    json,
    records: model.recordCount,
    distros: model.distros,
    simulated: model.simulated
  };
}
async function runDemoLife(options2) {
  const { lab, out, distros, main, write } = options2;
  const planned = [...distros.flatMap((d) => distroSteps(lab, out, d)), reportStep(out, distros)];
  const failedDistros = /* @__PURE__ */ new Set();
  const steps = [];
  const start = performance.now();
  for (const [i, step] of planned.entries()) {
    const args = await step.args();
    const command = shown(args);
    if (step.distro && failedDistros.has(step.distro)) {
      steps.push({ title: step.title, distro: step.distro, command, status: "skipped", seconds: 0 });
      continue;
    }
    write(
      `
=== ${i + 1}/${planned.length} ${step.title} \u2014 SIMULATED (the rk1 virtual lab) ===
$ ${command}
`
    );
    for (const d of distros)
      await mkdir6(join16(distroPaths(out, d).dir, "outputs"), { recursive: true });
    await mkdir6(join16(out, "report"), { recursive: true });
    const began = performance.now();
    const env = {
      ...options2.env,
      ...lab.env,
      ...step.env ? await step.env() : {}
    };
    const code = await main(args, env);
    const status = code === 0 ? "ok" : "FAILED";
    if (status === "FAILED" && step.distro) failedDistros.add(step.distro);
    steps.push({
      title: step.title,
      distro: step.distro,
      command,
      status,
      seconds: seconds(performance.now() - began)
    });
  }
  const result = {
    steps,
    totalSeconds: seconds(performance.now() - start),
    report: await readReport(join16(out, "report"))
  };
  await writeFile4(join16(out, "demo.json"), `${JSON.stringify(result, null, 2)}
`);
  return result;
}
function overview(result, out) {
  const lines = [
    "",
    "=== What happened (SIMULATED: the rk1 virtual lab, not real hardware) ===",
    ...result.steps.map(
      (s) => `${s.status.padEnd(7)} ${`${s.seconds.toFixed(1)} s`.padStart(7)}  ${s.title}   (${s.command.split(" ").slice(0, 2).join(" ")})`
    ),
    `        ${`${result.totalSeconds.toFixed(1)} s`.padStart(7)}  in all`,
    ""
  ];
  const r = result.report;
  if (r) {
    lines.push(
      `The report${r.simulated ? " (SIMULATED)" : ""}: ${r.records} record(s)${r.distros.length ? ` of ${r.distros.join(", ")}` : ""}`,
      `  HTML      ${r.html}`,
      `  Markdown  ${r.markdown}`,
      `  JSON      ${r.json}`
    );
  } else lines.push("No report was written (see the report step above).");
  const kept = [
    ["demo.json", "these steps and their times"],
    ...result.steps.map((s) => s.distro).filter((d, i, all) => !!d && all.indexOf(d) === i).flatMap((d) => [
      [
        `${d}/cluster`,
        d === "talos" ? "provision's output-dir; after the wipe only secrets.yaml (0600)" : "provision's output-dir, as the wipe left it"
      ],
      [`${d}/outputs`, "each command's outputs (--output-file; 0600, they hold secrets)"],
      [`${d}/bench`, "npu-benchmark's records, evidence and logs (what the report read)"]
    ]),
    ["report", "report.html, report.md, report.json, alerts.json"],
    ["artifacts", "the report uploaded as the CLI does (RK1_ARTIFACTS_DIR)"],
    ["lab", "the lab's inventory (cluster.yaml), lab.env and emulated eMMCs"]
  ];
  const present2 = kept.filter(([path3]) => existsSync8(join16(out, path3)));
  const width = Math.max(...present2.map(([path3]) => path3.length)) + 2;
  lines.push(
    "",
    `Everything the demo wrote stays in ${out}:`,
    ...present2.map(([path3, what]) => `  ${path3.padEnd(width)}${what}`)
  );
  return `${lines.join("\n")}
`;
}

// src/cli/lab-control.ts
import { mkdirSync as mkdirSync8, readdirSync as readdirSync2, readFileSync as readFileSync5, rmSync as rmSync8, writeFileSync as writeFileSync9 } from "node:fs";
import { createConnection, createServer as createServer7 } from "node:net";
import { tmpdir as tmpdir5 } from "node:os";
import { join as join17 } from "node:path";
function labRegistryDir(env = process.env) {
  const base = env.XDG_RUNTIME_DIR || tmpdir5();
  const dir = join17(base, `rk1-labs-${process.getuid?.() ?? "user"}`);
  mkdirSync8(dir, { recursive: true, mode: 448 });
  return dir;
}
var recordName = (subnet) => subnet.replace(/\/24$/, "");
function ask(socket, question, timeoutMs) {
  return new Promise((resolve3) => {
    let answer = "";
    const connection = createConnection(socket);
    const timer = setTimeout(() => {
      connection.destroy();
      resolve3(void 0);
    }, timeoutMs);
    connection.on("connect", () => connection.write(`${question}
`));
    connection.on("data", (d) => answer += d.toString());
    connection.on("error", () => {
      clearTimeout(timer);
      resolve3(void 0);
    });
    connection.on("close", () => {
      clearTimeout(timer);
      resolve3(answer.trim() || void 0);
    });
  });
}
async function runningLabs(env = process.env) {
  const dir = labRegistryDir(env);
  const records = [];
  for (const file of readdirSync2(dir).filter((f) => f.endsWith(".json"))) {
    const base = join17(dir, file.replace(/\.json$/, ""));
    let record;
    try {
      record = JSON.parse(readFileSync5(`${base}.json`, "utf8"));
    } catch {
      record = void 0;
    }
    if (record && await ask(`${base}.sock`, "ping", 2e3) === `pong ${record.dir}`)
      records.push(record);
    else {
      rmSync8(`${base}.json`, { force: true });
      rmSync8(`${base}.sock`, { force: true });
    }
  }
  return records;
}
async function stopLab(record, env = process.env) {
  const socket = join17(labRegistryDir(env), `${recordName(record.subnet)}.sock`);
  return await ask(socket, "stop", 6e4) === "stopped";
}
async function serveLabControl(record, env = process.env) {
  const base = join17(labRegistryDir(env), recordName(record.subnet));
  rmSync8(`${base}.sock`, { force: true });
  let requestStop = () => void 0;
  const stopRequested = new Promise((resolve3) => requestStop = resolve3);
  const waiting = [];
  const server = createServer7((connection) => {
    connection.on("data", (d) => {
      const question = d.toString().trim();
      if (question === "ping") connection.end(`pong ${record.dir}
`);
      else if (question === "stop") {
        waiting.push(connection);
        requestStop();
      } else connection.end("?\n");
    });
    connection.on("error", () => void 0);
  });
  await new Promise((resolve3, reject2) => {
    server.once("error", reject2);
    server.listen(`${base}.sock`, () => resolve3());
  });
  writeFileSync9(`${base}.json`, `${JSON.stringify(record, null, 2)}
`, { mode: 384 });
  return {
    stopRequested,
    close: async () => {
      for (const connection of waiting) connection.end("stopped\n");
      rmSync8(`${base}.json`, { force: true });
      await new Promise((resolve3) => server.close(() => resolve3()));
      rmSync8(`${base}.sock`, { force: true });
    }
  };
}

// src/cli/lab-command.ts
function info2(name2) {
  return labCommands.find((c) => c.name === name2);
}
function options(name2, argv) {
  const command = info2(name2);
  try {
    const parsed = parseCommandLine(argv, command.options, { runSwitches: false });
    if (!parsed.help) return parsed.values;
    process.stdout.write(
      `${commandHelp(name2, command.description, command.options, { runSwitches: false })}
`
    );
    return 0;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${usageLine(name2, error)}
`);
    return 2;
  }
}
function valueOf(values, specs, name2) {
  return values.get(name2) ?? specs.find((s) => s.name === name2)?.default ?? "";
}
function timeScaleOf(name2, values) {
  const text2 = valueOf(values, info2(name2).options, "time-scale");
  const n = Number(text2);
  return n > 0 ? n : new UsageError(`--time-scale must be a positive number, got "${text2}"`);
}
function downHint(dir) {
  return resolve2(DEFAULT_LAB_DIR) === dir ? "rk1 lab down" : `rk1 lab down --dir ${dir}`;
}
function kubeToolsLinked(lab) {
  return ["kubectl", "helm"].every((t) => existsSync9(join18(lab.dir, "bin", t)));
}
function describeLab(lab, block) {
  const subnet = block ? ` (${blockCidr(block)})` : "";
  return [
    "The rk1 virtual lab is up (SIMULATED hardware on loopback).",
    `  BMC emulator   ${lab.bmc.url} (certificate sha256 ${lab.bmc.fingerprintSha256})`,
    `  nodes          ${lab.nodeIps.join(", ")}${subnet}: Talos API :50000, SSH :2222, Kubernetes :6443`,
    `  inventory      ${lab.inventoryPath}`,
    `  environment    ${lab.envPath} (BMC credentials, lab chart source, loopback only, PATH)`,
    `  emulated eMMC  ${join18(lab.dir, "emmc")}`,
    `  tools          ${join18(lab.dir, "bin")} (lab talosctl${kubeToolsLinked(lab) ? ", kubectl, helm" : ""})`,
    "",
    `Try: set -a; . ${lab.envPath}; set +a`,
    `     rk1 provision --inventory ${lab.inventoryPath} --confirm rk1-lab`,
    `Stop with Ctrl-C or \`${downHint(lab.dir)}\`.`
  ].join("\n");
}
function refuse(name2, error, code) {
  const text2 = error instanceof Rk1Error ? error.describe() : errorText(error);
  process.stderr.write(`rk1 ${name2}: ${text2}
`);
  return code;
}
async function labUp(argv, env) {
  const values = options("lab up", argv);
  if (typeof values === "number") return values;
  const specs = info2("lab up").options;
  const dir = resolve2(valueOf(values, specs, "dir"));
  const subnetText = valueOf(values, specs, "subnet");
  const block = parseSubnet(subnetText);
  const timeScale = timeScaleOf("lab up", values);
  if (!block)
    return refuse(
      "lab up",
      `--subnet must be a loopback /24 like 127.0.2.0/24 (the lab never leaves 127.0.0.0/8), got "${subnetText}"`,
      2
    );
  if (timeScale instanceof UsageError) return refuse("lab up", timeScale.message, 2);
  const subnet = blockCidr(block);
  for (const other of await runningLabs(env)) {
    if (other.dir === dir || other.subnet === subnet)
      return refuse(
        "lab up",
        `a lab is already running from ${other.dir} on ${other.subnet} (pid ${other.pid}); stop it with \`${downHint(other.dir)}\`${other.dir === dir ? "" : ", or choose another block with --subnet"}`,
        1
      );
  }
  if (!ensureSystem({ scope: "lab", env }).ok) return 2;
  ensureKubeTools(repositoryRoot());
  let lab;
  try {
    lab = await startLab({ dir, timeScale, addresses: block });
  } catch (error) {
    return refuse("lab up", error, 1);
  }
  const record = {
    dir,
    subnet,
    pid: process.pid,
    bmcUrl: lab.bmc.url,
    startedAt: (/* @__PURE__ */ new Date()).toISOString()
  };
  const control = await serveLabControl(record, env);
  process.stdout.write(`${describeLab(lab, block)}
`);
  await Promise.race([
    control.stopRequested,
    new Promise((done) => {
      process.once("SIGINT", done);
      process.once("SIGTERM", done);
    })
  ]);
  await lab.close();
  await control.close();
  process.stdout.write("The lab is down.\n");
  return 0;
}
async function labDown(argv, env) {
  const values = options("lab down", argv);
  if (typeof values === "number") return values;
  const given = values.get("dir");
  const labs = await runningLabs(env);
  let target;
  if (given !== void 0) {
    const dir = resolve2(given);
    target = labs.find((l) => l.dir === dir);
    if (!target) {
      const stale = join18(dir, "lab.pid");
      const note = existsSync9(stale) ? " (removed its stale lab.pid)" : "";
      await rm3(stale, { force: true });
      return refuse("lab down", `no lab is running from ${dir}${note}`, 1);
    }
  } else {
    target = labs.find((l) => l.dir === resolve2(DEFAULT_LAB_DIR)) ?? labs[0];
    if (!target) return refuse("lab down", "no lab is running", 1);
    if (labs.length > 1 && target.dir !== resolve2(DEFAULT_LAB_DIR))
      return refuse(
        "lab down",
        `${labs.length} labs are running; say which: ${labs.map((l) => `\`rk1 lab down --dir ${relative(".", l.dir) || "."}\` (${l.subnet})`).join(", ")}`,
        2
      );
  }
  process.stdout.write(`Stopping the lab from ${target.dir} (${target.subnet})\u2026
`);
  if (!await stopLab(target, env))
    return refuse("lab down", "the lab did not confirm it stopped", 1);
  process.stdout.write("The lab is down.\n");
  return 0;
}
function ensureKubeTools(root) {
  execFileSync4(process.execPath, [join18(root, "scripts", "install-kube-tools.mjs")], {
    cwd: root,
    stdio: "ignore"
  });
}
var DEMO_DISTROS = {
  both: ["talos", "k3s"],
  talos: ["talos"],
  k3s: ["k3s"]
};
var DEMO_MARK = ".rk1-demo";
async function demoFolder(dir, env) {
  const running = (await runningLabs(env)).find((l) => l.dir === join18(dir, "lab"));
  if (running)
    return `a lab kept by an earlier demo still runs from ${running.dir}; stop it with \`${downHint(running.dir)}\` or choose another --dir`;
  const entries = await readdir(dir).catch(() => []);
  if (entries.length > 0 && !entries.includes(DEMO_MARK))
    return `${dir} holds files that are not an earlier demo's; choose another --dir (the demo replaces only its own folders)`;
  await rm3(dir, { recursive: true, force: true });
  await mkdir7(dir, { recursive: true });
  await writeFile5(
    join18(dir, DEMO_MARK),
    "Written by `rk1 demo`; the next demo replaces this folder.\n"
  );
  return void 0;
}
var subnetOf = (lab) => `${(lab.nodeIps[0] ?? "").split(".").slice(0, 3).join(".")}.0/24`;
async function demo(argv, env, main) {
  const values = options("demo", argv);
  if (typeof values === "number") return values;
  const specs = info2("demo").options;
  const timeScale = timeScaleOf("demo", values);
  if (timeScale instanceof UsageError) return refuse("demo", timeScale.message, 2);
  const distroText = valueOf(values, specs, "distro");
  const distros = DEMO_DISTROS[distroText];
  if (!distros) return refuse("demo", `--distro must be talos, k3s or both, got "${distroText}"`, 2);
  const keep = valueOf(values, specs, "keep") === "true";
  const out = resolve2(valueOf(values, specs, "dir"));
  if (!ensureSystem({ scope: "lab", env }).ok) return 2;
  const refusal = await demoFolder(out, env);
  if (refusal) return refuse("demo", refusal, 2);
  ensureKubeTools(repositoryRoot());
  const lab = await startLab({ dir: join18(out, "lab"), timeScale });
  process.stdout.write(
    `${describeLab(lab).split("\n").slice(0, 3).join("\n")}
  demo folder    ${out} (kept: the report, each step's outputs, the lab's files)
  the life       ${distros.map((d) => `${d}: provision \u2192 deploy \u2192 benchmark \u2192 wipe`).join("; ")}; then report
`
  );
  let result;
  try {
    result = await runDemoLife({
      lab: {
        inventoryPath: lab.inventoryPath,
        env: lab.env,
        clusterName: LAB_CLUSTER_NAME,
        // No image is pulled in the lab: a Job of any rk1-bench image runs the repository's
        // harness (bench-image/harness) with simulated hardware, so this name only says which.
        benchmarkImage: "rk1-bench:lab"
      },
      out,
      distros,
      // The demo's caches and artifacts stay in its folder (nothing lands in ~/.cache), and one
      // run id ties both distros' records into one night, as one workflow run does.
      env: {
        ...env,
        RK1_CACHE_DIR: join18(out, "cache"),
        RK1_ARTIFACTS_DIR: join18(out, "artifacts"),
        RK1_RUN_ID: env.RK1_RUN_ID || `demo-${(/* @__PURE__ */ new Date()).toISOString().replace(/[:.]/g, "-")}`
      },
      main,
      write: (text2) => process.stdout.write(text2)
    });
  } catch (error) {
    await lab.close();
    throw error;
  }
  process.stdout.write(overview(result, out));
  const ok3 = result.steps.every((s) => s.status === "ok");
  if (!keep) {
    await lab.close();
    process.stdout.write(
      `
The lab is stopped; its inventory and lab.env stay in ${lab.dir}. \`rk1 demo --keep\` leaves the lab running after the demo, \`rk1 lab up\` starts one of your own.
`
    );
    return ok3 ? 0 : 1;
  }
  const control = await serveLabControl(
    {
      dir: lab.dir,
      subnet: subnetOf(lab),
      pid: process.pid,
      bmcUrl: lab.bmc.url,
      startedAt: (/* @__PURE__ */ new Date()).toISOString()
    },
    env
  );
  process.stdout.write(`
${describeLab(lab)}
`);
  await Promise.race([
    control.stopRequested,
    new Promise((done) => {
      process.once("SIGINT", done);
      process.once("SIGTERM", done);
    })
  ]);
  await lab.close();
  await control.close();
  process.stdout.write("The lab is down.\n");
  return ok3 ? 0 : 1;
}
async function runLabCommand(name2, argv, env, main) {
  if (name2 === "demo") return demo(argv, env, main);
  const [sub, ...rest] = argv;
  if (sub === "up") return labUp(rest, env);
  if (sub === "down") return labDown(rest, env);
  if (sub === void 0 || sub === "--help" || sub === "-h" || sub === "help") {
    const lines = labCommands.filter((c) => c.name.startsWith("lab ")).map((c) => `  rk1 ${c.name.padEnd(10)} ${c.description}`);
    const text2 = `Usage: rk1 lab up|down [options]   (rk1 lab up --help)

${lines.join("\n")}
`;
    if (sub === void 0) process.stderr.write(text2);
    else process.stdout.write(text2);
    return sub === void 0 ? 2 : 0;
  }
  process.stderr.write(`rk1 lab: unknown subcommand "${sub}". See: rk1 lab --help
`);
  return 2;
}
export {
  runLabCommand
};

import { createRequire as __rk1CreateRequire } from 'node:module'; const require = __rk1CreateRequire(import.meta.url);
import {
  sha256File,
  sleep
} from "./chunk-EZ74XKRG.mjs";
import {
  main
} from "./chunk-6V3WWRPH.mjs";
import {
  loadX509
} from "./chunk-UC3JBDDK.mjs";
import "./chunk-MOXUPNIX.mjs";
import "./chunk-XO7XCKBM.mjs";
import "./chunk-AAZSCV46.mjs";

// src/cli/lab-command.ts
import { mkdtemp as mkdtemp2, readFile, rm as rm2, writeFile as writeFile2 } from "node:fs/promises";
import { tmpdir as tmpdir2 } from "node:os";
import { join as join7, resolve } from "node:path";
import { parseArgs } from "node:util";

// src/lab/lab.ts
import { randomBytes as randomBytes3 } from "node:crypto";
import { mkdir as mkdir4, writeFile } from "node:fs/promises";
import { join as join6 } from "node:path";

// src/lab/bmc/emulator.ts
import { createHash as createHash6 } from "node:crypto";
import { createReadStream as createReadStream2, existsSync as existsSync2 } from "node:fs";
import { mkdir as mkdir2, mkdtemp, rm, stat as stat2 } from "node:fs/promises";
import { createServer } from "node:https";
import { tmpdir } from "node:os";
import { join as join4 } from "node:path";

// src/lab/bmc/board.ts
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { open } from "node:fs/promises";
import { join } from "node:path";

// src/lab/bmc/boot-logs.ts
import { createHash } from "node:crypto";
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
function kernelLine(atMs, text) {
  const secs = Math.floor(atMs / 1e3);
  const micros = Math.round(atMs % 1e3 * 1e3);
  return {
    atMs,
    text: `[${String(secs).padStart(5)}.${String(micros).padStart(6, "0")}] ${text}\r
`
  };
}
function rawLine(atMs, text) {
  return { atMs, text: `${text}\r
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
function kernel(startMs, version) {
  return [
    kernelLine(startMs, "Booting Linux on physical CPU 0x0000000000 [0x412fd050]"),
    kernelLine(startMs + 1, `Linux version ${version} (builder@lab) #1 SMP PREEMPT`),
    kernelLine(startMs + 2, "Machine model: Turing Machines RK1"),
    kernelLine(startMs + 400, "rk_gmac-dwmac fe1c0000.ethernet: eth0: Link is Up - 1Gbps/Full"),
    kernelLine(startMs + 900, "mmcblk0: mmc0:0001 A3A562 29.1 GiB")
  ];
}
function talosMaintenance(ip, version, emmc) {
  const fingerprint = createHash("sha256").update(`talos-maintenance:${ip}:${emmc.sha256 ?? ""}`).digest("base64");
  const ctx = (controller, extra = "") => ` {"component": "controller-runtime", "controller": "${controller}"${extra}}`;
  const maint = ctx("runtime.MaintenanceServiceController");
  const at = 14e3;
  return {
    lines: [
      ...bootloader(),
      ...kernel(3e3, "6.12.18-talos"),
      kernelLine(6e3, `[talos] [initramfs] booting Talos ${version}`),
      kernelLine(6100, "[talos] [initramfs] mounting the rootfs"),
      kernelLine(
        7e3,
        `[talos] setting resolvers {"component": "controller-runtime", "controller": "network.ResolverSpecController"}`
      ),
      kernelLine(9e3, "[talos] task setupLogger (1/1): done"),
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
      kernelLine(
        at + 23,
        `[talos] or apply configuration using talosctl interactive installer:${maint}`
      ),
      kernelLine(
        at + 24,
        `[talos] 	talosctl apply-config --insecure --nodes ${ip} --mode=interactive${maint}`
      ),
      kernelLine(at + 25, `[talos] optionally with node fingerprint check:${maint}`),
      kernelLine(
        at + 26,
        `[talos] 	talosctl apply-config --insecure --nodes ${ip} --cert-fingerprint '${fingerprint}' --file <config.yaml>${maint}`
      )
    ]
  };
}
function armbian(hostname, version) {
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
      rawLine(14001, `Armbian ${version} Trixie ttyS9`),
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
  constructor(options) {
    this.options = options;
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
      emmc: loadEmmcState(options.storageDir, slot),
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
  consoleOutput(slot, text) {
    this.serialSink?.(slot, typeof text === "string" ? Buffer.from(text, "utf8") : text);
  }
  /** Bytes written to a node's UART: a running OS echoes them; the lab node hook sees them. */
  consoleInput(slot, text) {
    if (this.node(slot).mode === "os") this.consoleOutput(slot, text);
    this.options.onUartWrite?.(slot, text);
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
      writeFileSync(join(this.options.storageDir, "board.json"), JSON.stringify(state, null, 2));
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
    const file = join(this.options.storageDir, "board.json");
    if (!existsSync(file)) return;
    try {
      const state = JSON.parse(readFileSync(file, "utf8"));
      state.power.forEach((on, i) => {
        const node = this.nodes[i];
        if (node) node.powerBit = on;
      });
      this.usb = state.usb;
      this.usbNode1Alt = state.usbNode1Alt;
      state.nodeInfo.forEach((info, i) => {
        const node = this.nodes[i];
        if (node) node.info = info;
      });
      this.cooling = state.cooling;
    } catch {
    }
  }
  async boot(node) {
    const epoch = node.epoch;
    const info = await this.emmcInfo(node.slot);
    if (node.epoch !== epoch) return;
    node.bootCount++;
    const script = this.options.bootLog?.(node.slot, info) ?? defaultBootScript(node.slot, info);
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
  return join(dir, `node${slot}.json`);
}
function loadEmmcState(dir, slot) {
  const path = join(dir, `node${slot}.img`);
  const fresh = {
    path,
    bytesWritten: 0,
    sha256: null,
    flashedFileName: null,
    flashedAt: null
  };
  try {
    const saved = JSON.parse(readFileSync(metaPath(dir, slot), "utf8"));
    if (existsSync(path)) return { ...saved, path };
  } catch {
  }
  return fresh;
}

// src/lab/bmc/auth.ts
import { createHash as createHash2, randomBytes } from "node:crypto";

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
  for (const [size, name, plural] of units) {
    const n = ns / size;
    ns %= size;
    if (n > 0n) parts.push(plural ? `${n}${name}${n > 1n ? "s" : ""}` : `${n}${name}`);
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
  const text = value.toFixed(2).replace(/\.?0+$/, "");
  return `${text} ${units[unit]}`;
}
function sortedJson(value) {
  return JSON.stringify(sortKeys(value));
}
function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object" && !Buffer.isBuffer(value)) {
    const out = {};
    for (const key of Object.keys(value).sort())
      out[key] = sortKeys(value[key]);
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
    for (const byte of randomBytes(96)) {
      if (byte < 248 && out.length < 64) out += TOKEN_ALPHABET[byte % 62];
    }
  }
  return out;
}
function tokenRef(token) {
  return createHash2("sha256").update(token).digest("hex").slice(0, 12);
}
var AuthService = class {
  constructor(options) {
    this.options = options;
    this.now = options.now ?? (() => performance.now());
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
    const now = this.now();
    for (const [token2, entry] of this.tokens) {
      if (now - entry.lastUsed >= this.options.tokenTtlMs) this.tokens.delete(token2);
    }
    const token = newToken();
    this.tokens.set(token, { user: parsed.username, lastUsed: now });
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
  fail(peer, text) {
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
    return text;
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
function parseCredentials(raw) {
  const end = `at line 1 column ${raw.length}`;
  if (raw.trim() === "") return `EOF while parsing a value ${end}`;
  let value;
  try {
    value = JSON.parse(raw);
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
  let text;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return "invalid utf-8 sequence";
  }
  const colon = text.indexOf(":");
  if (colon < 0) return "missing colon";
  return { username: text.slice(0, colon), password: text.slice(colon + 1) };
}

// src/lab/bmc/backup.ts
import { gzipSync } from "node:zlib";
function backupArchive(board) {
  const now = /* @__PURE__ */ new Date();
  const dd = String(now.getDate()).padStart(2, "0");
  const mm = String(now.getMonth() + 1).padStart(2, "0");
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
  for (const [name, text] of files) {
    const content = Buffer.from(text);
    blocks.push(tarHeader(name, content.length, now), content);
    blocks.push(Buffer.alloc((512 - content.length % 512) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return {
    name: `tp2-backup-${dd}-${mm}-${now.getFullYear()}.tar.gz`,
    data: gzipSync(Buffer.concat(blocks))
  };
}
function tarHeader(name, size, mtime) {
  const h = Buffer.alloc(512);
  const field = (offset, length, value) => {
    h.write(value, offset, length, "ascii");
  };
  const octal = (value, length) => `${value.toString(8).padStart(length - 1, "0")}\0`;
  field(0, 100, name);
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
  const raw = q.get("node");
  if (raw === null) throw new ParamError("Missing `node` parameter");
  if (!INTEGER.test(raw)) throw new ParamError("Parameter `node` is not a number");
  const node = Number(BigInt.asUintN(8, BigInt(raw)));
  if (node > 3) throw new ParamError("Parameter `node` is out of range 0..3 of node IDs");
  return node;
}
function parseInteger(q, name) {
  const raw = q.get(name);
  if (raw === null) throw new ParamError(`Missing \`${name}\` parameter`);
  if (!INTEGER.test(raw)) throw new ParamError(`Parameter \`${name}\` is not a number`);
  return Number(raw);
}
function requireParam(q, name) {
  const raw = q.get(name);
  if (raw === null) throw new ParamError(`Missing \`${name}\` parameter`);
  return raw;
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
function routeName(p, route) {
  return route === "Bmc" ? "Bmc" : p.modern ? "AlternativePort" : "UsbA";
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
  "set:node_to_msd": async ({ board, scale }, q) => {
    const slot = slotOf(q);
    await board.setPower(slot, false);
    board.setUsbBootPin(slot, true);
    board.physicalOn(slot);
    await sleep(scale(1e3));
    board.clearUsbBootPins();
    await sleep(scale(5e3));
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
    const now = performance.now();
    const result = board.nodes.map((n) => ({
      name: n.info.name,
      module_name: n.info.module_name,
      power_on_time: n.powerOnAt === null ? null : Math.floor((now - n.powerOnAt) * timeScale / 1e3),
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
  const key = `${opt}:${type}`;
  const handler = HANDLERS[key] ?? (profile.modern ? MODERN_HANDLERS[key] : void 0);
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
function sendUart(res, text) {
  if (res.headersSent || res.destroyed) return;
  sendJson(res, 200, JSON.stringify({ response: [{ uart: text }] }));
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
  return new Promise((resolve2) => {
    res.once("finish", () => resolve2());
    res.once("close", () => resolve2());
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
  for (const [index, key] of ["Node1", "Node2", "Node3", "Node4"].entries()) {
    const entry = value[key];
    if (entry === void 0 || entry === null) continue;
    if (typeof entry !== "object" || Array.isArray(entry)) {
      return `invalid type for ${key}: expected struct SetNodeInfo`;
    }
    const update = {};
    for (const field of FIELDS) {
      if (!(field in entry)) continue;
      const v = entry[field];
      const okType = v === null || (field === "uart_baud" ? Number.isInteger(v) : typeof v === "string");
      if (!okType) return `invalid type for ${key}.${field}`;
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
    return new Promise((resolve2) => {
      const grant = () => {
        this.held = true;
        let released = false;
        resolve2(() => {
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
    return new Promise((resolve2, reject2) => this.producers.push({ resolve: resolve2, reject: reject2 }));
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
      await new Promise((resolve2) => this.wakeConsumer = resolve2);
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
import { basename, join as join2 } from "node:path";

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
  constructor(file, options) {
    this.file = file;
    this.options = options;
    this.pacer = new Pacer(options.bytesPerSecond);
  }
  file;
  options;
  written = 0;
  crc = new Crc64();
  hash = createHash3("sha256");
  pacer;
  closed = false;
  /** Opens (and empties) the eMMC image file. */
  static async open(path, options) {
    return new _EmmcWriter(await open2(path, "w"), options);
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
async function readBackCrc(path, length, bytesPerSecond, signal, onProgress) {
  const crc = new Crc64();
  const pacer = new Pacer(bytesPerSecond);
  const file = await open2(path, "r");
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
  const exited = new Promise((resolve2) => child.on("close", (code) => resolve2(code)));
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
  return new Promise((resolve2) => {
    const done = () => {
      stream.off("drain", done);
      stream.off("close", done);
      stream.off("error", done);
      resolve2();
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
  for await (const raw of iterable) {
    let chunk = raw;
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
  const dir = join2(storageDir, "firmware");
  await mkdir(dir, { recursive: true });
  return join2(dir, basename(fileName).replace(/\.xz$/, "") || "firmware.tpu");
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
  start(request, options = {}) {
    const faults = options.faults === false ? [] : this.settings.faults.takeTransferFaults(
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
import { join as join3, posix } from "node:path";
function labPathOf(bmcPath, storageDir) {
  const normal = posix.normalize(bmcPath);
  if (!normal.startsWith("/mnt/sdcard/")) return void 0;
  return join3(storageDir, "sdcard", normal.slice("/mnt/sdcard/".length));
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
    const path = labPathOf(file, storageDir);
    const size2 = path ? await fileSize(path) : void 0;
    if (!path || size2 === void 0) {
      throw new TransferError(`Failed to ${file}: No such file or directory (os error 2)`);
    }
    return { kind, slot, fileName: file, size: size2, skipCrc, xz, source: { kind: "local", path } };
  }
  const sha256 = modern ? q.get("sha256") ?? void 0 : void 0;
  if (sha256 !== void 0) {
    const why = sha256HexError(sha256);
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
      sha256,
      skipCrc,
      xz,
      source: { kind: "url", stream }
    };
  }
  const length = q.get("length");
  if (length === null) throw new TransferError("Invalid `length` query parameter");
  if (!/^\+?\d+$/.test(length)) throw new TransferError("`length` parameter is not a number");
  const size = Number(length);
  return { kind, slot, fileName: file, size, sha256, skipCrc, xz, source: { kind: "upload" } };
}
async function fileSize(path) {
  try {
    const s = await stat(path);
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
  return new Promise((resolve2, reject2) => {
    const onResponse = (res) => {
      const status = res.statusCode ?? 0;
      if (status < 200 || status > 299) {
        res.resume();
        reject2(new TransferError(`Failed to ${url}: HTTP status ${status}`));
      } else if (res.headers["content-length"] === void 0) {
        res.destroy();
        reject2(new TransferError(`Failed to ${url}: content-length header missing`));
      } else resolve2(res);
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
  const outcome = await new Promise((resolve2) => {
    let settled = false;
    const settle = (how) => {
      if (settled) return;
      settled = true;
      resolve2(how);
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
    const text = await engine.workerErrorText(t);
    return sendText(res, 500, text, { Connection: "close" });
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
    const path = q < 0 ? url : url.slice(0, q);
    const rawQuery = q < 0 ? "" : url.slice(q + 1);
    const peer = log.peer;
    const ctx = { req, res, path, rawQuery, query: new URLSearchParams(rawQuery), peer, log };
    if (path !== "/api/bmc" && !path.startsWith("/api/bmc/")) {
      log.authKind = "public";
      return sendIndex(res);
    }
    if (this.s.loopbackBypass && isLoopback2(peer)) {
      log.authKind = "bypass";
      if (path === "/api/bmc/authenticate") return sendIndex(res);
      return this.api(ctx);
    }
    if (!this.s.globalLock) return this.authenticated(ctx);
    const waitStart = performance.now();
    const release = await this.lock.acquire();
    log.handledAtMs = performance.now();
    log.lockWaitMs = log.handledAtMs - waitStart;
    try {
      if (this.stopped || req.socket.destroyed) return;
      await this.authenticated(ctx);
      await responseDone(res);
    } finally {
      release();
    }
  }
  async authenticated(ctx) {
    const { req, res, log } = ctx;
    if (ctx.path === "/api/bmc/authenticate") {
      log.authKind = "login";
      if (this.requestFault(ctx, "authenticate", void 0, false)) return;
      const body = await readBody(req, 64 * 1024) ?? Buffer.alloc(0);
      const result = this.auth.login(ctx.peer, body.toString("utf8"));
      if (!result.ok) return sendText(res, result.status, result.body);
      log.user = result.user;
      res.writeHead(200, {
        "X-Auth-Token": result.token,
        "Content-Length": Buffer.byteLength(result.body)
      });
      res.end(result.body);
      return;
    }
    const auth = this.auth.authorize(ctx.peer, req.headers.authorization);
    log.tokenRef = auth.tokenRef;
    if (!auth.ok) {
      log.authKind = "rejected";
      req.resume();
      return sendText(res, auth.status, auth.body, { "WWW-Authenticate": auth.wwwAuthenticate });
    }
    log.authKind = auth.kind;
    log.user = auth.user;
    await this.api(ctx);
  }
  async api(ctx) {
    const { req, res, path, rawQuery, query } = ctx;
    const method = req.method ?? "GET";
    if (path === "/api/bmc") {
      const isSet = rawQuery.includes("opt=set");
      const transferType = rawQuery.includes("type=flash") ? "flash" : rawQuery.includes("type=firmware") ? "firmware" : void 0;
      if (method === "GET" && transferType && rawQuery.includes("opt=get")) {
        if (this.requestFault(ctx, transferType, "get", false)) return;
        return sendText(res, 200, this.engine.statusBody());
      }
      if (method === "GET" && transferType && isSet) return this.startTransfer(ctx, transferType);
      if (method === "POST" && isSet && rawQuery.includes("type=node_info") && this.s.profile.modern) {
        if (this.requestFault(ctx, "node_info", "set", false)) return;
        return setNodeInfo(this.s.board, req, res);
      }
      if (method !== "GET") return sendEmpty(res, 405);
      return this.dispatch(ctx, query);
    }
    const upload = /^\/api\/bmc\/upload\/([^/]+)(\/cancel)?$/.exec(path);
    if (upload) {
      if (upload[2]) {
        if (method !== "GET") return sendEmpty(res, 405);
        if (this.requestFault(ctx, "cancel", void 0, false)) return;
        this.engine.cancelCurrent();
        return sendEmpty(res, 200);
      }
      if (method !== "POST") return sendEmpty(res, 405);
      const handle = /^\d+$/.test(upload[1]) ? Number(upload[1]) : NaN;
      if (!(handle <= 4294967295)) {
        req.resume();
        return sendText(res, 404, `can not parse "${upload[1]}" to a u32`);
      }
      if (this.requestFault(ctx, "upload", void 0, false)) return;
      return handleUpload(this.engine, handle, req, res);
    }
    if (path === "/api/bmc/backup" && method === "GET") {
      const { name, data } = backupArchive(this.s.board);
      res.writeHead(200, {
        "Content-Type": "application/gzip",
        "Content-Disposition": `attachment; filename="${name}"`
      });
      res.end(data);
      return;
    }
    if (path === "/api/bmc/serial/status" && method === "POST") {
      return sendText(res, 200, '["Running","Running","Running","Running"]');
    }
    sendIndex(res);
  }
  async startTransfer(ctx, kind) {
    if (this.requestFault(ctx, kind, "set", false)) return;
    try {
      const request = await parseTransferStart(ctx.query, kind, this.s.profile, this.s.storageDir);
      const t = this.engine.start(request);
      sendText(ctx.res, 200, JSON.stringify({ handle: t.id }));
    } catch (error) {
      const message = error instanceof TransferError ? error.message : String(error);
      sendText(ctx.res, 500, message);
    }
  }
  async dispatch(ctx, q) {
    const resolved = resolveHandler(this.s.profile, q);
    if (!("handler" in resolved)) return this.reply(ctx, resolved);
    if (this.requestFault(ctx, resolved.type, resolved.opt, true)) return;
    const reply = await runHandler(resolved.handler, this.env, q);
    this.reply(ctx, reply);
  }
  reply(ctx, reply) {
    if ("panic" in reply) {
      ctx.log.note = "panic";
      return dropConnection(ctx.req, ctx.res);
    }
    if ("uart" in reply) return sendUart(ctx.res, reply.uart);
    sendEnvelope(ctx.res, reply.status, reply.json);
  }
  /** Injected `http500` / `dropConnection` faults; true when one answered the request. */
  requestFault(ctx, type, opt, envelope) {
    const faults = this.s.faults;
    if (faults.takeRequestFault("dropConnection", type, opt)) {
      ctx.log.note = "fault:dropConnection";
      dropConnection(ctx.req, ctx.res);
      return true;
    }
    const f = faults.takeRequestFault("http500", type, opt);
    if (f?.kind !== "http500") return false;
    ctx.log.note = "fault:http500";
    const message = f.message ?? `Failed to ${opt ?? "handle"} ${type}: injected fault`;
    ctx.req.resume();
    if (envelope) sendEnvelope(ctx.res, 500, JSON.stringify(message));
    else {
      ctx.res.writeHead(500, { "Content-Type": TEXT_PLAIN, Connection: "close" });
      ctx.res.end(message);
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
  inject(fault, options = {}) {
    const armed = {
      id: this.nextId++,
      fault: { ...fault },
      persistent: options.persistent ?? false,
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
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: Buffer.from(webcrypto.getRandomValues(new Uint8Array(8))).toString("hex").replace(/^[89a-f]/, "1"),
    name: "CN=Turing-Pi self signed",
    notBefore: new Date(now - 24 * 36e5),
    notAfter: new Date(now + 3650 * 24 * 36e5),
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
  const storageDir = opts.storageDir ?? await mkdtemp(join4(tmpdir(), "rk1-lab-bmc-"));
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
    const scale = (ms) => ms / timeScale;
    this.board = new Board({
      storageDir,
      revision: opts.board ?? "v2.5",
      scale,
      bootLog: opts.bootLog,
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
    this.server = createServer({ key: tls.keyPem, cert: tls.certPem, requestTimeout: 0 });
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
  writeConsole(slot, text) {
    this.board.consoleOutput(slot, text);
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
    await new Promise((resolve2, reject2) => {
      const onError = (error) => reject2(error);
      this.server.once("error", onError);
      this.server.listen(port, this.host, () => {
        this.server.off("error", onError);
        resolve2();
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
    await new Promise((resolve2) => this.after(wait, resolve2));
    await this.startDaemon();
  }
  scheduleRestart(kind) {
    const scale = (ms) => ms / this.settings.timeScale;
    this.after(scale(300), () => {
      if (this.closed) return;
      this.stopDaemon();
      if (kind === "fel") return;
      if (kind === "reboot" && this.settings.profile.board === "v2.4") {
        for (const slot of SLOTS) this.board.physicalOff(slot);
      }
      const down = kind === "reload" ? this.opts.reloadDowntimeMs ?? DEFAULTS.reloadDowntimeMs : this.opts.rebootDowntimeMs ?? DEFAULTS.rebootDowntimeMs;
      this.after(scale(down), () => void this.startDaemon().catch(() => void 0));
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
    await new Promise((resolve2) => {
      if (!this.server.listening) return resolve2();
      this.server.close(() => resolve2());
    });
    if (this.ownsStorage) await rm(this.storageDir, { recursive: true, force: true });
  }
};
var SECRET_PARAMS = /* @__PURE__ */ new Set(["password", "token", "cmd"]);
function redactQuery(raw) {
  return raw.split("&").map((pair) => {
    const eq = pair.indexOf("=");
    const key = eq < 0 ? pair : pair.slice(0, eq);
    return eq >= 0 && SECRET_PARAMS.has(key) ? `${key}=[redacted]` : pair;
  }).join("&");
}

// src/lab/images.ts
import { execFile } from "node:child_process";
import { randomBytes as randomBytes2 } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir as mkdir3, stat as stat3 } from "node:fs/promises";
import { join as join5 } from "node:path";
import { promisify } from "node:util";
var run = promisify(execFile);
function labImageMarker(distro) {
  return `RK1LAB-IMAGE distro=${distro}
`;
}
async function writeSyntheticImage(path, distro, sizeBytes) {
  const out = createWriteStream(path);
  const marker = Buffer.from(labImageMarker(distro));
  out.write(Buffer.concat([marker, Buffer.alloc(4096 - marker.length)]));
  let written = 4096;
  const block = 64 * 1024;
  for (let i = 0; written < sizeBytes; i++) {
    const n = Math.min(block, sizeBytes - written);
    out.write(i % 4 === 0 ? randomBytes2(n) : Buffer.alloc(n, i % 251));
    written += n;
  }
  await new Promise(
    (resolve2, reject2) => out.end((error) => error ? reject2(error) : resolve2())
  );
}
async function createLabImages(dir, sizeBytes = 8 * 1024 * 1024) {
  await mkdir3(dir, { recursive: true });
  const talosRaw = join5(dir, "talos-metal-arm64.raw");
  await writeSyntheticImage(talosRaw, "talos", sizeBytes);
  await run("xz", ["-f", "-T1", "-3", talosRaw]);
  const armbian2 = join5(dir, "armbian-turing-rk1-vendor.img");
  await writeSyntheticImage(armbian2, "armbian", sizeBytes);
  const describe = async (distro, path) => ({
    distro,
    path,
    sha256: await sha256File(path),
    size: (await stat3(path)).size
  });
  return {
    talos: await describe("talos", `${talosRaw}.xz`),
    armbian: await describe("armbian", armbian2)
  };
}

// src/lab/lab.ts
var LAB_NODE_IPS = ["127.0.1.1", "127.0.1.2", "127.0.1.3", "127.0.1.4"];
var LAB_CLUSTER_NAME = "rk1-lab";
function labInventory(bmc, images) {
  const nodes = LAB_NODE_IPS.map(
    (ip, i) => `  - slot: ${i + 1}
    hostname: ${i === 0 ? "lab-cp1" : `lab-w${i}`}
    ip: ${ip}
    role: ${i === 0 ? "control-plane" : "worker"}`
  ).join("\n");
  return `# The rk1 virtual lab (SIMULATED): an emulated Turing Pi 2 on loopback, written by \`rk1 lab up\`.
name: ${LAB_CLUSTER_NAME}
distro: talos
bmc:
  host: 127.0.0.1
  port: ${bmc.port}
  tls:
    mode: fingerprint
    fingerprint: ${bmc.fingerprintSha256}
nodes:
${nodes}
network:
  cidr: 127.0.0.0/8
  gateway: 127.0.0.1
  dns: [127.0.0.1]
  metallbPool: 127.0.2.80-127.0.2.89
  ingressIp: 127.0.2.80
distros:
  talos:
    image: { source: ${images.talos.path}, sha256: ${images.talos.sha256} }
  k3s:
    image: { source: ${images.armbian.path}, sha256: ${images.armbian.sha256} }
`;
}
async function startLab(options) {
  const dir = options.dir;
  await mkdir4(dir, { recursive: true });
  const password = randomBytes3(12).toString("base64url");
  const images = await createLabImages(join6(dir, "images"), options.imageBytes);
  const bmc = await startBmcEmulator({
    timeScale: options.timeScale ?? 50,
    ...options.bmc,
    users: { root: password },
    storageDir: join6(dir, "emmc")
  });
  const inventoryPath = join6(dir, "cluster.yaml");
  await writeFile(inventoryPath, labInventory(bmc, images));
  const env = { RK1_BMC_USER: "root", RK1_BMC_PASSWORD: password };
  const envPath = join6(dir, "lab.env");
  await writeFile(
    envPath,
    Object.entries(env).map(([k, v]) => `${k}=${v}
`).join(""),
    { mode: 384 }
  );
  return { dir, inventoryPath, envPath, env, bmc, images, close: () => bmc.close() };
}

// src/cli/lab-command.ts
var DEFAULT_DIR = ".rk1/lab";
function labOptions(argv) {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { dir: { type: "string" }, "time-scale": { type: "string" } },
    allowPositionals: true
  });
  const timeScale = values["time-scale"] ? Number(values["time-scale"]) : void 0;
  if (timeScale !== void 0 && !(timeScale > 0))
    throw new Error("--time-scale must be a positive number");
  return { dir: resolve(values.dir ?? DEFAULT_DIR), timeScale, positionals };
}
function describeLab(lab) {
  return [
    "The rk1 virtual lab is up (SIMULATED hardware on loopback).",
    `  BMC emulator   ${lab.bmc.url} (certificate sha256 ${lab.bmc.fingerprintSha256})`,
    `  nodes          127.0.1.1-127.0.1.4 (slots 1-4)`,
    `  inventory      ${lab.inventoryPath}`,
    `  credentials    ${lab.envPath} (source it: set -a; . ${lab.envPath}; set +a)`,
    `  emulated eMMC  ${join7(lab.dir, "emmc")}`,
    "",
    "Try: rk1 provision --inventory " + lab.inventoryPath + " --confirm rk1-lab",
    "Stop with Ctrl-C or `rk1 lab down`."
  ].join("\n");
}
async function labUp(argv) {
  const { dir, timeScale } = labOptions(argv);
  const lab = await startLab({ dir, timeScale });
  await writeFile2(join7(dir, "lab.pid"), `${process.pid}
`);
  process.stdout.write(`${describeLab(lab)}
`);
  await new Promise((done) => {
    process.once("SIGINT", done);
    process.once("SIGTERM", done);
  });
  await lab.close();
  await rm2(join7(dir, "lab.pid"), { force: true });
  process.stdout.write("The lab is down.\n");
  return 0;
}
async function labDown(argv) {
  const { dir } = labOptions(argv);
  const pid = Number((await readFile(join7(dir, "lab.pid"), "utf8").catch(() => "")).trim());
  if (!pid) {
    process.stderr.write(`No lab is running from ${dir}.
`);
    return 1;
  }
  process.kill(pid, "SIGTERM");
  process.stdout.write(`Asked the lab (pid ${pid}) to stop.
`);
  return 0;
}
async function demo(argv, env) {
  const { timeScale } = labOptions(argv);
  const dir = await mkdtemp2(join7(tmpdir2(), "rk1-demo-"));
  const lab = await startLab({ dir, timeScale });
  process.stdout.write(`${describeLab(lab).split("\n").slice(0, 6).join("\n")}

`);
  try {
    return await main(["provision", "--inventory", lab.inventoryPath, "--confirm", "rk1-lab"], {
      ...env,
      ...lab.env,
      RK1_CACHE_DIR: join7(dir, "cache")
    });
  } finally {
    await lab.close();
    await rm2(dir, { recursive: true, force: true });
  }
}
async function runLabCommand(name, argv, env) {
  if (name === "demo") return demo(argv, env);
  const [sub, ...rest] = argv;
  if (sub === "up") return labUp(rest);
  if (sub === "down") return labDown(rest);
  process.stderr.write("Usage: rk1 lab up [--dir D] [--time-scale N] | rk1 lab down [--dir D]\n");
  return 2;
}
export {
  runLabCommand
};

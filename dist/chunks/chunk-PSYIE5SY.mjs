import { createRequire as __rk1CreateRequire } from 'node:module'; const require = __rk1CreateRequire(import.meta.url);
import {
  require_dist
} from "./chunk-7BRERKNQ.mjs";
import {
  __toESM
} from "./chunk-TJN2CFBI.mjs";

// src/distro/talos/schematic.ts
var import_yaml = __toESM(require_dist(), 1);
import { createHash } from "node:crypto";
var RK1_OVERLAY = { name: "turingrk1", image: "siderolabs/sbc-rockchip" };
var LONGHORN_EXTENSIONS = ["siderolabs/iscsi-tools", "siderolabs/util-linux-tools"];
function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") {
    const out = {};
    for (const key of Object.keys(value).sort())
      out[key] = sortKeys(value[key]);
    return out;
  }
  return value;
}
function schematicYaml(opts = {}) {
  const doc = {};
  if (opts.owner) doc.owner = opts.owner;
  if (opts.overlay) {
    const overlay = {};
    if (opts.overlay.image) overlay.image = opts.overlay.image;
    if (opts.overlay.name) overlay.name = opts.overlay.name;
    if (opts.overlay.options && Object.keys(opts.overlay.options).length > 0)
      overlay.options = sortKeys(opts.overlay.options);
    if (Object.keys(overlay).length > 0) doc.overlay = overlay;
  }
  const customization = {};
  if (opts.extraKernelArgs?.length) customization.extraKernelArgs = [...opts.extraKernelArgs];
  if (opts.meta?.length) customization.meta = opts.meta.map((m) => ({ key: m.key, value: m.value }));
  if (opts.extensions?.length)
    customization.systemExtensions = { officialExtensions: [...opts.extensions] };
  doc.customization = customization;
  return (0, import_yaml.stringify)(doc, { indent: 4, indentSeq: true, lineWidth: 0 });
}
var RKNN_EXTENSION = "siderolabs/rockchip-rknn";
var DEFAULT_FACTORY = "https://factory.talos.dev";
function rk1Schematic(settings = {}) {
  const extensions = [...settings.extensions ?? LONGHORN_EXTENSIONS];
  if (settings.rknn && !extensions.includes(RKNN_EXTENSION)) extensions.push(RKNN_EXTENSION);
  return { overlay: RK1_OVERLAY, extensions };
}
function resolveRk1Schematic(settings = {}) {
  const yaml = schematicYaml(rk1Schematic(settings));
  if (settings.schematicId) return { id: settings.schematicId.toLowerCase(), yaml, given: true };
  return { id: createHash("sha256").update(yaml).digest("hex"), yaml, given: false };
}
function factoryRegistry(factory = DEFAULT_FACTORY) {
  return new URL(factory).host;
}
function installerImage(schematic, talosVersion, factory = DEFAULT_FACTORY) {
  return `${factoryRegistry(factory)}/metal-installer/${schematic}:${talosVersion}`;
}
function factoryImageUrl(schematic, talosVersion, factory = DEFAULT_FACTORY) {
  return `${factory.replace(/\/+$/, "")}/image/${schematic}/${talosVersion}/metal-arm64.raw.xz`;
}

// src/node-access/remote-shell.ts
function shellQuote(word) {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
var ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
function checkEnv(env) {
  for (const [name, value] of Object.entries(env)) {
    if (!ENV_NAME.test(name)) throw new TypeError(`Invalid environment variable name: ${name}`);
    if (value.includes("\0")) throw new TypeError(`Environment variable ${name} contains NUL`);
  }
}
function envCommand(command) {
  const reader = 'while IFS= read -r -d "" kv && [ -n "$kv" ]; do export "$kv"; done; exec bash -c "$1"';
  return `bash -c ${shellQuote(reader)} rk1-env ${shellQuote(command)}`;
}
function envPreamble(env) {
  const records = Object.entries(env).map(([k, v]) => `${k}=${v}\0`);
  return Buffer.from(`${records.join("")}\0`);
}
function envExports(env) {
  return Object.entries(env).map(([k, v]) => `export ${k}=${shellQuote(v)}
`).join("");
}
function wrapScript(script, env) {
  const body = script.endsWith("\n") ? script : `${script}
`;
  return `${env ? envExports(env) : ""}{
${body}}
`;
}
function uploadCommand(remotePath, mode) {
  const slash = remotePath.lastIndexOf("/");
  const dir = slash < 0 ? "." : slash === 0 ? "/" : remotePath.slice(0, slash);
  const base = remotePath.slice(slash + 1);
  const octal = (mode & 4095).toString(8).padStart(4, "0");
  return [
    "set -e",
    "umask 077",
    `tmp=$(mktemp ${shellQuote(`${dir}/.${base}.rk1-XXXXXX`)})`,
    `trap 'rm -f "$tmp"' EXIT`,
    'cat > "$tmp"',
    `chmod ${octal} "$tmp"`,
    `mv -f "$tmp" ${shellQuote(remotePath)}`,
    "trap - EXIT"
  ].join("; ");
}
function groupReportPrefix(nonce) {
  return `printf 'rk1-pgid-${nonce}:%s\\n' "$$" >&2; `;
}
var GroupReportFilter = class {
  /** Process group of the remote command, once reported. */
  pgid;
  pending = Buffer.alloc(0);
  settled = false;
  marker;
  constructor(nonce) {
    this.marker = Buffer.from(`rk1-pgid-${nonce}:`);
  }
  /** Returns the stderr bytes to pass on (possibly empty while the report is incomplete). */
  write(chunk) {
    if (this.settled) return chunk;
    this.pending = Buffer.concat([this.pending, chunk]);
    const at = this.pending.indexOf(this.marker);
    const end = at < 0 ? -1 : this.pending.indexOf(10, at);
    if (end >= 0) {
      const value = this.pending.subarray(at + this.marker.length, end).toString();
      if (/^\d+$/.test(value)) this.pgid = Number(value);
      const rest = Buffer.concat([this.pending.subarray(0, at), this.pending.subarray(end + 1)]);
      return this.release(rest);
    }
    if (this.pending.length > 64 * 1024) return this.release(this.pending);
    return Buffer.alloc(0);
  }
  /** Whatever is still held back when the channel closes. */
  end() {
    return this.settled ? Buffer.alloc(0) : this.release(this.pending);
  }
  release(data) {
    this.settled = true;
    this.pending = Buffer.alloc(0);
    return data;
  }
};

export {
  LONGHORN_EXTENSIONS,
  resolveRk1Schematic,
  installerImage,
  factoryImageUrl,
  shellQuote,
  checkEnv,
  envCommand,
  envPreamble,
  wrapScript,
  uploadCommand,
  groupReportPrefix,
  GroupReportFilter
};

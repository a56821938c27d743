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

export {
  LONGHORN_EXTENSIONS,
  resolveRk1Schematic,
  installerImage,
  factoryImageUrl
};

import { createRequire as __rk1CreateRequire } from 'node:module'; const require = __rk1CreateRequire(import.meta.url);
import {
  require_dist
} from "./chunk-7BRERKNQ.mjs";
import {
  __toESM
} from "./chunk-TJN2CFBI.mjs";

// src/common/mask-config.ts
var import_yaml = __toESM(require_dist(), 1);
var SECRET_KEY = /^(token|password|secret|key|crt|client-key-data|client-certificate-data|id-token|refresh-token|access-token|client-secret|bootstraptoken|secretboxencryptionsecret|aescbcencryptionsecret)$/i;
function isSecretLeaf(path) {
  const key = path.at(-1) ?? "";
  if (SECRET_KEY.test(key)) return true;
  return key === "id" && path.at(-2) === "cluster" && path.length === 2;
}
function maskDecodedPem(mask, value) {
  if (!/^[A-Za-z0-9+/=\s]+$/.test(value)) return;
  const decoded = Buffer.from(value, "base64").toString("utf8");
  if (!decoded.includes("-----BEGIN")) return;
  for (const line of decoded.split(/\r?\n/)) {
    const t = line.trim();
    if (t.length >= 16 && !t.startsWith("-----")) mask(t);
  }
}
function walk(node, path, mask) {
  if (Array.isArray(node)) {
    node.forEach((item) => walk(item, path, mask));
    return;
  }
  if (node && typeof node === "object") {
    for (const [k, v] of Object.entries(node))
      walk(v, [...path, k], mask);
    return;
  }
  if (typeof node !== "string" && typeof node !== "number") return;
  const value = String(node).trim();
  if (!value || !isSecretLeaf(path)) return;
  mask(value);
  maskDecodedPem(mask, value);
}
function maskLines(mask, text) {
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*(?:- )?([A-Za-z-]+):\s*["']?([^\s"']+)["']?\s*$/.exec(line);
    if (m?.[1] && m[2] && SECRET_KEY.test(m[1])) mask(m[2]);
  }
}
function maskConfigSecrets(mask, text) {
  let docs;
  try {
    const parsed = (0, import_yaml.parseAllDocuments)(text);
    if (!Array.isArray(parsed) || parsed.some((d) => d.errors.length > 0)) throw new Error("bad");
    docs = parsed.map((d) => d.toJS());
  } catch {
    maskLines(mask, text);
    return;
  }
  for (const doc of docs) walk(doc, [], mask);
}

export {
  maskConfigSecrets
};

import { createRequire as __rk1CreateRequire } from 'node:module'; const require = __rk1CreateRequire(import.meta.url);

// src/lab/x509.ts
import { webcrypto } from "node:crypto";

// src/lab/reflect-shim.ts
var store = /* @__PURE__ */ new WeakMap();
function table(target, prop, create) {
  let byProp = store.get(target);
  if (!byProp && create) store.set(target, byProp = /* @__PURE__ */ new Map());
  let meta = byProp?.get(prop);
  if (!meta && create && byProp) byProp.set(prop, meta = /* @__PURE__ */ new Map());
  return meta;
}
var api = {
  defineMetadata(key, value, target, prop) {
    table(target, prop, true)?.set(key, value);
  },
  getOwnMetadata(key, target, prop) {
    return table(target, prop, false)?.get(key);
  },
  getMetadata(key, target, prop) {
    for (let t = target; t; t = Object.getPrototypeOf(t)) {
      const meta = table(t, prop, false);
      if (meta?.has(key)) return meta.get(key);
    }
    return void 0;
  },
  hasMetadata(key, target, prop) {
    return api.getMetadata(key, target, prop) !== void 0;
  },
  metadata(key, value) {
    return (target, prop) => api.defineMetadata(key, value, target, prop);
  }
};
var R = Reflect;
if (typeof R.getMetadata !== "function") {
  for (const [name, fn] of Object.entries(api)) R[name] = fn;
}

// src/lab/x509.ts
var x509Promise;
function loadX509() {
  x509Promise ??= import("./x509.es-R3AHYN4R.mjs").then((m) => {
    m.cryptoProvider.set(webcrypto);
    return m;
  });
  return x509Promise;
}

export {
  loadX509
};

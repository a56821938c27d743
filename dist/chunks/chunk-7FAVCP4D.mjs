import { createRequire as __rk1CreateRequire } from 'node:module'; const require = __rk1CreateRequire(import.meta.url);
import {
  InputError
} from "./chunk-56JNS6Q3.mjs";

// src/commands/input-reader.ts
var TRUE = ["true", "True", "TRUE"];
var FALSE = ["false", "False", "FALSE"];
var Inputs = class {
  constructor(specs, source) {
    this.source = source;
    this.specs = new Map(specs.map((s) => [s.name, s]));
  }
  source;
  problems = [];
  specs;
  /** The trimmed value, or the declared default. Reading an undeclared input is a programming error. */
  string(name) {
    const spec = this.spec(name);
    const raw = this.source(spec);
    const value = raw === void 0 || raw === "" ? spec.default ?? "" : raw;
    return spec.secret ? value : value.trim();
  }
  /** Empty string means "not given". */
  optional(name) {
    const value = this.string(name);
    return value === "" ? void 0 : value;
  }
  boolean(name) {
    const value = this.string(name);
    if (TRUE.includes(value)) return true;
    if (FALSE.includes(value) || value === "") return false;
    this.problems.push({
      file: "inputs",
      path: name,
      message: `must be true or false, got "${value}"`
    });
    return false;
  }
  integer(name, range = {}) {
    const value = this.string(name);
    const n = Number(value);
    const { min = -Infinity, max = Infinity } = range;
    if (!/^-?\d+$/.test(value) || n < min || n > max) {
      const bounds = Number.isFinite(min) || Number.isFinite(max) ? ` between ${min} and ${max}` : "";
      this.problems.push({
        file: "inputs",
        path: name,
        message: `must be an integer${bounds}, got "${value}"`
      });
      return Number.isFinite(min) ? min : 0;
    }
    return n;
  }
  /** One of a fixed set of words; empty falls back to `fallback`. */
  choice(name, allowed, fallback) {
    const value = this.string(name);
    if (value === "") return fallback;
    if (allowed.includes(value)) return value;
    this.problems.push({
      file: "inputs",
      path: name,
      message: `must be one of ${allowed.join(", ")}, got "${value}"`
    });
    return fallback;
  }
  /** Lets a command add its own cross-input checks to the same list. */
  problem(name, message) {
    this.problems.push({ file: "inputs", path: name, message });
  }
  assertValid() {
    if (this.problems.length > 0) {
      throw new InputError(`${this.problems.length} invalid input(s)`, [...this.problems]);
    }
  }
  spec(name) {
    const spec = this.specs.get(name);
    if (!spec) throw new Error(`input "${name}" is not declared for this command`);
    return spec;
  }
};

// src/common/redact.ts
var Redactor = class {
  secrets = /* @__PURE__ */ new Set();
  add(secret) {
    if (secret.length < 4) return;
    this.secrets.add(secret);
    for (const line of secret.split(/\r?\n/))
      if (line.trim().length >= 4) this.secrets.add(line.trim());
  }
  redact(text) {
    let out = text;
    for (const s of [...this.secrets].sort((a, b) => b.length - a.length))
      out = out.split(s).join("***");
    return out;
  }
};

export {
  Inputs,
  Redactor
};

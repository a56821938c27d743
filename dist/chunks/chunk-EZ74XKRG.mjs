import { createRequire as __rk1CreateRequire } from 'node:module'; const require = __rk1CreateRequire(import.meta.url);
import {
  Rk1Error
} from "./chunk-XO7XCKBM.mjs";

// src/common/format.ts
var UNITS = ["B", "KiB", "MiB", "GiB", "TiB"];
function formatBytes(bytes) {
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(value >= 100 ? 0 : 1)} ${UNITS[unit]}`;
}
function formatRate(bytesPerSecond) {
  return `${(bytesPerSecond / 1e6).toFixed(1)} MB/s`;
}
function formatDuration(ms) {
  if (!Number.isFinite(ms) || ms < 0) return "?";
  const totalSeconds = Math.round(ms / 1e3);
  if (totalSeconds < 60) return ms < 1e4 ? `${(ms / 1e3).toFixed(1)} s` : `${totalSeconds} s`;
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  if (minutes < 60) return `${minutes} min ${String(seconds).padStart(2, "0")} s`;
  const hours = Math.floor(minutes / 60);
  return `${hours} h ${String(minutes % 60).padStart(2, "0")} min`;
}

// src/image/errors.ts
var ImageError = class extends Rk1Error {
  constructor(message, context = {}, options) {
    super(message, { step: "image", ...context }, options);
  }
};
var TransientError = class extends ImageError {
};

// src/image/checksum.ts
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";

// src/image/progress.ts
var ProgressReporter = class {
  constructor(log, label, total, startBytes = 0, intervalMs = 5e3, now = Date.now) {
    this.log = log;
    this.label = label;
    this.total = total;
    this.startBytes = startBytes;
    this.intervalMs = intervalMs;
    this.now = now;
    this.started = now();
    this.lastLogged = this.started;
  }
  log;
  label;
  total;
  startBytes;
  intervalMs;
  now;
  started;
  lastLogged;
  setTotal(total) {
    this.total = total;
  }
  update(bytes) {
    const t = this.now();
    if (t - this.lastLogged < this.intervalMs) return;
    this.lastLogged = t;
    this.log.info(this.line(bytes, t));
  }
  line(bytes, t = this.now()) {
    const elapsed = Math.max(t - this.started, 1);
    const rate = (bytes - this.startBytes) * 1e3 / elapsed;
    const parts = [];
    if (this.total && this.total > 0) {
      const pct = Math.min(100, Math.floor(bytes * 100 / this.total));
      parts.push(`${pct}% (${formatBytes(bytes)} of ${formatBytes(this.total)})`);
    } else {
      parts.push(formatBytes(bytes));
    }
    parts.push(formatRate(rate));
    if (this.total && rate > 0)
      parts.push(`ETA ${formatDuration((this.total - bytes) / rate * 1e3)}`);
    return `${this.label}: ${parts.join(", ")}`;
  }
  /** Elapsed time and average rate of the bytes moved by this run, for the closing log line. */
  summary(bytes) {
    const elapsed = Math.max(this.now() - this.started, 1);
    const rate = (bytes - this.startBytes) * 1e3 / elapsed;
    return `${formatBytes(bytes)} in ${formatDuration(elapsed)} (${formatRate(rate)})`;
  }
};

// src/image/checksum.ts
var SHA256_HEX = /^[0-9a-f]{64}$/;
function normalizeSha256(value, where = "sha256") {
  if (value === void 0) return void 0;
  const hex = value.trim().toLowerCase().replace(/^sha256:/, "");
  if (hex === "") return void 0;
  if (!SHA256_HEX.test(hex)) {
    throw new ImageError(`The ${where} "${value}" is not a SHA-256 digest.`, {
      evidence: `got ${hex.length} characters; expected 64 hexadecimal characters`,
      advice: "Copy the digest from the image publisher (e.g. the .sha256 file next to the image)."
    });
  }
  return hex;
}
async function hashFileInto(path, hash, opts = {}) {
  let bytes = 0;
  const source = createReadStream(path, { highWaterMark: 1 << 20 });
  for await (const chunk of source.iterator({ destroyOnReturn: true })) {
    if (opts.signal?.aborted) {
      source.destroy();
      throw opts.signal.reason ?? new Error("aborted");
    }
    hash.update(chunk);
    bytes += chunk.length;
    opts.onBytes?.(bytes);
  }
  return bytes;
}
async function sha256File(path, opts = {}) {
  const hash = createHash("sha256");
  const total = (await stat(path)).size;
  const log = opts.log;
  const progress = log ? new ProgressReporter(log, `Hashing ${opts.label ?? path}`, total) : void 0;
  await hashFileInto(path, hash, { signal: opts.signal, onBytes: (b) => progress?.update(b) });
  return hash.digest("hex");
}
function verifySha256(expected, actual, what) {
  if (expected.toLowerCase() === actual.toLowerCase()) return;
  const subject = what.url ?? what.file ?? "the image";
  const evidence = [
    `expected sha256 ${expected.toLowerCase()}`,
    `actual sha256 ${actual.toLowerCase()}`,
    what.file ? `file ${what.file}` : void 0,
    what.url ? `url ${what.url}` : void 0,
    what.size !== void 0 ? `size ${what.size} bytes` : void 0
  ].filter(Boolean);
  throw new ImageError(`SHA-256 mismatch for ${subject}.`, {
    evidence: evidence.join("; "),
    advice: what.url ? "Check that the pinned sha256 belongs to this exact URL (publishers sometimes replace files); the download was discarded and nothing was cached." : "Check that the pinned sha256 belongs to this file, or that the file was not modified or truncated."
  });
}

// src/common/abort.ts
function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason ?? new Error("aborted"));
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason ?? new Error("aborted"));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
var Backoff = class {
  constructor(first, max) {
    this.first = first;
    this.max = max;
    this.current = Math.min(first, max);
  }
  first;
  max;
  current;
  next() {
    const delay = this.current;
    this.current = Math.min(this.current * 2, this.max);
    return delay;
  }
  reset() {
    this.current = Math.min(this.first, this.max);
  }
};

export {
  sleep,
  Backoff,
  formatBytes,
  formatRate,
  formatDuration,
  ImageError,
  TransientError,
  ProgressReporter,
  normalizeSha256,
  hashFileInto,
  sha256File,
  verifySha256
};

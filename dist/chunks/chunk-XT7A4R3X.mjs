import { createRequire as __rk1CreateRequire } from 'node:module'; const require = __rk1CreateRequire(import.meta.url);
import {
  ImageError,
  ProgressReporter,
  TransientError,
  formatBytes,
  formatDuration,
  hashFileInto,
  loadInventory,
  sleep,
  verifySha256
} from "./chunk-T6JJEBSD.mjs";

// src/commands/command-inventory.ts
import { resolve } from "node:path";
async function loadCommandInventory({
  host,
  inputs
}) {
  const inventoryPath = resolve(inputs.string("inventory"));
  const { inventory, warnings } = await loadInventory(inventoryPath);
  for (const w of warnings)
    host.log.warn(w.message, { file: w.file, line: w.line, column: w.column, title: w.path });
  return { inventoryPath, inventory };
}
async function commandInventory(context) {
  const { inventoryPath, inventory } = await loadCommandInventory(context);
  const distro = context.inputs.choice("distro", ["talos", "k3s"], inventory.distro) ?? inventory.distro;
  return { inventoryPath, inventory, distro };
}

// src/image/format.ts
import { open } from "node:fs/promises";
var MAGICS = [
  ["xz", [253, 55, 122, 88, 90, 0]],
  ["gzip", [31, 139]],
  ["zstd", [40, 181, 47, 253]],
  ["bzip2", [66, 90, 104]],
  ["zip", [80, 75, 3, 4]],
  ["lz4", [4, 34, 77, 24]],
  ["7z", [55, 122, 188, 175, 39, 28]]
];
var MAGIC_PROBE_BYTES = 512;
var REJECTED_SUFFIXES = [
  [".tar.gz", "gzip"],
  [".tgz", "gzip"],
  [".gz", "gzip"],
  [".zst", "zstd"],
  [".zstd", "zstd"],
  [".bz2", "bzip2"],
  [".lz4", "lz4"],
  [".zip", "zip"],
  [".7z", "7z"]
];
var RAW_SUFFIXES = [".img", ".raw", ".iso", ".bin"];
var RECOMPRESS = {
  gzip: "gzip -dc",
  zstd: "zstd -dc",
  bzip2: "bzip2 -dc",
  lz4: "lz4 -dc",
  zip: "unzip -p",
  "7z": "7z x -so"
};
function rejectCompressed(kind, subject, seen) {
  const tool = RECOMPRESS[kind] ?? "decompress";
  throw new ImageError(
    `${subject} is ${kind}-compressed; the BMC only decompresses xz and would write these bytes to the eMMC unchanged.`,
    {
      evidence: seen,
      advice: `Recompress it as xz (e.g. \`${tool} <file> | xz -T0 > image.img.xz\`) or decompress it to a raw .img, and point the inventory at the result.`
    }
  );
}
function formatFromName(name) {
  const lower = name.toLowerCase();
  if (lower.endsWith(".xz")) return "xz";
  for (const [suffix, kind] of REJECTED_SUFFIXES) {
    if (lower.endsWith(suffix)) rejectCompressed(kind, `"${name}"`, `file name ends with ${suffix}`);
  }
  if (RAW_SUFFIXES.some((s) => lower.endsWith(s))) return "raw";
  return void 0;
}
function detectMagic(head) {
  for (const [kind, bytes] of MAGICS) {
    if (head.length >= bytes.length && bytes.every((b, i) => head[i] === b)) return kind;
  }
  const text = Buffer.from(head.subarray(0, 64)).toString("latin1").replace(/^\uFEFF|^\u00EF\u00BB\u00BF/, "").trimStart().toLowerCase();
  if (text.startsWith("<!doctype html") || text.startsWith("<html")) return "html";
  return "unknown";
}
async function readHead(path, bytes = MAGIC_PROBE_BYTES) {
  const handle = await open(path, "r");
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
function hex(head) {
  return Buffer.from(head.subarray(0, 8)).toString("hex").replace(/(..)/g, "$1 ").trim();
}
function resolveFormat(name, head, subject) {
  const byName = formatFromName(name);
  const magic = detectMagic(head);
  const seen = `first bytes: ${hex(head)} (${magic === "unknown" ? "no known signature" : magic})`;
  if (magic === "html") {
    throw new ImageError(`${subject} is an HTML page, not a disk image.`, {
      evidence: seen,
      advice: "The URL probably points to a download page or needs a login; use the direct link to the image file."
    });
  }
  if (magic !== "xz" && magic !== "unknown") rejectCompressed(magic, subject, seen);
  if (head.length === 0) {
    throw new ImageError(`${subject} is empty.`, {
      advice: "Point the inventory at a complete image."
    });
  }
  if (byName === "xz" && magic !== "xz") {
    throw new ImageError(`${subject} is named .xz but does not contain xz data.`, {
      evidence: seen,
      advice: "Check that the file is complete and really xz-compressed (`xz -t <file>`), or rename a raw image to .img."
    });
  }
  if (byName === "raw" && magic === "xz") {
    throw new ImageError(`${subject} is named as a raw image but contains xz data.`, {
      evidence: seen,
      advice: "Rename it to end in .xz so the BMC decompresses it, or decompress it with `xz -d`."
    });
  }
  return magic === "xz" ? "xz" : "raw";
}
async function detectFileFormat(path, name, subject) {
  return resolveFormat(name, await readHead(path), subject);
}
function bmcFileName(name, format) {
  const lower = name.toLowerCase();
  if (format === "xz") return lower.endsWith(".xz") ? name : `${name}.xz`;
  return lower.endsWith(".xz") ? `${name}.img` : name;
}

// src/image/source.ts
import { homedir } from "node:os";
import { basename, isAbsolute, resolve as resolve2 } from "node:path";
var URL_LIKE = /^([a-z][a-z0-9+.-]+):\/\//i;
function isLoopbackHost(hostname2) {
  const parts = hostname2.split(".");
  if (parts.length !== 4 || parts[0] !== "127") return false;
  return parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}
function displayUrl(url) {
  const query = url.search ? "?\u2026" : "";
  return `${url.protocol}//${url.host}${url.pathname}${query}`;
}
function checkUrlAllowed(url, from) {
  const shown = displayUrl(url);
  const hop = from ? ` (redirected from ${displayUrl(from)})` : "";
  if (url.protocol === "http:") {
    if (!isLoopbackHost(url.hostname)) {
      throw new ImageError(`Refusing plain http for ${shown}${hop}.`, {
        evidence: `host ${url.hostname} is not in 127.0.0.0/8`,
        advice: "Use an https:// URL; plain http is only accepted for 127.0.0.0/8 test servers."
      });
    }
    if (from?.protocol === "https:") {
      throw new ImageError(`Refusing a redirect from https to http: ${shown}${hop}.`, {
        advice: "Use a URL that stays on https."
      });
    }
  } else if (url.protocol !== "https:") {
    throw new ImageError(`Unsupported image URL scheme "${url.protocol}" in ${shown}${hop}.`, {
      advice: "Use an https:// URL or a local file path."
    });
  }
  if (url.username || url.password) {
    throw new ImageError(`Image URLs must not contain credentials: ${shown}${hop}.`, {
      advice: "Remove user:password@ from the URL; credentials in URLs end up in logs."
    });
  }
}
function sanitizeFileName(name) {
  const cleaned = name.replace(/[^A-Za-z0-9._+-]/g, "_").replace(/^\.+/, "").slice(-200);
  return cleaned === "" ? "image" : cleaned;
}
function nameFromUrl(url) {
  const last = url.pathname.split("/").filter(Boolean).pop() ?? "";
  let decoded = last;
  try {
    decoded = decodeURIComponent(last);
  } catch {
  }
  return sanitizeFileName(decoded);
}
function parseSource(source, baseDir) {
  const text = source.trim();
  if (text === "") {
    throw new ImageError("The image source is empty.", {
      advice: "Set the image to an https:// URL or a path to a .img, .raw or .xz file."
    });
  }
  if (URL_LIKE.test(text)) {
    let url;
    try {
      url = new URL(text);
    } catch (error) {
      throw new ImageError(`The image URL "${text}" cannot be parsed.`, {
        evidence: error instanceof Error ? error.message : String(error),
        advice: "Check the URL for typos."
      });
    }
    checkUrlAllowed(url);
    const name2 = nameFromUrl(url);
    return { kind: "url", url, display: displayUrl(url), name: name2, nameFormat: formatFromName(name2) };
  }
  const expanded = text === "~" || text.startsWith("~/") ? resolve2(homedir(), text.slice(2)) : text;
  const path = isAbsolute(expanded) ? resolve2(expanded) : resolve2(baseDir, expanded);
  const name = sanitizeFileName(basename(path));
  return { kind: "local", path, name, nameFormat: formatFromName(name) };
}

// src/image/http.ts
import { readFileSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import { rootCertificates } from "node:tls";
var DEFAULT_IDLE_TIMEOUT_MS = 6e4;
var REDIRECTS = /* @__PURE__ */ new Set([301, 302, 303, 307, 308]);
var TRANSIENT_CODES = /* @__PURE__ */ new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ECONNABORTED",
  "ETIMEDOUT",
  "EPIPE",
  "EAI_AGAIN",
  "ENETUNREACH",
  "ENETDOWN",
  "EHOSTUNREACH",
  "ERR_STREAM_PREMATURE_CLOSE",
  "UND_ERR_SOCKET"
]);
function errorCode(error) {
  const code = error?.code;
  return typeof code === "string" ? code : void 0;
}
function classifyNetworkError(error, url) {
  if (error instanceof ImageError) return error;
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  const evidence = `${displayUrl(url)}: ${code ? `${code} ` : ""}${message}`;
  if (code && (/^ERR_TLS|CERT|SELF_SIGNED|UNABLE_TO_/.test(code) || /certificate/i.test(message))) {
    return new ImageError(
      `TLS verification failed for ${displayUrl(url)}.`,
      {
        evidence,
        advice: "If the server uses a private CA or a self-signed certificate, set RK1_EXTRA_CA_FILE (or NODE_EXTRA_CA_CERTS) to its PEM file; otherwise check the URL."
      },
      { cause: error }
    );
  }
  if (code && TRANSIENT_CODES.has(code) || /socket hang up|aborted|timed? ?out/i.test(message)) {
    return new TransientError(
      `Network error while fetching ${displayUrl(url)}.`,
      {
        evidence,
        advice: "Check the network connection and that the server is reachable, then run again."
      },
      { cause: error }
    );
  }
  return new ImageError(
    `Could not fetch ${displayUrl(url)}.`,
    {
      evidence,
      advice: "Check the URL and the network connection."
    },
    { cause: error }
  );
}
var extraCa;
function extraCaFromEnv(env = process.env) {
  const file = env.RK1_EXTRA_CA_FILE;
  if (!file) return void 0;
  if (extraCa?.file !== file) {
    let pem;
    try {
      pem = readFileSync(file, "utf8");
    } catch (error) {
      throw new ImageError(`RK1_EXTRA_CA_FILE ${file} cannot be read.`, {
        evidence: error instanceof Error ? error.message : String(error),
        advice: "Point RK1_EXTRA_CA_FILE at a readable PEM file, or unset it."
      });
    }
    extraCa = { file, ca: [...rootCertificates, pem] };
  }
  return extraCa.ca;
}
function once(url, opts) {
  return new Promise((resolve3, reject) => {
    const client = url.protocol === "https:" ? https : http;
    const timeout = opts.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
    const req = client.request(
      url,
      {
        method: opts.method,
        headers: {
          "user-agent": "rk1-actions",
          "accept-encoding": "identity",
          ...opts.body !== void 0 ? { "content-length": String(Buffer.byteLength(opts.body)) } : {},
          ...opts.headers
        },
        ca: opts.fetchOptions?.ca ?? (url.protocol === "https:" ? extraCaFromEnv() : void 0),
        rejectUnauthorized: opts.fetchOptions?.rejectUnauthorized ?? true,
        signal: opts.signal,
        // No pooled keep-alive sockets: an image download is a handful of long requests, and a
        // pooled socket would keep the process (and test servers) alive afterwards.
        agent: false
      },
      resolve3
    );
    req.setTimeout(timeout, () => {
      const error = new Error(`no data for ${Math.round(timeout / 1e3)} s`);
      error.code = "ETIMEDOUT";
      req.destroy(error);
    });
    req.on("error", (error) => reject(opts.signal?.aborted ? opts.signal.reason ?? error : error));
    req.end(opts.body);
  });
}
function refuseWhenOffline(url) {
  if (process.env.RK1_OFFLINE !== "1" || isLoopbackHost(url.hostname)) return;
  throw new ImageError(
    `Not downloading ${displayUrl(url)}: RK1_OFFLINE=1 allows loopback addresses only.`,
    {
      evidence: `host ${url.hostname}`,
      advice: "Provide the file or tool locally (PATH, a local image path), or unset RK1_OFFLINE."
    }
  );
}
async function httpRequest(url, opts) {
  const maxRedirects = opts.method === "POST" ? 0 : opts.maxRedirects ?? 5;
  let current = url;
  for (let hop = 0; ; hop++) {
    refuseWhenOffline(current);
    let res;
    try {
      res = await once(current, opts);
    } catch (error) {
      if (opts.signal?.aborted) throw opts.signal.reason ?? error;
      throw classifyNetworkError(error, current);
    }
    const status = res.statusCode ?? 0;
    const location = res.headers.location;
    if (!REDIRECTS.has(status) || !location || opts.method === "POST")
      return { status, headers: res.headers, url: current, body: res };
    res.resume();
    if (hop >= maxRedirects) {
      throw new ImageError(`Too many redirects for ${displayUrl(url)}.`, {
        evidence: `more than ${maxRedirects} redirects; last ${status} from ${displayUrl(current)}`,
        advice: "Use the final download URL directly."
      });
    }
    let next;
    try {
      next = new URL(location, current);
    } catch {
      throw new ImageError(`Invalid redirect from ${displayUrl(current)}.`, {
        evidence: `HTTP ${status} Location: ${location.slice(0, 200)}`,
        advice: "Use the final download URL directly."
      });
    }
    checkUrlAllowed(next, current);
    current = next;
  }
}
function statusError(res, original) {
  res.body.resume();
  const status = res.status;
  const evidence = `HTTP ${status} ${res.body.statusMessage ?? ""} from ${displayUrl(res.url)}`.trim();
  const transient = status === 408 || status === 429 || status >= 500;
  const advice = status === 404 || status === 410 ? "Check the image URL (release name, version, architecture); the server does not have this file." : status === 401 || status === 403 ? "The server refused access; use a publicly downloadable URL." : transient ? "The server had a temporary problem; run again later." : "Check the image URL.";
  const ErrorClass = transient ? TransientError : ImageError;
  return new ErrorClass(`Download of ${displayUrl(original)} failed with HTTP ${status}.`, {
    evidence,
    advice
  });
}

// src/image/cache.ts
import { createHash, randomBytes } from "node:crypto";
import {
  mkdir,
  open as open2,
  readdir,
  readFile,
  rename,
  stat,
  unlink,
  utimes,
  writeFile
} from "node:fs/promises";
import { hostname } from "node:os";
import { dirname, join } from "node:path";
function imagesDir(cacheDir) {
  return join(cacheDir, "images");
}
function digestDir(cacheDir, sha256) {
  return join(imagesDir(cacheDir), "sha256", sha256);
}
function urlKey(url) {
  return createHash("sha256").update(url.href).digest("hex");
}
function byUrlBase(cacheDir, url) {
  return join(imagesDir(cacheDir), "by-url", urlKey(url));
}
var HELPER_SUFFIXES = [".partial", ".lock", ".json", ".tmp"];
async function isRegularFile(path) {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
async function findCachedFile(dir, preferred) {
  const exact = join(dir, preferred);
  if (await isRegularFile(exact)) return exact;
  let names;
  try {
    names = await readdir(dir);
  } catch {
    return void 0;
  }
  for (const name of names.sort()) {
    if (HELPER_SUFFIXES.some((s) => name.endsWith(s)) || name.includes(".tmp-")) continue;
    if (await isRegularFile(join(dir, name))) return join(dir, name);
  }
  return void 0;
}
async function readIndex(path) {
  try {
    const value = JSON.parse(await readFile(path, "utf8"));
    if (typeof value.sha256 !== "string" || typeof value.fileName !== "string") return void 0;
    return value;
  } catch {
    return void 0;
  }
}
async function writeJsonAtomic(path, value) {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`;
  await writeFile(tmp, `${JSON.stringify(value, null, 2)}
`);
  try {
    await rename(tmp, path);
  } catch (error) {
    await unlink(tmp).catch(() => void 0);
    throw error;
  }
}
async function removeQuietly(...paths) {
  await Promise.all(paths.map((p) => unlink(p).catch(() => void 0)));
}
var STALE_MS = 12e4;
var HEARTBEAT_MS = 15e3;
function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
}
async function isStale(path) {
  let mtime;
  try {
    mtime = (await stat(path)).mtimeMs;
  } catch {
    return false;
  }
  if (Date.now() - mtime > STALE_MS) return true;
  try {
    const info = JSON.parse(await readFile(path, "utf8"));
    return info.host === hostname() && !pidAlive(info.pid);
  } catch {
    return false;
  }
}
async function acquireLock(path, opts) {
  await mkdir(dirname(path), { recursive: true });
  const info = {
    pid: process.pid,
    host: hostname(),
    token: randomBytes(8).toString("hex"),
    since: (/* @__PURE__ */ new Date()).toISOString()
  };
  let announced = false;
  let delay = 100;
  for (; ; ) {
    if (opts.signal?.aborted) throw opts.signal.reason ?? new Error("aborted");
    try {
      const handle = await open2(path, "wx");
      try {
        await handle.writeFile(JSON.stringify(info));
      } finally {
        await handle.close();
      }
      break;
    } catch (error) {
      if (error.code !== "EEXIST") throw error;
    }
    if (await isStale(path)) {
      opts.log.warn(`Taking over an abandoned lock ${path}.`);
      await removeQuietly(path);
      continue;
    }
    if (!announced) {
      announced = true;
      let holder = "another process";
      try {
        const other = JSON.parse(await readFile(path, "utf8"));
        holder = `process ${other.pid} on ${other.host}`;
      } catch {
      }
      opts.log.info(`Waiting for ${holder}, which is fetching ${opts.what}.`);
    }
    await sleep(delay, opts.signal);
    delay = Math.min(delay * 2, 2e3);
  }
  const heartbeat = setInterval(() => {
    const now = /* @__PURE__ */ new Date();
    utimes(path, now, now).catch(() => void 0);
  }, HEARTBEAT_MS);
  heartbeat.unref();
  return async () => {
    clearInterval(heartbeat);
    try {
      const current = JSON.parse(await readFile(path, "utf8"));
      if (current.token === info.token) await unlink(path);
    } catch {
    }
  };
}

// src/image/download.ts
import { createHash as createHash2 } from "node:crypto";
import { createWriteStream } from "node:fs";
import { readFile as readFile2, stat as stat2 } from "node:fs/promises";
import { finished } from "node:stream/promises";
var PROGRESS_BYTES = 1 << 20;
async function sizeOf(path) {
  try {
    return (await stat2(path)).size;
  } catch {
    return 0;
  }
}
async function readMeta(path) {
  try {
    return JSON.parse(await readFile2(path, "utf8"));
  } catch {
    return void 0;
  }
}
function header(value) {
  return Array.isArray(value) ? value[0] : value;
}
function validatorOf(meta) {
  if (meta?.etag && !meta.etag.startsWith("W/")) return meta.etag;
  return meta?.lastModified;
}
function parseContentRange(value) {
  const m = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(value?.trim() ?? "");
  if (!m) return void 0;
  return { start: Number(m[1]), total: m[3] === "*" ? void 0 : Number(m[3]) };
}
function canResume(req, meta) {
  return req.expectedSha256 !== void 0 || meta?.urlKey === urlKey(req.url) && !!validatorOf(meta);
}
async function attempt(req) {
  const metaPath = `${req.partialPath}.json`;
  const have = await sizeOf(req.partialPath);
  const meta = have > 0 ? await readMeta(metaPath) : void 0;
  const resume = have > 0 && canResume(req, meta);
  const headers = {};
  if (resume) {
    headers.range = `bytes=${have}-`;
    const validator = meta?.urlKey === urlKey(req.url) ? validatorOf(meta) : void 0;
    if (validator) headers["if-range"] = validator;
  }
  const res = await httpRequest(req.url, {
    method: "GET",
    headers,
    fetchOptions: req.fetchOptions,
    signal: req.signal,
    idleTimeoutMs: req.retry?.idleTimeoutMs
  });
  const etag = header(res.headers.etag);
  const lastModified = header(res.headers["last-modified"]);
  let offset = 0;
  let total;
  if (res.status === 206 && resume) {
    const range = parseContentRange(header(res.headers["content-range"]));
    if (!range || range.start !== have) {
      res.body.destroy();
      await removeQuietly(req.partialPath, metaPath);
      throw new TransientError(`Unexpected range in the answer for ${displayUrl(req.url)}.`, {
        evidence: `asked for bytes=${have}-, got Content-Range: ${header(res.headers["content-range"]) ?? "(none)"}`,
        advice: "The partial download was discarded; the next attempt starts over."
      });
    }
    offset = have;
    total = range.total;
    req.log.info(`Resuming ${req.label} at ${formatBytes(have)}.`);
  } else if (res.status === 200) {
    if (have > 0) {
      req.log.info(
        resume ? `The server ignored the range request (no range support, or the file changed); downloading ${req.label} from the start.` : `Discarding ${formatBytes(have)} of an earlier download of ${req.label} that cannot be resumed safely.`
      );
    }
    const length = header(res.headers["content-length"]);
    total = length !== void 0 && /^\d+$/.test(length) ? Number(length) : void 0;
    await writeJsonAtomic(metaPath, { urlKey: urlKey(req.url), etag, lastModified, length: total });
  } else if (res.status === 416) {
    res.body.resume();
    await removeQuietly(req.partialPath, metaPath);
    throw new TransientError(`The server rejected resuming ${req.label} (HTTP 416).`, {
      evidence: `asked for bytes=${have}-; the partial download was discarded`
    });
  } else {
    throw statusError(res, req.url);
  }
  const hash = createHash2("sha256");
  if (offset > 0) await hashFileInto(req.partialPath, hash, { signal: req.signal });
  const progress = new ProgressReporter(req.log, `Downloading ${req.label}`, total, offset);
  const received = await writeBody(res.body, req.partialPath, offset > 0, (chunk, soFar) => {
    hash.update(chunk);
    progress.update(offset + soFar);
  }).catch((error) => {
    if (req.signal?.aborted) throw req.signal.reason ?? error;
    throw classifyNetworkError(error, res.url);
  });
  const size = offset + received;
  if (total !== void 0 && size !== total) {
    throw new TransientError(`The connection closed early while downloading ${req.label}.`, {
      evidence: `received ${size} of ${total} bytes from ${displayUrl(res.url)}`
    });
  }
  req.log.info(`Downloaded ${req.label}: ${progress.summary(size)}.`);
  return {
    path: req.partialPath,
    size,
    sha256: hash.digest("hex"),
    etag,
    lastModified,
    finalUrl: res.url
  };
}
async function writeBody(body, path, append, onChunk) {
  const out = createWriteStream(path, { flags: append ? "a" : "w", highWaterMark: 8 << 20 });
  let total = 0;
  let outError;
  out.on("error", (error) => {
    outError = error;
    body.destroy(error);
  });
  body.on("data", (chunk) => {
    total += chunk.length;
    onChunk(chunk, total);
    if (!out.write(chunk)) {
      body.pause();
      out.once("drain", () => body.resume());
    }
  });
  let bodyError;
  try {
    await finished(body);
  } catch (error) {
    bodyError = error;
  }
  if (outError !== void 0) throw outError;
  out.end();
  await finished(out);
  if (bodyError !== void 0) throw bodyError;
  return total;
}
async function downloadToPartial(req) {
  const attempts = Math.max(1, req.retry?.attempts ?? 5);
  const baseDelay = req.retry?.baseDelayMs ?? 1e3;
  const maxDelay = req.retry?.maxDelayMs ?? 3e4;
  const metaPath = `${req.partialPath}.json`;
  let failures = 0;
  let tries = 0;
  for (; ; ) {
    req.signal?.throwIfAborted();
    const before = await sizeOf(req.partialPath);
    let result;
    try {
      tries++;
      result = await attempt(req);
    } catch (error) {
      if (req.signal?.aborted) throw req.signal.reason ?? error;
      if (!(error instanceof TransientError)) throw error;
      const after = await sizeOf(req.partialPath);
      failures = after - before >= PROGRESS_BYTES ? 1 : failures + 1;
      if (failures >= attempts || tries >= attempts * 4) {
        const kept = canResume(req, await readMeta(metaPath)) && after > 0;
        if (!kept) await removeQuietly(req.partialPath, metaPath);
        throw new ImageError(
          `Download of ${displayUrl(req.url)} failed after ${tries} attempts.`,
          {
            evidence: `${error.message} ${error.evidence ?? ""}`.trim(),
            advice: kept ? `${formatBytes(after)} were kept in ${req.partialPath}; run again to resume.` : error.advice ?? "Check the network and the server, then run again."
          },
          { cause: error }
        );
      }
      const delay = Math.min(baseDelay * 2 ** (failures - 1), maxDelay);
      req.log.warn(
        `${error.message}${error.evidence ? ` (${error.evidence})` : ""} Retrying in ${formatDuration(delay)} (attempt ${failures + 1} of ${attempts}).`
      );
      await sleep(delay, req.signal);
      continue;
    }
    if (req.expectedSha256 && result.sha256 !== req.expectedSha256) {
      await removeQuietly(req.partialPath, metaPath);
      verifySha256(req.expectedSha256, result.sha256, {
        url: displayUrl(req.url),
        size: result.size
      });
    }
    return result;
  }
}

export {
  detectFileFormat,
  bmcFileName,
  displayUrl,
  parseSource,
  httpRequest,
  statusError,
  digestDir,
  byUrlBase,
  findCachedFile,
  readIndex,
  writeJsonAtomic,
  removeQuietly,
  acquireLock,
  downloadToPartial,
  loadCommandInventory,
  commandInventory
};

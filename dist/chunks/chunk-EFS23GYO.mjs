import { createRequire as __rk1CreateRequire } from 'node:module'; const require = __rk1CreateRequire(import.meta.url);
import {
  firstError,
  parseJsonStream,
  serverTag
} from "./chunk-SDMNMNHI.mjs";
import {
  acquireLock,
  bmcFileName,
  byUrlBase,
  detectFileFormat,
  digestDir,
  downloadToPartial,
  findCachedFile,
  httpRequest,
  parseSource,
  readIndex,
  removeQuietly,
  statusError,
  writeJsonAtomic
} from "./chunk-XT7A4R3X.mjs";
import {
  generateEd25519KeyPair,
  require_lib
} from "./chunk-DCTKDCN2.mjs";
import {
  GroupReportFilter,
  checkEnv,
  envCommand,
  envPreamble,
  groupReportPrefix,
  shellQuote,
  uploadCommand,
  wrapScript
} from "./chunk-PSYIE5SY.mjs";
import {
  Backoff,
  ImageError,
  TransientError,
  formatBytes,
  formatDuration,
  formatRate,
  normalizeSha256,
  sha256File,
  sleep,
  verifySha256
} from "./chunk-T6JJEBSD.mjs";
import {
  ConfirmationError,
  InputError,
  Rk1Error,
  errorText,
  inputRef
} from "./chunk-56JNS6Q3.mjs";
import {
  require_dist
} from "./chunk-7BRERKNQ.mjs";
import {
  __toESM
} from "./chunk-TJN2CFBI.mjs";

// src/provision/bmc-session.ts
import { readFile } from "node:fs/promises";

// src/bmc/busy-clock.ts
var BusyClock = class {
  /** Finished busy spans [from, to] in Date.now() ms (a few per run: one per upload). */
  spans = [];
  /** Start times of the spans still open (several uploads may overlap in theory). */
  open = /* @__PURE__ */ new Map();
  waiters = /* @__PURE__ */ new Set();
  /** Marks the start of a busy span; call the returned function when it ends (idempotent). */
  start() {
    const id = /* @__PURE__ */ Symbol("busy");
    this.open.set(id, Date.now());
    return () => {
      const from = this.open.get(id);
      if (from === void 0) return;
      this.open.delete(id);
      this.spans.push([from, Date.now()]);
      if (this.open.size === 0) for (const wake of [...this.waiters]) wake();
    };
  }
  /** Runs `fn` as one busy span. */
  async during(fn) {
    const end = this.start();
    try {
      return await fn();
    } finally {
      end();
    }
  }
  get busy() {
    return this.open.size > 0;
  }
  /** Milliseconds within [from, to] during which the BMC was busy with our own requests. */
  busyMsBetween(from, to = Date.now()) {
    const cover = [
      ...this.spans,
      ...[...this.open.values()].map((start) => [start, to])
    ].map(([a, b]) => [Math.max(a, from), Math.min(b, to)]).filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
    let total = 0;
    let end = -Infinity;
    for (const [a, b] of cover) {
      if (b <= end) continue;
      total += b - Math.max(a, end);
      end = b;
    }
    return total;
  }
  /** Resolves once no busy span is open (at once when none is); rejects when `signal` aborts. */
  async idle(signal) {
    if (!this.busy) return;
    signal?.throwIfAborted();
    await new Promise((resolve, reject) => {
      const done = () => {
        this.waiters.delete(done);
        signal?.removeEventListener("abort", onAbort);
        resolve();
      };
      const onAbort = () => {
        this.waiters.delete(done);
        reject(signal?.reason ?? new Error("aborted"));
      };
      this.waiters.add(done);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
    await sleep(0, signal);
  }
};

// src/bmc/errors.ts
var MAX_BODY = 2e3;
function clip(text) {
  if (text === void 0) return void 0;
  return text.length > MAX_BODY ? `${text.slice(0, MAX_BODY)}... (${text.length} chars)` : text;
}
var BmcError = class extends Rk1Error {
  operation;
  status;
  body;
  constructor(message, context, options) {
    const body = clip(context.body);
    super(
      message,
      {
        node: context.node,
        step: context.step ?? "bmc",
        evidence: context.evidence ?? (body ? evidenceOf(context.status, body) : void 0),
        advice: context.advice
      },
      options
    );
    this.operation = context.operation;
    this.status = context.status;
    this.body = body;
  }
};
function evidenceOf(status, body) {
  return status === void 0 ? body : `HTTP ${status}: ${body}`;
}
var BmcAuthError = class extends BmcError {
};
var BmcBannedError = class extends BmcAuthError {
  /** How long the BMC said the ban lasts, when it could be parsed. */
  retryAfterMs;
  constructor(message, context) {
    super(message, context);
    this.retryAfterMs = context.retryAfterMs;
  }
};
var BmcUnreachableError = class extends BmcError {
  /** The socket error code (`ECONNREFUSED`, `ETIMEDOUT`, ...). */
  code;
  constructor(message, context, cause) {
    super(message, context, { cause });
    this.code = context.code;
  }
};
var BmcTlsError = class extends BmcError {
};
var BmcProtocolError = class extends BmcError {
};
var FlashError = class extends BmcError {
  kind;
  /** The BMC's own text (the Error state or the upload answer), when there was one. */
  bmcMessage;
  constructor(message, context, options) {
    super(message, { ...context, step: context.step ?? "flash" }, options);
    this.kind = context.kind;
    this.bmcMessage = context.bmcMessage;
  }
};
var FlashPreemptedError = class extends FlashError {
  /** The id of the transfer that replaced ours, when seen. */
  foreignId;
  constructor(message, context) {
    super(message, { ...context, kind: "preempted" });
    this.foreignId = context.foreignId;
  }
};
var FlashAbortedError = class extends FlashError {
};
var BootTimeoutError = class extends BmcError {
  constructor(message, context) {
    super(message, { ...context, operation: "waitForBoot", step: context.step ?? "boot" });
  }
};

// src/bmc/http.ts
import https from "node:https";
import { createHash } from "node:crypto";
function normalizeFingerprint(value) {
  const hex = value.trim().replace(/^sha-?256\s*[:=/]?\s*/i, "").replace(/[\s:-]/g, "").toLowerCase();
  return /^[0-9a-f]{64}$/.test(hex) ? hex : void 0;
}
function certificateFingerprint(der) {
  return createHash("sha256").update(der).digest("hex");
}
var HttpTransportError = class extends Error {
  code;
  /** `source`: reading the streamed body failed (a local file problem, not the network). */
  kind;
  constructor(message, code, kind, options) {
    super(message, options);
    this.name = "HttpTransportError";
    this.code = code;
    this.kind = kind;
  }
};
var TLS_CODES = /* @__PURE__ */ new Set([
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "UNABLE_TO_GET_ISSUER_CERT",
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "CERT_UNTRUSTED",
  "CERT_SIGNATURE_FAILURE",
  "ERR_TLS_CERT_ALTNAME_INVALID",
  "ERR_SSL_WRONG_VERSION_NUMBER",
  "EPROTO",
  "ERR_BMC_FINGERPRINT_MISMATCH"
]);
function toTransportError(error) {
  if (error instanceof HttpTransportError) return error;
  const err = error;
  const code = err?.code ?? "UNKNOWN";
  const message = err?.message ?? String(error);
  if (err?.name === "AbortError" || code === "ABORT_ERR") {
    return new HttpTransportError("request aborted", "ABORT_ERR", "aborted", { cause: error });
  }
  const kind = TLS_CODES.has(code) || /certificate|ssl|tls/i.test(message) ? "tls" : "network";
  return new HttpTransportError(message, code, kind, { cause: error });
}
var PinnedAgent = class extends https.Agent {
  constructor(options, pin) {
    super(options);
    this.pin = pin;
  }
  pin;
  createConnection(options, callback) {
    if (!callback) throw new Error("PinnedAgent needs the asynchronous createConnection callback");
    const socket = super.createConnection(options);
    const fail = (err) => {
      socket.destroy();
      callback(err, socket);
    };
    socket.once("error", fail);
    socket.once("secureConnect", () => {
      socket.removeListener("error", fail);
      const cert = socket.getPeerCertificate(false);
      const actual = cert?.raw ? certificateFingerprint(cert.raw) : "none";
      if (actual !== this.pin) {
        const err = Object.assign(
          new Error(
            `BMC certificate fingerprint mismatch: expected sha256 ${this.pin}, got ${actual}`
          ),
          { code: "ERR_BMC_FINGERPRINT_MISMATCH" }
        );
        return fail(err);
      }
      callback(null, socket);
    });
    return void 0;
  }
};
function createAgent(tlsOptions, settings) {
  const base = {
    keepAlive: settings.keepAlive,
    keepAliveMsecs: 15e3,
    maxSockets: 4,
    // TLS 1.2/1.3 like the BMC's Mozilla-intermediate profile.
    minVersion: "TLSv1.2"
  };
  switch (tlsOptions.mode) {
    case "verify":
      return new https.Agent({
        ...base,
        rejectUnauthorized: true,
        ...tlsOptions.caPem ? { ca: tlsOptions.caPem } : {}
      });
    case "insecure":
      return new https.Agent({ ...base, rejectUnauthorized: false });
    case "fingerprint": {
      const pin = normalizeFingerprint(tlsOptions.fingerprint ?? "");
      if (!pin) throw new Error("tls.fingerprint must be a SHA-256 fingerprint (64 hex digits)");
      return new PinnedAgent({ ...base, rejectUnauthorized: false, maxCachedSessions: 0 }, pin);
    }
  }
}
var MAX_RESPONSE_BYTES = 4 * 1024 * 1024;
var HttpTransport = class {
  constructor(host, port) {
    this.host = host;
    this.port = port;
  }
  host;
  port;
  /**
   * Sends one request. A stale keep-alive socket reset before any answer is retried once on a
   * fresh socket (Node's documented pattern), but never for streamed bodies.
   */
  async send(request) {
    try {
      return await this.sendOnce(request);
    } catch (error) {
      const stale = error.reusedSocket === true;
      const retry = stale && !request.stream && request.idempotent !== false;
      if (!retry) throw error;
      return this.sendOnce(request);
    }
  }
  sendOnce(request) {
    return new Promise((resolve, reject) => {
      const { signal } = request;
      if (signal?.aborted) {
        reject(new HttpTransportError("request aborted", "ABORT_ERR", "aborted"));
        return;
      }
      let settled = false;
      let response;
      let timer;
      const req = https.request({
        host: this.host,
        port: this.port,
        method: request.method,
        path: request.path,
        headers: request.headers,
        agent: request.agent
      });
      const cleanup = () => {
        if (timer) clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
      };
      const succeed = (value) => {
        if (settled) return;
        settled = true;
        cleanup();
        resolve(value);
      };
      const fail = (error) => {
        if (settled) return;
        if (response) return succeed(response);
        settled = true;
        cleanup();
        const transport = toTransportError(error);
        const stale = transport.code === "ECONNRESET" || transport.code === "EPIPE";
        Object.assign(transport, { reusedSocket: req.reusedSocket && stale });
        reject(transport);
      };
      const onAbort = () => {
        req.destroy(new HttpTransportError("request aborted", "ABORT_ERR", "aborted"));
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      if (request.timeoutMs !== void 0) {
        timer = setTimeout(() => {
          req.destroy(
            new HttpTransportError(
              `no answer within ${Math.round(request.timeoutMs / 1e3)} s`,
              "ETIMEDOUT",
              "timeout"
            )
          );
        }, request.timeoutMs);
      }
      if (request.idleTimeoutMs !== void 0) {
        const idle = request.idleTimeoutMs;
        req.setTimeout(idle, () => {
          req.destroy(
            new HttpTransportError(
              `connection idle for ${Math.round(idle / 1e3)} s`,
              "ETIMEDOUT",
              "timeout"
            )
          );
        });
      }
      req.on("error", fail);
      req.on("response", (res) => {
        const chunks = [];
        let size = 0;
        res.on("data", (chunk) => {
          if (size < MAX_RESPONSE_BYTES) chunks.push(chunk);
          size += chunk.length;
        });
        res.on("error", fail);
        res.on(
          "aborted",
          () => fail(new HttpTransportError("answer cut off", "ECONNRESET", "network"))
        );
        res.on("end", () => {
          response = {
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString("utf8")
          };
          if (request.stream && !req.writableFinished) req.destroy();
          succeed(response);
        });
      });
      if (request.stream) {
        pump(request.stream, req).catch((error) => {
          req.destroy(error instanceof Error ? error : new Error(String(error)));
        });
      } else {
        req.end(request.body);
      }
    });
  }
};
async function pump(source, req) {
  const iterator = source[Symbol.asyncIterator]();
  try {
    for (; ; ) {
      let next;
      try {
        next = await iterator.next();
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        throw new HttpTransportError(message, "ESOURCE", "source", { cause: error });
      }
      if (next.done || req.destroyed) break;
      await written(req, next.value);
    }
    if (!req.destroyed) req.end();
  } finally {
    await iterator.return?.();
  }
}
function written(req, chunk) {
  return new Promise((resolve, reject) => {
    const finish2 = (error) => {
      req.off("close", closed);
      if (error) reject(error);
      else resolve();
    };
    const closed = () => finish2(new HttpTransportError("connection closed during upload", "ECONNRESET", "network"));
    req.on("close", closed);
    req.write(chunk, finish2);
  });
}

// src/bmc/flash-errors.ts
var RETRY = "Run the flash again; nothing else needs to change.";
var STATE_RULES = [
  {
    test: /^Send timeout/i,
    kind: "send-timeout",
    summary: "the image upload did not reach the BMC within its 10 s deadline",
    advice: `The upload must start right after the flash request. Check the network path to the BMC and that nothing else holds the BMC busy (another client uploading), then retry. ${RETRY}`
  },
  {
    test: /cancelled by user|transfer cancell?ed/i,
    kind: "cancelled",
    summary: "the transfer was cancelled (a cancel request, an aborted upload or another flash request)",
    advice: "Make sure no one else (BMC web UI, tpi, another workflow) flashes this board at the same time; flashes must run one after another. Then retry."
  },
  {
    test: /USB interface not found|Compute module not supported/i,
    kind: "usb-not-found",
    summary: "the BMC could not find the module's USB interface (it did not enter flash mode)",
    advice: "Check that a module sits in this slot, reseat it, then power-cycle the whole board (or reboot the BMC) and retry."
  },
  {
    test: /Several supported devices/i,
    kind: "usb-several-devices",
    summary: "the BMC saw more than one flashable USB device",
    advice: "Another node is still exposed in USB flash/MSD mode. Set the other nodes back to normal (`usb` mode device, clear usb_boot) or power them off, reboot the BMC, then retry."
  },
  {
    test: /Error loading USB device/i,
    kind: "usb-load",
    summary: "the BMC could not open the module's storage over USB",
    advice: "Reseat the module, power-cycle the board (or reboot the BMC) and retry."
  },
  {
    test: /sha256 checksum failed/i,
    kind: "sha256-mismatch",
    summary: "the uploaded bytes do not match the expected SHA-256 (the image is corrupt)",
    advice: "The eMMC now holds a corrupt image. Delete the cached image, download it again, verify its checksum and flash again."
  },
  {
    test: /crc error/i,
    kind: "crc-mismatch",
    summary: "the read-back CRC check failed (what was read from the eMMC differs from what was written)",
    advice: "This points to an eMMC write problem. Retry once; if it fails again the module eMMC is likely failing and the module should be replaced."
  },
  {
    test: /No space left|os error 28/i,
    kind: "no-space",
    summary: "the image is larger than the eMMC",
    advice: "Use an image that fits the module eMMC (RK1: 32 GB)."
  },
  {
    test: /failed firmware upgrade|failed os_update/i,
    kind: "firmware-upgrade",
    summary: "the BMC firmware upgrade script failed",
    advice: "Check the firmware file matches the board, reboot the BMC and retry."
  }
];
function classifyFlashState(message) {
  const rule = STATE_RULES.find((r) => r.test.test(message));
  if (rule) return { kind: rule.kind, summary: rule.summary, advice: rule.advice };
  return {
    kind: "unknown",
    summary: "the BMC reported an error",
    advice: "Read the BMC message above; reboot the BMC if it persists, then retry."
  };
}
function flashStateError(slot, message, cause) {
  const failure = classifyFlashState(message);
  return new FlashError(
    `Flashing node ${slot} failed: ${failure.summary}.`,
    {
      operation: "flashStatus",
      node: slot,
      kind: failure.kind,
      bmcMessage: message,
      evidence: `BMC transfer state: Error "${message}"`,
      advice: failure.advice
    },
    { cause }
  );
}
function classifyUploadFailure(body) {
  const text = body.trim();
  if (/^missing .* bytes/i.test(text)) {
    return {
      kind: "upload-incomplete",
      summary: "the upload ended before all bytes arrived, so the BMC cancelled the transfer",
      advice: `The connection dropped or the image file is shorter than announced. Check the network and the image file. ${RETRY}`,
      needsStatus: false
    };
  }
  if (/unauthorized request for handle/i.test(text)) {
    return {
      kind: "preempted",
      summary: "the BMC is busy with another transfer that replaced ours",
      advice: "Someone else started a flash on this board. Flashes must run one at a time; retry after it ends.",
      needsStatus: true
    };
  }
  if (/cannot execute command in current state/i.test(text)) {
    return {
      kind: "upload-state",
      summary: "the BMC no longer expected our upload (the transfer had already ended)",
      advice: `The transfer failed or was replaced before the upload began. ${RETRY}`,
      needsStatus: true
    };
  }
  if (/cannot transfer bytes to worker/i.test(text)) {
    return {
      kind: "upload-rejected",
      summary: "the BMC refused the upload (another upload for this transfer is already running)",
      advice: "Make sure only one client flashes this board, then retry.",
      needsStatus: true
    };
  }
  if (/Multipart form invalid/i.test(text)) {
    return {
      kind: "upload-rejected",
      summary: "the BMC could not parse the multipart upload",
      advice: "This is a client bug; please report it with this log.",
      needsStatus: false
    };
  }
  const state = classifyFlashState(text);
  return { ...state, needsStatus: state.kind === "unknown" || state.kind === "cancelled" };
}
function uploadError(slot, status, body, cause) {
  const failure = classifyUploadFailure(body);
  const context = {
    operation: "upload",
    node: slot,
    status,
    body,
    bmcMessage: body,
    advice: failure.advice
  };
  if (failure.kind === "preempted") {
    return new FlashPreemptedError(`Flashing node ${slot} failed: ${failure.summary}.`, context);
  }
  return new FlashError(
    `Uploading the image for node ${slot} failed: ${failure.summary}.`,
    { ...context, kind: failure.kind },
    { cause }
  );
}

// src/bmc/multipart.ts
import { randomBytes } from "node:crypto";
var SourceLengthError = class extends Error {
  constructor(expected, actual) {
    super(
      actual < expected ? `the image source ended after ${actual} of ${expected} bytes` : `the image source delivered more than the announced ${expected} bytes`
    );
    this.expected = expected;
    this.actual = actual;
    this.name = "SourceLengthError";
  }
  expected;
  actual;
};
function quoteParam(value) {
  return value.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
}
function multipartBody(source, length, options = {}) {
  const boundary = `----rk1-actions-${randomBytes(12).toString("hex")}`;
  const field = quoteParam(options.fieldName ?? "file");
  const fileName = quoteParam(options.fileName ?? "image");
  const head = Buffer.from(
    `--${boundary}\r
Content-Disposition: form-data; name="${field}"; filename="${fileName}"\r
Content-Type: application/octet-stream\r
\r
`,
    "latin1"
  );
  const tail2 = Buffer.from(`\r
--${boundary}--\r
`, "latin1");
  const onBytes = options.onBytes;
  async function* body() {
    yield head;
    let sent = 0;
    for await (const piece of source) {
      const chunk = typeof piece === "string" ? Buffer.from(piece) : piece;
      sent += chunk.length;
      if (sent > length) throw new SourceLengthError(length, sent);
      yield chunk;
      onBytes?.(sent);
    }
    if (sent !== length) throw new SourceLengthError(length, sent);
    yield tail2;
  }
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    contentLength: head.length + length + tail2.length,
    body: body()
  };
}

// src/bmc/parse.ts
var ParseError = class extends Error {
};
function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    throw new ParseError("the answer is not JSON");
  }
}
function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function envelopeEntry(text) {
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    return void 0;
  }
  if (!isObject(parsed) || !Array.isArray(parsed.response)) return void 0;
  const first = parsed.response[0];
  return isObject(first) ? first : void 0;
}
function errorText2(body) {
  const entry = envelopeEntry(body);
  if (entry && typeof entry.result === "string") return entry.result;
  return body.trim();
}
function envelopeResult(text) {
  const entry = envelopeEntry(text);
  if (!entry || !("result" in entry)) throw new ParseError("the answer is not a BMC envelope");
  return entry.result;
}
function firstObject(result) {
  const value = Array.isArray(result) ? result[0] : result;
  if (!isObject(value)) throw new ParseError("unexpected result shape");
  return value;
}
function str(value) {
  if (typeof value !== "string") return void 0;
  return value.replace(/\0+$/g, "");
}
function num(value) {
  if (typeof value === "number") return value;
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) {
    return Number(value);
  }
  throw new ParseError(`expected a number, got ${JSON.stringify(value)}`);
}
function parseAbout(result) {
  const raw = firstObject(result);
  return {
    api: str(raw.api),
    version: str(raw.version),
    bmcdVersion: str(raw.bmcd_version),
    buildVersion: str(raw.build_version),
    buildroot: str(raw.buildroot),
    buildtime: str(raw.buildtime),
    boardModel: str(raw.board_model),
    boardRevision: str(raw.board_revision),
    hostname: str(raw.hostname),
    raw
  };
}
function parseOther(result) {
  const raw = firstObject(result);
  return {
    api: str(raw.api),
    version: str(raw.version),
    buildVersion: str(raw.build_version),
    buildroot: str(raw.buildroot),
    buildtime: str(raw.buildtime),
    ip: str(raw.ip),
    mac: str(raw.mac),
    raw
  };
}
function parseInfo(result) {
  const raw = firstObject(result);
  const ip = Array.isArray(raw.ip) ? raw.ip.filter(isObject) : [];
  const storage = Array.isArray(raw.storage) ? raw.storage.filter(isObject) : [];
  return {
    ip: ip.map((e) => ({
      device: str(e.device) ?? "",
      ip: str(e.ip) ?? "",
      mac: str(e.mac) ?? ""
    })),
    storage: storage.map((e) => ({
      name: str(e.name) ?? "",
      totalBytes: num(e.total_bytes),
      bytesFree: num(e.bytes_free)
    }))
  };
}
function parsePower(result) {
  const raw = firstObject(result);
  const state = {};
  for (const slot of [1, 2, 3, 4]) {
    const value = raw[`node${slot}`];
    if (value === "1" || value === 1 || value === true) state[slot] = true;
    else if (value === "0" || value === 0 || value === false) state[slot] = false;
    else throw new ParseError(`power state of node${slot} is ${JSON.stringify(value)}`);
  }
  return state;
}
function parseUsb(result) {
  const raw = firstObject(result);
  const match = /(\d)/.exec(str(raw.node) ?? "");
  const slot = match ? Number(match[1]) : NaN;
  return {
    mode: str(raw.mode) ?? "",
    ...slot >= 1 && slot <= 4 ? { slot } : {},
    route: str(raw.route) ?? "",
    ...typeof raw.bus_type === "string" ? { busType: raw.bus_type } : {}
  };
}
function parseNodeInfo(result) {
  if (!Array.isArray(result)) throw new ParseError("node_info is not an array");
  return result.slice(0, 4).map((entry, index) => {
    const e = isObject(entry) ? entry : {};
    const nullableNum = (v) => v === null || v === void 0 ? null : num(v);
    return {
      slot: index + 1,
      name: str(e.name) ?? null,
      moduleName: str(e.module_name) ?? null,
      powerOnTime: nullableNum(e.power_on_time),
      uartBaud: nullableNum(e.uart_baud)
    };
  });
}
function parseUart(text) {
  const entry = envelopeEntry(text);
  if (!entry) throw new ParseError("the UART answer is not a BMC envelope");
  if (typeof entry.uart === "string") return entry.uart;
  if (typeof entry.result === "string") return entry.result;
  throw new ParseError("the UART answer has no `uart` text");
}
function parseHandle(text) {
  const parsed = parseJson(text);
  if (isObject(parsed) && typeof parsed.handle === "number" && Number.isInteger(parsed.handle)) {
    return parsed.handle;
  }
  throw new ParseError("the flash answer has no numeric `handle`");
}
function parseFlashStatus(text) {
  const parsed = parseJson(text);
  if (parsed === "Ready") return { state: "Ready" };
  if (isObject(parsed)) {
    const t = parsed.Transferring;
    if (isObject(t)) {
      return {
        state: "Transferring",
        id: num(t.id),
        processName: str(t.process_name) ?? "",
        size: num(t.size),
        cancelled: t.cancelled === true,
        bytesWritten: num(t.bytes_written)
      };
    }
    const d = parsed.Done;
    if (Array.isArray(d) && isObject(d[0])) {
      const elapsed = d[0];
      return {
        state: "Done",
        elapsedMs: num(elapsed.secs) * 1e3 + Math.round(num(elapsed.nanos ?? 0) / 1e6),
        size: num(d[1])
      };
    }
    if (typeof parsed.Error === "string") return { state: "Error", message: parsed.Error };
  }
  throw new ParseError("unknown transfer state");
}
function parseBanDurationMs(text) {
  const match = /Access blocked for (.+)$/im.exec(text);
  if (!match?.[1]) return void 0;
  const units = {
    y: 315576e5,
    year: 315576e5,
    years: 315576e5,
    month: 2630016e3,
    months: 2630016e3,
    d: 864e5,
    day: 864e5,
    days: 864e5,
    h: 36e5,
    m: 6e4,
    min: 6e4,
    s: 1e3,
    ms: 1,
    us: 1e-3,
    \u00B5s: 1e-3,
    ns: 1e-6
  };
  let total = 0;
  let found = false;
  for (const part of match[1].matchAll(/(\d+)\s*([a-zµ]+)/gi)) {
    const factor = units[(part[2] ?? "").toLowerCase()];
    if (factor === void 0) continue;
    total += Number(part[1]) * factor;
    found = true;
  }
  return found ? Math.ceil(total) : void 0;
}
var BAN_TEXT = /Exceeded allowed authentication attempts/i;

// src/bmc/query.ts
function bmcQuery(opt, type, params = {}) {
  let query = `opt=${opt}&type=${type}`;
  for (const [key, value] of Object.entries(params)) {
    if (value === void 0 || value === false) continue;
    query += value === true ? `&${key}` : `&${key}=${encodeURIComponent(String(value))}`;
  }
  return query;
}
function nodeParam(slot) {
  assertSlot(slot);
  return slot - 1;
}
function assertSlot(slot, path = "slot") {
  if (!Number.isInteger(slot) || slot < 1 || slot > 4) {
    throw new InputError("Invalid node slot.", [
      { path, message: `slot must be 1, 2, 3 or 4 (got ${String(slot)})` }
    ]);
  }
}
function redactPath(path) {
  return path.replace(/([?&]cmd=)[^&]*/g, (_m, key) => `${key}<redacted>`);
}

// src/bmc/transport-errors.ts
var DOWN_ADVICE = "bmcd is not answering: it may have crashed (it can run out of memory after repeated flashes), failed to start after an upgrade, or the board is off. Reboot the BMC (power-cycle the board if its web UI is unreachable too), then retry. Firmware 1.x (plain HTTP) is not supported.";
var DROPPED_ADVICE = "The BMC dropped the connection; bmcd may have crashed (out of memory after repeated flashes). Check the BMC web UI; reboot the BMC if it does not answer, then retry.";
var NETWORK_ADVICE = "Check the BMC host name/IP and port, that the board is powered, and the network path from this machine to the BMC.";
var TIMEOUT_ADVICE = "The BMC handles one request at a time: another client uploading an image keeps it busy for minutes. If nothing else uses it, bmcd is hung: reboot the BMC.";
function transportFailure(error, ctx) {
  const failure = toTransportError(error);
  const where = `${ctx.host}:${ctx.port}`;
  const node = ctx.slot;
  const operation = ctx.operation;
  const seen = `${failure.code}: ${failure.message}`;
  if (failure.kind === "aborted") {
    if (operation !== "upload")
      return new BmcError(`${operation} was cancelled.`, { operation, node });
    return new FlashAbortedError(`The upload for node ${node ?? "?"} was cancelled.`, {
      operation,
      node,
      kind: "aborted",
      advice: "The BMC cancels the transfer and powers the node off; flash it again when ready."
    });
  }
  if (failure.kind === "source") {
    const cause = failure.cause;
    const short = cause instanceof SourceLengthError;
    return new FlashError(
      `Reading the image for node ${node ?? "?"} failed: ${failure.message}.`,
      {
        operation,
        node,
        kind: "image",
        evidence: seen,
        advice: short ? "The image file changed or is shorter than its recorded size; download it again." : "Check the image file is readable and the disk is healthy; download it again."
      },
      { cause }
    );
  }
  if (failure.kind === "tls") {
    const pinned = failure.code === "ERR_BMC_FINGERPRINT_MISMATCH";
    return new BmcTlsError(`TLS check of the BMC at ${where} failed (${operation}).`, {
      operation,
      node,
      evidence: seen,
      advice: pinned ? "The BMC shows a different certificate than the pinned fingerprint. If its certificate was regenerated (firmware reinstall), update the fingerprint; otherwise something is intercepting the connection - do not continue." : ctx.tls.mode === "verify" ? 'The BMC uses a self-signed certificate by default. Pin it with tls mode "fingerprint" (sha256 of the certificate) or give its CA in caPem.' : "Check the port is the BMC HTTPS port (443)."
    });
  }
  const code = failure.code;
  let message;
  let advice;
  if (failure.kind === "timeout") {
    message = `The BMC at ${where} did not answer ${operation} in time.`;
    advice = TIMEOUT_ADVICE;
  } else if (code === "ECONNREFUSED") {
    message = `The BMC at ${where} refused the connection (${operation}).`;
    advice = DOWN_ADVICE;
  } else if (code === "ECONNRESET" || code === "EPIPE" || /socket hang up/i.test(failure.message)) {
    message = `The BMC at ${where} dropped the connection during ${operation}.`;
    advice = DROPPED_ADVICE;
  } else {
    message = `The BMC at ${where} is unreachable (${operation}).`;
    advice = NETWORK_ADVICE;
  }
  return new BmcUnreachableError(
    message,
    { operation, node, code, evidence: seen, advice },
    error instanceof HttpTransportError ? error.cause ?? error : error
  );
}

// src/bmc/session.ts
var NO_LOG = {
  info: () => {
  },
  warn: () => {
  },
  error: () => {
  },
  debug: () => {
  },
  group: (_t, fn) => fn()
};
var BmcSession = class {
  host;
  port;
  tls;
  log;
  username;
  password;
  timeoutMs;
  transport;
  agent;
  /** undefined = not logged in; '' = the BMC needs no token (loopback bypass, spec §2.5). */
  token;
  loginInFlight;
  /** Every token we ever held, to redact them from bodies kept on errors. */
  seenTokens = /* @__PURE__ */ new Set();
  /** Set after a definitive auth failure: later calls fail fast instead of hammering the BMC. */
  authFailure;
  bannedUntil = 0;
  constructor(options) {
    this.host = options.host;
    this.port = options.port ?? 443;
    this.tls = options.tls;
    this.username = options.username;
    this.password = options.password;
    this.log = options.log ?? NO_LOG;
    this.timeoutMs = options.requestTimeoutMs ?? 6e4;
    this.transport = new HttpTransport(this.host, this.port);
    this.agent = createAgent(this.tls, { keepAlive: true });
  }
  close() {
    this.agent.destroy();
  }
  resetAuth() {
    this.authFailure = void 0;
    this.bannedUntil = 0;
    this.token = void 0;
  }
  /** The token died (bmcd restarted, upload refused): the next call logs in afresh. */
  forgetToken() {
    this.token = void 0;
  }
  /** One request with the token; one re-login and one replay on 401; never more. */
  async authorized(operation, request, slot) {
    const token = await this.ensureToken(operation, slot);
    const first = await this.send(operation, withAuth(request, token), slot);
    if (first.status !== 401 && first.status !== 403) return first;
    this.throwIfBanned(operation, first, slot);
    this.log.debug(`BMC ${operation}: HTTP ${first.status}, logging in again once`);
    const fresh = await this.relogin(operation, token, slot);
    const second = await this.send(operation, withAuth(request, fresh), slot);
    if (second.status !== 401 && second.status !== 403) return second;
    this.throwIfBanned(operation, second, slot);
    this.token = void 0;
    throw this.latch(
      new BmcAuthError(
        `The BMC at ${this.host} rejected ${operation} even right after a fresh login.`,
        {
          operation,
          node: slot,
          status: second.status,
          body: this.redact(second.body),
          advice: "Check the BMC user has API rights and that nothing else (tpi, a script) keeps restarting bmcd. Not retried, to avoid an IP ban."
        }
      )
    );
  }
  async ensureToken(operation, slot) {
    this.failFast(operation, slot);
    if (this.token !== void 0) return this.token;
    this.loginInFlight ??= this.login().finally(() => {
      this.loginInFlight = void 0;
    });
    return this.loginInFlight;
  }
  /** Logs in again unless another call already replaced the stale token. */
  relogin(operation, stale, slot) {
    if (this.token === stale) this.token = void 0;
    return this.ensureToken(operation, slot);
  }
  async login() {
    const operation = "login";
    const res = await this.send(operation, {
      method: "POST",
      path: "/api/bmc/authenticate",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: this.username, password: this.password })
    });
    if (ok(res)) {
      let id;
      try {
        id = JSON.parse(res.body).id;
      } catch {
        id = void 0;
      }
      if (typeof id === "string" && id.length > 0) {
        this.seenTokens.add(id);
        this.token = id;
        return id;
      }
      if (/<html/i.test(res.body)) {
        this.log.debug("BMC login answered with the web UI: authentication is bypassed");
        this.token = "";
        return "";
      }
      throw this.protocolError(operation, res);
    }
    this.throwIfBanned(operation, res);
    if (res.status === 401 || res.status === 403) {
      throw this.latch(
        new BmcAuthError(`The BMC at ${this.host} refused the login for user "${this.username}".`, {
          operation,
          status: res.status,
          body: this.redact(res.body),
          advice: "Check the BMC user name and password (they are the BMC Linux accounts, default root/turing). Not retried: 5 failures ban this IP."
        })
      );
    }
    throw new BmcProtocolError(
      `The BMC at ${this.host} answered the login with HTTP ${res.status}; is it a Turing Pi BMC on firmware 2.x?`,
      { operation, status: res.status, body: this.redact(res.body), advice: "Check host and port." }
    );
  }
  failFast(operation, slot) {
    if (this.authFailure) throw this.authFailure;
    const wait = this.bannedUntil - Date.now();
    if (wait > 0) {
      throw new BmcBannedError(
        `The BMC at ${this.host} still bans this address for ${Math.ceil(wait / 1e3)} s (${operation} not sent).`,
        { operation, node: slot, retryAfterMs: wait, advice: BAN_ADVICE }
      );
    }
  }
  throwIfBanned(operation, res, slot) {
    if (!BAN_TEXT.test(res.body)) return;
    const retryAfterMs = parseBanDurationMs(res.body);
    this.bannedUntil = Date.now() + (retryAfterMs ?? 6e4);
    this.token = void 0;
    throw new BmcBannedError(
      `The BMC at ${this.host} blocks this address after too many failed authentications.`,
      {
        operation,
        node: slot,
        status: res.status,
        body: this.redact(res.body),
        retryAfterMs,
        advice: BAN_ADVICE
      }
    );
  }
  latch(error) {
    this.authFailure = error;
    return error;
  }
  async send(operation, request, slot, agent = this.agent) {
    const started = Date.now();
    const path = redactPath(request.path);
    try {
      const res = await this.transport.send({
        ...request,
        timeoutMs: request.stream ? void 0 : request.timeoutMs ?? this.timeoutMs,
        agent
      });
      this.log.debug(`BMC ${request.method} ${path} -> ${res.status} (${Date.now() - started} ms)`);
      return res;
    } catch (error) {
      this.log.debug(`BMC ${request.method} ${path} failed after ${Date.now() - started} ms`);
      throw transportFailure(error, {
        operation,
        slot,
        host: this.host,
        port: this.port,
        tls: this.tls
      });
    }
  }
  apiError(operation, res, slot) {
    const text = errorText2(res.body);
    const unsupported = /Invalid `type` parameter/.test(text);
    return new BmcError(
      `BMC ${operation}${slot ? ` (node ${slot})` : ""} failed: ${text || `HTTP ${res.status}`}`,
      {
        operation,
        node: slot,
        status: res.status,
        body: this.redact(res.body),
        advice: unsupported ? "This BMC firmware does not support the operation; upgrade the BMC to firmware 2.1.0 or later." : "Read the BMC message; reboot the BMC if it persists."
      }
    );
  }
  protocolError(operation, res, slot, cause) {
    return new BmcProtocolError(
      `Unexpected answer from the BMC to ${operation}${cause instanceof Error ? ` (${cause.message})` : ""}.`,
      {
        operation,
        node: slot,
        status: res.status,
        body: this.redact(res.body),
        advice: "Check host/port point at a Turing Pi 2 BMC running firmware 2.x."
      }
    );
  }
  /** Tokens appear in 401 bodies (`token X is not registered`); never keep them. */
  redact(text) {
    let out = text;
    for (const token of this.seenTokens) if (token) out = out.split(token).join("***");
    return out.replace(/(Bearer|Basic)\s+[A-Za-z0-9+/=._-]{8,}/g, "$1 ***");
  }
};
var BAN_ADVICE = "Wait until the ban ends (it doubles with every further failure) and check the BMC password; do not retry in a loop. Rebooting the BMC also clears the ban.";
function ok(res) {
  return res.status >= 200 && res.status < 300;
}
function authHeader(token) {
  return token ? { authorization: `Bearer ${token}` } : {};
}
function withAuth(request, token) {
  return { ...request, headers: { ...request.headers, ...authHeader(token) } };
}

// src/bmc/version.ts
async function detectBmcVersion(probe) {
  let about;
  try {
    about = await probe.about();
  } catch (error) {
    if (!(error instanceof BmcError) || error.status !== 400) throw error;
  }
  let usb;
  try {
    usb = await probe.getUsb();
  } catch (error) {
    if (!(error instanceof BmcError) || error.status === void 0) throw error;
  }
  const busType = usb?.busType;
  const board = busType === void 0 ? void 0 : /hub/i.test(busType) ? "v2.5" : "v2.4";
  if (!about) {
    return { generation: "2.x", profile: "2.0.0-2.0.1", ...busType ? { busType } : {} };
  }
  const profile = profileOf(about);
  const daemonVersion = about.bmcdVersion ?? about.version;
  const firmwareVersion = about.bmcdVersion ? about.version : about.buildVersion;
  return {
    generation: "2.x",
    profile,
    ...defined({
      daemonVersion,
      api: about.api,
      firmwareVersion,
      boardModel: about.boardModel,
      boardRevision: about.boardRevision,
      hostname: about.hostname,
      busType,
      board
    })
  };
}
function profileOf(about) {
  if (about.bmcdVersion !== void 0) return "2.3.5+";
  if (about.boardModel !== void 0) return "2.3.0-2.3.4";
  return "2.0.2-2.0.5";
}
function defined(record) {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== void 0));
}

// src/bmc/usb.ts
function assertUsbMode(mode) {
  if (!Number.isInteger(mode) || mode < 0 || mode > 7 || (mode & 3) === 3) {
    throw new InputError("Invalid USB mode.", [
      {
        path: "mode",
        message: `USB mode must be one of 0, 1, 2 (host/device/flash via USB-A) or 4, 5, 6 (via the BMC); got ${String(mode)}. Modes 3 and 7 crash the BMC request handler.`
      }
    ]);
  }
}

// src/bmc/client.ts
var UPLOAD_IDLE_MS = 10 * 6e4;
var BmcClient = class {
  session;
  /** Our own uploads, which hold the BMC's board-wide lock: boot checks excuse that time. */
  ownUploads = new BusyClock();
  constructor(options) {
    this.session = new BmcSession(options);
  }
  get host() {
    return this.session.host;
  }
  get port() {
    return this.session.port;
  }
  /** Closes idle keep-alive connections. */
  close() {
    this.session.close();
  }
  /** Forgets a latched auth failure or ban (e.g. after the password was fixed). */
  resetAuth() {
    this.session.resetAuth();
  }
  // ---- catalogue operations ----
  async about() {
    return parseAbout(await this.result("about", bmcQuery("get", "about")));
  }
  async info() {
    return parseInfo(await this.result("info", bmcQuery("get", "info")));
  }
  async other() {
    return parseOther(await this.result("other", bmcQuery("get", "other")));
  }
  detectVersion() {
    return detectBmcVersion(this);
  }
  async getPower() {
    return parsePower(await this.result("getPower", bmcQuery("get", "power")));
  }
  async setPower(slot, on) {
    assertSlot(slot);
    await this.result("setPower", bmcQuery("set", "power", { [`node${slot}`]: on ? 1 : 0 }), slot);
  }
  /** Several nodes in one request (bmcd applies them one after another, ≈0.1 s each). */
  async setPowers(states) {
    const params = {};
    for (const [slot, on] of Object.entries(states)) {
      assertSlot(Number(slot));
      if (on !== void 0) params[`node${slot}`] = on ? 1 : 0;
    }
    if (Object.keys(params).length === 0) return;
    await this.result("setPower", bmcQuery("set", "power", params));
  }
  /** Power-cycles a node (off, 1 s, on); also powers on a node that was off. */
  async reset(slot) {
    await this.result("reset", bmcQuery("set", "reset", { node: nodeParam(slot) }), slot);
  }
  async getUsb() {
    return parseUsb(await this.result("getUsb", bmcQuery("get", "usb")));
  }
  /** `mode` as bmcd >= 2.0.4 encodes it (0/1/2 host/device/flash, +4 for the BMC route). */
  async setUsbMode(slot, mode) {
    assertUsbMode(mode);
    await this.result("setUsbMode", bmcQuery("set", "usb", { node: nodeParam(slot), mode }), slot);
  }
  /** The whole UART ring (16 KiB) of a node; reading does not clear it on bmcd 2.3.x. */
  async readUart(slot, options = {}) {
    const query = bmcQuery("get", "uart", { node: nodeParam(slot) });
    const res = await this.session.authorized(
      "readUart",
      { method: "GET", path: `/api/bmc?${query}`, ...options },
      slot
    );
    if (!ok(res)) throw this.session.apiError("readUart", res, slot);
    try {
      return parseUart(res.body);
    } catch (error) {
      throw this.session.protocolError("readUart", res, slot, error);
    }
  }
  /** Writes `text` + CRLF to the node console. The text is never logged. */
  async writeUart(slot, text) {
    await this.result(
      "writeUart",
      bmcQuery("set", "uart", { node: nodeParam(slot), cmd: text }),
      slot
    );
  }
  async getNodeInfo() {
    return parseNodeInfo(await this.result("getNodeInfo", bmcQuery("get", "node_info")));
  }
  async setNodeInfo(update) {
    const body = {};
    for (const [slot, info] of Object.entries(update)) {
      assertSlot(Number(slot));
      if (!info) continue;
      const entry = {};
      if (info.name !== void 0) entry.name = info.name;
      if (info.moduleName !== void 0) entry.module_name = info.moduleName;
      if (info.uartBaud !== void 0) entry.uart_baud = info.uartBaud;
      body[`Node${slot}`] = entry;
    }
    const res = await this.session.authorized("setNodeInfo", {
      method: "POST",
      path: `/api/bmc?${bmcQuery("set", "node_info")}`,
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body)
    });
    if (!ok(res)) throw this.session.apiError("setNodeInfo", res);
  }
  /** Reboots the BMC. Its tokens die with bmcd, so the next call logs in afresh. */
  async reboot() {
    await this.result("reboot", bmcQuery("set", "reboot"));
    this.session.forgetToken();
  }
  /** Restarts bmcd (a few seconds without API; tokens and UART buffers are lost). */
  async reload() {
    await this.result("reload", bmcQuery("set", "reload"));
    this.session.forgetToken();
  }
  // ---- flashing ----
  /** Starts a transfer. The upload must follow within 10 s (spec §5.3). */
  async startFlash(slot, options) {
    const query = bmcQuery("set", "flash", {
      node: nodeParam(slot),
      file: options.fileName,
      length: options.length,
      sha256: options.sha256,
      skip_crc: options.skipCrc === true
    });
    const res = await this.session.authorized(
      "startFlash",
      { method: "GET", path: `/api/bmc?${query}`, idempotent: false },
      slot
    );
    if (!ok(res)) {
      const text = errorText2(res.body);
      throw new FlashError(`The BMC refused to start flashing node ${slot}: ${text}`, {
        operation: "startFlash",
        node: slot,
        status: res.status,
        body: this.session.redact(res.body),
        kind: "start",
        bmcMessage: text,
        advice: "Check the image name (.img/.raw/.xz) and size, and that the BMC runs firmware 2.1.0 or later."
      });
    }
    try {
      return {
        id: parseHandle(res.body),
        slot,
        fileName: options.fileName,
        length: options.length,
        issuedAt: Date.now()
      };
    } catch (error) {
      throw this.session.protocolError("startFlash", res, slot, error);
    }
  }
  /**
   * Streams `length` bytes as the one multipart part. The request has no overall timeout: it lasts
   * the whole eMMC write. It cannot be replayed, so a 401 here means: restart from `startFlash`.
   */
  async upload(handle, source, length, onBytes, options = {}) {
    const slot = handle.slot;
    const body = multipartBody(source, length, {
      fileName: options.fileName ?? handle.fileName,
      onBytes
    });
    const agent = createAgent(this.session.tls, { keepAlive: true });
    let res;
    const endBusy = this.ownUploads.start();
    try {
      const token = await this.session.ensureToken("upload", slot);
      res = await this.session.send(
        "upload",
        {
          method: "POST",
          path: `/api/bmc/upload/${handle.id}`,
          headers: {
            ...authHeader(token),
            "content-type": body.contentType,
            "content-length": String(body.contentLength)
          },
          stream: body.body,
          idleTimeoutMs: UPLOAD_IDLE_MS,
          signal: options.signal
        },
        slot,
        agent
      );
    } finally {
      endBusy();
      agent.destroy();
    }
    if (ok(res)) return;
    if (res.status === 401 || res.status === 403) {
      this.session.throwIfBanned("upload", res, slot);
      this.session.forgetToken();
      throw new FlashError(
        `The BMC refused the upload for node ${slot} as unauthorised (HTTP ${res.status}).`,
        {
          operation: "upload",
          node: slot,
          status: res.status,
          body: this.session.redact(res.body),
          kind: "upload-auth",
          advice: "The session token died (bmcd restarted?). An upload cannot be replayed: restart the flash from the start request."
        }
      );
    }
    throw uploadError(slot, res.status, this.session.redact(res.body));
  }
  async flashStatus(options = {}) {
    const path = `/api/bmc?${bmcQuery("get", "flash")}`;
    const res = await this.session.authorized("flashStatus", { method: "GET", path, ...options });
    if (!ok(res)) throw this.session.apiError("flashStatus", res);
    try {
      return parseFlashStatus(res.body);
    } catch (error) {
      throw this.session.protocolError("flashStatus", res, void 0, error);
    }
  }
  /** Cancels whatever transfer is current (the BMC ignores the handle). */
  async cancelFlash(handle) {
    const path = `/api/bmc/upload/${handle?.id ?? 0}/cancel`;
    const res = await this.session.authorized("cancelFlash", { method: "GET", path }, handle?.slot);
    if (!ok(res)) throw this.session.apiError("cancelFlash", res, handle?.slot);
  }
  // ---- plumbing ----
  /** GET on the dispatcher; returns the envelope's `result`. */
  async result(operation, query, slot) {
    const s = this.session;
    const res = await s.authorized(operation, { method: "GET", path: `/api/bmc?${query}` }, slot);
    if (!ok(res)) throw s.apiError(operation, res, slot);
    if (!envelopeEntry(res.body)) throw s.protocolError(operation, res, slot);
    return envelopeResult(res.body);
  }
};

// src/bmc/flash.ts
import { stat } from "node:fs/promises";

// src/bmc/file-source.ts
import { open } from "node:fs/promises";
async function openFileChunks(path, options = {}) {
  const chunkBytes = options.chunkBytes ?? 1024 * 1024;
  const limit = options.length ?? Infinity;
  const handle = await open(path, "r");
  let pending;
  let closed;
  const close = () => closed ??= (async () => {
    await pending?.catch(() => 0);
    await handle.close().catch(() => void 0);
  })();
  async function* generate() {
    const buffers = [Buffer.allocUnsafeSlow(chunkBytes), Buffer.allocUnsafeSlow(chunkBytes)];
    try {
      let next = fill(handle, buffers[0], 0, limit);
      for (let k = 0; ; k++) {
        pending = next;
        const n = await next;
        pending = void 0;
        if (n === 0) return;
        const chunk = buffers[k % 2].subarray(0, n);
        if (n < chunkBytes) {
          yield chunk;
          return;
        }
        next = fill(handle, buffers[(k + 1) % 2], (k + 1) * chunkBytes, limit);
        next.catch(() => 0);
        pending = next;
        yield chunk;
      }
    } finally {
      await close();
    }
  }
  return { chunks: generate(), close };
}
async function fill(handle, buffer, position, limit) {
  const want = Math.max(0, Math.min(buffer.length, limit - position));
  let filled = 0;
  while (filled < want) {
    const { bytesRead } = await handle.read(buffer, filled, want - filled, position + filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return filled;
}

// src/bmc/progress.ts
var VERIFY_SHORTCUT_MARGIN = 64 * 1024 * 1024;
var PhaseDetector = class {
  constructor(format, size) {
    this.format = format;
    this.size = size;
  }
  format;
  size;
  phaseNow = "write";
  max = 0;
  seen = false;
  verifyTotal;
  verifyMax = 0;
  get phase() {
    return this.phaseNow;
  }
  /**
   * Bytes on the eMMC as far as observed: the largest counter value in either phase. Exact for raw
   * images; for xz a lower bound when polls missed the end of both phases.
   */
  get written() {
    return Math.max(this.max, this.verifyMax);
  }
  observe(bytesWritten) {
    if (this.phaseNow === "write") {
      const first = !this.seen;
      this.seen = true;
      if (first && this.startsInVerify(bytesWritten)) {
        this.phaseNow = "verify";
        this.verifyTotal = this.format === "raw" ? this.size : void 0;
      } else if (bytesWritten < this.max) {
        this.phaseNow = "verify";
        this.verifyTotal = this.max;
      } else {
        this.max = bytesWritten;
      }
    }
    if (this.phaseNow === "write") {
      return this.format === "raw" ? { phase: "write", total: this.size } : { phase: "write" };
    }
    this.verifyMax = Math.max(this.verifyMax, bytesWritten);
    if (this.verifyTotal !== void 0 && bytesWritten > this.verifyTotal) {
      this.verifyTotal = bytesWritten;
    }
    return this.verifyTotal !== void 0 ? { phase: "verify", total: this.verifyTotal } : { phase: "verify" };
  }
  startsInVerify(value) {
    return this.size > VERIFY_SHORTCUT_MARGIN && value < this.size - VERIFY_SHORTCUT_MARGIN;
  }
};
var RATE_WINDOW_MS = 2e4;
var ProgressReporter = class {
  constructor(options) {
    this.options = options;
    this.now = options.now ?? Date.now;
    this.startedAt = this.now();
  }
  options;
  now;
  startedAt;
  phase;
  samples = [];
  lastLineAt = -Infinity;
  lastLinePercent = -Infinity;
  lastLinePhase;
  lastLineBytes = -1;
  lastEventAt = -Infinity;
  last;
  lastEventPhase;
  /** Reports the state of a phase; logs a line when the throttling rules allow. */
  update(phase, bytes, total) {
    const t = this.now();
    if (phase !== this.phase) {
      this.phase = phase;
      this.samples = [];
    }
    const lastSample = this.samples[this.samples.length - 1];
    if (!lastSample || t - lastSample.t >= 100) this.samples.push({ t, bytes });
    while (this.samples.length > 2 && t - this.samples[0].t > RATE_WINDOW_MS) this.samples.shift();
    const progress = this.compute(phase, bytes, total, t);
    this.last = progress;
    if (this.shouldLog(progress, t)) this.line(progress, t);
    const eventGap = this.options.eventIntervalMs ?? 250;
    if (t - this.lastEventAt >= eventGap || progress.phase !== this.lastEventPhase) {
      this.emit(progress, t);
    }
    return progress;
  }
  /**
   * Reports the final state of the current phase: the event always, the line only when the last
   * line did not show this state already (or never, with `log: false`).
   */
  flush(options = {}) {
    if (!this.last) return;
    const t = this.now();
    const shown = this.lastLinePhase === this.last.phase && this.lastLineBytes === this.last.bytes;
    if (options.log !== false && !shown) this.line(this.last, t);
    this.emit(this.last, t);
  }
  emit(progress, t) {
    this.lastEventAt = t;
    this.lastEventPhase = progress.phase;
    this.options.onProgress?.(progress);
  }
  compute(phase, bytes, total, t) {
    const first = this.samples[0];
    const dt = t - first.t;
    const rate = dt > 0 && bytes >= first.bytes ? (bytes - first.bytes) * 1e3 / dt : void 0;
    const percent = total && total > 0 ? Math.min(100, bytes / total * 100) : void 0;
    const etaMs = total !== void 0 && rate && rate > 0 ? Math.max(0, total - bytes) / rate * 1e3 : void 0;
    return {
      slot: this.options.slot,
      phase,
      bytes,
      ...total !== void 0 ? { total } : {},
      ...percent !== void 0 ? { percent } : {},
      ...rate !== void 0 ? { bytesPerSec: rate } : {},
      ...etaMs !== void 0 ? { etaMs } : {},
      elapsedMs: t - this.startedAt
    };
  }
  shouldLog(p, t) {
    if (p.phase !== this.lastLinePhase) return true;
    const since = t - this.lastLineAt;
    if (since >= (this.options.maxSilenceMs ?? 6e4)) return true;
    if (p.percent === void 0) return since >= (this.options.unknownIntervalMs ?? 15e3);
    const reached = p.total !== void 0 && p.bytes >= p.total && this.lastLineBytes < p.total;
    if (reached && p.phase !== "upload") return true;
    return since >= (this.options.minIntervalMs ?? 5e3) && p.percent - this.lastLinePercent >= (this.options.minPercentStep ?? 10);
  }
  line(p, t) {
    this.lastLineAt = t;
    this.lastLinePhase = p.phase;
    this.lastLinePercent = p.percent ?? -Infinity;
    this.lastLineBytes = p.bytes;
    this.options.log.info(formatProgress(p));
  }
};
var PHASE_LABEL = {
  upload: "uploading",
  write: "writing",
  verify: "verifying"
};
function formatProgress(p) {
  const head = `node ${p.slot}: ${PHASE_LABEL[p.phase]}${p.percent !== void 0 ? ` ${p.percent.toFixed(0)}%` : ""}`;
  const parts = [
    p.total !== void 0 ? `${formatBytes(p.bytes)} / ${formatBytes(p.total)}` : formatBytes(p.bytes)
  ];
  if (p.bytesPerSec !== void 0) parts.push(formatRate(p.bytesPerSec));
  if (p.etaMs !== void 0) parts.push(`ETA ${formatDuration(p.etaMs)}`);
  return `${head}: ${parts.join(", ")}`;
}

// src/bmc/flash-poll.ts
async function pollUntilDone(client, handle, format, reporter, tUploaded, options) {
  const { slot } = handle;
  const { signal, log } = options;
  const interval = options.pollIntervalMs ?? 2e3;
  const delays = new Backoff(Math.min(250, interval), interval);
  const maxFailures = options.maxPollFailures ?? 5;
  const stallMs = options.stallTimeoutMs ?? 15 * 6e4;
  const detector = new PhaseDetector(format, handle.length);
  let failures = 0;
  let lastBytes = -1;
  let lastChangeAt = Date.now();
  let lastWriteAt = tUploaded;
  let verifyAt;
  for (; ; ) {
    let status;
    try {
      status = await client.flashStatus({ signal });
      failures = 0;
    } catch (error) {
      if (signal?.aborted) throw await abortDuringPoll(client, handle);
      if (error instanceof BmcUnreachableError && ++failures < maxFailures) {
        log.warn(
          `node ${slot}: status poll failed (${failures}/${maxFailures}), retrying: ${error.message}`
        );
        await pause(client, handle, delays.next(), signal);
        continue;
      }
      throw error;
    }
    const now = Date.now();
    switch (status.state) {
      case "Transferring": {
        if (status.id !== handle.id) throw preempted(handle, status);
        const seen = detector.observe(status.bytesWritten);
        if (seen.phase === "verify" && verifyAt === void 0) verifyAt = lastWriteAt;
        if (seen.phase === "write") lastWriteAt = now;
        reporter.update(seen.phase, status.bytesWritten, seen.total);
        if (status.bytesWritten !== lastBytes) {
          lastBytes = status.bytesWritten;
          lastChangeAt = now;
        } else if (now - lastChangeAt > stallMs) {
          throw new FlashError(
            `Flashing node ${slot} stalled: no progress for ${formatDuration(now - lastChangeAt)}.`,
            {
              operation: "flashStatus",
              node: slot,
              kind: "stalled",
              evidence: `bytes_written stuck at ${status.bytesWritten} (${status.processName})`,
              advice: "The BMC or the module hangs. Reboot the BMC, then flash again."
            }
          );
        }
        break;
      }
      case "Done":
        if (status.size !== handle.length) throw preempted(handle, status);
        return {
          elapsedMs: status.elapsedMs,
          written: detector.written,
          ...verifyAt !== void 0 ? { verifyAt } : {}
        };
      case "Error":
        throw flashStateError(slot, status.message);
      case "Ready":
        throw new FlashError(
          `The BMC lost the transfer for node ${slot}: its state is back to "Ready".`,
          {
            operation: "flashStatus",
            node: slot,
            kind: "bmc-restarted",
            evidence: 'transfer state "Ready" after our upload',
            advice: "bmcd restarted during the flash (crash or out of memory after repeated flashes). Reboot the BMC, then flash the node again."
          }
        );
    }
    await pause(client, handle, delays.next(), signal);
  }
}
async function pause(client, handle, ms, signal) {
  try {
    await sleep(ms, signal);
  } catch {
    throw await abortDuringPoll(client, handle);
  }
}
async function abortDuringPoll(client, handle) {
  let cancelled = false;
  try {
    const status = await client.flashStatus();
    if (status.state === "Transferring" && status.id === handle.id) {
      await client.cancelFlash(handle);
      cancelled = true;
    }
  } catch {
  }
  return new FlashAbortedError(`Flashing node ${handle.slot} was cancelled.`, {
    operation: "flash",
    node: handle.slot,
    kind: "aborted",
    advice: cancelled ? "The BMC transfer was cancelled; the BMC powers the node off. Flash it again when ready." : "Check the BMC transfer state; flash the node again when ready."
  });
}
function preempted(handle, status) {
  const detail = status.state === "Transferring" ? `transfer ${status.id} (${status.processName}) replaced ours (${handle.id})` : status.state === "Done" ? `a transfer of ${status.size} bytes finished, ours had ${handle.length}` : JSON.stringify(status);
  return new FlashPreemptedError(
    `Flashing node ${handle.slot} was pre-empted by another flash request.`,
    {
      operation: "flashStatus",
      node: handle.slot,
      evidence: detail,
      ...status.state === "Transferring" ? { foreignId: status.id } : {},
      advice: "Someone else (BMC web UI, tpi, another workflow) started a flash on this board; the BMC runs only one and the newest wins. Flash nodes one at a time, then retry this node."
    }
  );
}

// src/bmc/flash.ts
function imageFormat(fileName) {
  const lower = fileName.toLowerCase();
  if (lower.endsWith(".xz")) return "xz";
  if (lower.endsWith(".img") || lower.endsWith(".raw")) return "raw";
  return void 0;
}
async function flashNode(client, slot, image, options) {
  assertSlot(slot);
  const { log, signal } = options;
  const format = await checkImage(slot, image);
  throwIfAborted(slot, signal);
  if (!options.allowReplace) await ensureIdle(client, slot, signal);
  const t0 = Date.now();
  log.info(
    `node ${slot}: flashing ${image.fileName} (${formatBytes(image.size)}${format === "xz" ? ", xz" : ""}${options.skipCrc ? ", CRC check skipped" : ""})`
  );
  const file = await openImage(slot, image, options.chunkBytes);
  let handle;
  try {
    handle = await client.startFlash(slot, {
      fileName: image.fileName,
      length: image.size,
      sha256: image.sha256,
      skipCrc: options.skipCrc
    });
  } catch (error) {
    await file.close();
    throw error;
  }
  const tStarted = Date.now();
  const reporter = new ProgressReporter({ slot, log, onProgress: options.onProgress });
  reporter.update("upload", 0, image.size);
  try {
    await client.upload(
      handle,
      file.chunks,
      image.size,
      (n) => reporter.update("upload", n, image.size),
      {
        signal,
        fileName: image.fileName
      }
    );
  } catch (error) {
    await file.close();
    throw await explainUploadFailure(client, handle, error, signal);
  }
  const tUploaded = Date.now();
  reporter.update("upload", image.size, image.size);
  reporter.flush({ log: false });
  const uploadMs = tUploaded - tStarted;
  log.info(
    `node ${slot}: upload finished in ${formatDuration(uploadMs)} (${formatRate(image.size * 1e3 / Math.max(1, uploadMs))}); waiting for the BMC to finish`
  );
  const done = await pollUntilDone(client, handle, format, reporter, tUploaded, options);
  const tDone = Date.now();
  reporter.flush();
  let uartSnapshot;
  if (options.uartSnapshot !== false) {
    try {
      uartSnapshot = await client.readUart(slot);
    } catch (error) {
      log.debug(`node ${slot}: could not read the UART before power-on: ${String(error)}`);
    }
  }
  let powerOnMs;
  if (options.powerOn !== false) {
    const tPower = Date.now();
    try {
      await client.setPower(slot, true);
    } catch (error) {
      log.error(`node ${slot}: the flash succeeded but powering the node on failed`);
      throw error;
    }
    powerOnMs = Date.now() - tPower;
  }
  const durationMs = Date.now() - t0;
  log.info(
    `node ${slot}: flashed ${formatBytes(image.size)} in ${formatDuration(durationMs)}${done.written ? ` (${formatBytes(done.written)} on the eMMC)` : ""}${options.powerOn !== false ? "; node powered on" : ""}`
  );
  return {
    slot,
    handle: handle.id,
    bytes: image.size,
    // A raw image lands byte for byte; for xz only what the polls saw is known.
    ...format === "raw" ? { writtenBytes: image.size } : done.written ? { writtenBytes: done.written } : {},
    durationMs,
    uploadMs,
    throughputBytesPerSec: image.size * 1e3 / Math.max(1, uploadMs),
    bmcElapsedMs: done.elapsedMs,
    phases: {
      start: tStarted - t0,
      upload: uploadMs,
      write: (done.verifyAt ?? tDone) - tUploaded,
      ...done.verifyAt !== void 0 ? { verify: tDone - done.verifyAt } : {},
      ...powerOnMs !== void 0 ? { powerOn: powerOnMs } : {}
    },
    ...uartSnapshot !== void 0 ? { uartSnapshot } : {},
    poweredOn: options.powerOn !== false
  };
}
async function explainUploadFailure(client, handle, error, signal) {
  if (error instanceof FlashAbortedError || signal?.aborted) {
    return error instanceof FlashAbortedError ? error : new FlashAbortedError(`Flashing node ${handle.slot} was cancelled.`, {
      operation: "upload",
      node: handle.slot,
      kind: "aborted"
    });
  }
  const status = await settledStatus(client, handle);
  const conclusive = error instanceof FlashError && (error.kind === "image" || error.kind === "upload-auth") || error instanceof BmcError && !(error instanceof FlashError) && !(error instanceof BmcUnreachableError);
  if (conclusive || !status) return error;
  if (status.state === "Transferring" && status.id !== handle.id) return preempted(handle, status);
  if (status.state === "Done" && status.size !== handle.length) return preempted(handle, status);
  if (status.state === "Error" && !/cancelled by user/i.test(status.message)) {
    return flashStateError(handle.slot, status.message, error);
  }
  if (status.state === "Error" && !(error instanceof FlashError)) {
    return flashStateError(handle.slot, status.message, error);
  }
  return error;
}
async function settledStatus(client, handle, waitMs = 1e4) {
  const deadline = Date.now() + waitMs;
  for (; ; ) {
    let status;
    try {
      status = await client.flashStatus();
    } catch {
      return void 0;
    }
    const ours = status.state === "Transferring" && status.id === handle.id;
    if (!ours || Date.now() >= deadline) return status;
    await sleep(100);
  }
}
async function checkImage(slot, image) {
  const format = imageFormat(image.fileName);
  const fail = (message, advice) => new FlashError(message, { operation: "flash", node: slot, kind: "image", advice });
  if (!format) {
    throw fail(
      `Cannot flash "${image.fileName}" to node ${slot}: the BMC only takes .img/.raw or .xz images.`,
      "Decompress other formats (.gz, .zst) first; the BMC would write them to the eMMC as they are."
    );
  }
  let size;
  try {
    size = (await stat(image.path)).size;
  } catch (error) {
    throw fail(
      `Cannot read the image ${image.path} for node ${slot}: ${String(error)}`,
      "Download the image again."
    );
  }
  if (size !== image.size || size === 0) {
    throw fail(
      `The image ${image.path} has ${size} bytes, expected ${image.size} (node ${slot}).`,
      "The cached image is incomplete or changed; download it again."
    );
  }
  return format;
}
async function ensureIdle(client, slot, signal) {
  const status = await client.flashStatus({ signal });
  if (status.state !== "Transferring") return;
  throw new FlashError(`The BMC is busy with another transfer; node ${slot} was not flashed.`, {
    operation: "flash",
    node: slot,
    kind: "busy",
    evidence: `${status.processName}: id ${status.id}, ${formatBytes(status.bytesWritten)} written`,
    advice: "The BMC runs one transfer per board and a new request would cancel the running one. Wait until it ends (or cancel it deliberately), then retry."
  });
}
async function openImage(slot, image, chunkBytes) {
  try {
    return await openFileChunks(image.path, { length: image.size, chunkBytes });
  } catch (error) {
    throw new FlashError(`Cannot open the image for node ${slot}: ${String(error)}`, {
      operation: "flash",
      node: slot,
      kind: "image",
      advice: "Check the file exists and is readable."
    });
  }
}
function throwIfAborted(slot, signal) {
  if (!signal?.aborted) return;
  throw new FlashAbortedError(`Flashing node ${slot} was cancelled before it started.`, {
    operation: "flash",
    node: slot,
    kind: "aborted"
  });
}

// src/bmc/uart.ts
var ANCHOR_CHARS = 256;
function stripCut(text) {
  return text.replace(/^\uFFFD+/, "");
}
function newTextSince(previous, current, anchorChars = ANCHOR_CHARS) {
  if (previous.length === 0) return current;
  if (current.startsWith(previous)) return current.slice(previous.length);
  const anchor = previous.slice(-anchorChars);
  let from = current.length - anchor.length;
  while (from >= 0) {
    const at = current.lastIndexOf(anchor, from);
    if (at < 0) break;
    const end = at + anchor.length;
    if (isSuffixOf(current.slice(0, end), previous)) return current.slice(end);
    from = at - 1;
  }
  return current.slice(leadingOverlap(anchor, current));
}
function isSuffixOf(head, previous) {
  return previous.endsWith(stripCut(head));
}
function leadingOverlap(anchor, current) {
  const body = stripCut(current);
  const cut = current.length - body.length;
  for (let start = 0; start < anchor.length; start++) {
    const tail2 = anchor.slice(start);
    if (body.startsWith(tail2)) return cut + tail2.length;
  }
  return cut;
}
var UartWatcher = class _UartWatcher {
  last;
  fresh = "";
  /** Text kept in memory; the ring itself is only 16 KiB. */
  static KEEP = 64 * 1024;
  constructor(snapshot) {
    this.last = snapshot;
  }
  /** Feeds the latest full buffer; returns the text that is new since the previous read. */
  update(current) {
    const added = newTextSince(this.last, current);
    this.last = current;
    if (added) {
      this.fresh += added;
      if (this.fresh.length > _UartWatcher.KEEP) this.fresh = this.fresh.slice(-_UartWatcher.KEEP);
    }
    return added;
  }
  /** All text seen since the snapshot. */
  get newText() {
    return this.fresh;
  }
  /** The latest full buffer as read. */
  get buffer() {
    return this.last;
  }
};
function uartTail(text, lines = 20) {
  const clean = text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, "").replace(/\r\n?/g, "\n").replace(/[\x00-\x08\x0b-\x1f\x7f]/g, "");
  const all = clean.split("\n");
  while (all.length > 0 && all[all.length - 1].trim() === "") all.pop();
  return all.slice(-lines).map((l) => l.length > 200 ? `${l.slice(0, 200)}...` : l).join("\n");
}

// src/common/tcp-probe.ts
import net from "node:net";
function probeTcp(target2, signal) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: target2.host, port: target2.port });
    const finish2 = (result) => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      socket.destroy();
      resolve(result);
    };
    const onAbort = () => finish2({ ok: false, error: "aborted" });
    const timer = setTimeout(
      () => finish2({ ok: false, error: "ETIMEDOUT" }),
      target2.connectTimeoutMs ?? 3e3
    );
    signal?.addEventListener("abort", onAbort, { once: true });
    socket.once("connect", () => finish2({ ok: true }));
    socket.once(
      "error",
      (err) => finish2({ ok: false, error: err.code ?? err.message })
    );
  });
}

// src/bmc/boot.ts
async function waitForBoot(source, slot, options) {
  const { pattern, tcp, log } = options;
  validate(source, options);
  const started = Date.now();
  const uploads = pattern ? source?.ownUploads : void 0;
  const excusedMs = () => uploads ? uploads.busyMsBetween(started) : 0;
  const deadline = () => started + options.timeoutMs + excusedMs();
  const pollMs = options.pollIntervalMs ?? 5e3;
  const requireAll = options.require === "all";
  const inner = new AbortController();
  const onOuterAbort = () => inner.abort(options.signal?.reason);
  options.signal?.addEventListener("abort", onOuterAbort, { once: true });
  let snapshot = options.snapshot;
  if (snapshot === void 0 && pattern && source)
    snapshot = await source.readUart(slot, { signal: options.signal });
  if (options.powerOn && source) await source.setPower(slot, true);
  const watcher = new UartWatcher(snapshot ?? "");
  let uartMatch;
  let tcpOk = false;
  let lastUartError;
  let lastTcpError;
  let fatal;
  const satisfied = () => {
    const uart = pattern ? uartMatch !== void 0 : requireAll;
    const net2 = tcp ? tcpOk : requireAll;
    return requireAll ? uart && net2 : uart || net2;
  };
  const check = () => {
    if (satisfied()) inner.abort("booted");
  };
  const uartLoop = async () => {
    if (!pattern || !source) return;
    const regex = new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ""));
    const delays = new Backoff(Math.min(250, pollMs), pollMs);
    while (!inner.signal.aborted) {
      try {
        await uploads?.idle(inner.signal);
        const text = await source.readUart(slot, {
          signal: inner.signal,
          timeoutMs: Math.max(1e3, deadline() - Date.now())
        });
        watcher.update(text);
        const found = regex.exec(watcher.newText);
        if (found) {
          uartMatch = found[0];
          log?.debug(`node ${slot}: boot pattern ${String(pattern)} seen on the UART`);
          return check();
        }
      } catch (error) {
        if (inner.signal.aborted) return;
        if (error instanceof BmcAuthError || error instanceof BmcProtocolError) {
          lastUartError = error.message;
          if (!tcp || requireAll) {
            fatal = error;
            inner.abort("fatal");
          }
          return;
        }
        lastUartError = error instanceof Error ? error.message : String(error);
        log?.debug(`node ${slot}: UART read failed, retrying: ${lastUartError}`);
      }
      await sleep(delays.next(), inner.signal).catch(() => void 0);
    }
  };
  const tcpLoop = async () => {
    if (!tcp) return;
    const gap = Math.min(pollMs, 2e3);
    const delays = new Backoff(Math.min(250, gap), gap);
    while (!inner.signal.aborted) {
      const result = await probeTcp(
        {
          ...tcp,
          connectTimeoutMs: Math.min(
            tcp.connectTimeoutMs ?? 3e3,
            Math.max(100, deadline() - Date.now())
          )
        },
        inner.signal
      );
      if (result.ok) {
        tcpOk = true;
        log?.debug(`node ${slot}: ${tcp.host}:${tcp.port} accepts connections`);
        return check();
      }
      if (result.error !== "aborted") lastTcpError = result.error;
      await sleep(delays.next(), inner.signal).catch(() => void 0);
    }
  };
  let timer;
  const arm = () => {
    const left = deadline() - Date.now();
    if (left <= 0 && !uploads?.busy) return inner.abort("timeout");
    timer = setTimeout(arm, Math.max(50, Math.min(left, uploads?.busy ? 1e3 : left)));
  };
  arm();
  try {
    await Promise.all([uartLoop(), tcpLoop()]);
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", onOuterAbort);
  }
  if (satisfied()) {
    const via = [];
    if (uartMatch !== void 0) via.push("uart");
    if (tcpOk) via.push("tcp");
    const durationMs = Date.now() - started;
    log?.debug(`node ${slot}: booted after ${formatDuration(durationMs)} (${via.join(" + ")})`);
    return {
      slot,
      via,
      durationMs,
      ...uartMatch !== void 0 ? { match: uartMatch } : {},
      uartText: watcher.newText
    };
  }
  if (options.signal?.aborted) throw options.signal.reason ?? new Error("aborted");
  if (fatal) throw fatal;
  throw new BootTimeoutError(
    `Node ${slot} did not finish booting within ${formatDuration(options.timeoutMs)}` + (excusedMs() > 0 ? ` (not counting ${formatDuration(excusedMs())} while our upload of another node kept the BMC busy).` : "."),
    {
      node: slot,
      evidence: evidence(watcher, options, { lastUartError, lastTcpError, uartMatch, tcpOk }),
      advice: "Read the console output above to see where the boot stops (no output at all: wrong or corrupt image, or the module is not seated). Power-cycle the node and watch its UART; if the image is right, flash it again. A slow first boot (Armbian resizes its root filesystem) may need a longer timeout."
    }
  );
}
function validate(source, options) {
  const problems = [];
  if (!options.pattern && !options.tcp) {
    problems.push({ path: "pattern", message: "give a UART pattern, a TCP target, or both" });
  }
  if (options.pattern && !source) {
    problems.push({
      path: "pattern",
      message: "a UART pattern needs a BMC client to read the UART"
    });
  }
  if (!(options.timeoutMs > 0))
    problems.push({ path: "timeoutMs", message: "must be a positive number" });
  if (problems.length > 0) throw new InputError("Invalid boot check options.", problems);
}
function evidence(watcher, options, seen) {
  const parts = [];
  if (options.pattern) {
    if (seen.uartMatch !== void 0) parts.push(`UART matched ${String(options.pattern)}.`);
    else if (watcher.newText.trim()) {
      parts.push(
        `No match for ${String(options.pattern)}. UART output since power-on (last lines):
${uartTail(watcher.newText)}`
      );
    } else {
      parts.push("No new UART output since power-on.");
    }
    if (seen.lastUartError && seen.uartMatch === void 0)
      parts.push(`Last UART read failed: ${seen.lastUartError}`);
  }
  if (options.tcp) {
    const where = `${options.tcp.host}:${options.tcp.port}`;
    parts.push(
      seen.tcpOk ? `TCP ${where} reachable.` : `TCP ${where} not reachable (last: ${seen.lastTcpError ?? "no attempt"}).`
    );
  }
  return parts.join("\n");
}

// src/provision/bmc-session.ts
async function bmcClient(host, inventory, credentials) {
  const { caFile } = inventory.bmc.tls;
  return new BmcClient({
    host: inventory.bmc.host,
    port: inventory.bmc.port,
    tls: {
      mode: inventory.bmc.tls.mode,
      fingerprint: inventory.bmc.tls.fingerprint,
      caPem: caFile ? await readFile(caFile, "utf8") : void 0
    },
    username: credentials.user,
    password: credentials.password,
    log: host.log
  });
}
function isSimulated(version) {
  return /rk1[ -]lab/i.test(`${version.boardModel ?? ""} ${version.hostname ?? ""}`);
}
function describeBmc(version) {
  const parts = [
    version.boardModel ?? "Turing Pi",
    version.board ? `board ${version.board}` : void 0,
    version.daemonVersion ? `bmcd ${version.daemonVersion}` : void 0,
    version.firmwareVersion ? `firmware ${version.firmwareVersion}` : void 0,
    version.api ? `API ${version.api}` : void 0
  ];
  return parts.filter(Boolean).join(", ");
}
async function detectBmc(host, client, inventory) {
  const version = await host.log.group("BMC", async () => {
    const found = await client.detectVersion();
    host.log.info(`BMC ${inventory.bmc.host}: ${describeBmc(found)}`);
    return found;
  });
  const simulated = isSimulated(version);
  if (simulated)
    host.log.warn("This BMC is the rk1 virtual lab: every result of this run is SIMULATED.");
  return simulated;
}
function bmcProvider(host, inventory, credentials, prepareImage2, opened) {
  return {
    open: async () => {
      const image = await host.log.group("Image", prepareImage2);
      const client = await bmcClient(host, inventory, credentials);
      try {
        const simulated = await detectBmc(host, client, inventory);
        await opened?.(image, simulated);
        return { client, image, simulated };
      } catch (error) {
        client.close();
        throw error;
      }
    },
    simulated: async () => {
      let client;
      try {
        client = await bmcClient(host, inventory, credentials);
        return await detectBmc(host, client, inventory);
      } catch (error) {
        host.log.warn(
          `The BMC did not say what it is (${errorText(error)}): results are not labelled SIMULATED.`
        );
        return false;
      } finally {
        client?.close();
      }
    }
  };
}

// src/provision/confirm.ts
function requireConfirmation(clusterName, confirm, what) {
  if (confirm === clusterName) return;
  const seen = confirm ? `"${confirm}"` : "nothing";
  throw new ConfirmationError(
    `Refusing to ${what}: ${inputRef("confirm")} must equal the cluster name.`,
    {
      step: "confirm",
      evidence: `${inputRef("confirm")} was ${seen}; the inventory's cluster name is "${clusterName}"`,
      advice: `Pass ${inputRef("confirm", clusterName)} to go ahead, or ${inputRef("dry-run", "true")} to see the plan.`
    }
  );
}

// src/distro/k3s/ssh-key.ts
var import_ssh2 = __toESM(require_lib(), 1);
function maskKey(host, privateKey) {
  host.mask(privateKey.trim());
  for (const line of privateKey.split("\n"))
    if (line.trim().length >= 16 && !line.startsWith("-----")) host.mask(line.trim());
}
function publicKeyOf(privateKey) {
  const parsed = import_ssh2.default.utils.parseKey(privateKey);
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (!key || key instanceof Error || key.isPrivateKey() === false)
    throw new InputError("The SSH private key cannot be used", [
      {
        path: "ssh-private-key",
        file: "inputs",
        message: "is not an unencrypted OpenSSH or PEM private key (" + (key instanceof Error ? key.message : "not a private key") + ")"
      }
    ]);
  return `${key.type} ${key.getPublicSSH().toString("base64")} rk1-actions`;
}
function resolveNodeKey(host, input, stored) {
  if (input && input.trim()) {
    const privateKey = `${input.trim()}
`;
    maskKey(host, privateKey);
    return { privateKey, publicKey: publicKeyOf(privateKey), origin: "input" };
  }
  if (stored) {
    const privateKey = `${stored.value.trim()}
`;
    maskKey(host, privateKey);
    return { privateKey, publicKey: publicKeyOf(privateKey), origin: "file", path: stored.path };
  }
  const pair = generateEd25519KeyPair("rk1-actions");
  maskKey(host, pair.private);
  return { privateKey: pair.private, publicKey: pair.public.trim(), origin: "generated" };
}

// src/image/prepare.ts
import { mkdir, rename, stat as stat2 } from "node:fs/promises";
import { join } from "node:path";
async function finish(path, name, subject, sha256, origin) {
  const size = (await stat2(path)).size;
  const format = await detectFileFormat(path, name, subject);
  return { path, size, fileName: bmcFileName(name, format), sha256, format, origin };
}
async function checkLocalFile(src, spec, baseDir) {
  let info;
  try {
    info = await stat2(src.path);
  } catch (error) {
    throw new ImageError(`Image file ${src.path} does not exist.`, {
      evidence: `source "${spec.source}" resolved against ${baseDir}: ${error.message}`,
      advice: "Fix the image path in the inventory (relative paths start at the inventory file)."
    });
  }
  if (!info.isFile()) {
    throw new ImageError(`Image ${src.path} is not a regular file.`, {
      evidence: info.isDirectory() ? "it is a directory" : "it is a special file",
      advice: "Point the inventory at the .img, .raw or .xz file itself."
    });
  }
  if (info.size === 0) {
    throw new ImageError(`Image file ${src.path} is empty.`, {
      advice: "Point the inventory at a complete image."
    });
  }
  return info.size;
}
async function prepareLocal(src, spec, pinned, opts) {
  const size = await checkLocalFile(src, spec, opts.baseDir);
  const subject = `Image ${src.path}`;
  await detectFileFormat(src.path, src.name, subject);
  opts.log.info(`Using local image ${src.path} (${formatBytes(size)}); computing its sha256.`);
  const sha256 = await sha256File(src.path, { log: opts.log, signal: opts.signal, label: src.name });
  if (pinned) verifySha256(pinned, sha256, { file: src.path, size });
  return finish(src.path, src.name, subject, sha256, "local");
}
async function preparePinned(src, pinned, opts) {
  const dir = digestDir(opts.cacheDir, pinned);
  const subject = `Image ${src.display}`;
  const hit = async () => {
    const cached = await findCachedFile(dir, src.name);
    if (!cached) return void 0;
    opts.log.info(`Image ${src.name}: cache hit (${cached}).`);
    return finish(cached, src.name, subject, pinned, "cache-hit");
  };
  const early = await hit();
  if (early) return early;
  const release = await acquireLock(join(dir, `${src.name}.lock`), {
    log: opts.log,
    signal: opts.signal,
    what: src.display
  });
  try {
    const late = await hit();
    if (late) return late;
    const partialPath = join(dir, `${src.name}.partial`);
    opts.log.info(`Downloading ${src.display} into the image cache.`);
    const result = await downloadToPartial({
      url: src.url,
      partialPath,
      expectedSha256: pinned,
      label: src.name,
      log: opts.log,
      signal: opts.signal,
      fetchOptions: opts.fetchOptions,
      retry: opts.retry
    });
    await checkFormatOrDiscard(result.path, src.name, subject);
    const target2 = join(dir, src.name);
    await rename(result.path, target2);
    await removeQuietly(`${result.path}.json`);
    return finish(target2, src.name, subject, pinned, "downloaded");
  } finally {
    await release();
  }
}
async function checkFormatOrDiscard(path, name, subject) {
  try {
    await detectFileFormat(path, name, subject);
  } catch (error) {
    await removeQuietly(path, `${path}.json`);
    throw error;
  }
}
function header(value) {
  return Array.isArray(value) ? value[0] : value;
}
async function revalidate(src, entry, opts) {
  let res;
  try {
    res = await httpRequest(src.url, {
      method: "HEAD",
      fetchOptions: opts.fetchOptions,
      signal: opts.signal,
      idleTimeoutMs: opts.retry?.idleTimeoutMs
    });
  } catch (error) {
    if (opts.signal?.aborted) throw opts.signal.reason ?? error;
    if (error instanceof TransientError)
      return { state: "unreachable", reason: `${error.evidence}` };
    throw error;
  }
  res.body.resume();
  if (res.status === 404 || res.status === 410 || res.status === 401 || res.status === 403) {
    return { state: "gone", error: statusError(res, src.url) };
  }
  if (res.status !== 200) return { state: "unverifiable" };
  const lengthText = header(res.headers["content-length"]);
  const length = lengthText && /^\d+$/.test(lengthText) ? Number(lengthText) : void 0;
  if (!entry) return { state: "changed", length };
  const etag = header(res.headers.etag);
  const lastModified = header(res.headers["last-modified"]);
  let validated = false;
  if (entry.etag && etag) {
    if (entry.etag !== etag) return { state: "changed", length };
    validated = true;
  }
  if (entry.lastModified && lastModified) {
    if (entry.lastModified !== lastModified) return { state: "changed", length };
    validated = true;
  }
  if (length !== void 0 && length !== entry.length) return { state: "changed", length };
  return { state: validated ? "fresh" : "unverifiable", length };
}
function warnUnpinned(src, sha256, log) {
  log.warn(
    `No sha256 is pinned for ${src.display}; add "sha256: ${sha256}" to the inventory so a replaced or tampered image is detected and cache hits need no network.`
  );
}
async function cachedFromIndex(src, opts) {
  const entry = await readIndex(`${byUrlBase(opts.cacheDir, src.url)}.json`);
  if (!entry) return void 0;
  const path = await findCachedFile(digestDir(opts.cacheDir, entry.sha256), entry.fileName);
  return path ? { entry, path } : void 0;
}
async function prepareUnpinned(src, opts) {
  const subject = `Image ${src.display}`;
  const base = byUrlBase(opts.cacheDir, src.url);
  const known = await cachedFromIndex(src, opts);
  if (known) {
    const check = await revalidate(src, known.entry, opts);
    if (check.state === "fresh" || check.state === "unreachable" || check.state === "gone") {
      if (check.state === "unreachable") {
        opts.log.warn(
          `Could not revalidate ${src.display} (${check.reason}); using the cached copy.`
        );
      } else if (check.state === "gone") {
        opts.log.warn(`${check.error.message} Using the cached copy; update the inventory URL.`);
      }
      opts.log.info(`Image ${src.name}: cache hit (${known.path}).`);
      warnUnpinned(src, known.entry.sha256, opts.log);
      return finish(known.path, src.name, subject, known.entry.sha256, "cache-hit");
    }
    opts.log.info(
      check.state === "changed" ? `${src.display} changed since it was cached; downloading it again.` : `${src.display} cannot be revalidated (no ETag or Last-Modified); downloading it again.`
    );
  }
  const release = await acquireLock(`${base}.lock`, {
    log: opts.log,
    signal: opts.signal,
    what: src.display
  });
  try {
    const now = await cachedFromIndex(src, opts);
    if (now && now.entry.storedAt !== known?.entry.storedAt) {
      opts.log.info(`Image ${src.name}: fetched meanwhile by another process (${now.path}).`);
      warnUnpinned(src, now.entry.sha256, opts.log);
      return finish(now.path, src.name, subject, now.entry.sha256, "cache-hit");
    }
    opts.log.info(`Downloading ${src.display} into the image cache.`);
    const result = await downloadToPartial({
      url: src.url,
      partialPath: `${base}.partial`,
      label: src.name,
      log: opts.log,
      signal: opts.signal,
      fetchOptions: opts.fetchOptions,
      retry: opts.retry
    });
    await checkFormatOrDiscard(result.path, src.name, subject);
    const dir = digestDir(opts.cacheDir, result.sha256);
    await mkdir(dir, { recursive: true });
    const existing = await findCachedFile(dir, src.name);
    const target2 = existing ?? join(dir, src.name);
    if (existing) await removeQuietly(result.path);
    else await rename(result.path, target2);
    await removeQuietly(`${result.path}.json`);
    const entry = {
      url: src.display,
      sha256: result.sha256,
      fileName: src.name,
      length: result.size,
      etag: result.etag,
      lastModified: result.lastModified,
      storedAt: (/* @__PURE__ */ new Date()).toISOString()
    };
    await writeJsonAtomic(`${base}.json`, entry);
    warnUnpinned(src, result.sha256, opts.log);
    return finish(target2, src.name, subject, result.sha256, "downloaded");
  } finally {
    await release();
  }
}
async function prepareImage(spec, opts) {
  opts.signal?.throwIfAborted();
  const src = parseSource(spec.source, opts.baseDir);
  const pinned = normalizeSha256(spec.sha256, `sha256 of image ${spec.source}`);
  if (src.kind === "local") return prepareLocal(src, spec, pinned, opts);
  await mkdir(opts.cacheDir, { recursive: true });
  return pinned ? preparePinned(src, pinned, opts) : prepareUnpinned(src, opts);
}
async function describeImage(spec, opts) {
  const src = parseSource(spec.source, opts.baseDir);
  const pinned = normalizeSha256(spec.sha256, `sha256 of image ${spec.source}`);
  if (src.kind === "local") {
    const size2 = await checkLocalFile(src, spec, opts.baseDir);
    const format2 = await detectFileFormat(src.path, src.name, `Image ${src.path}`);
    return { fileName: bmcFileName(src.name, format2), format: format2, size: size2, cached: true };
  }
  const subject = `Image ${src.display}`;
  const known = pinned ? void 0 : await cachedFromIndex(src, opts);
  const cachedPath = pinned ? await findCachedFile(digestDir(opts.cacheDir, pinned), src.name) : known?.path;
  const fromFile = async (path) => {
    const format2 = await detectFileFormat(path, src.name, subject);
    return {
      fileName: bmcFileName(src.name, format2),
      format: format2,
      size: (await stat2(path)).size,
      cached: true
    };
  };
  if (pinned && cachedPath) return fromFile(cachedPath);
  const check = await revalidate(src, known?.entry, opts);
  if (cachedPath && check.state !== "changed" && check.state !== "unverifiable") {
    return fromFile(cachedPath);
  }
  if (check.state === "gone") throw check.error;
  if (check.state === "unreachable")
    opts.log.warn(`Could not reach ${src.display}: ${check.reason}`);
  const format = src.nameFormat ?? "raw";
  const size = check.state === "unreachable" ? void 0 : check.length;
  return { fileName: bmcFileName(src.name, format), format, size, cached: false };
}

// src/distro/talos/install-talosctl.ts
import { constants } from "node:fs";
import { access, chmod } from "node:fs/promises";
import { delimiter, join as join2 } from "node:path";
var TalosctlMissingError = class extends Rk1Error {
};
var RELEASES = "https://github.com/siderolabs/talos/releases/download";
async function isExecutable(path) {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
async function findOnPath(pathVar) {
  for (const dir of (pathVar ?? "").split(delimiter).filter(Boolean)) {
    const candidate = join2(dir, "talosctl");
    if (await isExecutable(candidate)) return candidate;
  }
  return void 0;
}
function releaseAsset() {
  const arch = process.arch === "x64" ? "amd64" : process.arch === "arm64" ? "arm64" : void 0;
  if (process.platform !== "linux" && process.platform !== "darwin")
    throw new TalosctlMissingError(`No talosctl release for ${process.platform}.`, {
      step: "talosctl",
      advice: "Run on Linux or macOS, or put talosctl on PATH."
    });
  if (!arch)
    throw new TalosctlMissingError(`No talosctl release for ${process.arch}.`, {
      step: "talosctl",
      advice: "Put a talosctl for this machine on PATH."
    });
  return `talosctl-${process.platform}-${arch}`;
}
function checksumFor(sumsText, asset) {
  for (const line of sumsText.split("\n")) {
    const m = /^([0-9a-f]{64})\s+\*?(\S+)\s*$/i.exec(line.trim());
    if (m && m[2] === asset) return m[1].toLowerCase();
  }
  return void 0;
}
async function fetchText(url, signal) {
  const res = await httpRequest(new URL(url), { method: "GET", signal, idleTimeoutMs: 3e4 });
  if (res.status !== 200) throw statusError(res, new URL(url));
  const chunks = [];
  for await (const chunk of res.body) chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf8");
}
async function locateTalosctl(options) {
  const onPath = await findOnPath(options.env.PATH);
  if (onPath) return onPath;
  const asset = releaseAsset();
  const base = `${RELEASES}/${options.version}`;
  options.log.info(`talosctl is not on PATH: installing ${asset} ${options.version}.`);
  try {
    const sha256 = checksumFor(await fetchText(`${base}/sha256sum.txt`, options.signal), asset);
    if (!sha256) throw new Error(`sha256sum.txt of ${options.version} has no line for ${asset}`);
    const file = await prepareImage(
      { source: `${base}/${asset}`, sha256 },
      {
        cacheDir: options.cacheDir,
        baseDir: options.cacheDir,
        log: options.log,
        signal: options.signal
      }
    );
    await chmod(file.path, 493);
    return file.path;
  } catch (error) {
    throw new TalosctlMissingError("talosctl is not available.", {
      step: "talosctl",
      evidence: `not on PATH; installing ${asset} ${options.version} from ${base} failed: ${errorText(error)}`,
      advice: `Install talosctl ${options.version} on the runner (same minor as the nodes) and put it on PATH.`
    });
  }
}

// src/distro/talos/node-state.ts
var stateText = {
  off: "off or not booted",
  "other-os": "another OS (SSH answers, no Talos API)",
  maintenance: "Talos maintenance mode",
  ours: "Talos, this cluster",
  "other-secrets": "Talos configured with another cluster's secrets"
};
async function machineStatus(talosctl, talosconfig, ip) {
  const r = await talosctl.secure({ talosconfig, endpoint: ip, node: ip }, [
    "get",
    "machinestatus",
    "-o",
    "json"
  ]);
  if (r.code !== 0) return {};
  const spec = parseJsonStream(r.stdout)[0]?.spec;
  return { stage: spec?.stage, ready: spec?.status?.ready };
}
async function observeTalos(node, options) {
  const { talosctl, talosconfig } = options;
  const insecure = await talosctl.insecure(talosconfig, node.ip, ["version"], 3e4);
  if (insecure.code === 0)
    return {
      kind: "maintenance",
      version: serverTag(insecure.stdout),
      detail: "the maintenance API answers without a client certificate"
    };
  if (options.haveSecrets) {
    const secure = await talosctl.secure(
      { talosconfig, endpoint: node.ip, node: node.ip },
      ["version"],
      3e4
    );
    if (secure.code === 0) {
      const status = await machineStatus(talosctl, talosconfig, node.ip);
      return {
        kind: "ours",
        version: serverTag(secure.stdout),
        ...status,
        detail: "the API accepts our client certificate"
      };
    }
    return { kind: "other-secrets", detail: firstError(secure) };
  }
  return {
    kind: "other-secrets",
    detail: `configured Talos (the maintenance API is gone: ${firstError(insecure)}); no Talos secrets were given to prove it is ours`
  };
}

// src/distro/talos/operations.ts
var TalosStepError = class extends Rk1Error {
};
var target = (ctx, node, endpoint = node) => ({
  talosconfig: ctx.talosconfig,
  endpoint: endpoint.ip,
  node: node.ip
});
var label = (node) => `slot ${node.slot} (${node.hostname})`;
async function applyInMaintenance(ctx, node, file) {
  const r = await ctx.talosctl.insecure(ctx.talosconfig, node.ip, ["apply-config", "--file", file]);
  if (r.code !== 0)
    throw new TalosStepError(`apply-config to ${label(node)} failed.`, {
      node: node.slot,
      step: "apply-config",
      evidence: firstError(r),
      advice: "Check that the node is in maintenance mode (`talosctl version --insecure -n <ip>`)."
    });
  return firstError(r);
}
async function waitForMaintenance(ctx, node, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  const backoff = new Backoff(100, 3e3);
  let last = "";
  while (Date.now() < deadline) {
    const r = await ctx.talosctl.insecure(ctx.talosconfig, node.ip, ["version"], 3e4);
    if (r.code === 0) return;
    last = firstError(r);
    await sleep(backoff.next(), ctx.signal);
  }
  throw new TalosStepError(`${label(node)} booted but its maintenance API does not answer.`, {
    node: node.slot,
    step: "maintenance",
    evidence: last,
    advice: "Read the node console (`tpi uart -n <slot> get`): the image may not be Talos for the RK1."
  });
}
async function waitForConfigured(ctx, node, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  const backoff = new Backoff(100, 3e3);
  let last = "";
  let stillMaintenance = false;
  let stage;
  while (Date.now() < deadline) {
    const r = await ctx.talosctl.secure(target(ctx, node), ["version"], 3e4);
    if (r.code === 0) {
      const status = await machineStatus(ctx.talosctl, ctx.talosconfig, node.ip);
      stage = status.stage;
      if (status.stage === "running") return { version: serverTag(r.stdout) };
      last = `secure API answers, machine stage ${status.stage ?? "unknown"}`;
      stillMaintenance = false;
    } else {
      last = firstError(r);
      const insecure = await ctx.talosctl.insecure(ctx.talosconfig, node.ip, ["version"], 3e4);
      stillMaintenance = insecure.code === 0;
    }
    await sleep(backoff.next(), ctx.signal);
  }
  if (stillMaintenance)
    throw new TalosStepError(
      `${label(node)} accepted its config but stayed in maintenance mode for ${Math.round(timeoutMs / 1e3)} s.`,
      {
        node: node.slot,
        step: "configure",
        evidence: `the maintenance API still answers; the secure API says: ${last}`,
        advice: `Read the node console (\`tpi uart -n <slot> get\`) for "failed to apply configuration"; a damaged eMMC STATE partition is the usual cause: re-run with ${inputRef("reflash", "true")} for this node.`
      }
    );
  throw new TalosStepError(
    `${label(node)} did not come up configured within ${Math.round(timeoutMs / 1e3)} s.`,
    {
      node: node.slot,
      step: "configure",
      evidence: stage ? `stage ${stage}; ${last}` : last,
      advice: "Read the node console (`tpi uart -n <slot> get`) and raise boot-timeout if it is still installing."
    }
  );
}
var RETRY2 = /bootstrap is not available yet|time is not in sync yet|code = Unavailable/;
async function bootstrapOnce(ctx, cp, timeoutMs, onRetry) {
  const members = await ctx.talosctl.secure(target(ctx, cp), ["etcd", "members"], 3e4);
  if (members.code === 0) return "already-bootstrapped";
  const deadline = Date.now() + timeoutMs;
  const backoff = new Backoff(100, 5e3);
  let last = "";
  while (Date.now() < deadline) {
    const r = await ctx.talosctl.secure(target(ctx, cp), ["bootstrap"], 6e4);
    if (r.code === 0) return "bootstrapped";
    last = firstError(r);
    if (/code = AlreadyExists/.test(r.stderr)) return "raced";
    if (!RETRY2.test(r.stderr))
      throw new TalosStepError(`Bootstrap of etcd on ${label(cp)} failed.`, {
        node: cp.slot,
        step: "bootstrap",
        evidence: last,
        advice: "Read `talosctl dmesg` / the node console; nothing was bootstrapped twice."
      });
    onRetry(last);
    await sleep(backoff.next(), ctx.signal);
  }
  throw new TalosStepError(`Bootstrap of etcd on ${label(cp)} did not succeed in time.`, {
    node: cp.slot,
    step: "bootstrap",
    evidence: last,
    advice: /time is not in sync/.test(last) ? "The node has no NTP time: check that it reaches its time servers (UDP 123)." : "Check the control plane console; raise boot-timeout on slow hardware."
  });
}
async function health(ctx, cp, nodes, timeoutMs) {
  const ips = (role) => nodes.filter((n) => n.role === role).map((n) => n.ip).join(",");
  const args = ["health", "--wait-timeout", `${Math.max(1, Math.round(timeoutMs / 1e3))}s`];
  if (ips("control-plane")) args.push("--control-plane-nodes", ips("control-plane"));
  if (ips("worker")) args.push("--worker-nodes", ips("worker"));
  const r = await ctx.talosctl.secure(target(ctx, cp), args, timeoutMs + 6e4);
  if (r.code !== 0) {
    const waiting = r.stderr.split("\n").filter((l) => l.startsWith("waiting for")).slice(-3).join("\n");
    throw new TalosStepError("The cluster did not become healthy.", {
      step: "health",
      evidence: `${firstError({ ...r, stderr: r.stderr.split("\n").reverse().join("\n") })}
${waiting}`,
      advice: "Look at the failing condition; `talosctl dmesg -n <ip>` shows why a node is behind."
    });
  }
}
async function fetchKubeconfig(ctx, cp, path) {
  const r = await ctx.talosctl.secure(target(ctx, cp), [
    "kubeconfig",
    path,
    "--merge=false",
    "--force"
  ]);
  if (r.code !== 0)
    throw new TalosStepError(`Fetching the kubeconfig from ${label(cp)} failed.`, {
      node: cp.slot,
      step: "kubeconfig",
      evidence: firstError(r),
      advice: "Check that Kubernetes runs on the control plane (`talosctl health`)."
    });
}
async function upgradeNode(ctx, node, image, timeoutMs) {
  const r = await ctx.talosctl.secure(
    target(ctx, node),
    [
      "upgrade",
      "-i",
      image,
      "--wait",
      "--timeout",
      `${Math.max(1, Math.round(timeoutMs / 1e3))}s`
    ],
    timeoutMs + 6e4
  );
  if (r.code !== 0)
    throw new TalosStepError(`Upgrade of ${label(node)} to ${image} failed.`, {
      node: node.slot,
      step: "upgrade",
      evidence: firstError(r),
      advice: "Read the node console; the node keeps its previous version when an upgrade fails."
    });
}

// src/distro/k3s/config.ts
var import_yaml = __toESM(require_dist(), 1);
import { randomBytes as randomBytes2 } from "node:crypto";
var K3S_CONFIG_PATH = "/etc/rancher/k3s/config.yaml";
var RK1_MARKER_PATH = "/etc/rk1/k3s-cluster.json";
var CLUSTER_CIDR = "10.42.0.0/16";
var SERVICE_CIDR = "10.43.0.0/16";
var CLUSTER_DNS = "10.43.0.10";
function generateToken() {
  return randomBytes2(32).toString("hex");
}
function serverNode(inventory) {
  const cp = inventory.nodes.find((n) => n.role === "control-plane") ?? inventory.nodes[0];
  if (!cp) throw new Error("the inventory has no nodes");
  return cp;
}
function serverUrl(inventory) {
  const s = serverNode(inventory);
  return `https://${s.ip}:${s.ports.kubernetes}`;
}
var header2 = "# Written by rk1-actions (provision, distro k3s). Mode 0600: holds the join token.\n";
function renderServerConfig(inventory, node, token) {
  return header2 + (0, import_yaml.stringify)({
    token,
    "cluster-init": true,
    "node-name": node.hostname,
    "node-ip": node.ip,
    "tls-san": [.../* @__PURE__ */ new Set([node.ip, node.hostname, inventory.name])],
    "write-kubeconfig-mode": "0600",
    disable: ["traefik", "servicelb", "local-storage"],
    "cluster-cidr": CLUSTER_CIDR,
    "service-cidr": SERVICE_CIDR,
    "cluster-dns": CLUSTER_DNS,
    "flannel-backend": "vxlan",
    "kubelet-arg": ["max-pods=110"]
  });
}
function renderAgentConfig(inventory, node, token) {
  return header2 + (0, import_yaml.stringify)({
    server: serverUrl(inventory),
    token,
    "node-name": node.hostname,
    "node-ip": node.ip,
    "kubelet-arg": ["max-pods=110"]
  });
}
function renderMarker(inventory, node) {
  const marker = {
    cluster: inventory.name,
    role: node.role === "control-plane" ? "server" : "agent",
    server: serverUrl(inventory)
  };
  return `${JSON.stringify(marker)}
`;
}
function rewriteKubeconfig(text, server) {
  return text.replace(/^(\s*server:\s*)https:\/\/[^\s]+$/gm, `$1${server}`);
}

// src/node-access/session.ts
var import_ssh22 = __toESM(require_lib(), 1);

// src/node-access/channel-run.ts
import { randomBytes as randomBytes3 } from "node:crypto";
import { StringDecoder } from "node:string_decoder";

// src/node-access/ssh-errors.ts
var SshError = class extends Rk1Error {
};
var SshAuthError = class extends SshError {
};
var SshHostKeyError = class extends SshError {
  expected;
  seen;
  constructor(message, context) {
    super(message, {
      ...context,
      evidence: context.evidence ?? `expected ${context.expected.join(" or ")}, server sent ${context.seen}`
    });
    this.expected = context.expected;
    this.seen = context.seen;
  }
};
var SshUnreachableError = class extends SshError {
};
var SshCommandError = class extends SshError {
  command;
  code;
  signal;
  stderrTail;
  timedOut;
  constructor(message, context) {
    super(message, { ...context, evidence: context.evidence ?? (context.stderrTail || void 0) });
    this.command = context.command;
    this.code = context.code;
    this.signal = context.signal;
    this.stderrTail = context.stderrTail;
    this.timedOut = context.timedOut ?? false;
  }
};
function commandLabel(command) {
  const first = command.split("\n", 1)[0] ?? "";
  const trimmed = first.length > 120 ? `${first.slice(0, 117)}...` : first;
  return command.includes("\n") ? `${trimmed} ...` : trimmed;
}
function tail(text, lines = 20, chars = 2e3) {
  const all = text.replace(/\s+$/, "").split("\n");
  const last = all.slice(-lines).join("\n");
  return last.length > chars ? last.slice(-chars) : last;
}
var RETRYABLE_CODES = /* @__PURE__ */ new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EPIPE",
  "ECONNABORTED",
  "EAI_AGAIN"
]);
function classifyConnectError(error, ctx) {
  const e = error ?? {};
  const message = String(e.message ?? error);
  const where = `${ctx.username}@${ctx.host}:${ctx.port}`;
  const base = { node: ctx.node, step: ctx.step ?? "ssh" };
  const seen = e.code ? `${e.code}: ${message}` : message;
  if (e.level === "client-authentication") {
    return new SshAuthError(
      `SSH login as ${where} was refused.`,
      {
        ...base,
        evidence: message,
        advice: "The node does not accept the configured key/password for this user. Check that the image was prepared with this key in the user's authorized_keys (or the right password), and that the key file matches the public key that was injected."
      },
      { cause: error }
    );
  }
  if (e.level === "client-timeout") {
    return new SshUnreachableError(
      `SSH to ${where} timed out before the handshake finished.`,
      {
        ...base,
        evidence: seen,
        advice: "The node accepted TCP but sshd did not answer in time: it may still be booting (first boot regenerates host keys and grows the filesystem). Wait and retry; check the UART log."
      },
      { cause: error }
    );
  }
  if (e.level === "client-dns") {
    return new SshUnreachableError(
      `The host name ${ctx.host} could not be resolved.`,
      { ...base, evidence: seen, advice: "Use the node IP address from the inventory." },
      { cause: error }
    );
  }
  if (e.level === "client-socket" || e.code && RETRYABLE_CODES.has(e.code) || isEarlyDrop(e)) {
    return new SshUnreachableError(
      `Cannot reach sshd at ${where}.`,
      {
        ...base,
        evidence: seen,
        advice: "Check that the node is powered and booted, its IP address in the inventory, and the network path from this machine. Right after a flash sshd needs a few minutes."
      },
      { cause: error }
    );
  }
  return new SshError(
    `SSH to ${where} failed: ${message}`,
    { ...base, evidence: seen, advice: "See the evidence; retry once the node is reachable." },
    { cause: error }
  );
}
function isEarlyDrop(e) {
  return /Connection lost before handshake|Connection closed|before handshake/i.test(e.message);
}
function isRetryable(error) {
  return error instanceof SshUnreachableError;
}

// src/node-access/channel-run.ts
var KILL_GRACE_MS = 2e3;
var ABANDON_MS = 5e3;
function runOnChannel(client, spec, ctx) {
  if (spec.signal?.aborted) return Promise.reject(spec.signal.reason ?? new Error("aborted"));
  return new Promise((resolve, reject) => {
    const nonce = randomBytes3(8).toString("hex");
    const report = new GroupReportFilter(nonce);
    const stdout = [];
    const outText = new StringDecoder("utf8");
    const errText = new StringDecoder("utf8");
    let stderr = "";
    let code = null;
    let exitSignal;
    let channel;
    const timers = [];
    let stopped;
    let done = false;
    const finish2 = (error) => {
      if (done) return;
      done = true;
      for (const t of timers) clearTimeout(t);
      spec.signal?.removeEventListener("abort", onAbort);
      untrack();
      if (error) reject(error);
      else resolve({ code, signal: exitSignal, stdout: Buffer.concat(stdout), stderr });
    };
    const untrack = ctx.track((error) => finish2(error));
    const timedOut = (abandoned) => new SshCommandError(
      `\`${spec.label}\` on ${ctx.where} did not finish within ${spec.timeoutMs} ms and was killed.`,
      {
        node: ctx.node,
        step: "ssh",
        command: spec.label,
        code,
        signal: exitSignal,
        stderrTail: tail(stderr),
        timedOut: true,
        advice: abandoned ? "sshd did not confirm the kill (old OpenSSH without signal support?): the command may still run on the node. Check it before retrying." : "The node may be overloaded or the command hung; check its logs."
      }
    );
    const signal = (ch, name) => {
      sendSignal(ch, name);
      if (report.pgid !== void 0) killGroup(client, report.pgid, name);
    };
    const kill = (ch, why) => {
      if (why === "abort") {
        signal(ch, "KILL");
        ch.close();
        return;
      }
      signal(ch, "TERM");
      timers.push(
        setTimeout(() => {
          signal(ch, "KILL");
          ch.close();
          timers.push(setTimeout(() => finish2(timedOut(true)), ABANDON_MS));
        }, KILL_GRACE_MS)
      );
    };
    const stop = (why) => {
      if (stopped || done) return;
      stopped = why;
      if (channel) kill(channel, why);
    };
    const onAbort = () => {
      stop("abort");
      finish2(spec.signal?.reason ?? new Error("aborted"));
    };
    spec.signal?.addEventListener("abort", onAbort, { once: true });
    if (spec.timeoutMs !== void 0) timers.push(setTimeout(() => stop("timeout"), spec.timeoutMs));
    client.exec(groupReportPrefix(nonce) + spec.command, { pty: false }, (error, ch) => {
      if (error) {
        return finish2(
          new SshCommandError(`Could not start \`${spec.label}\` on ${ctx.where}.`, {
            node: ctx.node,
            step: "ssh",
            command: spec.label,
            code: null,
            stderrTail: "",
            evidence: error.message,
            advice: "sshd refused a new session (MaxSessions?) or the connection is closing."
          })
        );
      }
      channel = ch;
      ch.on("error", () => void 0);
      if (stopped) {
        kill(ch, stopped);
        if (stopped === "abort") return;
      }
      ch.on("data", (chunk) => {
        stdout.push(chunk);
        if (spec.onStdout) spec.onStdout(outText.write(chunk));
      });
      const onStderr = (bytes) => {
        const text = errText.write(bytes);
        stderr += text;
        if (text) spec.onStderr?.(text);
      };
      ch.stderr.on("data", (chunk) => {
        const hadGroup = report.pgid !== void 0;
        onStderr(report.write(chunk));
        if (!hadGroup && report.pgid !== void 0 && stopped)
          killGroup(client, report.pgid, "KILL");
      });
      ch.on("exit", (exitCode, sig) => {
        if (typeof exitCode === "number") code = exitCode;
        if (sig) exitSignal = sig;
      });
      ch.on("close", () => {
        onStderr(report.end());
        stderr += errText.end();
        const rest = outText.end();
        if (rest) spec.onStdout?.(rest);
        finish2(stopped === "timeout" ? timedOut(false) : void 0);
      });
      writeInput(ch, spec.input, (streamError) => {
        stop("abort");
        finish2(
          new SshError(
            `Reading the data for \`${spec.label}\` failed.`,
            { node: ctx.node, step: "ssh", evidence: streamError.message },
            { cause: streamError }
          )
        );
      });
    });
  });
}
function killGroup(client, pgid, name) {
  if (!Number.isInteger(pgid) || pgid <= 1) return;
  try {
    client.exec(`kill -${name} -- -${pgid} 2>/dev/null; true`, { pty: false }, (error, ch) => {
      if (error) return;
      ch.on("error", () => void 0);
      ch.resume();
      ch.stderr.resume();
      ch.end();
    });
  } catch {
  }
}
function sendSignal(ch, name) {
  const inner = ch;
  const protocol = inner._client?._protocol;
  const outgoing = inner.outgoing;
  try {
    if (outgoing && (outgoing.state === "open" || outgoing.state === "eof") && protocol?.signal)
      protocol.signal(outgoing.id, name);
    else ch.signal(name);
  } catch {
  }
}
function writeInput(ch, input, onError) {
  if (input === void 0) return void ch.end();
  if (Buffer.isBuffer(input)) return void ch.end(input);
  input.once("error", onError);
  input.pipe(ch);
}

// src/node-access/host-key.ts
import { createHash as createHash2 } from "node:crypto";
var learned = /* @__PURE__ */ new WeakMap();
function fingerprintOf(publicKeyBlob) {
  const digest = createHash2("sha256").update(publicKeyBlob).digest("base64");
  return `SHA256:${digest.replace(/=+$/, "")}`;
}
function normalizeFingerprint2(value) {
  const raw = value.trim().replace(/^SHA256:/i, "").replace(/=+$/, "");
  if (!/^[A-Za-z0-9+/]{43}$/.test(raw)) return void 0;
  return `SHA256:${raw}`;
}
var HostKeyCheck = class {
  constructor(policy, where) {
    this.policy = policy;
    this.where = where;
    if (policy.mode === "pin") {
      const bad = policy.fingerprints.filter((f) => normalizeFingerprint2(f) === void 0);
      if (policy.fingerprints.length === 0 || bad.length > 0) {
        throw new SshHostKeyError(`Invalid host key pin for ${where.host}:${where.port}.`, {
          node: where.node,
          step: "ssh",
          expected: policy.fingerprints,
          seen: "(not connected)",
          evidence: bad.length ? `not a SHA256 fingerprint: ${bad.join(", ")}` : "the pin list is empty",
          advice: "Give fingerprints as `ssh-keygen -lf <key>.pub` prints them (SHA256:...), or use learn-once right after a flash."
        });
      }
    }
  }
  policy;
  where;
  seenFingerprint;
  /** Set when verify rejected the key; the connection then fails with this error. */
  rejection;
  get fingerprint() {
    return this.seenFingerprint;
  }
  /** ssh2 hostVerifier: returns whether the key is acceptable. */
  verify(key) {
    const seen = fingerprintOf(key);
    this.seenFingerprint = seen;
    const expected = this.expected();
    if (expected === void 0 || expected.includes(seen)) return true;
    this.rejection = this.mismatch(expected, seen);
    return false;
  }
  /** Called once the handshake completed: pins the key for a learn-once policy. */
  commit() {
    if (this.policy.mode !== "learn-once" || !this.seenFingerprint) return;
    if (!learned.has(this.policy)) learned.set(this.policy, this.seenFingerprint);
  }
  /** Re-checks after the handshake: a parallel connection may have learned another key first. */
  confirm() {
    const expected = this.expected();
    const seen = this.seenFingerprint;
    if (!seen || expected === void 0 || expected.includes(seen)) return void 0;
    this.rejection = this.mismatch(expected, seen);
    return this.rejection;
  }
  mismatch(expected, seen) {
    const learnedHere = this.policy.mode === "learn-once";
    return new SshHostKeyError(
      `The SSH host key of ${this.where.host}:${this.where.port} does not match the ${learnedHere ? "key seen earlier in this run" : "pinned fingerprint"}.`,
      {
        node: this.where.node,
        step: "ssh",
        expected,
        seen,
        advice: learnedHere ? "The node presented a different host key than earlier in this run. Unless it was re-flashed in between (then start a new learn-once policy), something else answers on this address: do not continue." : "If the node was re-flashed, its host key was regenerated: update the pinned fingerprint (or use learn-once right after the flash). Otherwise another machine answers on this address or the connection is intercepted: do not continue."
      }
    );
  }
  expected() {
    if (this.policy.mode === "pin")
      return this.policy.fingerprints.map((f) => normalizeFingerprint2(f));
    const pinned = learned.get(this.policy);
    return pinned === void 0 ? void 0 : [pinned];
  }
};

// src/node-access/session.ts
var { Client } = import_ssh22.default;
var SshSession = class _SshSession {
  constructor(client, target2, hostKeyFingerprint, node) {
    this.client = client;
    this.target = target2;
    this.hostKeyFingerprint = hostKeyFingerprint;
    this.node = node;
    client.on("error", (error) => this.lost(classifyConnectError(error, this.where())));
    client.on(
      "close",
      () => this.lost(
        new SshUnreachableError(`The SSH connection to ${this.describeTarget()} was lost.`, {
          node: this.node,
          step: "ssh",
          advice: "The node rebooted, sshd restarted or the network dropped; reconnect and retry."
        })
      )
    );
  }
  client;
  target;
  hostKeyFingerprint;
  node;
  closed = false;
  closing;
  lostError;
  running = /* @__PURE__ */ new Set();
  static connect(target2, opts) {
    const where = { host: target2.host, port: target2.port, node: opts.node };
    const ctx = { ...where, username: target2.username, step: "ssh" };
    let check;
    try {
      check = new HostKeyCheck(opts.hostKey, where);
    } catch (error) {
      return Promise.reject(error);
    }
    if (!target2.privateKey && target2.password === void 0) {
      return Promise.reject(
        new SshError(`No SSH credentials for ${target2.username}@${target2.host}.`, {
          node: opts.node,
          step: "ssh",
          advice: "Configure the SSH private key (or a password) for the nodes."
        })
      );
    }
    if (opts.signal?.aborted) return Promise.reject(opts.signal.reason ?? new Error("aborted"));
    return new Promise((resolve, reject) => {
      const client = new Client();
      let settled = false;
      const fail = (error) => {
        if (settled) return;
        settled = true;
        opts.signal?.removeEventListener("abort", onAbort);
        client.removeAllListeners("ready");
        client.end();
        client.on("error", () => void 0);
        reject(error);
      };
      const onAbort = () => fail(opts.signal?.reason ?? new Error("aborted"));
      opts.signal?.addEventListener("abort", onAbort, { once: true });
      client.on("handshake", () => {
        check.commit();
        const mismatch = check.confirm();
        if (mismatch) fail(mismatch);
      });
      client.on("keyboard-interactive", (_name, _instr, _lang, prompts, finish2) => {
        finish2(prompts.map(() => target2.password ?? ""));
      });
      client.on("error", (error) => fail(check.rejection ?? classifyConnectError(error, ctx)));
      client.on(
        "close",
        () => fail(
          check.rejection ?? classifyConnectError(new Error("Connection closed before handshake"), ctx)
        )
      );
      client.once("ready", () => {
        if (settled) return;
        settled = true;
        opts.signal?.removeEventListener("abort", onAbort);
        client.removeAllListeners("error");
        client.removeAllListeners("close");
        const fingerprint = check.fingerprint ?? "unknown";
        opts.log?.debug(
          `ssh: connected to ${ctx.username}@${ctx.host}:${ctx.port} (${fingerprint})`
        );
        resolve(new _SshSession(client, target2, fingerprint, opts.node));
      });
      const methods = [];
      if (target2.privateKey) methods.push("publickey");
      if (target2.password !== void 0) methods.push("password", "keyboard-interactive");
      const config = {
        host: target2.host,
        port: target2.port,
        username: target2.username,
        privateKey: target2.privateKey,
        password: target2.password,
        tryKeyboard: target2.password !== void 0,
        authHandler: methods,
        readyTimeout: opts.readyTimeoutMs ?? 2e4,
        keepaliveInterval: opts.keepaliveIntervalMs ?? 15e3,
        keepaliveCountMax: 4,
        hostVerifier: (key) => check.verify(key)
      };
      try {
        client.connect(config);
        client.setNoDelay(true);
      } catch (error) {
        fail(
          new SshError(
            `The SSH private key for ${ctx.username}@${ctx.host} cannot be used.`,
            {
              node: opts.node,
              step: "ssh",
              evidence: error instanceof Error ? error.message : String(error),
              advice: "Provide an unencrypted OpenSSH (ssh-keygen) or PEM private key; encrypted keys are not supported."
            },
            { cause: error }
          )
        );
      }
    });
  }
  /** Runs one command without a PTY. Non-zero exit codes are returned, not thrown (see `check`). */
  async exec(command, opts = {}) {
    let remote = command;
    let prefix;
    if (opts.env && Object.keys(opts.env).length > 0) {
      checkEnv(opts.env);
      remote = envCommand(command);
      prefix = envPreamble(opts.env);
    }
    const stdin = opts.stdin === void 0 ? void 0 : Buffer.isBuffer(opts.stdin) ? opts.stdin : Buffer.from(opts.stdin);
    const input = prefix ? Buffer.concat([prefix, stdin ?? Buffer.alloc(0)]) : stdin;
    const raw = await this.run({ ...opts, command: remote, label: commandLabel(command), input });
    const result = { ...raw, stdout: raw.stdout.toString("utf8") };
    if (opts.check && raw.code !== 0) throw this.failed(commandLabel(command), raw);
    return result;
  }
  /**
   * Runs one command with a stream on its stdin (a multi-GiB image), without buffering it.
   * Non-zero exit codes are returned; a lost connection rejects like `exec`.
   */
  async execStreaming(command, input, opts = {}) {
    const raw = await this.run({ ...opts, command, label: commandLabel(command), input });
    return { ...raw, stdout: raw.stdout.toString("utf8") };
  }
  /** Runs a bash script sent on stdin to `bash -s`, so it never shows on a command line. */
  runScript(script, opts = {}) {
    if (opts.env) checkEnv(opts.env);
    const input = Buffer.from(wrapScript(script, opts.env));
    const label2 = `bash -s <<script: ${commandLabel(script.trimStart())}>`;
    return this.run({ ...opts, command: "bash -s", label: label2, input }).then((raw) => {
      if (opts.check && raw.code !== 0) throw this.failed(label2, raw);
      return { ...raw, stdout: raw.stdout.toString("utf8") };
    });
  }
  /** Writes a file atomically (temp file in the same directory, chmod, rename). */
  async upload(remotePath, data, mode = 420, opts = {}) {
    if (!remotePath || remotePath.endsWith("/"))
      throw new TypeError(`upload needs a file path, got "${remotePath}"`);
    const label2 = `upload ${remotePath}`;
    const raw = await this.run({
      ...opts,
      command: uploadCommand(remotePath, mode),
      label: label2,
      input: data
    });
    if (raw.code !== 0) throw this.failed(label2, raw);
  }
  async download(remotePath, opts = {}) {
    const label2 = `download ${remotePath}`;
    const raw = await this.run({ ...opts, command: `cat -- ${shellQuote(remotePath)}`, label: label2 });
    if (raw.code !== 0) throw this.failed(label2, raw);
    return raw.stdout;
  }
  close() {
    if (this.closing) return this.closing;
    this.closing = new Promise((resolve) => {
      if (this.closed) return resolve();
      this.client.once("close", () => resolve());
      this.client.end();
    });
    return this.closing;
  }
  run(spec) {
    if (this.closed || this.closing)
      return Promise.reject(
        this.lostError ?? new SshError(`The SSH session to ${this.describeTarget()} is closed.`, {
          node: this.node,
          step: "ssh"
        })
      );
    return runOnChannel(this.client, spec, {
      node: this.node,
      where: this.describeTarget(),
      track: (onLost) => {
        this.running.add(onLost);
        return () => this.running.delete(onLost);
      }
    });
  }
  failed(label2, raw) {
    const how = raw.code === null ? `was killed by ${raw.signal ?? "a signal"}` : `exited ${raw.code}`;
    return new SshCommandError(`\`${label2}\` on ${this.describeTarget()} ${how}.`, {
      node: this.node,
      step: "ssh",
      command: label2,
      code: raw.code,
      signal: raw.signal,
      stderrTail: tail(raw.stderr)
    });
  }
  lost(error) {
    if (this.closed) return;
    this.closed = true;
    this.lostError = this.closing ? void 0 : error;
    for (const notify of [...this.running]) notify(error);
  }
  where() {
    const { host, port, username } = this.target;
    return { host, port, username, node: this.node };
  }
  describeTarget() {
    const node = this.node !== void 0 ? `node ${this.node} ` : "";
    return `${node}(${this.target.username}@${this.target.host}:${this.target.port})`;
  }
};

// src/node-access/ssh.ts
async function waitForSsh(target2, opts) {
  const deadline = Date.now() + opts.timeoutMs;
  const interval = opts.intervalMs ?? 2e3;
  const where = `${target2.username}@${target2.host}:${target2.port}`;
  let attempts = 0;
  let last;
  opts.log?.info(`Waiting up to ${Math.round(opts.timeoutMs / 1e3)} s for SSH on ${where}`);
  for (; ; ) {
    attempts++;
    const left = deadline - Date.now();
    try {
      return await SshSession.connect(target2, {
        hostKey: opts.hostKey,
        log: opts.log,
        signal: opts.signal,
        node: opts.node,
        keepaliveIntervalMs: opts.keepaliveIntervalMs,
        readyTimeoutMs: Math.max(1e3, Math.min(opts.readyTimeoutMs ?? 1e4, left))
      });
    } catch (error) {
      if (opts.signal?.aborted || !isRetryable(error)) throw error;
      last = error;
      opts.log?.debug(`ssh: attempt ${attempts} to ${where}: ${error.message}`);
    }
    const wait = Math.min(interval, deadline - Date.now());
    if (wait <= 0) break;
    await sleep(wait, opts.signal);
  }
  const lastSeen = last instanceof SshUnreachableError ? last.evidence : void 0;
  throw new SshUnreachableError(
    `SSH on ${where} did not come up within ${Math.round(opts.timeoutMs / 1e3)} s (${attempts} attempts).`,
    {
      node: opts.node,
      step: "ssh",
      evidence: lastSeen,
      advice: "Check the node booted (UART log through the BMC), that its IP address matches the inventory, and that sshd is enabled in the image. First boot after a flash can take several minutes."
    },
    { cause: last }
  );
}

// src/distro/k3s/node-link.ts
var SshDroppedError = class extends Rk1Error {
};
function connectionLost(error) {
  if (error instanceof SshUnreachableError) return true;
  return error instanceof SshCommandError && error.code === null && !error.signal && !error.timedOut;
}
var NodeLink = class {
  constructor(opts) {
    this.opts = opts;
  }
  opts;
  session;
  get label() {
    return `slot ${this.opts.node.slot} (${this.opts.node.hostname})`;
  }
  async connect(timeoutMs = this.opts.connectTimeoutMs) {
    if (this.session) return this.session;
    const { node } = this.opts;
    this.session = await waitForSsh(
      { host: node.ip, port: node.ports.ssh, username: "root", privateKey: this.opts.privateKey },
      {
        timeoutMs,
        intervalMs: 500,
        hostKey: this.opts.hostKey,
        signal: this.opts.signal,
        node: node.slot,
        readyTimeoutMs: 1e4
      }
    );
    return this.session;
  }
  /** Runs `step`; on a lost connection reconnects and runs it again (idempotent steps only). */
  async run(what, step) {
    const attempts = this.opts.attempts ?? 3;
    for (let i = 1; ; i++) {
      const session = await this.connect(i === 1 ? void 0 : 6e4);
      try {
        return await step(session);
      } catch (error) {
        if (!connectionLost(error) || this.opts.signal?.aborted) throw error;
        if (i >= attempts)
          throw new SshDroppedError(
            `${this.label}: the SSH connection dropped in the middle of ${what}, at each of ${attempts} attempts.`,
            {
              node: this.opts.node.slot,
              step: what,
              evidence: errorText(error),
              advice: "sshd accepted every connection, so the node is up and its address is right; something ends sessions mid-command: the node rebooting or running out of memory (read the UART or journalctl -b -1), sshd restarting, or a flaky link or switch port."
            },
            { cause: error }
          );
        this.opts.log.warn(
          `${this.label}: the SSH connection dropped during ${what}; reconnecting and running it again (attempt ${i + 1} of ${attempts}).`
        );
        this.session = void 0;
        await session.close().catch(() => void 0);
        await sleep(250 * i, this.opts.signal);
      }
    }
  }
  async close() {
    const s = this.session;
    this.session = void 0;
    await s?.close().catch(() => void 0);
  }
};

// src/distro/k3s/node-state.ts
var stateText2 = {
  unreachable: "no SSH answer (empty, off or another OS)",
  locked: "SSH refuses our key or changed host key",
  "other-os": "not Armbian",
  armbian: "Armbian without K3s",
  ours: "K3s of this cluster",
  "other-cluster": "K3s of another cluster"
};
var DETECT_SCRIPT = `
r=/etc/armbian-release
[ -f $r ] && echo "armbian=$(sed -n 's/^VERSION=//p' $r)"
[ -e /root/.not_logged_in_yet ] && echo firstboot=pending
if [ -x /usr/local/bin/k3s ]; then
  echo "k3s=$(/usr/local/bin/k3s --version 2>/dev/null | head -n1 | awk '{print $3}')"
fi
[ -f /etc/systemd/system/k3s.service ] && echo "unit=server:$(systemctl is-active k3s.service 2>/dev/null)"
[ -f /etc/systemd/system/k3s-agent.service ] && echo "unit=agent:$(systemctl is-active k3s-agent.service 2>/dev/null)"
[ -f ${RK1_MARKER_PATH} ] && echo "marker=$(tr -d '\\n' < ${RK1_MARKER_PATH})"
true
`;
function parseDetect(stdout, expect) {
  const kv = /* @__PURE__ */ new Map();
  for (const line of stdout.split("\n")) {
    const i = line.indexOf("=");
    if (i > 0) kv.set(line.slice(0, i).trim(), line.slice(i + 1).trim());
  }
  const armbianVersion = kv.get("armbian");
  const firstBootPending = kv.get("firstboot") === "pending";
  if (armbianVersion === void 0)
    return { kind: "other-os", detail: "no /etc/armbian-release", firstBootPending };
  const k3sVersion = kv.get("k3s") || void 0;
  const unit = kv.get("unit");
  const base = { armbianVersion, firstBootPending };
  if (!k3sVersion && !unit)
    return { ...base, kind: "armbian", detail: `Armbian ${armbianVersion}, no K3s` };
  const role = unit?.startsWith("server") ? "server" : unit?.startsWith("agent") ? "agent" : void 0;
  const active = unit?.endsWith(":active") ?? false;
  let marker;
  try {
    marker = kv.get("marker") ? JSON.parse(kv.get("marker")) : void 0;
  } catch {
    marker = void 0;
  }
  const withK3s = { ...base, k3sVersion, role, active };
  if (!marker)
    return {
      ...withK3s,
      kind: "other-cluster",
      detail: "K3s installed without the rk1 cluster marker"
    };
  if (marker.cluster !== expect.cluster || marker.server !== expect.server)
    return {
      ...withK3s,
      kind: "other-cluster",
      detail: `marker names cluster "${marker.cluster}" with server ${marker.server}`
    };
  return {
    ...withK3s,
    kind: "ours",
    detail: `${role ?? "unknown role"} ${k3sVersion ?? "?"}${active ? "" : " (not running)"}`
  };
}
async function detectK3sState(session, expect) {
  const r = await session.runScript(DETECT_SCRIPT, { timeoutMs: 3e4, check: true });
  return parseDetect(r.stdout, expect);
}

// src/distro/detect/index.ts
var verdictText = {
  empty: "off or not booted (neither Talos API nor SSH answers)",
  unreachable: "SSH port answers but no SSH session opens",
  maintenance: "Talos maintenance mode",
  "ours-talos": "Talos, this cluster",
  "foreign-talos": "Talos of another cluster (not provably this one)",
  "ours-k3s": "K3s of this cluster",
  "foreign-k3s": "K3s of another cluster",
  armbian: "Armbian without K3s",
  "other-os": "another OS (our SSH key works, not Armbian)",
  "ssh-locked": "SSH answers but refuses our key (owner unknown)"
};
var talosVerdict = {
  maintenance: "maintenance",
  ours: "ours-talos",
  "other-secrets": "foreign-talos"
};
var k3sVerdict = {
  ours: "ours-k3s",
  "other-cluster": "foreign-k3s",
  armbian: "armbian",
  "other-os": "other-os",
  locked: "ssh-locked",
  unreachable: "unreachable"
};
async function viaTalos(node, ctx) {
  const slot = node.slot;
  if (!ctx.talos)
    return { slot, verdict: "foreign-talos", detail: "the Talos API answers; no talosctl to ask" };
  try {
    const talosctl = await ctx.talos.talosctl();
    const state = await observeTalos(node, { ...ctx.talos, talosctl });
    const verdict = talosVerdict[state.kind] ?? "foreign-talos";
    return { slot, verdict, detail: state.detail, talos: state };
  } catch (error) {
    return {
      slot,
      verdict: "foreign-talos",
      detail: `the Talos API answers but could not be inspected: ${errorText(error)}`
    };
  }
}
async function viaSsh(node, ctx) {
  const slot = node.slot;
  if (!ctx.ssh)
    return {
      slot,
      verdict: "ssh-locked",
      detail: `SSH port ${node.ports.ssh} answers; this run has no SSH key to tell whose node it is`
    };
  const link = new NodeLink({
    node,
    privateKey: ctx.ssh.privateKey,
    hostKey: ctx.ssh.keys.policy(node.slot),
    log: ctx.log,
    signal: ctx.signal,
    connectTimeoutMs: 4e3
  });
  try {
    const session = await link.connect();
    await ctx.ssh.keys.save(node.slot, session.hostKeyFingerprint);
    const k3s = await detectK3sState(session, {
      cluster: ctx.cluster.name,
      server: ctx.cluster.k3sServer,
      node
    });
    return { slot, verdict: k3sVerdict[k3s.kind], detail: k3s.detail, k3s, link };
  } catch (error) {
    await link.close();
    if (error instanceof SshAuthError)
      return { slot, verdict: "ssh-locked", detail: "SSH answers but refuses our key" };
    if (error instanceof SshHostKeyError)
      return {
        slot,
        verdict: "ssh-locked",
        detail: "SSH host key differs from the one pinned by an earlier run"
      };
    return { slot, verdict: "unreachable", detail: errorText(error).split("\n")[0] ?? "" };
  }
}
async function detectNode(node, ctx) {
  const connectTimeoutMs = ctx.probeTimeoutMs ?? 3e3;
  const [api, ssh] = await Promise.all([
    probeTcp({ host: node.ip, port: node.ports.talosApi, connectTimeoutMs }, ctx.signal),
    probeTcp({ host: node.ip, port: node.ports.ssh, connectTimeoutMs }, ctx.signal)
  ]);
  if (api.ok) return viaTalos(node, ctx);
  if (ssh.ok) return viaSsh(node, ctx);
  return {
    slot: node.slot,
    verdict: "empty",
    detail: `nothing answers on ${node.ip} (Talos API ${api.error ?? "closed"}, SSH ${ssh.error ?? "closed"})`
  };
}
async function detectNodes(nodes, ctx) {
  const found = await Promise.all(nodes.map((n) => detectNode(n, ctx)));
  return new Map(found.map((o) => [o.slot, o]));
}
async function closeObservations(seen) {
  await Promise.all([...seen.values()].map((o) => o.link?.close()));
}

// src/distro/k3s/host-keys.ts
import { mkdir as mkdir2, readFile as readFile2, rm, writeFile } from "node:fs/promises";
import { dirname, join as join3 } from "node:path";
var HostKeyStore = class _HostKeyStore {
  /** readOnly: pins are used but nothing is stored (a dry run changes nothing, not even the cache). */
  constructor(path, readOnly = false) {
    this.path = path;
    this.readOnly = readOnly;
  }
  path;
  readOnly;
  pins = {};
  static async open(cacheDir, cluster, opts = {}) {
    const store = new _HostKeyStore(
      join3(cacheDir, "k3s-host-keys", `${cluster.replace(/[^\w.-]/g, "_")}.json`),
      opts.readOnly
    );
    try {
      store.pins = JSON.parse(await readFile2(store.path, "utf8"));
    } catch {
      store.pins = {};
    }
    return store;
  }
  /** Pinned when known, otherwise trust on first use for this run only. */
  policy(slot) {
    const pin = this.pins[String(slot)];
    return pin ? { mode: "pin", fingerprints: [pin] } : { mode: "learn-once" };
  }
  async save(slot, fingerprint) {
    if (!fingerprint.startsWith("SHA256:") || this.readOnly) return;
    this.pins[String(slot)] = fingerprint;
    await mkdir2(dirname(this.path), { recursive: true, mode: 448 });
    await writeFile(this.path, `${JSON.stringify(this.pins, null, 2)}
`, { mode: 384 });
  }
  /** A wiped node makes new host keys when it is set up again: its pin must go. */
  async forget(slots) {
    const before = Object.keys(this.pins).length;
    for (const slot of slots) delete this.pins[String(slot)];
    const removed = before - Object.keys(this.pins).length;
    if (Object.keys(this.pins).length === 0) await rm(this.path, { force: true });
    else if (removed > 0)
      await writeFile(this.path, `${JSON.stringify(this.pins, null, 2)}
`, { mode: 384 });
    return removed;
  }
};

export {
  BmcAuthError,
  BmcUnreachableError,
  BmcTlsError,
  imageFormat,
  flashNode,
  probeTcp,
  waitForBoot,
  bmcClient,
  detectBmc,
  bmcProvider,
  requireConfirmation,
  resolveNodeKey,
  prepareImage,
  describeImage,
  locateTalosctl,
  stateText,
  machineStatus,
  TalosStepError,
  applyInMaintenance,
  waitForMaintenance,
  waitForConfigured,
  bootstrapOnce,
  health,
  fetchKubeconfig,
  upgradeNode,
  SshCommandError,
  NodeLink,
  K3S_CONFIG_PATH,
  RK1_MARKER_PATH,
  generateToken,
  serverNode,
  serverUrl,
  renderServerConfig,
  renderAgentConfig,
  renderMarker,
  rewriteKubeconfig,
  stateText2,
  verdictText,
  detectNode,
  detectNodes,
  closeObservations,
  HostKeyStore
};

import { createRequire as __rk1CreateRequire } from 'node:module'; const require = __rk1CreateRequire(import.meta.url);
import {
  shellQuote
} from "./chunk-PSYIE5SY.mjs";
import {
  ProgressReporter,
  formatDuration,
  sleep
} from "./chunk-T6JJEBSD.mjs";
import {
  Rk1Error,
  errorText
} from "./chunk-56JNS6Q3.mjs";

// src/node-flash/errors.ts
var NodeWriteError = class extends Rk1Error {
  touched;
  constructor(message, context, options) {
    super(message, context, options);
    this.touched = context.touched;
  }
};
var FlashNotAttemptedError = class extends Rk1Error {
  constructor(message) {
    super(message, { step: "flash" });
  }
};

// src/node-flash/ssh-writer.ts
import { createReadStream } from "node:fs";

// src/node-flash/node-script.ts
var EXIT = {
  badArguments: 10,
  refusedDevice: 11,
  notEnoughMemory: 12,
  transferShort: 13,
  checksumMismatch: 14,
  decompressFailed: 15,
  writeFailed: 30,
  verifyMismatch: 31,
  rebootFailed: 32
};
var WRITE_STARTED_EXIT = 30;
var D = "$";
var NODE_WRITE_SCRIPT = String.raw`set -eu
src=$1 fmt=$2 sbytes=$3 ssha=$4 rbytes=$5 dev=$6 reboot=$7 units=$8 margin=$9 report=${D}{10:-}
say() {
  printf 'rk1-node-write %s\n' "$*" 2>/dev/null || true
  if [ -n "$report" ]; then
    q=$(printf '%s' "$*" | tr ' ' '+')
    wget -q -O /dev/null "$report?p=$q" 2>/dev/null || curl -fsS -o /dev/null "$report?p=$q" 2>/dev/null || true
  fi
}
dir='' said=''
die() { code=$1; shift; printf 'rk1-node-write error %s\n' "$*" >&2 2>/dev/null || true; said=1; say failed "$code" "$*"; exit "$code"; }
# Whatever stops the script (a missing tool, a signal) is reported, and the RAM copy freed.
trap 'rc=$?; [ "$rc" = 0 ] || [ -n "$said" ] || say failed "$rc" "the node script stopped (exit $rc)"; [ -z "$dir" ] || rm -rf "$dir"' EXIT
case "$fmt" in raw|xz) ;; *) die 10 "unknown image format $fmt";; esac
case "$dev" in
  /dev/mmcblk[0-9]) ;;
  *) die 11 "refusing to write $dev: only the eMMC (/dev/mmcblkN), never the NVMe or a partition";;
esac
[ -e "$dev" ] || die 11 "$dev does not exist on this node"
avail=0
while read -r key kib _; do case "$key" in MemAvailable:) avail=$((kib * 1024));; esac; done < /proc/meminfo
need=$((sbytes + margin))
[ "$avail" -ge "$need" ] || die 12 "not enough free memory: $avail bytes available, $need needed"
say memory-ok "$avail"
ram=/dev/shm
[ -d "$ram" ] || ram=/tmp
dir=$(mktemp -d "$ram/rk1-node-write.XXXXXX")
img="$dir/image"
if [ "$src" = stdin ]; then
  head -c "$sbytes" > "$img"
else
  wget -q -O "$img" "$src" 2>/dev/null || curl -fsS -o "$img" "$src" || die 13 "download of the image failed"
fi
got=$(wc -c < "$img" | tr -d ' ')
[ "$got" = "$sbytes" ] || die 13 "received $got of $sbytes bytes"
say received "$got"
sum=$(sha256sum "$img" | cut -d' ' -f1)
[ "$sum" = "$ssha" ] || die 14 "sha256 of the received image is $sum, expected $ssha"
# One decompression pass checks the xz and yields the size and sha256 the eMMC must end up with.
if [ "$fmt" = xz ]; then
  want=$( { xzcat "$img" || : > "$dir/xz-failed"; } | dd bs=1M 2>"$dir/count" | sha256sum | cut -d' ' -f1)
  [ ! -e "$dir/xz-failed" ] || die 15 "the xz image does not decompress"
  out=$(sed -n 's/^\([0-9][0-9]*\) bytes.*/\1/p' "$dir/count")
  [ "$out" = "$rbytes" ] || die 15 "the xz image decompresses to $out bytes, expected $rbytes"
else
  want=$ssha
fi
say staged "$sum"
bin="$dir/bin"
mkdir "$bin"
for t in dd head sha256sum cut xzcat sync sleep; do
  p=$(command -v "$t" 2>/dev/null) || continue
  case "$p" in /*) cp -L "$p" "$bin/$t" 2>/dev/null || true;; esac
done
PATH="$bin:$PATH"
for u in $units; do systemctl stop "$u" 2>/dev/null || true; done
say services-stopped
sync
if [ "$reboot" = sysrq ]; then
  while read -r source target _; do
    case "$source" in /dev/*) mount -o remount,ro "$target" 2>/dev/null || true;; esac
  done < /proc/mounts
  # A file still open for writing makes a remount refuse; the emergency remount does not.
  echo u > /proc/sysrq-trigger 2>/dev/null || true
  sleep 1
  say read-only
fi
trap '' HUP PIPE
say writing
if [ "$fmt" = xz ]; then
  xzcat "$img" | dd of="$dev" bs=4M conv=fsync 2>/dev/null || die 30 "writing $dev failed"
else
  dd if="$img" of="$dev" bs=4M conv=fsync 2>/dev/null || die 30 "writing $dev failed"
fi
sync
say written "$rbytes"
# Read the device, not the page cache that still holds what was just written.
blockdev --flushbufs "$dev" 2>/dev/null || true
echo 3 > /proc/sys/vm/drop_caches 2>/dev/null || true
back=$(head -c "$rbytes" "$dev" | sha256sum | cut -d' ' -f1)
[ "$back" = "$want" ] || die 31 "read-back of $dev gives sha256 $back, expected $want"
say verified "$back"
if [ "$reboot" = sysrq ]; then
  say rebooting
  sleep 1
  echo b > /proc/sysrq-trigger 2>/dev/null || true
  # Still here: sysrq is unavailable (e.g. a container); reboot(2) without shutdown instead.
  sleep 5
  reboot -f 2>/dev/null || true
  sleep 30
  die 32 "the node did not reboot (sysrq b, then reboot -f)"
fi
say done
`;

// src/node-flash/progress.ts
var PHASES = [
  "memory-ok",
  "received",
  "staged",
  "services-stopped",
  "read-only",
  "writing",
  "written",
  "verified",
  "rebooting",
  "done"
];
var PREFIX = "rk1-node-write ";
var PhaseTracker = class {
  /** Furthest phase reported so far. */
  phase;
  /** The failure line (`failed <code> <text>`), if the script reported one. */
  failure;
  partial = "";
  /** Feeds stdout text (any chunking); returns the phases newly reached, in order. */
  feed(text) {
    const lines = (this.partial + text).split("\n");
    this.partial = lines.pop() ?? "";
    const reached = [];
    for (const line of lines) {
      const p = this.line(line);
      if (p) reached.push(p);
    }
    return reached;
  }
  /** One report line (also what the Talos Job sends to the runner). */
  line(line) {
    const text = line.startsWith(PREFIX) ? line.slice(PREFIX.length).trim() : line.trim();
    const [word, ...rest] = text.split(" ");
    if (word === "failed") {
      this.failure = { code: Number(rest[0]), text: rest.slice(1).join(" ") };
      return void 0;
    }
    const phase = PHASES.find((p) => p === word);
    if (!phase) return void 0;
    if (!this.phase || PHASES.indexOf(phase) > PHASES.indexOf(this.phase)) this.phase = phase;
    return phase;
  }
  /** True once the script said it started writing the eMMC (or got further). */
  get writeStarted() {
    return !!this.phase && PHASES.indexOf(this.phase) >= PHASES.indexOf("writing");
  }
};
function exitTouched(code) {
  return code !== null && code >= WRITE_STARTED_EXIT && code <= EXIT.rebootFailed;
}

// src/node-flash/ssh-writer.ts
var ARMBIAN_STOP_UNITS = ["k3s", "k3s-agent"];
var DEFAULT_MEMORY_MARGIN_BYTES = 512 * 2 ** 20;
function nodeScriptArgs(o) {
  return [
    o.source,
    o.image.format,
    String(o.image.bytes),
    o.image.sha256,
    String(o.image.rawBytes),
    o.device,
    o.reboot,
    o.stopUnits.join(" "),
    String(o.memoryMarginBytes),
    o.reportUrl ?? ""
  ];
}
async function writeOverSsh(o) {
  const started = performance.now();
  const tracker = new PhaseTracker();
  const progress = new ProgressReporter(o.log, `${o.label}: sending the image`, o.image.bytes);
  let transferMs;
  const args = nodeScriptArgs({
    source: "stdin",
    image: o.image,
    device: o.device ?? "/dev/mmcblk0",
    reboot: "sysrq",
    stopUnits: o.stopUnits ?? ARMBIAN_STOP_UNITS,
    memoryMarginBytes: o.memoryMarginBytes ?? DEFAULT_MEMORY_MARGIN_BYTES
  });
  const command = ["bash", "-c", NODE_WRITE_SCRIPT, "rk1-node-write", ...args].map(shellQuote).join(" ");
  const input = createReadStream(o.image.path).pipe(
    o.uplink.stream((sent) => {
      progress.update(sent);
      if (sent === o.image.bytes) transferMs = performance.now() - started;
    }, o.signal)
  );
  const onStdout = (text) => {
    for (const phase of tracker.feed(text)) o.log.info(`${o.label}: ${describePhase(phase)}`);
  };
  let code;
  let stderr;
  try {
    const result = await o.session.execStreaming(command, input, { signal: o.signal, onStdout });
    code = result.code;
    stderr = result.stderr;
  } catch (error) {
    input.destroy();
    if (tracker.phase === "rebooting") return done();
    throw new NodeWriteError(
      tracker.writeStarted ? `${o.label}: the connection was lost while the node wrote its eMMC (${tracker.phase}).` : `${o.label}: the connection was lost before the write; the node is untouched.`,
      {
        node: o.slot,
        step: "node-write",
        touched: tracker.writeStarted,
        evidence: errorText(error),
        advice: "The BMC flashes this node instead."
      },
      { cause: error }
    );
  }
  if (code === 0 && tracker.phase === "done") return done();
  const touched = exitTouched(code) || tracker.writeStarted;
  throw new NodeWriteError(
    `${o.label}: the node script failed (exit ${code ?? "signal"})${touched ? " after it started writing the eMMC" : "; the node is untouched"}.`,
    {
      node: o.slot,
      step: "node-write",
      touched,
      evidence: tracker.failure?.text ?? stderr.trim().slice(-500),
      advice: "The BMC flashes this node instead."
    }
  );
  function done() {
    const durationMs = performance.now() - started;
    o.log.info(
      `${o.label}: written and verified through the running OS in ${formatDuration(durationMs)}.`
    );
    return {
      slot: o.slot,
      bytes: o.image.bytes,
      rawBytes: o.image.rawBytes,
      transferMs: transferMs ?? durationMs,
      durationMs,
      phase: tracker.phase
    };
  }
}
function describePhase(phase) {
  const words = {
    "memory-ok": "enough free memory to hold the image",
    received: "image received into RAM",
    staged: "image checksum verified in RAM",
    "services-stopped": "services stopped",
    "read-only": "filesystems remounted read-only",
    writing: "writing the eMMC from RAM",
    written: "eMMC written",
    verified: "eMMC read back and verified",
    rebooting: "rebooting",
    done: "done"
  };
  return words[phase];
}

// src/node-flash/uplink.ts
import { Transform } from "node:stream";
var BURST_MS = 40;
var SharedUplink = class {
  constructor(bytesPerSecond, now = () => performance.now()) {
    this.bytesPerSecond = bytesPerSecond;
    this.now = now;
  }
  bytesPerSecond;
  now;
  nextFree = 0;
  /** Resolves when `bytes` may go out. */
  async take(bytes, signal) {
    if (!Number.isFinite(this.bytesPerSecond) || this.bytesPerSecond <= 0) return;
    const t = this.now();
    const start = Math.max(this.nextFree, t - BURST_MS);
    this.nextFree = start + bytes / this.bytesPerSecond * 1e3;
    const wait = start - t;
    if (wait > 1) await sleep(wait, signal);
  }
  /** A pass-through stream paced on this uplink that reports the bytes it let through. */
  stream(onBytes, signal) {
    let total = 0;
    const take = (n) => this.take(n, signal);
    return new Transform({
      transform(chunk, _enc, done) {
        take(chunk.length).then(
          () => {
            total += chunk.length;
            onBytes?.(total);
            done(null, chunk);
          },
          (error) => done(error instanceof Error ? error : new Error(String(error)))
        );
      }
    });
  }
};
var DEFAULT_UPLINK_BYTES_PER_SEC = 105e6;

// src/node-flash/image-server.ts
import { randomBytes } from "node:crypto";
import { createReadStream as createReadStream2 } from "node:fs";
import { createServer } from "node:http";
import { pipeline } from "node:stream/promises";
var ImageServer = class _ImageServer {
  constructor(server, base, uplink, log) {
    this.server = server;
    this.base = base;
    this.uplink = uplink;
    this.log = log;
  }
  server;
  base;
  uplink;
  log;
  entries = /* @__PURE__ */ new Map();
  /** Listens on `host` (the runner's address on the nodes' network), an ephemeral port. */
  static async start(o) {
    const server = createServer();
    await new Promise((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, o.host, () => resolve());
    });
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : 0;
    const host = o.host.includes(":") ? `[${o.host}]` : o.host;
    const self = new _ImageServer(server, `http://${host}:${port}`, o.uplink, o.log);
    server.on("request", (req, res) => {
      self.handle(req.url ?? "/", res).catch(() => res.destroy());
    });
    return self;
  }
  offer(label, image) {
    const token = randomBytes(16).toString("hex");
    const entry = {
      label,
      image,
      wake: [],
      offer: {
        imageUrl: `${this.base}/${token}/image`,
        reportUrl: `${this.base}/${token}/report`,
        tracker: new PhaseTracker(),
        lastHeard: performance.now(),
        sent: 0,
        nextReport: (ms) => new Promise((resolve) => {
          const timer = setTimeout(resolve, ms);
          entry.wake.push(() => {
            clearTimeout(timer);
            resolve();
          });
        }),
        withdraw: () => this.entries.delete(token)
      }
    };
    this.entries.set(token, entry);
    return entry.offer;
  }
  async handle(url, res) {
    const parsed = new URL(url, "http://x");
    const [, token, what] = parsed.pathname.split("/");
    const entry = token ? this.entries.get(token) : void 0;
    if (!entry) {
      res.writeHead(404).end();
      return;
    }
    const { offer } = entry;
    offer.lastHeard = performance.now();
    if (what === "report") {
      const line = parsed.searchParams.get("p") ?? "";
      for (const phase of [offer.tracker.line(line)].filter((p) => p !== void 0))
        this.log.info(`${entry.label}: ${describePhase(phase)}`);
      res.writeHead(204).end();
      for (const w of entry.wake.splice(0)) w();
      return;
    }
    if (what !== "image") {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      "content-type": "application/octet-stream",
      "content-length": String(entry.image.bytes)
    });
    const progress = new ProgressReporter(
      this.log,
      `${entry.label}: sending the image`,
      entry.image.bytes
    );
    await pipeline(
      createReadStream2(entry.image.path),
      this.uplink.stream((sent) => {
        offer.sent = sent;
        offer.lastHeard = performance.now();
        progress.update(sent);
      }),
      res
    );
  }
  async close() {
    this.entries.clear();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(() => resolve()));
  }
};

// src/node-flash/runner-address.ts
import { createSocket } from "node:dgram";
import { isIP } from "node:net";
var RunnerAddressError = class extends Rk1Error {
};
async function runnerAddressFor(nodeIp, given) {
  if (given?.trim()) {
    const address = given.trim();
    if (isIP(address) === 0)
      throw new RunnerAddressError(`runner-address "${address}" is not an IP address.`, {
        step: "node-write",
        evidence: address,
        advice: "Give the IPv4 or IPv6 address of this machine that the nodes can reach."
      });
    return address;
  }
  const socket = createSocket(isIP(nodeIp) === 6 ? "udp6" : "udp4");
  try {
    await new Promise((resolve, reject) => {
      socket.once("error", reject);
      socket.connect(9, nodeIp, () => resolve());
    });
    return socket.address().address;
  } catch (error) {
    throw new RunnerAddressError(`No route from this machine to ${nodeIp}.`, {
      step: "node-write",
      evidence: error instanceof Error ? error.message : String(error),
      advice: "Pass runner-address (an address of this machine the nodes reach), or flash-path: bmc."
    });
  } finally {
    socket.close();
  }
}

export {
  NodeWriteError,
  FlashNotAttemptedError,
  NODE_WRITE_SCRIPT,
  exitTouched,
  DEFAULT_MEMORY_MARGIN_BYTES,
  nodeScriptArgs,
  writeOverSsh,
  SharedUplink,
  DEFAULT_UPLINK_BYTES_PER_SEC,
  ImageServer,
  runnerAddressFor
};

import { createRequire as __rk1CreateRequire } from 'node:module'; const require = __rk1CreateRequire(import.meta.url);
import {
  RpcError,
  call,
  findType,
  generateSecrets,
  machineConfig,
  parseDocs,
  parseSecrets,
  talosconfig,
  unb64,
  yamlOut
} from "./chunks/chunk-ADKNQ45P.mjs";
import {
  require_dist
} from "./chunks/chunk-7BRERKNQ.mjs";
import {
  __toESM
} from "./chunks/chunk-TJN2CFBI.mjs";

// src/lab/talos/talosctl/main.ts
var import_yaml5 = __toESM(require_dist(), 1);
import { writeFileSync as writeFileSync3 } from "node:fs";
import { X509Certificate } from "node:crypto";

// src/lab/talos/talosctl/args.ts
var UsageError = class extends Error {
};
var GLOBAL_FLAGS = [
  { name: "talosconfig", type: "string" },
  { name: "context", type: "string" },
  { name: "endpoints", short: "e", type: "list" },
  { name: "nodes", short: "n", type: "list" }
];
function parseArgs(argv, specs) {
  const all = [...GLOBAL_FLAGS, ...specs];
  const flags = {};
  const set = /* @__PURE__ */ new Set();
  for (const s of all) {
    if (s.default !== void 0)
      flags[s.name] = Array.isArray(s.default) ? [...s.default] : s.default;
    else if (s.type === "list" || s.type === "repeat") flags[s.name] = [];
  }
  const args = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    if (token === "--") {
      args.push(...argv.slice(i + 1));
      break;
    }
    if (!token.startsWith("-") || token === "-") {
      args.push(token);
      continue;
    }
    const long = token.startsWith("--");
    const body = token.slice(long ? 2 : 1);
    const eq = body.indexOf("=");
    const key = eq >= 0 ? body.slice(0, eq) : body;
    const spec = all.find((s) => long ? s.name === key : s.short === key);
    if (!spec)
      throw new UsageError(
        `unknown ${long ? "flag" : "shorthand flag"}: '${long ? `--${key}` : key}' in ${token}`
      );
    let value = eq >= 0 ? body.slice(eq + 1) : void 0;
    if (spec.type === "bool") {
      if (value !== void 0 && !/^(true|false|1|0)$/.test(value))
        throw new UsageError(
          `invalid argument "${value}" for "--${spec.name}" flag: strconv.ParseBool: parsing "${value}": invalid syntax`
        );
      flags[spec.name] = value === void 0 ? true : value === "true" || value === "1";
      set.add(spec.name);
      continue;
    }
    if (value === void 0) {
      value = argv[++i];
      if (value === void 0) throw new UsageError(`flag needs an argument: --${spec.name}`);
    }
    if (spec.type === "string") flags[spec.name] = value;
    else {
      const prev = set.has(spec.name) ? flags[spec.name] : [];
      flags[spec.name] = [
        ...prev,
        ...spec.type === "list" ? value.split(",").filter(Boolean) : [value]
      ];
    }
    set.add(spec.name);
  }
  return { args, flags, set };
}
var str = (p, name) => p.flags[name];
var bool = (p, name) => p.flags[name] === true;
var list = (p, name) => p.flags[name] ?? [];
function parseDuration(text) {
  const re = /(\d+(?:\.\d+)?)(ms|h|m|s)/g;
  let total = 0;
  let consumed = "";
  for (const m of text.matchAll(re)) {
    const n = Number(m[1]);
    total += m[2] === "h" ? n * 36e5 : m[2] === "m" ? n * 6e4 : m[2] === "s" ? n * 1e3 : n;
    consumed += m[0];
  }
  if (!consumed || consumed !== text) throw new UsageError(`time: invalid duration "${text}"`);
  return total;
}

// src/lab/talos/talosctl/api-cmds.ts
var import_yaml3 = __toESM(require_dist(), 1);
import { readFileSync as readFileSync3 } from "node:fs";
import { resolve as resolve3 } from "node:path";

// src/lab/talos/patch.ts
var import_yaml = __toESM(require_dist(), 1);
var isMap = (v) => !!v && typeof v === "object" && !Array.isArray(v);
function mergeValue(base, patch) {
  if (isMap(patch) && patch.$patch === "delete") return void 0;
  if (isMap(base) && isMap(patch)) {
    const out = { ...base };
    for (const [k, v] of Object.entries(patch)) {
      if (k === "$patch") continue;
      const merged = mergeValue(out[k], v);
      if (merged === void 0) delete out[k];
      else out[k] = merged;
    }
    return out;
  }
  if (Array.isArray(base) && Array.isArray(patch)) return [...base, ...patch];
  return patch;
}
var docKey = (d) => d.kind ? `${String(d.kind)}/${String(d.name ?? "")}` : "v1alpha1";
function pointer(path) {
  if (!path.startsWith("/")) throw new Error(`invalid JSON pointer "${path}"`);
  return path.slice(1).split("/").map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
}
function applyJson6902(doc, ops) {
  const root = structuredClone(doc);
  for (const op of ops) {
    const parts = pointer(op.path);
    const last = parts.pop();
    let parent = root;
    for (const p of parts) {
      const next = Array.isArray(parent) ? parent[Number(p)] : parent[p];
      if (next === void 0) {
        if (op.op !== "add") throw new Error(`error applying patch: missing path "${op.path}"`);
        parent[p] = {};
      }
      parent = Array.isArray(parent) ? parent[Number(p)] : parent[p];
    }
    if (op.op !== "remove" && op.op !== "add" && op.op !== "replace")
      throw new Error(`error applying patch: unsupported operation "${op.op}"`);
    if (Array.isArray(parent)) {
      const list2 = parent;
      if (op.op === "remove") list2.splice(Number(last), 1);
      else if (last === "-") list2.push(op.value);
      else if (op.op === "add") list2.splice(Number(last), 0, op.value);
      else list2[Number(last)] = op.value;
    } else {
      const map = parent;
      if (op.op === "remove") {
        if (!(last in map)) throw new Error(`error applying patch: missing path "${op.path}"`);
        delete map[last];
      } else map[last] = op.value;
    }
  }
  return root;
}
function applyPatches(configText, patches) {
  let docs = parseDocs(configText);
  for (const patchText of patches) {
    const all = (0, import_yaml.parseAllDocuments)(patchText);
    const asList = Array.isArray(all) && all.length === 1 ? all[0]?.toJS() : void 0;
    if (Array.isArray(asList)) {
      const i = docs.findIndex((d) => docKey(d) === "v1alpha1");
      if (i < 0)
        throw new Error(
          "JSON6902 patches are not supported for multi-document machine configuration"
        );
      docs[i] = applyJson6902(docs[i], asList);
      continue;
    }
    for (const patch of parseDocs(patchText)) {
      const key = docKey(patch);
      const i = docs.findIndex((d) => docKey(d) === key);
      if (patch.$patch === "delete") {
        if (i >= 0) docs = docs.filter((_, j) => j !== i);
        continue;
      }
      if (i >= 0) docs[i] = mergeValue(docs[i], patch);
      else docs.push(patch);
    }
  }
  return docs.map((d) => yamlOut(d)).join("---\n");
}

// src/lab/talos/talosctl/client.ts
var import_yaml2 = __toESM(require_dist(), 1);
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";

// src/lab/talos/talosctl/io.ts
var CliError = class extends Error {
};
function clientVersion(io) {
  return io.env.RK1_LAB_TALOSCTL_VERSION ?? "v1.13.9";
}
var sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// src/lab/talos/talosctl/client.ts
var MultiNodeError = class extends CliError {
};
function talosconfigPath(p, io) {
  const flag = str(p, "talosconfig");
  if (flag) return { path: resolve(io.cwd, flag), explicit: true };
  if (io.env.TALOSCONFIG) return { path: resolve(io.cwd, io.env.TALOSCONFIG), explicit: true };
  return { path: join(io.env.HOME ?? "/root", ".talos", "config"), explicit: false };
}
function loadTalosconfig(p, io) {
  const { path, explicit } = talosconfigPath(p, io);
  if (!existsSync(path)) {
    if (explicit) throw new CliError(`open ${path}: no such file or directory`);
    return { path, config: {} };
  }
  const config2 = (0, import_yaml2.parse)(readFileSync(path, "utf8")) ?? {};
  return { path, config: config2 };
}
function currentContext(p, config2) {
  const name = str(p, "context") ?? config2.context ?? "";
  const ctx = config2.contexts?.[name];
  if (str(p, "context") && !ctx) throw new CliError(`context "${name}" is not defined`);
  return { name, ctx: ctx ?? {} };
}
function hostPort(address, io) {
  const port = Number(io.env.RK1_LAB_TALOS_PORT ?? 5e4);
  const m = /^\[?([^\]]+?)\]?(?::(\d+))?$/.exec(address.replace(/^https?:\/\//, ""));
  return { host: m?.[1] ?? address, port: m?.[2] ? Number(m[2]) : port };
}
function connect(p, io, opts) {
  const nodesFlag = list(p, "nodes");
  if (opts.insecure) {
    const nodes2 = nodesFlag.length ? nodesFlag : list(p, "endpoints");
    if (nodes2.length === 0)
      throw new CliError(
        "nodes are not set for the command: please use `--nodes` flag or configuration file to set the nodes to run the command against"
      );
    return {
      insecure: true,
      nodes: [nodes2[0]],
      dial: (target) => ({
        ...hostPort(target ?? nodes2[0], io),
        insecure: true,
        fingerprint: opts.fingerprint
      })
    };
  }
  const { config: config2 } = loadTalosconfig(p, io);
  const { ctx } = currentContext(p, config2);
  const endpoints = list(p, "endpoints").length ? list(p, "endpoints") : ctx.endpoints ?? [];
  if (endpoints.length === 0) throw new CliError("failed to determine endpoints");
  const nodes = nodesFlag.length ? nodesFlag : ctx.nodes ?? [];
  const endpoint = hostPort(endpoints[0], io);
  return {
    insecure: false,
    nodes,
    dial: () => ({
      ...endpoint,
      insecure: false,
      ca: unb64(ctx.ca),
      cert: unb64(ctx.crt),
      key: unb64(ctx.key)
    })
  };
}
function callNode(conn, node, method, body = {}) {
  const payload = conn.insecure || node === void 0 ? body : { ...body, node };
  return call(conn.dial(node), method, payload);
}
async function forEachNode(conn, method, body, onResult) {
  const targets = conn.nodes.length ? conn.nodes : [void 0];
  const errors = [];
  for (const node of targets) {
    try {
      onResult(node, await callNode(conn, node, method, body));
    } catch (e) {
      if (!(e instanceof RpcError)) throw e;
      if (targets.length === 1) throw e;
      errors.push(`${node}: ${e.message}`);
    }
  }
  if (errors.length)
    throw new MultiNodeError(
      `${errors.length} error${errors.length > 1 ? "s" : ""} occurred:
${errors.map((e) => `	* ${e}`).join("\n")}`
    );
}
function singleNode(conn, command) {
  if (conn.nodes.length > 1)
    throw new CliError(`command "${command}" is not supported with multiple nodes`);
  return conn.nodes[0];
}

// src/lab/talos/talosctl/gen.ts
import { existsSync as existsSync2, mkdirSync, readFileSync as readFileSync2, statSync, writeFileSync } from "node:fs";
import { dirname, join as join2, resolve as resolve2 } from "node:path";
var exists = (path) => `file "${path}" already exists, use --force to overwrite`;
function readPatch(io, arg) {
  if (!arg.startsWith("@")) return arg;
  const path = resolve2(io.cwd, arg.slice(1));
  try {
    return readFileSync2(path, "utf8");
  } catch {
    throw new CliError(`open ${arg.slice(1)}: no such file or directory`);
  }
}
async function genSecrets(argv, io) {
  const p = parseArgs(argv, [
    { name: "output-file", short: "o", type: "string", default: "secrets.yaml" },
    { name: "force", short: "f", type: "bool" },
    { name: "talos-version", type: "string" },
    { name: "from-kubernetes-pki", short: "p", type: "string" },
    { name: "kubernetes-bootstrap-token", type: "string" }
  ]);
  if (p.args.length)
    throw new UsageError(`unknown command "${p.args[0]}" for "talosctl gen secrets"`);
  const out = str(p, "output-file");
  const text = yamlOut(await generateSecrets());
  if (out === "-") return io.out(text);
  const path = resolve2(io.cwd, out);
  if (existsSync2(path) && !bool(p, "force")) throw new CliError(exists(out));
  writeFileSync(path, text, { mode: 420 });
}
function checkEndpoint(endpoint) {
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(endpoint);
  if (!hasScheme) {
    const withPort = /:\d+$/.test(endpoint);
    const fixed = `https://${endpoint}${withPort ? "" : ":6443"}`;
    throw new CliError(
      `${withPort ? "no scheme specified" : "no scheme and port specified"} for the cluster endpoint URL
try: "${fixed}"`
    );
  }
  let url;
  try {
    url = new URL(endpoint);
  } catch {
    throw new CliError(
      `error validating the cluster endpoint URL: parse "${endpoint}": invalid URL`
    );
  }
  if (url.protocol !== "https:")
    throw new CliError(
      `the control plane endpoint URL should have scheme https://
try: "https://${url.host}${url.port ? "" : ":6443"}"`
    );
  if (!url.port && !/:443$/.test(endpoint))
    throw new CliError(
      `no port specified for the cluster endpoint URL
try: "https://${url.hostname}:6443"`
    );
}
async function genConfig(argv, io) {
  const p = parseArgs(argv, [
    { name: "with-secrets", type: "string" },
    { name: "install-disk", type: "string", default: "/dev/sda" },
    { name: "install-image", type: "string", default: "ghcr.io/siderolabs/installer:latest" },
    { name: "kubernetes-version", type: "string", default: "1.36.3" },
    { name: "talos-version", type: "string" },
    { name: "additional-sans", type: "list" },
    { name: "config-patch", type: "repeat" },
    { name: "config-patch-control-plane", type: "repeat" },
    { name: "config-patch-worker", type: "repeat" },
    { name: "with-docs", type: "bool", default: true },
    { name: "with-examples", type: "bool", default: true },
    { name: "with-cluster-discovery", type: "bool", default: true },
    { name: "with-kubespan", type: "bool" },
    { name: "dns-domain", type: "string", default: "cluster.local" },
    { name: "output", short: "o", type: "string" },
    { name: "output-dir", type: "string" },
    {
      name: "output-types",
      short: "t",
      type: "list",
      default: ["controlplane", "worker", "talosconfig"]
    },
    { name: "force", short: "f", type: "bool" }
  ]);
  if (p.args.length !== 2) throw new UsageError(`accepts 2 arg(s), received ${p.args.length}`);
  const [clusterName, endpoint] = p.args;
  checkEndpoint(endpoint);
  if (p.set.has("output") && p.set.has("output-dir"))
    throw new CliError("--output-dir and --output can't be used together");
  const types = list(p, "output-types");
  for (const t of types)
    if (!["controlplane", "worker", "talosconfig"].includes(t))
      throw new CliError(`unknown output type: "${t}"`);
  const secretsPath = str(p, "with-secrets");
  let secrets;
  if (secretsPath) {
    const path = resolve2(io.cwd, secretsPath);
    if (!existsSync2(path))
      throw new CliError(
        `failed to load secrets bundle: open ${secretsPath}: no such file or directory`
      );
    secrets = parseSecrets(readFileSync2(path, "utf8"));
  } else {
    io.err("generating PKI and tokens\n");
    secrets = await generateSecrets();
  }
  const v = str(p, "kubernetes-version").replace(/^v/, "");
  const input = {
    clusterName,
    endpoint,
    secrets,
    kubernetesVersion: v,
    installDisk: str(p, "install-disk"),
    installImage: str(p, "install-image"),
    additionalSans: list(p, "additional-sans"),
    withExamples: bool(p, "with-examples")
  };
  const common = list(p, "config-patch").map((a) => readPatch(io, a));
  const render = (type) => {
    const own = list(
      p,
      type === "controlplane" ? "config-patch-control-plane" : "config-patch-worker"
    );
    const patches = [...common, ...own.map((a) => readPatch(io, a))];
    const base = machineConfig(input, type);
    return patches.length ? applyPatches(base, patches) : base;
  };
  const contents = {
    controlplane: async () => render("controlplane"),
    worker: async () => render("worker"),
    talosconfig: () => talosconfig(clusterName, secrets)
  };
  const fileName = {
    controlplane: "controlplane.yaml",
    worker: "worker.yaml",
    talosconfig: "talosconfig"
  };
  const output = str(p, "output") ?? str(p, "output-dir");
  const single = types.length === 1 && !p.set.has("output-dir");
  if (single && output === "-")
    return io.out(await contents[types[0]]());
  const targets = types.map((t) => {
    let path;
    if (single && output) path = resolve2(io.cwd, output);
    else path = resolve2(io.cwd, join2(output ?? ".", fileName[t]));
    return { t, path };
  });
  for (const { path } of targets)
    if (existsSync2(path) && !bool(p, "force")) {
      if (statSync(path).isDirectory()) throw new CliError(`open ${path}: is a directory`);
      throw new CliError(exists(path));
    }
  for (const { t, path } of targets) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, await contents[t](), { mode: 420 });
    io.err(`Created ${path}
`);
  }
}
async function machineconfigPatch(argv, io) {
  const p = parseArgs(argv, [
    { name: "patch", short: "p", type: "repeat" },
    { name: "output", short: "o", type: "string" }
  ]);
  if (p.args.length !== 1) throw new UsageError(`accepts 1 arg(s), received ${p.args.length}`);
  const file = p.args[0];
  let text;
  try {
    text = readFileSync2(resolve2(io.cwd, file), "utf8");
  } catch {
    throw new CliError(`open ${file}: no such file or directory`);
  }
  let patched;
  try {
    patched = applyPatches(
      text,
      list(p, "patch").map((a) => readPatch(io, a))
    );
  } catch (e) {
    throw new CliError(e instanceof Error ? e.message : String(e));
  }
  const out = str(p, "output");
  if (!out || out === "-") return io.out(patched);
  writeFileSync(resolve2(io.cwd, out), patched, { mode: 420 });
}

// src/lab/talos/talosctl/table.ts
function table(header, rows) {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? "").length)));
  return all.map(
    (r) => r.map((cell, i) => i === r.length - 1 ? cell : cell.padEnd((widths[i] ?? 0) + 3)).join("").trimEnd()
  ).map((line) => `${line}
`).join("");
}

// src/lab/talos/talosctl/api-cmds.ts
var wrap = (prefix, e) => {
  if (e instanceof RpcError || e instanceof MultiNodeError)
    throw new CliError(prefix ? `${prefix}: ${e.message}` : e.message);
  throw e;
};
async function applyConfig(argv, io) {
  const p = parseArgs(argv, [
    { name: "file", short: "f", type: "string" },
    { name: "insecure", short: "i", type: "bool" },
    { name: "config-patch", short: "p", type: "repeat" },
    { name: "mode", short: "m", type: "string", default: "auto" },
    { name: "dry-run", type: "bool" },
    { name: "timeout", type: "string", default: "1m0s" },
    { name: "cert-fingerprint", type: "repeat" }
  ]);
  const mode = str(p, "mode");
  if (!["auto", "no-reboot", "reboot", "staged", "try", "interactive"].includes(mode))
    throw new UsageError(
      `invalid argument "${mode}" for "-m, --mode" flag: possible options are: auto, interactive, no-reboot, reboot, staged, try`
    );
  const file = str(p, "file");
  if (!file) throw new CliError("no filename supplied for configuration");
  let data;
  try {
    data = readFileSync3(resolve3(io.cwd, file), "utf8");
  } catch {
    throw new CliError(`can't read the config: open ${file}: no such file or directory`);
  }
  const patches = list(p, "config-patch").map((a) => readPatch(io, a));
  if (patches.length) {
    try {
      data = applyPatches(data, patches);
    } catch (e) {
      throw new CliError(`error applying patches: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  const conn = connect(p, io, {
    insecure: bool(p, "insecure"),
    fingerprint: list(p, "cert-fingerprint")[0]
  });
  try {
    await forEachNode(
      conn,
      "applyConfig",
      { data, mode, dryRun: bool(p, "dry-run") },
      (_n, r) => io.err(`${r.message}
`)
    );
  } catch (e) {
    wrap("error applying new configuration", e);
  }
}
function versionLines(v) {
  return `	Tag:         ${v.tag}
	SHA:         ${v.sha}
	Built:       ${v.built}
	Go version:  ${v.goVersion}
	OS/Arch:     ${v.osArch}
`;
}
async function version(argv, io) {
  const p = parseArgs(argv, [
    { name: "client", type: "bool" },
    { name: "short", type: "bool" },
    { name: "insecure", short: "i", type: "bool" },
    { name: "json", type: "bool" }
  ]);
  const tag = clientVersion(io);
  io.out("Client:\n");
  if (bool(p, "short")) io.out(`Talos ${tag}
`);
  else
    io.out(
      versionLines({
        tag,
        sha: "2b1c3d4e",
        built: "",
        goVersion: "go1.25.1",
        osArch: `linux/${process.arch === "x64" ? "amd64" : process.arch}`
      })
    );
  if (bool(p, "client")) return;
  io.out("Server:\n");
  try {
    const conn = connect(p, io, { insecure: bool(p, "insecure") });
    await forEachNode(conn, "version", {}, (_n, v) => {
      if (v.node) io.out(`	NODE:        ${v.node}
`);
      io.out(versionLines(v));
      io.out(`	Enabled:     ${v.enabled.join(", ")}
`);
    });
  } catch (e) {
    wrap("error getting version", e);
  }
}
async function get(argv, io) {
  const p = parseArgs(argv, [
    { name: "output", short: "o", type: "string", default: "table" },
    { name: "insecure", short: "i", type: "bool" },
    { name: "namespace", type: "string" },
    { name: "watch", short: "w", type: "bool" }
  ]);
  if (p.args.length < 1 || p.args.length > 2)
    throw new UsageError(`accepts between 1 and 2 arg(s), received ${p.args.length}`);
  const [type, id] = p.args;
  const output = str(p, "output");
  if (!["table", "json", "yaml"].includes(output) && !output.startsWith("jsonpath="))
    throw new CliError(`output format "${output}" is not supported`);
  const conn = connect(p, io, { insecure: bool(p, "insecure") });
  const found = [];
  try {
    await forEachNode(
      conn,
      "get",
      { type, id },
      (_n, r) => found.push(...r.resources)
    );
  } catch (e) {
    wrap("", e);
  }
  if (id && found.length === 0)
    throw new CliError(
      `rpc error: code = NotFound desc = resource ${findType(type)?.type ?? type}/${id} not found`
    );
  if (output === "json") {
    for (const r of found) io.out(`${JSON.stringify(r, null, 4)}
`);
  } else if (output === "yaml") {
    io.out(
      found.map((r) => (0, import_yaml3.stringify)(r, { indent: 4, indentSeq: true, lineWidth: 0 })).join("---\n")
    );
  } else if (output.startsWith("jsonpath=")) {
    const path = output.slice("jsonpath=".length).replace(/^\{|\}$/g, "").replace(/^\./, "").split(".").filter(Boolean);
    for (const r of found) {
      const v = path.reduce(
        (at, k) => at && typeof at === "object" ? at[k] : void 0,
        r
      );
      io.out(`${typeof v === "object" ? JSON.stringify(v) : String(v ?? "")}
`);
    }
  } else {
    const def = findType(type);
    const cols = def?.columns ?? [];
    const rows = found.map((r) => [
      r.node,
      r.metadata.namespace,
      r.metadata.type.split(".")[0] ?? "",
      r.metadata.id,
      String(r.metadata.version),
      ...cols.map(([, fn]) => fn(r.spec))
    ]);
    io.out(table(["NODE", "NAMESPACE", "TYPE", "ID", "VERSION", ...cols.map(([h]) => h)], rows));
  }
}
async function bootstrap(argv, io) {
  const p = parseArgs(argv, [
    { name: "recover-from", type: "string" },
    { name: "recover-skip-hash-check", type: "bool" }
  ]);
  const conn = connect(p, io, { insecure: false });
  try {
    const targets = conn.nodes.length ? conn.nodes : [void 0];
    for (const node of targets) await callNode(conn, node, "bootstrap");
  } catch (e) {
    wrap("error executing bootstrap", e);
  }
}

// src/lab/talos/talosctl/node-cmds.ts
var REBOOT_MODES = ["default", "powercycle", "force"];
async function reboot(argv, io) {
  const p = parseArgs(argv, [
    { name: "mode", short: "m", type: "string", default: "default" },
    { name: "wait", type: "bool", default: true },
    { name: "timeout", type: "string", default: "30m0s" },
    { name: "debug", type: "bool" }
  ]);
  const mode = str(p, "mode");
  if (!REBOOT_MODES.includes(mode))
    throw new CliError(
      `invalid reboot mode: "${mode}" (valid modes: ${REBOOT_MODES.map((m) => `"${m}"`).join(", ")})`
    );
  const conn = connect(p, io, { insecure: false });
  const targets = conn.nodes.length ? conn.nodes : [void 0];
  const before = /* @__PURE__ */ new Map();
  try {
    for (const node of targets) {
      if (bool(p, "wait"))
        before.set(node, (await callNode(conn, node, "version")).bootId);
      await callNode(conn, node, "reboot", { mode });
    }
  } catch (e) {
    if (e instanceof RpcError) throw new CliError(`error executing reboot: ${e.message}`);
    throw e;
  }
  if (!bool(p, "wait")) return;
  io.err(`watching nodes: [${targets.join(" ")}]
`);
  const deadline = Date.now() + parseDuration(str(p, "timeout"));
  for (const node of targets) {
    for (; ; ) {
      const r = await callNode(conn, node, "version").catch(() => void 0);
      if (r && r.bootId !== before.get(node)) break;
      if (Date.now() > deadline)
        throw new CliError("error executing reboot: context deadline exceeded");
      await sleep(100);
    }
    io.err(`    * ${node ?? ""}: post check passed
`);
  }
}
async function memory(argv, io) {
  const p = parseArgs(argv, [{ name: "verbose", short: "v", type: "bool" }]);
  const conn = connect(p, io, { insecure: false });
  const rows = [];
  const verbose = [];
  try {
    await forEachNode(conn, "memory", {}, (node, m) => {
      const mb = (kb) => String(Math.floor(kb / 1024));
      rows.push([
        node ?? "",
        mb(m.memtotal),
        mb(m.memtotal - m.memfree - m.cached - m.buffers),
        mb(m.memfree),
        mb(m.shmem),
        mb(m.buffers),
        mb(m.cached),
        mb(m.memavailable)
      ]);
      verbose.push(
        `NODE: ${node ?? ""}
MemTotal: ${m.memtotal} kB
MemFree: ${m.memfree} kB
MemAvailable: ${m.memavailable} kB
Buffers: ${m.buffers} kB
Cached: ${m.cached} kB
Shmem: ${m.shmem} kB
`
      );
    });
  } catch (e) {
    throw new CliError(`error getting memory stats: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (bool(p, "verbose")) io.out(verbose.join(""));
  else
    io.out(
      table(["NODE", "TOTAL", "USED", "FREE", "SHARED", "BUFFERS", "CACHE", "AVAILABLE"], rows)
    );
}

// src/lab/talos/talosctl/ops-cmds.ts
var import_yaml4 = __toESM(require_dist(), 1);
import { chmodSync, existsSync as existsSync3, mkdirSync as mkdirSync2, readFileSync as readFileSync4, statSync as statSync2, writeFileSync as writeFileSync2 } from "node:fs";
import { dirname as dirname2, join as join3, resolve as resolve4 } from "node:path";
var POLL_MS = 100;
var rpcText = (e) => e instanceof Error ? e.message : String(e);
async function health(argv, io) {
  const p = parseArgs(argv, [
    { name: "wait-timeout", type: "string", default: "20m0s" },
    { name: "control-plane-nodes", type: "list" },
    { name: "worker-nodes", type: "list" },
    { name: "init-node", type: "string" },
    { name: "k8s-endpoint", type: "string" },
    { name: "server", type: "bool", default: true },
    { name: "run-e2e", type: "bool" }
  ]);
  const conn = connect(p, io, { insecure: false });
  const node = singleNode(conn, "health");
  const deadline = Date.now() + parseDuration(str(p, "wait-timeout"));
  const body = {
    controlPlaneNodes: list(p, "control-plane-nodes"),
    workerNodes: list(p, "worker-nodes")
  };
  if (!body.controlPlaneNodes.length && !body.workerNodes.length) {
    const members = await callNode(
      conn,
      node,
      "get",
      { type: "members" }
    ).catch((e) => {
      throw new CliError(`healthcheck error: ${rpcText(e)}`);
    });
    io.err(
      `discovered nodes: [${members.resources.map((r) => `"${r.spec.addresses[0] ?? ""}"`).join(" ")}]
`
    );
  }
  let index = 0;
  let shown = "";
  while (true) {
    let conditions;
    try {
      conditions = (await callNode(
        conn,
        node,
        "health",
        body
      )).conditions;
    } catch (e) {
      throw new CliError(`healthcheck error: ${rpcText(e)}`);
    }
    for (; index < conditions.length; index++) {
      const c = conditions[index];
      const text = c.error || "OK";
      if (shown !== `${c.name}
...`) {
        if (shown.split("\n")[0] !== c.name) io.err(`waiting for ${c.name}: ...
`);
        shown = `${c.name}
...`;
      }
      if (c.error) {
        if (shown !== `${c.name}
${text}`) io.err(`waiting for ${c.name}: ${text}
`);
        shown = `${c.name}
${text}`;
        break;
      }
      io.err(`waiting for ${c.name}: OK
`);
    }
    if (index >= conditions.length) return;
    if (Date.now() > deadline)
      throw new CliError(
        "healthcheck error: rpc error: code = DeadlineExceeded desc = context deadline exceeded"
      );
    await sleep(POLL_MS);
  }
}
function merge(existing, incoming) {
  const out = { ...existing };
  const taken = new Set((existing.contexts ?? []).map((c) => c.name));
  for (const ctx of incoming.contexts ?? []) {
    let name = ctx.name;
    for (let i = 1; taken.has(name); i++) name = `${ctx.name}-${i}`;
    taken.add(name);
    const rename = (n) => name === ctx.name ? n : `${n}-${name.slice(ctx.name.length + 1)}`;
    const cluster = incoming.clusters?.find((c) => c.name === ctx.context.cluster);
    const user = incoming.users?.find((u) => u.name === ctx.context.user);
    if (cluster)
      out.clusters = [...out.clusters ?? [], { ...cluster, name: rename(cluster.name) }];
    if (user) out.users = [...out.users ?? [], { ...user, name: rename(user.name) }];
    out.contexts = [
      ...out.contexts ?? [],
      {
        name,
        context: {
          ...ctx.context,
          cluster: rename(ctx.context.cluster),
          user: rename(ctx.context.user)
        }
      }
    ];
    out["current-context"] = name;
  }
  return out;
}
async function kubeconfig(argv, io) {
  const p = parseArgs(argv, [
    { name: "force", short: "f", type: "bool" },
    { name: "merge", short: "m", type: "bool", default: true },
    { name: "force-context-name", type: "string" }
  ]);
  const conn = connect(p, io, { insecure: false });
  const node = singleNode(conn, "kubeconfig");
  let text;
  try {
    text = (await callNode(conn, node, "kubeconfig")).kubeconfig;
  } catch (e) {
    throw new CliError(`error copying: ${rpcText(e)}`);
  }
  const mergeMode = bool(p, "merge");
  const arg = p.args[0];
  if (arg === "-" && !mergeMode) return io.out(text);
  let path = arg ? resolve4(io.cwd, arg) : join3(io.env.HOME ?? "/root", ".kube", "config");
  if (existsSync3(path) && statSync2(path).isDirectory()) path = join3(path, "kubeconfig");
  if (existsSync3(path)) {
    if (!mergeMode) {
      if (!bool(p, "force"))
        throw new CliError(`kubeconfig file already exists, use --force to overwrite: ${path}`);
    } else {
      const merged = merge(
        (0, import_yaml4.parse)(readFileSync4(path, "utf8")) ?? {},
        (0, import_yaml4.parse)(text)
      );
      text = (0, import_yaml4.stringify)(merged);
    }
  }
  mkdirSync2(dirname2(path), { recursive: true });
  writeFileSync2(path, text, { mode: 384 });
  chmodSync(path, 384);
}
async function waitFor(conn, node, timeoutMs, done, insecureConn) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const r = await callNode(conn, node, "version").catch(
      () => insecureConn ? callNode(insecureConn, void 0, "version").catch(
        () => void 0
      ) : void 0
    );
    if (done(r)) return;
    await sleep(POLL_MS);
  }
  throw new CliError("context deadline exceeded");
}
async function reset(argv, io) {
  const p = parseArgs(argv, [
    { name: "graceful", type: "bool", default: true },
    { name: "reboot", type: "bool" },
    { name: "system-labels-to-wipe", type: "repeat" },
    { name: "wipe-mode", type: "string", default: "all" },
    { name: "user-disks-to-wipe", type: "repeat" },
    { name: "insecure", short: "i", type: "bool" },
    { name: "wait", type: "bool", default: true },
    { name: "timeout", type: "string", default: "30m0s" },
    { name: "debug", type: "bool" }
  ]);
  const insecure = bool(p, "insecure");
  if (insecure && bool(p, "wait")) throw new CliError("cannot use --wait and --insecure together");
  const wipeMode = str(p, "wipe-mode");
  if (!["all", "system-disk", "user-disks"].includes(wipeMode))
    throw new CliError(
      `invalid argument "${wipeMode}" for "--wipe-mode" flag: valid values are [all system-disk user-disks]`
    );
  const conn = connect(p, io, { insecure });
  const body = {
    graceful: bool(p, "graceful"),
    reboot: bool(p, "reboot"),
    labels: list(p, "system-labels-to-wipe"),
    wipeMode,
    userDisks: list(p, "user-disks-to-wipe")
  };
  const targets = conn.nodes.length ? conn.nodes : [void 0];
  const before = /* @__PURE__ */ new Map();
  try {
    for (const node of targets) {
      if (bool(p, "wait"))
        before.set(node, (await callNode(conn, node, "version")).bootId);
      await callNode(conn, node, "reset", body);
    }
  } catch (e) {
    if (e instanceof RpcError) throw new CliError(`error executing reset: ${e.message}`);
    throw e;
  }
  if (!bool(p, "wait")) return;
  io.err(`watching nodes: [${targets.join(" ")}]
`);
  const timeout = parseDuration(str(p, "timeout"));
  for (const node of targets) {
    const direct = connect(
      { ...p, flags: { ...p.flags, nodes: node ? [node] : p.flags.endpoints } },
      io,
      { insecure: true }
    );
    try {
      if (body.reboot)
        await waitFor(conn, node, timeout, (r) => !!r && r.bootId !== before.get(node), direct);
      else await waitFor(conn, node, timeout, (r) => !r, direct);
    } catch (e) {
      throw new CliError(`error executing reset: ${rpcText(e)}`);
    }
    io.err(`    * ${node ?? ""}: post check passed
`);
  }
}
async function upgrade(argv, io) {
  const p = parseArgs(argv, [
    { name: "image", short: "i", type: "string" },
    { name: "drain", type: "bool", default: true },
    { name: "drain-timeout", type: "string", default: "5m0s" },
    { name: "no-reboot", type: "bool" },
    { name: "progress", type: "string", default: "auto" },
    { name: "reboot-mode", short: "m", type: "string", default: "default" },
    { name: "stage", short: "s", type: "bool" },
    { name: "force", short: "f", type: "bool" },
    { name: "preserve", type: "bool" },
    { name: "legacy", type: "bool" },
    { name: "insecure", type: "bool" },
    { name: "wait", type: "bool", default: true },
    { name: "timeout", type: "string", default: "30m0s" },
    { name: "debug", type: "bool" }
  ]);
  const image = str(p, "image") ?? "ghcr.io/siderolabs/installer:v1.13.9";
  const tag = /:([^:/]+)$/.exec(image)?.[1] ?? "";
  const conn = connect(p, io, { insecure: false });
  const targets = conn.nodes.length ? conn.nodes : [void 0];
  const before = /* @__PURE__ */ new Map();
  try {
    for (const node of targets) {
      before.set(node, (await callNode(conn, node, "version")).bootId);
      await callNode(conn, node, "upgrade", { image });
    }
  } catch (e) {
    if (e instanceof RpcError) throw new CliError(`error executing upgrade: ${e.message}`);
    throw e;
  }
  if (!bool(p, "wait")) return;
  io.err(`watching nodes: [${targets.join(" ")}]
`);
  for (const node of targets) {
    try {
      await waitFor(
        conn,
        node,
        parseDuration(str(p, "timeout")),
        (r) => !!r && r.bootId !== before.get(node) && r.tag === tag
      );
    } catch (e) {
      throw new CliError(`error executing upgrade: ${rpcText(e)}`);
    }
    io.err(`    * ${node ?? ""}: post check passed
`);
  }
}
async function etcd(argv, io) {
  const [sub, ...rest] = argv;
  if (sub !== "members")
    throw new CliError(
      `unknown command "${sub ?? ""}" for "talosctl etcd" (lab talosctl implements "members")`
    );
  const p = parseArgs(rest, []);
  const conn = connect(p, io, { insecure: false });
  const rows = [];
  try {
    await forEachNode(conn, "etcdMembers", {}, (node, r) => {
      for (const m of r.members)
        rows.push([
          node ?? "",
          m.id,
          m.hostname,
          m.peerUrls.join(","),
          m.clientUrls.join(","),
          String(m.learner)
        ]);
    });
  } catch (e) {
    throw new CliError(`error getting members: ${rpcText(e)}`);
  }
  io.out(table(["NODE", "ID", "HOSTNAME", "PEER URLS", "CLIENT URLS", "LEARNER"], rows));
}
async function wipe(argv, io) {
  const [sub, ...rest] = argv;
  if (sub !== "disk") throw new CliError(`unknown command "${sub ?? ""}" for "talosctl wipe"`);
  const p = parseArgs(rest, [
    { name: "insecure", short: "i", type: "bool" },
    { name: "method", type: "string", default: "FAST" },
    { name: "drop-partition", type: "bool" }
  ]);
  if (p.args.length === 0) throw new CliError("requires at least 1 arg(s), only received 0");
  const conn = connect(p, io, { insecure: bool(p, "insecure") });
  try {
    await forEachNode(
      conn,
      "wipeDisk",
      { disks: p.args, method: str(p, "method") },
      () => void 0
    );
  } catch (e) {
    throw new CliError(`error wiping devices: ${rpcText(e)}`);
  }
}

// src/lab/talos/talosctl/main.ts
async function config(argv, io) {
  const [sub, ...rest] = argv;
  const p = parseArgs(rest, []);
  const { path, config: file } = loadTalosconfig(p, io);
  const { name, ctx } = currentContext(p, file);
  if (sub === "endpoint" || sub === "endpoints" || sub === "node" || sub === "nodes") {
    if (!file.contexts?.[name]) throw new CliError("no context is set");
    if (sub.startsWith("endpoint")) ctx.endpoints = p.args;
    else ctx.nodes = p.args;
    writeFileSync3(path, (0, import_yaml5.stringify)(file, { indent: 4, indentSeq: true, lineWidth: 0 }));
    return;
  }
  if (sub === "info") {
    let expires = "unknown";
    try {
      const cert = new X509Certificate(unb64(ctx.crt));
      expires = new Date(cert.validTo).toISOString();
    } catch {
    }
    const pad = (k) => k.padEnd(21);
    io.out(
      `${pad("Current context:")}${name}
${pad("Nodes:")}${ctx.nodes?.length ? ctx.nodes.join(", ") : "not defined"}
${pad("Endpoints:")}${ctx.endpoints?.length ? ctx.endpoints.join(", ") : "not defined"}
${pad("Roles:")}os:admin
${pad("Certificate expires:")}${expires}
`
    );
    return;
  }
  if (sub === "contexts") {
    for (const n of Object.keys(file.contexts ?? {})) io.out(`${n === name ? "*" : " "} ${n}
`);
    return;
  }
  throw new CliError(
    `unknown command "${sub ?? ""}" for "talosctl config" (lab talosctl implements endpoint, node, info, contexts)`
  );
}
var COMMANDS = {
  gen: { secrets: genSecrets, config: genConfig },
  machineconfig: { patch: machineconfigPatch },
  "apply-config": applyConfig,
  apply: applyConfig,
  version,
  get,
  bootstrap,
  health,
  kubeconfig,
  reset,
  reboot,
  memory,
  upgrade,
  etcd,
  wipe,
  config
};
var USAGE = `Usage:
  talosctl [command]

Available Commands (rk1 lab talosctl):
  apply-config, bootstrap, config, etcd, gen, get, health, kubeconfig, machineconfig, memory, reboot, reset,
  upgrade, version, wipe

Flags:
      --context string       Context to be used in command
  -e, --endpoints strings    override default endpoints in Talos configuration
  -n, --nodes strings        target the specified nodes
      --talosconfig string   The path to the Talos configuration file.
`;
async function main(argv, io) {
  const lead = [];
  let i = 0;
  while (i < argv.length && argv[i].startsWith("-")) {
    const t = argv[i];
    lead.push(t);
    i++;
    if (!t.includes("=") && ["--talosconfig", "--context", "-e", "--endpoints", "-n", "--nodes"].includes(t) && i < argv.length)
      lead.push(argv[i++]);
  }
  const name = argv[i];
  const entry = name ? COMMANDS[name] : void 0;
  if (!entry) {
    if (!name || lead.includes("--help") || lead.includes("-h")) {
      io.out(USAGE);
      return name ? 1 : 0;
    }
    io.err(`unknown command "${name}" for "talosctl"
Run 'talosctl --help' for usage.
`);
    return 1;
  }
  let command;
  let rest = argv.slice(i + 1);
  if (typeof entry === "function") command = entry;
  else {
    const sub = rest[0];
    const found = sub ? entry[sub] : void 0;
    if (!found) {
      io.err(`unknown command "${sub ?? ""}" for "talosctl ${name}"
`);
      return 1;
    }
    command = found;
    rest = rest.slice(1);
  }
  try {
    await command([...rest, ...lead], io);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) io.err(`${e.message}
${USAGE}`);
    else if (e instanceof CliError || e instanceof RpcError) io.err(`${e.message}
`);
    else io.err(`${e instanceof Error ? e.message : String(e)}
`);
    return 1;
  }
}

// src/entry/lab-talosctl.ts
var code = await main(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd()
});
process.exitCode = code;

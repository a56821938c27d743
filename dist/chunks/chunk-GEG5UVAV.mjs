import { createRequire as __rk1CreateRequire } from 'node:module'; const require = __rk1CreateRequire(import.meta.url);
import {
  commands
} from "./chunk-BJX5V6TN.mjs";

// src/cli/args.ts
import { parseArgs } from "node:util";
var UsageError = class extends Error {
};
var isBooleanInput = (spec) => spec.default === "true" || spec.default === "false";
var RUN_SWITCHES = [
  { name: "summary-file", description: "Also append the run summary (Markdown) to this file." },
  { name: "output-file", description: "Write the outputs as JSON to this file (mode 0600)." },
  { name: "verbose", description: "Show debug lines.", default: "false" }
];
var HELP = { name: "help", description: "Show this help.", default: "false" };
function usageMessage(error) {
  const option = /'(-[^' ]+)/.exec(error.message)?.[1];
  if (error.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION")
    return `unknown option ${option ?? error.message}`;
  if (error.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE")
    return /does not take an argument/.test(error.message) ? `${option} is a switch and takes no value` : `${option} needs a value`;
  return error.message;
}
function normalizeSwitches(argv, switches) {
  const out = [];
  const off = /* @__PURE__ */ new Set();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const match = /^--(no-)?([a-z0-9-]+)(?:=(.*))?$/.exec(arg);
    const negated = match?.[1] !== void 0;
    const name = match?.[2] ?? "";
    if (!match || !switches.has(name)) {
      out.push(arg);
      continue;
    }
    let value = match[3];
    if (value === void 0 && !negated && /^(true|false)$/.test(argv[i + 1] ?? ""))
      value = argv[++i];
    if (value !== void 0 && !/^(true|false)$/.test(value))
      throw new UsageError(`--${name} is a switch: give it alone, or as true or false`);
    const on = negated ? value === "false" : value !== "false";
    if (on) out.push(`--${name}`);
    else off.add(name);
  }
  return { args: out, off };
}
function parseCommandLine(argv, specs, { runSwitches = true } = {}) {
  const all = [...specs, ...runSwitches ? RUN_SWITCHES : [], HELP];
  const options = {};
  for (const spec of all) options[spec.name] = { type: isBooleanInput(spec) ? "boolean" : "string" };
  const switches = new Set(all.filter(isBooleanInput).map((spec) => spec.name));
  const { args, off } = normalizeSwitches(argv, switches);
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options,
      allowPositionals: true,
      strict: true
    });
  } catch (error) {
    throw new UsageError(usageMessage(error));
  }
  if (parsed.values.help === true) return { values: /* @__PURE__ */ new Map(), verbose: false, help: true };
  const [positional] = parsed.positionals;
  if (positional !== void 0)
    throw new UsageError(`unexpected argument "${positional}" (options are given as --name value)`);
  const values = /* @__PURE__ */ new Map();
  for (const spec of specs) {
    const value = off.has(spec.name) ? false : parsed.values[spec.name];
    if (value === void 0) continue;
    if (spec.secret) {
      throw new UsageError(
        `--${spec.name} is not accepted on the command line (it would be visible to other users); set the environment variable ${spec.env ?? spec.name.toUpperCase()} instead`
      );
    }
    values.set(spec.name, String(value));
  }
  return {
    values,
    verbose: parsed.values.verbose === true,
    help: false,
    summaryFile: parsed.values["summary-file"],
    outputFile: parsed.values["output-file"]
  };
}
function optionLines(specs) {
  const rows = specs.map((spec) => {
    const flag = spec.secret ? `$${spec.env ?? `(no CLI form) ${spec.name}`}` : `--${spec.name}${isBooleanInput(spec) ? "" : " <value>"}`;
    const def = spec.default && !spec.secret && spec.default !== "false" ? ` (default: ${spec.default})` : "";
    const env = spec.env && !spec.secret ? ` (or $${spec.env})` : "";
    return [flag, `${spec.description}${def}${env}`];
  });
  const width = Math.max(...rows.map(([flag]) => flag.length)) + 2;
  return rows.map(([flag, text]) => `  ${flag.padEnd(width)}${text}`);
}
function commandHelp(name, description, specs, { runSwitches = true } = {}) {
  const options = specs.filter((s) => !s.secret);
  const secrets = specs.filter((s) => s.secret);
  const lines = [`Usage: rk1 ${name} [options]`, "", description, "", "Options:"];
  lines.push(...optionLines([...options, ...runSwitches ? RUN_SWITCHES : [], HELP]));
  if (secrets.length > 0) {
    lines.push("", "Secrets (from the environment only; command lines are visible to other users):");
    lines.push(...optionLines(secrets));
  }
  return lines.join("\n");
}
function usageLine(name, error) {
  return `rk1 ${name}: ${error.message}. See: rk1 ${name} --help`;
}

// src/cli/cli-commands.ts
var DEFAULT_LAB_DIR = ".rk1/lab";
var DEFAULT_DEMO_DIR = ".rk1/demo";
var DEFAULT_LAB_SUBNET = "127.0.1.0/24";
var timeScale = {
  name: "time-scale",
  description: "Divide the realistic timings (flash, boots) by this factor.",
  default: "50"
};
var labCommands = [
  {
    name: "lab up",
    description: 'Start the virtual lab in the foreground: an emulated Turing Pi 2 with four RK1 nodes on loopback (SIMULATED). Ctrl-C or "rk1 lab down" stops it.',
    options: [
      {
        name: "dir",
        description: "Folder for the inventory, lab.env, emulated eMMCs and node state.",
        default: DEFAULT_LAB_DIR
      },
      {
        name: "subnet",
        description: "Loopback /24 for the nodes (.1-.4) and the MetalLB pool (.80-.89), e.g. 127.0.2.0/24.",
        default: DEFAULT_LAB_SUBNET
      },
      timeScale
    ],
    runSwitches: false
  },
  {
    name: "lab down",
    description: 'Stop a lab started with "rk1 lab up".',
    options: [
      {
        name: "dir",
        description: `The lab's folder. Default: ${DEFAULT_LAB_DIR} if a lab runs from it, else the only running lab.`
      }
    ],
    runSwitches: false
  },
  {
    name: "demo",
    description: "The whole life on a fresh lab (SIMULATED): per distro provision, deploy the workloads, benchmark, wipe; then the report over both. Says how each step went and how long it took; keeps its folder (report, outputs, lab files) and stops the lab.",
    options: [
      {
        name: "distro",
        description: "talos, k3s or both (Talos first, then K3s on the same nodes).",
        default: "both"
      },
      {
        name: "dir",
        description: "Folder the demo writes and keeps; an earlier demo's folder is replaced, any other non-empty folder refused.",
        default: DEFAULT_DEMO_DIR
      },
      {
        name: "keep",
        description: 'Leave the lab running after the demo (Ctrl-C or "rk1 lab down --dir <dir>/lab" stops it).',
        default: "false"
      },
      timeScale
    ],
    runSwitches: false
  }
];
function cliCommands() {
  return [
    ...commands.map((c) => ({
      name: c.name,
      description: c.description,
      options: c.inputs,
      runSwitches: true
    })),
    ...labCommands
  ];
}

export {
  UsageError,
  parseCommandLine,
  commandHelp,
  usageLine,
  DEFAULT_LAB_DIR,
  labCommands,
  cliCommands
};

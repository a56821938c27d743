import { createRequire as __rk1CreateRequire } from 'node:module'; const require = __rk1CreateRequire(import.meta.url);
import {
  runAction
} from "./chunks/chunk-IMDRS77I.mjs";
import {
  getInput,
  setFailed
} from "./chunks/chunk-THUNZOEJ.mjs";
import "./chunks/chunk-752RP7TM.mjs";
import "./chunks/chunk-VC32HTHH.mjs";
import "./chunks/chunk-2ABN6F3B.mjs";
import "./chunks/chunk-7FAVCP4D.mjs";
import {
  commandNames,
  findCommand
} from "./chunks/chunk-BJX5V6TN.mjs";
import "./chunks/chunk-2M5DTWY3.mjs";
import "./chunks/chunk-56JNS6Q3.mjs";
import "./chunks/chunk-7BRERKNQ.mjs";
import "./chunks/chunk-TJN2CFBI.mjs";

// src/github/foreign-inputs.ts
function dropForeignInputs(command2, env) {
  const own = /* @__PURE__ */ new Set(["COMMAND", ...command2.inputs.map((i) => i.name.toUpperCase())]);
  const dropped = [];
  for (const key of Object.keys(env)) {
    if (!key.startsWith("INPUT_")) continue;
    const name2 = key.slice("INPUT_".length);
    if (own.has(name2)) continue;
    delete env[key];
    dropped.push(name2.toLowerCase());
  }
  return dropped;
}

// src/entry/main.ts
var name = getInput("command").trim();
var command = findCommand(name);
if (command) {
  dropForeignInputs(command, process.env);
  await runAction(command);
} else setFailed(`Unknown command "${name}". Valid commands: ${commandNames.join(", ")}.`);

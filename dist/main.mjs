import { createRequire as __rk1CreateRequire } from 'node:module'; const require = __rk1CreateRequire(import.meta.url);
import {
  runAction
} from "./chunks/chunk-G4TTVF52.mjs";
import "./chunks/chunk-OKAKXKBG.mjs";
import {
  getInput,
  setFailed
} from "./chunks/chunk-THUNZOEJ.mjs";
import "./chunks/chunk-2ABN6F3B.mjs";
import "./chunks/chunk-7FAVCP4D.mjs";
import {
  commandNames,
  findCommand
} from "./chunks/chunk-HU3TCDCU.mjs";
import "./chunks/chunk-2M5DTWY3.mjs";
import "./chunks/chunk-56JNS6Q3.mjs";
import "./chunks/chunk-7BRERKNQ.mjs";
import "./chunks/chunk-TJN2CFBI.mjs";

// src/entry/main.ts
var name = getInput("command").trim();
var command = findCommand(name);
if (command) await runAction(command);
else setFailed(`Unknown command "${name}". Valid commands: ${commandNames.join(", ")}.`);

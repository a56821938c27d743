import { createRequire as __rk1CreateRequire } from 'node:module'; const require = __rk1CreateRequire(import.meta.url);
import {
  getInput,
  runAction,
  setFailed
} from "./chunks/chunk-WZRURTXH.mjs";
import {
  commandNames,
  findCommand
} from "./chunks/chunk-6SXSKYX3.mjs";
import "./chunks/chunk-SWAD3OI3.mjs";

// src/entry/main.ts
var name = getInput("command").trim();
var command = findCommand(name);
if (command) await runAction(command);
else setFailed(`Unknown command "${name}". Valid commands: ${commandNames.join(", ")}.`);

import { createRequire as __rk1CreateRequire } from 'node:module'; const require = __rk1CreateRequire(import.meta.url);
import {
  getInput,
  runAction,
  setFailed
} from "./chunks/chunk-FOKEJ5WY.mjs";
import {
  commandNames,
  findCommand
} from "./chunks/chunk-OZ7ONKTY.mjs";
import "./chunks/chunk-XO7XCKBM.mjs";
import "./chunks/chunk-AAZSCV46.mjs";

// src/entry/main.ts
var name = getInput("command").trim();
var command = findCommand(name);
if (command) await runAction(command);
else setFailed(`Unknown command "${name}". Valid commands: ${commandNames.join(", ")}.`);

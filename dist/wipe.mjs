import { createRequire as __rk1CreateRequire } from 'node:module'; const require = __rk1CreateRequire(import.meta.url);
import {
  runAction
} from "./chunks/chunk-PDP7SEIU.mjs";
import {
  findCommand
} from "./chunks/chunk-NNKWT7DR.mjs";
import "./chunks/chunk-XO7XCKBM.mjs";
import "./chunks/chunk-AAZSCV46.mjs";

// src/entry/wipe.ts
await runAction(findCommand("wipe"));

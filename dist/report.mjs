import { createRequire as __rk1CreateRequire } from 'node:module'; const require = __rk1CreateRequire(import.meta.url);
import {
  runAction
} from "./chunks/chunk-B76AC5TY.mjs";
import {
  findCommand
} from "./chunks/chunk-4MEDPBGI.mjs";
import "./chunks/chunk-XO7XCKBM.mjs";
import "./chunks/chunk-AAZSCV46.mjs";

// src/entry/report.ts
await runAction(findCommand("report"));
